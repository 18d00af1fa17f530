"""What the ODT and ODS writers share: their styles (the XML files beside this
module), the document's language, paragraph text, and the package's clean-up."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from string import Template
from xml.sax.saxutils import escape

from odfdo import Document, Element
from odfdo.style_base import StyleBase

HERE = Path(__file__).resolve().parent
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_SPACES = re.compile(r" {2,}|\t")

# Where no country is given, the one the language is mostly written in.
COUNTRIES = {"nb": "NO", "nn": "NO", "no": "NO", "se": "NO", "lt": "LT", "en": "GB"}


@cache
def _style_file(name: str) -> str:
    return _COMMENT.sub("", (HERE / name).read_text(encoding="utf-8")).strip()


def styles(name: str, **values: str) -> list[StyleBase]:
    """The styles defined in the XML file *name* beside this module, one odfdo
    style each; ``$key`` in the file is replaced by ``values[key]``."""
    xml = (
        Template(_style_file(name)).substitute(values) if values else _style_file(name)
    )
    return odf_styles(xml)


def odf_styles(xml: str) -> list[StyleBase]:
    """The styles an XML fragment (or a whole office:styles element) defines."""
    if not xml.startswith(("<office:styles", "<office:automatic-styles")):
        xml = f"<office:styles>{xml}</office:styles>"
    wrapper = Element.from_tag(xml)
    return [style for style in wrapper.children if isinstance(style, StyleBase)]


def language_country(code: str) -> tuple[str, str | None]:
    """Language and country of *code*: "nb" → ("nb", "NO"), "lt-LT" → ("lt", "LT")."""
    language, _sep, country = code.replace("_", "-").partition("-")
    language = language.lower() or "nb"
    return language, country.upper() or COUNTRIES.get(language)


def set_language(doc: Document, code: str, family: str) -> None:
    """*code* as the document's language and its default for text in *family*."""
    language, country = language_country(code)
    doc.meta.set_language(f"{language}-{country}" if country else language)
    for default in doc.styles.get_elements(
        f"//style:default-style[@style:family='{family}']/style:text-properties"
    ):
        default.set_attribute("fo:language", language)
        if country:
            default.set_attribute("fo:country", country)
        else:
            default.del_attribute("fo:country")


def paragraphs(text: str, style: str | None = None) -> str:
    """*text* as ODF paragraph XML: one text:p a line, runs of spaces and tabs kept."""
    opening = "<text:p>" if style is None else f'<text:p text:style-name="{style}">'
    lines = []
    for line in text.split("\n"):
        escaped = escape(line)
        if "  " in escaped or "\t" in escaped:
            escaped = _SPACES.sub(_space, escaped)
        if escaped.startswith(" "):
            escaped = "<text:s/>" + escaped[1:]
        lines.append(f"{opening}{escaped}</text:p>")
    return "".join(lines)


def _space(match: re.Match[str]) -> str:
    if match[0] == "\t":
        return "<text:tab/>"
    return f' <text:s text:c="{len(match[0]) - 1}"/>'


def drop_thumbnail(doc: Document) -> None:
    """The template's thumbnail shows the template, not this file."""
    if "Thumbnails/thumbnail.png" in doc.get_parts():
        doc.del_part("Thumbnails/thumbnail.png")
        doc.manifest.del_full_path("Thumbnails/thumbnail.png")
