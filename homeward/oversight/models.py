"""What the drift dashboard groups children by, stored per child: their current team, the
pathway they are on, and the earliest date their open work from meetings, assessments and family
time reviews falls due. Like the deadline ledger (``homeward.timescales``), these are kept current
as the facts change (``drift.refresh``, called by the receivers in ``receivers.py``), so that the
dashboard's summaries are one GROUP BY over stored columns, not subqueries per child."""

from __future__ import annotations

from django.db import models

from homeward.accounts.models import Team
from homeward.children.models import Child


class DriftFacts(models.Model):
    """One child's current team, pathway and first task due. A child with none of them has no
    row (a missing row reads as no team, "Not yet decided" and nothing due)."""

    child = models.OneToOneField(
        Child, on_delete=models.CASCADE, primary_key=True, related_name="drift_facts"
    )
    # The team of the child's current allocation (one at most: one_current_allocation).
    team = models.ForeignKey(Team, null=True, on_delete=models.SET_NULL, related_name="+")
    # ``selectors.pathway_key``: "plan:<option kind>" from the latest permanence plan's
    # preferred option, else "aepp:<pathway>" from the latest panel outcome, else "none".
    pathway = models.CharField(max_length=40, default="none")
    # The earliest due date of the child's open work that is not a ledger deadline: an open
    # action from a meeting, an assessment still due, a running family time plan's review (the
    # tasks ``task_status`` judges). A date, not a status: "something overdue" is this date
    # before today, compared when the page is read, so it never needs a nightly job.
    first_task_due = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = "child's drift facts"
        verbose_name_plural = "children's drift facts"

    def __str__(self) -> str:
        return f"{self.child_id}: {self.pathway}"


class StoredForecast(models.Model):
    """One running clock of a child (issue 16 item 2): a national measure's clock (A1, A2, the
    26 weeks), the day it started and the day it reaches the threshold if nothing moves, the
    step that would stop it and the child's situation in words. Worked out by the measures' own
    rules (``homeward.domain.measures.forecasts``) whenever the child's journey changes
    (``forecasts.refresh``, called with the drift facts), so the forecasts page and the
    Permanence Monitoring Panel's pack read rows with SQL. What depends on today (days left,
    breached, due soon) is a comparison of ``breach_date`` with today when the page is read."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="forecasts")
    measure = models.CharField(max_length=10)  # the measure's code: A1, A2, CP26
    started = models.DateField()
    breach_date = models.DateField()
    next_step = models.CharField(max_length=200)
    situation = models.CharField(max_length=500)

    class Meta:
        indexes = [models.Index(fields=["breach_date", "child"], name="forecast_soonest")]

    def __str__(self) -> str:
        return f"{self.child_id}: {self.measure} reaches its threshold on {self.breach_date}"


class ForecastRecheck(models.Model):
    """A child whose stored forecasts change on a day still to come without anything being
    recorded (an event dated in the future, a period of care that ends later:
    ``forecasts.next_change``). The readers work those children's forecasts out again once the
    day comes (``forecasts.recheck_due``), so no nightly job is needed."""

    child = models.OneToOneField(
        Child, on_delete=models.CASCADE, primary_key=True, related_name="forecast_recheck"
    )
    on = models.DateField(db_index=True)

    def __str__(self) -> str:
        return f"{self.child_id}: recheck on {self.on}"
