"""What the importer says, in the reader's language: its warnings and its refusals.

The importer (Django-free) names each warning and refusal by a stable code with
its params as data, and says it in English for the terminal
(planverk/importers/messages.py). Here each code gets its label and message in
plain words, translated; the upload's pages and the command line's summary
(summary.py) both use them. A warning kept without params (a report from
before they were kept, another producer's) keeps the English it was stored with.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import get_language_info, gettext_lazy, ngettext
from django.utils.translation import gettext as _

from planverk.lib.located import Located
from planverk.lib.numbers import nok_text

# --- warnings ------------------------------------------------------------------


def warning_label(code: str, count: int) -> str:
    """A group of *count* warnings of *code*, e.g. "3 statuses without a matching goal"."""
    labels = {
        "unparsed_table_row": ngettext(
            "%(count)d table row that could not be read",
            "%(count)d table rows that could not be read",
            count,
        ),
        "total_mismatch": ngettext(
            "%(count)d total that does not match its items",
            "%(count)d totals that do not match their items",
            count,
        ),
        "area_without_goals": ngettext(
            "%(count)d area without goals",
            "%(count)d areas without goals",
            count,
        ),
        "goal_unmatched": ngettext(
            "%(count)d goal not found in the national agenda",
            "%(count)d goals not found in the national agenda",
            count,
        ),
        "goal_deadline_differs": ngettext(
            "%(count)d deadline that differs from the national agenda",
            "%(count)d deadlines that differ from the national agenda",
            count,
        ),
        "deadline_unreadable": ngettext(
            "%(count)d deadline that could not be read",
            "%(count)d deadlines that could not be read",
            count,
        ),
        "measure_missing_start": ngettext(
            "%(count)d measure without a start year",
            "%(count)d measures without a start year",
            count,
        ),
        "status_without_goal": ngettext(
            "%(count)d status without a matching goal",
            "%(count)d statuses without a matching goal",
            count,
        ),
    }
    label = labels.get(code) or ngettext(
        "%(count)d other warning", "%(count)d other warnings", count
    )
    return label % {"count": count}


# Why a table row was not read (unparsed_table_row's "reason").
ROW_REASONS: dict[str, Promise] = {
    "outside_structure": gettext_lazy(
        "This row is in a table that belongs to no part of a strategy Planverk "
        "knows, so it was not read."
    ),
    "not_measure_table": gettext_lazy(
        "This row is in a table that is not a table of measures, so it was not read."
    ),
    "measure_without_number": gettext_lazy(
        "This row of a table of measures has no measure number, so it was not read."
    ),
    "decision_without_date": gettext_lazy(
        "This row of the list of decisions has no date, so it was not read."
    ),
    "decision_without_body": gettext_lazy(
        "This row of the list of decisions does not say who decided, so it was "
        "not read."
    ),
    "action_item_without_number": gettext_lazy(
        "This row of the action plan has no number, so it was not read."
    ),
    "progress_outside_area": gettext_lazy(
        "This row of the progress table comes before any area, so it was not read."
    ),
}


def warning_message(warning: Mapping[str, Any]) -> str:
    """What the planverk/1 *warning* (code, message, line, params) says, in plain
    words of the active language."""
    params = warning.get("params")
    if not isinstance(params, Mapping):
        return str(warning["message"])
    try:
        return _warning_message(str(warning["code"]), params)
    except (KeyError, TypeError, ValueError):  # params of another shape
        return str(warning["message"])


def _warning_message(code: str, p: Mapping[str, Any]) -> str:
    if code == "unparsed_table_row":
        return f"{ROW_REASONS[p['reason']]} " + _("The row: “%(row)s”") % {
            "row": p["row"]
        }
    if code == "total_mismatch":
        amounts = {"stated": nok_text(p["stated"]), "computed": nok_text(p["computed"])}
        if p["category"] == "operating":
            return (
                _(
                    "The document gives the total for operating costs as %(stated)s, "
                    "but the items add up to %(computed)s."
                )
                % amounts
            )
        return (
            _(
                "The document gives the total for investments as %(stated)s, "
                "but the items add up to %(computed)s."
            )
            % amounts
        )
    if code == "area_without_goals":
        return _("The area “%(area)s” lists no goals.") % {"area": p["area"]}
    if code == "goal_unmatched":
        return _(
            "No goal of the national agenda %(agenda)s matches this goal: “%(goal)s”"
        ) % {"agenda": p["agenda"], "goal": p["goal"]}
    if code == "goal_deadline_differs":
        return _(
            "The deadline is %(deadline)s, but the national agenda gives "
            "%(agenda_deadline)s for goal %(goal)s."
        ) % {
            "deadline": p["deadline"],
            "agenda_deadline": p["agenda_deadline"],
            "goal": p["goal"],
        }
    if code == "deadline_unreadable":
        return _("“%(text)s” should give a deadline, but the year cannot be read.") % {
            "text": p["text"]
        }
    if code == "measure_missing_start":
        return _("Measure %(measure)s has no start year.") % {"measure": p["measure"]}
    if code == "status_without_goal":
        return _(
            "Status %(status)s in theme %(theme)s has no goal %(status)s to belong "
            "to, so it was left out: “%(text)s”"
        ) % {"status": p["status"], "theme": p["theme"], "text": p["text"]}
    raise KeyError(code)


# --- how the document was read -------------------------------------------------

LAYOUT_NAMES: dict[str, Promise] = {
    "ks-ekommune": gettext_lazy("A strategy with themes, goals and measures"),
    "action-plan": gettext_lazy("An action plan"),
}


def layout_name(layout: str | None) -> str:
    """The shape of document the importer recognised, in words."""
    if not layout:
        return ""
    return str(LAYOUT_NAMES.get(layout, layout))


def language_name(code: str | None) -> str:
    """A document's language by its name in the active language ("bokmål", not "nb")."""
    if not code:
        return ""
    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        return code


# --- refusals --------------------------------------------------------------------

_SAVE_AS = gettext_lazy(
    "Save the strategy as Word (.docx), OpenDocument (.odt), a web page (.html) "
    "or plain text (.txt) and upload that instead."
)
_DAMAGED = gettext_lazy(
    "The file is damaged and cannot be opened. Save it again from the word "
    "processor and upload the new copy."
)
_TOO_BIG_INSIDE = gettext_lazy(
    "The file unpacks to far more than a strategy document holds, so Planverk "
    "does not open it."
)
_NOT_PLANVERK = gettext_lazy(
    "The file is not a strategy document in Planverk's own format. As JSON, "
    "Planverk reads only the files it lets you download (planverk.json)."
)
_UNPACK = gettext_lazy(
    "The file is packed in a way Planverk cannot unpack. Save it again from the "
    "word processor and upload the new copy."
)
_FOREIGN_KINDS: dict[str, Promise] = {
    "pdf": gettext_lazy("a PDF file"),
    "doc": gettext_lazy("an old Word file (.doc)"),
    "rtf": gettext_lazy("an RTF file"),
}
_REFUSALS: dict[str, Promise] = {
    "not_a_file": gettext_lazy("The file could not be read. Upload it again."),
    "unreadable_file": gettext_lazy("The file could not be read. Upload it again."),
    "empty_file": gettext_lazy("The file is empty."),
    "binary": gettext_lazy("This is not a document Planverk can read."),
    "office_not_docx": gettext_lazy(
        "The file is an Office file, but not a Word document."
    ),
    "zip_not_document": gettext_lazy(
        "The file is packed like a Word or OpenDocument file, but is neither."
    ),
    "control_character": gettext_lazy(
        "The text holds characters that cannot be read. Save it again as plain "
        "text in UTF-8, or as a Word document, and upload that."
    ),
    "undecodable_byte": gettext_lazy(
        "The text holds characters that cannot be read. Save it again as plain "
        "text in UTF-8, or as a Word document, and upload that."
    ),
    "zip_damaged": _DAMAGED,
    "zip_member_corrupt": _DAMAGED,
    "zip_member_size": _DAMAGED,
    "zip_repeated_member": _DAMAGED,
    "zip_too_many_files": _TOO_BIG_INSIDE,
    "zip_too_large": _TOO_BIG_INSIDE,
    "zip_bomb": _TOO_BIG_INSIDE,
    "zip_encrypted": gettext_lazy(
        "The file is protected by a password. Save a copy without the password "
        "and upload that."
    ),
    "zip_method": _UNPACK,
    "zip_unsupported": _UNPACK,
    "docx_damaged": gettext_lazy(
        "The Word document is damaged and cannot be read. Open it in Word, save "
        "it again and upload the new copy."
    ),
    "odt_damaged": gettext_lazy(
        "The OpenDocument file is damaged and cannot be read. Open it in the word "
        "processor, save it again and upload the new copy."
    ),
    "html_too_deep": gettext_lazy(
        "The web page is built in too many levels to be read."
    ),
    "html_unparsable": gettext_lazy("The web page is broken and cannot be read."),
    "json_too_deep": _NOT_PLANVERK,
    "json_invalid": _NOT_PLANVERK,
    "not_planverk": _NOT_PLANVERK,
    "language_undetected": gettext_lazy(
        "Planverk cannot tell which language the document is written in. Choose "
        "the language below and read the document again."
    ),
    "layout_unknown": gettext_lazy(
        "Planverk does not recognise how this document is set up. It reads "
        "strategies whose themes have goals and a table of measures, as in KS's "
        "eKommune plan, and action plans with numbered measures and amounts."
    ),
    "no_title": gettext_lazy(
        "The document has no title with the years it covers near the top (for "
        "example “IKT-strategi 2010 - 2013”). Add one and upload it again."
    ),
    # What the loader refuses (load.py DocumentError).
    "years_reversed": gettext_lazy(
        "A period in the document starts in %(start)s, after it ends in %(end)s."
    ),
    "number_twice": gettext_lazy(
        "The number %(number)s is used twice in the document, where each must "
        "be used once."
    ),
    "total_differs": gettext_lazy(
        "A budget total in the document is %(stated)s, but the action plan's "
        "items add up to %(expected)s."
    ),
    "not_a_date": gettext_lazy("“%(text)s” in the document is not a date."),
    "agenda_unknown": gettext_lazy(
        "The document follows a national agenda Planverk does not know."
    ),
    "key_twice": gettext_lazy(
        "The key “%(key)s” is given to two parts of the document (the second "
        "at %(path)s), where each part must have a key of its own."
    ),
    "agenda_goal_unknown": gettext_lazy(
        "The document links a goal to goal %(goal)s of the national agenda, "
        "which has no such goal."
    ),
}


def refusal_message(error: Located) -> str:
    """Why *error*'s document cannot be read or stored, in plain words of the active
    language; its English message where it has no code a page explains."""
    p = error.params
    code = error.code
    if code == "too_large":
        return _(
            "The file is %(mb)s MB; the largest file Planverk reads is %(limit)s MB."
        ) % {"mb": f"{p['mb']:.1f}", "limit": p["limit"]}
    if code == "foreign_format":
        kind = _FOREIGN_KINDS.get(str(p.get("kind")), _FOREIGN_KINDS["pdf"])
        return (
            _("The file is %(kind)s, which Planverk cannot read.") % {"kind": kind}
            + " "
            + str(_SAVE_AS)
        )
    if code == "binary":
        return f"{_REFUSALS[code]} {_SAVE_AS}"
    if code == "language_unknown":
        return _(
            "Planverk does not know the language “%(language)s”. Choose the "
            "language below and read the document again."
        ) % {"language": p["language"]}
    if code == "total_differs":
        return str(_REFUSALS[code]) % {
            "stated": nok_text(p["stated"]),
            "expected": nok_text(p["expected"]),
        }
    if code in _REFUSALS:
        try:
            return str(_REFUSALS[code]) % p
        except (KeyError, TypeError, ValueError):  # params of another shape
            return str(_REFUSALS[code])
    return error.message


def refusal(error: Located, filename: str) -> str:
    """*refusal_message* headed by the file the person gave, and the line where
    it matters: "plan.txt, line 12: …"."""
    message = refusal_message(error)
    if error.line is not None:
        return _("%(file)s, line %(line)s: %(message)s") % {
            "file": filename,
            "line": error.line,
            "message": message,
        }
    return _("%(file)s: %(message)s") % {"file": filename, "message": message}
