"""diff: two outputs compared block by block."""

import shutil

import pytest

from pipeline import process_pdf
from pipeline.batch.failures import EXIT_FAILED, EXIT_USAGE
from pipeline.cli import main
from pipeline.evaluation.compare import compare_blocks
from pipeline.settings import load_settings

from .conftest import ROOT
from .test_gates import REGRESSION

BLOCKS = [("title", "Water Board Memo"), ("heading", "1 Reservoirs"),
          ("paragraph", "The reservoir held 82 per cent in May, and the river ran low."),
          ("paragraph", "Pumps 2 and 3 were repaired in the spring."),
          ("heading", "2 Outlook"), ("paragraph", "Rain is expected in June.")]


def test_each_block_that_changed_moved_vanished_or_appeared_is_one_line():
    new = [BLOCKS[0], BLOCKS[1], ("paragraph", "The reservoir held 80 per cent in May, and the river ran low."),
           BLOCKS[4], BLOCKS[5], BLOCKS[3], ("paragraph", "Page 2")]
    assert [str(change) for change in compare_blocks(BLOCKS, new)] == [
        "changed   paragraph 3 -> 3: The reservoir held [-82-] {+80+} per cent in May, and the ...",
        "moved     paragraph 4 -> 6: Pumps 2 and 3 were repaired in the spring.",
        "appeared  paragraph 7: Page 2"]
    assert [str(change) for change in compare_blocks(BLOCKS, BLOCKS[:2] + BLOCKS[3:])] == [
        "vanished  paragraph 3: The reservoir held 82 per cent in May, and the river ran low."]
    assert compare_blocks(BLOCKS, list(BLOCKS)) == []


def write_outputs(folder, pdf, settings):
    folder.mkdir()
    document = process_pdf(pdf, settings=settings)
    (folder / f"{pdf.stem}.json").write_text(document.model_dump_json())
    (folder / f"{pdf.stem}.md").write_text(document.to_markdown())


@pytest.fixture
def outputs(tmp_path):
    """Outputs of two PDFs before and after the deliberate regression of test_gates, and one only before."""
    before, after = tmp_path / "before", tmp_path / "after"
    pdf = ROOT / "input_pdfs" / "northfield-ar-2025.pdf"
    write_outputs(before, pdf, load_settings())
    write_outputs(after, pdf, load_settings(assignments=[REGRESSION[1]]))
    (before / "gone.md").write_text("# Gone\n")
    return before, after


def test_diff_shows_the_deliberate_regression_that_the_baseline_catches(outputs, capsys):
    before, after = outputs
    assert main(["diff", str(before), str(after)]) == EXIT_FAILED
    lines = capsys.readouterr().out.splitlines()
    assert f"--- {before / 'northfield-ar-2025.json'}" in lines
    assert "appeared  paragraph 16: Page 1 of 3" in lines
    assert lines[-1] == f"only in {before}: gone.md"
    assert main(["diff", str(before / "northfield-ar-2025.md"), str(before / "northfield-ar-2025.json")]) == 0


def test_diff_compares_two_files_or_two_folders_and_names_outputs_only_one_has(outputs, tmp_path, capsys):
    before, _ = outputs
    assert main(["diff", str(before), str(before / "gone.md")]) == EXIT_USAGE
    assert "compare two files or two folders" in capsys.readouterr().err
    copy = tmp_path / "copy"
    shutil.copytree(before, copy)
    assert main(["diff", str(before), str(copy)]) == 0
    (copy / "gone.md").unlink()
    capsys.readouterr()
    assert main(["diff", str(before), str(copy)]) == EXIT_FAILED
    assert capsys.readouterr().out == f"only in {before}: gone.md\n"


def test_markdown_files_are_read_as_the_blocks_of_a_reading(tmp_path, capsys):
    (tmp_path / "a.md").write_text("# Memo\n\nFrom the board.\n\n## 1 Findings\n\nThe river ran low.\n")
    (tmp_path / "b.md").write_text("# Memo\n\nFrom the Board.\n\n## 1 Findings\n\nThe river ran low.\n\n"
                                   "[^1]: At the dam.\n")
    assert main(["diff", str(tmp_path / "a.md"), str(tmp_path / "b.md")]) == EXIT_FAILED
    assert capsys.readouterr().out.splitlines()[2:] == [
        "changed   paragraph 2 -> 2: From the [-board.-] {+Board.+}", "appeared  footnote 5: At the dam.",
        "blocks: 1 changed, 1 appeared", ""]
