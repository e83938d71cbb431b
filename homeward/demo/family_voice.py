"""The family's voice for the demo council (issue 18 item 2): the views of parents, family
members and carers at each held meeting, about a permanence option, and the care plan discussed
with a parent before and after each looked after review (one gap left, so the Voice tab shows
one). Every child of the demo's first social worker gets them, so the Voice tab and the meeting
page show them on the first click; a capped sample of other children too. Runs after the
meetings and the plans are built."""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict

from homeward.children.models import Allocation, JourneyEvent, PersonInChildsLife
from homeward.domain import voice
from homeward.family.models import FamilyView, FamilyViewOccasion
from homeward.meetings.models import Meeting
from homeward.planning.models import PermanenceOption

FIRST_SOCIAL_WORKER = "social-worker"
CAP = 300  # other children given family views, so a 50,000-child demo stays fast

AT_MEETING = (
    "I want to be part of the plan. I understand why the assessment is happening and will go "
    "to every session.",
    "I don't agree with the plan. I want more family time and I want my mum assessed as well.",
    "I'm pleased the family is being looked at first. Please keep me told about what happens.",
)
BEFORE_REVIEW = (
    "Went through the care plan before the review. Mum agrees with most of it but wants family "
    "time at weekends.",
    "Talked through the plan before the review. Dad asked what the court will decide and when.",
)
AFTER_REVIEW = (
    "Explained what the review decided. Mum understood and asked for a copy of the plan.",
    "Told Dad the review's decisions and what happens next; he will attend the next meeting.",
)
ABOUT_OPTION = (
    "We would like to be assessed to care for them long term. We have room and they know us.",
    "We are happy for them to stay with us for good and would want support with their school.",
)


def build(*, seed: int, today: dt.date) -> dict[str, int]:
    rng = random.Random(f"{seed}-family-voice")
    first = list(
        Allocation.objects.filter(
            ended_on__isnull=True, social_worker__username=FIRST_SOCIAL_WORKER
        )
        .order_by("child_id")
        .values_list("child_id", flat=True)
    )
    held = sorted(
        set(
            Meeting.objects.filter(status=Meeting.Status.HELD)
            .exclude(child_id__in=first)
            .values_list("child_id", flat=True)
        )
    )
    chosen = first + rng.sample(held, min(CAP, len(held)))
    people: dict[int, list[PersonInChildsLife]] = defaultdict(list)
    for link in PersonInChildsLife.objects.filter(child_id__in=chosen).order_by("pk"):
        people[link.child_id].append(link)
    meetings: dict[int, list[Meeting]] = defaultdict(list)
    for meeting in Meeting.objects.filter(
        child_id__in=chosen, status=Meeting.Status.HELD, held_on__isnull=False
    ).order_by("-held_on"):
        meetings[meeting.child_id].append(meeting)
    reviews: dict[int, list[dt.date]] = defaultdict(list)
    for child_id, day in (
        JourneyEvent.objects.filter(child_id__in=chosen, kind="cic_review")
        .order_by("date")
        .values_list("child_id", "date")
    ):
        reviews[child_id].append(day)
    options = dict(
        PermanenceOption.objects.filter(child_id__in=chosen)
        .order_by("-pk")
        .values_list("child_id", "pk")
    )
    rows: list[FamilyView] = []
    for child_id in chosen:
        links = people.get(child_id, [])
        parent = next((p for p in links if voice.speaker(p.relationship) == voice.PARENT), None)
        other = next((p for p in links if voice.speaker(p.relationship) != voice.PARENT), None)
        if parent is not None:
            for meeting in meetings.get(child_id, [])[:2]:
                rows.append(
                    FamilyView(
                        child_id=child_id,
                        person=parent,
                        date=meeting.held_on,
                        occasion=FamilyViewOccasion.MEETING,
                        meeting=meeting,
                        text=rng.choice(AT_MEETING),
                    )
                )
            days = reviews.get(child_id, [])
            for i, review in enumerate(days):
                if i or len(days) == 1:  # the first of several reviews: no record, a gap
                    rows.append(_view(child_id, parent, review - dt.timedelta(days=5), "b", rng))
                after = review + dt.timedelta(days=7)
                if after <= today:
                    rows.append(_view(child_id, parent, after, "a", rng))
        if other is not None and child_id in options:
            rows.append(
                FamilyView(
                    child_id=child_id,
                    person=other,
                    date=today - dt.timedelta(days=rng.randint(7, 60)),
                    occasion=FamilyViewOccasion.OTHER,
                    option_id=options[child_id],
                    text=rng.choice(ABOUT_OPTION),
                )
            )
    FamilyView.objects.bulk_create(rows, batch_size=5000)
    return {"family_views": len(rows)}


def _view(
    child_id: int, parent: PersonInChildsLife, day: dt.date, when: str, rng: random.Random
) -> FamilyView:
    before = when == "b"
    return FamilyView(
        child_id=child_id,
        person=parent,
        date=day,
        occasion=FamilyViewOccasion.BEFORE_REVIEW if before else FamilyViewOccasion.AFTER_REVIEW,
        text=rng.choice(BEFORE_REVIEW if before else AFTER_REVIEW),
    )
