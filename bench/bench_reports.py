"""How long the county's strategy takes as PDF/A, beside LibreOffice, and how long
a reader waits for it once it is published.

    python bench/bench_reports.py [--runs 5] [--profile]

Imports the bokmål seed (../shared/seeds) into a fresh SQLite database in a
temporary folder (or the empty PostgreSQL database DATABASE_URL names), then,
in one run, side by side and taking turns so that both see the same machine:

- the whole strategy report from the database to the bytes, queries included,
  as HTML, as PDF/A (typeset in the engine's child process, as the server
  does) and as ODT, warm (the median of the runs after the first, which pays
  the imports and the chart engine's start);
- the same PDF as a whole `planverk report` process;
- LibreOffice converting Planverk's own ODT of the report to PDF
  (`soffice --headless --convert-to pdf`), the yardstick; the PDF's times are
  given as ratios to it. Target: the warm PDF at most LibreOffice's time.

Then the version is published (sent on hearing) with `planverk db_worker`
working the queue, as in production: the time from publishing to its PDF in
storage, and an anonymous reader's download of it once it is there.
--profile adds where the warm PDF's time goes (cProfile, in this process).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

from county import county_strategy, timed

if TYPE_CHECKING:
    from planverk.strategies.models import Strategy

PUBLISH_LIMIT_S = 60.0


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    strategy = county_strategy()
    from pypdf import PdfReader

    from planverk.reports.kinds.strategy import StrategyReport, strategy_report
    from planverk.reports.writers import html, odt, pdf
    from planverk.strategies.language import in_language

    out = Path(tempfile.mkdtemp(prefix="planverk-bench-out-"))

    def report() -> StrategyReport:
        return strategy_report(strategy, include_exempt=False)

    with in_language(strategy):
        made = {
            "HTML": lambda: html.to_html(report()).encode(),
            "PDF/A": lambda: pdf.to_pdf(report()),
            "ODT": lambda: odt.to_odt(report()),
        }
        first = {name: timed(make) for name, make in made.items()}
        (out / "county.odt").write_bytes(odt.to_odt(report()))
        document = pdf.to_pdf(report())
    command = [
        sys.executable,
        "-m",
        "planverk",
        "report",
        "strategy",
        "--org",
        strategy.organization.slug,
        "--strategy",
        str(strategy.pk),
        "--format",
        "pdf",
        "--public",
        "-o",
        str(out / "cli.pdf"),
    ]
    # As a deployed process runs: from compiled modules (__pycache__), which this
    # environment may otherwise tell Python not to write.
    environment = {
        k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"
    }
    subprocess.run(command, check=True, env=environment, capture_output=True)
    soffice = shutil.which("soffice")
    warm: dict[str, list[float]] = {name: [] for name in made}
    process: list[float] = []
    libreoffice: list[float] = []
    for _run in range(args.runs):
        if soffice:
            libreoffice.append(timed(lambda: _convert(soffice, out)))
        with in_language(strategy):
            for name, make in made.items():
                warm[name].append(timed(make))
        process.append(
            timed(
                lambda: subprocess.run(
                    command, check=True, env=environment, capture_output=True
                )
            )
        )
    pages = len(PdfReader(io.BytesIO(document)).pages)
    print(f"{strategy}: {pages} pages; median of {args.runs} runs, side by side")
    print("                                 first s  warm s")
    for name in made:
        print(
            f"{name + ' (in a worker)':32} {first[name]:7.2f} {median(warm[name]):7.2f}"
        )
    print(f"{'PDF/A, whole `planverk report`':32} {'':7} {median(process):7.2f}")
    if soffice:
        lo = median(libreoffice)
        pdf_warm = median(warm["PDF/A"])
        print(f"{'LibreOffice ODT -> PDF (process)':32} {'':7} {lo:7.2f}")
        print(
            f"ratio to LibreOffice: warm PDF/A {pdf_warm / lo:.2f}, "
            f"whole process {median(process) / lo:.2f}  (target: warm <= 1) "
            + ("ok" if pdf_warm <= lo else "OVER")
        )
    else:
        print(
            "LibreOffice (soffice) is not installed: no ratio (`make system-packages`)"
        )
    if args.profile:
        _profile(strategy)
    _publish(strategy)


def _convert(soffice: str, out: Path) -> None:
    subprocess.run(
        [
            soffice,
            "--headless",
            "--norestore",
            f"-env:UserInstallation=file://{out}/lo",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out / "lo-out"),
            str(out / "county.odt"),
        ],
        check=True,
        capture_output=True,
    )


def _profile(strategy: Strategy) -> None:
    """Where a warm PDF's time goes: reading, the charts, the layout, Typst."""
    from planverk.reports.engine import write_pdf
    from planverk.reports.kinds import as_document
    from planverk.reports.kinds.strategy import strategy_report
    from planverk.reports.writers import pdf
    from planverk.strategies.language import in_language

    def once() -> None:
        report = strategy_report(strategy, include_exempt=False)
        data = pdf.data(as_document(report, paged=True))
        write_pdf(pdf.source(), {"document": json.dumps(data)})

    with in_language(strategy):
        once()
        profile = cProfile.Profile()
        profile.runcall(once)
    print("\nwhere the warm PDF/A's time goes (cProfile, cumulative):")
    pstats.Stats(profile).sort_stats("cumulative").print_stats(12)


def _publish(strategy: Strategy) -> None:
    """Publish the version with a worker at hand; wait for its PDF in storage."""
    from django.contrib.auth import get_user_model
    from django.core.cache import cache
    from django.test import Client

    from planverk.reports import stored
    from planverk.strategies.actions.publishing import start_hearing

    admin = get_user_model().objects.create_superuser("bench-admin", password="x")
    worker = subprocess.Popen(
        [sys.executable, "-m", "planverk", "db_worker", "--no-reload"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        time.sleep(3)  # the worker's start, which a running server has behind it
        started = time.perf_counter()
        start_hearing(strategy, user=admin)
        strategy.refresh_from_db()
        pdf = None
        while pdf is None and time.perf_counter() - started < PUBLISH_LIMIT_S:
            time.sleep(0.05)
            pdf = stored.read(strategy, "strategy", "pdf")
        waited = time.perf_counter() - started
    finally:
        worker.terminate()
        worker.wait(10)
    if pdf is None:
        sys.exit(f"no PDF in storage {PUBLISH_LIMIT_S:.0f} s after publishing")
    url = f"/o/{strategy.organization.slug}/s/{strategy.pk}/rapport/strategy.pdf"
    client = Client(SERVER_NAME="localhost")
    downloads = []
    for _ in range(5):
        cache.clear()  # from storage, not from the page cache
        downloads.append(timed(lambda: client.get(url)))
    response = client.get(url)
    assert response.status_code == 200 and response.content == pdf
    print(
        f"\npublished -> PDF in storage (db_worker, default 1 s poll): {waited:.2f} s; "
        f"download once stored: {median(downloads) * 1000:.0f} ms (median of 5)"
    )


if __name__ == "__main__":
    main()
