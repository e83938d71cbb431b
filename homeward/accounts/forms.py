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


def _code_helper() -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    return helper


class AuthenticatorCodeForm(forms.Form):
    """A 6-digit code from an authenticator app."""

    code = forms.CharField(
        label="Code from your authenticator app",
        help_text="The 6-digit code your app shows now, for example 123456",
        max_length=20,
        error_messages={"required": "Enter the 6-digit code from your authenticator app"},
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "spellcheck": "false",
                "class": "govuk-input govuk-input--width-5",
            }
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _code_helper()

    def clean_code(self) -> str:
        code = "".join(self.cleaned_data["code"].split()).replace("-", "")
        if not (code.isascii() and code.isdigit() and len(code) == 6):
            raise forms.ValidationError("The code must be 6 digits, for example 123456")
        return code


class RecoveryCodeForm(forms.Form):
    """One of the recovery codes shown when the authenticator app was set up."""

    code = forms.CharField(
        label="Recovery code",
        help_text="One of the 8-character codes you saved, for example abcd2345",
        max_length=40,
        error_messages={"required": "Enter one of your recovery codes"},
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "spellcheck": "false",
                "autocapitalize": "none",
                "class": "govuk-input govuk-input--width-10",
            }
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _code_helper()

    def clean_code(self) -> str:
        code = "".join(self.cleaned_data["code"].split()).replace("-", "").lower()
        if not (code.isascii() and code.isalnum() and len(code) == 8):
            raise forms.ValidationError(
                "A recovery code is 8 letters and numbers, for example abcd2345"
            )
        return code


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
