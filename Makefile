# Two commands: `make run` (the site with demo content) and `make test` (the whole suite).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
RUN_ENV := DJANGO_DEBUG=1

.PHONY: install run serve test test-fast test-postgres lint bench bench-http rules messages

$(INSTALLED): pyproject.toml scripts/install-system-packages
	scripts/install-system-packages
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(INSTALLED)

install: $(INSTALLED)

run: install
	$(RUN_ENV) $(BIN)/python manage.py migrate --no-input
	$(RUN_ENV) $(BIN)/python manage.py createcachetable
	$(RUN_ENV) $(BIN)/python manage.py load_demo
	$(RUN_ENV) $(BIN)/python manage.py collectstatic --no-input -v0
	@echo ""
	@echo "公开网站：  http://$(HOST):$(PORT)/"
	@echo "管理后台：  http://$(HOST):$(PORT)/admin/"
	@echo "演示账号（密码为 DEMO_PASSWORD，默认 gongkai-demo）："
	@$(RUN_ENV) $(BIN)/python manage.py load_demo --list-accounts
	@echo ""
	@# the background worker (letter PDFs, search index, mail) runs beside the development server
	$(RUN_ENV) $(BIN)/python manage.py db_worker --no-reload & worker=$$!; \
	trap 'kill $$worker' EXIT INT TERM; \
	$(RUN_ENV) $(BIN)/python manage.py runserver $(HOST):$(PORT)

# Production: settings from the environment (DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS, DATABASE_URL…),
# gunicorn with GONGKAI_WORKERS workers (default 2 × CPUs + 1) on GONGKAI_BIND, static files by whitenoise.
serve: install
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py createcachetable
	$(BIN)/python manage.py collectstatic --no-input -v0
	exec $(BIN)/gunicorn --config deploy/gunicorn.conf.py

test: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# The same suite in two processes (pytest-xdist), each test module kept in one of them (its fixtures
# built once); add e.g. DATABASE_URL=postgres://… for PostgreSQL (each worker gets its own test database).
test-fast: install
	$(MAKE) test PYTEST_ARGS="-n $${PYTEST_WORKERS:-2} --dist loadscope $(PYTEST_ARGS)"

test-postgres: install
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/gongkai} $(MAKE) test

# The admin's Chinese beyond Wagtail's catalogue: compile after editing the .po, commit both.
messages:
	for domain in django djangojs; do \
		msgfmt --check -o locale/zh_Hans/LC_MESSAGES/$$domain.mo locale/zh_Hans/LC_MESSAGES/$$domain.po || exit 1; \
	done

lint: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

rules: install
	$(BIN)/python -m pytest --collect-only -q -p tests.rules_report $(PYTEST_ARGS)

bench: install
	$(BIN)/python tests/bench/bench_catalogue.py

bench-http: install
	$(BIN)/python tests/bench/bench_http.py
