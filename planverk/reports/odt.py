"""The reports as OpenDocument text (ODT), written with odfdo.

The caller sets the language (``in_language(strategy)``): labels come from
gettext, and the document's metadata and default paragraph language are the
strategy's own, so that spelling and hyphenation in a word processor follow
the text. Headings are real Heading 1–3 paragraphs without automatic numbers
(the strategy's own numbers are part of the titles), listed in a contents
table whose entries link to them and show their page through a reference field.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from markdown_it import MarkdownIt
from markdown_it.token import Token
from odfdo import (
    Document,
    Element,
    Header,
    Link,
    List,
    ListItem,
    Paragraph,
    Span,
)

from planverk.reports.charts import chart_for
from planverk.reports.content import (
    LEVELS,
    AreaGoals,
    Budget,
    BudgetReport,
    Change,
    ChangesReport,
    Direction,
    Front,
    Goal,
    MeasureRow,
    ProgressReport,
    Report,
    StrategyReport,
    Total,
    by_area,
)
from planverk.reports.sheets import (
    amount_text,
    drop_thumbnail,
    odf_paragraphs,
    odf_styles,
    set_odf_language,
)

TEXT_WIDTH_CM = 17.0  # A4 less 2 cm margins
TOC_DEPTH = 2  # Heading 1 and 2 in the contents; measures (Heading 3) are too many
MAX_HEADING = 3
CHART_SCALE = 2  # Chart.png()'s default: two pixels a CSS pixel
MAX_IMAGE_HEIGHT_CM = 20.0


# --- styles ------------------------------------------------------------------

# Common (named) styles a reader sees in the word processor's style list.
STYLES = """
<style:style style:name="Title" style:display-name="Title" style:family="paragraph"
    style:parent-style-name="Heading" style:next-style-name="Subtitle" style:class="chapter">
  <style:paragraph-properties fo:margin-top="0cm" fo:margin-bottom="0.2cm"/>
  <style:text-properties fo:font-size="24pt" fo:font-weight="bold"
      style:font-size-complex="24pt" style:font-weight-complex="bold"/>
</style:style>
<style:style style:name="Subtitle" style:display-name="Subtitle" style:family="paragraph"
    style:parent-style-name="Heading" style:next-style-name="Text_20_body" style:class="chapter">
  <style:paragraph-properties fo:margin-top="0cm" fo:margin-bottom="0.5cm"/>
  <style:text-properties fo:font-size="16pt" style:font-size-complex="16pt"/>
</style:style>
<style:style style:name="Table_20_Contents" style:display-name="Table Contents"
    style:family="paragraph" style:parent-style-name="Standard" style:class="extra">
  <style:text-properties fo:font-size="9pt" style:font-size-complex="9pt"/>
</style:style>
<style:style style:name="Table_20_Heading" style:display-name="Table Heading"
    style:family="paragraph" style:parent-style-name="Table_20_Contents" style:class="extra">
  <style:paragraph-properties fo:keep-with-next="always"/>
  <style:text-properties fo:font-weight="bold" style:font-weight-complex="bold"/>
</style:style>
<style:style style:name="Table_20_Number" style:display-name="Table Number"
    style:family="paragraph" style:parent-style-name="Table_20_Contents" style:class="extra">
  <style:paragraph-properties fo:text-align="end"/>
</style:style>
<style:style style:name="Table_20_Heading_20_Number" style:display-name="Table Heading Number"
    style:family="paragraph" style:parent-style-name="Table_20_Heading" style:class="extra">
  <style:paragraph-properties fo:text-align="end"/>
</style:style>
<style:style style:name="Table_20_Heading_20_Narrow" style:display-name="Table Heading Narrow"
    style:family="paragraph" style:parent-style-name="Table_20_Heading_20_Number" style:class="extra">
  <style:text-properties fo:font-size="8pt" style:font-size-complex="8pt"/>
</style:style>
<style:style style:name="Labelled_20_Line" style:display-name="Labelled Line"
    style:family="paragraph" style:parent-style-name="Standard" style:class="text">
  <style:paragraph-properties fo:margin-top="0cm" fo:margin-bottom="0.1cm"/>
</style:style>
<style:style style:name="Figure" style:display-name="Figure" style:family="paragraph"
    style:parent-style-name="Standard" style:class="extra">
  <style:paragraph-properties fo:text-align="center" fo:margin-top="0.2cm" fo:margin-bottom="0.2cm"/>
</style:style>
<style:style style:name="Note" style:display-name="Note" style:family="paragraph"
    style:parent-style-name="Text_20_body" style:class="text">
  <style:text-properties fo:font-style="italic" style:font-style-complex="italic"/>
</style:style>
<style:style style:name="Quotations" style:display-name="Quotations" style:family="paragraph"
    style:parent-style-name="Text_20_body" style:class="html">
  <style:paragraph-properties fo:margin-left="1cm" fo:margin-right="1cm"/>
</style:style>
<style:style style:name="Index_20_Link" style:display-name="Index Link" style:family="text"/>
<style:style style:name="Strong_20_Emphasis" style:display-name="Strong Emphasis" style:family="text">
  <style:text-properties fo:font-weight="bold" style:font-weight-complex="bold"/>
</style:style>
<style:style style:name="Emphasis" style:display-name="Emphasis" style:family="text">
  <style:text-properties fo:font-style="italic" style:font-style-complex="italic"/>
</style:style>
<style:style style:name="Strong_20_Emphasis_20_Italic" style:display-name="Strong Emphasis Italic"
    style:family="text">
  <style:text-properties fo:font-weight="bold" fo:font-style="italic"
      style:font-weight-complex="bold" style:font-style-complex="italic"/>
</style:style>
<style:style style:name="Source_20_Text" style:display-name="Source Text" style:family="text">
  <style:text-properties style:font-name="Liberation Mono" fo:font-family="'Liberation Mono'"
      style:font-family-generic="modern" style:font-pitch="fixed"/>
</style:style>
"""

# One list level's bullet or number, indented so that wrapped lines align with the text.
_LEVEL = """<{kind} text:level="{level}" {mark}>
  <style:list-level-properties text:list-level-position-and-space-mode="label-alignment">
    <style:list-level-label-alignment text:label-followed-by="listtab"
        text:list-tab-stop-position="{stop:.2f}cm" fo:text-indent="-0.6cm" fo:margin-left="{stop:.2f}cm"/>
  </style:list-level-properties>
</{kind}>"""


def _list_style(name: str, numbered: bool) -> str:
    levels = "".join(
        _LEVEL.format(
            kind="text:list-level-style-number"
            if numbered
            else "text:list-level-style-bullet",
            level=level,
            mark='style:num-format="1" style:num-suffix="."'
            if numbered
            else 'text:bullet-char="{}"'.format("•◦▪"[(level - 1) % 3]),
            stop=0.6 * level + 0.1,
        )
        for level in range(1, 11)
    )
    return f'<text:list-style style:name="{name}">{levels}</text:list-style>'


BORDER = "0.5pt solid #808080"
AUTOMATIC_STYLES = (
    f"""
<style:style style:name="Cell" style:family="table-cell">
  <style:table-cell-properties fo:border="{BORDER}" fo:padding="0.08cm"/>
</style:style>
<style:style style:name="HeadCell" style:family="table-cell">
  <style:table-cell-properties fo:border="{BORDER}" fo:padding="0.08cm" fo:background-color="#e6e6e6"/>
</style:style>
<style:style style:name="SumCell" style:family="table-cell">
  <style:table-cell-properties fo:border="{BORDER}" fo:padding="0.08cm" fo:background-color="#f2f2f2"/>
</style:style>
<style:style style:name="Row" style:family="table-row">
  <style:table-row-properties fo:keep-together="always"/>
</style:style>
"""
    + "".join(
        f'<style:style style:name="AfterContents{level}" style:family="paragraph"'
        f' style:parent-style-name="Heading_20_{level}">'
        '<style:paragraph-properties fo:break-before="page"/></style:style>'
        for level in range(1, MAX_HEADING + 1)
    )
    + f"""
<style:style style:name="FullWidth" style:family="table">
  <style:table-properties style:width="{TEXT_WIDTH_CM}cm" table:align="margins"
      fo:margin-top="0.1cm" fo:margin-bottom="0.3cm"/>
</style:style>
<style:style style:name="SumText" style:family="paragraph" style:parent-style-name="Table_20_Contents">
  <style:text-properties fo:font-weight="bold" style:font-weight-complex="bold"/>
</style:style>
<style:style style:name="SumNumber" style:family="paragraph" style:parent-style-name="Table_20_Number">
  <style:text-properties fo:font-weight="bold" style:font-weight-complex="bold"/>
</style:style>
"""
)


def _column_style(width_mm: int) -> str:
    return (
        f'<style:style style:name="Col{width_mm}" style:family="table-column">'
        f'<style:table-column-properties style:column-width="{width_mm / 10:.1f}cm"'
        f' style:rel-column-width="{width_mm * 100}*"/></style:style>'
    )


# --- the document ------------------------------------------------------------


@dataclass(frozen=True)
class Col:
    """A table column: its label, its share of the width, and whether it holds numbers."""

    label: str
    weight: float = 1
    numeric: bool = False


@dataclass(frozen=True)
class Bulleted:
    """A cell's text followed by its sub-points as a bulleted list."""

    text: str
    points: Sequence[str]


CellValue = str | int | None | Bulleted


@dataclass
class Writer:
    """An ODT document being written, top to bottom."""

    front: Front
    doc: Document = field(init=False)
    headings: list[tuple[int, str, str]] = field(default_factory=list)
    _toc: Element | None = None
    _column_styles: set[int] = field(default_factory=set)
    _tables: int = 0

    def __post_init__(self) -> None:
        self.doc = Document("text")
        self.doc.body.clear()
        lists = _list_style("Bullets", False) + _list_style("Numbers", True)
        for style in odf_styles(STYLES + lists):
            self.doc.insert_style(style)
        for style in odf_styles(AUTOMATIC_STYLES):
            self.doc.insert_style(style, automatic=True)
        self._unnumbered_headings()
        self._heading_sizes()
        self._set_language()

    def _unnumbered_headings(self) -> None:
        """Blank the outline numbering: the odfdo template numbers headings "1.1."."""
        for level in self.doc.styles.get_elements(
            "//text:outline-style/text:outline-level-style"
        ):
            level.set_attribute("style:num-format", "")
            level.del_attribute("style:num-suffix")
            level.del_attribute("loext:num-list-format")

    def _heading_sizes(self) -> None:
        """Headings 18, 14 and 12 pt, all upright (the template slants Heading 2)."""
        for level, size in ((1, "18pt"), (2, "14pt"), (3, "12pt")):
            style = self.doc.get_style("paragraph", f"Heading_20_{level}")
            assert style is not None
            for properties in style.get_elements("style:text-properties"):
                properties.set_attribute("fo:font-size", size)
                properties.set_attribute("style:font-size-complex", size)
                properties.set_attribute("fo:font-style", "normal")
                properties.set_attribute("style:font-style-complex", "normal")
        caption = self.doc.get_style("paragraph", "Caption")
        assert caption is not None
        for properties in caption.get_elements("style:text-properties"):
            properties.set_attribute("fo:font-size", "10pt")
            properties.set_attribute("style:font-size-complex", "10pt")

    def _set_language(self) -> None:
        set_odf_language(self.doc, self.front.language, "paragraph")
        self.doc.meta.set_title(f"{self.front.organization}: {self.front.title}")
        self.doc.meta.set_generator("Planverk")

    # -- blocks --

    def heading(self, level: int, text: str) -> None:
        level = min(level, MAX_HEADING)
        name = f"h{len(self.headings) + 1}"
        header = Header(level)
        header.style = f"Heading_20_{level}"
        if self._toc is not None and not self.headings:
            header.style = f"AfterContents{level}"  # contents stay on the title page
        header.append(Element.from_tag(f"<text:bookmark text:name={quoteattr(name)}/>"))
        header.append_plain_text(text)
        self.doc.body.append(header)
        self.headings.append((level, text, name))

    def paragraph(self, text: str, style: str = "Text_20_body") -> Paragraph:
        paragraph = Paragraph(text, style=style)
        self.doc.body.append(paragraph)
        return paragraph

    def labelled(self, label: str, value: str) -> None:
        """A line "Label: value", the label in bold; nothing when there is no value."""
        if not value:
            return
        paragraph = Paragraph(style="Labelled_20_Line")
        paragraph.append(Span(f"{label}:", style="Strong_20_Emphasis"))
        paragraph.append_plain_text(f" {value}")
        self.doc.body.append(paragraph)

    def bullets(self, points: Iterable[str]) -> None:
        listing = List(style="Bullets")
        for point in points:
            item = ListItem()
            item.append(Paragraph(point, style="Text_20_body"))
            listing.append(item)
        self.doc.body.append(listing)

    def markdown(self, text: str, level: int) -> None:
        """*text* (Markdown) as paragraphs, lists and headings below a heading of *level*."""
        _Markdown(self, level).write(text)

    def table(
        self,
        columns: Sequence[Col],
        rows: Iterable[Sequence[CellValue]],
        sum_row: Sequence[CellValue] | None = None,
        narrow: bool = False,
    ) -> None:
        """A bordered table whose header row repeats on every page it runs over.

        *narrow* sets the labels of numeric columns smaller, for many of them.
        """
        self._tables += 1
        total = sum(c.weight for c in columns)
        parts = [
            f'<table:table table:name="Table{self._tables}" table:style-name="FullWidth">'
        ]
        for column in columns:
            width = round(TEXT_WIDTH_CM * 10 * column.weight / total)
            if width not in self._column_styles:
                self._column_styles.add(width)
                self.doc.insert_style(_column_style(width), automatic=True)
            parts.append(f'<table:table-column table:style-name="Col{width}"/>')
        parts.append(
            '<table:table-header-rows><table:table-row table:style-name="Row">'
        )
        for column in columns:
            style = (
                "Table_20_Heading_20_Number" if column.numeric else "Table_20_Heading"
            )
            if narrow and column.numeric:
                style = "Table_20_Heading_20_Narrow"
            parts.append(_cell(column.label, "HeadCell", style))
        parts.append("</table:table-row></table:table-header-rows>")
        for values in rows:
            parts.append(_row(columns, values, "Cell", "Table_20_Contents"))
        if sum_row is not None:
            parts.append(_row(columns, sum_row, "SumCell", "SumText"))
        parts.append("</table:table>")
        self.doc.body.append(Element.from_tag("".join(parts)))

    def image(self, png: bytes, title: str, description: str) -> None:
        """A PNG as wide as the text, described for readers who do not see it."""
        uri = self.doc.add_file(io.BytesIO(png))
        width, height = _image_size(png)
        frame = Element.from_tag(
            f'<draw:frame draw:name="Chart{len(self.headings)}" text:anchor-type="as-char"'
            f' svg:width="{width:.2f}cm" svg:height="{height:.2f}cm" draw:z-index="0">'
            f'<draw:image xlink:href={quoteattr(uri)} xlink:type="simple"'
            ' xlink:show="embed" xlink:actuate="onLoad" draw:mime-type="image/png"/>'
            f"<svg:title>{escape(title)}</svg:title>"
            f"<svg:desc>{escape(description)}</svg:desc></draw:frame>"
        )
        paragraph = Paragraph(style="Figure")
        paragraph.append(frame)
        self.doc.body.append(paragraph)
        self.paragraph(title, style="Caption")

    def contents(self) -> None:
        """Where the table of contents goes; it is filled in when the document is done."""
        self._toc = Element.from_tag(
            '<text:table-of-content text:protected="true" text:name="Contents">'
            f'<text:table-of-content-source text:outline-level="{TOC_DEPTH}">'
            '<text:index-title-template text:style-name="Contents_20_Heading"/>'
            + "".join(
                f'<text:table-of-content-entry-template text:outline-level="{level}"'
                f' text:style-name="Contents_20_{level}">'
                "<text:index-entry-link-start/><text:index-entry-chapter/>"
                "<text:index-entry-text/>"
                '<text:index-entry-tab-stop style:type="right" style:leader-char="."/>'
                "<text:index-entry-page-number/><text:index-entry-link-end/>"
                "</text:table-of-content-entry-template>"
                for level in range(1, 11)
            )
            + "</text:table-of-content-source><text:index-body/></text:table-of-content>"
        )
        self.doc.body.append(self._toc)

    def _fill_contents(self) -> None:
        if self._toc is None:
            return
        entries = [
            '<text:index-title text:name="Contents_Head">'
            f'<text:p text:style-name="Contents_20_Heading">{escape(_("Contents"))}</text:p>'
            "</text:index-title>"
        ]
        for level, text, name in self.headings:
            if level > TOC_DEPTH:
                continue
            # LibreOffice fills the page reference when it lays the document out.
            entries.append(
                f'<text:p text:style-name="Contents_20_{level}">'
                f'<text:a xlink:type="simple" xlink:href="#{name}"'
                ' text:style-name="Index_20_Link" text:visited-style-name="Index_20_Link">'
                f"{escape(text)}"
                f'<text:tab/><text:bookmark-ref text:reference-format="page"'
                f' text:ref-name="{name}">–</text:bookmark-ref></text:a></text:p>'
            )
        body = self._toc.get_element("text:index-body")
        assert body is not None
        for entry in entries:
            body.append(Element.from_tag(entry))

    def finish(self) -> bytes:
        self._fill_contents()
        drop_thumbnail(self.doc)
        out = io.BytesIO()
        self.doc.save(out)
        return out.getvalue()


def _image_size(png: bytes) -> tuple[float, float]:
    """A chart PNG's size in cm: drawn at twice CSS pixels, shrunk to fit the page."""
    width_px = int.from_bytes(png[16:20], "big") or 1
    height_px = int.from_bytes(png[20:24], "big") or 1
    width = width_px / CHART_SCALE / 96 * 2.54
    height = height_px / CHART_SCALE / 96 * 2.54
    shrink = min(1.0, TEXT_WIDTH_CM / width, MAX_IMAGE_HEIGHT_CM / height)
    return width * shrink, height * shrink


def _cell(text: str, cell_style: str, paragraph_style: str, inner: str = "") -> str:
    paragraphs = odf_paragraphs(text, paragraph_style)
    return (
        f'<table:table-cell table:style-name="{cell_style}" office:value-type="string">'
        f"{paragraphs}{inner}</table:table-cell>"
    )


def _row(
    columns: Sequence[Col], values: Sequence[CellValue], cell_style: str, text: str
) -> str:
    number = "SumNumber" if text == "SumText" else "Table_20_Number"
    cells = []
    for column, value in zip(columns, values, strict=True):
        if isinstance(value, int):
            # The number itself for programs, formatted text for the eye.
            cells.append(
                f'<table:table-cell table:style-name="{cell_style}"'
                f' office:value-type="float" office:value="{value}">'
                f"{odf_paragraphs(amount_text(value), number)}</table:table-cell>"
            )
        elif isinstance(value, Bulleted):
            points = "".join(
                f"<text:list-item>{odf_paragraphs(point, 'Table_20_Contents')}"
                "</text:list-item>"
                for point in value.points
            )
            listing = (
                f'<text:list text:style-name="Bullets">{points}</text:list>'
                if points
                else ""
            )
            cells.append(_cell(value.text, cell_style, text, listing))
        else:
            style = number if column.numeric else text
            cells.append(_cell(value or "", cell_style, style))
    return f'<table:table-row table:style-name="Row">{"".join(cells)}</table:table-row>'


# --- Markdown ----------------------------------------------------------------

_md = MarkdownIt("commonmark", {"html": False})


class _Markdown:
    """The honest part of Markdown: paragraphs, lists, headings, emphasis and links."""

    def __init__(self, writer: Writer, level: int) -> None:
        self.writer = writer
        self.level = level
        self.containers: list[Element] = [writer.doc.body]
        self.quoted = 0

    def write(self, text: str) -> None:
        tokens = _md.parse(text)
        for index, token in enumerate(tokens):
            self.block(token, tokens[index + 1] if index + 1 < len(tokens) else None)

    def block(self, token: Token, following: Token | None) -> None:
        kind = token.type
        if kind == "heading_open" and following is not None:
            self.writer.heading(self.level + int(token.tag[1:]), following.content)
        elif kind == "paragraph_open" and following is not None:
            style = "Quotations" if self.quoted else "Text_20_body"
            paragraph = Paragraph(style=style)
            _inline(paragraph, following.children or [])
            self.containers[-1].append(paragraph)
        elif kind in ("bullet_list_open", "ordered_list_open"):
            numbered = kind == "ordered_list_open"
            listing = List(style="Numbers" if numbered else "Bullets")
            self.containers[-1].append(listing)
            self.containers.append(listing)
        elif kind == "list_item_open":
            item = ListItem()
            self.containers[-1].append(item)
            self.containers.append(item)
        elif kind in ("bullet_list_close", "ordered_list_close", "list_item_close"):
            self.containers.pop()
        elif kind == "blockquote_open":
            self.quoted += 1
        elif kind == "blockquote_close":
            self.quoted -= 1
        elif kind in ("fence", "code_block"):
            for line in token.content.rstrip("\n").split("\n"):
                self.containers[-1].append(
                    Paragraph(line, style="Preformatted_20_Text")
                )


def _inline(paragraph: Paragraph, tokens: list[Token]) -> None:
    bold = italic = 0
    link: str | None = None
    link_text: list[str] = []
    for token in tokens:
        kind = token.type
        if kind == "strong_open":
            bold += 1
        elif kind == "strong_close":
            bold -= 1
        elif kind == "em_open":
            italic += 1
        elif kind == "em_close":
            italic -= 1
        elif kind == "link_open":
            link, link_text = str(token.attrs.get("href", "")), []
        elif kind == "link_close" and link is not None:
            paragraph.append(Link(link, text="".join(link_text)))
            link = None
        elif kind in ("text", "code_inline", "softbreak", "hardbreak", "image"):
            text = {"softbreak": " ", "hardbreak": "\n"}.get(kind, token.content)
            if link is not None:
                link_text.append(text)
            elif kind == "code_inline":
                paragraph.append(Span(text, style="Source_20_Text"))
            elif bold or italic:
                paragraph.append(Span(text, style=_emphasis(bold, italic)))
            else:
                paragraph.append_plain_text(text)


def _emphasis(bold: int, italic: int) -> str:
    if bold and italic:
        return "Strong_20_Emphasis_20_Italic"
    return "Strong_20_Emphasis" if bold else "Emphasis"


# --- the reports -------------------------------------------------------------


def to_odt(report: Report) -> bytes:
    """*report* as an ODT document; call inside ``in_language(strategy)``."""
    if isinstance(report, StrategyReport):
        writer = _strategy(report)
    elif isinstance(report, ProgressReport):
        writer = _progress(report)
    elif isinstance(report, BudgetReport):
        writer = _budget_report(report)
    elif isinstance(report, ChangesReport):
        writer = _changes(report)
    else:
        raise TypeError(f"no ODT for {type(report).__name__}")
    return writer.finish()


def _title_page(writer: Writer, title: str, subtitle: str, *, strategy: bool) -> None:
    front = writer.front
    writer.paragraph(title, style="Title")
    writer.paragraph(subtitle, style="Subtitle")
    if not strategy:
        writer.labelled(_("Strategy"), front.title)
    writer.labelled(_("Organisation"), front.organization)
    writer.labelled(_("Period"), front.period)
    writer.labelled(_("Version"), front.version)
    writer.labelled(_("State"), front.state)
    if strategy:
        writer.labelled(_("Vision"), front.vision)
    writer.labelled(_("Generated"), _date(front.generated))


def _date(day: dt.date) -> str:
    return date_format(day, "DATE_FORMAT")


def _chart(writer: Writer, report: Report) -> None:
    chart = chart_for(report)
    writer.image(chart.png(), chart.title, chart.description)


def _strategy(report: StrategyReport) -> Writer:
    writer = Writer(report.front)
    _title_page(writer, report.front.title, report.front.organization, strategy=True)
    writer.contents()
    for chapter in report.chapters:
        level = chapter.number.count(".") + 1 if chapter.number else 1
        writer.heading(level, _numbered(chapter.number, chapter.title))
        writer.markdown(chapter.text, level)
    _decisions(writer, report)
    if report.areas:
        writer.heading(1, _("Status on the national goals"))
        _chart(writer, report)
        _level_counts(writer, report.areas)
    writer.heading(1, _("Themes"))
    if not report.themes:
        writer.paragraph(_("No themes."))
    for theme in report.themes:
        writer.heading(2, _numbered(theme.number, theme.title))
        writer.markdown(theme.text, 2)
        if theme.goals:
            writer.heading(3, _("National goals"))
            for area in by_area(theme.goals):
                writer.labelled(_("National area"), area.area)
                _goal_table(writer, area.goals)
        for measure in theme.measures:
            _measure(writer, measure)
    if report.other_goals:
        writer.heading(1, _("National goals outside the themes"))
        for area in report.other_goals:
            writer.heading(2, area.area)
            _goal_table(writer, area.goals)
    writer.heading(1, _("Action plan and budget"))
    _budget(writer, report.budget, 2)
    writer.heading(1, _("Glossary"))
    if not report.glossary:
        writer.paragraph(_("The strategy has no glossary."))
    for term, definition in report.glossary:
        paragraph = writer.paragraph("")
        paragraph.append(Span(term, style="Strong_20_Emphasis"))
        paragraph.append_plain_text(f" – {definition}")
    return writer


def _numbered(number: str, title: str) -> str:
    return f"{number} {title}" if number else title


def _decisions(writer: Writer, report: StrategyReport) -> None:
    writer.heading(1, _("Decision log"))
    if not report.decisions:
        writer.paragraph(_("No decisions recorded."))
        return
    writer.table(
        [
            Col(_("Date"), 2),
            Col(_("Body"), 4),
            Col(_("Reference"), 2),
            Col(_("Note"), 4),
        ],
        [[d.date, d.body, d.reference, d.note] for d in report.decisions],
    )


def _level(goal: Goal) -> str:
    if goal.confirmed:
        return goal.level_label
    return f"{goal.level_label} ({_('not confirmed')})"


def _goal_table(writer: Writer, goals: list[Goal]) -> None:
    writer.table(
        [
            Col(_("No."), 0.8),
            Col(_("Goal"), 5.5),
            Col(_("Deadline"), 1.9),
            Col(_("Level"), 2.6),
            Col(_("Status text"), 5),
            Col(_("As of"), 1.6),
        ],
        [
            [
                str(g.number) if g.number is not None else "",
                g.text,
                str(g.deadline) if g.deadline is not None else "",
                _level(g),
                g.status,
                g.as_of,
            ]
            for g in goals
        ],
    )


def _level_counts(writer: Writer, areas: list[AreaGoals]) -> None:
    """The chart's numbers as a table: goals per area and level."""
    counts = [area.counts for area in areas]
    writer.table(
        [Col(_("Area"), 3)]
        + [Col(str(level.label), 1.6, numeric=True) for level in LEVELS]
        + [Col(_("Total"), 1.2, numeric=True)],
        [[a.area, *c, sum(c)] for a, c in zip(areas, counts, strict=True)],
        sum_row=[
            _("Total"),
            *(sum(column) for column in zip(*counts, strict=True)),
            sum(map(sum, counts)),
        ],
        narrow=True,
    )


def _measure(writer: Writer, measure: MeasureRow) -> None:
    writer.heading(3, _("Measure %(number)s") % {"number": measure.number})
    writer.labelled(_("Objective"), measure.objective)
    writer.markdown(measure.description, 3)
    if measure.items:
        writer.bullets(measure.items)
    writer.labelled(_("Start"), ", ".join(str(s) for s in measure.start))
    writer.labelled(_("Proposed by / owned by"), ", ".join(measure.owners))


def _budget(writer: Writer, budget: Budget, level: int) -> None:
    writer.heading(level, _("Action plan items"))
    if not budget.items:
        writer.paragraph(_("The strategy has no action plan."))
    else:
        writer.table(
            [
                Col(_("No."), 0.8),
                Col(_("Item"), 6),
                Col(_("Category"), 2.4),
                Col(_("Years"), 1.8),
                Col(_("Amount (NOK)"), 2.2, numeric=True),
                Col(_("Remarks"), 3.5),
            ],
            [
                [
                    i.number,
                    Bulleted(i.title, i.points),
                    i.category_label,
                    i.years,
                    i.amount,
                    "; ".join(text for text in (i.funding, i.remarks) if text),
                ]
                for i in budget.items
            ],
        )
        writer.heading(level, _("Amounts per period and category"))
        writer.table(
            [Col(_("Years"), 2)]
            + [Col(label, 2, numeric=True) for _value, label in budget.categories]
            + [Col(_("Total"), 2, numeric=True)],
            [[p.years, *p.amounts, p.total] for p in budget.periods],
            sum_row=[_("Total"), *budget.category_sums, sum(budget.category_sums)],
        )
    writer.heading(level, _("Budget totals"))
    if not budget.totals:
        writer.paragraph(_("The strategy states no budget totals."))
        return
    writer.table(
        [
            Col(_("Category"), 2),
            Col(_("Years"), 1.6),
            Col(_("Stated total"), 2, numeric=True),
            Col(_("Sum of the items"), 2, numeric=True),
            Col(_("Difference"), 2, numeric=True),
        ],
        [
            [
                t.category_label,
                t.years,
                _stated(t),
                t.computed,
                t.difference,
            ]
            for t in budget.totals
        ],
    )
    for t in budget.totals:
        if t.withheld:
            writer.paragraph(t.withheld_note, style="Note")
    differing = [t for t in budget.totals if t.differs]
    for t in differing:
        writer.paragraph(
            _(
                "%(category)s %(years)s: the strategy states a total of %(stated)s, "
                "but its items add up to %(computed)s."
            )
            % {
                "category": t.category_label,
                "years": t.years,
                "stated": amount_text(t.stated),
                "computed": amount_text(t.computed),
            },
            style="Note",
        )
    if not differing:
        writer.paragraph(_("The stated totals match the sums of the items."))


def _stated(total: Total) -> int | str:
    if total.withheld:
        return _("Withheld")
    return total.stated if total.stated is not None else _("Not stated")


def _progress(report: ProgressReport) -> Writer:
    writer = Writer(report.front)
    title = _("Status on the national goals")
    _title_page(writer, title, report.front.organization, strategy=False)
    writer.labelled(_("National agenda"), report.framework)
    writer.contents()
    writer.heading(1, _("Number of goals per area and level"))
    if not report.areas:
        writer.paragraph(_("The strategy reports no status on national goals."))
        return writer
    _chart(writer, report)
    _level_counts(writer, report.areas)
    for area in report.areas:
        writer.heading(1, area.area)
        _goal_table(writer, area.goals)
    return writer


def _budget_report(report: BudgetReport) -> Writer:
    writer = Writer(report.front)
    title = _("Action plan and budget")
    _title_page(writer, title, report.front.organization, strategy=False)
    if report.budget.items:
        _chart(writer, report)
    _budget(writer, report.budget, 1)
    return writer


def _changes(report: ChangesReport) -> Writer:
    writer = Writer(report.front)
    _title_page(writer, _("Status changes"), report.front.organization, strategy=False)
    writer.labelled(_("Before"), report.before)
    writer.labelled(_("After"), report.after)
    writer.heading(1, _("Summary"))
    writer.table(
        [Col(_("Direction of change"), 4), Col(_("Goals"), 1, numeric=True)],
        [[str(d.label), report.count(d)] for d in Direction],
        sum_row=[_("Total"), len(report.changes)],
    )
    if report.changes:
        _chart(writer, report)
    for area, changes in _changes_by_area(report.changes):
        writer.heading(1, area)
        writer.table(
            [
                Col(_("No."), 0.8),
                Col(_("Goal"), 7),
                Col(_("Before"), 2.5),
                Col(_("After"), 2.5),
                Col(_("Direction of change"), 2.5),
            ],
            [
                [
                    str(c.number) if c.number is not None else "",
                    c.text,
                    c.before_label,
                    c.after_label,
                    str(Direction(c.direction).label),
                ]
                for c in changes
            ],
        )
    return writer


def _changes_by_area(changes: list[Change]) -> list[tuple[str, list[Change]]]:
    areas: dict[str, list[Change]] = {}
    for change in changes:
        areas.setdefault(change.area, []).append(change)
    return list(areas.items())
