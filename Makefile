# Homeward's front door: `make run` and `make test` (see README.md).
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run serve test lint typecheck pytest install install-test browser demo clean

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Homeward needs $(PYTHON) (Python 3.11) on the PATH."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(PY) -m pip install --quiet -e ".[test]"
	touch $@

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

install: $(VENV)/.installed node_modules/.package-lock.json

install-test: $(VENV)/.installed-test node_modules/.package-lock.json browser

# The browser tests drive Debian's Chromium (Playwright's own browser download is not used).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
		echo "Installing Debian's chromium for the browser tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

run: install
	$(PY) manage.py migrate --no-input
	$(PY) manage.py demo --if-empty
	@HOMEWARD_ADDRESS=http://$(HOST):$(PORT) $(PY) manage.py demo --sign-ins
	@# The background worker (imports, exports) runs beside the web server and stops with it.
	$(PY) manage.py db_worker --no-startup-delay --no-reload & worker=$$!; \
		trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
		HOMEWARD_ADDRESS=$${HOMEWARD_ADDRESS:-http://$(HOST):$(PORT)} $(PY) manage.py runserver $(HOST):$(PORT)

# Homeward as production runs it (README "Running in production"): production settings,
# PostgreSQL, static files collected (hashed names, compressed), migrations applied, the deploy
# checks, then gunicorn with the task worker supervised beside it (homeward/serve.py). Needs
# DJANGO_SECRET_KEY and DJANGO_ALLOWED_HOSTS; nothing secret is made up.
serve: export HOMEWARD_ENV := production
serve: export DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/homeward
serve: export HOST := $(HOST)
serve: export PORT := $(PORT)
serve: install var/staticfiles/staticfiles.json
	$(PY) manage.py migrate --no-input
	$(PY) manage.py check --deploy --database default
	exec $(PY) -m homeward.serve

# Collected again only when a stylesheet, script or package changes (hashed names, compressed).
var/staticfiles/staticfiles.json: package-lock.json $(VENV)/.installed $(shell find homeward/static -type f)
	HOMEWARD_ENV=production $(PY) manage.py collectstatic --no-input --verbosity 0

demo: install
	$(PY) manage.py migrate --no-input
	$(PY) manage.py demo

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	@# Layers point one way (pyproject.toml [tool.importlinter]; README "How Homeward is built").
	$(BIN)/lint-imports --no-cache

typecheck: install-test
	$(BIN)/mypy

# One test process per core (pytest-xdist); `make pytest PYTEST_WORKERS=0` runs in one process.
# The slowest tests are listed at the end, to keep CI's time in view.
PYTEST_WORKERS ?= auto
pytest: install-test
	$(BIN)/pytest -n $(PYTEST_WORKERS) --durations=25

test: lint typecheck pytest

clean:
	rm -rf $(VENV) node_modules var
