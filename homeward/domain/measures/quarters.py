"""The Corporate Parenting Board's figures by financial-year quarter: this quarter (to date) and
the four before it, for each national measure (the adoption scorecard's A1, A2 and A10, the 26
weeks of care proceedings, time to permanence by route, placement stability) and for the
timeliness of reviews, permanence planning meetings and permanence plans read from the deadline
ledger.

Quarters are financial-year quarters, as councils and the DfE report a year to 31 March: Q1 is
April to June, Q2 July to September, Q3 October to December, Q4 January to March (the SSDA903
collection year runs 1 April to 31 March). A quarter's figure uses the measure's own definition
with the quarter as its window: A1, A2 and A10 over the children adopted in the quarter (DfE,
Adoption scorecards: methodology and guidance, which averages over three years to 31 March: a
quarter's figure is the same mean over fewer children), the 26 weeks over the proceedings whose
final order falls in it (Children Act 1989 s32(1)(a)), stability on the quarter's last day (or
today for the quarter under way: DfE, Stability measures). Where no child qualifies the figure
says so (``NO_CHILD_QUALIFIES``); it is never 0.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Final

from homeward.domain.measures import rows
from homeward.domain.measures.figures import NO_CHILD_QUALIFIES, Measure, Window, fmt, nearest
from homeward.domain.measures.journey import ChildJourney
from homeward.domain.measures.proceedings import CARE_PROCEEDINGS
from homeward.domain.measures.rows import PlanDeadline
from homeward.domain.measures.stability import SOURCE as STABILITY_SOURCE

HOW_QUARTERS_ARE_COUNTED: Final = (
    "Quarters are financial-year quarters: Q1 is April to June, Q2 July to September, Q3 "
    "October to December and Q4 January to March. The quarter under way counts to today."
)
QUARTERS_SHOWN: Final = 5  # this quarter against the last four (issue 16 item 3)
_FIRST_MONTH: Final = {1: 4, 2: 7, 3: 10, 4: 1}


@dataclass(frozen=True, order=True)
class Quarter:
    """A financial-year quarter. ``year`` is the year the financial year begins in (2026 for
    2026-27, whose Q4 is January to March 2027)."""

    year: int
    number: int

    def __post_init__(self) -> None:
        if self.number not in _FIRST_MONTH:
            raise ValueError(f"a quarter is 1 to 4, not {self.number}")

    @classmethod
    def of(cls, day: dt.date) -> Quarter:
        """The quarter ``day`` falls in: 31 March 2026 is Q4 of 2025-26, 1 April 2026 Q1 of
        2026-27."""
        if day.month >= 4:
            return cls(day.year, (day.month - 4) // 3 + 1)
        return cls(day.year - 1, 4)

    @classmethod
    def parse(cls, key: str) -> Quarter:
        """From ``key`` ("2026-Q3"); ``ValueError`` for anything else."""
        year, _, number = key.partition("-Q")
        if not (year.isdigit() and len(year) == 4 and number.isdigit()):
            raise ValueError(f"not a quarter: {key!r}")
        return cls(int(year), int(number))

    @property
    def key(self) -> str:
        return f"{self.year}-Q{self.number}"

    @property
    def first(self) -> dt.date:
        year = self.year + 1 if self.number == 4 else self.year
        return dt.date(year, _FIRST_MONTH[self.number], 1)

    @property
    def last(self) -> dt.date:
        return self.following().first - dt.timedelta(days=1)

    def following(self) -> Quarter:
        return (
            Quarter(self.year + 1, 1) if self.number == 4 else Quarter(self.year, self.number + 1)
        )

    def previous(self) -> Quarter:
        return (
            Quarter(self.year - 1, 4) if self.number == 1 else Quarter(self.year, self.number - 1)
        )

    @property
    def label(self) -> str:
        """ "Q3 2026-27"."""
        return f"Q{self.number} {self.year}-{(self.year + 1) % 100:02d}"

    @property
    def months(self) -> str:
        """ "October to December 2026"."""
        return f"{self.first:%B} to {self.last:%B %Y}"

    def window(self, today: dt.date) -> Window:
        """The days the quarter's figure covers: all of it, or to ``today`` while under way."""
        if today < self.first:
            raise ValueError(f"{self.label} has not begun on {today}")
        return Window(self.first, min(self.last, today))

    def describe(self, today: dt.date) -> str:
        if today < self.last:
            return f"{self.label} ({self.first.day} {self.first:%B} to {fmt(today)}, to date)"
        return f"{self.label} ({self.months})"


def quarters_to(today: dt.date, count: int = QUARTERS_SHOWN) -> tuple[Quarter, ...]:
    """The quarter holding ``today`` and the ``count - 1`` before it, oldest first."""
    found = [Quarter.of(today)]
    while len(found) < count:
        found.append(found[-1].previous())
    return tuple(reversed(found))


@dataclass(frozen=True)
class Behind:
    """One child behind a figure, with what the measure found for them."""

    child_id: str
    note: str
    counted: bool = True  # False for a stability cohort's child the indicator does not flag


@dataclass(frozen=True)
class QuarterFigure:
    """A measure's figure for one quarter: ``value`` is a mean of days or a percentage, ``None``
    where no child qualifies; ``counted`` how many children (or sets of proceedings) it counts;
    ``within`` how many of them were within the threshold or on time (``None`` where the measure
    has no such split)."""

    quarter: Quarter
    window: Window
    value: int | None
    counted: int
    within: int | None
    unit: str  # "days" or "%"
    noun: tuple[str, str]
    behind: tuple[Behind, ...]
    over_threshold: bool = False

    @property
    def qualifies(self) -> bool:
        return self.value is not None

    @property
    def children(self) -> int:
        """How many different children are behind the figure."""
        return len({b.child_id for b in self.behind})

    def counted_text(self) -> str:
        noun = self.noun[0] if self.counted == 1 else self.noun[1]
        return f"{self.counted} {noun}"

    def text(self) -> str:
        """ "415 days (3 children)", "25% (1 of 4 children)", or "No child qualifies"."""
        if self.value is None:
            return NO_CHILD_QUALIFIES
        if self.unit == "%":
            return f"{self.value}% ({self.within} of {self.counted_text()})"
        return f"{self.value} days ({self.counted_text()})"


@dataclass(frozen=True)
class BoardMeasure:
    """One row of the board's report: a measure and its figure for each quarter shown."""

    key: str
    title: str
    unit: str
    threshold: int | None
    threshold_text: str
    source: str
    counted_when: str
    within_label: str  # what ``QuarterFigure.within`` counts, for the table's heading
    figures: tuple[QuarterFigure, ...]

    def figure_for(self, quarter: Quarter) -> QuarterFigure | None:
        return next((f for f in self.figures if f.quarter == quarter), None)


def _threshold_text(measure: Measure) -> str:
    if measure.threshold_days is None:
        return "No national threshold"
    return f"National threshold: {measure.threshold_days} days or fewer"


def _percentage(part: int, whole: int) -> int | None:
    return nearest(Decimal(100 * part) / Decimal(whole)) if whole else None


# Timeliness read from the deadline ledger: of the deadlines met in the quarter, how many were met
# on time. Which rules each counts is data (rule ids, or the event that meets them), the same
# under every council's rules files.


@dataclass(frozen=True)
class Timeliness:
    key: str
    title: str
    counted_when: str
    source: str
    rule_ids: tuple[str, ...] = ()
    met_by: str = ""  # an event kind: every rule it satisfies counts (a council's PPM rules)

    def counts(self, rule_id: str, satisfied_by: str) -> bool:
        """Whether a deadline of ``rule_id``, met by the events ``satisfied_by`` (the ledger's
        ",a,b," form), is one of this figure's."""
        return rule_id in self.rule_ids or bool(self.met_by and f",{self.met_by}," in satisfied_by)


TIMELINESS: Final = (
    Timeliness(
        "reviews",
        "Child in Care reviews held on time",
        "a review is held in the quarter",
        "Care Planning, Placement and Case Review (England) Regulations 2010, reg 33",
        rule_ids=("cic-review",),
    ),
    Timeliness(
        "ppm",
        "Permanence planning meetings held on time",
        "a permanence planning meeting the council's rules expect is held in the quarter",
        "Dudley Permanence Strategy (000_f860603ee99ef2b2.txt) objective 7; Dudley Child "
        "Permanence Meetings overview (003_82d866961b2f94a8.txt); Durham Early Permanence "
        "Planning Strategy (002_a77630a273fce245.txt) 'Early permanence planning meetings'; "
        "Devon Permanence Matters (004_7232501e48845cda.txt) 'Permanence Planning Meetings'",
        met_by="permanence_planning_meeting",
    ),
    Timeliness(
        "plans",
        "Permanence plans agreed by their deadline",
        "a permanence plan is agreed in the quarter",
        "the permanence plan by the second review (statutory guidance vol. 2); Dudley "
        "Permanence Strategy objective 7; Durham 'Looked After Reviews'; Devon Permanence Matters",
        rule_ids=("permanence-plan",),
    ),
)


@dataclass(frozen=True)
class MetDeadline:
    """A deadline of the ledger met on ``met_on``: on time or late."""

    child_id: str
    title: str
    due: dt.date
    met_on: dt.date
    on_time: bool

    def row(self, key: str) -> rows.Row:
        return rows.met_row(key, self.child_id, self.title, self.due, self.met_on, self.on_time)


NO_PLAN_SOURCE: Final = (
    "the permanence plan by the second review (statutory guidance vol. 2; Dudley Permanence "
    "Strategy (000_f860603ee99ef2b2.txt) objective 7; Durham (002_a77630a273fce245.txt) 'Looked "
    "After Reviews'; Devon Permanence Matters (004_7232501e48845cda.txt)), read from the "
    "deadline ledger as it stands today"
)

# What a figure counts and how, for each row of the report: "days" (a mean of days over the
# figures counted in the quarter), "day" (a share of a cohort on the quarter's last day, or today
# for the quarter under way) or "met" (a share of the ledger's deadlines met in the quarter).
DAYS, DAY, MET = "days", "day", "met"


@dataclass(frozen=True)
class Spec:
    key: str
    kind: str
    title: str
    threshold: int | None
    threshold_text: str
    source: str
    counted_when: str
    within_label: str
    noun: tuple[str, str] = ("child", "children")

    @property
    def unit(self) -> str:
        return "days" if self.kind == DAYS else "%"


def _days_spec(key: str, measure: Measure, threshold_text: str | None = None) -> Spec:
    return Spec(
        key,
        DAYS,
        measure.title,
        measure.threshold_days,
        threshold_text or _threshold_text(measure),
        measure.source,
        measure.counted_when,
        "Within the threshold" if measure.threshold_days is not None else "",
        measure.noun,
    )


def _day_spec(key: str, title: str, source: str, counted_when: str, within_label: str) -> Spec:
    return Spec(key, DAY, title, None, "No national threshold", source, counted_when, within_label)


STABILITY: Final = (
    _day_spec(
        rows.PLACEMENTS_3_PLUS,
        "Children looked after with 3 or more placements in the 12 months to the quarter's end",
        STABILITY_SOURCE,
        "looked after on the quarter's last day (today for the quarter under way), not under "
        "an agreed series of short breaks",
        "With 3 or more placements",
    ),
    _day_spec(
        rows.LONG_TERM_STABILITY,
        "Children under 16 looked after 2.5 years or more, in the same placement 2 years or more",
        STABILITY_SOURCE,
        "under 16 and looked after 2.5 years or more on the quarter's last day",
        "In the same placement 2 years or more",
    ),
)
NATIONAL: Final = (
    *(
        _days_spec(
            key,
            measure,
            "Within 26 weeks: 181 days or fewer after the issue day"
            if measure == CARE_PROCEEDINGS
            else None,
        )
        for key, measure in rows.DAYS_MEASURES
    ),
    *STABILITY,
)
TIMELINESS_SPECS: Final = tuple(
    Spec(
        kind.key,
        MET,
        kind.title,
        None,
        "No national threshold",
        kind.source,
        kind.counted_when,
        "On time",
        ("deadline met", "deadlines met"),
    )
    for kind in TIMELINESS
)
NO_PLAN: Final = _day_spec(
    rows.NO_PLAN,
    "Children past their permanence plan deadline with no plan agreed, on the quarter's last day",
    NO_PLAN_SOURCE,
    "the child's permanence plan deadline has passed and still applies (the child is still "
    "looked after) on the quarter's last day",
    "No plan agreed",
)
# Every row of the board's report, in the order it shows them.
REPORT: Final = (*NATIONAL, *TIMELINESS_SPECS, NO_PLAN)
SPECS: Final = {spec.key: spec for spec in REPORT}


@dataclass(frozen=True)
class Totals:
    """What a quarter's figure adds up: how many it counts, their days (days measures) and how
    many are within the threshold, flagged, or on time."""

    counted: int = 0
    days: int = 0
    within: int = 0


# Finds one figure's totals and, where wanted, the children behind it.
Found = Callable[[Spec, Window], tuple[Totals, tuple[Behind, ...]]]


def figure(
    spec: Spec, quarter: Quarter, window: Window, totals: Totals, behind: tuple[Behind, ...]
) -> QuarterFigure:
    """A quarter's figure from its totals: the mean of days (to the nearest day) or the share
    (to the nearest whole per cent); ``None`` where nothing is counted."""
    if spec.kind == DAYS:
        mean = nearest(Decimal(totals.days) / Decimal(totals.counted)) if totals.counted else None
        return QuarterFigure(
            quarter,
            window,
            mean,
            totals.counted,
            totals.within if spec.threshold is not None else None,
            "days",
            spec.noun,
            behind,
            mean is not None and spec.threshold is not None and mean > spec.threshold,
        )
    return QuarterFigure(
        quarter,
        window,
        _percentage(totals.within, totals.counted),
        totals.counted,
        totals.within,
        "%",
        spec.noun,
        behind,
    )


def measure_of(
    spec: Spec, quarters: Sequence[Quarter], today: dt.date, found: Found
) -> BoardMeasure:
    figures = []
    for quarter in quarters:
        window = quarter.window(today)
        totals, behind = found(spec, window)
        figures.append(figure(spec, quarter, window, totals, behind))
    return BoardMeasure(
        spec.key,
        spec.title,
        spec.unit,
        spec.threshold,
        spec.threshold_text,
        spec.source,
        spec.counted_when,
        spec.within_label,
        tuple(figures),
    )


def inside(spec: Spec, window: Window, found: Iterable[rows.Row]) -> list[rows.Row]:
    """The rows of ``spec``'s measure its figure for ``window`` counts: figures counted in it
    (days measures, deadlines met), or spans holding its last day (day measures)."""
    if spec.kind != DAY:
        return [r for r in found if r.measure == spec.key and window.contains(r.first)]
    return [r for r in found if r.measure == spec.key and r.holds(window.last)]


def behind_rows(spec: Spec, window: Window, counted: Iterable[rows.Row]) -> tuple[Behind, ...]:
    day = window.last
    return tuple(Behind(r.child_id, r.note_on(day), r.counts) for r in counted)


def totals_of(counted: Sequence[rows.Row]) -> Totals:
    return Totals(
        len(counted), sum(r.days or 0 for r in counted), sum(1 for r in counted if r.counts)
    )


def from_rows(
    found_rows: Iterable[rows.Row],
    met: Mapping[str, Iterable[MetDeadline]],
    quarters: Sequence[Quarter],
    today: dt.date,
    specs: Sequence[Spec] = REPORT,
) -> tuple[BoardMeasure, ...]:
    """The report's rows, each figure with the children behind it, added up from the children's
    rows (``rows.child_rows``) and the ledger's deadlines met (as ``rows.met_row``s)."""
    by_measure: dict[str, list[rows.Row]] = {}
    met_rows = (m.row(key) for key, found in met.items() for m in found)
    for row in (*found_rows, *met_rows):
        by_measure.setdefault(row.measure, []).append(row)

    def found(spec: Spec, window: Window) -> tuple[Totals, tuple[Behind, ...]]:
        counted = inside(spec, window, by_measure.get(spec.key, ()))
        return totals_of(counted), behind_rows(spec, window, counted)

    return tuple(measure_of(spec, quarters, today, found) for spec in specs)


def _rows_of(
    journeys: Iterable[ChildJourney],
    quarters: Sequence[Quarter],
    plans: Iterable[PlanDeadline] | None = None,
) -> list[rows.Row]:
    start = rows.horizon(quarters[0].first)
    by_child: dict[str, list[PlanDeadline]] = {}
    for plan in plans or ():
        by_child.setdefault(plan.child_id, []).append(plan)
    found: list[rows.Row] = []
    for child in journeys:
        found += rows.days_rows(child)
        found += rows.stability_rows(child, start)
        found += rows.plan_rows(child, by_child.get(child.child_id, ()), start)
    return found


def national_measures(
    journeys: Iterable[ChildJourney], quarters: Sequence[Quarter], today: dt.date
) -> tuple[BoardMeasure, ...]:
    """A1, A2, A10, the 26 weeks, time to permanence by route (issue 16 item 1) and the two
    stability indicators, for each quarter."""
    return from_rows(_rows_of(journeys, quarters), {}, quarters, today, NATIONAL)


def stability(
    journeys: Sequence[ChildJourney], quarters: Sequence[Quarter], today: dt.date
) -> tuple[BoardMeasure, ...]:
    """The two stability indicators (former NI 62 and NI 63) on each quarter's last day."""
    return from_rows(_rows_of(journeys, quarters), {}, quarters, today, STABILITY)


def timeliness(
    kind: Timeliness,
    met: Iterable[MetDeadline],
    quarters: Sequence[Quarter],
    today: dt.date,
) -> BoardMeasure:
    """The share of ``kind``'s deadlines met in each quarter that were met on time."""
    (found,) = from_rows((), {kind.key: met}, quarters, today, (SPECS[kind.key],))
    return found


def no_plan(
    deadlines: Iterable[PlanDeadline],
    journeys: Mapping[str, ChildJourney],
    quarters: Sequence[Quarter],
    today: dt.date,
) -> BoardMeasure:
    """On each quarter's last day (today for the quarter under way): of the children whose
    permanence plan deadline had passed and still applied (still looked after), the share with
    no plan agreed by then. Lower is better.
    The due dates are the ledger's today, so a quarter's figure is what is known now."""
    start = rows.horizon(quarters[0].first)
    by_child: dict[str, list[PlanDeadline]] = {}
    for plan in deadlines:
        by_child.setdefault(plan.child_id, []).append(plan)
    found = [
        row
        for child_id, plans in by_child.items()
        if child_id in journeys
        for row in rows.plan_rows(journeys[child_id], plans, start)
    ]
    (measure,) = from_rows(found, {}, quarters, today, (NO_PLAN,))
    return measure


def board_measures(
    journeys: Iterable[ChildJourney],
    met: Mapping[str, Iterable[MetDeadline]],
    plans: Iterable[PlanDeadline],
    quarters: Sequence[Quarter],
    today: dt.date,
) -> tuple[BoardMeasure, ...]:
    """Every row of the board's report, in the order it shows them, worked out from the
    children's journeys (the stored rows give the same: ``homeward/reports/stored.py``)."""
    return from_rows(_rows_of(journeys, quarters, plans), met, quarters, today)
