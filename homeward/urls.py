from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("homeward.accounts.urls")),
    path("audit/", include("homeward.audit.urls")),
    path("ssda903/", include("homeward.ssda903.urls")),
    path("", include("homeward.oversight.urls")),
    path("", include("homeward.planning.urls")),
    path("", include("homeward.family.urls")),
    path("", include("homeward.panels.urls")),
    path("", include("homeward.meetings.urls")),
    path("", include("homeward.children.urls")),
]

handler403 = "homeward.errors.forbidden"
handler404 = "homeward.errors.not_found"
