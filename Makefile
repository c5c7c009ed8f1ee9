# Pattana: the two quick-start commands and their helpers. Needs python3 (3.11) and make.
#   make run    start the app on http://127.0.0.1:8501 with the embedded demo database (this machine only)
#   make test   lint (ruff), check the import contracts (import-linter), then run the whole test
#               suite (installs Debian's chromium and Thai fonts if missing)
#   make serve  production: PATTANA_DB=... PATTANA_COOKIE_KEY=... ADDRESS=0.0.0.0 make serve

VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
PORT   ?= 8501
ADDRESS ?= 127.0.0.1

.PHONY: install run serve test test-dates lint browser-deps clean-demo

$(STAMP): requirements.lock pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	touch $(STAMP)

install: $(STAMP)

# The demo's passwords are published: it listens on the loopback address only (and the app
# refuses to serve demo data on any other address).
run: $(STAMP)
	$(PY) -m streamlit run serve.py --server.port $(PORT) --server.address 127.0.0.1

# Production: the database and the cookie key come from the environment, the address from
# ADDRESS (default 127.0.0.1, e.g. behind a reverse proxy; 0.0.0.0 for every interface).
serve: $(STAMP)
	@test -n "$$PATTANA_DB" || { echo "PATTANA_DB is not set: the production database file (made by core.cli init-db)"; exit 2; }
	@test -f "$$PATTANA_DB" || { echo "$$PATTANA_DB does not exist: run '$(PY) -m core.cli init-db' and 'create-admin' first"; exit 2; }
	@test -n "$$PATTANA_COOKIE_KEY" || { echo "PATTANA_COOKIE_KEY is not set: a long random secret that signs sign-in cookies"; exit 2; }
	PATTANA_DEMO=0 $(PY) -m streamlit run serve.py --server.port $(PORT) --server.address $(ADDRESS) \
	  --server.headless true --browser.gatherUsageStats false

# Real-browser tests drive Debian's chromium (Playwright's own browser download does not work
# here); without the Thai fonts every Thai glyph is a box in screenshots.
browser-deps:
	@if ! command -v chromium >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qi tlwg \
	    || ! command -v pdftoppm >/dev/null 2>&1; then \
	  echo "installing chromium, fonts-thai-tlwg and poppler-utils with apt-get"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    chromium fonts-thai-tlwg poppler-utils >/dev/null; \
	fi

# The house rules that a machine can check: ruff's format and lint rules and the import contracts of
# pyproject.toml ([tool.ruff], [tool.importlinter]: layers, no Streamlit in core, no cycles).
lint: $(STAMP)
	$(PY) -m ruff format --check .
	$(PY) -m ruff check .
	$(VENV)/bin/lint-imports

test: $(STAMP) browser-deps lint
	$(PY) -m pytest

# The suite must pass whatever the real date is. test-dates runs the non-browser tests with the
# machine's clock moved (Debian's faketime, a relative offset so that every process agrees) to
# the last minutes of a fiscal year, Songkran, New Year's Eve and a Monday after a long weekend.
FAKE_DATES ?= 2026-09-30T16:25:00 2027-04-13T10:00:00 2026-12-31T16:25:00 2027-01-04T08:30:00

test-dates: $(STAMP)
	@command -v faketime >/dev/null 2>&1 || { echo "installing faketime with apt-get"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq faketime >/dev/null; }
	@for when in $(FAKE_DATES); do \
	  offset=$$(( $$(TZ=Asia/Bangkok date -d "$$when" +%s) - $$(date +%s) )); \
	  case $$offset in -*) ;; *) offset="+$$offset" ;; esac; \
	  echo "== the suite at $$when (Asia/Bangkok): faketime offset $$offset s"; \
	  faketime -m -f "$${offset}" $(PY) -c 'from core import clock; import datetime as d; print("machine clock reads", d.datetime.now(clock.BANGKOK))' && \
	  faketime -m -f "$${offset}" $(PY) -m pytest -q -m "not browser" -p no:cacheprovider \
	    || exit 1; \
	done

clean-demo:
	rm -f data/pattana-demo.duckdb data/pattana-demo.duckdb.wal
