"""The interface languages for the language switch, each named in itself."""

from __future__ import annotations

from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def interface_languages() -> list[tuple[str, str]]:
    """settings.LANGUAGES as written there: ("nn", "Norsk nynorsk"), never translated.

    Django's own {% get_available_languages %} passes each name through gettext
    (so "English" would read "Engelsk" on a bokmål page), and its LANG_INFO calls
    nynorsk "norsk (nynorsk)"; a reader looks for their language's own name.
    """
    return [(code, str(name)) for code, name in settings.LANGUAGES]
