"""Plain text → paragraphs, bullets and tables with their source lines."""

from __future__ import annotations

from planverk.importers.blocks import Paragraph, Row, Table
from planverk.importers.sources.text import text_to_blocks


def test_lines_become_paragraphs_with_their_line_numbers() -> None:
    assert text_to_blocks("Tittel\n\nTekst her.\n") == [
        Paragraph("Tittel", 1),
        Paragraph("Tekst her.", 3),
    ]


def test_bullets_keep_their_depth() -> None:
    blocks = text_to_blocks("- en\n - to\n• tre\n")
    assert [(b.text, b.bullet) for b in blocks if isinstance(b, Paragraph)] == [
        ("en", 1),
        ("to", 2),
        ("tre", 1),
    ]


def test_tab_lines_become_one_table_across_blank_lines() -> None:
    (table,) = text_to_blocks("a\tb\nc\td\n\ne\tf\n")
    assert isinstance(table, Table)
    assert [r.cells for r in table.rows] == [("a", "b"), ("c", "d"), ("e", "f")]
    assert [r.line for r in table.rows] == [1, 2, 4]


def test_a_row_continued_after_a_page_break_is_merged() -> None:
    (table,) = text_to_blocks("1.1\tMål og\tTiltak\n\n\tmer mål\t\tEnhet\n")
    assert isinstance(table, Table)
    assert table.rows == (Row(("1.1", "Mål og\nmer mål", "Tiltak", "Enhet"), 1),)


def test_a_row_with_an_empty_first_cell_right_after_another_is_its_own_row() -> None:
    (table,) = text_to_blocks("Område\t\t\n\tMål\tStatus\n")
    assert isinstance(table, Table)
    assert len(table.rows) == 2


def test_table_rules_are_layout_residue() -> None:
    assert text_to_blocks("--\t--\n--\n") == []
