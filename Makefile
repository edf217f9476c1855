# Two commands: `make run` (the whole application on an embedded default) and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip
export PATH := $(abspath $(BIN)):$(PATH)

.PHONY: run test bench install install-test migrate seed messages clean help

help:
	@echo "make run    - install, migrate, load demo data, start web + worker + beat"
	@echo "make test   - install test dependencies and run the whole suite"
	@echo "make bench  - measure pages, PDFs and the reminder sweep on a seeded network (docs/benchmarks.md)"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

# Reinstall only when the pinned set changes.
$(VENV)/.installed: pyproject.toml constraints.txt | $(BIN)/python
	$(PIP) install --quiet -c constraints.txt -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml constraints.txt $(VENV)/.installed
	$(PIP) install --quiet -c constraints.txt -e '.[test]'
	touch $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

migrate: install
	$(BIN)/python manage.py migrate --noinput

seed: migrate
	$(BIN)/python manage.py seed_demo

run: seed
	@echo
	@echo "  The application is starting at http://$${WEB_HOST:-127.0.0.1}:$${WEB_PORT:-8000}/"
	@echo "  Sign in with one of the demo logins above. Mail goes to var/mail/ and is listed at"
	@echo "  http://$${WEB_HOST:-127.0.0.1}:$${WEB_PORT:-8000}/dev/mail/ (sign in as operator@example.org)."
	@echo "  Press Ctrl-C to stop the web server, the worker and the scheduler."
	@echo
	SITE_URL="$${SITE_URL:-http://$${WEB_HOST:-127.0.0.1}:$${WEB_PORT:-8000}}" exec $(BIN)/honcho -f Procfile.dev start

test: install-test
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Benchmarks measure; they are not timed tests. Exits 1 when a target is missed.
# On PostgreSQL with 100 more networks:
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench make bench BENCH_ARGS="--networks 100"
bench: install
	DEBUG=false $(BIN)/python manage.py bench $(BENCH_ARGS)

messages: install
	$(BIN)/python manage.py makemessages -l it -l el -l es -l fr -l lv -l nl --no-obsolete --no-location -i '.venv/*' -i 'var/*' -i 'tests/*'
	$(BIN)/python manage.py compilemessages --ignore='.venv/*'

clean:
	rm -rf $(VENV) var
