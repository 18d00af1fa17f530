"""A report as OpenDocument text (ODT), written with odfdo.

The caller sets the language (``in_language(strategy)``): labels come from
gettext, and the document's metadata and default paragraph language are the
strategy's own, so that spelling and hyphenation in a word processor follow
the text. Headings are real Heading 1–4 paragraphs without automatic numbers
(the strategy's own numbers are part of the titles), listed in a contents
table whose entries link to them and show their page through a reference
field. The styles are in odf/text-styles.xml and odf/text-automatic.xml.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr

from django.utils.translation import gettext as _
from odfdo import Document as OdfDocument
from odfdo import Element, Header, Link, List, ListItem, Paragraph, Span

from planverk.lib.numbers import amount_text, number_text
from planverk.reports import odf
from planverk.reports.document import (
    Amount,
    Block,
    BulletList,
    Cell,
    Definitions,
    Document,
    Fact,
    Facts,
    Figure,
    Heading,
    Level,
    Markdown,
    Note,
    Points,
    Row,
    Table,
)
from planverk.reports.document import Paragraph as Text
from planverk.reports.kinds import as_document

TEXT_WIDTH_CM = 17.0  # A4 less 2 cm margins, as FullWidth in text-automatic.xml
TOC_DEPTH = 2  # Heading 1 and 2 in the contents
MAX_HEADING = 4
CHART_SCALE = 2  # Chart.png()'s default: two pixels a CSS pixel
MAX_IMAGE_HEIGHT_CM = 20.0
HEADING_SIZES = {1: "18pt", 2: "14pt", 3: "12pt", 4: "11pt"}
PARAGRAPH_STYLES = {
    "body": "Text_20_body",
    "lead": "Text_20_body",
    "quote": "Quotations",
    "code": "Preformatted_20_Text",
}


def to_odt(report: object) -> bytes:
    """*report* (its content, or a Document) as an ODT document."""
    doc = as_document(report, paged=True)
    writer = Writer(doc)
    writer.front()
    for block in doc.blocks:
        writer.block(block, writer.odf.body)
    return writer.finish()


@dataclass
class Writer:
    """An ODT document being written, top to bottom."""

    doc: Document
    odf: OdfDocument = field(init=False)
    headings: list[tuple[int, str, str, bool]] = field(default_factory=list)
    _toc: Element | None = None
    _column_styles: set[int] = field(default_factory=set)
    _tables: int = 0
    _charts: int = 0

    def __post_init__(self) -> None:
        self.odf = OdfDocument("text")
        self.odf.body.clear()
        for style in odf.styles("text-styles.xml"):
            self.odf.insert_style(style)
        for style in odf.styles("text-automatic.xml"):
            self.odf.insert_style(style, automatic=True)
        self._unnumbered_headings()
        self._heading_sizes()
        odf.set_language(self.odf, self.doc.language, "paragraph")
        self.odf.meta.set_title(self.doc.full_title)
        self.odf.meta.set_generator("Planverk")

    def _unnumbered_headings(self) -> None:
        """Blank the outline numbering: the odfdo template numbers headings "1.1."."""
        for level in self.odf.styles.get_elements(
            "//text:outline-style/text:outline-level-style"
        ):
            level.set_attribute("style:num-format", "")
            level.del_attribute("style:num-suffix")
            level.del_attribute("loext:num-list-format")

    def _heading_sizes(self) -> None:
        """Headings 18, 14, 12 and 11 pt, all upright (the template slants Heading 2)."""
        for level, size in HEADING_SIZES.items():
            style = self.odf.get_style("paragraph", f"Heading_20_{level}")
            assert style is not None
            for properties in style.get_elements("style:text-properties"):
                properties.set_attribute("fo:font-size", size)
                properties.set_attribute("style:font-size-complex", size)
                properties.set_attribute("fo:font-style", "normal")
                properties.set_attribute("style:font-style-complex", "normal")
        caption = self.odf.get_style("paragraph", "Caption")
        assert caption is not None
        for properties in caption.get_elements("style:text-properties"):
            properties.set_attribute("fo:font-size", "10pt")
            properties.set_attribute("style:font-size-complex", "10pt")

    # -- the front matter --

    def front(self) -> None:
        """Title, organisation and facts; then the contents, if any, on the same page."""
        self.paragraph(self.doc.title, "Title")
        self.paragraph(self.doc.organization, "Subtitle")
        self.facts(self.doc.facts, self.odf.body)
        if self.doc.contents:
            self.contents()

    def facts(self, facts: Sequence[Fact], into: Element) -> None:
        for fact in facts:
            if not fact.text:
                continue
            paragraph = Paragraph(style="Labelled_20_Line")
            paragraph.append(Span(f"{fact.label}:", style="Strong_20_Emphasis"))
            paragraph.append_plain_text(f" {fact.text}")
            into.append(paragraph)

    # -- blocks --

    def block(self, block: Block, into: Element) -> None:
        if isinstance(block, Heading):
            self.heading(block)
        elif isinstance(block, Text):
            into.append(_paragraph(block))
        elif isinstance(block, Markdown):
            for inner in block.blocks():
                self.block(inner, into)
        elif isinstance(block, BulletList):
            self.bullets(block, into)
        elif isinstance(block, Table):
            into.append(Element.from_tag(self.table(block)))
        elif isinstance(block, Figure):
            self.figure(block)
        elif isinstance(block, Note):
            into.append(Paragraph(block.text, style="Note"))
        elif isinstance(block, Facts):
            self.facts(block.items, into)
        elif isinstance(block, Definitions):
            if not block.items:
                into.append(Paragraph(block.empty, style="Text_20_body"))
            for term, definition in block.items:
                paragraph = Paragraph(style="Text_20_body")
                paragraph.append(Span(term, style="Strong_20_Emphasis"))
                paragraph.append_plain_text(f" – {definition}")
                into.append(paragraph)

    def heading(self, heading: Heading) -> None:
        level = min(heading.level, MAX_HEADING)
        name = f"h{len(self.headings) + 1}"
        header = Header(level)
        header.style = f"Heading_20_{level}"
        if self._toc is not None and not self.headings:
            header.style = f"AfterContents{level}"  # contents stay on the title page
        header.append(Element.from_tag(f"<text:bookmark text:name={quoteattr(name)}/>"))
        header.append_plain_text(heading.text)
        self.odf.body.append(header)
        self.headings.append((level, heading.text, name, heading.toc))

    def paragraph(self, text: str, style: str = "Text_20_body") -> None:
        self.odf.body.append(Paragraph(text, style=style))

    def bullets(self, listing: BulletList, into: Element) -> None:
        odf_list = List(style="Numbers" if listing.ordered else "Bullets")
        for blocks in listing.items:
            item = ListItem()
            for block in blocks:
                self.block(block, item)
            odf_list.append(item)
        into.append(odf_list)

    def table(self, table: Table) -> str:
        """A bordered table whose header row repeats on every page it runs over.

        With many numeric columns their labels are set smaller.
        """
        self._tables += 1
        columns = table.columns
        narrow = sum(c.numeric for c in columns) > 4
        total = sum(c.weight for c in columns) or 1
        parts = [
            f'<table:table table:name="Table{self._tables}" table:style-name="FullWidth">'
        ]
        for column in columns:
            width = round(TEXT_WIDTH_CM * 10 * column.weight / total)
            if width not in self._column_styles:
                self._column_styles.add(width)
                self.odf.insert_style(_column_style(width), automatic=True)
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
            parts.append(_cell_xml(column.label, "HeadCell", style))
        parts.append("</table:table-row></table:table-header-rows>")
        for row in table.rows:
            cell_style = "FlagCell" if row.flag else "Cell"
            parts.append(_row(columns, row, cell_style, "Table_20_Contents"))
        if table.total is not None:
            parts.append(_row(columns, table.total, "SumCell", "SumText"))
        parts.append("</table:table>")
        return "".join(parts)

    def figure(self, figure: Figure) -> None:
        """A chart as a PNG as wide as the text, described for readers who do not see it."""
        chart = figure.chart
        png = chart.png(CHART_SCALE)
        uri = self.odf.add_file(io.BytesIO(png))
        width, height = _image_size(png)
        self._charts += 1
        frame = Element.from_tag(
            f'<draw:frame draw:name="Chart{self._charts}" text:anchor-type="as-char"'
            f' svg:width="{width:.2f}cm" svg:height="{height:.2f}cm" draw:z-index="0">'
            f'<draw:image xlink:href={quoteattr(uri)} xlink:type="simple"'
            ' xlink:show="embed" xlink:actuate="onLoad" draw:mime-type="image/png"/>'
            f"<svg:title>{escape(chart.title)}</svg:title>"
            f"<svg:desc>{escape(chart.description)}</svg:desc></draw:frame>"
        )
        paragraph = Paragraph(style="Figure")
        paragraph.append(frame)
        self.odf.body.append(paragraph)
        self.paragraph(chart.title, "Caption")

    # -- the contents --

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
        self.odf.body.append(self._toc)

    def _fill_contents(self) -> None:
        if self._toc is None:
            return
        entries = [
            '<text:index-title text:name="Contents_Head">'
            f'<text:p text:style-name="Contents_20_Heading">{escape(_("Contents"))}</text:p>'
            "</text:index-title>"
        ]
        for level, text, name, listed in self.headings:
            if level > TOC_DEPTH or not listed:
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
        odf.drop_thumbnail(self.odf)
        out = io.BytesIO()
        self.odf.save(out)
        return out.getvalue()


# --- pieces ----------------------------------------------------------------------------


def _paragraph(block: Text) -> Paragraph:
    paragraph = Paragraph(style=PARAGRAPH_STYLES[block.style])
    for run in block.runs:
        if run.href is not None:
            paragraph.append(Link(run.href, text=run.text))
        elif run.code:
            paragraph.append(Span(run.text, style="Source_20_Text"))
        elif run.strong and run.emphasis:
            paragraph.append(Span(run.text, style="Strong_20_Emphasis_20_Italic"))
        elif run.strong or run.emphasis:
            style = "Strong_20_Emphasis" if run.strong else "Emphasis"
            paragraph.append(Span(run.text, style=style))
        else:
            paragraph.append_plain_text(run.text)
    return paragraph


def _column_style(width_mm: int) -> str:
    return (
        f'<style:style style:name="Col{width_mm}" style:family="table-column">'
        f'<style:table-column-properties style:column-width="{width_mm / 10:.1f}cm"'
        f' style:rel-column-width="{width_mm * 100}*"/></style:style>'
    )


def _image_size(png: bytes) -> tuple[float, float]:
    """A chart PNG's size in cm: drawn at twice CSS pixels, shrunk to fit the page."""
    width_px = int.from_bytes(png[16:20], "big") or 1
    height_px = int.from_bytes(png[20:24], "big") or 1
    width = width_px / CHART_SCALE / 96 * 2.54
    height = height_px / CHART_SCALE / 96 * 2.54
    shrink = min(1.0, TEXT_WIDTH_CM / width, MAX_IMAGE_HEIGHT_CM / height)
    return width * shrink, height * shrink


def _cell_xml(text: str, cell_style: str, paragraph_style: str, inner: str = "") -> str:
    return (
        f'<table:table-cell table:style-name="{cell_style}" office:value-type="string">'
        f"{odf.paragraphs(text, paragraph_style)}{inner}</table:table-cell>"
    )


def _row(columns: Sequence[object], row: Row, cell_style: str, text: str) -> str:
    number = "SumNumber" if text == "SumText" else "Table_20_Number"
    cells = [_cell(value, cell_style, text, number) for value in row.cells]
    return f'<table:table-row table:style-name="Row">{"".join(cells)}</table:table-row>'


def _cell(value: Cell, cell_style: str, text: str, number: str) -> str:
    """One cell: numbers typed (the number itself for programs, formatted text for the eye)."""
    if isinstance(value, Amount) and value.value is not None:
        shown = f"{value.prefix} " if value.prefix else ""
        shown += amount_text(value.value) + value.mark
        return _float_cell(value.value, shown, cell_style, number)
    if isinstance(value, int) and not isinstance(value, bool):
        return _float_cell(value, number_text(value), cell_style, number)
    if isinstance(value, Points):
        points = "".join(
            f"<text:list-item>{odf.paragraphs(point, 'Table_20_Contents')}"
            "</text:list-item>"
            for point in value.points
        )
        listing = (
            f'<text:list text:style-name="Bullets">{points}</text:list>'
            if points
            else ""
        )
        return _cell_xml(value.text, cell_style, text, listing)
    if isinstance(value, Level):
        shown = value.label
        if not value.confirmed:
            shown = f"{shown} ({_('not confirmed')})"
        return _cell_xml(shown, cell_style, text)
    if isinstance(value, Amount):  # none
        return _cell_xml("–", cell_style, number)
    return _cell_xml("" if value is None else str(value), cell_style, text)


def _float_cell(value: int, shown: str, cell_style: str, style: str) -> str:
    return (
        f'<table:table-cell table:style-name="{cell_style}"'
        f' office:value-type="float" office:value="{value}">'
        f"{odf.paragraphs(shown, style)}</table:table-cell>"
    )
