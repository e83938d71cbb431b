"""Structured logs (homeward/logs.py): one JSON object a line, a request id on every request, and
only the fields Homeward names, so no query string (where a name may be searched for) and no
request object reaches the logs."""

from __future__ import annotations

import json
import logging

import pytest

from homeward.logs import JSONLines, request_id


def test_a_line_is_json_with_time_level_logger_and_message() -> None:
    record = logging.LogRecord("homeward.x", logging.WARNING, __file__, 1, "%s left", ("it",), None)
    entry = json.loads(JSONLines().format(record))
    assert entry == {
        "time": entry["time"],
        "level": "WARNING",
        "logger": "homeward.x",
        "message": "it left",
    }
    assert entry["time"].endswith("+00:00")


def test_only_named_fields_are_written_whatever_a_library_attaches() -> None:
    record = logging.LogRecord("django.request", logging.WARNING, __file__, 1, "Gone", (), None)
    record.request = "<WSGIRequest: GET '/children/?q=Fernby'>"  # as Django's request log does
    record.status_code = 404
    line = JSONLines().format(record)
    assert "Fernby" not in line and "request" not in json.loads(line)


def test_lines_logged_while_serving_a_request_carry_its_id() -> None:
    token = request_id.set("abc123")
    try:
        record = logging.LogRecord("homeward.x", logging.INFO, __file__, 1, "m", (), None)
        assert json.loads(JSONLines().format(record))["request_id"] == "abc123"
    finally:
        request_id.reset(token)


def test_each_request_is_logged_with_id_method_path_status_and_duration(client, caplog) -> None:
    with caplog.at_level(logging.INFO, logger="homeward.requests"):
        response = client.get("/accounts/sign-in/?next=/children/&q=Fernby")
    [record] = [r for r in caplog.records if r.name == "homeward.requests"]
    entry = json.loads(JSONLines().format(record))
    assert entry["request_id"] == response["X-Request-ID"]
    assert (entry["method"], entry["path"], entry["status"]) == ("GET", "/accounts/sign-in/", 200)
    assert entry["duration_ms"] >= 0
    assert "Fernby" not in json.dumps(entry)


def test_a_proxys_request_id_is_kept_and_anything_else_replaced(client) -> None:
    kept = client.get("/healthz", HTTP_X_REQUEST_ID="proxy-7f3a.1")
    assert kept["X-Request-ID"] == "proxy-7f3a.1"
    replaced = client.get("/healthz", HTTP_X_REQUEST_ID='x" injected {"level": "ERROR"}')
    assert replaced["X-Request-ID"] != 'x" injected {"level": "ERROR"}'
    assert len(replaced["X-Request-ID"]) == 32


@pytest.mark.django_db
def test_a_403_is_one_warning_line_without_a_traceback(client, caplog) -> None:
    """`make run`'s console showed two tracebacks for each PermissionDenied: Django's console
    handler and the root's both printed Django's record, which carried the exception."""
    import io

    from homeward.accounts.models import Role
    from tests.factories import UserFactory

    client.force_login(UserFactory(role=Role.IRO))
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    logging.getLogger().addHandler(handler)
    try:
        with caplog.at_level(logging.WARNING, logger="django.request"):
            response = client.get("/reports/forecasts/")
    finally:
        logging.getLogger().removeHandler(handler)
    assert response.status_code == 403
    [record] = [r for r in caplog.records if r.name == "django.request"]
    assert record.levelno == logging.WARNING and record.exc_info is None
    assert "Traceback" not in stream.getvalue()
    assert not logging.getLogger("django").handlers
