"""HTML printed to PDF/A by WeasyPrint in a child process, within a time budget.

WeasyPrint's time grows faster than the document, and cannot be interrupted
from inside: a child that is still printing when the budget is spent is
stopped, so no worker is held longer than that. The children come from a fork
server that has loaded WeasyPrint and nothing else (no Django, no database
connection, no threads), so each starts in milliseconds and shares nothing.
This module imports nothing of Planverk's: the fork server imports it alone.
"""

from __future__ import annotations

import gc
import multiprocessing
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from multiprocessing.connection import Connection
from typing import Any, NoReturn

VARIANT = "pdf/a-3a"  # level A: tagged, with Unicode text; WeasyPrint writes 3A


class TooSlow(Exception):
    """The PDF was not done within its time budget; the child was stopped."""


def print_pdf(html: str, *, seconds: float) -> bytes:
    """*html* (self-contained) as an A4 PDF/A-3a document, made within *seconds*."""
    context = _context()
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_print, args=(html, send), daemon=True)
    child.start()
    send.close()  # the child holds the other end; EOF when it dies
    try:
        if not receive.poll(seconds):
            raise TooSlow(seconds)
        ok, made = receive.recv()
    except EOFError:
        raise RuntimeError("the PDF printer stopped without an answer") from None
    finally:
        receive.close()
        if child.is_alive():
            child.kill()
        child.join()
    if not ok:
        raise RuntimeError(f"the PDF printer failed: {made}")
    return bytes(made)


@cache
def _context() -> Any:
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([__name__, "weasyprint"])
    return context


def _print(html: str, send: Connection) -> None:
    """In the child: print *html* and send back (True, bytes) or (False, why)."""
    try:
        send.send((True, write_pdf(html)))
    except Exception as e:  # the parent raises it, with the child's reason
        send.send((False, f"{type(e).__name__}: {e}"))
    finally:
        send.close()


def write_pdf(html: str) -> bytes:
    """*html* as PDF/A-3a, in this process."""
    from weasyprint import HTML

    document = HTML(string=html, url_fetcher=_refuse)
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
