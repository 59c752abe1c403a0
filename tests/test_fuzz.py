"""A bounded fuzz run: 150 mutated PDFs through the batch runner, every promise checked
(see tests/fuzzing/run.py; the long runs are ``python -m tests.fuzzing.run``)."""

from __future__ import annotations

from tests.fuzzing.run import fuzz

COUNT = 150
SEED = 20250101


def test_mutated_pdfs_fail_cleanly_or_give_valid_outputs(tmp_path):
    report = fuzz(COUNT, SEED, workers=2, timeout=30.0, out_root=tmp_path, keep=tmp_path / "found")
    assert sum(report.outcomes.values()) == COUNT, report.text()
    assert report.outcomes["done"] > 0, report.text()  # the mutants still reach the pipeline's stages
    assert not report.violations, report.text()
