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
from django.db.models.constants import LOOKUP_SEP


class UnscopedQuery(RuntimeError):
    """An event-scoped query ran without an event filter."""


def _is_scoped_model(model) -> bool:
    return model is not None and (
        model._meta.label == "events.Event" or getattr(model, "event_scoped", False)
    )


class EventScopedQuerySet(models.QuerySet):
    _scoped = False

    def _clone(self):
        clone = super()._clone()
        clone._scoped = self._scoped
        return clone

    def for_event(self, event) -> EventScopedQuerySet:
        qs = self.filter(event=event)
        qs._scoped = True
        return qs

    def unscoped(self) -> EventScopedQuerySet:
        qs = self._chain()
        qs._scoped = True
        return qs

    def _scoping(self, kwargs) -> bool:
        for key in kwargs:
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
        if kwargs and self._scoping(kwargs):
            qs._scoped = True
        return qs

    def _check(self) -> None:
        if not self._scoped and not self.query.is_empty():
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

    def update(self, **kwargs):
        self._check()
        return super().update(**kwargs)

    def delete(self):
        self._check()
        return super().delete()


class EventScopedManager(models.Manager.from_queryset(EventScopedQuerySet)):
    """Default manager of event-scoped models (see the module docstring)."""

    use_in_migrations = False
