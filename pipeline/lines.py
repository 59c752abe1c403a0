"""Stage ``lines``: group a page's words into lines, one line per column.

Words are first banded by their vertical centre (robust to jittered baselines: the
tolerance is a share of the text height, not an exact y), then each band is ordered by
x and cut where a gap lines up with a column gutter. A gap is a gutter when, over the
whole page, hardly any other line has ink at that x although many lines reach across
it; a wide space inside justified text fails that test because the lines above and
below it have words there.
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
"""At a gutter, at most this share of the lines reaching across it may have ink."""
MIN_REACHING_ROWS = 3
"""With fewer lines reaching across a gap, the page says too little: only the gap's width decides."""
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
    ordered = sorted(words, key=lambda w: w.y_center)
    rows: list[list[Word]] = []
    band: list[Word] = [ordered[0]]
    reference = ordered[0].y_center
    for word in ordered[1:]:
        if word.y_center - reference <= tolerance:
            band.append(word)
        else:
            rows.extend(_rows_of_band(band))
            band, reference = [word], word.y_center
    rows.extend(_rows_of_band(band))
    return rows


def _rows_of_band(band: list[Word]) -> list[list[Word]]:
    band.sort(key=lambda w: w.x0)
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
    """Per-point counts over the page width: rows with ink at x, and rows reaching across x."""

    def __init__(self, rows: list[list[Word]], width: float) -> None:
        self.width = int(width) + 2
        self._rows = rows
        self._ink: list[int] | None = None
        self._reach: list[int] | None = None

    def _build(self) -> None:
        ink = [0] * (self.width + 1)
        reach = [0] * (self.width + 1)
        for row in self._rows:
            self._add(reach, row[0].x0, max(w.x1 for w in row))
            for word in row:
                self._add(ink, word.x0, word.x1)
        self._ink = list(accumulate(ink))
        self._reach = list(accumulate(reach))

    def _add(self, diff: list[int], x0: float, x1: float) -> None:
        start = min(max(int(x0), 0), self.width)
        end = min(max(int(x1) + 1, start), self.width)
        diff[start] += 1
        diff[end] -= 1

    def ink_share(self, x0: float, x1: float) -> tuple[float, int]:
        """Over the points strictly inside (x0, x1), the lowest share of reaching rows that have ink
        there, and how many rows reach across that point."""
        if self._ink is None:
            self._build()
        ink, reach = self._ink, self._reach
        start = min(max(int(x0) + 1, 0), self.width - 1)
        end = min(max(int(x1), start + 1), self.width)
        best = min(range(start, end), key=lambda x: ink[x] / reach[x] if reach[x] else 1.0)
        return (ink[best] / reach[best] if reach[best] else 1.0), reach[best]


def _split_at_gutters(row: list[Word], occupancy: _Occupancy) -> list[list[Word]]:
    pieces: list[list[Word]] = [[row[0]]]
    for previous, word in zip(row, row[1:]):
        if _is_gutter(previous, word, occupancy):
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
    share, reaching = occupancy.ink_share(left.x1, right.x0)
    if reaching < MIN_REACHING_ROWS:
        return gap >= LONE_GUTTER_EM * size
    return share <= GUTTER_INK_SHARE
