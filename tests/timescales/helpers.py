"""Is the deadline ledger current? Stored rows compared with a fresh run of the engine."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from homeward.children.models import Child, JourneyEvent
from homeward.domain.timescales import ChildFacts, Event
from homeward.timescales import ledger
from homeward.timescales.models import ChildTimescales, Expectation

FIELDS = (
    "rule_id",
    "occurrence",
    "title",
    "responsible",
    "source",
    "milestone",
    "satisfied_by",
    "interval",
    "due",
    "state",
    "late_by",
    "met_on",
    "met_kind",
    "anchor_on",
    "anchor_kind",
    "since_on",
    "since_kind",
    "stopped_on",
    "stopped_kind",
    "explanation",
)
SUMMARY = ("looked_after_since", "first_open_due", "plan_due", "plan_state", "plan_met_on")


def _fields(obj: Any, names: tuple[str, ...]) -> tuple[Any, ...]:
    return tuple(getattr(obj, name) for name in names)


def stale_children() -> dict[str, str]:
    """Child ID -> what differs, for every child whose stored rows are not what the engine
    gives for their facts and events now."""
    stored: dict[int, list[tuple[Any, ...]]] = defaultdict(list)
    for row in Expectation.objects.order_by("child_id", "position").values_list(
        "child_id", *FIELDS
    ):
        stored[row[0]].append(row[1:])
    summaries = {
        row[0]: row[1:] for row in ChildTimescales.objects.values_list("child_id", *SUMMARY)
    }
    events: dict[int, list[Event]] = defaultdict(list)
    for child_id, day, kind, weeks in JourneyEvent.objects.order_by().values_list(
        "child_id", "date", "kind", "weeks"
    ):
        events[child_id].append(Event(day, kind, weeks or 0))
    stale: dict[str, str] = {}
    for pk, child_id, born, due in Child.objects.values_list(
        "pk", "child_id", "date_of_birth", "expected_date_of_delivery"
    ):
        fresh = ledger.evaluate(ChildFacts(born, due), events.get(pk, []))
        rows = [_fields(ledger.expectation_row(pk, i, e), FIELDS) for i, e in enumerate(fresh)]
        summary = _fields(ledger.child_summary(pk, events.get(pk, []), fresh), SUMMARY)
        if rows != stored.get(pk, []):
            wanted = {r[:2] + (r[8],) for r in rows}
            have = {r[:2] + (r[8],) for r in stored.get(pk, [])}
            stale[child_id] = f"engine {sorted(wanted - have)} vs stored {sorted(have - wanted)}"
        elif summary != summaries.get(pk):
            stale[child_id] = f"summary {summary} vs stored {summaries.get(pk)}"
    return stale
