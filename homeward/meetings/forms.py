"""Forms for planning and recording meetings, rendered the GOV.UK way (crispy-forms-gds).

The forms parse what was typed; what a record must contain (an answer for every agenda item,
an owner and a due date for every action, ...) is checked in one place,
``services.validate_record``, whose messages the view puts back on these fields.
"""

from __future__ import annotations

from typing import Any

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Size
from django import forms
from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from homeward.accounts import access
from homeward.accounts.models import Role, User
from homeward.children.forms import GovUKDateField
from homeward.children.models import Child, PersonInChildsLife
from homeward.domain import meetings as domain
from homeward.domain.councils import readable_source
from homeward.meetings.selectors import council_types
from homeward.meetings.services import named_professional_problem

ROLE_NAMES = dict(Role.choices)


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return f"{obj} ({ROLE_NAMES.get(obj.role, obj.role)})"


class StaffMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return f"{obj} ({ROLE_NAMES.get(obj.role, obj.role)})"


class PeopleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: PersonInChildsLife) -> str:
        return f"{obj.person.full_name} ({obj.get_relationship_display()})"


def _helper() -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    helper.label_size = Size.SMALL
    helper.legend_size = Size.SMALL
    return helper


class GovUKForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class PlanMeetingForm(GovUKForm):
    """Plan a meeting: its type, date, chair and where."""

    type = forms.ChoiceField(label="Type of meeting")
    planned_on = GovUKDateField(label="Date of the meeting")
    chair = StaffChoiceField(
        queryset=User.objects.none(), required=False, empty_label="Not decided yet"
    )
    venue = forms.CharField(label="Where or how it will be held", required=False, max_length=200)

    def __init__(self, *args: Any, child: Child, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.child = child
        types = council_types()
        self.fields["type"].choices = [("", "Select a type of meeting")] + [
            (t.key, t.name) for t in types
        ]
        self.fields["type"].error_messages["required"] = "Select the type of meeting"
        self.fields["chair"].queryset = access.meeting_staff(child, user)

    def clean_planned_on(self) -> Any:
        day = self.cleaned_data.get("planned_on")
        if day and day < timezone.localdate():
            raise forms.ValidationError(
                "The date of the meeting must be today or in the future: to record a meeting "
                "that has already happened, record it instead"
            )
        return day


class MeetingRecordForm(GovUKForm):
    """Everything about a held meeting except the named attendees and the action plan."""

    held_on = GovUKDateField(label="Date the meeting was held", required=False)
    chair = StaffChoiceField(queryset=User.objects.none(), required=False, empty_label="Select")
    venue = forms.CharField(label="Where or how it was held", required=False, max_length=200)
    staff_attended = StaffMultipleChoiceField(
        label="Staff who attended",
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    staff_apologies = StaffMultipleChoiceField(
        label="Staff who sent apologies",
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    people_attended = PeopleChoiceField(
        label="Family and friends who attended",
        queryset=PersonInChildsLife.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    people_apologies = PeopleChoiceField(
        label="Family and friends who sent apologies",
        queryset=PersonInChildsLife.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    views_gathered = forms.ChoiceField(
        label="How were the child's views gathered?",
        choices=domain.VIEWS_GATHERED,
        required=False,
        widget=forms.RadioSelect,
    )
    childs_views = forms.CharField(
        label="The child's views, wishes and feelings",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    decisions = forms.CharField(
        label="Decisions", required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    summary_for_child = forms.CharField(
        label="What we decided, written for the child",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Plain words the child will understand, to be shared with them and kept for "
        "their life story.",
    )
    summary_for_parents = forms.CharField(
        label="What we decided, written for the parents",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Plain words, no jargon, to share with the parents.",
    )

    def __init__(
        self, *args: Any, child: Child, user: User, mtype: domain.MeetingType, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.child, self.mtype = child, mtype
        staff = access.meeting_staff(child, user)
        for name in ("chair", "staff_attended", "staff_apologies"):
            self.fields[name].queryset = staff
        self.fields["chair"].label = f"Who chaired it? ({mtype.chair_label})"
        people = PersonInChildsLife.objects.filter(child=child).select_related("person")
        for name in ("people_attended", "people_apologies"):
            self.fields[name].queryset = people
        name = child.first_name or "the child"
        self.fields["views_gathered"].label = f"How were {name}'s views gathered?"
        self.fields["childs_views"].label = f"{name}'s views, wishes and feelings"
        self.fields["summary_for_child"].label = f"What we decided, written for {name}"
        # Each cites the installation's council's own procedures (domain.PLAIN_SUMMARIES).
        summaries = domain.plain_summaries(settings.HOMEWARD_COUNCIL)
        for field, source in (
            ("summary_for_child", summaries.for_child),
            ("summary_for_parents", summaries.for_parents),
        ):
            self.fields[field].help_text += f" Source: {readable_source(source)}."
        for item in mtype.agenda_asked:
            self.fields[f"answer_{item.key}"] = forms.CharField(
                label=item.question,
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
                help_text=" ".join(
                    part for part in (item.hint, f"Source: {readable_source(item.source)}") if part
                ),
            )
        for outcome in mtype.outcomes:
            self.fields[f"outcome_{outcome.key}"] = forms.ChoiceField(
                label=outcome.question,
                choices=outcome.choices,
                required=False,
                widget=forms.RadioSelect,
                help_text=outcome.hint,
            )

    @property
    def agenda_fields(self) -> list[forms.BoundField]:
        return [self[f"answer_{item.key}"] for item in self.mtype.agenda_asked]

    @property
    def outcome_fields(self) -> list[forms.BoundField]:
        return [self[f"outcome_{o.key}"] for o in self.mtype.outcomes]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for kind, attended, apologies in (
            ("staff", "staff_attended", "staff_apologies"),
            ("people", "people_attended", "people_apologies"),
        ):
            both = set(data.get(attended) or []) & set(data.get(apologies) or [])
            if both:
                names = ", ".join(
                    sorted(str(x) if kind == "staff" else x.person.full_name for x in both)
                )
                self.add_error(
                    apologies,
                    f"{names}: ticked as both attending and sending apologies; choose one",
                )
        return data


ATTENDED_CHOICES = (("attended", "Attended"), ("apologies", "Sent apologies"))


class NamedAttendeeForm(GovUKForm):
    """A professional who is not a Homeward user, by name: "Virtual School" alone is refused."""

    name = forms.CharField(label="Full name", required=False, max_length=200)
    attendee_key = forms.ChoiceField(label="Attending as", required=False)
    organisation = forms.CharField(
        label="Role or organisation (if not listed)", required=False, max_length=200
    )
    attended = forms.ChoiceField(
        label="Attendance", choices=ATTENDED_CHOICES, initial="attended", required=False
    )

    def __init__(self, *args: Any, mtype: domain.MeetingType, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.mtype = mtype
        self.fields["attendee_key"].choices = [("", "Select")] + [
            (a.key, a.label) for a in mtype.attendees if a.role is None
        ]

    @property
    def is_filled(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return bool(data.get("name") or data.get("attendee_key") or data.get("organisation"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (data.get("attendee_key") or data.get("organisation")) and not data.get("name"):
            self.add_error(
                "name",
                "Enter the attendee's full name: an attendee must be a member of staff, a "
                "person in the child's life, or a named professional",
            )
        elif data.get("name"):
            # The agency or role is a choice (the procedure's list), the name a person's.
            problem = named_professional_problem(self.mtype, data["name"], "")
            if problem:
                self.add_error("name", problem)
            elif not data.get("attendee_key") and not data.get("organisation"):
                self.add_error(
                    "attendee_key",
                    f"Select what {data['name']} attended as, or enter their role or "
                    "organisation if it is not listed",
                )
        return data


class ActionForm(GovUKForm):
    """One row of the action plan."""

    text = forms.CharField(label="Action", required=False, max_length=500)
    owner = StaffChoiceField(
        label="Who will do it", queryset=User.objects.none(), required=False, empty_label="Select"
    )
    due_on = GovUKDateField(label="Due by", required=False)

    def __init__(self, *args: Any, staff: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = staff

    @property
    def is_filled(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return bool(data.get("text") or data.get("owner") or data.get("due_on"))


NamedAttendeeFormSet = forms.formset_factory(NamedAttendeeForm, extra=2, max_num=30)
ActionFormSet = forms.formset_factory(ActionForm, extra=3, max_num=30)


class ActionStatusForm(GovUKForm):
    status = forms.ChoiceField(
        label="Status",
        choices=[
            ("open", "Still open"),
            ("done", "Done"),
            ("cancelled", "Cancelled (no longer needed)"),
        ],
        widget=forms.RadioSelect,
    )
    done_on = GovUKDateField(label="Date it was done", required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["status"].error_messages["required"] = "Select the action's status"


class CancelMeetingForm(GovUKForm):
    because = forms.CharField(
        label="Why is the meeting cancelled?",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter why the meeting is cancelled"},
    )


class RaiseEscalationForm(GovUKForm):
    stage = forms.ChoiceField(
        label="Stage",
        choices=[(k, v) for k, v in domain.ESCALATION_STAGES if k in domain.FIRST_STAGES],
        widget=forms.RadioSelect,
        initial="informal",
        help_text="Resolve problems at the lowest level first (Durham Early Permanence Planning "
        "Strategy, 'Role of the IRO').",
    )
    issue = forms.CharField(
        label="What is the concern?",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    raised_on = GovUKDateField(label="Date raised", required=False)
    respond_by = GovUKDateField(label="Response due by", required=False)


class ProgressEscalationForm(GovUKForm):
    resolve = forms.ChoiceField(
        label="What happened?",
        choices=[("resolved", "It is resolved"), ("further", "Take it to the next stage")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether it is resolved or taken further"},
    )
    on = GovUKDateField(label="Date", required=False)
    outcome = forms.CharField(
        label="Outcome, or why it is taken further",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    respond_by = GovUKDateField(
        label="If taken further: response due by",
        required=False,
    )


class ToldChildForm(GovUKForm):
    """After an escalation is resolved: what the IRO told the child was done on their behalf
    (Durham 'Role of the Independent Reviewing Officer')."""

    told_child_on = GovUKDateField(label="Date the IRO told the child", required=False)
    told_child = forms.CharField(
        label="What the IRO told the child was done on their behalf",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="In the words used with the child. Durham Early Permanence Planning Strategy "
        "‘Role of the Independent Reviewing Officer’: “the IRO should be able to demonstrate to "
        "children that they are taking action on their behalf”.",
    )
