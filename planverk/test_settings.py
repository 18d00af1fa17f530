"""Settings for the test suite: production settings with a throwaway key."""

import os

os.environ.setdefault("SECRET_KEY", "tests-only-" + "x" * 50)
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")

from planverk.settings import *  # noqa: F403

# Serve static files from the finders: tests do not run collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"]["BACKEND"] = (  # noqa: F405
    "django.contrib.staticfiles.storage.StaticFilesStorage"
)
# Client.login() authenticates without a request, which django-axes refuses;
# the throttling tests (planverk/accounts/tests) turn it on.
AXES_ENABLED = False
# Kept report renderings stay in memory: a test leaves nothing in var/.
STORAGES["reports"] = {  # noqa: F405
    "BACKEND": "django.core.files.storage.InMemoryStorage"
}
