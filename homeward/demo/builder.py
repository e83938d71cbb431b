"""Builds "Demo Borough": staff for every role and synthetic children at every stage of the
journey, from a fixed random seed. Every name is invented: first names are common given names,
surnames are made-up place-like compounds, so no real child or family is described.

Written with ``bulk_create`` so that ``--children 50000`` (the benchmarks' size) takes seconds.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.db import models, transaction

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
from homeward.demo import carers as carers_demo
from homeward.demo import documents as documents_demo
from homeward.demo import family as family_demo
from homeward.demo import family_finding as family_finding_demo
from homeward.demo import family_voice as family_voice_demo
from homeward.demo import legal as legal_demo
from homeward.demo import matching as matching_demo
from homeward.demo import meetings as meetings_demo
from homeward.demo import my_plan as my_plan_demo
from homeward.demo import notifications as notifications_demo
from homeward.demo import panels as panels_demo
from homeward.demo import planning as planning_demo
from homeward.demo import proceedings as proceedings_demo
from homeward.demo import quality as quality_demo
from homeward.demo import sign_offs as sign_offs_demo
from homeward.demo import transitions as transitions_demo
from homeward.demo.drifting import drifting_children, drifts
from homeward.demo.names import ADULT_FEMALE, ADULT_MALE, carer_surname, first_name, surname
from homeward.domain import calendar as cal
from homeward.domain.councils import CouncilProfile
from homeward.domain.ssda903 import codes, reader, synthetic
from homeward.ssda903.exporter import FILE_NAMES, csv_text
from homeward.ssda903.importer import import_return
from homeward.ssda903.models import ImportRun
from homeward.timescales import ledger
from homeward.timescales.models import Expectation

DEMO_PASSWORD = "amber-kestrel-lantern"

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
    ("strategic-manager", Role.STRATEGIC_MANAGER, "Avery", "Thornbury-Demo", ""),
    ("agency-decision-maker", Role.AGENCY_DECISION_MAKER, "Rowan", "Castleford-Demo", ""),
    ("analyst", Role.PERFORMANCE_ANALYST, "Charlie", "Penrose-Demo", ""),
    ("admin", Role.SYSTEM_ADMINISTRATOR, "Drew", "Kestrel-Demo", ""),
)

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

# The stages of the journey the demo shows (issue 2): before care from the builder, the rest
# read off each child's imported SSDA903 history (``_stage``).
PRE_CARE = {"unborn", "edge_of_care"}
LEFT_CARE = {"sgo_made", "returned_home", "adopted", "left_care"}


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
                    first_name=rng.choice(ADULT_FEMALE + ADULT_MALE),
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
            first_name=rng.choice(ADULT_FEMALE + ADULT_MALE),
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


def days(n: int) -> dt.timedelta:
    return dt.timedelta(days=n)


def plan_journey(plan: ChildPlan, today: dt.date, rng: random.Random) -> None:
    """Events for a child before care, dated backwards from today. (Children in care come from
    the synthetic SSDA903 return instead: see ``_children_in_care``.)"""
    child = plan.child
    K = JourneyEventKind
    if plan.stage == "unborn":
        assert child.expected_date_of_delivery
        plan.events.append(
            (K.PRE_BIRTH_REFERRAL, today - days(rng.randint(5, 60)), "Concerns raised in pregnancy")
        )
        return
    assert child.date_of_birth
    referral = max(today - days(rng.randint(20, 120)), child.date_of_birth)
    plan.events.append((K.REFERRAL, referral, "Referral from health visitor"))
    plan.events.append(
        (K.LEGAL_PLANNING_MEETING, referral + days(14), "Threshold for pre-proceedings met")
    )
    plan.events.append((K.PLO_STARTED, referral + days(21), ""))


# A share of the demo sits before care (unborn, edge of care): they are in no SSDA903 return.
PRE_CARE_SHARE = 0.15


@transaction.atomic
def build(profile: CouncilProfile, *, n_children: int, seed: int, today: dt.date) -> dict[str, int]:
    """The demo council: children in care come from a synthetic SSDA903 return for the last
    complete collection year, imported exactly as a council's own return would be (so the demo's
    export passes the DfE rules); children before care are added around them."""
    rng = random.Random(seed)
    staff = build_staff(profile, n_children, rng)
    n_pre = round(n_children * PRE_CARE_SHARE)
    year = reader.last_complete_collection_year(today)
    care_plans, care_groups = _children_in_care(n_children - n_pre, seed, year, rng, today)
    pre_plans, pre_groups = _children_before_care(n_pre, rng, today)
    plans, groups = care_plans + pre_plans, care_groups + pre_groups
    _build_families(plans, groups, rng, today)
    _allocate(plans, groups, staff, rng, today)
    _practice(care_plans, rng, today)
    panels_demo.build(profile, seed=seed, today=today)  # the AEPP: panels, referrals, outcomes
    family_demo.build(seed=seed, today=today)  # siblings, family time, voice
    planning_demo.build(seed=seed, today=today)  # options, plans, assessments
    meetings_demo.build_meetings(profile, seed=seed, today=today)  # PPMs and reviews, actions
    carers = carers_demo.build(seed=seed, today=today)  # the carers register
    documents_demo.build(seed=seed, today=today)  # a court order or assessment, and letters
    matching = matching_demo.build(seed=seed, today=today)  # profiles to rank carers for
    proceedings_demo.build(seed=seed, today=today)  # issue dates: the 26 weeks' clocks
    # Routes to a permanent home for the family finder's children (issue 15; branch routes).
    finding = family_finding_demo.build(profile, seed=seed, today=today)
    # One plan written for a child and shared with them (issue 17 item 1).
    my_plans = my_plan_demo.build(today=today)
    # Sign-offs the profile requires, awaiting and agreed (issue 18 item 1).
    sign_offs_demo.build(profile, today=today)
    # Family network meetings at the frequency the network agreed, where the council's record
    # asks for one (issue 18 item 9; Durham).
    meetings_demo.build_network_meetings(profile, today=today)
    # Case audits with grades and actions on the workers' My work (issue 18 item 9).
    quality_demo.build(seed=seed, today=today)
    # The outbox: what the demo's work sent, one message failed (issue 18 item 3).
    notified = notifications_demo.build(today=today)
    # The family's voice beside the child's (issue 18 item 2), and the AEPP's own records:
    # attendance and the recruitment needs each sitting raised (issue 18 item 8).
    family_voice_demo.build(seed=seed, today=today)
    panels_demo.build_records(profile, seed=seed, today=today)
    # Brothers and sisters, and transitions (issue 18 items 5 and 6).
    kin = transitions_demo.build(today=today)
    # The legal process and support after the order (issue 18 items 4 and 7).
    legal = legal_demo.build(profile, today=today)
    # The demo writes in bulk: every child's timescales, once, at the end. The demo command
    # refreshes the whole database's statistics after the build commits, so not here too.
    ledger.recompute_all(analyze=False)
    _keep_to_time(today)
    return {
        "children": len(plans),
        "sibling_groups": len(groups),
        "episodes": Episode.objects.count(),
        "events": JourneyEvent.objects.count(),
        "staff": User.objects.filter(is_demo=True).count(),
        "ssda903_year": year,
        **carers,
        **matching,
        **finding,
        **my_plans,
        **notified,
        **kin,
        **legal,
    }


def _children_before_care(
    n: int, rng: random.Random, today: dt.date
) -> tuple[list[ChildPlan], list[tuple[SiblingGroup, list[ChildPlan]]]]:
    plans: list[ChildPlan] = []
    groups: list[tuple[SiblingGroup, list[ChildPlan]]] = []
    while len(plans) < n:
        stage = "unborn" if rng.random() < 1 / 3 else "edge_of_care"
        family = surname(rng)
        size = 1 if stage == "unborn" else min(rng.choice((1, 1, 2, 3)), n - len(plans))
        eldest_age = rng.randint(1, 15)
        members = []
        for k in range(size):
            unborn = stage == "unborn"
            age_days = max(30, int(eldest_age * 365.25) - k * rng.randint(400, 900))
            sex = rng.choice(("M", "F"))
            child = Child(
                child_id=f"HW{len(plans) + 1:06d}",
                first_name="Baby" if unborn else first_name(rng, sex, adult=False),
                last_name=family,
                date_of_birth=None if unborn else today - days(age_days),
                expected_date_of_delivery=today + days(rng.randint(10, 150)) if unborn else None,
                sex=sex,
                ethnicity=rng.choice(ETHNICITIES),
                religion=rng.choice(RELIGIONS),
                first_language=rng.choice(LANGUAGES),
            )
            plan = ChildPlan(child=child, stage=stage, team_key=rng.choice(("pre-1", "pre-2")))
            plan_journey(plan, today, rng)
            members.append(plan)
            plans.append(plan)
        if size > 1:
            for plan in members[1:]:
                plan.team_key = members[0].team_key
            groups.append((SiblingGroup(name=f"{family} siblings"), members))
    SiblingGroup.objects.bulk_create([g for g, _ in groups])
    for group, members in groups:
        for plan in members:
            plan.child.sibling_group = group
    Child.objects.bulk_create([p.child for p in plans], batch_size=2000)
    JourneyEvent.objects.bulk_create(
        [
            JourneyEvent(child=p.child, kind=kind, date=day, notes=notes)
            for p in plans
            for kind, day, notes in p.events
        ],
        batch_size=5000,
    )
    return plans, groups


def _children_in_care(
    n: int, seed: int, year: int, rng: random.Random, today: dt.date
) -> tuple[list[ChildPlan], list[tuple[SiblingGroup, list[ChildPlan]]]]:
    """Import a synthetic return (``homeward.domain.ssda903.synthetic``), then give the children
    what no return holds: names, a profile, brothers and sisters, a stage for their allocation."""
    if n <= 0:
        return [], []
    # A seed of its own, so `manage.py demo_903` (default seed 2026) never reuses its child IDs.
    tables = synthetic.generate(n, seed=seed * 7919 + 17, collection_year=year)
    files = [
        reader.ReturnFile(FILE_NAMES[table], content=csv_text(table, rows).encode())
        for table, rows in tables.items()
    ]
    # Through the import a council's analyst starts, so the SSDA903 page lists it. The DfE rules
    # are not run on it: they would add seconds to every demo built (the return passes them,
    # tests/ssda903/test_round_trip.py), and the pages say they were not run.
    run = import_return(
        files,
        run=ImportRun.objects.create(
            source=f"Demo Borough's synthetic return for {year - 1}-{str(year)[2:]} "
            "(homeward/domain/ssda903/synthetic.py)"
        ),
        collection_year=year,
        dfe_rules=False,
    )
    assert run.status == ImportRun.Status.IMPORTED, run.blocking[:3]
    _leave_care_at_eighteen(today)

    history: dict[int, list[Episode]] = {}
    for episode in Episode.objects.order_by("child_id", "start_date"):
        history.setdefault(episode.child_id, []).append(episode)
    matched = set(
        JourneyEvent.objects.filter(kind=JourneyEventKind.MATCHED).values_list("child", flat=True)
    )
    children = list(Child.objects.order_by("child_id"))
    # Brothers and sisters come into care together: children whose care began the same day.
    by_start: dict[dt.date, list[Child]] = {}
    for child in children:
        if child.pk in history:
            by_start.setdefault(history[child.pk][0].start_date, []).append(child)
    plans: dict[int, ChildPlan] = {}
    for child in children:
        episodes = history.get(child.pk, [])
        stage = _stage(episodes, child.pk in matched)
        child.first_name = first_name(rng, child.sex, adult=False)
        child.last_name = surname(rng)
        child.religion = rng.choice(RELIGIONS)
        child.first_language = rng.choice(LANGUAGES)
        child.disability = rng.choice(("",) * 9 + ("Autism", "Hearing impairment"))
        child.about_me = rng.choice(ABOUT_ME)
        plan = ChildPlan(child=child, stage=stage, team_key=rng.choice(("care-1", "care-2")))
        if episodes:
            plan.events.append(("became_looked_after", episodes[0].start_date, ""))
        plans[child.pk] = plan
    groups: list[tuple[SiblingGroup, list[ChildPlan]]] = []
    for together in by_start.values():
        if 1 < len(together) <= 4:
            members = [plans[c.pk] for c in together]
            for plan in members[1:]:
                plan.child.last_name = members[0].child.last_name
                plan.team_key = members[0].team_key
            groups.append((SiblingGroup(name=f"{members[0].child.last_name} siblings"), members))
    SiblingGroup.objects.bulk_create([g for g, _ in groups])
    for group, members in groups:
        for plan in members:
            plan.child.sibling_group = group
    Child.objects.bulk_update(
        children,
        [
            "first_name",
            "last_name",
            "religion",
            "first_language",
            "disability",
            "about_me",
            "sibling_group",
        ],
        batch_size=2000,
    )
    return list(plans.values()), groups


def _leave_care_at_eighteen(today: dt.date) -> None:
    """The return ends on 31 March; a young person who has turned 18 since is no longer looked
    after: the open episode ends on the 18th birthday (DfE validator rule 359: care ends by the
    18th birthday), for the reason their placement gives (codes.REC: E17 staying put with foster
    carers, otherwise E5 independent living with support), with its journey event."""
    events: list[JourneyEvent] = []
    ended: list[Episode] = []
    for episode in Episode.objects.filter(end_date__isnull=True).select_related("child"):
        born = episode.child.date_of_birth
        if born is None:
            continue
        eighteen = cal.add_years(born, 18)
        if eighteen > today:
            continue
        episode.end_date = eighteen
        episode.reason_ceased = "E17" if episode.placement_type.startswith("U") else "E5"
        ended.append(episode)
        meaning = codes.REC[episode.reason_ceased]
        events.append(
            JourneyEvent(
                child=episode.child,
                kind="ceased_looked_after",
                date=eighteen,
                notes=f"{episode.reason_ceased}: {meaning}",
                source=JourneyEvent.Source.SSDA903,
            )
        )
    Episode.objects.bulk_update(ended, ["end_date", "reason_ceased"], batch_size=2000)
    JourneyEvent.objects.bulk_create(events, batch_size=5000)


def _practice(plans: list[ChildPlan], rng: random.Random, today: dt.date) -> None:
    """What a council's practice adds to the return for children in care now: the early
    permanence panel, permanence planning meetings, the agreed plan, reviews since the return's
    year ended. Most teams keep to time; the rest drift, so the worklists and the drift
    dashboard have something to show (the timescales come from the rules files, not from here)."""
    in_care = [p for p in plans if p.stage not in LEFT_CARE and p.events]
    events: list[JourneyEvent] = []

    def add(plan: ChildPlan, kind: str, day: dt.date) -> None:
        if day <= today:
            events.append(JourneyEvent(child=plan.child, kind=kind, date=day, notes=""))

    reviews = dict(
        JourneyEvent.objects.filter(kind="cic_review")
        .values_list("child_id")
        .annotate(last=models.Max("date"))
        .values_list("child_id", "last")
    )
    placements = dict(
        JourneyEvent.objects.filter(kind="placement_started")
        .values_list("child_id")
        .annotate(last=models.Max("date"))
        .values_list("child_id", "last")
    )
    for plan in in_care:
        started = plan.events[0][1]
        rng.random()  # was the share that keeps to time: kept, so the stream is unchanged
        on_time = not drifts(plan.child.child_id)
        slack = 0 if on_time else rng.randint(10, 60)
        add(plan, "aepp_held", started + days(rng.randint(3, 13) + slack))
        meeting = started + days(rng.randint(20, 40) + slack)
        while meeting <= today and plan.stage not in {"placed_for_adoption"}:
            add(plan, "permanence_planning_meeting", meeting)
            meeting += days(rng.randint(35, 42) if on_time else rng.randint(40, 90))
        if on_time or rng.random() < 0.5:
            add(plan, "permanence_plan_agreed", started + days(rng.randint(60, 110) + slack))
        # The care plan (CPR 2010 reg 4) and social worker visits in the current placement
        # (reg 28), recorded for the last year only so the demo stays small at 50,000 children.
        add(plan, "care_plan_agreed", started + days(rng.randint(0, 9) + slack))
        placed = placements.get(plan.child.pk, started)
        visit = max(placed + days(rng.randint(2, 6)), today - days(365))
        while visit <= today:
            add(plan, "social_worker_visit", visit)
            visit += days(rng.randint(28, 41) if on_time else rng.randint(45, 80))
        last_review = reviews.get(plan.child.pk)
        if last_review is not None and on_time:
            review = last_review + days(rng.randint(150, 180))
            while review <= today:
                add(plan, "cic_review", review)
                review += days(rng.randint(150, 180))
    JourneyEvent.objects.bulk_create(events, batch_size=5000)


# What a team keeping to time records when it is due: a review held, a visit made, a meeting
# or panel held, a plan written or given. Not what a court, a panel's decision or the child's
# move decides (proceedings, orders, placements): those keep the dates the return gives them.
KEPT_TO_TIME = (
    "cic_review",
    "social_worker_visit",
    "permanence_planning_meeting",
    "aepp_held",
    "care_plan_agreed",
    "pathway_plan_agreed",
    "pathway_plan_reviewed",
    "life_story_book_first_stage_given",
    "life_story_book_given",
    "later_life_letter_given",
    "family_network_meeting",
    "genogram_completed",
    "initial_visit",
    "support_plan_reviewed",
    "kinship_welfare_check",
    "plan_shared_with_child",
)


def _keep_to_time(today: dt.date, *, rounds: int = 4) -> None:
    """The children whose teams keep to time (all but ``drifting``'s minority) have nothing
    overdue that their team records: each such deadline the ledger finds overdue is met a few
    days before it fell, and the ledger recomputed for them, until none is left (a review held
    makes the next one due, which may itself have fallen since)."""
    drifting = drifting_children()
    for _ in range(rounds):
        events: list[JourneyEvent] = []
        for child_id, satisfied_by, since_on, due in (
            Expectation.objects.overdue(today)
            .order_by("child_id", "due")
            .values_list("child_id", "satisfied_by", "since_on", "due")
        ):
            kind = next((k for k in satisfied_by.split(",") if k in KEPT_TO_TIME), None)
            if child_id in drifting or kind is None:
                continue
            day = max(since_on, due - days(3 + child_id % 5))
            events.append(JourneyEvent(child_id=child_id, kind=kind, date=day, notes=""))
        if not events:
            return
        JourneyEvent.objects.bulk_create(events, batch_size=5000)
        ledger.recompute({event.child_id for event in events})


ABOUT_ME = (
    "I like football and drawing. I want to stay with my brothers and sisters.",
    "I love animals, especially dogs. I get worried when plans change.",
    "I enjoy swimming and my favourite food is pasta.",
    "",
)


def _stage(episodes: list[Episode], matched: bool) -> str:
    """Where a child's return says their journey has reached."""
    if not episodes:
        return "left_care"  # a care leaver in the OC3 cohort
    last = episodes[-1]
    if last.end_date is not None and last.reason_ceased != "X1":
        route = codes.PERMANENCE_ROUTES.get(last.reason_ceased)
        return {
            "adoption": "adopted",
            "special guardianship": "sgo_made",
            "child arrangements order": "sgo_made",
            "return home": "returned_home",
        }.get(route or "", "left_care")
    if last.placement_type in {"A3", "A4", "A5", "A6"}:
        return "placed_for_adoption"
    if last.legal_status == "E1":
        return "matched" if matched else "placement_order"
    if last.legal_status == "C1":
        return "interim_care_order"
    if last.legal_status.startswith("V"):
        return "section_20"
    return "care_order"


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


SEX_BY_RELATIONSHIP = {Relationship.MOTHER: "F", Relationship.FATHER: "M"}


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
            sex = SEX_BY_RELATIONSHIP.get(relationship) or rng.choice(("F", "M"))
            if relationship == Relationship.FOSTER_CARER:
                last_name = carer_surname(rng)  # never the family's: carers are not relatives
            elif same_name or rng.random() < 0.5:
                last_name = family
            else:
                last_name = surname(rng)
            people.append(
                Person(
                    first_name=first_name(rng, sex, adult=adult),
                    last_name=last_name,
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
