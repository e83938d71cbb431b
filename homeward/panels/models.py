"""The Achieving Early Permanence Panel's records: each sitting, the children referred to it, and
what the panel agreed for each child (Dudley quick reference guide, 001_d6c3849112f62e7d.txt,
'Achieving early permanence panel' and 'Outcomes from meeting').

When the panel sits comes from ``homeward.domain.panels``; the rules that need more than one
row (the cut-off, the 6-week first PPM from the timescales engine) live in ``services``.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q

from homeward.children.models import Child, JourneyEvent
from homeward.domain import panels as domain


class Panel(models.Model):
    """One sitting of the panel. Created when the first child is referred to it."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", "Scheduled"
        HELD = "held", "Held"

    date = models.DateField("Panel date", unique=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SCHEDULED)
    # A sitting that took place on another day than its scheduled ``date`` (moved for a bank
    # holiday, or heard at an extraordinary sitting), recorded after the event: the panel's
    # journey events and the 6-week first PPM count from this day.
    held_on = models.DateField("Date the panel sat", null=True, blank=True)
    held_reason = models.TextField("Why the panel sat on that day", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date"]
        verbose_name = "early permanence panel"

    def __str__(self) -> str:
        return f"Achieving Early Permanence Panel on {domain.govuk_day(self.date)}"

    @property
    def sat_on(self) -> dt.date:
        """The day the panel sat (or will sit): its real date where one was recorded."""
        return self.held_on or self.date


class Referral(models.Model):
    """A child on a panel's list, and how they came to it (001_d6c3849112f62e7d.txt 'Legal
    Gateway Panel / Notification via weekly admissions report')."""

    class Route(models.TextChoices):
        LEGAL_GATEWAY = domain.LEGAL_GATEWAY, domain.ROUTES[domain.LEGAL_GATEWAY].label
        WEEKLY_ADMISSIONS = (
            domain.WEEKLY_ADMISSIONS,
            domain.ROUTES[domain.WEEKLY_ADMISSIONS].label,
        )

    panel = models.ForeignKey(Panel, on_delete=models.PROTECT, related_name="referrals")
    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="aepp_referrals")
    route = models.CharField("How the child was referred", max_length=20, choices=Route.choices)
    referred_at = models.DateTimeField(
        help_text="When the referral was made; after the panel's cut-off it is late."
    )
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    is_late = models.BooleanField(
        "Late referral",
        default=False,
        help_text="Made after the sitting's referral cut-off (by default 5pm on the Wednesday "
        "before, 001_d6c3849112f62e7d.txt; the installation may set another).",
    )
    late_reason = models.TextField("Why the referral is late", blank=True)
    # Moved to another sitting (the panel's day changed, or the child is not ready): the panel it
    # was on before and why. Each move is audited with the values before and after.
    moved_from = models.DateField("Moved from the panel on", null=True, blank=True)
    move_reason = models.TextField("Why the referral was moved", blank=True)
    # Withdrawn: the child no longer comes to the panel. Kept, with who withdrew it and why.
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    withdrawal_reason = models.TextField("Why the referral was withdrawn", blank=True)

    class Meta:
        ordering = ["panel", "child__last_name", "child__first_name", "child__child_id"]
        constraints = [
            # A withdrawn referral leaves the list: the child may be referred to that panel again.
            models.UniqueConstraint(
                fields=["panel", "child"],
                condition=Q(withdrawn_at__isnull=True),
                name="one_referral_per_child_panel",
            ),
            models.CheckConstraint(
                condition=Q(withdrawn_at__isnull=True) | ~Q(withdrawal_reason=""),
                name="withdrawn_referral_says_why",
                violation_error_message="Enter why the referral is withdrawn",
            ),
            models.CheckConstraint(
                condition=Q(moved_from__isnull=True) | ~Q(move_reason=""),
                name="moved_referral_says_why",
                violation_error_message="Enter why the referral is moved",
            ),
            models.CheckConstraint(
                condition=Q(is_late=False) | ~Q(late_reason=""),
                name="late_referral_says_why",
                violation_error_message="Enter why the referral is late",
            ),
        ]
        verbose_name = "early permanence panel referral"

    def __str__(self) -> str:
        return f"{self.child.child_id} to the AEPP on {self.panel.date}"

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None

    def clean(self) -> None:
        if self.is_late and not self.late_reason.strip():
            raise ValidationError({"late_reason": "Enter why the referral is late"})
        if not self.is_late and self.late_reason.strip():
            raise ValidationError(
                {"late_reason": "Only a late referral needs a reason: clear it, or mark it late"}
            )


class Outcome(models.Model):
    """What the panel agreed for one child (001_d6c3849112f62e7d.txt 'Outcomes from meeting').
    Recording it records that the panel considered the child (JourneyEvent ``aepp_held``)."""

    class PathwayChoice(models.TextChoices):
        FOSTERING = domain.FOSTERING, domain.PATHWAYS[domain.FOSTERING].label
        ADOPTION = domain.ADOPTION, domain.PATHWAYS[domain.ADOPTION].label
        SPECIAL_GUARDIANSHIP = (
            domain.SPECIAL_GUARDIANSHIP,
            domain.PATHWAYS[domain.SPECIAL_GUARDIANSHIP].label,
        )

    referral = models.OneToOneField(Referral, on_delete=models.CASCADE, related_name="outcome")
    pathway = models.CharField(max_length=30, choices=PathwayChoice.choices)
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="Family finder or SGO social worker allocated",
        on_delete=models.PROTECT,
        related_name="aepp_allocations",
    )
    first_ppm_date = models.DateField(
        "Date of the first permanence planning meeting",
        help_text="Within 6 weeks of the panel (001_d6c3849112f62e7d.txt 'Achieving early "
        "permanence panel').",
    )
    notes = models.TextField("Discussion and next steps", blank=True)
    journey_event = models.OneToOneField(
        JourneyEvent,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The 'AEPP considered the child' event the timescales engine counts.",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "early permanence panel outcome"

    def __str__(self) -> str:
        return f"{self.get_pathway_display()} for {self.referral.child.child_id}"

    @property
    def pathway_info(self) -> domain.Pathway:
        return domain.PATHWAYS[self.pathway]


# The panel's own records (issue 18 item 8) ----------------------------------------------------


class SittingAttendance(models.Model):
    """Who sat on one sitting of the panel, in which place its procedure names, or sent
    apologies (001_d6c3849112f62e7d.txt 'Achieving early permanence panel': "Panel
    representation will comprise of ..."). The places are data per council
    (``homeward.domain.panels.RECORDS``)."""

    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="attendance")
    seat = models.CharField("Their place on the panel", max_length=40)
    name = models.CharField(
        "Their name", max_length=200, error_messages={"blank": "Enter their name"}
    )
    attended = models.BooleanField("Did they attend?")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["panel", "-attended", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["panel", "name"],
                name="one_attendance_per_name_per_sitting",
                violation_error_message="This person is already recorded for this sitting",
            )
        ]
        verbose_name = "early permanence panel attendance"

    def __str__(self) -> str:
        return f"{self.name} ({'attended' if self.attended else 'apologies'}) at {self.panel}"


class RecruitmentNeed(models.Model):
    """A recruitment need the panel raised at a sitting, for the fostering or adoption
    recruitment team (000_f860603ee99ef2b2.txt 'Fostering Recruitment, Assessment and
    Training': the team "contributes to the Achieving Early Permanence Panel to identify
    specific recruitment needs"). Names no child: it goes to the recruitment teams, who have
    no need to know the children."""

    panel = models.ForeignKey(Panel, on_delete=models.PROTECT, related_name="recruitment_needs")
    team = models.CharField("For which recruitment team", max_length=20)
    need = models.CharField("The need", max_length=30)
    children = models.PositiveSmallIntegerField(
        "How many children it was raised for",
        default=1,
        validators=[MinValueValidator(1)],
    )
    description = models.TextField(
        "What carers are needed",
        error_messages={"blank": "Enter what carers are needed"},
        help_text="For example: adopters for two brothers aged 5 and 7 who must live together. "
        "Do not name the children.",
    )
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    raised_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["panel", "pk"]
        indexes = [models.Index(fields=["team", "need"])]
        verbose_name = "recruitment need raised at the early permanence panel"

    def __str__(self) -> str:
        return f"{self.need} for {self.team} at {self.panel}"
