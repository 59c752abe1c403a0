"""The HTML view in a real browser (headless Chromium, Debian's ``chromium``): it renders, logs
no error, its outline is the section tree, and on a 375 px wide phone no text runs off the
side outside a table."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image, ImageStat

from pipeline import Document, process_pdf

from .awkward import awkward_document
from .browser import Browser, BrowserError, find_chromium
from .conftest import ROOT

pytestmark = pytest.mark.slow

PHONE_WIDTH = 375
SAMPLES = sorted((ROOT / "input_pdfs").glob("*.pdf"))

OUTLINE = """(() => {
  const root = {children: []}, open = [{rank: 1, node: root}];
  for (const heading of document.querySelectorAll('article :is(h2, h3, h4, h5, h6)')) {
    const rank = Number(heading.tagName[1]);
    while (open.length > 1 && open[open.length - 1].rank >= rank) open.pop();
    const node = {heading: heading.textContent, children: []};
    open[open.length - 1].node.children.push(node);
    open.push({rank, node});
  }
  return root.children;
})()"""
"""The page's outline as a reader builds it: each heading under the nearest heading of a higher rank before it."""

OVERFLOW = """(() => {
  const width = document.documentElement.clientWidth, outside = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (!node.textContent.trim() || node.parentElement.closest('.table-scroll')) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    if ([...range.getClientRects()].some(rect => rect.right > width + 0.5 || rect.left < -0.5))
      outside.push(node.textContent.trim().slice(0, 60));
  }
  return {outside, pageWidth: document.documentElement.scrollWidth, width};
})()"""
"""Text outside the viewport's width (tables' text excepted: they scroll in their own box)."""


@pytest.fixture(scope="module")
def browser():
    executable = find_chromium()
    if executable is None:
        pytest.skip("no Chromium (Debian's chromium package; make test installs it)")
    try:
        started = Browser(executable)
    except (BrowserError, OSError) as error:
        pytest.skip(f"Chromium cannot run here: {error}")
    yield started
    started.close()


@pytest.fixture(scope="module")
def documents() -> dict[str, Document]:
    """The sample inputs (two-column paper, one-column report, three-column bulletin, scan) and
    a hand-made document of awkward content."""
    found = {pdf.stem: process_pdf(pdf) for pdf in SAMPLES}
    found["awkward"] = awkward_document()
    return found


def open_html(browser: Browser, html: str, folder: Path, name: str = "page"):
    path = folder / f"{name}.html"
    path.write_text(html, encoding="utf-8")
    return browser.open(path.as_uri(), PHONE_WIDTH)


def section_tree(sections) -> list[dict]:
    return [{"heading": section.heading, "children": section_tree(section.sections)}
            for section in sections if section.heading is not None]


@pytest.mark.parametrize("name", [pdf.stem for pdf in SAMPLES] + ["awkward"])
def test_the_page_renders_without_errors_with_the_outline_of_the_sections(browser, documents, name, tmp_path):
    document = documents[name]
    page = open_html(browser, document.to_html(), tmp_path, name)
    assert page.errors() == []
    assert page.evaluate("document.title") == (document.title or Path(document.source).name)
    assert page.evaluate("document.querySelector('article').getBoundingClientRect().height") > 100
    assert page.evaluate(OUTLINE) == section_tree(document.sections)
    picture = Image.open(io.BytesIO(page.screenshot())).convert("L")
    assert picture.width == PHONE_WIDTH and ImageStat.Stat(picture).stddev[0] > 10  # not a blank page


@pytest.mark.parametrize("name", [pdf.stem for pdf in SAMPLES] + ["awkward"])
def test_no_text_runs_off_a_phone_screen_outside_tables(browser, documents, name, tmp_path):
    page = open_html(browser, documents[name].to_html(), tmp_path, name)
    overflow = page.evaluate(OVERFLOW)
    assert overflow["outside"] == []
    assert overflow["pageWidth"] <= overflow["width"] == PHONE_WIDTH


def test_the_wide_table_scrolls_in_its_own_box(browser, tmp_path):
    page = open_html(browser, awkward_document().to_html(), tmp_path)
    box = page.evaluate("(() => { const box = document.querySelector('.table-scroll');"
                        " return [box.scrollWidth, box.clientWidth, box.getBoundingClientRect().right]; })()")
    scroll_width, client_width, right = box
    assert scroll_width > client_width and right <= PHONE_WIDTH


def test_the_checks_see_overflow_and_errors_when_there_are_some(browser, tmp_path):
    word = "x" * 200
    page = open_html(browser, f"<!DOCTYPE html><title>t</title><p>{word}</p>"
                              "<script>console.error('seen')</script>", tmp_path)
    assert page.evaluate(OVERFLOW)["outside"] == [word[:60]]
    assert page.errors() == ["seen"]
