# Oranje — the two commands of the README, and what CI adds.
#   make demo   installs, migrates, builds the demo world and serves it on http://127.0.0.1:$(PORT)
#   make test   installs and runs the whole test suite (SQLite)
#   make install-production   the production install on this Debian server, as root
#                             (deploy/install.sh; options in INSTALL_ARGS, e.g. --no-apt)
PYTHON ?= python3
PORT ?= 8000
WORKERS ?= 3
UV := .tools/bin/uv
VENV := .venv
BIN := $(VENV)/bin
export UV_PROJECT_ENVIRONMENT := $(CURDIR)/$(VENV)
export UV_PYTHON_DOWNLOADS := never

.PHONY: install install-production demo serve test test-browser test-postgres lint types migrations-check messages bench clean

$(UV):
	$(PYTHON) -m venv .tools
	.tools/bin/pip install --quiet --disable-pip-version-check "uv>=0.5,<1"

# --inexact keeps the benchmark peers (group "bench") installed once `make bench` added them.
$(VENV)/.installed: $(UV) pyproject.toml uv.lock
	$(UV) sync --frozen --inexact --python $(PYTHON)
	touch $@

install: $(VENV)/.installed

# Not the development environment above: /opt/oranje/venv, systemd units, /etc/oranje/oranje.env
# (docs/operations.md, "Install on a Debian server").
install-production:
	deploy/install.sh $(INSTALL_ARGS)

# The demo has no mail server: mail (test alarms, reminders) is written to var/mail/ instead.
demo: export ORANJE_EMAIL_BACKEND ?= django.core.mail.backends.filebased.EmailBackend
demo: export ORANJE_SITE_URL ?= http://127.0.0.1:$(PORT)
# The demo personas log in in one step; production requires two-factor for coordinators.
demo: export ORANJE_REQUIRE_2FA ?= false
demo: install
	$(BIN)/oranje migrate --noinput -v0
	$(BIN)/oranje demo
	$(BIN)/oranje collectstatic --noinput -v0
	@echo "Oranje draait op http://127.0.0.1:$(PORT)/ (stoppen met Ctrl-C); mail staat in var/mail/, het werkproces schrijft naar var/worker.log"
	$(BIN)/oranje worker >var/worker.log 2>&1 & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/gunicorn -c python:oranje.gunicorn_config oranje.wsgi --bind 127.0.0.1:$(PORT) --workers $(WORKERS) --access-logfile - --log-level warning

serve: install
	$(BIN)/oranje collectstatic --noinput -v0
	$(BIN)/gunicorn -c python:oranje.gunicorn_config oranje.wsgi --bind 127.0.0.1:$(PORT) --workers $(WORKERS) --access-logfile -

test: install
	$(BIN)/pytest -q -n 2

test-postgres: install
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/oranje} ORANJE_DB_CONN_MAX_AGE=0 $(BIN)/pytest -q -n 2

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

types: install
	$(BIN)/mypy

migrations-check: install
	$(BIN)/oranje makemigrations --check --dry-run

messages: install
	cd src/oranje && ../../$(BIN)/oranje makemessages -l nl --no-obsolete --add-location file && ../../$(BIN)/oranje compilemessages -l nl

bench: install
	$(UV) sync --frozen --inexact --group bench --python $(PYTHON)
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) .tools var
