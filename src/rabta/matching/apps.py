from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "rabta.matching"
    label = "matching"
    verbose_name = _("Recommendations")

    def ready(self) -> None:
        from rabta.matching import signals  # noqa: F401 - connects the receivers
