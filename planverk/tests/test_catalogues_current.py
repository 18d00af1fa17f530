"""The catalogues hold every message the code and templates have.

The completeness tests in strategies/tests/test_i18n.py check the catalogues
as they are; this one checks that they are current, by extracting the messages
afresh (makemessages, into a copy of the sources) and comparing the msgids.
A string added without running makemessages would otherwise show in English.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import polib
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings

ROOT = Path(settings.BASE_DIR)
SOURCES = ("planverk", "templates")


def msgids(path: Path) -> set[tuple[str | None, str]]:
    return {(e.msgctxt, e.msgid) for e in polib.pofile(str(path)) if not e.obsolete}


def test_every_message_in_the_sources_is_in_the_catalogues(tmp_path: Path) -> None:
    skip = shutil.ignore_patterns("__pycache__", "*.mo", "tests")
    for name in SOURCES:
        shutil.copytree(ROOT / name, tmp_path / name, ignore=skip)
    shutil.copytree(ROOT / "locale" / "nb", tmp_path / "locale" / "nb")
    here = Path.cwd()
    os.chdir(tmp_path)
    try:
        with override_settings(LOCALE_PATHS=[tmp_path / "locale"]):
            call_command("makemessages", locale=["nb"], no_obsolete=True, verbosity=0)
    finally:
        os.chdir(here)
    catalogue = ROOT / "locale" / "nb" / "LC_MESSAGES" / "django.po"
    fresh = tmp_path / "locale" / "nb" / "LC_MESSAGES" / "django.po"
    assert msgids(fresh) - msgids(catalogue) == set(), "run makemessages"
