from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MessagingConfig(AppConfig):
    name = "rabta.messaging"
    verbose_name = _("Messages and notifications")

    def ready(self) -> None:
        from rabta.messaging import leaving, receivers  # noqa: F401  (connect their receivers)
