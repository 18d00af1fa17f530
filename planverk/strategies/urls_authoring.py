"""URLs of authoring (see planverk/strategies/views/authoring.py)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
