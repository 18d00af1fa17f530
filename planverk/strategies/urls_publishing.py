"""Publishing, upload and download URLs, in Norwegian words like the public ones."""

from django.urls import path

from planverk.strategies.views import publishing, upload

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
    path(STRATEGY + "planverk.json", publishing.download, name="strategy_download"),
    path("o/<slug:org>/importer/", upload.upload, name="import_upload"),
    path("o/<slug:org>/importer/<int:pk>/", upload.report, name="import_report"),
    path(
        "o/<slug:org>/importer/<int:pk>/lagre/", upload.confirm, name="import_confirm"
    ),
    path("o/<slug:org>/importer/<int:pk>/avbryt/", upload.cancel, name="import_cancel"),
]
