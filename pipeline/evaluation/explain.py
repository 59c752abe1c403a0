"""What differs when a document fails a bound: the gold's text beside the output's closest text.

For each metric that failed, the gold's parts that the metric missed: a paragraph with the
output paragraph most like it and a word diff (``[-gold words-] {+output words+}``), a
heading, a furniture line and the block it was found in, a hyphen resolved otherwise, a
table's missing cells, a footnote. :func:`pipeline.testing.assert_quality` shows it.
"""

from __future__ import annotations

import math
from pathlib import Path

from rapidfuzz import fuzz, process

from ..output.models import Document
from ..settings import DEFAULTS, Settings
from .compare import word_diff
from .documents import (
    Gold,
    fold,
    hyphenation_cases,
    judge_hyphens,
    leaks,
    match_headings,
    output_blocks,
    unmatched_paragraphs,
)
from .regions import missing_table_cells, unmatched

MAX_SHOWN = 5
"""Parts shown for each metric; the rest are counted."""
TEXT_METRICS = {"cer", "wer", "sentence_recall"}


def explain(failed: set[str], pdf: Path, gold: Gold, document: Document, settings: Settings = DEFAULTS) -> str:
    """What the failed metrics (by name) missed, part by part."""
    blocks = output_blocks(document)
    parts: list[str] = []
    shown: set[str] = set()
    if "paragraph_recall" in failed:
        paragraphs = [text for kind, text in blocks if kind in ("paragraph", "list_item")]
        missing = unmatched_paragraphs(gold.paragraphs, paragraphs, gold.paragraph_match)
        alike = "read the same" if gold.paragraph_match >= 100 else f"at least {gold.paragraph_match:g}% alike"
        parts.append(_listed(f"gold paragraphs that no output paragraph matches ({alike}):",
                             [_beside_closest(text, paragraphs) for text in missing]))
        shown.update(missing)
    if failed & {"heading_precision", "heading_recall"}:
        headings = [text for kind, text in blocks if kind == "heading"]
        match = match_headings(gold.headings, headings)
        parts.append(_listed("gold headings that no output heading matches (90% alike):",
                             [_beside_closest(text, headings) for text in match.gold_unmatched]))
        parts.append(_listed("output headings that match no gold heading:",
                             [f"  {text}" for text in match.output_unmatched]))
        shown.update(match.gold_unmatched)
    if "footnotes" in failed:
        notes = [note.text for note in document.footnotes]
        missing = unmatched(gold.footnotes, notes)
        parts.append(_listed("gold footnotes that no output footnote matches (90% alike):",
                             [_beside_closest(text, notes) for text in missing]))
        shown.update(missing)
    if "leakage" in failed:
        parts.append(_leaks(gold, blocks))
    if "hyphenation_accuracy" in failed:
        parts.append(_hyphens(pdf, gold, document, settings))
    if "table_cells" in failed:
        parts.append(_table_cells(gold, document))
    if failed & TEXT_METRICS:
        parts.append(_not_as_written(gold, blocks, shown))
    return "\n\n".join(part for part in parts if part)


def _not_as_written(gold: Gold, blocks: list[tuple[str, str]], shown: set[str]) -> str:
    """Gold blocks (but table rows, and texts shown already) that no output block reads as."""
    texts = [text for _, text in blocks]
    as_written = {fold(text) for text in texts}
    differing = [(kind, text) for kind, text in gold.blocks
                 if kind != "table" and text not in shown and fold(text) not in as_written]
    title = f"{'other ' if shown else ''}gold text that the output does not have as written:"
    return _listed(title, [_beside_closest(text, texts, kind) for kind, text in differing])


def _leaks(gold: Gold, blocks: list[tuple[str, str]]) -> str:
    found = leaks(gold.furniture, [text for _, text in blocks], [text for _, text in gold.blocks])
    return _listed("furniture found in the output:", [f"  {line!r} in: {block}" for line, block in found])


def _hyphens(pdf: Path, gold: Gold, document: Document, settings: Settings) -> str:
    wrong = [judgement for judgement in judge_hyphens(hyphenation_cases(pdf, settings), gold.text, document)
             if not judgement.correct]
    return _listed("line-end hyphens not resolved as the gold spells the word:",
                   [f"  {j.printed!r}: gold {j.gold_spelling!r}, output "
                    f"{repr(j.output) if j.output is not None else 'left as printed'}" for j in wrong])


def _table_cells(gold: Gold, document: Document) -> str:
    return _listed("gold table cells that the output's tables lack (compared in lower case):",
                   [f"  table {caption or '(no caption)'!r}: {', '.join(map(repr, cells))}"
                    for caption, cells in missing_table_cells(gold, document)])


def _beside_closest(text: str, candidates: list[str], kind: str = "") -> str:
    """A gold text, the candidate most like it, and the words that differ.

    >>> print(_beside_closest("The river ran low.", ["Pumps held.", "The river was low."], "paragraph"))
      gold paragraph: The river ran low.
      output:         The river was low. (88.8% alike)
      words:          The river [-ran-] {+was+} low.
    """
    found = process.extractOne(fold(text), [fold(c) for c in candidates], scorer=fuzz.ratio) if candidates else None
    rows = [(f"gold {kind}:" if kind else "gold:", text)]
    if found is None:
        rows.append(("output:", "nothing like it"))
    else:
        closest = candidates[found[2]]
        alike = math.floor(found[1] * 10) / 10  # never 100% for texts that differ
        rows += [("output:", f"{closest} ({alike:g}% alike)"), ("words:", word_diff(text, closest))]
    width = max(len(label) for label, _ in rows) + 1
    return "\n".join(f"  {label:<{width}}{value}" for label, value in rows)


def _listed(title: str, items: list[str]) -> str:
    if not items:
        return ""
    more = [f"  ... and {len(items) - MAX_SHOWN} more"] if len(items) > MAX_SHOWN else []
    return "\n".join([title, *items[:MAX_SHOWN], *more])
