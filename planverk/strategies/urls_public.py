from django.urls import path

from planverk.strategies.views import public

urlpatterns = [
    path("", public.organization_list, name="organization_list"),
    path("o/<slug:org>/s/<int:pk>/", public.strategy_detail, name="strategy_detail"),
]
