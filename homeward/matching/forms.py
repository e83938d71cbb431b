"""Forms for the carers register, the GOV.UK way (crispy-forms-gds): radios for the type and
status, the GOV.UK date input, one question per need of the checklist, errors that name the
field."""

from __future__ import annotations

from typing import Any

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Fieldset, Layout, Size
from django import forms
from django.core.exceptions import ValidationError

from homeward.children.forms import GovUKDateField, GovUKModelForm
from homeward.domain import carers as domain
from homeward.matching import services
from homeward.matching.models import Carer

DETAILS = [
    "reference",
    "display_name",
    "carer_type",
    "agency",
    "children_approved",
    "age_from",
    "age_to",
    "siblings_accepted",
    "short_term",
    "long_term",
    "disability",
    "vacancies",
    "languages",
    "religion",
    "ethnicity",
    "culture",
    "culturally_competent",
    "religions_supported",
    "area",
    "notes",
]


def need_field(key: str) -> str:
    return f"need_{key}"


class CarerForm(GovUKModelForm):
    """A household's details and its needs-acceptance checklist. Adding one also asks its
    status and the date of it; after that the status changes on its own page, which keeps the
    history."""

    date_fields = ("status_since",)

    class Meta:
        model = Carer
        fields = [*DETAILS[:4], "status", "status_since", *DETAILS[4:]]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        adding = self.instance.pk is None
        if not adding:
            del self.fields["status"], self.fields["status_since"]
        for name in ("carer_type", "status"):
            if name in self.fields:
                field = self.fields[name]
                field.widget = forms.RadioSelect()
                field.choices = [c for c in field.choices if c[0] != ""]
                field.error_messages["required"] = f"Select the {str(field.label).lower()}"
        if adding:
            self.fields["status_since"].error_messages["required"] = "Enter the date of the status"
        messages = {
            "reference": "Enter the reference",
            "display_name": "Enter the name shown to staff",
            "area": "Enter the area",
        }
        for name, message in messages.items():
            self.fields[name].error_messages["required"] = message
        for name in ("children_approved", "age_from", "age_to", "vacancies"):
            field = self.fields[name]
            field.error_messages["required"] = f"Enter the {str(field.label).lower()}"
            field.error_messages["invalid"] = f"{field.label} must be a whole number"
            field.error_messages["min_value"] = f"{field.label} must be 0 or more"
            field.widget.attrs.update({"class": "govuk-input govuk-input--width-3"})
        self.fields[services.CONNECTED_FIELD] = forms.CharField(
            label="Children the household is connected to (connected person only)",
            required=False,
            max_length=500,
            help_text="The child ID of each child they are family, friends or otherwise connected "
            "to, and assessed or temporarily approved for, separated by commas. For example, "
            "C-10001.",
        )
        if not adding:
            self.initial[services.CONNECTED_FIELD] = ", ".join(
                sorted(c.child_id for c in self.instance.connected_children.all())
            )
        self._connected: list[Any] = []
        current = {n.need: n.level for n in self.instance.needs.all()} if not adding else {}
        for key, text in domain.NEEDS:
            name = need_field(key)
            self.fields[name] = forms.ChoiceField(
                label=text,
                choices=domain.LEVELS,
                widget=forms.RadioSelect(),
                error_messages={
                    "required": f"Select the level of {text[0].lower()}{text[1:]} the household "
                    "can accept"
                },
            )
            if key in current:
                self.initial[name] = current[key]
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.label_size = Size.SMALL
        details = [
            Field.radios(name, legend_size=Size.SMALL)
            if name in {"carer_type", "status"}
            else Field.checkbox(name, small=True)
            if name in {"siblings_accepted", "short_term", "long_term", "disability"}
            else name
            for name in self.Meta.fields
            if name in self.fields
        ]
        details.insert(details.index("area"), services.CONNECTED_FIELD)
        self.helper.layout = Layout(
            Fieldset(*details, legend="The household", legend_size=Size.MEDIUM),
            Fieldset(
                *(
                    Field.radios(need_field(key), legend_size=Size.SMALL, inline=True, small=True)
                    for key in domain.NEED_KEYS
                ),
                legend="Needs the household can accept",
                legend_size=Size.MEDIUM,
            ),
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        values = {
            **{f.name: getattr(self.instance, f.attname) for f in Carer._meta.concrete_fields},
            **data,
        }
        for field, message in services.problems(values).items():
            if field in self.fields and field not in self.errors:
                self.add_error(field, message)
        ids = services.child_ids(data.get(services.CONNECTED_FIELD) or "")
        try:
            self._connected = services.connected_children(values.get("carer_type"), ids)
        except ValidationError as exc:
            self.add_error(services.CONNECTED_FIELD, exc.message_dict[services.CONNECTED_FIELD])
        return data

    def connected(self) -> list[Any]:
        """The children the household is connected to, as the form gave them."""
        return self._connected

    def needs(self) -> dict[str, str]:
        return {key: self.cleaned_data[need_field(key)] for key in domain.NEED_KEYS}


class StatusForm(forms.Form):
    status = forms.ChoiceField(
        label="New status",
        choices=domain.STATUSES,
        widget=forms.RadioSelect(),
        error_messages={"required": "Select the new status"},
    )
    on = GovUKDateField(label="Date of the change", help_text="For example, 27 3 2026.")
    reason = forms.CharField(
        label="Reason (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example, approved at fostering panel, or on hold while the household moves.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.label_size = Size.SMALL
        self.helper.layout = Layout(Field.radios("status", legend_size=Size.SMALL), "on", "reason")


class ImportForm(forms.Form):
    file = forms.FileField(
        label="The carers CSV file",
        help_text="Use the template: one household a row. Nothing is saved unless every row is "
        "right.",
        error_messages={"required": "Choose the carers CSV file", "empty": "The file is empty"},
        widget=forms.ClearableFileInput(attrs={"class": "govuk-file-upload", "accept": ".csv"}),
    )

    def __init__(self, *args: Any, max_bytes: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.max_bytes = max_bytes
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.label_size = Size.SMALL

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        name = upload.name or ""
        if not name.lower().endswith(".csv"):
            raise forms.ValidationError(f"{name} is not a CSV file: save it as CSV (UTF-8)")
        if (upload.size or 0) > self.max_bytes:
            raise forms.ValidationError(
                f"The file must be smaller than {self.max_bytes / 1024 / 1024:g} MB (this one is "
                f"{(upload.size or 0) / 1024 / 1024:.1f} MB)"
            )
        return upload
