from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "planverk.accounts"
    verbose_name = _("Sign-in")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in, user_logged_out

        from planverk.accounts import sessions

        user_logged_in.connect(sessions.on_login, dispatch_uid="planverk.accounts")
        user_logged_out.connect(sessions.on_logout, dispatch_uid="planverk.accounts")
