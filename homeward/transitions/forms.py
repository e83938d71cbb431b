"""The move plan's forms (GOV.UK Frontend, through the family app's form base)."""

from __future__ import annotations

from homeward.family.forms import FamilyModelForm
from homeward.transitions.models import MovePlan, MoveTask


class MovePlanForm(FamilyModelForm):
    date_fields = ("introductions_start", "introductions_end", "move_on", "review_on")
    required_messages = {
        "moving_to": "Enter who the child is moving to",
        "introductions_start": "Enter the date introductions start",
        "introductions_end": "Enter the date introductions end",
        "move_on": "Enter the moving day",
        "review_on": "Enter the date the plan is reviewed by",
        "explaining_to_child": "Enter how the move is explained to the child",
    }

    class Meta:
        model = MovePlan
        fields = [
            "moving_to",
            "introductions_start",
            "introductions_end",
            "move_on",
            "review_on",
            "explaining_to_child",
        ]


class MovePlanReviewForm(FamilyModelForm):
    date_fields = ("reviewed_on",)
    required_messages = {"reviewed_on": "Enter the date of the review"}

    class Meta:
        model = MovePlan
        fields = ["reviewed_on", "review_notes"]

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["reviewed_on"].required = True
        self.fields["review_notes"].required = True
        self.fields["review_notes"].error_messages["required"] = "Enter what the review decided"


class MoveTaskForm(FamilyModelForm):
    date_fields = ("by_when",)
    required_messages = {
        "what": "Enter what is to be done",
        "who": "Enter who does it",
        "by_when": "Enter the date it is to be done by",
    }

    class Meta:
        model = MoveTask
        fields = ["what", "who", "by_when"]
