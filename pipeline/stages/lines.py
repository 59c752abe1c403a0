"""Stage ``lines``: group a page's words into lines, one line per column.

Words are first banded by their vertical centre (robust to jittered baselines: the
tolerance is a share of the text height, not an exact y), then each band is ordered by
x and cut where a gap lines up with a column gutter. A gap is a gutter when, at some
point inside it, hardly any row of the page has ink, compared with how many rows have
ink under the words on either side (a wide space inside justified text fails: the
lines above and below have words there). Where a masthead, centred title block or
boxed note crossing the gutter makes that count doubtful, a gap at least a font size
wide with a vertical strip of white through it over several rows around this one (rows
with words near it) settles it; on a page with too few rows to tell (the short columns
of a last page), the whole document's ink decides, unless no word of the page (of many
rows) crosses the gap (a short ragged sidebar beside the text). The side of a drawn box,
at least a few lines tall, that runs down a gap between two words and through no word
parts them whatever the ink (a boxed panel beside a column's last lines, :func:`box_sides`).
The gap after a line's first word, when that is a mark or a single letter
(:data:`MARK_WORD`), is a bullet's indent.

Then what banding pulled apart is put back: drop caps in front of their word, and
superscript marks, stray one- or two-character pieces and the small text of inline math
(scripts, limits, a fraction's parts) into the line they sit on.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import replace
from itertools import accumulate
from statistics import median

from ..core.geometry import Line, RawPage, Word, joint_confidence
from ..settings import DEFAULTS, LinesSettings
from .textregions import WORDLIKE

TRAILING_MARKS = "-\u2010\u2011\u00ad,.;:!?)]}\u201d\u2019"
"""Characters that never start a word: a piece made only of them, a hair after a word, ends it."""
CLOSING_MARKS_ONLY = re.compile(f"[{re.escape(TRAILING_MARKS)}]+")
"""A piece made only of :data:`TRAILING_MARKS`."""
RIGHT_TO_LEFT = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
"""Letters of the scripts written right to left: Hebrew, Arabic, Syriac, Thaana and their forms."""
MARK_WORD = re.compile(r"^(?:[^\w\s]{1,2}|[^\W\d_])$")
"""One or two marks, or a single letter: at the start of a line, what may be a bullet (OCR reads
"•" as "+", "=", "«" or "e"). A gap after it is a bullet's indent, never a column gutter."""
LABEL_NAME = re.compile(r"^[A-Z][a-z]{2,}$")
LABEL_NUMBER = re.compile(r"^\d{1,3}(?:[.\-–]\d{1,3})*:?$")
"""A caption's label as a line's first two words ("Example 3-9", "Table 2:"): a wide space
after it is typography, never a column gutter (a sentence's last line "Table 2." ends in a stop)."""
CITATION_NUMBERS = re.compile(r"^\d{1,4}(?:[,\u2013-]\d{1,4})+$")
"""A list or range of reference numbers ("8–10", "16,24–26"), which a superscript may hold at any length."""
ENUMERATOR = re.compile(r"^(\d{1,2}[.)]|\(\d{1,2}\)|\(?[a-h]\)|\(?(i|ii|iii|iv|v|vi|vii|viii)\))$")
"""A list item's number or letter, as its own first word: "1.", "2)", "(3)", "a)", "(iv)". A gap
(a tab) after it is the item's indent, never a column gutter."""


def build_lines(page: RawPage, settings: LinesSettings = DEFAULTS.lines, ink: InkProfile | None = None,
                document: InkProfile | None = None) -> list[Line]:
    """Return the page's lines, each inside one column, sorted top to bottom.

    ``ink`` is the page's ink profile (:func:`page_ink`, computed here when not given);
    ``document`` that of the whole document (:func:`document_ink`), used where the page
    itself has too few lines to show its gutters.
    """
    if not page.words:
        return []
    words, drop_caps = _separate_drop_caps(page.words, settings.drop_cap_ratio)
    rows = _bands(_glue_shifted_pieces(words, settings), settings, page.right_to_left)
    is_gutter = _GutterTest(rows, ink or page_ink(page), document, settings, box_sides(page, settings.edge_lines))
    lines: list[Line] = []
    for index, row in enumerate(rows):
        for words in _split_at_gutters(row, index, is_gutter, settings):
            backwards = page.right_to_left and is_right_to_left(words)
            lines.append(Line(words[::-1] if backwards else words, page.number, right_to_left=backwards))
    lines.sort(key=lambda line: (line.y0, line.x0))
    return _attach_satellites(_attach_drop_caps(lines, drop_caps), settings)


def is_right_to_left(words: list[Word]) -> bool:
    """Whether most letters of ``words`` are of a script written right to left (Arabic, Hebrew).

    >>> is_right_to_left([Word("مرحبا", 0, 0, 9, 9, 9), Word("R", 0, 0, 9, 9, 9)])
    True
    """
    return reads_right_to_left("".join(word.text for word in words))


def reads_right_to_left(text: str) -> bool:
    """Whether most letters of ``text`` are of a script written right to left."""
    if text.isascii() or not RIGHT_TO_LEFT.search(text):
        return False
    rtl = len(RIGHT_TO_LEFT.findall(text))
    return rtl > sum(ch.isalpha() for ch in RIGHT_TO_LEFT.sub("", text))


def _attach_satellites(lines: list[Line], settings: LinesSettings) -> list[Line]:
    """Put small raised or lowered text (footnote marks, citation numbers, exponents) and
    stray one- or two-character pieces (a math symbol from a font with other metrics) that
    banding left on a line of their own back into the line they belong to."""
    if len(lines) < 2:
        return lines
    typical = median(line.size for line in lines)
    # per line, not a set of id(line): a line freed in the loop may hand its id to a new line
    overlaps = [_satellite_overlap(line, typical, settings) for line in lines]
    if not any(overlaps):
        return lines
    index = 0
    while index < len(lines):
        share = overlaps[index]
        scripts = lines[index].size <= settings.satellite_ratio * typical
        host_index = _satellite_host(index, lines, share, settings, scripts) if share else None
        if host_index is None:
            index += 1
            continue
        host = lines[host_index]
        words = _glued(host.words + lines[index].words, settings, host.right_to_left)
        lines[host_index] = Line(words[::-1] if host.right_to_left else words, host.page,
                                 right_to_left=host.right_to_left)
        overlaps[host_index] = 0.0
        del lines[index], overlaps[index]
    return lines


def _satellite_overlap(line: Line, typical: float, settings: LinesSettings) -> float:
    """How much of its height a line must share with a longer line to be put back into it (0
    when it stays a line): small text, or a one- or two-character piece, a third; up to three
    such pieces (a prime and a math italic letter a font with other metrics set higher), or
    a longer run of small text (the scripts, limits and fraction parts of inline math, set
    between the baselines of the text around it), half."""
    small = line.size <= settings.satellite_ratio * typical
    if (small and len(line.words) <= 3 and len(line.text) <= 12) or (len(line.words) == 1 and len(line.text) <= 2):
        return 0.3
    return 0.5 if small or (len(line.words) <= 3 and all(len(word.text) <= 2 for word in line.words)) else 0.0


def _satellite_host(index: int, lines: list[Line], share: float, settings: LinesSettings,
                    scripts: bool = False) -> int | None:
    """The index of the line that the satellite at ``index`` belongs to, if any: a longer line
    around it, in a size no smaller, that shares more than ``share`` of its height, the one that
    shares the most. The satellite lies inside the line's extent (ending at most 1.5 em past it;
    in a line of prose, :func:`prose`, small text, ``scripts`` such as inline math's, starts up to
    ``settings.script_lead`` em before it, where the scripts of a formula that opens the line
    stand out, and at most ``settings.script_gap`` em after it, where an inline fraction ends
    the line; a run of more than three pieces joins only prose, not a display formula), or, in any
    size, ends where the line starts (within ``settings.touching`` em: a checkbox drawn as two
    glyphs of two fonts, one of them banded apart from the other).

    Lines are sorted by top, so only the neighbours within a few line heights are tried.
    """
    satellite = lines[index]
    run = len(satellite.words) > 3 or len(satellite.text) > 12
    reach = 3 * max(satellite.height, 1.0)
    best, best_overlap = None, share * satellite.height
    for step in (-1, 1):
        other = index + step
        while 0 <= other < len(lines) and abs(lines[other].y0 - satellite.y0) <= reach:
            line = lines[other]
            other += step
            if len(line.text) <= len(satellite.text):
                continue
            overlap = min(line.y1, satellite.y1) - max(line.y0, satellite.y0)
            em = line.size
            leading = satellite.x0 < line.x0 - 1.0 and line.x0 - satellite.x1 <= settings.touching * em
            fits = line.x0 - 1.0 <= satellite.x0 and satellite.x1 <= line.x1 + 1.5 * em and (not run or prose(line))
            stretched = scripts and line.x0 - settings.script_lead * em <= satellite.x0 \
                <= line.x1 + settings.script_gap * em and prose(line)
            inside = (fits or stretched) and line.size >= satellite.size
            if (inside or leading) and overlap > best_overlap:
                best, best_overlap = other - step, overlap
    return best


def prose(line: Line) -> bool:
    """Whether ``line`` reads as running text: three words of three letters or more at least.

    >>> prose(Line([Word(t, 10 * i, 0, 10 * i + 8, 10, 10) for i, t in enumerate("we let the set be".split())], 1))
    True
    """
    return sum(1 for word in line.words if WORDLIKE.fullmatch(word.text)) >= 3


def _glued(words: list[Word], settings: LinesSettings, right_to_left: bool = False) -> list[Word]:
    """Words sorted by x, with pieces that touch glued into one word (read as right-to-left
    text when ``right_to_left``: :func:`_glue`)."""
    words = sorted(words, key=lambda w: w.x0)
    result = [words[0]]
    for word in words[1:]:
        _add_to_row(result, word, settings, right_to_left)
    return result


def touching_glued(row: list[Word], settings: LinesSettings = DEFAULTS.lines,
                   right_to_left: bool = False) -> list[Word]:
    """The words of one row left to right, pieces in two fonts that touch glued into one word
    (a table cell's "−" and "1.1"; read as right-to-left text when ``right_to_left``:
    :func:`_glue`), and nothing else changed. Two words in one font were split at a space the
    PDF prints, however narrow (a space set tight in Persian), and stay apart.

    >>> minus, number = Word("−", 10, 0, 16, 9, 9, "Symbols"), Word("1.1", 16, 0, 28, 9, 9, "Roman")
    >>> [word.text for word in touching_glued([number, minus])]
    ['−1.1']
    >>> zero, point = Word("0", 0, 0, 5, 9, 9, "Roman"), Word(".", 5, 0, 7, 9, 9, "Math")
    >>> [word.text for word in touching_glued([zero, point, Word("5", 7, 0, 12, 9, 9, "Roman")])]
    ['0.5']
    """
    glued: list[Word] = []
    last_font = None  # of the last piece, which a glued word's font may not be
    for word in sorted(row, key=lambda w: w.x0):
        if glued and last_font != word.font and _touches(glued[-1], word, settings):
            glued[-1] = _glue(glued[-1], word, right_to_left)
        else:
            glued.append(word)
        last_font = word.font
    return glued


def _glue_shifted_pieces(words: list[Word], settings: LinesSettings) -> list[Word]:
    """The words with each piece of closing marks (:data:`TRAILING_MARKS`) that touches the
    word before it but is boxed higher or lower glued on (a glyph from a fallback font, boxed
    by that font's ascent: Chromium's U+2010 at a line end), so that banding cannot give it
    to a neighbouring column's line. The glued word keeps the height of its longest piece.

    >>> word, hyphen = Word("wa", 189.8, 344.0, 200.3, 354.7, 10.6), Word("‐", 200.3, 341.2, 203.8, 351.8, 10.6)
    >>> [w.text for w in _glue_shifted_pieces([word, hyphen], DEFAULTS.lines)]
    ['wa‐']
    """
    marks = [index for index, word in enumerate(words) if CLOSING_MARKS_ONLY.fullmatch(word.text)]
    if not marks:
        return words
    by_end: dict[int, list[int]] = {}
    for index, word in enumerate(words):
        by_end.setdefault(int(word.x1), []).append(index)
    left_of: dict[int, int] = {}
    for index in marks:
        word = words[index]
        reach = settings.touching * word.size
        candidates = [i for x in range(int(word.x0 - reach), int(word.x0 + reach) + 1) for i in by_end.get(x, ())
                      if i != index and _shifted_piece(words[i], word, reach)]
        if candidates:
            left_of[index] = max(candidates, key=lambda i: min(words[i].y1, word.y1) - max(words[i].y0, word.y0))
    if not left_of:
        return words
    right_of = {left: right for right, left in left_of.items()}
    result = []
    for index, word in enumerate(words):
        if index in left_of:
            continue
        while index in right_of:
            index = right_of[index]
            main = max(word, words[index], key=lambda piece: len(piece.text))
            word = replace(_glue(word, words[index]), y0=main.y0, y1=main.y1)
        result.append(word)
    return result


def _shifted_piece(left: Word, right: Word, reach: float) -> bool:
    """Whether ``right``, a piece of closing marks only, starts where ``left`` ends, in a like
    size, overlapping it over at least half the height of either, but boxed off its centre by
    a tenth of that height or more (pieces of a formula, shifted as they are, are left)."""
    if abs(right.x0 - left.x1) > reach or min(left.size, right.size) < 0.9 * max(left.size, right.size):
        return False
    height = min(left.height, right.height)
    overlap = min(left.y1, right.y1) - max(left.y0, right.y0)
    return overlap >= 0.5 * height and abs(left.y0 + left.y1 - right.y0 - right.y1) >= 0.2 * height


def _add_to_row(row: list[Word], word: Word, settings: LinesSettings, right_to_left: bool = False) -> None:
    """Put ``word`` after the row's last word: as a superscript, glued to it (read as
    right-to-left text when ``right_to_left``), or as a word of its own."""
    last = row[-1]
    if _is_superscript(last, word, settings):
        word.superscript = True
        row.append(word)
    elif _touches(last, word, settings):
        row[-1] = _glue(last, word, right_to_left)
    else:
        row.append(word)


def _reads_leftwards(left: str, right: str) -> bool:
    """Whether two touching pieces, ``left`` printed left of ``right``, read right to left: both
    have letters of a right-to-left script, or one has and the other has no letter or digit.

    >>> _reads_leftwards("الا", "ک"), _reads_leftwards(".", "ک"), _reads_leftwards("ک", "1")
    (True, True, False)
    """
    pieces = (left, right)
    return any(RIGHT_TO_LEFT.search(piece) for piece in pieces) and all(
        RIGHT_TO_LEFT.search(piece) or not any(c.isalnum() for c in piece) for piece in pieces)


def _separate_drop_caps(words: list[Word], drop_cap_ratio: float) -> tuple[list[Word], list[Word]]:
    """Split off drop caps: one or two letters set far larger than the page's text, with no
    other large word beside them (which would make them part of a large heading)."""
    typical = median(w.size for w in words)
    large = [w for w in words if w.size >= drop_cap_ratio * typical]
    caps = [w for w in large if len(w.text) <= 2 and w.text.isalpha()
            and not any(o is not w and min(o.y1, w.y1) - max(o.y0, w.y0) > 0 for o in large)]
    if not caps:
        return words, []
    return [w for w in words if w not in caps], caps


def _attach_drop_caps(lines: list[Line], caps: list[Word]) -> list[Line]:
    """Put each drop cap in front of the first word of the line that starts just right of its top
    ("S" + "calable quantum ..." -> "Scalable quantum ..."); a large letter with no such line
    stays a line of its own."""
    for cap in caps:
        index = next((i for i, line in enumerate(lines)
                      if 0 <= line.x0 - cap.x1 <= 2 * line.size and abs(line.y0 - cap.y0) <= line.size), None)
        if index is None:
            lines.append(Line([cap], lines[0].page if lines else 0))
            continue
        line = lines[index]
        first = line.words[0]
        lines[index] = Line([replace(first, text=cap.text + first.text)] + line.words[1:], line.page)
    lines.sort(key=lambda line: (line.y0, line.x0))
    return lines


def _bands(words: list[Word], settings: LinesSettings, right_to_left: bool = False) -> list[list[Word]]:
    """Words grouped by vertical centre; inside a band, words that overlap in x go to separate rows
    (pieces that touch glued as right-to-left text in a band that reads so, on a page with
    right-to-left text: ``right_to_left``)."""
    tolerance = settings.band_tolerance * median([w.y1 - w.y0 for w in words])
    tolerance *= 2  # centres are compared doubled: y0 + y1
    ordered = sorted(words, key=lambda w: w.y0 + w.y1)
    rows: list[list[Word]] = []
    band: list[Word] = [ordered[0]]
    reference = ordered[0].y0 + ordered[0].y1
    for word in ordered[1:]:
        if word.y0 + word.y1 - reference <= tolerance:
            band.append(word)
        else:
            rows.extend(_rows_of_band(band, settings, right_to_left))
            band, reference = [word], word.y0 + word.y1
    rows.extend(_rows_of_band(band, settings, right_to_left))
    return rows


def _rows_of_band(band: list[Word], settings: LinesSettings, right_to_left: bool = False) -> list[list[Word]]:
    if len(band) == 1:
        return [band]
    band.sort(key=lambda w: w.x0)
    mark = settings.trailing_mark
    if all(b.x0 - a.x1 > mark * a.size for a, b in zip(band, band[1:])):
        for left, right in zip(band, band[1:]):  # the usual case: one row, words well apart
            right.superscript = _is_superscript(left, right, settings)
        return [band]
    rows: list[list[Word]] = []
    backwards = right_to_left and is_right_to_left(band)
    for word in band:
        for row in rows:
            last = row[-1]
            if word.x0 >= last.x1 - 0.25 * min(last.size, word.size):
                _add_to_row(row, word, settings, backwards)
                break
        else:
            rows.append([word])
    return rows


def _is_superscript(left: Word, right: Word, settings: LinesSettings) -> bool:
    """Whether ``right`` is a short piece (or reference numbers, "8–10") set smaller than ``left``
    and raised, right after it (a note call "†", "12", an exponent, a citation): a word of its
    own, not a piece of ``left``."""
    short = len(right.text) <= 3 or bool(CITATION_NUMBERS.match(right.text))
    return (short and right.size <= settings.superscript_ratio * left.size
            and left.y1 - right.y1 >= settings.superscript_rise * left.size
            and right.x0 - left.x1 <= settings.superscript_gap * left.size)


def _touches(left: Word, right: Word, settings: LinesSettings) -> bool:
    """Whether ``right`` continues ``left`` with no space printed between them: they touch, or
    ``right`` is only closing punctuation or a hyphen set a hair apart (as LibreOffice sets its
    line-end hyphens). A word printed after a space never continues one (the box of a Symbol
    glyph that the viewer's substitute font draws wider can reach over the space)."""
    if right.spaced:
        return False
    gap = right.x0 - left.x1
    size = min(left.size, right.size)
    if gap <= settings.touching * size:
        return True
    return gap <= settings.trailing_mark * size and all(c in TRAILING_MARKS for c in right.text)


def _glue(left: Word, right: Word, right_to_left: bool = False) -> Word:
    """One word from two pieces printed without a gap (a font or style change inside a word), in
    reading order: the right piece first in a right-to-left script. Pieces with no letter, a
    number among them, in right-to-left text (``right_to_left``) are read as the Unicode
    bidirectional algorithm lays them out (:func:`reversed_outside_numbers`): "-" printed left
    of "2-5" reads "2-5-", "2024" left of "(" reads "(2024".

    The longer piece gives the style; a superscript stays one with what is glued after it
    (a note call and the full stop after it).
    """
    main = left if len(left.text) >= len(right.text) else right
    if right_to_left and _numbers_and_marks(left.text + right.text):
        printed = reversed_outside_numbers(left.text) + reversed_outside_numbers(right.text)
        text = reversed_outside_numbers(printed)
    elif _reads_leftwards(left.text, right.text):
        text = right.text + left.text
    else:
        text = left.text + right.text
    return Word(text, left.x0, min(left.y0, right.y0), right.x1, max(left.y1, right.y1),
                main.size, main.font, main.bold, main.italic, left.link or right.link, main.page, main.mono,
                left.superscript, joint_confidence(left, right), left.hidden and right.hidden, spaced=left.spaced)


def _numbers_and_marks(text: str) -> bool:
    """Whether ``text`` has a digit and no letter."""
    return any(c.isdigit() for c in text) and not any(c.isalpha() for c in text)


def reversed_outside_numbers(text: str) -> str:
    """``text``, a piece with no letter, in the other of its two orders in right-to-left text:
    its characters reversed, except that each number (digits, with a separator between two
    digits and the terminators such as "%" next to them) keeps its order. The bidirectional
    algorithm lays out such text this way (numbers left to right, the marks around them right
    to left), so this turns the order printed, left to right, into the order read, and back.

    >>> reversed_outside_numbers("-2-5"), reversed_outside_numbers("2024("), reversed_outside_numbers("1403/09/19")
    ('2-5-', '(2024', '1403/09/19')
    >>> reversed_outside_numbers("،2023"), reversed_outside_numbers("%50")
    ('2023،', '%50')
    """
    inside = [c.isdigit() for c in text]
    for i in range(1, len(text) - 1):
        if inside[i - 1] and inside[i + 1] and unicodedata.bidirectional(text[i]) in ("CS", "ES"):
            inside[i] = True
    for order in (range(len(text)), range(len(text) - 1, -1, -1)):  # terminators spread from a number both ways
        for before, i in zip(order, order[1:]):
            if inside[before] and unicodedata.bidirectional(text[i]) == "ET":
                inside[i] = True
    units: list[str] = []
    for i, character in enumerate(text):
        if i and inside[i] and inside[i - 1]:
            units[-1] += character
        else:
            units.append(character)
    return "".join(reversed(units))


class InkProfile:
    """How many words have ink at each point of the page width (on a page, or over pages)."""

    def __init__(self, words: Iterable[Word], width: float) -> None:
        self.width = max(int(width), 0) + 2
        limit = self.width
        diff = [0] * (limit + 1)
        for word in words:  # words partly or wholly off the page count at its edges
            start = int(word.x0) if word.x0 > 0 else 0
            end = int(word.x1) + 1 if word.x1 > 0 else 0
            diff[start if start < limit else limit] += 1
            diff[end if end < limit else limit] -= 1
        self._ink = list(accumulate(diff))

    @classmethod
    def total(cls, profiles: list[InkProfile]) -> InkProfile:
        """The sum of profiles of one width."""
        summed = cls([], (profiles[0].width - 2) if profiles else 0)
        summed._ink = [sum(column) for column in zip(*(p._ink for p in profiles))]
        return summed

    def counts(self) -> list[int]:
        """How many words have ink at each point, from 0 to the width."""
        return list(self._ink)

    def least(self, start: float, end: float) -> int:
        """The fewest words with ink at a point from ``start`` to ``end`` (the count at ``start``
        when the run is empty)."""
        last = self.width - 1
        first = _clamped(start, last)
        return min(self._ink[first:_clamped(end, last)], default=self._ink[first])

    def gap_contrast(self, left: Word, right: Word) -> tuple[float, int, float]:
        """The least ink inside the gap between two words, as a share of the ink under the words
        themselves (how much text the columns on either side carry); that column ink; and the x
        where the gap has the least ink."""
        ink, last = self._ink, self.width - 1
        beside = min(ink[_clamped((left.x0 + left.x1) / 2, last)], ink[_clamped((right.x0 + right.x1) / 2, last)])
        start, end = _clamped(left.x1 + 1, last), _clamped(right.x0, last)
        if end <= start:
            return 1.0, beside, left.x1
        least = min(ink[start:end])
        lightest = ink.index(least, start, end)  # the first lightest point, as a scan from the left finds it
        return (least / beside if beside else 1.0), beside, lightest + 0.5

    def channel_width(self, x: float, level: float) -> int:
        """How wide the run of page width around ``x`` with ink in at most ``level`` rows is."""
        ink = self._ink
        start = end = min(max(int(x), 0), self.width - 1)
        while start > 0 and ink[start - 1] <= level:
            start -= 1
        while end + 1 < self.width and ink[end + 1] <= level:
            end += 1
        return end - start + 1


def _clamped(x: float, last: int) -> int:
    """``x`` as an index of an ink profile whose last index is ``last``."""
    index = int(x)
    return index if 0 <= index <= last else (0 if index < 0 else last)


def box_sides(page: RawPage, least: float) -> list[tuple[float, float, float]]:
    """The sides of the boxes drawn on the page at least ``least`` ems (of the page's usual text
    size) tall, as (x, top, bottom): a boxed panel's, not a highlight's behind a word. (Lone
    rules are left to the gutter tests: rules down a table that no finder took are between
    its cells, which read row by row.)

    >>> from pipeline.core.geometry import Graphic
    >>> words = [Word("text", 10, 100, 40, 110, 10)]
    >>> panel, highlight = Graphic("rect", 200, 50, 300, 150, True), Graphic("rect", 10, 99, 40, 111, True)
    >>> box_sides(RawPage(1, 600, 800, words, graphics=[panel, highlight]), 3.0)
    [(200, 50, 150), (300, 50, 150)]
    """
    if not page.words or not page.graphics:
        return []
    tall = least * median(word.size for word in page.words)
    edges: list[tuple[float, float, float]] = []
    for graphic in page.graphics:
        if graphic.kind == "rect" and graphic.y1 - graphic.y0 >= tall:
            edges += [(graphic.x0, graphic.y0, graphic.y1), (graphic.x1, graphic.y0, graphic.y1)]
    return edges


def page_ink(page: RawPage) -> InkProfile:
    return InkProfile(page.words, page.width)


def document_ink(profiles: list[InkProfile]) -> InkProfile | None:
    """The ink profile of all pages together, when they share one width: a page with only a
    few lines (the short columns of a last page) borrows its gutters from the others."""
    if not profiles or max(p.width for p in profiles) - min(p.width for p in profiles) > 2:
        return None
    return InkProfile.total(profiles)


class WhiteStrips:
    """Whether a point of the page width is white in the rows around a given row."""

    def __init__(self, rows: list[list[Word]], reach: float) -> None:
        self._rows = rows
        self._reach = reach
        self._starts = [[w.x0 for w in row] for row in rows]

    def has_ink(self, index: int, x: float) -> bool:
        starts = self._starts[index]
        i = bisect_right(starts, x) - 1
        return i >= 0 and self._rows[index][i].x1 >= x

    def is_near(self, index: int, x: float) -> bool:
        """Whether a word of the row ends or starts within the strip's reach (in its sizes) of ``x``."""
        return any(abs(word.x1 - x) <= self._reach * word.size or abs(word.x0 - x) <= self._reach * word.size
                   for word in self._rows[index])

    def strip_height(self, index: int, x: float, enough: int) -> int:
        """How many rows around this one, this one included, are white at ``x`` with words
        near it (counted up to ``enough``). Rows with no word near ``x`` say nothing and are
        passed over: where the lines of two columns do not share baselines, every other
        band holds one column's line, white all across the other column."""
        height = 1
        for step in (-1, 1):
            other = index + step
            while 0 <= other < len(self._rows) and height < enough and not self.has_ink(other, x):
                height += self.is_near(other, x)
                other += step
        return height


class _GutterTest:
    """Decides whether a gap between two words of a row is a column gutter (see the module docstring)."""

    def __init__(self, rows: list[list[Word]], page: InkProfile, document: InkProfile | None,
                 settings: LinesSettings, edges: list[tuple[float, float, float]] | None = None) -> None:
        self._page = page
        self._document = document
        self._settings = settings
        self._strips = WhiteStrips(rows, settings.strip_reach)
        self._display_size = settings.display_ratio * median(word.size for row in rows for word in row)
        self._edges = edges or []
        self._rows = len(rows)
        self._words = [word for row in rows for word in row] if self._edges else []  # only edges need them
        self._band_rows = rows
        self._crosses_text: dict[tuple[float, float, float], bool] = {}

    def parted_by_an_edge(self, left: Word, right: Word) -> bool:
        """Whether a drawn edge (:func:`box_sides`) runs down between the two words, and
        through no word of the page (a line of a pattern printed under the text does)."""
        middle = (left.y0 + left.y1 + right.y0 + right.y1) / 4
        return any(left.x1 <= edge[0] <= right.x0 and edge[1] <= middle <= edge[2] and not self._through_text(edge)
                   for edge in self._edges)

    def _through_text(self, edge: tuple[float, float, float]) -> bool:
        if edge not in self._crosses_text:
            x, top, bottom = edge
            self._crosses_text[edge] = any(word.x0 < x < word.x1 and word.y0 < bottom and top < word.y1
                                           for word in self._words)
        return self._crosses_text[edge]

    def white_down_the_page(self, left: Word, right: Word, index: int) -> bool:
        """Whether the gap lies on white that runs down the page: the gutter between two columns
        of justified lines, as wide as their word spaces. At most ``gutter_ink_share`` of the
        page's rows have ink there and a strip of white runs through it over ``strip_rows``
        rows; or, where text spanning the columns above or below them crosses it (up to
        ``doubtful_ink_share`` of the rows), the strip is ``long_strip_rows`` high."""
        s = self._settings
        share, column_rows, lightest = self._page.gap_contrast(left, right)
        if share > s.doubtful_ink_share or column_rows < s.min_column_rows:
            return False
        rows = s.strip_rows if share <= s.gutter_ink_share else s.long_strip_rows
        return self._strips.strip_height(index, lightest, rows) >= rows

    def parts_lines_of_prose(self, before: list[Word], after: list[Word], index: int) -> bool:
        """Whether the gap between two runs of words of a row, each a line of prose (at least
        ``prose_side_words`` words of letters), at least ``lone_gutter`` ems wide, lies on
        white that runs through ``long_strip_rows`` rows, or the run after it starts where
        rows near it start a column (:meth:`_starts_a_column`): two columns set under (or
        over) text that spans them, where most of the page's rows cross the gap (a scanned
        page's wide word spaces leave such a gutter no wider than some of them). The run after
        the gap may be shorter (a paragraph's last line in the other column) when both hold:
        the white runs through, and a row of prose near it starts where it does."""
        s = self._settings
        left, right = before[-1], after[0]
        if right.x0 - left.x1 < s.lone_gutter * max(left.size, right.size) or left.mono or right.mono:
            return False
        before_words, after_words = (sum(word.text.isalpha() for word in side) for side in (before, after))
        if before_words < s.prose_side_words or not any(ch.isalpha() for ch in right.text):
            return False
        _, _, lightest = self._page.gap_contrast(left, right)
        white = self._strips.strip_height(index, lightest, s.long_strip_rows) >= s.long_strip_rows
        if after_words >= s.prose_side_words:
            return white or self._starts_a_column(right, index)
        return white and self._prose_starts_near(right, index)  # a paragraph's short last line

    def _rows_near(self, index: int) -> list[list[Word]]:
        """The rows within ``strip_rows`` rows of row ``index``, above and below it."""
        reach = self._settings.strip_rows
        return self._band_rows[max(index - reach, 0):index] + self._band_rows[index + 1:index + 1 + reach]

    def _prose_starts_near(self, word: Word, index: int) -> bool:
        """Whether a row within ``strip_rows`` rows of this one has a line of prose
        (``prose_side_words`` words of letters) starting where ``word`` does (within a fifth of
        its size), at the row's start or after a gap of ``lone_gutter`` ems: the column ``word``
        starts in holds running text."""
        s = self._settings
        for row in self._rows_near(index):
            for at, other in enumerate(row):
                gap = other.x0 - row[at - 1].x1 if at else float("inf")
                if abs(other.x0 - word.x0) <= 0.2 * word.size and gap >= s.lone_gutter * other.size \
                        and sum(after.text.isalpha() for after in row[at:]) >= s.prose_side_words:
                    return True
        return False

    def _starts_a_column(self, word: Word, index: int) -> bool:
        """Whether ``word`` starts where ``column_start_rows`` rows or more, within
        ``strip_rows`` rows of this one, start with nothing to their left (within a fifth of
        its size), each a line of prose (``prose_side_words`` words of letters): the left
        edge of a column, whose rows that share a baseline with the other column's are read as
        one (a short section in two columns over a page of one)."""
        s = self._settings
        near = self._rows_near(index)
        return sum(abs(row[0].x0 - word.x0) <= 0.2 * word.size
                   and sum(other.text.isalpha() for other in row) >= s.prose_side_words
                   for row in near) >= s.column_start_rows

    def __call__(self, left: Word, right: Word, index: int) -> bool:
        s = self._settings
        size = max(left.size, right.size, 1.0)
        gap = right.x0 - left.x1
        if min(left.size, right.size) >= self._display_size:
            return gap >= s.lone_gutter * size
        share, column_rows, lightest = self._page.gap_contrast(left, right)
        if column_rows < s.min_page_rows and self._document is not None:
            if share <= s.gutter_ink_share and column_rows >= s.min_column_rows:
                return True
            if share == 0 and self._rows >= s.min_page_rows and gap >= s.lone_gutter * size:
                return True  # no word of a page of many rows crosses it: a short column's ragged edge beside it
            share, column_rows, _ = self._document.gap_contrast(left, right)
            if column_rows >= s.min_page_rows:
                return share <= s.gutter_ink_share
        if column_rows < s.min_column_rows:
            return gap >= s.lone_gutter * size
        if share > s.doubtful_ink_share:
            return False
        if gap < s.gutter_cover * self._page.channel_width(lightest, max(share, s.gutter_ink_share) * column_rows):
            return False
        if share <= s.gutter_ink_share:
            return True
        white_rows = self._strips.strip_height(index, lightest, s.strip_rows)
        return gap >= s.doubtful_gutter * size and white_rows >= s.strip_rows


def _a_word_space(gaps: list[float], index: int, settings: LinesSettings) -> bool:
    """Whether the gap at ``index`` is no wider than the row's other gaps, when they are many
    and alike: a word space of a line spaced wide (justified, or Korean), not a gutter.

    >>> _a_word_space([7.4] * 10, 4, DEFAULTS.lines), _a_word_space([2.5] * 6 + [7.4] + [2.5] * 4, 6, DEFAULTS.lines)
    (True, False)
    """
    others = gaps[:index] + gaps[index + 1:]
    if len(others) < settings.word_spaces:
        return False
    widest = (1 + settings.word_space_slack) * min(others)
    return gaps[index] <= widest and max(others) <= widest


def _one_spacing(gaps: list[float], settings: LinesSettings) -> bool:
    """Whether a row's gaps are all one width, within ``settings.one_spacing`` points: one line
    justified (two columns' lines, each justified on its own, space their words apart by
    different widths).

    >>> _one_spacing([7.41, 7.4, 7.42], DEFAULTS.lines), _one_spacing([7.4, 7.9, 7.4], DEFAULTS.lines)
    (True, False)
    """
    return max(gaps) - min(gaps) <= settings.one_spacing


def _may_open_an_item(mark: Word, word: Word, satellite_ratio: float) -> bool:
    """Whether ``mark``, a row's first word, may be a bullet or an item's number before ``word``
    (:data:`MARK_WORD`, :data:`ENUMERATOR`). A single letter set smaller than the text is not:
    it is an index or an operator's limit in a display formula (the "S" over a sum), and the
    gap after it may be a gutter. (A bullet that OCR reads as a letter has the text's size.)"""
    if ENUMERATOR.match(mark.text):
        return True
    if not MARK_WORD.match(mark.text):
        return False
    return not mark.text.isalpha() or mark.size > satellite_ratio * word.size


def _split_at_gutters(row: list[Word], index: int, is_gutter: _GutterTest, settings: LinesSettings) -> list[list[Word]]:
    """The row cut at its column gutters; the gap after a bullet, an item number or a caption
    label that opens a line (the row's, or one after a gutter) is an indent, unless it is wider
    than ``settings.max_indent`` ems (a math sign, "∞" or "√", that opens a row of a formula
    beside the other column is no bullet)."""
    pieces: list[list[Word]] = [[row[0]]]
    gaps = [word.x0 - previous.x1 for previous, word in zip(row, row[1:])]
    for index_of_gap, (previous, word) in enumerate(zip(row, row[1:])):
        gap, size = gaps[index_of_gap], max(previous.size, word.size)
        if gap < settings.min_gutter * size or (_a_word_space(gaps, index_of_gap, settings) and (
                _one_spacing(gaps, settings) or not is_gutter.white_down_the_page(previous, word, index))):
            pieces[-1].append(word)  # a space between words
            continue
        if is_gutter.parted_by_an_edge(previous, word):
            pieces.append([word])
            continue
        line = pieces[-1]
        indent = gap <= settings.max_indent * size and (
            len(line) == 1 and _may_open_an_item(previous, word, settings.satellite_ratio)
            or len(line) == 2 and bool(LABEL_NAME.match(line[0].text) and LABEL_NUMBER.match(previous.text)))
        if not indent and (is_gutter(previous, word, index) or
                           is_gutter.parts_lines_of_prose(line, row[index_of_gap + 1:], index)):
            pieces.append([word])
        else:
            pieces[-1].append(word)
    return pieces
