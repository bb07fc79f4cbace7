from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "rabta.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self):
        from rabta.core import heartbeat

        heartbeat.register(heartbeat.fail_lost_tasks)
