"""A report is made within its time and size budget, or refused saying so."""

from __future__ import annotations

import multiprocessing
from typing import Any

import pytest
from django.test import Client

from planverk.reports.engine import TooSlow, print_pdf
from planverk.reports.formats import OverBudget, make
from planverk.strategies.models import Strategy

pytestmark = pytest.mark.django_db


def url(strategy: Strategy, name: str) -> str:
    return f"/o/{strategy.organization.slug}/s/{strategy.pk}/rapport/{name}"


def test_a_pdf_printing_past_its_time_is_stopped() -> None:
    html = "<html><body>" + "<p>tekst</p>" * 20_000 + "</body></html>"
    with pytest.raises(TooSlow):
        print_pdf(html, seconds=0.05)
    assert multiprocessing.active_children() == []  # the child is gone


def test_a_pdf_within_its_time_is_made() -> None:
    pdf = print_pdf('#set text(lang: "nb")\nPlan', seconds=60)
    assert pdf.startswith(b"%PDF")


def test_the_reader_is_told_when_a_report_takes_too_long(
    rich: Strategy, settings: Any
) -> None:
    settings.PLANVERK_REPORT_SECONDS = 0.01
    with pytest.raises(OverBudget, match=r"0 (sekunder|seconds)"):
        make("strategy", "pdf", rich, include_exempt=False)
    response = Client().get(url(rich, "strategy.pdf"))
    assert response.status_code == 503
    assert response["Retry-After"] == "300"
    assert 'role="alert"' in response.content.decode()


def test_a_report_larger_than_its_budget_is_refused(
    rich: Strategy, settings: Any
) -> None:
    settings.PLANVERK_REPORT_MAX_BYTES = 100
    with pytest.raises(OverBudget):
        make("budget", "csv", rich, include_exempt=False)
    assert Client().get(url(rich, "budget.csv")).status_code == 503
    settings.PLANVERK_REPORT_MAX_BYTES = 50 * 2**20
    assert Client().get(url(rich, "budget.csv")).status_code == 200
