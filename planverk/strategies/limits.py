"""How much a strategy may hold (``settings.PLANVERK_LIMITS``), and the one check of it.

The limits keep every page, report and import bounded: imports check a whole
planverk/1 strategy with ``check_strategy``; forms and the API take their field
lengths from ``limit``. What a database column cannot hold (a title of more
than 300 characters) is in the JSON Schema as well.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from planverk.lib.located import Located


class TooMuch(Located, ValueError):
    """A limit exceeded: the part's JSON path in planverk/1 (``path``) and a message
    for people that names the part and the limit (``message``)."""


def limit(name: str) -> int:
    """The limit *name* of settings.PLANVERK_LIMITS, e.g. "text_chars"."""
    return int(settings.PLANVERK_LIMITS[name])


# Texts kept as Markdown or long prose, and the one-paragraph texts.
MARKDOWN, TEXT = "markdown_chars", "text_chars"

# What each kind of part is called in a message, with its number.
PART_NAMES: dict[str, Any] = {
    "sections": gettext_lazy("Chapter %(number)s"),
    "themes": gettext_lazy("Theme %(number)s"),
    "measures": gettext_lazy("Measure %(number)s"),
    "goal_assessments": gettext_lazy("National goal %(number)s"),
    "action_plan": gettext_lazy("Action plan item %(number)s"),
    "revisions": gettext_lazy("Decision %(number)s"),
    "glossary": gettext_lazy("Glossary term %(number)s"),
}
# Each part's texts that a limit bounds: (key, kind, what the field is called).
FIELDS: dict[str, list[tuple[str, str, Any]]] = {
    "sections": [("text", MARKDOWN, gettext_lazy("text"))],
    "themes": [("text", MARKDOWN, gettext_lazy("introduction"))],
    "measures": [
        ("objective", TEXT, gettext_lazy("objective")),
        ("description", MARKDOWN, gettext_lazy("measure text")),
    ],
    "goal_assessments": [("goal", TEXT, gettext_lazy("goal"))],
    "action_plan": [
        ("title", TEXT, gettext_lazy("title")),
        ("remarks", TEXT, gettext_lazy("remarks")),
    ],
    "revisions": [("note", TEXT, gettext_lazy("note"))],
    "glossary": [("definition", TEXT, gettext_lazy("definition"))],
}
COUNTED = [
    "themes",
    "sections",
    "revisions",
    "glossary",
    "goal_assessments",
    "action_plan",
    "units",
]
COUNT_NAMES: dict[str, Any] = {
    "themes": gettext_lazy("themes"),
    "measures": gettext_lazy("measures"),
    "sections": gettext_lazy("chapters"),
    "revisions": gettext_lazy("decisions"),
    "glossary": gettext_lazy("glossary terms"),
    "goal_assessments": gettext_lazy("national goals"),
    "action_plan": gettext_lazy("action plan items"),
    "units": gettext_lazy("units"),
}


def check_strategy(data: dict[str, Any]) -> None:
    """Raise TooMuch for the first limit the planverk/1 strategy *data* exceeds."""
    for key in COUNTED:
        _count(data[key], key, f"$.strategy.{key}")
    measures = [m for t in data["themes"] for m in t["measures"]]
    _count(measures, "measures", "$.strategy.themes")
    _texts(data.get("vision"), MARKDOWN, "$.strategy.vision", _("The vision"))
    for key, path, part, name in _parts(data):
        for field, kind, what in FIELDS.get(key, []):
            label = _("%(part)s: the %(field)s") % {"part": name, "field": what}
            _texts(part[field], kind, f"{path}.{field}", label)
        if key in ("measures", "action_plan"):
            _bullets(part["items"], f"{path}.items", name)
        if key == "goal_assessments":
            status = part["status"]["text"]
            _texts(
                status,
                TEXT,
                f"{path}.status.text",
                _("%(part)s: the status") % {"part": name},
            )
    total = sum(len(text) for text in _strings(data))
    if total > limit("strategy_chars"):
        raise TooMuch(
            _(
                "The strategy holds %(length)d characters of text; at most "
                "%(limit)d are allowed."
            )
            % {"length": total, "limit": limit("strategy_chars")},
            path="$.strategy",
        )


def _count(parts: list[Any], key: str, path: str) -> None:
    if len(parts) > limit(key):
        raise TooMuch(
            _("The strategy has %(count)d %(what)s; at most %(limit)d are allowed.")
            % {"count": len(parts), "what": COUNT_NAMES[key], "limit": limit(key)},
            path=path,
        )


def _texts(text: str | None, kind: str, path: str, label: str) -> None:
    if text is not None and len(text) > limit(kind):
        raise TooMuch(too_long(label, len(text), limit(kind)), path=path)


def _bullets(points: list[str], path: str, name: str) -> None:
    if len(points) > limit("bullets"):
        raise TooMuch(
            _("%(part)s has %(count)d points; at most %(limit)d are allowed.")
            % {"part": name, "count": len(points), "limit": limit("bullets")},
            path=path,
        )
    for i, point in enumerate(points):
        label = _("%(part)s: point %(n)d") % {"part": name, "n": i + 1}
        _texts(point, TEXT, f"{path}[{i}]", label)


def too_long(label: str, length: int, most: int) -> str:
    """The message for a text over its limit, as forms say it too."""
    return _("%(what)s has %(length)d characters; at most %(limit)d are allowed.") % {
        "what": label,
        "length": length,
        "limit": most,
    }


def _parts(data: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any], str]]:
    """(kind, JSON path, part, its name) of every part of the strategy."""

    def named(
        key: str, part: dict[str, Any], i: int, number: Callable[..., Any]
    ) -> str:
        return str(PART_NAMES[key] % {"number": number(part) or i + 1})

    for key in ("sections", "revisions", "glossary", "goal_assessments", "action_plan"):
        for i, part in enumerate(data[key]):
            yield (
                key,
                f"$.strategy.{key}[{i}]",
                part,
                named(key, part, i, lambda p: p.get("number") or p.get("term")),
            )
    for i, theme in enumerate(data["themes"]):
        path = f"$.strategy.themes[{i}]"
        yield "themes", path, theme, named("themes", theme, i, lambda p: p["number"])
        for j, measure in enumerate(theme["measures"]):
            yield (
                "measures",
                f"{path}.measures[{j}]",
                measure,
                named("measures", measure, j, lambda p: p["number"]),
            )


def _strings(node: Any) -> Iterator[str]:
    """Every string in *node*, a planverk/1 value, however deep."""
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)


class LimitedText(forms.CharField):
    """A form's text, as long as the limit *kind* allows (MARKDOWN or TEXT).

    The limit is read when the form is used, so a changed setting applies at once.
    """

    def __init__(self, *, kind: str, **kwargs: Any) -> None:
        self.kind = kind
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        return {**super().widget_attrs(widget), "maxlength": str(limit(self.kind))}

    def validate(self, value: Any) -> None:
        super().validate(value)
        if value and len(value) > limit(self.kind):
            raise ValidationError(
                too_long(str(self.label), len(value), limit(self.kind)), code="long"
            )


def check_points(points: list[str], label: str) -> None:
    """Bullet points as a form takes them: few enough, each short enough."""
    if len(points) > limit("bullets"):
        raise ValidationError(
            _("%(part)s has %(count)d points; at most %(limit)d are allowed.")
            % {"part": label, "count": len(points), "limit": limit("bullets")},
            code="many",
        )
    for point in points:
        if len(point) > limit(TEXT):
            raise ValidationError(
                too_long(point[:40] + "…", len(point), limit(TEXT)), code="long"
            )
