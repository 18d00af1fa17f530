# Planverk: `make demo` and `make test` each set up everything they need on a
# fresh Debian machine with Python 3.11 and pip.

SHELL := /bin/bash
PYTHON ?= python3
export UV_PYTHON_DOWNLOADS := never
export UV_PYTHON := $(shell $(PYTHON) -c 'import sys; print(sys.executable)')
# uv from PATH, or installed into .tools/ the first time.
UV := $(or $(shell command -v uv 2>/dev/null),$(CURDIR)/.tools/bin/uv)
RUN := $(UV) run --frozen

.PHONY: setup system-packages demo test lint bench clean

# Debian packages: gettext compiles the message catalogues; the browser tests
# drive Debian's chromium (Playwright cannot download its own browser here).
APT_INSTALL := DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends
define need
	@command -v $(1) >/dev/null || { apt-get update -qq && $(APT_INSTALL) $(2); }
endef

$(CURDIR)/.tools/bin/uv:
	$(PYTHON) -m venv .tools
	.tools/bin/pip install --quiet uv

setup: $(UV)
	$(call need,msgfmt,gettext)
	$(UV) sync --frozen
	npm ci --no-audit --no-fund --loglevel=error
	DEBUG=true $(RUN) planverk compilemessages --ignore .venv --ignore node_modules --verbosity 0

system-packages:
	$(call need,chromium,chromium)

demo: setup
	DEBUG=true $(RUN) planverk collectstatic --noinput --verbosity 0
	$(RUN) planverk demo

lint: setup
	$(RUN) ruff check .
	$(RUN) ruff format --check .
	$(RUN) mypy planverk manage.py bench

test: lint system-packages
	$(RUN) pytest

bench: setup
	$(call need,wrk,wrk)
	$(RUN) python bench/bench_parse.py
	$(RUN) python bench/bench_load.py
	$(RUN) python bench/bench_web.py

clean:
	rm -rf .venv .tools staticfiles var
