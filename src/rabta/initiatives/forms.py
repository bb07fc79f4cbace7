from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from rabta.core.fields import TranslatedFormField
from rabta.events.models import Event
from rabta.events.selectors import visible_events
from rabta.initiatives.models import Initiative
from rabta.organisations.models import Organisation


class InitiativeForm(forms.Form):
    title = TranslatedFormField(label=_("Title"), max_length=200)
    description = TranslatedFormField(
        label=_("Description"), max_length=5000, multiline=True, required=False
    )
    status = forms.ChoiceField(label=_("Status"), choices=Initiative.Status.choices)
    proposed_at = forms.CharField(
        label=_("Proposed at"),
        max_length=200,
        required=False,
        help_text=_("Where the proposal was made, e.g. a roundtable or a commission session."),
    )
    owners = forms.ModelMultipleChoiceField(
        label=_("Owner organisations"), queryset=Organisation.objects.none(), required=False
    )
    events = forms.ModelMultipleChoiceField(
        label=_("Linked events"), queryset=Event.objects.none(), required=False
    )
    is_public = forms.BooleanField(
        label=_("Show it on the public list"), required=False, initial=True
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owners"].queryset = Organisation.objects.filter(
            validation=Organisation.Validation.APPROVED
        ).order_by("name_key")
        self.fields["events"].queryset = visible_events(user)


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
