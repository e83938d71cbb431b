"""Gunicorn's settings for Homeward (``gunicorn --config python:homeward.gunicorn_conf``).

Where it listens is given on the command line (``--bind``; ``make serve`` and the image use HOST
and PORT). ``GUNICORN_CMD_ARGS`` overrides anything here, e.g. ``--timeout 120``.
"""

import os

from homeward.logs import JSONLines

_cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1

# Gunicorn's rule of thumb, two per core plus one; WEB_CONCURRENCY sets it outright (e.g. when
# a container is given less CPU than the machine has).
workers = int(os.environ.get("WEB_CONCURRENCY") or 2 * _cpus + 1)
# A minute: a meeting's minutes or a panel list rendered to PDF can take seconds; nothing should
# take longer. Stopping waits as long for requests in flight.
timeout = 60
graceful_timeout = 30
# Each worker is replaced after about a thousand requests, so a slow leak cannot grow for ever.
max_requests = 1000
max_requests_jitter = 100
# Heartbeat files in memory, not on a container's overlay disk.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
# Gunicorn's control socket (for ``gunicornc``) is not used: homeward/serve.py supervises the
# processes. Off, so gunicorn does not try to make ~/.gunicorn (in the image the home, /app, is
# not the unprivileged user's to write: found when the image was first run).
control_socket_disable = True
# Django logs each request (homeward/logs.py, with its id and duration); gunicorn's access log
# would say it twice.
accesslog = None

if os.environ.get("HOMEWARD_LOG_FORMAT", "json") == "json":
    # Gunicorn's own lines (workers starting, timing out) as JSON on standard output too.
    logconfig_dict = {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": JSONLines}},
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "formatter": "json",
                "stream": "ext://sys.stdout",
            }
        },
        "root": {"level": "INFO", "handlers": ["console"]},
        "loggers": {
            "gunicorn.error": {"level": "INFO", "handlers": ["console"], "propagate": False},
        },
    }
