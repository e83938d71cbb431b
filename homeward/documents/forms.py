"""The upload form, the GOV.UK way: the file upload component, radios for the type, the date
input, errors naming the field. The file's size and format are checked by ``services.store``."""

from __future__ import annotations

from typing import Any

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size
from django import forms
from django.conf import settings

from homeward.children.forms import GovUKDateField
from homeward.domain.documents import ACCEPTED, DOCUMENT_TYPES


class UploadForm(forms.Form):
    file = forms.FileField(
        label="The file",
        widget=forms.FileInput(attrs={"class": "govuk-file-upload"}),
        error_messages={"required": "Choose the file to upload"},
    )
    type = forms.ChoiceField(
        label="What is it?",
        choices=DOCUMENT_TYPES,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the type of document"},
    )
    title = forms.CharField(
        label="Title",
        max_length=200,
        error_messages={"required": "Enter a title for the document"},
    )
    description = forms.CharField(
        label="Description (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    dated = GovUKDateField(
        label="Date of the document", help_text="The date it was made or signed, e.g. 27 3 2026."
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields[
            "file"
        ].help_text = f"{ACCEPTED}, smaller than {settings.HOMEWARD_DOCUMENT_MAX_MB:g} MB."
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.label_size = Size.SMALL
        self.helper.layout = Layout(
            "file",
            Field.radios("type", legend_size=Size.SMALL),
            "title",
            Field.textarea("description", rows=3),
            "dated",
        )
