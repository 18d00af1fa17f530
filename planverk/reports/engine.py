"""Typst source typeset to PDF/A-3a in a child process, within a time budget.

Typst cannot be interrupted from inside, and a document's time grows with
it: a child that is still typesetting when the budget is spent is stopped,
so no worker is held longer than that. The children come from a fork server
that has loaded Typst and nothing else (no Django, no database connection, no
threads), so each starts in milliseconds and shares nothing. This module
imports nothing of Planverk's: the fork server imports it alone.

The fonts are the system's (Debian's fonts-dejavu-core for the reports),
never the ones Typst carries inside, so a glyph a report lacks cannot bring
in a font it did not ask for. Typst embeds every font it uses.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Mapping
from functools import cache
from multiprocessing.connection import Connection
from typing import Any, Literal

# Level A: tagged (the structure readable by screen readers), with Unicode
# text; part 3, as Planverk's PDFs have always been (2 would do as well: they
# embed no files).
VARIANT: Literal["a-3a"] = "a-3a"


class TooSlow(Exception):
    """The PDF was not done within its time budget; the child was stopped."""


def print_pdf(
    source: str, *, seconds: float, inputs: Mapping[str, str] | None = None
) -> bytes:
    """Typst *source* as an A4 PDF/A-3a document, made within *seconds*.

    *inputs* are what the source reads as ``sys.inputs``: the report's data,
    kept apart from the markup so no text of the strategy is ever read as Typst.
    """
    context = _context()
    receive, send = context.Pipe(duplex=False)
    child = context.Process(
        target=_print, args=(source, dict(inputs or {}), send), daemon=True
    )
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


def prepare() -> None:
    """Start the fork server now, if it is not running, so that it loads while
    the caller still prepares what to print."""
    from multiprocessing import forkserver

    _context()
    forkserver.ensure_running()


@cache
def _context() -> Any:
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([__name__, "typst"])
    return context


def _print(source: str, inputs: dict[str, str], send: Connection) -> None:
    """In the child: typeset *source* and send back (True, bytes) or (False, why)."""
    try:
        send.send((True, write_pdf(source, inputs)))
    except Exception as e:  # the parent raises it, with the child's reason
        send.send((False, f"{type(e).__name__}: {e}"))
    finally:
        send.close()


def write_pdf(source: str, inputs: Mapping[str, str] | None = None) -> bytes:
    """Typst *source* as PDF/A-3a, in this process."""
    import typst

    fonts = typst.Fonts(include_system_fonts=True, include_embedded_fonts=False)
    compiler = typst.Compiler(font_paths=fonts)
    pdf = compiler.compile(
        input=source.encode(),
        format="pdf",
        sys_inputs=dict(inputs or {}),
        pdf_standards=[VARIANT],
    )
    assert isinstance(pdf, bytes)  # given no output path, Typst returns the bytes
    return pdf
