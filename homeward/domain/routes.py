"""Each council's routes to a permanent home, as checklists of dated steps, and the permanence
bundle each panel needs. Plain Python, no Django.

The routes are data, as the timescales rules and meeting types are: ``rules/routes/`` holds one
file per council (``dudley.toml``: the quick reference guide's three expected outcomes and the
Fostering Panel's bundle; ``durham.toml``: adoption family finding from the placement order and
Fostering for Adoption; ``devon.toml``: long-term fostering and residential matches through
Devon's Permanence Panel). Every route, step and document cites its source. ``parse_routes``
validates a file and raises ``RouteFileError`` naming the file, the route or bundle, the step or
document and the field. To add a route: add a ``[route.<key>]`` table and its steps to the
council's file (the file's header says the fields); to add a council, its profile in
``councils.py`` and a file here.

What this module answers, given the steps done (step key -> the date it was done) and the
bundle's documents received (document key -> date): the steps of a route, which are open (every
step it comes after is done), whether the bundle is complete, and whether an external search is
allowed (only once the service manager's written permission is recorded: Dudley's quick
reference guide 'Family Finding Internal/External'). Nothing here computes a deadline.
"""

from __future__ import annotations

import datetime as dt
import enum
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Final

from homeward.domain.calendar import govuk_date
from homeward.domain.councils import DUDLEY_QUICK_GUIDE, profile_for
from homeward.domain.events import JOURNEY_EVENTS
from homeward.domain.matching import ROUTE_FITS, CarerType, MatchingPlan
from homeward.domain.meetings import ROLES
from homeward.domain.permanence import Problem
from homeward.domain.route_outcomes import Outcome, Result, is_positive, result_label

COUNCILS: Final = ("dudley", "durham", "devon")
ROUTES_DIR: Final = Path(__file__).resolve().parent / "rules" / "routes"
EXTERNAL_SEARCH_SOURCE: Final = (
    f"{DUDLEY_QUICK_GUIDE} 'Family Finding Internal/External': the social worker requires "
    "written permission to search externally from the Service Manager before an external "
    "search can commence"
)


class RouteFileError(ValueError):
    """A routes file that cannot be used, naming the file, the route or bundle, the step or
    document, and the field."""


class UnknownRoute(KeyError):
    """A route the council's file does not hold."""


class ProgressError(ValueError):
    """Steps or documents recorded that the route or bundle does not have."""


class NeedsKind(enum.StrEnum):
    """What a step needs before it can be marked done."""

    DOCUMENT = "document"
    DECISION = "decision"
    PERMISSION = "permission"
    BUNDLE = "bundle"  # the route's permanence bundle, complete


@dataclass(frozen=True)
class Step:
    key: str
    title: str
    owner: str  # who does it, as the procedure names them
    role: str  # the Homeward role that records it (homeward.accounts.models.Role)
    after: tuple[str, ...]  # the steps that must be done first
    needs: str  # the document or decision it needs
    needs_kind: NeedsKind
    source: str
    permission: bool = False  # records the written permission for an external search
    external: bool = False  # part of the external search
    outcome: Outcome | None = None  # what a panel or decision recorded here says (item 6)
    event: str | None = None  # the journey event a positive outcome (or the step done) writes


@dataclass(frozen=True)
class BundleDocument:
    key: str
    title: str
    owner: str
    role: str
    source: str


@dataclass(frozen=True)
class Bundle:
    """The documents a panel needs before it can consider the match."""

    key: str
    title: str
    panel: str
    source: str
    documents: tuple[BundleDocument, ...]


@dataclass(frozen=True)
class Route:
    key: str
    council: str
    title: str
    option: str  # the permanence option (a key of matching.ROUTE_FITS)
    carer_types: frozenset[CarerType]
    source: str
    steps: tuple[Step, ...]  # in the order they are listed: every step after those it follows
    bundle: Bundle | None = None
    continues_with: str | None = None  # the route that follows this one (family finding)

    def step(self, key: str) -> Step:
        for step in self.steps:
            if step.key == key:
                return step
        raise KeyError(key)

    @property
    def permission_step(self) -> Step | None:
        return next((s for s in self.steps if s.permission), None)

    def plan(self) -> MatchingPlan:
        """What ``matching.rank`` is asked for a child on this route: its option, and only the
        carer types the route matches."""
        return MatchingPlan(
            self.option,
            carer_types=self.carer_types,
            route_title=self.title,
            route_source=self.source,
        )


# --- Reading the files -------------------------------------------------------------------------

_ROUTE_FIELDS: Final = frozenset(
    {"title", "option", "carer_types", "source", "bundle", "continues_with", "step"}
)
_STEP_FIELDS: Final = frozenset(
    {"key", "title", "owner", "role", "after", "needs", "needs_kind", "source"}
    | {"permission", "external", "outcome", "event"}
)
_OUTCOME_FIELDS: Final = frozenset(
    {"results", "decided_by", "complex_case", "childs_voice", "source"}
)
_BUNDLE_FIELDS: Final = frozenset({"title", "panel", "source", "document"})
_DOCUMENT_FIELDS: Final = frozenset({"key", "title", "owner", "role", "source"})


class _Reader:
    def __init__(self, file_name: str) -> None:
        self.file_name = file_name

    def fail(self, where: str, message: str, field: str = "") -> RouteFileError:
        place = f"{self.file_name}, {where}" + (f", field {field!r}" if field else "")
        return RouteFileError(f"{place}: {message}")

    def table(self, raw: Any, where: str, known: frozenset[str]) -> dict[str, Any]:
        if not isinstance(raw, dict):
            raise self.fail(where, "give a table")
        unknown = sorted(set(raw) - known)
        if unknown:
            raise self.fail(where, f"unknown field {unknown[0]!r}")
        return raw

    def text(self, raw: Mapping[str, Any], field: str, where: str) -> str:
        value = raw.get(field)
        if value is None:
            raise self.fail(where, f"missing field {field!r}")
        if not isinstance(value, str):
            raise self.fail(where, "give text in quotes", field)
        if not value.strip():
            raise self.fail(where, "must not be empty", field)
        return value

    def flag(self, raw: Mapping[str, Any], field: str, where: str) -> bool:
        value = raw.get(field, False)
        if not isinstance(value, bool):
            raise self.fail(where, "give true or false", field)
        return value

    def role(self, raw: Mapping[str, Any], where: str) -> str:
        value = self.text(raw, "role", where)
        if value not in ROLES:
            raise self.fail(where, f"unknown role {value!r} (use one of {sorted(ROLES)})", "role")
        return value

    def items(self, raw: Mapping[str, Any], field: str, where: str) -> list[Any]:
        value = raw.get(field, [])
        if not isinstance(value, list) or not all(isinstance(i, dict) for i in value):
            raise self.fail(where, f"give a list of tables, [[...{field}]]", field)
        return value

    def key(self, raw: Mapping[str, Any], index: int, where: str, noun: str, seen: set[str]) -> str:
        key = raw.get("key")
        if not isinstance(key, str) or not key.strip():
            raise self.fail(f"{where}, {noun} {index}", "missing field 'key'")
        if key in seen:
            raise self.fail(f"{where}, {noun} {key!r}", "key used twice")
        seen.add(key)
        return key

    def bundle(self, key: str, raw: Any) -> Bundle:
        where = f"bundle {key!r}"
        raw = self.table(raw, where, _BUNDLE_FIELDS)
        seen: set[str] = set()
        documents = []
        for index, item in enumerate(self.items(raw, "document", where), start=1):
            doc_key = self.key(item, index, where, "document", seen)
            at = f"{where}, document {doc_key!r}"
            self.table(item, at, _DOCUMENT_FIELDS)
            documents.append(
                BundleDocument(
                    key=doc_key,
                    title=self.text(item, "title", at),
                    owner=self.text(item, "owner", at),
                    role=self.role(item, at),
                    source=self.text(item, "source", at),
                )
            )
        if not documents:
            raise self.fail(where, "list at least one document", "document")
        return Bundle(
            key=key,
            title=self.text(raw, "title", where),
            panel=self.text(raw, "panel", where),
            source=self.text(raw, "source", where),
            documents=tuple(documents),
        )

    def step(self, raw: Mapping[str, Any], key: str, where: str, earlier: list[Step]) -> Step:
        at = f"{where}, step {key!r}"
        self.table(raw, at, _STEP_FIELDS)
        after = raw.get("after", [])
        if not isinstance(after, list) or not all(isinstance(a, str) for a in after):
            raise self.fail(at, "give a list of step keys", "after")
        listed = {s.key for s in earlier}
        for before in after:
            if before == key:
                raise self.fail(at, "a step cannot come after itself", "after")
            if before not in listed:
                raise self.fail(
                    at,
                    f"{before!r} is not a step listed before this one (list each step after the "
                    "steps it follows)",
                    "after",
                )
        kind = self.text(raw, "needs_kind", at)
        if kind not in {k.value for k in NeedsKind}:
            known = ", ".join(k.value for k in NeedsKind)
            raise self.fail(at, f"{kind!r} is not one of {known}", "needs_kind")
        return Step(
            key=key,
            title=self.text(raw, "title", at),
            owner=self.text(raw, "owner", at),
            role=self.role(raw, at),
            after=tuple(after),
            needs=self.text(raw, "needs", at),
            needs_kind=NeedsKind(kind),
            source=self.text(raw, "source", at),
            permission=self.flag(raw, "permission", at),
            external=self.flag(raw, "external", at),
            outcome=self.outcome(raw.get("outcome"), at) if "outcome" in raw else None,
            event=self.event(raw, at),
        )

    def event(self, raw: Mapping[str, Any], where: str) -> str | None:
        if "event" not in raw:
            return None
        value = self.text(raw, "event", where)
        if value not in JOURNEY_EVENTS:
            raise self.fail(
                where, f"{value!r} is not a journey event (homeward.domain.events)", "event"
            )
        return value

    def outcome(self, raw: Any, where: str) -> Outcome:
        at = f"{where}, outcome"
        raw = self.table(raw, at, _OUTCOME_FIELDS)
        results = raw.get("results")
        known = {r.value for r in Result}
        if not isinstance(results, list) or not results:
            raise self.fail(at, "list the results it may give", "results")
        for value in results:
            if value not in known:
                raise self.fail(
                    at, f"{value!r} is not a result (use one of {sorted(known)})", "results"
                )
        if len(set(results)) != len(results):
            raise self.fail(at, "a result is listed twice", "results")
        if not Result(results[0]).positive:
            raise self.fail(at, "list the positive result first", "results")
        return Outcome(
            results=tuple(Result(r) for r in results),
            decided_by=self.text(raw, "decided_by", at),
            source=self.text(raw, "source", at),
            complex_case=self.flag(raw, "complex_case", at),
            childs_voice=self.flag(raw, "childs_voice", at),
        )

    def route(self, council: str, key: str, raw: Any, bundles: Mapping[str, Bundle]) -> Route:
        where = f"route {key!r}"
        raw = self.table(raw, where, _ROUTE_FIELDS)
        option = self.text(raw, "option", where)
        if option not in ROUTE_FITS:
            raise self.fail(
                where, f"{option!r} is not an option matching serves ({', '.join(ROUTE_FITS)})"
            )
        fits = ROUTE_FITS[option].carer_types
        types = raw.get("carer_types")
        if not isinstance(types, list) or not types:
            raise self.fail(where, "name at least one carer type", "carer_types")
        for value in types:
            if value not in {t.value for t in CarerType}:
                raise self.fail(where, f"unknown carer type {value!r}", "carer_types")
            if CarerType(value) not in fits:
                raise self.fail(
                    where, f"{value!r} cannot be a home by {option!r} (matching.ROUTE_FITS)"
                )
        bundle_key = raw.get("bundle")
        if bundle_key is not None and bundle_key not in bundles:
            raise self.fail(where, f"no [bundle.{bundle_key}] in this file", "bundle")
        seen: set[str] = set()
        steps: list[Step] = []
        for index, item in enumerate(self.items(raw, "step", where), start=1):
            step_key = self.key(item, index, where, "step", seen)
            steps.append(self.step(item, step_key, where, steps))
        if not steps:
            raise self.fail(where, "list at least one step, [[route.<key>.step]]", "step")
        route = Route(
            key=key,
            council=council,
            title=self.text(raw, "title", where),
            option=option,
            carer_types=frozenset(CarerType(t) for t in types),
            source=self.text(raw, "source", where),
            steps=tuple(steps),
            bundle=bundles[bundle_key] if bundle_key is not None else None,
            continues_with=raw.get("continues_with"),
        )
        self.check_gates(route, where)
        return route

    def check_gates(self, route: Route, where: str) -> None:
        permissions = [s for s in route.steps if s.permission]
        if len(permissions) > 1:
            raise self.fail(f"{where}, step {permissions[1].key!r}", "only one permission step")
        for step in route.steps:
            at = f"{where}, step {step.key!r}"
            if step.needs_kind is NeedsKind.BUNDLE and route.bundle is None:
                raise self.fail(at, "the step needs a bundle but the route names none", "needs")
            if step.permission and step.external:
                raise self.fail(at, "the permission cannot be part of the search it permits")
            if step.external:
                if not permissions:
                    raise self.fail(at, "an external step needs a permission step first")
                if permissions[0].key not in _before(route, step.key):
                    raise self.fail(
                        at,
                        f"an external step must come after the permission step "
                        f"{permissions[0].key!r}",
                        "after",
                    )


def _before(route: Route, key: str) -> set[str]:
    """Every step that must be done before ``key``, directly or through others."""
    found: set[str] = set()
    todo = list(route.step(key).after)
    while todo:
        step = todo.pop()
        if step not in found:
            found.add(step)
            todo.extend(route.step(step).after)
    return found


def parse_routes(text: str, *, council: str, file_name: str) -> tuple[Route, ...]:
    """A council's routes from its file, in the file's order. A RouteFileError names the file,
    the route or bundle, the step or document and the field of any fault."""
    slug = profile_for(council).slug
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RouteFileError(f"{file_name}: not valid TOML: {exc}") from exc
    unknown = sorted(set(data) - {"route", "bundle"})
    if unknown:
        raise RouteFileError(
            f"{file_name}: unknown table {unknown[0]!r} (a file holds [route.<key>] and "
            "[bundle.<key>] tables)"
        )
    reader = _Reader(file_name)
    raw_bundles = data.get("bundle", {})
    raw_routes = data.get("route", {})
    if not isinstance(raw_bundles, dict) or not isinstance(raw_routes, dict):
        raise RouteFileError(f"{file_name}: give [route.<key>] and [bundle.<key>] tables")
    bundles = {key: reader.bundle(key, raw) for key, raw in raw_bundles.items()}
    if not raw_routes:
        raise RouteFileError(f"{file_name}: no routes, [route.<key>]")
    routes = tuple(reader.route(slug, key, raw, bundles) for key, raw in raw_routes.items())
    keys = {r.key for r in routes}
    for route in routes:
        if route.continues_with is not None and route.continues_with not in keys:
            raise RouteFileError(
                f"{file_name}, route {route.key!r}, field 'continues_with': "
                f"{route.continues_with!r} is not a route in this file"
            )
    return routes


@cache
def routes(council: str) -> tuple[Route, ...]:
    """Every route to a permanent home in the council's file."""
    slug = profile_for(council).slug
    path = ROUTES_DIR / f"{slug}.toml"
    return parse_routes(path.read_text(), council=slug, file_name=path.name)


def route(council: str, key: str) -> Route:
    for found in routes(council):
        if found.key == key:
            return found
    raise UnknownRoute(key)


def routes_for_option(council: str, option: str) -> tuple[Route, ...]:
    """The council's routes for a permanence option (long-term fostering, adoption...)."""
    return tuple(r for r in routes(council) if r.option == option)


# --- Progress ---------------------------------------------------------------------------------


def _in_sentence(text: str) -> str:
    """A title inside a sentence: "The ARP referral" -> "the ARP referral"."""
    return text[:1].lower() + text[1:]


class StepState(enum.StrEnum):
    DONE = "done"
    OPEN = "open"  # every step it comes after is done (and its bundle, if it needs one)
    WAITING = "waiting"


@dataclass(frozen=True)
class StepProgress:
    step: Step
    state: StepState
    done_on: dt.date | None
    waiting_for: tuple[str, ...]  # what it waits for, in words: step titles, missing documents
    result: str = ""  # the outcome recorded, for a step that has one (route_outcomes.Result)

    @property
    def positive(self) -> bool:
        """Done with no outcome, or with a positive one: the later steps may open."""
        return self.state is StepState.DONE and is_positive(self.result)

    @property
    def explanation(self) -> str:
        if self.state is StepState.DONE:
            assert self.done_on is not None
            if self.result:
                return f"{result_label(self.result)} on {govuk_date(self.done_on)}"
            return f"Done on {govuk_date(self.done_on)}"
        if self.state is StepState.OPEN:
            return f"Ready to do: needs {_in_sentence(self.step.needs)}"
        return "Waiting for: " + "; ".join(self.waiting_for)


@dataclass(frozen=True)
class BundleStatus:
    bundle: Bundle
    received: tuple[tuple[BundleDocument, dt.date], ...]
    missing: tuple[BundleDocument, ...]

    @property
    def complete(self) -> bool:
        return not self.missing


def bundle_status(bundle: Bundle, documents: Mapping[str, dt.date]) -> BundleStatus:
    """Which of the bundle's documents are in (with the date each was received) and which are
    missing; a document the bundle does not list is a ProgressError."""
    keys = {d.key for d in bundle.documents}
    unknown = sorted(set(documents) - keys)
    if unknown:
        raise ProgressError(f"{bundle.title} has no document {unknown[0]!r}")
    return BundleStatus(
        bundle=bundle,
        received=tuple((d, documents[d.key]) for d in bundle.documents if d.key in documents),
        missing=tuple(d for d in bundle.documents if d.key not in documents),
    )


# --- The bundle's documents, one by one (issue 15 item 5) ------------------------------------

# No seed sets when each document of a bundle is due: Dudley's quick reference guide says who
# completes each ('Matched to existing internal carers', 'Match to IFA') and Durham's strategy
# nothing of the adoption reports. So the family finder or the social worker sets a due date
# for each, and the page says so.
DUE_DATE_SOURCE: Final = (
    "No procedure among the seeds sets when a bundle document is due: the family finder or "
    "the social worker sets the date (Homeward's rule)"
)
BUNDLE_GATE_SOURCE: Final = (
    "Issue 15 item 5: panel cannot be booked until the bundle is complete, unless a manager "
    "records why"
)


class BundleItemStatus(enum.StrEnum):
    """Where one document of the bundle stands."""

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    RECEIVED = "received"

    @property
    def label(self) -> str:
        return BUNDLE_STATUS_LABELS[self]


BUNDLE_STATUS_LABELS: Final = {
    BundleItemStatus.NOT_STARTED: "Not started",
    BundleItemStatus.IN_PROGRESS: "In progress",
    BundleItemStatus.RECEIVED: "Received",
}


def bundle_item_problems(
    document: BundleDocument,
    status: str,
    status_on: dt.date | None,
    *,
    files: int,
    today: dt.date,
) -> list[Problem]:
    """Why a document's status cannot be recorded: a status the bundle does not know; in progress
    or received with no date, or a date to come; received with no file attached (the panel
    reads the file, so a document is received when its file is on the child's record). The
    field is ``status`` or ``status_on``."""
    if status not in {s.value for s in BundleItemStatus}:
        return [Problem("status", "Select the status")]
    problems: list[Problem] = []
    kind = BundleItemStatus(status)
    if kind is BundleItemStatus.NOT_STARTED:
        return problems
    if status_on is None:
        what = "received" if kind is BundleItemStatus.RECEIVED else "work started"
        problems.append(Problem("status_on", f"Enter the date {what}"))
    elif status_on > today:
        problems.append(Problem("status_on", "The date must be today or earlier"))
    if kind is BundleItemStatus.RECEIVED and files == 0:
        problems.append(
            Problem("status", f"Attach the file first: {document.title} is received with its file")
        )
    return problems


def is_overdue(due_on: dt.date | None, status: str, today: dt.date) -> bool:
    """A document not received by the date the worker set for it."""
    return due_on is not None and due_on < today and status != BundleItemStatus.RECEIVED


@dataclass(frozen=True)
class BundleGate:
    """Whether the step that needs the bundle (the one that books the panel) may be recorded."""

    open: bool
    reason: str
    missing: tuple[BundleDocument, ...]
    overridden: bool = False
    source: str = BUNDLE_GATE_SOURCE


def bundle_gate(
    route: Route, documents: Mapping[str, dt.date], *, bundle_override: str = ""
) -> BundleGate:
    """The panel may be booked once every document of the route's bundle is received, or a
    manager recorded why it goes ahead without them (``bundle_override``: their reason). A
    route with no bundle has no gate."""
    if route.bundle is None:
        return BundleGate(True, f"{route.title} has no bundle", ())
    status = bundle_status(route.bundle, documents)
    if status.complete:
        return BundleGate(
            True, f"Every document of the {_in_sentence(route.bundle.title)} is in", ()
        )
    if bundle_override.strip():
        return BundleGate(
            True,
            f"A manager recorded why the panel goes ahead without every document: "
            f"{bundle_override.strip()}",
            status.missing,
            overridden=True,
        )
    missing = ", ".join(d.title for d in status.missing)
    return BundleGate(
        False,
        f"The panel cannot be booked until every document is received ({missing} not yet)",
        status.missing,
    )


def _known(route: Route, done: Mapping[str, dt.date]) -> None:
    keys = {s.key for s in route.steps}
    unknown = sorted(set(done) - keys)
    if unknown:
        raise ProgressError(f"{route.title} has no step {unknown[0]!r}")


def progress(
    route: Route,
    done: Mapping[str, dt.date],
    *,
    documents: Mapping[str, dt.date] | None = None,
    bundle_override: str = "",
    results: Mapping[str, str] | None = None,
) -> tuple[StepProgress, ...]:
    """Each step of the route, done (with its date), open or waiting (with what for). A step
    that needs the bundle waits until every document is in, unless a manager recorded why the
    panel goes ahead without it (``bundle_override``, their reason: issue 15 item 5). A step
    after one whose outcome was not positive (``results``: step key -> the result recorded;
    ``route_outcomes``) waits, saying what the outcome was (issue 15 item 6)."""
    _known(route, done)
    results = results or {}
    status = bundle_status(route.bundle, documents or {}) if route.bundle is not None else None
    found: list[StepProgress] = []
    for step in route.steps:
        if step.key in done:
            found.append(
                StepProgress(step, StepState.DONE, done[step.key], (), results.get(step.key, ""))
            )
            continue
        waiting = [route.step(k).title for k in step.after if k not in done]
        waiting += [
            f"{route.step(k).title}: {result_label(results[k]).lower()} on {govuk_date(done[k])}"
            for k in step.after
            if k in done and not is_positive(results.get(k, ""))
        ]
        if (
            step.needs_kind is NeedsKind.BUNDLE
            and status is not None
            and not status.complete
            and not bundle_override.strip()
        ):
            missing = ", ".join(d.title for d in status.missing)
            waiting.append(f"{status.bundle.title} ({missing} missing)")
        state = StepState.WAITING if waiting else StepState.OPEN
        found.append(StepProgress(step, state, None, tuple(waiting)))
    return tuple(found)


def open_steps(
    route: Route,
    done: Mapping[str, dt.date],
    *,
    documents: Mapping[str, dt.date] | None = None,
    bundle_override: str = "",
    results: Mapping[str, str] | None = None,
) -> tuple[Step, ...]:
    """The steps that can be done now: not done, and every step they come after done (with a
    positive outcome, where it has one)."""
    return tuple(
        p.step
        for p in progress(
            route, done, documents=documents, bundle_override=bundle_override, results=results
        )
        if p.state is StepState.OPEN
    )


def later_steps(route: Route, key: str) -> tuple[Step, ...]:
    """The steps that come after ``key``, directly or through others."""
    return tuple(s for s in route.steps if key in _before(route, s.key))


def done_problems(
    route: Route,
    done: Mapping[str, dt.date],
    today: dt.date,
    *,
    results: Mapping[str, str] | None = None,
) -> list[Problem]:
    """Why the steps recorded as done cannot stand: a step done before a step it comes after
    (or with that step not done at all, or done with an outcome that is not positive: issue 15
    item 6), or on a date still to come. The field is the step's key."""
    _known(route, done)
    results = results or {}
    problems: list[Problem] = []
    for step in route.steps:
        if step.key not in done:
            continue
        on = done[step.key]
        if on > today:
            problems.append(Problem(step.key, f"{step.title}: the date must be today or earlier"))
        for before in step.after:
            first = route.step(before)
            if before not in done:
                problems.append(
                    Problem(step.key, f"{step.title} cannot be done before: {first.title}")
                )
            elif not is_positive(results.get(before, "")):
                problems.append(
                    Problem(
                        step.key,
                        f"{step.title} cannot be done: {first.title}: "
                        f"{result_label(results[before]).lower()}",
                    )
                )
            elif done[before] > on:
                problems.append(
                    Problem(
                        step.key,
                        f"{step.title} ({govuk_date(on)}) cannot be before {first.title} "
                        f"({govuk_date(done[before])})",
                    )
                )
    return problems


@dataclass(frozen=True)
class ExternalSearch:
    allowed: bool
    reason: str
    source: str = EXTERNAL_SEARCH_SOURCE


def external_search(route: Route, done: Mapping[str, dt.date]) -> ExternalSearch:
    """Whether an external search may start: only once the route's permission step is recorded
    with its date (the service manager's written permission)."""
    _known(route, done)
    step = route.permission_step
    if step is None:
        return ExternalSearch(False, f"{route.title} has no external search")
    if step.key not in done:
        return ExternalSearch(False, f"Not yet: record {_in_sentence(step.needs)} first")
    return ExternalSearch(True, f"{step.needs} recorded on {govuk_date(done[step.key])}")


def external_search_allowed(route: Route, done: Mapping[str, dt.date]) -> bool:
    return external_search(route, done).allowed


def _check() -> None:
    """Every council's file reads (run on import, so a bad file stops the start-up)."""
    for council in COUNCILS:
        routes(council)


_check()
