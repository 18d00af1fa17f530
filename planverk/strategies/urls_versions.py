"""URLs of versions (see planverk/strategies/views/versions.py)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
