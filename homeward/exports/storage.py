"""Where prepared downloads are kept: the ``exports`` storage of ``settings.STORAGES``, a private
folder (``HOMEWARD_EXPORT_ROOT``) never served as static or media files; only the download view,
which checks who asked, reads it. Looked up when first used, and again after ``STORAGES``
changes, so a test can point it elsewhere."""

from __future__ import annotations

from django.core.files.storage import Storage

from homeward.storages import lazy_storage

ALIAS = "exports"

export_storage = lazy_storage(ALIAS)


def exports_storage() -> Storage:
    """The storage of ``Export.file`` (a callable, so migrations name it, not a folder)."""
    return export_storage


def folder_of(export_id: int) -> str:
    """Each export's file lives in a folder named for it, so removing the folder removes
    anything a worker stopped half way through writing."""
    return f"{export_id}"
