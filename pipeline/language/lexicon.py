"""Word knowledge: the document's own vocabulary, a spelling dictionary, and word frequencies.

* The document's vocabulary is the strongest evidence there is: a word printed whole
  elsewhere in the same document tells how the author spells it.
* The spelling dictionary (pyspellchecker's English list, filtered against a
  dictionary) says whether a word is correctly spelled English: it has "upright" and
  "boatyard" but not "longterm" or "onsite", which web text (and so wordfreq) contains
  as common misspellings of hyphenated compounds.
* wordfreq gives how common a word is (Zipf scale), for words a dictionary lacks
  (names, technical terms) and for ranking.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from functools import lru_cache
from importlib.util import find_spec

from wordfreq import available_languages, zipf_frequency

WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
UNICODE_HYPHENS = str.maketrans({"\u2010": "-", "\u2011": "-"})


@lru_cache(maxsize=65536)
def zipf(word: str, language: str = "en") -> float:
    """wordfreq's Zipf frequency of ``word`` (0 = unknown, 3 = about once per million words;
    always 0 in a language wordfreq has no list for)."""
    return zipf_frequency(word, language) if language in _listed_languages() else 0.0


TOKENIZERS = {"zh": "jieba", "ja": "MeCab", "ko": "MeCab"}
"""Languages whose words wordfreq can only look up with a tokenizer package, and that package."""


@lru_cache(maxsize=1)
def _listed_languages() -> frozenset[str]:
    return frozenset(language for language in available_languages(wordlist="best")
                     if language not in TOKENIZERS or find_spec(TOKENIZERS[language]))


@lru_cache(maxsize=1)
def spelling_dictionary() -> frozenset[str]:
    from spellchecker import WordFrequency

    frequency = WordFrequency()
    frequency.load_dictionary(_english_dictionary_path())
    return frozenset(frequency.dictionary)


def _english_dictionary_path() -> str:
    from importlib.resources import files

    return str(files("spellchecker") / "resources" / "en.json.gz")


BRITISH_TO_AMERICAN = [(re.compile(pattern), replacement) for pattern, replacement in [
    (r"our(s|ed|ing|hood|ite|ites|able)?$", r"or\1"), (r"tre(s)?$", r"ter\1"),
    (r"is(e|es|ed|ing|ation|ations)$", r"iz\1"), (r"ys(e|es|ed|ing)$", r"yz\1"),
    (r"ogue(s)?$", r"og\1"), (r"ll(ed|ing|er|ers)$", r"l\1"), (r"ence$", "ense")]]
"""Spelling patterns of British English that a US word list lacks: neighbours, metres, organisation."""


def in_dictionary(word: str) -> bool:
    """Whether ``word`` (any case) is a correctly spelled English word, British spellings included.

    >>> in_dictionary("boatyard"), in_dictionary("longterm"), in_dictionary("neighbours")
    (True, False, True)
    """
    word = word.lower()
    dictionary = spelling_dictionary()
    if word in dictionary:
        return True
    return any(pattern.search(word) and pattern.sub(replacement, word) in dictionary
               for pattern, replacement in BRITISH_TO_AMERICAN)


KNOWN_ZIPF = 3.0
"""A word at least this frequent in wordfreq's lists (about once per million words) is known."""


@lru_cache(maxsize=65536)
def is_known_word(word: str) -> bool:
    """Whether ``word`` is a real word: in the spelling dictionary or common in wordfreq's lists.

    >>> is_known_word("Igbal"), is_known_word("internationally"), is_known_word("tbe")
    (False, True, False)
    """
    return in_dictionary(word) or zipf(word.lower()) >= KNOWN_ZIPF


RARE_TRIGRAM_SHARE = 2e-6
"""A letter trigram rarer than this share of all trigrams in English word use is unusual."""


@lru_cache(maxsize=1)
def _letter_trigrams() -> tuple[dict[str, float], float]:
    """Letter trigrams of common English words ("^" and "$" mark the ends), weighted by word frequency."""
    from wordfreq import top_n_list, word_frequency

    weights: dict[str, float] = {}
    for word in top_n_list("en", 50000):
        if word.isalpha():
            frequency = word_frequency(word, "en")
            marked = f"^{word}$"
            for index in range(len(marked) - 2):
                trigram = marked[index:index + 3]
                weights[trigram] = weights.get(trigram, 0.0) + frequency
    return weights, sum(weights.values())


def is_well_formed(word: str) -> bool:
    """Whether every letter trigram of ``word`` is usual in English: true of rare words, names
    and old spellings ("betweene", "Patonga"), seldom of OCR misreadings ("evldenco", "tbe").

    >>> is_well_formed("betweene"), is_well_formed("Patonga"), is_well_formed("evldenco"), is_well_formed("tbe")
    (True, True, False, False)
    """
    weights, total = _letter_trigrams()
    marked = f"^{word.lower()}$"
    return all(weights.get(marked[i:i + 3], 0.0) / total >= RARE_TRIGRAM_SHARE for i in range(len(marked) - 2))


class DocumentVocabulary:
    """Counts of the words a document prints, lower-cased, hyphenated compounds kept whole.

    ``texts`` is the text, or a function giving it; a function is called on the first
    look-up only, so a document that never needs its vocabulary does not pay for it.
    """

    def __init__(self, texts: Iterable[str] | Callable[[], Iterable[str]]) -> None:
        self._texts = texts
        self._counts: Counter[str] | None = None

    @property
    def counts(self) -> Counter[str]:
        if self._counts is None:
            texts = self._texts() if callable(self._texts) else self._texts
            text = "\n".join(texts).lower()
            if "\u2010" in text or "\u2011" in text:  # translate is slow; most texts have neither
                text = text.translate(UNICODE_HYPHENS)
            self._counts = Counter(WORD.findall(text))
        return self._counts

    def count(self, word: str) -> int:
        return self.counts.get(word.lower(), 0)
