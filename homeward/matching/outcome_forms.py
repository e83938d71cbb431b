"""Forms for outcomes for learning (issue 15 item 8), the GOV.UK way: recording a match with a
shortlisted household and the date it was agreed, and how the match went."""

from __future__ import annotations

from typing import Any

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size
from django import forms

from homeward.children.forms import GovUKDateField
from homeward.children.models import Child
from homeward.domain import match_outcomes as rules
from homeward.matching import outcomes
from homeward.matching.profile_forms import CarerChoiceField


class MatchForm(forms.Form):
    carer = CarerChoiceField(
        label="Carer",
        queryset=outcomes.Carer.objects.none(),
        empty_label="Select a shortlisted carer",
        help_text="A carer shortlisted or added for the child. The match keeps the ranking's "
        "reasons for them as they are today.",
        error_messages={
            "required": "Select the carer the child is matched with",
            "invalid_choice": "Select a carer shortlisted for the child",
        },
    )
    matched_on = GovUKDateField(
        label="Date the match was agreed", help_text="For example, 27 3 2026."
    )

    def __init__(self, *args: Any, child: Child, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["carer"].queryset = outcomes.carers_to_match(child)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.label_size = Size.SMALL
        self.helper.layout = Layout("carer", "matched_on")


class OutcomeForm(forms.Form):
    kind = forms.ChoiceField(
        label="How is the match going, or how did it end?",
        choices=[(k.value, k.label) for k in rules.Kind],
        widget=forms.RadioSelect(),
        error_messages={"required": "Select how the match is going or how it ended"},
    )
    on = GovUKDateField(label="Date", help_text="For example, 27 3 2026.")
    reason = forms.CharField(
        label="Reason",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Needed when the match ended unplanned: what happened, for the lessons learned.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.label_size = Size.SMALL
        self.helper.layout = Layout(Field.radios("kind", legend_size=Size.SMALL), "on", "reason")
