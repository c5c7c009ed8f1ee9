# Pattana: the two quick-start commands and their helpers. Needs python3 (3.11) and make.
#   make run    start the app on http://127.0.0.1:8501 with the embedded demo database (this machine only)
#   make serve  production: PATTANA_DB=... PATTANA_COOKIE_KEY=... ADDRESS=0.0.0.0 make serve
#   make test   run the whole test suite (installs Debian's chromium and Thai fonts if missing)

VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
PORT   ?= 8501
ADDRESS ?= 127.0.0.1

.PHONY: install run serve test browser-deps clean-demo

$(STAMP): requirements.lock pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	touch $(STAMP)

install: $(STAMP)

# The demo's passwords are published: it listens on the loopback address only (and the app
# refuses to serve demo data on any other address).
run: $(STAMP)
	$(PY) -m streamlit run streamlit_app.py --server.port $(PORT) --server.address 127.0.0.1

# Production: the database and the cookie key come from the environment, the address from
# ADDRESS (default 127.0.0.1, e.g. behind a reverse proxy; 0.0.0.0 for every interface).
serve: $(STAMP)
	@test -n "$$PATTANA_DB" || { echo "PATTANA_DB is not set: the production database file (made by core.cli init-db)"; exit 2; }
	@test -f "$$PATTANA_DB" || { echo "$$PATTANA_DB does not exist: run '$(PY) -m core.cli init-db' and 'create-admin' first"; exit 2; }
	@test -n "$$PATTANA_COOKIE_KEY" || { echo "PATTANA_COOKIE_KEY is not set: a long random secret that signs sign-in cookies"; exit 2; }
	PATTANA_DEMO=0 $(PY) -m streamlit run streamlit_app.py --server.port $(PORT) --server.address $(ADDRESS) \
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

test: $(STAMP) browser-deps
	$(PY) -m pytest

clean-demo:
	rm -f data/pattana-demo.duckdb data/pattana-demo.duckdb.wal
