from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "rabta.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from rabta.accounts import receivers  # noqa: F401  (connects the signal handlers)
