"""The background task that prepares one download (django-tasks; the queue lives in the
database, and ``manage.py db_worker`` runs it, as it runs the SSDA903 import)."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.text import get_valid_filename
from django_tasks import task

from homeward.exports.models import Export
from homeward.exports.registry import exporter_for
from homeward.exports.storage import export_storage, folder_of

logger = logging.getLogger(__name__)


class ExportRefused(Exception):
    """A download that may not be built; its message is shown to the person who asked."""


def remove_files(export_id: int) -> None:
    """Remove the export's folder and whatever is in it (a finished file, or half of one)."""
    folder = folder_of(export_id)
    try:
        _, files = export_storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in files:
        export_storage.delete(f"{folder}/{name}")
    try:
        os.rmdir(export_storage.path(folder))
    except NotImplementedError:  # a storage without folders (S3): nothing is left
        return
    except OSError:  # already gone
        return


def failure_message(exc: BaseException) -> str:
    if isinstance(exc, ExportRefused):
        return str(exc)[:500]
    return f"The download could not be prepared: {exc}. Ask for it again."[:500]


def _reporter(export_id: int) -> Callable[[int], None]:
    last = {"percent": 0}

    def report(percent: int) -> None:
        percent = max(1, min(int(percent), 99))  # 100 only when the file is written
        if percent > last["percent"]:
            last["percent"] = percent
            Export.objects.filter(pk=export_id, status=Export.Status.RUNNING).update(
                progress=percent
            )

    return report


@task()
def build_export(export_id: int) -> str:
    """Build one export as the person who asked for it: their access is checked again, the
    builder reads only the children they may see, and the file is stored before the export is
    marked ready. On any error the export is marked failed with a message, and no file is kept."""
    claimed = Export.objects.filter(pk=export_id, status=Export.Status.QUEUED).update(
        status=Export.Status.RUNNING, progress=1
    )
    if not claimed:  # gone (pruned), or already taken by another worker
        export = Export.objects.filter(pk=export_id).first()
        return export.status if export else "missing"
    export = Export.objects.select_related("requested_by").get(pk=export_id)
    try:
        exporter = exporter_for(export.kind)
        if exporter is None:
            raise ExportRefused(
                f"Homeward no longer prepares this kind of download ({export.kind})."
            )
        user = export.requested_by
        if not user.is_active or not exporter.may_ask(user):
            raise ExportRefused(exporter.refused)
        built = exporter.build(user, dict(export.parameters), _reporter(export_id))
        name = export_storage.save(
            f"{folder_of(export_id)}/{get_valid_filename(built.filename)}",
            ContentFile(built.content),
        )
        done = Export.objects.filter(pk=export_id, status=Export.Status.RUNNING).update(
            status=Export.Status.READY,
            progress=100,
            rows=built.children,
            file=name,
            file_name=built.filename[:200],
            finished_at=timezone.now(),
            message="",
        )
        if not done:  # removed while it was being built
            remove_files(export_id)
            return "missing"
    except Exception as exc:
        if not isinstance(exc, ExportRefused):
            logger.exception("Export %s (%s) failed", export_id, export.kind)
        remove_files(export_id)
        Export.objects.filter(pk=export_id).update(
            status=Export.Status.FAILED,
            progress=100,
            finished_at=timezone.now(),
            message=failure_message(exc),
            file="",
        )
        return Export.Status.FAILED
    return Export.Status.READY
