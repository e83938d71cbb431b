"""Forms for family finding (issue 15 items 2, 3 and 5): choose the route, record a step done,
write the pen picture, record it sent, and the permanence bundle (a document's status and due
date, its file, a manager's override). GOV.UK radios and date input; errors name the field."""

from __future__ import annotations

from typing import Any

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size
from django import forms
from django.conf import settings

from homeward.children.forms import GovUKDateField
from homeward.domain import routes as domain
from homeward.domain.documents import ACCEPTED
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


# --- The permanence bundle (issue 15 item 5) ---------------------------------------------------


class BundleItemForm(forms.Form):
    status = forms.ChoiceField(
        label="Where does it stand?",
        choices=[(s.value, s.label) for s in domain.BundleItemStatus],
        widget=forms.RadioSelect(),
        error_messages={"required": "Select the status"},
    )
    status_on = GovUKDateField(
        label="Date work started or the document was received",
        required=False,
        help_text="Not needed for not started. For example, 27 3 2026.",
    )
    due_on = GovUKDateField(
        label="Due date",
        required=False,
        help_text="When the panel's papers need it. No procedure sets this date: you do.",
    )
    note = forms.CharField(
        label="Note (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Field.radios("status", legend_size=Size.SMALL), "status_on", "due_on", "note"
        )


RECEIVED_CHOICES = [
    ("yes", "Yes: this is the version for the panel, mark it received today"),
    ("no", "No: keep it in progress"),
]


class BundleFileForm(forms.Form):
    file = forms.FileField(
        label="The file",
        widget=forms.FileInput(attrs={"class": "govuk-file-upload"}),
        error_messages={"required": "Choose the file to upload"},
    )
    dated = GovUKDateField(
        label="Date of the document", help_text="The date it was written or signed."
    )
    received = forms.ChoiceField(
        label="Is this the version for the panel?",
        choices=RECEIVED_CHOICES,
        widget=forms.RadioSelect(),
        error_messages={"required": "Select whether this is the version for the panel"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields[
            "file"
        ].help_text = f"{ACCEPTED}, smaller than {settings.HOMEWARD_DOCUMENT_MAX_MB:g} MB."
        self.helper = _helper("file", "dated", Field.radios("received", legend_size=Size.SMALL))


class BundleOverrideForm(forms.Form):
    reason = forms.CharField(
        label="Why may the panel be booked without every document?",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Kept on the child's record and shown with the bundle.",
        error_messages={"required": "Enter why the panel goes ahead without every document"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper("reason")
