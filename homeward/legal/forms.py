from __future__ import annotations

from typing import Any

from django import forms

from homeward.children.forms import GovUKModelForm
from homeward.domain import legal as rules
from homeward.legal.models import (
    CourtFiling,
    LegalConsultation,
    PreProceedingsStep,
    SupportPlan,
    SupportPlanReview,
)


def _required(field: forms.Field, message: str) -> None:
    field.required = True
    field.error_messages["required"] = message


class PreProceedingsStepForm(GovUKModelForm):
    date_fields = ("date",)

    class Meta:
        model = PreProceedingsStep
        fields = ["kind", "date", "notes"]
        labels = {"kind": "What happened", "notes": "Notes (optional)"}
        widgets = {"kind": forms.RadioSelect, "notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = PreProceedingsStep.Kind.choices
        _required(self.fields["kind"], "Select what happened")


class CourtFilingForm(GovUKModelForm):
    date_fields = ("due_on", "filed_on")

    class Meta:
        model = CourtFiling
        fields = ["kind", "due_on", "filed_on", "recommendation"]
        labels = {"kind": "What the court asked for"}
        widgets = {"kind": forms.RadioSelect, "recommendation": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = list(rules.FILING_KINDS.items())
        _required(self.fields["kind"], "Select what the court asked for")
        self.fields["filed_on"].help_text = "Leave blank until it is filed."
        self.fields[
            "recommendation"
        ].help_text = "With the final evidence: what the council recommends to the court."


class LegalConsultationForm(GovUKModelForm):
    date_fields = ("offered_on", "taken_up_on")

    class Meta:
        model = LegalConsultation
        fields = ["family_member", "relationship", "offered_on", "taken_up_on"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _required(self.fields["family_member"], "Enter the family member's name")
        self.fields["taken_up_on"].help_text = "Leave blank if it has not happened yet."


class SupportPlanForm(GovUKModelForm):
    date_fields = ("order_made_on", "agreed_on", "allowance_panel_on")

    class Meta:
        model = SupportPlan
        fields = [
            "order_kind",
            "order_made_on",
            "agreed_on",
            "carers",
            "services",
            "allowance",
            "allowance_panel_on",
        ]
        widgets = {
            "order_kind": forms.RadioSelect,
            "allowance": forms.RadioSelect,
            "services": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, allowance_panel: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["order_kind"].choices = list(rules.ORDER_KINDS.items())
        _required(self.fields["order_kind"], "Select the order the support plan follows")
        _required(self.fields["services"], "Enter the support the plan gives")
        self.fields["order_made_on"].help_text = "Leave blank if the order is not made yet."
        self.fields[
            "services"
        ].help_text = (
            "For example: therapeutic support, help with family time, training for the carers."
        )
        self.fields["allowance"].choices = list(rules.ALLOWANCE_DECISIONS.items())
        if allowance_panel:
            self.fields[
                "allowance"
            ].help_text = f"Financial packages are considered by the {allowance_panel}."
            self.fields["allowance_panel_on"].label = f"Date the {allowance_panel} decided"
        else:
            self.fields["allowance_panel_on"].label = "Date the allowance was decided"


class SupportPlanReviewForm(GovUKModelForm):
    date_fields = ("held_on",)

    class Meta:
        model = SupportPlanReview
        fields = ["kind", "held_on", "notes"]
        widgets = {"kind": forms.RadioSelect, "notes": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, welfare_checks: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = SupportPlanReview.Kind.choices
        if not welfare_checks:
            self.fields["kind"].choices = [SupportPlanReview.Kind.choices[0]]
            self.fields["kind"].widget = forms.HiddenInput()
            self.initial["kind"] = SupportPlanReview.Kind.REVIEW
        _required(self.fields["kind"], "Select a review or a welfare check")
        _required(self.fields["notes"], "Enter what was reviewed and decided")
