"""Reports as PDF/A-3, printed by WeasyPrint from the report's HTML.

The PDF is tagged (its structure is readable by screen readers), carries the
document's title and language, and embeds every font: DejaVu Sans, set on
the document's root so the page footers use it too. Call inside
``in_language(strategy)``, as for the HTML.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from typing import NoReturn

from planverk.reports.html import Report, to_html

VARIANT = "pdf/a-3a"  # level A: tagged, with Unicode text; WeasyPrint writes 3A


def to_pdf(report: Report) -> bytes:
    """*report* as an A4 PDF/A-3a document."""
    # WeasyPrint takes about a second to import: load it only when a PDF is made.
    from weasyprint import HTML

    document = HTML(string=to_html(report), url_fetcher=_refuse)
    with _fewer_collections():
        pdf = document.write_pdf(pdf_variant=VARIANT, pdf_tags=True)
    assert pdf is not None  # given no target, WeasyPrint returns the bytes
    return pdf


def _refuse(url: str, *args: object, **kwargs: object) -> NoReturn:
    """The report is self-contained: whatever asks for a file or URL gets nothing."""
    raise ValueError(f"reports fetch nothing: {url}")


@contextmanager
def _fewer_collections() -> Iterator[None]:
    """Collect garbage less often while WeasyPrint runs.

    Layout makes hundreds of thousands of short-lived objects, nearly all freed
    by reference counting; with Python's default thresholds the collector also
    walks the whole heap again and again, about 8 % of a 34-page report's time.
    The thresholds are the process's: they are put back as they were.
    """
    before = gc.get_threshold()
    gc.set_threshold(max(before[0], 20_000), max(before[1], 50), max(before[2], 50))
    try:
        yield
    finally:
        gc.set_threshold(*before)
