"""The output model and its Markdown, on the sample newsletter."""

import json
from pathlib import Path

import pymupdf
import pytest

from pipeline import Document, process_pdf

from .conftest import gold_pdf


@pytest.fixture(scope="module")
def newsletter() -> Document:
    return process_pdf(gold_pdf("cstr-2025-07"))


def test_title_contents_and_sections(newsletter):
    assert newsletter.title == "CHINA SCIENCE AND TECHNOLOGY REVIEW"
    assert len(newsletter.toc) == 5
    assert newsletter.headings() == newsletter.toc


def test_paragraph_cut_by_a_page_footer_is_one_paragraph(newsletter):
    text = " ".join(p.text for p in newsletter.paragraphs())
    assert "the new body is described as being committed" in text
    joined = [p for p in newsletter.paragraphs() if "the new body is described" in p.text][0]
    assert joined.pages == [1, 2]
    assert len(joined.boxes) >= 2


def test_compound_hyphens_survive_and_break_hyphens_go(newsletter):
    text = " ".join(p.text for p in newsletter.paragraphs())
    assert "Earth-sourced" in text
    assert "China-Pakistan" in text
    assert "\u00ad" not in text and "\u2010" not in text


def test_footers_are_listed_not_in_text(newsletter):
    assert [f.text for f in newsletter.furniture] == ["JULY 2025 1", "JULY 2025 2", "JULY 2025 3"]
    assert "JULY 2025" not in newsletter.to_markdown()


def test_every_edit_is_recorded_with_page_and_reason(newsletter):
    kinds = {e.kind for e in newsletter.edits}
    assert {"furniture", "dehyphenate", "hyphen_kept", "paragraph_join"} <= kinds
    assert all(e.page >= 1 and e.reason for e in newsletter.edits)


def test_markdown_keeps_structure_links_and_bold(newsletter):
    markdown = newsletter.to_markdown()
    assert markdown.startswith("# CHINA SCIENCE AND TECHNOLOGY REVIEW\n")
    assert "\n## China-Pakistan S&T Cooperation\n" in markdown
    assert "[launched](https://example.org/prss-1)" in markdown
    assert "**IDSEA**" in markdown
    assert "- China Science Diplomacy" in markdown


def test_json_round_trips(newsletter):
    again = Document.model_validate_json(newsletter.model_dump_json())
    assert again == newsletter
    assert json.loads(newsletter.model_dump_json())["page_count"] == 3


SURVEY = ("The survey of the valley was made over two summers by a small team of volunteers, who walked",
          "every field and noted each hedge, ditch and gate that they found on the way up the valley.")


def test_the_contents_stay_where_the_document_prints_them(tmp_path: Path):
    """A book's contents page after its preface is read there, under its heading: not moved
    before the preface."""
    document = pymupdf.open()
    pages = [("Preface", []), ("Contents", ["1 Introduction . . . . . . . . 3", "2 Methods . . . . . . . . 4"]),
             ("1 Introduction", []), ("2 Methods", [])]
    for number, (heading, entries) in enumerate(pages):
        page = document.new_page(width=595, height=842)
        if number == 0:
            page.insert_text((72, 60), "The Valley Survey", fontsize=26, fontname="hebo")
        page.insert_text((72, 110), heading, fontsize=16, fontname="hebo")
        for index, line in enumerate(entries or SURVEY):
            page.insert_text((72, 150 + 16 * index), line, fontsize=10, fontname="helv")
    path = tmp_path / "book.pdf"
    document.save(path)
    result = process_pdf(path)
    markdown = result.to_markdown()
    assert result.toc == ["1 Introduction", "2 Methods"]
    places = [markdown.index(text) for text in ("## Preface", "The survey", "## Contents", "- 1 Introduction",
                                                "## 1 Introduction")]
    assert places == sorted(places)
