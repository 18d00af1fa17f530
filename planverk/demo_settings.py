"""Settings of the server `planverk demo` starts: the development settings, DEBUG off.

The demo verb sets DEBUG=true, so planverk.settings allows the development key
and plain http. But with DEBUG on, Django answers a missing page with its
technical 404, which lists the whole URLconf, and an error with its traceback
and the settings, whatever handler404 and handler500 say. The demo is shown to
people, so its server runs with DEBUG off and Planverk's own error pages.
"""

from planverk.settings import *  # noqa: F403

DEBUG = False
# What DEBUG did besides: serve static files from the finders, no collectstatic needed.
WHITENOISE_USE_FINDERS = True
