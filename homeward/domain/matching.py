"""Explainable matching: which carers could be a child's permanent home, and why, criterion by
criterion. Plain Python, no Django.

``rank(child, carers, plan)`` applies the hard constraints first (the carer is approved, their
type fits the plan's route, their terms of approval, a vacancy, a sibling group kept together
where the plan says so, no area to avoid for the child's safety), then weighs how well the carer
meets each of the child's needs and their identity (ethnicity, culture, religion, language) and
family time. Every candidate comes back with every criterion's result (meets, partly, does not
meet, excluded, or not known), a plain-English reason and the source of the rule, and with an
order key built only from those results and explained in words. There is no score: a social
worker can always say why one carer is above another (``explain_order``).

Sources (shared/seeds/, shared/domain/SPEC.md): DS = Dudley Permanence Strategy
(000_f860603ee99ef2b2.txt) objective 5 (identity, ethnicity, culture, religion, disability and
language needs, "culturally matched or culturally competent carers"), objective 9 (siblings),
objective 8 (family time); DQ = Dudley quick reference guide (001_d6c3849112f62e7d.txt) 'Expected
Outcomes' (the matching routes) and 'Outcomes for children' (needs, links and contact); DU =
Durham Early Permanence Planning Strategy (002_a77630a273fce245.txt) 'Sibling Assessment',
'Family Time', section 4 'Fostering for Adoption' and 'Adoption'; DV = Devon Permanence Matters
(004_7232501e48845cda.txt) 'Devon's Permanence Panel' (long-term fostering and residential
matches) and 'Guiding Principles' (child and carer profiles); SPEC section 5.

Homeward's design rules, where the seeds are silent (each says so where it is applied):
- needs are compared on a needs-acceptance checklist rated low / medium / high, as Link Maker's
  is: a carer who accepts the child's level or higher meets the need; one level lower partly
  meets it (to discuss the support they would need); two levels lower, or a need the carer does
  not accept at all, does not meet it;
- every criterion counts the same in the order: the seeds give no weights, so none is invented;
- a fact missing on either side is "not known", never counted as a match or a mismatch;
- family time is weighed, not a hard constraint: DU 'Family Time' puts the child's stability
  and permanence first, so a carer beyond the distance is shown, marked, for the worker to judge.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Final

from homeward.domain.councils import (
    DEVON_PERMANENCE_MATTERS as DV,
)
from homeward.domain.councils import (
    DUDLEY_QUICK_GUIDE as DQ,
)
from homeward.domain.councils import (
    DUDLEY_STRATEGY as DS,
)
from homeward.domain.councils import (
    DURHAM_STRATEGY as DU,
)
from homeward.domain.permanence import FFA_DUTY, KINDS

LINK_MAKER_RULE: Final = (
    "Homeward's design rule, following Link Maker's needs-acceptance checklist (low / medium / "
    "high): the seeds do not say how levels compare"
)
IDENTITY_SOURCE: Final = (
    f"{DS} objective 5: forever homes that meet children's identity, ethnicity, cultural, "
    "religious, disability and language needs, through culturally matched or culturally "
    "competent carers; SPEC section 5 (matching needs)"
)
CONNECTED_SOURCE: Final = (
    f"{DS} objective 4 and 'Connected People's Fostering Team' (Form C assessments of a child's "
    "family and friends; connected people with an existing relationship with the child); The "
    "Care Planning, Placement and Case Review (England) Regulations 2010 reg 24 (temporary "
    "approval of a relative, friend or other person connected with a particular child)"
)
NEEDS_SOURCE: Final = (
    f"{DS} objective 5: children matched with carers who are able to meet their needs; "
    f"{DQ} 'Outcomes for children'"
)


class ProfileError(ValueError):
    """A child's or carer's profile that cannot be matched on, naming the profile and field."""


class Level(enum.StrEnum):
    """A rating on the needs-acceptance checklist: how great a child's need is, or the greatest
    a carer can accept (Link Maker's low / medium / high)."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"

    @property
    def rank(self) -> int:
        return _LEVEL_RANK[self]


_LEVEL_RANK: Final[dict[Level, int]] = {Level.LOW: 1, Level.MEDIUM: 2, Level.HIGH: 3}


@dataclass(frozen=True)
class Need:
    key: str
    label: str  # as it reads in a sentence: "behavioural needs"
    source: str


# The needs a child's profile rates and a carer's checklist accepts. Homeward's own list, named
# after what the seeds ask carers to meet; a council may need more (add them here, with source).
NEEDS: Final[tuple[Need, ...]] = (
    Need(
        "behaviour",
        "behavioural needs",
        f"{DV} 'Guiding Principles': how a child's behaviour depends on their experience",
    ),
    Need(
        "emotional_health",
        "emotional and mental health needs",
        f"{DV} 'Guiding Principles' (health and mental health); {DS} 'Emotional Health and "
        "Wellbeing'",
    ),
    Need(
        "attachment",
        "attachment and relationship needs",
        f"{DV} 'Guiding Principles': the impact of trauma, separation and loss on the capacity "
        "to build and maintain relationships",
    ),
    Need(
        "physical_health",
        "physical health needs",
        f"{DS} 'The Regional Adoption Agency' (special health needs); {DU} 'Sibling Assessment' "
        "(the health needs of each child)",
    ),
    Need(
        "learning",
        "learning and special educational needs",
        f"{DS} 'Dudley Disability Service' (special educational needs, learning disabilities)",
    ),
    Need(
        "physical_disability",
        "physical disability needs",
        f"{DS} 'Dudley Disability Service'",
    ),
    Need("autism", "autism-related needs", f"{DS} 'Dudley Disability Service'"),
    Need(
        "therapeutic",
        "therapeutic needs",
        f"{DS} 'Fostering Recruitment, Assessment and Training' (specific therapeutic "
        "interventions); 'Emotional Health and Wellbeing'",
    ),
    Need(
        "gender_sexuality",
        "gender or sexuality needs",
        f"{DS} 'Fostering Recruitment, Assessment and Training' (specific gender/sexuality needs)",
    ),
    Need(
        "sibling_contact",
        "family time with brothers and sisters",
        f"{DU} 'Sibling Assessment': where brothers and sisters live apart, sibling family time "
        "should be promoted and maintained",
    ),
    Need(
        "birth_family_contact",
        "family time with the birth family",
        f"{DU} 'Family Time': how contact will take place, who with, where and how often, "
        "negotiated before placement",
    ),
)
NEED_BY_KEY: Final[dict[str, Need]] = {need.key: need for need in NEEDS}


class CarerType(enum.StrEnum):
    IN_HOUSE_FOSTER_CARER = "in_house_foster_carer"
    CONNECTED_PERSON = "connected_person"
    FOSTER_FOR_ADOPTION = "foster_for_adoption"
    APPROVED_ADOPTER = "approved_adopter"
    IFA = "ifa"
    VOLUNTARY_ADOPTION_AGENCY = "voluntary_adoption_agency"
    RESIDENTIAL = "residential"

    @property
    def label(self) -> str:
        return CARER_TYPE_LABELS[self]


CARER_TYPE_LABELS: Final[dict[CarerType, str]] = {
    CarerType.IN_HOUSE_FOSTER_CARER: "in-house foster carer",
    CarerType.CONNECTED_PERSON: "connected person",
    CarerType.FOSTER_FOR_ADOPTION: "foster for adoption carer",
    CarerType.APPROVED_ADOPTER: "approved adopter",
    CarerType.IFA: "independent fostering agency carer",
    CarerType.VOLUNTARY_ADOPTION_AGENCY: "voluntary adoption agency adopter",
    CarerType.RESIDENTIAL: "residential children's home",
}


class CarerStatus(enum.StrEnum):
    APPROVED = "approved"
    IN_ASSESSMENT = "in_assessment"
    ON_HOLD = "on_hold"
    RESIGNED = "resigned"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ")


@dataclass(frozen=True)
class RouteFit:
    """The carers who can be a child's home by one permanence option (a key of
    ``permanence.KINDS``), and where that comes from. ``long_term`` says the option needs carers
    approved for long-term care."""

    option: str
    carer_types: frozenset[CarerType]
    source: str
    long_term: bool = False


_T = CarerType
ROUTE_FITS: Final[dict[str, RouteFit]] = {
    fit.option: fit
    for fit in (
        RouteFit(
            "adoption",
            frozenset({_T.APPROVED_ADOPTER, _T.VOLUNTARY_ADOPTION_AGENCY, _T.FOSTER_FOR_ADOPTION}),
            f"{DU} section 4 'Adoption' and 'Fostering for Adoption' (foster carers also approved "
            f"as prospective adopters); {DS} 'The Regional Adoption Agency'",
        ),
        RouteFit(
            "foster_for_adoption",
            frozenset({_T.FOSTER_FOR_ADOPTION}),
            f"{DU} section 4 'Fostering for Adoption': a registered foster carer who is also an "
            f"approved prospective adopter; {FFA_DUTY}",
        ),
        RouteFit(
            "long_term_fostering",
            frozenset({_T.IN_HOUSE_FOSTER_CARER, _T.IFA, _T.CONNECTED_PERSON}),
            f"{DQ} 'Expected Outcomes' (existing Dudley foster carers, IFA carers, family "
            f"finding); SPEC section 5; {DS} 'Connected People's Fostering Team'; {DV} 'Devon's "
            "Permanence Panel'",
            long_term=True,
        ),
        RouteFit(
            "residential",
            frozenset({_T.RESIDENTIAL}),
            f"{DV} 'Devon's Permanence Panel' (long term residential care); {DS} 'Children's "
            f"Homes' (long-term matched care); {DU} section 4 'Residential Care'",
            long_term=True,
        ),
        RouteFit(
            "sgo",
            frozenset({_T.CONNECTED_PERSON, _T.IN_HOUSE_FOSTER_CARER, _T.IFA}),
            f"{DQ} 'Expected Outcomes' (explore SGO with existing and IFA carers); {DS} "
            "'Connected People's Fostering Team' (connected people as special guardians)",
            long_term=True,
        ),
        RouteFit(
            "cao",
            frozenset({_T.CONNECTED_PERSON, _T.IN_HOUSE_FOSTER_CARER}),
            f"{DU} section 4 'Family or friends Placement' (relatives and friends; a local "
            "authority foster parent after a year)",
            long_term=True,
        ),
        RouteFit(
            "connected_care",
            frozenset({_T.CONNECTED_PERSON}),
            f"{DS} objective 4 and 'Connected People's Fostering Team'",
            long_term=True,
        ),
    )
}

# A full postcode ("DY1 1HF") or a house number is an address: carers are matched by area only.
_FULL_POSTCODE: Final = re.compile(r"\b[A-Z]{1,2}[0-9][A-Z0-9]?\s*[0-9][A-Z]{2}\b", re.IGNORECASE)
_HOUSE_NUMBER: Final = re.compile(r"^\s*\d+[a-z]?\s+\w", re.IGNORECASE)


def _same(text: str) -> str:
    """Identity and area values compare without regard to case or surrounding spaces."""
    return " ".join(text.split()).casefold()


def _levels(raw: Mapping[str, Level | str], where: str, field_name: str) -> Mapping[str, Level]:
    levels: dict[str, Level] = {}
    for key, value in raw.items():
        if key not in NEED_BY_KEY:
            known = ", ".join(NEED_BY_KEY)
            raise ProfileError(
                f"{where}, field {field_name!r}: {key!r} is not a need Homeward knows "
                f"(use one of: {known})"
            )
        try:
            levels[key] = Level(value)
        except ValueError:
            raise ProfileError(
                f"{where}, field {field_name!r}: {key!r} is rated {value!r}; rate it low, "
                "medium or high"
            ) from None
    return MappingProxyType(levels)


def _area(value: str, where: str, field_name: str) -> None:
    if not value.strip():
        raise ProfileError(f"{where}, field {field_name!r}: give an area")
    if _FULL_POSTCODE.search(value) or _HOUSE_NUMBER.match(value):
        raise ProfileError(
            f"{where}, field {field_name!r}: {value!r} looks like an address; give the area "
            "only (a town, ward or postcode district such as DY1), never an address"
        )


@dataclass(frozen=True)
class FamilyTime:
    """Where the child's family time takes place and how far a home may be from it: either a
    maximum travel distance in miles from ``from_area``, or a list of areas the home must be in
    (DU 'Family Time': how, who with, where and how often is agreed before placement)."""

    from_area: str = ""
    max_miles: float | None = None
    areas: frozenset[str] = frozenset()

    def check(self, where: str) -> None:
        if (self.max_miles is None) == (not self.areas):
            raise ProfileError(
                f"{where}, field 'family_time': give either a maximum distance in miles or a "
                "list of areas, not both and not neither"
            )
        if self.max_miles is not None:
            if self.max_miles <= 0:
                raise ProfileError(
                    f"{where}, field 'family_time': the maximum distance must be more than 0 miles"
                )
            _area(self.from_area, where, "family_time.from_area")
        for area in self.areas:
            _area(area, where, "family_time.areas")


@dataclass(frozen=True)
class ChildProfile:
    """What matching needs to know about one child: never a name or an address.

    ``reference`` is the child's ID in Homeward; ``age`` is in whole years on the day of
    matching; ``needs`` rates each of the child's needs (a key of ``NEEDS``) low, medium or high;
    ``sibling_group_size`` counts the brothers and sisters to be placed with the child,
    the child included, and ``siblings_together`` says whether the plan keeps them together;
    ``avoid_areas`` are areas a home must not be in for the child's safety (the birth family's
    area, for instance); identity facts left as None are not known."""

    reference: str
    age: int
    needs: Mapping[str, Level] = field(default_factory=dict, hash=False)
    sibling_group_size: int = 1
    siblings_together: bool = False
    ethnicity: str | None = None
    religion: str | None = None
    first_language: str | None = None
    culture: str | None = None
    disability: bool = False
    avoid_areas: frozenset[str] = frozenset()
    family_time: FamilyTime | None = None

    def __post_init__(self) -> None:
        where = f"child {self.reference!r}"
        if not self.reference.strip():
            raise ProfileError("child profile: give the child's reference")
        if self.age < 0 or self.age > 25:
            raise ProfileError(f"{where}, field 'age': {self.age} is not a child's age in years")
        if self.sibling_group_size < 1:
            raise ProfileError(
                f"{where}, field 'sibling_group_size': count the child too (1 for a child alone)"
            )
        object.__setattr__(self, "needs", _levels(self.needs, where, "needs"))
        object.__setattr__(self, "avoid_areas", frozenset(self.avoid_areas))
        for area in self.avoid_areas:
            _area(area, where, "avoid_areas")
        if self.family_time is not None:
            self.family_time.check(where)

    @property
    def places_needed(self) -> int:
        """How many children the home must take at once: the sibling group where the plan keeps
        it together, otherwise the child alone."""
        return self.sibling_group_size if self.siblings_together else 1


@dataclass(frozen=True)
class ApprovalTerms:
    """A carer's terms of approval: how many children at once, their ages (inclusive, in
    years), whether brothers and sisters together, short and long term, and disabled children."""

    children: int
    age_from: int = 0
    age_to: int = 17
    sibling_groups: bool = False
    short_term: bool = True
    long_term: bool = False
    disability: bool = False


@dataclass(frozen=True)
class CarerProfile:
    """One carer or household on the register, as matching sees it: never a name or an address.

    ``reference`` is the register's reference; ``area`` is where they live as an area only;
    ``needs_accepted`` is their needs-acceptance checklist (need -> the greatest level they can
    accept; a need left out is one they do not accept); ``ethnicities``, ``cultures``,
    ``languages`` and ``religion`` are the household's own; ``culturally_competent`` lists the
    ethnicities and cultures they are assessed as competent to care for without sharing them;
    ``religions_supported`` those they will support a child to practise. ``connected_to`` names
    the children a connected person is assessed for (they are no one else's carer)."""

    reference: str
    carer_type: CarerType
    status: CarerStatus
    terms: ApprovalTerms
    vacancies: int
    area: str
    needs_accepted: Mapping[str, Level] = field(default_factory=dict, hash=False)
    ethnicities: frozenset[str] = frozenset()
    cultures: frozenset[str] = frozenset()
    culturally_competent: frozenset[str] = frozenset()
    religion: str | None = None
    religions_supported: frozenset[str] = frozenset()
    languages: frozenset[str] = frozenset()
    connected_to: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        where = f"carer {self.reference!r}"
        if not self.reference.strip():
            raise ProfileError("carer profile: give the carer's register reference")
        try:
            object.__setattr__(self, "carer_type", CarerType(self.carer_type))
        except ValueError:
            known = ", ".join(t.value for t in CarerType)
            raise ProfileError(
                f"{where}, field 'carer_type': {self.carer_type!r} is not one of {known}"
            ) from None
        try:
            object.__setattr__(self, "status", CarerStatus(self.status))
        except ValueError:
            known = ", ".join(s.value for s in CarerStatus)
            raise ProfileError(
                f"{where}, field 'status': {self.status!r} is not one of {known}"
            ) from None
        terms = self.terms
        if terms.children < 1:
            raise ProfileError(f"{where}, field 'terms.children': approve at least 1 child")
        if not 0 <= terms.age_from <= terms.age_to:
            raise ProfileError(
                f"{where}, field 'terms.age_to': the age range {terms.age_from} to "
                f"{terms.age_to} is empty or negative"
            )
        if self.vacancies < 0:
            raise ProfileError(f"{where}, field 'vacancies': cannot be below 0")
        _area(self.area, where, "area")
        object.__setattr__(
            self, "needs_accepted", _levels(self.needs_accepted, where, "needs_accepted")
        )
        for name in (
            "ethnicities",
            "cultures",
            "culturally_competent",
            "religions_supported",
            "languages",
            "connected_to",
        ):
            object.__setattr__(self, name, frozenset(getattr(self, name)))


@dataclass(frozen=True)
class MatchingPlan:
    """What the child's agreed permanence plan asks of a home: the permanence option (a key of
    ``ROUTE_FITS``, as ``permanence.KINDS`` names it) and, when the child is on one of the
    council's routes (``routes.Route.plan()``), that route's narrower carer types, title and
    source (Dudley's "Match to IFA" route matches IFA carers only)."""

    option: str
    carer_types: frozenset[CarerType] = frozenset()  # empty: every type the option fits
    route_title: str = ""
    route_source: str = ""

    def __post_init__(self) -> None:
        if self.option not in ROUTE_FITS:
            label = KINDS[self.option].label if self.option in KINDS else repr(self.option)
            known = ", ".join(ROUTE_FITS)
            raise ProfileError(
                f"plan, field 'option': {label} is not found by matching carers; matching "
                f"serves {known}"
            )
        types = frozenset(CarerType(t) for t in self.carer_types)
        object.__setattr__(self, "carer_types", types)
        wrong = sorted(t.value for t in types - ROUTE_FITS[self.option].carer_types)
        if wrong:
            raise ProfileError(
                f"plan, field 'carer_types': {wrong[0]!r} cannot be a home by {self.option!r}"
            )
        if types and not self.route_title.strip():
            raise ProfileError("plan, field 'route_title': name the route that narrows the types")

    @property
    def fit(self) -> RouteFit:
        return ROUTE_FITS[self.option]

    @property
    def types_wanted(self) -> frozenset[CarerType]:
        return self.carer_types or self.fit.carer_types


# --- Results ----------------------------------------------------------------------------------


class Outcome(enum.StrEnum):
    MEETS = "meets"
    PARTLY = "partly"
    DOES_NOT_MEET = "does_not_meet"
    EXCLUDED = "excluded"
    NOT_KNOWN = "not_known"

    @property
    def label(self) -> str:
        return OUTCOME_LABELS[self]


OUTCOME_LABELS: Final[dict[Outcome, str]] = {
    Outcome.MEETS: "meets",
    Outcome.PARTLY: "partly meets",
    Outcome.DOES_NOT_MEET: "does not meet",
    Outcome.EXCLUDED: "excluded",
    Outcome.NOT_KNOWN: "not known",
}


@dataclass(frozen=True)
class CriterionResult:
    """One criterion for one carer: what was checked, the outcome, the reason in plain English
    and the source of the rule. A hard constraint's outcome is meets or excluded."""

    criterion: str  # a stable key: "status", "need:behaviour", "identity:religion"...
    title: str
    hard: bool
    outcome: Outcome
    reason: str
    source: str


@dataclass(frozen=True, order=True)
class OrderKey:
    """Where a candidate stands, built only from their criterion results and compared field by
    field in this order (``ORDER_RULE`` says it in words)."""

    hard_failed: int
    not_met: int
    partly: int
    not_known: int
    reference: str

    @property
    def explanation(self) -> str:
        if self.hard_failed:
            head = f"excluded by {_count(self.hard_failed, 'hard constraint')}"
        else:
            head = "passes every hard constraint"
        return (
            f"{head}; {_count(self.not_met, 'criterion', 'criteria')} not met, "
            f"{self.partly} partly met, {self.not_known} not known"
        )


ORDER_RULE: Final = (
    "Carers who pass every hard constraint come first; carers excluded by one come after them, "
    "fewest hard constraints failed first, so the worker can see who was left out and why. "
    "Within each, the fewest criteria not met come first, then the fewest partly met, then the "
    "fewest not known. Every criterion counts the same, because the procedures give none more "
    "weight than another (Homeward's design rule). Carers level on all of these are listed by "
    "register reference, so the order is the same every time."
)


def _either(words: list[str]) -> str:
    """Words joined as a list reads in English: "a, b or c"."""
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} or {words[-1]}"


def _count(n: int, one: str, many: str = "") -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


@dataclass(frozen=True)
class Candidate:
    """A carer's result for the child: every criterion, and the key that places them."""

    carer: CarerProfile
    position: int  # 1 for the first in the order
    criteria: tuple[CriterionResult, ...]
    order_key: OrderKey

    @property
    def eligible(self) -> bool:
        """Passes every hard constraint."""
        return self.order_key.hard_failed == 0

    @property
    def exclusions(self) -> tuple[CriterionResult, ...]:
        return tuple(c for c in self.criteria if c.outcome is Outcome.EXCLUDED)

    @property
    def explanation(self) -> str:
        return self.order_key.explanation

    def result(self, criterion: str) -> CriterionResult:
        for result in self.criteria:
            if result.criterion == criterion:
                return result
        raise KeyError(criterion)


@dataclass(frozen=True)
class Ranking:
    child: ChildProfile
    plan: MatchingPlan
    candidates: tuple[Candidate, ...]
    ordering: str = ORDER_RULE

    @property
    def eligible(self) -> tuple[Candidate, ...]:
        return tuple(c for c in self.candidates if c.eligible)

    @property
    def excluded(self) -> tuple[Candidate, ...]:
        return tuple(c for c in self.candidates if not c.eligible)


_KEY_WORDS: Final = (
    ("hard_failed", "fewer hard constraints failed"),
    ("not_met", "fewer criteria not met"),
    ("partly", "fewer criteria only partly met"),
    ("not_known", "fewer criteria not known"),
)


def explain_order(higher: Candidate, lower: Candidate) -> str:
    """Why ``higher`` comes before ``lower``, from the first part of their keys that differs:
    "C-101 is above C-207: fewer criteria not met (0 against 2)"."""
    a, b = higher.order_key, lower.order_key
    name_a, name_b = a.reference, b.reference
    if b < a:
        raise ValueError(f"{name_a} is not above {name_b}")
    for attribute, words in _KEY_WORDS:
        mine, theirs = getattr(a, attribute), getattr(b, attribute)
        if mine != theirs:
            return f"{name_a} is above {name_b}: {words} ({mine} against {theirs})"
    return (
        f"{name_a} is above {name_b}: level on every criterion count, so listed by register "
        "reference"
    )


# --- The criteria -----------------------------------------------------------------------------

DistanceFn = Callable[[str, str], float | None]


def _hard(key: str, title: str, ok: bool, reason: str, source: str) -> CriterionResult:
    outcome = Outcome.MEETS if ok else Outcome.EXCLUDED
    return CriterionResult(key, title, True, outcome, f"{reason}: {outcome.label}", source)


def _soft(key: str, title: str, outcome: Outcome, reason: str, source: str) -> CriterionResult:
    return CriterionResult(key, title, False, outcome, f"{reason}: {outcome.label}", source)


def _status(carer: CarerProfile) -> CriterionResult:
    return _hard(
        "status",
        "Approved",
        carer.status is CarerStatus.APPROVED,
        f"status is {carer.status.label}"
        + ("" if carer.status is CarerStatus.APPROVED else "; only approved carers are matched"),
        f"{DS} 'Fostering Recruitment, Assessment and Training' (carers presented to the "
        "Fostering Panel for approval and matching); SPEC section 6 (Fostering Panel)",
    )


def _carer_type(child: ChildProfile, carer: CarerProfile, plan: MatchingPlan) -> CriterionResult:
    fit = plan.fit
    option = KINDS[plan.option].label.lower()
    wanted = plan.types_wanted
    kinds = _either(sorted(t.label for t in wanted))
    ok = carer.carer_type in wanted
    if plan.carer_types:
        reason = f'{carer.carer_type.label}; the route is "{plan.route_title}", which needs {kinds}'
        source = f"{plan.route_source}; {fit.source}" if plan.route_source else fit.source
    else:
        reason = f"{carer.carer_type.label}; the plan is {option}, which needs {kinds}"
        source = fit.source
    if ok and carer.carer_type is CarerType.CONNECTED_PERSON:
        ok = child.reference in carer.connected_to
        reason += (
            "; a connected person assessed for this child"
            if ok
            else "; a connected person is assessed for their own connected child, not this one"
        )
        source += f"; {CONNECTED_SOURCE}"
    return _hard("carer_type", "Carer type fits the plan", ok, reason, source)


def _terms(child: ChildProfile, carer: CarerProfile, plan: MatchingPlan) -> list[CriterionResult]:
    terms = carer.terms
    source = "The carer's terms of approval (issue 15 item 1); Homeward's design rule"
    needed = child.places_needed
    results = [
        _hard(
            "terms:age",
            "Approved for the child's age",
            terms.age_from <= child.age <= terms.age_to,
            f"approved for ages {terms.age_from} to {terms.age_to}; the child is {child.age}",
            source,
        ),
        _hard(
            "terms:children",
            "Approved for enough children",
            terms.children >= needed,
            f"approved for {_count(terms.children, 'child', 'children')}; the plan places "
            f"{_count(needed, 'child', 'children')}",
            source,
        ),
    ]
    if plan.fit.long_term:
        results.append(
            _hard(
                "terms:long_term",
                "Approved for long-term care",
                terms.long_term,
                ("approved" if terms.long_term else "not approved")
                + f" for long-term care; {KINDS[plan.option].label.lower()} is a permanent home",
                f"{plan.fit.source}; {source}",
            )
        )
    if child.disability:
        results.append(
            _hard(
                "terms:disability",
                "Approved for a disabled child",
                terms.disability,
                ("approved" if terms.disability else "not approved")
                + " to care for disabled children; the child has a disability",
                f"{IDENTITY_SOURCE}; {source}",
            )
        )
    return results


def _vacancy(child: ChildProfile, carer: CarerProfile) -> CriterionResult:
    needed = child.places_needed
    return _hard(
        "vacancy",
        "Has a vacancy",
        carer.vacancies >= needed,
        f"{_count(carer.vacancies, 'vacancy', 'vacancies')}; the plan needs "
        f"{_count(needed, 'place')}",
        f"{DS} 'Home Linking Team' (the right home at the right time); issue 15 item 4",
    )


def _siblings(child: ChildProfile, carer: CarerProfile) -> CriterionResult:
    ok = carer.terms.sibling_groups
    return _hard(
        "siblings_together",
        "Keeps the brothers and sisters together",
        ok,
        ("approved" if ok else "not approved")
        + f" for sibling groups; the plan keeps {child.sibling_group_size} brothers and sisters "
        "together",
        f"{DS} objective 9; {DU} 'Sibling Assessment'",
    )


def _safety(child: ChildProfile, carer: CarerProfile) -> CriterionResult:
    avoid = {_same(a) for a in child.avoid_areas}
    ok = _same(carer.area) not in avoid
    reason = (
        f"lives in {carer.area}, outside the areas to avoid for the child's safety"
        if ok
        else f"lives in {carer.area}, an area to avoid for the child's safety"
    )
    return _hard(
        "safety",
        "Outside the areas to avoid",
        ok,
        reason,
        f"{DS} guiding principle 1 (the child's safety is paramount); issue 15 item 4 (the "
        "birth family's area)",
    )


def _need(need: Need, wanted: Level, carer: CarerProfile) -> CriterionResult:
    accepted = carer.needs_accepted.get(need.key)
    child_says = f"child's need is {wanted.value}"
    if accepted is None:
        outcome = Outcome.DOES_NOT_MEET
        reason = f"does not accept {need.label}; {child_says}"
    else:
        gap = wanted.rank - accepted.rank
        outcome = (
            Outcome.MEETS if gap <= 0 else Outcome.PARTLY if gap == 1 else Outcome.DOES_NOT_MEET
        )
        reason = f"accepts {accepted.value} {need.label}; {child_says}"
        if outcome is Outcome.PARTLY:
            reason += " (one level above what they accept: discuss the support they would need)"
    return _soft(
        f"need:{need.key}",
        need.label[0].upper() + need.label[1:],
        outcome,
        reason,
        f"{NEEDS_SOURCE}; {need.source}; {LINK_MAKER_RULE}",
    )


def _shared(
    key: str,
    what: str,
    childs: str | None,
    own: frozenset[str],
    competent: frozenset[str],
    competent_words: str,
) -> CriterionResult:
    """Ethnicity or culture: matched (shared) or culturally competent both meet the need, as
    DS objective 5 says; neither does not; nothing recorded on either side is not known."""
    title = what[0].upper() + what[1:]
    if childs is None:
        return _soft(
            key, title, Outcome.NOT_KNOWN, f"the child's {what} is not recorded", IDENTITY_SOURCE
        )
    wanted = _same(childs)
    if wanted in {_same(v) for v in own}:
        outcome, reason = Outcome.MEETS, f"shares the child's {what} ({childs}), culturally matched"
    elif wanted in {_same(v) for v in competent}:
        outcome, reason = (
            Outcome.MEETS,
            f"assessed as {competent_words} with the child's {what} ({childs}) without sharing it",
        )
    elif not own and not competent:
        outcome, reason = Outcome.NOT_KNOWN, f"the carer's {what} is not recorded"
    else:
        outcome, reason = (
            Outcome.DOES_NOT_MEET,
            f"neither shares nor is assessed as competent with the child's {what} ({childs})",
        )
    return _soft(key, title, outcome, reason, IDENTITY_SOURCE)


def _religion(child: ChildProfile, carer: CarerProfile) -> CriterionResult:
    title = "Religion"
    if child.religion is None:
        return _soft(
            "identity:religion",
            title,
            Outcome.NOT_KNOWN,
            "the child's religion is not recorded",
            IDENTITY_SOURCE,
        )
    wanted = _same(child.religion)
    if carer.religion is not None and _same(carer.religion) == wanted:
        outcome, reason = Outcome.MEETS, f"shares the child's religion ({child.religion})"
    elif wanted in {_same(r) for r in carer.religions_supported}:
        outcome, reason = (
            Outcome.MEETS,
            f"will support the child to practise their religion ({child.religion})",
        )
    elif carer.religion is None and not carer.religions_supported:
        outcome, reason = Outcome.NOT_KNOWN, "the carer's religion is not recorded"
    else:
        outcome, reason = (
            Outcome.DOES_NOT_MEET,
            f"neither shares nor will support the child's religion ({child.religion})",
        )
    return _soft("identity:religion", title, outcome, reason, IDENTITY_SOURCE)


def _language(child: ChildProfile, carer: CarerProfile) -> CriterionResult:
    title = "First language"
    if child.first_language is None:
        outcome, reason = Outcome.NOT_KNOWN, "the child's first language is not recorded"
    elif not carer.languages:
        outcome, reason = Outcome.NOT_KNOWN, "the carer's languages are not recorded"
    elif _same(child.first_language) in {_same(v) for v in carer.languages}:
        outcome, reason = (
            Outcome.MEETS,
            f"speaks the child's first language ({child.first_language})",
        )
    else:
        outcome, reason = (
            Outcome.DOES_NOT_MEET,
            f"does not speak the child's first language ({child.first_language})",
        )
    return _soft("identity:language", title, outcome, reason, IDENTITY_SOURCE)


def _family_time(
    family_time: FamilyTime, carer: CarerProfile, distance: DistanceFn | None
) -> CriterionResult:
    title = "Family time"
    source = (
        f"{DU} 'Family Time' (where and how often, agreed before placement); {DS} objective 8; "
        f"{DQ} 'Outcomes for children' (links, including contact); weighed, not a hard "
        "constraint (Homeward's design rule)"
    )
    if family_time.areas:
        areas = ", ".join(sorted(family_time.areas))
        ok = _same(carer.area) in {_same(a) for a in family_time.areas}
        outcome = Outcome.MEETS if ok else Outcome.DOES_NOT_MEET
        where = "inside" if ok else "outside"
        reason = f"lives in {carer.area}, {where} the family time areas ({areas})"
        return _soft("family_time", title, outcome, reason, source)
    assert family_time.max_miles is not None  # FamilyTime.check: one or the other
    limit = f"{family_time.max_miles:g} miles"
    miles = distance(carer.area, family_time.from_area) if distance is not None else None
    if miles is None:
        outcome = Outcome.NOT_KNOWN
        reason = (
            f"the distance from {carer.area} to family time in {family_time.from_area} is not "
            f"known; the plan allows {limit}"
        )
    else:
        outcome = Outcome.MEETS if miles <= family_time.max_miles else Outcome.DOES_NOT_MEET
        reason = (
            f"{miles:g} miles from {carer.area} to family time in {family_time.from_area}; the "
            f"plan allows {limit}"
        )
    return _soft("family_time", title, outcome, reason, source)


def criteria_for(
    child: ChildProfile,
    carer: CarerProfile,
    plan: MatchingPlan,
    distance: DistanceFn | None = None,
) -> tuple[CriterionResult, ...]:
    """Every criterion for one carer, hard constraints first. Which criteria there are depends
    only on the child and the plan, so every carer for a child is judged on the same list."""
    results = [_status(carer), _carer_type(child, carer, plan)]
    results += _terms(child, carer, plan)
    results.append(_vacancy(child, carer))
    if child.siblings_together and child.sibling_group_size > 1:
        results.append(_siblings(child, carer))
    if child.avoid_areas:
        results.append(_safety(child, carer))
    for need in NEEDS:
        if need.key in child.needs:
            results.append(_need(need, child.needs[need.key], carer))
    results.append(
        _shared(
            "identity:ethnicity",
            "ethnicity",
            child.ethnicity,
            carer.ethnicities,
            carer.culturally_competent,
            "culturally competent",
        )
    )
    results.append(
        _shared(
            "identity:culture",
            "culture",
            child.culture,
            carer.cultures,
            carer.culturally_competent,
            "culturally competent",
        )
    )
    results.append(_religion(child, carer))
    results.append(_language(child, carer))
    if child.family_time is not None:
        results.append(_family_time(child.family_time, carer, distance))
    return tuple(results)


def order_key(reference: str, criteria: Iterable[CriterionResult]) -> OrderKey:
    outcomes = [c.outcome for c in criteria]
    return OrderKey(
        hard_failed=outcomes.count(Outcome.EXCLUDED),
        not_met=outcomes.count(Outcome.DOES_NOT_MEET),
        partly=outcomes.count(Outcome.PARTLY),
        not_known=outcomes.count(Outcome.NOT_KNOWN),
        reference=reference,
    )


def rank(
    child: ChildProfile,
    carers: Iterable[CarerProfile],
    plan: MatchingPlan,
    *,
    distance: DistanceFn | None = None,
) -> Ranking:
    """Every carer judged on every criterion and placed in ``ORDER_RULE``'s order: those who
    pass every hard constraint first, then the excluded, each with the reasons. ``distance``
    gives the miles between two areas (None where not known); without it a family time
    distance is not known. Carers' references must be unique (they break ties)."""
    carers = list(carers)
    seen: set[str] = set()
    for carer in carers:
        if carer.reference in seen:
            raise ProfileError(f"carer {carer.reference!r}: the reference is given twice")
        seen.add(carer.reference)
    judged = []
    for carer in carers:
        criteria = criteria_for(child, carer, plan, distance)
        judged.append((order_key(carer.reference, criteria), carer, criteria))
    judged.sort(key=lambda item: item[0])
    return Ranking(
        child=child,
        plan=plan,
        candidates=tuple(
            Candidate(carer=carer, position=n, criteria=criteria, order_key=key)
            for n, (key, carer, criteria) in enumerate(judged, start=1)
        ),
    )
