"""Forms for the Achieving Early Permanence Panel, the GOV.UK way (crispy-forms-gds): radios for
the panel, the route and the pathway, the GOV.UK date input, errors that name the field. The
rules themselves are checked in ``services``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size
from django import forms

from homeward.accounts import access
from homeward.accounts.models import Role
from homeward.children.forms import GovUKDateField
from homeward.domain import panels as domain
from homeward.domain.councils import readable_source


class _GovUKForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.label_size = Size.SMALL


class ReferralForm(_GovUKForm):
    panel = forms.ChoiceField(
        label="Which panel?",
        widget=forms.RadioSelect,
        error_messages={"required": "Select the panel to refer the child to"},
    )
    route = forms.ChoiceField(
        label="How was the child referred?",
        widget=forms.RadioSelect,
        choices=[(r.key, r.label) for r in domain.ROUTES.values()],
        error_messages={"required": "Select how the child was referred"},
    )
    is_late = forms.BooleanField(
        label="This is a late referral (made after the panel's cut-off)", required=False
    )
    late_reason = forms.CharField(
        label="Why is the referral late?",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Only for a late referral.",
    )

    def __init__(
        self, *args: Any, sittings: list[domain.Sitting], now: dt.datetime, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        choices = []
        for sitting in sittings:
            label = (
                f"{domain.govuk_day(sitting.date)}: referrals by "
                f"{domain.describe_cutoff(sitting.cutoff)}"
            )
            if sitting.is_late(now):
                label += " (cut-off passed: a late referral)"
            if sitting.moved:
                label += f". Moved: {domain.why_moved(sitting)}"
            choices.append((sitting.date.isoformat(), label))
        self.fields["panel"].choices = choices
        self.fields["route"].help_text = " ".join(r.how for r in domain.ROUTES.values())
        self.helper.layout = Layout(
            Field.radios("panel", legend_size=Size.SMALL),
            Field.radios("route", legend_size=Size.SMALL),
            Field.checkbox("is_late", small=True),
            Field.textarea("late_reason", rows=3),
        )

    def clean_panel(self) -> dt.date:
        try:
            return dt.date.fromisoformat(self.cleaned_data["panel"])
        except ValueError:
            raise forms.ValidationError("Select one of the panel dates listed") from None


class WorkerIterator(forms.models.ModelChoiceIterator):
    """Family finders first, then social workers (an SGO social worker), as <optgroup>s."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        groups: dict[str, list[tuple[Any, str]]] = {}
        for user in self.queryset:
            name = (
                "Family finders (fostering or adoption)"
                if user.role == Role.FAMILY_FINDER
                else "Social workers (special guardianship)"
            )
            groups.setdefault(name, []).append(self.choice(user))
        yield from sorted(groups.items())


class WorkerField(forms.ModelChoiceField):
    iterator = WorkerIterator


class OutcomeForm(_GovUKForm):
    pathway = forms.ChoiceField(
        label="Which pathway did the panel agree?",
        widget=forms.RadioSelect,
        choices=[
            (p.key, f"{p.label}: {p.worker_title} allocated") for p in domain.PATHWAYS.values()
        ],
        error_messages={"required": "Select the pathway the panel agreed"},
    )
    worker = WorkerField(
        label="Family finder or SGO social worker allocated",
        queryset=access.aepp_workers(),
        empty_label="Select a person",
        error_messages={"required": "Select the family finder or SGO social worker allocated"},
    )
    first_ppm_date = GovUKDateField(label="Date of the first permanence planning meeting")
    notes = forms.CharField(
        label="Discussion and next steps",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def __init__(self, *args: Any, first_ppm_hint: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["first_ppm_date"].help_text = first_ppm_hint
        self.helper.layout = Layout(
            Field.radios("pathway", legend_size=Size.SMALL),
            Field.select("worker"),
            "first_ppm_date",
            Field.textarea("notes", rows=5),
        )


class SittingHeldForm(_GovUKForm):
    """The day a listed panel really sat, and why (checked in ``services.record_sitting_held``)."""

    held_on = GovUKDateField(label="Date the panel sat")
    held_reason = forms.CharField(
        label="Why the panel sat on that day",
        help_text="For example, moved because of a bank holiday, or an extraordinary sitting.",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter why the panel sat on that day"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout("held_on", Field.textarea("held_reason", rows=3))


class MoveReferralForm(_GovUKForm):
    """Move a waiting referral to another sitting, with the reason."""

    panel = forms.ChoiceField(
        label="Which panel should the referral move to?",
        widget=forms.RadioSelect,
        error_messages={"required": "Select the panel to move the referral to"},
    )
    reason = forms.CharField(
        label="Why is the referral moving?",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example, the panel's day has changed, or the child's paperwork will not "
        "be ready in time.",
        error_messages={"required": "Enter why the referral is moved"},
    )

    def __init__(self, *args: Any, sittings: list[domain.Sitting], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["panel"].choices = [
            (
                s.date.isoformat(),
                f"{domain.govuk_day(s.date)}"
                + (f". Moved: {domain.why_moved(s)}" if s.moved else ""),
            )
            for s in sittings
        ]
        self.helper.layout = Layout(
            Field.radios("panel", legend_size=Size.SMALL),
            Field.textarea("reason", rows=3),
        )

    def clean_panel(self) -> dt.date:
        try:
            return dt.date.fromisoformat(self.cleaned_data["panel"])
        except ValueError:
            raise forms.ValidationError("Select one of the panel dates listed") from None


class WithdrawReferralForm(_GovUKForm):
    """Take a waiting referral off the panel's list, with the reason."""

    reason = forms.CharField(
        label="Why is the referral withdrawn?",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example, the child has returned home, or the plan no longer needs the "
        "panel.",
        error_messages={"required": "Enter why the referral is withdrawn"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(Field.textarea("reason", rows=3))


class AttendanceForm(_GovUKForm):
    """Who sat on a sitting, in which place, or sent apologies (checked in
    ``services.record_attendance``)."""

    seat = forms.ChoiceField(
        label="Their place on the panel",
        widget=forms.RadioSelect,
        error_messages={"required": "Select their place on the panel"},
    )
    name = forms.CharField(
        label="Their name",
        max_length=200,
        error_messages={"required": "Enter their name"},
    )
    attended = forms.ChoiceField(
        label="Did they attend?",
        widget=forms.RadioSelect,
        choices=[("yes", "Yes, they attended"), ("no", "No, they sent apologies")],
        error_messages={"required": "Select whether they attended or sent apologies"},
    )

    def __init__(self, *args: Any, panel_record: domain.PanelRecord, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["seat"].choices = [
            (s.key, s.label) for s in (*panel_record.seats, domain.OTHER_SEAT)
        ]
        self.fields[
            "seat"
        ].help_text = (
            f"The places the procedure names. Source: {readable_source(panel_record.seats_source)}"
        )
        self.helper.layout = Layout(
            Field.radios("seat", legend_size=Size.SMALL),
            Field.text("name"),
            Field.radios("attended", legend_size=Size.SMALL, inline=True),
        )


class RecruitmentNeedForm(_GovUKForm):
    """A recruitment need the panel raised (checked in ``services.raise_recruitment_need``)."""

    team = forms.ChoiceField(
        label="For which recruitment team?",
        widget=forms.RadioSelect,
        error_messages={"required": "Select the recruitment team"},
    )
    need = forms.ChoiceField(
        label="The need",
        error_messages={"required": "Select the need"},
    )
    children = forms.IntegerField(
        label="How many children it was raised for",
        min_value=1,
        max_value=99,
        initial=1,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"}),
        error_messages={
            "required": "Enter how many children it was raised for",
            "invalid": "How many children must be a number, like 2",
            "min_value": "How many children must be 1 or more",
            "max_value": "How many children must be 99 or fewer",
        },
    )
    description = forms.CharField(
        label="What carers are needed",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example: adopters for two brothers aged 5 and 7 who must live together. "
        "Do not name the children: the recruitment teams see this.",
        error_messages={"required": "Enter what carers are needed"},
    )

    def __init__(self, *args: Any, panel_record: domain.PanelRecord, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["team"].choices = [(t.key, t.label) for t in panel_record.teams]
        self.fields["need"].choices = [
            ("", "Select the need"),
            *((n.key, n.label) for n in panel_record.needs),
        ]
        self.fields["need"].help_text = f"Source: {readable_source(panel_record.needs_source)}"
        self.helper.layout = Layout(
            Field.radios("team", legend_size=Size.SMALL),
            Field.select("need"),
            Field.text("children", field_width=2),
            Field.textarea("description", rows=3),
        )
