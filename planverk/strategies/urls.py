"""The strategies app's URLs: editing, authoring, versions, action plans and
publishing, each keeping its own list."""

from planverk.strategies.urls_authoring import urlpatterns as authoring
from planverk.strategies.urls_editing import urlpatterns as editing
from planverk.strategies.urls_plans import urlpatterns as plans
from planverk.strategies.urls_publishing import urlpatterns as publishing
from planverk.strategies.urls_versions import urlpatterns as versions

app_name = "strategies"
urlpatterns = editing + authoring + versions + plans + publishing
