"""eval holds a build to its quality: --fail-under, --fail-over, baselines."""

import json
import re
import shutil

import pytest

from pipeline.batch.failures import EXIT_FAILED, EXIT_USAGE
from pipeline.cli import main
from pipeline.evaluation.gold import read_gold_document, write_gold_document
from pipeline.evaluation.metrics import METRICS

from .conftest import ROOT

REGRESSION = ["--set", "furniture.band=0.01"]
"""A deliberate regression: running heads and page numbers are looked for in too thin a band, so they stay."""


@pytest.fixture
def folder(tmp_path):
    """A folder with one PDF and its gold file, as `gold init` writes it."""
    shutil.copy(ROOT / "input_pdfs" / "northfield-ar-2025.pdf", tmp_path / "memo.pdf")
    assert main(["gold", "init", str(tmp_path / "memo.pdf")]) == 0
    return tmp_path


def change_one_word(gold_path):
    gold = read_gold_document(gold_path)
    paragraph = gold.sections[1].paragraphs[0]
    gold.sections[1].paragraphs[0] = paragraph.replace(" the ", " a ", 1)
    write_gold_document(gold, gold_path)
    return paragraph


def test_fail_under_holds_each_document_to_the_bound(folder, capsys):
    assert main(["eval", str(folder), "--fail-under", "paragraph_recall=1.0", "--fail-over", "cer=0"]) == 0
    change_one_word(folder / "memo.gold.json")
    capsys.readouterr()
    assert main(["eval", str(folder), "--fail-under", "paragraph_recall=1.0", "--fail-over", "cer=0"]) == EXIT_FAILED
    failures = capsys.readouterr().err.splitlines()
    assert [line.split(" 0.")[0] for line in failures] == ["FAILED memo: paragraph_recall", "FAILED memo: cer"]


def test_a_metric_is_held_only_in_the_direction_that_is_better(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["eval", "--fail-under", "cer=0.01"])
    assert stop.value.code == EXIT_USAGE
    assert "cer: lower is better, so it is held with --fail-over cer=0.01" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["eval", "--fail-over", "paragraph_recall=0.9"])
    assert "--fail-under paragraph_recall=0.9" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["eval", "--fail-under", "recall=0.9"])
    assert "no metric recall; the metrics: cer, wer," in capsys.readouterr().err


def test_a_document_is_not_held_to_a_metric_it_has_no_measure_of(folder):
    assert main(["eval", str(folder), "--fail-under", "table_cells=1.0", "--fail-under", "footnotes=1.0"]) == 0


def test_the_baseline_catches_a_deliberate_regression(folder, tmp_path, capsys):
    baseline = tmp_path / "baseline.json"
    assert main(["eval", str(folder), "--save-baseline", str(baseline)]) == 0
    assert set(json.loads(baseline.read_text())["documents"]["memo"]) == {metric.name for metric in METRICS}
    assert main(["eval", str(folder), "--baseline", str(baseline)]) == 0
    capsys.readouterr()
    assert main(["eval", str(folder), "--baseline", str(baseline), "--json", *REGRESSION]) == EXIT_FAILED
    output = capsys.readouterr()
    assert "FAILED memo: leakage " in output.err and "(baseline)" in output.err
    failed = {(failure["document"], failure["metric"]) for failure in json.loads(output.out)["failures"]}
    assert ("memo", "leakage") in failed and ("memo", "cer") in failed
    assert main(["eval", str(folder), "--baseline", str(baseline), "--tolerance", "100", *REGRESSION]) == 0


def test_holding_a_split_or_the_ocr_pairs_is_refused(capsys):
    assert main(["eval", "--split", "tests/real/split.toml", "--fail-under", "paragraph_recall=1"]) == EXIT_USAGE
    assert "hold gold folders" in capsys.readouterr().err


def test_the_documented_table_of_metrics_is_the_one_eval_uses():
    rows = re.findall(r"^\| `(\w+)` \| (higher|lower) \|", (ROOT / "docs" / "regression-testing.md").read_text(),
                      re.MULTILINE)
    assert rows == [(metric.name, metric.better) for metric in METRICS]
