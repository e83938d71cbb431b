"""An import's progress and heartbeat, kept outside the database, and the check that ends an
import nobody is running any more.

The import writes in one transaction, so a progress row updated inside it would be seen by
nobody until the end (and on SQLite a second connection writing meanwhile waits for the
import's lock). So the worker reports progress to the "progress" cache (files on the server's
disk by default, see settings.CACHES), and a thread beats every ``HEARTBEAT_SECONDS`` while the
import runs. A worker killed, or one whose database connection is lost and cannot say so, stops
beating; the next page or worker to look (``fail_stale_imports``) ends the run: failed with a
message if it had not committed (nothing was written: its transaction was rolled back), or
imported with a note if only the DfE rules were left to run.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.utils import timezone

from homeward.ssda903.models import ImportRun
from homeward.ssda903.uploads import discard

HEARTBEAT_SECONDS = 10
logger = logging.getLogger(__name__)

STALE_MESSAGE = (
    "The import stopped: nothing was heard from the worker running it for {minutes} (it was "
    "stopped, or lost its database connection). Nothing was imported. Import the files again."
)
STALE_AFTER_COMMIT = (
    "Imported, but the DfE rules did not finish: the worker running them stopped. Import the "
    "files again to see the DfE rule failures."
)


def _cache() -> Any:
    return caches["progress"]


def _keys(run: ImportRun) -> tuple[str, str]:
    return f"import-{run.token}-progress", f"import-{run.token}-beat"


def report(run: ImportRun, percent: int, message: str) -> None:
    progress_key, beat_key = _keys(run)
    _cache().set_many({progress_key: (percent, message), beat_key: timezone.now().timestamp()})


def beat(run: ImportRun) -> None:
    _cache().set(_keys(run)[1], timezone.now().timestamp())


def last_beat(run: ImportRun) -> dt.datetime | None:
    stamp = _cache().get(_keys(run)[1])
    return None if stamp is None else dt.datetime.fromtimestamp(stamp, tz=dt.UTC)


def live(run: ImportRun) -> ImportRun:
    """The run as its worker last reported it: the stored row, with the progress and message
    from the cache while it is in progress (written during the import's transaction)."""
    if run.status in ImportRun.IN_PROGRESS:
        reported = _cache().get(_keys(run)[0])
        if reported is not None and reported[0] >= run.progress:
            run.progress, run.message = reported
    return run


def forget(run: ImportRun) -> None:
    _cache().delete_many(list(_keys(run)))


@contextmanager
def heartbeat(run: ImportRun, every: float = HEARTBEAT_SECONDS) -> Iterator[None]:
    """Beat from a thread while the body runs (however long one step of the import takes)."""
    stop = threading.Event()

    def beating() -> None:
        while not stop.wait(every):
            try:
                beat(run)
            except Exception:  # a full disk must not kill the import: the page will say
                logger.exception("Import %s: the heartbeat could not be written", run.pk)

    beat(run)
    thread = threading.Thread(target=beating, name=f"import-{run.pk}-heartbeat", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()


def stale_after() -> dt.timedelta:
    return dt.timedelta(minutes=settings.HOMEWARD_IMPORT_STALE_MINUTES)


def fail_stale_imports(now: dt.datetime | None = None) -> list[int]:
    """End every import in progress not heard from for ``HOMEWARD_IMPORT_STALE_MINUTES``, and
    remove its uploaded files. Returns the runs ended. Called by the import pages, and by a
    worker (or ``manage.py import_903``) before it starts an import."""
    now = now or timezone.now()
    ended = []
    for run in ImportRun.objects.filter(status__in=ImportRun.IN_PROGRESS):
        seen = max(filter(None, (run.updated_at, last_beat(run))))
        if now - seen <= stale_after():
            continue
        minutes = settings.HOMEWARD_IMPORT_STALE_MINUTES
        shown = f"{minutes:g} minute{'' if minutes == 1 else 's'}"
        if run.status == ImportRun.Status.VALIDATING:
            fields = {"status": ImportRun.Status.IMPORTED, "message": STALE_AFTER_COMMIT}
        else:
            fields = {
                "status": ImportRun.Status.FAILED,
                "message": STALE_MESSAGE.format(minutes=shown),
            }
        # Only if nobody has moved it on meanwhile (the worker was slow, not dead).
        changed = ImportRun.objects.filter(
            pk=run.pk, status=run.status, updated_at=run.updated_at
        ).update(progress=100, finished_at=now, updated_at=now, **fields)
        if changed:
            discard(run.pk)
            forget(run)
            ended.append(run.pk)
            logger.warning("Import %s ended as stale (last heard from %s)", run.pk, seen)
    return ended
