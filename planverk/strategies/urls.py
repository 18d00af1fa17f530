from django.urls import path

from planverk.strategies import views

app_name = "strategies"
urlpatterns = [
    path("", views.organization_list, name="organization_list"),
    path("o/<slug:org>/s/<int:pk>/", views.strategy_detail, name="strategy_detail"),
]
