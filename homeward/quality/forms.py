"""The short case audit form: the date, one answer a question, the grade, what was found and up
to three actions (an owner and a due date each)."""

from __future__ import annotations

from typing import Any

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Size
from django import forms
from django.db.models import QuerySet
from django.utils import timezone

from homeward.children.forms import GovUKDateField
from homeward.domain import case_audit as rules
from homeward.quality.services import NewAction

ACTION_ROWS = 3


class _Form(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.label_size = Size.SMALL


class OwnerField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj} ({obj.get_role_display()})"


class CaseAuditForm(_Form):
    audited_on = GovUKDateField(label="Date of the audit")

    def __init__(self, *args: Any, owners: QuerySet, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"audited_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        for q in rules.QUESTIONS:
            field = forms.ChoiceField(
                label=q.text, choices=rules.ANSWERS, widget=forms.RadioSelect, required=False
            )
            field.widget.attrs["class"] = "govuk-radios--inline"
            self.fields[q.key] = field
        self.fields["grade"] = forms.ChoiceField(
            label="Grade",
            choices=rules.GRADES,
            widget=forms.RadioSelect,
            required=False,
            help_text=f"A grade below good needs at least one action. {rules.GRADE_SOURCE}.",
        )
        self.fields["findings"] = forms.CharField(
            label="What the audit found",
            required=False,
            max_length=4000,
            widget=forms.Textarea(attrs={"rows": 4}),
        )
        for i in range(1, ACTION_ROWS + 1):
            self.fields[f"action_{i}_text"] = forms.CharField(
                label=f"Action {i}", required=False, max_length=500
            )
            self.fields[f"action_{i}_owner"] = OwnerField(
                queryset=owners,
                label=f"Action {i}: who owns it",
                required=False,
                empty_label="Choose a member of staff",
            )
            self.fields[f"action_{i}_due_on"] = GovUKDateField(
                label=f"Action {i}: due date", required=False
            )
        # The whole field's name: an action's error lands on its first row's text box.
        self.action_anchor = "action_1_text"

    def answers(self) -> dict[str, str]:
        return {q.key: self.cleaned_data.get(q.key) or "" for q in rules.QUESTIONS}

    def actions(self) -> list[NewAction]:
        rows = []
        for i in range(1, ACTION_ROWS + 1):
            text = self.cleaned_data.get(f"action_{i}_text") or ""
            owner = self.cleaned_data.get(f"action_{i}_owner")
            due_on = self.cleaned_data.get(f"action_{i}_due_on")
            if text.strip() or owner or due_on:
                rows.append(NewAction(text, owner, due_on))
        return rows


class ActionDoneForm(_Form):
    done_on = GovUKDateField(label="Date done")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"done_on": timezone.localdate()})
        super().__init__(*args, **kwargs)


class ProviderExpectationForm(_Form):
    provider = forms.CharField(
        label="Placement provider",
        max_length=200,
        required=False,
        help_text="The fostering agency, residential provider or the council's own service.",
    )
    area = forms.ChoiceField(
        label="What is the expectation about?",
        choices=rules.EXPECTATION_AREAS,
        widget=forms.RadioSelect,
        required=False,
    )
    expectation = forms.CharField(
        label="What the provider is expected to do",
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    agreed_on = GovUKDateField(label="Date agreed", required=False)
    agreed_with = forms.CharField(
        label="Agreed with (optional)",
        max_length=200,
        required=False,
        help_text="The provider's manager or worker who agreed it.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"agreed_on": timezone.localdate()})
        super().__init__(*args, **kwargs)


class InterventionForm(_Form):
    kind = forms.ChoiceField(
        label="Intervention", choices=rules.INTERVENTIONS, widget=forms.RadioSelect, required=False
    )
    what = forms.CharField(
        label="What was offered and what it achieved",
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    started_on = GovUKDateField(label="Date started", required=False)
    ended_on = GovUKDateField(label="Date ended (if it has ended)", required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"started_on": timezone.localdate()})
        super().__init__(*args, **kwargs)


class AdviceForm(_Form):
    arrangement = forms.ChoiceField(
        label="The child's arrangement",
        choices=rules.ARRANGEMENTS,
        widget=forms.RadioSelect,
        required=False,
    )
    adviser = forms.ChoiceField(
        label="Advice from", choices=rules.ADVISERS, widget=forms.RadioSelect, required=False
    )
    what = forms.CharField(
        label="The advice given",
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="The permanence options and plans talked about, and how the child was supported.",
    )
    given_on = GovUKDateField(label="Date given", required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"given_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
