"""Score the pipeline against a reference Markdown, such as the one docling's tests expect.

A corpus folder with ``pdf/<stem>.pdf`` and ``gt/<stem>.md`` (the layout of
``../shared/corpus/docling``) is scored this way by ``python -m pipeline eval``. The
reference is another tool's reviewed output, not human gold, so the scores compare
structure and coverage, not exact text. Both Markdowns, the reference and the
pipeline's, are cut into blocks by the same reader (:func:`markdown_blocks`):

========================  ==============================================================
heading P / R             headings matched one to one at >= 90% similarity
paragraphs whole          reference paragraphs (and list items) that one output block
                          matches at >= 95% similarity (counted, to pool over documents)
reading order             of the reference paragraphs found in the output (at >= 80%),
                          the share of neighbours that come in the same order there
word P / R                words in common (as multisets, case and punctuation folded, a
                          word cut where it changes from a right-to-left script to another)
                          over the output's and over the reference's words
tables same shape         reference tables whose best matching output table (by cells in
                          common) has as many rows and columns
region headings           output headings that are no reference heading but a reference
                          table cell or caption ("Table 1 ...", "Figure 2 ...")
========================  ==============================================================

Texts are compared as read (:func:`reference_blocks`): quotation marks of any shape as one
(a tool may print a document's curly quotes straight), control characters dropped (a
checkbox glyph with no Unicode mapping comes out as one in the reference). Words are
counted cut where a right-to-left script meets another: Arabic writes its conjunction "و"
joined to the next word, a Latin one too ("وPython"), and where a PDF draws the space of such
a line is no sure sign of where it was typed, so a reference may space it ("و Python").
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz

from ..output.models import Document
from ..settings import DEFAULTS, Settings
from .documents import heading_scores
from .markdown import MarkdownBlock, folded, markdown_blocks

CAPTION_START = re.compile(r"^(?:figure|fig\.|table|tab\.|listing|\[?표|\[?그림)\s*\d", re.IGNORECASE)
WORD = re.compile(r"\w+")
RIGHT_TO_LEFT = "\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff"
SCRIPT_RUN = re.compile(f"[{RIGHT_TO_LEFT}]+|[^{RIGHT_TO_LEFT}]+")
"""A run of a word's characters in right-to-left scripts (Hebrew, Arabic), or in others."""
QUOTES = str.maketrans({mark: "'" for mark in "\"\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f\u2032\u2033"})
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
WHOLE = 95.0
FOUND = 80.0


@dataclass
class ReferenceScores:
    document: str
    heading_precision: float | None
    heading_recall: float | None
    paragraphs: int
    paragraphs_whole: int
    reading_order: float | None
    word_precision: float
    word_recall: float
    tables: int
    tables_same_shape: int
    region_headings: list[str]


def score_reference(document: Document, reference: str, name: str) -> ReferenceScores:
    return score_markdown(document.to_markdown(), reference, name)


def score_markdown(markdown: str, reference: str, name: str) -> ReferenceScores:
    """The scores of any tool's Markdown against the reference (peers are scored this way)."""
    ours, theirs = reference_blocks(markdown), reference_blocks(reference)
    our_headings = [b.text for b in ours if b.kind == "heading"]
    their_headings = [b.text for b in theirs if b.kind == "heading"]
    precision, recall = (heading_scores(their_headings, our_headings, words_in_any_order=True)
                         if their_headings else (None, None))
    paragraphs = [b.text for b in theirs if b.kind == "paragraph" and WORD.search(b.text)]
    candidates = [b.text for b in ours if b.kind in ("paragraph", "code")]
    whole = sum(1 for text in paragraphs if _best(text, candidates)[1] >= WHOLE)
    word_precision, word_recall = _word_overlap(ours, theirs)
    tables = [b for b in theirs if b.kind == "table"]
    same_shape = sum(1 for table in tables if _same_shape(table, [b for b in ours if b.kind == "table"]))
    return ReferenceScores(name, precision, recall, len(paragraphs), whole, _order(paragraphs, candidates),
                           word_precision, word_recall, len(tables), same_shape,
                           _region_headings(our_headings, their_headings, theirs))


def reference_blocks(markdown: str) -> list[MarkdownBlock]:
    """The blocks of a Markdown text (:func:`markdown_blocks`), their texts as compared: quotation
    marks of every shape as ``'``, control characters out, white space folded.

    >>> [b.text for b in reference_blocks('“Yes”, ‘no’ "or" don’t\\n\\n\\x84 \\x84 Maybe')]
    ["'Yes', 'no' 'or' don't", 'Maybe']
    """
    blocks = markdown_blocks(markdown)
    for block in blocks:
        block.text = folded(CONTROL.sub("", block.text.translate(QUOTES)))
    return blocks


def _best(text: str, candidates: list[str]) -> tuple[int, float]:
    """The index of the candidate most like ``text``, and how alike (0-100)."""
    best, score = -1, 0.0
    for index, candidate in enumerate(candidates):
        if abs(len(candidate) - len(text)) > 0.5 * max(len(text), 1) and score >= FOUND:
            continue
        similarity = fuzz.ratio(text, candidate)
        if similarity > score:
            best, score = index, similarity
    return best, score


def _order(paragraphs: list[str], candidates: list[str]) -> float | None:
    """The share of neighbouring reference paragraphs found in the output in the same order.

    A paragraph that several output paragraphs match equally well (a repeated one) is placed
    at the first of them after the place of the paragraph before it.

    >>> repeated = ["Lorem ipsum dolor.", "Code.", "Lorem ipsum dolor."]
    >>> _order(repeated, repeated)
    1.0
    """
    places: list[int] = []
    for text in paragraphs:
        index, score = _best(text, candidates)
        if score < FOUND:
            continue
        after = places[-1] if places else 0
        index = next((i for i in range(after, len(candidates)) if candidates[i] == candidates[index]), index)
        places.append(index)
    pairs = list(zip(places, places[1:]))
    return sum(1 for a, b in pairs if a <= b) / len(pairs) if pairs else None


def _words(blocks: list[MarkdownBlock]) -> Counter[str]:
    """The words of the blocks, each cut where its script changes between right to left and not.

    >>> sorted(_words(reference_blocks("R وPython حداقل50")).elements())
    ['50', 'python', 'r', 'حداقل', 'و']
    """
    return Counter(run.lower() for block in blocks if block.kind != "comment"
                   for word in WORD.findall(block.text) for run in SCRIPT_RUN.findall(word))


def _word_overlap(ours: list[MarkdownBlock], theirs: list[MarkdownBlock]) -> tuple[float, float]:
    our_words, their_words = _words(ours), _words(theirs)
    common = sum((our_words & their_words).values())
    return common / max(sum(our_words.values()), 1), common / max(sum(their_words.values()), 1)


def _same_shape(table: MarkdownBlock, candidates: list[MarkdownBlock]) -> bool:
    cells = Counter(cell for row in table.rows for cell in row if cell)
    best = max(candidates, key=lambda other: sum((cells & Counter(c for row in other.rows for c in row)).values()),
               default=None)
    if best is None or not sum((cells & Counter(c for row in best.rows for c in row)).values()):
        return False
    return len(best.rows) == len(table.rows) and len(best.rows[0]) == len(table.rows[0])


def _region_headings(ours: list[str], theirs: list[str], reference: list[MarkdownBlock]) -> list[str]:
    """Output headings that are not reference headings but reference table cells or captions."""
    cells = {cell.lower() for b in reference if b.kind == "table" for row in b.rows for cell in row if cell}
    captions = [b.text.lower() for b in reference if b.kind == "paragraph" and CAPTION_START.match(b.text)]
    found = []
    for heading in ours:
        key = heading.lower()
        if any(fuzz.ratio(key, h.lower()) >= 90 for h in theirs):
            continue
        if key in cells or any(fuzz.partial_ratio(key, caption) >= 95 for caption in captions):
            found.append(heading)
    return found


def reference_pairs(corpus: Path) -> list[tuple[Path, Path]]:
    """(pdf, reference Markdown) pairs of a corpus folder: ``pdf/<stem>.pdf`` + ``gt/<stem>.md``."""
    return [(corpus / "pdf" / f"{md.stem}.pdf", md) for md in sorted(corpus.glob("gt/*.md"))
            if (corpus / "pdf" / f"{md.stem}.pdf").exists()]


def evaluate_reference(pdf: Path, reference: Path, settings: Settings = DEFAULTS) -> ReferenceScores:
    from ..run import process_pdf

    document = process_pdf(pdf, settings=settings)
    return score_reference(document, reference.read_text(encoding="utf-8"), pdf.stem)


def format_reference_table(rows: list[ReferenceScores]) -> str:
    header = ["document", "head P", "head R", "paragraphs whole", "order", "word P", "word R", "tables same shape",
              "region headings"]
    lines = [" | ".join(header), " | ".join("---" for _ in header)]

    def cell(value: float | None) -> str:
        return "-" if value is None else f"{value:.2f}"

    for r in rows:
        lines.append(" | ".join([r.document, cell(r.heading_precision), cell(r.heading_recall),
                                 f"{r.paragraphs_whole}/{r.paragraphs}", cell(r.reading_order),
                                 cell(r.word_precision), cell(r.word_recall), f"{r.tables_same_shape}/{r.tables}",
                                 str(len(r.region_headings))]))
    lines.append(" | ".join(["**all**", *(cell(v) for v in _mean_headings(rows)),
                             f"{sum(r.paragraphs_whole for r in rows)}/{sum(r.paragraphs for r in rows)}",
                             cell(_mean([r.reading_order for r in rows])),
                             cell(_mean([r.word_precision for r in rows])),
                             cell(_mean([r.word_recall for r in rows])),
                             f"{sum(r.tables_same_shape for r in rows)}/{sum(r.tables for r in rows)}",
                             str(sum(len(r.region_headings) for r in rows))]))
    return "\n".join(lines)


def _mean(values: list[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    return sum(known) / len(known) if known else None


def _mean_headings(rows: list[ReferenceScores]) -> tuple[float | None, float | None]:
    return _mean([r.heading_precision for r in rows]), _mean([r.heading_recall for r in rows])
