"""The one place the register and a child's record become what the matching domain ranks:
``Carer`` + its ``CarerNeed`` rows to ``matching.CarerProfile``, and ``Child`` + its
``MatchingProfile`` to ``matching.ChildProfile`` and ``matching.MatchingPlan``
(homeward/domain/matching.py; issue 15 item 4).

``register`` reads the whole register in three queries however many households there are
(the carers, their checklists, the children a connected person is connected to;
tests/matching/test_ranking.py asserts the count does not grow).

What the register does not hold is left empty, so the domain says "not known" or "does not
meet" in words rather than guessing: a household with no culturally competent identities or
supported religions recorded is judged on its own identity only, and a connected person with no
child recorded is excluded for every child, with that reason.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Prefetch

from homeward.children.models import Child
from homeward.domain import matching
from homeward.domain import routes as route_rules
from homeward.domain.ssda903 import codes
from homeward.matching.models import Carer, MatchingProfile, current_council

NONE = "none"  # a need the child does not have: left out of ChildProfile.needs


def lines(text: str) -> list[str]:
    """One area a line, blank lines and surrounding spaces dropped, each once."""
    seen: dict[str, None] = {}
    for line in text.splitlines():
        value = " ".join(line.split())
        if value and value.casefold() not in {v.casefold() for v in seen}:
            seen[value] = None
    return list(seen)


def _parts(text: str) -> frozenset[str]:
    """A comma-separated register field ("English, Punjabi") as its values."""
    return frozenset(part.strip() for part in text.split(",") if part.strip())


def carer_profile(carer: Carer) -> matching.CarerProfile:
    """One household as matching sees it: reference, type, status, terms, vacancies, area,
    checklist, identity and connected children (by child ID); never a name or an address.
    Reads ``carer.needs.all()`` and ``carer.connected_children.all()`` (prefetch them). Raises
    ``matching.ProfileError`` naming the carer and field."""
    return matching.CarerProfile(
        reference=carer.reference,
        carer_type=matching.CarerType(carer.carer_type),
        status=matching.CarerStatus(carer.status),
        terms=matching.ApprovalTerms(
            children=carer.children_approved,
            age_from=carer.age_from,
            age_to=carer.age_to,
            sibling_groups=carer.siblings_accepted,
            short_term=carer.short_term,
            long_term=carer.long_term,
            disability=carer.disability,
        ),
        vacancies=carer.vacancies,
        area=carer.area,
        needs_accepted={row.need: matching.Level(row.level) for row in carer.needs.all()},
        ethnicities=_parts(carer.ethnicity),
        cultures=_parts(carer.culture),
        culturally_competent=_parts(carer.culturally_competent),
        religion=carer.religion.strip() or None,
        religions_supported=_parts(carer.religions_supported),
        languages=_parts(carer.languages),
        connected_to=frozenset(child.child_id for child in carer.connected_children.all()),
    )


def connected_children_only() -> Prefetch:
    """A connected person's children, by child ID only (matching never needs their names)."""
    return Prefetch("connected_children", queryset=Child.objects.only("pk", "child_id"))


@dataclass(frozen=True)
class Unmatchable:
    """A household the domain cannot judge (its register entry breaks a matching rule), shown
    with the reason rather than left out silently."""

    carer: Carer
    problem: str


def register(
    council: str | None = None,
) -> tuple[list[tuple[Carer, matching.CarerProfile]], list[Unmatchable]]:
    """Every household on the council's register with its profile: three queries."""
    council = council or current_council()
    found: list[tuple[Carer, matching.CarerProfile]] = []
    problems: list[Unmatchable] = []
    for carer in (
        Carer.objects.filter(council=council)
        .prefetch_related("needs", connected_children_only())
        .order_by("reference")
    ):
        try:
            found.append((carer, carer_profile(carer)))
        except matching.ProfileError as exc:
            problems.append(Unmatchable(carer, str(exc)))
    return found, problems


def ethnicity_words(child: Child) -> str | None:
    """The child's SSDA903 ethnicity code as words ("WBRI" -> "White British"), as the register
    records a household's; None when not recorded."""
    if not child.ethnicity:
        return None
    return codes.ETHNIC.get(child.ethnicity, child.ethnicity)


def sibling_group_size(child: Child) -> int:
    """The child's sibling group, the child included (1 for a child alone)."""
    if child.sibling_group_id is None:
        return 1
    return max(1, child.sibling_group.children.count())


def child_profile(child: Child, profile: MatchingProfile, today: dt.date) -> matching.ChildProfile:
    """The child as matching sees it: the child ID, age, needs, siblings, identity from the
    record (culture from the profile), areas to avoid and family time. An unborn child is
    matched as aged 0. Raises ``matching.ProfileError``."""
    family_time = None
    areas = lines(profile.family_time_areas)
    if profile.family_time_max_miles is not None or areas:
        family_time = matching.FamilyTime(
            from_area=profile.family_time_from_area.strip(),
            max_miles=(
                float(profile.family_time_max_miles)
                if profile.family_time_max_miles is not None
                else None
            ),
            areas=frozenset(areas),
        )
    return matching.ChildProfile(
        reference=child.child_id,
        age=child.age_on(today) or 0,
        needs={key: level for key, level in (profile.needs or {}).items() if level != NONE},
        sibling_group_size=sibling_group_size(child),
        siblings_together=profile.siblings_together,
        ethnicity=ethnicity_words(child),
        religion=child.religion.strip() or None,
        first_language=child.first_language.strip() or None,
        culture=profile.culture.strip() or None,
        disability=bool(child.disability.strip()),
        avoid_areas=frozenset(lines(profile.avoid_areas)),
        family_time=family_time,
    )


def council_routes(council: str | None = None) -> tuple[route_rules.Route, ...]:
    return route_rules.routes(council or current_council())


def route_of(profile: MatchingProfile) -> route_rules.Route | None:
    if not profile.route:
        return None
    for found in council_routes():
        if found.key == profile.route:
            return found
    return None


def plan(profile: MatchingProfile) -> matching.MatchingPlan:
    """The plan matching is asked for: the council's route's (``Route.plan()``: its option and
    only the carer types it matches) where one is chosen, else every carer the option fits."""
    chosen = route_of(profile)
    if chosen is not None:
        return chosen.plan()
    return matching.MatchingPlan(profile.option)
