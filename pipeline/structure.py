"""Stage ``structure``: assemble units into the :class:`Document` tree of sections."""

from __future__ import annotations

import re

from .classify import SECTION_NUMBER, contents_entries, normalise_heading
from .geometry import Line, PageLayout, RawDocument, Unit, Word
from .models import Box, Document, Furniture, PageInfo, Paragraph, Run, Section

BULLET_PREFIX = re.compile(r"^[•◦▪▫‣∙·●○■□►▸\-–*]\s*")


def build_document(raw: RawDocument, pages: list[PageLayout], units: list[Unit],
                   furniture: list[Furniture], edits: list, extractor: str) -> Document:
    """The output document: title, contents, sections with their paragraphs, provenance."""
    headings = {normalise_heading(u.text) for u in units if u.kind == "heading"}
    document = Document(
        source=raw.source, extractor=extractor, page_count=len(raw.pages),
        pages=[PageInfo(number=p.number, width=p.width, height=p.height, columns=p.columns) for p in pages],
        furniture=furniture, edits=edits,
    )
    preamble = Section(heading=None, level=0)
    stack: list[Section] = [preamble]
    for unit in units:
        if unit.kind == "title" and document.title is None:
            document.title = unit.text
        elif unit.kind == "toc":
            document.toc.extend(contents_entries(unit.lines, headings))
        elif unit.kind in ("heading", "title"):
            section = _section(unit)
            while len(stack) > 1 and stack[-1].level >= section.level:
                stack.pop()
            stack[-1].sections.append(section)
            stack.append(section)
        else:
            stack[-1].paragraphs.append(paragraph_from(unit))
    top_level, preamble.sections = preamble.sections, []
    document.sections = ([preamble] if preamble.paragraphs else []) + top_level
    return document


def _section(unit: Unit) -> Section:
    text = unit.text
    match = SECTION_NUMBER.match(text)
    number = match.group(1) if match and match.group(2) else None
    first = unit.lines[0]
    return Section(heading=text, level=max(unit.level, 1), number=number, page=first.page,
                   box=Box(page=first.page, x0=first.x0, y0=first.y0, x1=first.x1, y1=first.y1))


def paragraph_from(unit: Unit) -> Paragraph:
    words = unit.words
    if unit.kind == "list_item" and words and BULLET_PREFIX.match(words[0].text):
        rest = BULLET_PREFIX.sub("", words[0].text)
        words = ([_with_text(words[0], rest)] if rest else []) + words[1:]
    runs = _runs(words)
    return Paragraph(kind="list_item" if unit.kind == "list_item" else "paragraph",
                     text=" ".join(w.text for w in words), runs=runs,
                     pages=unit.pages, boxes=_boxes(unit.lines))


def _with_text(word: Word, text: str) -> Word:
    from dataclasses import replace

    return replace(word, text=text)


def _runs(words: list[Word]) -> list[Run]:
    runs: list[Run] = []
    for word in words:
        style = (word.bold, word.italic, word.link)
        if runs and (runs[-1].bold, runs[-1].italic, runs[-1].link) == style:
            runs[-1].text += " " + word.text
        else:
            if runs:
                runs[-1].text += " "
            runs.append(Run(text=word.text, bold=word.bold, italic=word.italic, link=word.link))
    return runs


def _boxes(lines: list[Line]) -> list[Box]:
    """One box per run of lines on the same page and in the same column."""
    boxes: list[Box] = []
    for line in lines:
        last = boxes[-1] if boxes else None
        if last and last.page == line.page and min(last.x1, line.x1) - max(last.x0, line.x0) > 0 \
                and line.y0 >= last.y0:
            last.x0, last.x1 = min(last.x0, line.x0), max(last.x1, line.x1)
            last.y1 = max(last.y1, line.y1)
        else:
            boxes.append(Box(page=line.page, x0=line.x0, y0=line.y0, x1=line.x1, y1=line.y1))
    return [Box(page=b.page, x0=round(b.x0, 1), y0=round(b.y0, 1), x1=round(b.x1, 1), y1=round(b.y1, 1))
            for b in boxes]
