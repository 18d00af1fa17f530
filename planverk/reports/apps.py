from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "planverk.reports"
    verbose_name = _("Reports")

    def ready(self) -> None:
        # A version that is published gets its public reports rendered ahead
        # of its readers (tasks.py); strategies only sends the signal.
        from planverk.reports.tasks import on_published
        from planverk.strategies.signals import strategy_published

        strategy_published.connect(on_published, dispatch_uid="reports.render_public")
