"""What Homeward emails, to whom, and when: the notification rules as data, each with its source.

A message carries a link into Homeward and never a child's details (issue 18 item 3): its
personalisation holds the recipient's first name, dates, a meeting's or stage's name, counts,
and the link, nothing that names or describes a child. The wording here is what the local
(console) backend writes; in production each message is a GOV.UK Notify template with the same
placeholders, ``((name))`` as Notify writes them.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Final

AEPP_INVITATION: Final = "aepp_invitation"
MEETING_INVITATION: Final = "meeting_invitation"
ESCALATION: Final = "escalation"
DIGEST: Final = "digest"

DUDLEY_AEPP: Final = (
    "Dudley quick reference guide (001_d6c3849112f62e7d.txt) 'Legal Gateway Panel / "
    "Notification via weekly admissions report'"
)


@dataclass(frozen=True)
class Template:
    """One kind of email: its wording (Notify's template holds the same) and why it is sent."""

    key: str
    name: str
    subject: str
    body: str
    source: str

    @property
    def fields(self) -> tuple[str, ...]:
        """The placeholders, in the order they first appear (subject, then body)."""
        found: list[str] = []
        for name in PLACEHOLDER.findall(self.subject + self.body):
            if name not in found:
                found.append(name)
        return tuple(found)


PLACEHOLDER: Final = re.compile(r"\(\(([a-z_]+)\)\)")

TEMPLATES: Final[dict[str, Template]] = {
    t.key: t
    for t in (
        Template(
            AEPP_INVITATION,
            "Invitation to the Achieving Early Permanence Panel",
            "Invitation: Achieving Early Permanence Panel on ((panel_date))",
            "Dear ((first_name)),\n\nA child you work with has been referred to the Achieving "
            "Early Permanence Panel on ((panel_date)). Please attend.\n\nSee the referral in "
            "Homeward: ((link))",
            f"{DUDLEY_AEPP}: the permanency coordinator emails the social worker and team manager "
            "inviting them to attend; on the Legal Gateway route the court progression manager "
            "gives the social worker the date",
        ),
        Template(
            MEETING_INVITATION,
            "Meeting invitation",
            "Invitation: ((meeting)) on ((meeting_date))",
            "Dear ((first_name)),\n\nA ((meeting)) has been planned for ((meeting_date)) and you "
            "are expected to attend.\n\nSee the meeting in Homeward: ((link))",
            "each meeting type's expected attendees (homeward/domain/rules/meetings/*.toml, each "
            "with its source); issue 18 item 3",
        ),
        Template(
            ESCALATION,
            "IRO escalation",
            "IRO escalation: ((stage))",
            "Dear ((first_name)),\n\nAn escalation about a child's plan is now at ((stage)). A "
            "response is due by ((respond_by)).\n\nSee the escalation in Homeward: ((link))",
            "Durham strategy (002_a77630a273fce245.txt) 'Role of the IRO'; Dudley strategy "
            "(000_f860603ee99ef2b2.txt) 'Independent Reviewing Service' (the IRO escalates "
            "delay); Children Act 1989 s25B(3)",
        ),
        Template(
            DIGEST,
            "Digest of what falls due",
            "Homeward: ((overdue)) overdue, ((due)) due by ((until))",
            "Dear ((first_name)),\n\nOn the children you work with, ((overdue)) deadlines are "
            "overdue and ((due)) more fall due by ((until)).\n\nSee them on My work: ((link))",
            "issue 18 item 3 (a daily or weekly digest, each person chooses); the deadlines are "
            "the stored timescales, each with its own source",
        ),
    )
}

# Who the early permanence panel's invitation goes to, by how the child was referred
# (homeward.domain.panels routes). Roles are the child's allocated people.
AEPP_INVITEES: Final[dict[str, tuple[str, ...]]] = {
    # "Permanency co-ordinator will check weekly admissions report and email SW and team manager
    # inviting them to attend 'Achieving Early Permanence Panel'" (001).
    "weekly_admissions": ("social_worker", "team_manager"),
    # "Court Progression Manager will provide SW with date for 'Achieving Early Permanence
    # Panel'" (001).
    "legal_gateway": ("social_worker",),
}

# The roles an escalation goes to: the child's IRO and manager (issue 18 item 3; DU 'Role of the
# IRO': challenge and resolution with the team manager first, check).
ESCALATION_RECIPIENTS: Final = ("iro", "team_manager")

# Staff roles a meeting invitation reaches: an expected attendee filled by one of the child's
# allocated people (the type's ``Attendee.role``); other roles (e.g. a service manager) are
# invited by hand.
ALLOCATED_ROLES: Final = frozenset({"social_worker", "team_manager", "iro"})


class Frequency:
    NONE: Final = "none"
    DAILY: Final = "daily"
    WEEKLY: Final = "weekly"


FREQUENCIES: Final = (
    (Frequency.NONE, "No digest"),
    (Frequency.DAILY, "Daily: what is overdue or due by tomorrow"),
    (Frequency.WEEKLY, "Weekly, on Mondays: what is overdue or due in the next 7 days"),
)
# How far ahead a digest looks, in days from the day it is sent.
DIGEST_HORIZON_DAYS: Final = {Frequency.DAILY: 1, Frequency.WEEKLY: 7}
# The procedures are silent on when a weekly digest goes: Monday, the start of the working week
# (check).
WEEKLY_DIGEST_WEEKDAY: Final = 0


def digest_due_on(frequency: str, day: dt.date) -> bool:
    """Whether a person who chose ``frequency`` gets a digest on ``day``: every day for daily,
    Mondays for weekly, never for none."""
    if frequency == Frequency.DAILY:
        return True
    if frequency == Frequency.WEEKLY:
        return day.weekday() == WEEKLY_DIGEST_WEEKDAY
    return False


def digest_until(frequency: str, day: dt.date) -> dt.date:
    """The last day a digest sent on ``day`` covers."""
    return day + dt.timedelta(days=DIGEST_HORIZON_DAYS[frequency])


def render(key: str, personalisation: dict[str, str]) -> tuple[str, str]:
    """The subject and body of ``key`` with its placeholders filled, as Notify fills them. A
    placeholder with no value is an error (Notify refuses such a message too)."""
    template = TEMPLATES[key]
    missing = [name for name in template.fields if name not in personalisation]
    if missing:
        raise KeyError(f"{key}: no value for {', '.join(missing)}")

    def fill(text: str) -> str:
        return PLACEHOLDER.sub(lambda m: str(personalisation[m.group(1)]), text)

    return fill(template.subject), fill(template.body)
