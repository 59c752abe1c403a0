"""Gold files: the model, how a folder pairs them with PDFs, and how they are read for scoring."""

import json

import pytest
from pydantic import ValidationError

from pipeline.cli import main
from pipeline.evaluation.documents import gold_pairs, load_gold_json
from pipeline.evaluation.gold import GoldDocument, read_gold_document

from .conftest import ROOT

PROJECT_GOLD = sorted((ROOT / "tests").glob("**/gold/*.json"))


@pytest.mark.parametrize("path", PROJECT_GOLD, ids=lambda path: str(path.relative_to(ROOT / "tests")))
def test_every_gold_file_of_the_project_is_a_gold_document(path):
    assert read_gold_document(path).sections


def test_a_misspelt_key_is_refused():
    with pytest.raises(ValidationError, match="furnture"):
        GoldDocument.model_validate({"title": "Memo", "furnture": ["Page 1"]})
    with pytest.raises(ValidationError, match="rows"):
        GoldDocument.model_validate({"sections": [{"heading": "A", "paragraphs": [{"table": {"row": [["x"]]}}]}]})


def test_a_gold_file_is_read_as_blocks_with_its_furniture(tmp_path):
    path = tmp_path / "memo.gold.json"
    path.write_text(json.dumps({
        "title": "Memo", "front_matter": ["From the board."],
        "sections": [{"heading": "Findings", "level": 1, "paragraphs": [
            "The **level** rose.", {"table": {"caption": "Table 1", "rows": [["Site", "Level"], ["North", "82"]]}},
            {"caption": "Figure 1: Levels"}]}],
        "footnotes": [{"text": "At the dam."}], "furniture": ["Board memo"], "footer": "Page {page} of {total}"}))
    gold = load_gold_json(path, page_count=2)
    assert gold.name == "memo"
    assert gold.blocks == [("title", "Memo"), ("front", "From the board."), ("heading", "Findings"),
                           ("paragraph", "The level rose."), ("caption", "Table 1"), ("table", "Site Level"),
                           ("table", "North 82"), ("caption", "Figure 1: Levels"), ("footnote", "At the dam.")]
    assert gold.furniture == ["Page 1 of 2", "Page 2 of 2", "Board memo"]
    assert gold.captions == ["Table 1", "Figure 1: Levels"]
    assert gold.near_regions == ["The level rose."]


def test_gold_files_beside_pdfs_are_paired_and_gold_json_comes_before_plain_text(tmp_path):
    names = "a.pdf a.gold.json b.pdf b.gt.txt c.pdf c.gold.json c.gt.txt d.pdf e.gold.json"
    for name in names.split():
        (tmp_path / name).write_text("")
    pairs = [(pdf.name, gold.name) for pdf, gold in gold_pairs(tmp_path)]
    assert pairs == [("a.pdf", "a.gold.json"), ("b.pdf", "b.gt.txt"), ("c.pdf", "c.gold.json")]


def test_schema_prints_the_gold_model_with_gold(capsys):
    assert main(["schema", "--gold"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["title"] == "GoldDocument"
    assert "furniture" in schema["properties"]
