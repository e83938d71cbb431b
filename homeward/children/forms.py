"""Forms for the case record, rendered with crispy-forms-gds (GOV.UK error summary, date input)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Fieldset, Layout, Size
from django import forms
from django.utils import timezone

from homeward.accounts import access
from homeward.accounts.models import Team
from homeward.children.models import (
    Child,
    Episode,
    JourneyEvent,
    Person,
    PersonInChildsLife,
    StatutoryVisit,
)
from homeward.domain.ssda903 import codes


class GovUKDateField(DateInputField):
    """The GOV.UK date input, with messages that name the field."""

    def __init__(self, *, label: str, **kwargs: Any) -> None:
        super().__init__(label=label, **kwargs)
        self.error_messages["required"] = f"Enter the {label.lower()}"
        self.error_messages["invalid"] = f"{label} must be a real date"
        # Name the missing part, as the GOV.UK date input pattern asks ("must include a month").
        self.require_all_fields = False
        for part, field in zip(("day", "month", "year"), self.fields, strict=True):
            field.required = True
            field.error_messages["incomplete"] = f"{label} must include a {part}"

    def compress(self, data_list: list[Any]) -> dt.date | None:
        if data_list and len(data_list) == 3 and data_list[2] and len(str(data_list[2])) != 4:
            raise forms.ValidationError(f"{self.label}: the year must include 4 numbers")
        try:
            return super().compress(data_list)
        except forms.ValidationError as exc:
            raise forms.ValidationError(f"{self.label} must be a real date") from exc


class GovUKModelForm(forms.ModelForm):
    """A ModelForm rendered the GOV.UK way; date fields become the date input."""

    date_fields: tuple[str, ...] = ()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in self.date_fields:
            model_field = self._meta.model._meta.get_field(name)
            required = not model_field.blank
            self.fields[name] = GovUKDateField(
                label=self.fields[name].label or str(model_field.verbose_name).capitalize(),
                required=required,
                help_text=self.fields[name].help_text,
                initial=self.initial.get(name),
            )
            if self.instance and getattr(self.instance, name, None):
                self.initial[name] = getattr(self.instance, name)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.label_size = Size.SMALL


class ChildForm(GovUKModelForm):
    date_fields = ("date_of_birth", "expected_date_of_delivery")

    class Meta:
        model = Child
        fields = [
            "first_name",
            "last_name",
            "preferred_name",
            "date_of_birth",
            "expected_date_of_delivery",
            "sex",
            "ethnicity",
            "religion",
            "first_language",
            "disability",
            "is_uasc",
            "about_me",
        ]


class PersonForm(GovUKModelForm):
    date_fields = ("date_of_birth",)

    class Meta:
        model = Person
        fields = ["first_name", "last_name", "date_of_birth", "is_deceased", "notes"]


class RelationshipForm(GovUKModelForm):
    class Meta:
        model = PersonInChildsLife
        fields = ["relationship", "has_parental_responsibility"]


class EpisodeForm(GovUKModelForm):
    date_fields = ("start_date", "end_date")

    class Meta:
        model = Episode
        fields = [
            "start_date",
            "reason_new_episode",
            "legal_status",
            "category_of_need",
            "placement_type",
            "placement_provider",
            "placement_postcode",
            "placement_la",
            "urn",
            "home_postcode",
            "end_date",
            "reason_ceased",
            "reason_place_change",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # New entries use this year's placement codes; an imported episode keeps its old one.
        current = dict(codes.PLACE)
        existing = self.instance.placement_type if self.instance.pk else ""
        if existing and existing not in current:
            current[existing] = codes.label("PLACE", existing)
        self.fields["placement_type"].choices = [("", "Select a placement type")] + [
            (code, f"{code}: {meaning}") for code, meaning in current.items()
        ]


class JourneyEventForm(GovUKModelForm):
    date_fields = ("date",)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kinds = [choice for choice in self.fields["kind"].choices if choice[0]]
        self.fields["kind"].choices = [("", "Select what happened"), *kinds]
        self.fields["kind"].error_messages["required"] = "Select what happened"

    class Meta:
        model = JourneyEvent
        fields = ["kind", "date", "notes"]
        labels = {"kind": "What happened", "date": "Date"}


class StaffByTeamIterator(forms.models.ModelChoiceIterator):
    """Staff grouped by their (first) team, as <optgroup>s: a council has hundreds of social
    workers, and a manager allocating looks in a team. Teams come in the same query."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        groups: dict[str, list[tuple[Any, str]]] = {}
        for user in self.queryset.prefetch_related("teams"):
            teams = sorted(team.name for team in user.teams.all())
            groups.setdefault(teams[0] if teams else "No team", []).append(self.choice(user))
        for name in sorted(groups, key=lambda n: (n == "No team", n)):
            yield (name, groups[name])


class StaffByTeamField(forms.ModelChoiceField):
    iterator = StaffByTeamIterator


class AllocationForm(forms.Form):
    """Allocate a child's case: social worker, team, IRO, family finder and SGO social worker,
    from a date."""

    social_worker = StaffByTeamField(
        queryset=access.case_holders(),
        required=False,
        empty_label="Unallocated",
    )
    team = forms.ModelChoiceField(
        queryset=Team.objects.all(), required=False, empty_label="No team"
    )
    iro = forms.ModelChoiceField(
        label="Independent reviewing officer",
        queryset=access.reviewing_officers(),
        required=False,
        empty_label="None",
    )
    family_finder = forms.ModelChoiceField(
        label="Family finder",
        help_text="Allocated when the child's plan needs a family found (fostering or adoption).",
        queryset=access.family_finders(),
        required=False,
        empty_label="None",
    )
    sgo_social_worker = forms.ModelChoiceField(
        label="SGO social worker",
        help_text="Allocated when the plan is special guardianship (the early permanence panel "
        "allocates one).",
        queryset=access.case_holders(),
        required=False,
        empty_label="None",
    )
    started_on = GovUKDateField(label="Allocated from")
    reason = forms.CharField(
        label="Reason for the change",
        help_text="For example, a transfer from the assessment team, or a worker leaving.",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter the reason for the change of allocation"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.label_size = Size.SMALL

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        worker, team = data.get("social_worker"), data.get("team")
        if worker and team and not worker.teams.filter(pk=team.pk).exists():
            self.add_error("team", f"{worker} is not a member of {team}")
        day = data.get("started_on")
        if day and day > timezone.localdate():
            self.add_error("started_on", "Allocated from must be today or in the past")
        return data


class StatutoryVisitForm(GovUKModelForm):
    """A statutory visit: the date, whether the child was seen alone (a yes or no, never left
    unanswered) and notes."""

    date_fields = ("visited_on",)
    seen_alone = forms.TypedChoiceField(
        label="Was the child seen alone?",
        choices=[("yes", "Yes"), ("no", "No")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": "Select yes if the child was seen alone"},
    )

    class Meta:
        model = StatutoryVisit
        fields = ["visited_on", "seen_alone", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 4})}


# The visiting regimes the SSDA903 return cannot say, stated by the social worker (reg 28(3)-(5)
# and 28(3A) of the Care Planning Regulations 2010; the rules are in the timescales engine). The
# child's agreement to 6-monthly visits counts only in a placement agreed as long-term, from its
# first year on (the rules check both).
VISITING_ARRANGEMENTS = {
    "placed_with_parent": (
        "Placed with a parent before the assessment is complete (reg 19): visits at least weekly "
        "until the first review"
    ),
    "connected_person_temporary_approval": (
        "Placed with a relative, friend or other connected person on temporary approval "
        "(reg 24): visits at least weekly until the first review"
    ),
    "long_term_placement_agreed": (
        "The placement is agreed as long-term, meant to last until the child is 18: after its "
        "first year, visits at least every 3 months"
    ),
    "six_monthly_visits_agreed": (
        "The child agrees to be visited less often in their long-term foster placement (reg "
        "28(3A)): once it has lasted a year, visits at least every 6 months"
    ),
}


class VisitingArrangementForm(GovUKModelForm):
    date_fields = ("date",)

    class Meta:
        model = JourneyEvent
        fields = ["kind", "date", "notes"]
        labels = {"kind": "Which applies to the child's placement?", "date": "From what date?"}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kind = self.fields["kind"]
        kind.choices = list(VISITING_ARRANGEMENTS.items())
        kind.widget = forms.RadioSelect(choices=kind.choices)
        kind.error_messages["required"] = "Select which applies to the child's placement"
        kind.error_messages["invalid_choice"] = "Select which applies to the child's placement"


class AdmissionForm(forms.Form):
    """Add a child (or an unborn child) in Homeward: who they are, their first allocation and,
    if they are looked after now, the first episode as the SSDA903 Episodes table has it."""

    child_id = forms.CharField(
        label="Child ID",
        max_length=10,
        help_text="The council's child ID, as the SSDA903 return's CHILD column holds it.",
        error_messages={"required": "Enter the child ID"},
    )
    first_name = forms.CharField(
        max_length=100, error_messages={"required": "Enter the child's first name"}
    )
    last_name = forms.CharField(
        max_length=100, error_messages={"required": "Enter the child's last name"}
    )
    born = forms.ChoiceField(
        label="Has the child been born?",
        choices=[("yes", "Yes"), ("no", "No, this is an unborn child")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether the child has been born"},
    )
    date_of_birth = GovUKDateField(
        label="Date of birth", required=False, help_text="If born. For example, 2 5 2019"
    )
    expected_date_of_delivery = GovUKDateField(
        label="Expected date of delivery",
        required=False,
        help_text="For an unborn child. For example, 27 3 2027",
    )
    sex = forms.ChoiceField(
        label="Sex (optional)",
        choices=[("", "Not known")] + [(c, m) for c, m in codes.SEX.items()],
        required=False,
    )
    social_worker = StaffByTeamField(
        queryset=access.case_holders(), required=False, empty_label="Unallocated"
    )
    team = forms.ModelChoiceField(
        queryset=Team.objects.all(),
        empty_label="Select a team",
        error_messages={"required": "Select the team"},
    )
    iro = forms.ModelChoiceField(
        label="Independent reviewing officer (optional)",
        queryset=access.reviewing_officers(),
        required=False,
        empty_label="None yet",
    )
    looked_after = forms.ChoiceField(
        label="Is the child looked after now?",
        choices=[("yes", "Yes: record the first episode"), ("no", "No, not yet")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether the child is looked after now"},
    )
    start_date = GovUKDateField(
        label="Date the child became looked after",
        required=False,
        help_text="If looked after now: the first episode's start (SSDA903 DECOM). For example, "
        "16 11 2026",
    )
    legal_status = forms.ChoiceField(label="Legal status", required=False)
    placement_type = forms.ChoiceField(label="Placement type", required=False)
    category_of_need = forms.ChoiceField(label="Category of need (optional)", required=False)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = access.admission_teams(user)
        self.fields["legal_status"].choices = [("", "Select a legal status")] + [
            (code, f"{code}: {meaning}") for code, meaning in codes.LS.items()
        ]
        self.fields["placement_type"].choices = [("", "Select a placement type")] + [
            (code, f"{code}: {meaning}") for code, meaning in codes.PLACE.items()
        ]
        self.fields["category_of_need"].choices = [("", "Not recorded yet")] + [
            (code, f"{code}: {meaning}") for code, meaning in codes.CIN.items()
        ]
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.label_size = Size.SMALL
        self.helper.layout = Layout(
            Fieldset(
                "child_id",
                "first_name",
                "last_name",
                "born",
                "date_of_birth",
                "expected_date_of_delivery",
                "sex",
                legend="The child",
                legend_size=Size.MEDIUM,
            ),
            Fieldset(
                "social_worker", "team", "iro", legend="First allocation", legend_size=Size.MEDIUM
            ),
            Fieldset(
                "looked_after",
                "start_date",
                "legal_status",
                "placement_type",
                "category_of_need",
                legend="Period of care",
                legend_size=Size.MEDIUM,
            ),
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        born = data.get("born")
        if born == "yes":
            if not data.get("date_of_birth") and "date_of_birth" not in self.errors:
                self.add_error("date_of_birth", "Enter the date of birth")
            data["expected_date_of_delivery"] = None
        elif born == "no":
            if (
                not data.get("expected_date_of_delivery")
                and "expected_date_of_delivery" not in self.errors
            ):
                self.add_error("expected_date_of_delivery", "Enter the expected date of delivery")
            data["date_of_birth"] = None
            if data.get("looked_after") == "yes":
                self.add_error(
                    "looked_after",
                    "An unborn child cannot be looked after: select No, and record the first "
                    "episode once the child is born",
                )
        worker, team = data.get("social_worker"), data.get("team")
        if worker and team and not worker.teams.filter(pk=team.pk).exists():
            self.add_error("team", f"{worker} is not a member of {team}")
        if data.get("looked_after") == "yes":
            for name, message in (
                ("start_date", "Enter the date the child became looked after"),
                ("legal_status", "Select the legal status"),
                ("placement_type", "Select the placement type"),
            ):
                if not data.get(name) and name not in self.errors:
                    self.add_error(name, message)
        return data
