"""Render a :class:`Document` as one self-contained HTML5 page: a reading view.

The page needs no script and no other file (its CSS is inline). It is one readable column
from a phone to a desktop; tables scroll sideways inside their own box. The document's
language is the ``lang`` of the page, and a block whose text starts in a right-to-left
script has ``dir="rtl"``.

Structure: ``header`` with the title as the only ``h1``; a table of contents (``nav``);
``article`` with the text before the first heading, then one ``section`` per JSON section,
nested as in the JSON, its heading an ``h2``-``h6`` (level + 1, at most 6) with the JSON
heading's text; paragraphs as ``p``, list items in ``ul`` (or ``ol`` when they carry their
own numbers), tables with ``th`` header cells and their caption, figures as ``figure`` and
``figcaption`` (the picture itself is not reproduced), code in ``pre``; footnotes as
endnotes in an ``aside``, each call linked to its note and each note back to its calls.

Every block carries ``data-page`` (its pages, space-separated) and ``data-box`` (its boxes,
``page:x0,y0,x1,y1`` in PDF points, origin top-left, space-separated). All text from the
PDF is escaped, characters HTML does not allow are dropped, and only ``http``, ``https``
and ``mailto`` links become links.

>>> from pipeline.output.models import Document, Section, Paragraph, Run, Box
>>> box = Box(page=1, x0=0, y0=0, x1=10, y1=10)
>>> paragraph = Paragraph(text="<b>", runs=[Run(text="<b>", link="javascript:alert(1)")], pages=[1], boxes=[box])
>>> page = render_html(Document(source="a.pdf", extractor="pymupdf", page_count=1,
...                             sections=[Section(heading="Intro", level=1, blocks=[paragraph])]))
>>> '<p data-page="1" data-box="1:0.0,0.0,10.0,10.0">&lt;b&gt;</p>' in page, "javascript" in page
(True, False)
"""

from __future__ import annotations

import html
import re
import unicodedata
from itertools import groupby
from pathlib import Path
from typing import TYPE_CHECKING, cast

from ..core.links import web_link
from .markdown import ENUMERATED_ITEM

if TYPE_CHECKING:
    from .models import Block, Box, Cell, Code, Document, Figure, Footnote, Formula, Paragraph, Run, Section, Table

RIGHT_TO_LEFT_LANGUAGES = frozenset({"ar", "he", "fa", "ur", "yi", "ps", "sd", "ug", "dv"})
NOT_IN_HTML = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
                         + "".join(f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}"
                                   for plane in range(1, 17)) + "]")
"""Control characters, surrogates and noncharacters: an HTML parser reports each as an error."""

STYLE = """\
:root{color-scheme:light dark}
body{margin:0;font:1.0625rem/1.6 Georgia,"Noto Serif","DejaVu Serif",serif}
header,nav,article,aside{box-sizing:border-box;max-width:42rem;margin:0 auto;padding:0 1.25rem}
header{padding-top:1.5rem}
h1,h2,h3,h4,h5,h6,summary,.source,.notes-title{font-family:system-ui,"DejaVu Sans",sans-serif;line-height:1.25}
h1{font-size:1.75rem}h2{font-size:1.4rem}h3{font-size:1.2rem}h4,h5,h6{font-size:1.05rem}
p,li,h1,h2,h3,h4,h5,h6,figcaption,summary,a{overflow-wrap:break-word}
.source{color:GrayText;font-size:.85rem}
nav ol{list-style:none;padding-inline-start:1.25rem}nav{font-size:.95rem}
.table-scroll{overflow-x:auto;margin:1rem 0}
table{border-collapse:collapse;font-size:.9rem}
caption{text-align:start;padding:.25rem 0;font-style:italic}
td,th{border:1px solid GrayText;padding:.25rem .5rem;vertical-align:top;text-align:start}
th{background:rgba(127,127,127,.15)}
figure{margin:1rem 0;padding:.5rem .75rem;border:1px dashed GrayText}
.figure-note{color:GrayText;font-size:.85rem;margin:0}
figcaption,.caption{font-style:italic}
pre{white-space:break-spaces;overflow-wrap:anywhere;background:rgba(127,127,127,.12);padding:.75rem;font-size:.85rem}
.formula{text-align:center;overflow-wrap:anywhere}
ol.numbered{list-style:none;padding-inline-start:0}
aside{border-top:1px solid GrayText;margin-top:2rem;padding-bottom:2rem;font-size:.9rem}
sup a,.back{text-decoration:none}
"""


def render_html(document: Document) -> str:
    """The document as one HTML5 page (see the module's description)."""
    return _Page(document).render()


class _Page:
    """One document's page; it keeps the section anchors and the footnote calls it has written."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.anchors = {id(section): f"s{number}" for number, section in
                        enumerate((s for s in document.iter_sections() if s.heading is not None), 1)}
        self.calls: dict[int, list[str]] = {index: [] for index in range(len(document.footnotes))}

    def render(self) -> str:
        document = self.document
        language = _attribute(document.language or "und")
        direction = ' dir="rtl"' if document.language in RIGHT_TO_LEFT_LANGUAGES else ""
        name = Path(document.source).name
        body = [_header(document, name), self._contents(), "<article>"]
        for section in document.sections:
            body.append(self._section(section) if section.heading is not None else self._blocks(section.blocks))
        body += ["</article>", self._notes()]
        page = "\n".join([
            "<!DOCTYPE html>", f'<html lang="{language}"{direction}>', "<head>", '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{_text(document.title or name)}</title>", f"<style>\n{STYLE}</style>", "</head>", "<body>",
            *(part for part in body if part), "</body>", "</html>", ""])
        return NOT_IN_HTML.sub("", page)  # once for the whole page: the markup itself has none

    def _contents(self) -> str:
        entries = self._contents_entries(self.document.sections)
        if not entries:
            return ""
        return f'<nav aria-label="Contents"><details open><summary>Contents</summary>\n{entries}\n</details></nav>'

    def _contents_entries(self, sections: list[Section]) -> str:
        items = [f'<li><a href="#{self.anchors[id(section)]}">{_text(section.heading or "")}</a>'
                 f'{self._contents_entries(section.sections)}</li>'
                 for section in sections if section.heading is not None]
        return f"<ol>{''.join(items)}</ol>" if items else ""

    def _section(self, section: Section) -> str:
        anchor = self.anchors[id(section)]
        tag = f"h{min(section.level + 1, 6)}"
        where = _provenance([section.page] if section.page else [], [section.box] if section.box else [])
        parts = [f'<section id="{anchor}">', f"<{tag}{where}{_direction(section.heading or '')}>"
                                             f"{_text(section.heading or '')}</{tag}>"]
        parts.append(self._blocks(section.blocks))
        parts += [self._section(child) for child in section.sections]
        parts.append("</section>")
        return "\n".join(part for part in parts if part)

    def _blocks(self, blocks: list[Block]) -> str:
        """The blocks in order, each run of list items that carry their own numbers (or that
        do not) as one list."""
        out: list[str] = []
        for kind, run in groupby(blocks, key=_list_kind):
            if kind:
                out.append(self._list(cast("list[Paragraph]", list(run)), numbered=kind == "numbered"))
            else:
                out += [html for html in map(self._block, run) if html]
        return "\n".join(out)

    def _list(self, items: list[Paragraph], numbered: bool) -> str:
        tag, attributes = ("ol", ' class="numbered"') if numbered else ("ul", "")
        lines = [f"<li{_provenance(item.pages, item.boxes)}{_direction(item.text)}>{self._inline(item)}</li>"
                 for item in items]
        return "\n".join([f"<{tag}{attributes}>", *lines, f"</{tag}>"])

    def _block(self, block: Block) -> str:
        if block.kind == "table":
            return _table(block)
        if block.kind == "figure":
            return _figure(block)
        if block.kind == "code":
            return _code(block)
        if block.kind == "formula":
            return _formula(block)
        if block.kind == "contents":  # the page's nav lists the sections
            return ""
        kind = ' class="caption"' if block.kind == "caption" else ""
        return f"<p{kind}{_provenance(block.pages, block.boxes)}{_direction(block.text)}>{self._inline(block)}</p>"

    def _inline(self, paragraph: Paragraph) -> str:
        if not paragraph.runs:
            return _text(paragraph.text)
        return "".join(self._run(run, paragraph.pages) for run in paragraph.runs)

    def _run(self, run: Run, pages: list[int]) -> str:
        if run.note is not None:
            return self._call(run, pages)
        text = _text(run.text)
        if run.italic:
            text = f"<em>{text}</em>"
        if run.bold:
            text = f"<strong>{text}</strong>"
        link = web_link(run.link) if run.link else None
        if link:
            text = f'<a href="{_attribute(link)}" rel="nofollow noopener noreferrer">{text}</a>'
        return text

    def _call(self, run: Run, pages: list[int]) -> str:
        """A footnote call: a link to its note (the note printed on one of the paragraph's pages
        when two notes have the same mark), which links back here."""
        mark = run.text.rstrip(" ")
        trailing = run.text[len(mark):]
        index = _note_index(self.document.footnotes, run.note or "", pages)
        if index is None:
            return f"<sup>{_text(mark)}</sup>{trailing}"
        anchor = f"call{index + 1}-{len(self.calls[index]) + 1}"
        self.calls[index].append(anchor)
        return f'<sup><a id="{anchor}" href="#note{index + 1}" role="doc-noteref">{_text(mark)}</a></sup>{trailing}'

    def _notes(self) -> str:
        if not self.document.footnotes:
            return ""
        items = []
        for index, note in enumerate(self.document.footnotes):
            back = "".join(f' <a class="back" href="#{anchor}" aria-label="back to the text">&#8617;</a>'
                           for anchor in self.calls[index])
            items.append(f'<li id="note{index + 1}" value="{index + 1}"{_provenance([note.page], [note.box])}'
                         f'{_direction(note.text)}><span class="mark">{_text(note.label)}</span> '
                         f"{_text(note.text)}{back}</li>")
        return "\n".join(['<aside role="doc-endnotes" aria-label="Notes">', '<p class="notes-title">Notes</p>',
                          '<ol class="numbered">', *items, "</ol>", "</aside>"])


def _list_kind(block: Block) -> str:
    """"numbered" for a list item that carries its own number, "bulleted" for another, else ""."""
    if block.kind != "list_item":
        return ""
    return "numbered" if ENUMERATED_ITEM.match(block.text) else "bulleted"


def _header(document: Document, name: str) -> str:
    title = f"<h1{_direction(document.title)}>{_text(document.title)}</h1>\n" if document.title else ""
    pages = f"{document.page_count} page{'s' if document.page_count != 1 else ''}"
    return f'<header>\n{title}<p class="source">{_text(name)} &middot; {pages}</p>\n</header>'


def _table(table: Table) -> str:
    lines = []
    for index, row in enumerate(table.laid_out()):
        blank = "<th></th>" if index < table.header_rows else "<td></td>"
        lines.append(f"<tr>{''.join(_cell(cell) if cell else blank for cell in row)}</tr>")
    head, body = lines[:table.header_rows], lines[table.header_rows:]
    caption = f"<caption>{_text(table.caption)}</caption>" if table.caption else ""
    label = _attribute(table.caption or "Table")
    return "\n".join([
        f'<div class="table-scroll" role="region" tabindex="0" aria-label="{label}"'
        f"{_provenance(table.pages, table.boxes)}>", f"<table>{caption}",
        *(["<thead>", *head, "</thead>"] if head else []), *(["<tbody>", *body, "</tbody>"] if body else []),
        "</table>", "</div>"])


def _cell(cell: Cell) -> str:
    tag = "th" if cell.header else "td"
    scope = ' scope="col"' if cell.header else ""
    spans = "".join(f' {name}="{n}"' for name, n in (("rowspan", cell.row_span), ("colspan", cell.col_span)) if n > 1)
    text = "<br>".join(_text(line) for line in cell.text.split("\n"))
    return f"<{tag}{scope}{spans}{_direction(cell.text)}>{text}</{tag}>"


def _figure(figure: Figure) -> str:
    pages = ", ".join(str(page) for page in figure.pages)
    caption = (f"\n<figcaption{_direction(figure.caption)}>{_text(figure.caption)}</figcaption>"
               if figure.caption else "")
    return (f"<figure{_provenance(figure.pages, figure.boxes)}>\n"
            f'<p class="figure-note">Figure (not reproduced here; page {pages} of the PDF)</p>{caption}\n</figure>')


def _code(code: Code) -> str:
    return f"<pre{_provenance(code.pages, code.boxes)}><code>{_text(code.text)}</code></pre>"


def _formula(formula: Formula) -> str:
    return f'<p class="formula"{_provenance(formula.pages, formula.boxes)}>{_text(formula.text)}</p>'


def _provenance(pages: list[int], boxes: list[Box]) -> str:
    """The ``data-page`` and ``data-box`` attributes of a block."""
    where = " ".join(f"{box.page}:{box.x0:.1f},{box.y0:.1f},{box.x1:.1f},{box.y1:.1f}" for box in boxes)
    return f' data-page="{" ".join(map(str, pages))}" data-box="{where}"'


def _note_index(footnotes: list[Footnote], label: str, pages: list[int]) -> int | None:
    matches = [index for index, note in enumerate(footnotes) if note.label == label]
    on_page = [index for index in matches if footnotes[index].page in pages]
    return (on_page or matches)[0] if matches else None


def _direction(text: str) -> str:
    """``dir="rtl"`` for text whose first letter is in a right-to-left script.

    >>> _direction("(1) مرحبا"), _direction("Hello")
    (' dir="rtl"', '')
    """
    if text.isascii():
        return ""
    for character in text:
        kind = unicodedata.bidirectional(character)
        if kind in ("R", "AL"):
            return ' dir="rtl"'
        if kind == "L":
            return ""
    return ""


def _text(text: str) -> str:
    """Text for an element's content, escaped (characters HTML does not allow are dropped from the whole page)."""
    return html.escape(text, quote=False)


def _attribute(text: str) -> str:
    return html.escape(text, quote=True)
