"""Django admin for organisations. Approve/reject go through the services, so they are audited
and the organisation's administrators are told by e-mail."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.db import models
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from rabta.core.exceptions import RabtaError
from rabta.core.i18n import localized
from rabta.organisations import services
from rabta.organisations.models import Invitation, JoinRequest, Member, Organisation, Sector


def _formfield(db_field, **kwargs):
    """Model form fields, with https assumed for URLs (Django 6's default)."""
    if isinstance(db_field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return db_field.formfield(**kwargs)


class OrganisationAdminForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = [
            "name",
            "slug",
            "kind",
            "country",
            "city",
            "sectors",
            "hs_codes",
            "website",
            "description",
            "email",
            "phone",
        ]
        formfield_callback = _formfield

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            self.fields["slug"].required = False
            self.fields["slug"].help_text = _("Leave empty to make one from the name.")


@admin.register(Sector)
class SectorAdmin(admin.ModelAdmin):
    form = forms.ModelForm
    list_display = ["code", "display_name", "position"]
    list_editable = ["position"]
    search_fields = ["code", "name"]
    ordering = ["position", "code"]

    @admin.display(description=_("name"))
    def display_name(self, obj: Sector) -> str:
        return localized(obj.name)


class MemberInline(admin.TabularInline):
    model = Member
    form = forms.ModelForm
    formset = BaseInlineFormSet
    extra = 0
    raw_id_fields = ["user"]
    fields = ["user", "role", "position", "is_public"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    form = OrganisationAdminForm
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["display_name", "kind", "country", "city", "validation", "created_at"]
    list_filter = ["validation", "country", "kind", "sectors"]
    search_fields = ["search_text", "slug", "email"]
    readonly_fields = [
        "name_key",
        "validation",
        "rejection_reason",
        "validated_by",
        "validated_at",
        "created_at",
        "updated_at",
    ]
    filter_horizontal = ["sectors"]
    inlines = [MemberInline]
    actions = ["approve_selected", "reject_selected"]
    list_select_related = True

    @admin.display(description=_("name"), ordering="name_key")
    def display_name(self, obj: Organisation) -> str:
        return localized(obj.name)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        form.instance.refresh_search_text()

    @admin.action(description=_("Approve the selected organisations"))
    def approve_selected(self, request, queryset):
        self._each(
            request,
            queryset,
            lambda organisation: services.organisation_approve(
                actor=request.user, organisation=organisation
            ),
            lambda done: ngettext(
                "%(count)d organisation approved.", "%(count)d organisations approved.", done
            ),
        )

    @admin.action(
        description=_("Reject the selected organisations (the reason: incomplete profile)")
    )
    def reject_selected(self, request, queryset):
        reason = str(
            _("The profile is incomplete. Please add a description, the sectors and the HS codes.")
        )
        self._each(
            request,
            queryset,
            lambda organisation: services.organisation_reject(
                actor=request.user, organisation=organisation, reason=reason
            ),
            lambda done: ngettext(
                "%(count)d organisation rejected.", "%(count)d organisations rejected.", done
            ),
        )

    def _each(self, request, queryset, act, how_many_done) -> None:
        """``act`` on each selected organisation: a refusal is shown with the organisation's
        name and the others go on; then ``how_many_done(count)`` says how many were done."""
        done = 0
        for organisation in queryset:
            try:
                act(organisation)
            except RabtaError as error:
                self.message_user(request, f"{organisation}: {error.message}", messages.ERROR)
            else:
                done += 1
        self.message_user(request, how_many_done(done) % {"count": done}, messages.SUCCESS)


@admin.register(Member)
class MemberAdmin(admin.ModelAdmin):
    form = forms.ModelForm
    list_display = ["user", "organisation", "role", "is_public", "created_at"]
    list_filter = ["role", "is_public"]
    search_fields = ["user__email", "user__full_name", "organisation__search_text"]
    raw_id_fields = ["user", "organisation"]
    list_select_related = ["user", "organisation"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "organisation", "role", "language", "expires_at", "accepted_at"]
    list_filter = ["role", "language"]
    search_fields = ["email", "organisation__search_text"]
    raw_id_fields = ["organisation", "invited_by", "accepted_by"]
    readonly_fields = ["created_at", "accepted_at", "accepted_by"]
    exclude = ["token_hash"]
    list_select_related = ["organisation"]


@admin.register(JoinRequest)
class JoinRequestAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "status", "created_at", "decided_at"]
    list_filter = ["status"]
    search_fields = ["user__email", "organisation__search_text"]
    raw_id_fields = ["organisation", "user", "decided_by"]
    readonly_fields = ["created_at", "decided_at", "decided_by"]
    list_select_related = ["organisation", "user"]
