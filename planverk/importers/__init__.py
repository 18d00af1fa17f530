"""Read strategy documents into planverk/1 dictionaries.

Pure Python: nothing in this package imports Django, so the parser can be
used, tested and benchmarked without a database.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from planverk.importers.base import ImportWarning, ParseError, ParseResult
from planverk.importers.blocks import Block, Paragraph, Table
from planverk.importers.jsondoc import read_json_document
from planverk.importers.layouts import choose_layout
from planverk.importers.layouts.report import Report, Unreadable
from planverk.importers.lexicon import LEXICONS, detect_language
from planverk.importers.sources import Source, read_source

__all__ = ["ImportWarning", "ParseError", "ParseResult", "parse", "parse_blocks"]


def parse(path: str | Path, *, language: str | None = None) -> ParseResult:
    """Read the document at *path* into planverk/1, or raise ParseError naming the file."""
    source = read_source(path)
    if source.kind == "json":
        document = read_json_document(str(path), source.text or "")
        return ParseResult(document, _report_warnings(document))
    return parse_blocks(source, language=language)


def parse_blocks(source: Source, *, language: str | None = None) -> ParseResult:
    """Read the blocks of a non-JSON *source* with the layout that recognises them."""
    code = language or detect_language(_texts(source.blocks))
    if code not in LEXICONS:
        raise _language_problem(language, source.path)
    lexicon = LEXICONS[code]
    layout = choose_layout(source.blocks, lexicon)
    if layout is None:
        raise ParseError.coded("layout_unknown", file=source.path)
    report = Report()
    try:
        document = layout.read(source.blocks, lexicon, report)
    except Unreadable as e:
        raise ParseError.coded(e.code, file=source.path, line=e.line, **e.params) from e
    document["import_report"] = {
        "source": {
            "filename": os.path.basename(source.path),
            "sha256": source.sha256,
            "language": code,
            "layout": layout.name,
            # An extra key (planverk/1 lets producers add them): null for DOCX/ODT.
            "encoding": source.encoding,
        },
        "warnings": [warning.as_dict() for warning in report.warnings],
    }
    return ParseResult(document, report.warnings)


def _language_problem(language: str | None, path: str) -> ParseError:
    if language:
        known = ", ".join(sorted(LEXICONS))
        return ParseError.coded(
            "language_unknown", file=path, language=language, known=known
        )
    return ParseError.coded("language_undetected", file=path)


def _texts(blocks: Sequence[Block]) -> list[str]:
    texts: list[str] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            texts.append(block.text)
        elif isinstance(block, Table):
            texts.extend(cell for row in block.rows for cell in row.cells)
    return texts


def _report_warnings(document: dict[str, Any]) -> list[ImportWarning]:
    report = document.get("import_report") or {}
    return [
        ImportWarning(w["code"], w["message"], w["line"], w.get("params") or {})
        for w in report.get("warnings", [])
    ]
