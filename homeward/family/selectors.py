"""Reads for the Family and Voice tabs and the Plan tab's family sections, each a fixed number
of queries however many siblings, plans or entries a child has (tests/family/test_query_counts.py).
The rules come from ``homeward.domain`` (siblings, family_time, voice); nothing here decides one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.utils import timezone
from django.utils.safestring import mark_safe

from homeward.accounts import access
from homeward.children.models import (
    Allocation,
    Child,
    JourneyEvent,
    PersonInChildsLife,
    Relationship,
    SiblingGroup,
)
from homeward.domain import family_time, genogram, siblings, voice
from homeward.domain import routes as route_rules
from homeward.domain.timescales import Status
from homeward.family.models import (
    AdvocacyOffer,
    Complaint,
    FamilyTie,
    FamilyTimePlan,
    FamilyTimeReview,
    FamilyView,
    FamilyViewOccasion,
    HowGathered,
    LifeStoryWork,
    MemoryItem,
    SiblingIroConflict,
    SiblingPairDecision,
    VoiceEntry,
)
from homeward.family.services import FAMILY_TIME_AGREED
from homeward.matching.models import RouteStepDone
from homeward.meetings.models import Escalation, Meeting
from homeward.meetings.selectors import type_name as meeting_type_name
from homeward.planning.models import PermanenceAchieved, PermanenceOption, PermanencePlan
from homeward.timescales import selectors as timescales
from homeward.timescales.models import Expectation, State


@dataclass
class SiblingRow:
    """One brother or sister in the child's group, with the pair's current decision."""

    sibling: Child
    iro: Any  # the sibling's IRO now (a User), or None
    current: SiblingPairDecision | None
    earlier: list[SiblingPairDecision]
    concerns: list[siblings.Concern]
    visible: bool = True  # the user may see the sibling's own record (need-to-know)

    @property
    def label(self) -> str:
        """The sibling's name and ID, or "A brother or sister" to a user who may not see them
        (as on the sibling group page)."""
        if self.visible:
            return f"{self.sibling.full_name} ({self.sibling.child_id})"
        return HIDDEN_SIBLING


HIDDEN_SIBLING = "A brother or sister"


@dataclass
class PlanRow:
    """A family time plan with the status of its next review (from the engine's task_status)."""

    plan: FamilyTimePlan
    status: Status
    days_late: int


@dataclass
class FamilyTab:
    child: Child
    group: SiblingGroup | None
    siblings: list[SiblingRow]
    iro_warning: siblings.IroMismatch | None
    conflict: SiblingIroConflict | None  # the child's standing IRO conflict of interest
    current_plans: list[PlanRow]
    ended_plans: list[PlanRow]
    looked_after: bool
    today: dt.date
    plan_concerns: list[siblings.Concern] = field(default_factory=list)
    sources: dict[str, str] = field(default_factory=dict)


def _current_allocations() -> Prefetch:
    return Prefetch(
        "allocations",
        queryset=Allocation.objects.filter(ended_on__isnull=True).select_related("iro"),
        to_attr="current_allocations",
    )


def _iro(child: Child) -> Any:
    current = getattr(child, "current_allocations", [])
    return current[0].iro if current else None


def is_looked_after(child: Child) -> bool:
    """Looked after now: an episode with no end date (SSDA903 DEC blank)."""
    return child.episodes.filter(end_date__isnull=True).exists()


def plan_row(plan: FamilyTimePlan, today: dt.date) -> PlanRow:
    status, late = family_time.review_status(plan.review_date, today=today, ended_on=plan.ended_on)
    return PlanRow(plan, status, late)


def family_tab(child: Child, user: Any, *, today: dt.date | None = None) -> FamilyTab:
    """Siblings (with the pair decisions and the one-IRO check) and family time for one child.
    A brother or sister ``user`` may not see is named "A brother or sister", never by name or
    ID (need-to-know)."""
    today = today or timezone.localdate()
    group = (
        SiblingGroup.objects.filter(pk=child.sibling_group_id).first()
        if child.sibling_group_id
        else None
    )
    members: list[Child] = []
    visible: set[int] = set()
    standing: dict[int, SiblingIroConflict] = {}
    decisions: dict[int, list[SiblingPairDecision]] = {}
    with_time: set[tuple[int, int]] = set()
    if group is not None:
        members = list(
            Child.objects.filter(sibling_group=group)
            .prefetch_related(_current_allocations())
            .order_by("date_of_birth", "child_id")
        )
        member_pks = [m.pk for m in members]
        visible = access.visible_among(user, member_pks)
        standing = {
            c.child_id: c
            for c in SiblingIroConflict.objects.filter(
                child__in=member_pks, withdrawn_on__isnull=True
            )
        }
        for decision in (
            SiblingPairDecision.objects.filter(Q(child_a=child) | Q(child_b=child))
            .select_related("recorded_by")
            .order_by("-version")
        ):
            decisions.setdefault(decision.other(child), []).append(decision)
        with_time = set(
            FamilyTimePlan.objects.filter(
                child__in=member_pks, with_sibling__in=member_pks, ended_on__isnull=True
            ).values_list("child", "with_sibling")
        )
    rows = []
    for member in members:
        if member.pk == child.pk:
            continue
        history = decisions.get(member.pk, [])
        current = history[0] if history else None
        rows.append(
            SiblingRow(
                sibling=member,
                iro=_iro(member),
                current=current,
                earlier=history[1:],
                concerns=siblings.pair_concerns(
                    decision=current.decision if current else None,
                    placed=current.placed if current else None,
                    has_family_time=(child.pk, member.pk) in with_time
                    or (member.pk, child.pk) in with_time,
                ),
                visible=member.pk in visible,
            )
        )
    names = {
        m.pk: m.full_name if m.pk == child.pk or m.pk in visible else HIDDEN_SIBLING
        for m in members
    }
    warning = siblings.iro_mismatch(
        [
            siblings.SiblingIro(
                child=names[m.pk],
                iro=str(_iro(m)) if _iro(m) else None,
                conflict_of_interest=standing[m.pk].reason if m.pk in standing else "",
            )
            for m in members
        ],
        council=settings.HOMEWARD_COUNCIL,
    )
    found = list(
        FamilyTimePlan.objects.filter(child=child).select_related(
            "with_person__person", "with_sibling"
        )
    )
    for plan in found:  # a brother or sister named only to those who may see them
        plan.sibling_seen = plan.with_sibling_id in visible
    plans = [plan_row(plan, today) for plan in found]
    current_plans = sorted(
        (r for r in plans if r.plan.is_current), key=lambda r: (r.plan.review_date, r.plan.pk)
    )
    ended = sorted(
        (r for r in plans if not r.plan.is_current),
        key=lambda r: (r.plan.ended_on or today, r.plan.pk),
        reverse=True,
    )
    looked_after = is_looked_after(child)
    plan_concerns = []
    if looked_after and not current_plans:
        # DU 'Family Time': negotiated before placement; a child in care should have one.
        plan_concerns.append(
            siblings.Concern(
                "There is no current family time plan for this child.", family_time.AGREEMENT_SOURCE
            )
        )
    return FamilyTab(
        child=child,
        group=group,
        siblings=rows,
        iro_warning=warning,
        conflict=standing.get(child.pk),
        current_plans=current_plans,
        ended_plans=ended,
        looked_after=looked_after,
        today=today,
        plan_concerns=plan_concerns,
        sources={
            "together_apart": siblings.TOGETHER_APART_SOURCE,
            "family_time": family_time.AGREEMENT_SOURCE,
            "meeting": family_time.MEETING_SOURCE,
        },
    )


def plan_sections(child: Child, user: Any) -> dict[str, Any]:
    """The context for ``family/_plan_sections.html`` on the Plan tab: the child's brothers and
    sisters (living together or not, the decision) and current family time plans in summary,
    with links to the Family tab. The Child Permanence Meeting considers "sibling relationships
    and family time plan" (DM), so the plan shows them. Add it to the page's context
    (``context.update(plan_sections(child, user))``) and
    ``{% include "family/_plan_sections.html" %}``.
    A fixed number of queries, whatever the child has."""
    return {"family_sections": family_tab(child, user)}


@dataclass
class FamilyTimeDetail:
    row: PlanRow
    reviews: list[tuple[FamilyTimeReview, Status, int]]
    source: str = family_time.AGREEMENT_SOURCE
    # The council's check at each placement that family time was agreed before it (Durham
    # 'Family Time': negotiated before placement), as the ledger stores it; empty elsewhere.
    placement_checks: list[Any] = field(default_factory=list)


def family_time_detail(plan: FamilyTimePlan, *, today: dt.date | None = None) -> FamilyTimeDetail:
    today = today or timezone.localdate()
    reviews = [
        (review, *family_time.review_timeliness(review.due_on, reviewed_on=review.reviewed_on))
        for review in plan.reviews.select_related("recorded_by")
    ]
    checks = timescales.met_by_kind(plan.child, FAMILY_TIME_AGREED, today=today)
    return FamilyTimeDetail(row=plan_row(plan, today), reviews=reviews, placement_checks=checks)


def family_time_plan(child: Child, plan_id: int, user: Any) -> FamilyTimePlan | None:
    """One of the child's family time plans, as ``user`` may see it: a brother or sister they
    may not see is not named (``FamilyTimePlan.sibling_seen``)."""
    plan = (
        FamilyTimePlan.objects.filter(child=child, pk=plan_id)
        .select_related("with_person__person", "with_sibling", "child")
        .first()
    )
    if plan is not None and plan.with_sibling_id:
        plan.sibling_seen = bool(access.visible_among(user, [plan.with_sibling_id]))
    return plan


@dataclass
class VoiceTab:
    child: Child
    entries: list[VoiceEntry]
    offers: list[AdvocacyOffer]
    complaints: list[Complaint]
    life_story: LifeStoryWork | None
    memories: list[MemoryItem]
    concerns: list[siblings.Concern]
    sources: dict[str, str]
    # The life story book and the later life letter, due to the adopters after the adoption
    # ceremony, as the ledger stores them (rules life-story-book, later-life-letter), each with
    # the journey event kind that meets it.
    life_story_deadlines: list[tuple[Any, str]] = field(default_factory=list)
    # Everything the child said, newest first: views recorded here and the views each held
    # meeting recorded (one timeline, so nothing the child said in a meeting is kept apart).
    timeline: list[VoiceEntry | Meeting | PanelView] = field(default_factory=list)
    # Reviews and permanence planning meetings in the child's journey whose record keeps no view
    # of the child (e.g. imported, or added as a journey event): gaps to fill.
    gaps: list[JourneyEvent] = field(default_factory=list)
    # Each looked after review, newest first, with the IRO's conversation before it.
    iro_conversations: list[IroConversation] = field(default_factory=list)
    # The family's voice (issue 18 item 2): parents', family members' and carers' views, newest
    # first; each looked after review, newest first, with the care plan's discussion with a
    # parent before and after it (DU 'Looked After Reviews'); and each resolved escalation with
    # what the IRO told the child was done on their behalf (DU 'Role of the IRO').
    family_views: list[FamilyView] = field(default_factory=list)
    care_plan_discussions: list[voice.ReviewDiscussion] = field(default_factory=list)
    care_plan_gaps: int = 0
    iro_actions: list[Escalation] = field(default_factory=list)


# The meetings whose record must keep the child's views: a looked after review (Care Planning
# Regulations 2010 reg 36 (check: the IRO speaks with the child before it); DU 'Looked After
# Reviews') and a permanence planning meeting (its record asks for them: homeward.meetings).
VIEWS_EXPECTED_AT = ("cic_review", "permanence_planning_meeting")


@dataclass(frozen=True)
class PanelView:
    """The child's voice as a panel or decision on their route to a permanent home recorded it
    (Devon's Permanence Panel: "the child's voice recorded"; homeward.matching's step outcomes):
    their words, or why none were recorded."""

    date: dt.date
    title: str  # the step: "Devon's Permanence Panel"
    by: Any
    words: str
    no_voice_reason: str
    is_panel: bool = True


def panel_views(child: Child) -> list[PanelView]:
    """Every route step of the child's that recorded their voice or why not. One query."""
    rows = (
        RouteStepDone.objects.filter(finding__child=child)
        .exclude(childs_voice="", no_voice_reason="")
        .select_related("finding", "by")
    )
    views = []
    for row in rows:
        try:
            title = (
                route_rules.route(row.finding.council, row.finding.route_key)
                .step(row.step_key)
                .title
            )
        except KeyError:  # a route or step since renamed (UnknownRoute is a KeyError)
            title = row.step_key.replace("_", " ").capitalize()
        views.append(PanelView(row.done_on, title, row.by, row.childs_voice, row.no_voice_reason))
    return views


@dataclass(frozen=True)
class IroConversation:
    """A looked after review and the IRO's conversation with the child before it (a view
    recorded as "the IRO's conversation", after the review before and on or before this one),
    or None when none is recorded."""

    review: JourneyEvent
    conversation: VoiceEntry | None


def meeting_views(
    child: Child, *, entries: list[VoiceEntry]
) -> tuple[list[Meeting], list[JourneyEvent], list[IroConversation]]:
    """The held meetings that recorded the child's views; the reviews and permanence planning
    meetings of the child's journey whose record keeps none (neither a held meeting that made
    the event with the child's views, nor views recorded on the Voice tab that day); and each
    review with the IRO's conversation before it. Three queries, however many meetings."""
    held = list(
        Meeting.objects.filter(child=child, status=Meeting.Status.HELD, held_on__isnull=False)
        .exclude(childs_views="")
        .select_related("recorded_by", "child")
        .prefetch_related("events")
        .order_by("-held_on", "-pk")
    )
    for meeting in held:  # the council's name for the meeting ("Child Permanence Meeting")
        meeting.type_name = meeting_type_name(meeting.type)
    covered = {event.pk for meeting in held for event in meeting.events.all()}
    voice_dates = {entry.date for entry in entries}
    expected = list(
        JourneyEvent.objects.filter(child=child, kind__in=VIEWS_EXPECTED_AT).order_by(
            "-date", "-pk"
        )
    )
    gaps = [e for e in expected if e.pk not in covered and e.date not in voice_dates]
    reviews = sorted((e for e in expected if e.kind == "cic_review"), key=lambda e: e.date)
    talks = sorted((e for e in entries if e.how_gathered == HowGathered.IRO), key=lambda e: e.date)
    conversations: list[IroConversation] = []
    previous: dt.date | None = None
    for review in reviews:
        before = [
            t for t in talks if t.date <= review.date and (previous is None or t.date > previous)
        ]
        conversations.append(IroConversation(review, before[-1] if before else None))
        previous = review.date
    conversations.reverse()  # newest first, as the rest of the tab
    return held, gaps, conversations


def views_gaps(child_ids: list[int]) -> dict[int, int]:
    """For many children (a page of the drift dashboard), how many reviews and permanence
    planning meetings of each one's journey keep no view of the child (``meeting_views``' gaps),
    by child pk; children with none are left out. One query."""
    covered = Meeting.events.through.objects.filter(
        journeyevent_id=OuterRef("pk"), meeting__status=Meeting.Status.HELD
    ).exclude(meeting__childs_views="")
    voiced = VoiceEntry.objects.filter(child_id=OuterRef("child_id"), date=OuterRef("date"))
    return dict(
        JourneyEvent.objects.filter(child_id__in=child_ids, kind__in=VIEWS_EXPECTED_AT)
        .exclude(Exists(covered))
        .exclude(Exists(voiced))
        .order_by()
        .values("child_id")
        .annotate(gaps=Count("pk"))
        .values_list("child_id", "gaps")
    )


def family_views(child: Child, *, meeting: Meeting | None = None) -> list[FamilyView]:
    """The views of the child's parents, family members and carers, newest first; with
    ``meeting``, those heard at that meeting. One query."""
    rows = FamilyView.objects.filter(child=child).select_related(
        "person__person", "meeting", "option", "recorded_by"
    )
    if meeting is not None:
        rows = rows.filter(meeting=meeting)
    views = list(rows)
    for view in views:
        if view.meeting is not None:
            view.meeting.type_name = meeting_type_name(view.meeting.type)
    return views


def care_plan_discussions(child: Child, views: list[FamilyView]) -> list[voice.ReviewDiscussion]:
    """Each looked after review in the child's journey, newest first, with the care plan's
    discussion with a parent before and after it (DU 'Looked After Reviews'). One query."""
    reviews = list(
        JourneyEvent.objects.filter(child=child, kind="cic_review").values_list("date", flat=True)
    )
    with_parents = [v for v in views if voice.speaker(v.person.relationship) == voice.PARENT]
    rows = voice.care_plan_discussions(
        reviews,
        before=[v.date for v in with_parents if v.occasion == FamilyViewOccasion.BEFORE_REVIEW],
        after=[v.date for v in with_parents if v.occasion == FamilyViewOccasion.AFTER_REVIEW],
    )
    rows.reverse()
    return rows


def iro_actions(child: Child) -> list[Escalation]:
    """The child's resolved escalations (the last stage of each), newest first: what the IRO did
    on the child's behalf and whether the child was told (DU 'Role of the IRO'). One query."""
    return list(
        Escalation.objects.filter(child=child, resolved_on__isnull=False, next_stage__isnull=True)
        .select_related("raised_by")
        .order_by("-resolved_on", "-pk")
    )


LIFE_STORY_GIVEN = (
    "life_story_book_first_stage_given",
    "life_story_book_given",
    "later_life_letter_given",
)


def voice_tab(child: Child, *, today: dt.date | None = None) -> VoiceTab:
    """Views, wishes and feelings, advocacy, complaints, life story work (with the life story
    book's and later life letter's due dates from the ledger) and the memory record."""
    entries = list(VoiceEntry.objects.filter(child=child).select_related("recorded_by"))
    meetings, gaps, conversations = meeting_views(child, entries=entries)
    offers = list(AdvocacyOffer.objects.filter(child=child))
    life_story = LifeStoryWork.objects.filter(child=child).first()
    today = today or timezone.localdate()
    family = family_views(child)
    discussions = care_plan_discussions(child, family)
    return VoiceTab(
        child=child,
        entries=entries,
        offers=offers,
        complaints=list(Complaint.objects.filter(child=child)),
        life_story=life_story,
        memories=list(MemoryItem.objects.filter(child=child)),
        concerns=voice.voice_concerns(
            looked_after=is_looked_after(child),
            has_views=bool(entries or meetings),
            services_offered={offer.service for offer in offers},
            life_story_status=life_story.status if life_story else None,
        ),
        sources={
            "views": voice.VIEWS_SOURCE,
            "advocacy": voice.ADVOCACY_SOURCE,
            "complaints": voice.COMPLAINTS_SOURCE,
            "life_story": voice.LIFE_STORY_SOURCE,
            "memories": voice.MEMORIES_SOURCE,
            "family_views": voice.FAMILY_VIEWS_SOURCE,
            "care_plan": voice.CARE_PLAN_WITH_PARENTS_SOURCE,
            "iro_action": voice.IRO_ACTION_SOURCE,
        },
        family_views=family,
        care_plan_discussions=discussions,
        care_plan_gaps=sum(len(row.missing(today)) for row in discussions),
        iro_actions=iro_actions(child),
        timeline=sorted(
            [*entries, *meetings, *panel_views(child)],
            key=lambda item: item.held_on if isinstance(item, Meeting) else item.date,
            reverse=True,
        ),
        gaps=gaps,
        iro_conversations=conversations,
        life_story_deadlines=[
            (row, next(kind for kind in LIFE_STORY_GIVEN if f",{kind}," in row.satisfied_by))
            for row in timescales.met_by_any(child, LIFE_STORY_GIVEN, today=today)
        ],
    )


# The genogram --------------------------------------------------------------------------------

# Where someone with no parent or partner tie is drawn (0: the child's generation).
GENERATION_HINTS: dict[str, int] = {
    Relationship.MOTHER: -1,
    Relationship.FATHER: -1,
    Relationship.STEP_PARENT: -1,
    Relationship.SIBLING: 0,
    Relationship.HALF_SIBLING: 0,
    Relationship.GRANDPARENT: -2,
    Relationship.AUNT_UNCLE: -1,
    Relationship.COUSIN: 0,
    Relationship.OTHER_RELATIVE: -1,
    Relationship.CONNECTED_PERSON: -1,
    Relationship.SPECIAL_GUARDIAN: -1,
    Relationship.OTHER: -1,
}
# Carers found by the fostering or adoption service are on the record, not in the family network.
NOT_ON_GENOGRAM = {Relationship.FOSTER_CARER, Relationship.PROSPECTIVE_ADOPTER}
# Until someone records otherwise: parents, brothers and sisters and a special guardian are not
# explored as connected carers; everyone else in the network is, and starts not yet explored.
NOT_A_CARER_BY_DEFAULT = {
    Relationship.MOTHER,
    Relationship.FATHER,
    Relationship.SIBLING,
    Relationship.HALF_SIBLING,
    Relationship.SPECIAL_GUARDIAN,
}
DEFAULT_SEX = {Relationship.MOTHER: genogram.Sex.FEMALE, Relationship.FATHER: genogram.Sex.MALE}
CHILD_KEY = "child"


def _person_key(person_id: int | None) -> str:
    return f"p{person_id}" if person_id else CHILD_KEY


@dataclass
class NetworkRow:
    """One person of the network with how they are drawn (their genogram entry, or defaults)."""

    link: PersonInChildsLife
    member: genogram.Member

    @property
    def exploration_label(self) -> str:
        return genogram.EXPLORATION_LABELS[self.member.exploration]


@dataclass
class Genogram:
    members: list[genogram.Member]
    ties: list[genogram.Tie]
    rows: list[NetworkRow]
    recorded_ties: list[FamilyTie]
    not_yet_explored: int
    lines: list[str]
    svg: str = ""


def _member(link: PersonInChildsLife) -> genogram.Member:
    entry = getattr(link, "genogram", None)
    relationship = link.relationship
    person = link.person
    if entry is not None:
        sex = genogram.Sex(entry.sex)
        exploration = genogram.Exploration(entry.exploration)
        household = entry.household
    else:
        sex = DEFAULT_SEX.get(relationship, genogram.Sex.UNKNOWN)
        exploration = (
            genogram.Exploration.NOT_A_CARER
            if relationship in NOT_A_CARER_BY_DEFAULT
            else genogram.Exploration.NOT_EXPLORED
        )
        household = ""
    return genogram.Member(
        key=_person_key(person.pk),
        name=person.full_name,
        sex=sex,
        role=link.get_relationship_display(),
        born=person.date_of_birth,
        deceased=person.is_deceased,
        exploration=exploration,
        household=household,
        generation_hint=GENERATION_HINTS.get(relationship),
    )


# A child's recorded sex (SSDA903 SEX: M, F or U since 2024-25; 1 or 2 before, as a return of an
# earlier year may hold them: codes.SEX, codes.SEX_RETIRED) as the genogram draws it.
SEX_CODES = {
    "M": genogram.Sex.MALE,
    "F": genogram.Sex.FEMALE,
    "1": genogram.Sex.MALE,
    "2": genogram.Sex.FEMALE,
}


def _brothers_and_sisters_in_homeward(
    child: Child, ties: list[genogram.Tie], network: set[str], viewer: Any
) -> list[genogram.Member]:
    """The other children of the child's sibling group (their own records in Homeward), each
    under whichever of the child's network is their mother or father too; one ``viewer`` may
    not see is "A brother or sister", with no name or ID (need-to-know; no ``viewer``: none is
    named). Three queries."""
    if not child.sibling_group_id:
        return []
    siblings = list(
        Child.objects.filter(sibling_group=child.sibling_group_id)
        .exclude(pk=child.pk)
        .order_by("date_of_birth", "child_id")
    )
    visible: set[int] = set()
    if viewer is not None:
        visible = access.visible_among(viewer, [s.pk for s in siblings])
    shared = PersonInChildsLife.objects.filter(
        child__in=siblings, relationship__in=(Relationship.MOTHER, Relationship.FATHER)
    ).values_list("child_id", "person_id")
    for sibling_pk, person_id in shared:
        if _person_key(person_id) in network:
            ties.append(
                genogram.Tie(genogram.TieKind.PARENT, _person_key(person_id), f"c{sibling_pk}")
            )
    return [
        genogram.Member(
            key=f"c{sibling.pk}",
            name=sibling.full_name if sibling.pk in visible else HIDDEN_SIBLING,
            sex=SEX_CODES.get(sibling.sex, genogram.Sex.UNKNOWN),
            role=f"Brother or sister ({sibling.child_id})"
            if sibling.pk in visible
            else "Brother or sister (in Homeward)",
            born=sibling.date_of_birth if sibling.pk in visible else None,
            generation_hint=0,
        )
        for sibling in siblings
    ]


def network_row(link: PersonInChildsLife) -> NetworkRow:
    return NetworkRow(link, _member(link))


GENOGRAM_COMPLETED = "genogram_completed"
FAMILY_NETWORK_MEETING = "family_network_meeting"


@dataclass(frozen=True)
class GenogramDue:
    """When the council's procedure asks for the genogram, as the ledger stores it. Durham: "the
    completion of a genogram ... should be completed at the initial visit following the
    referral", and "a family network meeting should take place within 15 days from the initial
    referral" (002_a77630a273fce245.txt 'Family Group Conference/ Network meetings'; the rules
    ``genogram`` and ``family-network-meeting`` in durham.toml). A council whose rules ask for no
    genogram gets no ``GenogramDue`` (Dudley's and Devon's documents start the network with one
    but set it no date)."""

    title: str
    source: str
    checks: list[Any]  # the stored rows a "genogram completed" event meets, in the engine's order
    network_meetings: list[Any]  # open rows a family network meeting meets: the genogram is first

    @property
    def completed(self) -> bool:
        return bool(self.checks) and all(row.met_on for row in self.checks)


def genogram_due(child: Child, *, today: dt.date | None = None) -> GenogramDue | None:
    """The genogram's due date for one child, read from the ledger: two queries, none when the
    council's rules ask for no genogram."""
    rules = timescales.rules_met_by(GENOGRAM_COMPLETED)
    if not rules:
        return None
    today = today or timezone.localdate()
    meetings = timescales.met_by_kind(child, FAMILY_NETWORK_MEETING, today=today)
    return GenogramDue(
        title=rules[0].title,
        source=rules[0].source,
        checks=timescales.met_by_kind(child, GENOGRAM_COMPLETED, today=today),
        network_meetings=[row for row in meetings if row.state == "open"],
    )


def genogram_of(child: Child, viewer: Any = None, *, draw: bool = True) -> Genogram:
    """The child's family network as genogram members and ties, the text equivalent and (with
    ``draw``) the SVG, with brothers and sisters in Homeward named only where ``viewer`` may see
    them. A fixed number of queries, however large the family."""
    links = [
        link
        for link in PersonInChildsLife.objects.filter(child=child)
        .select_related("person", "genogram")
        .order_by("person__last_name", "person__first_name", "pk")
        if link.relationship not in NOT_ON_GENOGRAM
    ]
    recorded = list(
        FamilyTie.objects.filter(child=child).select_related("person", "other").order_by("pk")
    )
    child_sex = SEX_CODES.get(child.sex, genogram.Sex.UNKNOWN)
    members = [
        genogram.Member(
            key=CHILD_KEY,
            name=child.full_name,
            sex=child_sex,
            role="This child",
            born=child.date_of_birth,
            is_child=True,
        )
    ]
    rows = [NetworkRow(link, _member(link)) for link in links]
    members += [row.member for row in rows]
    on_it = {m.key for m in members}
    ties = [
        genogram.Tie(genogram.TieKind(t.kind), _person_key(t.person_id), _person_key(t.other_id))
        for t in recorded
    ]
    has_parents = {t.b for t in ties if t.kind is genogram.TieKind.PARENT}
    parents = [
        _person_key(link.person_id)
        for link in links
        if link.relationship in (Relationship.MOTHER, Relationship.FATHER)
    ]
    for key in parents:  # a mother or father is the child's parent without saying so
        ties.append(genogram.Tie(genogram.TieKind.PARENT, key, CHILD_KEY))
    for link in links:  # a (full) brother or sister shares them, unless recorded otherwise
        key = _person_key(link.person_id)
        if link.relationship == Relationship.SIBLING and key not in has_parents:
            ties += [genogram.Tie(genogram.TieKind.PARENT, p, key) for p in parents]
    members += _brothers_and_sisters_in_homeward(child, ties, on_it, viewer)
    on_it = {m.key for m in members}
    ties = [t for t in dict.fromkeys(ties) if t.a in on_it and t.b in on_it]
    result = Genogram(
        members=members,
        ties=ties,
        rows=rows,
        recorded_ties=recorded,
        not_yet_explored=genogram.not_yet_explored(members),
        lines=genogram.describe(members, ties),
    )
    if draw:
        drawn = genogram.layout(members, ties)
        generations = len({p.generation for p in drawn.placed.values()})
        result.svg = mark_safe(  # noqa: S308 - every word is escaped by genogram.render_svg
            genogram.render_svg(
                drawn,
                title=f"Genogram of {child.full_name}’s family network",
                description=(
                    f"{len(members)} people over {generations} generations, "
                    f"{result.not_yet_explored} not yet explored as carers. The list of "
                    "relationships after the picture says the same in words."
                ),
            )
        )
    return result


# The sibling group page (issue 18 item 5) ------------------------------------------------------


@dataclass
class GroupMember:
    """One child in the group, as the user may see them: ``visible`` False hides all but that
    there is a brother or sister (need to know)."""

    child: Child
    visible: bool
    plan: Any  # the latest agreed PermanencePlan, or None
    options: list[Any]  # PermanenceOption rows being explored (no agreed plan yet)
    settled: bool
    waits_on: tuple[str, ...] = ()
    together_apart_due: Any = None  # the ledger's open "together-apart-decision", if any


@dataclass
class SiblingGroupPage:
    child: Child
    group: SiblingGroup
    members: list[GroupMember]
    approach: siblings.Concern | None
    approach_recorded: Any  # the adopters_approached event, if recorded
    undecided_pairs: int
    today: dt.date
    sources: dict[str, str] = field(default_factory=dict)


ADOPTERS_APPROACHED = "adopters_approached"


def sibling_group_page(
    child: Child, user: Any, *, today: dt.date | None = None
) -> SiblingGroupPage | None:
    """Every child in the child's sibling group with their plan, who waits on whom, the new
    baby's prompt to approach the adopters of brothers or sisters, and the together-or-apart
    decision's deadline from the ledger. A fixed number of queries however big the group."""
    today = today or timezone.localdate()
    if not child.sibling_group_id:
        return None
    group = SiblingGroup.objects.get(pk=child.sibling_group_id)
    members = list(Child.objects.filter(sibling_group=group).order_by("date_of_birth", "child_id"))
    pks = [m.pk for m in members]
    visible = access.visible_among(user, pks)
    plans: dict[int, Any] = {}
    for plan in (
        PermanencePlan.objects.filter(child__in=pks)
        .select_related("preferred_option")
        .order_by("child", "-version")
    ):
        plans.setdefault(plan.child_id, plan)
    options: dict[int, list[Any]] = {}
    for option in PermanenceOption.objects.filter(child__in=pks).exclude(status="ruled_out"):
        options.setdefault(option.child_id, []).append(option)
    achieved: dict[int, list[Any]] = {}
    for row in PermanenceAchieved.objects.filter(child__in=pks).select_related("option"):
        achieved.setdefault(row.child_id, []).append(row)
    placed = set(
        JourneyEvent.objects.filter(
            child__in=pks, kind__in=["placed", "placed_for_adoption"]
        ).values_list("child", flat=True)
    )
    current = _current_decisions(group)
    together = [(d.child_a_id, d.child_b_id) for d in current if d.decision == siblings.TOGETHER]
    decided_pairs = {
        (d.child_a_id, d.child_b_id) for d in current if d.decision != siblings.NOT_DECIDED
    }
    names = {m.pk: m.child_id for m in members}
    shown = {
        m.child_id: f"{m.full_name} ({m.child_id})" if m.pk in visible else "a brother or sister"
        for m in members
    }
    waits = siblings.waiting_on(
        [
            siblings.MemberPlan(
                names[m.pk],
                plans[m.pk].preferred_option.kind if m.pk in plans else None,
                settled=m.pk in achieved or m.pk in placed,
            )
            for m in members
        ],
        [(names[a], names[b]) for a, b in together if a in names and b in names],
    )
    due_rows = {
        row.child_id: row
        for row in Expectation.objects.as_of(today).filter(
            child__in=pks, rule_id="together-apart-decision", state=State.OPEN
        )
    }
    rows = [
        GroupMember(
            child=m,
            visible=m.pk in visible,
            plan=plans.get(m.pk),
            options=sorted(options.get(m.pk, []), key=lambda o: o.position),
            settled=m.pk in achieved or m.pk in placed,
            waits_on=tuple(shown[k] for k in waits.get(names[m.pk], ())),
            together_apart_due=due_rows.get(m.pk),
        )
        for m in members
    ]
    adopted = [
        m.full_name
        for m in members
        if m.pk != child.pk
        and any(a.legal_route == "adoption_order" for a in achieved.get(m.pk, []))
    ]
    recorded = (
        JourneyEvent.objects.filter(child=child, kind=ADOPTERS_APPROACHED).order_by("-date").first()
    )
    approach = siblings.adopters_to_approach(
        baby_is_new=siblings.is_new_baby(
            born=child.date_of_birth, expected=child.expected_date_of_delivery, today=today
        ),
        adopted_siblings=adopted,
        approached=recorded is not None,
        council=settings.HOMEWARD_COUNCIL,
    )
    n = len(members)
    return SiblingGroupPage(
        child=child,
        group=group,
        members=rows,
        approach=approach,
        approach_recorded=recorded,
        undecided_pairs=n * (n - 1) // 2 - len(decided_pairs),
        today=today,
        sources={
            "whole_group": siblings.WHOLE_GROUP_SOURCE,
            "factors": siblings.FACTORS_SOURCE,
            "approach": siblings.ADOPTERS_APPROACH_SOURCE,
        },
    )


def _current_decisions(group: SiblingGroup) -> list[SiblingPairDecision]:
    """Each pair's current (highest version) decision in the group."""
    current: dict[tuple[int, int], SiblingPairDecision] = {}
    for d in SiblingPairDecision.objects.filter(group=group).order_by("-version"):
        current.setdefault((d.child_a_id, d.child_b_id), d)
    return list(current.values())
