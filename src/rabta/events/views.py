"""Pages of events: thin views that parse, call one service and render."""

from __future__ import annotations

from datetime import datetime
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rabta.core import time_zones
from rabta.core.exceptions import RabtaError
from rabta.core.validation import error_texts, form_error_texts
from rabta.events import (
    agenda_cache,
    documents,
    forms,
    group_selectors,
    meeting_selectors,
    programme,
    publication,
    schedule,
    selectors,
    services,
)
from rabta.events import day as event_day
from rabta.events.invitations import invitation_from_request
from rabta.events.models import (
    Interpreter,
    Meeting,
    MeetingOffer,
    MeetingRequest,
    Registration,
    ScheduleRun,
    ScheduleVersion,
    Session,
    Table,
)
from rabta.events.permissions import (
    acts_for,
    can_create_events,
    can_manage,
    can_view,
    co_organised_by,
)
from rabta.organisations.countries import country_choices


def _apply_errors(form, error: RabtaError) -> None:
    for field, errors in error.field_errors.items():
        for message in errors:
            form.add_error(field if field in form.fields else None, message)
    if not error.field_errors:
        form.add_error(None, str(error.message))


def _managed(request, slug):
    event = selectors.event_by_slug(slug)
    if not can_manage(request.user, event):
        raise PermissionDenied
    return event


def visible_event(request, slug):
    """The event if the visitor may see it; an unlisted event is a 404 to anyone else, so its
    name never shows. Returns the event and the invitation the visitor holds (or None)."""
    event = selectors.event_by_slug(slug)
    invitation = invitation_from_request(request, event)
    if not can_view(request.user, event, invited=invitation is not None):
        raise Http404
    return event, invitation


def _flash_error(request, error: RabtaError) -> None:
    parts = (
        [str(error.message)]
        if not error.field_errors
        else [m for ms in error.field_errors.values() for m in ms]
    )
    messages.error(request, " ".join(str(p) for p in parts))


# ---------------------------------------------------------------- public and participant pages


def event_list(request):
    dated = selectors.with_dates
    events = list(dated(selectors.listed_events())[:50])
    signed_in = request.user.is_authenticated
    managed = list(dated(selectors.managed_events(request.user))[:50]) if signed_in else []
    co_organised = (
        list(dated(selectors.co_organised_events(request.user))[:50]) if signed_in else []
    )
    return render(
        request,
        "events/list.html",
        {
            "events": events,
            "managed": managed,
            "co_organised": [e for e in co_organised if e not in managed],
            "can_create": can_create_events(request.user),
        },
    )


def detail(request, slug):
    event, invitation = visible_event(request, slug)
    registration = selectors.my_registration(event, request.user)
    sessions = list(Session.objects.for_event(event))
    return render(
        request,
        "events/detail.html",
        {
            "event": event,
            "registration": registration,
            "sessions": sessions,
            "first_day": sessions[0].date if sessions else None,
            "last_day": max((s.date for s in sessions), default=None),
            "can_manage": can_manage(request.user, event),
            "is_co_organiser": bool(co_organised_by(request.user, event)),
            "co_organisers": selectors.co_organisers(event),
            "registration_open": event.registration_is_open(),
            # someone acting for several organisations may register the others too
            "another_to_register": registration is not None
            and request.user.memberships.exclude(
                organisation_id__in=selectors.registered_organisation_ids(event, request.user)
            ).exists(),
        },
    )


@login_required
def register(request, slug):
    event, invitation = visible_event(request, slug)
    mine = [
        m.organisation
        for m in request.user.memberships.select_related("organisation").order_by("pk")
    ]
    if not mine:
        return render(request, "events/register.html", {"event": event, "no_organisation": True})
    # Someone who acts for several organisations registers each in turn: the ones already
    # registered are named, the others offered (?organisation= chooses one).
    registered_ids = selectors.registered_organisation_ids(event, request.user)
    registered = [o for o in mine if o.pk in registered_ids]
    organisations = [o for o in mine if o.pk not in registered_ids]
    if not organisations:
        messages.info(request, _("Your organisation is already registered."))
        return redirect("events:detail", slug)
    chosen = request.GET.get("organisation", "")
    organisation = next((o for o in organisations if str(o.pk) == chosen), organisations[0])
    others = [o for o in organisations if o.pk != organisation.pk]
    if not organisation.is_approved:  # said before the form, not after filling it in
        return render(
            request,
            "events/register.html",
            {
                "event": event,
                "organisation": organisation,
                "others": others,
                "pending_organisation": True,
                "registered": registered,
            },
        )
    form = forms.RegistrationForm(
        request.POST or None,
        event=event,
        organisation=organisation,
        initial={
            "attendees": [] if registered else [request.user],
            "languages": request.user.spoken_languages,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.registration_create(
                actor=request.user, event=event, organisation=organisation, attendees=data["attendees"],
                sessions=data["sessions"], languages=data["languages"], has_stand=data["has_stand"],
                stand=data["stand"], invitation=invitation,
            )  # fmt: skip
        except RabtaError as error:
            _apply_errors(form, error)
        else:
            messages.success(
                request, _("Thank you. The organiser will validate your registration.")
            )
            return redirect("events:detail", slug)
    return render(
        request,
        "events/register.html",
        {
            "event": event,
            "form": form,
            "organisation": organisation,
            "others": others,
            "registered": registered,
        },
    )


@login_required
def participants(request, slug):
    event = selectors.event_by_slug(slug)
    viewer = selectors.my_registration(event, request.user)
    if viewer is None and not can_manage(request.user, event):
        raise PermissionDenied
    filters = {
        k: request.GET.get(k, "").strip()[:100] for k in ("q", "country", "language", "sector")
    }
    page = Paginator(
        selectors.participants(event, viewer=viewer, **filters), selectors.PARTICIPANTS_PAGE_SIZE
    ).get_page(request.GET.get("page"))
    requested = selectors.requested_partner_ids(event, viewer) if viewer else set()
    present = set(selectors.participant_countries(event, viewer))
    group_selectors.attach_representatives(event, page.object_list)
    return render(
        request,
        "events/participants.html",
        {
            "event": event,
            "viewer": viewer,
            "participants": page.object_list,
            "page_obj": page,
            "querystring": urlencode({k: v for k, v in filters.items() if v}),
            "recommended": selectors.recommended_participants(event, viewer, exclude=requested),
            "requested": requested,
            "filters": filters,
            "countries": [pair for pair in country_choices() if pair[0] in present],
            "request_form": forms.RequestForm(),
            "requests_open": event.requests_are_open(),
        },
    )


@login_required
@require_POST
def request_send(request, slug, registration_id):
    event = selectors.event_by_slug(slug)
    sender = selectors.my_registration(event, request.user)
    recipient = (
        Registration.objects.for_event(event)
        .filter(pk=registration_id)
        .select_related("organisation")
        .first()
    )
    if sender is None or recipient is None:
        raise Http404
    form = forms.RequestForm(request.POST)
    if not form.is_valid():  # e.g. a message over 500 characters: nothing is sent without it
        for field in ("message", "online"):
            for message in error_texts(form.errors.get(field, [])):
                messages.error(request, message)
        return redirect("events:participants", slug)
    try:
        services.meeting_request_send(
            actor=request.user, sender=sender, recipient=recipient,
            message=form.cleaned_data["message"], online=form.cleaned_data["online"],
            recipient_person=group_selectors.chosen_person(event, request.POST.get("person", "")),
        )  # fmt: skip
    except RabtaError as error:
        _flash_error(request, error)
    else:
        messages.success(request, _("Your request has been sent."))
    return redirect("events:participants", slug)


@login_required
def requests(request, slug):
    event = selectors.event_by_slug(slug)
    registration = selectors.my_registration(event, request.user)
    if registration is None:
        raise PermissionDenied
    mine = selectors.requests_of(event, registration)
    if event.published_version:
        why = {
            row.request.pk: row
            for row in meeting_selectors.unscheduled(event, registration=registration)
        }
        for r in mine["incoming"] + mine["outgoing"]:
            r.why_not = why.get(r.pk)
    return render(
        request,
        "events/requests.html",
        {"event": event, "registration": registration, **mine},
    )


@login_required
@require_POST
def request_answer(request, slug, request_id):
    event = selectors.event_by_slug(slug)
    meeting_request = MeetingRequest.objects.for_event(event).filter(pk=request_id).first()
    if meeting_request is None:
        raise Http404
    try:
        services.meeting_request_answer(
            actor=request.user,
            request=meeting_request,
            accept=request.POST.get("answer") == "accept",
        )
    except RabtaError as error:
        _flash_error(request, error)
    else:
        messages.success(request, _("Your answer has been sent."))
        if meeting_request.status == MeetingRequest.Status.ACCEPTED:
            warning = meeting_selectors.limit_warning(meeting_request)
            if warning:
                messages.warning(request, warning)
    return redirect("events:requests", slug)


@login_required
@require_POST
def request_online(request, slug, request_id):
    """Hybrid events: make a meeting a video call, or in person again."""
    event = selectors.event_by_slug(slug)
    meeting_request = MeetingRequest.objects.for_event(event).filter(pk=request_id).first()
    if meeting_request is None:
        raise Http404
    online = request.POST.get("online") == "1"
    try:
        services.meeting_request_set_online(
            actor=request.user, request=meeting_request, online=online
        )
    except RabtaError as error:
        _flash_error(request, error)
    else:
        messages.success(
            request,
            _("The meeting will be a video call.")
            if online
            else _("The meeting will be in person."),
        )
    return redirect("events:requests", slug)


@login_required
def book(request, slug, request_id):
    event = selectors.event_by_slug(slug)
    meeting_request = (
        MeetingRequest.objects.for_event(event)
        .filter(pk=request_id)
        .select_related("sender", "recipient")
        .first()
    )
    if meeting_request is None or not any(
        acts_for(request.user, r) for r in (meeting_request.sender, meeting_request.recipient)
    ):
        raise Http404
    if request.method == "POST":
        slot = event.slots.filter(pk=request.POST.get("slot") or 0).first()
        if slot is None:
            messages.error(request, _("Choose a slot."))
        else:
            try:
                services.meeting_book(actor=request.user, request=meeting_request, slot=slot)
            except RabtaError as error:
                _flash_error(request, error)
            else:
                messages.success(request, _("The meeting is booked."))
                return redirect("events:agenda", slug)
    persons = group_selectors.booking_persons(meeting_request, request.user)
    return render(
        request,
        "events/book.html",
        {
            "event": event,
            "meeting_request": meeting_request,
            "sides": list(
                zip((meeting_request.sender, meeting_request.recipient), persons, strict=True)
            ),
            "slots": selectors.free_slots_for(event, meeting_request, persons),
        },
    )


def _agenda_context(request, slug):
    event = agenda_cache.event_by_slug(slug, lambda: selectors.event_at(slug))
    if event is None:
        raise Http404
    registration = agenda_cache.cached_in_event(
        event,
        ("registration of", request.user.pk),
        lambda: selectors.my_registration(event, request.user),
    )
    if registration is None:
        raise PermissionDenied
    registration.event = event
    items = programme.merged_agenda(event, registration)
    return event, registration, group_selectors.own_items(registration, request.user, items)


@login_required
def agenda(request, slug):
    event, registration, items = _agenda_context(request, slug)
    zone = timezone.get_current_timezone_name()  # the person's (accounts.middleware)
    feed = request.build_absolute_uri(
        f"{documents.calendar_feed_path(event, registration)}?"
        + urlencode({"language": request.LANGUAGE_CODE, "tz": zone})
    )
    now = timezone.now()
    return render(
        request,
        "events/agenda.html",
        {
            "event": event,
            "registration": registration,
            "items": items,
            "rows": agenda_cache.agenda_rows(request, event, items, zone=zone, now=now),
            "feed_url": feed,
            "now": now,
            "offers": agenda_cache.cached_in_event(
                event, ("offers", registration.pk), lambda: event_day.open_offers(registration)
            ),
            "badge": group_selectors.my_badge(registration, request.user)
            if registration.separate_agendas
            else None,
            "zone": zone,
            "event_zone_differs": zone != event.time_zone,
        },  # fmt: skip
    )


@login_required
def roster(request, slug):
    """An interpreter's own roster: the meetings they interpret at this event."""
    event = selectors.event_by_slug(slug)
    rosters = selectors.my_roster(event, request.user)
    if not rosters:
        raise PermissionDenied
    if not event.agendas_visible:
        rosters = [(interpreter, []) for interpreter, _meetings in rosters]
    zone = timezone.get_current_timezone_name()  # the interpreter's own (accounts.middleware)
    return render(
        request,
        "events/roster.html",
        {
            "event": event,
            "rosters": rosters,
            "zone": zone,
            "event_zone_differs": zone != event.time_zone,
        },
    )


@login_required
@require_POST
def meeting_offer_answer(request, slug, offer_id):
    """Accept or decline a meeting offered on the day (the partner did not come)."""
    event, registration, _items = _agenda_context(request, slug)
    offer = MeetingOffer.objects.for_event(event).filter(pk=offer_id).first()
    if offer is None:
        raise Http404
    offer.event = event
    try:
        if request.POST.get("answer") == "accept":
            event_day.meeting_offer_accept(actor=request.user, offer=offer)
            messages.success(request, _("The meeting is on your agenda. Go to its table now."))
        else:
            event_day.meeting_offer_decline(actor=request.user, offer=offer)
            messages.success(request, _("You have declined the offered meeting."))
    except RabtaError as error:
        _flash_error(request, error)
    return redirect("events:agenda", slug)


@login_required
@require_POST
def waiting_list(request, slug):
    event, registration, _items = _agenda_context(request, slug)
    on = request.POST.get("on") == "1"
    try:
        event_day.waiting_list_set(actor=request.user, registration=registration, on=on)
    except RabtaError as error:
        _flash_error(request, error)
    else:
        messages.success(
            request,
            _("You are on the meeting waiting list.")
            if on
            else _("You are no longer on the meeting waiting list."),
        )
    return redirect("events:agenda", slug)


@login_required
def agenda_pdf(request, slug):
    event, registration, items = _agenda_context(request, slug)
    pdf = documents.agenda_pdf(event, registration, items, language=request.LANGUAGE_CODE)
    return _file(pdf, "application/pdf", f"agenda-{event.slug}.pdf")


@login_required
def agenda_ics(request, slug):
    event, registration, items = _agenda_context(request, slug)
    return _file(
        documents.agenda_ical(event, registration, items),
        "text/calendar",
        f"agenda-{event.slug}.ics",
    )


def calendar_feed(request, slug, token):
    """The secret-token iCal feed: no sign-in, the token is the key."""
    event = selectors.event_by_slug(slug)
    registration = Registration.objects.for_event(event).filter(calendar_token=token).first()
    if registration is None or not token:
        raise Http404
    registration.event = event
    items = programme.merged_agenda(event, registration)
    # A calendar application sends no session: the feed is written in the language its address
    # names (the agenda page gives the reader's), else in the language of who registered.
    known = {code for code, _name in settings.LANGUAGES}
    language = request.GET.get("language", "")
    registrant = registration.registered_by
    if language not in known:
        language = getattr(registrant, "language", "") or settings.LANGUAGE_CODE
    # ... and in the time zone it names (the reader's), else the registrant's, else the event's
    zone = request.GET.get("tz", "")
    if zone not in time_zones.available():
        zone = getattr(registrant, "time_zone", "") or event.time_zone
    with translation.override(language):
        content = documents.agenda_ical(event, registration, items, zone)
    return _file(content, "text/calendar", None)


def _file(content: bytes, content_type: str, filename: str | None) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    if filename:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# ---------------------------------------------------------------- organiser pages


@login_required
def create(request):
    if not can_create_events(request.user):
        raise PermissionDenied
    form = forms.EventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        slug = data.pop("slug")
        membership = request.user.memberships.select_related("organisation").first()
        try:
            event = services.event_create(
                actor=request.user,
                slug=slug,
                organiser=membership.organisation if membership else None,
                **data,
            )
        except RabtaError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("The event is created. Add its sessions and tables next."))
            return redirect("events:manage", event.slug)
    return render(request, "events/form.html", {"form": form})


@login_required
def edit(request, slug):
    event = _managed(request, slug)
    form = forms.EventForm(request.POST or None, instance=event)
    if request.method == "POST" and form.is_valid():
        try:
            services.event_update(actor=request.user, event=event, **form.cleaned_data)
        except RabtaError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("The event is saved."))
            return redirect("events:manage", slug)
    return render(request, "events/form.html", {"form": form, "event": event})


@login_required
def manage(request, slug):
    event = _managed(request, slug)
    q = request.GET.get("q", "").strip()[:100]
    page = selectors.interpreters_page(event, q=q, page=request.GET.get("page"))
    return render(
        request,
        "events/manage.html",
        {
            "event": event,
            "page_obj": page,
            "q": q,
            "querystring": urlencode({"q": q}) if q else "",
            "sessions": Session.objects.for_event(event).prefetch_related("slots"),
            "tables": Table.objects.for_event(event).prefetch_related("sessions"),
            "interpreters": page.object_list,
            "session_form": forms.SessionForm(),
            "tables_form": forms.TablesForm(event=event),
            "interpreter_form": forms.InterpreterForm(event=event),
            "invite_form": forms.InviteForm(initial={"language": request.LANGUAGE_CODE}),
            "counts": {
                "pending": Registration.objects.for_event(event)
                .filter(status=Registration.Status.PENDING)
                .count(),
                "approved": Registration.objects.for_event(event)
                .filter(status=Registration.Status.APPROVED)
                .count(),
            },
        },
    )


def _post_form(request, form, call, success: str, slug: str, target: str = "events:manage"):
    if form.is_valid():
        try:
            call(form.cleaned_data)
        except RabtaError as error:
            _flash_error(request, error)
        else:
            messages.success(request, success)
    else:
        messages.error(request, " ".join(form_error_texts(form)))
    return redirect(target, slug)


@login_required
@require_POST
def session_add(request, slug):
    event = _managed(request, slug)
    return _post_form(
        request, forms.SessionForm(request.POST),
        lambda d: services.session_add(actor=request.user, event=event, **d), _("The session is added."), slug,
    )  # fmt: skip


@login_required
@require_POST
def tables_add(request, slug):
    event = _managed(request, slug)
    return _post_form(
        request, forms.TablesForm(request.POST, event=event),
        lambda d: services.tables_add(
            actor=request.user, event=event, count=d["count"], sessions=d["sessions"], seats=d["seats"] or 2,
        ),
        _("The tables are added."), slug,
    )  # fmt: skip


def _table_by_number(event, raw: str) -> Table | None:
    number = raw.strip()
    if not (number.isdigit() and len(number) < 7):
        return None
    return Table.objects.for_event(event).filter(number=int(number)).first()


@login_required
@require_POST
def table_delete(request, slug):
    """Deletes a table by its number (a big event has a thousand: no form per table)."""
    event = _managed(request, slug)
    table = _table_by_number(event, request.POST.get("number", ""))
    if table is None:
        messages.error(request, _("No table has this number."))
        return redirect("events:manage", slug)
    try:
        services.table_delete(actor=request.user, table=table)
    except RabtaError as error:
        _flash_error(request, error)
    else:
        messages.success(request, _("The table is deleted."))
    return redirect("events:manage", slug)


@login_required
@require_POST
def interpreter_add(request, slug):
    event = _managed(request, slug)
    return _post_form(
        request, forms.InterpreterForm(request.POST, event=event),
        lambda d: services.interpreter_add(actor=request.user, event=event, **d), _("The interpreter is added."), slug,
    )  # fmt: skip


@login_required
def schedule_page(request, slug):
    event = _managed(request, slug)
    schedule.schedule_runs_fail_stalled(event=event)
    run = selectors.latest_run(event)
    q = request.GET.get("q", "").strip()[:100]
    sessions = list(event.sessions.all())
    session = request.GET.get("session", "")
    session_id = next((s.pk for s in sessions if str(s.pk) == session), None)
    page = selectors.schedule_meetings_page(
        event, q=q, session=session_id, page=request.GET.get("page")
    )
    querystring = urlencode({k: v for k, v in (("q", q), ("session", session_id or "")) if v})
    version = selectors.latest_version(event)
    return render(
        request,
        "events/schedule.html",
        {
            "event": event,
            "run": run,
            "run_form": forms.RunForm(),
            "page_obj": page,
            "meetings": page.object_list,
            "q": q,
            "sessions": sessions,
            "session_id": session_id,
            "querystring": querystring,
            "filtered": bool(q or session_id),
            "version": version,
            "stalled": version is not None and publication.delivery_is_stalled(version),
            "versions": selectors.versions(event)[:10],
            "requests_count": MeetingRequest.objects.for_event(event)
            .filter(status=MeetingRequest.Status.ACCEPTED)
            .count(),
            "run_changes": (
                meeting_selectors.run_changes(event, run)
                if run
                and run.status == ScheduleRun.Status.SUCCEEDED
                and not run.published_at
                and event.published_version
                else None
            ),
            "future_slots": meeting_selectors.future_slots(event),
        },
    )


@login_required
def delivery_progress(request, slug, version_id):
    event = _managed(request, slug)
    version = ScheduleVersion.objects.for_event(event).filter(pk=version_id).first()
    if version is None:
        raise Http404
    return render(
        request,
        "events/_delivery.html",
        {"event": event, "version": version, "stalled": publication.delivery_is_stalled(version)},
    )


@login_required
@require_POST
def delivery_resume(request, slug, version_id):
    event = _managed(request, slug)
    version = ScheduleVersion.objects.for_event(event).filter(pk=version_id).first()
    if version is None:
        raise Http404
    try:
        publication.agenda_delivery_resume(actor=request.user, version=version)
    except RabtaError as error:
        _flash_error(request, error)
    else:
        messages.success(request, _("The agendas not sent yet are on their way again."))
    return redirect("events:schedule", slug)


@login_required
@require_POST
def run_start(request, slug):
    event = _managed(request, slug)
    return _post_form(
        request, forms.RunForm(request.POST),
        lambda d: schedule.schedule_run_start(actor=request.user, event=event, **d),
        _("The scheduler has started; its progress shows below."), slug, "events:schedule",
    )  # fmt: skip


@login_required
def run_progress(request, slug, run_id):
    event = _managed(request, slug)
    schedule.schedule_runs_fail_stalled(event=event)
    run = ScheduleRun.objects.for_event(event).filter(pk=run_id).first()
    if run is None:
        raise Http404
    response = render(request, "events/_run.html", {"event": event, "run": run})
    if run.is_finished and request.headers.get("HX-Request"):
        response["HX-Refresh"] = "true"
    return response


@login_required
@require_POST
def publish(request, slug):
    event = _managed(request, slug)
    run = ScheduleRun.objects.for_event(event).filter(pk=request.POST.get("run") or 0).first()
    if event.published_version and not request.POST.get("confirm"):
        messages.error(
            request, _("Tick the box to confirm that the changed agendas may be published.")
        )
        return redirect("events:schedule", slug)
    try:
        version = schedule.schedule_publish(actor=request.user, event=event, run=run)
    except RabtaError as error:
        _flash_error(request, error)
    else:
        messages.success(
            request,
            _(
                "Version %(number)s of the schedule is published; the agendas are being e-mailed in the background."
            )
            % {"number": version.number},
        )
    return redirect("events:schedule", slug)


@login_required
@require_POST
def meeting_lock(request, slug, meeting_id):
    event = _managed(request, slug)
    meeting = Meeting.objects.for_event(event).filter(pk=meeting_id).first()
    if meeting is None:
        raise Http404
    services.meeting_lock(
        actor=request.user, meeting=meeting, locked=request.POST.get("locked") == "1"
    )
    return redirect("events:schedule", slug)


@login_required
def day(request, slug):
    event = _managed(request, slug)
    q = request.GET.get("q", "")[:100]
    page = selectors.day_registrations_page(event, q=q, page=request.GET.get("page"))
    return render(
        request,
        "events/day.html",
        {
            "event": event,
            "registrations": page.object_list,
            "page_obj": page,
            "q": q,
            "querystring": urlencode({"q": q}) if q else "",
            "tables": Table.objects.for_event(event).filter(out_of_service_from__isnull=False),
            "interpreters": Interpreter.objects.for_event(event),
            "check_in_form": forms.CheckInForm(),
            "attendance_choices": Registration.Attendance.choices,
        },
    )


@login_required
@require_POST
def check_in(request, slug):
    event = _managed(request, slug)
    form = forms.CheckInForm(request.POST)
    if form.is_valid():
        try:
            done = schedule.check_in(
                actor=request.user, event=event, code=form.cleaned_data["code"]
            )
        except RabtaError as error:
            _flash_error(request, error)
        else:
            if done.badge:
                text = _("%(person)s of %(organisation)s is checked in.") % {
                    "person": done.badge.person,
                    "organisation": done.registration.organisation,
                }
            else:
                text = _("%(name)s is checked in.") % {"name": done.registration.organisation}
            messages.success(request, text)
    else:
        messages.error(request, " ".join(form_error_texts(form)))
    return redirect("events:day", slug)


@login_required
@require_POST
def attendance(request, slug, registration_id):
    event = _managed(request, slug)
    registration = Registration.objects.for_event(event).filter(pk=registration_id).first()
    if registration is None:
        raise Http404
    form = forms.AttendanceForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a value from the list."))
        return redirect("events:day", slug)
    arrives = form.cleaned_data.get("arrives_at")
    arrives_at = None
    if arrives:
        today = timezone.localtime(timezone.now(), event.tz).date()
        first = event.slots.order_by("start").first()
        day_of = timezone.localtime(first.start, event.tz).date() if first else today
        arrives_at = datetime.combine(day_of, arrives, tzinfo=event.tz)
    try:
        schedule.attendance_mark(
            actor=request.user,
            registration=registration,
            attendance=form.cleaned_data["attendance"],
            arrives_at=arrives_at,
        )
    except RabtaError as error:
        _flash_error(request, error)
    else:
        messages.success(request, _("Attendance is saved. Run a repair to update the schedule."))
    return redirect("events:day", slug)


@login_required
@require_POST
def resource_out(request, slug, kind, resource_id):
    event = _managed(request, slug)
    model = {"table": Table, "interpreter": Interpreter}.get(kind)
    resource = model.objects.for_event(event).filter(pk=resource_id).first() if model else None
    if resource is None:
        raise Http404
    if request.POST.get("back") == "1":
        schedule.resource_back_in_service(actor=request.user, resource=resource)
        messages.success(request, _("Back in service. Run a repair to give it meetings again."))
    else:
        schedule.resource_out_of_service(actor=request.user, resource=resource)
        messages.success(
            request,
            _("Marked as out of service from now on. Run a repair to update the schedule."),
        )
    return redirect("events:day", slug)


@login_required
@require_POST
def table_out(request, slug):
    """Takes a table out of service by its number (a big event has a thousand tables: the day
    page lists only those already out, with a form for the rest)."""
    event = _managed(request, slug)
    table = _table_by_number(event, request.POST.get("number", ""))
    if table is None:
        messages.error(request, _("No table has this number."))
        return redirect("events:day", slug)
    schedule.resource_out_of_service(actor=request.user, resource=table)
    messages.success(
        request, _("Marked as out of service from now on. Run a repair to update the schedule.")
    )
    return redirect("events:day", slug)


@login_required
@require_POST
def repair(request, slug):
    event = _managed(request, slug)
    try:
        version = schedule.schedule_repair(
            actor=request.user, event=event, reason=request.POST.get("reason", "")
        )
    except RabtaError as error:
        _flash_error(request, error)
    else:
        messages.success(
            request,
            _(
                "The schedule is repaired and published; %(count)s participants were told of their changes."
            )
            % {"count": len(version.changed_registrations)},
        )
    return redirect("events:day", slug)


@login_required
def print_document(request, slug, what):
    event = _managed(request, slug)
    makers = {
        "tables": documents.table_plan_pdf,
        "interpreters": documents.interpreter_rosters_pdf,
        "badges": documents.badges_pdf,
    }
    if what not in makers:
        raise Http404
    return _file(
        makers[what](event, language=request.LANGUAGE_CODE),
        "application/pdf",
        f"{what}-{event.slug}.pdf",
    )
