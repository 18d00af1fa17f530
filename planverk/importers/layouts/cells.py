"""A table cell's text → its running text and its bullet items.

Cells arrive as readers write them ("\\n" between paragraphs, "• " before list
items), or with the HTML fragments and inline bullets a converter left behind.
"""

from __future__ import annotations

import html
import re

_BREAKS = re.compile(r"</?(?:p|ul|ol|div|br)\b[^>]*>", re.IGNORECASE)
_BOUNDARY = "\x00"  # where a list or paragraph starts or ends
_ITEM = re.compile(r"<li\b[^>]*>", re.IGNORECASE)
_INLINE_TAG = re.compile(r"</?(?:i|b|em|strong|span|u|sup|sub)\b[^>]*>", re.IGNORECASE)
_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
_INLINE_BULLET = re.compile(r"\s*[•●▪]\s*")
_UPPER = "A-ZÆØÅÄÖÜŠŽĖĮŲŪČĘ"
_LOWER = "a-zæøåäöüšžėįųūčęß"
# The last item of an inline list runs on into the next sentence: "omdømme Tilgjengeliggjøre …"
_RUN_ON = re.compile(rf"^(.*?[{_LOWER}.)])\s+([{_UPPER}][{_LOWER}]+(?:\s+\S+){{2,}})$")


def plain(text: str) -> str:
    """*text* without HTML tags or entities, whitespace collapsed."""
    text = _TAG.sub(" ", _INLINE_TAG.sub("", text))
    return " ".join(html.unescape(text).split())


def text_and_items(cell: str, *, dash_items: bool = False) -> tuple[str, list[str]]:
    """Split *cell* into running text and list items; " - " separates items when *dash_items*."""
    lines = _lines(cell, dash_items)
    texts: list[str] = []
    items: list[str] = []
    for index, line in enumerate(lines):
        if line == _BOUNDARY:
            continue
        if not line.startswith("• "):
            texts.append(line)
            continue
        item = line[2:].strip()
        last_of_list = index + 1 == len(lines) or not lines[index + 1].startswith("• ")
        run_on = _RUN_ON.match(item) if last_of_list and _was_inline(cell) else None
        if run_on:
            items.append(run_on[1])
            texts.append(run_on[2])
        elif item:
            items.append(item)
    return " ".join(t for t in texts if t), items


def _was_inline(cell: str) -> bool:
    return "•" in cell and "\n• " not in cell


def _lines(cell: str, dash_items: bool) -> list[str]:
    text = _ITEM.sub("\n• ", cell)
    text = _BREAKS.sub(f"\n{_BOUNDARY}\n", text)
    text = _INLINE_BULLET.sub("\n• ", text)
    if dash_items:
        text = re.sub(r"\s+[-–]\s+", "\n• ", text)
    lines = [
        _BOUNDARY if part == _BOUNDARY else plain(part) for part in text.split("\n")
    ]
    return [line for line in lines if line and line != "•"]
