"""Forms for editing a draft: each carries the revision it was loaded at."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from planverk.organizations.models import Unit
from planverk.strategies.choices import AssessmentLevel
from planverk.strategies.models import ActionItem, GoalAssessment, Measure


class LinesField(forms.CharField):
    """A list of texts, one per line (bullets) or separated by *separator*."""

    def __init__(self, *, separator: str = "\n", **kwargs: Any) -> None:
        self.separator = separator
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list):
            return (self.separator if self.separator == "\n" else ", ").join(value)
        return value

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        text = super().to_python(value) or ""
        return [part.strip() for part in text.split(self.separator) if part.strip()]


class RevisionForm(forms.Form):
    """The revision the editor loaded; the save is refused if the part moved on."""

    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if not field.widget.is_hidden:
                field.widget.attrs.setdefault("class", "ds-input")


class MeasureForm(RevisionForm):
    objective = forms.CharField(
        label=_("Objective"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    description = forms.CharField(
        label=_("Measure"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    items = LinesField(
        label=_("Bullet points"),
        help_text=_(
            "One per line; an empty line removes nothing, a deleted line does."
        ),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    start = LinesField(
        label=_("Start"),
        separator=",",
        help_text=_("Years or periods, comma-separated."),
    )
    group = forms.CharField(label=_("Group"), required=False, max_length=300)
    units = forms.ModelMultipleChoiceField(
        label=_("Proposed by / owned by"),
        queryset=Unit.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, measure: Measure, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"measure{measure.pk}_%s")
        super().__init__(*args, **kwargs)
        self.measure = measure
        self.fields["units"].queryset = Unit.objects.filter(  # type: ignore[attr-defined]
            organization_id=measure.theme.strategy.organization_id
        )

    def clean_units(self) -> list[Unit]:
        """Units kept stay in their place; new ones follow, by name."""
        chosen = list(self.cleaned_data["units"])
        order = [u.pk for u in self.measure.owners]
        return sorted(
            chosen, key=lambda u: order.index(u.pk) if u.pk in order else len(order)
        )


def measure_initial(measure: Measure) -> dict[str, Any]:
    """The values a measure form starts from: what is stored now."""
    values = {name: getattr(measure, name) for name in MEASURE_VALUES}
    return {**values, "units": measure.owners, "revision": measure.revision}


MEASURE_VALUES = ("objective", "description", "items", "start", "group")


class AssessmentForm(RevisionForm):
    level = forms.ChoiceField(
        label=_("Status level"),
        choices=AssessmentLevel.choices,
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason for the change"),
        required=False,
        max_length=100,
        help_text=_("Needed when the level changes; kept in the history."),
    )
    status_text = forms.CharField(
        label=_("Status"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    as_of = forms.RegexField(
        label=_("As of (YYYY-MM)"),
        regex=r"^(\d{4}(-\d{2})?)?$",
        required=False,
        max_length=7,
        error_messages={"invalid": _("Write the month as YYYY-MM, e.g. 2024-09.")},
    )

    def __init__(self, *args: Any, assessment: GoalAssessment, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"goal{assessment.pk}_%s")
        super().__init__(*args, **kwargs)
        self.assessment = assessment

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        level = data.get("level")
        if level and level != self.assessment.level and not data.get("reason"):
            self.add_error("reason", _("Say why the level changes."))
        return data


def assessment_initial(assessment: GoalAssessment) -> dict[str, Any]:
    return {
        "level": assessment.level,
        "status_text": assessment.status_text,
        "as_of": assessment.as_of,
        "revision": assessment.revision,
    }


class ActionItemForm(RevisionForm):
    amount_nok = forms.CharField(
        label=_("Amount (NOK)"),
        required=False,
        help_text=_("Whole kroner, e.g. 400 000. Leave empty when funded otherwise."),
    )

    def __init__(self, *args: Any, item: ActionItem, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"item{item.pk}_%s")
        super().__init__(*args, **kwargs)

    def clean_amount_nok(self) -> int | None:
        text = "".join(self.cleaned_data["amount_nok"].split()).replace(".", "")
        if not text:
            return None
        if not text.isdigit():
            raise forms.ValidationError(
                _("Write the amount as a whole number of kroner.")
            )
        return int(text)


def action_item_initial(item: ActionItem) -> dict[str, Any]:
    amount = "" if item.amount_nok is None else f"{item.amount_nok:,}".replace(",", " ")
    return {"amount_nok": amount, "revision": item.revision}


class MoveForm(RevisionForm):
    """Move one measure up or down in its theme; the revision is the theme's."""

    measure = forms.IntegerField(widget=forms.HiddenInput)
    step = forms.TypedChoiceField(choices=[("-1", "up"), ("1", "down")], coerce=int)
