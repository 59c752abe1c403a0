# Two commands on a fresh machine:
#   make        set up .venv and process every input_pdfs/*.pdf into output/
#   make test   set up and run the tests (all of them; `make check` runs lint, types and the fast layer)
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all run test check eval eval-registry eval-ocr sweep bench fuzz schema settings fixtures clean

all: run

# Tesseract (OCR of scanned pages) comes from Debian's packages: the `tesseract` command, and
# data for English and a few common languages (add others the same way: tesseract-ocr-LANG).
TESSERACT_LANGUAGES := eng deu fra spa por rus
TESSERACT_MISSING := $(filter-out $(shell tesseract --list-langs 2>/dev/null),$(TESSERACT_LANGUAGES))

$(STAMP): pyproject.toml
	@[ -z "$(TESSERACT_MISSING)" ] || { $(SUDO) apt-get update -qq && \
	    $(SUDO) apt-get install -y -qq tesseract-ocr $(addprefix tesseract-ocr-,$(TESSERACT_LANGUAGES)); }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev,dask]"
	touch $(STAMP)

# Outputs of `make`: any of md,json,html,chunks (make FORMAT=md,json,html,chunks).
FORMAT ?= md,json
run: $(STAMP)
	$(PY) -m pipeline run input_pdfs -o output --format $(FORMAT)

# The HTML view's browser test drives Debian's chromium headless.
test: $(STAMP)
	command -v chromium >/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium; }
	$(VENV)/bin/ruff check pipeline tests benchmarks scripts
	$(VENV)/bin/mypy
	$(PY) -m pytest

# Lint, types and the fast test layer (every stage, no OCR, corpora or batch runs: about 15 s).
check: $(STAMP)
	$(VENV)/bin/ruff check pipeline tests benchmarks scripts
	$(VENV)/bin/mypy
	$(PY) -m pytest -m "not slow"

# Gold corpus; region sets (development, then the untouched Chromium, groff, fpdf2, WeasyPrint, Typst and AbiWord sets,
# summary rows); with ../shared,
# the real-document split (development and untouched halves apart: tests/real/split.toml).
eval: $(STAMP)
	$(PY) -m pipeline eval tests/corpus
	$(PY) -m pipeline eval tests/regions/reportlab tests/regions/libreoffice tests/regions/latex tests/regions/chromium-dev tests/regions/groff-dev tests/regions/fpdf2-dev \
	    tests/regions/weasyprint-dev tests/regions/typst-dev tests/regions/abiword-dev
	for set in tests/regions/chromium tests/regions/groff tests/regions/fpdf2 tests/regions/weasyprint tests/regions/typst \
	    tests/regions/abiword; do \
	    out=$$($(PY) -m pipeline eval $$set) && echo "$$set: $$(echo "$$out" | tail -1)" || exit 1; done
	$(PY) -m pipeline eval tests/chromium_prose/dev
	out=$$($(PY) -m pipeline eval tests/chromium_prose/untouched) && echo "$$out" | tail -1  # summary row only
	[ ! -d ../shared/corpus ] || $(PY) -m pipeline eval --split tests/real/split.toml

# PDF libraries' own test files from the package registry (pinned versions, fetched into bench/registry/):
# every file read or refused with one clear line, the text layer accounted for (benchmarks/registry_corpus.py).
eval-registry: $(STAMP)
	$(PY) benchmarks/registry_corpus.py
	$(PY) -m pipeline eval --split bench/registry/split.toml --root bench/registry/pdf

# Scanned twins: good and poor OCR layers, image-only pages (OCR'd here), and the corrector alone.
eval-ocr: $(STAMP)
	for set in tests/heldout_scanned/good tests/heldout_scanned/poor tests/heldout_scanned/image \
	           tests/blind_scanned/good tests/blind_scanned/poor tests/blind_scanned/image \
	           tests/scanned/good tests/scanned/poor tests/scanned/image; do \
	    echo "## $$set"; $(PY) -m pipeline eval $$set || exit 1; done
	[ ! -f ../shared/corpus/ocr-pairs/ocr_pairs_en.jsonl ] || $(PY) -m pipeline eval --ocr-pairs ../shared/corpus/ocr-pairs/ocr_pairs_en.jsonl

sweep: $(STAMP)
	$(PY) benchmarks/sweep.py

# 10,000 mutated PDFs through the batch runner (tests/fuzzing); `make test` runs 150 of them.
FUZZ_COUNT ?= 10000
FUZZ_SEED ?= 1
fuzz: $(STAMP)
	PYTHONPATH=. $(PY) -m tests.fuzzing.run --count $(FUZZ_COUNT) --seed $(FUZZ_SEED) --keep fuzz_found

schema: $(STAMP)
	$(PY) -m pipeline schema

settings: $(STAMP)
	$(PY) -m pipeline settings

fixtures: $(STAMP)
	$(PY) tests/corpus/build.py
	$(PY) tests/heldout/build.py
	$(PY) tests/scanned/build.py

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
	rm -rf $(VENV) .venv-bench output/*.json output/*.md output/*.html output/*.chunks.jsonl output/.pipeline
