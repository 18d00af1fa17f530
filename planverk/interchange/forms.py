"""The upload form: a strategy document, of a kind the importer reads, and
whether it becomes a new strategy or the next version of one; and the import
report's matching of the parts to the earlier version."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

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
from planverk.interchange.matching import Matching
from planverk.interchange.warnings import refusal
from planverk.strategies.models import Strategy

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

    def __init__(
        self, *args: Any, offered: Sequence[Strategy] = (), **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if offered:
            self.fields["revises"] = version_field(offered)

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


def version_field(
    offered: Sequence[Strategy], widget: type[forms.Widget] = forms.Select
) -> forms.TypedChoiceField:
    """A new strategy, or the next version of one of *offered*."""
    return forms.TypedChoiceField(
        label=_("Store as"),
        help_text=_(
            "As a new version, each part keeps the identity of the part it "
            "continues, so its history and follow-up go on. You see the "
            "matching before anything is stored."
        ),
        choices=[("", _("A new strategy"))]
        + [
            (s.pk, _("New version of %(strategy)s") % {"strategy": s.version_text()})
            for s in offered
        ],
        coerce=int,
        empty_value=None,
        required=False,
        widget=widget(attrs={"class": "ds-input"} if widget is forms.Select else {}),
    )


# The import report's query parameter: the version the upload is to follow.
VERSION_PARAM = "versjon"


class VersionForm(forms.Form):
    """The import report's choice (sent by GET): a new strategy, or the next
    version of one of *offered*, *chosen* or none."""

    def __init__(self, offered: Sequence[Strategy], chosen: Strategy | None) -> None:
        super().__init__(initial={VERSION_PARAM: chosen.pk if chosen else ""})
        self.fields[VERSION_PARAM] = version_field(offered, forms.RadioSelect)


NEW_PART = ""  # the choice of no earlier part: the part is new


class MatchingForm(forms.Form):
    """For each part of the new document, the part of the earlier version of its
    kind that it continues, or none; the automatic matching (matching.py) where
    the request does not say."""

    def __init__(self, matchings: list[Matching], data: Any = None) -> None:
        self.matchings = matchings
        fields: dict[str, forms.ChoiceField] = {}
        for matching in matchings:
            choices = [(NEW_PART, _("A new part"))] + [
                (p.key, p.label) for p in matching.earlier
            ]
            for i, m in enumerate(matching.matches):
                fields[self.name(matching.kind, i)] = forms.ChoiceField(
                    label=m.new.label,
                    choices=choices,
                    required=False,
                    initial=m.old.key if m.old is not None else NEW_PART,
                    widget=forms.Select(attrs={"class": "ds-input"}),
                )
        if data is not None:
            data = data.copy()
            for name, field in fields.items():
                data.setdefault(name, field.initial)
        super().__init__(data)
        self.fields.update(fields)

    @staticmethod
    def name(kind: str, index: int) -> str:
        return f"{kind}-{index}"

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for matching in self.matchings:
            chosen: dict[str, str] = {}
            for i, m in enumerate(matching.matches):
                name = self.name(matching.kind, i)
                key = cleaned.get(name)
                if not key:
                    continue
                if key in chosen:
                    self.add_error(
                        name,
                        _("%(part)s continues this part already.")
                        % {"part": chosen[key]},
                    )
                chosen.setdefault(key, m.new.label)
        return cleaned

    def corrected(self) -> list[Matching]:
        """The matching as the editor confirmed it (the form must be valid)."""
        return [
            matching.corrected(
                [
                    self.cleaned_data[self.name(matching.kind, i)] or None
                    for i in range(len(matching.matches))
                ]
            )
            for matching in self.matchings
        ]
