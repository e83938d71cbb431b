"""A URLconf for tests/test_errors.py: Homeward's own, plus a view that fails."""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.urls import path

from homeward.urls import handler400, handler403, handler404, handler500, urlpatterns  # noqa: F401


@login_not_required
def fails(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("secret detail from the stack: Ava Fernby")


urlpatterns = [path("fails/", fails), *urlpatterns]
