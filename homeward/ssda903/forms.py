from __future__ import annotations

from typing import Any

from crispy_forms_gds.helper import FormHelper
from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone

from homeward.domain.ssda903.codes import CURRENT_COLLECTION_YEAR
from homeward.domain.ssda903.reader import collection_year_for, last_complete_collection_year


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__({"class": "govuk-file-upload", **(attrs or {})})


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        single = super().clean
        if isinstance(data, list | tuple) and data:
            return [single(item, initial) for item in data]
        return [single(data or None, initial)]


def too_large_message(size: int) -> str:
    limit = settings.HOMEWARD_MAX_UPLOAD_MB
    return (
        f"The selected files must be smaller than {limit:g} MB in all (these are "
        f"{size / 1024 / 1024:.1f} MB): import one collection year at a time"
    )


def year_choices() -> list[tuple[str, str]]:
    """The year being collected now and the seven before it, newest first."""
    latest = max(CURRENT_COLLECTION_YEAR, collection_year_for(timezone.localdate()))
    years = range(latest, latest - 8, -1)
    return [(str(y), f"{y - 1} to {y} (ends 31 March {y})") for y in years]


def import_year_choices() -> list[tuple[str, str]]:
    return [("", "Work it out from the episodes"), *year_choices()]


def last_complete_year() -> int:
    """The export's default: the last collection year that has ended, the return a council
    sends (not the year still being collected)."""
    return last_complete_collection_year(timezone.localdate())


class ImportForm(forms.Form):
    files = MultipleFileField(
        label="The return's files",
        help_text="The CSV files of the return (header.csv, episodes.csv, reviews.csv and the "
        "others), or the one XML file your case system exports.",
        error_messages={"required": "Choose the return's CSV files or its XML file"},
    )
    collection_year = forms.TypedChoiceField(
        label="Collection year",
        choices=import_year_choices,
        coerce=int,
        required=False,
        empty_value=None,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean_files(self) -> list[UploadedFile]:
        files: list[UploadedFile] = self.cleaned_data["files"]
        for upload in files:
            name = upload.name or ""
            if not name.lower().endswith((".csv", ".xml")):
                raise forms.ValidationError(f"{name} is not a CSV or XML file")
        size = sum(f.size or 0 for f in files)
        if size > settings.HOMEWARD_MAX_UPLOAD_MB * 1024 * 1024:
            raise forms.ValidationError(too_large_message(size))
        xml = [f for f in files if (f.name or "").lower().endswith(".xml")]
        if xml and len(files) > 1:
            raise forms.ValidationError("Choose either the CSV files or one XML file, not both")
        return files


class ExportForm(forms.Form):
    year = forms.TypedChoiceField(
        label="Collection year", choices=year_choices, coerce=int, initial=last_complete_year
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
