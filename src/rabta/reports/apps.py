from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "rabta.reports"
    label = "reports"
    verbose_name = _("Reports")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from rabta.core import heartbeat
        from rabta.reports.imports import imports_fail_stalled

        heartbeat.register(imports_fail_stalled)
