from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from rabta.accounts.models import ApiToken, User


class RoleFilter(admin.SimpleListFilter):
    title = _("role")
    parameter_name = "role"

    def lookups(self, request, model_admin):
        return [
            ("site_admin", _("Site administrator")),
            ("validator", _("Validator")),
            ("organiser", _("Organiser")),
            ("interpreter", _("Interpreter")),
            ("participant", _("Participant")),
        ]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "site_admin":
            return queryset.filter(is_superuser=True)
        if value == "validator":
            return queryset.filter(is_validator=True)
        if value == "organiser":
            return queryset.filter(is_organiser=True)
        if value == "interpreter":
            return queryset.filter(is_interpreter=True)
        if value == "participant":
            return queryset.filter(memberships__isnull=False).distinct()
        return queryset


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = (
        "username",
        "email",
        "full_name",
        "language",
        "is_validator",
        "is_organiser",
        "is_interpreter",
        "is_superuser",
    )
    list_filter = (
        RoleFilter,
        "is_validator",
        "is_organiser",
        "is_interpreter",
        "is_superuser",
        "is_active",
        "language",
    )
    search_fields = ("username", "email", "full_name")
    ordering = ("username",)
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Person"), {"fields": ("full_name", "email", "language", "spoken_languages")}),
        (
            _("Roles"),
            {
                "fields": (
                    "is_active",
                    "is_validator",
                    "is_organiser",
                    "is_interpreter",
                    "is_staff",
                    "is_superuser",
                )
            },
        ),
        (_("Permissions"), {"classes": ("collapse",), "fields": ("groups", "user_permissions")}),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("username", "email", "full_name", "password1", "password2"),
            },
        ),
    )


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens can be seen and revoked (deleted) here, never created: the key is not stored."""

    list_display = ("name", "user", "prefix", "created_at", "last_used_at")
    list_select_related = ("user",)
    search_fields = ("name", "user__username", "user__email")
    readonly_fields = ("user", "name", "prefix", "created_at", "last_used_at")
    fields = readonly_fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
