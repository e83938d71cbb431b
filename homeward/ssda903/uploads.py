"""Where an uploaded return waits for the worker, and its removal when the import ends.

The files hold children's data: they live in one folder per import under ``UPLOAD_ROOT``
(with the CSV tables an XML return is turned into), and the folder is removed when the import
ends, however it ends: imported, blocked, failed, or found dead by the stale check
(``progress.fail_stale_imports``). Django's own temporary copies of a large upload are deleted
when the request ends."""

from __future__ import annotations

import shutil
from collections.abc import Iterable
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile


def upload_folder(run_id: int) -> Path:
    return Path(settings.UPLOAD_ROOT) / f"import-{run_id}"


def tables_folder(run_id: int) -> Path:
    """Where the CSV tables of an XML return are written (inside the upload folder)."""
    return upload_folder(run_id) / "tables"


def store(run_id: int, files: Iterable[UploadedFile]) -> Path:
    folder = upload_folder(run_id)
    folder.mkdir(parents=True, exist_ok=True)
    for upload in files:
        # The name only, never a path the browser sent.
        name = Path((upload.name or "upload").replace("\\", "/")).name or "upload"
        with (folder / name).open("wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
    return folder


def discard(run_id: int) -> None:
    shutil.rmtree(upload_folder(run_id), ignore_errors=True)
