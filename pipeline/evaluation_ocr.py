"""Measure the OCR corrector: on documents against their gold, and on OCR/gold line pairs.

Per document (``python -m pipeline eval`` adds these columns when a document has OCR'd pages):

=================  ===============================================================
OCR errors before  output words that are not in the gold, with the corrections undone
                   (the OCR text as laid out, before the corrector)
OCR errors left    output words that are not in the gold
corrections        words the corrector changed
wrong corrections  changes that did not give a gold word, or changed the letters of one
=================  ===============================================================

Words are compared as multisets of tokens (punctuation stripped from their ends, case
kept), so reading-order differences do not count as OCR errors.

On OCR/gold pairs (``python -m pipeline eval --ocr-pairs FILE.jsonl``, one
``{"ocr": ..., "gold": ...}`` per line, as in ``shared/corpus/ocr-pairs``): each pair is
one small document; tokens are aligned one to one where the two texts agree in length
and compared without the punctuation at their ends (the corrector changes letters only),
and the corrector's changes are counted as fixed (gives the gold token), broke (the
token was right) or neither; pairs whose OCR equals the gold must stay unchanged.
"""

from __future__ import annotations

import difflib
import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz.distance import Levenshtein

from .lexicon import DocumentVocabulary
from .models import Document
from .ocrfix import OcrCorrector

PUNCTUATION = "\"'“”‘’()[]{}.,;:!?«»*"


def tokens(text: str) -> list[str]:
    """Words of ``text`` with punctuation stripped from their ends; case is kept."""
    return [t for t in (word.strip(PUNCTUATION) for word in text.split()) if t]


@dataclass
class OcrScores:
    errors_before: int
    errors_left: int
    corrections: int
    wrong_corrections: int


def ocr_scores(document: Document, gold_text: str) -> OcrScores | None:
    """OCR error counts of ``document`` (None when it has no OCR'd page)."""
    ocr_pages = {page.number for page in document.pages if page.text_source != "text"}
    if not ocr_pages:
        return None
    gold = Counter(tokens(gold_text))
    output = Counter(tokens(" ".join(p.text for p in document.paragraphs()) + " " + " ".join(document.headings())))
    corrections = [edit for edit in document.edits if edit.kind == "ocr_correction"]
    before = output.copy()
    wrong = 0
    for edit in corrections:
        before.subtract(tokens(edit.after))
        before.update(tokens(edit.before))
        gave_gold = all(gold[t] for t in tokens(edit.after))
        was_gold = all(gold[t] for t in tokens(edit.before))
        wrong += not gave_gold or (was_gold and tokens(edit.before) != tokens(edit.after))
    return OcrScores(_errors(+before, gold), _errors(output, gold), len(corrections), wrong)


def _errors(words: Counter[str], gold: Counter[str]) -> int:
    return sum((words - gold).values())


@dataclass
class PairScores:
    pairs: int
    clean_pairs: int
    clean_pairs_changed: int
    wrong_tokens: int
    changed: int
    fixed: int
    broke: int
    cer_before: float
    cer_after: float

    @property
    def precision(self) -> float:
        return self.fixed / self.changed if self.changed else 1.0

    @property
    def recall(self) -> float:
        return self.fixed / self.wrong_tokens if self.wrong_tokens else 1.0


def pair_scores(path: Path) -> PairScores:
    """Score the corrector on a JSON-lines file of ``{"ocr": ..., "gold": ...}`` pairs."""
    pairs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    totals = Counter()
    distance_before = distance_after = gold_length = 0
    for pair in pairs:
        ocr, gold = pair["ocr"], pair["gold"]
        corrector = OcrCorrector(DocumentVocabulary([ocr]))
        corrected = " ".join(corrector.correct(word) or word for word in ocr.split())
        totals["clean_pairs"] += ocr == gold
        totals["clean_pairs_changed"] += ocr == gold and corrected != ocr
        _count_tokens(ocr.split(), gold.split(), corrector, totals)
        distance_before += Levenshtein.distance(ocr, gold)
        distance_after += Levenshtein.distance(corrected, gold)
        gold_length += len(gold)
    gold_length = max(gold_length, 1)
    return PairScores(len(pairs), totals["clean_pairs"], totals["clean_pairs_changed"], totals["wrong_tokens"],
                      totals["changed"], totals["fixed"], totals["broke"],
                      distance_before / gold_length, distance_after / gold_length)


def _count_tokens(ocr: list[str], gold: list[str], corrector: OcrCorrector, totals: Counter) -> None:
    matcher = difflib.SequenceMatcher(None, ocr, gold, autojunk=False)
    for tag, i0, i1, j0, j1 in matcher.get_opcodes():
        if tag not in ("equal", "replace") or i1 - i0 != j1 - j0:
            continue
        for seen, meant in zip(ocr[i0:i1], gold[j0:j1]):
            after = corrector.correct(seen) or seen
            seen, meant, after = (word.strip(PUNCTUATION) for word in (seen, meant, after))
            totals["wrong_tokens"] += seen != meant
            totals["changed"] += after != seen
            totals["fixed"] += after != seen and after == meant
            totals["broke"] += after != seen and seen == meant


def format_pair_scores(scores: PairScores) -> str:
    return "\n".join([
        f"pairs: {scores.pairs} ({scores.clean_pairs} already correct, {scores.clean_pairs_changed} of them changed)",
        f"aligned wrong tokens: {scores.wrong_tokens}; changed {scores.changed}, fixed {scores.fixed}, "
        f"broke a correct token {scores.broke}",
        f"precision {scores.precision:.3f}, recall {scores.recall:.3f}, "
        f"CER {scores.cer_before:.4f} -> {scores.cer_after:.4f}",
    ])
