"""Background tasks for the SSDA903 return (django-tasks; the queue lives in the database)."""

from __future__ import annotations

import shutil
from pathlib import Path

from django.conf import settings
from django_tasks import task

from homeward.ssda903.importer import import_return
from homeward.ssda903.models import ImportRun
from homeward.ssda903.sources import sources_from_path


def upload_folder(run_id: int) -> Path:
    return Path(settings.UPLOAD_ROOT) / f"import-{run_id}"


@task()
def import_uploaded_return(run_id: int) -> str:
    """Import the files uploaded for one ImportRun; the run records progress and the result."""
    run = ImportRun.objects.get(pk=run_id)
    folder = upload_folder(run_id)
    try:
        sources = sources_from_path(folder)
        run = import_return(sources, run=run, collection_year=run.collection_year)
    except ValueError as exc:  # an unreadable upload: say what, never a stack trace
        run.status = ImportRun.Status.BLOCKED
        run.blocking = [{"file": "", "row": "", "column": "", "message": str(exc)}]
        run.message = str(exc)[:500]
        run.progress = 100
        run.save()
    except Exception as exc:
        ImportRun.objects.filter(pk=run_id).update(
            status=ImportRun.Status.FAILED, message=f"The import failed: {exc}"[:500], progress=100
        )
        raise
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return run.status
