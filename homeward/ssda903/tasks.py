"""Background tasks for the SSDA903 return (django-tasks; the queue lives in the database)."""

from __future__ import annotations

import logging

from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.utils import timezone
from django_tasks import task

from homeward.ssda903 import progress
from homeward.ssda903.importer import import_return
from homeward.ssda903.models import ImportRun
from homeward.ssda903.sources import sources_from_path
from homeward.ssda903.uploads import discard, tables_folder, upload_folder

logger = logging.getLogger(__name__)

DATABASE_LOST = (
    "The import stopped: the connection to the database was lost. Nothing was imported. "
    "Import the files again."
)


def failure_message(exc: BaseException) -> str:
    if isinstance(exc, OperationalError | InterfaceError):
        return DATABASE_LOST
    return f"The import failed: {exc}. Nothing was imported. Import the files again."[:500]


def mark_failed(run_id: int, exc: BaseException) -> None:
    """Record that an import stopped before it committed (its transaction was rolled back).
    After a lost connection, a new one is opened; if the database cannot be reached at all,
    the stale check will end the run once it can."""
    if connection.connection is not None and not connection.is_usable():
        connection.close()
    try:
        ImportRun.objects.filter(pk=run_id, status__in=ImportRun.IN_PROGRESS).update(
            status=ImportRun.Status.FAILED,
            message=failure_message(exc),
            progress=100,
            finished_at=timezone.now(),
            updated_at=timezone.now(),
        )
    except DatabaseError:
        logger.exception("Import %s failed, and its failure could not be recorded", run_id)


@task()
def import_uploaded_return(run_id: int) -> str:
    """Import the files uploaded for one ImportRun; the run records progress and the result.
    The uploaded files are removed when it ends, however it ends."""
    progress.fail_stale_imports()  # runs a dead worker left "in progress"
    run = ImportRun.objects.filter(pk=run_id).first()
    if run is None or run.status != ImportRun.Status.QUEUED:
        discard(run_id)
        return run.status if run else "missing"
    try:
        sources = sources_from_path(upload_folder(run_id), tables_folder(run_id))
        run = import_return(sources, run=run, collection_year=run.collection_year)
    except ValueError as exc:  # an unreadable upload: say what, never a stack trace
        run.status = ImportRun.Status.BLOCKED
        run.blocking = [{"file": "", "row": "", "column": "", "message": str(exc)}]
        run.message = str(exc)[:500]
        run.progress = 100
        run.finished_at = timezone.now()
        run.save()
    except Exception as exc:
        mark_failed(run_id, exc)
        raise
    finally:
        discard(run_id)
        progress.forget(run)
    return run.status
