from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from planverk.strategies.models import (
    ActionItem,
    BudgetTotal,
    Decision,
    GlossaryTerm,
    GoalAssessment,
    Measure,
    MeasureUnit,
    Section,
    Strategy,
    Theme,
)


class ThemeInline(admin.TabularInline):
    model = Theme
    fields = ("number", "title", "framework_area")
    extra = 0
    show_change_link = True


class AssessmentInline(admin.TabularInline):
    model = GoalAssessment
    fields = (
        "area",
        "number",
        "deadline",
        "level",
        "level_confirmed",
        "framework_goal",
    )
    raw_id_fields = ("framework_goal",)
    extra = 0


class ActionItemInline(admin.TabularInline):
    model = ActionItem
    fields = (
        "number",
        "title",
        "category",
        "year_start",
        "year_end",
        "amount_nok",
        "funding",
    )
    extra = 0


class BudgetTotalInline(admin.TabularInline):
    model = BudgetTotal
    extra = 0


class DecisionInline(admin.TabularInline):
    model = Decision
    fk_name = "strategy"
    fields = ("position", "body", "date", "date_precision", "reference", "note")
    extra = 0


class SectionInline(admin.StackedInline):
    model = Section
    extra = 0


class GlossaryInline(admin.TabularInline):
    model = GlossaryTerm
    extra = 0


@admin.register(Strategy)
class StrategyAdmin(SimpleHistoryAdmin):
    list_display = (
        "title",
        "organization",
        "period_start",
        "period_end",
        "version_label",
        "state",
    )
    list_filter = ("state", "language", "organization__kind", "framework")
    search_fields = ("title", "organization__name", "vision")
    list_select_related = ("organization",)
    autocomplete_fields = ("organization",)
    inlines = (
        DecisionInline,
        SectionInline,
        ThemeInline,
        AssessmentInline,
        ActionItemInline,
        BudgetTotalInline,
        GlossaryInline,
    )


class MeasureInline(admin.StackedInline):
    model = Measure
    fields = ("number", "objective", "description", "items", "start", "group")
    extra = 0
    show_change_link = True


@admin.register(Theme)
class ThemeAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "strategy")
    list_filter = ("strategy__organization__kind", "strategy__state")
    search_fields = ("title", "text", "strategy__organization__name")
    list_select_related = ("strategy__organization",)
    raw_id_fields = ("strategy", "framework_area")
    inlines = (MeasureInline,)


class MeasureUnitInline(admin.TabularInline):
    model = MeasureUnit
    extra = 0
    raw_id_fields = ("unit",)


@admin.register(Measure)
class MeasureAdmin(SimpleHistoryAdmin):
    list_display = ("number", "objective", "theme")
    list_filter = ("theme__strategy__state", "theme__strategy__organization__kind")
    search_fields = (
        "number",
        "objective",
        "description",
        "theme__strategy__organization__name",
    )
    list_select_related = ("theme__strategy__organization",)
    raw_id_fields = ("theme",)
    inlines = (MeasureUnitInline,)


@admin.register(GoalAssessment)
class GoalAssessmentAdmin(SimpleHistoryAdmin):
    list_display = (
        "area",
        "number",
        "deadline",
        "level",
        "level_confirmed",
        "strategy",
    )
    list_filter = ("level", "level_confirmed", "deadline")
    search_fields = ("goal_text", "status_text", "strategy__organization__name")
    list_select_related = ("strategy__organization",)
    raw_id_fields = ("strategy", "framework_goal")


@admin.register(ActionItem)
class ActionItemAdmin(SimpleHistoryAdmin):
    list_display = (
        "number",
        "title",
        "category",
        "year_start",
        "year_end",
        "amount_nok",
    )
    list_filter = ("category", "year_start")
    search_fields = ("title", "funding", "strategy__organization__name")
    raw_id_fields = ("strategy",)
