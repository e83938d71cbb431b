"""Django's admin site, answering only the HTTP methods each of its pages handles (issue 14).

Homeward's own views say which methods they take (``require_safe``, ``form_page.require_form``);
the admin's do not, so OPTIONS, PUT, PATCH and DELETE reached them. ``HomewardAdminSite`` wraps
every admin URL: GET and HEAD everywhere, and POST only where a form there can do something:
signing in and out, one's own password, and a model's list (its bulk actions), add, change or
delete page when its ModelAdmin grants that write to a superuser. Homeward's own ModelAdmins are
read only (``homeward/accounts/admin.py``), so in practice only django-axes' records take a POST
(deleting a lockout is how an administrator unlocks an account). Any other method is a 405 with
an ``Allow`` header, answered before the admin's view (or its permission check) runs, as
``homeward.errors.MethodNotAllowedPage`` shows it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.admin import AdminSite, ModelAdmin
from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver
from django.views.decorators.http import require_http_methods

from homeward.audit.models import AuditAction
from homeward.audit.services import record

SHOWS = ("GET", "HEAD")
FORM = ("GET", "HEAD", "POST")
# The site's own pages that are forms. Signing out is a button only (Django's LogoutView).
SITE_FORMS = {"login": FORM, "logout": ("POST",), "password_change": FORM}


class _MostPrivileged:
    """Stands in for a superuser when asking a ModelAdmin, once, which writes it could ever
    accept: a page whose writes no user may make is never sent a POST."""

    is_active = is_staff = is_superuser = is_authenticated = True
    pk = None

    def has_perm(self, perm: str, obj: Any = None) -> bool:
        return True

    def has_perms(self, perms: Any, obj: Any = None) -> bool:
        return True

    def has_module_perms(self, app_label: str) -> bool:
        return True


def _superuser_request() -> HttpRequest:
    request = HttpRequest()
    request.user = _MostPrivileged()
    return request


def model_page_methods(model_admin: ModelAdmin, name: str | None) -> tuple[str, ...]:
    """The methods one of a ModelAdmin's pages handles, from what the admin would let a
    superuser write there (its ``has_*_permission`` and bulk actions)."""
    request = _superuser_request()
    writes: list[tuple[str, Callable[[], bool]]] = [
        (
            "_changelist",
            lambda: (
                bool(model_admin.get_actions(request))
                or bool(model_admin.list_editable and model_admin.has_change_permission(request))
            ),
        ),
        ("_add", lambda: model_admin.has_add_permission(request)),
        ("_delete", lambda: model_admin.has_delete_permission(request)),
        # The object's page, and UserAdmin's "<id>/password/" (auth_user_password_change).
        ("_change", lambda: model_admin.has_change_permission(request)),
    ]
    for suffix, may_write in writes:
        if name and name.endswith(suffix):
            return FORM if may_write() else SHOWS
    return SHOWS  # history, the redirect from "<id>/" to its change page


def _only(methods: tuple[str, ...], pattern: URLPattern) -> URLPattern:
    return URLPattern(
        pattern.pattern,
        require_http_methods(list(methods))(pattern.callback),
        pattern.default_args,
        pattern.name,
    )


def _model_admin_of(resolver: URLResolver) -> ModelAdmin | None:
    """The ModelAdmin whose ``urls`` a resolver includes (its views carry ``model_admin``)."""
    for pattern in resolver.url_patterns:
        model_admin = getattr(getattr(pattern, "callback", None), "model_admin", None)
        if model_admin is not None:
            return model_admin
    return None


class HomewardAdminSite(AdminSite):
    """Django's admin site, every URL restricted to the methods its page handles."""

    def password_change(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        """One's own password changed in the admin is in Homeward's audit log, as every change
        of a user is (issue 14): the admin's form answers a change made with a redirect."""
        response = super().password_change(request, extra_context)
        if request.method == "POST" and response.status_code == 302:
            record(
                AuditAction.CHANGE,
                request=request,
                obj=request.user,
                summary=f"{request.user.get_username()} changed their own password in the admin",
            )
        return response

    def get_urls(self) -> list[URLPattern | URLResolver]:
        restricted: list[URLPattern | URLResolver] = []
        for entry in super().get_urls():
            if isinstance(entry, URLResolver):  # one model's pages
                model_admin = _model_admin_of(entry)
                patterns = [
                    _only(
                        model_page_methods(model_admin, p.name) if model_admin else SHOWS,
                        p,
                    )
                    for p in entry.url_patterns
                ]
                restricted.append(
                    URLResolver(
                        entry.pattern,
                        patterns,
                        entry.default_kwargs,
                        entry.app_name,
                        entry.namespace,
                    )
                )
            else:
                restricted.append(_only(SITE_FORMS.get(entry.name or "", SHOWS), entry))
        return restricted
