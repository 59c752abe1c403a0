"""Checkboxes drawn as small outlined squares, put back as the words ☐ and ☒.

A form draws its checkboxes as paths, not glyphs: read from the text alone, "☐ Yes ☒ No"
becomes "Yes No", and which box is ticked is lost. An outlined square about the size of
the text, on a line of text, with a word beside it and none inside it (a comb field's
letter), is taken for a checkbox: a word "☒" takes its place when it is filled dark or
has a mark drawn inside it (a tick, a cross), else a word "☐". Filled shapes without an
outline (a chart's key, a drawn bullet) are left alone.
"""

from __future__ import annotations

from ..core.geometry import Graphic, RawPage, Word
from ..settings import RegionsSettings

UNCHECKED, CHECKED = "☐", "☒"


def drawn_checkboxes(page: RawPage, settings: RegionsSettings) -> list[Word]:
    """A word ☐ or ☒ for each outlined square of the page set beside a word like a checkbox."""
    boxes = [g for g in page.graphics if g.kind == "rect" and g.stroked]
    found = []
    for box in boxes:
        word = _word_beside(box, page.words, settings)
        if word is not None:
            mark = CHECKED if _is_ticked(box, page.graphics) else UNCHECKED
            found.append(Word(mark, box.x0, box.y0, box.x1, box.y1, word.size, word.font, page=word.page))
    return found


def _word_beside(box: Graphic, words: list[Word], settings: RegionsSettings) -> Word | None:
    """The nearest word on the box's line, at most ``settings.checkbox_gap`` em to its left or
    right, when the box is a square of ``checkbox_min`` to ``checkbox_max`` em of that word's
    size and no word is printed inside it."""
    middle = (box.y0 + box.y1) / 2
    if any(box.x0 < (w.x0 + w.x1) / 2 < box.x1 and box.y0 < (w.y0 + w.y1) / 2 < box.y1 for w in words):
        return None
    beside = [w for w in words if w.y0 < middle < w.y1 and _checkbox_sized(box, w.size, settings)
              and _gap(box, w) <= settings.checkbox_gap * w.size]
    return min(beside, key=lambda w: _gap(box, w), default=None)


def _gap(box: Graphic, word: Word) -> float:
    return max(word.x0 - box.x1, box.x0 - word.x1, 0.0)


def _checkbox_sized(box: Graphic, size: float, settings: RegionsSettings) -> bool:
    """Whether ``box`` is about square, between ``checkbox_min`` and ``checkbox_max`` em of ``size``.

    >>> from pipeline.settings import DEFAULTS
    >>> _checkbox_sized(Graphic("rect", 0, 0, 8, 8), 8.0, DEFAULTS.regions)
    True
    >>> _checkbox_sized(Graphic("rect", 0, 0, 30, 8), 8.0, DEFAULTS.regions)
    False
    """
    width, height = box.x1 - box.x0, box.y1 - box.y0
    low, high = settings.checkbox_min * size, settings.checkbox_max * size
    return low <= width <= high and low <= height <= high and max(width, height) <= 1.25 * min(width, height)


def _is_ticked(box: Graphic, graphics: list[Graphic]) -> bool:
    """Whether a checkbox is filled dark, or holds a smaller mark drawn inside it."""
    if box.filled and box.fill is not None and _lightness(box.fill) < 0.5:
        return True
    return any(g is not box and g.kind != "image" and box.x0 <= g.x0 and g.x1 <= box.x1 and box.y0 <= g.y0
               and g.y1 <= box.y1 and (g.x1 - g.x0) * (g.y1 - g.y0) < 0.8 * (box.x1 - box.x0) * (box.y1 - box.y0)
               for g in graphics)


def _lightness(colour: tuple[float, ...]) -> float:
    """How light a colour is, 0 (black) to 1 (white), whether grey, RGB or CMYK.

    >>> round(_lightness((0.05, 0.05, 0.05)), 2), _lightness((1.0,)), _lightness((0.0, 0.0, 0.0, 1.0))
    (0.05, 1.0, 0.0)
    """
    if len(colour) == 4:
        return (1 - colour[3]) * (1 - max(colour[:3]))
    return sum(colour) / len(colour)
