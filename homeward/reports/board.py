"""Reads for the Permanence Monitoring Panel's pack (``/reports/pmp/``) and the Corporate
Parenting Board's report (``/reports/cpb/``), issue 16 item 3, over the children a user may see.

The pack reads the drift dashboard's stored columns (``oversight.selectors.drift_children``:
the deadline ledger and each child's stored drift facts) with GROUP BY, and the forecasts of the
national thresholds; the report adds up each child's stored rows (``models.BoardRow``, kept by
``stored.py`` with ``domain.measures.rows``) by quarter with SQL. Each costs a fixed number of
queries whatever the number of children.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Final

from django.db.models import Count, Q, QuerySet, Sum

from homeward.accounts.access import of_children
from homeward.children.models import Child
from homeward.domain import charts, measures
from homeward.domain.measures import quarters as q
from homeward.domain.measures import rows as rules
from homeward.domain.measures.figures import Window
from homeward.oversight import selectors as drift
from homeward.reports import selectors, stored
from homeward.reports.models import BoardRow
from homeward.timescales.models import State

# Measures whose rows are counted on one day (a days measure's figures, the deadlines met).
COUNTED_ON_A_DAY = (
    *(key for key, _ in rules.DAYS_MEASURES),
    *(kind.key for kind in q.TIMELINESS),
)

# Why a child looked after is drifting, as the pack counts them (a child may have several).
REASONS: Final = {
    "deadline": "A deadline overdue",
    "plan": "Permanence plan past its deadline",
    "work": "Actions, assessments or reviews overdue",
    "none": "Nothing overdue",
}
# Decisions needed: a permanence plan due within this many days and not yet agreed, as the
# forecasts' "due soon" (a monthly panel can still act on it).
PLAN_DUE_DAYS: Final = selectors.DUE_SOON_DAYS


@dataclass(frozen=True)
class Stage:
    """Children looked after on one pathway (the drift dashboard's: the agreed plan's preferred
    option, else the early permanence panel's outcome, else not yet decided), by drift reason."""

    key: str
    label: str
    children: int
    deadline: int
    plan: int
    work: int
    drifting: int  # something overdue: a deadline, or work from meetings and assessments

    @property
    def none(self) -> int:
        return self.children - self.drifting

    def count(self, reason: str) -> int:
        return self.none if reason == "none" else int(getattr(self, reason))

    @property
    def by_reason(self) -> list[tuple[str, str, int]]:
        """(reason, its words, how many children), in ``REASONS``' order."""
        return [(key, label, self.count(key)) for key, label in REASONS.items()]


def looked_after(children: QuerySet[Child], today: dt.date) -> QuerySet[Child]:
    """The drift dashboard's children: looked after now, with what is overdue on ``today``."""
    return drift.drift_children(children, today=today)


def stages(looked: QuerySet[Child]) -> list[Stage]:
    """Children by pathway and drift reason: one GROUP BY over stored columns."""
    rows = (
        looked.order_by()
        .values("pathway_key")
        .annotate(
            n=Count("pk"),
            n_deadline=Count("pk", filter=Q(oldest_due__isnull=False)),
            n_plan=Count("pk", filter=Q(plan_overdue=True)),
            n_work=Count("pk", filter=Q(has_overdue_task=True)),
            n_drifting=Count("pk", filter=Q(oldest_due__isnull=False) | Q(has_overdue_task=True)),
        )
    )
    found = [
        Stage(
            row["pathway_key"],
            drift.PATHWAY_LABELS.get(row["pathway_key"], row["pathway_key"]),
            row["n"],
            row["n_deadline"],
            row["n_plan"],
            row["n_work"],
            row["n_drifting"],
        )
        for row in rows
    ]
    order = {key: i for i, (key, _) in enumerate(drift.PATHWAY_CHOICES)}
    return sorted(found, key=lambda s: order.get(s.key, len(order)))


def overdue_by_deadline(looked: QuerySet[Child]) -> list[tuple[str, int]]:
    """Children with a deadline overdue, by their longest overdue deadline's title (one GROUP
    BY), the most children first."""
    rows = (
        looked.filter(oldest_due__isnull=False)
        .order_by()
        .values("worst_title")
        .annotate(n=Count("pk"))
    )
    return sorted(((r["worst_title"] or "", r["n"]) for r in rows), key=lambda r: (-r[1], r[0]))


def plans_due_soon(looked: QuerySet[Child], today: dt.date) -> QuerySet[Child]:
    """Children whose permanence plan is due within ``PLAN_DUE_DAYS`` and not yet agreed."""
    return looked.filter(
        plan_state=State.OPEN,
        plan_due__gte=today,
        plan_due__lte=today + dt.timedelta(days=PLAN_DUE_DAYS),
    )


def children_for(
    looked: QuerySet[Child], today: dt.date, *, stage: str, reason: str, deadline: str
) -> QuerySet[Child]:
    """The children behind one of the pack's figures: a pathway, a drift reason, a longest
    overdue deadline, or a permanence plan due soon (``reason="plan_due"``)."""
    if stage:
        looked = looked.filter(pathway_key=stage)
    if reason == "deadline":
        looked = looked.filter(oldest_due__isnull=False)
    elif reason == "plan":
        looked = looked.filter(plan_overdue=True)
    elif reason == "work":
        looked = looked.filter(has_overdue_task=True)
    elif reason == "none":
        looked = looked.filter(oldest_due__isnull=True).exclude(
            drift_facts__first_task_due__lt=today
        )
    elif reason == "plan_due":
        looked = plans_due_soon(looked, today)
    if deadline:
        looked = looked.filter(oldest_due__isnull=False, worst_title=deadline)
    return looked


@dataclass(frozen=True)
class Pack:
    """The Permanence Monitoring Panel's pack."""

    today: dt.date
    total: int
    stages: list[Stage]
    overdue: list[tuple[str, int]]
    plans_overdue: int
    plans_due_soon: int
    breached: list[measures.Forecast]  # exceptions: national thresholds passed
    due: list[measures.Forecast]  # decisions needed: thresholds reached within 28 days
    names: dict[str, Child]

    @property
    def breached_rows(self) -> list[tuple[measures.Forecast, Child | None]]:
        return [(f, self.names.get(f.child_id)) for f in self.breached]

    @property
    def due_rows(self) -> list[tuple[measures.Forecast, Child | None]]:
        return [(f, self.names.get(f.child_id)) for f in self.due]

    def stage_chart(self) -> str:
        bars = [
            charts.Bar(
                s.label,
                s.children,
                f"{s.children} child{'ren' if s.children != 1 else ''}, {s.drifting} with "
                "something overdue",
            )
            for s in self.stages
        ]
        return charts.bar_chart(
            bars,
            title="Children looked after, by stage",
            description=charts.describe(
                bars, intro="Children looked after now on each pathway, and how many drift."
            ),
            id_prefix="pmp-stages",
        )

    def overdue_chart(self) -> str:
        bars = [
            charts.Bar(title, n, f"{n} child{'ren' if n != 1 else ''}") for title, n in self.overdue
        ]
        return charts.bar_chart(
            bars,
            title="Children with a deadline overdue, by their longest overdue deadline",
            description=charts.describe(
                bars, intro="What each drifting child's longest overdue deadline is."
            ),
            id_prefix="pmp-overdue",
        )


def pack(children: QuerySet[Child], today: dt.date) -> Pack:
    looked = looked_after(children, today)
    found_stages = stages(looked)
    running = selectors.stored(children, today)
    breached = selectors.as_forecasts(selectors.only(running, today, "breached"), today)
    due = selectors.as_forecasts(selectors.only(running, today, "due"), today)
    return Pack(
        today=today,
        total=sum(s.children for s in found_stages),
        stages=found_stages,
        overdue=overdue_by_deadline(looked),
        plans_overdue=sum(s.plan for s in found_stages),
        plans_due_soon=plans_due_soon(looked, today).count(),
        breached=breached,
        due=due,
        names=selectors.children_named(f.child_id for f in [*breached, *due]),
    )


# The Corporate Parenting Board's report.


@dataclass(frozen=True)
class Report:
    """The Corporate Parenting Board's report: each measure for this quarter and the four
    before it."""

    today: dt.date
    quarters: tuple[q.Quarter, ...]
    measures: tuple[q.BoardMeasure, ...]
    children: int  # the children the figures were worked out over (ever looked after)

    def measure(self, key: str) -> q.BoardMeasure | None:
        return next((m for m in self.measures if m.key == key), None)

    def chart(self, measure: q.BoardMeasure) -> str:
        bars = [
            charts.Bar(
                f.quarter.label,
                f.value,
                f.text(),
                f.over_threshold,
            )
            for f in measure.figures
        ]
        return charts.bar_chart(
            bars,
            title=f"{measure.title}, by quarter",
            description=charts.describe(
                bars,
                intro=f"{measure.title}, this quarter to date and the four before it. "
                f"{measure.threshold_text}.",
            ),
            id_prefix=f"cpb-{measure.key}",
            threshold=measure.threshold,
            threshold_words=f"Threshold {measure.threshold} days" if measure.threshold else "",
            scale_to=100 if measure.unit == "%" else None,
        )


def _span(quarters: tuple[q.Quarter, ...], today: dt.date) -> Q:
    """The rows any figure of the quarters shown can count."""
    return Q(first__lte=today) & (Q(last__isnull=True) | Q(last__gte=quarters[0].first))


def _counted_in(window: Window) -> Q:
    """The rows a quarter's figures count: a days measure's figures and the deadlines met in the
    window, a day measure's spans holding its last day."""
    days = Q(measure__in=COUNTED_ON_A_DAY, first__gte=window.first, first__lte=window.last)
    day = Q(measure__in=rules.DAY_MEASURES, first__lte=window.last) & (
        Q(last__isnull=True) | Q(last__gte=window.last)
    )
    return days | day


def _row_totals(
    children: QuerySet[Child], quarters: tuple[q.Quarter, ...], today: dt.date
) -> tuple[dict[tuple[str, q.Quarter], q.Totals], int]:
    """Every figure's totals from the stored rows (one GROUP BY measure), and how many children
    they are worked out over."""
    aggregates: dict[str, Any] = {"n": Count("pk")}
    for i, quarter in enumerate(quarters):
        counted = _counted_in(quarter.window(today))
        aggregates[f"n{i}"] = Count("pk", filter=counted)
        aggregates[f"d{i}"] = Sum("days", filter=counted)
        aggregates[f"w{i}"] = Count("pk", filter=counted & Q(counts=True))
    rows = of_children(BoardRow.objects.filter(_span(quarters, today)), children)
    totals: dict[tuple[str, q.Quarter], q.Totals] = {}
    everyone = 0
    for row in rows.order_by().values("measure").annotate(**aggregates):
        if row["measure"] == rules.LOOKED_AFTER:
            everyone = row["n"]
            continue
        for i, quarter in enumerate(quarters):
            totals[row["measure"], quarter] = q.Totals(
                row[f"n{i}"], row[f"d{i}"] or 0, row[f"w{i}"]
            )
    return totals, everyone


def report(children: QuerySet[Child], today: dt.date) -> Report:
    """The board's figures for this quarter and the four before it, added up with SQL from the
    stored rows (one query whatever the number of children); the children behind a figure are
    read when asked for (``figure_of``, ``report_with_children``)."""
    shown = q.quarters_to(today)
    totals, everyone = _row_totals(children, shown, today)

    def found(spec: q.Spec, window: Window) -> tuple[q.Totals, tuple[q.Behind, ...]]:
        return totals.get((spec.key, q.Quarter.of(window.first)), q.Totals()), ()

    measures = tuple(q.measure_of(spec, shown, today, found) for spec in q.REPORT)
    return Report(today, shown, measures, everyone)


# The stored row's columns, the child by its ID: in ``rules.Row``'s order.
ROW_FIELDS = ("child__child_id", *stored.COLUMNS[1:])


def _stored_rows(rows: QuerySet[BoardRow]) -> list[rules.Row]:
    return [rules.Row(*row) for row in rows]


def _in_order(rows: QuerySet[BoardRow]) -> QuerySet[BoardRow]:
    return rows.order_by("child__child_id", "first", "pk").values_list(*ROW_FIELDS)


def report_with_children(children: QuerySet[Child], today: dt.date) -> Report:
    """The report with the children behind every figure (the workbook): the stored rows of the
    quarters shown, added up here."""
    shown = q.quarters_to(today)
    rows = of_children(BoardRow.objects.filter(_span(shown, today)), children)
    found = _stored_rows(_in_order(rows.exclude(measure=rules.LOOKED_AFTER)))
    everyone = rows.filter(measure=rules.LOOKED_AFTER).count()
    return Report(today, shown, q.from_rows(found, {}, shown, today), everyone)


@dataclass(frozen=True)
class Figure:
    """One quarter's figure of one measure (the drill-down): the measure with that figure alone,
    how many different children are behind it, and their rows in order, to read a page at a
    time (``behind``)."""

    spec: q.Spec
    measure: q.BoardMeasure
    children: int
    rows: QuerySet[BoardRow]

    @property
    def figure(self) -> q.QuarterFigure:
        return self.measure.figures[0]

    def behind(self, page: Iterable[tuple[object, ...]]) -> tuple[q.Behind, ...]:
        found = [rules.Row(*row) for row in page]  # ROW_FIELDS are in Row's order
        return q.behind_rows(self.spec, self.figure.window, found)


def figure_of(
    children: QuerySet[Child], key: str, quarter: q.Quarter, today: dt.date
) -> Figure | None:
    """One measure's figure for ``quarter`` with SQL, and the rows behind it, or ``None`` for a
    measure the report does not show."""
    spec = q.SPECS.get(key)
    if spec is None:
        return None
    window = quarter.window(today)
    rows = of_children(BoardRow.objects.filter(_counted_in(window), measure=spec.key), children)
    found = rows.aggregate(
        n=Count("pk"),
        days=Sum("days"),
        within=Count("pk", filter=Q(counts=True)),
        children=Count("child", distinct=True),
    )
    totals = q.Totals(found["n"], found["days"] or 0, found["within"])
    measure = q.measure_of(spec, (quarter,), today, lambda _spec, _window: (totals, ()))
    return Figure(spec, measure, found["children"], _in_order(rows))
