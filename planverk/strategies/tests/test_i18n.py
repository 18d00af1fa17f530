"""The interface in bokmål (default), nynorsk, English and Lithuanian: complete
catalogues, a working switch, each language named in itself."""

from __future__ import annotations

import ast
import io
import re
import zipfile
from pathlib import Path

import pikepdf
import pytest
from django.conf import settings
from django.test import Client

from planverk.reports.formats import make as make_report
from planverk.site.tests.test_public_pages import get, make, public_urls
from planverk.strategies.models import Strategy
from planverk.testing import make_strategy

CATALOGUES = Path(settings.BASE_DIR) / "locale"
LANGUAGES = [code for code, _name in settings.LANGUAGES]
# The messages are written in English: its catalogue leaves msgstr empty, and
# gettext gives the msgid itself.
SOURCE = "en"
TRANSLATED = [code for code in LANGUAGES if code != SOURCE]


def entries(language: str) -> list[dict[str, str]]:
    """The catalogue's entries as {"msgid": …, "msgstr" / "msgstr[n]": …, "flags": …}."""
    text = (CATALOGUES / language / "LC_MESSAGES" / "django.po").read_text("utf-8")
    found = []
    for block in text.split("\n\n"):
        entry: dict[str, str] = {"flags": ""}
        key = ""
        for line in block.splitlines():
            if line.startswith("#,"):
                entry["flags"] += line
            elif m := re.match(
                r"^(msgid_plural|msgid|msgstr(?:\[\d\])?) (\".*\")$", line
            ):
                key = m.group(1)
                entry[key] = ast.literal_eval(m.group(2))
            elif line.startswith('"') and key:
                entry[key] += ast.literal_eval(line)
        if entry.get("msgid"):
            found.append(entry)
    return found


def test_every_interface_language_has_a_catalogue() -> None:
    assert SOURCE in LANGUAGES
    for language in LANGUAGES:
        assert entries(language), language
        assert (CATALOGUES / language / "LC_MESSAGES" / "django.mo").exists(), language


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated(language: str) -> None:
    # The source language's catalogue may leave a text as it is, but holds no
    # guess (fuzzy) either.
    untranslated = [
        e["msgid"]
        for e in entries(language)
        if "fuzzy" in e["flags"]
        or (
            language != SOURCE
            and not all(v for k, v in e.items() if k.startswith("msgstr"))
        )
    ]
    assert untranslated == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_their_placeholders(language: str) -> None:
    placeholder = re.compile(r"%\(\w+\)[sd]|%[sd]")
    for e in entries(language):
        wanted = sorted(placeholder.findall(e["msgid"]))
        for key, value in e.items():
            if key.startswith("msgstr") and value:
                assert sorted(placeholder.findall(value)) == wanted or (
                    # A singular form may say "one" instead of the number.
                    "msgid_plural" in e and key == "msgstr[0]"
                ), (e["msgid"], value)


def test_nynorsk_has_its_two_plural_forms() -> None:
    header = (CATALOGUES / "nn" / "LC_MESSAGES" / "django.po").read_text("utf-8")
    assert '"Language: nn\\n"' in header
    assert "nplurals=2; plural=(n != 1);" in header
    for e in entries("nn"):
        if "msgid_plural" in e:
            assert e["msgstr[0]"] and e["msgstr[1]"], e["msgid"]


def test_lithuanian_has_its_four_plural_forms() -> None:
    header = (CATALOGUES / "lt" / "LC_MESSAGES" / "django.po").read_text("utf-8")
    assert "nplurals=4;" in header
    for e in entries("lt"):
        if "msgid_plural" in e:
            assert all(f"msgstr[{n}]" in e for n in range(4)), e["msgid"]


@pytest.mark.django_db
def test_bokmal_is_the_default(client: Client) -> None:
    make()
    page = get(client, "/")
    assert '<html lang="nb"' in page and "IKT-strategier" in page


@pytest.mark.django_db
def test_a_page_renders_in_english_after_switching(client: Client) -> None:
    pk = make()
    url = f"/o/fjordvik-kommune/s/{pk}/tema/3/"
    response = client.post("/i18n/setlang/", {"language": "en", "next": url})
    assert response.status_code == 302 and response["Location"] == url
    page = get(client, url)
    assert '<html lang="en"' in page
    assert "National goals" in page and "Goals and measures" in page
    assert ">Achieved</span>" in page
    assert "Åpne møter for alle." in page  # content stays as written


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_switch_names_each_language_in_itself(
    client: Client, language: str
) -> None:
    client.post("/i18n/setlang/", {"language": language, "next": "/"})
    page = get(client, "/")
    assert f'<html lang="{language}"' in page
    # Not in the interface's language: "Norsk nynorsk" on an English page too.
    for code, name in settings.LANGUAGES:
        assert f'name="language" value="{code}" lang="{code}"' in page
        assert f">{name}</button>" in page
    assert ">Norsk nynorsk</button>" in page


@pytest.mark.django_db
def test_a_public_page_renders_in_nynorsk(client: Client) -> None:
    pk = make()
    client.post("/i18n/setlang/", {"language": "nn", "next": "/"})
    front = get(client, "/")
    assert '<html lang="nn"' in front
    assert "IKT-strategiar" in front and "kommunar og fylkeskommunar" in front
    strategy = get(client, f"/o/fjordvik-kommune/s/{pk}/")
    assert '<html lang="nn"' in strategy and "Sjå heile handlingsplanen" in strategy
    assert "Ærlig, åpen og digital" in strategy  # content stays as written
    missing = client.get("/finst-ikkje/")
    assert missing.status_code == 404
    assert "Fann ikkje sida" in missing.content.decode()


@pytest.mark.django_db
def test_a_nynorsk_strategy_gets_its_reports_in_nynorsk() -> None:
    strategy = make_strategy("approved")
    Strategy.objects.filter(pk=strategy.pk).update(language="nn")
    strategy.refresh_from_db()
    html = make_report("strategy", "html", strategy, include_exempt=False).decode()
    assert '<html lang="nn">' in html
    # Bokmål would say "Vedtatt", "utenfor temaene" and "ikke bekreftet".
    assert "Vedteken" in html and "Nasjonale mål utanfor temaa" in html
    assert "ikkje stadfesta" in html
    odt = make_report("strategy", "odt", strategy, include_exempt=False)
    with zipfile.ZipFile(io.BytesIO(odt)) as package:
        styles = package.read("styles.xml").decode()
        meta = package.read("meta.xml").decode()
    assert 'fo:language="nn"' in styles and 'fo:country="NO"' in styles
    assert "<dc:language>nn-NO</dc:language>" in meta
    pdf = make_report("budget", "pdf", strategy, include_exempt=False)
    with pikepdf.open(io.BytesIO(pdf)) as opened:  # Typst set it with lang "nn"
        assert str(opened.Root.Lang) == "nn"


@pytest.mark.django_db
@pytest.mark.parametrize("language", TRANSLATED)
def test_public_pages_show_no_english_interface_text(
    client: Client, language: str
) -> None:
    pk = make()
    client.post("/i18n/setlang/", {"language": language, "next": "/"})
    # Whole English sentences and labels from the catalogue; short words such as
    # "Status" are the same in bokmål and are left out.
    english = [
        e["msgid"]
        for e in entries(language)
        if len(e["msgid"]) >= 12 and "%" not in e["msgid"] and e["msgid"][0].isupper()
    ]
    pages = [
        get(client, url) for url in ["/", "/o/fjordvik-kommune/", *public_urls(pk)]
    ]
    leaks = {text for text in english for page in pages if f">{text}<" in page}
    assert leaks == set()
