"""A first gold file for a person to correct: ``python -m pipeline gold init``.

A draft holds the pipeline's reading of a PDF (accept it, then fix what is wrong), or the
text of a Markdown file that a person corrected (the pipeline's Markdown, edited). Either
way the lines the reading took out as running heads, footers and page numbers become the
gold's furniture, the lines that must not appear, but for any that the text itself holds;
and its paragraphs must be read word for word (``paragraph_match`` 100).

A Markdown file is read block by block (blocks are separated by blank lines):

====================  ================================================================
``# Title``           the title, when it is the first block and the only ``#`` heading
``## 1 Findings``     a section heading; the shallowest heading level is level 1
``- item``            a list (``1. item`` keeps its number as part of the text); a list
                      of the reading's contents entries is the contents, and a numbered
                      line that the reading has as a paragraph is one
``| a | b |``         a table (a pipe table or an HTML ``<table>``)
``<!-- figure -->``   a figure
fenced code           a code listing
``[^1]: text``        a footnote
any other block       a paragraph: its lines joined, inline marks removed
====================  ================================================================

A paragraph at least 90% alike a caption or a formula of the reading is one; a caption
right before a table, or right after a figure, is theirs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from ..output.markdown import ENUMERATED_ITEM, FIGURE_MARK
from ..output.models import Block, Code, Contents, Document, Figure, Formula, Table
from .documents import FOOTNOTE_CALL, fold, gold_of, leaks
from .gold import (
    CaptionEntry,
    CodeEntry,
    Entry,
    FigureEntry,
    FormulaEntry,
    GoldDocument,
    GoldFigure,
    GoldFootnote,
    GoldSection,
    GoldTable,
    ListEntry,
    TableEntry,
)
from .markdown import markdown_blocks, markdown_chunks, plain

HEADING_LINE = re.compile(r"^(#{1,6})\s+(.*)$")
LIST_ITEM_START = re.compile(r"^\s*(?:[-*+]\s+|(?=\d{1,2}[.)]\s))")
"""A bullet, removed; or an item's number, which stays in its text as the pipeline writes it."""
FOOTNOTE_LINE = re.compile(r"^\[\^([^\]]+)\]:\s*")
WORD_FOR_WORD = 100.0
"""A draft's paragraphs match only output paragraphs that read the same: it holds every word."""
SAME_TEXT = 90.0
"""How alike (0-100) a Markdown block and a block of the reading must be to be taken for the same."""


def draft_from_document(document: Document, name: str) -> GoldDocument:
    """The reading of a PDF as a gold file."""
    front: list[Entry] = []
    sections: list[GoldSection] = []
    for section in document.iter_sections():
        if section.heading:
            sections.append(GoldSection(heading=section.heading, level=section.level))
        entries = sections[-1].paragraphs if sections else front
        for block in section.blocks:
            if not isinstance(block, Contents):  # its entries are the draft's toc
                _append(entries, _entry(block))
    footnotes = [GoldFootnote(label=note.label, text=note.text) for note in document.footnotes]
    draft = GoldDocument(id=name, title=document.title, front_matter=front, toc=list(document.toc),
                         sections=sections, footnotes=footnotes, paragraph_match=WORD_FOR_WORD)
    return _with_furniture(draft, document)


def _entry(block: Block) -> Entry:
    if isinstance(block, Table):
        return TableEntry(table=GoldTable(caption=block.caption, rows=block.grid(), header_rows=block.header_rows))
    if isinstance(block, Figure):
        return FigureEntry(figure=GoldFigure(caption=block.caption))
    if isinstance(block, Code):
        return CodeEntry(code=block.text)
    if isinstance(block, Formula):
        return FormulaEntry(formula=block.text)
    if block.kind == "list_item":
        return ListEntry(items=[block.text])
    return CaptionEntry(caption=block.text) if block.kind == "caption" else block.text


def _append(entries: list[Entry], entry: Entry) -> None:
    """``entry`` after ``entries``, list items in a row making one list."""
    if isinstance(entry, ListEntry) and entries and isinstance(entries[-1], ListEntry):
        entries[-1].items += entry.items
    else:
        entries.append(entry)


def _append_placing_captions(entries: list[Entry], entry: Entry) -> None:
    """Like :func:`_append`, but a caption right before a table, or right after a figure,
    neither with a caption, becomes theirs (Markdown does not say whose a caption is)."""
    previous = entries[-1] if entries else None
    if isinstance(entry, TableEntry) and isinstance(previous, CaptionEntry) and entry.table.caption is None:
        entry.table.caption = previous.caption
        entries[-1] = entry
    elif isinstance(entry, CaptionEntry) and isinstance(previous, FigureEntry) and previous.figure.caption is None:
        previous.figure.caption = entry.caption
    else:
        _append(entries, entry)


def _with_furniture(draft: GoldDocument, reading: Document) -> GoldDocument:
    """``draft`` with the furniture of the reading, each line once, but for the lines that
    the draft's own text holds (those could not be asserted absent)."""
    texts = [text for _, text in gold_of(draft, draft.id or "", reading.page_count).blocks]
    lines = dict.fromkeys(item.text for item in reading.furniture if item.text.strip())
    found = {line for line, _ in leaks(list(lines), texts)}
    return draft.model_copy(update={"furniture": [line for line in lines if line not in found]})


@dataclass
class _Heading:
    hashes: int
    text: str


@dataclass
class _Contents:
    entries: list[str]


_Part = Entry | _Heading | _Contents | GoldFootnote


def draft_from_markdown(markdown: str, reading: Document | None, name: str) -> GoldDocument:
    """A corrected Markdown file as a gold file; ``reading`` (the pipeline's reading of
    the same PDF), when given, tells captions, formulas and contents entries, and gives the
    furniture."""
    kinds = _special_kinds(reading) if reading else {}
    parts = [part for chunk in _chunks(markdown) if (part := _part(chunk, kinds)) is not None]
    title = _title(parts)
    if title:
        parts = parts[1:]
    top = min((part.hashes for part in parts if isinstance(part, _Heading)), default=1)
    front: list[Entry] = []
    sections: list[GoldSection] = []
    toc: list[str] = []
    footnotes: list[GoldFootnote] = []
    for part in parts:
        if isinstance(part, _Heading):
            sections.append(GoldSection(heading=part.text, level=part.hashes - top + 1))
        elif isinstance(part, _Contents):
            toc += part.entries
        elif isinstance(part, GoldFootnote):
            footnotes.append(part)
        else:
            _append_placing_captions(sections[-1].paragraphs if sections else front, part)
    draft = GoldDocument(id=name, title=title, front_matter=front, toc=toc, sections=sections, footnotes=footnotes,
                         paragraph_match=WORD_FOR_WORD)
    return _with_furniture(draft, reading) if reading else draft


def _special_kinds(reading: Document) -> dict[str, str]:
    """The reading's captions, formulas, contents entries and numbered paragraphs (which
    Markdown writes as list items), by their folded text."""
    kinds = {fold(entry): "toc" for entry in reading.toc}
    for block in reading.blocks():
        if isinstance(block, Table | Figure) and block.caption:
            kinds[fold(block.caption)] = "caption"
        elif isinstance(block, Formula) or block.kind == "caption":
            kinds[fold(block.text)] = block.kind
        elif block.kind == "paragraph" and ENUMERATED_ITEM.match(block.text):
            kinds[fold(block.text)] = "paragraph"
    return kinds


def _kind_of(text: str, kinds: dict[str, str]) -> str | None:
    folded = fold(text)
    if folded in kinds:
        return kinds[folded]
    found = process.extractOne(folded, list(kinds), scorer=fuzz.ratio, score_cutoff=SAME_TEXT)
    return kinds[found[0]] if found else None


def _chunks(markdown: str) -> list[str]:
    """The Markdown's blocks, a heading line apart from any lines right below it."""
    chunks = []
    for chunk in markdown_chunks(markdown):
        first, _, rest = chunk.partition("\n")
        chunks += [first, rest] if HEADING_LINE.match(first) and rest.strip() else [chunk]
    return chunks


def _part(chunk: str, kinds: dict[str, str]) -> _Part | None:
    first = chunk.splitlines()[0].strip()
    if first.startswith("```"):
        return CodeEntry(code="\n".join(chunk.splitlines()[1:-1]))
    if first.startswith("<!--"):
        return FigureEntry(figure=GoldFigure()) if first == FIGURE_MARK else None
    if heading := HEADING_LINE.match(first):
        return _Heading(len(heading.group(1)), plain(heading.group(2)))
    if note := FOOTNOTE_LINE.match(chunk):
        return GoldFootnote(label=note.group(1), text=_text(chunk[note.end():]))
    if (block := markdown_blocks(chunk)[0]).kind == "table":
        return TableEntry(table=GoldTable(rows=block.rows))
    if LIST_ITEM_START.match(first):
        items = _list_items(chunk)
        if all(_kind_of(item, kinds) == "toc" for item in items):
            return _Contents(items)
        return items[0] if len(items) == 1 and _kind_of(items[0], kinds) == "paragraph" else ListEntry(items=items)
    text = _text(chunk)
    kind = _kind_of(text, kinds)
    if kind == "caption":
        return CaptionEntry(caption=text)
    return FormulaEntry(formula=text) if kind == "formula" else text


def _list_items(chunk: str) -> list[str]:
    """A list's items; a line that starts no item goes on the one before."""
    items: list[str] = []
    for line in chunk.splitlines():
        if LIST_ITEM_START.match(line) or not items:
            items.append(LIST_ITEM_START.sub("", line))
        else:
            items[-1] += " " + line
    return [_text(item) for item in items]


def _text(markdown: str) -> str:
    """Plain text of a Markdown paragraph: lines joined, marks and footnote calls removed."""
    return plain(FOOTNOTE_CALL.sub("", markdown))


def _title(parts: list[_Part]) -> str | None:
    """The first block's text when it is the only ``#`` heading."""
    tops = [part for part in parts if isinstance(part, _Heading) and part.hashes == 1]
    return tops[0].text if parts and tops == [parts[0]] else None
