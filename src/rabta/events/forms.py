"""Forms of the events pages. They parse input; the services decide and write."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from rabta.accounts.languages import SPOKEN_LANGUAGES
from rabta.events.models import Event, Interpreter, Registration, Session
from rabta.organisations.forms import FORM_RENDERER


class EventForm(forms.ModelForm):
    default_renderer = FORM_RENDERER  # finds the translated-field widget template

    class Meta:
        model = Event
        fields = [
            "name", "slug", "description", "venue", "city", "time_zone", "registration_opens",
            "registration_closes", "requests_open", "requests_close", "max_meetings", "request_mode",
            "scheduling_mode", "is_listed",
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


class TablesForm(forms.Form):
    count = forms.IntegerField(
        label=_("Number of tables to add"), min_value=1, max_value=1000, initial=10
    )


class InterpreterForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=150)
    languages = forms.MultipleChoiceField(
        label=_("Languages"), choices=SPOKEN_LANGUAGES, widget=forms.CheckboxSelectMultiple
    )
    sessions = forms.ModelMultipleChoiceField(
        label=_("Available in (none: every session)"),
        queryset=Session.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, event: Event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sessions"].queryset = Session.objects.for_event(event)


class InviteForm(forms.Form):
    emails = forms.CharField(
        label=_("E-mail addresses (one a line)"), widget=forms.Textarea(attrs={"rows": 4})
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
        self.fields["attendees"].queryset = User.objects.filter(
            memberships__organisation=organisation
        ).order_by("full_name")
        self.fields["sessions"].queryset = Session.objects.for_event(event)


class RequestForm(forms.Form):
    message = forms.CharField(
        label=_("Message (optional)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


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
    code = forms.CharField(label=_("Badge code"), max_length=20)


class AttendanceForm(forms.Form):
    attendance = forms.ChoiceField(label=_("Attendance"), choices=Registration.Attendance.choices)
    arrives_at = forms.TimeField(
        label=_("Arrives at"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )


class InterpreterChoiceForm(forms.Form):
    interpreter = forms.ModelChoiceField(
        label=_("Interpreter"), queryset=Interpreter.objects.none()
    )
