"""The carers register (issue 15 item 1): households who foster or adopt, in-house and through
agencies, with their approval terms, what they can accept (the needs-acceptance checklist, one
row per need), identity and where they live by area only, never an address.

The vocabulary (carer types, statuses, needs, levels) is defined once in
``homeward.domain.carers``. Invariants that hold whatever writes the row are database
constraints; rules that need a person's words (a full postcode in the area) are checked by the
forms and the CSV import.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from homeward.domain import carers as domain
from homeward.domain import match_outcomes as outcomes_domain
from homeward.domain import matching as matching_domain
from homeward.domain import routes as routes_domain
from homeward.domain.permanence import KINDS


def current_council() -> str:
    """The installation's council profile (one installation runs one council's)."""
    return str(settings.HOMEWARD_COUNCIL)


def _choices(pairs: tuple[tuple[str, str], ...]) -> list[tuple[str, str]]:
    return list(pairs)


class Carer(models.Model):
    """One household on the register. Staff see it by its reference and a display name (the
    household's first names, or "Carers R-0012"): never a surname-and-address identity."""

    council = models.CharField(
        max_length=20,
        default=current_council,
        help_text="The council profile whose register this is (homeward.domain.councils).",
    )
    reference = models.CharField(
        "Reference",
        max_length=20,
        help_text="The fostering or adoption service's own reference, for example R-0012.",
    )
    display_name = models.CharField(
        "Name shown to staff",
        max_length=80,
        help_text="The household's first names (for example, Sam and Alex) or 'Carers R-0012'. "
        "No surnames.",
    )
    carer_type = models.CharField(
        "Type of carer", max_length=30, choices=_choices(domain.CARER_TYPES)
    )
    agency = models.CharField(
        "Agency",
        max_length=120,
        blank=True,
        help_text="The independent fostering agency or voluntary adoption agency. Leave blank "
        "for the council's own (in-house) carers.",
    )
    status = models.CharField(max_length=20, choices=_choices(domain.STATUSES))
    status_since = models.DateField("Status since")
    # Approval terms.
    children_approved = models.PositiveSmallIntegerField(
        "Number of children approved for", default=1
    )
    age_from = models.PositiveSmallIntegerField("Youngest age approved for (years)", default=0)
    age_to = models.PositiveSmallIntegerField("Oldest age approved for (years)", default=18)
    siblings_accepted = models.BooleanField("Approved for sibling groups", default=False)
    short_term = models.BooleanField("Approved for short-term care", default=False)
    long_term = models.BooleanField("Approved for long-term or permanent care", default=False)
    disability = models.BooleanField("Approved for children with disabilities", default=False)
    vacancies = models.PositiveSmallIntegerField("Vacancies", default=0)
    # Identity: what the household can offer a child's identity, ethnicity, culture, religion
    # and language needs (DS objective 5; SPEC section 5).
    languages = models.CharField(
        "Languages spoken at home",
        max_length=200,
        blank=True,
        help_text="For example, English, Punjabi.",
    )
    religion = models.CharField(max_length=100, blank=True)
    ethnicity = models.CharField(
        max_length=200, blank=True, help_text="As the household describes itself."
    )
    culture = models.CharField(
        max_length=200, blank=True, help_text="Cultural background and heritage."
    )
    # What the household can meet without sharing it, and a connected person's child (issue 15
    # item 8's register gaps): DS objective 5 ("culturally matched or culturally competent
    # carers"); DS 'Connected People's Fostering Team' (Form C assessments of the child's own
    # family and friends); Care Planning Regulations 2010 reg 24 (temporary approval of a
    # relative, friend or other connected person as a foster parent for a named child).
    culturally_competent = models.CharField(
        "Cultures and ethnicities the household is culturally competent with",
        max_length=300,
        blank=True,
        help_text="As assessed, without sharing them. Separate each with a comma.",
    )
    religions_supported = models.CharField(
        "Religions the household will support a child to practise",
        max_length=300,
        blank=True,
        help_text="Besides its own. Separate each with a comma.",
    )
    connected_children = models.ManyToManyField(
        "children.Child",
        blank=True,
        related_name="connected_carers",
        verbose_name="Children the household is connected to",
        help_text="A connected person only: the children they are family, friends or otherwise "
        "connected to, and assessed (or temporarily approved) for.",
    )
    area = models.CharField(
        "Area",
        max_length=60,
        help_text="A locality or postcode district, for example Brierley Hill or DY5. Never a "
        "full address or postcode.",
    )
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["reference"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "reference"], name="matching_carer_reference_unique"
            ),
            models.CheckConstraint(
                condition=Q(age_from__lte=F("age_to")), name="matching_carer_age_range"
            ),
            models.CheckConstraint(
                condition=Q(age_to__lte=domain.MAX_AGE), name="matching_carer_age_to_max"
            ),
            models.CheckConstraint(
                condition=Q(vacancies__gte=0), name="matching_carer_vacancies_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(vacancies__lte=F("children_approved")),
                name="matching_carer_vacancies_within_approval",
            ),
            models.CheckConstraint(
                condition=Q(carer_type__in=[key for key, _ in domain.CARER_TYPES]),
                name="matching_carer_type_known",
            ),
            models.CheckConstraint(
                condition=Q(status__in=[key for key, _ in domain.STATUSES]),
                name="matching_carer_status_known",
            ),
            models.CheckConstraint(condition=~Q(area=""), name="matching_carer_area_given"),
        ]
        indexes = [models.Index(fields=["status", "carer_type"])]

    def __str__(self) -> str:
        return f"{self.display_name} ({self.reference})"

    def get_absolute_url(self) -> str:
        return reverse("matching:carer", args=[self.pk])

    @property
    def provider(self) -> str:
        return self.agency or "In-house"


class CarerNeed(models.Model):
    """One row of the household's needs-acceptance checklist: the highest level of one need
    (``homeward.domain.carers.NEEDS``) the household can accept."""

    carer = models.ForeignKey(Carer, on_delete=models.CASCADE, related_name="needs")
    need = models.CharField(max_length=40, choices=_choices(domain.NEEDS))
    level = models.CharField(max_length=10, choices=_choices(domain.LEVELS))

    class Meta:
        ordering = ["carer", "need"]
        verbose_name = "carer's accepted need"
        constraints = [
            models.UniqueConstraint(fields=["carer", "need"], name="matching_carer_need_once"),
            models.CheckConstraint(
                condition=Q(need__in=list(domain.NEED_KEYS)), name="matching_carer_need_known"
            ),
            models.CheckConstraint(
                condition=Q(level__in=[key for key, _ in domain.LEVELS]),
                name="matching_carer_need_level_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_need_display()}: {self.get_level_display()}"


class CarerStatusChange(models.Model):
    """The household's status over time: each change, the day it took effect and why."""

    carer = models.ForeignKey(Carer, on_delete=models.CASCADE, related_name="status_changes")
    status = models.CharField(max_length=20, choices=_choices(domain.STATUSES))
    on = models.DateField("Date")
    reason = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-on", "-pk"]
        verbose_name = "carer's status change"

    def __str__(self) -> str:
        return f"{self.get_status_display()} from {self.on}"


# --- Explainable matching for a child (issue 15 item 4) -----------------------------------------
# The child's matching profile and the worker's decisions on the ranked carers. The ranking
# itself is homeward.domain.matching.rank, fed by homeward.matching.profiles.


class MatchingProfile(models.Model):
    """What matching needs to know about one child beyond their record: each need's level, the
    plan for brothers and sisters, areas to avoid for the child's safety, family time's
    constraints and the permanence option (and the council's route) the child is matched for.
    Identity (ethnicity, religion, first language, disability) is read from the Child record;
    culture, which the record does not hold, is kept here."""

    child = models.OneToOneField(
        "children.Child", on_delete=models.CASCADE, related_name="matching_profile"
    )
    option = models.CharField(
        "Permanence option matched for",
        max_length=30,
        choices=[(key, key) for key in matching_domain.ROUTE_FITS],
    )
    route = models.CharField(
        "The council's route",
        max_length=60,
        blank=True,
        help_text="A key of the council's routes (homeward.domain.routes); blank for every "
        "carer the option fits.",
    )
    needs = models.JSONField(
        default=dict,
        blank=True,
        help_text="Need key (homeward.domain.matching.NEEDS) to low, medium or high; a need "
        "left out is rated none.",
    )
    siblings_together = models.BooleanField(
        "The plan keeps the sibling group together", default=False
    )
    culture = models.CharField(max_length=200, blank=True)
    avoid_areas = models.TextField(
        "Areas to avoid for the child's safety",
        blank=True,
        help_text="One area a line (a locality or postcode district), never an address.",
    )
    family_time_from_area = models.CharField(
        "Where family time takes place", max_length=60, blank=True
    )
    family_time_max_miles = models.PositiveSmallIntegerField(
        "Furthest distance from family time (miles)", null=True, blank=True
    )
    family_time_areas = models.TextField(
        "Areas the home must be in for family time",
        blank=True,
        help_text="One area a line.",
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "matching profile"
        constraints = [
            models.CheckConstraint(
                condition=Q(option__in=list(matching_domain.ROUTE_FITS)),
                name="matching_profile_option_known",
            ),
            models.CheckConstraint(
                condition=Q(family_time_max_miles__isnull=True) | Q(family_time_max_miles__gt=0),
                name="matching_profile_miles_positive",
            ),
        ]

    def __str__(self) -> str:
        return f"Matching profile of {self.child_id}"


class MatchDecision(models.Model):
    """A worker's decision on one carer for one child: shortlisted, rejected (with a reason) or
    added where the ranking missed them (with why). Append-only: a later decision on the same
    carer supersedes the earlier one, and the history is kept."""

    class Decision(models.TextChoices):
        SHORTLIST = "shortlist", "Shortlisted"
        REJECT = "reject", "Rejected"
        ADD = "add", "Added by the worker"

    child = models.ForeignKey(
        "children.Child", on_delete=models.CASCADE, related_name="match_decisions"
    )
    carer = models.ForeignKey(Carer, on_delete=models.PROTECT, related_name="match_decisions")
    decision = models.CharField(max_length=10, choices=Decision.choices)
    reason = models.TextField(blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField()

    class Meta:
        ordering = ["child", "-at", "-pk"]
        verbose_name = "match decision"
        constraints = [
            models.CheckConstraint(
                condition=Q(decision__in=["shortlist", "reject", "add"]),
                name="match_decision_known",
            ),
            models.CheckConstraint(
                condition=Q(decision="shortlist") | ~Q(reason=""),
                name="match_decision_reason_given",
            ),
        ]
        indexes = [models.Index(fields=["child", "carer", "-at"])]

    def __str__(self) -> str:
        return f"{self.get_decision_display()}: {self.carer_id} for {self.child_id}"


# --- Outcomes for learning (issue 15 item 8): a match made, the ranking's explanation kept as
# it was that day, and how the match went. Nothing here feeds the ranking
# (homeward.domain.matching.rank reads the register and the child's profile only).


class Match(models.Model):
    """A child matched with a household: the day the match was agreed and, kept as it was that
    day, the ranking's explanation for that household (every criterion's outcome) and the route
    the child was matched by, so later outcomes can be read against what was known."""

    child = models.ForeignKey("children.Child", on_delete=models.CASCADE, related_name="matches")
    carer = models.ForeignKey(Carer, on_delete=models.PROTECT, related_name="matches")
    matched_on = models.DateField("Date the match was agreed")
    option = models.CharField(max_length=30)
    route_title = models.CharField(max_length=200, blank=True)
    criteria = models.JSONField(
        default=list,
        help_text="The ranking's criteria for this household on the day: a list of "
        "{criterion, title, hard, outcome, reason}.",
    )
    position = models.PositiveIntegerField(null=True, blank=True)
    explanation = models.TextField(blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["child", "-matched_on", "-pk"]
        verbose_name = "match"
        verbose_name_plural = "matches"
        constraints = [
            models.UniqueConstraint(fields=["child", "carer"], name="matching_match_once")
        ]

    def __str__(self) -> str:
        return f"{self.child_id} matched with {self.carer_id} on {self.matched_on}"

    @property
    def route(self) -> str:
        """The route as the report groups it: the council's route, else the option's name."""
        label = KINDS[self.option].label if self.option in KINDS else self.option
        return self.route_title or label


class MatchOutcome(models.Model):
    """How a match is going or how it ended: still together at 1 year or 2 years, ended as
    planned, or ended unplanned (with why). Append-only: each is kept, the latest is the
    match's current state."""

    match = models.ForeignKey(Match, on_delete=models.CASCADE, related_name="outcomes")
    kind = models.CharField(
        "Outcome", max_length=20, choices=[(k.value, k.label) for k in outcomes_domain.Kind]
    )
    on = models.DateField("Date")
    reason = models.TextField(blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["match", "on", "pk"]
        verbose_name = "match outcome"
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=[k.value for k in outcomes_domain.Kind]),
                name="matching_outcome_kind_known",
            ),
            models.CheckConstraint(
                condition=~Q(kind=outcomes_domain.Kind.ENDED_UNPLANNED) | ~Q(reason=""),
                name="matching_outcome_unplanned_reason",
            ),
            models.UniqueConstraint(fields=["match", "kind"], name="matching_outcome_once"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.on}"


# --- Family finding: the child's route, its steps done, the pen picture (issue 15 items 2, 3
# and 7; branch routes). The routes are data (homeward/domain/routes.py and
# rules/routes/<council>.toml); these rows record which route a child is on and what is done.

ROUTE_KEY_LENGTH = 60


class FamilyFinding(models.Model):
    """The route to a permanent home a child is on (a key of the council's routes file), from
    when, and who chose it. One a child."""

    child = models.OneToOneField(
        "children.Child", on_delete=models.CASCADE, related_name="family_finding"
    )
    council = models.CharField(max_length=20, default=current_council)
    route_key = models.CharField("Route", max_length=ROUTE_KEY_LENGTH)
    started_on = models.DateField("Started on")
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "family finding"

    def __str__(self) -> str:
        return f"{self.child_id}: {self.route_key}"

    def done(self) -> dict[str, Any]:
        """Step key -> the date it was done (what homeward.domain.routes.progress takes)."""
        return {s.step_key: s.done_on for s in self.steps_done.all()}

    def results(self) -> dict[str, str]:
        """Step key -> the outcome recorded at it, for the steps that have one (issue 15 item 6)."""
        return {s.step_key: s.result for s in self.steps_done.all() if s.result}


class RouteStepDone(models.Model):
    """One step of the child's route, done: when, by whom, and a note (the permission's
    reference, the panel's date...). Recorded once; who may record it is the step's role
    (homeward.accounts.access.can_record_route_step)."""

    finding = models.ForeignKey(FamilyFinding, on_delete=models.CASCADE, related_name="steps_done")
    step_key = models.CharField(max_length=ROUTE_KEY_LENGTH)
    done_on = models.DateField("Date done")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    note = models.TextField(blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)
    # The outcome of a panel or decision recorded at the step (issue 15 item 6; the step's
    # ``outcome`` in the routes file, homeward.domain.route_outcomes): blank for a step with none.
    result = models.CharField("Outcome", max_length=20, blank=True)
    decided_by = models.CharField("Name", max_length=200, blank=True)
    reason = models.TextField("Why", blank=True)
    complex_case = models.BooleanField(
        "A complex case chaired by the Fostering team manager", null=True, blank=True
    )
    childs_voice = models.TextField("The child's views, in their words", blank=True)
    no_voice_reason = models.TextField("Why the child's views were not recorded", blank=True)
    # The journey event the step wrote (its routes-file ``event``), removed with the step.
    event = models.OneToOneField(
        "children.JourneyEvent",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="route_step",
    )

    class Meta:
        ordering = ["finding", "done_on", "pk"]
        verbose_name = "route step done"
        constraints = [
            models.UniqueConstraint(fields=["finding", "step_key"], name="matching_step_done_once")
        ]

    def __str__(self) -> str:
        return f"{self.step_key} on {self.done_on}"


class PenPicture(models.Model):
    """The child's pen picture as the social worker wrote it (first drafted from the record:
    homeward.domain.pen_picture.draft). What is sent is its safe version, kept on each
    PenPictureSent."""

    child = models.OneToOneField(
        "children.Child", on_delete=models.CASCADE, related_name="pen_picture"
    )
    text = models.TextField("Pen picture")
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Pen picture for {self.child_id}"


class CarerGroup(models.TextChoices):
    """Who a pen picture is sent to, by group: never a named household here (001 'Family
    Finding Internal/External': sent to in-house carers first)."""

    ALL_IN_HOUSE_FOSTER = "all_in_house_foster", "All in-house foster carers"
    IN_HOUSE_LONG_TERM = "in_house_long_term", "In-house foster carers approved for long-term care"
    APPROVED_ADOPTERS = "approved_adopters", "Approved adopters (in-house)"
    CONNECTED_PEOPLE = "connected_people", "Connected-person carers"


class PenPictureSent(models.Model):
    """The safe version of the pen picture sent to a group of carers: when, to whom, by whom,
    and the words sent."""

    pen_picture = models.ForeignKey(PenPicture, on_delete=models.CASCADE, related_name="sendings")
    sent_on = models.DateField("Date sent")
    to_group = models.CharField("Sent to", max_length=30, choices=CarerGroup.choices)
    safe_text = models.TextField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-sent_on", "-pk"]
        verbose_name = "pen picture sent"
        constraints = [
            models.CheckConstraint(
                condition=Q(to_group__in=CarerGroup.values), name="matching_pen_picture_group_known"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_to_group_display()} on {self.sent_on}"


BUNDLE_STATUS_CHOICES = [(s.value, s.label) for s in routes_domain.BundleItemStatus]


class BundleItem(models.Model):
    """One document of the permanence bundle the child's route needs for its panel (issue 15
    item 5; the bundle's documents are the council's routes file's): its due date, set by the
    family finder or the social worker (no procedure sets one), and where it stands, with the
    date and who. Its files are documents on the child's record, filed with the source
    ``bundle-item:<id>`` (``homeward.documents.services.store``). A document with no row is not
    started."""

    finding = models.ForeignKey(
        FamilyFinding, on_delete=models.CASCADE, related_name="bundle_items"
    )
    document_key = models.CharField(max_length=ROUTE_KEY_LENGTH)
    due_on = models.DateField("Due date", null=True, blank=True)
    due_set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        max_length=20,
        choices=BUNDLE_STATUS_CHOICES,
        default=routes_domain.BundleItemStatus.NOT_STARTED.value,
    )
    status_on = models.DateField("Date", null=True, blank=True)
    status_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    note = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["finding", "pk"]
        verbose_name = "permanence bundle document"
        constraints = [
            models.UniqueConstraint(
                fields=["finding", "document_key"], name="matching_bundle_item_once"
            ),
            models.CheckConstraint(
                condition=Q(status__in=[s.value for s in routes_domain.BundleItemStatus]),
                name="matching_bundle_item_status_known",
            ),
            # In progress or received always says since when.
            models.CheckConstraint(
                condition=Q(status=routes_domain.BundleItemStatus.NOT_STARTED.value)
                | Q(status_on__isnull=False),
                name="matching_bundle_item_status_dated",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.document_key}: {self.status}"

    @property
    def source(self) -> str:
        """What its files are filed under on the child's record."""
        return bundle_source(self.pk)


def bundle_source(item_id: int) -> str:
    return f"bundle-item:{item_id}"


class BundleOverride(models.Model):
    """A manager's record of why the panel is booked without every document of the bundle
    (issue 15 item 5). Kept: a later one is added, never changed; the latest stands."""

    finding = models.ForeignKey(
        FamilyFinding, on_delete=models.CASCADE, related_name="bundle_overrides"
    )
    reason = models.TextField("Why the panel goes ahead without every document")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_on = models.DateField("Date")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["finding", "-recorded_at", "-pk"]
        verbose_name = "permanence bundle override"

    def __str__(self) -> str:
        return f"Override for {self.finding_id} on {self.recorded_on}"
