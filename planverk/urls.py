import os

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language

from planverk.accounts.views import signin
from planverk.errors import server_error

urlpatterns = [
    path("admin/", admin.site.urls),
    # Choosing the interface language changes no data; without a CSRF token in
    # the language form, anonymous pages can be cached and shared.
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
    path("konto/logg-inn/", signin.LoginView.as_view(), name="login"),
    path("konto/logg-ut/", auth_views.LogoutView.as_view(), name="logout"),
    path("", include("planverk.accounts.urls")),
    path("", include("planverk.site.urls")),
    path("", include("planverk.strategies.urls")),
    path("", include("planverk.reports.urls")),
    path("", include("planverk.interchange.urls")),
]
# Planverk's own 500 page, which shows the request id; 400, 403 and 404 are
# Django's handlers rendering our templates.
handler500 = server_error
if os.environ.get("PLANVERK_BENCH") == "1":  # bench/bench_web.py's comparison view
    urlpatterns.insert(0, path("bench/", include("planverk.benchview")))
