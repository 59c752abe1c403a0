"""Stage ``lines``: group a page's words into lines, one line per column.

Words are first banded by their vertical centre (robust to jittered baselines: the
tolerance is a share of the text height, not an exact y), then each band is ordered by
x and cut where a gap lines up with a column gutter. A gap is a gutter when, at some
point inside it, hardly any line of the page has ink, compared with how many lines
have ink under the words on either side of it; a wide space inside justified text
fails that test because the lines above and below have words there.
"""

from __future__ import annotations

from dataclasses import replace
from itertools import accumulate
from statistics import median

from .geometry import Line, RawPage, Word

BAND_TOLERANCE = 0.4
"""Words whose centres differ by less than this share of the typical word height share a band."""
MIN_GUTTER_EM = 0.6
"""A gap narrower than this many font sizes is never a gutter."""
TOUCHING_EM = 0.08
"""Two pieces closer than this many font sizes are one word (no space was printed between them)."""
WIDE_GAP_EM = 4.0
"""A gap wider than this many font sizes always separates two lines."""
GUTTER_INK_SHARE = 0.2
"""A gutter has at most this share of the ink the text on either side of it has."""
MIN_COLUMN_ROWS = 3
"""With fewer rows of text beside a gap, the page says too little: only the gap's width decides."""
LONE_GUTTER_EM = 1.5


def build_lines(page: RawPage) -> list[Line]:
    """Return the page's lines, each inside one column, sorted top to bottom."""
    if not page.words:
        return []
    rows = _bands(page.words)
    occupancy = _Occupancy(rows, page.width)
    lines: list[Line] = []
    for row in rows:
        for words in _split_at_gutters(row, occupancy):
            lines.append(Line(words, page.number))
    lines.sort(key=lambda line: (line.y0, line.x0))
    return lines


def _bands(words: list[Word]) -> list[list[Word]]:
    """Words grouped by vertical centre; inside a band, words that overlap in x go to separate rows."""
    tolerance = BAND_TOLERANCE * median(w.height for w in words)
    tolerance *= 2  # centres are compared doubled: y0 + y1
    ordered = sorted(words, key=lambda w: w.y0 + w.y1)
    rows: list[list[Word]] = []
    band: list[Word] = [ordered[0]]
    reference = ordered[0].y0 + ordered[0].y1
    for word in ordered[1:]:
        if word.y0 + word.y1 - reference <= tolerance:
            band.append(word)
        else:
            rows.extend(_rows_of_band(band))
            band, reference = [word], word.y0 + word.y1
    rows.extend(_rows_of_band(band))
    return rows


def _rows_of_band(band: list[Word]) -> list[list[Word]]:
    band.sort(key=lambda w: w.x0)
    if all(b.x0 - a.x1 > TOUCHING_EM * a.size for a, b in zip(band, band[1:])):
        return [band]  # the usual case: one row, words apart
    rows: list[list[Word]] = []
    for word in band:
        for row in rows:
            last = row[-1]
            if word.x0 >= last.x1 - 0.25 * min(last.size, word.size):
                if word.x0 - last.x1 <= TOUCHING_EM * min(last.size, word.size):
                    row[-1] = _glue(last, word)
                else:
                    row.append(word)
                break
        else:
            rows.append([word])
    return rows


def _glue(left: Word, right: Word) -> Word:
    """One word from two pieces printed without a gap (a font or style change inside a word).

    The longer piece gives the style.
    """
    main = left if len(left.text) >= len(right.text) else right
    return replace(main, text=left.text + right.text, x0=left.x0, x1=right.x1,
                   y0=min(left.y0, right.y0), y1=max(left.y1, right.y1), link=left.link or right.link)


class _Occupancy:
    """How many rows of the page have ink at each point of the page width."""

    def __init__(self, rows: list[list[Word]], width: float) -> None:
        self.width = int(width) + 2
        self._rows = rows
        self._ink: list[int] | None = None

    def _build(self) -> list[int]:
        diff = [0] * (self.width + 1)
        for row in self._rows:
            for word in row:
                start = min(max(int(word.x0), 0), self.width)
                end = min(max(int(word.x1) + 1, start), self.width)
                diff[start] += 1
                diff[end] -= 1
        return list(accumulate(diff))

    def gap_contrast(self, left: Word, right: Word) -> tuple[float, int]:
        """The least ink inside the gap between two words, as a share of the ink under the words
        themselves (how much text the columns on either side carry), and that column ink."""
        if self._ink is None:
            self._ink = self._build()
        ink = self._ink
        clamp = lambda x: min(max(int(x), 0), self.width - 1)  # noqa: E731
        beside = min(ink[clamp((left.x0 + left.x1) / 2)], ink[clamp((right.x0 + right.x1) / 2)])
        start, end = clamp(left.x1 + 1), clamp(right.x0)
        least = min(ink[start:end], default=beside)
        return (least / beside if beside else 1.0), beside


def _split_at_gutters(row: list[Word], occupancy: _Occupancy) -> list[list[Word]]:
    pieces: list[list[Word]] = [[row[0]]]
    for previous, word in zip(row, row[1:]):
        narrow = word.x0 - previous.x1 < MIN_GUTTER_EM * max(previous.size, word.size)
        if not narrow and _is_gutter(previous, word, occupancy):
            pieces.append([word])
        else:
            pieces[-1].append(word)
    return pieces


def _is_gutter(left: Word, right: Word, occupancy: _Occupancy) -> bool:
    size = max(left.size, right.size, 1.0)
    gap = right.x0 - left.x1
    if gap >= WIDE_GAP_EM * size:
        return True
    if gap < MIN_GUTTER_EM * size:
        return False
    share, column_rows = occupancy.gap_contrast(left, right)
    if column_rows < MIN_COLUMN_ROWS:
        return gap >= LONE_GUTTER_EM * size
    return share <= GUTTER_INK_SHARE
