"""What the Legal process and Support after the order pages show: a constant number of queries
however much is recorded."""

from __future__ import annotations

import datetime as dt
from typing import Any

from homeward.children.models import Child, SignOff
from homeward.domain import legal as rules
from homeward.domain import sign_offs as sign_off_rules
from homeward.domain.meetings import meeting_types
from homeward.legal.models import CourtFiling, LegalConsultation, PreProceedingsStep, SupportPlan
from homeward.meetings.models import Meeting
from homeward.timescales.models import Expectation

PRE_PROCEEDINGS_RULES = ("pre-proceedings-16-weeks",)
SUPPORT_RULES = ("support-plan-review", "kinship-first-year-review")
# The meetings of the legal process (meeting types as data, rules/meetings/).
LEGAL_MEETINGS = (
    "legal_planning_meeting",
    "legal_gateway_panel",
    "pre_proceedings_meeting",
    "legal_clinic",
    "case_management_review_panel",
)
SUPPORT_MEETINGS = ("special_guardianship_panel",)
PROPER = ("Legal Gateway", "Special")  # names that keep their capital letter


def _meetings(child: Child, types: tuple[str, ...]) -> list[Meeting]:
    return list(
        Meeting.objects.filter(child=child, type__in=types)
        .exclude(status="cancelled")
        .order_by("-held_on", "-planned_on", "-pk")
    )


def _names(council: str, types: tuple[str, ...]) -> str:
    """The council's meeting types among ``types``, in words: "a legal planning meeting, ... or
    a pre-proceedings meeting"."""
    names = [t.name for t in meeting_types(council) if t.key in types]
    names = [
        n[0].lower() + n[1:] if not n.startswith(("Legal Gateway", "Special")) else n for n in names
    ]
    words = ", ".join(names[:-1]) + (" or " if len(names) > 1 else "") + names[-1]
    return "a " + words if names else ""


def legal_page(child: Child, *, council: str, today: dt.date) -> dict[str, Any]:
    """Pre-proceedings, the meetings of the legal process, the court's filing dates and (where
    the council funds one) family members' legal consultations. Six queries."""
    filings = list(CourtFiling.objects.filter(child=child).order_by("due_on", "pk"))
    practice = rules.practice(council)
    return {
        "plo_started": child.events.filter(kind="plo_started").order_by("-date").first(),
        "steps": list(PreProceedingsStep.objects.filter(child=child).order_by("date", "pk")),
        "meetings": _meetings(child, LEGAL_MEETINGS),
        "deadlines": list(
            Expectation.objects.filter(child=child, rule_id__in=PRE_PROCEEDINGS_RULES)
            .as_of(today)
            .order_by("-due")
        ),
        "filings": [
            (
                f,
                rules.filing_status(rules.Filing(f.kind, f.due_on, f.filed_on), today),
            )
            for f in filings
        ],
        "filing_source": rules.FILING_SOURCE,
        "consultations": list(LegalConsultation.objects.filter(child=child))
        if practice.family_legal_consultation_source
        else [],
        "practice": practice,
        "meeting_names": _names(council, LEGAL_MEETINGS),
        "entry_sign_offs": [
            (s, sign_off_rules.status(s.agreed, sign_off_rules.PROCEEDINGS_ENTRY))
            for s in SignOff.objects.filter(
                child=child, kind=sign_off_rules.PROCEEDINGS_ENTRY.slug
            ).order_by("-requested_on", "-pk")
        ],
    }


def support_page(child: Child, *, council: str, today: dt.date) -> dict[str, Any]:
    """The support plans after an order with their reviews, the deadlines they set, the Special
    Guardianship Panel (Durham) and the prompt to explore a special guardianship order."""
    events = list(child.events.values_list("date", "kind"))
    return {
        "plans": list(
            SupportPlan.objects.filter(child=child)
            .prefetch_related("reviews")
            .order_by("-agreed_on", "-pk")
        ),
        "deadlines": list(
            Expectation.objects.filter(child=child, rule_id__in=SUPPORT_RULES)
            .as_of(today)
            .order_by("-due")
        ),
        "meetings": _meetings(child, SUPPORT_MEETINGS),
        "explore_sgo": rules.explore_sgo(events),
        "practice": rules.practice(council),
    }
