"""A strategy's narrative text (CommonMark) as safe HTML, for pages and reports.

render_markdown() is the one way a Markdown field reaches a page (the template
filter ``markdown`` in planverk/strategies/templatetags/planverk.py wraps it) and
the HTML report; the other report formats read the same tokens (tokens()). A
link that leads nowhere (``[text](#)``, an empty target, a target without an
http, https or mailto address) is only its text, in every one of them.
"""

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
    tokens = markdown_tokens(text)
    _shift_headings(tokens, top)
    html = _md.renderer.render(tokens, _md.options, {})
    # markdown-it already refuses javascript: links; nh3 is the second lock.
    clean = nh3.clean(html, tags=TAGS, attributes=ATTRIBUTES, url_schemes=URL_SCHEMES)
    return mark_safe(clean)


def markdown_tokens(text: str) -> list[Token]:
    """*text* parsed as CommonMark, each link that leads nowhere unwrapped to its text."""
    tokens = _md.parse(text)
    for token in tokens:
        if token.children:
            token.children = _without_dead_links(token.children)
    return tokens


def leads_somewhere(href: str) -> bool:
    """Whether a link to *href* can be followed from any page or report: an address
    with an allowed scheme and something after it; not "#", "" or a relative path."""
    scheme, colon, rest = href.strip().partition(":")
    return bool(colon) and scheme.lower() in URL_SCHEMES and bool(rest.strip("/ "))


def _without_dead_links(children: list[Token]) -> list[Token]:
    kept: list[Token] = []
    unwrapping = False  # CommonMark links do not nest
    for child in children:
        if child.type == "link_open" and not leads_somewhere(
            str(child.attrs.get("href", ""))
        ):
            unwrapping = True
        elif child.type == "link_close" and unwrapping:
            unwrapping = False
        else:
            kept.append(child)
    return kept


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
