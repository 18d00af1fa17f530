"""Forms for writing a draft's structure: themes, measures, goal statuses, and
confirming a removal, a renumbering or an undo (views/authoring.py)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from planverk.frameworks.models import FrameworkArea, FrameworkGoal
from planverk.organizations.models import Unit
from planverk.strategies.choices import AssessmentLevel
from planverk.strategies.forms_editing import MeasureForm, RevisionForm
from planverk.strategies.limits import MARKDOWN, TEXT, LimitedText
from planverk.strategies.models import Strategy, Theme
from planverk.strategies.validation import (
    KeyField,
    MonthField,
    WholeNumberField,
    narrow_years,
)

# What simple-history keeps of a reason (history_change_reason is 100 characters).
REASON_LENGTH = 100


class StyledForm(forms.Form):
    """A form whose visible fields carry the design system's input class."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if not field.widget.is_hidden and not isinstance(
                field.widget, forms.CheckboxSelectMultiple | forms.RadioSelect
            ):
                field.widget.attrs.setdefault("class", "ds-input")


def number_field(help_text: Any, required: bool = True) -> forms.CharField:
    return forms.CharField(
        label=_("Number"), max_length=20, help_text=help_text, required=required
    )


class ThemeForm(StyledForm):
    """A new theme, or a theme's own fields; its national area is one of the
    strategy's agenda or written out."""

    number = number_field(_("E.g. 7 or 2.1; no other theme may have it."))
    title = forms.CharField(label=_("Title"), max_length=300)
    text = LimitedText(
        kind=MARKDOWN,
        label=_("Introduction"),
        help_text=_("Markdown: **bold**, *italic*, lists with -, links."),
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    framework_area: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("National area"),
        queryset=None,
        required=False,
        empty_label=_("None, or written out below"),
    )
    framework_area_title = forms.CharField(
        label=_("National area, written out"),
        required=False,
        max_length=300,
        help_text=_("Only when the area is not one of the national agenda's."),
    )

    def __init__(self, *args: Any, strategy: Strategy, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "theme_%s")
        super().__init__(*args, **kwargs)
        area = self.fields["framework_area"]
        if strategy.framework_id is None:
            del self.fields["framework_area"]
        else:
            area.queryset = FrameworkArea.objects.filter(  # type: ignore[attr-defined]
                framework_id=strategy.framework_id
            )


class ThemeSettingsForm(ThemeForm):
    revision = KeyField(widget=forms.HiddenInput)


class NewMeasureForm(MeasureForm):
    """A new measure of *theme*: MeasureForm's fields, with a number, and no
    revision (there is none yet)."""

    revision = None  # type: ignore[assignment]
    number = number_field(
        _("The next free number is filled in; left empty, it is given."),
        required=False,
    )
    field_order = ["number"]

    def __init__(self, *args: Any, theme: Theme, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "new_measure_%s")
        # MeasureForm's own __init__ orders the units of a measure that exists.
        RevisionForm.__init__(self, *args, **kwargs)
        strategy = theme.strategy
        narrow_years(self, strategy.period_start, strategy.period_end)
        self.fields["units"].queryset = Unit.objects.filter(  # type: ignore[attr-defined]
            organization_id=strategy.organization_id, active=True
        ).order_by("name")

    def clean_units(self) -> list[Unit]:
        return list(self.cleaned_data["units"])


class GoalChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name}: {obj.text}"


class NewAssessmentForm(StyledForm):
    """A status on a national goal: one of the agenda's goals the strategy has
    no status on yet, or a goal written free-hand (area, number, deadline, text)."""

    framework_goal = GoalChoiceField(
        label=_("Goal of the national agenda"),
        queryset=None,
        required=False,
        empty_label=_("None: written free-hand below"),
        help_text=_("Its area, number, deadline and text come from the agenda."),
    )
    area = forms.CharField(label=_("Area"), required=False, max_length=300)
    number = WholeNumberField(label=_("Number in the area"), required=False, high=999)
    deadline = WholeNumberField(label=_("Deadline (year)"), required=False, high=2100)
    goal_text = LimitedText(
        kind=TEXT, label=_("Goal"), widget=forms.Textarea(attrs={"rows": 2})
    )
    theme_number = forms.ChoiceField(label=_("Theme"), required=False)
    level = forms.ChoiceField(
        label=_("Status level"),
        choices=AssessmentLevel.choices,
        initial=AssessmentLevel.UNKNOWN,
        widget=forms.RadioSelect,
    )
    status_text = LimitedText(
        kind=TEXT, label=_("Status"), widget=forms.Textarea(attrs={"rows": 3})
    )
    as_of = MonthField(label=_("As of (YYYY-MM)"), required=False)

    def __init__(self, *args: Any, strategy: Strategy, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "new_goal_%s")
        super().__init__(*args, **kwargs)
        narrow_years(self, strategy.period_start, strategy.period_end)
        goals = self.fields["framework_goal"]
        if strategy.framework_id is None:
            del self.fields["framework_goal"]
        else:
            assessed = strategy.goal_assessments.filter(framework_goal__isnull=False)
            goals.queryset = (  # type: ignore[attr-defined]
                FrameworkGoal.objects.filter(area__framework_id=strategy.framework_id)
                .exclude(pk__in=assessed.values("framework_goal"))
                .select_related("area")
            )
        themes = strategy.themes.values_list("number", "title")
        self.fields["theme_number"].choices = [  # type: ignore[attr-defined]
            ("", _("Under the theme of its area, or none")),
            *((number, f"{number}. {title}") for number, title in themes),
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("framework_goal") is None:
            if not data.get("area"):
                self.add_error("area", _("Name the goal's area, or choose a goal."))
            if not data.get("goal_text"):
                self.add_error("goal_text", _("Write the goal, or choose one."))
        return data


class RemoveForm(StyledForm):
    """Confirming a removal: why (kept in the history), and the revision shown."""

    revision = KeyField(widget=forms.HiddenInput, required=False)
    reason = forms.CharField(
        label=_("Why is it removed?"),
        max_length=REASON_LENGTH,
        help_text=_("Kept in the history with your name and the time."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "remove_%s")
        super().__init__(*args, **kwargs)


class RenumberForm(RevisionForm):
    """Renumbering a theme's measures as shown; the revision is the theme's."""


class RestoreForm(StyledForm):
    """Undoing a removal, with a reason if the editor gives one."""

    reason = forms.CharField(
        label=_("Reason"), required=False, max_length=REASON_LENGTH
    )
