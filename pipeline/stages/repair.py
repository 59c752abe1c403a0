"""Stage ``repair``: fix mojibake, ligatures and odd Unicode in every word (ftfy).

Only words that are not plain ASCII are looked at, so born-digital English text costs
nearly nothing. Besides ftfy's own fixes (mojibake, ligatures such as "ﬁ", width
variants, curly quotes to straight ones unless ``keep_quotes``), non-breaking and other
Unicode hyphens become "-", soft hyphens left inside a word are dropped, and empty words
vanish.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

import ftfy

from ..core.edits import EditLog
from ..core.geometry import Unit, Word, box_of

UNICODE_HYPHENS = str.maketrans({"\u2010": "-", "\u2011": "-", "\u00ad": None, "\u200b": None})


def repair_text(units: list[Unit], edits: EditLog, keep_quotes: bool = False) -> list[Unit]:
    """Repair every unit's words in place; record each changed word."""
    for unit in units:
        if all(word.text.isascii() for word in unit.words):
            continue
        repaired: list[Word] = []
        for word in unit.words:
            fixed = repair_word(word.text, keep_quotes)
            if fixed != word.text:
                edits.record("repair", word.text, fixed, word.page, "Unicode repair (ftfy)",
                             box_of(word.page, word))
                word = replace(word, text=fixed)
            if word.text:
                repaired.append(word)
        unit.words = repaired
    return units


@lru_cache(maxsize=65536)
def repair_word(text: str, keep_quotes: bool = False) -> str:
    """One word with its Unicode problems fixed.

    >>> repair_word("ﬁnal"), repair_word("cafÃ©"), repair_word("co\u2010chaired"), repair_word("“up”")
    ('final', 'café', 'co-chaired', '"up"')
    """
    if text.isascii():
        return text
    return ftfy.fix_text(text, uncurl_quotes=not keep_quotes).translate(UNICODE_HYPHENS).strip()
