from django.contrib import admin

from rabta.initiatives.models import Initiative, Milestone


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0


@admin.register(Initiative)
class InitiativeAdmin(admin.ModelAdmin):
    list_display = ("__str__", "status", "is_public", "updated_at")
    list_filter = ("status", "is_public")
    search_fields = ("slug", "title")
    filter_horizontal = ("owners", "events", "opportunities")
    inlines = [MilestoneInline]
