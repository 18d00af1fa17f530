"""URLs of versions (see planverk/strategies/views/versions.py): starting a
strategy, revising one, and the public list of a strategy's versions."""

from django.urls import path

from planverk.strategies.views import versions

STRATEGY = "o/<slug:org>/s/<int:pk>/"

urlpatterns = [
    path("o/<slug:org>/ny/", versions.start, name="strategy_start"),
    path(STRATEGY + "revider/", versions.revise, name="strategy_revise"),
    path(STRATEGY + "versjoner/", versions.version_list, name="versions"),
]
