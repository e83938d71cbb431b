"""Django's admin is a window, not a door: every model it shows is read only.

Staff and teams are changed on Homeward's own pages (``/staff/``, system administrators), which
require a reason, refuse a change to one's own role and write every change to the audit log;
case records, decisions, audit entries and imports are changed only through the services that
validate and audit them, so none is registered here for writing. A superuser's permissions do
not reach past these methods: Django asks the ModelAdmin, not the user, whether to show or
accept a change, a deletion or the bulk "delete selected" action.
"""

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import Group
from django.http import HttpRequest

from homeward.accounts.models import Team, User


class ReadOnlyAdmin(admin.ModelAdmin):
    """View only, for everyone (superusers too): no add, change, delete or bulk actions."""

    actions = None

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


# Homeward's roles decide what a user may do (homeward/accounts/access.py); Django's groups and
# permissions are not used, so they are not offered for editing either.
admin.site.unregister(Group)


@admin.register(User)
class HomewardUserAdmin(ReadOnlyAdmin, UserAdmin):
    list_display = ("username", "first_name", "last_name", "role", "is_active", "is_demo")
    list_filter = ("role", "teams", "is_active", "is_demo")
    fieldsets = (
        (None, {"fields": ("username",)}),
        ("Personal info", {"fields": ("first_name", "last_name", "email")}),
        ("Homeward", {"fields": ("role", "teams", "external_id", "is_active", "is_demo")}),
        ("Important dates", {"fields": ("last_login", "date_joined")}),
    )


@admin.register(Team)
class TeamAdmin(ReadOnlyAdmin):
    list_display = ("name", "service")
    search_fields = ("name",)
