"""Imports that survive faults (issue 14 item 6): a real worker (``manage.py db_worker``, in its
own process) is killed, or loses its database connection, in the middle of writing a large
synthetic return. Nothing is half-written, the import ends as failed with a clear message, and
importing the files again succeeds. While it writes, its progress is seen from another process.

The worker and the harness (tests/ssda903/worker_harness.py) run against a database of their
own, made from a migrated template: the suite's SQLite (a file) or PostgreSQL (a database in the
same cluster, dropped at the end), whichever the suite runs on. A database restart is
simulated by ending the worker's connections with pg_terminate_backend (what a restart looks
like to the client; the shared cluster is never restarted)."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache.backends.filebased import FileBasedCache

from homeward.domain.ssda903 import synthetic
from tests.paths import REPOSITORY

CHILDREN = 1200  # a return big enough to be caught writing
SMALL = 30
POSTGRES = settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
STALE = dt.timedelta(minutes=5)  # HOMEWARD_IMPORT_STALE_MINUTES's default
# Only a guard against a hung test, never a measure of speed.
GIVE_UP = 300


def _pg_admin():
    import psycopg

    db = settings.DATABASES["default"]
    return psycopg.connect(
        host=db.get("HOST") or None,
        port=db.get("PORT") or None,
        user=db.get("USER") or None,
        password=db.get("PASSWORD") or None,
        dbname="postgres",
        autocommit=True,
    )


def _pg_url(name: str) -> str:
    db = settings.DATABASES["default"]
    auth = db.get("USER") or ""
    if db.get("PASSWORD"):
        auth += f":{db['PASSWORD']}"
    return f"postgres://{auth}@{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}/{name}"


def _pg_drop(name: str) -> None:
    with _pg_admin() as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@dataclass
class Installation:
    """A database and folders of its own, used by other processes."""

    root: Path
    database_url: str
    name: str = ""

    def env(self) -> dict[str, str]:
        return {
            **os.environ,
            "DATABASE_URL": self.database_url,
            "HOMEWARD_UPLOAD_ROOT": str(self.root / "uploads"),
            "HOMEWARD_PROGRESS_DIR": str(self.root / "progress"),
            "TMPDIR": str(self.root / "tmp"),
            "PYTHONPATH": str(REPOSITORY),
        }

    def manage(self, *args: str) -> None:
        subprocess.run(
            [sys.executable, "manage.py", *args], cwd=REPOSITORY, env=self.env(), check=True
        )

    def harness(self, *args: str) -> dict:
        done = subprocess.run(
            [sys.executable, "-m", "tests.ssda903.worker_harness", *args],
            cwd=REPOSITORY,
            env=self.env(),
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stderr[-600:]
        return json.loads(done.stdout.strip().splitlines()[-1])

    def worker(self, *args: str) -> subprocess.Popen:
        return subprocess.Popen(
            # --no-reload: the worker itself, not a reloader whose child would outlive a kill.
            [sys.executable, "manage.py", "db_worker", "--no-reload", "--no-startup-delay"]
            + ["--interval", "0.2", *args],
            cwd=REPOSITORY,
            env=self.env(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def reported(self, token: str) -> tuple[tuple[int, str] | None, dt.datetime | None]:
        """The import's progress and last heartbeat, read from the progress cache's files as
        the web server would read them."""
        cache = FileBasedCache(str(self.root / "progress"), {})
        beat = cache.get(f"import-{token}-beat")
        return cache.get(f"import-{token}-progress"), (
            None if beat is None else dt.datetime.fromtimestamp(beat, tz=dt.UTC)
        )

    def leftovers(self) -> list[str]:
        """Every file under the upload and temporary folders: copies of children's data."""
        return sorted(
            str(p.relative_to(self.root))
            for folder in ("uploads", "tmp")
            for p in (self.root / folder).rglob("*")
            if p.is_file()
        )


@pytest.fixture(scope="module")
def the_return(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("return")
    synthetic.write_csv(synthetic.generate(CHILDREN, seed=14, collection_year=2027), folder)
    return folder


@pytest.fixture(scope="module")
def a_small_return(tmp_path_factory) -> Path:
    """Importing again: a return of a few children proves the way back works as well as a big
    one, and sooner."""
    folder = tmp_path_factory.mktemp("small-return")
    synthetic.write_csv(synthetic.generate(SMALL, seed=14, collection_year=2027), folder)
    return folder


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Iterator[str]:
    """A migrated database to copy for each test: a file, or a PostgreSQL template."""
    root = tmp_path_factory.mktemp("template")
    (root / "tmp").mkdir()
    if POSTGRES:
        name = f"homeward_faults_{os.getpid()}_template"
        _pg_drop(name)
        with _pg_admin() as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
        Installation(root, _pg_url(name)).manage("migrate", "-v0")
        yield name
        _pg_drop(name)
    else:
        Installation(root, f"sqlite:///{root / 'db.sqlite3'}").manage("migrate", "-v0")
        yield str(root / "db.sqlite3")


@pytest.fixture
def installation(template: str, tmp_path: Path) -> Iterator[Installation]:
    for folder in ("uploads", "progress", "tmp"):
        (tmp_path / folder).mkdir()
    if POSTGRES:
        name = f"homeward_faults_{os.getpid()}"
        _pg_drop(name)
        with _pg_admin() as admin:
            admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        yield Installation(tmp_path, _pg_url(name), name)
        _pg_drop(name)
    else:
        shutil.copy(template, tmp_path / "db.sqlite3")
        yield Installation(tmp_path, f"sqlite:///{tmp_path / 'db.sqlite3'}")


def wait_for(condition, what: str):
    deadline = time.monotonic() + GIVE_UP
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.02)
    raise AssertionError(f"gave up waiting for {what}")


def writing(installation: Installation, token: str) -> int | None:
    """The percentage reported from inside the import's transaction (after 30, before 85),
    read by this process while the worker's transaction is open."""
    reported, _ = installation.reported(token)
    return reported[0] if reported and 30 < reported[0] < 85 else None


def retry_succeeds(installation: Installation, the_return: Path) -> None:
    run = installation.harness("enqueue", str(the_return))
    worker = installation.worker("--batch")
    assert worker.wait(timeout=GIVE_UP) == 0
    page = installation.harness("page", str(run["run"]))
    assert page["status"] == "imported", page["message"]
    assert page["children"] == SMALL
    assert installation.leftovers() == []


def test_a_worker_killed_mid_import_leaves_nothing_half_written_and_the_import_can_be_retried(
    installation: Installation, the_return: Path, a_small_return: Path
) -> None:
    run = installation.harness("enqueue", str(the_return))
    worker = installation.worker()
    try:
        # The progress bar moves during the write: seen from here while the transaction is open.
        wait_for(lambda: writing(installation, run["token"]), "the import to be writing")
        seen = {writing(installation, run["token"])}
        wait_for(
            lambda: seen.add(writing(installation, run["token"])) or len(seen - {None}) > 1,
            "the progress to move during the write",
        )
        os.kill(worker.pid, signal.SIGKILL)
    finally:
        worker.kill()
        worker.wait()
    _, last_beat = installation.reported(run["token"])
    assert last_beat is not None
    just_before = installation.harness(
        "page", str(run["run"]), "--at", (last_beat + STALE - dt.timedelta(seconds=5)).isoformat()
    )
    assert just_before["status"] == "writing"  # not yet given up on
    page = installation.harness(
        "page", str(run["run"]), "--at", (last_beat + STALE + dt.timedelta(seconds=5)).isoformat()
    )
    assert page["status"] == "failed"
    assert page["message"].startswith(
        "The import stopped: nothing was heard from the worker running it for 5 minutes"
    )
    assert "Nothing was imported" in page["message"] and page["retry_offered"]
    assert page["children"] == 0  # the transaction died with the worker
    assert installation.leftovers() == []  # the uploaded files went with the stale run
    retry_succeeds(installation, a_small_return)


@pytest.mark.skipif(not POSTGRES, reason="a lost connection is simulated with pg_terminate_backend")
def test_a_lost_database_connection_mid_import_fails_it_clearly_and_the_import_can_be_retried(
    installation: Installation, the_return: Path, a_small_return: Path
) -> None:
    run = installation.harness("enqueue", str(the_return))
    worker = installation.worker()
    try:
        wait_for(lambda: writing(installation, run["token"]), "the import to be writing")
        with _pg_admin() as admin:
            ended = admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = %s AND pid <> pg_backend_pid()",
                [installation.name],
            ).fetchall()
        assert ended
        page = wait_for(
            lambda: (
                (p := installation.harness("page", str(run["run"])))["status"] != "writing" and p
            ),
            "the import to end",
        )
        assert page["status"] == "failed"
        assert page["message"] == (
            "The import stopped: the connection to the database was lost. Nothing was imported. "
            "Import the files again."
        )
        assert page["children"] == 0 and page["retry_offered"]
        assert installation.leftovers() == []
        # The same worker carries on: it takes the next import.
        again = installation.harness("enqueue", str(a_small_return))
        page = wait_for(
            lambda: (
                (p := installation.harness("page", str(again["run"])))["status"]
                in {"imported", "failed", "blocked"}
                and p
            ),
            "the retry to finish",
        )
        assert page["status"] == "imported", page["message"]
        assert page["children"] == SMALL
        assert installation.leftovers() == []
    finally:
        worker.terminate()
        worker.wait()
