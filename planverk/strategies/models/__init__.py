"""The strategy itself: one module per group of nouns."""

from planverk.strategies.models.assessments import GoalAssessment
from planverk.strategies.models.budget import ActionItem, BudgetTotal
from planverk.strategies.models.imports import PendingImport
from planverk.strategies.models.records import (
    Decision,
    GlossaryTerm,
    Section,
    last_decision,
)
from planverk.strategies.models.strategy import Strategy, StrategyUnit
from planverk.strategies.models.themes import Measure, MeasureUnit, Theme

__all__ = [
    "ActionItem",
    "BudgetTotal",
    "Decision",
    "GlossaryTerm",
    "GoalAssessment",
    "Measure",
    "MeasureUnit",
    "PendingImport",
    "Section",
    "Strategy",
    "StrategyUnit",
    "Theme",
    "last_decision",
]
