from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from rabta.reports.models import DealKind, Feedback, ImportJob
from rabta.reports.readers import ENCODINGS


def _yes_or_no(label) -> forms.TypedChoiceField:
    """A required question answered Yes or No (radio buttons), cleaned to True or False."""
    return forms.TypedChoiceField(
        label=label,
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )


class ImportForm(forms.Form):
    kind = forms.ChoiceField(label=_("What to import"), choices=ImportJob.Kind.choices)
    event = forms.ChoiceField(
        label=_("Event (for registrations)"), required=False, choices=[("", "—")]
    )
    file = forms.FileField(
        label=_("File"),
        help_text=_("A .csv or .xlsx file with the template's column names in the first row."),
    )
    encoding = forms.ChoiceField(
        label=_("Encoding of a CSV file"),
        required=False,
        choices=[("", _("Detect it for me"))] + list(ENCODINGS.items()),
    )

    def __init__(self, *args, events=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["event"].choices = [("", "—")] + [(e.slug, str(e)) for e in events]


class ConfirmForm(forms.Form):
    duplicate_action = forms.ChoiceField(
        label=_("Rows that already exist"),
        choices=ImportJob.Duplicates.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    invite = forms.ChoiceField(
        label=_("The people's new accounts"),
        choices=ImportJob.Invite.choices,
        widget=forms.RadioSelect,
        required=False,
        initial=ImportJob.Invite.LATER,
        help_text=_(
            "Each e-mail is written in the person's language (the file's language column)."
        ),
    )


class FeedbackForm(forms.Form):
    took_place = _yes_or_no(_("Did the meeting take place?"))
    interest = forms.TypedChoiceField(
        label=_("Your interest in working together"),
        choices=Feedback.Interest.choices,
        coerce=int,
        initial=Feedback.Interest.NONE,
    )
    deal_kind = forms.ChoiceField(
        label=_("Expected deal"), choices=DealKind.choices, initial=DealKind.NONE
    )
    deal_value = forms.DecimalField(
        label=_("Expected deal size (USD)"),
        required=False,
        min_value=0,
        max_digits=14,
        decimal_places=2,
    )
    follow_up = forms.BooleanField(label=_("A follow-up is planned"), required=False)
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class OutcomeForm(forms.Form):
    """The second-stage survey of one held meeting (reports/outcomes.py)."""

    deal_signed = _yes_or_no(_("Has a deal been signed with them since the event?"))
    deal_kind = forms.ChoiceField(
        label=_("Kind of deal"), choices=DealKind.choices, initial=DealKind.NONE, required=False
    )
    deal_value = forms.DecimalField(
        label=_("Deal value (USD)"), required=False, min_value=0, max_digits=14, decimal_places=2
    )
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
