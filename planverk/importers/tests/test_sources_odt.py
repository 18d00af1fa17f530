"""ODT files, built here with odfdo, read into blocks."""

from __future__ import annotations

from pathlib import Path

from odfdo import Cell, Document, Element, Header, List, Paragraph, Row, Table

from planverk.importers import blocks
from planverk.importers.sources import read_source

HEADER = ("Nr", "Mål", "Tiltak", "Forslag fra", "Start")


def _save(document: Document, tmp_path: Path) -> Path:
    path = tmp_path / "strategi.odt"
    document.save(path)
    return path


def _document(*elements: Element) -> Document:
    document = Document("text")
    document.body.clear()
    for element in elements:
        document.body.append(element)
    return document


def _measure_table() -> Table:
    table = Table("Tiltak")
    header = Row()
    for text in HEADER:
        header.append(Cell(text))
    measure = Row()
    tiltak = Cell()
    tiltak.append(Paragraph("Kompetansetiltak innenfor:"))
    tiltak.append(List(["Pedagogisk bruk av IKT", "Digitale verktøy"]))
    tiltak.append(Paragraph("Tilby opplæringspakker."))
    for cell in (Cell("7.6"), Cell("Bygge nettverk."), tiltak):
        measure.append(cell)
    measure.append(Cell("Videregående opplæring"))
    measure.append(Cell("2010-2013"))
    table.append(header)
    table.append(measure)
    return table


def test_it_reads_headings_paragraphs_lists_and_tables_in_order(
    tmp_path: Path,
) -> None:
    bullets = List(["Økt samhandling", "Kompetanse"])
    bullets.children[0].append(List(["Delingskultur"]))
    document = _document(
        Header(1, "7. IKT i videregående opplæring"),
        Paragraph("Skolene skal bruke IKT i all opplæring."),
        bullets,
        Paragraph(""),
        _measure_table(),
    )
    source = read_source(_save(document, tmp_path))
    assert (source.kind, source.encoding) == ("odt", None)
    assert source.blocks == [
        blocks.Paragraph("7. IKT i videregående opplæring", 1, heading=1),
        blocks.Paragraph("Skolene skal bruke IKT i all opplæring.", 2),
        blocks.Paragraph("Økt samhandling", 3, bullet=1),
        blocks.Paragraph("Delingskultur", 4, bullet=2),
        blocks.Paragraph("Kompetanse", 5, bullet=1),
        blocks.Table(
            (
                blocks.Row(HEADER, 7),
                blocks.Row(
                    (
                        "7.6",
                        "Bygge nettverk.",
                        "Kompetansetiltak innenfor:\n"
                        "• Pedagogisk bruk av IKT\n"
                        "• Digitale verktøy\n"
                        "Tilby opplæringspakker.",
                        "Videregående opplæring",
                        "2010-2013",
                    ),
                    8,
                ),
            ),
            7,
        ),
    ]


def test_it_keeps_heading_levels_and_lithuanian_letters(tmp_path: Path) -> None:
    document = _document(
        Header(2, "2.1 IKT saugumas"),
        Paragraph("Ąžuolų gatvėje – šviesolaidžio ryšys įrengtas, ūkis čia."),
    )
    assert read_source(_save(document, tmp_path)).blocks == [
        blocks.Paragraph("2.1 IKT saugumas", 1, heading=2),
        blocks.Paragraph("Ąžuolų gatvėje – šviesolaidžio ryšys įrengtas, ūkis čia.", 2),
    ]


def test_it_keeps_spaces_and_tabs_odf_writes_as_elements(tmp_path: Path) -> None:
    document = _document(Paragraph("Nr.  119/09\tF/A"))
    [block] = read_source(_save(document, tmp_path)).blocks
    assert block == blocks.Paragraph("Nr.  119/09\tF/A", 1)


def test_it_numbers_numbered_lists_and_goes_on_after_a_paragraph(
    tmp_path: Path,
) -> None:
    goals = List(
        ["Innen 2010 nettsider.", "Innen 2011 skjema."], style="Numbering_20_1"
    )
    more = List(["Innen 2012 chat."], style="Numbering_20_1")
    more.set_attribute("text:continue-numbering", "true")
    again = List(["Ingen tjenester"], style="Numbering_20_1")
    document = _document(goals, Paragraph("Merknad."), more, again)
    assert read_source(_save(document, tmp_path)).blocks == [
        blocks.Paragraph("1. Innen 2010 nettsider.", 1),
        blocks.Paragraph("2. Innen 2011 skjema.", 2),
        blocks.Paragraph("Merknad.", 3),
        blocks.Paragraph("3. Innen 2012 chat.", 4),
        blocks.Paragraph("1. Ingen tjenester", 5),
    ]
