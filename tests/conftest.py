"""Shared fixtures: the gold corpus, synthetic pages, and access to ../shared when present."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.core.geometry import RawPage, Word

pytest_plugins = ["pytester"]
collect_ignore = ["corpus", "heldout", "scanned", "heldout_scanned", "blind", "blind_scanned", "regions",
                  "chromium_prose"]

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus"
SHARED = ROOT.parent / "shared"
HELDOUT = ROOT / "tests" / "heldout"
GOLD_IDS = sorted(p.stem for p in (CORPUS / "gold").glob("*.json"))
HELDOUT_IDS = sorted(p.stem for p in (HELDOUT / "gold").glob("*.json"))
"""Documents made by other producers (ReportLab, LibreOffice). Their errors were studied while
fixing the layout stages, so they are a development set now, not an untouched one."""


REGION_SETS_MEASURED_ONLY = ("groff", "fpdf2", "weasyprint", "typst", "abiword")
"""Region sets (folders of tests/regions) that are summarised by ``eval`` only: no test runs
the pipeline on their PDFs one at a time (tests/regions/README.md)."""


def region_pdf_folders() -> list[Path]:
    """The ``pdf`` folders of the region sets, but for those measured only."""
    return [folder for folder in sorted((ROOT / "tests" / "regions").glob("*/pdf"))
            if folder.parent.name not in REGION_SETS_MEASURED_ONLY]


def run_cli(*args: str, timeout: float = 900) -> subprocess.CompletedProcess:
    """``python -m pipeline ARGS`` from the repository root, its output captured."""
    return subprocess.run([sys.executable, "-m", "pipeline", *args], capture_output=True, text=True, cwd=ROOT,
                          timeout=timeout)


def _folder(doc_id: str) -> Path:
    return HELDOUT if doc_id in HELDOUT_IDS else CORPUS


def gold_pdf(doc_id: str) -> Path:
    return _folder(doc_id) / "pdf" / f"{doc_id}.pdf"


def gold_json(doc_id: str) -> Path:
    return _folder(doc_id) / "gold" / f"{doc_id}.json"


def words_from_text(text: str, x0: float, y0: float, *, size: float = 10.0, char_width: float = 5.0,
                    space: float = 2.5, bold: bool = False, italic: bool = False, page: int = 1) -> list[Word]:
    """Words laid out left to right from (x0, y0), as an extractor would report them."""
    words, x = [], x0
    for token in text.split():
        width = len(token) * char_width
        words.append(Word(token, x, y0, x + width, y0 + size * 1.2, size, "Test", bold, italic, None, page))
        x += width + space
    return words


def column_text(lines: list[str], x0: float, y0: float, pitch: float = 12.0, **style) -> list[Word]:
    words: list[Word] = []
    for i, line in enumerate(lines):
        words += words_from_text(line, x0, y0 + i * pitch, **style)
    return words


@pytest.fixture
def make_page():
    def build(words: list[Word], width: float = 600, height: float = 800, number: int = 1) -> RawPage:
        return RawPage(number, width, height, words)
    return build


requires_shared = pytest.mark.skipif(not SHARED.exists(), reason="../shared is not present")
