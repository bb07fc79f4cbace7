"""The participants' agendas, cached (issue 20): a registration's merged agenda (meetings, group
sessions, programme items) is read from the cache until anything of its event changes.

Versions (rabta.core.cache): each event has its namespace ``agenda:<event id>``, bumped by any
write to the event or to any of its event-scoped rows — a model's ``save()``/``delete()``
(:class:`EventScoped`, :class:`Event`), a queryset's ``update()``/``delete()``/``bulk_create()``/
``bulk_update()`` (:mod:`rabta.events.scoping`) and the event-scoped many-to-many relations.
The shared namespace ``agenda`` (every event) is bumped when what an agenda shows of
organisations and people changes (their names), and by a bulk write whose event is not known.

Only with a cache every process shares (Redis: ``RABTA_SHARED_CACHE``): with a cache per
process a change seen by one worker would leave the others' copies stale.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.conf import settings
from django.db.models.signals import m2m_changed, post_delete, post_save

from rabta.core.cache import bump, cached

EVERY_EVENT = "agenda"


def namespace(event_id: int) -> str:
    return f"agenda:{event_id}"


def enabled() -> bool:
    return bool(getattr(settings, "RABTA_SHARED_CACHE", False))


def event_changed(*event_ids: int | None) -> None:
    """Forget the cached agendas of these events (any of their rows was written)."""
    ids = {pk for pk in event_ids if pk}
    if ids:
        bump(*(namespace(pk) for pk in sorted(ids)))


def objects_changed(objs: Iterable) -> None:
    event_changed(*{getattr(obj, "event_id", None) for obj in objs})


def every_event_changed() -> None:
    bump(EVERY_EVENT)


def cached_agenda(event, registration, compute: Callable[[], list]) -> list:
    """``compute()`` (the registration's merged agenda) from the cache when enabled."""
    if not enabled():
        return compute()
    return cached(
        namespace(event.pk),
        ("merged", registration.pk),
        compute,
        timeout=settings.RABTA_CACHE_SECONDS,
        per_language=True,  # organisation names are in the reader's language
        depends_on=(EVERY_EVENT,),
    )


# --- writes outside the events app: organisations and people, whose names an agenda shows ----


def _names_changed(sender, instance=None, update_fields=None, raw=False, **kwargs) -> None:
    if raw:
        return
    if update_fields is not None and set(update_fields) <= {"last_login"}:
        return  # a sign-in
    every_event_changed()


def _many_to_many_changed(sender, instance, action, **kwargs) -> None:
    if not action.startswith("post_"):
        return
    if getattr(instance, "event_scoped", False):
        event_changed(instance.event_id)
    elif instance._meta.label == "events.Event":
        event_changed(instance.pk)
    else:  # the other side (user.attending.add(...)): which events is not known here
        every_event_changed()


def connect() -> None:
    from django.apps import apps
    from django.contrib.auth import get_user_model

    from rabta.organisations.models import Organisation

    for model in (Organisation, get_user_model()):
        uid = f"rabta.events.agenda_cache.{model._meta.label_lower}"
        post_save.connect(_names_changed, sender=model, dispatch_uid=f"{uid}.saved")
        post_delete.connect(_names_changed, sender=model, dispatch_uid=f"{uid}.deleted")
    for model in apps.get_app_config("events").get_models():
        if not (getattr(model, "event_scoped", False) or model._meta.label == "events.Event"):
            continue
        for field in model._meta.many_to_many:
            m2m_changed.connect(
                _many_to_many_changed,
                sender=field.remote_field.through,
                dispatch_uid=f"rabta.events.agenda_cache.{model._meta.label_lower}.{field.name}",
            )
