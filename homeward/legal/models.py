"""The legal process beyond the 26 weeks, and support after permanence (issue 18 items 4, 7).

Each record that stands for a dated fact on the child's journey owns its journey event (as
``planning.CareProceedings`` does), so the stored timescales count from it: the letter before
proceedings, the end of pre-proceedings, a support plan agreed, a review, a welfare check.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from homeward.children.models import Child, JourneyEvent
from homeward.domain import legal as rules


def _event() -> models.OneToOneField:
    return models.OneToOneField(
        JourneyEvent, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )


def _by() -> models.ForeignKey:
    return models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )


class PreProceedingsStep(models.Model):
    """A step of pre-proceedings under the Public Law Outline: the letter before proceedings
    sent to the parents, or pre-proceedings ended without an application (the meetings are
    meeting types: the pre-proceedings meeting, Durham's legal clinic and review panel)."""

    class Kind(models.TextChoices):
        LETTER = "letter_before_proceedings", "Letter before proceedings sent to the parents"
        ENDED = "pre_proceedings_ended", "Pre-proceedings ended without an application to court"

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="pre_proceedings")
    kind = models.CharField(max_length=40, choices=Kind.choices)
    date = models.DateField()
    notes = models.TextField(blank=True)
    recorded_by = _by()
    recorded_at = models.DateTimeField(auto_now_add=True)
    journey_event = _event()

    class Meta:
        ordering = ["child", "date", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.date:%d/%m/%Y}"


class CourtFiling(models.Model):
    """A date the court set for the council to file something (a statement, the care plan, the
    final evidence with its recommendation to the court), and when it was filed."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="court_filings")
    kind = models.CharField(max_length=20, choices=list(rules.FILING_KINDS.items()))
    due_on = models.DateField("Date the court set for filing")
    filed_on = models.DateField("Date filed", null=True, blank=True)
    recommendation = models.TextField("The council's recommendation to the court", blank=True)
    recorded_by = _by()
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["child", "due_on", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} due {self.due_on:%d/%m/%Y}"


class LegalConsultation(models.Model):
    """A council-funded first legal consultation offered to a family member considering a child
    arrangements or special guardianship order (Dudley: 000 'Child Arrangements Orders and
    Special Guardianship Orders')."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="legal_consultations")
    family_member = models.CharField("Family member", max_length=120)
    relationship = models.CharField("Relationship to the child", max_length=80, blank=True)
    offered_on = models.DateField("Date offered")
    taken_up_on = models.DateField("Date of the consultation", null=True, blank=True)
    recorded_by = _by()
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["child", "offered_on", "pk"]

    def __str__(self) -> str:
        return f"Legal consultation offered to {self.family_member}"


class SupportPlan(models.Model):
    """The support plan after a special guardianship, adoption or child arrangements order:
    the support services, the allowance (Dudley: considered by the Access to Resources Panel),
    and its reviews, so that the child's record does not end at the order."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="support_plans")
    order_kind = models.CharField(
        "The order it follows", max_length=24, choices=list(rules.ORDER_KINDS.items())
    )
    order_made_on = models.DateField("Date of the order", null=True, blank=True)
    agreed_on = models.DateField("Date the plan was agreed")
    carers = models.CharField("The carers it supports", max_length=200, blank=True)
    services = models.TextField("Support the plan gives")
    allowance = models.CharField(
        "Allowance", max_length=10, choices=list(rules.ALLOWANCE_DECISIONS.items()), default="none"
    )
    allowance_panel_on = models.DateField("Date the panel decided", null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True)
    recorded_by = _by()
    recorded_at = models.DateTimeField(auto_now_add=True)
    journey_event = _event()

    class Meta:
        ordering = ["child", "-agreed_on", "pk"]

    def __str__(self) -> str:
        return f"Support plan after {self.get_order_kind_display().lower()}"


class SupportPlanReview(models.Model):
    """A review of a support plan, or (Durham) a welfare check by the Kinship Care & Support
    Team after the Special Guardianship Panel's approval."""

    class Kind(models.TextChoices):
        REVIEW = "support_plan_reviewed", "Review of the support plan"
        WELFARE_CHECK = "kinship_welfare_check", "Welfare check (Kinship Care & Support Team)"

    plan = models.ForeignKey(SupportPlan, on_delete=models.CASCADE, related_name="reviews")
    kind = models.CharField(max_length=30, choices=Kind.choices, default=Kind.REVIEW)
    held_on = models.DateField("Date held")
    notes = models.TextField("What was reviewed and decided")
    recorded_by = _by()
    recorded_at = models.DateTimeField(auto_now_add=True)
    journey_event = _event()

    class Meta:
        ordering = ["plan", "-held_on", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.held_on:%d/%m/%Y}"
