"""Outcomes for learning (issue 15 item 8): recording a match (with the ranking's explanation
for that household kept as it was that day) and how it went, each in one transaction and
audited; and the reads the Matching tab and the match outcomes report make of them.

Nothing here is read by the ranking: ``candidates.matching_tab`` ranks from the register and
the child's profile only, so an outcome never changes an order (tests/matching/test_outcomes.py
checks ``rank()`` before and after). Matches and outcomes are not facts the timescales engine
reads, so no deadline is recomputed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from homeward.accounts.actor import Actor
from homeward.audit.models import AuditAction
from homeward.audit.services import record, snapshot
from homeward.children.models import Child
from homeward.domain import match_outcomes as rules
from homeward.domain import matching
from homeward.matching import candidates
from homeward.matching.models import Carer, Match, MatchDecision, MatchOutcome


def carers_to_match(child: Child) -> QuerySet[Carer]:
    """The households a child may be matched with: those whose current decision for the child
    is a shortlisting or an addition (a rejection supersedes them), not matched already."""
    current: dict[int, str] = {}
    for made in MatchDecision.objects.filter(child=child).order_by("at", "pk"):
        current[made.carer_id] = made.decision
    wanted = [pk for pk, d in current.items() if d != MatchDecision.Decision.REJECT]
    return Carer.objects.filter(pk__in=wanted).exclude(matches__child=child).order_by("reference")


def _snapshot(child: Child, carer: Carer, today: dt.date) -> tuple[candidates.Row, str]:
    tab = candidates.matching_tab(child, today)
    if tab.profile is None:
        raise ValidationError(
            {"carer": "Add the matching profile first: the match keeps the ranking's reasons"}
        )
    if tab.problem:
        raise ValidationError({"carer": f"Carers cannot be ranked: {tab.problem}"})
    for row in tab.rows:
        if row.carer.pk == carer.pk:
            return row, tab.plan.route_title if tab.plan else ""
    raise ValidationError(
        {"carer": f"{carer.reference} cannot be checked against the matching rules: see the tab"}
    )


@transaction.atomic
def record_match(child: Child, carer: Carer, *, matched_on: dt.date, actor: Actor) -> Match:
    """The child matched with ``carer`` from ``matched_on``, keeping the ranking's criteria for
    that household as they are today."""
    Child.objects.select_for_update().filter(pk=child.pk).first()
    if matched_on > timezone.localdate():
        raise ValidationError({"matched_on": "The date must be today or in the past"})
    if not carers_to_match(child).filter(pk=carer.pk).exists():
        raise ValidationError(
            {"carer": f"Shortlist {carer.reference} before recording the match (or it is matched)"}
        )
    row, route_title = _snapshot(child, carer, timezone.localdate())
    made = Match.objects.create(
        child=child,
        carer=carer,
        matched_on=matched_on,
        option=child.matching_profile.option,
        route_title=route_title,
        criteria=[
            {
                "criterion": c.criterion,
                "title": c.title,
                "hard": c.hard,
                "outcome": c.outcome.value,
                "reason": c.reason,
            }
            for c in row.candidate.criteria
        ],
        position=row.candidate.position,
        explanation=row.candidate.explanation,
        by=actor.user,
        recorded_at=timezone.now(),
    )
    record(
        AuditAction.CREATE,
        actor=actor,
        child_id=child.child_id,
        obj=made,
        summary=f"Recorded the match with carer {carer.reference}",
        after=snapshot(made),
    )
    return made


@transaction.atomic
def record_outcome(
    match: Match, *, kind: str, on: dt.date, reason: str, actor: Actor
) -> MatchOutcome:
    """How the match went, checked by ``match_outcomes.problems`` against what is recorded."""
    match = Match.objects.select_for_update().get(pk=match.pk)
    try:
        wanted = rules.Kind(kind)
    except ValueError:
        raise ValidationError({"kind": "Select how the match is going or how it ended"}) from None
    earlier = [rules.Entry(rules.Kind(o.kind), o.on, o.reason) for o in match.outcomes.all()]
    found = rules.problems(
        match.matched_on, earlier, rules.Entry(wanted, on, reason), timezone.localdate()
    )
    if found:
        raise ValidationError(found)
    made = MatchOutcome.objects.create(
        match=match,
        kind=wanted.value,
        on=on,
        reason=reason.strip(),
        by=actor.user,
        recorded_at=timezone.now(),
    )
    record(
        AuditAction.CREATE,
        actor=actor,
        child_id=match.child.child_id,
        obj=made,
        summary=f"{wanted.label} (match with carer {match.carer.reference})",
        reason=reason.strip(),
        after=snapshot(made),
    )
    return made


def matches_of(child: Child) -> list[Match]:
    """A child's matches, newest first, each with its outcomes (two queries)."""
    return list(
        Match.objects.filter(child=child)
        .select_related("carer", "by")
        .prefetch_related(Prefetch("outcomes", queryset=MatchOutcome.objects.select_related("by")))
        .order_by("-matched_on", "-pk")
    )


def as_record(made: Match) -> rules.MatchRecord:
    """A stored match as the report's rules read it: soft criteria only, as judged that day."""
    return rules.MatchRecord(
        key=made.pk,
        child_id=made.child.child_id,
        route=made.route,
        matched_on=made.matched_on,
        criteria={
            c["criterion"]: (c["title"], matching.Outcome(c["outcome"]))
            for c in made.criteria
            if not c.get("hard")
        },
        entries=tuple(rules.Entry(rules.Kind(o.kind), o.on, o.reason) for o in made.outcomes.all()),
    )


def records_for(children: QuerySet[Child]) -> list[rules.MatchRecord]:
    """Every match of ``children`` (the children a user may see) as the report reads them: two
    queries however many there are."""
    rows: Iterable[Match] = (
        Match.objects.filter(child__in=children)
        .select_related("child")
        .only("pk", "matched_on", "option", "route_title", "criteria", "child__child_id")
        .prefetch_related(
            Prefetch(
                "outcomes", queryset=MatchOutcome.objects.only("match_id", "kind", "on", "reason")
            )
        )
        .order_by("pk")
    )
    return [as_record(m) for m in rows]
