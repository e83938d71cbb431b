"""The notification settings form, rendered the GOV.UK way (crispy-forms-gds)."""

from __future__ import annotations

from typing import Any

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Size
from django import forms

from homeward.domain import notifications as rules


class DigestForm(forms.Form):
    digest = forms.ChoiceField(
        label="How often do you want a digest of what falls due?",
        choices=rules.FREQUENCIES,
        widget=forms.RadioSelect,
        help_text="An email counting the deadlines on the children you work with, with a link "
        "to My work. It never names a child.",
        error_messages={"required": "Select how often to get a digest"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.label_size = Size.MEDIUM
