"""Brothers and sisters, and transitions, in the demo (issue 18 items 5 and 6), each on the demo
social worker's own children first, so the pages show them on the first click:

- the journey events the services write: adoption becoming an option for a child in a sibling
  group, and each together-or-apart decision (so Durham's clock, 'Sibling Assessment', is met or
  open); one child whose decision is being looked at again now adoption is an option (open);
- a sibling group page where one child waits on a brother or sister (Dudley objective 9);
- a new baby whose brother or sister was adopted, for Adoption@Heart to approach the adopters
  (Dudley strategy; shown under Dudley's profile only);
- move plans (Devon 'Guiding Principles'): one in introductions with its review overdue, one
  reviewed, each with who does what;
- pathway plans from 16 (some agreed and reviewed, some overdue), a handover to adult services
  and a later life link (Dudley strategy).

Deterministic from ``today``; every name and word is invented. The ledger is recomputed at the
end of the build.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Case, F, IntegerField, Q, QuerySet, Value, When

from homeward.children.models import Child, JourneyEvent, SiblingGroup
from homeward.domain import calendar as cal
from homeward.family.models import SiblingPairDecision
from homeward.planning.models import (
    OptionChange,
    PermanenceAchieved,
    PermanenceOption,
    PermanencePlan,
)
from homeward.transitions.models import MovePlan, MoveTask

CURRENT = Q(allocations__ended_on__isnull=True)
# Looked after now: an episode with no end date (not "no episode at all", which the join's NULL
# would also match).
IN_CARE = Q(episodes__isnull=False, episodes__end_date__isnull=True)
DECIDED = ("together", "apart")


def _days(n: int) -> dt.timedelta:
    return dt.timedelta(days=n)


def _mine_first(qs: QuerySet[Child]) -> QuerySet[Child]:
    mine = Case(
        When(CURRENT & Q(allocations__social_worker__username="social-worker"), then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    return qs.annotate(mine=mine).order_by("mine", "child_id")


def _event(child_id: int, kind: str, day: dt.date, notes: str = "") -> JourneyEvent:
    return JourneyEvent(
        child_id=child_id, kind=kind, date=day, notes=notes, source=JourneyEvent.Source.RECORDED
    )


def build(*, today: dt.date) -> dict[str, int]:
    events: list[JourneyEvent] = []
    reconsidered = _reconsidered(today, events)
    _waiting(today, skip=reconsidered)
    events += _adoption_options(today, skip=reconsidered)
    events += _decisions()
    _new_baby(today)
    events += _pathway(today)
    JourneyEvent.objects.bulk_create(events, batch_size=5000)
    plans = _move_plans(today)
    return {"move_plans": plans, "sibling_and_transition_events": len(events)}


def _current_decisions() -> dict[tuple[int, int], SiblingPairDecision]:
    current: dict[tuple[int, int], SiblingPairDecision] = {}
    for d in SiblingPairDecision.objects.order_by("child_a", "child_b", "-version"):
        current.setdefault((d.child_a_id, d.child_b_id), d)
    return current


def _reconsidered(today: dt.date, events: list[JourneyEvent]) -> int | None:
    """One of the demo social worker's children in a sibling group in care: adoption became an
    option three weeks ago, and the together-or-apart decision is being looked at again (a new
    version, not decided yet), so Durham's clock is open on the sibling group page."""
    # The sign-in's own child first (one with a plan, where adoption joins its options, if none
    # is without one), so their record shows the clock open.
    planned = Case(
        When(pk__in=PermanencePlan.objects.values("child"), then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )
    child = (
        _mine_first(Child.objects.filter(IN_CARE, sibling_group__isnull=False))
        .annotate(planned=planned)
        .order_by("mine", "planned", "child_id")
        .distinct()
        .first()
    )
    if child is None:
        return None
    day = today - _days(21)
    option, made = PermanenceOption.objects.get_or_create(
        child=child, kind="adoption", defaults={"next_step": "Early permanence: consider FfA"}
    )
    if made:
        OptionChange.objects.create(
            option=option,
            from_status="",
            to_status=option.status,
            reason="Raised at the permanence planning meeting",
            at=dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC),
        )
    events.append(_event(child.pk, "adoption_option_added", day, "Adoption added as an option"))
    for (a, b), d in _current_decisions().items():
        if child.pk in (a, b) and d.decision != "not_decided":
            SiblingPairDecision.objects.create(
                group_id=d.group_id,
                child_a_id=a,
                child_b_id=b,
                version=d.version + 1,
                placed=d.placed,
                decision="not_decided",
                childrens_views=d.childrens_views,
            )
    return child.pk


def _waiting(today: dt.date, *, skip: int | None) -> None:
    """One of the demo social worker's children with an agreed plan, not yet home, decided to be
    placed together with a brother or sister who has no agreed plan yet: they wait (Dudley
    objective 9)."""
    planned = set(PermanencePlan.objects.values_list("child", flat=True))
    settled = set(PermanenceAchieved.objects.values_list("child", flat=True)) | set(
        JourneyEvent.objects.filter(kind__in=["placed", "placed_for_adoption"]).values_list(
            "child", flat=True
        )
    )
    current = _current_decisions()
    for child in _mine_first(
        Child.objects.filter(IN_CARE, sibling_group__isnull=False, pk__in=planned)
        .exclude(pk__in=settled)
        .exclude(pk=skip)
    ).distinct():
        sibling = (
            Child.objects.filter(sibling_group=child.sibling_group_id)
            .exclude(pk__in=[*planned, child.pk])
            .exclude(pk=skip)
            .order_by("child_id")
            .first()
        )
        if sibling is None:
            continue
        a, b = sorted((child.pk, sibling.pk))
        last = current.get((a, b))
        if last is None or last.decision != "together":
            SiblingPairDecision.objects.create(
                group_id=child.sibling_group_id,
                child_a_id=a,
                child_b_id=b,
                version=(last.version + 1) if last else 1,
                placed="not_placed",
                decision="together",
                reasons="They are close and one family can meet both children's needs.",
                decided_by="Child Permanence Meeting",
                decided_on=today - _days(30),
                childrens_views="Both said they want to live together.",
                attachment="A secure attachment: they seek each other out for comfort.",
                health_needs="No additional health needs for either child.",
            )
        return


def _adoption_options(today: dt.date, *, skip: int | None) -> list[JourneyEvent]:
    """Adoption as an option for a child in a sibling group starts Durham's clock on the day the
    option was added (its first recorded change)."""
    out = []
    for option in (
        PermanenceOption.objects.filter(kind="adoption", child__sibling_group__isnull=False)
        .exclude(child=skip)
        .prefetch_related("changes")
    ):
        first = min((c.at for c in option.changes.all()), default=None)
        if first is not None and first.date() <= today:
            out.append(_event(option.child_id, "adoption_option_added", first.date()))
    return out


def _decisions() -> list[JourneyEvent]:
    """Each current together-or-apart decision, on both children's journeys (as the service
    writes it)."""
    labels: dict[tuple[int, dt.date], str] = {}
    for (a, b), d in _current_decisions().items():
        if d.decision in DECIDED and d.decided_on:
            label = "Place together" if d.decision == "together" else "Place apart"
            for child_id in (a, b):
                # One event a day for each child: the decisions about a group are made at one
                # meeting; "apart" from any brother or sister is what that day's journey shows.
                if labels.get((child_id, d.decided_on)) != "Place apart":
                    labels[(child_id, d.decided_on)] = label
    return [
        _event(child_id, "together_apart_decided", day, label)
        for (child_id, day), label in sorted(labels.items())
    ]


def _new_baby(today: dt.date) -> None:
    """A baby under one (or not yet born) joins a sibling group with a child who was adopted
    (Dudley strategy, 'Adoption@Heart': approach the adopters for new babies)."""
    baby = _mine_first(
        Child.objects.filter(
            Q(date_of_birth__gt=cal.add_months(today, -12))
            | Q(date_of_birth__isnull=True, expected_date_of_delivery__isnull=False)
        )
    ).first()
    adopted = (
        Child.objects.filter(
            pk__in=PermanenceAchieved.objects.filter(legal_route="adoption_order").values("child")
        )
        .exclude(pk=baby.pk if baby else None)
        .order_by(F("sibling_group").asc(nulls_first=True), "child_id")
        .first()
    )
    if adopted is None or baby is None:
        return
    group_id = baby.sibling_group_id or adopted.sibling_group_id
    if group_id is None:
        group_id = SiblingGroup.objects.create(name=f"{adopted.last_name} siblings").pk
    for child in (baby, adopted):
        if child.sibling_group_id != group_id:
            # A child moved from another group takes no decisions with them: none are recorded
            # for a child without a group, and the adopted child's old group keeps its own.
            child.sibling_group_id = group_id
            child.save(update_fields=["sibling_group"])


TASKS = (
    ("Introductory visit with the foster carer", "Foster carer and the child's social worker", 0),
    ("Share the child's routines and the life story book", "Foster carer", 2),
    ("First overnight stay in the new home", "The adopters, with the family's social worker", 5),
    ("Goodbye visit at school and with the foster family", "The child's social worker", 8),
)


def _move_plans(today: dt.date) -> int:
    """Move plans for two of the demo social worker's children who are matched or have a plan:
    one in introductions with its review overdue, one reviewed."""
    children = list(
        _mine_first(
            Child.objects.filter(IN_CARE).filter(
                Q(events__kind="matched") | Q(permanence_plans__isnull=False)
            )
        ).distinct()[:2]
    )
    for n, child in enumerate(children):
        start = today - _days(3) if n == 0 else today - _days(20)
        plan = MovePlan.objects.create(
            child=child,
            moving_to="Sam and Priya Okafor" if n == 0 else "Mr and Mrs Hartley",
            introductions_start=start,
            introductions_end=start + _days(9),
            move_on=start + _days(10),
            review_on=start + _days(2),
            explaining_to_child="With the story book made with the foster carer, and photos of "
            "the new home and its people, in words for the child's age.",
            reviewed_on=None if n == 0 else start + _days(5),
            review_notes="" if n == 0 else "Introductions going well: the move goes ahead.",
        )
        MoveTask.objects.bulk_create(
            MoveTask(plan=plan, what=what, who=who, by_when=start + _days(d))
            for what, who, d in TASKS
        )
    return len(children)


def _pathway(today: dt.date) -> list[JourneyEvent]:
    """Young people of 16 and 17 in care: for two in three a pathway plan agreed two months after
    their 16th birthday and reviewed since; the rest are due or overdue. A handover to adult
    services for a care leaver, and a later life link (Dudley strategy)."""
    out: list[JourneyEvent] = []
    young = list(
        _mine_first(
            Child.objects.filter(
                IN_CARE,
                date_of_birth__lte=cal.add_months(today, -16 * 12),
                date_of_birth__gt=cal.add_months(today, -18 * 12),
            )
        ).distinct()
    )
    for n, child in enumerate(young):
        if n % 3 == 2:
            continue
        assert child.date_of_birth is not None
        agreed = cal.add_months(child.date_of_birth, 16 * 12) + _days(60)
        if agreed > today:
            continue
        out.append(
            _event(child.pk, "pathway_plan_agreed", agreed, "Co-produced with the young person")
        )
        review = cal.add_months(agreed, 5)
        while review <= today:
            out.append(_event(child.pk, "pathway_plan_reviewed", review))
            review = cal.add_months(review, 6)
    if young:
        out.append(
            _event(young[0].pk, "later_life_link_made", today - _days(40), "A volunteer mentor")
        )
    leaver = (
        _mine_first(
            Child.objects.filter(
                events__kind="ceased_looked_after",
                date_of_birth__lte=cal.add_months(today, -18 * 12),
                date_of_birth__gt=cal.add_months(today, -25 * 12),
            )
        )
        .distinct()
        .first()
    )
    if leaver is not None:
        out.append(
            _event(
                leaver.pk,
                "adult_services_handover",
                today - _days(30),
                "Adult social care, the transitions team",
            )
        )
    return out
