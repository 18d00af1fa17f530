"""The strategy itself: one module per group of nouns."""

from planverk.strategies.models.assessments import GoalAssessment
from planverk.strategies.models.budget import ActionItem, BudgetTotal
from planverk.strategies.models.imports import PendingImport
from planverk.strategies.models.records import GlossaryTerm, Revision, Section
from planverk.strategies.models.strategy import Strategy, StrategyUnit
from planverk.strategies.models.themes import Measure, MeasureUnit, Theme

__all__ = [
    "ActionItem",
    "BudgetTotal",
    "GlossaryTerm",
    "GoalAssessment",
    "Measure",
    "MeasureUnit",
    "PendingImport",
    "Revision",
    "Section",
    "Strategy",
    "StrategyUnit",
    "Theme",
]
