"""Keeping the listing in step when an organisation is approved, rejected or set back to pending;
invalidating the cached search counts and recommendations when opportunities change."""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from rabta.core.cache import bump
from rabta.marketplace.models import Opportunity
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


@receiver(post_save, sender=Opportunity, dispatch_uid="marketplace_cache_opportunity_saved")
@receiver(post_delete, sender=Opportunity, dispatch_uid="marketplace_cache_opportunity_deleted")
@receiver(post_save, sender=Organisation, dispatch_uid="marketplace_cache_organisation_saved")
@receiver(post_delete, sender=Organisation, dispatch_uid="marketplace_cache_organisation_deleted")
@receiver(m2m_changed, sender=Opportunity.sectors.through, dispatch_uid="marketplace_cache_sectors")
def marketplace_changed(sender, **kwargs) -> None:
    bump("marketplace", "recommendations")
