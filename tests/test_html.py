"""The HTML reading view: valid HTML5, the JSON's structure, provenance on every block, and
nothing from the PDF that can inject markup or script."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree

import html5lib
import pytest

from pipeline import Document, process_pdf

from .awkward import LONG_WORD, awkward_document
from .conftest import gold_pdf

HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


def parse(page: str) -> tuple[ElementTree.Element, list]:
    """The page's tree and the parse errors html5lib reports."""
    parser = html5lib.HTMLParser(namespaceHTMLElements=False)
    return parser.parse(page), parser.errors


def text_of(element: ElementTree.Element) -> str:
    return "".join(element.itertext())


def section_headings(tree: ElementTree.Element) -> list[str]:
    return [text_of(element) for element in tree.iter() if element.tag in HEADINGS[1:]]


@pytest.fixture(scope="module")
def awkward() -> Document:
    return awkward_document()


@pytest.fixture(scope="module")
def awkward_tree(awkward) -> ElementTree.Element:
    return parse(awkward.to_html())[0]


@pytest.fixture(scope="module")
def newsletter() -> Document:
    return process_pdf(gold_pdf("cstr-2025-07"))


def test_the_page_parses_without_errors(awkward, newsletter):
    assert parse(awkward.to_html())[1] == []
    assert parse(newsletter.to_html())[1] == []


def test_headings_are_the_json_headings_and_the_title_the_only_h1(awkward_tree, awkward, newsletter):
    assert section_headings(awkward_tree) == awkward.headings()
    assert [text_of(h) for h in awkward_tree.iter("h1")] == [awkward.title]
    assert section_headings(parse(newsletter.to_html())[0]) == newsletter.headings()


def test_sections_nest_as_in_the_json_with_heading_ranks_from_levels(awkward_tree):
    article = awkward_tree.find(".//article")
    nested = [(text_of(section[0]), section[0].tag, [text_of(child[0]) for child in section.findall("section")])
              for section in article.iter("section")]
    assert nested == [("1 Introduction & scope", "h2", ["2.1 Method <i>"]), ("2.1 Method <i>", "h3", ["Deep detail"]),
                      ("Deep detail", "h5", []), ("3 Results", "h2", [])]


def test_the_contents_link_every_section(awkward_tree):
    links = awkward_tree.find(".//nav").iter("a")
    targets = {element.get("id") for element in awkward_tree.iter("section")}
    assert [(text_of(a), a.get("href")[1:] in targets) for a in links] == [
        ("1 Introduction & scope", True), ("2.1 Method <i>", True), ("Deep detail", True), ("3 Results", True)]


def test_every_block_carries_its_pages_and_boxes(awkward_tree, newsletter):
    blocks = [element for part in (awkward_tree.find(".//article"), awkward_tree.find(".//aside"))
              for element in part.iter() if element.tag in ("p", "li", "pre", "figure", "div")
              and element.get("class") not in ("figure-note", "notes-title")]
    assert len(blocks) == 16  # 7 paragraphs, 4 list items, code, formula, table, figure, a note
    assert all(re.fullmatch(r"\d+( \d+)*", b.get("data-page")) for b in blocks)
    assert all(re.fullmatch(r"\d+:[\d.]+,[\d.]+,[\d.]+,[\d.]+( \S+)*", b.get("data-box")) for b in blocks)
    tree = parse(newsletter.to_html())[0]
    paragraph = newsletter.paragraphs()[0]
    first = next(e for e in tree.iter("p") if text_of(e) == paragraph.text)
    box = paragraph.boxes[0]
    assert first.get("data-box").split()[0] == f"{box.page}:{box.x0:.1f},{box.y0:.1f},{box.x1:.1f},{box.y1:.1f}"


def test_text_from_the_pdf_cannot_inject_markup_or_script(awkward_tree, awkward):
    page = awkward.to_html()
    assert not [element for element in awkward_tree.iter() if element.tag in ("script", "img", "i", "b")]
    assert "<script>" not in page and "onerror=" not in page.replace("onerror=alert", "")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert not any(attribute.startswith("on") for element in awkward_tree.iter() for attribute in element.attrib)


def test_only_http_https_and_mailto_links_are_links(awkward_tree):
    links = [a.get("href") for a in awkward_tree.find(".//article").iter("a") if not a.get("href").startswith("#")]
    assert links == ["https://example.org/?a=1&b=<2>"]


def test_characters_html_does_not_allow_are_dropped(awkward_tree):
    text = text_of(awkward_tree.find(".//article"))
    assert "Before the first heading  with controls ." in text


def test_language_and_right_to_left_blocks(awkward_tree):
    assert awkward_tree.get("lang") == "en"
    right_to_left = [text_of(element)[:3] for element in awkward_tree.iter() if element.get("dir") == "rtl"]
    assert right_to_left == ["هذه"]


def test_lists_tables_figures_code_and_notes_are_semantic(awkward_tree):
    article = awkward_tree.find(".//article")
    assert [len(article.findall(f".//{tag}/li")) for tag in ("ul", "ol")] == [2, 2]
    table = article.find(".//table")
    assert table.find("caption").text == "Table 1: eight columns"
    assert [text_of(th) for th in table.find("thead").iter("th")][:2] == ["Column heading 0", "Column heading 1"]
    assert table.find("tbody/tr/td").get("rowspan") == "2"
    assert text_of(article.find(".//figure/figcaption")) == "Figure 1: <img src=x onerror=alert(1)>"
    assert text_of(article.find(".//pre/code")).startswith("\nif a < b:\n    print('</pre>")
    assert text_of(awkward_tree.find(".//p[@class='formula']")) == "E = mc² < ∞"
    assert LONG_WORD in text_of(article)


def test_footnote_calls_and_notes_link_both_ways(awkward_tree):
    call = awkward_tree.find(".//sup/a")
    note = awkward_tree.find(".//aside//li")
    assert call.get("href") == f"#{note.get('id')}"
    assert [a.get("href") for a in note.iter("a")] == [f"#{call.get('id')}"]
    assert "The note <em>itself</em>." in text_of(note)


def test_the_page_is_self_contained(awkward_tree):
    assert awkward_tree.find(".//head/style") is not None
    assert not [element for element in awkward_tree.iter() if element.tag in ("script", "link", "iframe", "object")]
    assert not [element for element in awkward_tree.iter() if element.get("src")]
