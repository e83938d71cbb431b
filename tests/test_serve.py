"""The production supervisor (homeward/serve.py), with stand-ins for gunicorn and the task worker:
the worker is started again when it dies, a stopped web server stops everything with its
status, and SIGTERM stops both."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.paths import REPOSITORY

SUPERVISE = """
import sys
from homeward import serve
web, worker = sys.argv[1], sys.argv[2]
serve.web_command = lambda host, port: [sys.executable, "-c", web]
serve.worker_command = lambda: [sys.executable, "-c", worker]
sys.exit(serve.main())
"""
# A stand-in that writes its process id to a file, then sleeps (or exits with a status).
STAND_IN = "import os, sys, time; open({path!r}, 'a').write(f'{{os.getpid()}}\\n'); {then}"


def supervise(web: str, worker: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", SUPERVISE, web, worker],
        cwd=REPOSITORY,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def started(path: Path, count: int) -> list[int]:
    """The process ids written to ``path``, once there are ``count`` (waits up to a minute)."""
    for _ in range(600):
        if path.exists() and len(pids := path.read_text().split()) >= count:
            return [int(pid) for pid in pids]
        time.sleep(0.1)
    raise AssertionError(f"{path.name}: fewer than {count} starts")


def gone(pid: int) -> bool:
    for _ in range(600):
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.1)
    return False


def test_a_worker_that_dies_is_started_again_and_sigterm_stops_both(tmp_path) -> None:
    web, worker = tmp_path / "web", tmp_path / "worker"
    supervisor = supervise(
        STAND_IN.format(path=str(web), then="time.sleep(600)"),
        STAND_IN.format(path=str(worker), then="sys.exit(1)"),
    )
    try:
        [web_pid] = started(web, 1)
        started(worker, 2)
        supervisor.send_signal(signal.SIGTERM)
        output, _ = supervisor.communicate(timeout=60)
    finally:
        supervisor.kill()
    assert supervisor.returncode == 0, output
    assert gone(web_pid)
    assert "The task worker stopped (status 1); starting it again" in output


def test_when_the_web_server_stops_the_worker_is_stopped_and_its_status_returned(tmp_path) -> None:
    web, worker = tmp_path / "web", tmp_path / "worker"
    supervisor = supervise(
        STAND_IN.format(path=str(web), then="time.sleep(3); sys.exit(3)"),
        STAND_IN.format(path=str(worker), then="time.sleep(600)"),
    )
    try:
        output, _ = supervisor.communicate(timeout=60)
    finally:
        supervisor.kill()
    assert supervisor.returncode == 3, output
    [worker_pid] = started(worker, 1)
    assert gone(worker_pid)
    assert "The web server stopped (status 3)" in output
