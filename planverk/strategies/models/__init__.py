"""The strategy itself: one module per group of nouns."""

from planverk.strategies.models.assessments import GoalAssessment
from planverk.strategies.models.budget import ActionItem, BudgetTotal
from planverk.strategies.models.imports import PendingImport
from planverk.strategies.models.plans import (
    ActionBudget,
    ActionMeasure,
    ActionPlan,
    ActionStatus,
    PlanAction,
    PlanState,
    Spending,
)
from planverk.strategies.models.records import (
    Decision,
    GlossaryTerm,
    Section,
    last_decision,
)
from planverk.strategies.models.strategy import Strategy, StrategyUnit
from planverk.strategies.models.themes import Measure, MeasureUnit, Theme

__all__ = [
    "ActionBudget",
    "ActionItem",
    "ActionMeasure",
    "ActionPlan",
    "ActionStatus",
    "BudgetTotal",
    "Decision",
    "GlossaryTerm",
    "GoalAssessment",
    "Measure",
    "MeasureUnit",
    "PendingImport",
    "PlanAction",
    "PlanState",
    "Section",
    "Spending",
    "Strategy",
    "StrategyUnit",
    "Theme",
    "last_decision",
]
