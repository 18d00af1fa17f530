"""HTML files read into blocks, with the source line of each element."""

from __future__ import annotations

from pathlib import Path

from planverk.importers.blocks import Paragraph, Row, Table
from planverk.importers.sources import read_source

PAGE = """<!DOCTYPE html>
<html lang="nb">
<head><title>Ikke innhold</title><style>p { color: red }</style></head>
<body>
<h1>IKT-strategi for Fjellvik kommune</h1>
<script>document.write("ikke innhold")</script>
<p>Kommunen skal være <b>blant de fremste</b>
   på digitale tjenester.</p>
<ul>
  <li>Økt samhandling
    <ul><li>Delingskultur</li></ul>
  </li>
  <li>Kompetanse</li>
</ul>
<h2>Mål og tiltak</h2>
<table>
  <thead><tr><th>Nr</th><th>Mål</th><th>Tiltak</th><th>Forslag fra</th><th>Start</th>
  </tr></thead>
  <tbody>
  <tr><td>3.1</td><td>Skape innsyn.</td>
      <td><p>Fremme dialog:</p><ul><li>Høringsportal</li><li>Nyhetsbrev</li></ul>
          Video<br>videreutvikles.</td>
      <td>Info</td><td>2010</td></tr>
  </tbody>
</table>
<!-- en kommentar -->
<p>Siste linje &amp; slutt</p>
</body>
</html>
"""


def test_it_reads_headings_paragraphs_lists_and_tables(tmp_path: Path) -> None:
    path = tmp_path / "strategi.html"
    path.write_text(PAGE, encoding="utf-8")
    source = read_source(path)
    assert (source.kind, source.encoding) == ("html", "utf-8")
    assert source.blocks == [
        Paragraph("IKT-strategi for Fjellvik kommune", 5, heading=1),
        Paragraph("Kommunen skal være blant de fremste på digitale tjenester.", 7),
        Paragraph("Økt samhandling", 10, bullet=1),
        Paragraph("Delingskultur", 11, bullet=2),
        Paragraph("Kompetanse", 13, bullet=1),
        Paragraph("Mål og tiltak", 15, heading=2),
        Table(
            (
                Row(("Nr", "Mål", "Tiltak", "Forslag fra", "Start"), 17),
                Row(
                    (
                        "3.1",
                        "Skape innsyn.",
                        "Fremme dialog:\n• Høringsportal\n• Nyhetsbrev\n"
                        "Video\nvidereutvikles.",
                        "Info",
                        "2010",
                    ),
                    20,
                ),
            ),
            16,
        ),
        Paragraph("Siste linje & slutt", 27),
    ]


def test_it_reads_a_fragment_in_cp1252(tmp_path: Path) -> None:
    path = tmp_path / "utdrag.htm"
    path.write_bytes("<p>Mål for “bærekraft”</p>\n".encode("cp1252"))
    source = read_source(path)
    assert (source.kind, source.encoding) == ("html", "cp1252")
    assert source.blocks == [Paragraph("Mål for “bærekraft”", 1)]


def test_it_numbers_ordered_list_items(tmp_path: Path) -> None:
    path = tmp_path / "mål.html"
    path.write_text(
        "<p>Status:</p>\n<ol><li>Ingen tjenester</li><li>Under arbeid</li></ol>\n"
        '<ol start="3"><li>Ferdig</li><li value="7">Sju</li></ol>\n',
        encoding="utf-8",
    )
    assert [b.text for b in read_source(path).blocks if isinstance(b, Paragraph)] == [
        "Status:",
        "1. Ingen tjenester",
        "2. Under arbeid",
        "3. Ferdig",
        "7. Sju",
    ]
