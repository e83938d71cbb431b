"""Health and readiness for load balancers, container engines and orchestrators.

``/healthz``: the process is alive and answering (no database is touched, so a database outage
does not get every web process restarted). ``/readyz``: the database answers and every migration
is applied, so requests can be sent here (503 until then, with the reason).

A middleware near the top of the stack answers both, before host validation, the HTTPS redirect,
sessions and sign-in: a probe comes over plain HTTP to the container's own address with no
cookie. Neither shows anything about a child, so neither is audited.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpRequest, HttpResponse, JsonResponse

log = logging.getLogger(__name__)

HEALTH_PATH = "/healthz"
READY_PATH = "/readyz"


def readiness(alias: str = DEFAULT_DB_ALIAS) -> tuple[bool, str]:
    """(ready, why): the database answers and has no unapplied migration (what ``migrate
    --check`` asks)."""
    connection = connections[alias]
    try:
        connection.ensure_connection()
        loader = MigrationExecutor(connection).loader
        # Every migration the code has, not only those the latest ones depend on: one missing
        # in the middle of an app's history is not ready either.
        unapplied = [key for key in loader.graph.nodes if key not in loader.applied_migrations]
    except Exception as exc:  # any failure to ask is "not ready", never a 500 to the probe
        log.warning("Readiness: the database did not answer (%s)", type(exc).__name__)
        return False, "database unreachable"
    if unapplied:
        return False, f"migrations not applied: {len(unapplied)}"
    return True, "ready"


def _probe(payload: dict[str, str], status: int = 200) -> HttpResponse:
    response = JsonResponse(payload, status=status)
    response["Cache-Control"] = "no-store"
    return response


class HealthMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path_info == HEALTH_PATH:
            return _probe({"status": "ok"})
        if request.path_info == READY_PATH:
            ready, why = readiness()
            return _probe(
                {"status": "ready" if ready else "not ready", "detail": why}, 200 if ready else 503
            )
        return self.get_response(request)
