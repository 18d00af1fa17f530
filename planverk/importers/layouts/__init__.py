"""Document layouts: one module per document shape, each with the same two functions.

``recognise(blocks, lexicon) -> float`` says how well the blocks fit (0 = not at
all), ``read(blocks, lexicon, report) -> dict`` builds the planverk/1 document.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from planverk.importers.blocks import Block
from planverk.importers.layouts import action_plan, ks_ekommune
from planverk.importers.layouts.report import Report
from planverk.importers.lexicon import Lexicon


@dataclass(frozen=True)
class Layout:
    name: str
    recognise: Callable[[Sequence[Block], Lexicon], float]
    read: Callable[[Sequence[Block], Lexicon, Report], dict[str, Any]]


LAYOUTS = (
    Layout(ks_ekommune.NAME, ks_ekommune.recognise, ks_ekommune.read),
    Layout(action_plan.NAME, action_plan.recognise, action_plan.read),
)


def choose_layout(blocks: Sequence[Block], lexicon: Lexicon) -> Layout | None:
    """The layout that recognises *blocks* best, or None when none does."""
    scored = [(layout.recognise(blocks, lexicon), layout) for layout in LAYOUTS]
    score, layout = max(scored, key=lambda pair: pair[0])
    return layout if score > 0 else None
