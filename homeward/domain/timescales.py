"""The timescales engine: a child's dated events in, every expectation out.

Rules are data (``homeward/domain/rules/*.toml``, one file per profile, each rule citing its
source). For one child the engine returns, rule by rule, each expected occurrence with its due
date, status (upcoming, due soon, overdue, met on time, met late, no longer applies), the event
that met it, the days late, and a sentence that explains the date. Deterministic, no database:
the same events and the same ``today`` always give the same answer.
"""

from __future__ import annotations

import bisect
import datetime as dt
import enum
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Final, NamedTuple

from homeward.domain import calendar as cal
from homeward.domain import events as event_kinds

RULES_DIR: Final = Path(__file__).resolve().parent / "rules"
UNITS: Final = (
    "days",
    "weeks",
    "months",
    "working_days",
    "weeks_beginning_with",
    "gestation_weeks",
    "weeks_before",
    "age_years",  # from the child's date of birth, not from the event (care leavers to 25)
)
ROLES: Final = (
    "social_worker",
    "team_manager",
    "iro",
    "permanence_coordinator",
    "court_progression_manager",
    "panel_administrator",
    "family_finder",
    "service_manager",
)
DUE_SOON_DAYS: Final = 14


class RuleFileError(ValueError):
    """A rules file that cannot be used, naming the file, the rule and the field."""


_FIXED: Final = {"days": 1, "weeks": 7}


@dataclass(frozen=True)
class Interval:
    amount: int
    unit: str
    # Days and weeks are a fixed length: kept as a timedelta so the engine adds it in one step.
    delta: dt.timedelta | None = field(init=False, compare=False, repr=False, default=None)

    # Month and working-day arithmetic remembered per interval: a council's children share dates.
    _memo: dict[tuple[dt.date, cal.WorkingCalendar], dt.date] = field(
        init=False, compare=False, repr=False, default_factory=dict
    )
    # What ``describe`` says, once it has been asked.
    text: str | None = field(init=False, compare=False, repr=False, default=None)

    def __post_init__(self) -> None:
        if self.unit in _FIXED:
            object.__setattr__(self, "delta", dt.timedelta(days=self.amount * _FIXED[self.unit]))

    def after(self, day: dt.date, working: cal.WorkingCalendar = cal.ENGLAND) -> dt.date:
        if self.delta is not None:
            return day + self.delta
        key = (day, working)
        found = self._memo.get(key)
        if found is None:
            found = self._memo[key] = self._after(day, working)
        return found

    def _after(self, day: dt.date, working: cal.WorkingCalendar) -> dt.date:
        if self.unit == "days":
            return cal.add_days(day, self.amount)
        if self.unit == "weeks":
            return cal.add_weeks(day, self.amount)
        if self.unit == "months":
            return cal.add_months(day, self.amount)
        if self.unit == "working_days":
            return working.add_working_days(day, self.amount)
        if self.unit == "weeks_beginning_with":
            return cal.weeks_beginning_with(day, self.amount)
        if self.unit == "gestation_weeks":
            return cal.gestation_week_date(day, self.amount)
        if self.unit == "weeks_before":
            return cal.weeks_before(day, self.amount)
        raise ValueError(self.unit)  # age_years counts from the date of birth: see _after

    def describe(self) -> str:
        text = self.text
        if text is None:  # worked out once: every stored row names its interval
            text = self._describe()
            object.__setattr__(self, "text", text)
        return text

    def _describe(self) -> str:
        if self.unit == "gestation_weeks":
            return f"{self.amount} weeks' gestation"
        if self.unit == "weeks_before":
            return f"{self.amount} week{'s' if self.amount != 1 else ''} before"
        if self.unit == "age_years":
            return f"support until the age of {self.amount}"
        if self.amount == 0:
            return "the same day"
        noun = _WORDS[self.unit]
        return f"{self.amount} {noun}{'s' if self.amount != 1 else ''}"


_WORDS: Final = {
    "days": "day",
    "weeks": "week",
    "months": "month",
    "working_days": "working day",
    "weeks_beginning_with": "week",
}


@dataclass(frozen=True)
class InForce:
    """A state the child is in from the latest of ``since`` until one of ``until`` after it: an
    interim care order until the care order, living with a parent until the next placement."""

    since: tuple[str, ...]
    until: tuple[str, ...]


@dataclass(frozen=True)
class Later:
    """A longer interval after a while: once ``after`` has passed since the start, the rule
    recurs at ``recurs`` where one of ``when`` was recorded since the start, and (if given) one of
    ``also`` too. Reg 28(2)(c)(i): 3 months after a placement's first year where it is intended to
    last until 18; reg 28(3A): 6 months where, besides, the child agreed to it."""

    after: Interval
    when: tuple[str, ...]
    recurs: Interval
    also: tuple[str, ...] = ()


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    starts: tuple[str, ...]  # event kinds (or a child anchor) that start the clock
    due: tuple[Interval, ...]  # applied in turn: 20 working days, then 3 months
    satisfied_by: tuple[str, ...]
    responsible: str
    source: str
    profile: str
    recurs: tuple[Interval, ...] = ()  # after each time it is met; the last repeats
    stops: tuple[str, ...] = ()  # events after which it no longer applies
    source_name: str = ""  # short name for explanations, e.g. "Dudley's quick reference guide"
    # A start kind with its own interval: "from the decision to start the PLO" (the same day).
    due_by_start: tuple[tuple[str, tuple[Interval, ...]], ...] = ()
    # One clock a period from whichever start gives the earliest date ("whichever comes first").
    whichever_first: bool = False
    # A date someone may act from (carers may apply for an order), not a deadline: it is never
    # overdue, it is reached.
    milestone: bool = False
    # Met by an event before the start, back to the latest of these kinds: "a network meeting
    # during the assessment period, before the child returns home" is checked at the return.
    looks_back_to: tuple[str, ...] = ()
    # Applies only when the child is at least this old when it starts (care leavers).
    min_age_at_start: int | None = None
    # Due when another rule's occurrence falls: the date it was met (a review as held), else its
    # due date while not yet met. ("cic-review", 2) is the second review; ("cic-review", 0) the
    # first occurrence of that rule on or after the start ("the next review").
    due_at: tuple[str, int] | None = None
    # The first occurrence may be met before the start, back to the end of the previous period of
    # care ("a care plan prepared before the child is first placed").
    met_before_start: bool = False
    # Applies only when one of these events is recorded ("where removal at birth is planned").
    only_if: tuple[str, ...] = ()
    # Does not apply to a start that shares its day with one of these: a period of care that
    # began as short breaks follows the short-breaks timetable instead.
    excluded_by: tuple[str, ...] = ()
    # Recurs only until another rule's occurrence (weekly visits "until the first review"), then
    # at ``recurs_then`` (or not at all).
    recurs_until: tuple[str, int] | None = None
    recurs_then: Interval | None = None
    # Longer intervals after a while, where events say so (a placement intended to last until
    # 18): the last stage that applies wins.
    later: tuple[Later, ...] = ()
    # A second start before a stop restarts nothing (the same placement, recorded again).
    first_start_only: bool = False
    # Events with a length in weeks (``Event.weeks``) that move the due date on: the court may
    # extend the 26 weeks of care proceedings, up to 8 weeks at a time (Children Act 1989 s32(5)).
    extended_by: tuple[str, ...] = ()
    # An estimate that gives way: it does not apply to a clock for which one of these events is
    # recorded (the 26 weeks estimated from an interim care order, until the issue date is known).
    replaced_by: tuple[str, ...] = ()
    # A start counts only while each of these states is in force on its day (reg 28(4): an
    # interim care order and living with a parent), and not while any of ``not_in_force`` is.
    in_force: tuple[InForce, ...] = ()
    not_in_force: tuple[InForce, ...] = ()
    recur_steps: tuple[tuple[Interval, ...], ...] = field(
        init=False, compare=False, repr=False, default=()
    )
    # Met by the event that starts it (a PPM every 6 weeks after the first PPM): see _restarts.
    restarts: bool = field(init=False, compare=False, repr=False, default=False)

    def __post_init__(self) -> None:
        # Each recurrence as the one-step tuple an expectation keeps, built once a rule.
        object.__setattr__(self, "recur_steps", tuple((step,) for step in self.recurs))
        object.__setattr__(self, "restarts", bool(set(self.starts) & set(self.satisfied_by)))

    def due_for(self, kind: str) -> tuple[Interval, ...]:
        if not self.due_by_start:
            return self.due
        return dict(self.due_by_start).get(kind, self.due)


class Status(enum.StrEnum):
    UPCOMING = "upcoming"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    MET_ON_TIME = "met_on_time"
    MET_LATE = "met_late"
    NO_LONGER_APPLIES = "no_longer_applies"
    REACHED = "reached"  # a milestone's date has come
    MISSED = "missed"  # a check made after the fact found it was not done in time

    @property
    def label(self) -> str:
        return {
            "upcoming": "Upcoming",
            "due_soon": "Due soon",
            "overdue": "Overdue",
            "met_on_time": "Met on time",
            "met_late": "Met late",
            "no_longer_applies": "No longer applies",
            "reached": "Reached",
            "missed": "Missed",
        }[self.value]

    @property
    def is_open(self) -> bool:
        return self in {Status.UPCOMING, Status.DUE_SOON, Status.OVERDUE}


class Event(NamedTuple):
    """A dated fact. A named tuple, not a dataclass: a council's worth of these are sorted and
    compared, and tuples do that in C."""

    date: dt.date
    kind: str
    weeks: int = 0  # for an event with a length: a court's extension of the timetable


class ChildFacts(NamedTuple):
    date_of_birth: dt.date | None = None
    expected_date_of_delivery: dt.date | None = None


NO_FACTS: Final = ChildFacts()


class Expectation(NamedTuple):
    """One expected occurrence of a rule (a named tuple: built by the hundred thousand)."""

    rule: Rule
    occurrence: int  # 1 for the first time a rule is due, 2 for its first recurrence...
    due: dt.date
    status: Status
    anchor: Event
    met_by: Event | None
    days_late: int
    since: Event  # what the due date counts from: the anchor, or the last time it was met
    steps: tuple[Interval, ...]
    stopped_by: Event | None = None
    note: str = ""

    @property
    def explanation(self) -> str:
        """Why this date: "Due 14 Mar 2026 because the child became looked after on 28 Feb 2026
        and Dudley's quick reference guide sets 2 weeks." (built when asked, not for every child
        on a dashboard)."""
        if self.rule.due_at is not None:
            because = ""  # the note says which occurrence of which rule dates it
        else:
            because = _because(self.rule, self.since, self.steps, self.occurrence, self.due)
        if self.rule.whichever_first and self.occurrence == 1:
            options = " or ".join(
                f"{_describe(self.rule.due_for(kind))} from “{event_kinds.label(kind).lower()}”"
                for kind in self.rule.starts
            )
            because += f" It runs from whichever comes first: {options}."
        if self.rule.looks_back_to:
            back = " or ".join(event_kinds.label(k).lower() for k in self.rule.looks_back_to)
            what = " or ".join(event_kinds.label(k).lower() for k in self.rule.satisfied_by)
            because += f" It is met by “{what}” between the last “{back}” and that date."
        if self.rule.replaced_by:
            known = " or ".join(f"“{event_kinds.label(k).lower()}”" for k in self.rule.replaced_by)
            because += f" This is an estimate until {known} is recorded."
        if self.stopped_by is not None:
            stop = self.stopped_by
            because += f" It stopped applying when: {event_kinds.label(stop.kind).lower()} on "
            because += f"{_fmt(stop.date)}"
            because += f", {self.days_late} days after it was due." if self.days_late else "."
        return because + self.note

    @property
    def sort_key(self) -> tuple[int, dt.date, str]:
        order = {Status.OVERDUE: 0, Status.DUE_SOON: 1, Status.UPCOMING: 2}
        return (order.get(self.status, 3), self.due, self.rule.id)


@cache  # strftime is slow, and a council's explanations name the same days again and again
def _fmt(day: dt.date) -> str:
    return f"{day.day} {day:%b %Y}"


def _interval(raw: Any, where: str) -> Interval:
    if not isinstance(raw, dict) or len(raw) != 1:
        raise RuleFileError(f"{where}: give exactly one unit, e.g. {{ weeks = 2 }}")
    ((unit, amount),) = raw.items()
    if unit not in UNITS:
        raise RuleFileError(f"{where}: unknown unit {unit!r} (use one of {', '.join(UNITS)})")
    if not isinstance(amount, int) or isinstance(amount, bool) or amount < 0:
        raise RuleFileError(f"{where}: {unit} must be a whole number of 0 or more")
    return Interval(amount, unit)


def _intervals(raw: Any, where: str) -> tuple[Interval, ...]:
    steps = raw if isinstance(raw, list) else [raw]
    if not steps:
        raise RuleFileError(f"{where}: give at least one interval")
    return tuple(_interval(step, where) for step in steps)


def _after(
    steps: Sequence[Interval],
    day: dt.date,
    working: cal.WorkingCalendar,
    child: ChildFacts | None = None,
) -> dt.date:
    if len(steps) == 1 and steps[0].unit != "age_years":
        return steps[0].after(day, working)
    for step in steps:
        if step.unit == "age_years":
            born = child.date_of_birth if child is not None else None
            if born is None:
                raise ValueError("an age-based rule needs the child's date of birth")
            day = cal.add_months(born, 12 * step.amount)
        else:
            day = step.after(day, working)
    return day


def _describe(steps: Sequence[Interval]) -> str:
    return " then ".join(step.describe() for step in steps)


def _kinds(raw: Any, where: str, *, anchors: bool = False) -> tuple[str, ...]:
    values = [raw] if isinstance(raw, str) else raw
    if not isinstance(values, list) or not values:
        raise RuleFileError(f"{where}: name at least one event")
    known = set(event_kinds.JOURNEY_EVENTS) | (set(event_kinds.CHILD_ANCHORS) if anchors else set())
    for value in values:
        if value not in known:
            raise RuleFileError(f"{where}: unknown event {value!r}")
    return tuple(values)


def _reference(raw: Any, where: str) -> tuple[str, int] | None:
    """``{ rule = "cic-review", occurrence = 2 }``; occurrence "next" is stored as 0."""
    if raw is None:
        return None
    if not isinstance(raw, dict) or not isinstance(raw.get("rule"), str):
        raise RuleFileError(f'{where}: give {{ rule = "id", occurrence = 1 }}')
    occurrence = raw.get("occurrence")
    if occurrence == "next":
        return (raw["rule"], 0)
    if not isinstance(occurrence, int) or isinstance(occurrence, bool) or occurrence < 1:
        raise RuleFileError(f'{where}: occurrence must be 1 or more, or "next"')
    return (raw["rule"], occurrence)


def _states(raw: Any, where: str) -> tuple[InForce, ...]:
    """``[{ since = "interim_care_order", until = ["care_order"] }, ...]``"""
    if raw is None:
        return ()
    if not isinstance(raw, list) or not all(
        isinstance(item, dict) and {"since", "until"} == set(item) for item in raw
    ):
        raise RuleFileError(f'{where}: give a list of {{ since = "event", until = ["event"] }}')
    return tuple(
        InForce(_kinds(item["since"], f"{where}.since"), _kinds(item["until"], f"{where}.until"))
        for item in raw
    )


def _later(raw: Any, where: str) -> tuple[Later, ...]:
    """``{ from = { months = 12 }, when = "event", recurs = { months = 3 } }`` (``also`` may
    name events one of which must be recorded too), or a list of them, in order."""
    if raw is None:
        return ()
    items = [raw] if isinstance(raw, dict) else raw
    if not isinstance(items, list) or not all(
        isinstance(item, dict) and {"from", "when", "recurs"} <= set(item) <= _LATER_KEYS
        for item in items
    ):
        raise RuleFileError(
            f"{where}, field 'later': give from, when and recurs (and also, if needed)"
        )
    return tuple(
        Later(
            _interval(item["from"], f"{where}, field 'later.from'"),
            _kinds(item["when"], f"{where}, field 'later.when'"),
            _interval(item["recurs"], f"{where}, field 'later.recurs'"),
            _kinds(item["also"], f"{where}, field 'later.also'") if "also" in item else (),
        )
        for item in items
    )


_LATER_KEYS: Final = frozenset({"from", "when", "recurs", "also"})


def _flag(raw: dict[str, Any], name: str, where: str) -> bool:
    value = raw.get(name, False)
    if not isinstance(value, bool):
        raise RuleFileError(f"{where}, field {name!r}: give true or false")
    return value


def _optional_kinds(raw: dict[str, Any], name: str, where: str) -> tuple[str, ...]:
    """An optional list of event kinds in a rule (none when the field is absent or empty)."""
    return _kinds(raw[name], f"{where}, field '{name}'") if raw.get(name) else ()


def parse_rules(text: str, *, profile: str, file_name: str) -> tuple[Rule, ...]:
    """Rules from one TOML file; a RuleFileError names the file, rule and field of any fault."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RuleFileError(f"{file_name}: not valid TOML: {exc}") from exc
    source_name = data.get("source_name", "")
    rules: list[Rule] = []
    for index, raw in enumerate(data.get("rule", []), start=1):
        rule_id = raw.get("id") or f"rule {index}"
        where = f"{file_name}, rule {rule_id}"
        milestone = raw.get("milestone", False)
        if not isinstance(milestone, bool):
            raise RuleFileError(f"{where}, field 'milestone': give true or false")
        required_fields = ["id", "title", "starts", "responsible", "source"]
        if not milestone:
            required_fields.append("satisfied_by")
        for required in required_fields:
            if not raw.get(required):
                raise RuleFileError(f"{where}: missing field {required!r}")
        if raw["responsible"] not in ROLES:
            raise RuleFileError(
                f"{where}, field 'responsible': unknown role {raw['responsible']!r}"
            )
        recurs = raw.get("recurs", [])
        recurs_list = [recurs] if isinstance(recurs, dict) else recurs
        starts = _kinds(raw["starts"], f"{where}, field 'starts'", anchors=True)
        by_start = raw.get("due_by_start", {})
        if not isinstance(by_start, dict):
            raise RuleFileError(f"{where}, field 'due_by_start': give a table of start = interval")
        for kind in by_start:
            if kind not in starts:
                raise RuleFileError(
                    f"{where}, field 'due_by_start': {kind!r} is not one of the rule's starts"
                )
        whichever_first = raw.get("whichever_first", False)
        if whichever_first is not False and (whichever_first is not True or len(starts) < 2):
            raise RuleFileError(
                f"{where}, field 'whichever_first': give true, with two or more starts"
            )
        due_at = _reference(raw.get("due_at"), f"{where}, field 'due_at'")
        if raw.get("due") is None and due_at is None:
            raise RuleFileError(f"{where}: missing field 'due' (or 'due_at')")
        until = raw.get("recurs_until")
        recurs_until = _reference(until, f"{where}, field 'recurs_until'")
        recurs_then = (
            _interval(until["then"], f"{where}, field 'recurs_until.then'")
            if isinstance(until, dict) and "then" in until
            else None
        )
        later = _later(raw.get("later"), where)
        min_age = raw.get("min_age_at_start")
        if min_age is not None and (not isinstance(min_age, int) or isinstance(min_age, bool)):
            raise RuleFileError(f"{where}, field 'min_age_at_start': give a whole number of years")
        rules.append(
            Rule(
                id=raw["id"],
                title=raw["title"],
                starts=starts,
                due=(
                    _intervals(raw["due"], f"{where}, field 'due'")
                    if raw.get("due") is not None
                    else ()
                ),
                satisfied_by=(
                    _kinds(raw["satisfied_by"], f"{where}, field 'satisfied_by'")
                    if raw.get("satisfied_by")
                    else ()
                ),
                responsible=raw["responsible"],
                source=raw["source"],
                profile=profile,
                recurs=tuple(_interval(r, f"{where}, field 'recurs'") for r in recurs_list),
                stops=_kinds(raw["stops"], f"{where}, field 'stops'") if raw.get("stops") else (),
                source_name=raw.get("source_name", source_name),
                due_by_start=tuple(
                    (kind, _intervals(value, f"{where}, field 'due_by_start.{kind}'"))
                    for kind, value in by_start.items()
                ),
                whichever_first=whichever_first,
                milestone=milestone,
                looks_back_to=_optional_kinds(raw, "looks_back_to", where),
                min_age_at_start=min_age,
                due_at=due_at,
                met_before_start=_flag(raw, "met_before_start", where),
                only_if=_optional_kinds(raw, "only_if", where),
                excluded_by=_optional_kinds(raw, "excluded_by", where),
                recurs_until=recurs_until,
                recurs_then=recurs_then,
                later=later,
                first_start_only=_flag(raw, "first_start_only", where),
                extended_by=_optional_kinds(raw, "extended_by", where),
                replaced_by=_optional_kinds(raw, "replaced_by", where),
                in_force=_states(raw.get("in_force"), f"{where}, field 'in_force'"),
                not_in_force=_states(raw.get("not_in_force"), f"{where}, field 'not_in_force'"),
            )
        )
    ids = [r.id for r in rules]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise RuleFileError(f"{file_name}: rule ids used twice: {', '.join(duplicates)}")
    return tuple(rules)


@cache
def rules_for(council: str) -> tuple[Rule, ...]:
    """The statutory rules, then the council's own (which may replace a statutory rule by id)."""
    statutory = parse_rules(
        (RULES_DIR / "statutory.toml").read_text(), profile="statutory", file_name="statutory.toml"
    )
    path = RULES_DIR / f"{council}.toml"
    own = (
        parse_rules(path.read_text(), profile=council, file_name=path.name) if path.exists() else ()
    )
    replaced = {r.id for r in own}
    rules = tuple(r for r in statutory if r.id not in replaced) + own
    check_references(rules, council)
    return rules


def check_references(rules: Sequence[Rule], where: str) -> None:
    """A rule due at another rule's occurrence must name a rule that is itself dated without
    one (the engine dates those first)."""
    plain = {r.id for r in rules if r.due_at is None and r.recurs_until is None}
    for rule in rules:
        for ref in (rule.due_at, rule.recurs_until):
            if ref is not None and ref[0] not in plain:
                raise RuleFileError(
                    f"{where}, rule {rule.id}: {ref[0]!r} is not a rule dated on its own"
                )


def evaluate(
    rules: Sequence[Rule],
    events: Iterable[Event],
    *,
    today: dt.date,
    child: ChildFacts = NO_FACTS,
    working: cal.WorkingCalendar = cal.ENGLAND,
    soon_days: int = DUE_SOON_DAYS,
) -> list[Expectation]:
    """Every expectation for one child, in rule order and date order."""
    timeline = sorted(set(events))
    by_kind = _by_kind(timeline)
    if len(by_kind.get(_BECAME, ())) > 1:
        by_kind = _by_kind(periods_of_care(timeline))
    if child.expected_date_of_delivery and child.date_of_birth is None:
        _insert(by_kind, Event(child.expected_date_of_delivery, "expected_date_of_delivery"))
    if child.date_of_birth is not None:
        # Pathway planning starts at 16 (Children Act 1989 Sch 2 para 19B): a fact about the
        # child, like the expected date of delivery, not a recorded event.
        _insert(by_kind, Event(_sixteenth(child.date_of_birth), event_kinds.SIXTEENTH_BIRTHDAY))
    plan = _plan(rules)
    done: dict[str, list[Expectation]] = {}
    if plan is None:  # two rules with one id: the later one's expectations stand for both
        for rule in sorted(rules, key=_refers):
            done[rule.id] = _expectations(rule, by_kind, done, today, working, soon_days, child)
        return [e for rule in rules for e in done.get(rule.id, [])]
    # Rules dated by another rule's occurrence come after the rules they refer to; a rule none
    # of whose starts is on the timeline has nothing to say (and is not asked).
    present = by_kind.keys()
    for rule, starts in plan:
        if not starts.isdisjoint(present):
            found = _expectations(rule, by_kind, done, today, working, soon_days, child)
            if found:
                done[rule.id] = found
    out: list[Expectation] = []
    for rule in rules:
        some = done.get(rule.id)
        if some:
            out += some
    return out


def _by_kind(timeline: list[Event]) -> dict[str, list[Event]]:
    """The timeline's events by kind, each kind's in the timeline's order."""
    by_kind: dict[str, list[Event]] = {}
    for event in timeline:
        found = by_kind.get(event.kind)
        if found is None:
            by_kind[event.kind] = [event]
        else:
            found.append(event)
    return by_kind


def _insert(by_kind: dict[str, list[Event]], event: Event) -> None:
    """Add an event of the child's own facts in its place among its kind's."""
    found = by_kind.get(event.kind)
    if found is None:
        by_kind[event.kind] = [event]
    else:
        bisect.insort(found, event)


@cache
def _sixteenth(born: dt.date) -> dt.date:
    return cal.add_months(born, 12 * 16)


# Each set of rules in the order the engine runs them, with what starts each, worked out once
# (keyed by identity, with the rules kept so that the identity stays theirs).
_PLANS: dict[int, tuple[Sequence[Rule], tuple[tuple[Rule, frozenset[str]], ...] | None]] = {}


def _plan(rules: Sequence[Rule]) -> tuple[tuple[Rule, frozenset[str]], ...] | None:
    found = _PLANS.get(id(rules))
    if found is not None and found[0] is rules and isinstance(rules, tuple):
        return found[1]
    plan = None
    if len({rule.id for rule in rules}) == len(rules):
        plan = tuple((rule, frozenset(rule.starts)) for rule in sorted(rules, key=_refers))
    if isinstance(rules, tuple):  # a list may change between calls: worked out each time
        if len(_PLANS) > 64:
            _PLANS.clear()
        _PLANS[id(rules)] = (rules, plan)
    return plan


def _refers(rule: Rule) -> bool:
    return rule.due_at is not None or rule.recurs_until is not None


def periods_of_care(timeline: list[Event]) -> list[Event]:
    """The timeline with one start and one end per period of care. A second "became looked
    after" while a period is open restarts nothing, and a period that ends and starts again on
    the same day (a change of legal status) is one period: SSDA903 guidance on episodes."""
    if sum(1 for e in timeline if e.kind == _BECAME) < 2:
        return timeline
    out: list[Event] = []
    open_period = False
    day_start = 0
    while day_start < len(timeline):
        day = timeline[day_start].date
        day_end = day_start
        while day_end < len(timeline) and timeline[day_end].date == day:
            day_end += 1
        events = timeline[day_start:day_end]
        kinds = {e.kind for e in events}
        became, ceased = _BECAME in kinds, _CEASED in kinds
        drop: set[str] = set()
        if open_period:
            if became and ceased:
                drop = {_BECAME, _CEASED}  # ends and starts again the same day: one period
            elif became:
                drop = {_BECAME}
            elif ceased:
                open_period = False
        elif became:
            open_period = not ceased
        out.extend(e for e in events if e.kind not in drop)
        day_start = day_end
    return out


_BECAME: Final = "became_looked_after"
_CEASED: Final = "ceased_looked_after"


def _expectations(
    rule: Rule,
    by_kind: dict[str, list[Event]],
    done: dict[str, list[Expectation]],
    today: dt.date,
    working: cal.WorkingCalendar,
    soon_days: int,
    child: ChildFacts,
) -> list[Expectation]:
    starts = rule.starts
    if len(starts) == 1:
        anchors = by_kind.get(starts[0], [])
    else:
        anchors = sorted(e for kind in starts for e in by_kind.get(kind, ()))
    if not anchors:
        return []
    if rule.only_if and not any(kind in by_kind for kind in rule.only_if):
        return []
    if rule.excluded_by:
        excluded = {e.date for kind in rule.excluded_by for e in by_kind.get(kind, ())}
        anchors = [a for a in anchors if a.date not in excluded]
    if rule.in_force or rule.not_in_force:
        anchors = [
            a
            for a in anchors
            if all(_holds(state, a, by_kind) for state in rule.in_force)
            and not any(_holds(state, a, by_kind) for state in rule.not_in_force)
        ]
    all_stops = (
        by_kind.get(rule.stops[0], [])
        if len(rule.stops) == 1
        else sorted(e for kind in rule.stops for e in by_kind.get(kind, ()))
    )
    if rule.min_age_at_start is not None:
        born = child.date_of_birth
        anchors = [
            a
            for a in anchors
            if born is not None and cal.add_months(born, 12 * rule.min_age_at_start) <= a.date
        ]
    if rule.whichever_first:
        anchors = _earliest_per_period(anchors, rule, by_kind, working, child)
    elif rule.first_start_only:
        anchors = _first_starts(anchors, all_stops)
    elif rule.restarts:
        anchors = _restarts(anchors, rule, by_kind)
    if rule.replaced_by:
        anchors = _estimates(anchors, rule, by_kind)
        if not anchors:
            return []
    results: list[Expectation] = []
    for i, anchor in enumerate(anchors):
        # A pre-birth rule counts back from the expected date: any stop before it counts.
        counts_back = anchor.kind in event_kinds.COUNTS_BACK
        window_end = anchors[i + 1].date if i + 1 < len(anchors) else None
        stop = (
            next(
                (
                    e
                    for e in all_stops
                    if (counts_back or _later_than(e, anchor))
                    and (window_end is None or e.date < window_end)
                ),
                None,
            )
            if all_stops
            else None
        )
        if rule.looks_back_to:
            results.append(_look_back(rule, anchor, by_kind, today))
            continue
        fixed = None
        if rule.due_at is not None:
            fixed = _occurrence(done.get(rule.due_at[0], []), anchor, rule.due_at[1], working)
            if fixed is None:
                continue  # nothing to date it by (e.g. it started before the period of care)
        until = None
        if rule.recurs_until is not None:
            found = _occurrence(
                done.get(rule.recurs_until[0], []), anchor, rule.recurs_until[1], working
            )
            until = found[0] if found is not None else None
        floor = None
        if rule.met_before_start:
            floor = max((e.date for e in all_stops if e.date < anchor.date), default=dt.date.min)
        results.extend(
            _clock(
                rule,
                anchor,
                stop,
                window_end,
                by_kind,
                today,
                working,
                soon_days,
                child,
                fixed=fixed,
                until=until,
                floor=floor,
            )
        )
    return results


def _holds(state: InForce, anchor: Event, by_kind: dict[str, list[Event]]) -> bool:
    """Is ``state`` in force on the anchor's day: its latest start on or before that day (any
    order within the day), and nothing that ends it since, before the anchor in the day's order?"""
    began = max(
        (e for kind in state.since for e in by_kind.get(kind, ()) if e.date <= anchor.date),
        default=None,
    )
    if began is None:
        return False
    return not any(
        _later_than(e, began) and e != anchor and not _later_than(e, anchor)
        for kind in state.until
        for e in by_kind.get(kind, ())
    )


def _occurrence(
    found: list[Expectation], anchor: Event, occurrence: int, working: cal.WorkingCalendar
) -> tuple[dt.date, Expectation] | None:
    """The date of another rule's occurrence in this start's period: when it was met (a review
    as held), else its due date. Occurrence 0 is the first one on or after the start. One not
    yet reached is projected from the last one the engine dated (the second review falls 3
    months after the first's due date while neither is held)."""
    period = max((e.anchor for e in found if e.anchor.date <= anchor.date), default=None)
    if period is None:
        return None
    last: Expectation | None = None
    for e in found:
        if e.anchor != period:
            continue
        day = e.met_by.date if e.met_by is not None else e.due
        if (occurrence == 0 and day >= anchor.date) or e.occurrence == occurrence:
            return day, e
        last = e
    if last is None or not last.rule.recurs:
        return None
    recurs = last.rule.recurs
    day, n = last.due, last.occurrence
    while (occurrence == 0 and day < anchor.date) or (occurrence and n < occurrence):
        n += 1
        day = recurs[min(n - 2, len(recurs) - 1)].after(day, working)
    projected = last._replace(occurrence=n, due=day, met_by=None)
    return day, projected


def _first_starts(anchors: list[Event], stops: Sequence[Event]) -> list[Event]:
    """A start recorded again before anything stopped it (the same placement, edited or
    imported again) restarts nothing; a stop on the day of the next start (a move) does."""
    kept: list[Event] = []
    for anchor in anchors:
        if kept and not any(_later_than(s, kept[-1]) and s.date <= anchor.date for s in stops):
            continue
        kept.append(anchor)
    return kept


def _later_than(event: Event, anchor: Event) -> bool:
    """After the anchor; on the same day, only an event that comes later in a day's order
    (``events.RANK``): a child who is placed and leaves care the same day has left, but the
    placement that began the day a child was placed for adoption did not end it."""
    if event.date != anchor.date:
        return event.date > anchor.date
    rank = event_kinds.RANK
    return rank.get(event.kind, 0) > rank.get(anchor.kind, 0)


def _earliest_per_period(
    anchors: list[Event],
    rule: Rule,
    by_kind: dict[str, list[Event]],
    working: cal.WorkingCalendar,
    child: ChildFacts,
) -> list[Event]:
    """For a "whichever comes first" rule: in each period (a stop ends one), the start that
    gives the earliest due date."""
    stop_dates = sorted(e.date for kind in rule.stops for e in by_kind.get(kind, []))
    periods: list[list[Event]] = []
    j = 0
    for anchor in anchors:
        if periods:
            while j < len(stop_dates) and stop_dates[j] < periods[-1][0].date:
                j += 1
            if j == len(stop_dates) or stop_dates[j] >= anchor.date:
                periods[-1].append(anchor)
                continue
        periods.append([anchor])
    return [
        min(period, key=lambda a: (_after(rule.due_for(a.kind), a.date, working, child), a))
        for period in periods
    ]


def _look_back(
    rule: Rule, anchor: Event, by_kind: dict[str, list[Event]], today: dt.date
) -> Expectation:
    """A check made at the start event: was it done since the last of ``looks_back_to``?"""
    since = max(
        (e for kind in rule.looks_back_to for e in by_kind.get(kind, []) if e.date <= anchor.date),
        default=None,
    )
    met = max(
        (
            e
            for kind in rule.satisfied_by
            for e in by_kind.get(kind, [])
            if e.date <= anchor.date and (since is None or e.date >= since.date)
        ),
        default=None,
    )
    status = Status.MET_ON_TIME if met is not None else Status.MISSED
    return Expectation(rule, 1, anchor.date, status, anchor, met, 0, anchor, rule.due)


def _restarts(anchors: list[Event], rule: Rule, by_kind: dict[str, list[Event]]) -> list[Event]:
    """A rule met by the event that starts it (a PPM every 6 weeks after the first PPM) starts
    once, and again only after it stopped (e.g. the child left care and came back)."""
    stop_dates = sorted(e.date for kind in rule.stops for e in by_kind.get(kind, []))
    kept: list[Event] = []
    j = 0
    for anchor in anchors:
        if kept:
            # Was there a stop on or after the last start kept, and before this one?
            while j < len(stop_dates) and stop_dates[j] < kept[-1].date:
                j += 1
            if j == len(stop_dates) or stop_dates[j] >= anchor.date:
                continue
        kept.append(anchor)
    return kept


def _clock(
    rule: Rule,
    anchor: Event,
    stop: Event | None,
    window_end: dt.date | None,
    by_kind: dict[str, list[Event]],
    today: dt.date,
    working: cal.WorkingCalendar,
    soon_days: int,
    child: ChildFacts,
    *,
    fixed: tuple[dt.date, Expectation] | None = None,
    until: dt.date | None = None,
    floor: dt.date | None = None,
) -> list[Expectation]:
    if rule.milestone:
        return [_milestone(rule, anchor, stop, window_end, today, working, soon_days, child)]
    if len(rule.satisfied_by) == 1:
        satisfying: Sequence[Event] = by_kind.get(rule.satisfied_by[0], ())  # already sorted
    else:
        satisfying = sorted(e for kind in rule.satisfied_by for e in by_kind.get(kind, ()))
    out: list[Expectation] = []
    interval: tuple[Interval, ...] = rule.due_for(anchor.kind)
    since = anchor
    occurrence = 1
    note = ""
    if fixed is not None:
        # Never before the event that starts it: a first meeting held after the second review
        # makes the further meeting due at once.
        due, note = max(fixed[0], anchor.date), _at_note(rule, fixed[1], fixed[0], anchor)
    else:
        due = _after(interval, anchor.date, working, child)
    if rule.extended_by:
        due, extension = _extended(rule, anchor, due, window_end, by_kind)
        note += extension
    # A pre-birth rule counts back from the expected date of delivery: what meets it comes first.
    counts_back = anchor.kind in event_kinds.COUNTS_BACK
    stop_date = stop.date if stop is not None else None
    recurs = rule.recur_steps
    limit = len(recurs)
    last = len(satisfying)
    # What meets an occurrence: the first satisfying event on or after the clock started (then
    # strictly after the last time it was met), in this period, before the rule stopped. The
    # clock only moves on, so events before ``i`` can never meet anything again.
    i = 0
    if floor is not None:  # met before the start counts, back to the previous period's end
        while i < last and (satisfying[i].date <= floor or satisfying[i] == anchor):
            i += 1
    elif not counts_back:
        while i < last and (satisfying[i].date < anchor.date or satisfying[i] == anchor):
            i += 1
    # Nothing on or after this day meets it: the next period, or the day after it stopped.
    ends = _MAX_DATE
    if stop_date is not None:
        ends = stop_date + _ONE_DAY
    if window_end is not None and window_end < ends:
        ends = window_end
    while i < last:
        met = satisfying[i]
        if met.date >= ends:
            break  # later ones are later still: nothing in this period meets it
        late = (met.date - due).days
        if late > 0:
            row = (rule, occurrence, due, _MET_LATE, anchor, met, late, since, interval, None, note)
        else:
            row = (rule, occurrence, due, _MET_ON_TIME, anchor, met, 0, since, interval, None, note)
        out.append(_new(Expectation, row))
        if not limit or counts_back:
            return out
        since, occurrence, note = met, occurrence + 1, ""
        interval = recurs[min(occurrence - 2, limit - 1)]  # the last recurrence repeats
        step = interval[0]
        due = since.date + step.delta if step.delta is not None else step.after(since.date, working)
        if rule.recurs_until is not None and until is not None and due > until:
            # "At least once a week until the first review ... thereafter": the next weekly
            # visit would fall after the review, so the later interval runs from this one.
            if rule.recurs_then is None:
                return out
            interval = (rule.recurs_then,)
            due = rule.recurs_then.after(since.date, working)
        elif rule.later and (stage := _later_stage(rule, anchor, since, by_kind, working)):
            interval = (stage.recurs,)
            due = stage.recurs.after(since.date, working)
        while i < last and satisfying[i].date <= since.date:
            i += 1
    if stop is not None or window_end is not None:
        # It stopped (e.g. the child left care), or a new period began, before it was met.
        ended = stop_date if stop_date is not None else window_end
        assert ended is not None
        out.append(
            Expectation(
                rule,
                occurrence,
                due,
                Status.NO_LONGER_APPLIES,
                anchor,
                None,
                max(0, (ended - due).days),
                since,
                interval,
                stopped_by=stop,
                note=note if stop is not None else note + " A new period began before it was met.",
            )
        )
        return out
    status, late = open_status(due, today, soon_days)
    out.append(
        Expectation(rule, occurrence, due, status, anchor, None, late, since, interval, None, note)
    )
    return out


def _later_stage(
    rule: Rule,
    anchor: Event,
    since: Event,
    by_kind: dict[str, list[Event]],
    working: cal.WorkingCalendar,
) -> Later | None:
    """The last of the rule's longer intervals that applies at this visit: past its time since
    the start (a placement's first year, reg 28(2)(c)), with its events recorded between the
    start and this visit (agreed as long-term; and the child's agreement, reg 28(3A))."""

    def recorded(kinds: tuple[str, ...]) -> bool:
        return any(
            anchor.date <= e.date <= since.date for kind in kinds for e in by_kind.get(kind, ())
        )

    found = None
    for stage in rule.later:
        if since.date < stage.after.after(anchor.date, working):
            continue
        if recorded(stage.when) and (not stage.also or recorded(stage.also)):
            found = stage
    return found


_ORDINALS: Final = {1: "first", 2: "second", 3: "third"}


def _at_note(rule: Rule, at: Expectation, day: dt.date, anchor: Event) -> str:
    """Why a date set by another rule's occurrence: "Due 3 Mar 2026, the day of the second
    Child in Care review (held), because Dudley's Permanence Strategy sets it at that review."""
    who = rule.source_name or rule.source
    title = at.rule.title
    if rule.due_at is not None and rule.due_at[1] == 0:
        which = f"the next “{title}” after “{event_kinds.label(anchor.kind).lower()}”"
        which += f" on {_fmt(anchor.date)}"
    else:
        which = f"the {_ORDINALS.get(at.occurrence, f'#{at.occurrence}')} “{title}”"
    held = (
        f"held on {_fmt(day)}" if at.met_by is not None else f"due on {_fmt(day)} and not yet held"
    )
    return f"Due {_fmt(day)}: {which}, {held}; {who} sets it by that date."


def _extended(
    rule: Rule,
    anchor: Event,
    due: dt.date,
    window_end: dt.date | None,
    by_kind: dict[str, list[Event]],
) -> tuple[dt.date, str]:
    """The due date moved on by each extension granted since the clock started (and before a
    new one began), with a sentence for the explanation."""
    granted = sorted(
        e
        for kind in rule.extended_by
        for e in by_kind.get(kind, ())
        if e.date >= anchor.date and (window_end is None or e.date < window_end) and e.weeks > 0
    )
    if not granted:
        return due, ""
    weeks = sum(e.weeks for e in granted)
    each = "; ".join(
        f"{e.weeks} week{'s' if e.weeks != 1 else ''} on {_fmt(e.date)}" for e in granted
    )
    return due + dt.timedelta(weeks=weeks), f" Extended by {weeks} weeks in all ({each})."


def _estimates(anchors: list[Event], rule: Rule, by_kind: dict[str, list[Event]]) -> list[Event]:
    """An estimate's clocks: one for each run of starts between two ends (the rule met or
    stopped), and none where an event that replaces the estimate is recorded in that run
    (the issue date of the proceedings the interim care order was made in)."""
    ends = sorted(
        e.date for kind in (*rule.satisfied_by, *rule.stops) for e in by_kind.get(kind, ())
    )
    replacing = sorted(e.date for kind in rule.replaced_by for e in by_kind.get(kind, ()))
    kept: list[Event] = []
    seen: set[tuple[dt.date | None, dt.date | None]] = set()
    for anchor in anchors:
        before = max((d for d in ends if d < anchor.date), default=None)
        after = min((d for d in ends if d >= anchor.date), default=None)
        if (before, after) in seen:
            continue  # a later order in the same proceedings
        seen.add((before, after))
        if any((before is None or d > before) and (after is None or d <= after) for d in replacing):
            continue
        kept.append(anchor)
    return kept


# Expectations are built by the hundred thousand: straight from a tuple, skipping the keyword
# handling of the named tuple's constructor (every field given, in order).
_new = tuple.__new__
_MET_LATE: Final = Status.MET_LATE
_MET_ON_TIME: Final = Status.MET_ON_TIME
_ONE_DAY: Final = dt.timedelta(days=1)
_MAX_DATE: Final = dt.date.max


def _milestone(
    rule: Rule,
    anchor: Event,
    stop: Event | None,
    window_end: dt.date | None,
    today: dt.date,
    working: cal.WorkingCalendar,
    soon_days: int,
    child: ChildFacts,
) -> Expectation:
    """A date someone may act from: upcoming, then reached; never overdue."""
    interval = rule.due_for(anchor.kind)
    due = _after(interval, anchor.date, working, child)
    ended = stop.date if stop is not None else window_end
    if ended is not None and ended < due:
        status, stopped_by = Status.NO_LONGER_APPLIES, stop
    elif due <= today:
        status, stopped_by = Status.REACHED, None
    else:
        status, stopped_by = open_status(due, today, soon_days)[0], None
    return Expectation(rule, 1, due, status, anchor, None, 0, anchor, interval, stopped_by)


# A worklist's groups, as caseworker systems show them (issue 16 item 4): overdue, due today,
# tomorrow, the rest of the next seven days ("this week") and later. Each deadline falls in one.
DUE_GROUPS: Final = (
    ("overdue", "Overdue"),
    ("today", "Today"),
    ("tomorrow", "Tomorrow"),
    ("this_week", "This week"),
    ("later", "Later"),
)
THIS_WEEK_DAYS: Final = 7


def due_group(due: dt.date, today: dt.date) -> str:
    """Which of ``DUE_GROUPS`` a deadline not yet met belongs to on ``today``: overdue when due
    before today (as ``open_status``), then today, tomorrow, within ``THIS_WEEK_DAYS``, later."""
    days = (due - today).days
    if days < 0:
        return "overdue"
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    if days <= THIS_WEEK_DAYS:
        return "this_week"
    return "later"


def open_status(due: dt.date, today: dt.date, soon_days: int = DUE_SOON_DAYS) -> tuple[Status, int]:
    """The status of something not yet done, and how many days late it is."""
    if due < today:
        return Status.OVERDUE, (today - due).days
    if (due - today).days <= soon_days:
        return Status.DUE_SOON, 0
    return Status.UPCOMING, 0


def task_status(
    due: dt.date,
    *,
    done_on: dt.date | None,
    today: dt.date,
    cancelled: bool = False,
    soon_days: int = DUE_SOON_DAYS,
) -> tuple[Status, int]:
    """The status of a dated task that is not a rule (an action from a meeting, an assessment's
    due date): the same statuses and the same arithmetic as the rules, so a task becomes overdue
    exactly like any other deadline."""
    if cancelled:
        return Status.NO_LONGER_APPLIES, 0
    if done_on is not None:
        late = max(0, (done_on - due).days)
        return (Status.MET_ON_TIME if late == 0 else Status.MET_LATE), late
    return open_status(due, today, soon_days)


def _because(
    rule: Rule, since: Event, interval: Sequence[Interval], occurrence: int, due: dt.date
) -> str:
    who = rule.source_name or rule.source
    what = event_kinds.label(since.kind)
    verb = "From" if rule.milestone else "Due"
    ages = [step.amount for step in interval if step.unit == "age_years"]
    if ages:
        return (
            f"Until {_fmt(due)}, when the young person turns {ages[0]}, because "
            f"“{what.lower()}” was recorded on {_fmt(since.date)} and {who} sets "
            f"{_describe(interval)}."
        )
    if since.kind == "expected_date_of_delivery":
        return (
            f"{verb} {_fmt(due)} because the expected date of delivery is {_fmt(since.date)} and "
            f"{who} sets {_describe(interval)}."
        )
    if occurrence == 1 and since.kind == "became_looked_after":
        start, on = "the child became looked after", "on"
    elif occurrence == 1:
        start, on = f"“{what}” was recorded", "on"
    else:
        start, on = f"the last “{what}”", "was on"
    return (
        f"{verb} {_fmt(due)} because {start} {on} {_fmt(since.date)} and {who} sets "
        f"{_describe(interval)}."
    )
