"""Stable keys: the short opaque name a part keeps from version to version.

A theme, measure, goal assessment, action item or chapter gets one when it is
made, keeps it when it is renumbered, moved or reworded, and passes it to its
copy in the next version; history, follow-up and hearing inputs follow "the
same part" by it. planverk/1 carries it as ``key`` (KEY_PATTERN).
"""

from __future__ import annotations

import secrets

# Lower-case letters and digits without the look-alikes (l, o, 0, 1): read aloud,
# typed from a printed decision, or written in a URL, a key is not misread.
ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789"
LENGTH = 10  # 32**10 ≈ 10**15: a collision within one organisation is not a concern
KEY_PATTERN = r"^[a-z0-9]{4,32}$"  # what a document may bring


def new_key() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
