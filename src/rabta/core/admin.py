"""The back office for the core: a read-only audit log, and admin-site changes audited."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.admin.actions import delete_selected
from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.db.models.signals import post_save
from django.dispatch import receiver

from rabta.core.models import AuditEntry

ADMIN_VERBS = {ADDITION: "added", CHANGE: "changed", DELETION: "deleted"}


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ("created_at", "actor", "action", "object_repr", "object_type", "object_id")
    list_filter = ("action", ("actor", admin.RelatedOnlyFieldListFilter), "created_at")
    list_select_related = ("actor",)
    search_fields = ("action", "object_repr", "object_id", "actor__username", "actor__email")
    date_hierarchy = "created_at"
    readonly_fields = (
        "created_at",
        "actor",
        "action",
        "object_type",
        "object_id",
        "object_repr",
        "data",
    )
    fields = readonly_fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def admin_action_key(app_label: str, model: str, action_flag: int) -> str:
    return f"rabta.admin.{app_label}.{model}.{ADMIN_VERBS.get(action_flag, 'changed')}"


@receiver(post_save, sender=LogEntry, dispatch_uid="rabta.core.audit_admin_log_entry")
def audit_admin_log_entry(
    sender, instance: LogEntry, created: bool, raw: bool = False, **kwargs
) -> None:
    """Every change made through the admin site leaves an audit entry too."""
    if not created or raw:
        return
    content_type = instance.content_type
    AuditEntry.objects.create(
        actor_id=instance.user_id,
        action=admin_action_key(
            content_type.app_label if content_type else "unknown",
            content_type.model if content_type else "unknown",
            instance.action_flag,
        ),
        object_type=f"{content_type.app_label}.{content_type.model}" if content_type else "",
        object_id=str(instance.object_id or "")[:64],
        object_repr=(instance.object_repr or "")[:200],
        data={"change": instance.get_change_message()} if instance.change_message else {},
    )


def audited_delete_selected(modeladmin, request, queryset):
    """Django's "delete selected" action; a deletion of several objects is audited one by one.

    (The admin logs several deletions with bulk_create, which sends no post_save; one
    deletion goes through post_save above.)
    """
    selected = [(obj.pk, str(obj)[:200]) for obj in queryset] if request.POST.get("post") else []
    response = delete_selected(modeladmin, request, queryset)
    if response is None and len(selected) > 1:
        opts = modeladmin.model._meta
        AuditEntry.objects.bulk_create(
            AuditEntry(
                actor=request.user,
                action=admin_action_key(opts.app_label, opts.model_name, DELETION),
                object_type=opts.label_lower,
                object_id=str(pk)[:64],
                object_repr=text,
            )
            for pk, text in selected
        )
    return response


audited_delete_selected.allowed_permissions = delete_selected.allowed_permissions
audited_delete_selected.short_description = delete_selected.short_description

admin.site.disable_action("delete_selected")
admin.site.add_action(audited_delete_selected, "delete_selected")
