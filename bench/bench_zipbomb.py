"""How long refusing a zip bomb takes: a DOCX of 4 GB of zeros in 4 MB.

    python bench/bench_zipbomb.py

Builds two bombs in memory from repeated deflate blocks (about a second): one
whose central directory declares the 4 GB, and one that declares its document
as 1000 bytes and holds the 4 GB all the same. Times refusing each through
planverk.importers.parse, and the upload form's content check
(UploadForm.clean_document) on the first, which is all the form reads of a
DOCX (the second passes it, its directory being small, and is refused by the
parse after the upload). Prints the median of repeated runs and the peak
memory of one (tracemalloc). The target is under 0.5 s each; the script exits
1 above it.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from planverk.importers import ParseError, parse
from planverk.importers.tests.zips import (
    DOCUMENT,
    Member,
    deflated_zeros,
    docx_archive,
    zeros_crc,
)

SIZE = 4_000_000_000  # below 4 GiB, so the archive needs no ZIP64 records
LIAR_SIZE = 1000
LIMIT_S = 0.5
REPEAT = 5


def bombs() -> tuple[bytes, bytes]:
    """The honest bomb and the lying one, as DOCX-looking ZIP archives."""
    zeros = deflated_zeros(SIZE)
    honest = Member(DOCUMENT, zeros, SIZE, zeros_crc(SIZE))
    lying = Member(DOCUMENT, zeros, LIAR_SIZE, zeros_crc(LIAR_SIZE))
    return docx_archive(honest), docx_archive(lying)


def refused_by_parse(path: Path) -> Callable[[], str]:
    def run() -> str:
        try:
            parse(path)
        except ParseError as e:
            return e.message
        raise SystemExit(f"{path} was not refused")

    return run


def refused_by_form(raw: bytes) -> Callable[[], str]:
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils.datastructures import MultiValueDict

    from planverk.interchange.forms import UploadForm

    def run() -> str:
        upload = SimpleUploadedFile("plan.docx", raw)
        form = UploadForm({"language": ""}, MultiValueDict({"document": [upload]}))
        if form.is_valid():
            raise SystemExit("the form took the bomb")
        return str(form.errors["document"][0])

    return run


def measure(label: str, run: Callable[[], str]) -> float:
    """Print and return the median seconds of *run*, with its peak memory and message."""
    message = run()
    times = []
    for _ in range(REPEAT):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    tracemalloc.start()
    run()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    seconds = statistics.median(times)
    print(f"{label:<28} {seconds * 1000:7.1f} ms  peak {peak / 1e6:5.1f} MB  {message}")
    return seconds


def main() -> None:
    os.environ.setdefault("DEBUG", "true")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "planverk.settings")
    import django

    django.setup()
    started = time.perf_counter()
    honest, lying = bombs()
    print(
        f"built {SIZE / 1e9:.0f} GB of zeros as {len(honest) / 1e6:.1f} MB "
        f"in {time.perf_counter() - started:.1f} s"
    )
    with tempfile.TemporaryDirectory(prefix="planverk-bench-") as folder:
        honest_path, lying_path = Path(folder, "bomb.docx"), Path(folder, "liar.docx")
        honest_path.write_bytes(honest)
        lying_path.write_bytes(lying)
        timings = [
            measure("parse, declared 4 GB", refused_by_parse(honest_path)),
            measure("form check, declared 4 GB", refused_by_form(honest)),
            measure("parse, declared 1000 bytes", refused_by_parse(lying_path)),
        ]
    slowest = max(timings)
    print(f"slowest refusal {slowest * 1000:.0f} ms (limit {LIMIT_S * 1000:.0f} ms)")
    if slowest > LIMIT_S:
        sys.exit(1)


if __name__ == "__main__":
    main()
