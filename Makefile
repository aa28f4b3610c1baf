# Callboard: `make run` starts the app on the demo production; `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: setup run test test-fast test-studio bench bench-load lint format system-packages

$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[dev]'
	touch $(STAMP)

system-packages:
	@bin/install-system-packages

setup: system-packages $(STAMP)

run: setup
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py demo --if-empty
	HOST=$(HOST) PORT=$(PORT) bin/serve

# Every core: a worker per core, each with its own test database, whole test files per worker
# (their fixtures and journeys stay together).
test: setup
	$(BIN)/python -m pytest -m "not studio" -n auto --dist loadfile

# The tests that need Redis, an S3-compatible server and PostgreSQL: .ci/run starts them.
test-studio: setup
	$(BIN)/python -m pytest -m studio

test-fast: setup
	$(BIN)/python -m pytest

bench: setup
	$(BIN)/python benchmarks/run.py

# The load test alone (make bench runs it last): 200 crew and 20 office users for 60 s
# against gunicorn on a throwaway PostgreSQL database.
bench-load: setup
	$(BIN)/python benchmarks/load.py

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: setup
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .
