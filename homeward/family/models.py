"""Siblings, family time and the child's voice (issue 6, items 5 to 7).

Each rule a model checks cites the procedure it comes from (shared/seeds/: DS Dudley Permanence
Strategy, DU Durham Early Permanence Planning Strategy, DM Dudley Child Permanence Meetings
overview, DV Devon Permanence Matters); the rules themselves live in ``homeward.domain``.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from homeward.children.models import Child, JourneyEvent, PersonInChildsLife, SiblingGroup
from homeward.domain import family_time, genogram, voice
from homeward.domain.calendar import govuk_date

User = settings.AUTH_USER_MODEL


def _not_future(value: dt.date | None, label: str, errors: dict[str, str], field: str) -> None:
    if value and value > timezone.localdate():
        errors.setdefault(field, f"{label} must be today or in the past")


def _only_spaces(value: str) -> bool:
    """Filled with nothing but spaces: Django's own blank check (and the forms, which strip)
    catch an empty value; this catches what gets past them."""
    return bool(value) and not value.strip()


# Siblings ------------------------------------------------------------------------------------


class PlacedTogether(models.TextChoices):
    TOGETHER = "together", "Yes, they live together"
    APART = "apart", "No, they live apart"
    NOT_PLACED = "not_placed", "Not both in a placement (at home, or not looked after)"


class TogetherApartDecision(models.TextChoices):
    TOGETHER = "together", "Place together"
    APART = "apart", "Place apart"
    NOT_DECIDED = "not_decided", "Not decided yet"


class SiblingPairDecisionQuerySet(models.QuerySet["SiblingPairDecision"]):
    def update(self, **kwargs: object) -> int:
        raise TypeError("Sibling decisions are append-only: record a new decision instead")


class SiblingPairDecision(models.Model):
    """For two brothers or sisters in a sibling group: whether they live together now, the
    together and apart assessment, and the decision with its reasons (DU 'Sibling Assessment';
    DS objective 9). Append-only: a new decision is a new row with the next version, so the
    history of decisions for the pair is kept; the highest version is the current decision."""

    group = models.ForeignKey(SiblingGroup, on_delete=models.CASCADE, related_name="decisions")
    child_a = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="+")
    child_b = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="+")
    version = models.PositiveIntegerField(default=1)
    placed = models.CharField(
        "Do they live together now?", max_length=12, choices=PlacedTogether.choices
    )
    assessment_on = models.DateField(
        "Together and apart assessment completed on",
        null=True,
        blank=True,
        help_text="Needed for a decision to place apart (DU 'Sibling Assessment').",
    )
    assessed_by = models.CharField(
        "Assessment completed by",
        max_length=200,
        blank=True,
        help_text="Name and role, for example the social worker or the sibling assessor.",
    )
    decision = models.CharField("Decision", max_length=12, choices=TogetherApartDecision.choices)
    reasons = models.TextField(
        "Reasons for the decision",
        blank=True,
        help_text="Written so the decision can be explained to the children.",
    )
    childrens_views = models.TextField("What the children said about it", blank=True)
    # The factors Durham names for the decision where adoption is an option ('Sibling
    # Assessment'): attachment, each child's health needs, and each child's view (above).
    attachment = models.TextField(
        "Whether the children have formed an attachment",
        blank=True,
        help_text="To each other: the nature of the sibling group.",
    )
    health_needs = models.TextField("The health needs of each child", blank=True)
    decided_by = models.CharField(
        "Decided by",
        max_length=200,
        blank=True,
        help_text="Who made the decision, or the meeting or panel that made it.",
    )
    decided_on = models.DateField("Date of the decision", null=True, blank=True)
    recorded_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = SiblingPairDecisionQuerySet.as_manager()

    class Meta:
        ordering = ["child_a", "child_b", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["child_a", "child_b", "version"], name="one_decision_per_pair_version"
            ),
            models.CheckConstraint(
                condition=Q(child_a__lt=F("child_b")), name="sibling_pair_in_key_order"
            ),
        ]
        indexes = [models.Index(fields=["group", "child_a", "child_b"])]

    def __str__(self) -> str:
        return (
            f"{self.get_decision_display()} ({self.child_a_id} and {self.child_b_id}, "
            f"version {self.version})"
        )

    def save(self, *args: object, **kwargs: object) -> None:
        if not self._state.adding:
            raise TypeError("Sibling decisions are append-only: record a new decision instead")
        super().save(*args, **kwargs)

    def other(self, child: Child) -> int:
        return self.child_b_id if child.pk == self.child_a_id else self.child_a_id

    def clean(self) -> None:
        errors: dict[str, str] = {}
        decided = self.decision in {TogetherApartDecision.TOGETHER, TogetherApartDecision.APART}
        _not_future(self.assessment_on, "The assessment date", errors, "assessment_on")
        _not_future(self.decided_on, "The date of the decision", errors, "decided_on")
        if self.assessed_by.strip() and not self.assessment_on:
            errors.setdefault("assessment_on", "Enter the date the assessment was completed")
        if self.assessment_on and not self.assessed_by.strip():
            errors.setdefault("assessed_by", "Enter who completed the assessment")
        # DU 'Sibling Assessment': a together and apart assessment informs a decision to place
        # siblings apart, and the decision must be one that can be explained to the children.
        if self.decision == TogetherApartDecision.APART and not self.assessment_on:
            errors.setdefault(
                "assessment_on",
                "Enter the date of the together and apart assessment: a decision to place "
                "brothers and sisters apart must be informed by one",
            )
        if decided:
            if not self.reasons.strip():
                errors["reasons"] = "Enter the reasons for the decision, as you would explain them"
            if not self.decided_by.strip():
                errors["decided_by"] = "Enter who made the decision"
            if not self.decided_on:
                errors.setdefault("decided_on", "Enter the date of the decision")
        elif self.decided_on:
            errors.setdefault(
                "decided_on", "Leave the date of the decision blank until a decision is made"
            )
        if (
            self.decided_on
            and self.assessment_on
            and self.decided_on < self.assessment_on
            and "decided_on" not in errors
        ):
            errors["decided_on"] = (
                "The date of the decision must be on or after the assessment "
                f"({govuk_date(self.assessment_on)})"
            )
        pair_errors = self._pair_problems()
        if pair_errors:
            errors[NON_FIELD_ERRORS] = pair_errors
        if errors:
            raise ValidationError(errors)

    def _pair_problems(self) -> str:
        if not (self.child_a_id and self.child_b_id and self.group_id):
            return ""
        if self.child_a_id == self.child_b_id:
            return "A child cannot be their own sibling"
        in_group = {
            pk
            for pk, group in Child.objects.filter(
                pk__in=[self.child_a_id, self.child_b_id]
            ).values_list("pk", "sibling_group")
            if group == self.group_id
        }
        if in_group != {self.child_a_id, self.child_b_id}:
            return "Both children must be in the same sibling group"
        return ""


class SiblingIroConflict(models.Model):
    """Why a child in a sibling group has a different IRO from their brothers and sisters: the
    conflict of interest DS 'Independent Reviewing Service' allows for. While it stands, the
    different-IRO warning leaves this child out."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="iro_conflicts")
    reason = models.TextField(
        "The conflict of interest",
        error_messages={"blank": "Enter the conflict of interest"},
        help_text="Why this child's IRO cannot also review their brothers and sisters.",
    )
    recorded_on = models.DateField("Recorded on")
    withdrawn_on = models.DateField(
        "No longer applies from",
        null=True,
        blank=True,
        help_text="Leave blank while the conflict of interest stands.",
    )
    recorded_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["child", "-recorded_on"]
        verbose_name = "IRO conflict of interest"
        constraints = [
            models.UniqueConstraint(
                fields=["child"],
                condition=Q(withdrawn_on__isnull=True),
                name="one_standing_iro_conflict_per_child",
            )
        ]

    def __str__(self) -> str:
        return f"IRO conflict of interest for {self.child_id} from {self.recorded_on}"

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if _only_spaces(self.reason):
            errors["reason"] = "Enter the conflict of interest"
        _not_future(self.recorded_on, "Recorded on", errors, "recorded_on")
        _not_future(self.withdrawn_on, "No longer applies from", errors, "withdrawn_on")
        if self.withdrawn_on and self.recorded_on and self.withdrawn_on < self.recorded_on:
            errors.setdefault(
                "withdrawn_on",
                f"No longer applies from must be on or after {govuk_date(self.recorded_on)}",
            )
        if errors:
            raise ValidationError(errors)


# Family time ---------------------------------------------------------------------------------


class FamilyTimeKind(models.TextChoices):
    DIRECT = "direct", "Direct (meeting in person)"
    INDIRECT = "indirect", "Indirect (letters, cards, photos, calls or video)"


class Supervision(models.TextChoices):
    SUPERVISED = "supervised", "Supervised"
    SUPPORTED = "supported", "Supported"
    UNSUPERVISED = "unsupervised", "Not supervised"


class Period(models.TextChoices):
    WEEK = "week", "A week"
    FORTNIGHT = "fortnight", "A fortnight"
    MONTH = "month", "A month"
    QUARTER = "quarter", "Every 3 months"
    YEAR = "year", "A year"


# A family time plan still running (not ended): its review is open work. The one definition:
# ``FamilyTimePlanQuerySet.running`` and the partial indexes below both use it.
FAMILY_TIME_RUNNING = Q(ended_on__isnull=True)


class FamilyTimePlanQuerySet(models.QuerySet["FamilyTimePlan"]):
    def running(self) -> FamilyTimePlanQuerySet:
        """Plans not ended (``FAMILY_TIME_RUNNING``)."""
        return self.filter(FAMILY_TIME_RUNNING)


class FamilyTimePlan(models.Model):
    """Who the child spends family time with, how, how often, where and whether supervised:
    the agreement DU 'Family Time' says is negotiated before placement and reviewed regularly,
    and that the permanence meeting considers (DM). With a person in the child's life or with a
    brother or sister in their sibling group. The person or sibling cannot be removed while a
    plan names them (RESTRICT), though removing the child removes their plans.

    The date it was agreed is the journey event ``family_time_agreed`` (owned here, so it is
    changed only through the plan), which Durham's timescales check at each placement."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="family_time_plans")
    with_person = models.ForeignKey(
        PersonInChildsLife,
        null=True,
        blank=True,
        on_delete=models.RESTRICT,
        related_name="family_time_plans",
    )
    with_sibling = models.ForeignKey(
        Child, null=True, blank=True, on_delete=models.RESTRICT, related_name="+"
    )
    kind = models.CharField("Type of family time", max_length=10, choices=FamilyTimeKind.choices)
    times = models.PositiveSmallIntegerField("Number of times", null=True, blank=True)
    per = models.CharField("In", max_length=10, choices=Period.choices, blank=True)
    pattern = models.CharField(
        "Or describe the pattern",
        max_length=200,
        blank=True,
        help_text="For example, every school holiday and on birthdays.",
    )
    supervision = models.CharField(max_length=12, choices=Supervision.choices)
    supervised_by = models.CharField(
        "Supervised or supported by",
        max_length=200,
        blank=True,
        help_text="Needed when family time is supervised or supported.",
    )
    venue = models.CharField(
        "Where", max_length=200, blank=True, help_text="Needed for direct family time."
    )
    agreed_on = models.DateField(
        "Date agreed",
        help_text="When these arrangements were agreed. Durham's Early Permanence Planning "
        "Strategy ('Family Time') says they are negotiated before the child is placed.",
    )
    start_date = models.DateField("Start date")
    review_date = models.DateField("Review by")
    childs_view = models.TextField("The child's view of it", blank=True)
    ended_on = models.DateField("Ended on", null=True, blank=True)
    recorded_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    journey_event = models.OneToOneField(
        JourneyEvent, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = FamilyTimePlanQuerySet.as_manager()

    class Meta:
        ordering = ["child", "ended_on", "start_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(with_person__isnull=False) & Q(with_sibling__isnull=True))
                | (Q(with_person__isnull=True) & Q(with_sibling__isnull=False)),
                name="family_time_with_one_person_or_sibling",
            ),
            # DU 'Family Time': the agreement says how frequently.
            models.CheckConstraint(
                condition=(Q(times__isnull=False) & ~Q(per="")) | ~Q(pattern=""),
                name="family_time_has_a_frequency",
            ),
            models.CheckConstraint(
                condition=Q(review_date__gt=F("start_date")),
                name="family_time_review_after_start",
            ),
        ]
        indexes = [
            # My work and drift: the reviews of plans still running, by date (whole council)
            # and per child (drift's "anything overdue").
            models.Index(
                fields=["review_date"], condition=FAMILY_TIME_RUNNING, name="ft_review_due"
            ),
            models.Index(
                fields=["child", "review_date"],
                condition=FAMILY_TIME_RUNNING,
                name="ft_child_review_due",
            ),
        ]

    def __str__(self) -> str:
        return f"Family time with {self.with_whom} ({self.child_id})"

    # Whether whoever is looking may see the brother or sister this family time is with
    # (need-to-know): set by ``family.selectors.show_siblings`` for that person. Unset, the
    # sibling is not named.
    sibling_seen = False

    @property
    def with_whom(self) -> str:
        if self.with_sibling_id:
            if not self.sibling_seen:
                return "a brother or sister"
            sibling = self.with_sibling
            return f"{sibling.full_name} (brother or sister)" if sibling else ""
        if self.with_person_id and self.with_person:
            link = self.with_person
            return f"{link.person.full_name} ({link.get_relationship_display()})"
        return ""

    @property
    def frequency(self) -> str:
        return family_time.describe_frequency(self.times, self.per, self.pattern)

    @property
    def is_current(self) -> bool:
        return self.ended_on is None

    @property
    def summary(self) -> str:
        """'Direct, twice a month, supervised': the plan in one line."""
        kind = "Direct" if self.kind == FamilyTimeKind.DIRECT else "Indirect"
        how_often = self.frequency
        how_often = how_often[:1].lower() + how_often[1:]
        return f"{kind}, {how_often}, {self.get_supervision_display().lower()}"

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if not self.with_person_id and not self.with_sibling_id:
            errors["with_person"] = "Select who the family time is with"
        elif self.with_person_id and self.with_sibling_id:
            errors["with_person"] = "Select one person or one brother or sister, not both"
        elif self.with_person_id and self.with_person.child_id != self.child_id:
            errors["with_person"] = "Select someone from this child's people"
        elif self.with_sibling_id:
            sibling = self.with_sibling
            child = self.child
            if (
                sibling is None
                or sibling.pk == child.pk
                or not child.sibling_group_id
                or sibling.sibling_group_id != child.sibling_group_id
            ):
                errors["with_person"] = "Select a brother or sister in this child's sibling group"
        errors.update(family_time.frequency_problems(self.times, self.per, self.pattern))
        if self.supervision in {Supervision.SUPERVISED, Supervision.SUPPORTED} and not (
            self.supervised_by.strip()
        ):
            verb = "supervises" if self.supervision == Supervision.SUPERVISED else "supports"
            errors["supervised_by"] = f"Enter who {verb} the family time"
        if self.kind == FamilyTimeKind.DIRECT and not self.venue.strip():
            errors["venue"] = "Enter where direct family time takes place"
        _not_future(self.agreed_on, "The date agreed", errors, "agreed_on")
        if self.start_date and self.review_date and self.review_date <= self.start_date:
            errors["review_date"] = (
                f"The review date must be after the start date ({govuk_date(self.start_date)})"
            )
        if self.ended_on:
            _not_future(self.ended_on, "Ended on", errors, "ended_on")
            if self.start_date and self.ended_on < self.start_date:
                errors.setdefault(
                    "ended_on",
                    f"Ended on must be on or after the start date ({govuk_date(self.start_date)})",
                )
        if errors:
            raise ValidationError(errors)


class ReviewOutcome(models.TextChoices):
    CONTINUE = "continue", "Continue as planned"
    CHANGE = "change", "Continue with changes"
    END = "end", "End this family time"


class FamilyTimeReview(models.Model):
    """A review of a family time plan (DU 'Family Time': reviewed regularly). It answers the
    plan's review date (kept as ``due_on``, so the history shows whether it was on time) and
    sets the next one, or ends the plan."""

    plan = models.ForeignKey(FamilyTimePlan, on_delete=models.CASCADE, related_name="reviews")
    reviewed_on = models.DateField("Date of the review")
    due_on = models.DateField("Review was due by")
    outcome = models.CharField(max_length=10, choices=ReviewOutcome.choices)
    changes = models.TextField(
        "What changes, or why it ends",
        blank=True,
        help_text="Needed when family time changes or ends.",
    )
    how_it_went = models.TextField("How family time has gone", blank=True)
    childs_view = models.TextField("The child's view", blank=True)
    next_review_on = models.DateField(
        "Next review by",
        null=True,
        blank=True,
        help_text="Needed unless the family time ends.",
    )
    recorded_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["plan", "-reviewed_on", "-pk"]

    def __str__(self) -> str:
        return f"Family time review on {self.reviewed_on} ({self.get_outcome_display()})"

    def clean(self) -> None:
        errors: dict[str, str] = {}
        _not_future(self.reviewed_on, "The date of the review", errors, "reviewed_on")
        plan = self.plan if self.plan_id else None
        if plan and self.reviewed_on and self.reviewed_on < plan.start_date:
            errors.setdefault(
                "reviewed_on",
                f"The date of the review must be on or after the start date "
                f"({govuk_date(plan.start_date)})",
            )
        if plan and plan.ended_on:
            errors[NON_FIELD_ERRORS] = "This family time has ended: it is no longer reviewed"
        if self.outcome in {ReviewOutcome.CHANGE, ReviewOutcome.END} and not self.changes.strip():
            errors["changes"] = (
                "Enter what changes"
                if self.outcome == ReviewOutcome.CHANGE
                else "Enter why it ends"
            )
        if self.outcome == ReviewOutcome.END:
            if self.next_review_on:
                errors["next_review_on"] = "Leave the next review date blank when family time ends"
        elif self.outcome and not self.next_review_on:
            errors["next_review_on"] = "Enter the date of the next review"
        elif self.next_review_on and self.reviewed_on and self.next_review_on <= self.reviewed_on:
            errors["next_review_on"] = (
                f"The next review must be after this one ({govuk_date(self.reviewed_on)})"
            )
        if errors:
            raise ValidationError(errors)


# The child's voice ---------------------------------------------------------------------------


class HowGathered(models.TextChoices):
    DIRECT_WORK = "direct_work", "Direct work"
    VISIT = "visit", "Social worker visit"
    REVIEW = "review", "Child in Care review"
    # The IRO speaks with the child before each review (Care Planning Regulations 2010 reg 36,
    # check; DU 'Role of the Independent Reviewing Officer': "the IRO must ensure the child or
    # young person's current wishes and feelings are given consideration"): the Voice tab shows,
    # review by review, whether they did.
    IRO = "iro", "The IRO's conversation with the child before a review"
    MEETING = "meeting", "Permanence meeting"
    ADVOCATE = "advocate", "Through an advocate"
    APP = "app", "An app or online form"
    LETTER = "letter", "A letter, drawing or message"
    OTHER = "other", "Another way"


class WhoseWords(models.TextChoices):
    CHILD = "child", "The child's own words"
    RECORDED = "recorded", "Recorded by someone else, in their words"
    OBSERVED = "observed", "Observed (the child is too young to say)"


class VoiceTopic(models.TextChoices):
    FUTURE = "future", "Where they live and their future"
    FAMILY_TIME = "family_time", "Family time"
    SIBLINGS = "siblings", "Brothers and sisters"
    PLACEMENT = "placement", "Their placement"
    SCHOOL = "school", "School"
    OTHER = "other", "Something else"


class VoiceEntry(models.Model):
    """The child's views, wishes and feelings, how they were gathered and in whose words (DS
    objective 6; DU 'Planning for Permanence'; DM; DV 'Guiding Principles')."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="voice_entries")
    date = models.DateField("Date")
    how_gathered = models.CharField(
        "How the views were gathered", max_length=12, choices=HowGathered.choices
    )
    whose_words = models.CharField("In whose words", max_length=10, choices=WhoseWords.choices)
    words_of = models.CharField(
        "Who recorded or observed it",
        max_length=200,
        blank=True,
        help_text="Name and role. Needed unless these are the child's own words.",
    )
    topic = models.CharField("About", max_length=12, choices=VoiceTopic.choices, blank=True)
    text = models.TextField(
        "What the child said, wished or felt",
        error_messages={"blank": "Enter what the child said, wished or felt"},
    )
    recorded_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["child", "-date", "-pk"]
        verbose_name = "views, wishes and feelings entry"
        verbose_name_plural = "views, wishes and feelings entries"

    def __str__(self) -> str:
        return f"Views of {self.child_id} on {self.date} ({self.get_how_gathered_display()})"

    def clean(self) -> None:
        errors: dict[str, str] = {}
        _not_future(self.date, "Date", errors, "date")
        child = self.child if self.child_id else None
        if child and self.date:
            if child.date_of_birth is None:
                errors["date"] = "An unborn child's views cannot be recorded yet"
            elif self.date < child.date_of_birth:
                errors.setdefault(
                    "date",
                    f"Date must be on or after the child's date of birth "
                    f"({govuk_date(child.date_of_birth)})",
                )
        if self.whose_words and self.whose_words != WhoseWords.CHILD and not self.words_of.strip():
            errors["words_of"] = "Enter who recorded or observed the child's views"
        if _only_spaces(self.text):
            errors["text"] = "Enter what the child said, wished or felt"
        if errors:
            raise ValidationError(errors)


class FamilyViewOccasion(models.TextChoices):
    """When the family's views were heard. Before and after a looked after review: DU 'Looked
    After Reviews' ("the child's care plan is discussed with parents ... particularly prior to
    and after each looked after review")."""

    BEFORE_REVIEW = "before_review", "The care plan, discussed before a looked after review"
    AFTER_REVIEW = "after_review", "The care plan, discussed after a looked after review"
    MEETING = "meeting", "At or for a meeting about the child"
    OTHER = "other", "Another conversation"


class FamilyView(models.Model):
    """The views of a parent, family member or carer, kept beside the child's: per meeting, per
    permanence option, and the care plan discussed with parents before and after each looked
    after review (issue 18 item 2; DV 'What we will do'; DU 'Looked After Reviews'). Who spoke
    is a person in the child's life; whether they speak as a parent, family member or carer
    comes from their relationship (``homeward.domain.voice.speaker``)."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="family_views")
    person = models.ForeignKey(
        PersonInChildsLife,
        verbose_name="Whose views",
        on_delete=models.RESTRICT,
        related_name="family_views",
    )
    date = models.DateField("Date")
    occasion = models.CharField(
        "When were they heard?", max_length=14, choices=FamilyViewOccasion.choices
    )
    meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name="Which meeting",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="family_views",
    )
    option = models.ForeignKey(
        "planning.PermanenceOption",
        verbose_name="Which permanence option it is about (optional)",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="family_views",
    )
    text = models.TextField(
        "What they said",
        error_messages={"blank": "Enter what they said"},
        help_text="Their views on the plan, in their words where you can.",
    )
    recorded_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["child", "-date", "-pk"]
        verbose_name = "family's views entry"
        verbose_name_plural = "family's views entries"
        indexes = [models.Index(fields=["child", "occasion", "date"])]

    def __str__(self) -> str:
        return f"Views of {self.person_id} for {self.child_id} on {self.date}"

    @property
    def speaker(self) -> str:
        return voice.SPEAKERS[voice.speaker(self.person.relationship)]

    def clean(self) -> None:
        errors: dict[str, str] = {}
        _not_future(self.date, "Date", errors, "date")
        if _only_spaces(self.text):
            errors["text"] = "Enter what they said"
        if self.person_id and self.child_id and self.person.child_id != self.child_id:
            errors["person"] = "Select someone from this child's people"
        if self.occasion == FamilyViewOccasion.MEETING and not self.meeting_id:
            errors["meeting"] = "Select the meeting"
        elif self.meeting_id and self.occasion != FamilyViewOccasion.MEETING:
            errors["meeting"] = "Only choose a meeting when the views were heard at one"
        elif self.meeting_id:
            meeting = self.meeting
            if meeting.child_id != self.child_id:
                errors["meeting"] = "Select one of this child's meetings"
        if self.option_id and self.option.child_id != self.child_id:
            errors["option"] = "Select one of this child's permanence options"
        if errors:
            raise ValidationError(errors)


class AdvocacyService(models.TextChoices):
    ADVOCATE = "advocate", "Advocate"
    INDEPENDENT_VISITOR = "independent_visitor", "Independent visitor"


class TakenUp(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
    PENDING = "pending", "Not decided yet"


class AdvocacyOffer(models.Model):
    """An offer of an advocate or an independent visitor, the discussion with the child about
    the role, and whether they took it up (DS objective 6; DU 'Child/ Young Person
    Participation')."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="advocacy_offers")
    service = models.CharField("What was offered", max_length=20, choices=AdvocacyService.choices)
    offered_on = models.DateField("Offered on")
    offered_by = models.CharField(
        "Offered by", max_length=200, error_messages={"blank": "Enter who made the offer"}
    )
    discussion = models.TextField(
        "How the role was explained, and what the child said",
        error_messages={"blank": "Enter how the role was explained and what the child said"},
        help_text="DU asks case records to show the discussion with the child about the role.",
    )
    taken_up = models.CharField("Taken up", max_length=8, choices=TakenUp.choices)
    provider = models.CharField(
        "Advocate or visitor",
        max_length=200,
        blank=True,
        help_text="Name and service. Needed when the offer is taken up.",
    )
    recorded_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["child", "-offered_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_service_display()} offered to {self.child_id} on {self.offered_on}"

    def clean(self) -> None:
        errors: dict[str, str] = {}
        _not_future(self.offered_on, "Offered on", errors, "offered_on")
        if _only_spaces(self.offered_by):
            errors["offered_by"] = "Enter who made the offer"
        if _only_spaces(self.discussion):
            errors["discussion"] = "Enter how the role was explained and what the child said"
        if self.taken_up == TakenUp.YES and not self.provider.strip():
            errors["provider"] = "Enter who the advocate or independent visitor is"
        if errors:
            raise ValidationError(errors)


class ComplaintFrom(models.TextChoices):
    CHILD = "child", "The child"
    ADVOCATE = "advocate", "An advocate for the child"
    FAMILY = "family", "A family member"
    CARER = "carer", "A carer"
    OTHER = "other", "Someone else"


class ComplaintOutcome(models.TextChoices):
    UPHELD = "upheld", "Upheld"
    PARTLY_UPHELD = "partly_upheld", "Partly upheld"
    NOT_UPHELD = "not_upheld", "Not upheld"
    RESOLVED = "resolved", "Resolved informally"
    WITHDRAWN = "withdrawn", "Withdrawn"


class Complaint(models.Model):
    """A complaint or feedback made by or for the child, and what was done about it (DS
    objective 6: children know how to complain and give feedback that we will act on)."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="complaints")
    received_on = models.DateField("Received on")
    made_by = models.CharField("Made by", max_length=10, choices=ComplaintFrom.choices)
    subject = models.TextField(
        "What the complaint is about",
        error_messages={"blank": "Enter what the complaint is about"},
    )
    outcome = models.CharField(
        "Outcome", max_length=14, choices=ComplaintOutcome.choices, blank=True
    )
    action_taken = models.TextField("What we did", blank=True)
    closed_on = models.DateField("Closed on", null=True, blank=True)
    recorded_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["child", "-received_on", "-pk"]

    def __str__(self) -> str:
        return f"Complaint for {self.child_id} received {self.received_on}"

    @property
    def is_open(self) -> bool:
        return self.closed_on is None

    def clean(self) -> None:
        errors: dict[str, str] = {}
        _not_future(self.received_on, "Received on", errors, "received_on")
        _not_future(self.closed_on, "Closed on", errors, "closed_on")
        if _only_spaces(self.subject):
            errors["subject"] = "Enter what the complaint is about"
        if self.closed_on and self.received_on and self.closed_on < self.received_on:
            errors.setdefault(
                "closed_on", f"Closed on must be on or after {govuk_date(self.received_on)}"
            )
        if self.closed_on and not self.outcome:
            errors["outcome"] = "Select the outcome of the complaint"
        if self.outcome and not self.closed_on:
            errors.setdefault("closed_on", "Enter the date the complaint was closed")
        if errors:
            raise ValidationError(errors)


class LifeStoryStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    COMPLETE = "complete", "Complete"


class LifeStoryWork(models.Model):
    """Where the child's life story work has got to, and who is doing it (DU 'Life story
    work'; DS 'What does permanency mean for children?'; DV: digital or other formats)."""

    child = models.OneToOneField(Child, on_delete=models.CASCADE, related_name="life_story_work")
    status = models.CharField(max_length=12, choices=LifeStoryStatus.choices)
    worker = models.CharField(
        "Who is doing it",
        max_length=200,
        blank=True,
        help_text="Name and role. Needed once the work has started.",
    )
    format = models.CharField(
        "Format",
        max_length=200,
        blank=True,
        help_text="For example, a life story book, a digital story or a memory box.",
    )
    updated_on = models.DateField("Status as of")
    notes = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "life story work"
        verbose_name_plural = "life story work"

    def __str__(self) -> str:
        return f"Life story work for {self.child_id}: {self.get_status_display()}"

    def clean(self) -> None:
        errors: dict[str, str] = {}
        _not_future(self.updated_on, "Status as of", errors, "updated_on")
        if self.status and self.status != LifeStoryStatus.NOT_STARTED and not self.worker.strip():
            errors["worker"] = "Enter who is doing the life story work"
        if errors:
            raise ValidationError(errors)


class MemoryItem(models.Model):
    """Something kept for the child: a photograph, a certificate, a first toy (DS objective 6:
    keeping their memories recorded for them)."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="memory_items")
    description = models.CharField(
        "What it is", max_length=300, error_messages={"blank": "Enter what the item is"}
    )
    received_on = models.DateField("Date received")
    given_by = models.CharField("Given by", max_length=200, blank=True)
    where_kept = models.CharField(
        "Where it is kept",
        max_length=200,
        error_messages={"blank": "Enter where the item is kept"},
        help_text="For example, in the memory box at the foster carers' home.",
    )
    recorded_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["child", "-received_on", "-pk"]

    def __str__(self) -> str:
        return f"Memory item for {self.child_id}: {self.description[:60]}"

    def clean(self) -> None:
        errors: dict[str, str] = {}
        _not_future(self.received_on, "Date received", errors, "received_on")
        if _only_spaces(self.description):
            errors["description"] = "Enter what the item is"
        if _only_spaces(self.where_kept):
            errors["where_kept"] = "Enter where the item is kept"
        if errors:
            raise ValidationError(errors)


# The genogram ---------------------------------------------------------------------------------
# DU 'Family Group Conference/ Network meetings': "The first step to identifying the family
# support network is the completion of a genogram"; DM: the permanence meeting reviews it "to
# ensure all friends and family have been explored". The picture is drawn by
# ``homeward.domain.genogram`` from these records, never by hand.


class GenogramSex(models.TextChoices):
    FEMALE = genogram.Sex.FEMALE.value, "Female (a circle)"
    MALE = genogram.Sex.MALE.value, "Male (a square)"
    UNKNOWN = genogram.Sex.UNKNOWN.value, "Another gender, or not known (a diamond)"


class CarerExploration(models.TextChoices):
    """Where exploring someone as a carer for the child stands, in Dudley's Connected People's
    words (DS 'Connected People's Fostering Team': "Viability Assessments and Connected
    person/Family and Friends Assessments (Form C)")."""

    NOT_EXPLORED = genogram.Exploration.NOT_EXPLORED.value, "Not yet explored"
    VIABILITY = genogram.Exploration.VIABILITY.value, "Being explored: viability assessment"
    ASSESSMENT = (
        genogram.Exploration.ASSESSMENT.value,
        "Being explored: connected person assessment (Form C)",
    )
    RULED_OUT = genogram.Exploration.RULED_OUT.value, "Ruled out as a carer"
    APPROVED = genogram.Exploration.APPROVED.value, "Approved as a connected carer"
    NOT_A_CARER = genogram.Exploration.NOT_A_CARER.value, "Not someone to explore as a carer"


class NetworkMember(models.Model):
    """What the genogram needs to know about one person in the child's life: the symbol they
    are drawn with, who they live with, and where exploring them as a carer stands. A person
    with no row yet is drawn from their relationship alone, as not yet explored."""

    link = models.OneToOneField(
        PersonInChildsLife, on_delete=models.CASCADE, related_name="genogram"
    )
    sex = models.CharField(
        "Drawn as", max_length=10, choices=GenogramSex.choices, default=GenogramSex.UNKNOWN
    )
    household = models.CharField(
        "Household",
        max_length=100,
        blank=True,
        help_text="People with the same household live together: for example “Mum’s flat”. "
        "Leave blank if not known.",
    )
    exploration = models.CharField(
        "Explored as a carer",
        max_length=20,
        choices=CarerExploration.choices,
        default=CarerExploration.NOT_EXPLORED,
    )
    updated_at = models.DateTimeField(auto_now=True)
    recorded_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "genogram entry"
        verbose_name_plural = "genogram entries"

    def __str__(self) -> str:
        return f"{self.link.person} on the genogram"

    def clean(self) -> None:
        if _only_spaces(self.household):
            raise ValidationError({"household": "Enter the household, or leave it blank"})


class TieKind(models.TextChoices):
    MARRIED = genogram.TieKind.MARRIED.value, "Married"
    PARTNERS = genogram.TieKind.PARTNERS.value, "Partners"
    SEPARATED = genogram.TieKind.SEPARATED.value, "Separated"
    DIVORCED = genogram.TieKind.DIVORCED.value, "Divorced"
    PARENT = genogram.TieKind.PARENT.value, "Parent of"
    TWIN = genogram.TieKind.TWIN.value, "Twin of"


PARTNER_TIES = {TieKind.MARRIED, TieKind.PARTNERS, TieKind.SEPARATED, TieKind.DIVORCED}


class FamilyTie(models.Model):
    """A relationship between two people of the child's network, or between one of them and
    the child (``other`` blank): partners (married, partners, separated, divorced), a parent
    (``person`` is a parent of ``other``), or twins. Kept per child, so each child's genogram is
    their own network. The child's mother and father need no tie: their relationship to the
    child says it."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="family_ties")
    person = models.ForeignKey(
        "children.Person", on_delete=models.CASCADE, related_name="+", verbose_name="Person"
    )
    kind = models.CharField("Relationship", max_length=10, choices=TieKind.choices)
    other = models.ForeignKey(
        "children.Person",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name="To whom",
        help_text="Blank: the child.",
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    recorded_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["pk"]
        verbose_name = "family relationship"
        constraints = [
            models.CheckConstraint(
                condition=~Q(person=F("other")), name="family_tie_between_two_people"
            )
        ]

    def __str__(self) -> str:
        other = self.other if self.other_id else self.child.full_name
        return f"{self.person} {self.get_kind_display().lower()} {other}"

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.person_id and self.other_id and self.person_id == self.other_id:
            errors["other"] = "Choose two different people"
        if self.kind in PARTNER_TIES and not self.other_id:
            errors["other"] = "Choose the partner: the child cannot be a partner on the genogram"
        network = set(
            PersonInChildsLife.objects.filter(child=self.child_id).values_list(
                "person_id", flat=True
            )
        )
        if self.person_id and self.person_id not in network:
            errors["person"] = "Choose someone in the child’s life"
        if self.other_id and self.other_id not in network:
            errors["other"] = "Choose someone in the child’s life, or the child"
        if not errors:
            same = FamilyTie.objects.filter(child=self.child_id).exclude(pk=self.pk)
            pair = Q(person=self.person_id, other=self.other_id)
            if self.kind != TieKind.PARENT and self.other_id:
                pair |= Q(person=self.other_id, other=self.person_id)
            if self.kind in PARTNER_TIES:
                clash = same.filter(pair, kind__in=PARTNER_TIES).exists()
            else:
                clash = same.filter(pair, kind=self.kind).exists()
            if clash:
                errors[NON_FIELD_ERRORS] = (
                    "This relationship is already on the genogram: remove it first to change it"
                )
        if errors:
            raise ValidationError(errors)
