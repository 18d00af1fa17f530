"""The strategies app's URLs: public reading, editing and publishing each keep their own list."""

from planverk.strategies.urls_editing import urlpatterns as editing
from planverk.strategies.urls_public import urlpatterns as public
from planverk.strategies.urls_publishing import urlpatterns as publishing

app_name = "strategies"
urlpatterns = public + editing + publishing
