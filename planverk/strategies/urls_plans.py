"""URLs of action plans: editing (views/plans.py) and spending (views/spending.py)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
