"""Structured logs: one JSON object a line on standard output in production, and a line for each
request with its id, method, path, status and duration.

Only the fields named here are written, whatever a library attaches to a record: Django's own
request log carries the request object (its query string may hold a name searched for), so a
formatter that wrote every attribute would leak it. Paths are written without their query
string; a path names a child only by the record's number.
"""

from __future__ import annotations

import json
import logging
import re
import time
import uuid
from collections.abc import Callable
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any

# The request being served, so every line logged while serving it carries its id.
request_id: ContextVar[str | None] = ContextVar("request_id", default=None)

REQUEST_FIELDS = ("request_id", "method", "path", "status", "duration_ms")
# A request id from the proxy in front is kept when it looks like one (so its logs and ours
# join up); anything else is replaced, so a header cannot write arbitrary text into the logs.
INCOMING_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")
QUIET_PATHS = frozenset({"/healthz", "/readyz"})  # probes every few seconds: DEBUG, not INFO

requests_log = logging.getLogger("homeward.requests")


class JSONLines(logging.Formatter):
    """time (UTC, ISO 8601), level, logger, message, the request's fields when there is one, and
    the exception's traceback when one is logged."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for field in REQUEST_FIELDS:
            value = getattr(record, field, None)
            if value is not None:
                entry[field] = value
        if "request_id" not in entry and (current := request_id.get()) is not None:
            entry["request_id"] = current
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str)


class RequestLogMiddleware:
    """First in the stack: gives each request an id (``request.request_id``, the ``X-Request-ID``
    response header, every log line written while serving it) and logs one line when it is
    answered."""

    def __init__(self, get_response: Callable[[Any], Any]) -> None:
        self.get_response = get_response

    def __call__(self, request: Any) -> Any:
        incoming = request.headers.get("X-Request-ID", "")
        rid = incoming if INCOMING_ID.fullmatch(incoming) else uuid.uuid4().hex
        request.request_id = rid
        token = request_id.set(rid)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = rid
            duration_ms = round((time.perf_counter() - started) * 1000, 1)
            requests_log.log(
                logging.DEBUG if request.path in QUIET_PATHS else logging.INFO,
                "%s %s %s",
                request.method,
                request.path,
                response.status_code,
                extra={
                    "request_id": rid,
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": duration_ms,
                },
            )
            return response
        finally:
            request_id.reset(token)


class ForbiddenWithoutTraceback(logging.Filter):
    """A 403 is an answer, not a fault: someone opened a page their role may not. Django logs it
    (``Forbidden (Permission denied): /path``) with the ``PermissionDenied``'s traceback; this
    keeps the one line, at warning, and drops the traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", None) == 403:
            record.exc_info = None
            record.exc_text = None
        return True
