from __future__ import annotations

import pytest

from homeward.notifications import services
from tests.notifications.helpers import FailingBackend, RecordingBackend, give_emails


@pytest.fixture
def outbox(monkeypatch) -> RecordingBackend:
    """What would leave for GOV.UK Notify."""
    backend = RecordingBackend()
    monkeypatch.setattr(services, "backend", lambda: backend)
    return backend


@pytest.fixture
def failing(monkeypatch) -> FailingBackend:
    backend = FailingBackend()
    monkeypatch.setattr(services, "backend", lambda: backend)
    return backend


@pytest.fixture
def staff(council):
    give_emails(council)
    return council
