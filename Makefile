# Two commands on a fresh machine: `make serve` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

CHROMIUM := /usr/bin/chromium
ADDR   ?= 127.0.0.1:8000

.PHONY: install venv-package browser engines serve build check test lint bench clean

install: $(STAMP)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "Python 3.11+ is needed"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || { rm -rf $(VENV) && $(MAKE) --no-print-directory venv-package && $(PYTHON) -m venv $(VENV); }
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

# Debian's Python splits venv (and its pip) into python3-venv; installed only when venv fails without it.
venv-package:
	@echo "Installing python3-venv (python3 -m venv needs it on Debian)"
	@SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); export DEBIAN_FRONTEND=noninteractive; \
	  $$SUDO apt-get install -y -qq python3-venv >/dev/null || { $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq python3-venv >/dev/null; }

# Debian's Chromium for the browser tests (Playwright drives it; it never downloads a browser).
browser: $(CHROMIUM)

$(CHROMIUM):
	@echo "Installing Debian's chromium for the browser tests"
	@SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); export DEBIAN_FRONTEND=noninteractive; \
	  $$SUDO apt-get install -y -qq chromium >/dev/null || { $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium >/dev/null; }

# The database engines of tests/warehouse/: Debian's PostgreSQL server (its initdb and pg_ctl live
# in /usr/lib/postgresql/*/bin) and a Java runtime for Spark, each installed when missing.
engines:
	@SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); export DEBIAN_FRONTEND=noninteractive; missing=""; \
	  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$$missing postgresql"; \
	  command -v java >/dev/null 2>&1 || missing="$$missing default-jre-headless"; \
	  if [ -n "$$missing" ]; then echo "Installing Debian's$$missing for the database tests"; \
	    $$SUDO apt-get install -y -qq $$missing >/dev/null || { $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq $$missing >/dev/null; }; fi

serve: install
	$(BIN)/opsmanual serve . --dev-addr $(ADDR)

build: install
	$(BIN)/opsmanual build .

check: install
	$(BIN)/opsmanual check .

test: install browser engines
	$(BIN)/ruff check generator tests benchmarks tools
	$(BIN)/lint-imports
	$(BIN)/mypy
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check generator tests benchmarks tools

bench: install
	$(BIN)/python benchmarks/bench_check.py

clean:
	rm -rf $(VENV) site .pytest_cache .ruff_cache
