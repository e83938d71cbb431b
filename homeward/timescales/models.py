"""The deadline ledger: one row per expected occurrence of a rule for a child, as the engine
(``homeward.domain.timescales``) computed it when the child's facts or events last changed.

Rows hold due dates and what met them, never a status that depends on today: "overdue", "due
soon" and "due today" are comparisons with today's date made when a page reads the rows (in SQL
to choose rows, ``overdue(today)``; for each row read, its ``status`` as of the day it was read,
``Expectation.objects.as_of(today)``), so nothing needs a nightly job to stay true.
"""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import Q, Value

from homeward.children.models import Child
from homeward.domain.timescales import DUE_SOON_DAYS, Event, Status, open_status


class State(models.TextChoices):
    """What the engine found, whatever today is."""

    OPEN = "open", "Not yet met"
    MET_ON_TIME = "met_on_time", "Met on time"
    MET_LATE = "met_late", "Met late"
    NO_LONGER_APPLIES = "no_longer_applies", "No longer applies"
    MISSED = "missed", "Missed"


# The order of a worklist: overdue, then due soon, then upcoming; what is closed comes last.
STATUS_RANK = {Status.OVERDUE: 0, Status.DUE_SOON: 1, Status.UPCOMING: 2}


class ExpectationQuerySet(models.QuerySet["Expectation"]):
    def as_of(self, today: dt.date, soon_days: int = DUE_SOON_DAYS) -> ExpectationQuerySet:
        """The rows as read on ``today``: each one's ``status`` is its status that day, from its
        stored columns and the engine's own arithmetic (``open_status``: due before today is
        overdue; within ``soon_days``, due soon; a milestone whose date has come is reached).
        The day travels with the rows as two constants, so the query stays a plain read."""
        return self.annotate(
            as_of=Value(today, output_field=models.DateField()),
            as_of_soon_days=Value(soon_days, output_field=models.IntegerField()),
        )

    def open(self) -> ExpectationQuerySet:
        return self.filter(state=State.OPEN)

    def work(self) -> ExpectationQuerySet:
        """Open deadlines someone must meet (a milestone is a date to act from, not work)."""
        return self.filter(state=State.OPEN, milestone=False)

    def overdue(self, today: dt.date) -> ExpectationQuerySet:
        return self.work().filter(due__lt=today)


class Expectation(models.Model):
    """One expected occurrence of a timescale rule for one child (``domain.timescales``)."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="expectations")
    position = models.PositiveIntegerField()  # the engine's order for the child: rule, then date
    rule_id = models.CharField(max_length=80)
    occurrence = models.PositiveSmallIntegerField(default=1)  # 2 for the 2nd time it is due...
    title = models.CharField(max_length=200)
    responsible = models.CharField(max_length=40)  # a role (homeward.domain.timescales.ROLES)
    source = models.TextField()  # the citation: regulation, or council and heading
    source_name = models.CharField(max_length=200, blank=True)
    milestone = models.BooleanField(default=False)  # a date to act from, never overdue
    # The event kinds that meet it, between commas (",a,b,"): ``satisfied_by__contains=",a,"``.
    satisfied_by = models.CharField(max_length=300, blank=True)
    interval = models.CharField(max_length=200, blank=True)  # "6 weeks", "20 working days"
    due = models.DateField()
    state = models.CharField(max_length=20, choices=State.choices)
    late_by = models.PositiveIntegerField(default=0)  # days, for what was met late or stopped
    met_on = models.DateField(null=True, blank=True)
    met_kind = models.CharField(max_length=40, blank=True)
    anchor_on = models.DateField()
    anchor_kind = models.CharField(max_length=40)
    since_on = models.DateField()  # what the due date counts from: the anchor or the last met
    since_kind = models.CharField(max_length=40)
    stopped_on = models.DateField(null=True, blank=True)
    stopped_kind = models.CharField(max_length=40, blank=True)
    explanation = models.TextField()  # the sentence shown to users: why this date

    objects = ExpectationQuerySet.as_manager()

    class Meta:
        ordering = ["child_id", "position"]
        indexes = [
            # Worklists and drift read the work still to do (``work()``), by date across the
            # council and per child (drift's overdue count for each child): partial indexes, so
            # counting a council's open deadlines, or one child's, reads only those entries.
            models.Index(
                fields=["due", "child"],
                condition=Q(state="open", milestone=False),
                name="ts_work_due",
            ),
            models.Index(
                fields=["child", "due"],
                condition=Q(state="open", milestone=False),
                name="ts_child_work_due",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} for child {self.child_id}: due {self.due}"

    # What pages read, in the engine's words.
    @property
    def status(self) -> Status:
        """The status on the day the rows were read (``as_of``)."""
        today = getattr(self, "as_of", None)
        if today is None:
            raise AttributeError("read expectations with Expectation.objects.as_of(today)")
        if self.state != State.OPEN:
            return Status(self.state)
        if self.milestone and self.due <= today:
            return Status.REACHED
        return open_status(self.due, today, self.as_of_soon_days)[0]

    @property
    def days_late(self) -> int:
        """Days overdue on the day read, or how late it was met (or stopped applying)."""
        if self.state == State.OPEN:
            return max(0, (self.as_of - self.due).days) if not self.milestone else 0
        return self.late_by

    @property
    def met_by(self) -> Event | None:
        return Event(self.met_on, self.met_kind) if self.met_on is not None else None

    @property
    def since(self) -> Event:
        return Event(self.since_on, self.since_kind)

    @property
    def anchor(self) -> Event:
        return Event(self.anchor_on, self.anchor_kind)

    @property
    def stopped_by(self) -> Event | None:
        return Event(self.stopped_on, self.stopped_kind) if self.stopped_on is not None else None

    @property
    def satisfied_by_kinds(self) -> tuple[str, ...]:
        return tuple(k for k in self.satisfied_by.split(",") if k)

    @property
    def cited(self) -> str:
        """The short name of the source, for a sentence: "Dudley's quick reference guide"."""
        return self.source_name or self.source

    @property
    def sort_key(self) -> tuple[int, dt.date, str]:
        return (STATUS_RANK.get(self.status, 3), self.due, self.rule_id)


class ChildTimescales(models.Model):
    """What the ledger knows of one child as a whole, stored with their expectations: the
    current period of care (for days in care and "looked after now") and the permanence plan
    deadline that the drift dashboard shows."""

    child = models.OneToOneField(
        Child, on_delete=models.CASCADE, primary_key=True, related_name="timescales"
    )
    looked_after_since = models.DateField(null=True, blank=True)  # None: not looked after now
    # The earliest due date of a deadline not yet met (milestones aside): overdue on any day
    # after it, so "has something overdue" and "longest overdue" need no subquery.
    first_open_due = models.DateField(null=True, blank=True)
    plan_due = models.DateField(null=True, blank=True)
    plan_state = models.CharField(max_length=20, choices=State.choices, blank=True)
    plan_met_on = models.DateField(null=True, blank=True)
    computed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "child's timescales"
        indexes = [
            # Drift: children looked after now, the longest overdue first.
            models.Index(fields=["first_open_due"], name="ts_first_open_due"),
        ]
        verbose_name_plural = "children's timescales"

    def __str__(self) -> str:
        return f"Timescales of child {self.child_id}"
