"""A report as PDF/A-3a, typeset by Typst from its neutral document.

The PDF is tagged (its structure is readable by screen readers), carries the
document's title and language, embeds every font (DejaVu Sans), numbers its
pages in the footer ("Side 3 av 12") and lists its parts in a contents list
and as bookmarks. The layout is typst/document.typ; this module hands it the
document as JSON, so the strategy's own text is never read as Typst markup.
Call inside ``in_language(strategy)``, as for the HTML. The typesetting runs
in a child process within settings.PLANVERK_REPORT_SECONDS (engine.py).
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from planverk.lib.numbers import nok_text, number_text
from planverk.reports.charts import LEVEL_COLORS
from planverk.reports.document import (
    Amount,
    Block,
    BulletList,
    Cell,
    Definitions,
    Document,
    Facts,
    Figure,
    Heading,
    Level,
    Markdown,
    Note,
    Paragraph,
    Points,
    Row,
    Table,
)
from planverk.reports.engine import VARIANT, prepare, print_pdf
from planverk.reports.kinds import as_document

__all__ = ["VARIANT", "source", "to_pdf"]

TEMPLATE = Path(__file__).resolve().parent.parent / "typst" / "document.typ"
TEXT_WIDTH_MM = 172  # A4 less the margins
MAX_FIGURE_HEIGHT_MM = 220
_SIZE = re.compile(r'<svg[^>]*?\swidth="([\d.]+)"[^>]*?\sheight="([\d.]+)"')


def to_pdf(report: object) -> bytes:
    """*report* (its content, or a Document) as an A4 PDF/A-3a document."""
    prepare()  # the fork server loads while the charts are drawn
    doc = as_document(report, paged=True)
    inputs = {"document": json.dumps(data(doc), ensure_ascii=False)}
    return print_pdf(source(), seconds=settings.PLANVERK_REPORT_SECONDS, inputs=inputs)


@cache
def source() -> str:
    return TEMPLATE.read_text(encoding="utf-8")


def data(doc: Document) -> dict[str, Any]:
    """What typst/document.typ reads: the document, every cell already in words."""
    language, _sep, region = doc.language.partition("-")
    return {
        "title": doc.title,
        "organization": doc.organization,
        "full_title": doc.full_title,
        "lang": language.lower(),
        "region": region.upper() or None,
        "facts": [{"label": f.label, "text": f.text} for f in doc.facts if f.text],
        "contents": doc.contents,
        "contents_title": _("Contents"),
        "page": page_words(),
        "blocks": [_block(b) for b in doc.blocks],
    }


def page_words() -> list[str]:
    """ "Page 3 of 12" in the active language, cut around the two numbers."""
    text = _("Page %(number)s of %(total)s") % {"number": "\0", "total": "\1"}
    before, _sep, rest = text.partition("\0")
    between, _sep, after = rest.partition("\1")
    return [before, between, after]


def _block(block: Block) -> Any:
    if isinstance(block, Heading):
        toc = block.toc and block.level <= 2
        return {"t": "heading", "level": block.level, "text": block.text, "toc": toc}
    if isinstance(block, Paragraph):
        runs = [
            {
                "text": r.text,
                "strong": r.strong,
                "emph": r.emphasis,
                "code": r.code,
                "href": r.href or None,
            }
            for r in block.runs
        ]
        return {"t": "paragraph", "style": block.style, "runs": runs}
    if isinstance(block, Markdown):
        return {"t": "group", "blocks": [_block(b) for b in block.blocks()]}
    if isinstance(block, BulletList):
        items = [[_block(b) for b in item] for item in block.items]
        return {"t": "list", "ordered": block.ordered, "items": items}
    if isinstance(block, Table):
        return {
            "t": "table",
            "columns": [
                {"weight": c.weight, "numeric": c.numeric, "label": c.label}
                for c in block.columns
            ],
            "rows": [_row(r) for r in block.rows],
            "total": _row(block.total) if block.total else None,
        }
    if isinstance(block, Figure):
        chart = block.chart
        return {
            "t": "figure",
            "svg": chart.svg,
            "alt": f"{chart.title}. {chart.description}",
            "caption": chart.title,
            "width": _figure_width(chart.svg),
        }
    if isinstance(block, Note):
        return {"t": "note", "text": block.text}
    if isinstance(block, Facts):
        return {
            "t": "facts",
            "items": [{"label": f.label, "text": f.text} for f in block.items],
        }
    if isinstance(block, Definitions):
        return {"t": "definitions", "items": block.items, "empty": block.empty}
    raise TypeError(f"not a block: {type(block).__name__}")


def _row(row: Row) -> dict[str, Any]:
    return {"flag": bool(row.flag), "cells": [_cell(c) for c in row.cells]}


def _cell(value: Cell) -> dict[str, Any]:
    cell: dict[str, Any] = {"text": "", "points": [], "strong": False, "swatch": None}
    if value is None:
        cell["text"] = "–"
    elif isinstance(value, Amount):
        shown = f"{value.prefix} " if value.prefix else ""
        shown += nok_text(value.value) if value.value is not None else "–"
        cell |= {"text": shown + value.mark, "strong": value.strong}
    elif isinstance(value, int):
        cell["text"] = number_text(value)
    elif isinstance(value, Level):
        shown = value.label
        if not value.confirmed:
            shown = f"{shown} ({_('not confirmed')})"
        color = LEVEL_COLORS.get(value.level) if value.level else None  # type: ignore[call-overload]
        cell |= {"text": shown, "swatch": color}
    elif isinstance(value, Points):
        cell |= {"text": value.text, "points": list(value.points)}
    else:
        cell["text"] = value
    return cell


def _figure_width(svg: str) -> float:
    """As wide as the text, or narrower where that would make it too tall."""
    found = _SIZE.search(svg)
    if not found:
        return TEXT_WIDTH_MM
    width, height = float(found[1]), float(found[2])
    return min(TEXT_WIDTH_MM, MAX_FIGURE_HEIGHT_MM * width / height)
