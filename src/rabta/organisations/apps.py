from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "rabta.organisations"
    label = "organisations"
    verbose_name = _("Organisations")

    def ready(self) -> None:
        from rabta.organisations import leaving, signals  # noqa: F401 - connects the receivers
