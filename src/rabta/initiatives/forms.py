from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from rabta.core.fields import TranslatedFormField
from rabta.initiatives.models import Initiative


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Initiative.Status.choices)


class MilestoneForm(forms.Form):
    title = TranslatedFormField(label=_("Milestone"), max_length=200)
    due_on = forms.DateField(
        label=_("Due on"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("A date such as 2026-07-06."),
    )


class MilestoneDoneForm(forms.Form):
    done_on = forms.DateField(
        label=_("Done on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
