"""The Corporate Parenting Board's figures as stored rows per child (issue 16: the board's report
within 3x a bare view, as the deadline ledger and the forecasts are stored): what each child adds
to each measure, worked out by ``homeward.domain.measures.rows`` whenever the child's journey
changes (``stored.refresh``), so the report is a count and a sum over rows with SQL."""

from __future__ import annotations

from django.db import models

from homeward.children.models import Child


class BoardRow(models.Model):
    """One child's part in one of the board's measures: a days measure's figure counted on
    ``first`` (``last`` the same day), or the span ``first`` to ``last`` (open: from then on)
    on which the child is in a day measure's cohort (the stability indicators; past the plan
    deadline with no plan). See ``homeward.domain.measures.rows.Row``."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="board_rows")
    measure = models.CharField(max_length=40)
    first = models.DateField()
    last = models.DateField(null=True, blank=True)
    counts = models.BooleanField()  # within the threshold, flagged, or no plan agreed
    days = models.IntegerField(null=True, blank=True)
    placements = models.SmallIntegerField(null=True, blank=True)
    since = models.DateField(null=True, blank=True)
    agreed = models.DateField(null=True, blank=True)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        indexes = [models.Index(fields=["measure", "first"], name="board_row_measure_first")]

    def __str__(self) -> str:
        return f"{self.child_id}: {self.measure} from {self.first}"
