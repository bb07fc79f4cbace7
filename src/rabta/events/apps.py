from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "rabta.events"
    label = "events"
    verbose_name = _("Events")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from rabta.core import heartbeat
        from rabta.events import (
            agenda_cache,
            badges,
            leaving,  # noqa: F401  (a person leaving rabta: accounts.signals)
            online,  # noqa: F401  (the video-link template's system check)
        )
        from rabta.events.schedule import schedule_runs_fail_stalled

        heartbeat.register(schedule_runs_fail_stalled)
        badges.connect()
        agenda_cache.connect()
