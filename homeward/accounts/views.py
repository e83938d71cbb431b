"""Sign in and sign out; the second factor (setting up an authenticator app, entering a code or a
recovery code, new recovery codes); sign-in through the council's identity provider; and the
staff pages (system administrators)."""

from __future__ import annotations

from typing import Any, NoReturn

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.shortcuts import get_object_or_404, redirect, render, resolve_url
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View
from django.views.decorators.http import require_safe
from mozilla_django_oidc.views import (
    OIDCAuthenticationCallbackView,
    OIDCAuthenticationRequestView,
)

from homeward.accounts import access, oidc, services, two_factor
from homeward.accounts.actor import Actor
from homeward.accounts.forms import (
    AddStaffForm,
    AddTeamForm,
    AuthenticatorCodeForm,
    ChangeStaffForm,
    ReasonForm,
    RecoveryCodeForm,
    SignInForm,
)
from homeward.accounts.models import Team, User
from homeward.audit.models import AuditAction
from homeward.audit.services import record
from homeward.form_page import form_page, require_form


@method_decorator(login_not_required, name="dispatch")
class SignInView(auth_views.LoginView):
    template_name = "accounts/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True
    # What the page handles: any other method (PUT, which LoginView would take as a POST, or
    # OPTIONS) is a 405 with an Allow header.
    http_method_names = ["get", "head", "post"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["forms"] = [context["form"]]
        if oidc.enabled():
            context["oidc_provider"] = oidc.provider_name()
        return context


@method_decorator(two_factor.second_factor_not_required, name="dispatch")
class SignOutView(auth_views.LogoutView):
    http_method_names = ["post"]


# The second factor ------------------------------------------------------------------------------


def _next_url(request: HttpRequest) -> str:
    """Where the user was going before the gate stopped them (a page on this site only)."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _with_next(name: str, request: HttpRequest) -> str:
    query = QueryDict(mutable=True)
    query["next"] = _next_url(request)
    return f"{reverse(name)}?{query.urlencode(safe='/')}"


@method_decorator(two_factor.second_factor_not_required, name="dispatch")
@method_decorator(require_form, name="dispatch")  # before its own dispatch runs
class SetUpView(View):
    http_method_names = ["get", "head", "post"]
    """Set up an authenticator app: its key as a QR code and as text, confirmed with a code."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        # Someone with only a password must not replace the app that guards the account.
        if two_factor.has_second_factor(request.user) and not two_factor.is_verified(request):
            return redirect(_with_next("accounts:two-factor-verify", request))
        return super().dispatch(request, *args, **kwargs)

    def get(self, request: HttpRequest) -> HttpResponse:
        return self._page(request, AuthenticatorCodeForm())

    def post(self, request: HttpRequest) -> HttpResponse:
        form = AuthenticatorCodeForm(request.POST)
        if form.is_valid():
            device = two_factor.pending_authenticator(request.user)
            if two_factor.confirm_authenticator(request, device, form.cleaned_data["code"]):
                return redirect(_with_next("accounts:two-factor", request))
            form.add_error(
                "code",
                "The code is not right. Check the app shows Homeward, then enter the code it "
                "shows now",
            )
        return self._page(request, form)

    def _page(self, request: HttpRequest, form: AuthenticatorCodeForm) -> HttpResponse:
        device = two_factor.pending_authenticator(request.user)
        return render(
            request,
            "accounts/two_factor_set_up.html",
            {
                "form": form,
                "forms": [form],
                "secret": two_factor.secret_text(device),
                "qr_svg": two_factor.qr_svg(device),
                "next": _next_url(request),
                "signing_in": not two_factor.is_verified(request),
                "replacing": two_factor.authenticator(request.user) is not None,
            },
        )


@method_decorator(require_form, name="dispatch")  # before its own dispatch runs
class _EnterCodeView(View):
    http_method_names = ["get", "head", "post"]
    form_class: type[AuthenticatorCodeForm] | type[RecoveryCodeForm]
    template_name: str

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if two_factor.is_verified(request):
            return HttpResponseRedirect(_next_url(request))
        if not two_factor.has_second_factor(request.user):
            return redirect(_with_next("accounts:two-factor-set-up", request))
        return super().dispatch(request, *args, **kwargs)

    def get(self, request: HttpRequest) -> HttpResponse:
        return self._page(request, self.form_class())

    def post(self, request: HttpRequest) -> HttpResponse:
        form = self.form_class(request.POST)
        if form.is_valid():
            try:
                self.verify(request, form.cleaned_data["code"])
            except two_factor.Refused as refused:
                form.add_error("code", str(refused))
            else:
                return HttpResponseRedirect(_next_url(request))
        return self._page(request, form)

    def verify(self, request: HttpRequest, code: str) -> None:
        raise NotImplementedError

    def _page(self, request: HttpRequest, form: Any) -> HttpResponse:
        return render(
            request,
            self.template_name,
            {"form": form, "forms": [form], "next": _next_url(request), "signing_in": True},
        )


@method_decorator(two_factor.second_factor_not_required, name="dispatch")
class VerifyView(_EnterCodeView):
    form_class = AuthenticatorCodeForm
    template_name = "accounts/two_factor_verify.html"

    def verify(self, request: HttpRequest, code: str) -> None:
        two_factor.verify_code(request, code)


@method_decorator(two_factor.second_factor_not_required, name="dispatch")
class RecoveryView(_EnterCodeView):
    form_class = RecoveryCodeForm
    template_name = "accounts/two_factor_recovery.html"

    def verify(self, request: HttpRequest, code: str) -> None:
        left = two_factor.verify_recovery_code(request, code)
        if left <= 3:
            messages.warning(
                request,
                f"You have {left} recovery code{'s' if left != 1 else ''} left. Make new ones "
                "from “Your sign-in”, at the foot of any page.",
            )


@method_decorator(require_form, name="dispatch")  # before its own dispatch runs
class SecondFactorView(View):
    http_method_names = ["get", "head", "post"]
    """Your sign-in: the authenticator app, the recovery codes left, and new ones (shown once)."""

    def get(self, request: HttpRequest) -> HttpResponse:
        device = two_factor.authenticator(request.user)
        return render(
            request,
            "accounts/two_factor.html",
            {
                "authenticator": device,
                "codes_left": two_factor.recovery_codes_left(request.user),
                "new_codes": request.session.pop(two_factor.NEW_CODES_SESSION_KEY, None),
                "next": _next_url(request),
                "required": settings.HOMEWARD_REQUIRE_2FA,
            },
        )

    def post(self, request: HttpRequest) -> HttpResponse:
        if two_factor.authenticator(request.user) is None:
            return redirect("accounts:two-factor-set-up")
        two_factor.new_recovery_codes(request)
        return redirect(_with_next("accounts:two-factor", request))


# The council's identity provider ----------------------------------------------------------------


class _OnlyWhenConfigured:
    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not oidc.enabled():
            raise Http404("Sign-in through an identity provider is not set up.")
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]


@method_decorator(login_not_required, name="dispatch")
@method_decorator(require_safe, name="dispatch")  # before its own dispatch runs
class OIDCStartView(_OnlyWhenConfigured, OIDCAuthenticationRequestView):
    http_method_names = ["get", "head"]
    """Off to the identity provider (state, nonce and PKCE kept in the session)."""


@method_decorator(login_not_required, name="dispatch")
@method_decorator(require_safe, name="dispatch")  # before its own dispatch runs
class OIDCCallbackView(_OnlyWhenConfigured, OIDCAuthenticationCallbackView):
    http_method_names = ["get", "head"]
    """Back from the identity provider: signed in as the matching Homeward user, or refused."""

    @property
    def failure_url(self) -> str:
        return reverse("accounts:oidc-refused")

    def get(self, request: HttpRequest) -> HttpResponse:
        request.session.pop(oidc.REFUSAL_SESSION_KEY, None)
        return super().get(request)


@login_not_required
@require_safe
def oidc_refused(request: HttpRequest) -> HttpResponse:
    reason = request.session.pop(oidc.REFUSAL_SESSION_KEY, None)
    return render(
        request,
        "accounts/oidc_refused.html",
        {
            "provider": oidc.provider_name(),
            "reason": oidc.REFUSALS.get(reason or "", ""),
            "signing_in": True,
        },
        status=403,
    )


# Staff and teams: system administrators (access.can_manage_staff), every change with a reason
# and audited (services.py); nobody changes their own role or teams.


def _staff_manager(request: HttpRequest) -> Actor:
    if not access.can_manage_staff(request.user):
        record(AuditAction.DENIED, request=request, summary="Refused the staff pages")
        raise PermissionDenied("Only system administrators manage staff.")
    return Actor.from_request(request)


def _refused(request: HttpRequest, exc: PermissionDenied, user: User) -> NoReturn:
    record(AuditAction.DENIED, request=request, obj=user, summary=str(exc))
    raise exc


@require_safe
def staff_list(request: HttpRequest) -> HttpResponse:
    _staff_manager(request)
    staff = User.objects.prefetch_related("teams").order_by("-is_active", "last_name", "username")
    return render(
        request,
        "accounts/staff.html",
        {"staff": staff, "teams": Team.objects.annotate(members_count=Count("members"))},
    )


@require_form
def staff_add(request: HttpRequest) -> HttpResponse:
    actor = _staff_manager(request)
    form = AddStaffForm(request.POST or None)
    return form_page(
        request,
        form,
        template="accounts/staff_form.html",
        context={"title": "Add a member of staff"},
        save=lambda: services.add_user(**form.cleaned_data, actor=actor),
        success=lambda user: f"{user} ({user.username}) has been added",
        done=reverse("accounts:staff"),
    )


@require_form
def staff_change(request: HttpRequest, pk: int) -> HttpResponse:
    actor = _staff_manager(request)
    user = get_object_or_404(User, pk=pk)
    form = ChangeStaffForm(
        request.POST or None, initial={"role": user.role, "teams": list(user.teams.all())}
    )

    def save() -> User:
        try:
            return services.change_user(
                user,
                role=form.cleaned_data["role"],
                teams=form.cleaned_data["teams"],
                reason=form.cleaned_data["reason"],
                actor=actor,
            )
        except PermissionDenied as exc:
            _refused(request, exc, user)

    return form_page(
        request,
        form,
        template="accounts/staff_form.html",
        context={
            "title": f"Change {user}'s role or teams",
            "member": user,
            "is_self": user.pk == request.user.pk,
        },
        save=save,
        success=f"{user}'s role and teams have been saved",
        done=reverse("accounts:staff"),
    )


@require_form
def staff_active(request: HttpRequest, pk: int, active: bool) -> HttpResponse:
    actor = _staff_manager(request)
    user = get_object_or_404(User, pk=pk)
    form = ReasonForm(request.POST or None)

    def save() -> User:
        try:
            return services.set_active(
                user, active=active, reason=form.cleaned_data["reason"], actor=actor
            )
        except PermissionDenied as exc:
            _refused(request, exc, user)

    verb = "Reactivate" if active else "Deactivate"
    return form_page(
        request,
        form,
        template="accounts/staff_form.html",
        context={
            "title": f"{verb} {user}",
            "member": user,
            "is_self": user.pk == request.user.pk,
            "button": verb,
        },
        save=save,
        success=f"{user} has been {verb.lower()}d",
        done=reverse("accounts:staff"),
    )


@require_form
def team_add(request: HttpRequest) -> HttpResponse:
    actor = _staff_manager(request)
    form = AddTeamForm(request.POST or None)
    return form_page(
        request,
        form,
        template="accounts/staff_form.html",
        context={"title": "Add a team"},
        save=lambda: services.add_team(**form.cleaned_data, actor=actor),
        success=lambda team: f"The team {team} has been added",
        done=reverse("accounts:staff"),
    )
