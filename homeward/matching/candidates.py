"""The Matching tab's reads (issue 15 item 4): the child's profile, the register ranked by
``homeward.domain.matching.rank`` with every criterion's outcome and reason, and the worker's
decisions with their history. A fixed number of queries however many households there are
(tests/matching/test_ranking.py asserts it).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from homeward.children.models import Child
from homeward.domain import matching
from homeward.domain.permanence import KINDS
from homeward.matching import profiles
from homeward.matching.models import Carer, MatchDecision, MatchingProfile


@dataclass(frozen=True)
class Row:
    """One household on the Matching tab: the register's entry (shown by display name,
    reference, type, provider and area only), its candidate with every criterion, and the
    worker's current decision and earlier ones."""

    carer: Carer
    candidate: matching.Candidate
    decision: MatchDecision | None = None
    history: tuple[MatchDecision, ...] = ()
    above: str = ""  # why the one before this comes first (explain_order), "" for the first

    @property
    def type_label(self) -> str:
        return self.candidate.carer.carer_type.label


@dataclass(frozen=True)
class MatchingTab:
    profile: MatchingProfile | None
    child_profile: matching.ChildProfile | None = None
    plan: matching.MatchingPlan | None = None
    option_label: str = ""
    rows: tuple[Row, ...] = ()
    unmatchable: tuple[profiles.Unmatchable, ...] = ()
    problem: str = ""  # the profile cannot be matched on: why
    needs: tuple[tuple[str, str], ...] = ()  # (need label, level) as rated
    order_rule: str = matching.ORDER_RULE
    decisions: tuple[MatchDecision, ...] = field(default=())

    @property
    def eligible(self) -> tuple[Row, ...]:
        return tuple(r for r in self.rows if r.candidate.eligible)

    @property
    def excluded(self) -> tuple[Row, ...]:
        return tuple(r for r in self.rows if not r.candidate.eligible)

    @property
    def shortlist(self) -> tuple[Row, ...]:
        return tuple(
            r
            for r in self.rows
            if r.decision is not None and r.decision.decision != MatchDecision.Decision.REJECT
        )


def matching_tab(child: Child, today: dt.date) -> MatchingTab:
    profile = MatchingProfile.objects.filter(child=child).first()
    decisions = tuple(
        MatchDecision.objects.filter(child=child)
        .select_related("carer", "by")
        .order_by("-at", "-pk")
    )
    if profile is None:
        return MatchingTab(profile=None, decisions=decisions)
    rated = profile.needs or {}
    needs = tuple(
        (need.label[0].upper() + need.label[1:], rated.get(need.key, profiles.NONE))
        for need in matching.NEEDS
    )
    option_label = KINDS[profile.option].label if profile.option in KINDS else profile.option
    try:
        child_profile = profiles.child_profile(child, profile, today)
        plan = profiles.plan(profile)
    except matching.ProfileError as exc:
        return MatchingTab(
            profile=profile,
            problem=str(exc),
            needs=needs,
            option_label=option_label,
            decisions=decisions,
        )
    households, unmatchable = profiles.register()
    by_reference = {profile_.reference: carer for carer, profile_ in households}
    ranking = matching.rank(child_profile, [p for _, p in households], plan)
    history: dict[int, list[MatchDecision]] = {}
    for made in decisions:
        history.setdefault(made.carer_id, []).append(made)
    rows = []
    previous: matching.Candidate | None = None
    for candidate in ranking.candidates:
        carer = by_reference[candidate.carer.reference]
        mine = history.get(carer.pk, [])
        rows.append(
            Row(
                carer=carer,
                candidate=candidate,
                decision=mine[0] if mine else None,
                history=tuple(mine[1:]),
                above=matching.explain_order(previous, candidate) if previous else "",
            )
        )
        previous = candidate
    return MatchingTab(
        profile=profile,
        child_profile=child_profile,
        plan=plan,
        option_label=option_label,
        rows=tuple(rows),
        unmatchable=tuple(unmatchable),
        needs=needs,
        decisions=decisions,
    )
