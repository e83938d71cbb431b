"""Forms for matching a child (issue 15 item 4), the GOV.UK way (crispy-forms-gds): the child's
matching profile, and a decision on a carer. Errors name the field and say what to do."""

from __future__ import annotations

from typing import Any

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Fieldset, Layout, Size
from django import forms

from homeward.domain import carers as carer_rules
from homeward.domain import matching
from homeward.domain.permanence import KINDS
from homeward.matching import decisions, profiles
from homeward.matching.models import Carer, MatchDecision, MatchingProfile, current_council

LEVELS = (
    (profiles.NONE, "None"),
    *((level.value, level.value.capitalize()) for level in matching.Level),
)


def need_field(key: str) -> str:
    return f"need_{key}"


def option_choices() -> list[tuple[str, str]]:
    return [(key, KINDS[key].label if key in KINDS else key) for key in matching.ROUTE_FITS]


class MatchingProfileForm(forms.ModelForm):
    """The child's matching profile. Needs are rated none, low, medium or high; areas are one a
    line; family time is a distance from where it takes place, or a list of areas, or neither."""

    class Meta:
        model = MatchingProfile
        fields = [
            "option",
            "route",
            "siblings_together",
            "culture",
            "avoid_areas",
            "family_time_from_area",
            "family_time_max_miles",
            "family_time_areas",
        ]
        widgets = {
            "avoid_areas": forms.Textarea(attrs={"rows": 3}),
            "family_time_areas": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, sibling_group_size: int = 1, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        option = self.fields["option"]
        option.widget = forms.RadioSelect()
        option.choices = option_choices()
        option.error_messages["required"] = "Select the permanence option the child is matched for"
        option.error_messages["invalid_choice"] = option.error_messages["required"]
        routes = profiles.council_routes()
        self.routes = {r.key: r for r in routes}
        self.fields["route"] = forms.ChoiceField(
            label="The council's route",
            required=False,
            choices=[("", "No route yet: every carer the option fits")]
            + [(r.key, r.title) for r in routes],
            widget=forms.RadioSelect(),
            help_text="A route narrows the carers to the types it matches.",
            error_messages={"invalid_choice": "Select one of the council's routes"},
        )
        together = self.fields["siblings_together"]
        together.help_text = (
            f"The child's sibling group has {sibling_group_size} children, the child included."
            if sibling_group_size > 1
            else "The child is not in a sibling group on their record."
        )
        self.fields["culture"].help_text = (
            "Cultural background and heritage, as the child and family describe it. Ethnicity, "
            "religion, first language and disability come from the child's record."
        )
        miles = self.fields["family_time_max_miles"]
        miles.error_messages["invalid"] = "Furthest distance must be a whole number of miles"
        miles.error_messages["min_value"] = "Furthest distance must be more than 0 miles"
        miles.widget.attrs.update({"class": "govuk-input govuk-input--width-3"})
        current = self.instance.needs or {}
        for need in matching.NEEDS:
            text = need.label[0].upper() + need.label[1:]
            name = need_field(need.key)
            self.fields[name] = forms.ChoiceField(
                label=text,
                choices=LEVELS,
                widget=forms.RadioSelect(),
                error_messages={
                    "required": f"Select how great the child's {need.label} are, or none"
                },
            )
            self.initial[name] = current.get(need.key, profiles.NONE)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.label_size = Size.SMALL
        self.helper.layout = Layout(
            Fieldset(
                Field.radios("option", legend_size=Size.SMALL),
                Field.radios("route", legend_size=Size.SMALL),
                legend="The plan",
                legend_size=Size.MEDIUM,
            ),
            Fieldset(
                *(
                    Field.radios(need_field(n.key), legend_size=Size.SMALL, inline=True, small=True)
                    for n in matching.NEEDS
                ),
                legend="The child's needs",
                legend_size=Size.MEDIUM,
            ),
            Fieldset(
                Field.checkbox("siblings_together", small=True),
                "culture",
                "avoid_areas",
                legend="Siblings, identity and safety",
                legend_size=Size.MEDIUM,
            ),
            Fieldset(
                "family_time_from_area",
                "family_time_max_miles",
                "family_time_areas",
                legend="Family time",
                legend_size=Size.MEDIUM,
            ),
        )

    def _areas(self, name: str, label: str) -> list[str]:
        found = profiles.lines(self.cleaned_data.get(name) or "")
        for area in found:
            why = carer_rules.area_problem(area)
            if why:
                self.add_error(name, f"{label}: '{area}' {why}")
                break
        return found

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        option, route = data.get("option"), data.get("route") or ""
        if option and route in self.routes and self.routes[route].option != option:
            chosen = self.routes[route]
            self.add_error(
                "route",
                f"The route '{chosen.title}' is for "
                f"{KINDS[chosen.option].label.lower()}, not {KINDS[option].label.lower()}: "
                "choose a route for the option, or no route",
            )
        avoid = self._areas("avoid_areas", "Areas to avoid")
        areas = self._areas("family_time_areas", "Family time areas")
        data["avoid_areas"] = "\n".join(avoid)
        data["family_time_areas"] = "\n".join(areas)
        miles = data.get("family_time_max_miles")
        from_area = (data.get("family_time_from_area") or "").strip()
        data["family_time_from_area"] = from_area
        if miles is not None and areas:
            self.add_error(
                "family_time_areas",
                "Give either the furthest distance from family time or the areas the home must "
                "be in, not both",
            )
        elif miles is not None and not from_area:
            self.add_error("family_time_from_area", "Enter where family time takes place (an area)")
        elif (
            from_area and miles is None and not areas and "family_time_max_miles" not in self.errors
        ):
            self.add_error(
                "family_time_max_miles",
                "Enter the furthest distance from family time, in miles",
            )
        if from_area and "family_time_from_area" not in self.errors:
            why = carer_rules.area_problem(from_area)
            if why:
                self.add_error("family_time_from_area", f"Where family time takes place {why}")
        return data

    def save(self, commit: bool = True) -> MatchingProfile:
        profile = super().save(commit=False)
        profile.needs = {
            need.key: self.cleaned_data[need_field(need.key)]
            for need in matching.NEEDS
            if self.cleaned_data.get(need_field(need.key), profiles.NONE) != profiles.NONE
        }
        if commit:
            profile.save()
        return profile


class CarerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.reference}: {obj.display_name} ({obj.area})"


class DecisionForm(forms.Form):
    carer = CarerChoiceField(
        label="Carer",
        queryset=Carer.objects.none(),
        empty_label="Select a carer",
        error_messages={
            "required": "Select the carer",
            "invalid_choice": "Select a carer on the register",
        },
    )
    decision = forms.ChoiceField(
        label="Decision",
        choices=[
            (MatchDecision.Decision.SHORTLIST, "Shortlist the carer"),
            (MatchDecision.Decision.REJECT, "Reject the carer (say why)"),
            (MatchDecision.Decision.ADD, "Add a carer the ranking missed (say why)"),
        ],
        widget=forms.RadioSelect(),
        error_messages={"required": "Select shortlist, reject or add"},
    )
    reason = forms.CharField(
        label="Reason",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Needed to reject a carer or to add one the ranking did not put forward.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["carer"].queryset = Carer.objects.filter(council=current_council()).order_by(
            "reference"
        )
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.label_size = Size.SMALL
        self.helper.layout = Layout(
            "carer", Field.radios("decision", legend_size=Size.SMALL), "reason"
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for name, message in decisions.decision_problems(data).items():
            if name not in self.errors:
                self.add_error(name, message)
        return data
