"""Keeping the profile index in step with organisations (approval, HS codes, sectors)."""

from __future__ import annotations

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from rabta.core.cache import bump
from rabta.matching.models import HiddenRecommendation
from rabta.organisations.models import Organisation


@receiver(post_save, sender=Organisation, dispatch_uid="matching_reindex_profile")
def reindex_profile(sender, instance: Organisation, raw: bool = False, **kwargs) -> None:
    if raw:
        return
    from rabta.matching.profiles import reindex_organisation

    reindex_organisation(instance)


@receiver(
    m2m_changed,
    sender=Organisation.sectors.through,
    dispatch_uid="matching_reindex_profile_sectors",
)
def reindex_profile_sectors(sender, instance, action: str, reverse: bool, **kwargs) -> None:
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    from rabta.matching.profiles import reindex_organisation

    if reverse:  # sector.organisations.add(...): reindex each organisation concerned
        for organisation in Organisation.objects.filter(pk__in=kwargs.get("pk_set") or []):
            reindex_organisation(organisation)
    elif isinstance(instance, Organisation):
        reindex_organisation(instance)


@receiver(post_save, sender=HiddenRecommendation, dispatch_uid="matching_cache_hidden_saved")
@receiver(post_delete, sender=HiddenRecommendation, dispatch_uid="matching_cache_hidden_deleted")
def hidden_changed(sender, **kwargs) -> None:
    bump("recommendations")
