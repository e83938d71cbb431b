"""What the drift dashboard groups children by, stored per child: their current team and the
pathway they are on. Like the deadline ledger (``homeward.timescales``), these are kept current
as the facts change (``drift.refresh``, called by the receivers in ``receivers.py``), so that the
dashboard's summaries are one GROUP BY over stored columns, not subqueries per child."""

from __future__ import annotations

from django.db import models

from homeward.accounts.models import Team
from homeward.children.models import Child


class DriftFacts(models.Model):
    """One child's current team and pathway. A child with neither has no row (a missing row
    reads as no team and "Not yet decided")."""

    child = models.OneToOneField(
        Child, on_delete=models.CASCADE, primary_key=True, related_name="drift_facts"
    )
    # The team of the child's current allocation (one at most: one_current_allocation).
    team = models.ForeignKey(Team, null=True, on_delete=models.SET_NULL, related_name="+")
    # ``selectors.pathway_key``: "plan:<option kind>" from the latest permanence plan's
    # preferred option, else "aepp:<pathway>" from the latest panel outcome, else "none".
    pathway = models.CharField(max_length=40, default="none")

    class Meta:
        verbose_name = "child's drift facts"
        verbose_name_plural = "children's drift facts"

    def __str__(self) -> str:
        return f"{self.child_id}: {self.pathway}"
