from django.contrib import admin

from rabta.reports.models import Feedback, ImportJob


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    list_display = (
        "meeting",
        "registration",
        "took_place",
        "interest",
        "deal_kind",
        "deal_value",
        "follow_up",
    )
    list_filter = ("took_place", "deal_kind", "follow_up")
    raw_id_fields = ("meeting", "registration", "submitted_by")


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    list_display = (
        "original_name",
        "kind",
        "status",
        "total_rows",
        "error_count",
        "created_by",
        "created_at",
    )
    list_filter = ("kind", "status")
    readonly_fields = [field.name for field in ImportJob._meta.fields]
