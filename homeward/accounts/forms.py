from typing import Any

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Size
from django import forms
from django.contrib.auth.forms import AuthenticationForm

from homeward.accounts.models import Role, Team


class SignInForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "Enter a correct username and password. Both are case-sensitive.",
        "inactive": "This account is inactive.",
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].error_messages["required"] = "Enter your username"
        self.fields["password"].error_messages["required"] = "Enter your password"
        self.fields["username"].widget.attrs.update(
            {"autocomplete": "username", "spellcheck": "false"}
        )
        # No autofocus (GOV.UK): it skips the skip link and the page's heading for keyboard users.
        self.fields["username"].widget.attrs.pop("autofocus", None)
        self.fields["password"].widget = forms.PasswordInput(
            attrs={"autocomplete": "current-password"}
        )
        self.helper = FormHelper()
        self.helper.form_tag = False


class _CodeForm(forms.Form):
    """One code typed at sign-in: spaces and hyphens people add are ignored; ``valid`` says
    whether what is left is a code of this kind, and ``invalid`` what to do if not."""

    code: forms.CharField
    invalid = ""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False

    @staticmethod
    def normalise(code: str) -> str:
        return code

    @staticmethod
    def valid(code: str) -> bool:
        raise NotImplementedError

    def clean_code(self) -> str:
        code = self.normalise("".join(self.cleaned_data["code"].split()).replace("-", ""))
        if not (code.isascii() and self.valid(code)):
            raise forms.ValidationError(self.invalid)
        return code


def _code_field(label: str, help_text: str, required: str, **attrs: str) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=help_text,
        max_length=40,
        error_messages={"required": required},
        widget=forms.TextInput(attrs={"spellcheck": "false", **attrs}),
    )


class AuthenticatorCodeForm(_CodeForm):
    """A 6-digit code from an authenticator app."""

    code = _code_field(
        "Code from your authenticator app",
        "The 6-digit code your app shows now, for example 123456",
        "Enter the 6-digit code from your authenticator app",
        autocomplete="one-time-code",
        inputmode="numeric",
        **{"class": "govuk-input govuk-input--width-5"},
    )
    invalid = "The code must be 6 digits, for example 123456"

    @staticmethod
    def valid(code: str) -> bool:
        return code.isdigit() and len(code) == 6


class RecoveryCodeForm(_CodeForm):
    """One of the recovery codes shown when the authenticator app was set up."""

    code = _code_field(
        "Recovery code",
        "One of the 8-character codes you saved, for example abcd2345",
        "Enter one of your recovery codes",
        autocomplete="off",
        autocapitalize="none",
        **{"class": "govuk-input govuk-input--width-10"},
    )
    invalid = "A recovery code is 8 letters and numbers, for example abcd2345"

    @staticmethod
    def normalise(code: str) -> str:
        return code.lower()

    @staticmethod
    def valid(code: str) -> bool:
        return code.isalnum() and len(code) == 8


# Staff and teams (homeward/accounts/views.py; the changes themselves in services.py).


class _GovUKForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            label = str(field.label or name).lower()
            field.error_messages.setdefault("required", f"Enter the {label}")
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.label_size = Size.SMALL


def _reason_field(hint: str) -> forms.CharField:
    return forms.CharField(
        label="Reason for the change",
        help_text=hint,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter the reason for the change"},
    )


def _role_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        label="Role",
        choices=Role.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the role"},
    )


def _teams_field() -> forms.ModelMultipleChoiceField:
    return forms.ModelMultipleChoiceField(
        label="Teams",
        queryset=Team.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Social workers and team managers see their teams' children.",
    )


class AddStaffForm(_GovUKForm):
    username = forms.CharField(label="Username", max_length=150)
    first_name = forms.CharField(label="First name", max_length=150)
    last_name = forms.CharField(label="Last name", max_length=150)
    email = forms.EmailField(label="Email address", required=False)
    role = _role_field()
    teams = _teams_field()
    password = forms.CharField(
        label="First password",
        help_text="Give it to them separately, not by email.",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        strip=False,
    )
    reason = _reason_field("For example, the starter's request from their manager.")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs.update({"autocomplete": "off", "spellcheck": "false"})


class ChangeStaffForm(_GovUKForm):
    role = _role_field()
    teams = _teams_field()
    reason = _reason_field("For example, a move to another team, with who asked for it.")


class ReasonForm(_GovUKForm):
    reason = _reason_field("For example, the member of staff has left the council.")


class AddTeamForm(_GovUKForm):
    name = forms.CharField(label="Team name", max_length=120)
    service = forms.CharField(
        label="Service",
        max_length=120,
        required=False,
        help_text="The service the team belongs to, as the council names it.",
    )
    reason = _reason_field("For example, a restructure, with who agreed it.")
