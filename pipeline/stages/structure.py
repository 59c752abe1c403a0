"""Stage ``structure``: assemble units into the :class:`Document` tree of sections.

The tree is built as plain data and validated into the pydantic model once, at the
end: one pass through pydantic's core is much faster than building thousands of
model objects one by one.
"""

from __future__ import annotations

import re

from ..core.geometry import Line, PageLayout, RawDocument, Unit, Word, box_of
from ..output.models import Document
from ..settings import Settings
from .classify import BULLET_GLYPHS, contents_entries, heading_number, normalise_heading
from .lines import MARK_WORD

BULLET_PREFIX = re.compile(rf"^[{BULLET_GLYPHS}\-–*\ufffd]\s*")


def build_document(raw: RawDocument, pages: list[PageLayout], units: list[Unit],
                   furniture: list[dict], edits: list[dict], settings: Settings) -> Document:
    """The output document: title, contents, sections with their paragraphs, provenance, and
    the settings that differ from the defaults."""
    headings = {normalise_heading(u.text) for u in units if u.kind == "heading"}
    title: str | None = None
    toc_lines: list[Line] = []  # consecutive contents units: an entry may wrap from one into the next
    toc: list[str] = []
    preamble = _section(None, 0)
    stack: list[dict] = [preamble]
    for unit in units:
        if unit.kind != "toc" and toc_lines:
            toc.extend(contents_entries(toc_lines, headings))
            toc_lines = []
        if unit.kind == "title" and title is None:
            title = unit.text
        elif unit.kind == "toc":
            toc_lines += unit.lines
        elif unit.kind in ("heading", "title"):
            section = _heading_section(unit)
            while len(stack) > 1 and stack[-1]["level"] >= section["level"]:
                stack.pop()
            stack[-1]["sections"].append(section)
            stack.append(section)
        else:
            stack[-1]["paragraphs"].append(paragraph_data(unit))
    toc.extend(contents_entries(toc_lines, headings))
    top_level, preamble["sections"] = preamble["sections"], []
    return Document.model_validate({
        "source": raw.source, "extractor": settings.extract.extractor, "page_count": raw.page_count,
        "title": title, "toc": toc,
        "sections": ([preamble] if preamble["paragraphs"] else []) + top_level,
        "pages": _pages(pages),
        "warnings": raw.warnings, "furniture": furniture, "edits": edits, "settings": settings.changed(),
    })


def _pages(pages: list[PageLayout]) -> list[dict]:
    return [{"number": p.number, "width": p.width, "height": p.height, "columns": p.columns,
             "text_source": p.text_source, "text_quality": p.text_quality, "ocr_decision": p.ocr_decision}
            for p in pages]


def _section(heading: str | None, level: int, **extra) -> dict:
    return {"heading": heading, "level": level, "paragraphs": [], "sections": [], **extra}


def _heading_section(unit: Unit) -> dict:
    first = unit.lines[0]
    return _section(unit.text, max(unit.level, 1), number=heading_number(unit.text), page=first.page,
                    box=box_of(first.page, first))


def paragraph_data(unit: Unit) -> dict:
    """A paragraph or list item (JSON form of :class:`pipeline.output.models.Paragraph`)."""
    words = unit.words
    if unit.kind == "list_item" and len(words) > 1 and MARK_WORD.match(words[0].text):
        words = words[1:]
    elif unit.kind == "list_item" and words and BULLET_PREFIX.match(words[0].text):
        rest = BULLET_PREFIX.sub("", words[0].text)
        words = ([_with_text(words[0], rest)] if rest else []) + words[1:]
    return {"kind": "list_item" if unit.kind == "list_item" else "paragraph",
            "text": " ".join(w.text for w in words), "runs": _runs(words),
            "pages": unit.pages, "boxes": _boxes(unit.lines)}


def _with_text(word: Word, text: str) -> Word:
    from dataclasses import replace

    return replace(word, text=text)


def _runs(words: list[Word]) -> list[dict]:
    """Consecutive words of one inline style, as runs (a run keeps the space that follows it)."""
    groups: list[tuple[tuple[bool, bool, str | None], list[str]]] = []
    for word in words:
        style = (word.bold, word.italic, word.link)
        if groups and groups[-1][0] == style:
            groups[-1][1].append(word.text)
        else:
            groups.append((style, [word.text]))
    last = len(groups) - 1
    return [{"text": " ".join(texts) + (" " if i < last else ""), "bold": bold, "italic": italic, "link": link}
            for i, ((bold, italic, link), texts) in enumerate(groups)]


def _boxes(lines: list[Line]) -> list[dict]:
    """One box per run of lines on the same page and in the same column."""
    runs: list[list[Line]] = []
    for line in lines:
        last = runs[-1][-1] if runs else None
        if last and last.page == line.page and min(last.x1, line.x1) - max(last.x0, line.x0) > 0 \
                and line.y0 >= last.y0:
            runs[-1].append(line)
        else:
            runs.append([line])
    return [{"page": run[0].page, "x0": round(min(l.x0 for l in run), 1), "y0": round(run[0].y0, 1),
             "x1": round(max(l.x1 for l in run), 1), "y1": round(max(l.y1 for l in run), 1)}
            for run in runs]
