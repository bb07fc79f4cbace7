"""Forms of the accounts pages; they parse input, the services decide and write."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from rabta.accounts.languages import SPOKEN_LANGUAGES


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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [("", _("As my browser asks")), *settings.LANGUAGES]


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the token"),
        max_length=100,
        help_text=_("What will use it, e.g. “CRM export” or “event check-in tablet”."),
    )


class LocalizedPasswordResetForm(PasswordResetForm):
    """Sends the reset e-mail in the language the user chose on their account."""

    def send_mail(self, subject_template_name, email_template_name, context, *args, **kwargs):
        user = context.get("user")
        language = (
            getattr(user, "language", "") or translation.get_language() or settings.LANGUAGE_CODE
        )
        with translation.override(language):
            super().send_mail(subject_template_name, email_template_name, context, *args, **kwargs)


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
