from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SiteConfig(AppConfig):
    name = "planverk.site"
    label = "planverk_site"  # "site" is django.contrib.sites' label
    verbose_name = _("Public site")
