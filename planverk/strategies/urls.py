"""The strategies app's URLs: editing and publishing, each keeping its own list."""

from planverk.strategies.urls_editing import urlpatterns as editing
from planverk.strategies.urls_publishing import urlpatterns as publishing

app_name = "strategies"
urlpatterns = editing + publishing
