"""Sign in and sign out; the staff pages (system administrators)."""

from typing import NoReturn

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.decorators import method_decorator

from homeward.accounts import access, services
from homeward.accounts.actor import Actor
from homeward.accounts.forms import (
    AddStaffForm,
    AddTeamForm,
    ChangeStaffForm,
    ReasonForm,
    SignInForm,
)
from homeward.accounts.models import Team, User
from homeward.audit.models import AuditAction
from homeward.audit.services import record
from homeward.form_page import form_page


@method_decorator(login_not_required, name="dispatch")
class SignInView(auth_views.LoginView):
    template_name = "accounts/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["forms"] = [context["form"]]
        return context


class SignOutView(auth_views.LogoutView):
    pass


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


def staff_list(request: HttpRequest) -> HttpResponse:
    _staff_manager(request)
    staff = User.objects.prefetch_related("teams").order_by("-is_active", "last_name", "username")
    return render(
        request,
        "accounts/staff.html",
        {"staff": staff, "teams": Team.objects.annotate(members_count=Count("members"))},
    )


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
