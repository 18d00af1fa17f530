"""A strategy's narrative text (CommonMark) as safe HTML, for pages and reports."""

from __future__ import annotations

import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt
from markdown_it.token import Token

# Raw HTML in the text is shown as text, never interpreted; images are left as
# written, as a report must not fetch anything from elsewhere.
_md = MarkdownIt("commonmark", {"html": False}).disable("image")

TAGS = {
    "p", "br", "hr", "em", "strong", "code", "pre", "blockquote", "a",
    "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6",
}  # fmt: skip
ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
URL_SCHEMES = {"http", "https", "mailto"}


def render_markdown(text: str, *, top: int = 2) -> SafeString:
    """*text* as sanitised HTML, its headings starting at ``<h{top}>``.

    Headings keep their relative depth but never skip a level on the way
    down, so the page's outline stays valid whatever the text uses ("#" for
    a minor heading after "###" is common in imported documents).
    """
    tokens = _md.parse(text)
    _shift_headings(tokens, top)
    html = _md.renderer.render(tokens, _md.options, {})
    # markdown-it already refuses javascript: links; nh3 is the second lock.
    clean = nh3.clean(html, tags=TAGS, attributes=ATTRIBUTES, url_schemes=URL_SCHEMES)
    return mark_safe(clean)


def _shift_headings(tokens: list[Token], top: int) -> None:
    headings = [t for t in tokens if t.type in ("heading_open", "heading_close")]
    if not headings:
        return
    shallowest = min(int(t.tag[1]) for t in headings)
    previous = top - 1
    for token in headings:
        if token.type == "heading_close":
            token.tag = f"h{previous}"
            continue
        wanted = top + int(token.tag[1]) - shallowest
        previous = max(top, min(wanted, previous + 1, 6))
        token.tag = f"h{previous}"
