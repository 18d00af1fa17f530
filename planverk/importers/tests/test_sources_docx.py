"""DOCX files, built here with python-docx, read into blocks."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE

from planverk.importers.blocks import Block, Paragraph, Row, Table
from planverk.importers.sources import read_source
from planverk.importers.tests.builders import restart_numbering

HEADER = ("Nr", "Mål", "Tiltak", "Forslag fra", "Start")


def _save(document: docx.document.Document, tmp_path: Path) -> Path:
    path = tmp_path / "strategi.docx"
    document.save(str(path))
    return path


def _measure_document() -> docx.document.Document:
    document = docx.Document()
    document.add_heading("IKT-strategi for Fjellvik kommune", level=0)
    document.add_heading("4. Tjenester på nett", level=1)
    document.add_paragraph("")  # empty paragraphs count, but yield no block
    document.add_paragraph("Innbyggere ønsker døgnåpne tjenester på økt nivå.")
    document.add_paragraph("Selvbetjening", style="List Bullet")
    document.add_paragraph("Digital post", style="List Bullet 2")
    table = document.add_table(rows=2, cols=5)
    for cell, text in zip(table.rows[0].cells, HEADER, strict=True):
        cell.text = text
    cells = table.rows[1].cells
    cells[0].text = "4.1"
    cells[1].text = "Bedre service for publikum."
    cells[2].text = "Kartlegge tjenester med vekt på:"
    cells[2].add_paragraph("forbedringspotensial", style="List Bullet")
    cells[2].add_paragraph("kost-nytte", style="List Bullet")
    cells[2].add_paragraph("Deretter tilby skjema i Altinn.")
    cells[3].text = "Arkiv, IKT-tjenesten"
    cells[4].text = "2011"
    return document


def test_it_reads_headings_paragraphs_bullets_and_tables_in_order(
    tmp_path: Path,
) -> None:
    source = read_source(_save(_measure_document(), tmp_path))
    assert (source.kind, source.encoding, source.text) == ("docx", None, None)
    assert source.blocks == [
        Paragraph("IKT-strategi for Fjellvik kommune", 1, heading=1),
        Paragraph("4. Tjenester på nett", 2, heading=1),
        Paragraph("Innbyggere ønsker døgnåpne tjenester på økt nivå.", 4),
        Paragraph("Selvbetjening", 5, bullet=1),
        Paragraph("Digital post", 6, bullet=2),
        Table(
            (
                Row(HEADER, 7),
                Row(
                    (
                        "4.1",
                        "Bedre service for publikum.",
                        "Kartlegge tjenester med vekt på:\n"
                        "• forbedringspotensial\n"
                        "• kost-nytte\n"
                        "Deretter tilby skjema i Altinn.",
                        "Arkiv, IKT-tjenesten",
                        "2011",
                    ),
                    8,
                ),
            ),
            7,
        ),
    ]


def test_it_renders_word_list_numbers(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Mål eKommune 2012:")
    document.add_paragraph("Innen 2010 skal alle ha nettsider.", style="List Number")
    document.add_paragraph("Innen 2011 skal skjema være digitale.", style="List Number")
    assert read_source(_save(document, tmp_path)).blocks == [
        Paragraph("Mål eKommune 2012:", 1),
        Paragraph("1. Innen 2010 skal alle ha nettsider.", 2),
        Paragraph("2. Innen 2011 skal skjema være digitale.", 3),
    ]


def test_numbered_items_read_like_typed_numbered_lines(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Ingen tjenester", style="List Number")
    [block] = read_source(_save(document, tmp_path)).blocks
    assert block == Paragraph("1. Ingen tjenester", 1)


def test_it_keeps_lithuanian_letters(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("Priemonės: ąčęėįšųūž", level=2)
    document.add_paragraph("Įdiegti elektroninę dokumentų valdymo sistemą")
    blocks = read_source(_save(document, tmp_path)).blocks
    assert blocks == [
        Paragraph("Priemonės: ąčęėįšųūž", 1, heading=2),
        Paragraph("Įdiegti elektroninę dokumentų valdymo sistemą", 2),
    ]


@pytest.mark.parametrize("name", ["Overskrift 3", "Antraštė 3"])
def test_it_knows_localised_heading_styles(tmp_path: Path, name: str) -> None:
    document = docx.Document()
    document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    document.add_paragraph("Arkivering", style=name)
    [block] = read_source(_save(document, tmp_path)).blocks
    assert block == Paragraph("Arkivering", 1, heading=3)


def test_a_document_without_tables_yields_paragraphs(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Bare tekst, ingen tabell.")
    blocks = read_source(_save(document, tmp_path)).blocks
    assert blocks == [Paragraph("Bare tekst, ingen tabell.", 1)]


def test_a_cell_spanning_columns_counts_once(tmp_path: Path) -> None:
    document = docx.Document()
    table = document.add_table(rows=2, cols=3)
    table.cell(0, 0).merge(table.cell(0, 1)).text = "Tiltak"
    table.cell(0, 2).text = "Start"
    [block] = read_source(_save(document, tmp_path)).blocks
    assert isinstance(block, Table)
    assert block.rows[0].cells == ("Tiltak", "Start")


# The county layout, invented text: a theme, national goals, status, measures.
COUNTY_TEXT = """5. Elektronisk arkiv

Fylket arkiverer stadig mer digitalt, også i skolene.

Mål eKommune 2012:

1. Innen 2010 skal alle ha et elektronisk arkiv.
2. Innen 2011 skal innsyn i postjournal skje på nett.

Status:

1. Elektronisk arkiv er tatt i bruk i sentraladministrasjonen.
2. Postjournalen legges ut med én ukes forsinkelse.

Målsetting og tiltak:

Nr\tMål\tTiltak\tForslag fra\tStart
5.1\tFullelektronisk arkiv.\tSkanne inngående post ved mottak.\tArkiv\t2010
5.2\tÅpen postjournal.\tPublisere journalen daglig.\tArkiv, Info\t2011
"""


def _county_document() -> docx.document.Document:
    lines = COUNTY_TEXT.splitlines()
    document = docx.Document()
    document.add_heading(lines[0], level=1)
    document.add_paragraph(lines[2])
    document.add_paragraph(lines[4])
    for line in lines[6:8]:
        document.add_paragraph(line.split(". ", 1)[1], style="List Number")
    document.add_paragraph(lines[9])
    for i, line in enumerate(lines[11:13]):
        item = document.add_paragraph(line.split(". ", 1)[1], style="List Number")
        if i == 0:
            restart_numbering(document, item)
    document.add_paragraph(lines[14])
    rows = [line.split("\t") for line in lines[16:19]]
    table = document.add_table(rows=len(rows), cols=5)
    for row, cells in zip(table.rows, rows, strict=True):
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text
    return document


def _content(blocks: list[Block]) -> list[str | tuple[tuple[str, ...], ...]]:
    return [
        tuple(row.cells for row in b.rows) if isinstance(b, Table) else b.text
        for b in blocks
    ]


def test_a_docx_in_the_county_layout_reads_like_the_same_text(tmp_path: Path) -> None:
    from planverk.importers.sources.text import text_to_blocks

    source = read_source(_save(_county_document(), tmp_path))
    assert _content(source.blocks) == _content(text_to_blocks(COUNTY_TEXT))
