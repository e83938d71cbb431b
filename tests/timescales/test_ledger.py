"""The deadline ledger (issue 12): every child's expectations stored, recomputed in the same
transaction as any change to their facts or events, and read with SQL. Statuses that depend on
today are worked out when the rows are read, never stored."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from homeward.children.models import Child, JourneyEvent
from homeward.domain import timescales as engine
from homeward.domain.timescales import ChildFacts, Event, Status
from homeward.timescales import ledger, receivers
from homeward.timescales.models import ChildTimescales, Expectation, State
from homeward.timescales.selectors import for_child, worklist
from tests.factories import ChildFactory
from tests.timescales.helpers import FIELDS, stale_children

# A fixed day to read the rows on: nothing here depends on the real date.
LOOKED_AFTER = dt.date(2026, 3, 2)  # a Monday
AEPP_DUE = LOOKED_AFTER + dt.timedelta(weeks=2)  # Dudley, 'Achieving early permanence panel'


@pytest.fixture
def child(db) -> Child:
    child = ChildFactory(date_of_birth=dt.date(2020, 5, 17))
    JourneyEvent.objects.create(child=child, kind="became_looked_after", date=LOOKED_AFTER)
    return child


def aepp(child: Child, today: dt.date) -> Expectation:
    (row,) = [e for e in for_child(child, today=today) if e.rule_id == "aepp"]
    return row


def test_an_event_saved_stores_its_childs_expectations_with_due_dates_not_statuses(child) -> None:
    """Dudley's quick reference guide: the panel within 2 weeks of becoming looked after (SPEC
    T1). The row holds the due date and "not yet met"; nothing that depends on today."""
    row = Expectation.objects.get(child=child, rule_id="aepp")
    assert (row.due, row.state, row.met_on) == (AEPP_DUE, State.OPEN, None)
    assert row.source and "became looked after on 2 Mar 2026" in row.explanation
    summary = ChildTimescales.objects.get(child=child)
    assert summary.looked_after_since == LOOKED_AFTER


@pytest.mark.parametrize(
    ("today", "status", "days_late"),
    [
        (AEPP_DUE - dt.timedelta(days=15), Status.UPCOMING, 0),
        (AEPP_DUE - dt.timedelta(days=14), Status.DUE_SOON, 0),
        (AEPP_DUE, Status.DUE_SOON, 0),  # due today is not yet overdue
        (AEPP_DUE + dt.timedelta(days=1), Status.OVERDUE, 1),
        (AEPP_DUE + dt.timedelta(days=30), Status.OVERDUE, 30),
    ],
)
def test_the_status_is_worked_out_in_sql_on_the_day_the_rows_are_read(
    child, today: dt.date, status: Status, days_late: int
) -> None:
    """The same stored row reads as upcoming, due soon or overdue depending on the day it is
    read: no nightly job keeps statuses true."""
    row = aepp(child, today)
    assert (row.status, row.days_late) == (status, days_late)
    overdue = Expectation.objects.overdue(today).filter(child=child, rule_id="aepp").exists()
    assert overdue == (status == Status.OVERDUE)


def test_an_event_that_meets_a_deadline_updates_the_row_in_the_same_transaction(child) -> None:
    JourneyEvent.objects.create(child=child, kind="aepp_held", date=AEPP_DUE + dt.timedelta(3))
    row = aepp(child, AEPP_DUE + dt.timedelta(days=40))
    assert (row.state, row.status, row.met_on, row.days_late) == (
        State.MET_LATE,
        Status.MET_LATE,
        AEPP_DUE + dt.timedelta(days=3),
        3,
    )


def test_a_write_that_fails_leaves_the_ledger_as_it_was(child) -> None:
    """The rows are recomputed in the writer's transaction: rolled back with it."""
    with pytest.raises(RuntimeError), transaction.atomic():
        JourneyEvent.objects.create(child=child, kind="aepp_held", date=AEPP_DUE)
        assert Expectation.objects.get(child=child, rule_id="aepp").state == State.MET_ON_TIME
        raise RuntimeError("the rest of the write failed")
    assert Expectation.objects.get(child=child, rule_id="aepp").state == State.OPEN
    assert stale_children() == {}


def test_deleting_an_event_or_changing_a_date_of_birth_recomputes(child) -> None:
    held = JourneyEvent.objects.create(child=child, kind="aepp_held", date=AEPP_DUE)
    held.delete()
    assert Expectation.objects.get(child=child, rule_id="aepp").state == State.OPEN
    child.date_of_birth = dt.date(2008, 1, 1)  # now old enough for the care leaver rules
    child.save()
    assert stale_children() == {}


def test_deleting_a_child_deletes_their_rows(child) -> None:
    child.delete()
    assert not Expectation.objects.exists() and not ChildTimescales.objects.exists()


def test_a_child_who_left_care_is_not_looked_after_now(child) -> None:
    JourneyEvent.objects.create(child=child, kind="ceased_looked_after", date=AEPP_DUE)
    assert ChildTimescales.objects.get(child=child).looked_after_since is None


def test_deferred_writes_recompute_each_child_once_at_the_end(db) -> None:
    """What writes many events (the SSDA903 import) recomputes each child once, not per row."""
    children = [ChildFactory(date_of_birth=dt.date(2019, 1, 1)) for _ in range(3)]
    with CaptureQueriesContext(connection) as queries, ledger.deferred():
        for child in children:
            for weeks in range(4):
                JourneyEvent.objects.create(
                    child=child,
                    kind="social_worker_visit",
                    date=LOOKED_AFTER + dt.timedelta(weeks=weeks),
                )
        assert not Expectation.objects.filter(met_kind="social_worker_visit").exists()
    rewrites = [
        q for q in queries.captured_queries if "DELETE" in q["sql"] and "timescales" in q["sql"]
    ]
    assert len(rewrites) == 2  # one chunk of children: their expectations, then their summaries
    assert stale_children() == {}


def test_worklists_read_stored_rows_most_urgent_first(child) -> None:
    later = ChildFactory(date_of_birth=dt.date(2021, 1, 1))
    JourneyEvent.objects.create(
        child=later, kind="became_looked_after", date=LOOKED_AFTER + dt.timedelta(days=7)
    )
    today = AEPP_DUE + dt.timedelta(days=2)
    rows = list(worklist(Child.objects.all(), today=today, within_days=14))
    assert rows and all(r.due <= today + dt.timedelta(days=14) for r in rows)
    assert [r.due for r in rows] == sorted(r.due for r in rows)
    assert rows[0].child == child and rows[0].status == Status.OVERDUE
    assert not any(r.milestone for r in rows)


def test_recompute_timescales_rebuilds_every_row(child) -> None:
    Expectation.objects.all().delete()
    ChildTimescales.objects.all().delete()
    assert stale_children()
    call_command("recompute_timescales", stdout=io.StringIO())
    assert stale_children() == {}
    Expectation.objects.filter(child=child).update(due=dt.date(2000, 1, 1))
    call_command("recompute_timescales", child=child.child_id, stdout=io.StringIO())
    assert stale_children() == {}


def test_recompute_timescales_refuses_an_unknown_child_or_another_councils_rules(child) -> None:
    with pytest.raises(CommandError, match="no child with that child ID"):
        call_command("recompute_timescales", child="NOT-A-CHILD")
    with pytest.raises(CommandError, match="this installation runs 'dudley'"):
        call_command("recompute_timescales", council="devon")


def test_the_ledger_is_filled_when_it_is_first_created(child) -> None:
    """After ``migrate`` creates the table, every existing child's rows are computed."""
    Expectation.objects.all().delete()
    ChildTimescales.objects.all().delete()
    receivers.fill_when_created()
    assert Expectation.objects.filter(child=child).exists()
    assert stale_children() == {}


def test_another_councils_rules_recompute_every_row(child, settings) -> None:
    """Durham's profile has no Achieving Early Permanence Panel (SPEC T1 is Dudley's)."""
    settings.HOMEWARD_COUNCIL = "durham"
    assert not Expectation.objects.filter(child=child, rule_id="aepp").exists()
    assert stale_children() == {}


@pytest.mark.parametrize("slug", ["dudley", "durham", "devon"])
def test_every_demo_childs_stored_rows_equal_a_fresh_engine_run(db, settings, slug) -> None:
    settings.HOMEWARD_COUNCIL = slug
    call_command("demo", children=120, seed=11, stdout=io.StringIO())
    assert Expectation.objects.count() > 1000
    assert stale_children() == {}


TIMELINE = [
    Event(dt.date(2026, 1, 5), "became_looked_after"),
    Event(dt.date(2026, 1, 5), "placement_started"),
    Event(dt.date(2026, 1, 12), "social_worker_visit"),
    Event(dt.date(2026, 1, 19), "aepp_held"),
    Event(dt.date(2026, 2, 3), "cic_review"),
    Event(dt.date(2026, 3, 2), "permanence_planning_meeting"),
    Event(dt.date(2026, 5, 20), "cic_review"),
    Event(dt.date(2026, 6, 1), "placement_order"),
    Event(dt.date(2026, 9, 14), "placed_for_adoption"),
]


@pytest.mark.parametrize("council", ["dudley", "durham", "devon"])
@pytest.mark.parametrize(
    "today", [dt.date(2026, 1, 1), dt.date(2026, 6, 15), dt.date(2027, 3, 1), dt.date(2030, 1, 1)]
)
def test_what_is_stored_never_depends_on_the_day_it_was_computed(
    council: str, today: dt.date
) -> None:
    """The ledger stores rows computed once; only the status read from them may depend on today.
    So the engine, run on any day, must give the same stored fields (a guard for new rules)."""
    rules = engine.rules_for(council)
    facts = ChildFacts(dt.date(2019, 4, 1))
    stored = [
        tuple(getattr(ledger.expectation_row(1, i, e), f) for f in FIELDS)
        for i, e in enumerate(engine.evaluate(rules, TIMELINE, today=today, child=facts))
    ]
    as_stored = [
        tuple(getattr(ledger.expectation_row(1, i, e), f) for f in FIELDS)
        for i, e in enumerate(engine.evaluate(rules, TIMELINE, today=dt.date.min, child=facts))
    ]
    assert stored == as_stored
