"""Builds "Demo Borough": staff for every role and synthetic children at every stage of the
journey, from a fixed random seed. Every name is invented: first names are common given names,
surnames are made-up place-like compounds, so no real child or family is described.

Written with ``bulk_create`` so that ``--children 50000`` (the benchmarks' size) takes seconds.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.db import transaction

from homeward.accounts.models import Role, Team, User
from homeward.children.models import (
    Allocation,
    Child,
    Episode,
    JourneyEvent,
    JourneyEventKind,
    Person,
    PersonInChildsLife,
    Relationship,
    SiblingGroup,
)
from homeward.domain.councils import CouncilProfile
from homeward.domain.ssda903 import codes

DEMO_PASSWORD = "homeward-demo"

# (username, role, first name, last name, team key); team keys are resolved in build_staff.
DEMO_SIGN_INS: tuple[tuple[str, Role, str, str, str], ...] = (
    ("social-worker", Role.SOCIAL_WORKER, "Sam", "Okafor-Demo", "care-1"),
    ("social-worker-2", Role.SOCIAL_WORKER, "Priya", "Lindqvist-Demo", "care-2"),
    ("team-manager", Role.TEAM_MANAGER, "Morgan", "Ellery-Demo", "care-1"),
    ("iro", Role.IRO, "Alex", "Brightwater-Demo", ""),
    ("permanence-coordinator", Role.PERMANENCE_COORDINATOR, "Jordan", "Fairholm-Demo", ""),
    ("court-progression", Role.COURT_PROGRESSION_MANAGER, "Casey", "Marlowe-Demo", ""),
    ("panel-admin", Role.PANEL_ADMINISTRATOR, "Robin", "Ashdown-Demo", ""),
    ("family-finder", Role.FAMILY_FINDER, "Taylor", "Wrenfield-Demo", ""),
    ("service-manager", Role.SERVICE_MANAGER, "Jamie", "Hollins-Demo", ""),
    ("analyst", Role.PERFORMANCE_ANALYST, "Charlie", "Penrose-Demo", ""),
    ("admin", Role.SYSTEM_ADMINISTRATOR, "Drew", "Kestrel-Demo", ""),
)

FIRST_NAMES = [
    "Ava",
    "Noah",
    "Mia",
    "Leo",
    "Isla",
    "Oscar",
    "Lily",
    "Arlo",
    "Freya",
    "Theo",
    "Ella",
    "Jack",
    "Grace",
    "Harry",
    "Ruby",
    "Alfie",
    "Evie",
    "Finley",
    "Poppy",
    "Jacob",
    "Daisy",
    "Reuben",
    "Rosie",
    "Ezra",
    "Willow",
    "Louie",
    "Maya",
    "Roman",
    "Aria",
    "Ollie",
    "Zara",
    "Kai",
    "Hana",
    "Yusuf",
    "Amara",
    "Tomasz",
    "Zofia",
    "Kofi",
    "Ama",
    "Ravi",
    "Anaya",
    "Bilal",
    "Layla",
    "Ethan",
    "Chloe",
    "Mason",
    "Niamh",
]
ADULT_FIRST_NAMES = [
    "Claire",
    "Lee",
    "Dawn",
    "Wayne",
    "Kelly",
    "Darren",
    "Gemma",
    "Craig",
    "Leanne",
    "Paul",
    "Sarah",
    "Mark",
    "Nicola",
    "Gary",
    "Emma",
    "Stacey",
    "Dean",
    "Joanne",
    "Carl",
    "Michelle",
    "Shaun",
    "Donna",
    "Adeel",
    "Farah",
    "Marek",
    "Agnieszka",
    "Kwame",
    "Abena",
]
SURNAME_STARTS = [
    "Ash",
    "Birch",
    "Cold",
    "Elm",
    "Fern",
    "Glen",
    "Hazel",
    "Kings",
    "Marl",
    "Oak",
    "Pen",
    "Red",
    "Stone",
    "Thorn",
    "West",
    "Wil",
]
SURNAME_ENDS = [
    "brook",
    "by",
    "croft",
    "dale",
    "field",
    "ford",
    "ham",
    "ley",
    "more",
    "ton",
    "well",
    "wood",
]
RELIGIONS = ("Christian", "Muslim", "No religion", "Sikh", "Hindu", "Not known", "Jewish")
LANGUAGES = ("English",) * 8 + ("Polish", "Urdu", "Punjabi", "Romanian", "Arabic")
ETHNICITIES = ("WBRI",) * 10 + (
    "WOTH",
    "MWBC",
    "MWBA",
    "MWAS",
    "AIND",
    "APKN",
    "BAFR",
    "BCRB",
    "WIRI",
    "OOTH",
)

# Stage -> share of the demo population. Every stage of the journey named in issue 2.
STAGES: tuple[tuple[str, int], ...] = (
    ("unborn", 5),
    ("edge_of_care", 10),
    ("section_20", 10),
    ("interim_care_order", 12),
    ("care_order", 15),
    ("placement_order", 8),
    ("matched", 5),
    ("placed_for_adoption", 6),
    ("sgo_made", 8),
    ("returned_home", 8),
    ("adopted", 5),
    ("left_care", 8),
)
PRE_CARE = {"unborn", "edge_of_care"}
LEFT_CARE = {"sgo_made", "returned_home", "adopted", "left_care"}


def surname(rng: random.Random) -> str:
    return rng.choice(SURNAME_STARTS) + rng.choice(SURNAME_ENDS)


@dataclass
class Staff:
    teams: dict[str, Team]  # team name -> team
    team_by_key: dict[str, Team]  # "pre-1", "pre-2", "care-1", "care-2" -> team
    social_workers: dict[str, list[User]]  # team key -> social workers
    iros: list[User]
    named: dict[str, User]


@dataclass
class ChildPlan:
    """One synthetic child before it is written: the record, its journey and its family."""

    child: Child
    stage: str
    team_key: str
    episodes: list[Episode] = field(default_factory=list)
    events: list[tuple[str, dt.date, str]] = field(default_factory=list)


def team_keys(profile: CouncilProfile) -> dict[str, str]:
    """Demo teams: two numbered teams for each of the council's social work teams. Children
    before care sit with the first, children in care with the last (Dudley: Family Solutions
    then Children in Care; DS 'Family Solutions', 'Children in Care ...')."""
    first, last = profile.social_work_teams[0].name, profile.social_work_teams[-1].name
    if first == last:
        return {
            "pre-1": f"{first} 1",
            "pre-2": f"{first} 2",
            "care-1": f"{first} 1",
            "care-2": f"{first} 2",
        }
    return {
        "pre-1": f"{first} 1",
        "pre-2": f"{first} 2",
        "care-1": f"{last} 1",
        "care-2": f"{last} 2",
    }


def build_staff(profile: CouncilProfile, n_children: int, rng: random.Random) -> Staff:
    password = make_password(DEMO_PASSWORD)
    keys = team_keys(profile)
    teams = {
        name: Team.objects.create(name=name, service=profile.council_name)
        for name in set(keys.values())
    }
    by_key = {key: teams[name] for key, name in keys.items()}
    named: dict[str, User] = {}
    for username, role, first, last, team_key in DEMO_SIGN_INS:
        user = User.objects.create(
            username=username,
            first_name=first,
            last_name=last,
            role=role,
            password=password,
            is_demo=True,
            is_staff=role == Role.SYSTEM_ADMINISTRATOR,
            is_superuser=role == Role.SYSTEM_ADMINISTRATOR,
        )
        if team_key:
            user.teams.add(by_key[team_key])
        named[username] = user
    # Enough colleagues that caseloads stay near 15 children each, however large the demo.
    per_team = max(3, n_children // (15 * len(teams)))
    social_workers: dict[str, list[User]] = {}
    extra: list[User] = []
    for team in teams.values():
        for i in range(per_team):
            extra.append(
                User(
                    username=f"sw-{team.pk}-{i + 1}",
                    first_name=rng.choice(ADULT_FIRST_NAMES),
                    last_name=f"{surname(rng)}-Demo",
                    role=Role.SOCIAL_WORKER,
                    password="!",  # no usable password: colleagues in the demo, not sign-ins
                    is_demo=True,
                )
            )
    n_iros = max(4, n_children // 60)
    iro_users = [
        User(
            username=f"iro-{i + 1}",
            first_name=rng.choice(ADULT_FIRST_NAMES),
            last_name=f"{surname(rng)}-Demo",
            role=Role.IRO,
            password="!",
            is_demo=True,
        )
        for i in range(n_iros)
    ]
    User.objects.bulk_create(extra + iro_users, batch_size=1000)
    memberships = []
    for user in User.objects.filter(username__startswith="sw-"):
        team_pk = int(user.username.split("-")[1])
        memberships.append(User.teams.through(user_id=user.pk, team_id=team_pk))
    User.teams.through.objects.bulk_create(memberships, batch_size=1000)
    for key, team in by_key.items():
        members = list(
            User.objects.filter(teams=team, role=Role.SOCIAL_WORKER).order_by("username")
        )
        social_workers[key] = members
    iros = [named["iro"], *User.objects.filter(username__startswith="iro-").order_by("username")]
    return Staff(
        teams=teams, team_by_key=by_key, social_workers=social_workers, iros=iros, named=named
    )


class Journey:
    """Writes a plausible SSDA903 journey: contiguous episodes (the next starts the day the last
    ceased, with REC X1) and the journey events that go with them."""

    def __init__(self, plan: ChildPlan, rng: random.Random) -> None:
        self.plan = plan
        self.rng = rng

    def event(self, kind: str, day: dt.date, notes: str = "") -> None:
        self.plan.events.append((kind, day, notes))

    def episode(self, start: dt.date, rne: str, ls: str, place: str) -> None:
        if self.plan.episodes:
            self.plan.episodes[-1].end_date = start
            self.plan.episodes[-1].reason_ceased = "X1"
        provider = "PR0" if place == "P1" else self.rng.choice(("PR1", "PR1", "PR4", "PR5"))
        self.plan.episodes.append(
            Episode(
                start_date=start,
                reason_new_episode=rne,
                legal_status=ls,
                category_of_need=self.rng.choice(("N1", "N1", "N2", "N4", "N8")),
                placement_type=place,
                placement_provider=provider,
                placement_postcode=f"DY{self.rng.randint(1, 9)} {self.rng.randint(1, 9)}ZZ",
                home_postcode=f"DY{self.rng.randint(1, 9)} {self.rng.randint(1, 9)}ZZ",
            )
        )

    def cease(self, day: dt.date, rec: str) -> None:
        self.plan.episodes[-1].end_date = day
        self.plan.episodes[-1].reason_ceased = rec
        self.event(JourneyEventKind.CEASED_LOOKED_AFTER, day, f"{rec}: {codes.REC[rec]}")


def days(n: int) -> dt.timedelta:
    return dt.timedelta(days=n)


def plan_journey(plan: ChildPlan, today: dt.date, rng: random.Random) -> None:
    """Events and episodes for the child's stage, dated backwards from today."""
    stage, child = plan.stage, plan.child
    j = Journey(plan, rng)
    K = JourneyEventKind
    if stage == "unborn":
        assert child.expected_date_of_delivery
        j.event(
            K.PRE_BIRTH_REFERRAL, today - days(rng.randint(5, 60)), "Concerns raised in pregnancy"
        )
        return
    assert child.date_of_birth
    dob = child.date_of_birth
    # Time in care so far, in days, by stage.
    span = {
        "edge_of_care": 0,
        "section_20": rng.randint(10, 200),
        "interim_care_order": rng.randint(20, 170),
        "care_order": rng.randint(200, 900),
        "placement_order": rng.randint(200, 500),
        "matched": rng.randint(300, 600),
        "placed_for_adoption": rng.randint(350, 700),
        "sgo_made": rng.randint(300, 800),
        "returned_home": rng.randint(60, 500),
        "adopted": rng.randint(500, 1000),
        "left_care": rng.randint(700, 1500),
    }[stage]
    if stage == "edge_of_care":
        referral = today - days(rng.randint(20, 120))
        j.event(K.REFERRAL, max(referral, dob), "Referral from health visitor")
        j.event(
            K.LEGAL_PLANNING_MEETING,
            max(referral + days(14), dob),
            "Threshold for pre-proceedings met",
        )
        j.event(K.PLO_STARTED, max(referral + days(21), dob))
        return
    ended_ago = rng.randint(5, 120) if stage in LEFT_CARE else 0
    start = today - days(span + ended_ago)
    last_day = today - days(ended_ago)
    if dob >= start:
        # Too young for this stage's journey: born a little before it began.
        dob = child.date_of_birth = start - days(rng.randint(1, 400))
    j.event(K.REFERRAL, max(start - days(rng.randint(10, 60)), dob))
    if stage == "section_20":
        j.event(K.BECAME_LOOKED_AFTER, start, "Accommodated with parental agreement (section 20)")
        j.episode(start, "S", "V2", rng.choice(("U1", "U4", "U4", "U5")))
        return
    third = max(1, (last_day - start).days // 3)
    issued = start + days(rng.randint(0, min(7, third)))
    j.event(K.BECAME_LOOKED_AFTER, start)
    j.episode(start, "S", "C1", rng.choice(("U1", "U3", "U4", "U4", "U6")))
    j.event(K.PROCEEDINGS_ISSUED, issued)
    j.event(K.INTERIM_CARE_ORDER, start)
    if stage == "interim_care_order":
        return
    order_day = start + days(third)
    if stage in {"care_order", "left_care"}:
        j.event(K.CARE_ORDER, order_day)
        j.episode(order_day, "L", "C2", plan.episodes[-1].placement_type)
        if stage == "left_care":
            move = order_day + days(max(1, (last_day - order_day).days // 2))
            j.episode(move, "P", "C2", rng.choice(("U4", "U5", "K2")))
            j.cease(last_day, rng.choice(("E5", "E17", "E8")))
        return
    if stage == "returned_home":
        j.event(K.CARE_ORDER, order_day)
        j.episode(order_day, "B", "C2", "P1")
        j.event(K.RETURNED_HOME, last_day)
        j.cease(last_day, "E4A")
        return
    if stage == "sgo_made":
        j.event(K.CARE_ORDER, order_day)
        j.episode(order_day, "L", "C2", rng.choice(("U1", "U2", "U3")))
        j.event(K.ORDER_MADE, last_day, "Special guardianship order")
        j.cease(last_day, rng.choice(("E45", "E47")))
        return
    # The adoption pathway: placement order, match, placement, order.
    j.event(K.ADM_DECISION, order_day - days(30))
    j.event(K.PLACEMENT_ORDER, order_day)
    j.episode(order_day, "L", "E1", plan.episodes[-1].placement_type)
    if stage == "placement_order":
        return
    matched = order_day + days(max(1, (last_day - order_day).days // 2))
    j.event(K.MATCHED, matched)
    if stage == "matched":
        return
    placed = matched + days(max(1, (last_day - matched).days // 3))
    j.episode(placed, "P", "E1", rng.choice(("A5", "A6")))
    j.event(K.PLACED_FOR_ADOPTION, placed)
    if stage == "adopted":
        j.event(K.ORDER_MADE, last_day, "Adoption order")
        j.cease(last_day, "E11")


def stage_cycle(n: int, rng: random.Random) -> Iterator[str]:
    weights = [w for _, w in STAGES]
    names = [s for s, _ in STAGES]
    for _ in range(n):
        yield rng.choices(names, weights=weights)[0]


@transaction.atomic
def build(profile: CouncilProfile, *, n_children: int, seed: int, today: dt.date) -> dict[str, int]:
    rng = random.Random(seed)
    staff = build_staff(profile, n_children, rng)
    plans: list[ChildPlan] = []
    groups: list[tuple[SiblingGroup, list[ChildPlan]]] = []
    stages = stage_cycle(n_children, rng)
    number = 0
    while len(plans) < n_children:
        stage = next(stages)
        family = surname(rng)
        size = rng.choices((1, 2, 3, 4), weights=(60, 25, 11, 4))[0]
        size = min(size, n_children - len(plans))
        if stage == "unborn":
            size = 1
        in_care = stage not in PRE_CARE
        team_key = rng.choice(("care-1", "care-2") if in_care else ("pre-1", "pre-2"))
        family_plans = []
        eldest_age = rng.randint(1, 16)
        for k in range(size):
            number += 1
            age_days = max(30, int(eldest_age * 365.25) - k * rng.randint(400, 900))
            unborn = stage == "unborn"
            child = Child(
                child_id=f"HW{number:06d}",
                first_name=rng.choice(FIRST_NAMES) if not unborn else "Baby",
                last_name=family,
                date_of_birth=None if unborn else today - days(age_days),
                expected_date_of_delivery=today + days(rng.randint(10, 150)) if unborn else None,
                sex=rng.choice(("M", "F")),
                ethnicity=rng.choice(ETHNICITIES),
                religion=rng.choice(RELIGIONS),
                first_language=rng.choice(LANGUAGES),
                disability=rng.choice(("",) * 9 + ("Autism", "Hearing impairment")),
                is_uasc=False,
                about_me=""
                if unborn
                else rng.choice(
                    (
                        "I like football and drawing. I want to stay with my brothers and sisters.",
                        "I love animals, especially dogs. I get worried when plans change.",
                        "I enjoy swimming and my favourite food is pasta.",
                        "",
                    )
                ),
            )
            plan = ChildPlan(child=child, stage=stage, team_key=team_key)
            plan_journey(plan, today, rng)
            family_plans.append(plan)
            plans.append(plan)
        if size > 1:
            groups.append((SiblingGroup(name=f"{family} siblings"), family_plans))
    # A few unaccompanied asylum-seeking young people among the older children in care.
    for plan in plans[::37]:
        if (
            plan.stage in {"section_20", "care_order"}
            and plan.child.age_on(today)
            and plan.child.age_on(today) >= 14
        ):
            plan.child.is_uasc = True
    SiblingGroup.objects.bulk_create([g for g, _ in groups], batch_size=2000)
    for group, members in groups:
        for plan in members:
            plan.child.sibling_group = group
    Child.objects.bulk_create([p.child for p in plans], batch_size=2000)
    for plan in plans:
        for episode in plan.episodes:
            episode.child = plan.child
    Episode.objects.bulk_create([e for p in plans for e in p.episodes], batch_size=5000)
    JourneyEvent.objects.bulk_create(
        [
            JourneyEvent(child=p.child, kind=kind, date=day, notes=notes)
            for p in plans
            for kind, day, notes in p.events
        ],
        batch_size=5000,
    )
    _build_families(plans, groups, rng, today)
    _allocate(plans, groups, staff, rng, today)
    return {
        "children": len(plans),
        "sibling_groups": len(groups),
        "episodes": sum(len(p.episodes) for p in plans),
        "events": sum(len(p.events) for p in plans),
        "staff": User.objects.filter(is_demo=True).count(),
    }


# The family around each child: (chance, relationship, age range, shares the family surname,
# chance of holding parental responsibility, only for children in care). Mothers always appear.
FAMILY_MEMBERS: tuple[tuple[float, str, tuple[int, int], bool, float, bool], ...] = (
    (1.0, Relationship.MOTHER, (19, 40), True, 1.0, False),
    (0.7, Relationship.FATHER, (20, 45), False, 0.6, False),
    (0.6, Relationship.GRANDPARENT, (48, 75), True, 0.0, False),
    (0.4, Relationship.AUNT_UNCLE, (25, 50), False, 0.0, False),
    (0.2, Relationship.CONNECTED_PERSON, (25, 60), False, 0.0, False),
    (0.6, Relationship.FOSTER_CARER, (30, 60), False, 0.0, True),
    (0.15, Relationship.HALF_SIBLING, (18, 25), True, 0.0, False),
)


def _build_families(
    plans: list[ChildPlan],
    groups: list[tuple[SiblingGroup, list[ChildPlan]]],
    rng: random.Random,
    today: dt.date,
) -> None:
    """Parents shared by siblings, plus grandparents, aunts and uncles, friends and carers."""
    grouped = {id(p) for _, members in groups for p in members}
    families = [members for _, members in groups] + [[p] for p in plans if id(p) not in grouped]
    people: list[Person] = []
    links: list[tuple[int, ChildPlan, str, bool]] = []
    for members in families:
        family = members[0].child.last_name
        in_care = members[0].stage not in PRE_CARE
        for chance, relationship, (young, old), same_name, pr, care_only in FAMILY_MEMBERS:
            if (care_only and not in_care) or rng.random() >= chance:
                continue
            adult = relationship != Relationship.HALF_SIBLING
            people.append(
                Person(
                    first_name=rng.choice(ADULT_FIRST_NAMES if adult else FIRST_NAMES),
                    last_name=family if same_name or rng.random() < 0.5 else surname(rng),
                    date_of_birth=today - days(int(rng.randint(young, old) * 365.25)),
                    is_deceased=relationship == Relationship.GRANDPARENT and rng.random() < 0.1,
                )
            )
            holds_pr = rng.random() < pr
            links.extend((len(people) - 1, plan, relationship, holds_pr) for plan in members)
    Person.objects.bulk_create(people, batch_size=5000)
    PersonInChildsLife.objects.bulk_create(
        [
            PersonInChildsLife(
                child=plan.child, person=people[i], relationship=rel, has_parental_responsibility=pr
            )
            for i, plan, rel, pr in links
        ],
        batch_size=5000,
    )


def _allocate(
    plans: list[ChildPlan],
    groups: list[tuple[SiblingGroup, list[ChildPlan]]],
    staff: Staff,
    rng: random.Random,
    today: dt.date,
) -> None:
    """A social worker and team for every child; an IRO for every child in care, the same for a
    sibling group (DS 'Independent Reviewing Service': a sibling group has the same IRO unless
    there is a conflict of interest). The named demo social workers get full caseloads."""
    family_of = {id(p): members for _, members in groups for p in members}
    allocations: list[Allocation] = []
    chosen: dict[int, tuple[User, User | None]] = {}
    counters = {key: 0 for key in staff.social_workers}
    for plan in plans:
        if id(plan) in chosen:
            continue
        members = family_of.get(id(plan), [plan])
        workers = staff.social_workers[plan.team_key]
        worker = workers[counters[plan.team_key] % len(workers)]
        counters[plan.team_key] += 1
        iro = rng.choice(staff.iros) if plan.stage not in PRE_CARE else None
        for member in members:
            chosen[id(member)] = (worker, iro)
    for plan in plans:
        worker, iro = chosen[id(plan)]
        left_care = plan.stage in LEFT_CARE
        allocations.append(
            Allocation(
                child=plan.child,
                social_worker=worker,
                team=staff.team_by_key[plan.team_key],
                # Reviews stop when a child leaves care; the case stays with the social worker.
                iro=None if left_care else iro,
                started_on=min((day for _, day, _ in plan.events), default=today),
            )
        )
    Allocation.objects.bulk_create(allocations, batch_size=5000)
