"""Invalidating the cached directory figures (home page) when organisations or sectors change."""

from __future__ import annotations

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from rabta.core.cache import bump
from rabta.organisations.models import Organisation, Sector


@receiver(post_save, sender=Organisation, dispatch_uid="directory_cache_organisation_saved")
@receiver(post_delete, sender=Organisation, dispatch_uid="directory_cache_organisation_deleted")
@receiver(post_save, sender=Sector, dispatch_uid="directory_cache_sector_saved")
@receiver(post_delete, sender=Sector, dispatch_uid="directory_cache_sector_deleted")
@receiver(m2m_changed, sender=Organisation.sectors.through, dispatch_uid="directory_cache_sectors")
def directory_changed(sender, **kwargs) -> None:
    bump("directory")


@receiver(post_save, sender="organisations.Member", dispatch_uid="member_time_zone_default")
def member_time_zone_default(sender, instance, created, **kwargs) -> None:
    """A new member without a chosen time zone gets their organisation's country's."""
    from rabta.organisations.time_zones import default_time_zones

    if created and not instance.user.time_zone and default_time_zones([instance.user_id]):
        instance.user.refresh_from_db(fields=["time_zone"])
