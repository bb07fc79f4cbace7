"""Forms of the events pages. They parse input; the services decide and write."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from rabta.accounts.languages import SPOKEN_LANGUAGES
from rabta.core.fields import LANGUAGE_LABELS
from rabta.events.models import Event, Interpreter, Registration, Session
from rabta.organisations.forms import FORM_RENDERER


class EventForm(forms.ModelForm):
    default_renderer = FORM_RENDERER  # finds the translated-field widget template

    class Meta:
        model = Event
        fields = [
            "name", "slug", "description", "venue", "city", "time_zone", "registration_opens",
            "registration_closes", "requests_open", "requests_close", "max_meetings",
            "max_requests_sent", "max_requests_pending", "request_reminder_days", "request_mode",
            "scheduling_mode", "format", "is_listed",
        ]  # fmt: skip
        widgets = {
            key: forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
            for key in (
                "registration_opens",
                "registration_closes",
                "requests_open",
                "requests_close",
            )
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["slug"]
        # Not sent (an older form, a script): the event stays as it is, in person when new.
        self.fields["format"].required = False

    def clean_format(self):
        return self.cleaned_data.get("format") or self.instance.format or Event.Format.IN_PERSON


class SessionForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    start = forms.TimeField(
        label=_("First meeting starts"), widget=forms.TimeInput(attrs={"type": "time"})
    )
    end = forms.TimeField(
        label=_("Last meeting ends by"), widget=forms.TimeInput(attrs={"type": "time"})
    )
    meeting_minutes = forms.IntegerField(
        label=_("Meeting length (minutes)"), initial=20, min_value=1
    )
    break_minutes = forms.IntegerField(
        label=_("Break between meetings (minutes)"), initial=5, min_value=0
    )
    pause_start = forms.TimeField(
        label=_("Pause from"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    pause_end = forms.TimeField(
        label=_("Pause until"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )


class EventSessionsForm(forms.Form):
    """A form with a choice of the event's sessions ("available in")."""

    sessions = forms.ModelMultipleChoiceField(
        label=_("Available in (none: every session)"),
        queryset=Session.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, event: Event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sessions"].queryset = Session.objects.for_event(event)


class TablesForm(EventSessionsForm):
    count = forms.IntegerField(
        label=_("Number of tables to add"), min_value=1, max_value=1000, initial=10
    )
    seats = forms.IntegerField(
        label=_("Seats at each"),
        min_value=2,
        max_value=60,
        initial=2,
        required=False,
        help_text=_("A group session needs a table seating its host and every member."),
    )
    field_order = ["count", "seats", "sessions"]


class InterpreterForm(EventSessionsForm):
    name = forms.CharField(label=_("Name"), max_length=150)
    languages = forms.MultipleChoiceField(
        label=_("Languages"), choices=SPOKEN_LANGUAGES, widget=forms.CheckboxSelectMultiple
    )
    field_order = ["name", "languages", "sessions"]


class InviteForm(forms.Form):
    emails = forms.CharField(
        label=_("E-mail addresses (one a line)"),
        widget=forms.Textarea(attrs={"rows": 4, "dir": "ltr"}),
    )
    language = forms.ChoiceField(
        label=_("Language of the invitation"),
        help_text=_("People who have an account get it in their own language."),
        choices=[(code, LANGUAGE_LABELS.get(code, name)) for code, name in settings.LANGUAGES],
        initial=settings.LANGUAGE_CODE,
    )

    def addresses(self) -> list[str]:
        return [
            line.strip() for line in self.cleaned_data["emails"].replace(",", "\n").splitlines()
        ]


class RegistrationForm(forms.Form):
    attendees = forms.ModelMultipleChoiceField(
        label=_("Who attends"), queryset=None, widget=forms.CheckboxSelectMultiple
    )
    sessions = forms.ModelMultipleChoiceField(
        label=_("Sessions you can attend"), queryset=None, widget=forms.CheckboxSelectMultiple
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages you can hold a meeting in"),
        choices=SPOKEN_LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
    )
    has_stand = forms.BooleanField(label=_("We have our own stand"), required=False)
    stand = forms.CharField(label=_("Stand name or number"), max_length=50, required=False)

    def __init__(self, *args, event: Event, organisation, **kwargs):
        from rabta.accounts.models import User

        super().__init__(*args, **kwargs)
        # nobody attends an event for two organisations: those already attending are left out
        attending = Registration.attendees.through.objects.filter(
            registration__event=event
        ).exclude(
            registration__status__in=[Registration.Status.REJECTED, Registration.Status.CANCELLED]
        )
        self.fields["attendees"].queryset = (
            User.objects.filter(memberships__organisation=organisation)
            .exclude(pk__in=attending.values("user_id"))
            .order_by("full_name")
        )
        self.fields["sessions"].queryset = Session.objects.for_event(event)


class RequestForm(forms.Form):
    message = forms.CharField(
        label=_("Message (optional)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    online = forms.BooleanField(label=_("Meet online (video call)"), required=False)


class RunForm(forms.Form):
    solver = forms.ChoiceField(
        label=_("Solver"),
        choices=[
            ("auto", _("Best available")),
            ("greedy", _("Fast (greedy)")),
            ("cpsat", _("Thorough (CP-SAT)")),
        ],
        initial="auto",
    )
    time_limit = forms.IntegerField(
        label=_("Time limit (seconds)"), min_value=1, max_value=600, initial=10
    )


class CheckInForm(forms.Form):
    code = forms.CharField(label=_("Badge code"), max_length=200)  # or the QR code's text


class AttendanceForm(forms.Form):
    attendance = forms.ChoiceField(label=_("Attendance"), choices=Registration.Attendance.choices)
    arrives_at = forms.TimeField(
        label=_("Arrives at"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )


class InterpreterChoiceForm(forms.Form):
    interpreter = forms.ModelChoiceField(
        label=_("Interpreter"), queryset=Interpreter.objects.none()
    )


# ---------------------------------------------------------------- programme


def _datetime_widget():
    return forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class ProgrammeItemForm(forms.ModelForm):
    """Times are entered in the event's time zone (the view activates it while parsing)."""

    default_renderer = FORM_RENDERER

    languages = forms.MultipleChoiceField(
        label=_("Languages spoken"),
        choices=SPOKEN_LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    map_url = forms.URLField(
        label=_("Map link"), max_length=500, required=False, assume_scheme="https"
    )
    interpretation = forms.MultipleChoiceField(
        label=_("Interpretation offered into"),
        choices=SPOKEN_LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        from rabta.events.models import ProgrammeItem

        model = ProgrammeItem
        fields = [
            "kind", "title", "description", "start", "end", "room", "address", "map_url", "host",
            "languages", "interpretation", "capacity", "has_waiting_list", "travel_minutes",
            "departure_point", "departure_time", "is_open",
        ]  # fmt: skip
        widgets = {
            "start": _datetime_widget(),
            "end": _datetime_widget(),
            "departure_time": _datetime_widget(),
        }

    def __init__(self, *args, **kwargs):
        from rabta.organisations.models import Organisation

        super().__init__(*args, **kwargs)
        self.fields["host"].queryset = Organisation.objects.filter(
            validation=Organisation.Validation.APPROVED
        ).order_by("name_key")

    def _post_clean(self):
        """The service validates and saves; the form only parses."""


class ProgrammeInviteForm(forms.Form):
    user = forms.ModelChoiceField(label=_("Participant"), queryset=None)
    is_vip = forms.BooleanField(label=_("VIP"), required=False)

    def __init__(self, *args, event: Event, **kwargs):
        from rabta.accounts.models import User

        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = (
            User.objects.filter(
                memberships__organisation__event_registrations__event=event,
                memberships__organisation__event_registrations__status=Registration.Status.APPROVED,
            )
            .distinct()
            .order_by("full_name")
        )


class ProtocolEntryForm(forms.Form):
    full_name = forms.CharField(label=_("Full name as in the identity document"), max_length=200)
    organisation_name = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    nationality = forms.CharField(
        label=_("Nationality (two-letter code, e.g. PK or RU)"), max_length=2, required=False
    )
    document_kind = forms.CharField(
        label=_("Identity document (passport, CNIC…)"), max_length=50, required=False
    )
    document_number = forms.CharField(label=_("Document number"), max_length=50, required=False)
    is_vip = forms.BooleanField(label=_("VIP"), required=False)


class CoOrganiserForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Partner organisation"),
        queryset=None,
        help_text=_("A validated organisation: another chamber, a trade office, a university."),
    )

    def __init__(self, *args, event: Event, **kwargs):
        from rabta.organisations.models import Organisation

        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = (
            Organisation.objects.filter(validation=Organisation.Validation.APPROVED)
            .exclude(pk=event.organiser_id or 0)
            .exclude(co_organised__event=event)
            .order_by("name_key")
        )


class BroughtByForm(forms.Form):
    brought_by = forms.ModelChoiceField(
        label=_("Brought by"),
        queryset=None,
        required=False,
        empty_label=_("The organisers"),
    )

    def __init__(self, *args, event: Event, **kwargs):
        from rabta.organisations.models import Organisation

        super().__init__(*args, **kwargs)
        self.fields["brought_by"].queryset = Organisation.objects.filter(
            co_organised__event=event
        ).order_by("name_key")
