import os

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from planverk.strategies.feeds import PublishedFeed
from planverk.strategies.sitemaps import SITEMAPS

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("konto/logg-inn/", auth_views.LoginView.as_view(), name="login"),
    path("konto/logg-ut/", auth_views.LogoutView.as_view(), name="logout"),
    path("feed/", PublishedFeed(), name="feed"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("", include("planverk.strategies.urls")),
]
if os.environ.get("PLANVERK_BENCH") == "1":  # bench/bench_web.py's comparison view
    urlpatterns.insert(0, path("bench/", include("planverk.benchview")))
