"""Forms for editing a draft: each carries the revision it was loaded at."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Case, Q, Value, When
from django.utils.translation import gettext_lazy as _

from planverk.organizations.models import Unit
from planverk.strategies.actions.editing import Confirmation
from planverk.strategies.choices import AssessmentLevel
from planverk.strategies.limits import MARKDOWN, TEXT, LimitedText, check_points
from planverk.strategies.models import ActionItem, GoalAssessment, Measure
from planverk.strategies.validation import (
    AmountField,
    KeyField,
    MonthField,
    YearRule,
    narrow_years,
    period,
    thousands,
    validate_year,
)


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


class StartsField(YearRule, LinesField):
    """When a measure starts: years or periods, comma-separated ("2024, 2025-2027")."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(separator=",", **kwargs)

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        return [self._start(text) for text in super().to_python(value)]

    def _start(self, text: str) -> str:
        """*text* as the importer writes a start: "2024" or "2024-2027"."""
        years = period(text)
        if years is None:
            raise ValidationError(
                _(
                    "“%(text)s” is not a year or a period; write e.g. 2024 or 2024-2027."
                ),
                code="invalid",
                params={"text": text},
            )
        first, last = years
        for year in years:
            validate_year(year, self.years)
        if last < first:
            raise ValidationError(
                _("%(text)s ends before it begins."),
                code="order",
                params={"text": text},
            )
        return str(first) if first == last else f"{first}-{last}"


class RevisionForm(forms.Form):
    """The revision the editor loaded; the save is refused if the part moved on."""

    revision = KeyField(widget=forms.HiddenInput)

    @classmethod
    def initial_from(cls, values: dict[str, Any], revision: int) -> dict[str, Any]:
        """The form's initial data: a part's *values*, as the editing actions take
        them (stored, or merged after a conflict), loaded at *revision*."""
        return {**values, "revision": revision}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if not field.widget.is_hidden:
                field.widget.attrs.setdefault("class", "ds-input")


class MeasureForm(RevisionForm):
    objective = LimitedText(
        kind=TEXT, label=_("Objective"), widget=forms.Textarea(attrs={"rows": 2})
    )
    description = LimitedText(
        kind=MARKDOWN, label=_("Measure"), widget=forms.Textarea(attrs={"rows": 3})
    )
    items = LinesField(
        label=_("Bullet points"),
        help_text=_(
            "One per line; an empty line removes nothing, a deleted line does."
        ),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    start = StartsField(
        label=_("Start"), help_text=_("Years or periods, comma-separated.")
    )
    group = forms.CharField(label=_("Group"), required=False, max_length=300)
    # Checkboxes in a box of bounded height, with a filter field that
    # static/js/editing.js shows (templates/strategies/edit/_units.html).
    units = forms.ModelMultipleChoiceField(
        label=_("Proposed by / owned by"),
        help_text=_("The units chosen come first."),
        queryset=Unit.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, measure: Measure, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"measure{measure.pk}_%s")
        super().__init__(*args, **kwargs)
        self.measure = measure
        strategy = measure.theme.strategy
        narrow_years(self, strategy.period_start, strategy.period_end)
        # The measure's own units first, in their order; then the others by name.
        owners = [unit.pk for unit in measure.owners]
        # Without owners, no Case: PostgreSQL reads a bare constant as "ORDER BY 0".
        first = Case(
            *(When(pk=pk, then=Value(place)) for place, pk in enumerate(owners)),
            default=Value(len(owners)),
        )
        order = (first, "name") if owners else ("name",)
        # A deactivated unit is offered only to a measure it already owns.
        self.fields["units"].queryset = Unit.objects.filter(  # type: ignore[attr-defined]
            Q(active=True) | Q(pk__in=owners),
            organization_id=measure.theme.strategy.organization_id,
        ).order_by(*order)

    def clean_items(self) -> list[str]:
        points: list[str] = self.cleaned_data["items"]
        check_points(points, str(self.fields["items"].label))
        return points

    def clean_units(self) -> list[Unit]:
        """Units kept stay in their place; new ones follow, by name."""
        chosen = list(self.cleaned_data["units"])
        order = [u.pk for u in self.measure.owners]
        return sorted(
            chosen, key=lambda u: order.index(u.pk) if u.pk in order else len(order)
        )


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
    status_text = LimitedText(
        kind=TEXT, label=_("Status"), widget=forms.Textarea(attrs={"rows": 3})
    )
    as_of = MonthField(label=_("As of (YYYY-MM)"), required=False)

    def __init__(self, *args: Any, assessment: GoalAssessment, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"goal{assessment.pk}_%s")
        super().__init__(*args, **kwargs)
        self.assessment = assessment
        strategy = assessment.strategy
        narrow_years(self, strategy.period_start, strategy.period_end)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        level = data.get("level")
        if level and level != self.assessment.level and not data.get("reason"):
            self.add_error("reason", _("Say why the level changes."))
        return data


class ConfirmLevelsForm(forms.Form):
    """Confirming many suggested levels at once: a row per goal, with its level
    (the suggestion, which the editor may change), the revision it was loaded at,
    and a tick (``chosen``). The button "all" confirms every row the page listed.

    The rows are the goals given (those not yet confirmed); ``moved`` are those
    the editor asked to confirm that are no longer among them (someone else
    confirmed them meanwhile). Valid, ``confirmations`` holds what to confirm.
    """

    CHOSEN = "chosen"
    ALL = "all"

    reason = forms.CharField(
        label=_("Reason, where you change a level"),
        required=False,
        max_length=100,
        help_text=_("Kept in the history of each goal whose level you change."),
    )
    confirm = forms.ChoiceField(
        choices=[(CHOSEN, CHOSEN), (ALL, ALL)], required=False, widget=forms.HiddenInput
    )

    def __init__(self, *args: Any, goals: list[GoalAssessment], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.goals = {goal.pk: goal for goal in goals}
        self.moved: list[int] = []
        self.fields["reason"].widget.attrs["class"] = "ds-input"
        for goal in goals:
            self.fields[f"level-{goal.pk}"] = forms.ChoiceField(
                label=_("Level"),
                choices=AssessmentLevel.choices,
                initial=goal.level,
                required=False,
                widget=forms.Select(attrs={"class": "ds-input"}),
            )
            self.fields[f"revision-{goal.pk}"] = KeyField(
                initial=goal.revision, required=False, widget=forms.HiddenInput
            )

    def rows(self) -> list[dict[str, Any]]:
        """Each goal with its bound level and revision, and whether it is ticked."""
        chosen = set(self._posted("chosen")) if self.is_bound else set()
        return [
            {
                "goal": goal,
                "level": self[f"level-{pk}"],
                "revision": self[f"revision-{pk}"],
                "chosen": pk in chosen,
            }
            for pk, goal in self.goals.items()
        ]

    def _posted(self, prefix: str) -> list[int]:
        """The goals' pks named in the data: as ``chosen`` values, or in field names."""
        if prefix == "chosen":
            values = self.data.getlist("chosen")  # type: ignore[attr-defined]
        else:
            values = [
                key.removeprefix(prefix) for key in self.data if key.startswith(prefix)
            ]
        return [int(value) for value in values if str(value).isdigit()]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        everything = data.get("confirm") == self.ALL
        picked = self._posted("revision-" if everything else "chosen")
        self.moved = [pk for pk in picked if pk not in self.goals]
        if self.moved:
            raise ValidationError(_("Someone else confirmed some of these meanwhile."))
        if not picked:
            raise ValidationError(
                _("Tick the goals to confirm, or confirm all that are listed.")
            )
        confirmations = []
        for pk in dict.fromkeys(picked):
            revision = data.get(f"revision-{pk}")
            level = data.get(f"level-{pk}") or self.goals[pk].level
            if revision is None:
                self.add_error(None, _("The form is incomplete; load the page again."))
                return data
            confirmations.append(Confirmation(self.goals[pk], level, revision))
        if not data.get("reason") and any(
            c.level != c.assessment.level for c in confirmations
        ):
            self.add_error("reason", _("Say why the level changes."))
        data["confirmations"] = confirmations
        return data


class ActionItemForm(RevisionForm):
    amount_nok = AmountField(
        label=_("Amount (NOK)"),
        required=False,
        help_text=_("Whole kroner, e.g. 400 000. Leave empty when funded otherwise."),
    )

    def __init__(self, *args: Any, item: ActionItem, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"item{item.pk}_%s")
        super().__init__(*args, **kwargs)

    @classmethod
    def initial_from(cls, values: dict[str, Any], revision: int) -> dict[str, Any]:
        amount = values["amount_nok"]
        shown = "" if amount is None else thousands(amount)
        return {"amount_nok": shown, "revision": revision}


class MoveForm(RevisionForm):
    """Move one measure up or down in its theme; the revision is the theme's."""

    measure = KeyField(widget=forms.HiddenInput)
    step = forms.TypedChoiceField(choices=[("-1", "up"), ("1", "down")], coerce=int)
