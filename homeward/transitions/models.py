"""The plan for a child's move into their permanent home (issue 18 item 6): introductions, the
dates, who does what, and its review (DV 'Guiding Principles': high quality support plans for the
transition process). The rules live in ``homeward.domain.transitions``."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from homeward.children.models import Child
from homeward.domain import transitions as rules

User = settings.AUTH_USER_MODEL


class MovePlan(models.Model):
    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="move_plans")
    moving_to = models.CharField(
        "Moving to",
        max_length=200,
        help_text="The permanent home: the carers or adopters, for example Mr and Mrs Hartley.",
    )
    introductions_start = models.DateField("Introductions start")
    introductions_end = models.DateField("Introductions end")
    move_on = models.DateField("Moving day")
    review_on = models.DateField(
        "Review the plan by",
        help_text="Part-way through the introductions, before the move.",
    )
    explaining_to_child = models.TextField(
        "How the move is explained to the child",
        help_text="In a way that fits the child's age and understanding.",
    )
    reviewed_on = models.DateField("Reviewed on", null=True, blank=True)
    review_notes = models.TextField("What the review decided", blank=True)
    recorded_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["child", "-move_on", "-pk"]
        verbose_name = "move plan"

    def __str__(self) -> str:
        return f"Move to {self.moving_to} on {self.move_on}"

    def clean(self) -> None:
        errors: dict[str, str] = {}
        for problem in rules.move_plan_problems(
            introductions_start=self.introductions_start,
            introductions_end=self.introductions_end,
            move_on=self.move_on,
            review_on=self.review_on,
        ):
            errors.setdefault(problem.field, problem.message)
        if self.reviewed_on and not self.review_notes.strip():
            errors["review_notes"] = "Enter what the review decided"
        if self.explaining_to_child and not self.explaining_to_child.strip():
            errors["explaining_to_child"] = "Enter how the move is explained to the child"
        if errors:
            raise ValidationError(errors)


class MoveTask(models.Model):
    """Who does what, by when, in a move plan."""

    plan = models.ForeignKey(MovePlan, on_delete=models.CASCADE, related_name="tasks")
    what = models.CharField("What", max_length=300)
    who = models.CharField("Who", max_length=200, help_text="A name and role.")
    by_when = models.DateField("By when")
    done_on = models.DateField("Done on", null=True, blank=True)

    class Meta:
        ordering = ["plan", "by_when", "pk"]
        verbose_name = "move plan task"

    def __str__(self) -> str:
        return f"{self.what} ({self.who}, by {self.by_when})"

    def clean(self) -> None:
        if self.what and not self.what.strip():
            raise ValidationError({"what": "Enter what is to be done"})
        if self.who and not self.who.strip():
            raise ValidationError({"who": "Enter who does it"})
