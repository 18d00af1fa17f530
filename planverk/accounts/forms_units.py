"""Forms of the unit register and of creating an organisation."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from planverk.accounts.units import NAME_LENGTH
from planverk.organizations.models import Organization, OrganizationKind, Unit

# The countries Planverk serves; the Django admin takes any other code.
COUNTRIES = (("NO", _("Norway")), ("LT", _("Lithuania")))


class UnitChoiceField(forms.ModelChoiceField):
    """A unit of the organisation, a deactivated one marked so."""

    def label_from_instance(self, obj: Unit) -> str:
        if obj.active:
            return obj.name
        return _("%(name)s (deactivated)") % {"name": obj.name}


def _styled(form: forms.BaseForm) -> None:
    for field in form.fields.values():
        if not field.widget.is_hidden:
            field.widget.attrs.setdefault("class", "ds-input")


class UnitNameForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=NAME_LENGTH)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _styled(self)


class AddUnitForm(UnitNameForm):
    parent = UnitChoiceField(
        label=_("Part of"),
        queryset=Unit.objects.none(),
        required=False,
        empty_label=_("No unit above it"),
    )

    def __init__(self, *args: Any, organization: Organization, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "new_unit_%s")
        super().__init__(*args, **kwargs)
        parent: Any = self.fields["parent"]
        parent.queryset = organization.units.order_by("name")


class ParentForm(forms.Form):
    """The unit above *unit*: any of the organisation's but itself and those under it."""

    parent = UnitChoiceField(
        label=_("Part of"),
        queryset=Unit.objects.none(),
        required=False,
        empty_label=_("No unit above it"),
    )

    def __init__(self, *args: Any, unit: Unit, below: set[int], **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"unit{unit.pk}_%s")
        kwargs.setdefault("initial", {"parent": unit.parent_id})
        super().__init__(*args, **kwargs)
        # The action refuses a cycle too; offering none spares the error.
        parent: Any = self.fields["parent"]
        parent.queryset = (
            Unit.objects.filter(organization_id=unit.organization_id)
            .exclude(pk__in={unit.pk, *below})
            .order_by("name")
        )
        _styled(self)


class MergeForm(forms.Form):
    """Which unit is merged (and goes), and which it is merged into (and stays)."""

    merged = UnitChoiceField(
        label=_("Unit to merge (it is removed)"),
        queryset=Unit.objects.none(),
        empty_label=_("Choose a unit"),
    )
    kept = UnitChoiceField(
        label=_("Into the unit kept"),
        queryset=Unit.objects.none(),
        empty_label=_("Choose a unit"),
    )

    def __init__(self, *args: Any, organization: Organization, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "merge_%s")
        super().__init__(*args, **kwargs)
        for name in ("kept", "merged"):
            field: Any = self.fields[name]
            field.queryset = organization.units.order_by("name")
        _styled(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("kept") and data.get("kept") == data.get("merged"):
            self.add_error("merged", _("Choose another unit than the one kept."))
        return data


class OrganizationForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=200,
        help_text=_("Its address is made from the name: Liøy kommune → lioy-kommune."),
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=OrganizationKind.choices)
    country = forms.ChoiceField(label=_("Country"), choices=COUNTRIES)
    code = forms.CharField(
        label=_("National number"),
        max_length=20,
        required=False,
        help_text=_("The municipality or county number, e.g. 3030."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _styled(self)
