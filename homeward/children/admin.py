"""Case records are changed through Homeward's own pages, which validate and audit every change;
the admin only shows sibling groups (deleting one would cascade through the sibling decisions
recorded on it)."""

from django.contrib import admin

from homeward.accounts.admin import ReadOnlyAdmin
from homeward.children.models import SiblingGroup


@admin.register(SiblingGroup)
class SiblingGroupAdmin(ReadOnlyAdmin):
    list_display = ("name",)
    search_fields = ("name",)
