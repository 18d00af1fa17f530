"""The form that starts a strategy from a national agenda."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from planverk.frameworks.models import Framework, FrameworkArea
from planverk.strategies.validation import YEARS, WholeNumberField

# A new strategy's period, unless the editor says otherwise: this year and three more.
DEFAULT_YEARS = 4


class YearField(WholeNumberField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(low=YEARS.start, high=YEARS.stop - 1, **kwargs)


class AreaChoices(forms.ModelMultipleChoiceField):
    """Every loaded agenda's areas; the form keeps those of the agenda chosen."""

    def label_from_instance(self, obj: FrameworkArea) -> str:
        return f"{obj.number}. {obj.title}"


class StartForm(forms.Form):
    """A new draft from a national agenda: its title, period, language and the
    agenda's areas that become its themes (all, unless unticked)."""

    framework = forms.ModelChoiceField(
        label=_("National agenda"),
        queryset=Framework.objects.all(),
        empty_label=None,
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=300,
        help_text=_("For example “IKT-strategi 2025–2028”."),
    )
    period_start = YearField(label=_("First year"))
    period_end = YearField(label=_("Last year"))
    language = forms.ChoiceField(
        label=_("Language of the strategy"), choices=settings.LANGUAGES
    )
    areas = AreaChoices(
        label=_("Areas that become themes"),
        queryset=FrameworkArea.objects.select_related("framework").order_by(
            "framework__name", "number"
        ),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Each area becomes a theme holding the area's national goals. Only "
            "the areas of the chosen agenda count."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        year = dt.date.today().year
        self.initial.setdefault("period_start", year)
        self.initial.setdefault("period_end", year + DEFAULT_YEARS - 1)
        self.initial.setdefault("language", settings.LANGUAGE_CODE)
        # Every area is ticked until the editor unticks it.
        self.initial.setdefault(
            "areas", list(FrameworkArea.objects.values_list("pk", flat=True))
        )
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "ds-input")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, last = data.get("period_start"), data.get("period_end")
        if first is not None and last is not None and first > last:
            self.add_error(
                "period_end", _("The last year cannot come before the first.")
            )
        framework = data.get("framework")
        if framework is not None:
            data["areas"] = [
                a for a in data.get("areas", []) if a.framework_id == framework.pk
            ]
        return data

    def grouped_areas(self) -> list[tuple[Framework, list[Any]]]:
        """The area checkboxes under their agenda, for the template."""
        groups: dict[int, tuple[Framework, list[Any]]] = {}
        for choice in self["areas"]:
            area = choice.data["value"].instance
            groups.setdefault(area.framework_id, (area.framework, []))[1].append(choice)
        return list(groups.values())
