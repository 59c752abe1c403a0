"""A bounded fuzz run: 150 mutated PDFs through the batch runner, every promise checked
(see tests/fuzzing/run.py; the long runs are ``python -m tests.fuzzing.run``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.batch import Summary
from tests.fuzzing.run import check_batch, fuzz

pytestmark = pytest.mark.slow

COUNT = 150
SEED = 20250101


def test_mutated_pdfs_fail_cleanly_or_give_valid_outputs(tmp_path):
    report = fuzz(COUNT, SEED, workers=2, timeout=30.0, out_root=tmp_path, keep=tmp_path / "found")
    assert sum(report.outcomes.values()) == COUNT, report.text()
    assert report.outcomes["done"] > 0, report.text()  # the mutants still reach the pipeline's stages
    assert not report.violations, report.text()


def test_the_checker_sees_broken_outcomes(tmp_path):
    """The invariants themselves: each input below breaks one, and each is caught."""
    out = tmp_path / "out"
    (out / ".pipeline" / "parts").mkdir(parents=True)
    pdfs = [Path(f"/in/m{i}.pdf") for i in range(6)]
    (out / "m0.json").write_text("{}")  # m0: done, but its JSON is not a Document
    (out / "m0.md").write_text("")
    (out / "m1.json").write_text("{}")  # m1: only one of its outputs
    (out / "m3.md").write_text("")  # m3: failed, yet an output was left
    (out / ".m4.json.0123456789abcdef0123456789abcdef.tmp").write_text("")  # m4: a temporary file left
    (out / ".pipeline" / "parts" / "m5.1.part").write_text("")  # m5: a stored part left
    summary = Summary(len(pdfs), done=1, failures=[
        {"input": "/in/m2.pdf", "reason": "failed unexpectedly (ValueError: x)\nTraceback ...", "kind": "crash"},
        {"input": "/in/m3.pdf", "reason": "no pages found (the page tree is empty or broken)", "kind": "damaged"},
        {"input": "/in/m4.pdf", "reason": "timed out after 30 s", "kind": "timeout"},
        {"input": "/in/m5.pdf", "reason": "worker crashed (signal 11, SIGSEGV)", "kind": "crash"}])
    verdicts = check_batch(pdfs, out, summary)
    kinds = {pdf.stem: kind for pdf, (outcome, kind, _) in verdicts.items() if outcome == "violation"}
    assert set(kinds) == {"m0", "m1", "m2", "m3", "m4", "m5", "<batch>"}, verdicts
    assert "summary counts" in verdicts[Path("<batch>")][2]  # 1 done + 4 failed is not 6 inputs
    assert kinds["m0"] == "output does not parse" and kinds["m1"] == "partial outputs"
    assert kinds["m2"] == "reason not one line" and kinds["m3"] == "outputs of a failed input"
    assert "leftover" in verdicts[pdfs[4]][2] or "temporary" in verdicts[pdfs[4]][2]
    assert "state file" in verdicts[pdfs[5]][2]
