"""The interface in bokmål (default), English and Lithuanian: complete catalogues, a working switch."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from planverk.site.tests.test_public_pages import get, make, public_urls

CATALOGUES = Path(settings.BASE_DIR) / "locale"


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


@pytest.mark.parametrize("language", ["nb", "lt"])
def test_every_message_is_translated(language: str) -> None:
    untranslated = [
        e["msgid"]
        for e in entries(language)
        if "fuzzy" in e["flags"]
        or not all(v for k, v in e.items() if k.startswith("msgstr"))
    ]
    assert untranslated == []


@pytest.mark.parametrize("language", ["nb", "lt"])
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
@pytest.mark.parametrize("language", ["nb", "lt"])
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
