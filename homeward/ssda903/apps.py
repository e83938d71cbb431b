from django.apps import AppConfig


class Ssda903Config(AppConfig):
    name = "homeward.ssda903"
    label = "ssda903"
    verbose_name = "SSDA903 return"

    def ready(self) -> None:
        from homeward.children import hooks
        from homeward.ssda903.selectors import dfe_notice

        hooks.add_to_record(dfe_notice)  # the DfE rules the child's data fails, on their record
