"""Forms for siblings, family time and the child's voice, the GOV.UK way (crispy-forms-gds):
radios for short choices, the GOV.UK date input, errors that name the field."""

from __future__ import annotations

from typing import Any

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Fieldset, Layout, Size
from django import forms
from django.core.exceptions import ValidationError

from homeward.children.forms import GovUKModelForm
from homeward.children.models import Child, JourneyEvent, Person
from homeward.domain.calendar import govuk_date
from homeward.family.models import (
    AdvocacyOffer,
    Complaint,
    FamilyTie,
    FamilyTimePlan,
    FamilyTimeReview,
    FamilyView,
    LifeStoryWork,
    MemoryItem,
    NetworkMember,
    SiblingIroConflict,
    SiblingPairDecision,
    VoiceEntry,
)
from homeward.meetings.models import Meeting
from homeward.meetings.selectors import type_name
from homeward.planning.models import PermanenceOption


class RadiosMixin:
    """Model choice fields shown as GOV.UK radios, without Django's blank "---------" choice,
    with an error message that names the question."""

    radio_fields: tuple[str, ...] = ()
    fields: dict[str, forms.Field]

    def use_radios(self) -> None:
        for name in self.radio_fields:
            field = self.fields[name]
            field.widget = forms.RadioSelect()
            field.choices = [c for c in field.choices if c[0] != ""]
            label = str(field.label or name).rstrip("?")
            field.error_messages["required"] = f"Select {label[0].lower()}{label[1:]}"


class FamilyModelForm(RadiosMixin, GovUKModelForm):
    required_messages: dict[str, str] = {}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.use_radios()
        for name, message in self.required_messages.items():
            self.fields[name].error_messages["required"] = message


class SiblingDecisionForm(FamilyModelForm):
    date_fields = ("assessment_on", "decided_on")
    radio_fields = ("placed", "decision")
    required_messages = {
        "placed": "Select whether they live together now",
        "decision": "Select the decision, or that it is not decided yet",
    }

    class Meta:
        model = SiblingPairDecision
        fields = [
            "placed",
            "assessment_on",
            "assessed_by",
            "decision",
            "reasons",
            "attachment",
            "health_needs",
            "childrens_views",
            "decided_by",
            "decided_on",
        ]


class AddSiblingForm(forms.Form):
    """Put a brother or sister (another looked after child) in this child's sibling group."""

    sibling_id = forms.CharField(
        label="The brother or sister's child ID",
        max_length=10,
        help_text="As on their record, for example 1234567.",
        error_messages={"required": "Enter the brother or sister's child ID"},
    )
    group_name = forms.CharField(
        label="A working name for the group",
        max_length=120,
        required=False,
        help_text="Only needed when neither child is in a group yet: for example, the family "
        "surname.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False


class IroConflictForm(FamilyModelForm):
    date_fields = ("recorded_on", "withdrawn_on")
    required_messages = {"reason": "Enter the conflict of interest"}

    class Meta:
        model = SiblingIroConflict
        fields = ["reason", "recorded_on", "withdrawn_on"]


class FamilyTimePlanForm(FamilyModelForm):
    """One question for "with whom": a person in the child's life or a brother or sister in
    their sibling group, stored in one of two fields."""

    date_fields = ("agreed_on", "start_date", "review_date", "ended_on")
    radio_fields = ("kind", "supervision")
    required_messages = {
        "kind": "Select whether family time is direct or indirect",
        "supervision": "Select whether family time is supervised",
        "agreed_on": "Enter the date the family time was agreed",
        "start_date": "Enter the start date",
        "review_date": "Enter the date to review family time by",
    }

    with_whom = forms.ChoiceField(label="Who is the family time with?")

    class Meta:
        model = FamilyTimePlan
        fields = [
            "kind",
            "times",
            "per",
            "pattern",
            "supervision",
            "supervised_by",
            "venue",
            "agreed_on",
            "start_date",
            "review_date",
            "childs_view",
            "ended_on",
        ]
        # A text input with a numeric keyboard, as the GOV.UK design system advises for numbers.
        widgets = {"times": forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"})}

    def __init__(
        self, *args: Any, child: Child, siblings: list[Child], seen: set[int], **kwargs: Any
    ) -> None:
        """``seen``: the brothers and sisters the user may see, named; the others are offered
        as "A brother or sister you may not see", never by name or ID (need-to-know)."""
        super().__init__(*args, **kwargs)
        people = [
            (f"person:{link.pk}", f"{link.person.full_name} ({link.get_relationship_display()})")
            for link in child.people.select_related("person").order_by("person__last_name")
        ]
        unseen = [s for s in siblings if s.pk not in seen]
        brothers_sisters = [
            (f"sibling:{s.pk}", f"{s.full_name} (brother or sister, {s.child_id})")
            for s in siblings
            if s.pk in seen
        ] + [
            (
                f"sibling:{s.pk}",
                "A brother or sister you may not see"
                + (f" ({n} of {len(unseen)})" if len(unseen) > 1 else ""),
            )
            for n, s in enumerate(unseen, start=1)
        ]
        self.fields["with_whom"].choices = [("", "Select a person"), *people, *brothers_sisters]
        self.fields["with_whom"].error_messages["required"] = "Select who the family time is with"
        self.fields["with_whom"].help_text = (
            "Someone in the child's life, or a brother or sister in their sibling group. Add a "
            "person on the child's record first if they are not listed."
        )
        plan = self.instance
        if plan.with_person_id:
            self.initial["with_whom"] = f"person:{plan.with_person_id}"
        elif plan.with_sibling_id:
            self.initial["with_whom"] = f"sibling:{plan.with_sibling_id}"
        self.fields["times"].error_messages["invalid"] = "The number of times must be a number"
        self.fields["times"].error_messages["min_value"] = "The number of times must be 1 or more"
        self.fields["per"].choices = [("", "Select a period"), *self.fields["per"].choices[1:]]
        if not plan.pk:
            del self.fields["ended_on"]
        self.helper.layout = Layout(
            Field.select("with_whom"),
            Field.radios("kind", legend_size=Size.SMALL),
            Fieldset(
                Field.text("times", field_width=3),
                Field.select("per"),
                Field.text("pattern"),
                legend="How often",
                legend_size=Size.SMALL,
            ),
            Field.radios("supervision", legend_size=Size.SMALL),
            Field.text("supervised_by"),
            Field.text("venue"),
            "agreed_on",
            "start_date",
            "review_date",
            Field.textarea("childs_view", rows=4),
            *(["ended_on"] if plan.pk else []),
        )

    def clean_with_whom(self) -> str:
        value: str = self.cleaned_data["with_whom"]
        kind, _, pk = value.partition(":")
        plan = self.instance
        plan.with_person_id = int(pk) if kind == "person" else None
        plan.with_sibling_id = int(pk) if kind == "sibling" else None
        return value

    def _update_errors(self, errors: ValidationError) -> None:
        # The model checks the person or sibling it stores; the form asks one question.
        if hasattr(errors, "error_dict"):
            for stored in ("with_person", "with_sibling"):
                if stored in errors.error_dict:
                    errors.error_dict.setdefault("with_whom", []).extend(
                        errors.error_dict.pop(stored)
                    )
        super()._update_errors(errors)


class FamilyTimeReviewForm(FamilyModelForm):
    date_fields = ("reviewed_on", "next_review_on")
    radio_fields = ("outcome",)
    required_messages = {"outcome": "Select the outcome of the review"}

    class Meta:
        model = FamilyTimeReview
        fields = [
            "reviewed_on",
            "how_it_went",
            "childs_view",
            "outcome",
            "changes",
            "next_review_on",
        ]


class VoiceEntryForm(FamilyModelForm):
    date_fields = ("date",)
    radio_fields = ("how_gathered", "whose_words")
    required_messages = {
        "how_gathered": "Select how the views were gathered",
        "whose_words": "Select whose words these are",
        "text": "Enter what the child said, wished or felt",
    }

    class Meta:
        model = VoiceEntry
        fields = ["date", "how_gathered", "whose_words", "words_of", "topic", "text"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["topic"].choices = [
            ("", "Select a subject (optional)"),
            *self.fields["topic"].choices[1:],
        ]


class AdvocacyOfferForm(FamilyModelForm):
    date_fields = ("offered_on",)
    radio_fields = ("service", "taken_up")
    required_messages = {
        "service": "Select what was offered",
        "taken_up": "Select whether the offer was taken up",
        "offered_by": "Enter who made the offer",
        "discussion": "Enter how the role was explained and what the child said",
    }

    class Meta:
        model = AdvocacyOffer
        fields = ["service", "offered_on", "offered_by", "discussion", "taken_up", "provider"]


class ComplaintForm(FamilyModelForm):
    date_fields = ("received_on", "closed_on")
    radio_fields = ("made_by",)
    required_messages = {
        "made_by": "Select who made the complaint",
        "subject": "Enter what the complaint is about",
    }

    class Meta:
        model = Complaint
        fields = ["received_on", "made_by", "subject", "outcome", "action_taken", "closed_on"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["outcome"].choices = [
            ("", "Not closed yet"),
            *self.fields["outcome"].choices[1:],
        ]


class LifeStoryWorkForm(FamilyModelForm):
    date_fields = ("updated_on",)
    radio_fields = ("status",)
    required_messages = {"status": "Select where life story work has got to"}

    class Meta:
        model = LifeStoryWork
        fields = ["status", "worker", "format", "updated_on", "notes"]
        labels = {"status": "Where has life story work got to?"}


class MemoryItemForm(FamilyModelForm):
    date_fields = ("received_on",)
    required_messages = {
        "description": "Enter what the item is",
        "where_kept": "Enter where the item is kept",
    }

    class Meta:
        model = MemoryItem
        fields = ["description", "received_on", "given_by", "where_kept"]


class NetworkMemberForm(FamilyModelForm):
    """How one person is drawn on the genogram, and where exploring them as a carer stands."""

    radio_fields = ("sex", "exploration")
    deceased = forms.BooleanField(
        label="They have died", required=False, help_text="Drawn with a cross through them."
    )

    class Meta:
        model = NetworkMember
        fields = ["sex", "exploration", "household"]
        labels = {"exploration": "Where exploring them as a carer stands"}
        help_texts = {
            "exploration": "Viability assessments, then the connected person assessment (Form C), "
            "as the Connected People’s team does them."
        }

    def __init__(self, *args: Any, deceased: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["deceased"].initial = deceased
        self.order_fields(["sex", "deceased", "exploration", "household"])


class FamilyTieForm(FamilyModelForm):
    """A relationship between two people of the child's network, or one of them and the child."""

    radio_fields = ("kind",)
    required_messages = {
        "person": "Choose the person",
        "kind": "Select the relationship",
    }

    class Meta:
        model = FamilyTie
        fields = ["person", "kind", "other"]
        labels = {"person": "Who", "kind": "Relationship", "other": "To whom"}

    def __init__(self, *args: Any, child: Child, people: list[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        ids = [p.pk for p in people]
        for name in ("person", "other"):
            field = self.fields[name]
            field.queryset = Person.objects.filter(pk__in=ids).order_by(
                "last_name", "first_name", "pk"
            )
        self.fields["person"].empty_label = "Choose someone"
        self.fields["other"].empty_label = f"{child.full_name} (this child)"
        self.fields["other"].help_text = (
            f"Leave as {child.full_name} for a relationship with the child. "
            "For “Parent of”, the first person is the parent."
        )


class FamilyViewForm(FamilyModelForm):
    """The views of a parent, family member or carer (DV 'What we will do'; DU 'Looked After
    Reviews'): who, when, at which meeting or about which option, and what they said."""

    date_fields = ("date",)
    radio_fields = ("occasion",)
    required_messages = {
        "person": "Select whose views these are",
        "occasion": "Select when the views were heard",
        "text": "Enter what they said",
    }

    class Meta:
        model = FamilyView
        fields = ["person", "date", "occasion", "meeting", "option", "text"]

    def __init__(self, *args: Any, child: Child, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        person = self.fields["person"]
        person.queryset = child.people.select_related("person").order_by("person__last_name")
        person.label_from_instance = lambda link: (
            f"{link.person.full_name} ({link.get_relationship_display()})"
        )
        person.empty_label = "Select a person"
        person.help_text = (
            "A parent, family member or carer. Add them to the child's people first if they are "
            "not listed."
        )
        meeting = self.fields["meeting"]
        meeting.queryset = Meeting.objects.filter(
            child=child, status=Meeting.Status.HELD, held_on__isnull=False
        ).order_by("-held_on", "-pk")
        meeting.label_from_instance = lambda m: f"{type_name(m.type)} on {govuk_date(m.held_on)}"
        meeting.empty_label = "Not at a meeting"
        meeting.help_text = "Only when the views were heard at or for a meeting."
        option = self.fields["option"]
        option.queryset = PermanenceOption.objects.filter(child=child).order_by("pk")
        option.label_from_instance = lambda o: o.get_kind_display()
        option.empty_label = "The plan as a whole"


class AdoptersApproachedForm(FamilyModelForm):
    """The approach to the adopters of a new baby's brothers or sisters (Dudley strategy,
    'Adoption@Heart'), recorded as a journey event on the baby's record."""

    date_fields = ("date",)
    required_messages = {"date": "Enter the date the adopters were approached"}

    class Meta:
        model = JourneyEvent
        fields = ["date", "notes"]
        labels = {"date": "Date the adopters were approached", "notes": "What they said"}
        help_texts = {
            "notes": "Who approached them, and whether they would like to be considered.",
        }
