"""The language in which Planverk labels what it writes about one strategy."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.utils import translation

from planverk.strategies.models import Strategy


@contextmanager
def in_language(strategy: Strategy) -> Iterator[str]:
    """Labels in the strategy's own language where Planverk speaks it, else bokmål."""
    ours = {code for code, _name in settings.LANGUAGES}
    language = strategy.language.split("-")[0]
    language = language if language in ours else settings.LANGUAGE_CODE
    with translation.override(language):
        yield language
