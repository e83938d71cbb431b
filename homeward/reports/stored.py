"""Keeping each child's board rows (``models.BoardRow``) current, as ``oversight/forecasts.py``
keeps the forecasts: ``refresh`` works out some children's rows with the measures' own rules
(``homeward.domain.measures.rows``) from their journeys and their permanence plan deadlines in
the ledger, and replaces the stored rows in the caller's transaction. ``receivers.py`` calls it
whenever the deadline ledger is recomputed for a child (every change to a child's events, facts
or episodes: forms, meetings, panels, the SSDA903 import and the demo, in bulk) and when an
episode changes.

The rows depend only on the child's journey, not on the day they are worked out (a day measure's
spans run on until the journey changes), so nothing needs a nightly job: the spans begin a year
before the first quarter the report shows on the day of the refresh (``rows.horizon``), and the
report only ever asks about later days."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from homeward import bulk
from homeward.accounts.access import of_children
from homeward.children.models import Child
from homeward.domain.measures import quarters as q
from homeward.domain.measures import rows as rules
from homeward.domain.measures.forecasts import EVENTS_READ
from homeward.reports.models import BoardRow
from homeward.timescales import journeys
from homeward.timescales.models import Expectation, State
from homeward.timescales.selectors import PLAN_RULE

CHUNK = 900  # SQLite allows about a thousand parameters in one query


def _chunks(ids: list[int]) -> Iterator[list[int]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def plan_deadlines(children: Q) -> dict[str, list[rules.PlanDeadline]]:
    """The ledger's permanence plan deadlines of some children, by child ID: one query."""
    found: dict[str, list[rules.PlanDeadline]] = defaultdict(list)
    for child_id, due, met_on, stopped_on in (
        Expectation.objects.filter(children, rule_id=PLAN_RULE, milestone=False)
        .order_by("due", "pk")
        .values_list("child__child_id", "due", "met_on", "stopped_on")
    ):
        found[child_id].append(rules.PlanDeadline(child_id, due, met_on, stopped_on))
    return found


def timeliness_wanted(kind: q.Timeliness) -> Q:
    """The ledger's deadlines a timeliness figure counts: its rules, or every rule the event it
    names meets (the ledger's ",a,b," form of ``satisfied_by``)."""
    wanted = Q()
    if kind.rule_ids:
        wanted |= Q(rule_id__in=kind.rule_ids)
    if kind.met_by:
        wanted |= Q(satisfied_by__contains=f",{kind.met_by},")
    return wanted


def met_deadlines(
    children: QuerySet[Child], first: dt.date, last: dt.date
) -> dict[str, list[q.MetDeadline]]:
    """The ledger's deadlines met from ``first`` to ``last`` that the board's timeliness figures
    count (``quarters.TIMELINESS``), by figure: one query."""
    wanted = Q()
    for kind in q.TIMELINESS:
        wanted |= timeliness_wanted(kind)
    rows = of_children(
        Expectation.objects.filter(
            wanted,
            state__in=(State.MET_ON_TIME, State.MET_LATE),
            met_on__gte=first,
            met_on__lte=last,
            milestone=False,
        ),
        children,
    )
    found: dict[str, list[q.MetDeadline]] = defaultdict(list)
    for child_id, rule_id, satisfied_by, title, due, met_on, state in rows.order_by(
        "met_on", "pk"
    ).values_list("child__child_id", "rule_id", "satisfied_by", "title", "due", "met_on", "state"):
        for kind in q.TIMELINESS:
            if kind.counts(rule_id, satisfied_by):
                found[kind.key].append(
                    q.MetDeadline(child_id, title, due, met_on, state == State.MET_ON_TIME)
                )
    return found


def refresh(child_ids: Iterable[int], *, today: dt.date | None = None) -> None:
    """Replace these children's board rows, in the caller's transaction: a fixed number of
    queries per 900 children."""
    today = today or timezone.localdate()
    start = rules.horizon(q.quarters_to(today)[0].first)
    ids = sorted(set(child_ids))
    with transaction.atomic():
        for chunk in _chunks(ids):
            loaded = journeys.journeys_of(Child.objects.filter(pk__in=chunk), kinds=EVENTS_READ)
            pks = dict(Child.objects.filter(pk__in=chunk).values_list("child_id", "pk"))
            plans = plan_deadlines(Q(child__in=chunk)) if loaded else {}
            met = met_deadlines(Child.objects.filter(pk__in=chunk), start, dt.date.max)
            BoardRow.objects.filter(child_id__in=chunk).delete()
            _insert(
                (pks[row.child_id], row)
                for child in loaded
                for row in rules.child_rows(child, plans.get(child.child_id, ()), start)
            )
            _insert((pks[m.child_id], m.row(key)) for key, found in met.items() for m in found)


COLUMNS = (
    "child_id",
    "measure",
    "first",
    "last",
    "counts",
    "days",
    "placements",
    "since",
    "agreed",
    "note",
)


def _insert(found: Iterable[tuple[int, rules.Row]]) -> None:
    """Insert rows as plain values (``homeward.bulk``: COPY on PostgreSQL), with no model
    instance per row: a council has several rows a child."""
    bulk.insert(
        BoardRow,
        COLUMNS,
        (
            (
                pk,
                r.measure,
                r.first,
                r.last,
                r.counts,
                r.days,
                r.placements,
                r.since,
                r.agreed,
                r.note,
            )
            for pk, r in found
        ),
    )


def refresh_all() -> None:
    refresh(Child.objects.values_list("pk", flat=True))
