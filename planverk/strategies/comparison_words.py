"""The words of a comparison's summary (comparison.py), plural-aware: "3 measures
added, 2 removed, 7 changed". The kind is named with its first count only, in
words of its own, since a language may inflect them by the noun (Lithuanian
"3 priemonės pridėtos", "3 punktai pridėti"); the counts after it are said
alike for every kind ("pašalinta 2").
"""

from __future__ import annotations

from collections.abc import Callable

from django.utils.translation import ngettext

# By (kind, status) for the first count of a kind, by status for the others.
NAMED: dict[tuple[str, str], Callable[[int], str]] = {
    ("theme", "added"): lambda n: ngettext(
        "%(count)s theme added", "%(count)s themes added", n
    ),
    ("theme", "removed"): lambda n: ngettext(
        "%(count)s theme removed", "%(count)s themes removed", n
    ),
    ("theme", "changed"): lambda n: ngettext(
        "%(count)s theme changed", "%(count)s themes changed", n
    ),
    ("measure", "added"): lambda n: ngettext(
        "%(count)s measure added", "%(count)s measures added", n
    ),
    ("measure", "removed"): lambda n: ngettext(
        "%(count)s measure removed", "%(count)s measures removed", n
    ),
    ("measure", "changed"): lambda n: ngettext(
        "%(count)s measure changed", "%(count)s measures changed", n
    ),
    ("goal", "added"): lambda n: ngettext(
        "%(count)s goal status added", "%(count)s goal statuses added", n
    ),
    ("goal", "removed"): lambda n: ngettext(
        "%(count)s goal status removed", "%(count)s goal statuses removed", n
    ),
    ("goal", "changed"): lambda n: ngettext(
        "%(count)s goal status changed", "%(count)s goal statuses changed", n
    ),
    ("action_item", "added"): lambda n: ngettext(
        "%(count)s action plan item added", "%(count)s action plan items added", n
    ),
    ("action_item", "removed"): lambda n: ngettext(
        "%(count)s action plan item removed", "%(count)s action plan items removed", n
    ),
    ("action_item", "changed"): lambda n: ngettext(
        "%(count)s action plan item changed", "%(count)s action plan items changed", n
    ),
    ("section", "added"): lambda n: ngettext(
        "%(count)s chapter added", "%(count)s chapters added", n
    ),
    ("section", "removed"): lambda n: ngettext(
        "%(count)s chapter removed", "%(count)s chapters removed", n
    ),
    ("section", "changed"): lambda n: ngettext(
        "%(count)s chapter changed", "%(count)s chapters changed", n
    ),
}
ALONE: dict[str, Callable[[int], str]] = {
    "added": lambda n: ngettext("%(count)s added", "%(count)s added", n),
    "removed": lambda n: ngettext("%(count)s removed", "%(count)s removed", n),
    "changed": lambda n: ngettext("%(count)s changed", "%(count)s changed", n),
}
