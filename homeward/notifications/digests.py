"""The digest of what falls due (issue 18 item 3: "a daily or weekly digest of what falls due
(each person chooses)"): for each person who chose one and whose day it is, how many deadlines on
the children they may see are overdue and how many fall due by the digest's horizon, read from
the stored timescales (homeward.timescales), with a link to My work. It counts; it never names a
child. ``manage.py send_digests`` sends the day's digests; it is safe to run more than once a day
(a person gets one digest a day)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from homeward.accounts import access
from homeward.domain import notifications as rules
from homeward.domain.calendar import govuk_date
from homeward.notifications import services
from homeward.notifications.models import Message, Preference
from homeward.timescales.selectors import worklist_counts


def send_digests(today: dt.date | None = None) -> list[Message]:
    """Queue and send the digests due ``today``; returns the messages. A person with nothing
    overdue and nothing due gets none that day (an empty digest is noise: Homeward's choice,
    check)."""
    today = today or timezone.localdate()
    sent: list[Message] = []
    already = set(
        Message.objects.filter(kind=rules.DIGEST, created_at__date=today).values_list(
            "recipient_id", flat=True
        )
    )
    preferences = (
        Preference.objects.exclude(digest=rules.Frequency.NONE)
        .filter(user__is_active=True)
        .select_related("user")
        .order_by("user_id")
    )
    for preference in preferences:
        if preference.user_id in already or not rules.digest_due_on(preference.digest, today):
            continue
        until = rules.digest_until(preference.digest, today)
        counts = worklist_counts(
            access.visible_children(preference.user),
            today=today,
            within_days=(until - today).days,
        )
        if not counts.total:
            continue
        with transaction.atomic():
            sent.extend(
                services.queue(
                    rules.DIGEST,
                    [preference.user],
                    link_path=reverse("oversight:my-work"),
                    personalisation={
                        "overdue": str(counts.overdue),
                        "due": str(counts.total - counts.overdue),
                        "until": govuk_date(until),
                    },
                )
            )
    return sent
