# Two commands matter: `make run` and `make test`. Everything else is for developers.
SHELL := /bin/bash
.DEFAULT_GOAL := help
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := .venv
# Python keeps compiled modules in __pycache__/ (git ignores them). Images that set
# PYTHONDONTWRITEBYTECODE=1 make every process – each test worker, each subprocess a test
# starts, the dev server – compile Django and the portal anew: 4 to 8 CPU seconds each.
unexport PYTHONDONTWRITEBYTECODE

# The first Python >= 3.12 found on PATH (pyenv's .python-version selects 3.13 here).
PYTHON ?= $(shell for p in python3.13 python3.12 python3 python; do \
	if command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then command -v $$p; break; fi; done)
UV_VERSION := 0.13.8
UV := .tools/bin/uv
PORT ?= 8000
export PORT
DEV := DJANGO_DEBUG=1
MANAGE := $(DEV) .venv/bin/python manage.py

.PHONY: help install run stop test test-fast lint fmt messages compilemessages demo demo-totp check-deploy bench

help:
	@echo "make run    – install, start the database, migrate, load demo data, serve on 127.0.0.1:$(PORT)"
	@echo "make test   – install and run the whole test suite (browser tests included)"
	@echo "make stop   – stop the private database (it also stops when the last process using it exits)"
	@echo "make lint | fmt | messages | demo | demo-totp | check-deploy | bench"

$(UV):
	@if [ -z "$(PYTHON)" ]; then echo "Python >= 3.12 is required but was not found on PATH." >&2; exit 1; fi
	$(PYTHON) -m venv .tools
	.tools/bin/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

install: $(UV)
	$(UV) sync --frozen --python $(PYTHON) --quiet

compilemessages: install
	.venv/bin/python scripts/compilemessages.py

run: install compilemessages
	$(MANAGE) migrate --noinput
	$(MANAGE) demo --if-empty
	$(MANAGE) runserver 127.0.0.1:$(PORT)

# Stops the private PostgreSQL cluster in .postgres/ now, even while something still uses it.
stop: install
	.venv/bin/python -m zukunftsplattform.devdb stop

# The suite runs in TEST_WORKERS processes (pytest-xdist, a database test_..._gwN each) in
# random order (pytest-randomly; the seed is printed, repeat an order with
# PYTEST_ARGS=--randomly-seed=N), and prints the app lines no test runs (pytest-cov).
# Tests go out in collection order, where pytest-django puts those that empty the database
# last; no work stealing, which would hand a worker such tests before ones that need the seed.
TEST_WORKERS ?= 4
PYTEST_PARALLEL := -n $(TEST_WORKERS) --cov --cov-report=term

# Lint first (ruff, djade, mypy, hadolint), so CI fails on a type error as on a failing test.
test: install compilemessages lint
	.venv/bin/python scripts/system_packages.py
	.venv/bin/python scripts/find_chromium.py
	.venv/bin/python scripts/find_java.py
	.venv/bin/python -m pytest $(PYTEST_PARALLEL) $(PYTEST_ARGS)

test-fast: install
	.venv/bin/python scripts/system_packages.py
	.venv/bin/python scripts/find_java.py
	.venv/bin/python -m pytest $(PYTEST_PARALLEL) -m "not browser" $(PYTEST_ARGS)

# Django templates: the ones git tracks, outside tests/ (djade, the Django template formatter).
TEMPLATES = $(shell git ls-files '*.html' 2>/dev/null | grep -E '(^|/)templates/' | grep -v '^tests/')

# mypy with django-stubs ([tool.mypy] in pyproject.toml) loads the settings but never
# connects: the database URL only keeps it from starting the private cluster.
lint: install
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	@echo "djade --check: the Django templates"
	@.venv/bin/djade --check --target-version 6.1 $(TEMPLATES)
	$(DEV) DATABASE_URL=postgres://mypy@127.0.0.1:1/mypy .venv/bin/mypy
	.venv/bin/hadolint Dockerfile

fmt: install
	.venv/bin/ruff check --fix .
	.venv/bin/ruff format .
	.venv/bin/djade --target-version 6.1 $(TEMPLATES)

# Each feature app keeps its own catalogue (projects/, network/, events/ with their
# templates); locale/ holds the rest (base templates, accounts, pages, taxonomy).
FEATURE_APPS := projects network events notices contact following api opendata insights
MAKEMESSAGES := makemessages --locale de --locale en --no-obsolete --ignore '.venv/*' --ignore '.tools/*' --ignore 'tests/*' --ignore 'scripts/*'

messages: install
	$(MANAGE) $(MAKEMESSAGES) $(foreach app,$(FEATURE_APPS),--ignore '$(app)/*')
	for app in $(FEATURE_APPS); do (cd $$app && DJANGO_DEBUG=1 ../.venv/bin/python ../manage.py $(MAKEMESSAGES)) || exit 1; done
	.venv/bin/python scripts/sync_catalogues.py
	.venv/bin/python scripts/compilemessages.py

demo: install compilemessages
	$(MANAGE) migrate --noinput
	$(MANAGE) demo --reset

# The demo staff accounts' TOTP secrets and their current codes (development only).
demo-totp: install
	$(MANAGE) demo_totp

check-deploy: install
	SECRET_KEY=check-deploy-$$(date +%s)-not-a-real-secret-but-long-enough-for-django ALLOWED_HOSTS=zukunftsplattform.example \
		.venv/bin/python manage.py check --deploy --fail-level WARNING

# Load benchmark (docs/performance.md): seeds zukunftsplattform_bench once (~2 min), then
# about 6 min of load. BENCH_ARGS e.g. "--duration 5 --only home projects" or "--reseed".
BENCH_ARGS ?=
bench: install compilemessages
	.venv/bin/python -m bench.run $(BENCH_ARGS)
