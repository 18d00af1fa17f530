"""URLs of action plans: editing (views/plans.py) and spending (views/spending.py)."""

from django.urls import URLPattern, path

from planverk.strategies.views import plans, spending

PLAN = "o/<slug:org>/s/<int:pk>/handlingsplaner/<int:plan>/"

urlpatterns: list[URLPattern] = [
    # Making and editing plans and their actions (views/plans.py)
    path(
        "o/<slug:org>/s/<int:pk>/handlingsplaner/ny/", plans.plan_add, name="plan_add"
    ),
    path(PLAN + "rediger/", plans.plan_edit, name="plan_edit"),
    path(PLAN + "tiltak/ny/", plans.action_add, name="plan_action_add"),
    path(PLAN + "tiltak/<int:action>/", plans.action_edit, name="plan_action_edit"),
    path(
        PLAN + "tiltak/<int:action>/fjern/",
        plans.action_remove,
        name="plan_action_remove",
    ),
    path(PLAN + "vedta/", plans.plan_approve, name="plan_approve"),
    path(PLAN + "neste-ar/", plans.plan_next_year, name="plan_next_year"),
    # Spending on approved plans (views/spending.py)
    path(PLAN + "forbruk/", spending.plan_spending, name="plan_spending"),
    path(
        "o/<slug:org>/forbruk/importer/",
        spending.spending_import,
        name="spending_import",
    ),
]
