# rabta — make demo [PORT=8000] · make test · make bench · make lint
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PORT ?= 8000

.PHONY: demo test test-browser bench bench-web bench-b2bsp lint format messages install clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip==25.3
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	bash scripts/ensure-system-packages.sh
	DEBUG=1 $(PY) -m rabta.cli migrate --noinput
	DEBUG=1 $(PY) -m rabta.cli load_demo
	PORT=$(PORT) bash scripts/serve-demo.sh $(PY)

test: $(STAMP)
	bash scripts/ensure-system-packages.sh
	bash scripts/ensure-browser.sh
	$(PY) -m pytest -n 2 -p no:cacheprovider; rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "pytest collected no tests"; exit 0; fi; exit $$rc

bench: $(STAMP)
	$(PY) benchmarks/run_events.py
	$(PY) benchmarks/run_interpreter_days.py
	$(PY) benchmarks/run_formats.py
	$(PY) benchmarks/run_marketplace.py
	$(PY) benchmarks/run_trade.py
	$(PY) benchmarks/run_recommendations.py
	$(PY) benchmarks/run_publish.py
	$(PY) benchmarks/run_meeting_control.py
	$(PY) benchmarks/run_event_pages.py
	@if [ -f benchmarks/run_import.py ]; then $(PY) benchmarks/run_import.py; fi

bench-web: $(STAMP)
	$(PY) -m pip install --quiet -e '.[bench]'
	$(PY) benchmarks/run_web.py

bench-b2bsp: $(STAMP)
	$(PY) -m pip install --quiet -e '.[bench]'
	$(PY) benchmarks/run_b2bsp.py

lint: $(STAMP)
	$(PY) -m ruff check src tests benchmarks
	$(PY) -m ruff format --check src tests benchmarks

format: $(STAMP)
	$(PY) -m ruff format src tests benchmarks
	$(PY) -m ruff check --fix src tests benchmarks

messages: $(STAMP)
	cd src/rabta && DEBUG=1 ../../$(PY) -m rabta.cli makemessages -l ru -l ur --no-obsolete --no-wrap
	cd src/rabta && DEBUG=1 ../../$(PY) -m rabta.cli compilemessages

clean:
	rm -rf $(VENV) var
