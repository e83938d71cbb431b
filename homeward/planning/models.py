"""Twin-track permanence planning on a child's record: the options explored at once, every change
of status with who, when and why, the criteria that support a decision, adoption's "nothing else
will do" reasoning and ADM decision, the duty to consider foster for adoption, the agreed
permanence plan (versioned), assessments, permanence achieved and learning from unplanned endings.

The rules live in ``homeward.domain.permanence``; the writes, each one transaction, in
``homeward.planning.services``.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone

from homeward.children.models import Child, JourneyEvent
from homeward.domain import my_plan
from homeward.domain import permanence as rules

OPTION_KIND_CHOICES = [(kind.key, kind.label) for kind in rules.OPTION_KINDS]
STATUS_CHOICES = [(status.value, status.label) for status in rules.OptionStatus]
ROUTE_CHOICES = [(route.key, route.label) for route in rules.LEGAL_ROUTES]
ASSESSMENT_CHOICES = [(kind.key, kind.label) for kind in rules.ASSESSMENT_KINDS]
OUTCOME_CHOICES = [(outcome.value, outcome.label) for outcome in rules.Outcome]
MET_CHOICES = [(met.value, met.label) for met in rules.Met]
CRITERION_CHOICES = [(key, criterion.text) for key, criterion in rules.CRITERIA_BY_KEY.items()]


class AppendOnly(Exception):
    """History that cannot be rewritten: a status change, a plan version."""


class PermanenceOption(models.Model):
    """One realistic route to permanence being explored for a child (DV 'Options for
    permanence'; DU section 4). One row per child and kind: its status changes over time."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="permanence_options")
    kind = models.CharField("Option", max_length=30, choices=OPTION_KIND_CHOICES)
    status = models.CharField(
        max_length=20, choices=STATUS_CHOICES, default=rules.OptionStatus.TO_EXPLORE.value
    )
    next_step = models.CharField(
        max_length=300, blank=True, help_text="What happens next to explore it, and who does it."
    )
    # What speaks for and against it (DV 'Guiding Principles': consider the strengths and risks
    # of each option; rules.strengths_and_risks_problems).
    strengths = models.TextField(blank=True)
    risks = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["child", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["child", "kind"], name="one_option_of_each_kind")
        ]
        verbose_name = "permanence option"

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.get_status_display()}"

    @property
    def kind_info(self) -> rules.OptionKind:
        return rules.KINDS[self.kind]

    @property
    def state(self) -> rules.OptionState:
        return rules.OptionState(self.kind, rules.OptionStatus(self.status))

    @property
    def position(self) -> int:
        """Where it sits among the options, in the order the procedures list them."""
        return list(rules.KINDS).index(self.kind)


class OptionChange(models.Model):
    """One change of an option's status: append-only, so the history says who moved it, when
    and why, and who signed off a rule-out (DS objective 7)."""

    option = models.ForeignKey(PermanenceOption, on_delete=models.CASCADE, related_name="changes")
    from_status = models.CharField(max_length=20, choices=STATUS_CHOICES, blank=True)
    to_status = models.CharField(max_length=20, choices=STATUS_CHOICES)
    reason = models.TextField()
    # PROTECT, here and on signed_off_by: the history names who moved an option and who signed a
    # rule-out off, so a staff account with history is deactivated, never deleted (a deleted
    # signer would also break a_rule_out_is_signed_off below).
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    # When it was recorded (a default rather than auto_now_add, so the demo can date its history).
    at = models.DateTimeField(default=timezone.now, editable=False)
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The team manager or service manager who signed off a rule-out.",
    )
    assessment = models.ForeignKey(
        "Assessment", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    plan = models.ForeignKey(
        "PermanencePlan", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["option", "-at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(to_status=rules.OptionStatus.RULED_OUT.value)
                | Q(signed_off_by__isnull=False),
                name="a_rule_out_is_signed_off",
            )
        ]

    def __str__(self) -> str:
        return f"{self.option}: {self.from_status or 'added'} → {self.to_status}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnly("A change of status is history: record a new change instead.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnly("A change of status is history and cannot be deleted.")


class CriterionCheck(models.Model):
    """Whether one of the Dudley quick reference guide's criteria is met for an option, and the
    evidence (DQ 'Identifying the right Permanence Plan'): decision support, not a decision."""

    option = models.ForeignKey(PermanenceOption, on_delete=models.CASCADE, related_name="criteria")
    criterion = models.CharField(max_length=40, choices=CRITERION_CHOICES)
    met = models.CharField(max_length=10, choices=MET_CHOICES, default=rules.Met.UNKNOWN.value)
    evidence = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["option", "criterion"]
        constraints = [
            models.UniqueConstraint(fields=["option", "criterion"], name="one_answer_a_criterion")
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.met}"


class AdoptionDecision(models.Model):
    """What must be recorded before adoption can be the preferred plan: why nothing else will do
    (Re B [2013] UKSC 33; DU section 4 'Adoption') and the agency decision maker's decision."""

    class AdmOutcome(models.TextChoices):
        SHOULD_BE_PLACED = "should_be_placed", "Should be placed for adoption"
        NOT_AGREED = "not_agreed", "Not agreed: the child should not be placed for adoption"

    child = models.OneToOneField(Child, on_delete=models.CASCADE, related_name="adoption_decision")
    nothing_else_will_do = models.TextField(
        "Why nothing else will do",
        blank=True,
        help_text="The realistic options considered and why none but adoption meets the "
        "child's needs (Re B [2013] UKSC 33).",
    )
    adm_name = models.CharField("Agency decision maker", max_length=200, blank=True)
    adm_decided_on = models.DateField("Date of the decision", null=True, blank=True)
    adm_outcome = models.CharField(
        "Agency decision maker's decision", max_length=20, choices=AdmOutcome.choices, blank=True
    )
    journey_event = models.OneToOneField(
        JourneyEvent, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Adoption decision for {self.child.child_id}"

    @property
    def adm_decided(self) -> bool:
        return self.adm_outcome == self.AdmOutcome.SHOULD_BE_PLACED and bool(self.adm_decided_on)


class FosterForAdoptionConsideration(models.Model):
    """The local authority's duty, when considering adoption, to consider a connected-person
    foster parent and then foster for adoption carers (Children Act 1989 s22C(9A)-(9C))."""

    class Decision(models.TextChoices):
        FOSTER_FOR_ADOPTION = (
            "foster_for_adoption",
            "Place with foster for adoption carers (approved as prospective adopters)",
        )
        CONNECTED_CARER = "connected_carer", "Place with a connected-person foster parent"
        NEITHER = "neither", "Neither is the most appropriate placement now"
        DOES_NOT_APPLY = (
            "does_not_apply",
            "The duty does not apply: an application for a placement order was refused",
        )

    child = models.OneToOneField(Child, on_delete=models.CASCADE, related_name="ffa_consideration")
    considered_on = models.DateField("Date considered")
    connected_carer_considered = models.TextField(
        "Connected-person foster parents considered",
        help_text="Who in the family and friends network was considered first, and the outcome "
        "(s22C(9B)(b)).",
    )
    decision = models.CharField(max_length=30, choices=Decision.choices)
    reasons = models.TextField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "foster for adoption consideration"

    def __str__(self) -> str:
        return f"Foster for adoption considered for {self.child.child_id}"


class PermanencePlan(models.Model):
    """The agreed, written permanence plan (DS objective 7), versioned: a changed plan is a new
    version, and earlier versions stay as they were agreed."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="permanence_plans")
    version = models.PositiveIntegerField()
    preferred_option = models.ForeignKey(
        PermanenceOption, on_delete=models.RESTRICT, related_name="+"
    )
    contingencies = models.ManyToManyField(PermanenceOption, blank=True, related_name="+")
    legal_route = models.CharField(max_length=30, choices=ROUTE_CHOICES)
    support_plan = models.TextField()
    agreed_on = models.DateField("Date agreed")
    agreed_by = models.CharField(
        "Agreed at or by",
        max_length=200,
        help_text="The meeting or review that agreed it, e.g. the second Child in Care review.",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    journey_event = models.OneToOneField(
        JourneyEvent, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["child", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["child", "version"], name="one_plan_per_version")
        ]

    def __str__(self) -> str:
        return f"Permanence plan version {self.version} for {self.child.child_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnly("An agreed plan is not changed: agree a new version instead.")
        super().save(*args, **kwargs)


class PermanenceAchieved(models.Model):
    """The child is living in their permanent home: by which option, on which date, by which
    order (DS: "living with their forever family under a forever order")."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="permanence_achieved")
    option = models.ForeignKey(
        PermanenceOption, on_delete=models.RESTRICT, related_name="+", verbose_name="Route"
    )
    legal_route = models.CharField("Order", max_length=30, choices=ROUTE_CHOICES)
    achieved_on = models.DateField("Date permanence was achieved")
    notes = models.TextField(blank=True)
    journey_event = models.OneToOneField(
        JourneyEvent, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["child", "-achieved_on", "-pk"]
        verbose_name = "permanence achieved"
        verbose_name_plural = "permanence achieved"

    def __str__(self) -> str:
        return f"Permanence for {self.child.child_id} on {self.achieved_on}"


class LearningReview(models.Model):
    """A permanent home that ended unplanned, and the learning meeting held about it (DV
    'Guiding Principles': non-blaming 'Learning' meetings, the learning recorded and shared)."""

    achieved = models.OneToOneField(
        PermanenceAchieved, on_delete=models.CASCADE, related_name="ending"
    )
    ended_on = models.DateField("Date it ended")
    what_happened = models.TextField("What happened")
    review_held_on = models.DateField("Date of the learning review", null=True, blank=True)
    learning = models.TextField("What was learned", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Unplanned ending on {self.ended_on}"


# An assessment still to come in: neither completed nor cancelled. The one definition of open
# assessment work: ``AssessmentQuerySet.still_due`` and the partial indexes below both use it.
ASSESSMENT_STILL_DUE = Q(completed_on__isnull=True, cancelled=False)


class AssessmentQuerySet(models.QuerySet["Assessment"]):
    def still_due(self) -> AssessmentQuerySet:
        """Assessments neither completed nor cancelled (``ASSESSMENT_STILL_DUE``)."""
        return self.filter(ASSESSMENT_STILL_DUE)


class Assessment(models.Model):
    """An assessment that informs an option: who does it, when it was requested and is due,
    when it was completed and what it found. Its status comes from the timescales engine's
    ``task_status``, so it is overdue like any other deadline."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="assessments")
    kind = models.CharField("Assessment", max_length=40, choices=ASSESSMENT_CHOICES)
    option = models.ForeignKey(
        PermanenceOption,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assessments",
        verbose_name="Option it informs",
    )
    assessor = models.CharField(
        "Who is doing it", max_length=200, help_text="A person, team or commissioned service."
    )
    requested_on = models.DateField("Date requested")
    due_on = models.DateField("Date due")
    completed_on = models.DateField("Date completed", null=True, blank=True)
    outcome = models.CharField(max_length=20, choices=OUTCOME_CHOICES, blank=True)
    outcome_summary = models.TextField("What it found", blank=True)
    cancelled = models.BooleanField("No longer needed", default=False)
    journey_event = models.OneToOneField(
        JourneyEvent, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["child", "due_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(completed_on__isnull=True)
                | Q(completed_on__gte=models.F("requested_on")),
                name="assessment_completed_after_requested",
            ),
            models.CheckConstraint(
                condition=Q(due_on__gte=models.F("requested_on")),
                name="assessment_due_after_requested",
            ),
        ]
        indexes = [
            # My work and drift: assessments still to come in, by date and per child.
            models.Index(
                fields=["due_on"],
                condition=ASSESSMENT_STILL_DUE,
                name="assessment_open_due",
            ),
            models.Index(
                fields=["child", "due_on"],
                condition=ASSESSMENT_STILL_DUE,
                name="assessment_child_open_due",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.child.child_id}"

    @property
    def kind_info(self) -> rules.AssessmentKind:
        return rules.ASSESSMENTS[self.kind]

    def clean(self) -> None:
        """The dates in order, with messages naming the field (the constraints above are the
        database's backstop)."""
        errors: dict[str, list[str]] = {}
        for problem in rules.assessment_problems(
            requested_on=self.requested_on,
            due_on=self.due_on,
            completed_on=self.completed_on,
            outcome=self.outcome,
            today=timezone.localdate(),
        ):
            errors.setdefault(problem.field, []).append(problem.message)
        if errors:
            raise ValidationError(errors)


class CareProceedings(models.Model):
    """Care proceedings for a child: the day the application was issued, from which the 26 weeks
    of the Children Act 1989 s32(1)(a) run. Recording it records the ``proceedings_issued``
    journey event (owned here), so the engine counts from it."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="care_proceedings")
    issued_on = models.DateField(
        "Date the application was issued",
        help_text="The court's issue date on the application (form C110A), day 1 of the 26 weeks.",
    )
    court_reference = models.CharField("Court case number", max_length=40, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    journey_event = models.OneToOneField(
        JourneyEvent, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["child", "-issued_on"]
        verbose_name = "care proceedings record"
        verbose_name_plural = "care proceedings"

    def __str__(self) -> str:
        return f"Care proceedings issued {self.issued_on:%d/%m/%Y} ({self.child.child_id})"


class ProceedingsExtension(models.Model):
    """An extension of the proceedings' timetable by the court (Children Act 1989 s32(5)): at
    most 8 weeks each (s32(8)), never routinely and with specific justification (s32(7)). It
    records the ``proceedings_extended`` journey event with its weeks, which moves the deadline."""

    proceedings = models.ForeignKey(
        CareProceedings, on_delete=models.CASCADE, related_name="extensions"
    )
    granted_on = models.DateField("Date the court granted the extension")
    weeks = models.PositiveSmallIntegerField("Extended by (weeks)")
    reason = models.TextField("Why the court extended the timetable")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    journey_event = models.OneToOneField(
        JourneyEvent, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["proceedings", "granted_on", "pk"]
        verbose_name = "extension of care proceedings"

    def __str__(self) -> str:
        return f"Extension of {self.weeks} weeks granted {self.granted_on:%d/%m/%Y}"


# "My plan": the child's own version of their plan (issue 17 item 1; homeward.domain.my_plan).

MY_PLAN_SECTION_CHOICES = [(s.key, s.headings[my_plan.Band.EIGHT_TO_12]) for s in my_plan.SECTIONS]
MY_PLAN_BAND_CHOICES = [(band.value, band.label) for band in my_plan.Band]


class MyPlanSection(models.Model):
    """One section of the child's plan as the social worker wrote it (the draft): their words, or
    left out. A section no one has saved is not checked, and nothing is shared until every
    section is checked or left out (issue 17: "the social worker edits every section before it
    is shared")."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="my_plan_sections")
    section = models.CharField(max_length=20, choices=MY_PLAN_SECTION_CHOICES)
    text = models.TextField(blank=True)
    left_out = models.BooleanField("Leave this section out", default=False)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    checked_at = models.DateTimeField()

    class Meta:
        ordering = ["child", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["child", "section"], name="one_my_plan_section_each")
        ]

    def __str__(self) -> str:
        return f"My plan {self.section} for {self.child.child_id}"


class MyPlanVersion(models.Model):
    """A version of the child's plan as it was shared: the words of each section kept as shared
    (never changed), who shared it, with whom and on what date, its PDF in the documents store,
    and the journey event "plan shared with the child"."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="my_plan_versions")
    version = models.PositiveIntegerField()
    band = models.CharField("Age band", max_length=10, choices=MY_PLAN_BAND_CHOICES)
    sections = models.JSONField(help_text='[{"key", "heading", "icon", "text"}] as shared.')
    glossary = models.JSONField(help_text='[["term", "meaning"]] as shared.')
    shared_on = models.DateField("Date shared")
    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    with_carer = models.CharField(
        "Also shared with",
        max_length=200,
        blank=True,
        help_text="The carer it was shared with as well, if any (the child always).",
    )
    document = models.ForeignKey(
        "documents.Document", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    journey_event = models.OneToOneField(
        JourneyEvent, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["child", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["child", "version"], name="one_my_plan_per_version")
        ]

    def __str__(self) -> str:
        return f"My plan version {self.version} for {self.child.child_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnly("A shared plan is kept as it was shared: share a new version.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnly("A shared plan is kept as it was shared.")

    @property
    def shared_with(self) -> str:
        return f"{self.child.preferred_name or self.child.first_name}" + (
            f" and {self.with_carer}" if self.with_carer else ""
        )
