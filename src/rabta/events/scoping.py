"""Event scoping: a query on event data that forgets its event fails loudly.

Every event-scoped model uses :class:`EventScopedManager` as its default manager.
Its querysets refuse to run (``UnscopedQuery``) until they are filtered by the
event (``.for_event(event)``, ``event=…``) or by a relation to another
event-scoped row (``slot=…``, ``registration__in=…``: related managers such as
``event.slots`` and ``slot.meetings`` do this for you). Code that truly spans
events (the admin, the reminder command) says so with ``.unscoped()``.
"""

from __future__ import annotations

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Q
from django.db.models.constants import LOOKUP_SEP

from rabta.events import agenda_cache


class UnscopedQuery(RuntimeError):
    """An event-scoped query ran without an event filter."""


def _is_scoped_model(model) -> bool:
    return model is not None and (
        model._meta.label == "events.Event" or getattr(model, "event_scoped", False)
    )


class EventScopedQuerySet(models.QuerySet):
    _scoped = False
    _event_id = None  # set by for_event(): which event a bulk write changes

    def _clone(self):
        clone = super()._clone()
        clone._scoped = self._scoped
        clone._event_id = self._event_id
        return clone

    def for_event(self, event) -> EventScopedQuerySet:
        qs = self.filter(event=event)
        qs._scoped = True
        qs._event_id = getattr(event, "pk", event)
        return qs

    def unscoped(self) -> EventScopedQuerySet:
        qs = self._chain()
        qs._scoped = True
        return qs

    @staticmethod
    def _lookups(args, kwargs) -> list[str]:
        keys = list(kwargs)
        stack = [a for a in args if isinstance(a, Q) and not a.negated and a.connector == Q.AND]
        while stack:
            node = stack.pop()
            for child in node.children:
                if isinstance(child, tuple):
                    keys.append(child[0])
                elif isinstance(child, Q) and not child.negated and child.connector == Q.AND:
                    stack.append(child)
        return keys

    def _scoping(self, keys) -> bool:
        for key in keys:
            first = key.split(LOOKUP_SEP, 1)[0]
            if first in ("event", "event_id"):
                return True
            try:
                field = self.model._meta.get_field(first.removesuffix("_id"))
            except FieldDoesNotExist:
                continue
            if field.is_relation and _is_scoped_model(field.related_model):
                return True
        return False

    def filter(self, *args, **kwargs):
        qs = super().filter(*args, **kwargs)
        if self._scoping(self._lookups(args, kwargs)):
            qs._scoped = True
        return qs

    def _where_scoped(self) -> bool:
        """Whether the SQL filters on an event or an event-scoped relation (catches filters
        added below ``filter()``, e.g. by prefetch_related)."""
        stack = [self.query.where]
        while stack:
            node = stack.pop()
            if getattr(node, "connector", "AND") != "AND" or getattr(node, "negated", False):
                continue
            for child in getattr(node, "children", ()):
                if hasattr(child, "children"):
                    stack.append(child)
                    continue
                target = getattr(getattr(child, "lhs", None), "target", None)
                if target is not None and (
                    target.name == "event"
                    or (target.is_relation and _is_scoped_model(target.related_model))
                ):
                    return True
        return False

    def _check(self) -> None:
        if not self._scoped and not self.query.is_empty() and not self._where_scoped():
            raise UnscopedQuery(
                f"{self.model.__name__} query without an event filter: use .for_event(event)."
            )

    def _fetch_all(self):
        if self._result_cache is None:
            self._check()
        super()._fetch_all()

    def iterator(self, *args, **kwargs):
        self._check()
        return super().iterator(*args, **kwargs)

    def count(self):
        if self._result_cache is None:
            self._check()
        return super().count()

    def exists(self):
        if self._result_cache is None:
            self._check()
        return super().exists()

    def aggregate(self, *args, **kwargs):
        self._check()
        return super().aggregate(*args, **kwargs)

    # Writes forget the cached agendas of the event (rabta.events.agenda_cache); of every event
    # when the queryset does not say which.
    def _changed(self) -> None:
        if self._event_id is not None:
            agenda_cache.event_changed(self._event_id)
        else:
            agenda_cache.every_event_changed()

    def update(self, **kwargs):
        self._check()
        try:
            return super().update(**kwargs)
        finally:
            self._changed()

    def delete(self):
        self._check()
        try:
            return super().delete()
        finally:
            self._changed()

    def bulk_create(self, objs, *args, **kwargs):
        created = super().bulk_create(objs, *args, **kwargs)
        agenda_cache.objects_changed(created)
        return created

    def bulk_update(self, objs, *args, **kwargs):
        objs = list(objs)
        try:
            return super().bulk_update(objs, *args, **kwargs)
        finally:
            agenda_cache.objects_changed(objs)


class EventScopedManager(models.Manager.from_queryset(EventScopedQuerySet)):
    """Default manager of event-scoped models (see the module docstring)."""

    use_in_migrations = False
