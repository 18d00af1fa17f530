"""WSGI entry point for gunicorn (`planverk serve`)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "planverk.settings")
application = get_wsgi_application()
