"""The `planverk` command and the settings it starts with."""

from __future__ import annotations

import os
import runpy
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import get_commands, load_command_class

from planverk.cli import OWN_WORDS, VERBS, main
from planverk.settings import DEV_SECRET_KEY

SETTINGS = str(Path(__file__).resolve().parent.parent / "settings.py")


def test_help_lists_our_verbs_with_their_own_help(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    words = " ".join(out.split())
    commands = get_commands()
    for verb in VERBS:
        assert f"\n  {verb} " in out
        own = OWN_WORDS.get(verb) or load_command_class(commands[verb], verb).help
        assert f" {verb} {' '.join(str(own).split())}" in words
    assert out.index("  demo ") < out.index("  serve ") < out.index("  restore ")
    # Aligned after the longest verb ("actionplan").
    assert "db_worker   Work the background queue (report rendering)." in out
    assert max(map(len, out.splitlines())) <= 79


def run_planverk(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {
        k: v
        for k, v in os.environ.items()
        # The browser tests allow async-unsafe calls, which check --deploy warns about.
        if k
        not in (
            "SECRET_KEY",
            "DEBUG",
            "DATABASE_URL",  # SQLite in PLANVERK_DATA, also when CI runs on PostgreSQL
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


@pytest.mark.parametrize("verb", [["serve"], ["check", "--deploy"]])
def test_serving_in_production_mode_needs_the_secret_key_given(
    tmp_path: Path, verb: list[str]
) -> None:
    result = run_planverk(*verb, PLANVERK_DATA=str(tmp_path))
    assert result.returncode == 2
    assert result.stderr.startswith("planverk: SECRET_KEY is not set: serving")
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert not (tmp_path / "secret_key").exists()


def test_production_mode_refuses_the_development_key(tmp_path: Path) -> None:
    result = run_planverk(
        "check", SECRET_KEY=DEV_SECRET_KEY, PLANVERK_DATA=str(tmp_path)
    )
    assert result.returncode == 2
    assert result.stderr.startswith("planverk: SECRET_KEY is the development key")


def test_a_bad_number_stops_the_command_in_one_line(tmp_path: Path) -> None:
    result = run_planverk(
        "check", PLANVERK_PAGE_CACHE_SECONDS="abc", PLANVERK_DATA=str(tmp_path)
    )
    assert result.returncode == 2
    assert result.stderr == (
        "planverk: PLANVERK_PAGE_CACHE_SECONDS='abc': expected a whole number\n"
    )
    assert result.stdout == ""


@pytest.mark.parametrize(
    "name",
    [
        "PLANVERK_PAGE_CACHE_SECONDS",
        "PLANVERK_UPLOAD_MAX_BYTES",
        "PLANVERK_LOGIN_FAILURE_LIMIT",
        "PLANVERK_LOGIN_COOLOFF_MINUTES",
        "PLANVERK_TRUSTED_PROXIES",
        "PLANVERK_SESSION_HOURS",
        "PLANVERK_INVITATION_DAYS",
        "EMAIL_PORT",
        "SECURE_HSTS_SECONDS",
        "WEB_CONCURRENCY",
        "PLANVERK_REPORT_SECONDS",
    ],
)
@pytest.mark.parametrize("value", ["abc", "1.5", "-3", "２"])
def test_every_number_in_the_settings_names_its_variable(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, name: str, value: str
) -> None:
    monkeypatch.setenv("PLANVERK_DATA", str(tmp_path))
    monkeypatch.delenv("DEBUG", raising=False)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv(name, value)
    with pytest.raises(ImproperlyConfigured) as refused:
        runpy.run_path(SETTINGS)  # afresh, as a command reads them
    assert str(refused.value) == f"{name}={value!r}: expected a whole number"


def test_the_settings_read_a_number_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PLANVERK_DATA", str(tmp_path))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("PLANVERK_SESSION_HOURS", "2")
    monkeypatch.setenv("WEB_CONCURRENCY", " 5 ")
    read = runpy.run_path(SETTINGS)
    assert read["SESSION_COOKIE_AGE"] == 7200
    assert read["PLANVERK_WEB_CONCURRENCY"] == 5
    assert read["PLANVERK_PAGE_CACHE_SECONDS"] == 300  # the default


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
