"""Notifications in the demo (issue 18 item 3, item 10): the demo's sign-ins get email addresses
(``<username>@demo.homeward.invalid``: the reserved .invalid domain reaches nobody), and the
outbox holds what the demo's own work would have sent: the early permanence panel's invitation to
the social worker and team manager for the latest weekly-admissions referral, meeting invitations
for the next planned permanence planning meeting, an escalation to the IRO and team manager, and
a digest; the social worker's meeting invitation failed (no email address then, one since), so
"Send again" works on first sign-in. Written in bulk, never sent: ``make run`` sends only what
is done after it starts. The social worker chose a weekly digest and the team manager a daily
one (Notification settings)."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from homeward.accounts.models import User
from homeward.children.models import Allocation
from homeward.domain import notifications as rules
from homeward.domain.calendar import govuk_date
from homeward.meetings.models import Escalation, Meeting
from homeward.notifications.models import Message, Preference
from homeward.notifications.services import compose
from homeward.panels.models import Referral

EMAIL_DOMAIN = "demo.homeward.invalid"


def build(*, today: dt.date) -> dict[str, int]:
    from homeward.demo.builder import DEMO_SIGN_INS  # the builder calls this module

    users = {u.username: u for u in User.objects.filter(username__in=[s[0] for s in DEMO_SIGN_INS])}
    for user in users.values():
        user.email = f"{user.username}@{EMAIL_DOMAIN}"
    User.objects.bulk_update(users.values(), ["email"])
    social_worker, manager, iro = (
        users.get("social-worker"),
        users.get("team-manager"),
        users.get("iro"),
    )
    if social_worker is None or manager is None:
        return {"notifications": 0}
    now = timezone.now()
    messages: list[Message] = []

    def add(kind: str, user: User | None, link: str, fields: dict[str, str], hours_ago: int):
        if user is None:
            return None
        message = compose(kind, user, link_path=link, personalisation=fields)
        message.created_at = message.last_attempt_at = now - dt.timedelta(hours=hours_ago)
        message.status, message.attempts = Message.Status.SENT, 1
        message.sent_at = message.created_at
        message.template_id = kind
        message.provider_id = f"demo-{len(messages) + 1}"
        messages.append(message)
        return message

    mine = Allocation.objects.filter(ended_on__isnull=True, social_worker=social_worker)
    children = mine.values("child_id")
    referral = (
        Referral.objects.filter(child__in=children, route="weekly_admissions")
        .select_related("panel", "child")
        .order_by("-referred_at")
        .first()
    ) or Referral.objects.select_related("panel", "child").order_by("-referred_at").first()
    if referral is not None:
        link = reverse("panels:child", args=[referral.child.child_id])
        fields = {"panel_date": govuk_date(referral.panel.date)}
        add(rules.AEPP_INVITATION, social_worker, link, fields, 50)
        add(rules.AEPP_INVITATION, manager, link, fields, 50)
    meeting = (
        Meeting.objects.filter(child__in=children, status="planned", type="ppm")
        .select_related("child")
        .order_by("planned_on")
        .first()
    )
    if meeting is not None and meeting.planned_on:
        link = reverse("meetings:meeting", args=[meeting.child.child_id, meeting.pk])
        fields = {
            "meeting": "permanence planning meeting",
            "meeting_date": govuk_date(meeting.planned_on),
        }
        failed = add(rules.MEETING_INVITATION, social_worker, link, fields, 26)
        if failed is not None:
            failed.status, failed.sent_at, failed.provider_id = Message.Status.FAILED, None, ""
            failed.email_address = ""
            failed.error = (
                f"{social_worker.get_full_name()} has no email address: add one to their "
                "account, then retry"
            )
        add(rules.MEETING_INVITATION, manager, link, fields, 26)
    escalation = (
        Escalation.objects.filter(resolved_on__isnull=True)
        .select_related("child")
        .order_by("-raised_on", "pk")
        .first()
    )
    if escalation is not None:
        link = reverse("meetings:child-meetings", args=[escalation.child.child_id])
        fields = {
            "stage": escalation.get_stage_display().lower(),
            "respond_by": govuk_date(escalation.respond_by),
        }
        add(rules.ESCALATION, iro, link, fields, 8)
        add(rules.ESCALATION, manager, link, fields, 8)
    add(
        rules.DIGEST,
        social_worker,
        reverse("oversight:my-work"),
        {"overdue": "3", "due": "5", "until": govuk_date(today + dt.timedelta(days=7))},
        2,
    )
    Message.objects.bulk_create(messages)
    # auto_now_add overrides created_at on insert: put the demo's times back.
    for message in Message.objects.filter(token__in=[m.token for m in messages]):
        original = next(m for m in messages if m.token == message.token)
        Message.objects.filter(pk=message.pk).update(created_at=original.created_at)
    Preference.objects.bulk_create(
        [
            Preference(user=social_worker, digest=rules.Frequency.WEEKLY),
            Preference(user=manager, digest=rules.Frequency.DAILY),
        ]
    )
    return {"notifications": len(messages)}
