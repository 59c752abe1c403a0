"""Measure OCR clean-up: on documents against their gold, and on OCR/gold line pairs.

Per document (``python -m pipeline eval`` adds these columns when a document has OCR'd pages):

==================  ==============================================================
text layer errors   words of the PDF's own text layer that are not in the gold: the
                    OCR errors as a scanner left them (none for image-only files)
left                output words that are not in the gold
fixed               text layer errors that are gone from the output
new                 output errors the text layer did not have (made by the pipeline)
corrections         words the corrector changed, and how many of them were wrong
                    (did not give a gold word, or changed the letters of one)
==================  ==============================================================

Words are compared as multisets of tokens (punctuation stripped from their ends, case
kept, curly apostrophes as straight ones, lone marks such as a bullet read as "+" left
out), so reading order does not count. The text
layer is read line by line, as PyMuPDF gives it; before it is compared, the lines that
are the gold's running headers and footers (75% alike: OCR misreads them too) are dropped,
and a word broken at a line-end hyphen is joined as the gold spells it, since furniture
and hyphenation are measured on their own.

On OCR/gold pairs (``python -m pipeline eval --ocr-pairs FILE.jsonl``, one
``{"ocr": ..., "gold": ...}`` per line, as in ``shared/corpus/ocr-pairs``): each pair is
one small document, each word corrected with its neighbours in the line; tokens are
aligned one to one where the two texts agree in length
and compared without the punctuation at their ends (the corrector changes letters only),
and the corrector's changes are counted as fixed (gives the gold token), broke (the
token was right) or neither; pairs whose OCR equals the gold must stay unchanged.
"""

from __future__ import annotations

import difflib
import json
import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from ..language.lexicon import DocumentVocabulary
from ..output.models import Document
from ..settings import DEFAULTS, OcrfixSettings
from ..stages.ocrfix import WORD_MARKS, OcrCorrector

STRAIGHT_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "‚": "'"})
FURNITURE_MATCH = 75.0
"""Similarity (rapidfuzz ratio) at which a text layer line is one of the gold's furniture lines."""


def tokens(text: str) -> list[str]:
    """Words of ``text`` with punctuation stripped from their ends; case is kept. Marks
    standing alone ("-", "+", "·") are not words.

    >>> tokens("“Chongging’s” (2025) + port-side.")
    ["Chongging's", '2025', 'port-side']
    """
    words = (word.strip(WORD_MARKS) for word in text.translate(STRAIGHT_QUOTES).split())
    return [word for word in words if any(c.isalnum() for c in word)]


@dataclass
class OcrScores:
    layer_errors: int | None
    errors_left: int
    fixed: int | None
    new: int | None
    corrections: int
    wrong_corrections: int

    @property
    def fixed_share(self) -> float | None:
        """Share of the text layer's errors that are gone from the output (None when the
        text layer has none: there was nothing to fix)."""
        return self.fixed / self.layer_errors if self.layer_errors and self.fixed is not None else None


def ocr_scores(document: Document, gold_text: str, layer_lines: list[str], furniture: list[str]) -> OcrScores | None:
    """OCR error counts of ``document`` (None when it has no OCR'd page), against the
    text layer's ``layer_lines`` (empty for a file without one)."""
    if all(page.text_source == "text" for page in document.pages):
        return None
    gold = Counter(tokens(gold_text))
    output = Counter(tokens(" ".join(p.text for p in document.paragraphs()) + " " + " ".join(document.headings())))
    corrections = [edit for edit in document.edits if edit.kind == "ocr_correction"]
    wrong = 0
    for edit in corrections:
        gave_gold = all(gold[t] for t in tokens(edit.after))
        was_gold = all(gold[t] for t in tokens(edit.before))
        wrong += not gave_gold or (was_gold and tokens(edit.before) != tokens(edit.after))
    left = output - gold
    if not any(line.strip() for line in layer_lines):
        return OcrScores(None, _total(left), None, None, len(corrections), wrong)
    layer_errors = text_layer_errors(layer_lines, gold_text, furniture)
    return OcrScores(_total(layer_errors), _total(left), _total(layer_errors - left), _total(left - layer_errors),
                     len(corrections), wrong)


def text_layer_errors(layer_lines: list[str], gold_text: str, furniture: list[str]) -> Counter[str]:
    """The words of a text layer that are not in the gold, once the furniture lines are
    dropped and words broken at line ends are joined as the gold spells them.

    >>> layer = ["Coastal Birds Newsletter", "- Spring 2026 1", "the finest fi-", "nances of Chongging"]
    >>> text_layer_errors(layer, "the finest finances of Chongqing", ["Coastal Birds Newsletter · Spring 2026 · 1"])
    Counter({'Chongging': 1})
    """
    gold = Counter(tokens(gold_text))
    layer = Counter(tokens(" ".join(_without_furniture(_joined_hyphens(layer_lines, gold), furniture))))
    return layer - gold


def text_layer_lines(pdf: Path, password: str | None = None) -> list[str]:
    """The lines of the PDF's own text, as PyMuPDF reads them."""
    from ..stages.extract import open_with_pymupdf

    with open_with_pymupdf(pdf, password) as doc:
        return [line for page in doc for line in page.get_text().splitlines()]


def _total(counts: Counter[str]) -> int:
    return sum(counts.values())


def bare_words(text: str) -> str:
    """``text``'s words in small letters, one space apart, without marks.

    >>> bare_words("‘Harbour Science Notes - March 2026 · 1")
    'harbour science notes march 2026 1'
    """
    return " ".join(re.findall(r"\w+", text.lower()))


def _without_furniture(words: list[str], furniture: list[str]) -> list[str]:
    """``words`` without the run of words most like each furniture line (when 75% alike),
    and without one bare page number per page-number line."""
    words = list(words)
    for line in furniture:
        target = bare_words(line)
        if not any(c.isalpha() for c in target):
            if target in words:
                words.remove(target)
            continue
        span = _most_alike_span(words, target)
        if span:
            del words[span[0]:span[1]]
    return words


def _most_alike_span(words: list[str], target: str) -> tuple[int, int] | None:
    """Indices (start, end) of the run of ``words`` most like ``target``, when 75% alike."""
    indices, starts, pieces, offset = [], [], [], 0
    for index, word in enumerate(words):
        if bare := bare_words(word):
            indices.append(index)
            starts.append(offset)
            pieces.append(bare)
            offset += len(bare) + 1
    found = fuzz.partial_ratio_alignment(target, " ".join(pieces))
    if found is None or found.score < FURNITURE_MATCH:
        return None
    first = bisect_right(starts, found.dest_start) - 1
    last = bisect_right(starts, max(found.dest_end - 1, found.dest_start)) - 1
    return indices[first], indices[last] + 1


def _joined_hyphens(lines: list[str], gold: Counter[str]) -> list[str]:
    """Words of ``lines``, with a word broken at a line-end hyphen joined as the gold spells
    it ("fi-" + "nances" -> "finances", "long-" + "term" -> "long-term")."""
    words: list[str] = []
    for line in lines:
        following = line.split()
        if words and following and words[-1].endswith("-"):
            head, tail = tokens(words[-1][:-1]), tokens(following[0])
            if head and tail:
                joined, compound = head[0] + tail[0], f"{head[0]}-{tail[0]}"
                if gold[joined] or gold[compound]:
                    words[-1] = words[-1][:-1] + ("" if gold[joined] >= gold[compound] else "-") + following.pop(0)
        words += following
    return words


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


def pair_scores(path: Path, settings: OcrfixSettings = DEFAULTS.ocrfix) -> PairScores:
    """Score the corrector on a JSON-lines file of ``{"ocr": ..., "gold": ...}`` pairs."""
    pairs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    totals: Counter[str] = Counter()
    distance_before = distance_after = gold_length = 0
    for pair in pairs:
        ocr, gold = pair["ocr"], pair["gold"]
        corrector = OcrCorrector(DocumentVocabulary([ocr]), settings)
        after = corrected_words(corrector, ocr.split())
        corrected = " ".join(after)
        totals["clean_pairs"] += ocr == gold
        totals["clean_pairs_changed"] += ocr == gold and corrected != ocr
        _count_tokens(ocr.split(), after, gold.split(), totals)
        distance_before += Levenshtein.distance(ocr, gold)
        distance_after += Levenshtein.distance(corrected, gold)
        gold_length += len(gold)
    gold_length = max(gold_length, 1)
    return PairScores(len(pairs), totals["clean_pairs"], totals["clean_pairs_changed"], totals["wrong_tokens"],
                      totals["changed"], totals["fixed"], totals["broke"],
                      distance_before / gold_length, distance_after / gold_length)


def corrected_words(corrector: OcrCorrector, words: list[str]) -> list[str]:
    """``words`` (one line or paragraph) through the corrector, each with its neighbours."""
    return [corrector.correct(word, words[i - 1] if i else None, words[i + 1] if i + 1 < len(words) else None)
            or word for i, word in enumerate(words)]


def _count_tokens(ocr: list[str], corrected: list[str], gold: list[str], totals: Counter) -> None:
    matcher = difflib.SequenceMatcher(None, ocr, gold, autojunk=False)
    for tag, i0, i1, j0, j1 in matcher.get_opcodes():
        if tag not in ("equal", "replace") or i1 - i0 != j1 - j0:
            continue
        for seen, after, meant in zip(ocr[i0:i1], corrected[i0:i1], gold[j0:j1]):
            seen, meant, after = (word.strip(WORD_MARKS) for word in (seen, meant, after))
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
