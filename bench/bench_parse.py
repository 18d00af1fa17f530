"""Time the importer: both seeds, and synthetic KS-layout documents of 50/100/200 pages.

Run with ``python bench/bench_parse.py``. Prints the median of repeated runs in
ms, the slope (ms per page, least squares over the synthetic sizes) and the
peak memory of one parse (tracemalloc). Targets: < 50 ms per seed, linear growth.
"""

from __future__ import annotations

import functools
import hashlib
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from planverk.importers import parse_blocks
from planverk.importers.sources import Source
from planverk.importers.sources.text import text_to_blocks

SEEDS = Path(__file__).resolve().parent.parent.parent / "shared" / "seeds"
T = "\t"
# One synthetic "page": a theme with goals, status and a measure table.
PAGE = """{n}. Tema nummer {n}

Innledende tekst om tema {n} som forklarer hvorfor det er viktig for fylket.

Mål eKommune 2012:

1. I løpet av 2009 skal kommuner og fylkeskommuner kunne tilby elektroniske tjenester gjennom Minside.
2. I løpet av 2010 skal kommuner og fylkeskommuner ha tatt i bruk løsninger for elektronisk fakturering

Status:

1. Ingen tjenester
2. Løsningen er under utarbeidelse.

Målsetting og tiltak:

Nr{T}Mål{T}Tiltak{T}Forslag fra{T}Start
{n}.1{T}Bedre tjenester.{T}Lage skjema. <ul><li>Søknad</li><li>Klage</li></ul>{T}IKT-seksjonen, Arkiv{T}2010-2013 2010
{n}.2{T}Raskere svar og{T}Innføre chat.{T}Rådmann{T}2011

{T}kortere ventetid.{T}Måle svartid.{T}Skoleavdelingen{T}
"""


def synthetic(pages: int) -> str:
    head = "Digital plan 2010 - 2013\n\nNORDVIK FYLKESKOMMUNE\n\n"
    return head + "\n".join(PAGE.format(n=n, T=T) for n in range(1, pages + 1))


def _parse(text: str) -> None:
    digest = hashlib.sha256(text.encode()).hexdigest()
    parse_blocks(
        Source("bench.txt", "text", digest, "utf-8", text_to_blocks(text), text)
    )


def median_ms(run: Callable[[], None], repeat: int) -> float:
    run()  # warm caches (framework file, compiled patterns)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def peak_kib(run: Callable[[], None]) -> float:
    tracemalloc.start()
    run()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 1024


def slope(points: list[tuple[int, float]]) -> float:
    xs, ys = zip(*points, strict=True)
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    return sum((x - mx) * (y - my) for x, y in points) / sum((x - mx) ** 2 for x in xs)


def measure(label: str, text: str, repeat: int) -> float:
    """Print and return the median ms of parsing *text*, with its peak memory."""
    run = functools.partial(_parse, text)
    ms = median_ms(run, repeat)
    print(f"{label:45} {ms:8.1f} ms   peak {peak_kib(run):8.0f} KiB")
    return ms


def main() -> None:
    for path in sorted(SEEDS.glob("*.txt")):
        measure(path.name, path.read_text("utf-8"), 21)
    if not SEEDS.is_dir():
        print(f"seeds not found in {SEEDS}; synthetic documents only")
    points = [
        (pages, measure(f"synthetic {pages:3} pages", synthetic(pages), 5))
        for pages in (50, 100, 200)
    ]
    per_page = [ms / pages for pages, ms in points]
    print(
        f"slope {slope(points):.3f} ms/page; ms per page at 50/100/200: "
        + ", ".join(f"{v:.3f}" for v in per_page)
    )


if __name__ == "__main__":
    main()
