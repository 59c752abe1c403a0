"""The pytest plugin (pipeline.testing): assert_quality and the pipeline_snapshot fixture."""

import json
import shutil
import subprocess
import sys
from importlib.metadata import entry_points

import pytest

from pipeline import process_pdf
from pipeline.evaluation.drafts import draft_from_document
from pipeline.evaluation.gold import TableEntry, read_gold_document, write_gold_document
from pipeline.testing import assert_quality

from .conftest import ROOT

FERRIES = ROOT / "tests" / "regions" / "reportlab" / "pdf" / "merrow-ferries-q3-2025.pdf"
"""Headings, tables, footnotes, running heads, page numbers and line-end hyphens."""
MEMO = ROOT / "input_pdfs" / "northfield-ar-2025.pdf"
EVERY_BOUND = {"cer": 0.0, "wer": 0.0, "sentence_recall": 1.0, "paragraph_recall": 1.0, "heading_precision": 1.0,
               "heading_recall": 1.0, "leakage": 0, "hyphenation_accuracy": 1.0, "table_cells": 1.0, "footnotes": 1.0}


@pytest.fixture(scope="module")
def ferries(tmp_path_factory):
    """The ferries report and the gold of its reading."""
    pdf = tmp_path_factory.mktemp("ferries") / "ferries.pdf"
    shutil.copy(FERRIES, pdf)
    return pdf, draft_from_document(process_pdf(pdf), "ferries")


def test_assert_quality_holds_every_bound_on_the_gold_of_the_reading(ferries):
    pdf, draft = ferries
    write_gold_document(draft, pdf.with_name("ferries.gold.json"))
    scores = assert_quality(pdf, pdf.with_name("ferries.gold.json"), **EVERY_BOUND)
    assert scores.document == "ferries" and scores.hyphen_cases > 0


def test_a_failed_bound_shows_the_gold_beside_the_closest_output(ferries):
    pdf, draft = ferries
    gold = draft.model_copy(deep=True)
    overview = gold.sections[0].paragraphs
    overview[0] = overview[0].replace("busiest", "quietest")
    gold.sections[2].heading = "2.1 Timekeeping"
    gold.furniture.append("the busiest of the year")  # in the output, no longer in the gold
    table = next(entry.table for entry in gold.sections[6].paragraphs if isinstance(entry, TableEntry))
    table.rows[1][0] = "Carran Island"
    gold.footnotes[0].text = "Heavy vehicles went by way of Ardholm for most of August."
    for section in gold.sections:
        section.paragraphs = [entry.replace("relief", "re-lief") if isinstance(entry, str) else entry
                              for entry in section.paragraphs]
    write_gold_document(gold, pdf.with_name("edited.gold.json"))
    with pytest.raises(AssertionError) as failure:
        assert_quality(pdf, pdf.with_name("edited.gold.json"), **EVERY_BOUND)
    message = str(failure.value)
    assert message.startswith("ferries.pdf against edited.gold.json: 10 of 10 bounds not met\n  cer 0.00")
    assert f"gold:   {overview[0]}" in message and message.count(overview[0]) == 1
    assert "The third quarter is the [-quietest-] {+busiest+} of the year" in message
    assert "gold headings that no output heading matches (90% alike):\n  gold:   2.1 Timekeeping" in message
    assert "output headings that match no gold heading:\n  2.1 Punctuality" in message
    assert message.count("2.1 Timekeeping") == 2, "shown once, with its word diff"
    assert "furniture found in the output:\n  'the busiest of the year' in: " in message
    assert "'re- lief': gold 're-lief', output 'relief'" in message
    assert "table 'Tab. 2 — Fuel use by vessel, third quarter of 2025': 'carran island'" in message
    assert "gold footnotes that no output footnote matches (90% alike):\n  gold:   Heavy vehicles went" in message


def test_a_bound_on_what_a_document_does_not_have_fails_and_says_so(tmp_path):
    pdf = tmp_path / "memo.pdf"
    shutil.copy(MEMO, pdf)
    write_gold_document(draft_from_document(process_pdf(pdf), "memo"), tmp_path / "memo.gold.json")
    with pytest.raises(AssertionError, match=r"table_cells: not measured on this document \(the gold has no tables\)"):
        assert_quality(pdf, tmp_path / "memo.gold.json", paragraph_recall=1.0, table_cells=1.0)
    with pytest.raises(ValueError, match="no metric recall"):
        assert_quality(pdf, tmp_path / "memo.gold.json", recall=1.0)
    with pytest.raises(TypeError, match="needs a bound"):
        assert_quality(pdf, tmp_path / "memo.gold.json")


def test_the_plugin_is_registered_for_pytest_by_installing_the_package():
    plugins = {entry.name: entry.value for entry in entry_points(group="pytest11")}
    assert plugins["pipeline"] == "pipeline.testing"


SNAPSHOT_TEST = """
def test_memo(pipeline_snapshot):
    pipeline_snapshot("memo.pdf")
"""


def test_pipeline_snapshot_stores_the_outputs_and_fails_with_a_diff_when_they_change(pytester):
    shutil.copy(MEMO, pytester.path / "memo.pdf")
    pytester.makepyfile(test_memo=SNAPSHOT_TEST)
    result = pytester.runpytest()
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*snapshots/memo.md: no snapshot yet; pytest --pipeline-update-snapshots writes it"])
    pytester.runpytest("--pipeline-update-snapshots").assert_outcomes(passed=1)
    stored = json.loads((pytester.path / "snapshots" / "memo.json").read_text())
    assert "source" not in stored and stored["title"]
    pytester.runpytest().assert_outcomes(passed=1)
    markdown = pytester.path / "snapshots" / "memo.md"
    markdown.write_text(markdown.read_text().replace("## Chair's Foreword", "## Chair's Preface"))
    result = pytester.runpytest()
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*snapshots/memo.md (snapshot)", "*memo.md (now)", "*-## Chair's Preface",
                                 "*+## Chair's Foreword"])


USER_TEST = """
from pipeline.testing import assert_quality


def test_memo():
    assert_quality("memo.pdf", "memo.gold.json", paragraph_recall=1.0)
"""


def pipeline_command(*args, folder):
    return subprocess.run([sys.executable, "-m", "pipeline", *args], cwd=folder, capture_output=True, text=True)


@pytest.mark.slow
def test_a_user_gold_file_holds_the_reading_in_pytest_and_in_eval(pytester):
    """In a folder of its own with one PDF: gold init, a test with assert_quality that passes,
    one word of one paragraph changed in the gold, and the test and eval then fail."""
    folder = pytester.path
    shutil.copy(MEMO, folder / "memo.pdf")
    assert pipeline_command("gold", "init", "memo.pdf", "-o", "memo.gold.json", folder=folder).returncode == 0
    pytester.makepyfile(test_memo=USER_TEST)
    pytester.runpytest_subprocess().assert_outcomes(passed=1)
    assert pipeline_command("eval", ".", "--fail-under", "paragraph_recall=1.0", folder=folder).returncode == 0

    gold = read_gold_document(folder / "memo.gold.json")
    paragraph = gold.sections[3].paragraphs[1]
    gold.sections[3].paragraphs[1] = paragraph.replace(" the ", " a ", 1)
    write_gold_document(gold, folder / "memo.gold.json")
    result = pytester.runpytest_subprocess()
    result.assert_outcomes(failed=1)
    assert f"gold:   {paragraph.replace(' the ', ' a ', 1)}" in result.stdout.str()
    evaluation = pipeline_command("eval", ".", "--fail-under", "paragraph_recall=1.0", folder=folder)
    assert evaluation.returncode == 1
    assert "FAILED memo: paragraph_recall" in evaluation.stderr
