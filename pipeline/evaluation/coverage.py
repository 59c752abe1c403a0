"""Score a document that has no gold: is every word of its text layer accounted for?

For real documents nobody has transcribed, the PDF's own text layer is the reference for
*what* must come out (not for its order or clean-up). Words are compared as multisets,
lower-cased, letters and digits only:

=====================  ===============================================================
words kept             share of the text layer's words that are in the output: its
                       Markdown, or set aside with a record (furniture, figure labels)
words added            share of the output's words that are not in the text layer
                       (doubled text, garbage; OCR'd pages are left out of both sides)
silent empty pages     pages with text in the PDF that give nothing, and no warning
=====================  ===============================================================

A word broken by a line-end hyphen in the PDF is two words there and one in the output,
so a clean document scores a little under 1.00 on both counts.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ..output.models import Contents, Document, Figure, Table
from ..stages.structure import MIN_PAGE_TEXT

TOKEN = re.compile(r"[^\W_]+")
WARNED_PAGE = re.compile(r"\bpage (\d+)\b")
"""A page a warning names ("page 12: 40 characters set at an angle were left out")."""


@dataclass
class CoverageScores:
    document: str
    words: int
    words_kept: float
    words_added: float
    silent_empty_pages: list[int]


def score_coverage(pdf: Path, document: Document) -> CoverageScores:
    import pymupdf

    read = {page.number for page in document.pages if page.text_source == "text"}
    printed: Counter[str] = Counter()
    texts: dict[int, str] = {}
    with pymupdf.open(pdf) as source:
        for page in source:
            if page.number + 1 in read:
                texts[page.number + 1] = page.get_text()
                printed.update(_tokens(texts[page.number + 1]))
    ours = Counter(_tokens(_output_text(document, read)))
    common = (printed & ours).total()
    return CoverageScores(pdf.stem, printed.total(), common / printed.total() if printed else 1.0,
                          1 - common / ours.total() if ours else 0.0, _silent_empty_pages(document, texts))


def _tokens(text: str) -> list[str]:
    return TOKEN.findall(text.lower())


def _output_text(document: Document, pages: set[int]) -> str:
    """The words the document gives for ``pages``: its blocks, footnotes, figure labels, and
    what was set aside as furniture."""
    parts: list[str] = []
    for block in document.blocks():
        if not set(block.pages) & pages or isinstance(block, Contents):  # contents: the toc, below
            continue
        if isinstance(block, Table | Figure):
            parts += [cell.text for cell in block.cells] if isinstance(block, Table) else block.labels
            parts.append(block.caption or "")
        else:
            parts.append(block.text)
    parts += [section.heading for section in document.iter_sections() if section.heading and section.page in pages]
    parts += [note.text + " " + note.label for note in document.footnotes if note.page in pages]
    parts += [item.text for item in document.furniture if item.page in pages]
    if document.title:
        parts.append(document.title)
    parts += document.toc
    return "\n".join(parts)


def _silent_empty_pages(document: Document, texts: dict[int, str]) -> list[int]:
    given = {page for block in document.blocks() for page in block.pages}
    given |= {section.page for section in document.iter_sections() if section.page}
    given |= {note.page for note in document.footnotes} | {item.page for item in document.furniture}
    warned = {int(number) for warning in document.warnings for number in WARNED_PAGE.findall(warning)}
    return [number for number, text in texts.items() if len(text.strip()) >= MIN_PAGE_TEXT
            and number not in given and number not in warned]


def format_coverage_table(rows: list[CoverageScores]) -> str:
    lines = ["document | words | kept | added | silent empty pages", "--- | --- | --- | --- | ---"]
    for r in rows:
        lines.append(f"{r.document} | {r.words} | {r.words_kept:.3f} | {r.words_added:.3f} | "
                     f"{','.join(map(str, r.silent_empty_pages)) or '-'}")
    total = sum(r.words for r in rows) or 1
    kept = sum(r.words_kept * r.words for r in rows) / total
    lines.append(f"**all** | {total} | {kept:.3f} | {_mean([r.words_added for r in rows]):.3f} | "
                 f"{sum(len(r.silent_empty_pages) for r in rows)}")
    return "\n".join(lines)


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else 0.0
