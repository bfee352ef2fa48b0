# The two commands: `make run` (serve with demo data) and `make test` (whole suite).
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/aimodelsmap
TEST_REDIS_URL ?= redis://127.0.0.1:6379/15

.PHONY: run test install install-dev browser demo-data serve lint bench

$(VENV)/bin/activate:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

install: $(VENV)/bin/activate
	$(PY) -m pip install --quiet -r requirements.txt

install-dev: $(VENV)/bin/activate
	$(PY) -m pip install --quiet -r requirements-dev.txt

# Embedded default: SQLite, one gevent web process (gunicorn_settings.py), eager tasks.
run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py collectstatic --noinput --verbosity 0
	$(PY) manage.py load_demo_data
	$(PY) manage.py create_api_key --account demo --plan pro --name "demo key" | tail -n 1 > .demo-api-key
	@echo "Demo API key (X-API-Key): $$(cat .demo-api-key)"
	@echo "Serving on http://127.0.0.1:$(PORT)  (API docs: /docs/, /redoc/, /openapi.json)"
	$(VENV)/bin/gunicorn --config gunicorn_settings.py --bind 127.0.0.1:$(PORT)

# The browser tests drive Debian's headless Chromium; installed once, when missing.
browser:
	@if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then \
		SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
		$$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
		$$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium chromium-driver; \
	fi

test: install-dev browser
	DATABASE_URL="$${DATABASE_URL:-$(TEST_DATABASE_URL)}" REDIS_URL="$${REDIS_URL:-$(TEST_REDIS_URL)}" \
		$(PY) -m pytest -n 2 --dist loadfile

lint: install-dev
	$(VENV)/bin/ruff check .
