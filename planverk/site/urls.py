"""The public site's URLs, in Norwegian words: they are permalinks and stay as they are."""

from django.contrib.sitemaps.views import sitemap
from django.urls import path

from planverk.site import diff, permalinks, plans
from planverk.site import views as public
from planverk.site.feeds import PublishedFeed
from planverk.site.sitemaps import SITEMAPS

app_name = "site"
STRATEGY = "o/<slug:org>/s/<int:pk>/"

urlpatterns = [
    path("feed/", PublishedFeed(), name="feed"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("", public.organization_list, name="organization_list"),
    path("o/<slug:org>/", public.organization_detail, name="organization_detail"),
    path("o/<slug:org>/enhet/<int:unit>/", public.unit_detail, name="unit_detail"),
    path(STRATEGY, public.strategy_detail, name="strategy_detail"),
    path(
        STRATEGY + "kapittel/<int:place>/",
        public.section_detail,
        name="section_detail",
    ),
    path(STRATEGY + "tema/<str:number>/", public.theme_detail, name="theme_detail"),
    path(
        STRATEGY + "tiltak/<str:number>/", public.measure_detail, name="measure_detail"
    ),
    path(STRATEGY + "mal/<int:goal>/", public.goal_detail, name="goal_detail"),
    path(STRATEGY + "handlingsplan/", public.action_plan, name="action_plan"),
    path(STRATEGY + "handlingsplaner/", plans.plan_list, name="plan_list"),
    path(
        STRATEGY + "handlingsplaner/<int:plan>/",
        plans.plan_detail,
        name="plan_detail",
    ),
    path(STRATEGY + "vedtak/", public.decision_log, name="decision_log"),
    path(STRATEGY + "ordliste/", public.glossary, name="glossary"),
    path(STRATEGY + "sok/", public.search, name="search"),
    path(STRATEGY + "endringer/<int:b>/", diff.diff, name="diff"),
    path(STRATEGY + "k/<slug:key>/", permalinks.part, name="permalink"),
    path("o/<slug:org>/k/<slug:key>/", permalinks.in_force, name="permalink_in_force"),
]
