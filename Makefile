# Two commands on a fresh machine:  make run  (the dashboard on the sample data)  and  make test  (every test).
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python

.PHONY: run test test-fast lint bench sample system-packages clean

$(VENV)/.runtime: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt $(VENV)/.runtime
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

run: $(VENV)/.runtime
	$(PY) -m streamlit run dashboard.py

# Installs Debian's Chromium, fonts and LibreOffice for the tests when missing and we may (root); never a downloaded
# browser.
system-packages:
	@bash scripts/ensure-system-packages

test: $(VENV)/.dev system-packages
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m pytest

# While iterating: everything but the browser tests (marked e2e). `make test` runs them all, as CI does.
test-fast: $(VENV)/.dev
	$(PY) -m ruff check .
	$(PY) -m pytest -m "not e2e"

bench: $(VENV)/.dev
	$(PY) -m benchmarks

sample: $(VENV)/.runtime
	$(PY) data/generate_sample.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache test-artifacts
