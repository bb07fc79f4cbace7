from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MarketplaceConfig(AppConfig):
    name = "rabta.marketplace"
    label = "marketplace"
    verbose_name = _("Marketplace")

    def ready(self) -> None:
        from rabta.marketplace import signals  # noqa: F401 - connects the receivers
