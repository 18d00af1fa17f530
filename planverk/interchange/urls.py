"""Documents in and out: the upload of a strategy document, and the planverk/1 download."""

from django.urls import path

from planverk.interchange import views

app_name = "interchange"
IMPORT = "o/<slug:org>/importer/"

urlpatterns = [
    path("o/<slug:org>/s/<int:pk>/planverk.json", views.download, name="download"),
    path(IMPORT, views.upload, name="upload"),
    path(IMPORT + "<int:pk>/", views.report, name="report"),
    path(IMPORT + "<int:pk>/lagre/", views.confirm, name="confirm"),
    path(IMPORT + "<int:pk>/avbryt/", views.cancel, name="cancel"),
]
