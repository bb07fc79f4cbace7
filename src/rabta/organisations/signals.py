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
