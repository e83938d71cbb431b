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
from homeward.domain import route_outcomes as outcomes
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


YES_NO = [("yes", "Yes"), ("no", "No")]


class StepOutcomeForm(StepDoneForm):
    """A step with an outcome (issue 15 item 6): the date is the date of the decision; the
    outcome's questions come from the routes file (``route_outcomes.Outcome``). Whether the
    answers stand together is the domain's (``route_outcomes.problems``), through the service."""

    result = forms.ChoiceField(
        label="Outcome",
        widget=forms.RadioSelect(),
        required=False,
    )
    decided_by = forms.CharField(label="Name", max_length=200, required=False)
    reason = forms.CharField(
        label="Why (if not positive)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Shown on the route: the later steps stay closed until this is recorded again.",
    )
    complex_case = forms.ChoiceField(
        label="Was this a complex case chaired by the Fostering team manager?",
        choices=YES_NO,
        widget=forms.RadioSelect(),
        required=False,
    )
    childs_voice = forms.CharField(
        label="The child's views on the match, in their own words",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    no_voice_reason = forms.CharField(
        label="Or: why the child's views were not recorded",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, outcome: outcomes.Outcome, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.outcome = outcome
        self.fields["done_on"].label = "Date of the decision"
        self.fields["result"].choices = [(r.value, r.label) for r in outcome.results]
        self.fields["decided_by"].label = outcome.decided_by
        positive = outcome.results[0].label.lower()
        self.fields["reason"].label = f"Why, if not {positive}"
        fields: list[Any] = [
            "done_on",
            Field.radios("result", legend_size=Size.SMALL),
            "decided_by",
            "reason",
        ]
        if outcome.complex_case:
            fields.append(Field.radios("complex_case", legend_size=Size.SMALL, inline=True))
        else:
            del self.fields["complex_case"]
        if outcome.childs_voice:
            fields += ["childs_voice", "no_voice_reason"]
        else:
            del self.fields["childs_voice"], self.fields["no_voice_reason"]
        fields.append("note")
        self.helper = _helper(*fields)

    def answer(self) -> outcomes.Answer:
        data = self.cleaned_data
        complex_case = {"yes": True, "no": False}.get(data.get("complex_case") or "")
        return outcomes.Answer(
            result=data.get("result") or "",
            decided_by=data.get("decided_by") or "",
            reason=data.get("reason") or "",
            complex_case=complex_case,
            childs_voice=data.get("childs_voice") or "",
            no_voice_reason=data.get("no_voice_reason") or "",
        )


class RemoveStepForm(forms.Form):
    reason = forms.CharField(
        label="Why is this record removed?",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example, the wrong outcome or date was recorded. Kept in the audit log.",
        error_messages={"required": "Enter why the record is removed"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper("reason")


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
