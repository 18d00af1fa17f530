"""The data folder (PLANVERK_DATA): the SQLite database, uploads, and its own key.

Without SECRET_KEY, the command line signs with a key generated once for the
data folder and kept in it (``secret_key``, mode 0600, in a folder made 0700),
so that every verb works on a fresh clone with no environment set. Only the
`planverk` command offers that key (:func:`offer`), before the settings are
read, and only for a SQLite database, whose folder the key lives beside: a
server (`planverk serve`, gunicorn with planverk.wsgi) and a shared database
(DATABASE_URL) need the deployment's SECRET_KEY, given explicitly.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import Literal

from django.core.exceptions import ImproperlyConfigured

KEY_FILE = "secret_key"

Offer = Literal["none", "file", "throwaway"]
# What the settings may use when SECRET_KEY is not given (and DEBUG is off):
# nothing (a server), the data folder's key file (the command line), or a key
# of this process only (printing help, which signs nothing and keeps nothing).
_offered: Offer = "none"


def offer(what: Offer) -> None:
    """Let the settings, read after this, fall back on *what* for SECRET_KEY."""
    global _offered
    _offered = what


def offered() -> Offer:
    return _offered


def path(environ: Mapping[str, str], base: Path) -> Path:
    """PLANVERK_DATA, or ``var`` in the project folder."""
    return Path(environ.get("PLANVERK_DATA") or base / "var")


def create(folder: Path) -> None:
    """The folder, made 0700 if it is new (its parents as the umask has them)."""
    if folder.is_dir():
        return
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        folder.chmod(0o700)
    except OSError as e:
        raise ImproperlyConfigured(
            f"{folder}: cannot create the data folder ({e.strerror or e}); "
            "set PLANVERK_DATA to another"
        ) from e


def secret_key(folder: Path) -> str:
    """The folder's key: read from its key file, which is made the first time.

    The key is written to a file of its own and then linked into place, so two
    commands starting at once both end up with the one that got there first.
    """
    create(folder)
    key_file = folder / KEY_FILE
    try:
        if not key_file.exists():
            draft = folder / f".{KEY_FILE}.{os.getpid()}.{secrets.token_hex(4)}"
            descriptor = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            try:
                os.fchmod(descriptor, 0o600)  # whatever the umask
                os.write(descriptor, (secrets.token_urlsafe(50) + "\n").encode())
            finally:
                os.close(descriptor)
            try:
                os.link(draft, key_file)
            except FileExistsError:
                pass  # another command made it first: use theirs
            finally:
                draft.unlink()
        key = key_file.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError) as e:
        reason = e.strerror if isinstance(e, OSError) and e.strerror else e
        raise ImproperlyConfigured(
            f"{key_file}: cannot read or create the data folder's key ({reason}); "
            "set SECRET_KEY instead"
        ) from e
    if len(key) < 50:
        raise ImproperlyConfigured(
            f"{key_file}: not a key (too short); delete it to get a new one, "
            "or set SECRET_KEY"
        )
    return key


def fallback_key(folder: Path, sqlite: bool) -> str:
    """What SECRET_KEY is when it is not given and DEBUG is off: see the module."""
    if _offered == "throwaway":
        return secrets.token_urlsafe(50)
    if _offered == "file" and sqlite:
        return secret_key(folder)
    return ""


def missing_key_message(sqlite: bool) -> str:
    if not sqlite:
        return (
            "SECRET_KEY is not set: with DATABASE_URL, production mode (DEBUG off) "
            "needs the deployment's key. Set SECRET_KEY to a long random value, "
            "or DEBUG=true for development."
        )
    return (
        "SECRET_KEY is not set: serving in production mode (DEBUG off) needs it "
        "given (the data folder's key is for the command line only). Set "
        "SECRET_KEY to a long random value, or DEBUG=true for development."
    )
