"""The site's URLconf and error handlers, plus views that fail, for test_errors.py."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.urls import path

from planverk import urls as site

FAILURE = "planverk test failure"


def fail(request: HttpRequest) -> HttpResponse:
    raise RuntimeError(FAILURE)


def forbid(request: HttpRequest) -> HttpResponse:
    raise PermissionDenied("edit is not allowed")


handler500 = site.handler500
urlpatterns = [
    path("test/feil/", fail),
    path("test/forbudt/", forbid),
    *site.urlpatterns,
]
