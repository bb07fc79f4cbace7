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

import functools
import hashlib
from collections.abc import Callable, Iterable

from django.conf import settings
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.middleware.csrf import get_token
from django.template.loader import get_template, render_to_string
from django.utils.safestring import mark_safe

from rabta.core.cache import bump, cached

EVERY_EVENT = "agenda"
EVENTS = "events"  # the events themselves, looked up by their address (bumped when one is saved)


def namespace(event_id: int) -> str:
    return f"agenda:{event_id}"


def enabled() -> bool:
    return bool(getattr(settings, "RABTA_SHARED_CACHE", False))


def event_changed(*event_ids: int | None) -> None:
    """Forget the cached agendas of these events (any of their rows was written)."""
    ids = {pk for pk in event_ids if pk}
    if ids:
        bump(*(namespace(pk) for pk in sorted(ids)))


def event_saved(event_id: int | None) -> None:
    """An event was saved or deleted: its agendas and the lookups of events by address."""
    bump(EVENTS)
    event_changed(event_id)


def event_by_slug(slug: str, compute: Callable):
    """The event at ``slug`` (or None), from the cache when enabled (its organiser's name is
    shown: it also depends on ``EVERY_EVENT``)."""
    return _cached_when_enabled(EVENTS, ("by slug", slug), compute)


def objects_changed(objs: Iterable) -> None:
    event_changed(*{getattr(obj, "event_id", None) for obj in objs})


def every_event_changed() -> None:
    bump(EVERY_EVENT)


def cached_agenda(event, registration, compute: Callable[[], list]) -> list:
    """``compute()`` (the registration's merged agenda) from the cache when enabled (organisation
    names are in the reader's language: one copy per language)."""
    return cached_in_event(event, ("merged", registration.pk), compute, per_language=True)


ROWS_TEMPLATE = "events/_agenda_rows.html"
ROWS_INCLUDES = (
    "events/_meeting_time.html",
    "events/_meeting_place.html",
    "events/_programme_row.html",
)
CSRF_MARK = "\x00csrf-token\x00"  # never in stored text (NUL is refused at the door)


def agenda_rows(request, event, items: list, *, zone: str, now) -> str:
    """The agenda table's rows (HTML), from the cache when enabled: per registration's items,
    language, time zone and how many of the meetings are still ahead (those have a cancel
    form); the form's CSRF token is put in for each response."""
    context = {
        "event": event,
        "items": items,
        "now": now,
        "event_zone_differs": zone != event.time_zone,
        "csrf_token": CSRF_MARK,
    }

    def render() -> str:
        return render_to_string(ROWS_TEMPLATE, context)

    if enabled():
        meetings = [i for i in items if not i.is_programme and not getattr(i, "is_group", False)]
        html = cached(
            namespace(event.pk),
            (
                "rows",
                _templates_version(),
                _signature(items),
                zone,
                sum(m.start > now for m in meetings),
            ),
            render,
            timeout=settings.RABTA_CACHE_SECONDS,
            per_language=True,
            depends_on=(EVERY_EVENT,),
        )
    else:
        html = render()
    return mark_safe(html.replace(CSRF_MARK, get_token(request)))  # noqa: S308 (the template's)


def _signature(items: list) -> tuple:
    """Which rows, in order (one person's own agenda is a part of the organisation's)."""
    return tuple(
        ("p", i.item.pk)
        if i.is_programme
        else ("g", i.group.pk, i.hosting)
        if getattr(i, "is_group", False)
        else ("m", i.meeting.pk)
        for i in items
    )


@functools.cache
def _templates_version() -> str:
    """The rows' templates and the video-link setting: a deployment that changes them does not
    show rows cached by the one before."""
    sources = [get_template(name).template.source for name in (ROWS_TEMPLATE, *ROWS_INCLUDES)]
    sources.append(str(getattr(settings, "RABTA_VIDEO_LINK_TEMPLATE", "")))
    return hashlib.blake2s("\x00".join(sources).encode(), digest_size=8).hexdigest()


def cached_in_event(event, parts: tuple, compute: Callable, *, per_language: bool = False):
    """``compute()`` cached until the event's data changes (or, with ``EVERY_EVENT``, an
    organisation's, a person's or a membership's), when enabled."""
    return _cached_when_enabled(namespace(event.pk), parts, compute, per_language=per_language)


def _cached_when_enabled(
    space: str, parts: tuple, compute: Callable, *, per_language: bool = False
):
    """``compute()`` cached in ``space`` (and forgotten with ``EVERY_EVENT`` too) when enabled;
    computed afresh otherwise."""
    if not enabled():
        return compute()
    return cached(
        space,
        parts,
        compute,
        timeout=settings.RABTA_CACHE_SECONDS,
        per_language=per_language,
        depends_on=(EVERY_EVENT,),
    )


# --- writes outside the events app: organisations and people, whose names an agenda shows, and
# memberships, which say whose registration a person reads ------------------------------------


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

    from rabta.organisations.models import Member, Organisation

    for model in (Organisation, Member, get_user_model()):
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
