"""Who may do what, asked from a template: the rule itself, not a flag a view set.

    {% load permissions %}
    {% can "measure.edit" measure as editable %}
    {% if editable %}…{% endif %}

The action is one of ``permissions.Action``'s values ("strategy.edit",
"measure.edit", "strategy.publish", …) and the answer is
``planverk.strategies.permissions.can`` for the request's user. That reads the
user's memberships once per request and keeps them on the user, so asking for
every part of a page costs no further queries; the part must carry what the
rule reads (a measure its theme, strategy and owners).
"""

from __future__ import annotations

from typing import Any

from django import template
from django.contrib.auth.models import AnonymousUser
from django.template import Context

from planverk.strategies import permissions

register = template.Library()


@register.simple_tag(takes_context=True)
def can(context: Context, action: str, obj: Any) -> bool:
    """Whether the reader of the page may do *action* to *obj*."""
    return permissions.can(reader(context), permissions.Action(action), obj)


def reader(context: Context) -> Any:
    """The request's user; without a request (a mail, a report) the anonymous reader."""
    user = getattr(context.get("request"), "user", None)
    return AnonymousUser() if user is None else user
