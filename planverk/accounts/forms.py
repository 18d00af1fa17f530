from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import PasswordChangeForm, UserCreationForm
from django.utils.translation import gettext_lazy as _

from planverk.organizations.models import Organization, Role, Unit


class InvitationForm(forms.Form):
    """Whom to invite to an organisation, and in which role."""

    email = forms.EmailField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"class": "ds-input", "autocomplete": "off"}),
    )
    role = forms.ChoiceField(
        label=_("Role"),
        choices=Role.choices,
        widget=forms.Select(attrs={"class": "ds-input"}),
    )
    units = forms.ModelMultipleChoiceField(
        label=_("Units"),
        queryset=Unit.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "ds-input"}),
        help_text=_("For a unit editor: the units whose measures they may change."),
    )

    def __init__(self, *args: Any, organization: Organization, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        units: Any = self.fields["units"]
        units.queryset = Unit.objects.filter(organization=organization, active=True)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("role") == Role.UNIT_EDITOR and not data.get("units"):
            self.add_error("units", _("Choose at least one unit for a unit editor."))
        elif data.get("role") != Role.UNIT_EDITOR:
            data["units"] = []
        return data


class HistoryAttributionForm(forms.ModelForm):
    """Whom the organisation's public history names for a change."""

    class Meta:
        model = Organization
        fields = ("history_attribution",)
        widgets = {
            "history_attribution": forms.RadioSelect(attrs={"class": "ds-input"})
        }


def _styled(form: forms.BaseForm) -> None:
    for field in form.fields.values():
        field.widget.attrs.setdefault("class", "ds-input")


class SignupForm(UserCreationForm):
    """A local account: a username and a password that passes AUTH_PASSWORD_VALIDATORS."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _styled(self)


class StyledPasswordChangeForm(PasswordChangeForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _styled(self)
