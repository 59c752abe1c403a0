"""Bullets drawn as small shapes rather than set as glyphs, or misread by OCR, put back as bullet words.

Chromium draws the disc or square of a list item as a small filled path, and so do some
Word and LibreOffice exports; read from the text alone, such a list is one paragraph. A
small filled shape (a disc or a square about the x-height) just left of a line's first
word, repeated at the same x on other lines of the page (or in the same size and at the
same distance before its word, in another column), is taken for a bullet: a word
"•" takes its place, which the later stages read as any printed bullet. Rules and
underlines (thin), outlined boxes (checkboxes: not filled), larger marks (a chart's key)
and a dot inside a line of text (a word close before it) are left alone.

On an OCR'd page, a bullet the engine read as another sign or a letter, and that stands where
other lines' bullets stand, is a bullet again (:func:`misread_bullets`).
"""

from __future__ import annotations

from dataclasses import replace

from ..core.edits import EditLog
from ..core.geometry import Graphic, Line, RawPage, Word, box_of
from ..settings import LayoutSettings

BULLET = "•"
"""The glyph a drawn bullet is read as."""
OCR_BULLET_MISREADS = frozenset("•·«»¢©®°*")
"""Signs OCR engines read a printed bullet as (Tesseract: "¢", "©", "®", "«" for one list's "•"
on one page)."""
OCR_BULLET_LETTERS = frozenset("eo")
"""Letters OCR engines read a printed bullet as, which may also be words ("e" and "o" in
Italian and Portuguese): such a letter is a bullet only when it is as narrow as a bullet,
narrower than the letter is printed (``bullet_letter_max``). Not "a": an English line opens
with the word often enough, boxed as narrow, to make false lists on the development scans."""


def drawn_bullets(page: RawPage, settings: LayoutSettings) -> list[Word]:
    """A bullet word for each small filled shape set before a line's first word like a
    bullet, where at least ``settings.min_drawn_bullets`` such shapes are set alike: at
    one x, or in one size at one distance before their words (a list that goes on in the
    next column)."""
    marked = [(shape, word) for shape in page.graphics if shape.filled and shape.kind in ("path", "rect")
              for word in [_word_after(shape, page.words, settings)] if word is not None]
    return [Word(BULLET, shape.x0, word.y0, shape.x1, word.y1, word.size, word.font, page=word.page)
            for shape, word in marked
            if sum(_set_alike(shape, word, *other) for other in marked) >= settings.min_drawn_bullets]


def _set_alike(shape: Graphic, word: Word, other: Graphic, other_word: Word) -> bool:
    """Whether two shapes stand at one x, or are of one size at one distance before their words."""
    if abs(other.x0 - shape.x0) <= 1.0:
        return True
    return abs((other.x1 - other.x0) - (shape.x1 - shape.x0)) <= 0.5 and \
        abs((other.y1 - other.y0) - (shape.y1 - shape.y0)) <= 0.5 and \
        abs((other_word.x0 - other.x1) - (word.x0 - shape.x1)) <= 1.0


def _word_after(shape: Graphic, words: list[Word], settings: LayoutSettings) -> Word | None:
    """The word a bullet-sized ``shape`` stands before, as a bullet does: on its line, at most
    ``settings.bullet_gap`` em to its right, with no word ending less than an em before it."""
    middle = (shape.y0 + shape.y1) / 2
    beside = [word for word in words if word.y0 < middle < word.y1 and _bullet_sized(shape, word.size, settings)]
    if any(shape.x0 - word.size < word.x1 <= shape.x0 + 1.0 for word in beside):
        return None
    after = [word for word in beside if shape.x1 <= word.x0 <= shape.x1 + settings.bullet_gap * word.size]
    return min(after, key=lambda word: word.x0, default=None)


def _bullet_sized(shape: Graphic, size: float, settings: LayoutSettings) -> bool:
    """Whether ``shape`` is about as wide as tall and, in both, between ``settings.bullet_min``
    and ``settings.bullet_max`` em of type of ``size``.

    >>> from pipeline.settings import DEFAULTS
    >>> _bullet_sized(Graphic("path", 0, 0, 3, 3, True), 9.5, DEFAULTS.layout)
    True
    >>> _bullet_sized(Graphic("rect", 0, 0, 8, 8, True), 9.5, DEFAULTS.layout)
    False
    """
    width, height = shape.x1 - shape.x0, shape.y1 - shape.y0
    low, high = settings.bullet_min * size, settings.bullet_max * size
    return low <= width <= high and low <= height <= high and max(width, height) <= 1.5 * min(width, height)


def misread_bullets(lines: list[Line], settings: LayoutSettings, edits: EditLog) -> list[Line]:
    """Lines of an OCR'd page whose first word is a bullet read as another sign
    (:data:`OCR_BULLET_MISREADS`, :data:`OCR_BULLET_LETTERS`), with the bullet put back: the
    sign is no wider than a bullet (``settings.bullet_max`` em; a letter
    ``settings.bullet_letter_max``) and opens at least ``settings.min_drawn_bullets`` lines at
    one x, whichever signs the engine saw there. A copyright or registered sign is wider, and
    a list that the engine read as "¢" on one line and "©" on the next is one list. Each sign
    put back is recorded in ``edits``.
    """
    marks = [line.words[0] if _opens_with_a_bullet_sign(line, settings) else None for line in lines]
    read_as_bullets = [mark is not None and sum(other is not None and abs(other.x0 - mark.x0) <= 0.5 * mark.size
                                                for other in marks) >= settings.min_drawn_bullets
                       for mark in marks]
    found: list[Line] = []
    for line, bullet in zip(lines, read_as_bullets):
        mark = line.words[0]
        if bullet and mark.text != BULLET:
            edits.record("bullet_restored", mark.text, BULLET, line.page,
                         "a bullet read as another sign: as narrow as a bullet, at the x of other lines' bullets",
                         box_of(line.page, mark))
            line = Line([replace(mark, text=BULLET), *line.words[1:]], line.page, right_to_left=line.right_to_left)
        found.append(line)
    return found


def _opens_with_a_bullet_sign(line: Line, settings: LayoutSettings) -> bool:
    if len(line.words) < 2:
        return False
    first = line.words[0]
    width = first.x1 - first.x0
    if first.text in OCR_BULLET_LETTERS:
        return width <= settings.bullet_letter_max * first.size
    return first.text in OCR_BULLET_MISREADS and width <= settings.bullet_max * first.size
