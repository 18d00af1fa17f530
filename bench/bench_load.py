"""How long generating and storing the fictional national data set takes.

    python bench/bench_load.py [--orgs 430] [--seed 1]

Loads into a fresh SQLite database in a temporary folder (or the PostgreSQL
database DATABASE_URL names, which must be empty) and prints seconds per
phase, strategies per second and the database rows written.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orgs", type=int, default=430)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    os.environ.setdefault("PLANVERK_DATA", tempfile.mkdtemp(prefix="planverk-bench-"))
    os.environ.setdefault("DEBUG", "true")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "planverk.settings")

    import django

    django.setup()
    from django.apps import apps
    from django.core.management import call_command

    from planverk.interchange.load import load
    from planverk.sample import generate

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    documents = list(generate(args.orgs, args.seed))
    generated = time.perf_counter()
    for document in documents:
        load(document, reason="benchmark")
    stored = time.perf_counter()
    rows = sum(m._default_manager.count() for m in apps.get_models())
    print(f"organisations: {args.orgs}, strategies: {len(documents)}")
    print(f"generate: {generated - started:.2f} s")
    print(
        f"store:    {stored - generated:.2f} s "
        f"({len(documents) / (stored - generated):.1f} strategies/s, {rows} rows incl. history)"
    )


if __name__ == "__main__":
    main()
