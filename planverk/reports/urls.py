"""The reports' URLs: the list of every report on a strategy, and each download."""

from django.urls import path

from planverk.reports import views

app_name = "reports"
STRATEGY = "o/<slug:org>/s/<int:pk>/"

urlpatterns = [
    path(STRATEGY + "rapporter/", views.report_list, name="report_list"),
    path(STRATEGY + "rapport/<slug:kind>.<slug:fmt>", views.report, name="report"),
]
