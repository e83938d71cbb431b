"""Admin for reference data only. Case records are changed through Homeward's own pages so
that every change is validated and audited."""

from django.contrib import admin

from homeward.children.models import SiblingGroup


@admin.register(SiblingGroup)
class SiblingGroupAdmin(admin.ModelAdmin):
    list_display = ("name",)
    search_fields = ("name",)
