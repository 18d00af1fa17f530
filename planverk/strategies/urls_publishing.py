"""Publishing URLs, in Norwegian words like the public ones."""

from django.urls import path

from planverk.strategies.views import publishing

STRATEGY = "o/<slug:org>/s/<int:pk>/"
PANEL = STRATEGY + "publisering/"

urlpatterns = [
    path(PANEL, publishing.panel, name="publishing_panel"),
    path(PANEL + "godkjenn/", publishing.approve, name="publishing_approve"),
    path(
        PANEL + "unntak/<str:kind>/<int:part>/",
        publishing.exempt,
        name="publishing_exempt",
    ),
    path(PANEL + "<str:word>/", publishing.move, name="publishing_move"),
]
