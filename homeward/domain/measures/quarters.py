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
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Final

from homeward.domain.measures.figures import (
    NO_CHILD_QUALIFIES,
    ChildFigure,
    Measure,
    Window,
    average,
    fmt,
    nearest,
)
from homeward.domain.measures.journey import ChildJourney
from homeward.domain.measures.permanence import ROUTES, TIME_TO_PERMANENCE, time_to_permanence
from homeward.domain.measures.proceedings import CARE_PROCEEDINGS, care_proceedings
from homeward.domain.measures.scorecard import A1, A2, A10, a1, a2, a10
from homeward.domain.measures.stability import SOURCE as STABILITY_SOURCE
from homeward.domain.measures.stability import long_term_stability, three_or_more_placements

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


def _days_measure(
    measure: Measure,
    figures: Sequence[ChildFigure],
    quarters: Sequence[Quarter],
    today: dt.date,
    *,
    key: str | None = None,
    threshold_text: str | None = None,
) -> BoardMeasure:
    per_quarter = []
    for quarter in quarters:
        window = quarter.window(today)
        mean = average(measure, figures, window)
        per_quarter.append(
            QuarterFigure(
                quarter,
                window,
                mean.mean_days,
                mean.count,
                mean.within_threshold,
                "days",
                measure.noun,
                tuple(
                    Behind(f.child_id, f.note, f.within_threshold is not False)
                    for f in mean.figures
                ),
                mean.meets_threshold is False,
            )
        )
    within = "Within the threshold" if measure.threshold_days is not None else ""
    return BoardMeasure(
        key or measure.code,
        measure.title,
        "days",
        measure.threshold_days,
        threshold_text or _threshold_text(measure),
        measure.source,
        measure.counted_when,
        within,
        tuple(per_quarter),
    )


def _percentage(part: int, whole: int) -> int | None:
    return nearest(Decimal(100 * part) / Decimal(whole)) if whole else None


STABILITY: Final = (
    (
        "placements-3-plus",
        "Children looked after with 3 or more placements in the 12 months to the quarter's end",
        "looked after on the quarter's last day (today for the quarter under way), not under "
        "an agreed series of short breaks",
        "With 3 or more placements",
        three_or_more_placements,
    ),
    (
        "long-term-stability",
        "Children under 16 looked after 2.5 years or more, in the same placement 2 years or more",
        "under 16 and looked after 2.5 years or more on the quarter's last day",
        "In the same placement 2 years or more",
        long_term_stability,
    ),
)


def stability(
    journeys: Sequence[ChildJourney], quarters: Sequence[Quarter], today: dt.date
) -> tuple[BoardMeasure, ...]:
    """The two stability indicators (former NI 62 and NI 63) on each quarter's last day."""
    found = []
    for key, title, counted_when, within_label, indicator in STABILITY:
        per_quarter = []
        for quarter in quarters:
            window = quarter.window(today)
            cohort = [f for f in (indicator(c, window.last) for c in journeys) if f.in_cohort]
            flagged = sum(1 for f in cohort if f.flagged)
            per_quarter.append(
                QuarterFigure(
                    quarter,
                    window,
                    _percentage(flagged, len(cohort)),
                    len(cohort),
                    flagged,
                    "%",
                    ("child", "children"),
                    tuple(Behind(f.child_id, f.note, f.flagged) for f in cohort),
                )
            )
        found.append(
            BoardMeasure(
                key,
                title,
                "%",
                None,
                "No national threshold",
                STABILITY_SOURCE,
                counted_when,
                within_label,
                tuple(per_quarter),
            )
        )
    return tuple(found)


def national_measures(
    journeys: Iterable[ChildJourney], quarters: Sequence[Quarter], today: dt.date
) -> tuple[BoardMeasure, ...]:
    """A1, A2, A10, the 26 weeks, time to permanence by route (issue 16 item 1) and the two
    stability indicators, for each quarter. Each child's figures are worked out once and averaged
    over each quarter's window."""
    everyone = list(journeys)
    a1s = [a1(c) for c in everyone]
    to_permanence = [f for c in everyone for f in time_to_permanence(c)]
    a2s = [a2(c) for c in everyone]
    a10s = [a10(c) for c in everyone]
    proceedings = [f for c in everyone for f in care_proceedings(c)]
    return (
        _days_measure(A1, a1s, quarters, today),
        _days_measure(A2, a2s, quarters, today),
        _days_measure(A10, a10s, quarters, today),
        _days_measure(
            CARE_PROCEEDINGS,
            proceedings,
            quarters,
            today,
            threshold_text="Within 26 weeks: 181 days or fewer after the issue day",
        ),
        *(
            _days_measure(
                TIME_TO_PERMANENCE[route],
                to_permanence,
                quarters,
                today,
                key=f"ttp-{route.replace(' ', '-')}",
            )
            for route in ROUTES
        ),
        *stability(everyone, quarters, today),
    )


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


def timeliness(
    kind: Timeliness,
    met: Iterable[MetDeadline],
    quarters: Sequence[Quarter],
    today: dt.date,
) -> BoardMeasure:
    """The share of ``kind``'s deadlines met in each quarter that were met on time."""
    rows = list(met)
    per_quarter = []
    for quarter in quarters:
        window = quarter.window(today)
        inside = [m for m in rows if window.contains(m.met_on)]
        on_time = sum(1 for m in inside if m.on_time)
        per_quarter.append(
            QuarterFigure(
                quarter,
                window,
                _percentage(on_time, len(inside)),
                len(inside),
                on_time,
                "%",
                ("deadline met", "deadlines met"),
                tuple(
                    Behind(
                        m.child_id,
                        f"{m.title}: due {fmt(m.due)}, met {fmt(m.met_on)}"
                        + (" (on time)." if m.on_time else " (late)."),
                        m.on_time,
                    )
                    for m in inside
                ),
            )
        )
    return BoardMeasure(
        kind.key,
        kind.title,
        "%",
        None,
        "No national threshold",
        kind.source,
        kind.counted_when,
        "On time",
        tuple(per_quarter),
    )


@dataclass(frozen=True)
class PlanDeadline:
    """A child's permanence plan deadline as the ledger holds it (rule "permanence-plan": the
    second review as held, or its due date while not held): when it fell due, when a plan was
    agreed, and when it stopped applying (the child left care)."""

    child_id: str
    due: dt.date
    met_on: dt.date | None
    stopped_on: dt.date | None


NO_PLAN_SOURCE: Final = (
    "the permanence plan by the second review (statutory guidance vol. 2; Dudley Permanence "
    "Strategy (000_f860603ee99ef2b2.txt) objective 7; Durham (002_a77630a273fce245.txt) 'Looked "
    "After Reviews'; Devon Permanence Matters (004_7232501e48845cda.txt)), read from the "
    "deadline ledger as it stands today"
)


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
    rows = list(deadlines)
    per_quarter = []
    for quarter in quarters:
        window = quarter.window(today)
        day = window.last
        cohort = [
            d
            for d in rows
            if d.due < day
            and (d.stopped_on is None or d.stopped_on > day)
            and d.child_id in journeys
            and journeys[d.child_id].period_on(day) is not None
        ]
        missing = [d for d in cohort if d.met_on is None or d.met_on > day]
        per_quarter.append(
            QuarterFigure(
                quarter,
                window,
                _percentage(len(missing), len(cohort)),
                len(cohort),
                len(missing),
                "%",
                ("child", "children"),
                tuple(
                    Behind(
                        d.child_id,
                        f"Permanence plan due {fmt(d.due)}; "
                        + (
                            f"agreed {fmt(d.met_on)}."
                            if d.met_on is not None and d.met_on <= day
                            else f"no plan agreed by {fmt(day)}."
                        ),
                        d in missing,
                    )
                    for d in cohort
                ),
            )
        )
    return BoardMeasure(
        "no-plan",
        "Children past their permanence plan deadline with no plan agreed, on the quarter's "
        "last day",
        "%",
        None,
        "No national threshold",
        NO_PLAN_SOURCE,
        "the child's permanence plan deadline has passed and still applies (the child is still "
        "looked after) on the quarter's last day",
        "No plan agreed",
        tuple(per_quarter),
    )


def board_measures(
    journeys: Iterable[ChildJourney],
    met: Mapping[str, Iterable[MetDeadline]],
    plans: Iterable[PlanDeadline],
    quarters: Sequence[Quarter],
    today: dt.date,
) -> tuple[BoardMeasure, ...]:
    """Every row of the board's report, in the order it shows them."""
    everyone = list(journeys)
    return (
        *national_measures(everyone, quarters, today),
        *(timeliness(kind, met.get(kind.key, ()), quarters, today) for kind in TIMELINESS),
        no_plan(plans, {c.child_id: c for c in everyone}, quarters, today),
    )
