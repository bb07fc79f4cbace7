"""Keeping the listing in step when an organisation is approved, rejected or set back to pending."""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from rabta.organisations.models import Organisation


@receiver(post_save, sender=Organisation, dispatch_uid="marketplace_relist_organisation")
def relist_on_validation_change(
    sender, instance: Organisation, created: bool, raw: bool = False, **kwargs
) -> None:
    if created or raw:
        return
    update_fields = kwargs.get("update_fields")
    if update_fields is not None and "validation" not in update_fields:
        return
    from rabta.marketplace.indexing import relist_organisation

    with transaction.atomic():
        relist_organisation(instance)
