"""The meetings the councils' procedures run on, per council profile: each type's name, who
chairs it, who is expected, its agenda, the questions its record must answer, and which journey
events recording it creates for the timescales engine.

The meeting types are data, as the timescales rules are: ``homeward/domain/rules/meetings/``
holds ``shared.toml`` (what every council's meetings have in common) and one file per council
(``dudley.toml``, ``durham.toml``, ``devon.toml``) with what its own procedures say: its own
types in full, and for a shared type only what differs (a name, an attendee, the citation of an
agenda item). Every agenda item, attendee and outcome cites its source (seed file and section, or
statute); an agenda item applies to a council only when it has a source for that council, so a
question only some procedures ask is written once in ``shared.toml`` and cited in those councils'
files. ``parse_meeting_types`` validates a file and raises ``MeetingFileError`` naming the file,
the meeting type and the field. To add a council: add its profile to ``councils.py`` and a
``<council>.toml`` beside ``shared.toml`` giving what the shared file leaves to each council (the
permanence planning meeting's purpose and attendees, the sources of its agenda...); the loader's
errors say what is missing. To add a type: add its key to ``TYPE_KEYS`` (the database's choices)
and its table to a file. Role names are those of ``homeward.accounts.models.Role`` (and of
``timescales.ROLES``).
"""

from __future__ import annotations

import datetime
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Final

from homeward.domain.calendar import ENGLAND, WorkingCalendar
from homeward.domain.councils import (
    DEVON_PERMANENCE_MATTERS,
    DUDLEY_CPM_OVERVIEW,
    DUDLEY_QUICK_GUIDE,
    DUDLEY_STRATEGY,
    DURHAM_STRATEGY,
    CouncilProfile,
    profile_for,
)
from homeward.domain.events import JOURNEY_EVENTS, PRE_BIRTH_EVENTS

# The seed files, as shared/domain/SPEC.md abbreviates them.
DS: Final = DUDLEY_STRATEGY
DQ: Final = DUDLEY_QUICK_GUIDE
DU: Final = DURHAM_STRATEGY
DM: Final = DUDLEY_CPM_OVERVIEW
DV: Final = DEVON_PERMANENCE_MATTERS

COUNCILS: Final = ("dudley", "durham", "devon")
MEETINGS_DIR: Final = Path(__file__).resolve().parent / "rules" / "meetings"
SHARED_FILE: Final = "shared.toml"

# Role names, as homeward.accounts.models.Role stores them.
SOCIAL_WORKER: Final = "social_worker"
TEAM_MANAGER: Final = "team_manager"
IRO: Final = "iro"
PERMANENCE_COORDINATOR: Final = "permanence_coordinator"
COURT_PROGRESSION_MANAGER: Final = "court_progression_manager"
PANEL_ADMINISTRATOR: Final = "panel_administrator"
SERVICE_MANAGER: Final = "service_manager"
ROLES: Final = frozenset(
    {
        SOCIAL_WORKER,
        TEAM_MANAGER,
        IRO,
        PERMANENCE_COORDINATOR,
        COURT_PROGRESSION_MANAGER,
        PANEL_ADMINISTRATOR,
        "family_finder",
        SERVICE_MANAGER,
        "performance_analyst",
        "system_administrator",
    }
)

# Every type key any profile holds, in the order of a child's journey (the order types are
# listed in), with a name for the database's choices (the council's own name is shown on pages).
TYPE_KEYS: Final[dict[str, str]] = {
    "aepp": "Achieving Early Permanence Panel",
    "ppm": "Permanence planning meeting",
    "cic_review": "Child in Care review",
    "family_network_meeting": "Family network meeting",
    "family_group_conference": "Family group conference",
    "legal_planning_meeting": "Legal planning meeting",
    "legal_gateway_panel": "Legal Gateway Panel",
    "pre_proceedings_meeting": "Pre-proceedings meeting",
    "legal_clinic": "Locality legal clinic",
    "case_management_review_panel": "Strategic case management review panel",
    "special_guardianship_panel": "Special Guardianship Panel",
    "pre_birth_planning": "Pre-birth planning meeting",
    "matching_meeting": "Matching meeting",
    "placement_stability": "Placement stability meeting",
    "learning_meeting": "Learning meeting after an unplanned ending",
}


class UnknownMeetingType(KeyError):
    """A meeting type the council's profile does not hold."""


class MeetingFileError(ValueError):
    """A meeting types file that cannot be used, naming the file, the meeting type and the field."""


@dataclass(frozen=True)
class AgendaItem:
    """One thing the meeting must consider; the chair records an answer to each."""

    key: str
    question: str
    source: str
    hint: str = ""


@dataclass(frozen=True)
class Attendee:
    """Someone the procedure expects at the meeting. ``role`` is the Homeward role that fills
    the place when the attendee is a member of staff (None for family, carers and agencies)."""

    key: str
    label: str
    source: str
    role: str | None = None
    where_appropriate: bool = False


@dataclass(frozen=True)
class Outcome:
    """A question the record of the meeting must answer with one of ``choices``; some answers
    create journey events (``creates``: answer -> event kinds)."""

    key: str
    question: str
    choices: tuple[tuple[str, str], ...]
    source: str
    creates: tuple[tuple[str, tuple[str, ...]], ...] = ()
    hint: str = ""
    # Answers that agree when the next meeting of this type is held: answer -> days after this
    # one (Durham's agreed frequency of family network meetings, 002 'Family Group Conference/
    # Network meetings').
    next_in_days: tuple[tuple[str, int], ...] = ()

    def events_for(self, answer: str) -> tuple[str, ...]:
        return dict(self.creates).get(answer, ())

    @property
    def labels(self) -> dict[str, str]:
        return dict(self.choices)


# Agenda items every meeting's record asks in a field of its own (``Meeting.childs_views``): an
# agenda that lists one (the PPM's "The child's views, wishes and feelings") is answered from it.
OWN_FIELD_ITEMS: Final = frozenset({"childs_views"})


@dataclass(frozen=True)
class MeetingType:
    key: str
    name: str
    purpose: str
    source: str
    chair_role: str | None  # the Homeward role that chairs; None when the chair is independent
    chair_label: str
    chair_source: str
    # Who records its decisions: the chair's role, or the case's own workers where the chair is
    # not a member of staff (an independent family group conference coordinator).
    recorders: tuple[str, ...]
    attendees: tuple[Attendee, ...]
    agenda: tuple[AgendaItem, ...]
    outcomes: tuple[Outcome, ...] = ()
    event_kind: str | None = None  # the journey event recording it creates, if any
    event_source: str = ""
    before_birth: bool = False  # may be held before the child is born

    def events_for(self, answers: Mapping[str, str]) -> tuple[str, ...]:
        """The journey events recording this meeting creates, given its outcome answers."""
        kinds: list[str] = [self.event_kind] if self.event_kind else []
        for outcome in self.outcomes:
            for kind in outcome.events_for(answers.get(outcome.key, "")):
                if kind not in kinds:
                    kinds.append(kind)
        return tuple(kinds)

    def next_agreed(self, answers: Mapping[str, str]) -> tuple[int, Outcome] | None:
        """The days until the next meeting of this type the meeting agreed (its outcome's
        ``next_in_days``), with the outcome that agreed it; None when it agreed none."""
        for outcome in self.outcomes:
            days = dict(outcome.next_in_days).get(answers.get(outcome.key, ""))
            if days is not None:
                return days, outcome
        return None

    def outcome_errors(self, answers: Mapping[str, str]) -> dict[str, str]:
        """A message per outcome question left unanswered or answered outside its choices."""
        errors: dict[str, str] = {}
        for outcome in self.outcomes:
            answer = answers.get(outcome.key, "")
            if answer not in outcome.labels:
                errors[outcome.key] = f"Select an answer to: {outcome.question}"
        unknown = sorted(set(answers) - {o.key for o in self.outcomes})
        for key in unknown:
            errors[key] = f"{self.name} has no question {key!r}"
        return errors

    @property
    def agenda_asked(self) -> tuple[AgendaItem, ...]:
        """The agenda items the record form asks as agenda answers: not those every record asks
        in a field of its own (the child's views), which would be asked twice."""
        return tuple(item for item in self.agenda if item.key not in OWN_FIELD_ITEMS)

    def attendee(self, key: str) -> Attendee | None:
        return next((a for a in self.attendees if a.key == key), None)

    @property
    def recorded_by(self) -> str:
        """Who records it, in the words of its chair's label: "A Child Permanence Meeting is
        recorded by its chair, the team manager." (for people offered no way to record it)."""
        label = self.chair_label
        if label.split(" ", 1)[0] in {"The", "An", "A"}:
            chair = label[0].lower() + label[1:]
        else:
            chair = "the " + label[0].lower() + label[1:]
        article = "An" if self.name[:1].lower() in "aeiou" else "A"
        if self.chair_role in self.recorders:
            return f"{article} {self.name} is recorded by its chair, {chair}."
        roles = " or ".join(role.replace("_", " ") for role in self.recorders)
        return f"{article} {self.name} is recorded by the child's {roles}."


# ---------------------------------------------------------------------------------------------
# Reading the files.

_LISTS: Final = ("attendees", "agenda", "outcomes")
_TYPE_FIELDS: Final = frozenset(
    {
        "name",
        "purpose",
        "source",
        "chair_role",
        "chair_label",
        "chair_source",
        "recorders",
        "event_kind",
        "event_source",
        "before_birth",
        *_LISTS,
    }
)
_ITEM_FIELDS: Final = {
    "attendees": frozenset({"key", "label", "source", "role", "where_appropriate"}),
    "agenda": frozenset({"key", "question", "source", "hint"}),
    "outcomes": frozenset(
        {"key", "question", "choices", "source", "creates", "hint", "next_in_days"}
    ),
}
_ITEM_NAMES: Final = {"attendees": "attendee", "agenda": "agenda item", "outcomes": "outcome"}
_PLACEHOLDER: Final = re.compile(r"\{([^{}]*)\}")


def _placeholders(profile: CouncilProfile) -> dict[str, str]:
    """The council's own names, which a file may write as ``{adoption_agency}`` and so on, so
    that they are said once, in the council's profile."""
    return {
        "council_name": profile.council_name,
        "adoption_agency": profile.adoption_agency.name,
        "permanence_meeting": profile.permanence_meeting.name,
        "permanence_meeting_source": profile.permanence_meeting.source,
        "permanence_plan_deadline": profile.permanence_plan_deadline.name,
        "permanence_plan_deadline_source": profile.permanence_plan_deadline.source,
    }


class _Reader:
    """Reads one merged meeting type, raising MeetingFileError with the place of any fault."""

    def __init__(self, where: str, names: Mapping[str, str]) -> None:
        self.where = where
        self.names = names

    def fail(self, message: str, field: str = "", item: str = "") -> MeetingFileError:
        place = self.where + (f", {item}" if item else "") + (f", field {field!r}" if field else "")
        return MeetingFileError(f"{place}: {message}")

    def text(self, raw: Mapping[str, Any], field: str, *, required: bool, item: str = "") -> str:
        value = raw.get(field, "")
        if not isinstance(value, str):
            raise self.fail("give text in quotes", field, item)
        if required and not value.strip():
            raise self.fail(f"missing field {field!r}", item=item)

        def fill(match: re.Match[str]) -> str:
            name = match.group(1)
            if name not in self.names:
                known = ", ".join("{" + n + "}" for n in self.names)
                raise self.fail(f"unknown placeholder {{{name}}} (use one of {known})", field, item)
            return self.names[name]

        return _PLACEHOLDER.sub(fill, value)

    def flag(self, raw: Mapping[str, Any], field: str, item: str = "") -> bool:
        value = raw.get(field, False)
        if not isinstance(value, bool):
            raise self.fail("give true or false", field, item)
        return value

    def role(self, raw: Mapping[str, Any], field: str, item: str = "") -> str | None:
        value = raw.get(field)
        if value is None:
            return None
        if not isinstance(value, str) or value not in ROLES:
            raise self.fail(f"unknown role {value!r}", field, item)
        return value

    def roles(self, raw: Mapping[str, Any], field: str) -> tuple[str, ...]:
        values = raw.get(field)
        if not isinstance(values, list) or not values:
            raise self.fail("name at least one role", field)
        for value in values:
            if not isinstance(value, str) or value not in ROLES:
                raise self.fail(f"unknown role {value!r}", field)
        return tuple(values)

    def event(self, value: Any, field: str, item: str = "") -> str:
        if not isinstance(value, str) or value not in JOURNEY_EVENTS:
            raise self.fail(f"unknown event kind {value!r}", field, item)
        return value

    def items(self, raw: Mapping[str, Any], kind: str) -> list[tuple[str, dict[str, Any]]]:
        """The list's items as (where, item), each a table with a key, no unknown field and no
        key used twice."""
        value = raw.get(kind, [])
        if not isinstance(value, list):
            raise self.fail("give a list of tables", kind)
        seen: set[str] = set()
        found: list[tuple[str, dict[str, Any]]] = []
        for index, item in enumerate(value, start=1):
            if not isinstance(item, dict):
                raise self.fail(f"item {index} is not a table", kind)
            key = item.get("key")
            if not isinstance(key, str) or not key:
                raise self.fail("missing field 'key'", item=f"{_ITEM_NAMES[kind]} {index}")
            where = f"{_ITEM_NAMES[kind]} {key!r}"
            if key in seen:
                raise self.fail("key used twice", item=where)
            seen.add(key)
            unknown = sorted(set(item) - _ITEM_FIELDS[kind])
            if unknown:
                raise self.fail(f"unknown field {unknown[0]!r}", item=where)
            found.append((where, item))
        return found

    def attendee(self, where: str, raw: Mapping[str, Any]) -> Attendee:
        return Attendee(
            key=raw["key"],
            label=self.text(raw, "label", required=True, item=where),
            source=self.text(raw, "source", required=True, item=where),
            role=self.role(raw, "role", where),
            where_appropriate=self.flag(raw, "where_appropriate", where),
        )

    def agenda_item(self, where: str, raw: Mapping[str, Any]) -> AgendaItem | None:
        """None when no procedure of this council asks the question (it has no source)."""
        question = self.text(raw, "question", required=True, item=where)
        source = self.text(raw, "source", required=False, item=where)
        hint = self.text(raw, "hint", required=False, item=where)
        return AgendaItem(raw["key"], question, source, hint) if source else None

    def outcome(self, where: str, raw: Mapping[str, Any]) -> Outcome:
        choices = raw.get("choices")
        if not isinstance(choices, dict) or not choices:
            raise self.fail("give a table of answer = label", "choices", where)
        labels = tuple((str(k), self.text(choices, k, required=True, item=where)) for k in choices)
        creates = raw.get("creates", {})
        if not isinstance(creates, dict):
            raise self.fail("give a table of answer = [event kinds]", "creates", where)
        made: list[tuple[str, tuple[str, ...]]] = []
        for answer, kinds in creates.items():
            if answer not in choices:
                raise self.fail(f"{answer!r} is not one of the choices", "creates", where)
            if not isinstance(kinds, list) or not kinds:
                raise self.fail(f"give a list of event kinds for {answer!r}", "creates", where)
            made.append((answer, tuple(self.event(k, "creates", where) for k in kinds)))
        next_in = raw.get("next_in_days", {})
        if not isinstance(next_in, dict):
            raise self.fail("give a table of answer = days", "next_in_days", where)
        agreed: list[tuple[str, int]] = []
        for answer, days in next_in.items():
            if answer not in choices:
                raise self.fail(f"{answer!r} is not one of the choices", "next_in_days", where)
            if not isinstance(days, int) or isinstance(days, bool) or days < 1:
                raise self.fail(
                    f"give a whole number of days for {answer!r}", "next_in_days", where
                )
            agreed.append((answer, days))
        return Outcome(
            key=raw["key"],
            question=self.text(raw, "question", required=True, item=where),
            choices=labels,
            source=self.text(raw, "source", required=True, item=where),
            creates=tuple(made),
            hint=self.text(raw, "hint", required=False, item=where),
            next_in_days=tuple(agreed),
        )

    def meeting_type(self, key: str, raw: Mapping[str, Any]) -> MeetingType:
        unknown = sorted(set(raw) - _TYPE_FIELDS)
        if unknown:
            raise self.fail(f"unknown field {unknown[0]!r}")
        name, purpose, source, chair_label, chair_source = (
            self.text(raw, field, required=True)
            for field in ("name", "purpose", "source", "chair_label", "chair_source")
        )
        event_kind = self.event(raw["event_kind"], "event_kind") if "event_kind" in raw else None
        event_source = self.text(raw, "event_source", required=event_kind is not None)
        recorders = self.roles(raw, "recorders")
        attendees = tuple(self.attendee(w, i) for w, i in self.items(raw, "attendees"))
        if not attendees:
            raise self.fail("name at least one attendee", "attendees")
        agenda = tuple(
            a for a in (self.agenda_item(w, i) for w, i in self.items(raw, "agenda")) if a
        )
        if not agenda:
            raise self.fail("no agenda item has a source for this council", "agenda")
        mtype = MeetingType(
            key=key,
            name=name,
            purpose=purpose,
            source=source,
            chair_role=self.role(raw, "chair_role"),
            chair_label=chair_label,
            chair_source=chair_source,
            recorders=recorders,
            attendees=attendees,
            agenda=agenda,
            outcomes=tuple(self.outcome(w, i) for w, i in self.items(raw, "outcomes")),
            event_kind=event_kind,
            event_source=event_source,
            before_birth=self.flag(raw, "before_birth"),
        )
        if mtype.before_birth:
            kinds = [k for o in mtype.outcomes for _, ks in o.creates for k in ks]
            for kind in [*([event_kind] if event_kind else []), *kinds]:
                if kind not in PRE_BIRTH_EVENTS:
                    raise self.fail(f"{kind!r} cannot be recorded before birth", "before_birth")
        return mtype


def _tables(text: str, file_name: str) -> dict[str, dict[str, Any]]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise MeetingFileError(f"{file_name}: not valid TOML: {exc}") from exc
    for key, value in data.items():
        where = f"{file_name}, meeting type {key!r}"
        if key not in TYPE_KEYS:
            raise MeetingFileError(
                f"{where}: unknown meeting type (add it to TYPE_KEYS in meetings.py first)"
            )
        if not isinstance(value, dict):
            raise MeetingFileError(f"{where}: give a table, [{key}]")
    return data


def _changed(
    key: str, base: Mapping[str, Any], change: Mapping[str, Any], where: str
) -> dict[str, Any]:
    """A shared type with a council's changes: a field the council gives replaces the shared one;
    a list it gives as an array replaces the shared list, and one it gives as a table changes the
    named items' fields (``[ppm.agenda.genogram] source = ...``)."""
    merged = dict(base)
    for field, value in change.items():
        if field in _LISTS and isinstance(value, dict):
            new = merged.get(field, [])
            if not isinstance(new, list) or not all(isinstance(i, dict) for i in new):
                raise MeetingFileError(f"{where}, field {field!r}: give a list of tables")
            new = list(new)
            items = {item.get("key"): i for i, item in enumerate(new)}
            for item_key, fields in value.items():
                item = f"{_ITEM_NAMES[field]} {item_key!r}"
                if item_key not in items:
                    raise MeetingFileError(
                        f"{where}, {item}: the shared type has no such {_ITEM_NAMES[field]} to "
                        f"change (to list its own, write [[{key}.{field}]] tables)"
                    )
                if not isinstance(fields, dict) or "key" in fields:
                    raise MeetingFileError(f"{where}, {item}: give the fields to change")
                new[items[item_key]] = {**new[items[item_key]], **fields}
            merged[field] = new
        else:
            merged[field] = value
    return merged


def parse_meeting_types(
    text: str,
    *,
    council: str,
    file_name: str,
    shared: str = "",
    shared_name: str = SHARED_FILE,
) -> tuple[MeetingType, ...]:
    """A council's meeting types from its file and the shared file, in the order of TYPE_KEYS.

    The council holds every shared type (with its changes) and the types of its own file; a type
    of its own may start from a shared one with ``based_on = "<type key>"`` (the shared type as
    ``shared.toml`` gives it, without the council's changes to that type). A MeetingFileError
    names the file, the meeting type and the field of any fault."""
    names = _placeholders(profile_for(council))
    common = _tables(shared, shared_name)
    own = _tables(text, file_name)
    merged: dict[str, tuple[str, dict[str, Any]]] = {}
    for key, raw in common.items():
        if "based_on" in raw:
            raise MeetingFileError(
                f"{shared_name}, meeting type {key!r}: 'based_on' is for a council's file"
            )
        merged[key] = (f"{shared_name}, meeting type {key!r}", raw)
    for key, raw in own.items():
        where = f"{file_name}, meeting type {key!r}"
        change = dict(raw)
        base_key = change.pop("based_on", key if key in common else None)
        if base_key is None:
            merged[key] = (where, change)
            continue
        if base_key not in common:
            raise MeetingFileError(
                f"{where}, field 'based_on': {base_key!r} is not a type in {shared_name}"
            )
        where = f"{file_name} (over {shared_name}), meeting type {key!r}"
        merged[key] = (where, _changed(key, common[base_key], change, where))
    return tuple(
        _Reader(merged[key][0], names).meeting_type(key, merged[key][1])
        for key in TYPE_KEYS
        if key in merged
    )


@cache
def meeting_types(council: str) -> tuple[MeetingType, ...]:
    """Every meeting type the council's profile holds, in the order of a child's journey."""
    slug = profile_for(council).slug
    if slug != council:
        return meeting_types(slug)
    path = MEETINGS_DIR / f"{slug}.toml"
    return parse_meeting_types(
        path.read_text() if path.exists() else "",
        council=slug,
        file_name=path.name,
        shared=(MEETINGS_DIR / SHARED_FILE).read_text(),
    )


def meeting_type(council: str, key: str) -> MeetingType:
    for mtype in meeting_types(council):
        if mtype.key == key:
            return mtype
    raise UnknownMeetingType(key)


def types_for_event(council: str, kind: str) -> tuple[MeetingType, ...]:
    """The meeting types whose record creates journey event ``kind`` on its own (not through an
    outcome): the ones to schedule when a rule is met by that event."""
    return tuple(t for t in meeting_types(council) if t.event_kind == kind)


@dataclass(frozen=True)
class PlainSummaries:
    """Why a meeting's record says what was decided in plain words for the child and for the
    parents, each in the installation's council's own procedures (never another council's)."""

    for_child: str
    for_parents: str


PLAIN_SUMMARIES: Final[dict[str, PlainSummaries]] = {
    "dudley": PlainSummaries(
        for_child=f"{DUDLEY_STRATEGY} objective 6: children are at the heart of care planning "
        "and their voices influence our actions",
        for_parents=f"{DUDLEY_STRATEGY} 'Our Service Objective': we will communicate effectively "
        "so that each child and their family understand and participate throughout their journey",
    ),
    "durham": PlainSummaries(
        for_child=f"{DURHAM_STRATEGY} 'Looked After Reviews': all children and young people "
        "should know their plan and have it shared with them",
        for_parents=f"{DURHAM_STRATEGY} 'Looked After Reviews': the care plan is discussed with "
        "parents before and after each review",
    ),
    "devon": PlainSummaries(
        for_child=f"{DEVON_PERMANENCE_MATTERS} 'What we will do': continue to work with children "
        "and young people to plan their care",
        for_parents=f"{DEVON_PERMANENCE_MATTERS} 'What we will do': social workers obtain the "
        "views of the child and family members and take them into account",
    ),
}


def plain_summaries(council: str) -> PlainSummaries:
    return PLAIN_SUMMARIES[profile_for(council).slug]


# How the child's views were gathered (DS objective 6: consulted sensitively, with access to
# advocacy; DU 'Child/ Young Person Participation': an advocate and an independent visitor). Each
# answer says whether the child came to the meeting and how their views reached it, the two
# things the SSDA903 Reviews table's REVIEW_CODE (PN1-PN7) records, so a review held in Homeward
# exports one code (homeward.domain.ssda903.codes.REVIEW_CODE_FOR_VIEWS). The keys of earlier
# answers are kept with the same meaning.
VIEWS_GATHERED: Final[tuple[tuple[str, str], ...]] = (
    ("attended", "The child came to the meeting and spoke for themselves"),
    ("attended_advocate", "The child came to the meeting and an advocate spoke for them"),
    (
        "attended_non_verbal",
        "The child came to the meeting and showed their views without words (signs, symbols, "
        "play or behaviour)",
    ),
    ("attended_silent", "The child came to the meeting but did not give their views"),
    (
        "advocate",
        "The child did not come: an advocate or independent visitor they briefed spoke for them",
    ),
    ("social_worker", "The child did not come: the social worker talked with them before"),
    ("iro", "The child did not come: the IRO talked with them before"),
    ("own_words", "The child did not come: their own words, drawings or recording"),
    ("carer", "The child did not come: their carer passed on their views"),
    (
        "observed",
        "The child did not come and is too young to say: what was seen of them is recorded",
    ),
)


# IRO escalation: "Informal and formal resolution form part of the same continuum" (DU 'Role of
# the IRO'; DS 'Independent Reviewing Service': escalate delays in achieving permanence). The
# last step is the IRO's statutory power to refer the case to Cafcass.
ESCALATION_STAGES: Final[tuple[tuple[str, str], ...]] = (
    ("informal", "Informal resolution"),
    ("formal_1", "Formal stage 1"),
    ("formal_2", "Formal stage 2"),
    ("formal_3", "Formal stage 3"),
    ("cafcass", "Referred to Cafcass"),
)
ESCALATION_SOURCE: Final = (
    f"{DU} 'Role of the IRO'; {DS} 'Independent Reviewing Service'; Children Act 1989 s25B(3) "
    "(referral to Cafcass)"
)
FIRST_STAGES: Final = ("informal", "formal_1")  # "resolve problems at the lowest level" (DU)


def next_stage(stage: str) -> str | None:
    keys = [key for key, _ in ESCALATION_STAGES]
    i = keys.index(stage)
    return keys[i + 1] if i + 1 < len(keys) else None


def suggested_date(
    due: datetime.date,
    *,
    today: datetime.date | None = None,
    calendar: WorkingCalendar = ENGLAND,
) -> datetime.date:
    """The date Homeward proposes for a meeting or panel whose deadline is ``due``: the
    deadline itself when it is a working day, otherwise the working day before it, so the
    meeting is never proposed for a weekend or an England and Wales bank holiday (substitute
    days included) and is still on time (issue 13 item 10). Given ``today`` (a form offering a
    date to choose), a date already passed gives the first working day from today instead: the
    meeting is late whatever is chosen, and the sooner the better. Without it (a meeting
    planned from the record of an earlier one) the date stays where the deadline puts it, so a
    meeting recorded after the event shows the next as overdue."""
    proposed = calendar.previous_working_day_on_or_before(due)
    if today is not None and proposed < today:
        return calendar.next_working_day_on_or_after(today)
    return proposed


def _check() -> None:
    """Every council's file reads (run on import, so a bad file stops the start-up)."""
    for council in COUNCILS:
        meeting_types(council)


_check()
