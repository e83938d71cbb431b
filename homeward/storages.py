"""A storage of ``settings.STORAGES`` by its alias (the documents' files, the prepared downloads),
looked up when first used and again after ``STORAGES`` changes, as Django does for its default
storage, so a test can point it elsewhere."""

from __future__ import annotations

from typing import Any

from django.core.files.storage import storages
from django.core.signals import setting_changed
from django.utils.functional import LazyObject, empty


def lazy_storage(alias: str) -> LazyObject:
    """``storages[alias]``, resolved when first used and forgotten when ``STORAGES`` changes."""

    class _Storage(LazyObject):  # no arguments: LazyObject copies itself as type(self)()
        def _setup(self) -> None:
            self._wrapped = storages[alias]

    storage = _Storage()

    def _storages_changed(*, setting: str, **kwargs: Any) -> None:
        if setting == "STORAGES":
            storage._wrapped = empty

    setting_changed.connect(_storages_changed, weak=False)
    return storage
