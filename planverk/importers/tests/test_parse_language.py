"""The language given to parse() wins over the one detected; an unknown one is refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from planverk.importers import ParseError, parse
from planverk.importers.lexicon import detect_language
from planverk.importers.tests.fixtures import KS_NB

# A Nynorsk cover note makes detection guess nn for the bokmål fixture.
NOTE = "Kva er dette? Ein plan frå dei som ikkje veit korleis eit kart ser ut.\n\n"


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "plan.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_given_language_overrides_detection(tmp_path: Path) -> None:
    text = KS_NB.replace("Versjon 2.0\n", "Versjon 2.0\n\n" + NOTE)
    assert detect_language(text.splitlines()) == "nn"
    document = parse(_write(tmp_path, text), language="nb").document
    assert document["import_report"]["source"]["language"] == "nb"
    assert document["strategy"]["language"] == "nb"


def test_an_unknown_language_is_a_parse_error_naming_the_file(tmp_path: Path) -> None:
    path = _write(tmp_path, KS_NB)
    with pytest.raises(ParseError) as raised:
        parse(path, language="xx")
    assert raised.value.file == str(path)
    assert str(raised.value) == f"{path}: unknown language 'xx' (known: en, lt, nb, nn)"
