"""Market guide pages: list, read, write (organisers), attachments (permission-checked)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from rabta.core.exceptions import RabtaError
from rabta.core.files import EXTENSIONS, serve_private
from rabta.trade import guides
from rabta.trade.forms import GuideForm
from rabta.trade.models import GuideAttachment, MarketGuide


def guide_list(request):
    return render(
        request,
        "trade/guides.html",
        {
            "guides": guides.visible_guides(request.user),
            "can_write": guides.can_write(request.user),
        },
    )


def _readable(request, slug: str) -> MarketGuide:
    guide = get_object_or_404(MarketGuide.objects.select_related("sector", "owner"), slug=slug)
    if not guides.can_read(request.user, guide):
        raise Http404
    return guide


def guide_detail(request, slug: str):
    guide = _readable(request, slug)
    return render(
        request,
        "trade/guide.html",
        {
            "guide": guide,
            "sections": guide.sections.all(),
            "attachments": guide.attachments.all(),
            "can_edit": guides.can_edit(request.user, guide),
        },
    )


def _add_errors(form, error: RabtaError) -> None:
    for field, field_messages in (error.field_errors or {}).items():
        for message in field_messages:
            form.add_error(field if field in form.fields else None, message)
    if not error.field_errors:
        form.add_error(None, error.message)


def _save(request, form: GuideForm, guide: MarketGuide | None):
    data, sections = form.service_data()
    try:
        saved = guides.guide_save(actor=request.user, data=data, sections=sections, guide=guide)
        if form.cleaned_data.get("attachment"):
            guides.guide_attach(
                actor=request.user, guide=saved, file=form.cleaned_data["attachment"]
            )
    except RabtaError as error:
        _add_errors(form, error)
        return None
    messages.success(request, _("The guide is saved."))
    return redirect("trade:guide", saved.slug)


@login_required
def guide_create(request):
    if not guides.can_write(request.user):
        raise PermissionDenied
    form = GuideForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        response = _save(request, form, None)
        if response:
            return response
    return render(request, "trade/guide_form.html", {"form": form, "guide": None})


@login_required
def guide_edit(request, slug: str):
    guide = get_object_or_404(MarketGuide, slug=slug)
    if not guides.can_edit(request.user, guide):
        raise PermissionDenied
    form = GuideForm(
        request.POST or None, request.FILES or None, initial=GuideForm.initial_for(guide)
    )
    if request.method == "POST" and form.is_valid():
        response = _save(request, form, guide)
        if response:
            return response
    return render(request, "trade/guide_form.html", {"form": form, "guide": guide})


def guide_attachment(request, slug: str, attachment_id: int):
    guide = _readable(request, slug)
    attachment = get_object_or_404(GuideAttachment, pk=attachment_id, guide=guide)
    extension = EXTENSIONS[attachment.content_type]
    stem = attachment.original_name.rsplit(".", 1)[0] or str(attachment.pk)
    return serve_private(
        attachment.file,
        content_type=attachment.content_type,
        filename=f"{stem}.{extension}",
        as_attachment=not attachment.content_type.startswith("image/"),
    )
