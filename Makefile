# The two commands a newcomer needs: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.13 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
LOCAL := DJANGO_DEBUG=true DJANGO_SECRET_KEY="$$(cat .local/secret_key)"

.PHONY: run test test-postgres serve backup lint format fixtures messages password venv clean

$(VENV)/.installed: requirements.txt requirements-dev.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 13) and "healthnews needs Python 3.13 (found " + sys.version.split()[0] + "): install it, or run make PYTHON=/path/to/python3.13")'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

venv: $(VENV)/.installed

.local/secret_key:
	mkdir -p .local
	$(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))' > $@
	chmod 600 $@

## run: create .venv, install, migrate, load the fixtures, serve http://127.0.0.1:8000 (DEBUG)
run: venv .local/secret_key
	$(LOCAL) $(PY) manage.py migrate --no-input
	$(LOCAL) $(PY) manage.py bootstrap_local
	$(LOCAL) $(PY) manage.py runserver 127.0.0.1:8000

## test: system checks, migrations up to date, lint, and the whole pytest suite
test: venv
	DJANGO_SECRET_KEY=check-only-$$RANDOM$$RANDOM$$RANDOM$$RANDOM$$RANDOM$$RANDOM DJANGO_ALLOWED_HOSTS=localhost \
		$(PY) manage.py check --fail-level WARNING
	DJANGO_DEBUG=true $(PY) manage.py makemigrations --check --dry-run
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m pytest

## test-postgres: the same suite on PostgreSQL (DATABASE_URL) with the Redis cache (REDIS_URL)
POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/healthnews
TEST_REDIS_URL ?= redis://127.0.0.1:6379/15
test-postgres: venv
	DATABASE_URL=$(POSTGRES_URL) REDIS_URL=$(TEST_REDIS_URL) $(PY) -m pytest

## serve: production start (needs DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS, DATABASE_URL, ...)
serve:
	test -x $(PY) || { $(PYTHON) -m venv $(VENV) && $(PY) -m pip install --quiet -r requirements.txt; }
	$(PY) manage.py check --deploy --fail-level WARNING
	$(PY) manage.py migrate --no-input
	$(PY) manage.py collectstatic --no-input --verbosity 0
	$(VENV)/bin/gunicorn healthnews.wsgi

## backup: every row, ids kept (accounts, history, admin log included), for `manage.py loaddata`
backup: venv
	$(PY) manage.py backup -o backup-$$(date +%Y%m%d-%H%M%S).json

lint: venv
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: venv
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

## fixtures: write the database's content back to fixtures/ (after editing it in the admin)
fixtures: venv .local/secret_key
	$(LOCAL) $(PY) manage.py dump_fixtures

## messages: compile the project's Vietnamese catalogue overrides (needs GNU gettext)
messages:
	for po in locale/*/LC_MESSAGES/*.po; do msgfmt --check -o $${po%.po}.mo $$po || exit 1; done

## password: set a new password for the local admin account
password: venv .local/secret_key
	$(LOCAL) $(PY) manage.py changepassword admin

clean:
	rm -rf $(VENV) .local db.sqlite3 db.sqlite3-shm db.sqlite3-wal staticfiles
