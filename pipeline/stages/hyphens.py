"""Stage ``hyphens``: join each unit's lines into running text, resolving line-end hyphens,
and so the lines of each table cell that wraps.

A word broken at a line end is either a word the typesetter hyphenated ("sustain-" +
"able" -> "sustainable") or a compound whose own hyphen fell at the line end
("Earth-" + "sourced" -> "Earth-sourced"). The decision, in order of evidence:

1. a soft hyphen (U+00AD) is always a break hyphen;
2. the document's own vocabulary: whichever form is printed elsewhere in it wins;
3. a capitalised second part ("China-Pakistan") or digits keep the hyphen;
4. the lexicon of the document's language: join when the joined word is common or in the
   spelling dictionary ("upright", "boatyard"), when the first part is a prefix English
   writes closed up ("sub-", "super-"), or when a part is not a word at all (the break is
   inside a word); keep the hyphen when both parts are words and the joined form is not
   ("long-term", "on-site"). The spelling dictionary and the prefixes are English; in other
   languages wordfreq's word list of the language decides.

Chinese and Japanese lines run on with no space, and are never dehyphenated.
"""

from __future__ import annotations

from dataclasses import replace

from ..core.edits import EditLog
from ..core.geometry import HYPHENS, Unit, Word, box_of, joint_confidence
from ..language.detect import WITHOUT_SPACES
from ..language.lexicon import WORD, DocumentVocabulary, in_dictionary, zipf
from ..settings import DEFAULTS, HyphensSettings
from .regions import text_rows

JOINERS = "–—/"
"""En and em dashes and slashes: at a line end inside a word, the word goes on with no space."""
CLOSED_PREFIXES = frozenset({"sub", "super", "semi", "hyper", "auto", "un", "de", "dis", "in", "im", "ir",
                             "il", "con", "com", "inter", "intra", "trans", "over", "under", "out", "up",
                             "down", "mis", "micro", "macro", "poly", "mono", "homo", "hetero", "iso"})
CLOSED_SUFFIXES = frozenset({"able", "ible", "less", "ness", "ship", "hood", "ward", "wards", "wise", "ful",
                             "ing", "ings", "ed", "ment", "ments", "tion", "tions", "sion", "ly", "ity", "ous"})
"""English prefixes and word-like suffixes that are written closed up ("subgroups", "upright",
"searchable", "dimensionless"): a line-end hyphen next to them is a break hyphen. Prefixes
often kept hyphenated (co-, non-, self-, well-, pre-) are not listed; the dictionary and the
document decide those."""


LINK_WRAPPERS = "()[]<>.,;:"
"""Brackets and punctuation set around a link's address in running text."""
MIN_ADDRESS = 6
"""Pieces shorter than this joined are too short to tell an address from words of the link text."""
STRAY_MARKS = "'‘’`"
"""Marks that cannot start the second half of a word broken at a line end; before a lower-case
letter there they are specks an OCR engine read as quotes, and are dropped."""


def resolve_hyphens(units: list[Unit], edits: EditLog, settings: HyphensSettings = DEFAULTS.hyphens,
                    language: str = "en") -> list[Unit]:
    """Fill ``unit.words`` for every unit, joining lines and resolving line-end hyphens with
    the lexicon of ``language`` (ISO 639-1); the words of a table's cells too, each cell's
    lines joined the same way."""
    joiner = _LineJoiner(DocumentVocabulary(lambda: _unbroken_text(units)), edits, settings, language)
    for unit in units:
        unit.words = joiner.join(unit)
        if unit.region is not None and unit.region.kind == "table":
            for cell in unit.region.cells:
                cell.words = joiner.join_cell(cell.words)
    return units



def _unbroken_text(units: list[Unit]):
    """Every line's text without its last word when that word ends in a hyphen."""
    for unit in units:
        for line in unit.lines:
            words = line.words
            if words[-1].text[-1:] in HYPHENS:
                words = words[:-1]
            yield " ".join(w.text for w in words)


class _LineJoiner:
    """Joins a unit's lines into running words, with the evidence of one document."""

    def __init__(self, vocabulary: DocumentVocabulary, edits: EditLog, settings: HyphensSettings,
                 language: str) -> None:
        self.vocabulary, self.edits, self.settings, self.language = vocabulary, edits, settings, language

    def join(self, unit: Unit) -> list[Word]:
        words: list[Word] = []
        carry: Word | None = None
        for index, line in enumerate(unit.lines):
            line_words = list(line.words)
            if carry is not None:
                line_words[0] = self._merge(carry, line_words[0], line.page)
                carry = None
            elif words and _runs_on_without_space(words[-1], line_words[0]):
                line_words[0] = self._run_on(words.pop(), line_words[0], line.page,
                                             "Chinese and Japanese lines run on without a space")
            elif words and _splits_a_link(words[-1], line_words[0]):
                line_words[0] = self._run_on(words.pop(), line_words[0], line.page,
                                             "a link's address goes on at the next line")
            last = line_words[-1]
            is_last_line = index == len(unit.lines) - 1
            if not is_last_line and (_ends_with_break_hyphen(last) or _ends_with_joiner(last)):
                carry = line_words.pop()
            words.extend(line_words)
        if carry is not None:
            words.append(carry)
        return words

    def join_cell(self, words: list[Word]) -> list[Word]:
        """A table cell's words, in reading order, with a word broken at the end of one of its
        lines resolved with the first word of the next, as in running text ("ses-" "sions",
        "(g/" "cm3)")."""
        joined: list[Word] = []
        for line in text_rows(words) if words else []:
            if joined and (_ends_with_break_hyphen(joined[-1]) or _ends_with_joiner(joined[-1])):
                line = [self._merge(joined.pop(), line[0], line[0].page), *line[1:]]
            joined.extend(line)
        return joined

    def _merge(self, left: Word, right: Word, page: int) -> Word:
        if left.text[-1] in JOINERS:
            return self._run_on(left, right, page, "a dash or slash ends the line inside a word")
        continuation = right.text
        if continuation[:1] in STRAY_MARKS and continuation[1:2].islower():
            continuation = continuation[1:]  # a speck an OCR engine read as a quote: "instru-" "'ments"
        join, reason = decide_hyphen(left.text, continuation, self.vocabulary, self.settings, self.language)
        stem = left.text.rstrip(HYPHENS)
        text = stem + continuation if join else stem + "-" + continuation
        self.edits.record("dehyphenate" if join else "hyphen_kept", f"{left.text} {right.text}", text,
                          page, reason, box_of(page, left))
        return replace(left, text=text, link=left.link or right.link, confidence=joint_confidence(left, right))

    def _run_on(self, left: Word, right: Word, page: int, reason: str) -> Word:
        """``left`` and ``right``, the last and first words of two lines, as one word."""
        text = left.text + right.text
        self.edits.record("line_joined", f"{left.text} {right.text}", text, page, reason, box_of(page, left))
        return replace(left, text=text, link=left.link or right.link, confidence=joint_confidence(left, right))


def _runs_on_without_space(left: Word, right: Word) -> bool:
    end = left.text.rstrip(HYPHENS)[-1:]
    return bool(end and WITHOUT_SPACES.match(end) and WITHOUT_SPACES.match(right.text[0]))


def _splits_a_link(left: Word, right: Word) -> bool:
    """Whether ``left`` and ``right``, the last and first words of two lines, are pieces of one
    link's address: both carry the link, whose target holds them joined.

    >>> link = "mailto:wangst@umich.edu"
    >>> _splits_a_link(Word("(wangst@", 0, 0, 9, 9, 9, link=link), Word("umich.edu)", 0, 9, 9, 18, 9, link=link))
    True
    >>> _splits_a_link(Word("Click", 0, 0, 9, 9, 9, link=link), Word("here", 0, 9, 9, 18, 9, link=link))
    False
    """
    if not left.link or left.link != right.link:
        return False
    joined = (left.text + right.text).strip(LINK_WRAPPERS)
    return len(joined) >= MIN_ADDRESS and joined in left.link


def _ends_with_break_hyphen(word: Word) -> bool:
    """Whether a word ends in a hyphen (or a soft hyphen and the hyphen drawn for it, as
    browsers print them: "Au\u00ad\u2010") after a letter or digit."""
    stem = word.text.rstrip(HYPHENS)
    return bool(stem) and stem != word.text and stem[-1].isalnum() and not WITHOUT_SPACES.match(stem[-1])


def _ends_with_joiner(word: Word) -> bool:
    """A dash or slash glued to the end of a word: the next line goes on without a space
    ("2018–" + "23–51", "and/" + "or", "https://" + "www.example.org")."""
    text = word.text
    return len(text) >= 2 and text[-1] in JOINERS and not text[-2].isspace()


def decide_hyphen(left: str, right: str, vocabulary: DocumentVocabulary,
                  settings: HyphensSettings = DEFAULTS.hyphens, language: str = "en") -> tuple[bool, str]:
    """Whether ``left`` (ending in a hyphen) and ``right`` form one word in ``language``; and why.

    >>> vocabulary = DocumentVocabulary([])
    >>> decide_hyphen("sustain-", "able", vocabulary)[0]
    True
    >>> decide_hyphen("Earth-", "sourced", vocabulary)[0]
    False
    >>> decide_hyphen("China-", "Pakistan", vocabulary)[0]
    False
    """
    if "\u00ad" in left[-2:]:
        return True, "soft hyphen"
    head = _trailing_letters(left[:-1])
    tail = _leading_letters(right)
    if not head or not tail:
        return False, "not letters on both sides"
    if right[len(tail):len(tail) + 1] in HYPHENS and len(right) > len(tail) + 1:
        joined = head + tail
        if (language == "en" and in_dictionary(joined)) or zipf(joined.lower(), language) >= settings.common_joined:
            return True, f"'{joined}' is a word inside a hyphenated compound"
        compound = head + _leading_compound(right)
        if vocabulary.count(compound) > vocabulary.count(f"{head}-{_leading_compound(right)}"):
            return True, f"'{compound}' appears {vocabulary.count(compound)}x in the document"
        return False, "a hyphenated compound goes on over the line end"
    joined, compound = head + tail, f"{head}-{tail}"
    joined_seen, compound_seen = vocabulary.count(joined), vocabulary.count(compound)
    if joined_seen != compound_seen:
        if joined_seen > compound_seen:
            return True, f"'{joined}' appears {joined_seen}x in the document"
        return False, f"'{compound}' appears {compound_seen}x in the document"
    if tail[0].isupper() and not (head.isupper() and tail.isupper()):
        return False, "second part is capitalised"
    return _lexicon_decision(head, tail, joined, settings, language)


def _lexicon_decision(head: str, tail: str, joined: str, settings: HyphensSettings,
                      language: str) -> tuple[bool, str]:
    if zipf(joined.lower(), language) >= settings.common_joined:
        return True, f"'{joined}' is a common word"
    if language == "en":
        if in_dictionary(joined):
            return True, f"'{joined}' is in the dictionary"
        if head.lower() in CLOSED_PREFIXES:
            return True, f"'{head}-' is a prefix English writes closed up"
        if tail.lower() in CLOSED_SUFFIXES:
            return True, f"'-{tail}' is a suffix English writes closed up"
    head_z, tail_z = zipf(head.lower(), language), zipf(tail.lower(), language)
    joined_z = zipf(joined.lower(), language)
    if min(head_z, tail_z) < settings.word_zipf:
        return True, "a part is not a word: the break is inside a word"
    if head[:1].isupper() and joined_z and joined_z >= min(head_z, tail_z) - settings.name_margin:
        return True, f"'{joined}' is a name about as common as its parts"
    return False, f"both parts are words and '{joined}' is not in the dictionary"


def _trailing_letters(text: str) -> str:
    """The last hyphen-free run of letters: "state-of-the" -> "the", "(sustain" -> "sustain"."""
    end = len(text)
    start = end
    while start > 0 and (text[start - 1].isalpha() or text[start - 1] in "'’"):
        start -= 1
    return text[start:end]


def _leading_compound(text: str) -> str:
    """The hyphenated compound ``text`` starts with: "mase-producing," -> "mase-producing"."""
    match = WORD.match(text)
    return match.group() if match else ""


def _leading_letters(text: str) -> str:
    end = 0
    while end < len(text) and (text[end].isalpha() or text[end] in "'’"):
        end += 1
    return text[:end]
