"""Forms for family finding (issue 15 items 2 and 3): choose the route, record a step done,
write the pen picture, record it sent. GOV.UK radios and date input; errors name the field."""

from __future__ import annotations

from typing import Any

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size
from django import forms

from homeward.children.forms import GovUKDateField
from homeward.domain import routes as domain
from homeward.matching.models import CarerGroup


def _helper(*fields: Any) -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    helper.label_size = Size.SMALL
    helper.layout = Layout(*fields)
    return helper


class RouteForm(forms.Form):
    route = forms.ChoiceField(
        label="Route to a permanent home",
        widget=forms.RadioSelect(),
        error_messages={
            "required": "Select the route",
            "invalid_choice": "Select one of the routes offered",
        },
    )
    started_on = GovUKDateField(
        label="Date family finding started", help_text="For example, 27 3 2026."
    )

    def __init__(self, *args: Any, routes: tuple[domain.Route, ...], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["route"].choices = [(r.key, r.title) for r in routes]
        self.helper = _helper(Field.radios("route", legend_size=Size.SMALL), "started_on")


class StepDoneForm(forms.Form):
    done_on = GovUKDateField(label="Date done", help_text="For example, 27 3 2026.")
    note = forms.CharField(
        label="Note (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example, where the document or decision is kept.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper("done_on", "note")


class PenPictureForm(forms.Form):
    text = forms.CharField(
        label="Pen picture",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text="Use the child's first name only. The version sent to carers leaves out "
        "surnames, addresses, schools and birth family names.",
        error_messages={"required": "Enter the pen picture"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper("text")


class SendForm(forms.Form):
    to_group = forms.ChoiceField(
        label="Who was it sent to?",
        choices=CarerGroup.choices,
        widget=forms.RadioSelect(),
        error_messages={"required": "Select who it was sent to"},
    )
    sent_on = GovUKDateField(label="Date sent", help_text="For example, 27 3 2026.")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper(Field.radios("to_group", legend_size=Size.SMALL), "sent_on")
