from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.urls import include, path
from django.views.decorators.http import require_safe


@require_safe
@login_not_required
def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico whatever the page says: Homeward's own icon, not GOV.UK's
    (resolved when asked, as production's hashed static names exist only after collectstatic)."""
    return HttpResponsePermanentRedirect(static("homeward/favicon.svg"))


urlpatterns = [
    path("favicon.ico", favicon),
    path("admin/", admin.site.urls),
    path("accounts/", include("homeward.accounts.urls")),
    path("audit/", include("homeward.audit.urls")),
    path("ssda903/", include("homeward.ssda903.urls")),
    path("exports/", include("homeward.exports.urls")),
    path("reports/", include("homeward.reports.urls")),
    path("", include("homeward.oversight.urls")),
    path("", include("homeward.planning.urls")),
    path("", include("homeward.family.urls")),
    path("", include("homeward.panels.urls")),
    path("", include("homeward.matching.urls")),
    path("", include("homeward.meetings.urls")),
    path("", include("homeward.documents.urls")),
    path("", include("homeward.quality.urls")),
    path("", include("homeward.notifications.urls")),
    path("", include("homeward.transitions.urls")),
    path("", include("homeward.legal.urls")),
    path("", include("homeward.children.urls")),
]

handler400 = "homeward.errors.bad_request"
handler403 = "homeward.errors.forbidden"
handler404 = "homeward.errors.not_found"
handler500 = "homeward.errors.server_error"
