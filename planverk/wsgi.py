"""WSGI entry point for gunicorn (`planverk serve`).

A server's settings never fall back on the data folder's key, which only the
`planverk` command offers (planverk/datafolder.py): in production mode (DEBUG
off) they need SECRET_KEY given, the same for every server.
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "planverk.settings")
application = get_wsgi_application()
