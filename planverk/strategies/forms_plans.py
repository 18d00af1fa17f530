"""Forms for action plans and their actions (views/plans.py).

Each gives its values as actions/plans.py takes them; an action's served
measures and its budget per year come apart (``measures``, ``budget``).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from planverk.organizations.models import Unit
from planverk.strategies.choices import ActionCategory
from planverk.strategies.forms_records import RecordForm, YearField
from planverk.strategies.limits import TEXT, LimitedText
from planverk.strategies.models import ActionPlan, Measure, Strategy
from planverk.strategies.models.plans import ActionStatus
from planverk.strategies.validation import AmountField


def _units(strategy: Strategy) -> Any:
    return Unit.objects.filter(organization_id=strategy.organization_id)


class PlanFieldsForm(RecordForm):
    """A plan's title and period."""

    title = forms.CharField(label=_("Title"), max_length=300)
    year_start = YearField(label=_("First year"))
    year_end = YearField(label=_("Last year"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, last = data.get("year_start"), data.get("year_end")
        if first is not None and last is not None and last < first:
            self.add_error("year_end", _("The period ends before it begins."))
        return data


class NewPlanForm(PlanFieldsForm):
    """A new plan: whose (the organisation's or a unit's), its period, a title."""

    field_order = ("unit", "year_start", "year_end", "title")
    unit = forms.ModelChoiceField(
        label=_("Whose plan"),
        queryset=Unit.objects.none(),
        required=False,
        empty_label=_("The whole organisation"),
    )

    def __init__(self, *args: Any, strategy: Strategy, **kwargs: Any) -> None:
        super().__init__(*args, strategy=strategy, adding=True, **kwargs)
        self.fields["unit"].queryset = _units(strategy)  # type: ignore[attr-defined]
        title = self.fields["title"]
        title.required = False
        title.help_text = _("Left empty: “Action plan” and its years.")


class ActionForm(RecordForm):
    """An action of a plan: its fields, the measures it serves (checkboxes grouped
    by theme) and its budget for each of the plan's years (``budget_<year>``)."""

    number = forms.CharField(
        label=_("Number"),
        max_length=20,
        required=False,
        help_text=_("Left empty, the action gets the next free number."),
    )
    title = LimitedText(kind=TEXT, label=_("Title"), required=True)
    description = LimitedText(
        kind=TEXT, label=_("Description"), widget=forms.Textarea(attrs={"rows": 3})
    )
    measures = forms.MultipleChoiceField(
        label=_("Measures it serves"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    outside_strategy = forms.BooleanField(
        label=_("Outside the strategy"),
        required=False,
        help_text=_("It serves none of the strategy's measures, on purpose."),
    )
    unit = forms.ModelChoiceField(
        label=_("Responsible unit"), queryset=Unit.objects.none(), required=False
    )
    role = forms.CharField(
        label=_("Role"),
        max_length=100,
        required=False,
        help_text=_("For example “prosjektleder” or “systemeier”."),
    )
    start = forms.DateField(
        label=_("Start"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    deadline = forms.DateField(
        label=_("Deadline"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    category = forms.ChoiceField(
        label=_("Category"), choices=ActionCategory.choices, widget=forms.RadioSelect
    )
    funding = forms.CharField(
        label=_("Funding"),
        max_length=300,
        required=False,
        help_text=_("For example operating budget, investment budget or a grant."),
    )
    status = forms.ChoiceField(label=_("Status"), choices=ActionStatus.choices)
    remarks = LimitedText(
        kind=TEXT, label=_("Remarks"), widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(
        self,
        *args: Any,
        plan: ActionPlan,
        measures: list[Measure],
        **kwargs: Any,
    ) -> None:
        self.plan = plan
        self.years = list(range(plan.year_start, plan.year_end + 1))
        super().__init__(*args, strategy=plan.strategy, **kwargs)
        if "revision" in self.fields:  # an action kept has its number
            self.fields["number"].required = True
        self.fields["unit"].queryset = _units(plan.strategy)  # type: ignore[attr-defined]
        self.fields["measures"].choices = _grouped(measures)  # type: ignore[attr-defined]
        for year in self.years:
            self.fields[f"budget_{year}"] = AmountField(
                label=_("Budget %(year)s (NOK)") % {"year": year},
                required=False,
                widget=forms.TextInput(
                    attrs={"inputmode": "numeric", "class": "ds-input"}
                ),
            )

    @property
    def measure_groups(self) -> list[tuple[str, list[Any]]]:
        """The measure checkboxes under their themes' names, for the template."""
        boxes = list(self["measures"])
        groups: list[tuple[str, list[Any]]] = []
        index = 0
        for theme, choices in self.fields["measures"].choices:  # type: ignore[attr-defined]
            groups.append((theme, boxes[index : index + len(choices)]))
            index += len(choices)
        return groups

    @property
    def budget_fields(self) -> list[Any]:
        return [self[f"budget_{year}"] for year in self.years]

    def values(self) -> dict[str, Any]:
        return {
            k: v
            for k, v in self.cleaned_data.items()
            if k not in ("revision", "measures") and not k.startswith("budget_")
        }

    def served(self) -> list[str]:
        return list(self.cleaned_data.get("measures") or [])

    def budget(self) -> dict[int, int | None]:
        return {year: self.cleaned_data.get(f"budget_{year}") for year in self.years}


def _grouped(measures: list[Measure]) -> list[tuple[str, list[tuple[str, str]]]]:
    groups: dict[str, list[tuple[str, str]]] = {}
    for measure in measures:
        theme = f"{measure.theme.number}. {measure.theme.title}"
        label = f"{measure.number} {measure.objective}"[:200]
        groups.setdefault(theme, []).append((measure.key, label))
    return list(groups.items())


class ApproveForm(RecordForm):
    """The decision that approves a plan."""

    revised = False
    body = forms.CharField(
        label=_("Decided by"),
        max_length=300,
        help_text=_("For example “Kommunestyret”."),
    )
    date = forms.DateField(
        label=_("Date"), widget=forms.DateInput(attrs={"type": "date"})
    )
    reference = forms.CharField(
        label=_("Reference"),
        max_length=100,
        required=False,
        help_text=_("The case or decision number, e.g. “PS 12/2011”."),
    )
