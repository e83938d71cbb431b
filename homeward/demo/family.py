"""The demo council's siblings, family time and children's voices (``manage.py demo``).

Called once by ``homeward.demo.builder.build`` after the children, families and allocations
exist. Deterministic from the demo's seed and ``today``; written with ``bulk_create`` so it
stays fast at the benchmarks' 50,000 children. Every name and word is invented.

What it shows: sibling pairs mostly decided together, some apart (with the together and apart
assessment, reasons and family time between them), a few not decided yet; one sibling group with
a different IRO (the warning, DS 'Independent Reviewing Service') and one whose different IRO a
recorded conflict of interest explains; family time plans for children in care, most reviewed
on time, some due soon or overdue; views, wishes and feelings; advocate and independent visitor
offers; life story work; the memory record; a few complaints.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations

from homeward.accounts.models import Role, User
from homeward.children.models import (
    Allocation,
    Child,
    Episode,
    JourneyEvent,
    Person,
    PersonInChildsLife,
    Relationship,
)
from homeward.demo import names
from homeward.demo.drifting import drifting_children
from homeward.family.models import (
    AdvocacyOffer,
    CarerExploration,
    Complaint,
    FamilyTie,
    FamilyTimePlan,
    FamilyTimeReview,
    GenogramSex,
    LifeStoryWork,
    MemoryItem,
    NetworkMember,
    SiblingIroConflict,
    SiblingPairDecision,
    TieKind,
    VoiceEntry,
)

ADOPTION_PLACEMENTS = {"A3", "A4", "A5", "A6"}

ATTACHMENTS = (
    "A secure attachment: they seek each other out for comfort and play together well.",
    "The younger child is attached to the elder, who takes on a parenting role at times.",
    "A mixed relationship: close, with rivalry that carers manage with support.",
)
HEALTH_NEEDS = (
    "No additional health needs for either child.",
    "The elder child has asthma, well managed; the younger has no known needs.",
    "The younger child is waiting for a paediatric assessment of speech and language.",
)

TOGETHER_REASONS = (
    "They have a close, warm bond and look out for each other. Their carers can meet both "
    "children's needs, and both say they want to stay together.",
    "The together and apart assessment found their relationship is a protective factor; one "
    "family can care for them both.",
    "They have always lived together and rely on each other; nothing in their needs means they "
    "must be apart.",
)
APART_REASONS = (
    "The older child's needs mean a carer on their own for now; the younger child is settled "
    "with an adoptive family. They will see each other every fortnight.",
    "Their relationship repeats harmful patterns from home; each needs a carer's full "
    "attention. Family time together is planned and will be reviewed at the next meeting.",
)
CHILDRENS_VIEWS = (
    "Both said they want to live together.",
    "The older child said she worries about her brother; the younger one is too young to say.",
    "They told the advocate they miss each other and want to see each other more.",
)
VIEWS = (
    ("future", "I want to stay with my carers and keep going to my school."),
    ("family_time", "I like seeing Mum at the centre but the visits are too short."),
    ("family_time", "I don't want to see Dad right now. Maybe later."),
    ("siblings", "I miss my brother. Can we go swimming together?"),
    ("placement", "My room is nice. I like the dog."),
    ("school", "I have a new friend at school and I'm in the football team."),
    ("future", "I want to know why I can't go home."),
)
OBSERVED = (
    "Settled and smiling with the carer; reaches for her when unsure.",
    "Relaxed during family time; cries briefly at the end and settles quickly with the carer.",
)
CHILD_VIEWS_OF_FAMILY_TIME = (
    "Looks forward to it and asks when the next one is.",
    "Wants it to be longer and not at the centre.",
    "Finds the end of visits hard but wants them to carry on.",
    "",
)
MEMORIES = (
    ("First school photograph", "Foster carer"),
    ("Baby wristband from the hospital", "Mother"),
    ("Swimming certificate (25 metres)", "Foster carer"),
    ("Drawing of the family, made in direct work", "Social worker"),
    ("Teddy from the first placement", "Previous carers"),
    ("Birthday card from Nan", "Grandparent"),
)
BABY_MEMORIES = (
    ("Baby wristband from the hospital", "Mother"),
    ("First shoes", "Foster carer"),
    ("Photographs of the first birthday", "Foster carer"),
    ("Birthday card from Nan", "Grandparent"),
)
WHERE_KEPT = (
    "Memory box at the carers' home",
    "Life story file, children in care team",
    "Scanned into the digital life story",
)
COMPLAINTS = (
    "Not told before moving school.",
    "Family time cancelled twice without notice.",
    "Wants more pocket money and a say in the house rules.",
)


@dataclass
class DemoChild:
    pk: int
    name: str
    dob: dt.date | None
    group: int | None
    care_start: dt.date | None  # the open episode's start: looked after now
    placement: str
    social_worker: str
    held_by_demo_sign_in: bool  # allocated to the demo's "social-worker"
    iro: int | None
    allocation: int | None

    def age(self, today: dt.date) -> int:
        if self.dob is None:
            return -1
        return (
            today.year - self.dob.year - ((today.month, today.day) < (self.dob.month, self.dob.day))
        )


def _days(n: int) -> dt.timedelta:
    return dt.timedelta(days=n)


def _between(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    if end <= start:
        return start
    return start + _days(rng.randint(0, (end - start).days))


def _load() -> list[DemoChild]:
    open_episodes = {
        child: (start, place)
        for child, start, place in Episode.objects.filter(end_date__isnull=True).values_list(
            "child_id", "start_date", "placement_type"
        )
    }
    workers = list(User.objects.filter(role=Role.SOCIAL_WORKER))
    names = {u.pk: str(u) for u in workers}
    sign_in = next((u.pk for u in workers if u.username == "social-worker"), None)
    allocations = {
        child: (pk, worker, iro)
        for pk, child, worker, iro in Allocation.objects.filter(ended_on__isnull=True).values_list(
            "pk", "child_id", "social_worker_id", "iro_id"
        )
    }
    children = []
    for pk, first, last, dob, group in Child.objects.order_by("pk").values_list(
        "pk", "first_name", "last_name", "date_of_birth", "sibling_group_id"
    ):
        start, place = open_episodes.get(pk, (None, ""))
        allocation, worker, iro = allocations.get(pk, (None, None, None))
        children.append(
            DemoChild(
                pk=pk,
                name=f"{first} {last}".strip(),
                dob=dob,
                group=group,
                care_start=start,
                placement=place,
                social_worker=f"{names[worker]} (social worker)" if worker in names else "",
                held_by_demo_sign_in=worker is not None and worker == sign_in,
                iro=iro,
                allocation=allocation,
            )
        )
    return children


def build(*, seed: int, today: dt.date) -> dict[str, int]:
    rng = random.Random(seed * 104729 + 6)
    children = _load()
    by_pk = {c.pk: c for c in children}
    in_care = [c for c in children if c.care_start is not None]
    groups: dict[int, list[DemoChild]] = defaultdict(list)
    for child in children:
        if child.group is not None:
            groups[child.group].append(child)
    apart_pairs = _siblings(groups, rng, today)
    plans = _family_time(in_care, by_pk, apart_pairs, rng, today)
    counts = _voices(in_care, rng, today)
    counts.update(_genograms(rng))
    counts["adoption_ceremonies"] = _adoption_ceremonies(rng, today)
    return {
        "sibling_decisions": SiblingPairDecision.objects.count(),
        "family_time_plans": plans,
        **counts,
    }


def _adoption_ceremonies(rng: random.Random, today: dt.date) -> int:
    """An adoption ceremony a few weeks after each recent adoption order, and for some the life
    story book and the later life letter given to the adopters (due within 10 working days of the
    ceremony: AAR 2005 reg 35, statutory.toml), so the Voice tab shows them due, given and late
    (orders of the last year). The ledger is recomputed at the end of the build."""
    events: list[JourneyEvent] = []
    orders = JourneyEvent.objects.filter(
        kind="order_made", notes__startswith="Adoption", date__gte=today - _days(365)
    ).order_by("child_id", "date")
    for order in orders:
        ceremony = order.date + _days(rng.randint(14, 42))
        if ceremony > today:
            continue
        events.append(_recorded(order.child_id, "adoption_ceremony", ceremony))
        for kind in ("life_story_book_given", "later_life_letter_given"):
            given = ceremony + _days(rng.randint(3, 20))
            if given <= today and rng.random() < 0.6:
                events.append(_recorded(order.child_id, kind, given))
    JourneyEvent.objects.bulk_create(events, batch_size=5000)
    return sum(1 for e in events if e.kind == "adoption_ceremony")


def _recorded(child_id: int, kind: str, day: dt.date) -> JourneyEvent:
    return JourneyEvent(child_id=child_id, kind=kind, date=day, source=JourneyEvent.Source.RECORDED)


def _siblings(
    groups: dict[int, list[DemoChild]], rng: random.Random, today: dt.date
) -> set[tuple[int, int]]:
    """Pair decisions (some with an earlier version), one group with a different IRO, and one
    whose different IRO is explained by a conflict of interest. Returns the pairs placed apart."""
    decisions: list[SiblingPairDecision] = []
    apart: set[tuple[int, int]] = set()
    in_care_groups = [
        members
        for _, members in sorted(groups.items())
        if sum(1 for m in members if m.care_start is not None and m.iro is not None) >= 2
    ]
    # The demo's "social-worker" sign-in should meet each case: their groups come first.
    showcase = sorted(
        in_care_groups,
        key=lambda members: (not any(m.held_by_demo_sign_in for m in members), members[0].pk),
    )
    forced_apart = showcase[0] if showcase else None
    for members in (m for _, m in sorted(groups.items())):
        # One meeting decides for the whole group, on one day, one way: a child's journey never
        # reads "Place together" and "Place apart" on the same day.
        group_roll = rng.random()
        starts = [m.care_start or today - _days(200) for m in members]
        decided_on = min(today, _between(rng, max(starts) + _days(14), max(starts) + _days(120)))
        for a, b in combinations(sorted(members, key=lambda m: m.pk), 2):
            both_in_care = a.care_start is not None and b.care_start is not None
            roll = rng.random()
            if not both_in_care and roll < 0.5:
                continue
            if members is forced_apart or (both_in_care and 0.7 <= group_roll < 0.88):
                kind = "apart"
            elif both_in_care and group_roll >= 0.88:
                kind = "not_decided"
            else:
                kind = "together"
            if kind == "together" and (members is forced_apart or 0.7 <= group_roll < 0.88):
                continue  # a group placed apart: no pair of it is decided "together" that day
            if kind == "together" and rng.random() < 0.25:
                # An earlier "not decided yet" shows the decision's history.
                decisions.append(
                    SiblingPairDecision(
                        group_id=a.group,
                        child_a_id=a.pk,
                        child_b_id=b.pk,
                        version=1,
                        placed="together" if both_in_care else "not_placed",
                        decision="not_decided",
                    )
                )
                version = 2
            else:
                version = 1
            assessed = decided_on - _days(rng.randint(3, 20))
            decision = SiblingPairDecision(
                group_id=a.group,
                child_a_id=a.pk,
                child_b_id=b.pk,
                version=version,
                placed={"apart": "apart", "together": "together"}.get(kind, "together")
                if both_in_care
                else "not_placed",
                decision=kind,
            )
            if kind != "not_decided":
                decision.reasons = rng.choice(
                    APART_REASONS if kind == "apart" else TOGETHER_REASONS
                )
                decision.decided_by = rng.choice(
                    ("Child Permanence Meeting", "Team manager, at the permanence meeting")
                )
                decision.decided_on = decided_on
                decision.childrens_views = rng.choice(CHILDRENS_VIEWS)
                # Durham 'Sibling Assessment' factors (no rng: the rest of the demo is unchanged).
                decision.attachment = ATTACHMENTS[(a.pk + b.pk) % len(ATTACHMENTS)]
                decision.health_needs = HEALTH_NEEDS[(a.pk + b.pk) % len(HEALTH_NEEDS)]
            if kind == "apart" or rng.random() < 0.3:
                decision.assessment_on = min(assessed, decided_on)
                decision.assessed_by = a.social_worker or "Sibling assessment worker"
            decisions.append(decision)
            if kind == "apart":
                apart.add((a.pk, b.pk))
    SiblingPairDecision.objects.bulk_create(decisions, batch_size=5000)
    _different_iros(showcase[1:3], today)
    return apart


def _different_iros(showcase: list[list[DemoChild]], today: dt.date) -> None:
    """The first group gets a second IRO for one child (the warning shows); the second too, with
    a recorded conflict of interest that explains it (no warning)."""
    iros = list(
        User.objects.filter(role=Role.IRO).order_by("username").values_list("pk", flat=True)
    )
    if len(iros) < 2:
        return
    for i, members in enumerate(showcase):
        reviewed = [m for m in members if m.iro is not None and m.allocation is not None]
        child = reviewed[-1]
        other = next(pk for pk in iros if pk != child.iro)
        Allocation.objects.filter(pk=child.allocation).update(iro=other)
        child.iro = other
        if i == 1:
            SiblingIroConflict.objects.create(
                child_id=child.pk,
                reason="The group's IRO was the independent reviewing officer for the children's "
                "mother when she was in care.",
                recorded_on=today - _days(30),
            )


def _family_time(
    in_care: list[DemoChild],
    by_pk: dict[int, DemoChild],
    apart_pairs: set[tuple[int, int]],
    rng: random.Random,
    today: dt.date,
) -> int:
    people: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for link, child, relationship in (
        PersonInChildsLife.objects.filter(
            relationship__in=[Relationship.MOTHER, Relationship.FATHER, Relationship.GRANDPARENT],
            person__is_deceased=False,
        )
        .order_by("child_id", "relationship", "pk")
        .values_list("pk", "child_id", "relationship")
    ):
        people[child].append((link, relationship))
    plans: list[FamilyTimePlan] = []
    for child in in_care:
        assert child.care_start is not None
        if rng.random() < 0.1:
            continue  # some children still have no plan: the Family tab says so (DU 'Family Time')
        adoption = child.placement in ADOPTION_PLACEMENTS
        for link, relationship in people.get(child.pk, []):
            if relationship == Relationship.GRANDPARENT and rng.random() < 0.4:
                continue
            start = max(child.care_start, today - _days(700)) + _days(rng.randint(0, 7))
            plan = FamilyTimePlan(
                child_id=child.pk,
                with_person_id=link,
                # Most agreed the day the child came into care and was placed (DU 'Family Time':
                # negotiated before placement); the rest only once family time began.
                agreed_on=child.care_start if child.pk % 5 < 3 else min(start, today),
                start_date=start,
                childs_view=rng.choice(CHILD_VIEWS_OF_FAMILY_TIME) if child.age(today) >= 5 else "",
            )
            if adoption:
                plan.kind, plan.pattern = (
                    "indirect",
                    "Letterbox: a letter and photographs twice a year",
                )
                plan.supervision, plan.supervised_by = "supported", "Adoption support (letterbox)"
            elif relationship == Relationship.GRANDPARENT:
                plan.kind, plan.times, plan.per = "direct", 1, "month"
                plan.supervision, plan.supervised_by = "supported", "Foster carer"
                plan.venue = "Grandparent's home"
            else:
                plan.kind, plan.times = "direct", rng.choice((1, 1, 2, 3))
                plan.per = rng.choice(("week", "fortnight"))
                plan.supervision, plan.supervised_by = "supervised", "Family time worker"
                plan.venue = rng.choice(("Brookside family centre", "Oakfield contact centre"))
            plans.append(plan)
    for a, b in sorted(apart_pairs):
        first, second = by_pk[a], by_pk[b]
        if first.care_start is None or second.care_start is None:
            continue
        plans.append(
            FamilyTimePlan(
                child_id=a,
                with_sibling_id=b,
                kind="direct",
                times=1,
                per="fortnight",
                supervision="supported",
                supervised_by="Both sets of carers",
                venue="Leisure centre or the park, arranged by the carers",
                agreed_on=max(first.care_start, second.care_start, today - _days(400)),
                start_date=max(first.care_start, second.care_start, today - _days(400)),
                childs_view="Wants to see their brother or sister more.",
            )
        )
    reviews: list[tuple[int, FamilyTimeReview]] = []
    drifting = drifting_children()
    for i, plan in enumerate(plans):
        roll = rng.random()
        if roll < 0.15 and plan.child_id not in drifting:
            roll += 0.15  # a team that keeps to time has no review overdue
        if roll < 0.15:
            plan.review_date = today - _days(rng.randint(3, 40))  # overdue
        elif roll < 0.27:
            plan.review_date = today + _days(rng.randint(1, 14))  # due soon
        else:
            plan.review_date = today + _days(rng.randint(15, 110))
        plan.review_date = max(plan.review_date, plan.start_date + _days(1))
        answered = plan.start_date + _days(90)
        if answered + _days(15) < min(today, plan.review_date):
            reviewed_on = answered + _days(rng.choice((-4, -1, 0, 0, 3, 12)))
            reviews.append(
                (
                    i,
                    FamilyTimeReview(
                        reviewed_on=reviewed_on,
                        due_on=answered,
                        outcome="continue",
                        how_it_went="Warm, settled visits; the child separates well at the end.",
                        childs_view=plan.childs_view,
                        next_review_on=plan.review_date,
                    ),
                )
            )
        if roll > 0.97 and not plan.with_sibling_id and plan.start_date < today - _days(60):
            plan.ended_on = today - _days(rng.randint(1, 30))
            plan.ended_on = max(plan.ended_on, plan.start_date)
    # Each agreement is one journey event (the ledger is recomputed at the end): the plans of a
    # child agreed on one day (with both parents, with each brother or sister) were agreed
    # together, so the first of them owns that day's event and the child's journey shows it once.
    owners: dict[tuple[int, dt.date], FamilyTimePlan] = {}
    for plan in plans:
        owners.setdefault((plan.child_id, plan.agreed_on), plan)
    events = JourneyEvent.objects.bulk_create(
        [
            JourneyEvent(
                child_id=plan.child_id,
                kind="family_time_agreed",
                date=plan.agreed_on,
                notes="Family time arrangements agreed",
                source=JourneyEvent.Source.RECORDED,
            )
            for plan in owners.values()
        ],
        batch_size=5000,
    )
    for plan, event in zip(owners.values(), events, strict=True):
        plan.journey_event = event
    FamilyTimePlan.objects.bulk_create(plans, batch_size=5000)
    for i, review in reviews:
        review.plan = plans[i]
    FamilyTimeReview.objects.bulk_create([r for _, r in reviews], batch_size=5000)
    return len(plans)


def _voices(in_care: list[DemoChild], rng: random.Random, today: dt.date) -> dict[str, int]:
    entries: list[VoiceEntry] = []
    offers: list[AdvocacyOffer] = []
    life_stories: list[LifeStoryWork] = []
    memories: list[MemoryItem] = []
    complaints: list[Complaint] = []
    for child in in_care:
        assert child.care_start is not None
        age = child.age(today)
        if age < 0:
            continue
        since = max(child.care_start, today - _days(365))
        worker = child.social_worker or "Social worker"
        if age >= 4:
            for topic, text in rng.sample(VIEWS, rng.randint(1, 3)):
                whose = rng.choice(("child", "child", "recorded"))
                entries.append(
                    VoiceEntry(
                        child_id=child.pk,
                        date=_between(rng, since, today),
                        how_gathered=rng.choice(
                            ("direct_work", "visit", "review", "advocate", "app")
                        ),
                        whose_words=whose,
                        words_of="" if whose == "child" else worker,
                        topic=topic,
                        text=text,
                    )
                )
        elif rng.random() < 0.6:
            entries.append(
                VoiceEntry(
                    child_id=child.pk,
                    date=_between(rng, since, today),
                    how_gathered="visit",
                    whose_words="observed",
                    words_of=worker,
                    topic="placement",
                    text=rng.choice(OBSERVED),
                )
            )
        if age >= 7:
            for service, chance in (("advocate", 0.75), ("independent_visitor", 0.45)):
                if rng.random() >= chance:
                    continue
                taken = rng.choice(("yes", "no", "pending"))
                offers.append(
                    AdvocacyOffer(
                        child_id=child.pk,
                        service=service,
                        offered_on=_between(rng, child.care_start, today),
                        offered_by=worker,
                        discussion="Explained the role with the Children's Rights leaflet and "
                        "what an advocate or visitor could help with; the child asked questions.",
                        taken_up=taken,
                        provider="Children's Rights and Participation Team"
                        if taken == "yes" and service == "advocate"
                        else ("Volunteer visitor scheme" if taken == "yes" else ""),
                    )
                )
        if rng.random() < 0.7:
            if age < 4:  # a baby's life story is gathered for them, not yet shared with them
                status = rng.choice(("not_started", "in_progress"))
            elif child.placement in ADOPTION_PLACEMENTS:
                status = "complete"
            else:
                status = rng.choice(("not_started", "in_progress", "in_progress", "complete"))
            life_stories.append(
                LifeStoryWork(
                    child_id=child.pk,
                    status=status,
                    worker="" if status == "not_started" else worker,
                    format=""
                    if status == "not_started"
                    else rng.choice(
                        ("Life story book", "Digital life story", "Memory box and book")
                    ),
                    updated_on=_between(rng, child.care_start, today),
                )
            )
        if rng.random() < 0.4:
            kept = MEMORIES if age >= 5 else BABY_MEMORIES
            for description, given_by in rng.sample(kept, rng.randint(1, 3)):
                memories.append(
                    MemoryItem(
                        child_id=child.pk,
                        description=description,
                        received_on=_between(rng, child.care_start, today),
                        given_by=given_by,
                        where_kept=rng.choice(WHERE_KEPT),
                    )
                )
        if age >= 8 and rng.random() < 0.04:
            received = _between(rng, since, today)
            closed = received + _days(rng.randint(5, 25))
            complaints.append(
                Complaint(
                    child_id=child.pk,
                    received_on=received,
                    made_by=rng.choice(("child", "advocate")),
                    subject=rng.choice(COMPLAINTS),
                    outcome="upheld" if closed <= today else "",
                    action_taken="Apologised and agreed what happens next time."
                    if closed <= today
                    else "",
                    closed_on=closed if closed <= today else None,
                )
            )
    VoiceEntry.objects.bulk_create(entries, batch_size=5000)
    AdvocacyOffer.objects.bulk_create(offers, batch_size=5000)
    LifeStoryWork.objects.bulk_create(life_stories, batch_size=5000)
    MemoryItem.objects.bulk_create(memories, batch_size=5000)
    Complaint.objects.bulk_create(complaints, batch_size=5000)
    return {
        "voice_entries": len(entries),
        "advocacy_offers": len(offers),
        "life_story_work": len(life_stories),
        "memory_items": len(memories),
        "complaints": len(complaints),
    }


# The genogram: how the parents' relationship stands, the grandparent (the mother's parent) and
# the aunt or uncle (her brother or sister), a half brother or sister on the mother's side, and
# where exploring each relative or friend as a carer stands (DS 'Connected People's Fostering
# Team': viability, then the connected person assessment).
PARENTS_NOW = (
    (0.45, TieKind.SEPARATED),
    (0.2, TieKind.DIVORCED),
    (0.2, TieKind.PARTNERS),
    (0.15, TieKind.MARRIED),
)
EXPLORED = (
    (0.35, CarerExploration.VIABILITY),
    (0.15, CarerExploration.ASSESSMENT),
    (0.15, CarerExploration.RULED_OUT),
    (0.1, CarerExploration.APPROVED),
    (0.25, CarerExploration.NOT_EXPLORED),
)
SEX_BY_RELATIONSHIP = {
    Relationship.MOTHER: GenogramSex.FEMALE,
    Relationship.FATHER: GenogramSex.MALE,
}

GENOGRAM_SEX = {names.FEMALE: GenogramSex.FEMALE, names.MALE: GenogramSex.MALE}


def _pick(rng: random.Random, table: tuple[tuple[float, str], ...]) -> str:
    roll = rng.random()
    for chance, value in table:
        if roll < chance:
            return value
        roll -= chance
    return table[-1][1]


def _genograms(rng: random.Random) -> dict[str, int]:
    """A genogram that makes sense for every child with a family network: each person drawn
    with their sex, the parents together or apart, the grandparent over the mother, and where
    exploring each relative as a carer stands; a few fathers have died (grandparents already
    may have)."""
    links = (
        PersonInChildsLife.objects.exclude(
            relationship__in=[Relationship.FOSTER_CARER, Relationship.PROSPECTIVE_ADOPTER]
        )
        .order_by("child_id", "person_id")
        .values_list("pk", "child_id", "person_id", "relationship")
    )
    first_names = dict(Person.objects.values_list("pk", "first_name"))
    by_child: dict[int, dict[str, list[tuple[int, int]]]] = defaultdict(lambda: defaultdict(list))
    for pk, child_id, person_id, relationship in links:
        by_child[child_id][relationship].append((pk, person_id))
    entries: list[NetworkMember] = []
    ties: list[FamilyTie] = []
    decided: dict[int, tuple[str, str, str]] = {}  # a person's sex, exploration, household
    parents_now: dict[tuple[int, int], str] = {}  # the same parents, the same story
    died: list[int] = []
    for child_id, family in sorted(by_child.items()):
        mother = family[Relationship.MOTHER][0][1] if family[Relationship.MOTHER] else None
        father = family[Relationship.FATHER][0][1] if family[Relationship.FATHER] else None
        if mother and father:
            kind = parents_now.get((mother, father)) or _pick(rng, PARENTS_NOW)
            parents_now[(mother, father)] = kind
            ties.append(FamilyTie(child_id=child_id, person_id=mother, other_id=father, kind=kind))
        for _, person in family[Relationship.GRANDPARENT][:1]:
            if mother:
                ties.append(
                    FamilyTie(child_id=child_id, person_id=person, other_id=mother, kind="parent")
                )
                for _, uncle in family[Relationship.AUNT_UNCLE][:1]:
                    ties.append(
                        FamilyTie(
                            child_id=child_id, person_id=person, other_id=uncle, kind="parent"
                        )
                    )
        for _, half in family[Relationship.HALF_SIBLING][:1]:
            if mother:
                ties.append(
                    FamilyTie(child_id=child_id, person_id=mother, other_id=half, kind="parent")
                )
        for relationship, people in sorted(family.items()):
            for pk, person in people:
                if person not in decided:
                    # Drawn as their name reads (homeward.demo.names), never a Darren as a circle.
                    sex = SEX_BY_RELATIONSHIP.get(relationship) or GENOGRAM_SEX.get(
                        names.sex_of(first_names[person]), GenogramSex.UNKNOWN
                    )
                    if relationship in (Relationship.MOTHER, Relationship.FATHER):
                        exploration = CarerExploration.NOT_A_CARER
                        if relationship == Relationship.FATHER and rng.random() < 0.04:
                            died.append(person)
                    elif relationship in (Relationship.SIBLING, Relationship.HALF_SIBLING):
                        exploration = CarerExploration.NOT_A_CARER
                    elif relationship == Relationship.GRANDPARENT:
                        exploration = _pick(rng, EXPLORED)
                    else:
                        exploration = (
                            CarerExploration.NOT_EXPLORED
                            if rng.random() < 0.6
                            else _pick(rng, EXPLORED)
                        )
                    household = ""
                    if (
                        relationship == Relationship.MOTHER
                        or relationship == Relationship.HALF_SIBLING
                        and rng.random() < 0.5
                        or relationship == Relationship.FATHER
                        and parents_now.get((mother or 0, person))
                        in (TieKind.MARRIED, TieKind.PARTNERS)
                    ):
                        household = "Mother’s home"
                    decided[person] = (sex, exploration, household)
                sex, exploration, household = decided[person]
                entries.append(
                    NetworkMember(link_id=pk, sex=sex, exploration=exploration, household=household)
                )
    Person.objects.filter(pk__in=died).update(is_deceased=True)
    NetworkMember.objects.bulk_create(entries, batch_size=5000)
    FamilyTie.objects.bulk_create(ties, batch_size=5000)
    return {"genogram_entries": len(entries), "family_ties": len(ties)}
