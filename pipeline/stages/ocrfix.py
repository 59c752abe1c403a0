"""Stage ``ocrfix``: correct OCR misreadings on OCR'd pages, by a noisy-channel model.

For a word that no dictionary, word list or the document itself knows, candidates are
made by undoing the misreadings OCR engines make (:data:`CONFUSIONS`: "rn" read for
"m", "g" for "q", "l" for "I", ...), by single-letter edits, and by putting back a space
lost before or after a function word ("thanksto"). Each candidate is scored, in powers of ten, as

    prior (wordfreq's Zipf frequency, raised when the document prints the candidate
    elsewhere) minus the cost of the misreadings needed to produce what was printed,

and the word is replaced only when the best candidate is far more probable than both
the word as read and the runner-up (the words around it, through the word-pair counts
of :mod:`pipeline.language.wordpairs`, may settle between the two). A known word is changed only
into a far commoner one that the document prints often, or into one that the document
prints and that is far likelier between the word's neighbours, and only while the
document prints the word itself nowhere else ("ali" for "all", "the hark surface"); a
capital only into its small letter of the same shape mid-sentence ("Particles" for
"particles", :func:`capital_correction`). Never touched: words the document prints
several times the same way, short all-capitals words (acronyms), words with mixed case
inside (McRoy, iPhone), digits-only tokens and codes. Case is kept:
"CHILA" becomes "CHINA". Every correction is logged with its confidence.

>>> from pipeline.language.lexicon import DocumentVocabulary
>>> corrector = OcrCorrector(DocumentVocabulary(["Chongqing is a city in China."]))
>>> [corrector.correct(w) for w in ("Chongging", "Intemational", "tbe", "McRoy", "NASA")]
['Chongqing', 'International', 'the', None, None]
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from string import ascii_lowercase

from ..core.edits import EditLog
from ..core.geometry import Unit, Word, box_of
from ..language.lexicon import (
    DocumentVocabulary,
    in_dictionary,
    is_known_word,
    is_well_formed,
    spelling_dictionary,
    zipf,
)
from ..language.wordpairs import context_evidence, context_gain, is_seen_with
from ..settings import DEFAULTS, OcrfixSettings
from .lines import MARK_WORD

CONFUSIONS: tuple[tuple[str, str], ...] = (
    ("rn", "m"), ("m", "rn"), ("cl", "d"), ("d", "cl"), ("li", "h"), ("h", "li"), ("ii", "u"), ("u", "ii"),
    ("vv", "w"), ("ri", "n"), ("n", "ri"), ("in", "m"), ("m", "in"), ("nn", "m"), ("m", "nn"), ("tb", "th"),
    ("b", "h"), ("h", "b"), ("g", "q"), ("q", "g"), ("u", "n"), ("n", "u"), ("c", "e"), ("e", "c"), ("o", "c"),
    ("c", "o"), ("e", "o"), ("o", "e"), ("a", "o"), ("o", "a"), ("f", "t"), ("t", "f"), ("t", "l"), ("l", "t"),
    ("i", "l"), ("l", "i"), ("l", "I"), ("I", "l"), ("i", "j"), ("j", "i"), ("y", "v"), ("v", "y"), ("s", "a"),
    ("1", "l"), ("1", "i"), ("1", "I"), ("|", "l"), ("|", "I"), ("!", "l"), ("0", "o"), ("0", "O"), ("5", "s"),
    ("5", "S"), ("8", "B"), ("6", "b"), ("fi", "f"), ("f", "fi"), ("fl", "f"), ("k", "lc"), ("lc", "k"),
    ("II", "H"), ("H", "II"), ("E", "F"), ("F", "E"), ("O", "Q"), ("Q", "O"), ("C", "G"), ("G", "C"),
    ("D", "O"), ("O", "D"), ("B", "R"), ("R", "B"), ("P", "F"), ("U", "O"), ("c", "a"), ("e", "a"), ("a", "e"),
    ("f", "r"), ("J", "l"),
)
"""Misreadings, as (what the OCR printed, what was on the page)."""
CONFUSION_SET = frozenset(CONFUSIONS)
Misread = tuple[tuple[str, str], ...]
"""The confusions from :data:`CONFUSIONS` that turn a word as printed into a candidate."""
Costs = dict[tuple[str, str], float]
"""The cost of each of :data:`CONFUSIONS`, in powers of ten of probability."""

ONE_LETTER_MISREAD = "one letter misread"
LOST_SPACE = "a space was not seen"
QUOTES = "'’‘\""
OPENING_MARKS = {"'": "'", "‘": "’", "(": ")", "\"": "\"", "“": "”"}
TOKEN = re.compile(r"^([^\w|!]*)([\w|!'’]+?)([^\w]*)$")
HAS_LETTER = re.compile(r"[^\W\d_]")
SAME_SHAPE_CAPITAL = re.compile(r"^[CIKOPSUVWXZ][a-z]+$")
"""A word whose capital has the shape of its small letter (c/C, p/P, s/S ...; I for l or i)."""
MID_SENTENCE = re.compile(r"^[a-z][a-z'’-]*$")
"""A word after which a sentence goes on: small letters and no mark after it (OCR reads
many a full stop as a comma)."""
WORD_MARKS = "\"'“”‘’()[]{}.,;:!?«»*"
"""Marks that stand around a word as printed (quotes, brackets, punctuation), not in it."""
POSSESSIVE = re.compile(r"\w['’]s$")
"""A possessive ending: the word before it is corrected ("manutacturer's")."""


@dataclass(frozen=True)
class Correction:
    before: str
    after: str
    confidence: float
    reason: str


class OcrCorrector:
    """Corrects single words against one document's vocabulary (see the module's description)."""

    def __init__(self, vocabulary: DocumentVocabulary, settings: OcrfixSettings = DEFAULTS.ocrfix) -> None:
        self.vocabulary = vocabulary
        self.settings = settings
        self.costs = confusion_costs(settings)

    def correct(self, word: str, previous: str | None = None, following: str | None = None) -> str | None:
        """The corrected word, or None when it stays as it is (see :meth:`correction`)."""
        correction = self.correction(word, previous, following)
        return correction.after if correction else None

    def correction(self, word: str, previous: str | None = None, following: str | None = None,
                   confidence: float | None = None) -> Correction | None:
        """The correction of ``word`` (punctuation around it kept) with its confidence and the
        misreading that explains it, or None. ``previous`` and ``following`` are the words
        around it in its paragraph, as printed (None at the paragraph's ends); ``confidence``
        is the OCR engine's in its reading, when known: a word it doubted (below
        ``settings.doubtful_confidence``) is not taken for a rare word or a name meant as printed.

        >>> corrector = OcrCorrector(DocumentVocabulary(["Prices rose."]))
        >>> corrector.correction("manket") is None, corrector.correction("manket", confidence=0.4).after
        (True, 'market')
        """
        if "-" in word.strip("-"):
            return self._compound_correction(word)
        match = TOKEN.match(word)
        if not match:
            return None
        lead, core, trail = match.groups()
        if trail[:1] == "!" and core.isalpha() and not is_known_word(core.lower()):
            core, trail = core + "!", trail[1:]  # "schoo!": an "l" read as "!"
        if POSSESSIVE.search(core):
            core, trail = core[:-2], core[-2:] + trail
        neighbours = (_neighbour(previous, before=True), None if trail.strip("'’\")") else _neighbour(following))
        if core.isalpha() and is_known_word(core.lower()):
            return self._real_word_correction(word, lead, core, trail, neighbours)
        if not self._may_correct(core):
            return None
        scored = self._candidates(core)
        if not scored:
            return None
        ranked = sorted(scored.items(), key=lambda item: -item[1][0])
        best, (best_score, reason, misread) = ranked[0]
        runner_up = ranked[1][1][0] if len(ranked) > 1 else float("-inf")
        if len(ranked) > 1 and neighbours != (None, None) and " " not in best + ranked[1][0]:
            runner_up -= context_evidence(neighbours[0], ranked[1][0], neighbours[1], best)
        if self._is_the_documents_spelling(core, best) or \
                (_reverse_is_likelier(misread, self.costs) and not is_known_word(best)):
            return None
        as_read = self._prior(core, printed_here=1)
        vouched = self.vocabulary.count(best.lower()) > 0
        typical_misreading = bool(misread) and not _maybe_a_name(core, misread)
        doubted = confidence is not None and confidence < self.settings.doubtful_confidence
        may_be_meant = is_well_formed(core) and not (vouched or typical_misreading or doubted)
        settings = self.settings
        needed_gain = settings.min_gain + (settings.well_formed_gain if may_be_meant else 0.0)
        if best_score - as_read < needed_gain or best_score - runner_up < settings.min_lead:
            return None
        total = sum(10 ** score for score, *_ in scored.values()) + 10 ** as_read
        return Correction(word, lead + _with_case_of(core, best) + trail, round(10 ** best_score / total, 3), reason)

    def _real_word_correction(self, word: str, lead: str, core: str, trail: str,
                              neighbours: tuple[str | None, str | None]) -> Correction | None:
        """A known small-letter word, printed nowhere else in the document, that is one common
        misreading of a word that is either far commoner and printed often by the document
        ("ali" and "alt" for "all"), or far likelier between its neighbours (see
        :mod:`pipeline.language.wordpairs`: "at ali times"). A word the document uses twice is meant."""
        settings = self.settings
        if not core.islower() or len(core) < settings.min_letters or self.vocabulary.count(core) != 1:
            return None
        misreadings = [(candidate, cost, reason) for candidate, cost, reason, _ in _misreadings(core, self.costs)
                       if candidate.isalpha()]
        as_read = zipf(core)
        printed = [(zipf(candidate) - cost - as_read, candidate, reason) for candidate, cost, reason in misreadings
                   if self.vocabulary.count(candidate) >= settings.real_word_uses]
        if printed and (best := max(printed))[0] >= settings.real_word_gain:
            gain, candidate, reason = best
            return Correction(word, lead + candidate + trail, round(1 - 10 ** -gain, 3),
                              f"{reason}, in a word the document prints {self.vocabulary.count(candidate)} times")
        if neighbours == (None, None):
            return None
        fitting = [(context_gain(neighbours[0], core, neighbours[1], candidate) - cost, candidate, reason)
                   for candidate, cost, reason in misreadings
                   if self.vocabulary.count(candidate) and is_seen_with(neighbours[0], candidate, neighbours[1])]
        if fitting and (best := max(fitting))[0] >= settings.context_gain:
            gain, candidate, reason = best
            return Correction(word, lead + candidate + trail, round(1 - 10 ** -gain, 3),
                              f"{reason}, far likelier between '{neighbours[0] or ''}' and '{neighbours[1] or ''}'")
        return None

    def _compound_correction(self, word: str) -> Correction | None:
        """A hyphenated compound corrected part by part ("easy-to-leam"; the OCR engine's confidence
        in the whole does not say which part it doubted)."""
        parts = word.split("-")
        corrections = [self.correction(part) if part else None for part in parts]
        if not any(corrections):
            return None
        after = "-".join(c.after if c else part for c, part in zip(corrections, parts))
        made = [c for c in corrections if c]
        return Correction(word, after, min(c.confidence for c in made), "; ".join(c.reason for c in made))

    def _may_correct(self, core: str) -> bool:
        letters = sum(ch.isalpha() for ch in core)
        shortest, longest = self.settings.min_letters, self.settings.max_letters
        if letters < shortest - 1 or not shortest <= len(core) <= longest or not HAS_LETTER.search(core):
            return False
        if any(ch in "'’" for ch in core) or _mixed_case(core):
            return False
        if core.isupper() and len(core) <= self.settings.acronym_max:
            return False
        if sum(ch.isdigit() for ch in core) > letters:
            return False
        return not (core.isalpha() and is_known_word(core.lower()))

    def _is_the_documents_spelling(self, word: str, candidate: str) -> bool:
        """A word printed several times the same way, and more often than the candidate, is how
        the document spells it (a name, a term), not a misreading."""
        uses = self.vocabulary.count(word.lower())
        candidate_uses = sum(self.vocabulary.count(part) for part in candidate.split())
        return uses >= self.settings.consistent_uses and uses > candidate_uses

    def _prior(self, word: str, printed_here: int = 0) -> float:
        """Zipf frequency, raised when the document prints the word (``printed_here`` times
        not counted: the word being corrected does not vouch for itself)."""
        lower = word.lower()
        prior = zipf(lower) if lower.isalpha() else 0.0
        if self.vocabulary.count(lower) > printed_here:
            prior = max(prior, self.settings.candidate_zipf) + self.settings.document_bonus
        return prior

    def _candidates(self, core: str) -> dict[str, tuple[float, str, Misread]]:
        """Candidate spellings (lower case) with their scores, the description of the misreading
        that explains them, and its listed confusions (none for a one-letter edit or a lost space)."""
        settings = self.settings
        found: dict[str, tuple[float, str, Misread]] = {}
        capitalised = core[0].isupper() and not core.isupper()

        def consider(candidate: str, cost: float, reason: str, misread: Misread = ()) -> None:
            lower = candidate.lower()
            if lower == core.lower() or not lower.isalpha() or not self._plausible(lower, capitalised):
                return
            score = self._prior(lower) - cost
            if score > found.get(lower, (float("-inf"),))[0]:
                found[lower] = (score, reason, misread)

        for first, first_cost, first_reason, first_pair in _misreadings(core, self.costs):
            consider(first, first_cost, first_reason, first_pair)
            for second, second_cost, second_reason, second_pair in _misreadings(first, self.costs):
                if len(core) >= settings.min_two_misreadings_letters or len(second) == len(core):
                    consider(second, first_cost + second_cost, f"{first_reason}, {second_reason}",
                             first_pair + second_pair)
        if core.isalpha() and len(core) >= settings.min_edit_letters:
            lower = core.lower()
            edits = _replacements(lower) if is_well_formed(lower) else _single_edits(lower)
            for candidate in (edits & spelling_dictionary()) | (edits & self.vocabulary.counts.keys()):
                consider(candidate, settings.edit_cost, ONE_LETTER_MISREAD)
        if core.isalpha() and not core.isupper():
            for head, tail in _lost_spaces(core, settings):
                candidate = f"{head} {tail}"
                score = min(self._prior(head), self._prior(tail)) - settings.split_cost
                if score > found.get(candidate.lower(), (float("-inf"),))[0]:
                    found[candidate.lower()] = (score, LOST_SPACE, ())
        return found

    def _plausible(self, word: str, capitalised: bool) -> bool:
        if self.vocabulary.count(word):
            return True
        frequency = zipf(word)
        if capitalised:
            return frequency >= self.settings.name_zipf
        return frequency >= self.settings.candidate_zipf or in_dictionary(word)


def _mixed_case(core: str) -> bool:
    """Upper case after lower case inside a word: McRoy, iPhone (names and brands, never misreadings)."""
    letters = [ch for ch in core if ch.isalpha()]
    return any(a.islower() and b.isupper() for a, b in zip(letters, letters[1:]))


def _neighbour(text: str | None, before: bool = False) -> str | None:
    """A neighbouring word as :mod:`pipeline.language.wordpairs` takes it (small letters, no marks), or
    None when it is not a word or, coming ``before``, ends a sentence or clause."""
    if not text or (before and text.rstrip("'’\")]")[-1:] in ".!?:;,"):
        return None
    word = text.strip(WORD_MARKS).lower()
    return word if word.isalpha() else None


def _maybe_a_name(core: str, misread: Misread) -> bool:
    """Whether ``core`` starts with a capital the misreading does not explain ("Jow" is "low"
    with "l" read as "J"; "Ardie" may be a name)."""
    first = core[:1]
    return first.isupper() and not any(printed == first and meant.islower() for printed, meant in misread)


def _reverse_is_likelier(misread: Misread, costs: Costs) -> bool:
    """Whether the one confusion that explains a candidate is rarer than its reverse: then of
    two spellings a document prints ("Ardle", "Ardie") the candidate is the likelier misreading."""
    if len(misread) != 1:
        return False
    printed, meant = misread[0]
    return (meant, printed) in CONFUSION_SET and costs[meant, printed] < costs[printed, meant]


def confusion_costs(settings: OcrfixSettings) -> Costs:
    """The cost of each of :data:`CONFUSIONS`: ``settings.confusion_cost``, or the one
    ``settings.confusion_costs`` names for it ("i>l": "i" printed for "l").

    >>> costs = confusion_costs(OcrfixSettings())
    >>> costs["i", "l"], costs["rn", "m"]
    (0.5, 1.0)
    """
    return {(printed, meant): settings.confusion_costs.get(f"{printed}>{meant}", settings.confusion_cost)
            for printed, meant in CONFUSIONS}


def _with_case_of(original: str, candidate: str) -> str:
    """``candidate`` in the case of ``original``. A first letter read as a mark stands for a
    small "l" ("|icences") or a capital "I" ("|ndia")."""
    if original.isupper():
        return candidate.upper()
    if original[:1] in "|!1" and candidate[:1] == "l":
        return candidate
    if original[:1].isupper() or original[:1] in "|!1":
        return candidate[:1].upper() + candidate[1:]
    return candidate


def _misreadings(word: str, costs: Costs):
    """Every word that one misreading from :data:`CONFUSIONS` turns into ``word``, with the
    misreading's cost, description and confusion. A capital is meant only where one can stand: first,
    or in a word in capitals ("lndia" is "India", but "Ardle" is not "ArdIe")."""
    for printed, meant in CONFUSIONS:
        cost = costs[printed, meant]
        start = word.find(printed)
        while start != -1:
            if start == 0 or not meant[:1].isupper() or word.isupper():
                yield (word[:start] + meant + word[start + len(printed):], cost, f"'{printed}' read for '{meant}'",
                       ((printed, meant),))
            start = word.find(printed, start + 1)


@lru_cache(maxsize=4096)
def _single_edits(word: str) -> frozenset[str]:
    """Words with one letter of ``word`` replaced, or one letter the OCR dropped put back.

    (A letter the OCR added is rarer, and dropping one of ``word``'s letters turns too many
    technical words and names into common ones: "hline", "Oepen".)
    """
    inserts = [word[:i] + c + word[i:] for i in range(len(word) + 1) for c in ascii_lowercase]
    return frozenset(inserts) | _replacements(word)


@lru_cache(maxsize=4096)
def _replacements(word: str) -> frozenset[str]:
    """Words with one letter of ``word`` replaced: the only edit allowed on a well-formed word,
    whose added or dropped letters are more often an old or rare spelling ("onely") than a misreading."""
    return frozenset(word[:i] + c + word[i + 1:] for i in range(len(word)) for c in ascii_lowercase)


def _lost_spaces(word: str, settings: OcrfixSettings):
    """(head, tail) when ``word`` is a known word run together with a following function word
    ("thanksto", "Passengersat"), or, when ``word``'s letters are not usual English, with a
    preceding one ("tothe"). A function word is one of English's commonest short words."""
    shortest = settings.min_split_head
    for index in range(shortest, len(word)):
        head, tail = word[:index], word[index:]
        if _is_function_word(tail, settings) and is_known_word(head) and len(head) >= shortest:
            yield head, tail
    if word.islower() and not is_well_formed(word):
        for index in range(1, len(word) - shortest + 1):
            head, tail = word[:index], word[index:]
            if _is_function_word(head, settings) and is_known_word(tail):
                yield head, tail


def _is_function_word(word: str, settings: OcrfixSettings) -> bool:
    return len(word) <= settings.function_word_letters and word.islower() and zipf(word) >= settings.function_word_zipf


def correct_ocr(units: list[Unit], edits: EditLog, ocr_pages: set[int],
                settings: OcrfixSettings = DEFAULTS.ocrfix) -> list[Unit]:
    """Correct misread words of the units' words that lie on OCR'd pages, logging each correction.

    A word the OCR engine was sure of is changed only from a capital to its small letter of
    the same shape (:func:`capital_correction`): the engine's confidence is in the shape,
    which the two share (see :func:`is_sure`)."""
    if not ocr_pages:
        return units
    vocabulary = DocumentVocabulary(lambda: (" ".join(w.text for w in u.words) for u in units))
    corrector = OcrCorrector(vocabulary, settings)
    spellings = Counter(word.text.strip(WORD_MARKS) for unit in units for word in unit.words)
    for unit in units:
        start = 1 if unit.kind == "list_item" and unit.words and MARK_WORD.match(unit.words[0].text) else 0
        for index, word in enumerate(unit.words[start:], start):
            if word.page in ocr_pages:
                following = unit.words[index + 1:]
                around = (unit.words[index - 1].text if index > start else None,
                          following[0].text if following else None)
                in_prose = unit.kind in ("paragraph", "list_item")
                doubtful = not is_sure(word, settings)
                correction = (doubtful and stray_mark_correction(word.text, [w.text for w in following], settings)) \
                    or (in_prose and capital_correction(word.text, *around, spellings, settings)) \
                    or (doubtful and corrector.correction(word.text, *around, confidence=word.confidence))
                if correction:
                    unit.words[index] = _corrected(word, correction, edits)
    return units


def is_sure(word: Word, settings: OcrfixSettings = DEFAULTS.ocrfix) -> bool:
    """Whether the OCR engine read ``word`` with at least ``settings.sure_confidence`` and the
    lexicon knows it (each part of a compound, marks around it aside): such a word is not corrected,
    nor a mark around it dropped (its case aside, see :func:`correct_ocr`).

    >>> sure, doubtful = (Word(text, 0, 0, 9, 9, 9, confidence=0.95) for text in ("Particles,", "Chongging"))
    >>> is_sure(sure), is_sure(doubtful), is_sure(Word("Particles", 0, 0, 9, 9, 9))
    (True, False, False)
    """
    if word.confidence is None or word.confidence < settings.sure_confidence:
        return False
    return all(part.isalpha() and is_known_word(part) for part in word.text.strip(WORD_MARKS).split("-"))


def capital_correction(word: str, previous: str | None, following: str | None, spellings: Counter[str],
                       settings: OcrfixSettings = DEFAULTS.ocrfix) -> Correction | None:
    """A capital OCR read for a small letter of the same shape ("Particles" for "particles")
    in running text: the word stands mid-sentence between small-letter words (the one before
    ends in no mark; names such as "Shingle Spit" have capitals around them), its
    capitalised form is printed nowhere else in the document (``spellings``: its words as
    printed), and its small-letter form is a known word the document prints elsewhere.

    >>> spellings = Counter(["particles", "particles", "Particles", "Paris", "Inner", "inner"])
    >>> capital_correction("Particles,", "fine", "in", spellings).after
    'particles,'
    >>> capital_correction("Particles", "ends,", "in", spellings), capital_correction("Paris", "in", "and", spellings)
    (None, None)
    >>> capital_correction("Inner", "the", "Channel", spellings) is None
    True
    """
    core = word.strip(WORD_MARKS)
    if len(core) < settings.min_capital_letters or not SAME_SHAPE_CAPITAL.match(core):
        return None
    if not (previous and MID_SENTENCE.match(previous)):
        return None
    if not (following and following[:1].islower()):
        return None
    lower = core[0].lower() + core[1:]
    if spellings[core] > 1 or not spellings[lower] or not is_known_word(lower):
        return None
    return Correction(word, word.replace(core, lower, 1), settings.capital_confidence,
                      f"capital '{core[0]}' read for '{lower[0]}' mid-sentence")


def stray_mark_correction(word: str, following: list[str],
                          settings: OcrfixSettings = DEFAULTS.ocrfix) -> Correction | None:
    """A quote or parenthesis opened before a word and never closed in the rest of its
    paragraph is a speck or a misread letter: "'of" is "of", "(owns" is "towns" ("(" read for "t").

    >>> stray_mark_correction("'Their", ["results", "were", "clear."]).after
    'Their'
    >>> stray_mark_correction("(owns", ["and", "cities"]).after
    'towns'
    >>> stray_mark_correction("'Their'", []), stray_mark_correction("(see", ["below)."])
    (None, None)
    """
    mark, rest = word[:1], word[1:]
    if mark not in OPENING_MARKS or not rest[:1].isalpha() or OPENING_MARKS[mark] in rest:
        return None
    if any(_closes(mark, text) for text in following):
        return None
    core = rest.rstrip(".,;:!?")
    if mark == "(" and is_known_word("t" + core) and zipf(("t" + core).lower()) > zipf(core.lower()):
        return Correction(word, "t" + rest, settings.stray_mark_confidence, "'(' read for 't', never closed")
    if is_known_word(core):
        return Correction(word, rest, settings.stray_mark_confidence, f"stray '{mark}': opened and never closed")
    return None


def _closes(mark: str, word: str) -> bool:
    """Whether ``word`` closes what ``mark`` opened: a parenthesis anywhere in it, a quote at its
    end (an apostrophe inside a word, as in "o'clock" or "group's", closes nothing)."""
    if mark not in QUOTES:
        return OPENING_MARKS[mark] in word
    return word.rstrip(".,;:!?)]")[-1:] in QUOTES


def _corrected(word: Word, correction: Correction, edits: EditLog) -> Word:
    from dataclasses import replace

    edits.record("ocr_correction", correction.before, correction.after, word.page, correction.reason,
                 box_of(word.page, word), correction.confidence)
    return replace(word, text=correction.after)
