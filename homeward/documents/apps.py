from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "homeward.documents"
    label = "documents"
    verbose_name = "Documents"
