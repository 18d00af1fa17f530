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
# The same for libraries and fonts, which have no command to look for.
define need_packages
	@dpkg -s $(1) >/dev/null 2>&1 || { apt-get update -qq && $(APT_INSTALL) $(1); }
endef
# Typst sets the PDF/A reports in DejaVu, which it embeds.
REPORT_PACKAGES := fonts-dejavu-core

$(CURDIR)/.tools/bin/uv:
	$(PYTHON) -m venv .tools
	.tools/bin/pip install --quiet uv

setup: $(UV)
	$(call need,msgfmt,gettext)
	$(call need_packages,$(REPORT_PACKAGES))
	$(UV) sync --frozen
	npm ci --no-audit --no-fund --loglevel=error
	DEBUG=true $(RUN) planverk compilemessages --ignore .venv --ignore node_modules --verbosity 0

# Tests open what the reports make: poppler reads and renders the PDFs,
# LibreOffice converts the ODF files.
system-packages:
	$(call need,chromium,chromium)
	$(call need,pdftoppm,poppler-utils)
	$(call need,soffice,libreoffice-writer-nogui libreoffice-calc-nogui)

demo: setup
	DEBUG=true $(RUN) planverk collectstatic --noinput --verbosity 0
	$(RUN) planverk demo

lint: setup
	$(RUN) ruff check .
	$(RUN) ruff format --check .
	$(RUN) mypy planverk manage.py bench
	$(RUN) lint-imports

test: lint system-packages
	$(RUN) pytest

bench: setup
	$(call need,wrk,wrk)
	$(RUN) python bench/bench_parse.py
	$(RUN) python bench/bench_load.py
	$(RUN) python bench/bench_revise.py
	$(RUN) python bench/bench_diff.py
	$(RUN) python bench/bench_web.py
	$(RUN) python bench/bench_plans.py
	$(RUN) python bench/bench_reports.py
	$(RUN) python bench/bench_exports.py
	$(RUN) python bench/bench_zipbomb.py
	$(RUN) python bench/bench_limits.py
	$(RUN) python bench/bench_spending.py

clean:
	rm -rf .venv .tools staticfiles var
