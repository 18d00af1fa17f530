"""What the pages around editing ask: whom to offer editing, and what to say once.

    {% load editing %}
    {% edits strategy as editor %}
    {% first_on_page "unconfirmed-note" as first %}

``edits``: whether the reader may change something in the strategy (it names no
single part, unlike ``{% can %}``); ``first_on_page``: true the first time a
page asks, so that a note is said once, before the first part it explains.
"""

from __future__ import annotations

from typing import Any, cast

from django import template
from django.template import Context

from planverk.organizations.models import Role
from planverk.strategies import permissions
from planverk.strategies.permissions import Action
from planverk.strategies.templatetags.permissions import reader

register = template.Library()


@register.simple_tag(takes_context=True)
def edits(context: Context, strategy: Any) -> bool:
    """Whether the reader may change something in *strategy*, a draft: anything
    (an editor), or the measures of their units (a unit editor).

    Only a draft is edited (a site admin, whom the rules allow everything, is not
    offered a published version either); a reader of the organisation may open
    the editing pages too, but only reads there: they are not offered them.
    """
    if not strategy.is_draft:
        return False
    user = reader(context)
    if permissions.can(user, Action.EDIT_STRATEGY, strategy):
        return True
    member = permissions.membership(user, strategy.organization)
    return member is not None and member.role == Role.UNIT_EDITOR


@register.simple_tag(takes_context=True)
def first_on_page(context: Context, name: str) -> bool:
    """True the first time a page asks for *name*, False after: for a note said
    once, before the first of many parts it explains.

    Kept in the outermost dict of the render context, the one every included
    template of the page shares (each include pushes a dict of its own above it).
    """
    outermost = cast(dict[str, Any], context.render_context.dicts[0])
    said: set[str] = outermost.setdefault("planverk_said_once", set())
    if name in said:
        return False
    said.add(name)
    return True
