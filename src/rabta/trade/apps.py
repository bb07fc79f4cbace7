from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TradeConfig(AppConfig):
    name = "rabta.trade"
    label = "trade"
    verbose_name = _("Trade")
    default_auto_field = "django.db.models.BigAutoField"
