"""The vocabulary the sample generator writes with, one instance per language.

Every phrase is composed for this project; none is taken from a real strategy.
Templates use ``str.format`` fields: {org} (full name), {short} (place name),
{start}/{end} (period years), {year}, {topic}, {verb}, {object}, {solution},
{unit}, {system}, {vision}, {n}, {yy}.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

# A section is (number or None, title, paragraphs); each paragraph is a tuple of
# alternatives of which the generator picks one.
SectionPlan = tuple[str | None, str, tuple[tuple[str, ...], ...]]


@dataclass(frozen=True)
class Lexicon:
    """Phrase lists and templates for writing strategies in one language."""

    language: str
    municipality_suffixes: tuple[str, ...]
    county_suffixes: tuple[str, ...]
    titles: tuple[str, ...]
    visions: tuple[str, ...]
    area_titles: tuple[str, ...] | None  # None: use the framework's own titles
    local_themes: tuple[str, ...]
    theme_intros: tuple[str, ...]
    groups: tuple[str, ...]
    verbs: tuple[str, ...]
    objects: tuple[str, ...]
    objectives: tuple[str, ...]
    solutions: tuple[str, ...]
    descriptions: tuple[str, ...]
    measure_items: tuple[str, ...]
    units_municipality: tuple[str, ...]
    units_county: tuple[str, ...]
    everyone: str
    status_texts: Mapping[str, tuple[str, ...]]
    action_titles: tuple[str, ...]
    systems: tuple[str, ...]
    action_items: tuple[str, ...]
    funding_sources: tuple[str, ...]
    remarks: tuple[str, ...]
    bodies_municipality: tuple[str, ...]
    bodies_county: tuple[str, ...]
    approvers_municipality: tuple[str, ...]
    approvers_county: tuple[str, ...]
    references: tuple[str, ...]
    revision_notes: tuple[str | None, ...]
    glossary: tuple[tuple[str, str], ...]
    sections: tuple[SectionPlan, ...]
