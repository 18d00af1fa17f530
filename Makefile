# Planverk: `make demo` and `make test` each set up everything they need on a
# fresh Debian machine with Python 3.11 and pip.

SHELL := /bin/bash
PYTHON ?= python3
export UV_PYTHON_DOWNLOADS := never
export UV_PYTHON := $(shell $(PYTHON) -c 'import sys; print(sys.executable)')
# uv from PATH, or installed into .tools/ the first time.
UV := $(or $(shell command -v uv 2>/dev/null),$(CURDIR)/.tools/bin/uv)
RUN := $(UV) run --frozen

.PHONY: setup demo test lint bench clean

$(CURDIR)/.tools/bin/uv:
	$(PYTHON) -m venv .tools
	.tools/bin/pip install --quiet uv

setup: $(UV)
	$(UV) sync --frozen
	@if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; fi

demo: setup
	DEBUG=true $(RUN) planverk collectstatic --noinput --verbosity 0
	$(RUN) planverk demo

lint: setup
	$(RUN) ruff check .
	$(RUN) ruff format --check .
	$(RUN) mypy planverk manage.py bench

test: lint
	$(RUN) pytest

bench: setup
	$(RUN) python bench/bench_parse.py
	$(RUN) python bench/bench_load.py

clean:
	rm -rf .venv .tools staticfiles var
