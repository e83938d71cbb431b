"""The demo council's Achieving Early Permanence Panel (Dudley's profile only): past panels with
their children and outcomes, the next panel with its referrals (one late and flagged when its
cut-off has passed), and children admitted in the last 7 days who are not referred yet.

Called from ``homeward.demo.builder.build`` after the council's practice is laid down. The past
panels are the demo's own ``aepp_held`` events of the last year, each moved to the
nearest day the panel sits (on or after the day the child became looked after), so a panel's
list and the child's timescales tell the same story. Deterministic from the seed.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict

from django.db.models import Exists, OuterRef
from django.utils import timezone

from homeward.accounts.models import Role, User
from homeward.children.models import Allocation, Child, Episode, JourneyEvent
from homeward.domain import panels as domain
from homeward.domain.councils import CouncilProfile
from homeward.domain.ssda903 import synthetic
from homeward.domain.ssda903.journey import EpisodeFacts, derive_events
from homeward.panels import selectors
from homeward.panels.models import (
    Outcome,
    Panel,
    RecruitmentNeed,
    Referral,
    SittingAttendance,
)
from homeward.panels.selectors import (
    AEPP_HELD,
    BECAME_LOOKED_AFTER,
    PPM_HELD,
    first_ppm_dues,
)
from homeward.timescales import ledger

PAST_WEEKS = 52
RECENT_ADMISSIONS = 5  # children before care who became looked after in the last week
# Placed with foster carers short-term (SSDA903 PLACE U6: not long-term fostering, which is agreed
# later, nor fostering for adoption), under an interim care order (LS C1).
ADMITTED_TO = "U6"
LATE_REASONS = (
    "Became looked after after the cut-off; the permanency coordinator added the child.",
    "Placed in an emergency on the evening of the cut-off day.",
    "Referral from the Legal Gateway Panel arrived after the cut-off.",
)


def build(profile: CouncilProfile, *, seed: int, today: dt.date) -> dict[str, int]:
    schedule = selectors.schedule(profile.slug)
    if schedule is None:
        return {}
    rng = random.Random(seed * 7727 + 11)  # its own stream: the rest of the demo is unchanged
    coordinator = User.objects.get(username="permanence-coordinator")
    family_finder = User.objects.get(username="family-finder")
    sgo_workers = list(User.objects.filter(role=Role.SOCIAL_WORKER).order_by("username")[:12])
    workers = dict(
        Allocation.objects.filter(ended_on__isnull=True).values_list("child_id", "social_worker")
    )
    past = _past_panels(schedule, rng, today, coordinator, family_finder, sgo_workers, workers)
    recent = _recent_admissions(schedule, rng, today, coordinator, workers)
    return {"aepp_panels": Panel.objects.count(), "aepp_referrals": past + recent}


def _at(day: dt.date, hour: int, schedule: domain.PanelSchedule) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, 0), tzinfo=schedule.tz)


def _past_panels(
    schedule: domain.PanelSchedule,
    rng: random.Random,
    today: dt.date,
    coordinator: User,
    family_finder: User,
    sgo_workers: list[User],
    workers: dict[int, int | None],
) -> int:
    """Referrals and outcomes for the panels of the last year, from the demo's own
    ``aepp_held`` events (moved onto the panel's day)."""
    since = today - dt.timedelta(weeks=PAST_WEEKS)
    held = list(
        JourneyEvent.objects.filter(kind=AEPP_HELD, date__gte=since, date__lte=today)
        .select_related("child")
        .order_by("date", "child__child_id")
    )
    if not held:
        return 0
    child_ids = {event.child_id for event in held}
    started: dict[int, dt.date] = {}
    for child_id, day in (
        JourneyEvent.objects.filter(child_id__in=child_ids, kind=BECAME_LOOKED_AFTER)
        .order_by("date")
        .values_list("child_id", "date")
    ):
        started.setdefault(child_id, day)
    meetings: dict[int, list[dt.date]] = defaultdict(list)
    for child_id, day in JourneyEvent.objects.filter(
        child_id__in=child_ids, kind=PPM_HELD
    ).values_list("child_id", "date"):
        meetings[child_id].append(day)
    orders = set(
        JourneyEvent.objects.filter(
            child_id__in=child_ids, kind__in=["placement_order", "placed_for_adoption"]
        ).values_list("child_id", flat=True)
    )
    sittings = schedule.sittings_between(since - dt.timedelta(weeks=1), today)
    panels: dict[dt.date, Panel] = {
        panel.date: panel for panel in Panel.objects.filter(date__gte=since - dt.timedelta(weeks=1))
    }
    referrals: list[Referral] = []
    outcomes: list[tuple[Referral, Outcome]] = []
    moved: list[JourneyEvent] = []
    seen: set[tuple[int, dt.date]] = set()
    for event in held:
        became = started.get(event.child_id, event.date)
        choices = [s for s in sittings if s.date >= became]
        if not choices:
            continue
        sitting = min(choices, key=lambda s: (abs((s.date - event.date).days), s.date))
        if (event.child_id, sitting.date) in seen:
            continue
        seen.add((event.child_id, sitting.date))
        if event.date != sitting.date:
            event.date = sitting.date
            moved.append(event)
        panel = panels.get(sitting.date)
        if panel is None:
            panel = panels[sitting.date] = Panel(date=sitting.date, status=Panel.Status.HELD)
        referred_at = sitting.cutoff - dt.timedelta(days=rng.randint(0, 4), hours=rng.randint(1, 6))
        if referred_at < _at(became, 9, schedule):  # not looked after yet: the next morning
            referred_at = _at(became + dt.timedelta(days=1), 10, schedule)
        late = sitting.is_late(referred_at)
        route = "weekly_admissions" if rng.random() < 0.6 else "legal_gateway"
        referral = Referral(
            panel=panel,
            child=event.child,
            route=route,
            referred_at=referred_at,
            referred_by_id=workers.get(event.child_id) or coordinator.pk,
            is_late=late,
            late_reason=LATE_REASONS[0] if late else "",
        )
        referrals.append(referral)
        if event.child_id in orders:
            pathway = domain.ADOPTION
        else:
            pathway = rng.choices(
                (domain.FOSTERING, domain.SPECIAL_GUARDIANSHIP, domain.ADOPTION), (6, 3, 1)
            )[0]
        if pathway == domain.SPECIAL_GUARDIANSHIP and not sgo_workers:
            pathway = domain.FOSTERING
        worker = (
            rng.choice(sgo_workers) if pathway == domain.SPECIAL_GUARDIANSHIP else family_finder
        )
        after = sorted(d for d in meetings[event.child_id] if d > sitting.date)
        planned = after[0] if after else sitting.date + dt.timedelta(days=rng.randint(21, 35))
        outcomes.append(
            (
                referral,
                Outcome(
                    pathway=pathway,
                    worker=worker,
                    first_ppm_date=planned,
                    notes="",
                    journey_event=event,
                    recorded_by=coordinator,
                ),
            )
        )
    # The latest panel that has sat keeps one child whose outcome is not recorded yet, so the
    # panel administrator's and coordinator's "record the outcome" is there to try in the demo:
    # the panel has not yet been recorded as considering that child (no ``aepp_held``).
    sat = [r for r, _ in outcomes if r.panel.date < today]
    if sat:
        waiting = max(sat, key=lambda r: (r.panel.date, r.child.child_id))
        pending = next(o for r, o in outcomes if r is waiting)
        outcomes = [(r, o) for r, o in outcomes if r is not waiting]
        assert pending.journey_event is not None
        moved = [e for e in moved if e.pk != pending.journey_event.pk]
        pending.journey_event.delete()
    JourneyEvent.objects.bulk_update(moved, ["date"], batch_size=1000)
    Panel.objects.bulk_create([panel for panel in panels.values() if panel.pk is None])
    for referral in referrals:
        referral.panel = referral.panel  # the panel's primary key, now it has one
    Referral.objects.bulk_create(referrals)
    # Within the engine's 6 weeks of the panel (rule first-ppm), as the service checks.
    ledger.recompute(child_ids)  # the panels' events were written in bulk
    dues = first_ppm_dues(Child.objects.filter(pk__in=child_ids))
    for referral, outcome in outcomes:
        outcome.referral = referral
        due = dues.get((referral.child_id, referral.panel.date))
        if due is not None and outcome.first_ppm_date > due:
            outcome.first_ppm_date = due
    Outcome.objects.bulk_create([outcome for _, outcome in outcomes])
    # The fostering and adoption outcomes allocate the family finder (as
    # ``panels.services.record_outcome`` does, on the child's current allocation).
    Allocation.objects.filter(
        child_id__in=[r.child_id for r, o in outcomes if o.worker_id == family_finder.pk],
        ended_on__isnull=True,
    ).update(family_finder=family_finder)
    # The special guardianship outcome allocates its SGO social worker the same way.
    for referral, outcome in outcomes:
        if outcome.worker_id != family_finder.pk:
            Allocation.objects.filter(child_id=referral.child_id, ended_on__isnull=True).update(
                sgo_social_worker_id=outcome.worker_id
            )
    return len(referrals)


def _recent_admissions(
    schedule: domain.PanelSchedule,
    rng: random.Random,
    today: dt.date,
    coordinator: User,
    workers: dict[int, int | None],
) -> int:
    """A few children on the edge of care become looked after in the last week (a new episode
    under an interim care order, placed with foster carers). The earliest is referred in time
    to the next panel; the latest late, flagged, when the next panel's cut-off has passed; the
    rest wait on the weekly admissions report."""
    in_care = JourneyEvent.objects.filter(child=OuterRef("pk"), kind=BECAME_LOOKED_AFTER)
    candidates = list(
        Child.objects.filter(
            date_of_birth__isnull=False,
            date_of_birth__lt=today - dt.timedelta(days=14),
            events__kind="plo_started",
        )
        .filter(~Exists(in_care))
        .distinct()
        .order_by("child_id")[:RECENT_ADMISSIONS]
    )
    if not candidates:
        return 0
    admitted: list[tuple[Child, dt.date]] = []
    for n, child in enumerate(candidates):
        admitted.append((child, today - dt.timedelta(days=6 - n % 6)))
    # The journey events the first episode implies, stored as derived from it, as "Add a child"
    # stores them (children.services.admit_child), so that importing the council's own export
    # of the return recognises them rather than adding them again.
    JourneyEvent.objects.bulk_create(
        [
            JourneyEvent(
                child=child,
                kind=event.kind,
                date=event.date,
                notes=event.notes,
                source=JourneyEvent.Source.SSDA903,
            )
            for child, day in admitted
            for event in derive_events([EpisodeFacts(day, None, "S", "C1", ADMITTED_TO, "")])
        ]
    )
    # Placed with a foster carer the return already knows (postcodes, Ofsted URN), and the
    # header a return needs (UPN, MOTHER): an admission in the last days of March is in that
    # year's return, which must pass the DfE's rules like the imported children's.
    carer = (
        Episode.objects.filter(placement_type="U4")
        .exclude(placement_postcode="")
        .exclude(urn="")
        .order_by("pk")
        .first()
    )
    Episode.objects.bulk_create(
        [
            Episode(
                child=child,
                start_date=day,
                reason_new_episode="S",
                legal_status="C1",
                category_of_need="N1",
                placement_type=ADMITTED_TO,
                placement_provider=carer.placement_provider if carer else "PR1",
                placement_postcode=carer.placement_postcode if carer else "",
                placement_la=carer.placement_la if carer else "",
                urn=carer.urn if carer else "",
                home_postcode=carer.home_postcode if carer else "",
            )
            for child, day in admitted
        ]
    )
    for n, (child, day) in enumerate(admitted):
        child.upn = _demo_upn(child, day, n)
        child.is_mother = False if child.sex == "F" else None
    Child.objects.bulk_update([child for child, _ in admitted], ["upn", "is_mother"])
    now = timezone.now()
    target = schedule.next_sitting(today)
    referrals: list[Referral] = []
    earliest_child, earliest_day = admitted[0]
    in_time_at = min(now, target.cutoff) - dt.timedelta(hours=2)
    if in_time_at >= _at(earliest_day, 9, schedule):
        referrals.append(
            Referral(
                child=earliest_child,
                route="weekly_admissions",
                referred_at=in_time_at,
                referred_by=coordinator,
            )
        )
    if len(admitted) > 2 and now > target.cutoff + dt.timedelta(hours=2):
        latest_child, latest_day = admitted[-1]
        late_at = max(target.cutoff + dt.timedelta(hours=1), _at(latest_day, 10, schedule))
        if late_at < now:
            referrals.append(
                Referral(
                    child=latest_child,
                    route="legal_gateway",
                    referred_at=late_at,
                    referred_by_id=workers.get(latest_child.pk) or coordinator.pk,
                    is_late=True,
                    late_reason=_late_reason(latest_day, target.cutoff),
                )
            )
    if referrals:
        panel, _ = Panel.objects.get_or_create(date=target.date)
        for referral in referrals:
            referral.panel = panel
        Referral.objects.bulk_create(referrals)
    return len(referrals)


def _late_reason(looked_after_on: dt.date, cutoff: dt.datetime) -> str:
    """Why a referral came after the cut-off, in words that agree with the dates."""
    cutoff_day = timezone.localtime(cutoff).date()
    if looked_after_on == cutoff_day:
        return LATE_REASONS[1]  # placed in an emergency on the evening of the cut-off day
    if looked_after_on > cutoff_day:
        return (
            f"Became looked after on {looked_after_on:%-d %B}, after the cut-off on "
            f"{cutoff_day:%-d %B}; referred from the Legal Gateway Panel."
        )
    return LATE_REASONS[2]  # looked after before the cut-off: the referral itself was late


def _demo_upn(child: Child, admitted_on: dt.date, n: int) -> str:
    """A unique pupil number as the return wants it: UN1 before school age (rule 209's reference
    date, 31 August before the year), else one with the DfE check letter."""
    year_start = dt.date(admitted_on.year if admitted_on.month > 3 else admitted_on.year - 1, 4, 1)
    school_from = dt.date(year_start.year - 1, 8, 31)
    born = child.date_of_birth
    assert born is not None  # only children already born are admitted
    if (
        school_from.year
        - born.year
        - ((school_from.month, school_from.day) < (born.month, born.day))
    ) < 4:
        return "UN1"
    body = f"{synthetic.LA_NUMBER}2999{(born.year + 5) % 100:02d}{900 + n:03d}"
    return synthetic.upn(body)


# The panel's own records (issue 18 item 8) ----------------------------------------------------

# Who sits in the places 001 'Achieving early permanence panel' names: Homeward's own demo users,
# so the attendance names people who can sign in (or, for the places no sign-in holds, demo
# colleagues made for them below, with no usable password), never names nobody has.
SEAT_USERS = {
    "sm_fostering_adoption": "panel-sm-fostering-adoption",
    "sm_children_in_care": "service-manager",
    "panel_administrator": "panel-admin",
    "tm_fostering": "panel-tm-fostering",
    "tm_sgo": "panel-tm-sgo",
    "court_progression_manager": "court-progression",
    "tm_adoption": "panel-tm-adoption",
    "permanency_coordinator": "permanence-coordinator",
}
# (username, role, first name, last name) of the colleagues in the places no sign-in holds.
SEAT_COLLEAGUES = (
    ("panel-sm-fostering-adoption", Role.SERVICE_MANAGER, "Dana", "Merriott-Demo"),
    ("panel-tm-fostering", Role.TEAM_MANAGER, "Ellis", "Vantreeve-Demo"),
    ("panel-tm-sgo", Role.TEAM_MANAGER, "Frankie", "Oldacre-Demo"),
    ("panel-tm-adoption", Role.TEAM_MANAGER, "Harper", "Quenby-Demo"),
)


def _seat_names() -> dict[str, str]:
    for username, role, first, last in SEAT_COLLEAGUES:
        User.objects.get_or_create(
            username=username,
            defaults={
                "role": role,
                "first_name": first,
                "last_name": last,
                "password": "!",  # a colleague in the demo, not a sign-in
                "is_demo": True,
            },
        )
    users = User.objects.filter(username__in=SEAT_USERS.values())
    full_names = {user.username: user.get_full_name() for user in users}
    return {seat: full_names[username] for seat, username in SEAT_USERS.items()}


# The needs each pathway raises most (000 'Fostering Recruitment, Assessment and Training',
# 'Adoption@Heart'), with what the carers are needed for: synthetic, no child named.
NEEDS_BY_PATHWAY = {
    domain.FOSTERING: (
        (
            "fostering",
            "long_term",
            "Long-term foster carers for a 9-year-old who wants to stay at the same school.",
        ),
        (
            "fostering",
            "siblings",
            "Foster carers for two sisters aged 6 and 8 who must live together.",
        ),
        (
            "fostering",
            "cultural",
            "Foster carers who share the child's Punjabi heritage and language.",
        ),
        (
            "fostering",
            "therapeutic",
            "Therapeutic foster carers for a 12-year-old after several moves.",
        ),
    ),
    domain.ADOPTION: (
        ("adoption", "foster_to_adopt", "Foster to Adopt carers for a baby due next month."),
        ("adoption", "over_four", "Adopters for a 5-year-old boy who loves football."),
        ("adoption", "heritage", "Adopters of dual heritage for a 2-year-old."),
        ("adoption", "disability_health", "Adopters for a toddler with a heart condition."),
    ),
    domain.SPECIAL_GUARDIANSHIP: (
        (
            "fostering",
            "short_term",
            "Short-term foster carers while the family's SGO assessment finishes.",
        ),
    ),
}


def build_records(profile: CouncilProfile, *, seed: int, today: dt.date) -> dict[str, int]:
    """Attendance at every sitting that has sat (each place filled, one or two apologies with a
    stand-in), and the recruitment needs raised for about half the children it considered."""
    panel_record = domain.record_for(profile.slug)
    if panel_record is None:
        return {}
    rng = random.Random(seed * 131 + 17)  # its own stream
    keeper = User.objects.get(username="permanence-coordinator")
    attendance: list[SittingAttendance] = []
    needs: list[RecruitmentNeed] = []
    pathways: dict[int, list[str]] = defaultdict(list)
    for panel_id, pathway in Outcome.objects.values_list("referral__panel_id", "pathway"):
        pathways[panel_id].append(pathway)
    # Sittings already recorded (a panel outlives its children when the demo is rebuilt) are
    # left as they are.
    members = _seat_names()
    for panel in Panel.objects.filter(attendance__isnull=True).order_by("date"):
        if panel.sat_on > today:
            continue
        away = set(rng.sample(list(members), rng.randint(0, 2)))
        for seat in panel_record.seats:
            name = members.get(seat.key, seat.label)
            attendance.append(
                SittingAttendance(
                    panel=panel,
                    seat=seat.key,
                    name=name,
                    attended=seat.key not in away,
                    recorded_by=keeper,
                )
            )
        for pathway in pathways.get(panel.pk, []):
            if rng.random() < 0.5 and pathway in NEEDS_BY_PATHWAY:
                team, need, text = rng.choice(NEEDS_BY_PATHWAY[pathway])
                needs.append(
                    RecruitmentNeed(
                        panel=panel,
                        team=team,
                        need=need,
                        children=2 if need == "siblings" else 1,
                        description=text,
                        raised_by=keeper,
                    )
                )
    SittingAttendance.objects.bulk_create(attendance, batch_size=5000)
    RecruitmentNeed.objects.bulk_create(needs, batch_size=5000)
    return {"aepp_attendance": len(attendance), "recruitment_needs": len(needs)}
