"""The upload form: a strategy document, of a kind the importer reads."""

from __future__ import annotations

from pathlib import Path

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from planverk.importers import ParseError
from planverk.importers.sources.decode import decode
from planverk.importers.sources.detect import (
    ForeignFormat,
    refuse_binary,
    text_kind,
    zip_kind,
)
from planverk.interchange.warnings import refusal

# What the importer reads, by name, and the kind of content (as the importer
# tells it, importers/sources/detect.py) a file of that name must hold.
SUFFIX_KINDS = {
    ".docx": "docx",
    ".odt": "odt",
    ".txt": "text",
    ".html": "html",
    ".htm": "html",
    ".json": "json",
}
UPLOAD_SUFFIXES = tuple(SUFFIX_KINDS)
KIND_NAMES = {
    "docx": _("a Word document (DOCX)"),
    "odt": _("an OpenDocument text (ODT)"),
    "text": _("plain text"),
    "html": _("an HTML page"),
    "json": _("JSON"),
    None: _("neither a document nor text"),
}

LANGUAGE_CHOICES = [
    ("", _("Detect from the text")),
    ("nb", "Norsk bokmål"),
    ("nn", "Norsk nynorsk"),
    ("en", "English"),
    ("lt", "Lietuvių"),
]


class UploadForm(forms.Form):
    """A strategy document to read, and optionally the language it is written in."""

    document = forms.FileField(
        label=_("Strategy document"),
        help_text=_(
            "Word (.docx), OpenDocument (.odt), plain text (.txt), a web page "
            "(.html) or a strategy file downloaded from Planverk (.json)."
        ),
        widget=forms.FileInput(
            attrs={"accept": ",".join(UPLOAD_SUFFIXES), "class": "ds-input"}
        ),
    )
    language = forms.ChoiceField(
        label=_("Language of the document"),
        help_text=_(
            "Planverk usually tells the language from the text. Choose it here "
            "when it cannot."
        ),
        choices=LANGUAGE_CHOICES,
        required=False,
        widget=forms.Select(attrs={"class": "ds-input"}),
    )

    def clean_document(self) -> object:
        upload = self.cleaned_data["document"]
        if Path(upload.name).suffix.lower() not in UPLOAD_SUFFIXES:
            raise forms.ValidationError(
                _("Choose a file of one of these kinds: %(kinds)s.")
                % {"kinds": ", ".join(UPLOAD_SUFFIXES)}
            )
        limit = settings.PLANVERK_UPLOAD_MAX_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                _("The file is larger than %(mb)d MB.") % {"mb": limit // 2**20}
            )
        named = SUFFIX_KINDS[Path(upload.name).suffix.lower()]
        try:
            found = content_kind(upload)
        except ParseError as e:
            # The importer's own reason (a zip bomb, a damaged archive), in plain
            # words; it names the file as the uploader did.
            raise forms.ValidationError(refusal(e, upload.name)) from e
        if found != named:
            raise forms.ValidationError(
                _("%(name)s is named as %(named)s but holds %(found)s.")
                % {
                    "name": upload.name,
                    "named": KIND_NAMES[named],
                    "found": KIND_NAMES[found],
                }
            )
        return upload


def content_kind(upload: UploadedFile) -> str | None:
    """The kind of *upload*'s content as the importer tells it; None for none it reads.

    Raises the importer's ParseError for content of a kind it reads but will not
    take: a ZIP archive too large or damaged, text in no encoding it knows.
    """
    name = upload.name or ""
    upload.seek(0)
    raw = upload.read()
    upload.seek(0)
    try:
        container = zip_kind(name, raw)
        if container is not None:
            return container
        refuse_binary(name, raw)
    except ForeignFormat:
        return None
    text, _encoding = decode(name, raw)
    return text_kind(text)
