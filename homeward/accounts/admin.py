from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from homeward.accounts.models import Team, User


@admin.register(User)
class HomewardUserAdmin(UserAdmin):
    list_display = ("username", "first_name", "last_name", "role", "is_active", "is_demo")
    list_filter = ("role", "teams", "is_active", "is_demo")
    fieldsets = (*UserAdmin.fieldsets, ("Homeward", {"fields": ("role", "teams", "external_id")}))
    filter_horizontal = ("teams", "groups", "user_permissions")


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ("name", "service")
    search_fields = ("name",)
