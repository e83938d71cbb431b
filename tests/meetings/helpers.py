"""Building valid meeting records (for the service) and form posts (for the pages), so each
test changes only what it is about."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.conf import settings

from homeward.accounts.models import User
from homeward.children.models import Child
from homeward.domain import meetings as domain
from homeward.meetings.services import ActionIn, AttendeeIn, MeetingRecord


def mtype(key: str) -> domain.MeetingType:
    return domain.meeting_type(settings.HOMEWARD_COUNCIL, key)


def answers(key: str) -> dict[str, str]:
    return {item.key: f"Discussed: {item.question[:40]}" for item in mtype(key).agenda}


def default_outcomes(key: str) -> dict[str, str]:
    return {o.key: o.choices[-1][0] for o in mtype(key).outcomes}


def record_data(
    chair: User | None,
    key: str = "ppm",
    *,
    held_on: dt.date,
    attendees: list[AttendeeIn] | None = None,
    actions: list[ActionIn] | None = None,
    outcomes: dict[str, str] | None = None,
    **changes: Any,
) -> MeetingRecord:
    data = MeetingRecord(
        held_on=held_on,
        chair=chair,
        venue="Council offices, room 2",
        childs_views="Wants to stay with her brother and see her nan every week.",
        views_gathered="social_worker",
        decisions="Twin-track plan: return home assessment and connected carer assessment.",
        summary_for_child="We talked about where you will live. We will visit your nan's house.",
        summary_for_parents="We will assess the grandmother as a carer and review the plan in May.",
        attendees=attendees
        if attendees is not None
        else (
            [AttendeeIn(True, user=chair)] if chair else [AttendeeIn(True, name="A. Coordinator")]
        ),
        answers=answers(key),
        outcomes=outcomes if outcomes is not None else default_outcomes(key),
        actions=actions or [],
    )
    for name, value in changes.items():
        setattr(data, name, value)
    return data


def date_fields(name: str, day: dt.date | None) -> dict[str, str]:
    if day is None:
        return {f"{name}_0": "", f"{name}_1": "", f"{name}_2": ""}
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}


def management(prefix: str, total: int) -> dict[str, str]:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "30",
    }


def record_post(
    key: str,
    *,
    held_on: dt.date | None,
    chair: User | None,
    attended: Sequence[User] = (),
    actions: Sequence[tuple[str, User | None, dt.date | None]] = (),
    others: Sequence[dict[str, str]] = (),
    outcomes: dict[str, str] | None = None,
    blank_answers: tuple[str, ...] = (),
    **fields: str,
) -> dict[str, Any]:
    """A complete POST of the record form, as the browser sends it."""
    data: dict[str, Any] = {
        **date_fields("held_on", held_on),
        "chair": str(chair.pk) if chair else "",
        "venue": "Family centre",
        "staff_attended": [str(u.pk) for u in attended],
        "views_gathered": "social_worker",
        "childs_views": "Likes her school; wants to live with her nan.",
        "decisions": "Connected carer assessment of the grandmother to be completed.",
        "summary_for_child": "We want to find out if you can live with your nan.",
        "summary_for_parents": "We are assessing the grandmother as a carer for your daughter.",
        **{f"answer_{k}": ("" if k in blank_answers else v) for k, v in answers(key).items()},
        **{
            f"outcome_{k}": v
            for k, v in (outcomes if outcomes is not None else default_outcomes(key)).items()
        },
        **management("others", max(2, len(others))),
        **management("actions", max(3, len(actions))),
    }
    for i, other in enumerate(others):
        data.update({f"others-{i}-{k}": v for k, v in other.items()})
    for i, (text, owner, due) in enumerate(actions):
        data[f"actions-{i}-text"] = text
        data[f"actions-{i}-owner"] = str(owner.pk) if owner else ""
        data.update(date_fields(f"actions-{i}-due_on", due))
    data.update(fields)
    return data


def looked_after_on(child: Child) -> dt.date:
    return child.events.get(kind="became_looked_after").date
