"""A report as one self-contained, accessible HTML document.

Call inside ``in_language(strategy)``: the labels come out in the active
language. Everything the document needs is inside it: styles inline, charts
inline as SVG, nothing fetched from elsewhere. Each heading of the document
opens a ``<section>``; one whose heading is unique in the document is a
labelled region (a landmark's name must be unique, and "National goals"
recurs in every theme). The strategy's own text is rendered as its pages
render it (planverk/lib/markdown.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.template.loader import render_to_string
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from planverk.lib.markdown import render_markdown
from planverk.lib.numbers import nok_text, number_text
from planverk.reports.charts import LEVEL_COLORS
from planverk.reports.content import LEVELS
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
from planverk.reports.kinds import as_document

SCHEMES = ("http://", "https://", "mailto:")


def to_html(report: object) -> str:
    """*report* (its content, or a Document) as a complete HTML5 document."""
    doc = as_document(report, paged=False)
    unique = _unique_headings(doc)
    intro: list[SafeString] = []
    top: list[_Section] = []
    open_sections: list[_Section] = []
    for number, block in enumerate(doc.blocks, 1):
        if isinstance(block, Heading):
            section = _Section(
                block, block.anchor or f"part-{number}", block.text in unique
            )
            while open_sections and open_sections[-1].heading.level >= block.level:
                open_sections.pop()
            (open_sections[-1].children if open_sections else top).append(section)
            open_sections.append(section)
        else:
            html = _block(block)
            (open_sections[-1].blocks if open_sections else intro).append(html)
    context = {
        "doc": doc,
        "intro": intro,
        "sections": top,
        "toc": _contents(top) if doc.contents else [],
        "level_colors": [(level.value, LEVEL_COLORS[level]) for level in LEVELS],
    }
    return render_to_string("reports/document.html", context)


@dataclass
class _Section:
    heading: Heading
    id: str
    labelled: bool
    blocks: list[SafeString] = field(default_factory=list)
    children: list[_Section] = field(default_factory=list)

    @property
    def tag(self) -> str:
        return f"h{min(self.heading.level + 1, 6)}"


@dataclass(frozen=True)
class _Entry:
    id: str
    text: str
    children: list[_Entry]


def _unique_headings(doc: Document) -> set[str]:
    texts = [h.text for h in doc.headings()]
    return {text for text in texts if texts.count(text) == 1}


def _contents(sections: list[_Section]) -> list[_Entry]:
    """The parts listed in the contents: levels 1 and 2, where their heading says so."""
    return [
        _Entry(
            s.id, s.heading.text, _contents(s.children) if s.heading.level < 2 else []
        )
        for s in sections
        if s.heading.toc and s.heading.level <= 2
    ]


# --- blocks ------------------------------------------------------------------------


def _block(block: Block) -> SafeString:
    if isinstance(block, Markdown):
        return render_markdown(block.text, top=min(block.level + 2, 6))
    if isinstance(block, Paragraph):
        return _paragraph(block)
    if isinstance(block, BulletList):
        return _list(block)
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, Figure):
        chart = block.chart
        return format_html(
            '<figure class="chart">{}<figcaption>{}</figcaption></figure>',
            mark_safe(chart.svg),  # drawn by vl-convert, its text escaped
            chart.title,
        )
    if isinstance(block, Note):
        return format_html('<p class="notice">{}</p>', block.text)
    if isinstance(block, Facts):
        return _facts(block)
    if isinstance(block, Definitions):
        if not block.items:
            return format_html("<p>{}</p>", block.empty)
        items = format_html_join("", "<dt>{}</dt><dd>{}</dd>", block.items)
        return format_html('<dl class="glossary">{}</dl>', items)
    raise TypeError(f"not a block: {type(block).__name__}")  # Heading: a section


def _paragraph(paragraph: Paragraph) -> SafeString:
    runs = mark_safe("".join(_run(run) for run in paragraph.runs))
    if paragraph.style == "code":
        return format_html("<pre><code>{}</code></pre>", runs)
    if paragraph.style == "quote":
        return format_html("<blockquote><p>{}</p></blockquote>", runs)
    if paragraph.style == "lead":
        return format_html('<p class="lead">{}</p>', runs)
    return format_html("<p>{}</p>", runs)


def _run(run: Any) -> str:
    html = str(format_html("{}", run.text))
    if run.code:
        html = f"<code>{html}</code>"
    if run.emphasis:
        html = f"<em>{html}</em>"
    if run.strong:
        html = f"<strong>{html}</strong>"
    if run.href and run.href.lower().startswith(SCHEMES):
        html = str(
            format_html(
                '<a href="{}" rel="noopener noreferrer">{}</a>',
                run.href,
                mark_safe(html),
            )
        )
    return html


def _list(listing: BulletList) -> SafeString:
    tag = "ol" if listing.ordered else "ul"
    items = "".join(
        "<li>" + "".join(_block(b) for b in item) + "</li>" for item in listing.items
    )
    return mark_safe(f"<{tag}>{items}</{tag}>")


def _facts(facts: Facts) -> SafeString:
    return format_html('<dl class="facts">{}</dl>', _fact_items(facts.items))


def _fact_items(items: Sequence[Any]) -> SafeString:
    parts = []
    for fact in items:
        text = (
            format_html(
                '<time datetime="{}">{}</time>', fact.date.isoformat(), fact.text
            )
            if fact.date
            else format_html("{}", fact.text)
        )
        parts.append(format_html("<dt>{}</dt><dd>{}</dd>", fact.label, text))
    return mark_safe("".join(parts))


# --- tables ----------------------------------------------------------------------------


def _table(table: Table) -> SafeString:
    total = sum(c.weight for c in table.columns) or 1
    columns = format_html_join(
        "",
        '<col style="width: {}%">',
        ((f"{100 * c.weight / total:.1f}",) for c in table.columns),
    )
    head = format_html_join(
        "",
        '<th scope="col"{}>{}</th>',
        (
            (mark_safe(' class="num"') if c.numeric else "", c.label)
            for c in table.columns
        ),
    )
    body = mark_safe("".join(_row(table, row) for row in table.rows))
    foot = (
        format_html("<tfoot>{}</tfoot>", mark_safe(_row(table, table.total)))
        if table.total
        else ""
    )
    return format_html(
        '<table class="{}"><caption>{}</caption><colgroup>{}</colgroup>'
        "<thead><tr>{}</tr></thead><tbody>{}</tbody>{}</table>",
        table.name,
        table.caption,
        columns,
        head,
        body,
        foot,
    )


def _row(table: Table, row: Row) -> str:
    cells = []
    for index, (column, value) in enumerate(zip(table.columns, row.cells, strict=True)):
        attributes = ' class="num"' if column.numeric else ""
        tag = "th" if index == 0 else "td"
        if index == 0:
            attributes = ' scope="row"' + attributes
        cells.append(f"<{tag}{attributes}>{_cell(value)}</{tag}>")
    flag = format_html(' class="{}"', row.flag) if row.flag else ""
    return f"<tr{flag}>{''.join(cells)}</tr>"


def _cell(value: Cell) -> str:
    if value is None:
        return "–"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, int):
        return number_text(value)
    if isinstance(value, Amount):
        text = nok_text(value.value) if value.value is not None else "–"
        html = format_html(
            "{}{}{}", f"{value.prefix} " if value.prefix else "", text, value.mark
        )
        return str(format_html("<strong>{}</strong>", html) if value.strong else html)
    if isinstance(value, Level):
        return str(level_html(value))
    if isinstance(value, Points):
        points = format_html_join("", "<li>{}</li>", ((p,) for p in value.points))
        listing = format_html("<ul>{}</ul>", points) if value.points else ""
        return str(format_html("{}{}", value.text, listing))
    return str(format_html("{}", value))


def level_html(level: Level) -> SafeString:
    """A level in words, after a swatch in the chart's colour (decoration only)."""
    swatch = (
        format_html(
            '<span class="swatch level-{}" aria-hidden="true"></span>', level.level
        )
        if level.level
        else ""
    )
    unconfirmed = (
        format_html(' <span class="unconfirmed">({})</span>', _("not confirmed"))
        if not level.confirmed
        else ""
    )
    return format_html(
        '<span class="level">{}{}{}</span>', swatch, level.label, unconfirmed
    )
