# Two commands on a fresh machine:
#   make        set up .venv and process every input_pdfs/*.pdf into output/
#   make test   set up and run the tests
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all run test eval sweep bench schema fixtures clean

all: run

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev,dask]"
	touch $(STAMP)

run: $(STAMP)
	$(PY) -m pipeline run input_pdfs -o output

test: $(STAMP)
	$(PY) -m pytest

eval: $(STAMP)
	$(PY) -m pipeline eval tests/corpus

sweep: $(STAMP)
	$(PY) benchmarks/sweep.py

schema: $(STAMP)
	$(PY) -m pipeline schema

fixtures: $(STAMP)
	$(PY) tests/corpus/build.py
	$(PY) tests/heldout/build.py

# Peers for the speed comparison: pdftotext (Debian's poppler-utils) and pymupdf4llm in
# its own venv (it needs PyMuPDF 2 and an ONNX model this project keeps out of .venv).
bench: $(STAMP) .venv-bench/.installed
	command -v pdftotext >/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq poppler-utils; }
	$(PY) benchmarks/bench.py

.venv-bench/.installed:
	$(PYTHON) -m venv .venv-bench
	.venv-bench/bin/python -m pip install --quiet "pymupdf>=2" pymupdf4llm
	touch $@

clean:
	rm -rf $(VENV) .venv-bench output/*.json output/*.md output/.pipeline
