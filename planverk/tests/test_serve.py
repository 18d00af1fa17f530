"""`planverk serve`: the gunicorn command line it replaces itself with."""

from __future__ import annotations

from gunicorn.config import Config

from planverk.site.management.commands.serve import gunicorn_argv


def test_serve_opens_no_shared_control_socket() -> None:
    argv = gunicorn_argv("127.0.0.1", 8123, 3)
    assert argv[1:4] == ["-m", "gunicorn", "planverk.wsgi:application"]
    # As gunicorn reads it: an option this gunicorn does not know would exit here.
    options = Config().parser().parse_args(argv[3:])
    assert options.control_socket_disable is True
    assert options.bind == ["127.0.0.1:8123"] and options.workers == 3


def test_a_worker_outlives_the_report_budget(settings: object) -> None:
    argv = gunicorn_argv("127.0.0.1", 8123, 1)
    options = Config().parser().parse_args(argv[3:])
    assert options.timeout > settings.PLANVERK_REPORT_SECONDS  # type: ignore[attr-defined]
