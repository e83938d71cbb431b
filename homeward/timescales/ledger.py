"""Keeping the ledger current: one function, ``recompute``, runs the engine for some children
and replaces their stored rows, in the caller's transaction.

Every writer reaches it one way or the other: a single saved or deleted journey event or child
does so through the signal receivers (``receivers.py``); writers of many rows at once (the
SSDA903 import, the demo council) call ``recompute`` with the children they touched, once, and
wrap their work in ``deferred()`` so that the events they save one by one are counted once too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.db import connection, transaction

from homeward import bulk
from homeward.children.models import Child, JourneyEvent
from homeward.domain import timescales as engine
from homeward.domain.timescales import ChildFacts, Event, Status
from homeward.timescales import signals
from homeward.timescales.models import ChildTimescales, Expectation, State

PLAN_RULE = "permanence-plan"
BECAME_LOOKED_AFTER = "became_looked_after"
CEASED_LOOKED_AFTER = "ceased_looked_after"
CHUNK = 900  # SQLite allows about a thousand parameters in one query

# The engine's statuses as stored: whatever is not yet met is OPEN, and today's date decides at
# read time whether it is upcoming, due soon or overdue (a milestone: reached).
_STATE = {
    Status.UPCOMING: State.OPEN,
    Status.DUE_SOON: State.OPEN,
    Status.OVERDUE: State.OPEN,
    Status.REACHED: State.OPEN,
    Status.MET_ON_TIME: State.MET_ON_TIME,
    Status.MET_LATE: State.MET_LATE,
    Status.NO_LONGER_APPLIES: State.NO_LONGER_APPLIES,
    Status.MISSED: State.MISSED,
}
# The engine needs a day to tell open statuses apart; what is stored never depends on it.
_ANY_DAY = dt.date.min

Progress = Callable[[int, int], None]

_pending: ContextVar[set[int] | None] = ContextVar("timescales_pending", default=None)


def rules() -> tuple[engine.Rule, ...]:
    """This installation's rules: the statutory ones and its council's (the rules TOML)."""
    return engine.rules_for(settings.HOMEWARD_COUNCIL)


def evaluate(facts: ChildFacts, events: Iterable[Event]) -> list[engine.Expectation]:
    """The engine's expectations for one child under this installation's rules."""
    return engine.evaluate(rules(), events, today=_ANY_DAY, child=facts)


def recompute(child_ids: Iterable[int], *, progress: Progress | None = None) -> int:
    """Replace the stored expectations of these children with a fresh run of the engine, in the
    caller's transaction. Inside ``deferred()`` the children are only noted, and done once when
    it ends. Returns the number of expectations written."""
    ids = set(child_ids)
    pending = _pending.get()
    if pending is not None:
        pending |= ids
        return 0
    return _write(sorted(ids), progress)


def recompute_all(*, progress: Progress | None = None, analyze: bool = True) -> int:
    """Every child's rows, e.g. after a rules file changed (``manage.py recompute_timescales``).
    On PostgreSQL the tables' statistics are then refreshed, so that the planner knows how many
    deadlines each child has (without it, the first pages after a rebuild choose slow plans).
    ``analyze=False`` leaves that to a caller that refreshes the whole database's statistics
    itself afterwards (the demo command)."""
    written = recompute(
        Child.objects.order_by("pk").values_list("pk", flat=True), progress=progress
    )
    if analyze and _pending.get() is None and connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE timescales_expectation, timescales_childtimescales")
    return written


@contextmanager
def deferred() -> Iterator[None]:
    """Note the children whose events change inside the block, and recompute each once when it
    ends (not at all if it fails: the transaction is rolled back)."""
    if _pending.get() is not None:
        yield  # already inside one: the outermost block does the work
        return
    pending: set[int] = set()
    token = _pending.set(pending)
    try:
        yield
    finally:
        _pending.reset(token)
    if pending:
        _write(sorted(pending), None)


def _chunks(ids: list[int]) -> Iterator[list[int]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def _write(ids: list[int], progress: Progress | None) -> int:
    written = 0
    done = 0
    with transaction.atomic(), bulk.without_cycle_collection():
        for chunk in _chunks(ids):
            shared = _Shared()
            rows: list[tuple[object, ...]] = []
            summaries: list[tuple[object, ...]] = []
            for pk, timeline, expectations in evaluated(chunk):
                rows.extend(
                    expectation_values(pk, i, e, shared) for i, e in enumerate(expectations)
                )
                summaries.append(summary_values(pk, timeline, expectations))
            Expectation.objects.filter(child_id__in=chunk).delete()
            ChildTimescales.objects.filter(child_id__in=chunk).delete()
            bulk.insert(Expectation, EXPECTATION_FIELDS, rows)
            bulk.insert(ChildTimescales, SUMMARY_FIELDS, summaries)
            written += len(rows)
            done += len(chunk)
            if progress is not None:
                progress(done, len(ids))
        signals.recomputed.send(sender=Expectation, child_ids=ids)
    return written


def evaluated(
    chunk: list[int],
) -> Iterator[tuple[int, list[Event], list[engine.Expectation]]]:
    """Each of these children (at most ``CHUNK``, in pk order): its pk, its events and the
    engine's expectations for it, read and worked out as ``recompute`` stores them. Call it in a
    transaction: the children's rows are locked."""
    # The children's rows are locked first (in one order, so two writers never wait on each
    # other crosswise): a writer that saved another event for the same child waits here until
    # this transaction ends, then reads that event too. Without it, two writers could each store
    # rows computed without the other's event.
    facts = list(
        Child.objects.select_for_update()
        .filter(pk__in=chunk)
        .order_by("pk")
        .values_list("pk", "date_of_birth", "expected_date_of_delivery")
    )
    # Events in no order (the engine sorts each child's own), as tuples made straight from the
    # rows: a council's recompute reads a million of them.
    events: dict[int, list[Event]] = {}
    new_event = tuple.__new__
    for child_id, day, kind, weeks in (
        JourneyEvent.objects.filter(child_id__in=chunk)
        .order_by()
        .values_list("child_id", "date", "kind", "weeks")
    ):
        event = new_event(Event, (day, kind, weeks or 0))
        found = events.get(child_id)
        if found is None:
            events[child_id] = [event]
        else:
            found.append(event)
    rules_ = rules()
    run = engine.evaluate
    no_events: list[Event] = []
    for pk, born, due in facts:
        timeline = events.get(pk, no_events)
        yield pk, timeline, run(rules_, timeline, today=_ANY_DAY, child=ChildFacts(born, due))


EXPECTATION_FIELDS = (
    "child_id",
    "position",
    "rule_id",
    "occurrence",
    "title",
    "responsible",
    "source",
    "source_name",
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
SUMMARY_FIELDS = (
    "child_id",
    "looked_after_since",
    "first_open_due",
    "plan_due",
    "plan_state",
    "plan_met_on",
)


class _Shared:
    """What rows of the same rule (or the same steps) store alike, worked out once per write.
    Keyed by the objects' identity, each kept here with its value so that none is reused."""

    def __init__(self) -> None:
        self.rules: dict[int, tuple[engine.Rule, tuple[object, ...]]] = {}
        self.intervals: dict[int, tuple[tuple[engine.Interval, ...], str]] = {}

    def rule(self, rule: engine.Rule) -> tuple[object, ...]:
        found = self.rules.get(id(rule))
        if found is None:
            satisfied_by = f",{','.join(rule.satisfied_by)},"
            values = (
                rule.id,
                rule.title,
                rule.responsible,
                rule.source,
                rule.source_name,
                rule.milestone,
                satisfied_by,
            )
            found = self.rules[id(rule)] = (rule, values)
        return found[1]

    def interval(self, steps: tuple[engine.Interval, ...]) -> str:
        found = self.intervals.get(id(steps))
        if found is None:
            found = self.intervals[id(steps)] = (
                steps,
                " then ".join(step.describe() for step in steps),
            )
        return found[1]


def expectation_values(
    child_id: int, position: int, e: engine.Expectation, shared: _Shared | None = None
) -> tuple[object, ...]:
    """One stored row of the ledger, as values in the order of ``EXPECTATION_FIELDS``."""
    shared = shared or _Shared()
    rule_id, title, responsible, source, source_name, milestone, satisfied_by = shared.rule(e.rule)
    state = _STATE[e.status]
    met_by = e.met_by
    stopped_by = e.stopped_by
    return (
        child_id,
        position,
        rule_id,
        e.occurrence,
        title,
        responsible,
        source,
        source_name,
        milestone,
        satisfied_by,
        shared.interval(e.steps),
        e.due,
        state,
        e.days_late if state != State.OPEN else 0,
        met_by.date if met_by is not None else None,
        met_by.kind if met_by is not None else "",
        e.anchor.date,
        e.anchor.kind,
        e.since.date,
        e.since.kind,
        stopped_by.date if stopped_by is not None else None,
        stopped_by.kind if stopped_by is not None else "",
        e.explanation,
    )


def expectation_row(child_id: int, position: int, e: engine.Expectation) -> Expectation:
    return Expectation(
        **dict(zip(EXPECTATION_FIELDS, expectation_values(child_id, position, e), strict=True))
    )


def summary_values(
    child_id: int, timeline: list[Event], expectations: list[engine.Expectation]
) -> tuple[object, ...]:
    """What the ledger stores of the child as a whole, in the order of ``SUMMARY_FIELDS``."""
    started = max((e.date for e in timeline if e.kind == BECAME_LOOKED_AFTER), default=None)
    ceased = max((e.date for e in timeline if e.kind == CEASED_LOOKED_AFTER), default=None)
    looked_after = started is not None and (ceased is None or ceased < started)
    plans = [e for e in expectations if e.rule.id == PLAN_RULE]
    plan = plans[-1] if plans else None
    open_dues = [
        e.due for e in expectations if _STATE[e.status] == State.OPEN and not e.rule.milestone
    ]
    return (
        child_id,
        started if looked_after else None,
        min(open_dues, default=None),
        plan.due if plan is not None else None,
        _STATE[plan.status] if plan is not None else "",
        plan.met_by.date if plan is not None and plan.met_by is not None else None,
    )


def child_summary(
    child_id: int, timeline: list[Event], expectations: list[engine.Expectation]
) -> ChildTimescales:
    return ChildTimescales(
        **dict(zip(SUMMARY_FIELDS, summary_values(child_id, timeline, expectations), strict=True))
    )
