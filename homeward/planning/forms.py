"""Forms for permanence planning, rendered the GOV.UK way (crispy-forms-gds). They check what a
form can (required answers, real dates); the planning rules are checked by the services."""

from __future__ import annotations

from typing import Any

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Size
from django import forms
from django.utils import timezone

from homeward.children.forms import GovUKDateField, GovUKModelForm
from homeward.children.models import Child
from homeward.domain import permanence as rules
from homeward.domain import sign_offs as sign_off_rules
from homeward.domain.proceedings import MAX_EXTENSION_WEEKS
from homeward.planning.models import (
    ROUTE_CHOICES,
    AdoptionDecision,
    Assessment,
    CareProceedings,
    FosterForAdoptionConsideration,
    PermanenceOption,
    ProceedingsExtension,
)

S = rules.OptionStatus


class GovUKForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.label_size = Size.SMALL


def _required(field: forms.Field, message: str) -> forms.Field:
    field.error_messages["required"] = message
    return field


def _not_future(form: forms.Form, name: str, label: str) -> None:
    day = form.cleaned_data.get(name)
    if day and day > timezone.localdate():
        form.add_error(name, f"{label} must be today or in the past")


class OptionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: PermanenceOption) -> str:
        return f"{obj.get_kind_display()} ({obj.get_status_display().lower()})"


class OptionsChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: PermanenceOption) -> str:
        return f"{obj.get_kind_display()} ({obj.get_status_display().lower()})"


class AddOptionForm(GovUKForm):
    kind = forms.ChoiceField(label="Option to explore", widget=forms.RadioSelect)
    reason = forms.CharField(
        label="Why explore it",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What makes it a realistic option for the child.",
    )
    next_step = forms.CharField(
        label="Next step (optional)",
        max_length=300,
        required=False,
        help_text="What happens next to explore it, and who does it.",
    )

    def __init__(self, *args: Any, child: Child, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        taken = set(child.permanence_options.values_list("kind", flat=True))
        self.fields["kind"].choices = [
            (kind.key, kind.label) for kind in rules.OPTION_KINDS if kind.key not in taken
        ]
        _required(self.fields["kind"], "Select the option to explore")
        _required(self.fields["reason"], "Enter why this option is being explored")


class StrengthsAndRisksForm(GovUKForm):
    """What speaks for and against an option (DV 'Guiding Principles')."""

    strengths = forms.CharField(
        label="Strengths",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What this option offers the child: relationships kept, stability, identity.",
    )
    risks = forms.CharField(
        label="Risks",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What could go wrong, and what would reduce the risk.",
    )

    def __init__(self, *args: Any, option: PermanenceOption, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"strengths": option.strengths, "risks": option.risks})
        super().__init__(*args, **kwargs)
        _required(self.fields["strengths"], "Enter the option's strengths")
        _required(self.fields["risks"], "Enter the option's risks")


class ChangeStatusForm(GovUKForm):
    """A new status with the reason. Ruling out has its own page: it needs a manager's sign-off."""

    status = forms.ChoiceField(
        label="New status",
        widget=forms.RadioSelect,
        required=False,
        help_text="Leave it unselected to change only the next step.",
    )
    reason = forms.CharField(label="Why", widget=forms.Textarea(attrs={"rows": 3}), required=False)
    next_step = forms.CharField(label="Next step", max_length=300, required=False)

    def __init__(self, *args: Any, option: PermanenceOption, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"next_step": option.next_step})
        super().__init__(*args, **kwargs)
        allowed = rules.TRANSITIONS[S(option.status)] - {S.RULED_OUT}
        self.fields["status"].choices = [(s.value, s.label) for s in S if s in allowed]


class RuleOutForm(GovUKForm):
    reason = forms.CharField(
        label="Why it is not viable",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="The assessment or decision that shows it, so the child can later understand "
        "why.",
    )
    sign_off = forms.BooleanField(
        label="I sign this option off as not viable",
        error_messages={"required": "Confirm that you sign this option off as not viable"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _required(self.fields["reason"], "Enter why it is not viable")


class CriteriaForm(GovUKForm):
    """One question per criterion in the Dudley quick reference guide for this option."""

    def __init__(self, *args: Any, option: PermanenceOption, **kwargs: Any) -> None:
        answers = {c.criterion: c for c in option.criteria.all()}
        initial: dict[str, str] = {}
        super().__init__(*args, **kwargs)
        self.criteria = rules.criteria_for(option.kind)
        for n, criterion in enumerate(self.criteria, start=1):
            answer = answers.get(criterion.key)
            self.fields[f"met_{criterion.key}"] = forms.ChoiceField(
                label=criterion.text,
                choices=[(m.value, m.label) for m in rules.Met],
                widget=forms.RadioSelect,
                error_messages={"required": f"Select whether criterion {n} is met"},
            )
            self.fields[f"evidence_{criterion.key}"] = forms.CharField(
                label=f"Evidence for criterion {n}",
                widget=forms.Textarea(attrs={"rows": 3}),
                required=False,
            )
            initial[f"met_{criterion.key}"] = answer.met if answer else rules.Met.UNKNOWN.value
            initial[f"evidence_{criterion.key}"] = answer.evidence if answer else ""
        self.initial.update(initial)

    def answers(self) -> dict[str, tuple[str, str]]:
        return {
            c.key: (self.cleaned_data[f"met_{c.key}"], self.cleaned_data[f"evidence_{c.key}"])
            for c in self.criteria
        }


class AdoptionDecisionForm(GovUKModelForm):
    date_fields = ("adm_decided_on",)

    class Meta:
        model = AdoptionDecision
        fields = ["nothing_else_will_do", "adm_name", "adm_decided_on", "adm_outcome"]
        widgets = {
            "nothing_else_will_do": forms.Textarea(attrs={"rows": 6}),
            "adm_outcome": forms.RadioSelect,
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["adm_outcome"].choices = [
            ("", "Not decided yet"),
            *AdoptionDecision.AdmOutcome.choices,
        ]
        self.fields["adm_outcome"].required = False


class FfaForm(GovUKModelForm):
    date_fields = ("considered_on",)

    class Meta:
        model = FosterForAdoptionConsideration
        fields = ["considered_on", "connected_carer_considered", "decision", "reasons"]
        widgets = {
            "connected_carer_considered": forms.Textarea(attrs={"rows": 3}),
            "decision": forms.RadioSelect,
            "reasons": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["decision"].choices = FosterForAdoptionConsideration.Decision.choices
        _required(self.fields["decision"], "Select the decision")
        _required(
            self.fields["connected_carer_considered"],
            "Enter the connected-person foster parents considered, and the outcome",
        )
        _required(self.fields["reasons"], "Enter the reasons for the decision")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        _not_future(self, "considered_on", "Date considered")
        return data


class AgreePlanForm(GovUKForm):
    preferred_option = OptionChoiceField(
        label="Preferred option", queryset=PermanenceOption.objects.none(), widget=forms.RadioSelect
    )
    contingencies = OptionsChoiceField(
        label="Contingency plans",
        queryset=PermanenceOption.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="The other options kept open in parallel (twin-track planning).",
    )
    legal_route = forms.ChoiceField(
        label="Legal route", choices=ROUTE_CHOICES, widget=forms.RadioSelect
    )
    support_plan = forms.CharField(
        label="Support plan",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Support for the child and carers, including family time and financial support.",
    )
    agreed_on = GovUKDateField(label="Date agreed")
    agreed_by = forms.CharField(
        label="Agreed at or by",
        max_length=200,
        help_text="The meeting or review that agreed it, for example the second Child in Care "
        "review.",
    )

    def __init__(self, *args: Any, child: Child, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        options = child.permanence_options.exclude(status=S.RULED_OUT.value)
        self.fields["preferred_option"].queryset = options
        self.fields["contingencies"].queryset = options
        _required(self.fields["preferred_option"], "Select the preferred option")
        _required(self.fields["legal_route"], "Select the legal route")
        _required(self.fields["support_plan"], "Enter the support plan")
        _required(self.fields["agreed_by"], "Enter the meeting or review that agreed the plan")


class AssessmentForm(GovUKModelForm):
    date_fields = ("requested_on", "due_on", "completed_on")
    move_option_to = forms.ChoiceField(
        label="Move the option it informs to (optional)",
        required=False,
        help_text="Ruling an option out needs a team manager's or service manager's sign-off.",
    )

    class Meta:
        model = Assessment
        fields = [
            "kind",
            "option",
            "assessor",
            "requested_on",
            "due_on",
            "completed_on",
            "outcome",
            "outcome_summary",
            "cancelled",
        ]
        widgets = {
            "outcome": forms.RadioSelect,
            "outcome_summary": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, child: Child, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [
            ("", "Select the assessment"),
            *self.fields["kind"].choices[1:],
        ]
        _required(self.fields["kind"], "Select the assessment")
        option = self.fields["option"]
        option.queryset = child.permanence_options.all()
        option.empty_label = "None in particular"
        option.label_from_instance = lambda o: o.get_kind_display()
        _required(self.fields["assessor"], "Enter who is doing the assessment")
        self.fields["outcome"].choices = [("", "Not completed yet"), *rules_outcomes()]
        self.fields["outcome"].required = False
        self.fields["move_option_to"].choices = [("", "Leave it as it is")] + [
            (s.value, s.label) for s in S
        ]


def rules_outcomes() -> list[tuple[str, str]]:
    return [(o.value, o.label) for o in rules.Outcome]


class AchievedForm(GovUKForm):
    option = OptionChoiceField(
        label="Route to permanence",
        queryset=PermanenceOption.objects.none(),
        widget=forms.RadioSelect,
    )
    legal_route = forms.ChoiceField(label="Order", choices=ROUTE_CHOICES, widget=forms.RadioSelect)
    achieved_on = GovUKDateField(label="Date permanence was achieved")
    notes = forms.CharField(
        label="Notes (optional)", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args: Any, child: Child, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["option"].queryset = child.permanence_options.exclude(status=S.RULED_OUT.value)
        _required(self.fields["option"], "Select the route to permanence")
        _required(self.fields["legal_route"], "Select the order")


class EndingForm(GovUKForm):
    ended_on = GovUKDateField(label="Date it ended")
    what_happened = forms.CharField(label="What happened", widget=forms.Textarea(attrs={"rows": 4}))
    review_held_on = GovUKDateField(label="Date of the learning review", required=False)
    learning = forms.CharField(
        label="What was learned",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text="Non-blaming and focused on collective learning, to record and share.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _required(self.fields["what_happened"], "Enter what happened")


class ProceedingsIssuedForm(GovUKModelForm):
    date_fields = ("issued_on",)

    class Meta:
        model = CareProceedings
        fields = ["issued_on", "court_reference"]


class ProceedingsExtensionForm(GovUKModelForm):
    date_fields = ("granted_on",)

    class Meta:
        model = ProceedingsExtension
        fields = ["granted_on", "weeks", "reason"]
        widgets = {"reason": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        weeks = self.fields["weeks"]
        weeks.help_text = f"Up to {MAX_EXTENSION_WEEKS} weeks at a time (Children Act 1989 s32(8))."
        weeks.widget.attrs.update({"inputmode": "numeric", "class": "govuk-input--width-2"})
        weeks.error_messages.update(
            {
                "required": "Enter the weeks the court extended the timetable by",
                "invalid": "Extended by (weeks) must be a whole number, like 8",
            }
        )
        self.fields[
            "reason"
        ].help_text = (
            "Extensions are not granted routinely and need specific justification (s32(7))."
        )
        self.fields["reason"].error_messages["required"] = (
            "Enter why the court extended the timetable"
        )


# "My plan" for the child (issue 17 item 1; homeward.planning.my_plan).


class MyPlanSectionForm(GovUKForm):
    text = forms.CharField(
        label="What the child will read",
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        help_text="Plain words for the child's age. Never an address, another child's details "
        "or words from a case note.",
    )
    left_out = forms.BooleanField(
        label="Leave this section out of the child's plan", required=False
    )


class ShareMyPlanForm(GovUKForm):
    shared_on = GovUKDateField(label="Date the plan was shared")
    with_carer = forms.CharField(
        label="Also shared with a carer (optional)",
        max_length=200,
        required=False,
        help_text="The carer's name, if you went through the plan with them too.",
    )


class RequestSignOffForm(GovUKForm):
    """Ask for a sign-off the council's procedures require (homeward.domain.sign_offs)."""

    kind = forms.ChoiceField(label="What needs signing off", widget=forms.RadioSelect)
    notes = forms.CharField(
        label="What is asked",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="For example, the legal planning meeting's decision, or the plan for the "
        "return home and its support.",
    )

    def __init__(self, *args: Any, kinds: tuple[sign_off_rules.SignOffKind, ...], **kwargs: Any):
        super().__init__(*args, **kwargs)
        field = self.fields["kind"]
        field.choices = [(k.slug, f"{k.step} ({k.signer_title})") for k in kinds]
        _required(field, "Select what needs signing off")


class DecideSignOffForm(GovUKForm):
    """The decision of the role a sign-off was asked of: yes or no, why, and when."""

    agreed = forms.TypedChoiceField(
        coerce=lambda v: v == "yes", widget=forms.RadioSelect, empty_value=None
    )
    reason = forms.CharField(
        label="Reason",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    decided_on = GovUKDateField(label="Date of the decision")

    def __init__(self, *args: Any, kind: sign_off_rules.SignOffKind, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"decided_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        field = self.fields["agreed"]
        field.label = f"Is the {kind.step.lower()} {kind.agreed.lower()}?"
        field.choices = [("yes", kind.agreed), ("no", kind.not_agreed)]
        _required(field, f"Select whether the {kind.step.lower()} is {kind.agreed.lower()}")
        self.fields[
            "reason"
        ].help_text = (
            f"Needed if {kind.not_agreed.lower()}: what must change first. Optional otherwise."
        )
