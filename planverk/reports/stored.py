"""A public version's reports, rendered once and kept in storage for every reader.

What an anonymous reader gets of a published version is the same for all of
them, so its reports are made once (tasks.py, when the version is published,
or by the first reader) and kept through Django's storage API: the storage
named "reports" in settings.STORAGES, else the default one. Nothing here
knows a server's local path, so the renderings can live in a bucket shared by
every application server.

A rendering's name holds the version and its ``updated_at``, which every
change through Planverk moves, and the edition of the code that made it: a
change to the strategy, or a new release of Planverk, is a new name, and the
old renderings are never served again (and are removed when the new ones are
stored). Readers who see exempt parts never get these: theirs are made per
request, as are the reports that compare what each reader asks (changes).
"""

from __future__ import annotations

import hashlib
import logging
from functools import cache
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import Storage, default_storage, storages

from planverk.strategies.models import Strategy
from planverk.strategies.querysets import PUBLIC_STATES

log = logging.getLogger(__name__)

ALIAS = "reports"
FOLDER = "reports"


def storage() -> Storage:
    """Where renderings are kept: settings.STORAGES["reports"], else the default."""
    if ALIAS in settings.STORAGES:
        return storages[ALIAS]
    return default_storage


def storable(strategy: Strategy) -> bool:
    """Whether *strategy*'s public reports are kept: it is public."""
    return strategy.state in PUBLIC_STATES


def name(strategy: Strategy, kind: str, fmt: str) -> str:
    return f"{_version_folder(strategy)}/{kind}.{fmt}"


def _version_folder(strategy: Strategy) -> str:
    stamp = strategy.updated_at.strftime("%Y%m%dT%H%M%S%f")
    return f"{FOLDER}/{strategy.pk}/{stamp}-{edition()}"


def read(strategy: Strategy, kind: str, fmt: str) -> bytes | None:
    """The kept public rendering of *kind* as *fmt* of this state of *strategy*, if any."""
    if not storable(strategy):
        return None
    try:
        with storage().open(name(strategy, kind, fmt), "rb") as stored:
            return bytes(stored.read())
    except FileNotFoundError:
        return None


def keep(strategy: Strategy, kind: str, fmt: str, data: bytes) -> None:
    """Keep *data* as the public rendering of *kind* as *fmt*; a copy another
    process kept first is left as it is (the two are the same)."""
    if not storable(strategy):
        return
    where = storage()
    wanted = name(strategy, kind, fmt)
    if where.exists(wanted):
        return
    saved = where.save(wanted, ContentFile(data))
    if saved != wanted:  # kept by another meanwhile: ours got a name of its own
        where.delete(saved)


def prune(strategy: Strategy) -> None:
    """Remove the renderings of *strategy*'s earlier states and editions."""
    where = storage()
    base = f"{FOLDER}/{strategy.pk}"
    current = _version_folder(strategy).rsplit("/", 1)[1]
    try:
        folders, _files = where.listdir(base)
    except (FileNotFoundError, NotImplementedError):
        return
    for folder in folders:
        if folder == current:
            continue
        try:
            _subfolders, files = where.listdir(f"{base}/{folder}")
            for file in files:
                where.delete(f"{base}/{folder}/{file}")
            where.delete(f"{base}/{folder}")  # the folder itself, where there are any
        except OSError:
            log.warning("could not remove %s/%s", base, folder, exc_info=True)


@cache
def edition() -> str:
    """What made the renderings: Planverk's code, the reports' templates and
    layouts, and the translations. A release that changes any of it, a fix to
    the disclosure rule among them, never serves a rendering of the one before."""
    package = Path(__file__).resolve().parents[1]
    files = [
        p
        for p in package.rglob("*")
        if p.is_file()
        and p.suffix in (".py", ".typ", ".xml", ".html", ".css")
        and "tests" not in p.parts
        and "migrations" not in p.parts
    ]
    base = Path(settings.BASE_DIR)
    files += (base / "templates" / "reports").rglob("*")
    files += (base / "locale").rglob("*.mo")
    digest = hashlib.sha256()
    for path in sorted(p for p in files if p.is_file()):
        within = base if path.is_relative_to(base) else package.parent
        digest.update(str(path.relative_to(within)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]
