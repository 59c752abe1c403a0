"""Checks on the public corpora in ../shared (skipped when it is absent)."""

import json
from pathlib import Path

import pymupdf
import pytest

from pipeline.evaluation.documents import evaluate, gold_pairs, mean_scores

from .conftest import SHARED, requires_shared, run_cli

pytestmark = pytest.mark.slow

WILD = SHARED / "corpus" / "wild"
ARXIV = SHARED / "corpus" / "bast-korzen"


@requires_shared
def test_the_wild_folder_in_one_run_gives_output_or_one_clear_line_per_file(tmp_path):
    """Real-world files all give output (image-only pages OCR'd); a hostile file gives output
    or one line naming the cause: never a crash, a traceback, a hang or a partial output."""
    result = run_cli("run", str(WILD / "real"), str(WILD / "hostile"), "-o", str(tmp_path))
    assert "Traceback" not in result.stderr
    summary = json.loads((tmp_path / ".pipeline" / "summary.json").read_text())
    failed = {Path(failure["input"]).stem: failure for failure in summary["failures"]}
    assert {failure["kind"] for failure in failed.values()} <= {"not-pdf", "encrypted", "damaged", "no-text"}
    for failure in failed.values():
        assert f"{failure['input']}: {failure['reason']}" in result.stderr.splitlines()
    outputs = {p.stem for p in tmp_path.glob("*.json")}
    assert {p.stem for p in (WILD / "real").glob("*.pdf")} <= outputs
    assert outputs | set(failed) == {p.stem for p in WILD.glob("*/*.pdf")}
    assert not outputs & set(failed)
    assert not list(tmp_path.glob(".*.tmp"))
    for pdf in (WILD / "real").glob("*.pdf"):
        _assert_pages_without_text_were_ocrd(pdf, json.loads((tmp_path / f"{pdf.stem}.json").read_text()))


def _assert_pages_without_text_were_ocrd(pdf: Path, output: dict) -> None:
    with pymupdf.open(pdf) as document:
        textless = {page.number + 1 for page in document if not page.get_text().strip()}
    for page in output["pages"]:
        if page["number"] in textless:
            assert page["text_source"] == "tesseract" or page["ocr_decision"] == "not OCR'd: blank page", \
                (pdf.name, page)


@requires_shared
def test_arxiv_papers_do_not_slide_back():
    """Measured 2026-11-28: sentence recall 0.731, hyphenation 0.965 (see README)."""
    rows = [evaluate(pdf, gold) for pdf, gold in gold_pairs(ARXIV)]
    means = mean_scores(rows)
    assert len(rows) == 58
    assert means["sentence_recall"] >= 0.70
    assert means["hyphenation_accuracy"] >= 0.95
    assert means["leakage"] == 0

