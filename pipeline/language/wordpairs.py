"""How well a word fits between its neighbours: word-pair counts for the OCR corrector.

The counts are SymSpell's English word and word-pair frequencies (from Google Books
n-grams, shipped in the ``symspellpy`` package: 82,765 words, 242,342 pairs, each pair
seen at least 6.4 million times). Under a bigram model, the odds that ``candidate``
rather than ``word`` stands between ``previous`` and ``following`` are

    pair(previous, candidate) * pair(candidate, following) / count(candidate)
    ---------------------------------------------------------------------------
    pair(previous, word) * pair(word, following) / count(word)

A pair missing from the list is estimated as if its words were independent,
count(a) * count(b) / total, but never above the list's smallest pair count (it would
be listed); a word missing from the list counts half the smallest word count.
:func:`context_gain` gives that ratio in powers of ten.

>>> round(context_gain("at", "ali", "times", "all"), 1) > 1
True
>>> context_gain("the", "end", "of", "and") < 0
True
"""

from __future__ import annotations

import math
from functools import lru_cache
from importlib import resources

WORDS_FILE = "frequency_dictionary_en_82_765.txt"
PAIRS_FILE = "frequency_bigramdictionary_en_243_342.txt"


@lru_cache(maxsize=1)
def _counts() -> tuple[dict[str, int], dict[tuple[str, str], int], int, int, float]:
    """Word counts, pair counts, all words' total, the smallest listed pair count, and the
    count standing in for an unlisted word."""
    folder = resources.files("symspellpy")
    words: dict[str, int] = {}
    for line in (folder / WORDS_FILE).read_text(encoding="utf-8").splitlines():
        word, _, count = line.partition(" ")
        words[word] = int(count)
    pairs: dict[tuple[str, str], int] = {}
    for line in (folder / PAIRS_FILE).read_text(encoding="utf-8").splitlines():
        first, second, count = line.split(" ")
        pairs[first, second] = int(count)
    return words, pairs, sum(words.values()), min(pairs.values()), min(words.values()) / 2


def _word_count(word: str) -> float:
    words, *_, unlisted = _counts()
    return words.get(word) or unlisted


def _pair_count(first: str, second: str) -> float:
    _, pairs, total, smallest, _ = _counts()
    return pairs.get((first, second)) or min(_word_count(first) * _word_count(second) / total, smallest)


def _fit(previous: str | None, word: str, following: str | None) -> float:
    fit = -math.log10(_word_count(word))
    if previous:
        fit += math.log10(_pair_count(previous, word))
    if following:
        fit += math.log10(_pair_count(word, following))
    return fit


def context_gain(previous: str | None, word: str, following: str | None, candidate: str) -> float:
    """How many powers of ten more probable ``candidate`` is than ``word`` between these
    neighbours (small letters, no punctuation; None where the sentence has no neighbour)."""
    return _fit(previous, candidate, following) - _fit(previous, word, following)


def context_evidence(previous: str | None, word: str, following: str | None, candidate: str) -> float:
    """How much better (in powers of ten) the neighbours go with ``candidate`` than with
    ``word``, leaving out the two words' own frequencies: for each neighbour that the pair
    list has with either word, the ratio of pair count to word count. (For choosing between
    candidates whose frequencies are already weighed.)"""
    pairs = _counts()[1]
    evidence = 0.0
    for pair_of in ((lambda x: (previous, x)), (lambda x: (x, following))):
        if pair_of(candidate) in pairs or pair_of(word) in pairs:
            evidence += math.log10(_pair_count(*pair_of(candidate)) / _word_count(candidate))
            evidence -= math.log10(_pair_count(*pair_of(word)) / _word_count(word))
    return evidence


def is_seen_with(previous: str | None, word: str, following: str | None) -> bool:
    """Whether the pair list has ``word`` with one of its neighbours."""
    pairs = _counts()[1]
    return (previous, word) in pairs or (word, following) in pairs
