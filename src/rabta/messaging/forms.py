from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from rabta.events.models import Registration
from rabta.messaging.models import Announcement, EmailChoice
from rabta.messaging.services import ANNOUNCEMENT_MAX_LENGTH, MESSAGE_MAX_LENGTH
from rabta.organisations.models import Sector


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Your message"),
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
        help_text=_("Shown as you write it. Your e-mail address and phone number are not shown."),
    )


class AnnouncementForm(forms.Form):
    audience = forms.ChoiceField(label=_("Send to"), choices=Announcement.Audience.choices)
    country = forms.CharField(
        label=_("Country (ISO code, e.g. PK or RU)"), max_length=2, required=False,
        widget=forms.TextInput(attrs={"dir": "ltr", "size": 3}),
    )  # fmt: skip
    sector = forms.ModelChoiceField(
        label=_("Sector"), queryset=Sector.objects.all(), required=False
    )
    status = forms.ChoiceField(
        label=_("Registration state"),
        choices=[("", "—"), *Registration.Status.choices],
        required=False,
    )
    body = forms.CharField(
        label=_("Announcement"),
        max_length=ANNOUNCEMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6, "dir": "auto"}),
    )


class EmailChoiceForm(forms.ModelForm):
    class Meta:
        model = EmailChoice
        fields = list(EmailChoice.CATEGORIES)
