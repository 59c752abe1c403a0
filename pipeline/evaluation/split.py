"""Score the halves of a split corpus apart: the half rules were tuned on, and the untouched one.

A split file (TOML) lists each half's PDFs, relative to a root folder::

    [development]
    files = ["docling/pdf/redp5110_sampled.pdf", "bast-korzen/astro-ph0001004.pdf"]
    [untouched]
    files = ["wild/real/pdfjs__tracemonkey.pdf"]

Each PDF is read once and scored by what it has: against its gold text (``NAME.gt.txt``
beside it), against a reference Markdown (``../gt/NAME.md`` for a file in a ``pdf/``
folder), and, all of them, for coverage of its text layer (:mod:`.coverage`).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from ..settings import DEFAULTS, Settings
from .coverage import CoverageScores, format_coverage_table, score_coverage
from .documents import Scores, format_table, load_gold_text, score
from .reference import ReferenceScores, format_reference_table, score_reference


@dataclass
class HalfScores:
    name: str
    gold: list[Scores] = field(default_factory=list)
    reference: list[ReferenceScores] = field(default_factory=list)
    coverage: list[CoverageScores] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)


def load_split(path: Path) -> dict[str, list[str]]:
    """The halves of a split file, by name, each a list of paths."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return {name: list(half["files"]) for name, half in data.items()}


def evaluate_half(name: str, files: list[str], root: Path, settings: Settings = DEFAULTS) -> HalfScores:
    from ..core.errors import PdfError
    from ..run import process_pdf

    half = HalfScores(name)
    for relative in files:
        pdf = root / relative
        if not pdf.exists():
            half.missing.append(relative)
            continue
        try:
            document = process_pdf(pdf, settings=settings)
        except PdfError:
            half.missing.append(relative)
            continue
        gold = pdf.with_name(pdf.stem + ".gt.txt")
        if gold.exists():
            half.gold.append(score(pdf, load_gold_text(gold), document, settings))
        reference = pdf.parent.parent / "gt" / f"{pdf.stem}.md"
        if pdf.parent.name == "pdf" and reference.exists():
            half.reference.append(score_reference(document, reference.read_text(encoding="utf-8"), pdf.stem))
        half.coverage.append(score_coverage(pdf, document))
    return half


def format_half(half: HalfScores) -> str:
    parts = [f"## {half.name}"]
    if half.gold:
        parts += ["### against gold text", format_table(half.gold)]
    if half.reference:
        parts += ["### against reference Markdown", format_reference_table(half.reference)]
    if half.coverage:
        parts += ["### text layer accounted for", format_coverage_table(half.coverage)]
    if half.missing:
        parts.append("not scored (absent or unreadable): " + ", ".join(half.missing))
    return "\n\n".join(parts)
