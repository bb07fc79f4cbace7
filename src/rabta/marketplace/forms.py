"""Forms of the marketplace pages. They only parse: the services validate and save."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from rabta.accounts.languages import SPOKEN_LANGUAGES, spoken_language_name
from rabta.core.fields import TranslatedFormField
from rabta.core.forms import LongSelect, ltr_text_input
from rabta.core.i18n import content_languages
from rabta.core.lists import split_list
from rabta.marketplace.models import Kind, Role
from rabta.marketplace.suggestions import heading_label, suggest
from rabta.marketplace.validation import DETAIL_FIELDS, EDUCATION_FORMATS, INCOTERMS
from rabta.organisations.countries import country_choices
from rabta.organisations.selectors import sector_choices

DETAIL_LABELS = {
    "product": _("Product"),
    "capacity": _("Production capacity"),
    "certifications": _("Certifications (comma-separated)"),
    "volume": _("Volume needed"),
    "price_min": _("Lowest target price"),
    "price_max": _("Highest target price"),
    "currency": _("Currency (e.g. USD)"),
    "incoterms": _("Incoterms (comma-separated, e.g. FOB, CIF)"),
    "size": _("Size of the investment"),
    "we_bring": _("What we bring"),
    "partner_brings": _("What the partner brings"),
    "technology": _("Technology"),
    "stage": _("Stage of development"),
    "format": _("Format"),
    "programme": _("Programme"),
    "project": _("Project"),
    "source_language": _("Source language"),
    "target_language": _("Target language"),
}
FORMAT_LABELS = {
    "joint_programme": _("Joint programme"),
    "language_course": _("Language course"),
    "exchange": _("Exchange"),
    "other": _("Other"),
}
ALL_DETAILS = list(dict.fromkeys(name for fields in DETAIL_FIELDS.values() for name in fields))


def _languages():
    return [(code, spoken_language_name(code)) for code in content_languages()]


def _sectors():
    from rabta.organisations.models import Sector

    return [(sector.code, str(sector)) for sector in Sector.objects.all()]


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("Any kind")), *Kind.choices]
    )
    sector = forms.ChoiceField(label=_("Sector"), required=False, widget=LongSelect)
    hs = forms.CharField(
        label=_("HS code"), required=False, max_length=8, help_text=_("2, 4 or 6 digits")
    )
    country = forms.ChoiceField(label=_("Country"), required=False, widget=LongSelect)
    language = forms.ChoiceField(
        label=_("Language of work"),
        required=False,
        choices=[("", _("Any language")), *SPOKEN_LANGUAGES],
    )
    trend = forms.ChoiceField(
        label=_("Trade trend of the goods"),
        required=False,
        choices=[
            ("", _("Any trend")),
            ("growing", _("Growing trade (HS chapter, last year)")),
            ("shrinking", _("Shrinking trade (HS chapter, last year)")),
        ],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sector"].choices = [("", _("Any sector")), *sector_choices()]
        self.fields["country"].choices = [("", _("Any country")), *country_choices()]


class HeadingsField(forms.MultipleChoiceField):
    """Ticked 4-digit HS headings; the choices shown are the text's suggestions of the moment."""

    def valid_value(self, value) -> bool:
        return isinstance(value, str) and len(value) == 4 and value.isdigit()


class OpportunityForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Kind.choices)
    role = forms.ChoiceField(
        label=_("Your side"),
        choices=Role.choices,
        initial=Role.OFFER,
        help_text=_("For export offers and sourcing requests the side is set by the kind."),
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages of the texts"),
        choices=_languages,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    title = TranslatedFormField(label=_("Title"), max_length=200, required=False)
    description = TranslatedFormField(
        label=_("Description"), max_length=5000, multiline=True, required=False
    )
    work_languages = forms.MultipleChoiceField(
        label=_("Languages of work"),
        choices=SPOKEN_LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    sector_codes = forms.MultipleChoiceField(
        label=_("Sectors"), choices=_sectors, widget=forms.CheckboxSelectMultiple, required=False
    )
    hs_codes = forms.CharField(
        label=_("HS codes"),
        required=False,
        widget=ltr_text_input(inputmode="numeric"),
        help_text=_(
            "Optional. 2, 4 or 6 digits each, separated by commas: 9018, 901890. Left empty, the headings proposed by your text are used."
        ),
    )
    suggested_hs = HeadingsField(
        label=_("HS headings proposed by your text"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick those that fit your goods to add them to the HS codes."),
    )
    countries = forms.CharField(
        label=_("Target countries"),
        required=False,
        help_text=_("ISO codes separated by commas: RU, KZ"),
    )
    deadline = forms.DateField(
        label=_("Deadline"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, organisations=(), **kwargs):
        """``organisations``: those the author acts for; with more than one, they choose which
        one publishes (else it would silently be the first they joined)."""
        super().__init__(*args, **kwargs)
        self.proposal_tried = False
        self.proposal_typed = False  # every heading the text proposes is in the HS codes already
        organisations = list(organisations)
        if len(organisations) > 1:
            self.fields["organisation"] = forms.TypedChoiceField(
                label=_("Published by"),
                choices=[("", "—")] + [(o.pk, str(o)) for o in organisations],
                coerce=int,
            )
            self.order_fields(["organisation"])
        for name in ALL_DETAILS:
            self.fields[f"detail_{name}"] = self._detail_field(name)

    @staticmethod
    def _detail_field(name: str) -> forms.Field:
        label = DETAIL_LABELS.get(name, name)
        if name == "format":
            return forms.ChoiceField(
                label=label,
                required=False,
                choices=[("", "—"), *[(c, FORMAT_LABELS[c]) for c in EDUCATION_FORMATS]],
            )
        if name in ("source_language", "target_language"):
            return forms.ChoiceField(
                label=label, required=False, choices=[("", "—"), *SPOKEN_LANGUAGES]
            )
        if name == "incoterms":
            return forms.CharField(label=label, required=False, help_text=", ".join(INCOTERMS))
        return forms.CharField(label=label, required=False, max_length=500)

    def propose_headings(self, language: str, *, stored: list[str] | None = None) -> None:
        """Offer the HS headings the text proposes (the posted text, else the stored proposal)."""
        data = getattr(self, "cleaned_data", None)
        if data is not None and self.is_bound:
            details = {"product": data.get("detail_product") or ""}
            headings = [
                s.heading
                for s in suggest(
                    title=data.get("title"), description=data.get("description"), details=details
                )
            ]
        else:
            headings = list(stored or [])
        typed = split_list(str(self["hs_codes"].value() or ""), spaces=True)
        chosen = {"".join(ch for ch in code if ch.isdigit())[:4] for code in typed}
        self.fields["suggested_hs"].choices = [
            (heading, heading_label(heading, language))
            for heading in headings
            if heading not in chosen
        ]
        self.proposal_tried = True
        self.proposal_typed = bool(headings) and not self.fields["suggested_hs"].choices

    def detail_fields(self):
        return [self[f"detail_{name}"] for name in ALL_DETAILS]

    def to_data(self) -> dict[str, Any]:
        """The service's input: kind-specific details only, lists split."""
        data = self.cleaned_data
        kind = data.get("kind")
        details = {}
        for name in DETAIL_FIELDS.get(kind, {}):
            value = data.get(f"detail_{name}")
            if value:
                details[name] = value
        return {
            "kind": kind,
            "role": data.get("role"),
            # Nothing ticked: the languages the title is written in (a Russian title alone is
            # a Russian opportunity) rather than an error the author has to go back for.
            "languages": data.get("languages")
            or [code for code in content_languages() if (data.get("title") or {}).get(code)],
            "title": data.get("title") or {},
            "description": data.get("description") or {},
            "work_languages": data.get("work_languages") or [],
            "sector_codes": data.get("sector_codes") or [],
            "hs_codes": ", ".join(
                c for c in (data.get("hs_codes"), *(data.get("suggested_hs") or [])) if c
            ),
            "countries": data.get("countries") or "",
            "deadline": data.get("deadline"),
            "details": details,
        }

    @classmethod
    def initial_from(cls, values: dict[str, Any]) -> dict[str, Any]:
        initial = {key: value for key, value in values.items() if key != "details"}
        initial["hs_codes"] = ", ".join(values.get("hs_codes") or [])
        initial["countries"] = ", ".join(values.get("countries") or [])
        for name, value in (values.get("details") or {}).items():
            initial[f"detail_{name}"] = ", ".join(value) if isinstance(value, list) else value
        return initial

    def add_service_errors(self, field_errors: dict[str, list[str]]) -> None:
        for field, messages in field_errors.items():
            name = f"detail_{field.split('.', 1)[1]}" if field.startswith("details.") else field
            for message in messages:
                self.add_error(name if name in self.fields else None, message)


class InterestForm(forms.Form):
    message = forms.CharField(
        label=_("Message to the owner"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("File (PDF or image)"))


class ModerationForm(forms.Form):
    note = forms.CharField(label=_("Reason, shown to the owner"), required=False, max_length=1000)
