"""A strategy at the limits (settings.PLANVERK_LIMITS): its pages and its PDF.

    python bench/bench_limits.py

Builds a fictional strategy as large as the limits let one be: the most
measures a strategy may have, in as few themes as their text allows into one
page, every text as long as the whole strategy's character limit leaves room
for, and the most action items. Imports it into a fresh SQLite database in a
temporary folder, then times, for an anonymous reader and for an editor, the
pages that list most parts (size, queries, time), and the strategy report as
PDF/A and ODT against the report budget (PLANVERK_REPORT_SECONDS).
"""

from __future__ import annotations

import io
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

WORDS = [
    "digital",
    "tjeneste",
    "innbygger",
    "kommune",
    "arkiv",
    "samhandling",
    "sikkerhet",
    "kompetanse",
    "plattform",
    "løsning",
    "ansatte",
    "skole",
    "helse",
    "infrastruktur",
    "innovasjon",
    "gevinst",
]


def text(length: int, seed: int) -> str:
    """Words to *length* characters, different for each *seed*."""
    words, size, i = [], 0, seed
    while size < length:
        word = WORDS[i % len(WORDS)]
        words.append(word)
        size += len(word) + 1
        i = i * 7 + 3
    return " ".join(words)[:length]


def at_the_limits(limits: dict[str, int]) -> dict[str, Any]:
    measures, themes = limits["measures"], 20
    items = limits["action_plan"]
    # Share the strategy's characters out among the measures and items.
    budget = limits["strategy_chars"] * 0.92
    per_measure = int(budget * 0.85 / measures)
    per_item = int(budget * 0.15 / items)
    units = [f"Enhet {i}" for i in range(40)]
    return {
        "format": "planverk/1",
        "organization": {
            "name": "Grensevik kommune",
            "kind": "municipality",
            "country": "NO",
            "code": None,
        },
        "strategy": {
            "title": "IKT-strategi ved grensene",
            "language": "nb",
            "period": {"start": 2025, "end": 2028},
            "version": None,
            "vision": text(500, 1),
            "sections": [],
            "units": units,
            "revisions": [],
            "glossary": [],
            "themes": [
                {
                    "number": str(t + 1),
                    "title": text(60, t),
                    "text": text(400, t),
                    "framework_area": None,
                    "measures": [
                        {
                            "number": f"{t + 1}.{m + 1}",
                            "objective": text(per_measure // 4, m),
                            "description": text(per_measure // 2, m + 1),
                            "items": [text(per_measure // 16, m + i) for i in range(4)],
                            "proposed_by": units[m % 40 : m % 40 + 2],
                            "start": ["2025"],
                            "group": None,
                        }
                        for m in range(measures // themes)
                    ],
                }
                for t in range(themes)
            ],
            "goal_assessments": [],
            "action_plan": [
                {
                    "number": str(i + 1),
                    "title": text(per_item // 2, i),
                    "items": [text(per_item // 4, i + 1)],
                    "category": "operating" if i % 2 else "investment",
                    "years": {"start": 2025 + i % 4, "end": 2025 + i % 4},
                    "amount_nok": 10_000 * (i + 1),
                    "funding": None,
                    "remarks": None,
                }
                for i in range(items)
            ],
            "budget_totals": [],
            "state": "approved",
        },
        "import_report": None,
    }


def main() -> None:
    os.environ.setdefault("PLANVERK_DATA", tempfile.mkdtemp(prefix="planverk-bench-"))
    os.environ.setdefault("DEBUG", "true")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "planverk.settings")

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from pypdf import PdfReader

    from planverk.interchange.load import load
    from planverk.organizations.models import Membership, Role
    from planverk.reports.kinds.strategy import strategy_report
    from planverk.reports.writers import odt
    from planverk.reports.writers.pdf import to_pdf
    from planverk.strategies.language import in_language
    from planverk.strategies.limits import check_strategy

    call_command("migrate", verbosity=0)
    settings.ALLOWED_HOSTS = ["testserver"]
    document = at_the_limits(settings.PLANVERK_LIMITS)
    check_strategy(document["strategy"])  # within every limit
    chars = sum(len(s) for s in _strings(document["strategy"]))
    started = time.perf_counter()
    strategy = load(document)
    print(
        f"strategy at the limits: {strategy.themes.count()} themes, "
        f"{sum(t.measures.count() for t in strategy.themes.all())} measures, "
        f"{strategy.action_items.count()} action items, {chars} characters "
        f"(limit {settings.PLANVERK_LIMITS['strategy_chars']}); "
        f"imported in {time.perf_counter() - started:.1f} s"
    )
    from django.contrib.auth import get_user_model

    editor = get_user_model().objects.create_user("bench", password="x")
    Membership.objects.create(
        user=editor, organization=strategy.organization, role=Role.EDITOR
    )
    base = f"/o/{strategy.organization.slug}/s/{strategy.pk}/"
    pages = ["", "tema/1/", "handlingsplan/", "sok/?q=digital", "planverk.json"]
    member = Client()
    member.force_login(editor)
    print("page                          reader   kB  queries  seconds")
    for reader, client, paths in (
        ("anonymous", Client(), pages),
        ("editor", member, [*pages, "rediger/", "publisering/"]),
    ):
        for path in paths:
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = client.get(base + path)
                took = time.perf_counter() - started
            assert response.status_code == 200, (path, response.status_code)
            size = len(response.content) / 1024
            print(
                f"{path or '(front page)':28} {reader:9} {size:6.0f} "
                f"{len(queries):7d} {took:8.2f}"
            )
    budget = settings.PLANVERK_REPORT_SECONDS
    with in_language(strategy):
        report = strategy_report(strategy, include_exempt=False)
        started = time.perf_counter()
        pdf = to_pdf(report)
        pdf_s = time.perf_counter() - started
        started = time.perf_counter()
        made = odt.to_odt(report)
        odt_s = time.perf_counter() - started
    pdf_pages = len(PdfReader(io.BytesIO(pdf)).pages)
    print(
        f"strategy report as PDF/A: {pdf_s:.1f} s for {pdf_pages} pages, "
        f"{len(pdf) / 2**20:.1f} MB (budget {budget} s, "
        f"{settings.PLANVERK_REPORT_MAX_BYTES / 2**20:.0f} MB)"
    )
    print(f"strategy report as ODT: {odt_s:.1f} s, {len(made) / 1024:.0f} kB")
    if pdf_s > budget:
        sys.exit("the PDF of a strategy within the limits is over its budget")


def _strings(node: Any) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for v in node.values() for s in _strings(v)]
    if isinstance(node, list):
        return [s for v in node for s in _strings(v)]
    return []


if __name__ == "__main__":
    main()
