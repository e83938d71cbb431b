"""Where documents' files are kept: the ``documents`` storage of ``settings.STORAGES`` (a local
folder, ``HOMEWARD_DOCUMENT_ROOT``, by default; S3-compatible storage through django-storages
where a council configures it: README-documents.md). Looked up when first used, and again after
``STORAGES`` changes (as Django does for its default storage), so a test can point it elsewhere.
"""

from __future__ import annotations

from django.core.files.storage import Storage

from homeward.storages import lazy_storage

ALIAS = "documents"

document_storage = lazy_storage(ALIAS)


def documents_storage() -> Storage:
    """The storage of ``Document.file`` (a callable, so migrations name it, not a folder)."""
    return document_storage
