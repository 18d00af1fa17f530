"""The `planverk` command and the settings it starts with."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from planverk.cli import VERBS, main


def test_help_lists_our_verbs(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    for verb in ("demo", "serve", "parse", "import", "export", "framework", "sample"):
        assert f"  {verb} " in out
    assert set(VERBS) >= {"demo", "serve", "import", "export", "framework"}


def run_planverk(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {
        k: v
        for k, v in os.environ.items()
        # The browser tests allow async-unsafe calls, which check --deploy warns about.
        if k
        not in (
            "SECRET_KEY",
            "DEBUG",
            "SECURE_SSL_REDIRECT",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        )
    }
    environment.pop("DJANGO_SETTINGS_MODULE", None)
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-m", "planverk", *args],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
    )


def test_production_mode_refuses_the_development_secret_key() -> None:
    result = run_planverk("check")
    assert result.returncode == 2
    assert result.stderr.startswith("planverk: SECRET_KEY is not set")
    assert "Traceback" not in result.stderr


def test_production_settings_pass_the_deployment_checks(tmp_path: object) -> None:
    result = run_planverk(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY="k" * 60 + "-Zq9!x",
        PLANVERK_DATA=str(tmp_path),
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_django_command_runs_through_planverk(tmp_path: object) -> None:
    result = run_planverk(
        "help", "--commands", DEBUG="true", PLANVERK_DATA=str(tmp_path)
    )
    assert result.returncode == 0
    assert "migrate" in result.stdout
    assert "export" in result.stdout


def test_parse_needs_no_configuration(tmp_path: object) -> None:
    result = run_planverk("parse", "/nonexistent/strategy.txt")
    assert result.returncode == 2
    assert "/nonexistent/strategy.txt" in result.stderr
    assert "Traceback" not in result.stderr
