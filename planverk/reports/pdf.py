"""Reports as PDF/A-3, printed by WeasyPrint from the report's HTML.

The PDF is tagged (its structure is readable by screen readers), carries the
document's title and language, and embeds every font: DejaVu Sans, set on
the document's root so the page footers use it too. Call inside
``in_language(strategy)``, as for the HTML. The printing runs in a child
process within settings.PLANVERK_REPORT_SECONDS (engine.py).
"""

from __future__ import annotations

from django.conf import settings

from planverk.reports.engine import VARIANT, print_pdf
from planverk.reports.html import Report, to_html

__all__ = ["VARIANT", "to_pdf"]


def to_pdf(report: Report) -> bytes:
    """*report* as an A4 PDF/A-3a document."""
    return print_pdf(to_html(report), seconds=settings.PLANVERK_REPORT_SECONDS)
