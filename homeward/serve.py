"""Homeward as production runs it (``make serve``, and the image's default command).

Two processes: gunicorn serving the pages (``homeward.gunicorn_conf``: workers from the CPU
count) and the task worker (``manage.py db_worker``: imports, exports) beside it.

- The worker is started again whenever it dies, after 1 second, then 2, 4 ... up to a minute
  while it keeps dying; the wait goes back to 1 second once it has run for a minute.
- Gunicorn restarts its own workers. If gunicorn itself stops (it could not load Homeward, say
  demo users in a production database), the task worker is stopped and this exits with
  gunicorn's status, so the service manager or container engine sees the failure.
- SIGTERM or SIGINT (Ctrl-C) stops both, gracefully (30 seconds for requests and tasks in
  flight, then killed). On Linux each child is also told to stop if this process is killed
  outright, so neither outlives it.

HOST (default 127.0.0.1) and PORT (default 8000) say where gunicorn listens.
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from homeward.logs import JSONLines

REPOSITORY = Path(__file__).resolve().parent.parent
GRACE_SECONDS = 35  # gunicorn's graceful_timeout (30) and a little
POLL_SECONDS = 0.5
BACKOFF_MAX = 60.0
STEADY_SECONDS = 60.0  # a worker that ran this long was not crash-looping

log = logging.getLogger("homeward.serve")


def web_command(host: str, port: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "--config",
        "python:homeward.gunicorn_conf",
        "--bind",
        f"{host}:{port}",
        "homeward.wsgi",
    ]


def worker_command() -> list[str]:
    return [sys.executable, "manage.py", "db_worker", "--no-reload"]


def _die_with_parent() -> None:
    """In the child, before exec: SIGTERM when the supervisor dies (Linux's PR_SET_PDEATHSIG)."""
    with contextlib.suppress(OSError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)


def start(command: list[str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        command,
        cwd=REPOSITORY,
        preexec_fn=_die_with_parent if sys.platform == "linux" else None,
    )


def stop(*processes: subprocess.Popen[bytes]) -> None:
    running = [p for p in processes if p.poll() is None]
    for process in running:
        process.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + GRACE_SECONDS
    for process in running:
        try:
            process.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            log.warning("%s did not stop in %d seconds; killed", process.args[2], GRACE_SECONDS)
            process.kill()
            process.wait()


def main() -> int:
    handler = logging.StreamHandler(sys.stdout)
    if os.environ.get("HOMEWARD_LOG_FORMAT", "json") == "json":
        handler.setFormatter(JSONLines())
    logging.basicConfig(level=logging.INFO, handlers=[handler])

    stopping: list[int] = []

    def on_signal(signum: int, frame: object) -> None:
        stopping.append(signum)

    for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(signum, on_signal)

    host, port = os.environ.get("HOST", "127.0.0.1"), os.environ.get("PORT", "8000")
    web = start(web_command(host, port))
    worker = start(worker_command())
    worker_started = time.monotonic()
    restart_at: float | None = None
    backoff = 1.0
    log.info("Serving on http://%s:%s with the task worker beside it", host, port)

    status = 0
    while not stopping:
        time.sleep(POLL_SECONDS)
        if stopping:
            break
        if web.poll() is not None:
            status = web.returncode or 1
            log.error("The web server stopped (status %s); stopping the task worker", status)
            break
        now = time.monotonic()
        if restart_at is None and worker.poll() is not None:
            if now - worker_started >= STEADY_SECONDS:
                backoff = 1.0
            log.error(
                "The task worker stopped (status %s); starting it again in %g s",
                worker.returncode,
                backoff,
            )
            restart_at, backoff = now + backoff, min(backoff * 2, BACKOFF_MAX)
        if restart_at is not None and now >= restart_at:
            worker, worker_started, restart_at = start(worker_command()), now, None
    if stopping:
        log.info("Stopping (signal %s)", signal.Signals(stopping[0]).name)
    stop(web, worker)
    log.info("Stopped")
    return status


if __name__ == "__main__":
    sys.exit(main())
