"""Backup and restore: all of Planverk's own data as a folder of JSON files.

``backup(folder)`` writes one (write.py), ``restore(folder)`` loads one into the
database in one transaction (store.py), after reading and checking every file
(read.py, with files.py, history.py and the JSON Schemas in schemas/). What the
folder holds, and why so, is described in layout.py.
"""

from planverk.interchange.backup.layout import (
    FORMAT,
    LIVE,
    SIGN_IN,
    VERSION,
    BackupError,
    DatabaseRefused,
    history_models,
)
from planverk.interchange.backup.store import exposed, restore, stored
from planverk.interchange.backup.write import backup

__all__ = [
    "FORMAT",
    "LIVE",
    "SIGN_IN",
    "VERSION",
    "BackupError",
    "DatabaseRefused",
    "backup",
    "exposed",
    "history_models",
    "restore",
    "stored",
]
