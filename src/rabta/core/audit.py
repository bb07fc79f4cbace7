"""The audit log: every organiser and admin action leaves an entry with a dotted action key."""

from __future__ import annotations

from typing import Any

from django.db import models

from rabta.core.models import AuditEntry


def audit_log(
    *, actor, action: str, obj: models.Model | None = None, data: dict[str, Any] | None = None
) -> AuditEntry:
    """Record ``action`` (e.g. ``rabta.organisation.approved``) by ``actor`` on ``obj``."""
    entry = AuditEntry(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        data=data or {},
    )
    if obj is not None:
        entry.object_type = obj._meta.label_lower
        entry.object_id = str(obj.pk)
        entry.object_repr = str(obj)[:200]
    entry.save()
    return entry
