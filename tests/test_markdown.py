"""The Markdown: no text of a PDF becomes markup or script, links go only to web and mail
addresses, and a GitHub-flavoured reader reads back the text of every block of the model."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pymupdf
import pytest
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin

from pipeline import process_pdf
from pipeline.core.links import WEB_SCHEMES
from pipeline.output.models import (
    Box,
    Cell,
    Code,
    Contents,
    Document,
    Figure,
    Footnote,
    Formula,
    Paragraph,
    Run,
    Section,
    Table,
)

from .conftest import CORPUS, SHARED, region_pdf_folders

READER = MarkdownIt("commonmark").enable(["table", "strikethrough"]).use(footnote_plugin)
"""GitHub-flavoured Markdown as far as the pipeline writes it: CommonMark, pipe tables,
strikethrough, footnotes."""
HTML_TABLE = re.compile(r'<table>\n(?:<tr>(?:<(t[hd])(?: (?:row|col)span="\d+")*>(?:[^<>]|<br>)*</\1>)*</tr>\n)*'
                        r'</table>\n?')
"""The pipeline's own HTML: a table whose cells hold text and line breaks only."""
FIGURE_MARK = "<!-- figure -->\n"
STRUCTURE = {"heading_open", "heading_close", "paragraph_open", "paragraph_close", "bullet_list_open",
             "bullet_list_close", "ordered_list_open", "ordered_list_close", "list_item_open", "list_item_close",
             "table_open", "table_close", "thead_open", "thead_close", "tbody_open", "tbody_close", "tr_open",
             "tr_close", "th_open", "th_close", "td_open", "td_close", "footnote_block_open",
             "footnote_block_close", "footnote_open", "footnote_close", "footnote_anchor"}
"""Block tokens that carry no text of their own."""
STYLE = {"em_open", "em_close", "strong_open", "strong_close", "link_close", "footnote_ref"}
"""Inline tokens of the pipeline's own markup that carry no text of their own (a footnote
call is not in its paragraph's text)."""

BLOCK_STARTS = ["# Heading", "###### six", "#", "> quoted", ">> twice", "- item", "+ item", "* item", "-",
                "1. first", "2) second", "10. tenth", "| a | b |", "|---|---|", "a | b\n--- | ---", "===",
                "text\n===", "text\n---", "---", "***", "* * *", "___", "_ _ _", "~~~", "~~~ python",
                "```", "``` js", "    indented code", "\tindented", "<div>block</div>", "<!-- note -->",
                "[1]: https://example.org", "[^1]: not a note", "Title #", "C# ##", "line one\n# two\n> three"]
INLINE_MARKUP = ["<script>alert(1)</script>", "<img src=x onerror=alert(2)>", "<a href=\"javascript:alert(3)\">x</a>",
                 "</p><p onclick=alert(4)>", "<!-- comment --> after", "<!DOCTYPE html>", "<?php echo 1 ?>",
                 "<![CDATA[x]]>", "<https://example.org> <javascript:alert(5)> <office@example.org>",
                 "[click](javascript:alert(6))", "[ok](https://example.org)", "![image](https://example.org/x.png)",
                 "[ref][1] and [1]", "[^1] and [^note]", "`code` and ``two`` and ```", "*em* **strong** ***both***",
                 "_em_ __strong__ snake_case_name _x", "~~struck~~ ~one~", "2 * 3 * 4 and 2 ** 3",
                 "a < b > c & d", "&lt;script&gt; &amp; &#60; &#x3C; &copy", "AT&T R&D &",
                 "C:\\dir\\file and \\* and \\", "back\\`tick", "line\nbreak  \nhard\\\nbreak",
                 "bell\x07 escape\x1b[31m nul\x00 del\x7f", "cr\rcr\r\nlf", "http://example.org/a_b_c*d",
                 "www.example.org", "mailto:office@example.org", "javascript:alert(7)",
                 "data:text/html,<script>alert(8)</script>"]
HOSTILE = BLOCK_STARTS + INLINE_MARKUP
HOSTILE_TARGETS = ["javascript:alert(document.cookie)", "JavaScript:alert(1)", " javascript:alert(1)",
                   "java\tscript:alert(1)", "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)",
                   "file:///etc/passwd", "page2.html", "//example.org/x",
                   "https://example.org/a) [x](javascript:alert(1)", "https://example.org/<script>",
                   "https://example.org/a b\"c'd", "mailto:office@example.org?subject=a b"]

# --- reading the Markdown back --------------------------------------------------------


def read_back(markdown: str) -> tuple[list[str], list[str]]:
    """The text of each block a reader finds in ``markdown``: a heading, paragraph, list item
    (an ordered one with the number a renderer shows), table cell or code; and apart, each
    footnote's (a renderer lists them in the order they are first called). Fails on any
    markup the pipeline does not write itself, and on a link to any other scheme than http,
    https and mailto."""
    texts: list[str] = []
    notes: list[str] = []
    numbers: list[int | None] = []  # the number a renderer shows for the next item of each list open (None: bullets)
    marker = ""
    in_note = False
    for token in READER.parse(markdown):
        if token.type == "ordered_list_open":
            numbers.append(int(token.attrGet("start") or 1))
        elif token.type == "bullet_list_open":
            numbers.append(None)
        elif token.type in ("ordered_list_close", "bullet_list_close"):
            numbers.pop()
        elif token.type in ("footnote_open", "footnote_close"):
            in_note = token.type == "footnote_open"
        if token.type == "list_item_open" and numbers[-1] is not None:
            marker = f"{numbers[-1]}{token.markup} "
            numbers[-1] += 1
        elif token.type == "inline":
            (notes if in_note else texts).append(marker + inline_text(token))
            marker = ""
        elif token.type == "fence":
            texts.append(token.content.removesuffix("\n"))
        elif token.type == "html_block":
            texts += html_block_texts(token.content)
        else:
            assert token.type in STRUCTURE, f"markup from the text: {token.type} {token.content!r} in {markdown!r}"
    return texts, notes


def inline_text(token: Token) -> str:
    parts = []
    for child in token.children or []:
        if child.type == "text":
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak") or (child.type == "html_inline" and child.content == "<br>"):
            parts.append("\n")
        elif child.type == "link_open":
            scheme = str(child.attrGet("href")).partition(":")[0].lower()
            assert scheme in WEB_SCHEMES, f"a link to {child.attrGet('href')!r}"
        else:
            assert child.type in STYLE, f"markup from the text: {child.type} {child.content!r} in {token.content!r}"
    return "".join(parts)


def links_in(markdown: str) -> list[str]:
    """The targets of the links a reader finds in ``markdown``."""
    return [str(child.attrGet("href")) for token in READER.parse(markdown) for child in token.children or []
            if child.type == "link_open"]


class _CellReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.cells: list[str] = []

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in ("td", "th"):
            self.cells.append("")
        elif tag == "br":
            self.cells[-1] += "\n"

    def handle_data(self, data: str) -> None:
        if self.cells:
            self.cells[-1] += data


def html_block_texts(content: str) -> list[str]:
    """The cells' texts of the pipeline's HTML table; nothing for its figure mark."""
    if content == FIGURE_MARK:
        return []
    assert HTML_TABLE.fullmatch(content), f"HTML from the text: {content!r}"
    reader = _CellReader()
    reader.feed(content)
    return reader.cells


def model_texts(document: Document) -> list[str]:
    """The texts of the document's blocks, in the order of the Markdown, footnotes left out."""
    texts = [document.title] if document.title else []
    for section in document.sections:
        if section.heading is None:
            texts += [text for block in section.blocks for text in _block_texts(block)]
    if not any(isinstance(block, Contents) for block in document.blocks()):
        texts += document.toc
    for section in document.iter_sections():
        if section.heading is not None:
            texts += [section.heading] + [text for block in section.blocks for text in _block_texts(block)]
    return texts


def _block_texts(block) -> list[str]:
    caption = [block.caption] if getattr(block, "caption", None) else []
    if isinstance(block, Table):
        if any(cell.row_span > 1 or cell.col_span > 1 for cell in block.cells):
            return caption + [cell.text for cell in sorted(block.cells, key=lambda cell: (cell.row, cell.col))]
        return caption + [text for row in block.grid() for text in row]
    if isinstance(block, Figure):
        return caption
    if isinstance(block, Contents):
        return block.entries
    return [block.text]


def folded(texts: list[str]) -> list[str]:
    """The texts with white space folded, empty ones left out, and NUL read as U+FFFD (as
    CommonMark has every reader do)."""
    return [" ".join(text.replace("\x00", "\ufffd").split()) for text in texts if text.split()]


def assert_reads_back(document: Document) -> None:
    """A reader finds the text of each block of ``document`` in its Markdown, in order, and
    the text of each footnote: as a footnote, or after the blocks when nothing calls it."""
    texts, notes = read_back(document.to_markdown())
    blocks = folded(model_texts(document))
    assert folded(texts)[:len(blocks)] == blocks
    assert sorted(folded(texts)[len(blocks):] + folded(notes)) == sorted(folded([n.text for n in document.footnotes]))


# --- hostile text and links in every place -------------------------------------------

BOX = Box(page=1, x0=0, y0=0, x1=1, y1=1)


def _paragraph(text: str, kind: str = "paragraph", **style) -> Paragraph:
    return Paragraph(kind=kind, text=text, runs=[Run(text=text, **style)], pages=[1], boxes=[BOX])


def _table(texts: list[str], spans: bool) -> Table:
    cells = [Cell(text=text, row=index // 2, col=index % 2, box=BOX) for index, text in enumerate(texts)]
    if spans:
        cells.append(Cell(text=texts[0], row=len(texts) // 2 + 1, col=0, col_span=2, box=BOX))
    rows = len(texts) // 2 + 1 + spans
    return Table(caption=texts[0], rows=rows, columns=2, header_rows=1, ruled=True, cells=cells, pages=[1],
                 boxes=[BOX])


def document_with_text_everywhere(text: str) -> Document:
    """``text`` as the title, a contents entry, a heading, and in every kind of block, style and place."""
    blocks = [_paragraph(text), _paragraph(text, bold=True), _paragraph(text, italic=True),
              _paragraph(text, bold=True, italic=True), _paragraph(text, link="https://example.org/"),
              _paragraph(text, "list_item"), _paragraph(f"1. {text}", "list_item"), _paragraph(text, "caption"),
              Paragraph(text=f"{text} called", pages=[1], boxes=[BOX],
                        runs=[Run(text=f"{text} "), Run(text=text, note=text), Run(text=" called")]),
              _table([text, "cell", "x", text], spans=False), _table([text, "cell", "x", text], spans=True),
              Figure(caption=text, pages=[1], boxes=[BOX]), Code(text=text, pages=[1], boxes=[BOX]),
              Formula(text=text, pages=[1], boxes=[BOX])]
    return Document(source="hostile.pdf", extractor="pymupdf", page_count=1, title=text, toc=[text, "Next"],
                    sections=[Section(heading=None, level=0, blocks=blocks[:3]),
                              Section(heading=text, level=1, blocks=blocks[3:],
                                      sections=[Section(heading=f"{text} #", level=2, blocks=blocks[:1])])],
                    footnotes=[Footnote(label=text, text=text, page=1, box=BOX),
                               Footnote(label="", text=f"{text} again", page=1, box=BOX)])


@pytest.mark.parametrize("text", HOSTILE)
def test_text_that_looks_like_markup_stays_text_everywhere(text):
    assert_reads_back(document_with_text_everywhere(text))


@pytest.mark.parametrize("target", HOSTILE_TARGETS)
def test_links_go_only_to_web_and_mail_addresses(target):
    """A link of the model to any other scheme (or none) is written as its text alone; a web
    link's target cannot end early and carry markup after it."""
    document = Document(source="t.pdf", extractor="pymupdf", page_count=1,
                        sections=[Section(heading=None, level=0, blocks=[_paragraph("click here", link=target)])])
    assert_reads_back(document)
    assert len(links_in(document.to_markdown())) == (1 if target.startswith(("https:", "mailto:")) else 0)


def test_ordered_items_keep_the_numbers_they_were_printed_with():
    items = ["1. one", "2. two", "4. four", "5. five", "1) one", "1) again", "07. seven", "- dash", "3. three"]
    section = Section(heading=None, level=0, blocks=[_paragraph(text, "list_item") for text in items])
    document = Document(source="t.pdf", extractor="pymupdf", page_count=1, sections=[section])
    assert_reads_back(document)
    assert document.to_markdown() == ("1. one\n2. two\n\n4\\. four\n\n5. five\n\n1) one\n\n1\\) again\n\n"
                                      "07\\. seven\n\n- \\- dash\n\n3. three\n")


def test_notes_numbered_page_by_page_and_notes_nothing_calls_keep_their_text():
    """A renderer shows one definition per name and none that nothing calls."""
    paragraphs = [Paragraph(text=text, pages=[page], boxes=[BOX], runs=[Run(text=text), Run(text="1", note="1")])
                  for page, text in ((1, "First page."), (2, "Second page."))]
    notes = [Footnote(label="1", text="Note on page one.", page=1, box=BOX),
             Footnote(label="1", text="Note on page two.", page=2, box=BOX),
             Footnote(label="2", text="Note that nothing calls.", page=2, box=BOX)]
    document = Document(source="t.pdf", extractor="pymupdf", page_count=2, footnotes=notes,
                        sections=[Section(heading=None, level=0, blocks=paragraphs)])
    assert_reads_back(document)
    assert document.to_markdown() == ("First page.[^1-1]\n\nSecond page.[^1-2]\n\n[^1-1]: Note on page one.\n\n"
                                      "[^1-2]: Note on page two.\n\nNote that nothing calls.\n")


# --- PDFs with hostile text and link annotations --------------------------------------

LINK_TARGETS = {"Report": "https://example.org/report", "Write": "mailto:office@example.org",
                "Steal": "javascript:alert(document.cookie)", "Page": "data:text/html,<script>alert(1)</script>",
                "Basic": "vbscript:msgbox(1)", "Fetch": "ftp://example.org/file", "Local": "file:///etc/passwd"}
REFUSED = ("Steal", "Page", "Basic", "Fetch")
"""The targets a warning names (PyMuPDF reads a ``file:`` target as a file to open, not as a link)."""


def hostile_pdf(path: Path) -> Path:
    """A line per link annotation of :data:`LINK_TARGETS`, then pages of hostile lines."""
    document = pymupdf.open()
    page = document.new_page()
    for index, (word, target) in enumerate(LINK_TARGETS.items()):
        y = 72 + 24 * index
        page.insert_text((72, y), f"{word} now", fontsize=9, fontname="helv")
        page.insert_link({"kind": pymupdf.LINK_URI, "from": pymupdf.Rect(70, y - 10, 100, y + 3), "uri": target})
    y = 72 + 24 * len(LINK_TARGETS)
    for line in (line for text in INLINE_MARKUP + BLOCK_STARTS for line in text.splitlines() if line.isprintable()):
        if y > page.rect.height - 72:
            page, y = document.new_page(), 72
        page.insert_text((72, y), line, fontsize=9, fontname="helv")
        y += 18
    document.save(path)
    return path


@pytest.fixture(scope="module", params=["pymupdf", "pdfplumber"])
def hostile_document(request, tmp_path_factory) -> Document:
    return process_pdf(hostile_pdf(tmp_path_factory.mktemp("hostile") / "hostile.pdf"), extractor=request.param)


def test_a_pdf_of_hostile_text_reads_back_as_text(hostile_document):
    assert_reads_back(hostile_document)


def test_only_web_and_mail_link_annotations_become_links(hostile_document):
    markdown = hostile_document.to_markdown()
    assert "[Report](https://example.org/report)" in markdown
    assert "[Write](mailto:office@example.org)" in markdown
    assert links_in(markdown) == ["https://example.org/report", "mailto:office@example.org"]
    refused = [warning for warning in hostile_document.warnings if "left as plain text" in warning]
    assert len(refused) == 1
    for word in REFUSED:
        assert LINK_TARGETS[word][:20] in refused[0]
    links = {run.link for block in hostile_document.blocks() for run in getattr(block, "runs", [])}
    assert links == {None, "https://example.org/report", "mailto:office@example.org"}


# --- real documents -------------------------------------------------------------------

def _pdfs(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.pdf"))


@pytest.mark.parametrize("pdf", _pdfs(CORPUS / "pdf"), ids=lambda pdf: pdf.stem)
def test_the_gold_documents_read_back_from_their_markdown(pdf):
    assert_reads_back(process_pdf(pdf))


@pytest.mark.slow
@pytest.mark.parametrize("pdf", [pdf for folder in region_pdf_folders() for pdf in _pdfs(folder)],
                         ids=lambda pdf: pdf.stem)
def test_the_region_documents_read_back_from_their_markdown(pdf):
    assert_reads_back(process_pdf(pdf))


DOCLING = SHARED / "corpus" / "docling" / "pdf"


@pytest.mark.slow
@pytest.mark.skipif(not DOCLING.exists(), reason="../shared is not present")
@pytest.mark.parametrize("name", [pdf.name for pdf in _pdfs(DOCLING)] or ["none"])
def test_the_docling_documents_read_back_from_their_markdown(name):
    assert_reads_back(process_pdf(DOCLING / name))
