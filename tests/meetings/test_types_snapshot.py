"""The meeting types every council holds, compared with a committed snapshot
(``types_snapshot.json``): names, chairs, attendees, agendas, outcomes and every citation, and
which types ``types_for_event`` gives for each journey event.

Written before the meeting types moved from Python into data files (issue 12, "behaviour
unchanged"); it proves the move kept every word. When a meeting type is changed on purpose,
regenerate the snapshot with ``HOMEWARD_WRITE_SNAPSHOT=1 pytest
tests/meetings/test_types_snapshot.py`` and review the diff.
"""

from __future__ import annotations

import dataclasses
import json
import os
from pathlib import Path
from typing import Any

import pytest

from homeward.domain import meetings as m
from homeward.domain.events import JOURNEY_EVENTS

SNAPSHOT = Path(__file__).with_name("types_snapshot.json")


def current() -> dict[str, Any]:
    councils: dict[str, Any] = {}
    for council in m.COUNCILS:
        councils[council] = {
            "meeting_types": [dataclasses.asdict(t) for t in m.meeting_types(council)],
            "types_for_event": {
                kind: [t.key for t in m.types_for_event(council, kind)] for kind in JOURNEY_EVENTS
            },
        }
    # Through JSON, so tuples compare with the snapshot's lists.
    return json.loads(json.dumps(councils))


def test_snapshot_is_current() -> None:
    data = current()
    if os.environ.get("HOMEWARD_WRITE_SNAPSHOT"):
        SNAPSHOT.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n")
    assert data == json.loads(SNAPSHOT.read_text())


@pytest.mark.parametrize("council", m.COUNCILS)
def test_meeting_type_and_types_for_event_give_the_same_types(council: str) -> None:
    """``meeting_type`` by key and ``types_for_event`` by kind return the very types the list
    holds, so the snapshot of the list covers them."""
    types = {t.key: t for t in m.meeting_types(council)}
    for key, mtype in types.items():
        assert m.meeting_type(council, key) == mtype
    for kind in JOURNEY_EVENTS:
        for mtype in m.types_for_event(council, kind):
            assert types[mtype.key] == mtype
