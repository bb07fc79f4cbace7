from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from rabta.core.fields import TranslatedFormField
from rabta.core.lists import split_list
from rabta.organisations.countries import country_choices
from rabta.organisations.models import Sector
from rabta.trade.models import MarketGuide, SectionKind


class GuideForm(forms.Form):
    title = TranslatedFormField(label=_("Title"), max_length=200)
    summary = TranslatedFormField(
        label=_("Summary"), max_length=1000, multiline=True, required=False
    )
    market = forms.ChoiceField(
        label=_("Market"), help_text=_("The country whose market the guide is about.")
    )
    origin = forms.ChoiceField(label=_("For exporters from"), required=False)
    hs_chapters = forms.CharField(
        label=_("HS chapters"),
        required=False,
        help_text=_("Two-digit chapters separated by commas, e.g. 90, 61."),
        widget=forms.TextInput(attrs={"dir": "ltr"}),
    )
    sector = forms.ChoiceField(label=_("Sector"), required=False)
    sources = TranslatedFormField(
        label=_("Sources"), max_length=4000, multiline=True, required=False,
        help_text=_("The laws, regulators and publications the guide rests on, one per line."),
    )  # fmt: skip
    last_reviewed = forms.DateField(
        label=_("Last reviewed"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    status = forms.ChoiceField(label=_("Status"), choices=MarketGuide.Status.choices)
    attachment = forms.FileField(label=_("Add an attachment (PDF or image)"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        countries = country_choices()
        self.fields["market"].choices = countries
        self.fields["origin"].choices = [("", _("Any country")), *countries]
        self.fields["sector"].choices = [("", "—")] + [
            (s.code, str(s)) for s in Sector.objects.order_by("position", "code")
        ]
        for kind, label in SectionKind.choices:
            self.fields[f"section_{kind}"] = TranslatedFormField(
                label=label, max_length=20000, multiline=True, required=False
            )

    def clean_hs_chapters(self) -> list[str]:
        return split_list(self.cleaned_data.get("hs_chapters") or "")

    @classmethod
    def initial_for(cls, guide: MarketGuide) -> dict:
        initial = {
            "title": guide.title, "summary": guide.summary, "market": guide.market,
            "origin": guide.origin, "hs_chapters": ", ".join(guide.hs_chapters or []),
            "sector": guide.sector.code if guide.sector else "", "sources": guide.sources,
            "last_reviewed": guide.last_reviewed, "status": guide.status,
        }  # fmt: skip
        for section in guide.sections.all():
            initial[f"section_{section.kind}"] = section.body
        return initial

    def service_data(self) -> tuple[dict, dict]:
        data = {name: self.cleaned_data.get(name) for name in (
            "title", "summary", "market", "origin", "hs_chapters", "sources", "last_reviewed", "status"
        )}  # fmt: skip
        code = self.cleaned_data.get("sector")
        data["sector"] = Sector.objects.filter(code=code).first() if code else None
        sections = {
            kind: self.cleaned_data.get(f"section_{kind}") or {} for kind in SectionKind.values
        }
        return data, sections
