"""The rest of the SSDA903 return that Homeward keeps, and the record of each import.

Child and Episode live in ``homeward.children``; these are the return's other tables, named as
the DfE names their columns (each in ``help_text``). Coded fields that the DfE rules check are
stored as given, so a data-quality failure can be shown exactly as it was returned.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from homeward.children.models import Child


class Review(models.Model):
    """A Child in Care (looked after) review, as returned (SSDA903 Reviews table)."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="reviews")
    review_date = models.DateField(help_text="SSDA903 REVIEW.")
    participation = models.CharField(max_length=4, blank=True, help_text="SSDA903 REVIEW_CODE.")
    # The n-th identical row: two identical reviews on one day are both kept, and re-importing
    # the same file finds them again instead of adding more.
    occurrence = models.PositiveSmallIntegerField(default=1)

    class Meta:
        ordering = ["child", "review_date"]
        constraints = [
            models.UniqueConstraint(
                fields=["child", "review_date", "participation", "occurrence"],
                name="one_review_per_key",
            )
        ]

    def __str__(self) -> str:
        return f"Review of {self.child_id} on {self.review_date}"


class OutcomesOC2(models.Model):
    """Outcomes for a child looked after for 12 months at 31 March (SSDA903 OC2)."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="oc2")
    collection_year = models.PositiveSmallIntegerField()
    sdq_score = models.CharField(max_length=3, blank=True, help_text="SDQ_SCORE")
    sdq_reason = models.CharField(max_length=5, blank=True, help_text="SDQ_REASON")
    convicted = models.CharField(max_length=1, blank=True, help_text="CONVICTED")
    health_check = models.CharField(max_length=1, blank=True, help_text="HEALTH_CHECK")
    immunisations = models.CharField(max_length=1, blank=True, help_text="IMMUNISATIONS")
    teeth_check = models.CharField(max_length=1, blank=True, help_text="TEETH_CHECK")
    health_assessment = models.CharField(max_length=1, blank=True, help_text="HEALTH_ASSESSMENT")
    substance_misuse = models.CharField(max_length=1, blank=True, help_text="SUBSTANCE_MISUSE")
    intervention_received = models.CharField(
        max_length=1, blank=True, help_text="INTERVENTION_RECEIVED"
    )
    intervention_offered = models.CharField(
        max_length=1, blank=True, help_text="INTERVENTION_OFFERED"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["child", "collection_year"], name="one_oc2_per_year")
        ]

    def __str__(self) -> str:
        return f"OC2 {self.collection_year} for {self.child_id}"


class CareLeaverOC3(models.Model):
    """A care leaver's circumstances around their birthday (SSDA903 OC3)."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="oc3")
    collection_year = models.PositiveSmallIntegerField()
    in_touch = models.CharField(max_length=4, blank=True, help_text="IN_TOUCH")
    activity = models.CharField(max_length=2, blank=True, help_text="ACTIV")
    accommodation = models.CharField(max_length=2, blank=True, help_text="ACCOM")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["child", "collection_year"], name="one_oc3_per_year")
        ]

    def __str__(self) -> str:
        return f"OC3 {self.collection_year} for {self.child_id}"


class AdoptionAD1(models.Model):
    """An adoption: decision, match and the adopters (SSDA903 AD1)."""

    child = models.OneToOneField(Child, on_delete=models.CASCADE, related_name="ad1")
    date_should_be_placed = models.DateField(
        null=True, blank=True, help_text="DATE_INT: decision the child should be placed"
    )
    date_matched = models.DateField(null=True, blank=True, help_text="DATE_MATCH")
    foster_carer_adoption = models.CharField(max_length=1, blank=True, help_text="FOSTER_CARE")
    number_of_adopters = models.CharField(max_length=1, blank=True, help_text="NB_ADOPTR")
    sex_of_adopters = models.CharField(max_length=2, blank=True, help_text="SEX_ADOPTR")
    legal_status_of_adopters = models.CharField(max_length=3, blank=True, help_text="LS_ADOPTR")

    def __str__(self) -> str:
        return f"AD1 for {self.child_id}"


class PlacedForAdoption(models.Model):
    """A decision that the child should be placed for adoption, and if it ended, why
    (SSDA903 PlacedAdoption)."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="placed_for_adoption")
    date_placed = models.DateField(help_text="DATE_PLACED")
    date_placed_ceased = models.DateField(null=True, blank=True, help_text="DATE_PLACED_CEASED")
    reason_placed_ceased = models.CharField(
        max_length=4, blank=True, help_text="REASON_PLACED_CEASED"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["child", "date_placed"], name="one_placed_per_date")
        ]

    def __str__(self) -> str:
        return f"Placed for adoption {self.date_placed} ({self.child_id})"


class PreviousPermanence(models.Model):
    """Permanence the child had before this period of care (SSDA903 PrevPerm)."""

    child = models.OneToOneField(
        Child, on_delete=models.CASCADE, related_name="previous_permanence"
    )
    previous_permanence = models.CharField(max_length=2, blank=True, help_text="PREV_PERM")
    la_of_permanence = models.CharField(max_length=3, blank=True, help_text="LA_PERM")
    # Often partial in real returns (e.g. "zz/zz/2008"), so kept as text.
    date_of_permanence = models.CharField(max_length=10, blank=True, help_text="DATE_PERM")

    def __str__(self) -> str:
        return f"Previous permanence {self.previous_permanence} ({self.child_id})"


class MissingEpisode(models.Model):
    """A period missing from placement or away without authorisation (SSDA903 Missing)."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="missing_episodes")
    kind = models.CharField(max_length=1, blank=True, help_text="MISSING: M missing, A away")
    start_date = models.DateField(help_text="MIS_START")
    end_date = models.DateField(null=True, blank=True, help_text="MIS_END")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["child", "start_date"], name="one_missing_per_start")
        ]

    def __str__(self) -> str:
        return f"Missing from {self.start_date} ({self.child_id})"


class ImportRun(models.Model):
    """One import of a return: what was read, what blocked it, what the DfE rules found."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        CHECKING = "checking", "Checking the files"
        WRITING = "writing", "Writing to the tracker"
        VALIDATING = "validating", "Running the DfE rules"
        IMPORTED = "imported", "Imported"
        BLOCKED = "blocked", "Not imported: problems to fix"
        FAILED = "failed", "Failed"

    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # Saved whenever the run is: with the heartbeat in the progress cache, the last sign that
    # the worker running it is alive (homeward/ssda903/progress.py).
    updated_at = models.DateTimeField(auto_now=True)
    # Names this run's progress in the cache: unique even where run numbers are reused (a
    # database restored from a backup, the test suite's databases).
    token = models.UUIDField(default=uuid.uuid4, editable=False)
    source = models.CharField(max_length=500, help_text="The folder, file or upload imported.")
    collection_year = models.PositiveSmallIntegerField(null=True, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0, help_text="Per cent done.")
    counts = models.JSONField(default=dict, blank=True)
    blocking = models.JSONField(default=list, blank=True, help_text="Problems that stopped it.")
    message = models.CharField(max_length=500, blank=True)

    IN_PROGRESS = (Status.CHECKING, Status.WRITING, Status.VALIDATING)
    FINISHED = (Status.IMPORTED, Status.BLOCKED, Status.FAILED)

    class Meta:
        ordering = ["-started_at", "-pk"]

    def __str__(self) -> str:
        return f"Import {self.pk} of {self.source} ({self.get_status_display()})"


class DataQualityFailure(models.Model):
    """A DfE validation rule that a child's returned data fails. Never blocks an import."""

    run = models.ForeignKey(ImportRun, on_delete=models.CASCADE, related_name="failures")
    rule = models.CharField(max_length=10, db_index=True)
    message = models.CharField(max_length=500)
    table = models.CharField(max_length=20)
    row = models.PositiveIntegerField(null=True, blank=True)
    child_id = models.CharField(max_length=10, blank=True, db_index=True)
    columns = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["rule", "child_id", "row"]

    def __str__(self) -> str:
        return f"Rule {self.rule}: {self.child_id} row {self.row}"
