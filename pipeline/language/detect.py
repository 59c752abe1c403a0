"""Which language a document is written in, from its own words.

The script of its letters narrows the choice (Cyrillic, Greek, Arabic, Hangul, ...); among
the languages written in that script, the one whose word list (wordfreq's, about 40
languages) knows the largest share of the document's words wins. The most widely written
languages are tried first, and the first that knows nearly all the words is taken without
trying the rest. The lists used are wordfreq's small ones (words at least once per million),
which load in about 30 ms each.

>>> detect_language(["The committee met on Tuesday to discuss the new budget for the library."])
'en'
>>> detect_language(["A receita federal informou que o prazo para a declaração termina em maio."])
'pt'
>>> [detect_language([text]) for text in ("今天的会议讨论了预算。", "オンラインの会議", "오늘 회의에서")]
['zh', 'ja', 'ko']
>>> detect_language(["12 345 67"]), detect_language(["Lorem ipsum dolor sit amet, consetetur sadipscing elitr"])
('und', 'und')
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

from wordfreq import available_languages, zipf_frequency

UNDETERMINED = "und"
"""ISO 639 code for a language that could not be told."""
SAMPLE_WORDS = 200
KNOWN_ZIPF = 3.0
"""A word at least this frequent in a language (once per million words) belongs to it."""
CLEAR_SHARE = 0.75
"""When a language knows this share of the words, no other language is tried."""
WIDELY_WRITTEN = ("en", "es", "fr", "de", "pt", "it", "ru", "nl", "pl", "tr", "id", "vi", "sv", "ar", "zh")
"""Languages tried before the others of their script, in this order."""
MIN_SHARE = 0.6
"""Below this share of known words in the best language, the language is undetermined."""
TOKEN = re.compile(r"[^\W\d_]{2,}")
CJK_LETTERS = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
"""Letters of Chinese, Japanese and Korean: with them, fullwidth punctuation ("，" "：") is the norm."""
WITHOUT_SPACES = re.compile("[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")
"""Chinese and Japanese characters and punctuation: text in them runs on with no spaces between
words, so a line break between two of them is no space either."""

SCRIPT_LANGUAGES = {
    "CYRILLIC": ("ru", "uk", "bg", "mk"), "GREEK": ("el",), "ARABIC": ("ar", "fa", "ur"),
    "HEBREW": ("he",), "HANGUL": ("ko",), "HIRAGANA": ("ja",), "KATAKANA": ("ja",), "CJK": ("zh",),
    "DEVANAGARI": ("hi",), "BENGALI": ("bn",), "TAMIL": ("ta",),
}
"""Languages of wordfreq's lists by the script they are written in; every other one is Latin."""


def joined(texts: list[str]) -> str:
    """Words of one line or cell as running text: a space between two words, none between two
    Chinese or Japanese characters (a cell's text wrapped over two lines).

    >>> joined(["受不利经济", "环境的影响", "(2023)", "AA+"])
    '受不利经济环境的影响 (2023) AA+'
    """
    text = texts[0] if texts else ""
    for word in texts[1:]:
        space = "" if text and WITHOUT_SPACES.match(text[-1]) and WITHOUT_SPACES.match(word[:1]) else " "
        text += space + word
    return text


def detect_language(texts: Iterable[str]) -> str:
    """The ISO 639-1 code of the language most of ``texts`` is in, or "und"."""
    words = _sample(texts)
    if not words:
        return UNDETERMINED
    script = _script(words)
    candidates = _languages_of(script)
    if script == "CJK" and any(_script_of(ch) in ("HIRAGANA", "KATAKANA") for word in words for ch in word):
        return "ja"
    if len(candidates) == 1:
        return candidates[0]
    best, best_share = UNDETERMINED, MIN_SHARE
    for language in sorted(candidates, key=_prominence):
        share = _known_share(words, language)
        if share >= CLEAR_SHARE:
            return language
        if share > best_share:
            best, best_share = language, share
    return best


def _prominence(language: str) -> int:
    return WIDELY_WRITTEN.index(language) if language in WIDELY_WRITTEN else len(WIDELY_WRITTEN)


def _sample(texts: Iterable[str]) -> Counter[str]:
    words: list[str] = []
    for text in texts:
        words += TOKEN.findall(text.lower())
        if len(words) >= SAMPLE_WORDS:
            break
    return Counter(words[:SAMPLE_WORDS])


def _script(words: Counter[str]) -> str:
    counts = Counter(_script_of(ch) for word in words for ch in word)
    return counts.most_common(1)[0][0]


@lru_cache(maxsize=4096)
def _script_of(ch: str) -> str:
    name = unicodedata.name(ch, "")
    return name.split(" ", 1)[0] if name else ""


def _languages_of(script: str) -> tuple[str, ...]:
    if script in SCRIPT_LANGUAGES:
        return SCRIPT_LANGUAGES[script]
    return _latin_languages() if script == "LATIN" else ()


@lru_cache(maxsize=1)
def _latin_languages() -> tuple[str, ...]:
    others = {language for languages in SCRIPT_LANGUAGES.values() for language in languages}
    return tuple(sorted(set(available_languages(wordlist="best")) - others))


def _known_share(words: Counter[str], language: str) -> float:
    known = sum(count for word, count in words.items() if _common_zipf(word, language) >= KNOWN_ZIPF)
    return known / words.total()


@lru_cache(maxsize=65536)
def _common_zipf(word: str, language: str) -> float:
    return zipf_frequency(word, language, wordlist="small")
