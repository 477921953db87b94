# Two commands do everything on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test install lint format messages bench clean

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

install: $(STAMP)

## run: install, migrate the SQLite default, seed demo data, serve on :8000 with a worker
run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo
	bin/serve

## test: the whole test suite (SQLite unless DATABASE_URL says otherwise)
test: install
	$(BIN)/python -m pytest $(PYTEST_ARGS)

## bench: the quick benchmarks (SQLite, and PostgreSQL if it answers), one table with ratios
bench: install
	$(BIN)/python scripts/bench_all.py $(BENCH_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

## messages: extract translatable strings into locale/*/django.po, then compile them
messages: install
	$(BIN)/python manage.py makemessages -l vi -l en --ignore=.venv --ignore=tests
	$(BIN)/python manage.py compilemessages --ignore=.venv

clean:
	rm -rf var staticfiles .pytest_cache
