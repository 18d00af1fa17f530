"""Forms of the publishing panel: the approving decision, and an exemption's basis."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from planverk.strategies.choices import EXEMPTION_GROUNDS
from planverk.strategies.validation import DayField


class ApproveForm(forms.Form):
    """The decision that approves a strategy: which body, when, its reference."""

    body = forms.CharField(
        label=_("Deciding body"),
        max_length=300,
        help_text=_("For example “Kommunestyret”."),
        widget=forms.TextInput(attrs={"class": "ds-input"}),
    )
    date = DayField(
        label=_("Date of the decision"),
        widget=forms.DateInput(attrs={"type": "date", "class": "ds-input"}),
    )
    reference = forms.CharField(
        label=_("Decision number"),
        max_length=100,
        required=False,
        help_text=_("For example “PS 112/23”."),
        widget=forms.TextInput(attrs={"class": "ds-input"}),
    )

    def clean_date(self) -> dt.date:
        date: dt.date = self.cleaned_data["date"]
        if date > dt.date.today() + dt.timedelta(days=1):
            raise forms.ValidationError(_("A decision cannot be dated in the future."))
        return date


class ExemptionForm(forms.Form):
    """The legal basis on which a part is withheld from the public, as it will read."""

    ground = forms.ChoiceField(
        label=_("Legal basis"),
        choices=[*EXEMPTION_GROUNDS, ("", _("Another basis: write it below"))],
        required=False,
        widget=forms.Select(attrs={"class": "ds-input"}),
    )
    detail = forms.CharField(
        label=_("Addition to the basis"),
        max_length=150,
        required=False,
        help_text=_(
            "For example “tredje ledd”, or the whole basis when it is another one."
        ),
        widget=forms.TextInput(attrs={"class": "ds-input"}),
    )
    title_shown = forms.BooleanField(
        label=_("The public may see the part's title"),
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "ds-input"}),
    )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        basis = f"{data.get('ground', '')} {data.get('detail', '').strip()}".strip()
        if not basis:
            raise forms.ValidationError(
                _("Choose the legal basis, or write it in the field below.")
            )
        data["basis"] = basis
        return data
