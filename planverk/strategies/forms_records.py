"""Forms for a draft's records: its own fields, action items, stated totals,
chapters, decision rows and glossary terms.

Each takes the values as actions/records.py takes them (``cleaned_data``) and
gives its initial data from a record with ``initial_from``; a form for a
record with a revision carries it, except when it adds a new one.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from planverk.frameworks.models import Framework
from planverk.strategies.actions.records import languages_for, partial_date
from planverk.strategies.choices import ActionCategory
from planverk.strategies.forms_editing import LinesField
from planverk.strategies.limits import MARKDOWN, TEXT, LimitedText, check_points
from planverk.strategies.models import Strategy
from planverk.strategies.validation import (
    YEARS,
    AmountField,
    KeyField,
    WholeNumberField,
    YearRule,
    narrow_years,
    thousands,
    validate_year,
)


class YearField(YearRule, WholeNumberField):
    """A year, within ``years`` (the strategy's, once ``narrow_years`` has run)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(low=YEARS.start, high=YEARS.stop - 1, **kwargs)

    def validate(self, value: Any) -> None:
        super().validate(value)
        if value is not None:
            validate_year(value, self.years)


class PartialDateField(forms.CharField):
    """A date as the source gives it: "2009-12-02", "2009-12" or "2009"."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_length=10, required=False, **kwargs)

    def validate(self, value: Any) -> None:
        super().validate(value)
        try:
            partial_date(value)
        except ValidationError as error:
            raise ValidationError(error.message_dict["date"]) from error


class RecordForm(forms.Form):
    """A record's form: ``revision`` where the record has one, unless *adding*;
    *strategy* is the record's (forms that take years narrow them to its period)."""

    revision = KeyField(widget=forms.HiddenInput, required=False)
    revised = True  # whether the record has a revision

    def __init__(
        self,
        *args: Any,
        strategy: Strategy | None = None,
        adding: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.strategy = strategy
        if adding or not self.revised:
            del self.fields["revision"]
        else:
            self.fields["revision"].required = True
        for field in self.fields.values():
            if not field.widget.is_hidden and not isinstance(
                field.widget, forms.RadioSelect
            ):
                field.widget.attrs.setdefault("class", "ds-input")

    @classmethod
    def initial_from(
        cls, values: dict[str, Any], revision: int | None
    ) -> dict[str, Any]:
        """The initial data for a record's *values* (as the actions take them)."""
        return {**values, "revision": revision}

    def values(self) -> dict[str, Any]:
        """The cleaned values the action takes (without the revision)."""
        return {k: v for k, v in self.cleaned_data.items() if k != "revision"}


def _amount_text(amount: int | None) -> str:
    return "" if amount is None else thousands(amount)


class StrategyFieldsForm(RecordForm):
    title = forms.CharField(label=_("Title"), max_length=300)
    period_start = YearField(label=_("First year"))
    period_end = YearField(label=_("Last year"))
    version_label = forms.CharField(
        label=_("Version"),
        max_length=50,
        required=False,
        help_text=_("For example “1.2”."),
    )
    language = forms.ChoiceField(label=_("Language of the strategy"))
    vision = LimitedText(
        kind=MARKDOWN, label=_("Vision"), widget=forms.Textarea(attrs={"rows": 3})
    )
    framework = forms.ModelChoiceField(
        label=_("National agenda"),
        queryset=Framework.objects.all(),
        required=False,
        empty_label=_("None"),
    )

    def __init__(self, *args: Any, strategy: Strategy, **kwargs: Any) -> None:
        super().__init__(*args, strategy=strategy, **kwargs)
        self.fields["language"].choices = languages_for(strategy)  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, last = data.get("period_start"), data.get("period_end")
        if first is not None and last is not None and last < first:
            self.add_error("period_end", _("The period ends before it begins."))
        return data


class YearsForm(RecordForm):
    """A record over some years of the strategy's period, with an amount in NOK
    (its field named by *amount*) shown as the reader writes it."""

    amount = ""

    def __init__(self, *args: Any, strategy: Strategy, **kwargs: Any) -> None:
        super().__init__(*args, strategy=strategy, **kwargs)
        narrow_years(self, strategy.period_start, strategy.period_end)

    @classmethod
    def initial_from(
        cls, values: dict[str, Any], revision: int | None
    ) -> dict[str, Any]:
        shown = {**values, cls.amount: _amount_text(values.get(cls.amount))}
        return super().initial_from(shown, revision)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, last = data.get("year_start"), data.get("year_end")
        if first is not None and last is not None and last < first:
            self.add_error("year_end", _("The years end before they begin."))
        return data


class ActionItemForm(YearsForm):
    amount = "amount_nok"
    number = forms.CharField(
        label=_("Number"),
        max_length=20,
        required=False,
        help_text=_("Left empty, the item gets the next free number."),
    )
    title = LimitedText(kind=TEXT, label=_("Title"), required=True)
    items = LinesField(
        label=_("Sub-points"),
        help_text=_("One per line."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    category = forms.ChoiceField(
        label=_("Category"), choices=ActionCategory.choices, widget=forms.RadioSelect
    )
    year_start = YearField(label=_("First year"))
    year_end = YearField(label=_("Last year"))
    amount_nok = AmountField(
        label=_("Amount (NOK)"),
        required=False,
        help_text=_("Whole kroner, e.g. 400 000. Leave empty when funded otherwise."),
    )
    funding = forms.CharField(
        label=_("Funding"),
        max_length=300,
        required=False,
        help_text=_(
            "Where the money comes from, when the item has no amount, "
            "e.g. “Sektorfinansiering”."
        ),
    )
    remarks = LimitedText(
        kind=TEXT, label=_("Remarks"), widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, strategy: Strategy, **kwargs: Any) -> None:
        super().__init__(*args, strategy=strategy, **kwargs)
        if "revision" in self.fields:  # an item kept has its number
            self.fields["number"].required = True
            self.fields["number"].help_text = ""

    def clean_items(self) -> list[str]:
        points: list[str] = self.cleaned_data["items"]
        check_points(points, str(self.fields["items"].label))
        return points

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("amount_nok") is not None and data.get("funding"):
            self.add_error(
                "amount_nok",
                _("An item has an amount in NOK or a named funding, not both."),
            )
        return data


class BudgetTotalForm(YearsForm):
    revised = False
    amount = "stated_nok"
    category = forms.ChoiceField(label=_("Category"), choices=ActionCategory.choices)
    year_start = YearField(label=_("First year"))
    year_end = YearField(label=_("Last year"))
    stated_nok = AmountField(
        label=_("Stated total (NOK)"),
        required=False,
        help_text=_("As the document states it; leave empty when it states none."),
    )


class SectionForm(RecordForm):
    number = forms.CharField(
        label=_("Number"),
        max_length=20,
        required=False,
        help_text=_("For example “1.2”; a chapter may have none."),
    )
    title = forms.CharField(label=_("Title"), max_length=300)
    text = LimitedText(
        kind=MARKDOWN,
        label=_("Text"),
        help_text=_("Markdown: *italic*, **bold**, lists, headings and links."),
        widget=forms.Textarea(attrs={"rows": 14}),
    )


class DecisionForm(RecordForm):
    body = forms.CharField(
        label=_("Body"),
        max_length=300,
        help_text=_("Who decided or reviewed, e.g. “Kommunestyret”."),
    )
    date = PartialDateField(
        label=_("Date"),
        help_text=_("As precise as the source: 2009-12-02, 2009-12 or 2009; or empty."),
    )
    reference = forms.CharField(
        label=_("Reference"),
        max_length=100,
        required=False,
        help_text=_("For example “PS 112/23”."),
    )
    note = LimitedText(
        kind=TEXT, label=_("Note"), widget=forms.Textarea(attrs={"rows": 2})
    )


class GlossaryTermForm(RecordForm):
    revised = False
    term = forms.CharField(label=_("Term"), max_length=200)
    definition = LimitedText(
        kind=TEXT, label=_("Definition"), widget=forms.Textarea(attrs={"rows": 2})
    )


class RemoveForm(RecordForm):
    """Confirming a removal, with the reason the history keeps."""

    reason = forms.CharField(
        label=_("Why is it removed?"),
        max_length=100,
        help_text=_("Kept in the history with who removed it and when."),
    )

    def __init__(self, *args: Any, revised: bool, **kwargs: Any) -> None:
        self.revised = revised
        super().__init__(*args, **kwargs)


class MoveForm(RecordForm):
    """Move a record one place up or down."""

    step = forms.TypedChoiceField(choices=[("-1", "up"), ("1", "down")], coerce=int)

    def __init__(self, *args: Any, revised: bool, **kwargs: Any) -> None:
        self.revised = revised
        super().__init__(*args, **kwargs)
