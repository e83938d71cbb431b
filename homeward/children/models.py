"""The core case record: the child, the people around them, their legal and placement
history, the dated journey events later rules run on, and who the child is allocated to.

Field names follow the SSDA903 return (its column named in each ``help_text``) and Data to
Insight's Standard Safeguarding Dataset (SSD) where they overlap, so an import maps field to field.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from homeward.domain.events import JOURNEY_EVENTS, PRE_BIRTH_EVENTS
from homeward.domain.proceedings import MAX_EXTENSION_WEEKS
from homeward.domain.ssda903 import codes


def _choices(table: dict[str, str]) -> list[tuple[str, str]]:
    return [(code, f"{code}: {meaning}") for code, meaning in table.items()]


class SiblingGroup(models.Model):
    """Brothers and sisters whose plans are made together (DS objective 9; DU 'Sibling
    Assessment')."""

    name = models.CharField(max_length=120, help_text="A working name, e.g. the family surname.")
    notes = models.TextField(blank=True)

    def __str__(self) -> str:
        return self.name


class Child(models.Model):
    child_id = models.CharField(
        "Child ID",
        max_length=10,
        unique=True,
        help_text="The council's child ID, as in the SSDA903 CHILD column (SSD pers_legacy_id).",
    )
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    preferred_name = models.CharField(max_length=100, blank=True)
    date_of_birth = models.DateField(
        null=True, blank=True, help_text="SSDA903 DOB (SSD pers_dob). Blank for an unborn child."
    )
    expected_date_of_delivery = models.DateField(
        null=True,
        blank=True,
        help_text="For an unborn child (SSD pers_expected_dob).",
    )
    sex = models.CharField(
        max_length=1,
        choices=_choices(codes.SEX),
        blank=True,
        help_text="SSDA903 SEX (SSD pers_sex).",
    )
    ethnicity = models.CharField(
        max_length=4,
        choices=_choices(codes.ETHNIC),
        blank=True,
        help_text="SSDA903 ETHNIC (SSD pers_ethnicity).",
    )
    religion = models.CharField(max_length=100, blank=True)
    first_language = models.CharField(max_length=100, blank=True)
    disability = models.CharField(
        max_length=200, blank=True, help_text="Disabilities, as the child and family describe them."
    )
    is_uasc = models.BooleanField(
        "Unaccompanied asylum-seeking child", default=False, help_text="SSDA903 UASC table."
    )
    upn = models.CharField(
        "Unique pupil number", max_length=13, blank=True, help_text="SSDA903 UPN."
    )
    is_mother = models.BooleanField(
        "Is a mother", null=True, blank=True, help_text="SSDA903 MOTHER (1 yes, 0 no, blank)."
    )
    mother_child_dob = models.DateField(
        "Date of birth of the child's own child",
        null=True,
        blank=True,
        help_text="SSDA903 MC_DOB.",
    )
    uasc_ceased_on = models.DateField(
        "Date UASC status ceased", null=True, blank=True, help_text="SSDA903 UASC table DUC."
    )
    about_me = models.TextField(
        "About me", blank=True, help_text="A short profile in the child's own words where possible."
    )
    sibling_group = models.ForeignKey(
        SiblingGroup, null=True, blank=True, on_delete=models.SET_NULL, related_name="children"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["last_name", "first_name", "child_id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(date_of_birth__isnull=False)
                | Q(expected_date_of_delivery__isnull=False),
                name="child_has_dob_or_edd",
                violation_error_message=(
                    "Enter a date of birth or, for an unborn child, an expected date of delivery."
                ),
            )
        ]
        indexes = [models.Index(fields=["last_name", "first_name"])]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.child_id})"

    def get_absolute_url(self) -> str:
        return reverse("children:record", args=[self.child_id])

    @property
    def full_name(self) -> str:
        """The child's name; a child imported from the SSDA903 return (which holds no names)
        is known by their child ID until someone records it."""
        return f"{self.first_name} {self.last_name}".strip() or f"Child {self.child_id}"

    @property
    def list_name(self) -> str:
        """'Surname, First name', as lists sort; the child ID when no name is recorded."""
        if self.first_name or self.last_name:
            return ", ".join(part for part in (self.last_name, self.first_name) if part)
        return f"Child {self.child_id}"

    @property
    def is_unborn(self) -> bool:
        return self.date_of_birth is None

    def age_on(self, day: dt.date) -> int | None:
        if self.date_of_birth is None:
            return None
        dob = self.date_of_birth
        return day.year - dob.year - ((day.month, day.day) < (dob.month, dob.day))

    def clean(self) -> None:
        errors: dict[str, str] = {}
        today = timezone.localdate()
        if self.date_of_birth is None and self.expected_date_of_delivery is None:
            errors["date_of_birth"] = (
                "Enter a date of birth or, for an unborn child, an expected date of delivery"
            )
        if self.date_of_birth and self.date_of_birth > today:
            errors["date_of_birth"] = "Date of birth must be today or in the past"
        if self.date_of_birth and self.pk:
            first_episode = self.episodes.order_by("start_date").first()
            if first_episode and first_episode.start_date < self.date_of_birth:
                errors["date_of_birth"] = (
                    "Date of birth must be on or before the date the child became looked after "
                    f"({first_episode.start_date:%d/%m/%Y})"
                )
        if errors:
            raise ValidationError(errors)


class Relationship(models.TextChoices):
    MOTHER = "mother", "Mother"
    FATHER = "father", "Father"
    STEP_PARENT = "step_parent", "Step-parent"
    SIBLING = "sibling", "Sibling"
    HALF_SIBLING = "half_sibling", "Half-sibling"
    GRANDPARENT = "grandparent", "Grandparent"
    AUNT_UNCLE = "aunt_uncle", "Aunt or uncle"
    COUSIN = "cousin", "Cousin"
    OTHER_RELATIVE = "other_relative", "Other relative"
    CONNECTED_PERSON = "connected_person", "Friend or connected person"
    FOSTER_CARER = "foster_carer", "Foster carer"
    PROSPECTIVE_ADOPTER = "prospective_adopter", "Prospective adopter"
    SPECIAL_GUARDIAN = "special_guardian", "Special guardian"
    OTHER = "other", "Other"


class Person(models.Model):
    """Someone in the child's world: family, friends, carers (DU 'Family Group Conference')."""

    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    date_of_birth = models.DateField(null=True, blank=True)
    is_deceased = models.BooleanField("Deceased", default=False)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name_plural = "people"

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def clean(self) -> None:
        if self.date_of_birth and self.date_of_birth > timezone.localdate():
            raise ValidationError({"date_of_birth": "Date of birth must be today or in the past"})


class PersonInChildsLife(models.Model):
    """How a person is related to one child, and whether they hold parental responsibility."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="people")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="children")
    relationship = models.CharField(max_length=30, choices=Relationship.choices)
    has_parental_responsibility = models.BooleanField(
        "Holds parental responsibility", default=False
    )

    class Meta:
        ordering = ["relationship", "person__last_name"]
        constraints = [
            models.UniqueConstraint(fields=["child", "person"], name="one_relationship_per_pair")
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_relationship_display()} of {self.child.child_id})"


class Episode(models.Model):
    """One SSDA903 episode: a spell under one legal status in one placement."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="episodes")
    start_date = models.DateField(help_text="SSDA903 DECOM: date the episode started.")
    reason_new_episode = models.CharField(
        "Reason for new episode",
        max_length=1,
        choices=_choices(codes.RNE),
        help_text="SSDA903 RNE.",
    )
    legal_status = models.CharField(
        max_length=2, choices=_choices(codes.LS), help_text="SSDA903 LS."
    )
    category_of_need = models.CharField(
        max_length=2, choices=_choices(codes.CIN), blank=True, help_text="SSDA903 CIN."
    )
    placement_type = models.CharField(
        max_length=3,
        # Earlier years' codes too (e.g. P2, Z1 before 2025-26): history is stored as it was.
        choices=_choices({**codes.PLACE, **codes.PLACE_RETIRED}),
        help_text="SSDA903 PLACE.",
    )
    placement_provider = models.CharField(
        max_length=3,
        choices=_choices(codes.PLACE_PROVIDER),
        blank=True,
        help_text="SSDA903 PLACE_PROVIDER.",
    )
    end_date = models.DateField(
        null=True, blank=True, help_text="SSDA903 DEC: date the episode ceased."
    )
    reason_ceased = models.CharField(
        "Reason episode ceased",
        max_length=3,
        choices=_choices(codes.REC),
        blank=True,
        help_text="SSDA903 REC.",
    )
    reason_place_change = models.CharField(
        "Reason for placement change",
        max_length=6,
        choices=_choices(codes.REASON_PLACE_CHANGE),
        blank=True,
        help_text="SSDA903 REASON_PLACE_CHANGE.",
    )
    home_postcode = models.CharField(max_length=8, blank=True, help_text="SSDA903 HOME_POST.")
    placement_postcode = models.CharField(max_length=8, blank=True, help_text="SSDA903 PL_POST.")
    placement_la = models.CharField(
        "Placement local authority", max_length=100, blank=True, help_text="SSD placement LA."
    )
    urn = models.CharField(
        "Ofsted URN", max_length=10, blank=True, help_text="SSDA903 URN of the placement."
    )

    class Meta:
        ordering = ["child", "start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="episode_ends_after_it_starts",
            ),
            models.UniqueConstraint(fields=["child", "start_date"], name="one_episode_per_start"),
        ]

    def __str__(self) -> str:
        return f"{self.child.child_id} {self.start_date} {self.legal_status}/{self.placement_type}"

    @property
    def is_open(self) -> bool:
        return self.end_date is None

    def clean(self) -> None:
        errors: dict[str, str] = {}
        today = timezone.localdate()
        if self.start_date and self.start_date > today:
            errors["start_date"] = "Start date must be today or in the past"
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = "End date must be the same as or after the start date"
        if self.end_date and self.end_date > today:
            errors["end_date"] = "End date must be today or in the past"
        if self.end_date and not self.reason_ceased:
            errors["reason_ceased"] = "Select the reason the episode ceased"
        if self.reason_ceased and not self.end_date:
            errors["end_date"] = "Enter the date the episode ceased, or clear the reason it ceased"
        child = getattr(self, "child", None) if self.child_id else None
        if child and self.start_date:
            if child.date_of_birth and self.start_date < child.date_of_birth:
                errors["start_date"] = (
                    "Start date must be on or after the child's date of birth "
                    f"({child.date_of_birth:%d/%m/%Y})"
                )
            elif child.date_of_birth is None:
                errors["start_date"] = "An unborn child cannot have a looked-after episode"
            # Episodes are half-open spells: the next may start on the day the last ceased.
            overlapping = child.episodes.exclude(pk=self.pk).filter(
                Q(end_date__isnull=True) | Q(end_date__gt=self.start_date)
            )
            if self.end_date:
                overlapping = overlapping.filter(start_date__lt=self.end_date)
            clash = overlapping.first()
            if clash:
                errors.setdefault(
                    "start_date",
                    "This episode overlaps the episode that started on "
                    f"{clash.start_date:%d/%m/%Y}",
                )
        if errors:
            raise ValidationError(errors)


# The dated facts that timescale rules run on (shared/domain/SPEC.md section 1). The list lives
# in the domain (homeward/domain/events.py) so the rules files can only name recordable events.
JourneyEventKind = models.TextChoices(
    "JourneyEventKind",
    [(kind.upper(), (kind, label)) for kind, label in JOURNEY_EVENTS.items()],
)


class JourneyEvent(models.Model):
    class Source(models.TextChoices):
        RECORDED = "recorded", "Recorded in Homeward"
        SSDA903 = "ssda903", "Derived from the SSDA903 return"

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=40, choices=JourneyEventKind.choices)
    date = models.DateField()
    notes = models.CharField(max_length=500, blank=True)
    # The length of an event that has one: the weeks by which the court extended the timetable
    # of care proceedings (Children Act 1989 s32(5), (8): at most 8 weeks each). The engine moves
    # the 26 weeks on by it.
    weeks = models.PositiveSmallIntegerField(null=True, blank=True)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.RECORDED)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["child", "date", "pk"]
        indexes = [
            models.Index(fields=["child", "kind", "date"]),
            # Who had an event of a kind between two dates, across the council (the weekly
            # admissions: became looked after in the last 7 days).
            models.Index(fields=["kind", "date"], name="event_kind_date"),
        ]

    def __str__(self) -> str:
        return f"{self.child.child_id}: {self.get_kind_display()} on {self.date}"

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.date and self.date > timezone.localdate():
            errors["date"] = "Date must be today or in the past"
        child = self.child if self.child_id else None
        if (
            child
            and self.date
            and child.date_of_birth
            and self.date < child.date_of_birth
            and self.kind not in PRE_BIRTH_EVENTS
            and self.kind != JourneyEventKind.BECAME_LOOKED_AFTER
        ):
            errors["date"] = (
                f"{self.get_kind_display()} cannot be before the child's date of birth "
                f"({child.date_of_birth:%d/%m/%Y}): only pre-birth events can"
            )
        if child and self.date and self.kind == JourneyEventKind.BECAME_LOOKED_AFTER:
            if child.date_of_birth is None:
                errors["date"] = (
                    "An unborn child cannot become looked after; record the birth first"
                )
            elif self.date < child.date_of_birth:
                errors["date"] = (
                    "The date the child became looked after must be on or after their "
                    "date of birth "
                    f"({child.date_of_birth:%d/%m/%Y})"
                )
        if self.kind == JourneyEventKind.PROCEEDINGS_EXTENDED:
            if not self.weeks or not 1 <= self.weeks <= MAX_EXTENSION_WEEKS:
                errors["weeks"] = (
                    f"Enter the weeks the court extended the timetable by, from 1 to "
                    f"{MAX_EXTENSION_WEEKS} (Children Act 1989 s32(8))"
                )
        elif self.weeks is not None:
            errors["weeks"] = "Only an extension of care proceedings has a number of weeks"
        if errors:
            raise ValidationError(errors)


class Allocation(models.Model):
    """Who holds the child's case: social worker, team and IRO, and the family finder finding
    them a permanent home (allocated by the Achieving Early Permanence Panel's fostering and
    adoption outcomes: seed 001, "Outcomes"; SPEC section 4). History is kept: a change of
    allocation ends the current row and starts a new one."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="allocations")
    social_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="allocations_as_social_worker",
    )
    team = models.ForeignKey(
        "accounts.Team", null=True, blank=True, on_delete=models.PROTECT, related_name="allocations"
    )
    iro = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="IRO",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="allocations_as_iro",
    )
    family_finder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="allocations_as_family_finder",
    )
    sgo_social_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="SGO social worker",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="allocations_as_sgo_social_worker",
        help_text="Allocated by the Achieving Early Permanence Panel's special guardianship "
        "outcome (seed 001, 'Outcomes from meeting'), or by a manager.",
    )
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["child", "-started_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["child"], condition=Q(ended_on__isnull=True), name="one_current_allocation"
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("started_on")),
                name="allocation_ends_after_it_starts",
            ),
        ]
        indexes = [
            models.Index(fields=["social_worker", "ended_on"]),
            models.Index(fields=["team", "ended_on"]),
            models.Index(fields=["iro", "ended_on"]),
            models.Index(fields=["family_finder", "ended_on"]),
            models.Index(fields=["sgo_social_worker", "ended_on"]),
        ]

    def __str__(self) -> str:
        return f"{self.child.child_id} → {self.social_worker} / {self.team} from {self.started_on}"


class SignOff(models.Model):
    """A step only a named role may agree, asked for and then decided: a strategic manager's
    agreement, the agency decision maker's authorisation, the looked-after review's ratification
    (homeward.domain.sign_offs: which kinds a council requires, and their sources). Until it is
    decided the step is awaiting it. ``signer_role`` is the role the council's procedure named
    when it was asked for; it also gives that role the need to know the child
    (``homeward.accounts.access``)."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="sign_offs")
    kind = models.CharField(max_length=40)
    signer_role = models.CharField(max_length=40)
    notes = models.TextField("What is asked", blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="sign_offs_requested"
    )
    requested_on = models.DateField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sign_offs_decided",
    )
    decided_on = models.DateField(null=True, blank=True)
    agreed = models.BooleanField(null=True, blank=True)
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-requested_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["child", "kind"],
                condition=Q(decided_on__isnull=True),
                name="one_pending_sign_off_of_a_kind",
            ),
            models.CheckConstraint(
                condition=Q(decided_on__isnull=True, agreed__isnull=True, decided_by__isnull=True)
                | Q(
                    decided_on__isnull=False,
                    agreed__isnull=False,
                    decided_by__isnull=False,
                    decided_on__gte=models.F("requested_on"),
                ),
                name="sign_off_decided_in_full_after_it_was_asked",
            ),
        ]
        indexes = [models.Index(fields=["signer_role", "decided_on"])]

    def __str__(self) -> str:
        return f"{self.child.child_id}: {self.kind} ({self.signer_role})"

    @property
    def is_pending(self) -> bool:
        return self.decided_on is None


class StatutoryVisit(models.Model):
    """A social worker's statutory visit to a child in care (Care Planning, Placement and Case
    Review (England) Regulations 2010, reg 28): when, and whether the child was seen alone
    (reg 28(2) visits include seeing the child alone unless they refuse or are not old enough).
    Recording it records the ``social_worker_visit`` journey event (owned here), which meets the
    visit due and sets the next."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="statutory_visits")
    visited_on = models.DateField("Date of the visit")
    seen_alone = models.BooleanField("Was the child seen alone?")
    notes = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    journey_event = models.OneToOneField(
        JourneyEvent, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["child", "-visited_on", "-pk"]
        verbose_name = "statutory visit"

    def __str__(self) -> str:
        return f"Statutory visit to {self.child.child_id} on {self.visited_on:%d/%m/%Y}"
