"""Forms of the accounts pages; they parse input, the services decide and write."""

from __future__ import annotations

from allauth.account.forms import LoginForm as AllauthLoginForm
from allauth.account.forms import ResetPasswordForm as AllauthResetPasswordForm
from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from rabta.accounts.languages import SPOKEN_LANGUAGES
from rabta.core import time_zones


class ProfileForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    language = forms.ChoiceField(
        label=_("Language of the interface"),
        required=False,
        help_text=_("rabta shows its pages and sends its e-mails in this language."),
    )
    spoken_languages = forms.MultipleChoiceField(
        label=_("Languages you speak"),
        required=False,
        choices=SPOKEN_LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Meetings are planned in a language both sides speak; otherwise an interpreter joins."
        ),
    )
    time_zone = forms.ChoiceField(
        label=_("Your time zone"),
        required=False,
        help_text=_("Times of meetings are shown in this zone, on pages, in PDFs and e-mails."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [("", _("As my browser asks")), *settings.LANGUAGES]
        self.fields["time_zone"].choices = [
            ("", _("The site's time zone (%(zone)s)") % {"zone": settings.TIME_ZONE}),
            *time_zones.choices(),
        ]


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the token"),
        max_length=100,
        help_text=_("What will use it, e.g. “CRM export” or “event check-in tablet”."),
    )


class LoginForm(AllauthLoginForm):
    """allauth's login: an e-mail address, or the user name of an account made for you."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        login = self.fields["login"]
        login.label = _("E-mail address or user name")
        login.widget.attrs["placeholder"] = ""
        login.widget.attrs["autocomplete"] = "username"
        login.widget.attrs["autofocus"] = True
        login.widget.attrs["dir"] = "ltr"  # an address or a user name, also on Urdu pages
        if "remember" in self.fields:
            self.fields["remember"].label = _("Keep me logged in on this device")


class SignupForm(AllauthSignupForm):
    """allauth's sign-up (e-mail, password twice) with the person's name first."""

    full_name = forms.CharField(
        label=_("Full name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        help_text=_("As your business partners should see it."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields(["full_name", "email", "password1", "password2"])
        self.fields["email"].widget.attrs["dir"] = "ltr"  # an address, also on Urdu pages

    def clean_full_name(self):
        name = " ".join(self.cleaned_data["full_name"].split())
        if not name:
            raise forms.ValidationError(_("Enter your full name."))
        return name


class ResetPasswordForm(AllauthResetPasswordForm):
    """allauth's "forgotten password" form; the address is typed left to right on Urdu pages."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].widget.attrs["dir"] = "ltr"


class AccountDeleteForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I understand that my account and my data are deleted for good."),
        error_messages={"required": _("Tick the box to confirm.")},
    )


class DateInput(forms.DateInput):
    input_type = "date"


class AuditFilterForm(forms.Form):
    action = forms.ChoiceField(label=_("Action"), required=False)
    actor = forms.CharField(
        label=_("Who"),
        required=False,
        max_length=150,
        help_text=_("User name, e-mail or part of the full name."),
    )
    date_from = forms.DateField(label=_("From"), required=False, widget=DateInput)
    date_to = forms.DateField(label=_("Until"), required=False, widget=DateInput)

    def __init__(self, *args, actions: list[str] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [
            ("", _("All actions")),
            *((action, action) for action in actions),
        ]

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("date_from")
            and cleaned.get("date_to")
            and cleaned["date_from"] > cleaned["date_to"]
        ):
            self.add_error("date_to", _("The end date is before the start date."))
        return cleaned
