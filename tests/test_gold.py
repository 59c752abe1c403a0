"""Gold files: the model, how a folder pairs them with PDFs, and how they are read for scoring."""

import json
import shutil

import pymupdf
import pytest
from pydantic import ValidationError

from pipeline import process_pdf
from pipeline.batch.failures import EXIT_FAILED, EXIT_USAGE
from pipeline.cli import main
from pipeline.evaluation import gold as gold_module
from pipeline.evaluation.documents import format_table, gold_of, gold_pairs, load_gold_json, score
from pipeline.evaluation.drafts import draft_from_document, draft_from_markdown
from pipeline.evaluation.gold import (
    CodeEntry,
    FigureEntry,
    GoldDocument,
    GoldFigure,
    GoldFootnote,
    GoldTable,
    ListEntry,
    TableEntry,
    read_gold_document,
    write_gold_document,
)
from pipeline.output.models import Box, Document, Figure, Furniture, Paragraph, Section, Table

from .conftest import ROOT

REGIONS = ROOT / "tests" / "regions"

PROJECT_GOLD = sorted((ROOT / "tests").glob("**/gold/*.json"))


@pytest.mark.parametrize("path", PROJECT_GOLD, ids=lambda path: str(path.relative_to(ROOT / "tests")))
def test_every_gold_file_of_the_project_is_a_gold_document(path):
    assert read_gold_document(path).sections


def test_the_documented_examples_are_gold_documents():
    documented = (ROOT / "docs" / "regression-testing.md").read_text().split("```json\n")[1].split("```")[0]
    assert GoldDocument.model_validate_json(documented).furniture
    module_example = gold_module.__doc__.split("::\n\n")[1].split("\n\n")[0]
    assert GoldDocument.model_validate_json(module_example).footnotes


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


def test_the_title_is_checked_beside_the_metrics(tmp_path):
    pdf = tmp_path / "memo.pdf"
    blank = pymupdf.open()
    blank.new_page()
    blank.save(pdf)
    gold = gold_of(GoldDocument(title="Memo of the Board", sections=[]), "memo", 1)
    rows = [score(pdf, gold, a_reading(title=title)) for title in ("Memo", None, "Memo  of the Board")]
    assert [row.title_match for row in rows] == [False, False, True]
    lines = format_table(rows).splitlines()
    assert lines[0].endswith("| title") and lines[2].endswith("| no") and lines[-1].endswith("| 1/3")


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


DRAFTED = [ROOT / "input_pdfs" / "riverlands-14.pdf", ROOT / "input_pdfs" / "soil-downscaling-2026.pdf",
           REGIONS / "reportlab" / "pdf" / "merrow-ferries-q3-2025.pdf"]
"""PDFs with lists, running heads, page numbers, tables, figures and footnotes."""


@pytest.fixture(scope="module", params=DRAFTED, ids=lambda path: path.stem)
def reading(request):
    return request.param, process_pdf(request.param)


def test_the_draft_of_a_reading_scores_perfectly_against_it(reading):
    pdf, document = reading
    draft = draft_from_document(document, pdf.stem)
    scores = score(pdf, gold_of(draft, pdf.stem, document.page_count), document)
    assert (scores.cer, scores.sentence_recall, scores.paragraph_recall) == (0.0, 1.0, 1.0)
    assert (scores.heading_precision, scores.heading_recall, scores.leakage) == (1.0, 1.0, 0)
    assert draft.furniture
    if scores.regions is not None:
        assert scores.regions.table_cells[0] == scores.regions.table_cells[1]
        assert scores.regions.footnotes[0] == scores.regions.footnotes[1] > 0


def test_a_draft_from_the_pipelines_markdown_reads_as_the_draft_of_its_document(reading):
    pdf, document = reading
    from_document = gold_of(draft_from_document(document, pdf.stem), pdf.stem, document.page_count)
    from_markdown = gold_of(draft_from_markdown(document.to_markdown(), document, pdf.stem), pdf.stem,
                            document.page_count)
    assert from_markdown.blocks == from_document.blocks
    assert (from_markdown.captions, from_markdown.footnotes) == (from_document.captions, from_document.footnotes)
    assert from_markdown.furniture == from_document.furniture


def a_reading(**fields) -> Document:
    return Document(source="memo.pdf", extractor="pymupdf", page_count=2, **fields)


def box(page: int = 1) -> Box:
    return Box(page=page, x0=0, y0=0, x1=10, y1=10)


HAND_WRITTEN = """# Water Board Memo

From the board, 3 May.

- Reservoirs
- Pumps

## 1 Reservoirs

The reservoir held **82** per cent in May[^1], and
the river ran low.

Table 1: Levels

| Site | Level |
| --- | --- |
| North | 82 |

<!-- figure -->

Figure 1: Levels by week

### 1.1 Pumps
- Pump 2 *repaired*
- Pump 3 on order,
  due in June

1. Check the valves.
2. Order the spare pump.

3. Report in June.

```
level = read()

print(level)
```

[^1]: Measured at the dam.
"""


def test_a_hand_corrected_markdown_file_makes_a_gold_file():
    read_regions = [Table(caption="Table 1: Levels", rows=1, columns=1, header_rows=1, ruled=True, cells=[], pages=[1],
                          boxes=[]),
                    Figure(caption="Figure 1: Levels by wek", pages=[1], boxes=[]),
                    Paragraph(text="3. Report in June.", pages=[2], boxes=[])]
    reading = a_reading(toc=["Reservoirs", "Pumps"], sections=[Section(heading=None, level=0, blocks=read_regions)],
                        furniture=[
        Furniture(kind="footer", text="Water Board - internal", page=1, box=box()),
        Furniture(kind="page_number", text="2", page=2, box=box(2)),
        Furniture(kind="header", text="Water Board Memo", page=2, box=box(2))])
    draft = draft_from_markdown(HAND_WRITTEN, reading, "memo")
    assert (draft.id, draft.title, draft.toc) == ("memo", "Water Board Memo", ["Reservoirs", "Pumps"])
    assert draft.front_matter == ["From the board, 3 May."]
    assert [(s.heading, s.level) for s in draft.sections] == [("1 Reservoirs", 1), ("1.1 Pumps", 2)]
    assert draft.sections[0].paragraphs == [
        "The reservoir held 82 per cent in May, and the river ran low.",
        TableEntry(table=GoldTable(caption="Table 1: Levels", rows=[["Site", "Level"], ["North", "82"]])),
        FigureEntry(figure=GoldFigure(caption="Figure 1: Levels by week"))]
    assert draft.sections[1].paragraphs == [
        ListEntry(items=["Pump 2 repaired", "Pump 3 on order, due in June", "1. Check the valves.",
                         "2. Order the spare pump."]),
        "3. Report in June.",
        CodeEntry(code="level = read()\n\nprint(level)")]
    assert draft.footnotes == [GoldFootnote(label="1", text="Measured at the dam.")]
    assert draft.furniture == ["Water Board - internal", "2"], "the title is no furniture the text could lose"


@pytest.fixture
def memo(tmp_path):
    pdf = tmp_path / "memo.pdf"
    shutil.copy(ROOT / "input_pdfs" / "northfield-ar-2025.pdf", pdf)
    return pdf


def test_gold_init_writes_the_reading_beside_the_pdf_and_keeps_a_gold_file_that_exists(memo, capsys):
    assert main(["gold", "init", str(memo)]) == 0
    gold = read_gold_document(memo.with_name("memo.gold.json"))
    assert gold.id == "memo" and gold.title and gold.sections and gold.furniture
    corrected = gold.model_copy(update={"title": "Corrected"})
    write_gold_document(corrected, memo.with_name("memo.gold.json"))
    assert main(["gold", "init", str(memo)]) == EXIT_FAILED
    assert "--force" in capsys.readouterr().err
    assert read_gold_document(memo.with_name("memo.gold.json")).title == "Corrected"
    assert main(["gold", "init", str(memo), "--force"]) == 0
    assert read_gold_document(memo.with_name("memo.gold.json")).title == gold.title


def test_gold_init_from_markdown_takes_the_text_of_the_markdown(memo, tmp_path):
    markdown = process_pdf(memo).to_markdown()
    heading = markdown.split("\n## ")[1].split("\n")[0]
    corrected = tmp_path / "memo.md"
    corrected.write_text(markdown.replace(heading, "A Corrected Heading"))
    out = tmp_path / "gold" / "memo.json"
    out.parent.mkdir()
    assert main(["gold", "init", str(memo), "--from-markdown", str(corrected), "-o", str(out)]) == 0
    headings = [section.heading for section in read_gold_document(out).sections]
    assert "A Corrected Heading" in headings and heading not in headings


def test_a_gold_file_that_is_not_of_the_model_is_named_with_its_problems(memo, capsys):
    memo.with_name("memo.gold.json").write_text(json.dumps({"title": "Memo", "furnture": ["Page 1"]}))
    assert main(["eval", str(memo.parent)]) == EXIT_USAGE
    error = capsys.readouterr().err
    assert "memo.gold.json: not a gold file" in error and "furnture" in error
