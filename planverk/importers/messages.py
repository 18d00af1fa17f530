"""What the importer says, in English, by stable code: its warnings and refusals.

A warning's and a refusal's code stays as it is (codes are data: planverk/1
keeps each warning's code, docs/format.md), and so does what it names, as
params. This English is what a terminal and the log show, and what a planverk/1
document keeps as a warning's ``message``; planverk/interchange/warnings.py says
the same in the reader's language from the code and the params.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

# Warnings: what the importer read but could not place, or doubts.
WARNINGS = {
    "unparsed_table_row": "{why}: {row}",
    "total_mismatch": "{category} total stated as {stated} NOK, items sum to {computed} NOK",
    "area_without_goals": "area {area!r} lists no goals",
    "goal_unmatched": "no goal of {agenda} matches: {goal}",
    "goal_deadline_differs": "deadline {deadline} where the agenda says {agenda_deadline} (goal {goal})",
    "deadline_unreadable": "{text!r} is not a year",
    "measure_missing_start": "measure {measure} has no start year",
    "status_without_goal": "status {status} in theme {theme} has no goal {status}: {text}",
}

# Why a table row was not placed (unparsed_table_row's param "reason").
ROW_REASONS = {
    "outside_structure": "a table outside any known structure",
    "not_measure_table": "a table that is not a measure table",
    "measure_without_number": "a measure row without a number",
    "decision_without_date": "a decision-log row without a date",
    "decision_without_body": "a decision-log row without a body",
    "action_item_without_number": "an action-plan row without a number",
    "progress_outside_area": "a progress row outside any area",
}

# Refusals: a document that cannot be read at all (ParseError).
ERRORS = {
    # the file
    "not_a_file": "not a regular file",
    "unreadable_file": "cannot read the file: {reason}",
    "empty_file": "the file is empty",
    "too_large": "file is {mb:.1f} MB; the largest accepted is {limit} MB",
    # its kind
    "binary": "binary data, not a text document",
    "foreign_format": "{what}; save it as DOCX, ODT, HTML or text",
    "office_not_docx": "an Office file without word/document.xml; not DOCX",
    "zip_not_document": "a ZIP archive that is neither DOCX nor ODT",
    # text
    "control_character": "undecodable character U+{codepoint:04X} in the text",
    "undecodable_byte": "byte 0x{byte:02X} cannot be read as {encoding}",
    # ZIP containers (DOCX, ODT)
    "zip_damaged": "truncated or damaged ZIP archive ({detail})",
    "zip_too_many_files": "the ZIP archive holds more than {limit} files",
    "zip_repeated_member": "the ZIP archive holds {member} more than once",
    "zip_too_large": "the ZIP archive unpacks to more than {limit} MB",
    "zip_encrypted": "the ZIP archive's member {member} is encrypted",
    "zip_method": (
        "ZIP archive that cannot be unpacked ({member} is compressed "
        "by method {method}; DOCX and ODT use deflate)"
    ),
    "zip_bomb": (
        "the ZIP archive's member {member} is compressed more than "
        "{ratio}:1, like a zip bomb"
    ),
    "zip_member_corrupt": "damaged ZIP archive: member {member} is corrupt ({detail})",
    "zip_unsupported": "ZIP archive that cannot be unpacked ({detail})",
    "zip_member_size": (
        "damaged ZIP archive: member {member} does not unpack to the "
        "{size} bytes its directory entry declares"
    ),
    # DOCX, ODT, HTML
    "docx_damaged": "damaged DOCX file ({detail})",
    "odt_damaged": "damaged ODT file ({detail})",
    "html_too_deep": "HTML nested too deeply to read",
    "html_unparsable": "HTML that cannot be parsed ({detail})",
    # planverk/1 JSON
    "json_too_deep": "nested too deeply (more than {limit} levels)",
    "json_invalid": "invalid JSON: {detail} (column {column})",
    "not_planverk": "not a planverk/1 document: {problems}",
    # reading it
    "language_unknown": "unknown language {language!r} (known: {known})",
    "language_undetected": "cannot tell the document's language; give --language",
    "layout_unknown": "no known document layout (KS eKommune or action plan) fits",
    "no_title": "no title with the strategy's years (e.g. 'IKT-strategi 2010 - 2013')",
}

# What foreign_format's param "kind" names.
FOREIGN_KINDS = {
    "pdf": "a PDF file",
    "doc": "an old Word (.doc) or other OLE file",
    "rtf": "an RTF file",
}


def clipped(text: str, limit: int) -> str:
    """*text* as a warning quotes it: at most *limit* characters, "…" where cut."""
    text = text.strip()
    return text if len(text) <= limit else text[:limit].rstrip() + "…"


def warning_text(code: str, params: Mapping[str, Any]) -> str:
    """The English message of the warning *code* about *params*."""
    if code == "unparsed_table_row":
        params = {**params, "why": ROW_REASONS[params["reason"]]}
    return WARNINGS[code].format(**params)


def error_text(code: str, params: Mapping[str, Any]) -> str:
    """The English message of the refusal *code* about *params*."""
    if code == "foreign_format":
        params = {**params, "what": FOREIGN_KINDS[params["kind"]]}
    return ERRORS[code].format(**params)
