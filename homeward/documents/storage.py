"""Where documents' files are kept: the ``documents`` storage of ``settings.STORAGES`` (a local
folder, ``HOMEWARD_DOCUMENT_ROOT``, by default; S3-compatible storage through django-storages
where a council configures it: README-documents.md). Looked up when first used, and again after
``STORAGES`` changes (as Django does for its default storage), so a test can point it elsewhere.
"""

from __future__ import annotations

from django.core.files.storage import Storage, storages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.functional import LazyObject, empty

ALIAS = "documents"


class _DocumentStorage(LazyObject):
    def _setup(self) -> None:
        self._wrapped = storages[ALIAS]


document_storage = _DocumentStorage()


def documents_storage() -> Storage:
    """The storage of ``Document.file`` (a callable, so migrations name it, not a folder)."""
    return document_storage


@receiver(setting_changed)
def _storages_changed(*, setting: str, **kwargs: object) -> None:
    if setting == "STORAGES":
        document_storage._wrapped = empty
