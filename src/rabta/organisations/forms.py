"""Forms of the organisation pages. They parse input; the services validate the domain rules."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from rabta.accounts.languages import SPOKEN_LANGUAGES
from rabta.core.fields import TranslatedFormField
from rabta.core.forms import ltr_email_input, ltr_text_input
from rabta.organisations.countries import country_choices
from rabta.organisations.models import Member, Organisation, Sector

# Kept for importers; settings.FORM_RENDERER (core.forms.FormRenderer) finds our templates.
FORM_RENDERER = None


class RabtaForm(forms.Form):
    pass


class SectorChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Sector) -> str:
        return str(obj)


class OrganisationForm(RabtaForm):
    name = TranslatedFormField(
        label=_("Name"), max_length=200, help_text=_("In as many languages as you can.")
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=Organisation.Kind.choices)
    country = forms.ChoiceField(label=_("Country"))
    city = forms.CharField(label=_("City"), required=False, max_length=100)
    sectors = SectorChoiceField(
        label=_("Sectors"),
        queryset=Sector.objects.all(),
        to_field_name="code",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    hs_codes = forms.CharField(
        label=_("HS codes"),
        required=False,
        widget=ltr_text_input(inputmode="numeric"),
        help_text=_(
            "Harmonized System codes of 2, 4 or 6 digits, separated by commas, e.g. 9018, 9019."
        ),
    )
    description = TranslatedFormField(
        label=_("Description"), max_length=5000, multiline=True, required=False
    )
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    email = forms.EmailField(label=_("Contact e-mail"), required=False, widget=ltr_email_input())
    phone = forms.CharField(
        label=_("Contact phone"),
        required=False,
        max_length=40,
        widget=ltr_text_input(type="tel", autocomplete="tel"),
    )
    logo = forms.FileField(
        label=_("Logo"),
        required=False,
        help_text=_("A PNG, JPEG, WebP or GIF image of at most 2 MB."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", "—"), *country_choices()]
        self.fields["logo"].help_text = _(
            "A PNG, JPEG, WebP or GIF image of at most %(max)s MB."
        ) % {"max": settings.RABTA_LOGO_MAX_BYTES // 1024 // 1024}

    def clean_hs_codes(self) -> list[str]:
        """One message per bad code, shown together with the form's other errors."""
        from rabta.organisations.services import parse_hs_codes

        codes, errors = parse_hs_codes(self.cleaned_data.get("hs_codes") or "")
        if errors:
            raise forms.ValidationError(errors)
        return codes

    @classmethod
    def initial_for(cls, organisation: Organisation) -> dict:
        return {
            "name": organisation.name,
            "kind": organisation.kind,
            "country": organisation.country,
            "city": organisation.city,
            "sectors": [sector.code for sector in organisation.sectors.all()],
            "hs_codes": ", ".join(organisation.hs_codes or []),
            "description": organisation.description,
            "website": organisation.website,
            "email": organisation.email,
            "phone": organisation.phone,
        }

    def service_data(self) -> dict:
        """The cleaned values in the shape the services take."""
        data = dict(self.cleaned_data)
        data["sectors"] = [sector.code for sector in data.get("sectors") or []]
        if not data.get("logo"):
            data.pop("logo", None)
        return data


class MemberForm(RabtaForm):
    position = TranslatedFormField(label=_("Position"), max_length=120, required=False)
    spoken_languages = forms.MultipleChoiceField(
        label=_("Languages spoken"),
        choices=SPOKEN_LANGUAGES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The languages this person can hold a meeting in."),
    )
    is_public = forms.BooleanField(
        label=_("Show this person on the public profile"),
        required=False,
        help_text=_("Name, position and languages only; never contact details."),
    )
    role = forms.ChoiceField(label=_("Role"), choices=Member.Role.choices)

    def __init__(self, *args, can_change_role: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not can_change_role:
            del self.fields["role"]


class InvitationForm(RabtaForm):
    email = forms.EmailField(label=_("E-mail address"), widget=ltr_email_input())
    language = forms.ChoiceField(
        label=_("Language of the invitation"),
        choices=settings.LANGUAGES,
        help_text=_("The e-mail is written in this language."),
    )
    role = forms.ChoiceField(
        label=_("Role"), choices=Member.Role.choices, initial=Member.Role.REPRESENTATIVE
    )


class RejectForm(RabtaForm):
    reason = forms.CharField(
        label=_("Reason for rejection"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("The organisation's administrators will read this."),
    )


class JoinRequestForm(RabtaForm):
    organisation = forms.SlugField(widget=forms.HiddenInput, max_length=80)
    message = forms.CharField(
        label=_("Message to the administrators"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Who you are and what you do there: it helps them recognise you."),
    )


class RefuseJoinForm(RabtaForm):
    reason = forms.CharField(
        label=_("Reason (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("The person reads it in the e-mail that tells them."),
    )
