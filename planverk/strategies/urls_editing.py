from django.urls import path

from planverk.strategies.views import editing, history

urlpatterns = [
    path(
        "o/<slug:org>/s/<int:pk>/rediger/",
        editing.strategy_edit,
        name="strategy_edit",
    ),
    path(
        "o/<slug:org>/s/<int:pk>/rediger/tema/<str:number>/",
        editing.theme_edit,
        name="theme_edit",
    ),
    path(
        "o/<slug:org>/s/<int:pk>/rediger/bekreft/",
        editing.assessments_confirm,
        name="assessments_confirm",
    ),
    path(
        "o/<slug:org>/s/<int:pk>/rediger/tiltak/<int:measure>/",
        editing.measure_edit,
        name="measure_edit",
    ),
    path(
        "o/<slug:org>/s/<int:pk>/rediger/mal/<int:assessment>/",
        editing.assessment_edit,
        name="assessment_edit",
    ),
    path(
        "o/<slug:org>/s/<int:pk>/rediger/handlingsplan/<str:number>/",
        editing.action_item_edit,
        name="action_item_edit",
    ),
    path(
        "o/<slug:org>/s/<int:pk>/rediger/tema/<str:number>/rekkefolge/",
        editing.theme_reorder,
        name="theme_reorder",
    ),
    path(
        "o/<slug:org>/s/<int:pk>/historikk/tiltak/<int:measure>/",
        history.measure_history,
        name="measure_history",
    ),
    path(
        "o/<slug:org>/s/<int:pk>/historikk/mal/<int:assessment>/",
        history.assessment_history,
        name="assessment_history",
    ),
]
