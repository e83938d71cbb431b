"""Where prepared downloads are kept: the ``exports`` storage of ``settings.STORAGES``, a private
folder (``HOMEWARD_EXPORT_ROOT``) never served as static or media files; only the download view,
which checks who asked, reads it. Looked up when first used, and again after ``STORAGES``
changes, so a test can point it elsewhere."""

from __future__ import annotations

from django.core.files.storage import Storage, storages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.functional import LazyObject, empty

ALIAS = "exports"


class _ExportStorage(LazyObject):
    def _setup(self) -> None:
        self._wrapped = storages[ALIAS]


export_storage = _ExportStorage()


def exports_storage() -> Storage:
    """The storage of ``Export.file`` (a callable, so migrations name it, not a folder)."""
    return export_storage


def folder_of(export_id: int) -> str:
    """Each export's file lives in a folder named for it, so removing the folder removes
    anything a worker stopped half way through writing."""
    return f"{export_id}"


@receiver(setting_changed)
def _storages_changed(*, setting: str, **kwargs: object) -> None:
    if setting == "STORAGES":
        export_storage._wrapped = empty
