"""Pages of the event programme: the public programme, an item, sign-ups, the organiser's
programme page, attendance lists and the transport list (PDF)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rabta.core.exceptions import NotPermitted, RabtaError
from rabta.core.validation import form_error_texts
from rabta.events import forms, programme, programme_services, selectors
from rabta.events.models import ProgrammeItem, SignUp
from rabta.events.permissions import can_manage
from rabta.events.programme_documents import attendance_pdf, transport_pdf
from rabta.events.views import _apply_errors, _file, _flash_error, _managed, visible_event


def _visible_event(request, slug):
    return visible_event(request, slug)[0]


def _item(event, item_id) -> ProgrammeItem:
    item = get_object_or_404(
        ProgrammeItem.objects.for_event(event).select_related("host"), pk=item_id
    )
    item.event = event
    return item


def programme_page(request, slug):
    """The public programme of an event, in the reader's language."""
    event = _visible_event(request, slug)
    taken = programme.seats_taken(event)
    mine = programme.my_signups(event, request.user)
    rows = [
        {"item": item, "taken": taken.get(item.pk, 0), "signup": mine.get(item.pk)}
        for item in programme.programme_items(event)
    ]
    return render(
        request,
        "events/programme.html",
        {
            "event": event,
            "rows": rows,
            "registration": selectors.my_registration(event, request.user),
            "can_manage": can_manage(request.user, event),
        },
    )


def programme_item(request, slug, item_id):
    event = _visible_event(request, slug)
    item = _item(event, item_id)
    lists = request.user.is_authenticated and programme.can_see_lists(request.user, item)
    mine = programme.my_signups(event, request.user).get(item.pk)
    context = {
        "event": event,
        "item": item,
        "taken": programme.seats_taken(event).get(item.pk, 0),
        "signup": mine,
        "registration": selectors.my_registration(event, request.user),
        "can_manage": can_manage(request.user, event),
        "show_lists": lists,
    }
    if lists:
        context.update(
            attendance=programme.attendance_list(request.user, item),
            waiting=programme.waiting_list(request.user, item),
            protocol=programme.protocol_list(request.user, item) if item.is_visit else [],
        )
    if item.is_visit and (mine or context["can_manage"]):
        context["protocol_form"] = forms.ProtocolEntryForm(
            initial={"full_name": request.user.full_name} if mine else None
        )
    if context["can_manage"]:
        context["invite_form"] = forms.ProgrammeInviteForm(event=event)
    return render(request, "events/programme_item.html", context)


@login_required
@require_POST
def signup(request, slug, item_id):
    event = _visible_event(request, slug)
    item = _item(event, item_id)
    try:
        made = programme_services.signup_create(actor=request.user, item=item)
    except RabtaError as error:
        _flash_error(request, error)
    else:
        if made.status == SignUp.Status.WAITING:
            messages.info(request, _("The item is full: you are on the waiting list."))
        else:
            messages.success(request, _("You are signed up."))
    return redirect("events:programme_item", slug, item.pk)


@login_required
@require_POST
def signup_cancel(request, slug, signup_id):
    event = selectors.event_by_slug(slug)
    signup = get_object_or_404(SignUp.objects.for_event(event).select_related("item"), pk=signup_id)
    signup.item.event = event
    try:
        programme_services.signup_cancel(actor=request.user, signup=signup)
    except RabtaError as error:
        _flash_error(request, error)
    else:
        messages.success(request, _("The sign-up is cancelled."))
    return redirect("events:programme_item", slug, signup.item_id)


@login_required
@require_POST
def protocol_add(request, slug, item_id):
    event = selectors.event_by_slug(slug)
    item = _item(event, item_id)
    form = forms.ProtocolEntryForm(request.POST)
    mine = programme.my_signups(event, request.user).get(item.pk)
    if not form.is_valid():
        messages.error(request, " ".join(form_error_texts(form)))
        return redirect("events:programme_item", slug, item.pk)
    data = form.cleaned_data
    manager = can_manage(request.user, event)
    try:
        programme_services.protocol_entry_add(
            actor=request.user, item=item, signup=None if manager else mine,
            is_vip=data.pop("is_vip") and manager, **data,
        )  # fmt: skip
    except RabtaError as error:
        _flash_error(request, error)
    else:
        messages.success(request, _("The details are on the protocol list."))
    return redirect("events:programme_item", slug, item.pk)


@login_required
def attendance_list_pdf(request, slug, item_id):
    event = selectors.event_by_slug(slug)
    item = _item(event, item_id)
    try:
        pdf = attendance_pdf(request.user, item, language=request.LANGUAGE_CODE)
    except NotPermitted as error:
        raise PermissionDenied from error
    return _file(pdf, "application/pdf", f"attendance-{event.slug}-{item.pk}.pdf")


# ---------------------------------------------------------------- organiser


def _rows(event) -> list[dict]:
    taken = programme.seats_taken(event)
    return [
        {"item": item, "taken": taken.get(item.pk, 0)} for item in programme.programme_items(event)
    ]


@login_required
def programme_manage(request, slug):
    event = _managed(request, slug)
    with timezone.override(event.tz):
        form = forms.ProgrammeItemForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items()}
            try:
                item = programme_services.programme_item_create(
                    actor=request.user, event=event, **data
                )
            except RabtaError as error:
                _apply_errors(form, error)
            else:
                messages.success(request, _("The programme item is added."))
                return redirect("events:programme_item", slug, item.pk)
        return render(
            request,
            "events/programme_manage.html",
            {
                "event": event,
                "rows": _rows(event),
                "form": form,
                "can_manage": True,
            },
            status=422 if form.errors else 200,
        )


@login_required
def programme_edit(request, slug, item_id):
    event = _managed(request, slug)
    item = _item(event, item_id)
    with timezone.override(event.tz):
        form = forms.ProgrammeItemForm(request.POST or None, instance=item)
        if request.method == "POST" and form.is_valid():
            try:
                programme_services.programme_item_update(
                    actor=request.user, item=item, **form.cleaned_data
                )
            except RabtaError as error:
                _apply_errors(form, error)
            else:
                messages.success(request, _("The programme item is saved."))
                return redirect("events:programme_item", slug, item.pk)
        return render(
            request,
            "events/programme_form.html",
            {"event": event, "item": item, "form": form, "can_manage": True},
            status=422 if form.errors else 200,
        )


@login_required
@require_POST
def programme_delete(request, slug, item_id):
    event = _managed(request, slug)
    item = _item(event, item_id)
    try:
        programme_services.programme_item_delete(actor=request.user, item=item)
    except RabtaError as error:
        _flash_error(request, error)
    else:
        messages.success(request, _("The programme item is deleted."))
    return redirect("events:programme_manage", slug)


@login_required
@require_POST
def programme_invite(request, slug, item_id):
    event = _managed(request, slug)
    item = _item(event, item_id)
    form = forms.ProgrammeInviteForm(request.POST, event=event)
    if form.is_valid():
        try:
            programme_services.programme_invite(
                actor=request.user, item=item, user=form.cleaned_data["user"],
                is_vip=form.cleaned_data["is_vip"],
            )  # fmt: skip
        except RabtaError as error:
            _flash_error(request, error)
        else:
            messages.success(request, _("The participant is on the list."))
    else:
        messages.error(request, " ".join(form_error_texts(form)))
    return redirect("events:programme_item", slug, item.pk)


@login_required
@require_POST
def signup_vip(request, slug, signup_id):
    event = _managed(request, slug)
    signup = get_object_or_404(SignUp.objects.for_event(event).select_related("item"), pk=signup_id)
    signup.item.event = event
    programme_services.signup_set_vip(
        actor=request.user, signup=signup, is_vip=request.POST.get("is_vip") == "1"
    )
    return redirect("events:programme_item", slug, signup.item_id)


@login_required
def transport_list_pdf(request, slug):
    event = _managed(request, slug)
    pdf = transport_pdf(request.user, event, language=request.LANGUAGE_CODE)
    return _file(pdf, "application/pdf", f"transport-{event.slug}.pdf")
