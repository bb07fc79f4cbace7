"""Reactions to allauth's signals; connected in AccountsConfig.ready()."""

from __future__ import annotations

from allauth.account.signals import password_reset
from django.dispatch import receiver

from rabta.accounts import services


@receiver(password_reset, dispatch_uid="rabta.accounts.password_reset_confirms_email")
def password_reset_confirms_email(sender, request, user, **kwargs):
    services.account_email_confirm_by_reset(user=user)
