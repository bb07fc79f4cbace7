"""Brokerage events. Every row below Event belongs to one event (see scoping.py)."""

from __future__ import annotations

import functools
import secrets
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import formats, timezone, translation
from django.utils.translation import gettext_lazy as _

from rabta.accounts.models import validate_spoken_languages
from rabta.core.fields import TranslatedField
from rabta.core.i18n import localized
from rabta.events import agenda_cache
from rabta.events.scoping import EventScopedManager


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("Enter a time zone such as Asia/Karachi."), code="time_zone")


validate_languages = validate_spoken_languages  # the migrations name it so


def new_code() -> str:
    """A short code that is easy to type from a badge (no 0/O/1/I)."""
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "".join(secrets.choice(alphabet) for _ in range(8))


def new_token() -> str:
    return secrets.token_urlsafe(24)


def new_room() -> str:
    """A video room name nobody can guess: 128 random bits, letters and digits only."""
    return secrets.token_hex(16)


class Event(models.Model):
    class RequestMode(models.TextChoices):
        CONFIRM = "confirm", _("Participants accept or decline requests")
        AUTO_ACCEPT = "auto", _("Every request is accepted")

    class SchedulingMode(models.TextChoices):
        ORGANISER = "organiser", _("The organiser schedules with the engine")
        SELF = "self", _("Participants book free slots themselves")

    class Format(models.TextChoices):
        IN_PERSON = "in_person", _("In person: meetings at tables and stands")
        ONLINE = "online", _("Online: every meeting is a video call")
        HYBRID = "hybrid", _("Hybrid: in person, and a meeting can be a video call")

    name = TranslatedField(_("name"), max_length=200)
    slug = models.SlugField(_("address"), max_length=80, unique=True)
    description = TranslatedField(_("description"), max_length=5000, multiline=True, blank=True)
    organiser = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="organised_events",
        verbose_name=_("organiser"),
        null=True,
        blank=True,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="created_events"
    )
    venue = TranslatedField(_("venue"), max_length=200)
    city = TranslatedField(_("city"), max_length=100, blank=True)
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="Asia/Karachi", validators=[validate_time_zone]
    )
    registration_opens = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes = models.DateTimeField(_("registration closes"), null=True, blank=True)
    requests_open = models.DateTimeField(_("meeting requests open"), null=True, blank=True)
    requests_close = models.DateTimeField(_("meeting requests close"), null=True, blank=True)
    max_meetings = models.PositiveSmallIntegerField(
        _("maximum meetings per participant"), default=12
    )
    request_mode = models.CharField(
        _("meeting requests"),
        max_length=10,
        choices=RequestMode.choices,
        default=RequestMode.CONFIRM,
    )
    scheduling_mode = models.CharField(
        _("scheduling"),
        max_length=10,
        choices=SchedulingMode.choices,
        default=SchedulingMode.ORGANISER,
    )
    format = models.CharField(
        _("format"),
        max_length=10,
        choices=Format.choices,
        default=Format.IN_PERSON,
        help_text=_(
            "Online meetings get a video link; they need no table, and an interpreter joins the "
            "call when the two sides share no language."
        ),
    )
    max_requests_sent = models.PositiveSmallIntegerField(
        _("maximum requests a participant sends"),
        null=True,
        blank=True,
        help_text=_("Leave empty for no limit. Withdrawn requests do not count."),
    )
    max_requests_pending = models.PositiveSmallIntegerField(
        _("maximum unanswered requests a participant has sent"),
        null=True,
        blank=True,
        help_text=_("Leave empty for no limit."),
    )
    request_reminder_days = models.PositiveSmallIntegerField(
        _("remind about unanswered requests after (days)"),
        null=True,
        blank=True,
        help_text=_("Leave empty to send no reminders."),
    )
    no_show_after_minutes = models.PositiveSmallIntegerField(
        _("a meeting is a no-show after (minutes)"),
        default=10,
        help_text=_(
            "When a participant has not checked in this many minutes after their meeting "
            "started, the meeting is recorded as a no-show and their partner is offered "
            "another meeting."
        ),
    )
    is_listed = models.BooleanField(
        _("listed"),
        default=True,
        help_text=_(
            "Shown in the list of events. An unlisted event is seen only by its organisers, its "
            "participants and the people who hold its invitation link."
        ),
    )
    published_version = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def __str__(self) -> str:
        return localized(self.name) or self.slug

    # A change of the event (its format, time zone, schedule's visibility, …) forgets its cached
    # agendas (rabta.events.agenda_cache).
    def save(self, *args, **kwargs):
        try:
            super().save(*args, **kwargs)
        finally:
            agenda_cache.event_saved(self.pk)

    def delete(self, *args, **kwargs):
        pk = self.pk
        try:
            return super().delete(*args, **kwargs)
        finally:
            agenda_cache.event_saved(pk)

    def clean(self) -> None:
        errors = {}
        if (
            self.registration_opens
            and self.registration_closes
            and self.registration_closes <= self.registration_opens
        ):
            errors["registration_closes"] = _("Registration must close after it opens.")
        if self.requests_open and self.requests_close and self.requests_close <= self.requests_open:
            errors["requests_close"] = _("Meeting requests must close after they open.")
        if self.max_meetings is not None and self.max_meetings < 1:
            errors["max_meetings"] = _("Allow at least one meeting per participant.")
        if self.format != self.Format.IN_PERSON:
            from rabta.events.online import video_links_configured

            if not video_links_configured():
                errors["format"] = _(
                    "Online meetings need a video-link template (the setting "
                    "RABTA_VIDEO_LINK_TEMPLATE); ask the site's administrator to set it."
                )
        if errors:
            raise ValidationError(errors)

    @property
    def tz(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def has_online_meetings(self) -> bool:
        return self.format != self.Format.IN_PERSON

    @property
    def is_self_scheduling(self) -> bool:
        return self.scheduling_mode == self.SchedulingMode.SELF

    @property
    def agendas_visible(self) -> bool:
        return self.is_self_scheduling or self.published_version > 0

    def registration_is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return (self.registration_opens is None or self.registration_opens <= now) and (
            self.registration_closes is None or now < self.registration_closes
        )

    def requests_are_open(self, now=None) -> bool:
        now = now or timezone.now()
        return (self.requests_open is None or self.requests_open <= now) and (
            self.requests_close is None or now < self.requests_close
        )


def meets_online(event: Event, online: bool) -> bool:
    """A video call: every meeting of an online event, a chosen one (``online``) of a hybrid
    event, none of an in-person event."""
    return event.format == Event.Format.ONLINE or (event.format == Event.Format.HYBRID and online)


class EventScoped(models.Model):
    event_scoped = True
    objects = EventScopedManager()

    class Meta:
        abstract = True

    # A write forgets the event's cached agendas (rabta.events.agenda_cache).
    def save(self, *args, **kwargs):
        try:
            super().save(*args, **kwargs)
        finally:
            agenda_cache.event_changed(self.event_id)

    def delete(self, *args, **kwargs):
        try:
            return super().delete(*args, **kwargs)
        finally:
            agenda_cache.event_changed(self.event_id)


class Session(EventScoped):
    """A half-day of meetings, cut into slots of one length with breaks between them."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sessions")
    name = TranslatedField(_("name"), max_length=100, blank=True)
    date = models.DateField(_("date"))
    start = models.TimeField(_("first meeting starts"))
    end = models.TimeField(_("last meeting ends by"))
    meeting_minutes = models.PositiveSmallIntegerField(_("meeting length (minutes)"), default=20)
    break_minutes = models.PositiveSmallIntegerField(
        _("break between meetings (minutes)"), default=5
    )
    pause_start = models.TimeField(_("pause from"), null=True, blank=True)
    pause_end = models.TimeField(_("pause until"), null=True, blank=True)

    class Meta:
        ordering = ["event_id", "date", "start"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")

    def __str__(self) -> str:
        """«Утро (10 марта 2027 г., 10:00–13:00)»: the date and times in the reader's format."""
        label = localized(self.name)
        times = "{date}{comma}{start}–{end}".format(
            date=formats.date_format(self.date),
            comma=translation.pgettext("between the items of a list", ", "),
            start=formats.time_format(self.start),
            end=formats.time_format(self.end),
        )
        return f"{label} ({times})" if label else times


class Slot(EventScoped):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="slots")
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="slots")
    position = models.PositiveIntegerField()
    start = models.DateTimeField()
    end = models.DateTimeField()

    class Meta:
        ordering = ["start"]
        constraints = [
            models.UniqueConstraint(fields=["event", "start"], name="slot_unique_start"),
            models.CheckConstraint(
                condition=Q(end__gt=models.F("start")), name="slot_end_after_start"
            ),
        ]

    def __str__(self) -> str:
        start = timezone.localtime(self.start, self.event.tz) if self.event_id else self.start
        end = timezone.localtime(self.end, self.event.tz) if self.event_id else self.end
        return f"{start:%Y-%m-%d %H:%M}–{end:%H:%M}"


class Table(EventScoped):
    """A numbered common table. ``sessions`` empty: available in every session."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="tables")
    number = models.PositiveIntegerField(_("number"))
    label = models.CharField(_("label"), max_length=100, blank=True)
    seats = models.PositiveSmallIntegerField(
        _("seats"),
        default=2,
        validators=[MinValueValidator(2)],
        help_text=_("A group session needs a table seating its host and every member."),
    )
    sessions = models.ManyToManyField(
        Session, blank=True, related_name="tables", verbose_name=_("available in")
    )
    out_of_service_from = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["number"]
        verbose_name = _("table")
        verbose_name_plural = _("tables")
        constraints = [
            models.UniqueConstraint(fields=["event", "number"], name="table_unique_number")
        ]

    def __str__(self) -> str:
        return _("Table %(number)s") % {"number": self.number}


class Interpreter(EventScoped):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="interpreters")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="interpreting",
    )
    name = models.CharField(_("name"), max_length=150)
    languages = models.JSONField(_("languages"), default=list, validators=[validate_languages])
    sessions = models.ManyToManyField(
        Session, blank=True, related_name="interpreters", verbose_name=_("available in")
    )
    out_of_service_from = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("interpreter")
        verbose_name_plural = _("interpreters")

    def __str__(self) -> str:
        return self.name


class CoOrganiser(EventScoped):
    """A partner organisation (another chamber, a trade office, a university's international
    office) appointed by the event's organisers. Its members validate and manage the
    registrations it brought (``Registration.brought_by``) and see the figures of those only."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="co_organisers")
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="co_organised",
        verbose_name=_("organisation"),
    )
    appointed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    appointed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["organisation__name_key"]
        verbose_name = _("co-organiser")
        verbose_name_plural = _("co-organisers")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "organisation"], name="co_organiser_unique_organisation"
            )
        ]

    def __str__(self) -> str:
        return str(self.organisation)


class Registration(EventScoped):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        CANCELLED = "cancelled", _("Cancelled")

    class Attendance(models.TextChoices):
        EXPECTED = "expected", _("Expected")
        PRESENT = "present", _("Present")
        LATE = "late", _("Arriving late")
        NO_SHOW = "no_show", _("Did not come")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="event_registrations"
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="event_registrations",
    )
    brought_by = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="brought_registrations",
        verbose_name=_("brought by"),
        help_text=_("The co-organiser that invited this organisation; it validates it."),
    )
    attendees = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="attending", verbose_name=_("who attends")
    )
    sessions = models.ManyToManyField(
        Session, related_name="registrations", verbose_name=_("available in")
    )
    languages = models.JSONField(_("languages"), default=list, validators=[validate_languages])
    separate_agendas = models.BooleanField(
        _("our representatives meet in parallel"),
        default=False,
        help_text=_(
            "Each person who attends has an agenda of their own and can be in another meeting "
            "at the same time; a request can name one of them."
        ),
    )
    has_stand = models.BooleanField(_("we have our own stand"), default=False)
    stand = models.CharField(_("stand"), max_length=50, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    attendance = models.CharField(
        _("attendance"), max_length=10, choices=Attendance.choices, default=Attendance.EXPECTED
    )
    arrives_at = models.DateTimeField(_("arrives at"), null=True, blank=True)
    checked_in_at = models.DateTimeField(null=True, blank=True)
    waiting_list = models.BooleanField(
        _("meeting waiting list"),
        default=False,
        help_text=_(
            "On the day, offer us a meeting with a participant whose partner did not come."
        ),
    )
    badge_code = models.CharField(max_length=12, default=new_code, editable=False)
    calendar_token = models.CharField(max_length=64, default=new_token, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["organisation__name_key"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "organisation"], name="registration_unique_organisation"
            ),
            models.UniqueConstraint(
                fields=["event", "badge_code"], name="registration_unique_badge"
            ),
            models.UniqueConstraint(
                fields=["event", "calendar_token"], name="registration_unique_token"
            ),
        ]

    def __str__(self) -> str:
        return str(self.organisation)

    @property
    def is_approved(self) -> bool:
        return self.status == self.Status.APPROVED

    @property
    def stand_name(self) -> str:
        return (self.stand or str(_("own stand"))) if self.has_stand else ""


class Badge(EventScoped):
    """One person's badge for a registration: their own code (and QR code) and check-in."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="badges")
    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="badges")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    code = models.CharField(max_length=12, default=new_code, editable=False)
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)
    # The person's own languages when their organisation's representatives meet in parallel
    # (empty: the registration's languages).
    languages = models.JSONField(
        _("languages"), default=list, blank=True, validators=[validate_languages]
    )

    class Meta:
        ordering = ["registration__organisation__name_key", "person_id"]
        verbose_name = _("badge")
        verbose_name_plural = _("badges")
        constraints = [
            models.UniqueConstraint(fields=["event", "code"], name="badge_unique_code"),
            models.UniqueConstraint(fields=["registration", "person"], name="badge_unique_person"),
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def spoken_languages(self) -> list[str]:
        return list(self.languages or self.registration.languages)

    @property
    def qr_text(self) -> str:
        return f"rabta:{self.event.slug}:{self.code}"


class MeetingRequest(EventScoped):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for an answer")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        CANCELLED = "cancelled", _("Cancelled")
        EXPIRED = "expired", _("Expired unanswered")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="meeting_requests")
    sender = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="sent_requests")
    recipient = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="received_requests"
    )
    # A request to one representative of an organisation whose representatives meet in
    # parallel (empty: to the organisation; the scheduler chooses who meets).
    recipient_person = models.ForeignKey(
        Badge,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("with whom"),
    )
    sender_person = models.ForeignKey(
        Badge, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    message = models.TextField(_("message"), max_length=500, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    mutual = models.BooleanField(default=False, help_text=_("Both sides asked for this meeting."))
    required = models.BooleanField(_("required by the organiser"), default=False)
    # "Meet the chamber before the suppliers": the scheduler places this meeting before the
    # other meetings of both sides that are not marked first either (when both are placed).
    first = models.BooleanField(
        _("before the other meetings"),
        default=False,
        help_text=_("Scheduled before the other meetings of both participants."),
    )
    # The pair, smaller registration id first: a pair has at most one live request.
    low = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="+")
    high = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    cancelled_by = models.ForeignKey(
        Registration, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    cancel_reason = models.CharField(_("reason"), max_length=200, blank=True)
    # In a hybrid event, the two sides (or the organiser) may make the meeting a video call;
    # in an online event every meeting is one (see ``is_online``).
    online = models.BooleanField(_("online meeting (video call)"), default=False)
    # The random part of the meeting's video link (events/online.py); unguessable.
    video_room = models.CharField(max_length=64, default=new_room, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("meeting request")
        verbose_name_plural = _("meeting requests")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "low", "high"],
                condition=Q(status__in=["pending", "accepted"]),
                name="meeting_request_unique_live_pair",
            ),
            models.CheckConstraint(
                condition=~Q(sender=models.F("recipient")), name="meeting_request_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.sender} → {self.recipient}"

    @property
    def weight(self) -> int:
        return 3 if self.mutual else 1

    def other(self, registration: Registration) -> Registration:
        return self.recipient if registration.pk == self.sender_id else self.sender

    @property
    def is_online(self) -> bool:
        return meets_online(self.event, self.online)

    @property
    def video_link(self) -> str:
        """The meeting's video link, "" when it is not online."""
        from rabta.events.online import video_link

        return video_link(self.video_room) if self.is_online else ""


class Meeting(EventScoped):
    """One meeting of the current schedule. ``MeetingSeat`` rows make double-booking impossible."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        HELD = "held", _("Held")
        NO_SHOW = "no_show", _("No-show")

    class Source(models.TextChoices):
        ENGINE = "engine", _("Scheduler")
        BOOKED = "booked", _("Booked by a participant")
        MANUAL = "manual", _("Placed by the organiser")
        SPONTANEOUS = "spontaneous", _("Arranged on the day from the waiting list")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="meetings")
    request = models.OneToOneField(MeetingRequest, on_delete=models.CASCADE, related_name="meeting")
    slot = models.ForeignKey(Slot, on_delete=models.PROTECT, related_name="meetings")
    table = models.ForeignKey(
        Table, null=True, blank=True, on_delete=models.PROTECT, related_name="meetings"
    )
    stand = models.CharField(max_length=50, blank=True)
    interpreter = models.ForeignKey(
        Interpreter, null=True, blank=True, on_delete=models.PROTECT, related_name="meetings"
    )
    # Who meets, for an organisation whose representatives meet in parallel (else empty).
    sender_person = models.ForeignKey(
        Badge, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recipient_person = models.ForeignKey(
        Badge, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SCHEDULED)
    source = models.CharField(max_length=12, choices=Source.choices, default=Source.ENGINE)
    locked = models.BooleanField(_("locked"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["slot__start", "table__number"]
        constraints = [
            models.UniqueConstraint(fields=["slot", "table"], name="meeting_unique_table_per_slot"),
            models.UniqueConstraint(
                fields=["slot", "interpreter"], name="meeting_unique_interpreter_per_slot"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.request} @ {self.slot}"

    @property
    def place(self) -> str:
        if self.table_id:
            return str(self.table)
        if not self.stand and self.request.is_online:
            return str(_("Online (video call)"))
        return self.stand_label

    @property
    def is_online(self) -> bool:
        return self.request.is_online

    @property
    def video_link(self) -> str:
        return self.request.video_link

    @property
    def is_at_unnamed_stand(self) -> bool:
        """The engine stores a stand without a name as the label "own stand", in the language
        active when it ran; such a label is shown in the reader's language instead."""
        return not self.table_id and self.stand in own_stand_labels()

    @property
    def stand_label(self) -> str:
        return str(_("own stand")) if self.is_at_unnamed_stand else self.stand


@functools.cache
def own_stand_labels() -> frozenset[str]:
    """The label "own stand" in every language of the site (stored for a stand without a name)."""
    labels = set()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            labels.add(str(_("own stand")))
    return frozenset(labels)


class MeetingOffer(EventScoped):
    """On the day: a participant whose partner did not come is offered a meeting in the same
    slot with a checked-in participant on the meeting waiting list."""

    class Status(models.TextChoices):
        OFFERED = "offered", _("Offered")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        EXPIRED = "expired", _("Expired")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="+")
    slot = models.ForeignKey(Slot, on_delete=models.CASCADE, related_name="+")
    missed = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="offers")
    participant = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="offers")
    partner = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OFFERED)
    meeting = models.OneToOneField(
        Meeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["missed", "partner"], name="meeting_offer_unique_partner"
            ),
            models.UniqueConstraint(
                fields=["missed", "participant"],
                condition=Q(status="offered"),
                name="meeting_offer_one_open",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.participant} ↔ {self.partner} @ {self.slot}"


class MeetingSeat(EventScoped):
    """One row per participant per meeting: (event, slot, registration) is unique in the database."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="+")
    slot = models.ForeignKey(Slot, on_delete=models.CASCADE, related_name="seats")
    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="seats")
    # the representative, when the organisation's representatives meet in parallel
    person = models.ForeignKey(
        Badge, null=True, blank=True, on_delete=models.CASCADE, related_name="seats"
    )
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="seats")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["event", "slot", "registration"],
                condition=Q(person__isnull=True),
                name="seat_unique_participant_per_slot",
            ),
            models.UniqueConstraint(
                fields=["event", "slot", "person"],
                condition=Q(person__isnull=False),
                name="seat_unique_person_per_slot",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.registration_id} @ {self.slot_id}"


class ScheduleRun(EventScoped):
    class Kind(models.TextChoices):
        SOLVE = "solve", _("Schedule")
        REPAIR = "repair", _("Repair")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        SUCCEEDED = "succeeded", _("Finished")
        FAILED = "failed", _("Failed")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="schedule_runs")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.SOLVE)
    solver = models.CharField(_("solver"), max_length=20, default="auto")
    parameters = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    report = models.JSONField(default=dict, blank=True)
    result = models.JSONField(default=list, blank=True)
    error = models.TextField(blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)
    applied = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    # the worker's last sign of life while running (core.heartbeat); none while queued
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.SUCCEEDED, self.Status.FAILED)

    @property
    def waits_for_a_worker(self) -> bool:
        """Queued for longer than a worker that beats would have gone silent: no task worker has
        picked it up (it is busy with other work, or stopped). A new run may replace it."""
        from rabta.core.heartbeat import stale_before

        return self.status == self.Status.QUEUED and self.created_at < stale_before()


class ScheduleVersion(EventScoped):
    """A published schedule: a snapshot of every meeting, so a repair can say what changed for whom."""

    class Delivery(models.TextChoices):
        QUEUED = "queued", _("Waiting to be sent")
        SENDING = "sending", _("Sending")
        DONE = "done", _("Sent")
        FAILED = "failed", _("Some could not be sent")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="schedule_versions")
    number = models.PositiveIntegerField()
    run = models.ForeignKey(
        ScheduleRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="versions"
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(default=timezone.now)
    meetings = models.JSONField(default=dict)
    changed_registrations = models.JSONField(default=list)
    # changed, but told in their own e-mail (a cancelled meeting): no agenda-changed e-mail
    told_otherwise = models.JSONField(default=list, blank=True)
    note = models.CharField(max_length=200, blank=True)
    # The agenda e-mails of this version, sent by a background task in batches (publication.py).
    delivery = models.CharField(max_length=10, choices=Delivery.choices, default=Delivery.QUEUED)
    delivery_total = models.PositiveIntegerField(default=0)
    delivery_sent = models.PositiveIntegerField(default=0)
    delivery_failed = models.PositiveIntegerField(default=0)
    delivery_updated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "number"], name="schedule_version_unique_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.event_id} v{self.number}"


class AgendaDelivery(EventScoped):
    """One agenda e-mail of a published version to one person.

    ``sent_at`` is set (by a conditional update) before the message is handed to the mail server,
    so a delivery run that is killed and run again never sends anyone the same agenda twice.
    """

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="+")
    version = models.ForeignKey(
        ScheduleVersion, on_delete=models.CASCADE, related_name="deliveries"
    )
    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    address = models.EmailField(max_length=254)
    language = models.CharField(max_length=10)
    sent_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=500, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["version", "registration", "address"], name="agenda_delivery_unique"
            )
        ]
        indexes = [models.Index(fields=["version", "sent_at"], name="agenda_delivery_pending")]

    def __str__(self) -> str:
        return f"v{self.version_id} → {self.address}"


# ---------------------------------------------------------------- the programme beside the meetings


class ProgrammeItem(EventScoped):
    """A plenary, roundtable, company visit or reception of the event's programme.

    Participants who attend (a confirmed :class:`SignUp`) are kept free of meetings during the
    item, ``travel_minutes`` before and after it; so are the members of a visit's host.
    """

    class Kind(models.TextChoices):
        PLENARY = "plenary", _("Plenary session")
        ROUNDTABLE = "roundtable", _("Roundtable or panel")
        VISIT = "visit", _("Company visit")
        RECEPTION = "reception", _("Reception")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="programme_items")
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    title = TranslatedField(_("title"), max_length=200)
    description = TranslatedField(_("description"), max_length=5000, multiline=True, blank=True)
    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"))
    room = models.CharField(
        _("room or place"),
        max_length=200,
        help_text=_("Two items in the same room cannot overlap."),
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    map_url = models.URLField(_("map link"), max_length=500, blank=True)
    host = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="hosted_programme_items",
        verbose_name=_("host organisation"),
    )
    languages = models.JSONField(
        _("languages spoken"), default=list, blank=True, validators=[validate_languages]
    )
    interpretation = models.JSONField(
        _("interpretation offered into"), default=list, blank=True, validators=[validate_languages]
    )
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Leave empty for no limit.")
    )
    has_waiting_list = models.BooleanField(_("waiting list when full"), default=True)
    travel_minutes = models.PositiveSmallIntegerField(
        _("travel time before and after (minutes)"),
        default=0,
        help_text=_("No meetings are scheduled for attendees this long before and after."),
    )
    departure_point = models.CharField(_("departure point"), max_length=200, blank=True)
    departure_time = models.DateTimeField(_("departure time"), null=True, blank=True)
    is_open = models.BooleanField(
        _("open for sign-up"),
        default=True,
        help_text=_("Otherwise only people the organiser invites attend."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["start", "pk"]
        verbose_name = _("programme item")
        verbose_name_plural = _("programme items")
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=models.F("start")), name="programme_item_end_after_start"
            ),
            models.CheckConstraint(
                condition=~Q(kind="visit") | Q(host__isnull=False),
                name="programme_visit_has_host",
            ),
        ]

    def __str__(self) -> str:
        return localized(self.title) or self.get_kind_display()

    @property
    def is_visit(self) -> bool:
        return self.kind == self.Kind.VISIT


class SignUp(EventScoped):
    """One person's place at a programme item (or on its waiting list)."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITING = "waiting", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="+")
    item = models.ForeignKey(ProgrammeItem, on_delete=models.CASCADE, related_name="signups")
    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="signups")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="programme_signups"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.CONFIRMED
    )
    invited = models.BooleanField(_("invited by the organiser"), default=False)
    is_vip = models.BooleanField(_("VIP"), default=False)
    created_at = models.DateTimeField(default=timezone.now)
    promoted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("sign-up")
        verbose_name_plural = _("sign-ups")
        constraints = [
            models.UniqueConstraint(
                fields=["item", "user"],
                condition=Q(status__in=["confirmed", "waiting"]),
                name="signup_unique_live_person",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.item_id} ({self.status})"


class ProtocolEntry(EventScoped):
    """Names and identity details of a visit's attendees, for the host's security desk.

    Seen by the host organisation and the organisers only, never exported elsewhere, and
    deleted after the event by ``manage.py purge_protocol_data``.
    """

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="+")
    item = models.ForeignKey(ProgrammeItem, on_delete=models.CASCADE, related_name="protocol")
    signup = models.OneToOneField(
        SignUp, null=True, blank=True, on_delete=models.CASCADE, related_name="protocol_entry"
    )
    full_name = models.CharField(_("full name as in the document"), max_length=200)
    organisation_name = models.CharField(_("organisation"), max_length=200, blank=True)
    nationality = models.CharField(_("nationality"), max_length=2, blank=True)
    document_kind = models.CharField(_("identity document"), max_length=50, blank=True)
    document_number = models.CharField(_("document number"), max_length=50, blank=True)
    is_vip = models.BooleanField(_("VIP"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-is_vip", "full_name"]
        verbose_name = _("protocol entry")
        verbose_name_plural = _("protocol entries")

    def __str__(self) -> str:
        return self.full_name


class EventInvitation(EventScoped):
    """An organiser's e-mailed invitation to register for the event.

    Its link works once and until ``expires_at`` (settings.RABTA_INVITATION_DAYS). A stranger who
    opens it signs up with the address filled in (the link proves the address) and goes straight
    on to the registration; someone with an account signs in first. Only the SHA-256 of the
    link's secret is stored (accounts.models.hash_token).
    """

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("e-mail address"))
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The co-organiser that brings the guest (the registration it leads to records it).
    brought_by = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("valid until"))
    used_at = models.DateTimeField(null=True, blank=True)
    used_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("event invitation")
        verbose_name_plural = _("event invitations")

    def __str__(self) -> str:
        return f"{self.email} → {self.event_id}"


from rabta.events.group_models import GroupMember, GroupSession  # noqa: E402, F401
