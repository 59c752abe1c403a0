# Two commands on a fresh machine:
#   make        set up .venv and process every input_pdfs/*.pdf into output/
#   make test   set up and run the tests
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: all run test eval bench schema fixtures clean

all: run

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

run: $(STAMP)
	$(PY) -m pipeline run input_pdfs -o output

test: $(STAMP)
	$(PY) -m pytest

eval: $(STAMP)
	$(PY) -m pipeline eval tests/corpus

schema: $(STAMP)
	$(PY) -m pipeline schema

fixtures: $(STAMP)
	$(PY) tests/corpus/build.py

bench: $(STAMP)
	command -v pdftotext >/dev/null || { apt-get update -qq && apt-get install -y -qq poppler-utils; }
	$(PY) -m pip install --quiet -e ".[dev,bench]"
	$(PY) benchmarks/bench.py

clean:
	rm -rf $(VENV) output/*.json output/*.md
