"""Pages of the notification centre, conversations and announcements: thin, over services."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from rabta.core.exceptions import RabtaError
from rabta.events.permissions import can_manage
from rabta.events.selectors import event_by_slug
from rabta.messaging import selectors, services
from rabta.messaging.forms import AnnouncementForm, EmailChoiceForm, MessageForm
from rabta.messaging.models import EmailChoice

PAGE_SIZE = 25


def _form_errors(form, error: RabtaError) -> None:
    if error.field_errors:
        for field, errors in error.field_errors.items():
            for message in errors:
                form.add_error(field if field in form.fields else None, message)
    else:
        form.add_error(None, str(error.message))


@login_required
def notification_centre(request):
    page = Paginator(selectors.notifications_of(request.user), PAGE_SIZE)
    return render(
        request,
        "messaging/centre.html",
        {
            "page": page.get_page(request.GET.get("page")),
            "unread": selectors.unread_count(request.user),
        },
    )


@login_required
@require_POST
def open_notification(request, notification_id):
    try:
        notification = services.notification_mark_read(
            actor=request.user, notification_id=notification_id
        )
    except RabtaError as error:
        raise Http404 from error
    link = notification.link
    if link and url_has_allowed_host_and_scheme(link, allowed_hosts={request.get_host()}):
        return redirect(link)
    return redirect("messaging:centre")


@login_required
@require_POST
def read_all(request):
    services.notifications_mark_all_read(actor=request.user)
    messages.success(request, _("Every notification is marked as read."))
    return redirect("messaging:centre")


@login_required
def email_choices(request):
    choice = EmailChoice.objects.filter(user=request.user).first() or EmailChoice(user=request.user)
    form = EmailChoiceForm(request.POST or None, instance=choice)
    if request.method == "POST" and form.is_valid():
        services.email_choice_update(
            actor=request.user, **{name: form.cleaned_data[name] for name in EmailChoice.CATEGORIES}
        )
        messages.success(request, _("Your e-mail choices are saved."))
        return redirect("messaging:email_choices")
    return render(request, "messaging/email_choices.html", {"form": form})


@login_required
def conversations(request, slug):
    event = event_by_slug(slug)
    mine = selectors.my_participation(event, request.user)
    if mine is None:
        raise Http404
    rows = selectors.conversations_of(mine)
    return render(
        request, "messaging/conversations.html", {"event": event, "mine": mine, "rows": rows}
    )


@login_required
def conversation(request, slug, registration_id):
    event = event_by_slug(slug)
    mine = selectors.my_participation(event, request.user)
    other = selectors.participant(event, registration_id)
    if mine is None or other is None or other.pk == mine.pk:
        raise Http404
    form = MessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.message_send(
                actor=request.user, sender=mine, recipient=other, body=form.cleaned_data["body"]
            )
        except RabtaError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("Your message has been sent."))
            return redirect("messaging:conversation", slug, other.pk)
    services.conversation_mark_read(actor=request.user, event=event, other=other)
    return render(
        request,
        "messaging/conversation.html",
        {
            "event": event,
            "mine": mine,
            "other": other,
            "messages_list": selectors.conversation(mine, other),
            "form": form,
        },
    )


@login_required
def announcements(request, slug):
    event = event_by_slug(slug)
    if not can_manage(request.user, event):
        raise Http404
    form = AnnouncementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            sent = services.announcement_send(
                actor=request.user, event=event, body=data["body"], audience=data["audience"],
                country=data["country"], sector=data["sector"], status=data["status"],
            )  # fmt: skip
        except RabtaError as error:
            _form_errors(form, error)
        else:
            messages.success(
                request,
                ngettext(
                    "Your announcement has been sent to %(count)d person.",
                    "Your announcement has been sent to %(count)d people.",
                    sent.reached,
                )
                % {"count": sent.reached},
            )
            return redirect("messaging:announcements", slug)
    return render(
        request,
        "messaging/announcements.html",
        {"event": event, "form": form, "sent": selectors.announcements_of(event)},
    )


@login_required
def announcement(request, slug, announcement_id):
    event = event_by_slug(slug)
    found = selectors.announcement_for(event, announcement_id, request.user)
    if found is None:
        raise Http404
    return render(request, "messaging/announcement.html", {"event": event, "announcement": found})
