# DeGS Suite: `make demo` serves the demo district; `make test` runs every check and test.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# The address every absolute link is made from (the receipt's status address, the certificate's
# QR code, e-mailed notices): the address the demo serves, unless DEGS_SITE_URL is given.
DEGS_SITE_URL ?= http://127.0.0.1:$(PORT)
PG_URL_BASE ?= postgres://postgres@127.0.0.1:5432
# Processes the suite runs in (pytest-xdist), each with its own test database; a test file stays
# in one process, so its module fixtures are built once. TEST_WORKERS=0 runs it in this one.
TEST_WORKERS ?= 2
PYTEST_WORKERS := -n $(TEST_WORKERS) --dist loadfile
STAMP := $(VENV)/.installed

.PHONY: demo test install gettext-deps messages lint types checks test-sqlite test-postgres test-replica browser-deps serve clean

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is needed ($(PYTHON) not found)"; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

gettext-deps:
	@command -v msgfmt >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext; }

messages: install gettext-deps
	$(BIN)/python manage.py compilemessages --ignore=.venv -v 0

demo: install messages
	$(BIN)/python manage.py migrate --no-input -v 0
	DEGS_SITE_URL=$(DEGS_SITE_URL) $(BIN)/python manage.py load_demo
	@echo
	@echo "Serving the demo at http://127.0.0.1:$(PORT)/ (Ctrl-C stops it); links point at $(DEGS_SITE_URL)/"
	DEGS_SITE_URL=$(DEGS_SITE_URL) $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# Debian's chromium for the browser tests; Playwright drives it (no browser download).
browser-deps:
	@if [ ! -x /usr/bin/chromium ]; then \
		echo "Installing chromium from Debian's packages"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver fonts-noto-core >/dev/null; \
	fi
	@if ! command -v pdftoppm >/dev/null; then \
		echo "Installing poppler-utils (pdftoppm: the review pack's PDF drawn as a picture in the browser test)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils >/dev/null; \
	fi

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-logo

types: install
	$(BIN)/mypy degs config

checks: install messages
	DEGS_ENV=test $(BIN)/python manage.py check --database default --fail-level WARNING
	DEGS_ENV=test $(BIN)/python manage.py makemigrations --check --dry-run
	DEGS_ENV=production DEGS_SECRET_KEY=$$(python3 -c 'import secrets; print(secrets.token_urlsafe(60))') \
		DEGS_ALLOWED_HOSTS=degs.example.org DEGS_SITE_URL=https://degs.example.org DEGS_DATA_DIR=$$(mktemp -d) \
		DEGS_CERTIFICATE_KEY=$$(python3 -c 'import base64, secrets; print(base64.b64encode(secrets.token_bytes(32)).decode())') \
		DEGS_AADHAAR_HASH_KEY=$$(python3 -c 'import secrets; print(secrets.token_urlsafe(60))') \
		$(BIN)/python manage.py check --deploy --fail-level WARNING

test-sqlite: install messages browser-deps
	@echo "=== test suite on SQLite ==="
	DEGS_ENV=test $(BIN)/pytest $(PYTEST_WORKERS)

test-postgres: install messages browser-deps
	@echo "=== test suite on PostgreSQL ==="
	@pg_isready -h 127.0.0.1 -p 5432 -q || pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql) main start
	DEGS_ENV=test DATABASE_URL=$(PG_URL_BASE)/degs_ci_$$$$ $(BIN)/pytest $(PYTEST_WORKERS) --create-db

# The read replica's tests against a real one: tools/pg_replica.sh starts a throwaway primary and
# a streaming replica of it on two free ports, runs these tests against them, and removes both
# whatever the tests did. The test database's tables are made from the models (--no-migrations):
# the routing is under test here, not the schema, and it keeps the whole run near half a minute.
test-replica: install
	@echo "=== the read replica, against a throwaway primary and its streaming replica ==="
	bash tools/pg_replica.sh env DEGS_ENV=test $(BIN)/pytest -p no:xdist tests/core/test_replica.py --create-db --no-migrations

test: lint types checks test-sqlite test-postgres test-replica

serve: install
	DEGS_SITE_URL=$(DEGS_SITE_URL) $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

clean:
	rm -rf $(VENV) build *.egg-info
