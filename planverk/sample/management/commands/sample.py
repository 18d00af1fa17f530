"""`planverk sample --orgs N --seed S`: load generated, fictional organisations."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from planverk.sample.loading import load_sample


class Command(BaseCommand):
    help = "Load N generated, fictional organisations with their strategies (deterministic)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--orgs", type=int, default=12)
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args: Any, orgs: int, seed: int, **options: Any) -> None:
        started = time.perf_counter()
        stored = load_sample(orgs, seed, progress=self.stdout.write)
        seconds = time.perf_counter() - started
        self.stdout.write(
            f"stored {stored} strategies of {orgs} organisations in {seconds:.1f} s"
        )
