"""Natural order of a document's numbering: "2" < "10", "7.2" < "7.10"."""

import re

_RUN = re.compile(r"(\d+)")


def natural_key(number: str) -> str:
    """A string that sorts like *number* reads: digit runs compare by value.

    Stored in a column so the database orders by it; digit runs are zero-padded
    to eight places, which no section or measure number comes near.
    """
    parts = _RUN.split(number.strip().lower())
    return "".join(p.zfill(8) if p.isdigit() else p for p in parts)
