"""Meetings about a child: planned, held or cancelled; who came; the agenda's answers; the
decisions; the action plan; and the IRO's escalations.

What a type of meeting is (its chair, attendees, agenda, outcome questions and the journey
events it creates) is plain data in ``homeward.domain.meetings``; these models hold what
happened at one meeting. Writes go through ``homeward.meetings.services``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from homeward.domain.meetings import ESCALATION_STAGES, TYPE_KEYS, VIEWS_GATHERED


class Meeting(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        HELD = "held", "Held"
        CANCELLED = "cancelled", "Cancelled"

    child = models.ForeignKey("children.Child", on_delete=models.CASCADE, related_name="meetings")
    type = models.CharField(max_length=40, choices=list(TYPE_KEYS.items()))
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PLANNED)
    planned_on = models.DateField(null=True, blank=True)
    held_on = models.DateField(null=True, blank=True)
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="meetings_chaired",
    )
    venue = models.CharField("Where or how it was held", max_length=200, blank=True)
    childs_views = models.TextField("The child's views, wishes and feelings", blank=True)
    views_gathered = models.CharField(
        "How the child's views were gathered", max_length=20, choices=VIEWS_GATHERED, blank=True
    )
    decisions = models.TextField(blank=True)
    # Answers to the type's outcome questions (homeward.domain.meetings.Outcome), by key.
    outcomes = models.JSONField(default=dict, blank=True)
    summary_for_child = models.TextField("What we decided, written for the child", blank=True)
    # The same decisions in plain words for the parents (issue 18 item 2; Devon 'What we will
    # do': "obtaining the views of the child and family members"; Durham 'Looked After
    # Reviews': "the child's care plan is discussed with parents").
    summary_for_parents = models.TextField("What we decided, written for the parents", blank=True)
    # Why it was planned for this date: the timescale it meets, when Homeward scheduled it.
    scheduled_because = models.CharField(max_length=500, blank=True)
    cancelled_because = models.CharField(max_length=500, blank=True)
    # The journey events recording it created (the timescales engine runs on these).
    events = models.ManyToManyField("children.JourneyEvent", blank=True, related_name="+")
    # Blank when Homeward planned it from the timescales (the demo, an import): recording such a
    # meeting must not fail on who planned it.
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    recorded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["child", "-held_on", "-planned_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="held") | Q(held_on__isnull=False),
                name="held_meeting_has_a_date",
            ),
            models.CheckConstraint(
                condition=~Q(status="planned") | Q(planned_on__isnull=False),
                name="planned_meeting_has_a_date",
            ),
        ]
        indexes = [models.Index(fields=["child", "type", "status"])]

    def __str__(self) -> str:
        day = self.held_on or self.planned_on
        return f"{self.get_type_display()} for {self.child.child_id} on {day}"

    def get_absolute_url(self) -> str:
        return reverse("meetings:meeting", args=[self.child.child_id, self.pk])

    @property
    def date(self):
        return self.held_on or self.planned_on


class Attendance(models.Model):
    """One person at (or sending apologies to) a meeting: a member of staff, a person in the
    child's life, or a named professional from another agency. Exactly one of the three."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    person = models.ForeignKey(
        "children.PersonInChildsLife",
        null=True,
        blank=True,
        # Kept while the child is: the person cannot be removed from a meeting's record alone.
        on_delete=models.RESTRICT,
        related_name="+",
    )
    name = models.CharField(max_length=200, blank=True, help_text="A professional not in Homeward.")
    # The place at the table (homeward.domain.meetings.Attendee.key), when known.
    attendee_key = models.CharField(max_length=40, blank=True)
    organisation = models.CharField("Role or organisation", max_length=200, blank=True)
    attended = models.BooleanField(help_text="False: sent apologies.")

    class Meta:
        ordering = ["meeting", "-attended", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(user__isnull=False, person__isnull=True, name="")
                    | Q(user__isnull=True, person__isnull=False, name="")
                    | (Q(user__isnull=True, person__isnull=True) & ~Q(name=""))
                ),
                name="attendee_is_a_user_a_person_or_named",
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.user_id:
            return str(self.user)
        if self.person_id:
            return self.person.person.full_name
        return self.name


class AgendaAnswer(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="answers")
    item = models.CharField(max_length=60, help_text="homeward.domain.meetings.AgendaItem.key")
    answer = models.TextField()

    class Meta:
        ordering = ["meeting", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "item"], name="one_answer_per_agenda_item")
        ]

    def __str__(self) -> str:
        return f"{self.item}: {self.answer[:40]}"


# An action still to do: the one definition of open action work, used by
# ``ActionQuerySet.still_open`` and the partial index below.
ACTION_OPEN = Q(status="open")


class ActionQuerySet(models.QuerySet["Action"]):
    def still_open(self) -> ActionQuerySet:
        """Actions neither done nor cancelled (``ACTION_OPEN``)."""
        return self.filter(ACTION_OPEN)


class Action(models.Model):
    """A task from a meeting's action plan: on the owner's "My work" until it is done, and
    overdue like any other deadline (``homeward.domain.timescales.task_status``)."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        DONE = "done", "Done"
        CANCELLED = "cancelled", "Cancelled"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="actions")
    text = models.CharField("Action", max_length=500)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="meeting_actions"
    )
    due_on = models.DateField("Due by")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    done_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "due_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="done", done_on__isnull=False)
                | (~Q(status="done") & Q(done_on__isnull=True)),
                name="done_action_has_a_date",
            ),
        ]
        indexes = [
            models.Index(fields=["owner", "status", "due_on"]),
            # My work: open actions on every visible child, by date.
            models.Index(fields=["due_on"], condition=ACTION_OPEN, name="action_open_due"),
        ]

    def __str__(self) -> str:
        return self.text


class Escalation(models.Model):
    """One stage of an IRO's escalation about a child's plan: raised, then resolved or taken to
    the next stage (a new row that points back to this one), until it is resolved."""

    child = models.ForeignKey(
        "children.Child", on_delete=models.CASCADE, related_name="escalations"
    )
    meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="escalations"
    )
    stage = models.CharField(max_length=10, choices=ESCALATION_STAGES)
    issue = models.TextField("What the concern is")
    raised_on = models.DateField()
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="escalations_raised"
    )
    respond_by = models.DateField("Response due by")
    resolved_on = models.DateField(null=True, blank=True)
    outcome = models.TextField(blank=True)
    # What the IRO told the child was done on their behalf (Durham 'Role of the Independent
    # Reviewing Officer': "the IRO should be able to demonstrate to children that they are
    # taking action on their behalf").
    told_child_on = models.DateField("Date the IRO told the child", null=True, blank=True)
    told_child = models.TextField(
        "What the IRO told the child was done on their behalf", blank=True
    )
    previous = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="next_stage"
    )

    class Meta:
        ordering = ["child", "-raised_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(respond_by__gte=models.F("raised_on")),
                name="escalation_response_due_after_it_is_raised",
            ),
            models.CheckConstraint(
                condition=Q(resolved_on__isnull=True) | Q(resolved_on__gte=models.F("raised_on")),
                name="escalation_resolved_after_it_is_raised",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_stage_display()} for {self.child.child_id}, raised {self.raised_on}"

    @property
    def is_open(self) -> bool:
        return self.resolved_on is None
