"""Word knowledge: a general lexicon (wordfreq) plus the document's own vocabulary.

The document's vocabulary is the strongest evidence there is: a word printed whole
elsewhere in the same document tells how the author spells it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

from wordfreq import zipf_frequency

WORD = re.compile(r"[^\W\d_]+(?:[-\u2010\u2011'’][^\W\d_]+)*")


@lru_cache(maxsize=65536)
def zipf(word: str, language: str = "en") -> float:
    """wordfreq's Zipf frequency of ``word`` (0 = unknown, 3 = about once per million words)."""
    return zipf_frequency(word, language)


class DocumentVocabulary:
    """Counts of the words a document prints, lower-cased, hyphenated compounds kept whole."""

    def __init__(self, texts: Iterable[str]) -> None:
        self.counts: Counter[str] = Counter()
        for text in texts:
            for match in WORD.finditer(text):
                word = match.group().lower().replace("\u2010", "-").replace("\u2011", "-")
                self.counts[word] += 1

    def count(self, word: str) -> int:
        return self.counts.get(word.lower(), 0)
