"""Stage ``repair``: fix mojibake, ligatures and odd Unicode in every word (ftfy).

Only words that are not plain ASCII are looked at, so born-digital English text costs
nearly nothing. Besides ftfy's own fixes (mojibake, ligatures such as "ﬁ", width
variants), a spacing accent set before its letter (TeX's "na¨ıve", "´etude") is put on
it, non-breaking and other Unicode hyphens become "-", soft hyphens left inside a word
are dropped, and empty words vanish. Curly quotes, dashes and ellipses are kept as
printed; ``ascii_punctuation`` turns them into ASCII.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from functools import lru_cache

import ftfy

from ..core.edits import EditLog
from ..core.geometry import Unit, Word, box_of
from ..language.detect import CJK_LETTERS

UNICODE_HYPHENS = str.maketrans({"\u2010": "-", "\u2011": "-", "\u00ad": None, "\u200b": None})
ASCII_PUNCTUATION = str.maketrans({"\u2013": "-", "\u2014": "--", "\u2026": "..."})
SPACING_ACCENTS = {"\u00a8": "\u0308", "\u00b4": "\u0301", "\u02c6": "\u0302", "\u02dc": "\u0303",
                   "\u00b8": "\u0327", "\u02da": "\u030a", "\u02c7": "\u030c", "\u02d8": "\u0306",
                   "\u02d9": "\u0307", "\u00af": "\u0304", "\u02dd": "\u030b", "\u02db": "\u0328"}
"""Accents as printed on their own (diaeresis, acute, circumflex, ...) and the combining marks
they stand for. The grave accent is left out: "`" is also a backtick, in code."""
ACCENT_BEFORE_LETTER = re.compile(f"([{''.join(SPACING_ACCENTS)}])([^\\W\\d_])")


def repair_text(units: list[Unit], edits: EditLog, ascii_punctuation: bool = False) -> list[Unit]:
    """Repair every unit's words in place; record each changed word."""
    for unit in units:
        if all(word.text.isascii() for word in unit.words):
            continue
        repaired: list[Word] = []
        for word in unit.words:
            fixed = repair_word(word.text, ascii_punctuation)
            if fixed != word.text:
                edits.record("repair", word.text, fixed, word.page, "Unicode repair (ftfy)",
                             box_of(word.page, word))
                word = replace(word, text=fixed)
            if word.text:
                repaired.append(word)
        unit.words = repaired
    return units


@lru_cache(maxsize=65536)
def repair_word(text: str, ascii_punctuation: bool = False) -> str:
    """One word with its Unicode problems fixed.

    >>> repair_word("ﬁnal"), repair_word("cafÃ©"), repair_word("co\u2010chaired"), repair_word("na¨ıve")
    ('final', 'café', 'co-chaired', 'naïve')
    >>> repair_word("“up”—then…"), repair_word("“up”—then…", ascii_punctuation=True)
    ('“up”—then…', '"up"--then...')
    """
    if text.isascii():
        return text
    text = ftfy.fix_text(text, uncurl_quotes=ascii_punctuation,  # fullwidth "，" belongs with CJK letters
                         fix_character_width=CJK_LETTERS.search(text) is None).translate(UNICODE_HYPHENS)
    if ascii_punctuation:
        text = text.translate(ASCII_PUNCTUATION)
    if ACCENT_BEFORE_LETTER.search(text):
        text = unicodedata.normalize("NFC", ACCENT_BEFORE_LETTER.sub(_accented, text))
    return text.strip()


def _accented(match: re.Match) -> str:
    letter = {"ı": "i", "ȷ": "j"}.get(match.group(2), match.group(2))  # the dot gives way to the accent
    return letter + SPACING_ACCENTS[match.group(1)]
