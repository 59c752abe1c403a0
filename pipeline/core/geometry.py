"""The intermediate model the stages pass along: words, lines and blocks on a page.

These are plain slotted dataclasses rather than pydantic models because a page holds
hundreds of words and the pipeline must stay within a small factor of PyMuPDF's own
word extraction; the public output (:mod:`pipeline.output.models`) is pydantic.

Coordinates are PDF points with the origin at the top-left corner of the page and y
growing downwards (PyMuPDF's convention; pdfplumber's ``top``/``bottom`` match it).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from statistics import median

HYPHENS = "-\u2010\u2011\u00ad"
"""Characters that can end a line as a hyphen: ASCII, U+2010, U+2011 and the soft hyphen."""
WORD_SPACE = 0.3
"""A word space, in font sizes, for judging whether a word would have fitted on a line."""
LIGHTER_NAME = re.compile(r"thin|hairline|light", re.IGNORECASE)
HEAVIER_NAME = re.compile(r"medium", re.IGNORECASE)


@dataclass(slots=True)
class Word:
    """One whitespace-delimited word as printed, with its box and type style."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    size: float
    font: str = ""
    bold: bool = False
    italic: bool = False
    link: str | None = None
    page: int = 0
    mono: bool = False
    """Set in a monospaced font (code, typewriter text)."""
    superscript: bool = False
    """Set smaller and raised right after the word before it: a note call, an exponent."""
    confidence: float | None = None
    """How sure the OCR engine was of the word (0 to 1) on a page this pipeline OCR'd; None elsewhere."""
    hidden: bool = False
    """Printed in white, or nearly, with nothing drawn under it: text a reader of the page cannot
    see (a label for search engines or screen readers)."""
    spaced: bool = False
    """Printed right after a space of its own text run: a word apart from whatever box ends
    just before it (a glyph of a substituted font boxed wider than it was set)."""

    @property
    def height(self) -> float:
        return self.y1 - self.y0

    @property
    def y_center(self) -> float:
        return (self.y0 + self.y1) / 2


@dataclass(slots=True)
class RawPage:
    """What an extractor yields for one page: its size and its words, in any order."""

    number: int
    width: float
    height: float
    words: list[Word]
    text_source: str = "text"
    """Where the words come from: "text" (the PDF's text), "ocr layer" (an invisible text
    layer over a page image, as scanners make) or "tesseract" (OCR'd by this pipeline)."""
    text_quality: float | None = None
    """Share of the page's words that are known words, when it was measured (see :mod:`pipeline.stages.ocr`)."""
    ocr_decision: str = ""
    """Why the page was or was not OCR'd, when the OCR stage looked at it."""
    graphics: list[Graphic] = field(default_factory=list)
    """What is drawn on the page besides text: pictures and vector paths (when the page has any)."""
    regions: list[Region] = field(default_factory=list)
    """Tables and figures, with the words inside them (the regions stage moves them here from ``words``)."""
    sideways: list[Word] = field(default_factory=list)
    """Lines set across the page's reading direction (a margin stamp, an axis title), one word each."""
    right_to_left: bool = False
    """Whether any of its words is in a script written right to left (Arabic, Hebrew)."""


@dataclass(slots=True)
class Graphic:
    """Something drawn on a page that is not text: a picture, or a vector path."""

    kind: str
    """"image", "line" (a stroke or a bar thinner than 2 pt), "rect" or "path" (curves, polygons)."""
    x0: float
    y0: float
    x1: float
    y1: float
    filled: bool = False
    """Whether the path is filled (a disc, a solid square), not only stroked (an outlined box)."""
    fill: tuple[float, ...] | None = None
    """The fill's colour (components 0-1, as the PDF gives them), when it is filled and the reader tells."""
    stroked: bool = True
    """Whether its outline is drawn: a fill alone (a cell's shading) shows its edges only against
    another colour, so two fills of one colour that meet draw no line between them."""


@dataclass(slots=True)
class Grid:
    """A ruled table as a table finder found it: its box and its cells' boxes (a merged cell is one box)."""

    x0: float
    y0: float
    x1: float
    y1: float
    cells: list[tuple[float, float, float, float]]


@dataclass(slots=True)
class Cell:
    """One cell of a table: its place in the grid (0-based), how many rows and columns it spans,
    its box, and the words printed in it."""

    row: int
    col: int
    row_span: int
    col_span: int
    x0: float
    y0: float
    x1: float
    y1: float
    words: list[Word] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(word.text for word in self.words)


@dataclass(slots=True)
class Region:
    """A part of a page that is not running text: a table (its cells) or a figure (the words drawn in it)."""

    kind: str
    """"table" or "figure"."""
    page: int
    x0: float
    y0: float
    x1: float
    y1: float
    words: list[Word] = field(default_factory=list)
    cells: list[Cell] = field(default_factory=list)
    rows: int = 0
    columns: int = 0
    header_rows: int = 0
    ruled: bool = False
    """A table drawn with rules (found by the table finder), not aligned by white space alone."""
    continued: list[Region] = field(default_factory=list)
    """Where the table goes on (the next page, the next column), each piece with its page and
    box; their rows are this region's cells."""

    def pieces(self) -> list[Region]:
        """This region and where it goes on, in reading order."""
        return [self, *self.continued]


MAX_PAGE_POINTS = 14_400
"""The largest page side PDF allows (200 inches); larger ones are declared by broken files."""
PAGE_MARGIN = 36.0


def fit_oversized_page(page: RawPage) -> str:
    """Fit a page whose declared size passes :data:`MAX_PAGE_POINTS` to its words' extent, so
    that layout works on a page of real size; returns a warning saying so, or "".

    >>> page = RawPage(1, 2e9, 842, [Word("far", 1e9, 100, 1e9 + 20, 110, 10)])
    >>> fit_oversized_page(page), page.width, page.words[0].x0
    ('page 1 declares a size of 2000000000 x 842 pt; laid out on its text', 92.0, 36.0)
    """
    if page.width <= MAX_PAGE_POINTS and page.height <= MAX_PAGE_POINTS:
        return ""
    declared = f"{page.width:.0f} x {page.height:.0f}"
    if page.words:
        left = min(word.x0 for word in page.words) - PAGE_MARGIN
        top = min(word.y0 for word in page.words) - PAGE_MARGIN
        for word in page.words:
            word.x0, word.x1, word.y0, word.y1 = word.x0 - left, word.x1 - left, word.y0 - top, word.y1 - top
        page.width = max(word.x1 for word in page.words) + PAGE_MARGIN
        page.height = max(word.y1 for word in page.words) + PAGE_MARGIN
    page.width, page.height = min(page.width, MAX_PAGE_POINTS), min(page.height, MAX_PAGE_POINTS)
    return f"page {page.number} declares a size of {declared} pt; laid out on its text"


@dataclass(slots=True)
class RawDocument:
    """What an extractor yields for one file."""

    source: str
    pages: list[RawPage]
    metadata: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    page_count: int = 0
    """Pages in the file, including any that could not be read (0: as many as ``pages``)."""

    def __post_init__(self) -> None:
        self.page_count = self.page_count or len(self.pages)


@dataclass(slots=True)
class Line:
    """Words on one baseline inside one column, in reading order (left to right; right to left
    in a line of Arabic or Hebrew script).

    Box and style are computed once, from the words given at construction.
    """

    words: list[Word]
    page: int
    x0: float = 0.0
    y0: float = 0.0
    x1: float = 0.0
    y1: float = 0.0
    size: float = 0.0
    bold: bool = False
    italic: bool = False
    text: str = ""
    right_to_left: bool = False
    """Its words are in a right-to-left script, and in reading order from the right."""
    weight: int = 0
    """The lightest weight of its words' fonts (see :func:`font_weight`)."""

    def __post_init__(self) -> None:
        words = self.words
        self.text = " ".join(w.text for w in words)
        first = words[0]
        x0, y0, x1, y1 = first.x0, first.y0, first.x1, first.y1
        bold, italic = first.bold, first.italic
        weight = font_weight(first.font)
        for w in words:
            weight = min(weight, font_weight(w.font))
            if w.x0 < x0:
                x0 = w.x0
            if w.x1 > x1:
                x1 = w.x1
            if w.y0 < y0 and not w.superscript:  # a raised call does not move the line's top
                y0 = w.y0
            if w.y1 > y1:
                y1 = w.y1
            bold = bold and w.bold
            italic = italic and w.italic
        self.x0, self.y0, self.x1, self.y1 = x0, y0, x1, y1
        self.weight = weight
        self.size = _dominant_size(words)
        self.bold, self.italic = bold, italic

    @property
    def height(self) -> float:
        return self.y1 - self.y0


@lru_cache(maxsize=512)
def font_weight(font: str) -> int:
    """A font's weight below bold as its name tells it: -1 thin or light, 1 medium, else 0
    (a family whose text is light may set its headings in medium).

    >>> font_weight("KoPubDotumMedium"), font_weight("KoPubDotumLight"), font_weight("Helvetica")
    (1, -1, 0)
    """
    return 1 if HEAVIER_NAME.search(font) else -1 if LIGHTER_NAME.search(font) else 0


def _dominant_size(words: list[Word]) -> float:
    """The font size most of the characters have; marks (a bullet or a box from a symbol font
    set larger than the text) count only in a line of marks."""
    first = words[0].size
    if all(w.size == first for w in words):
        return first
    sizes: dict[float, int] = {}
    for w in words:
        sizes[w.size] = sizes.get(w.size, 0) + sum(ch.isalnum() for ch in w.text)
    if not any(sizes.values()):
        for w in words:
            sizes[w.size] += len(w.text)
    return max(sizes, key=sizes.__getitem__)


@dataclass(slots=True)
class Block:
    """Consecutive lines of one style in one column: a paragraph, part of one, or a heading; or a
    region of the page (a table or a figure, ``region``), whose lines are the words inside it.

    Add lines with :meth:`append` so the box stays current.
    """

    lines: list[Line]
    page: int
    kind: str = "body"
    level: int = 0
    region: Region | None = None
    x0: float = 0.0
    x1: float = 0.0
    y0: float = 0.0
    """The top of the first line (a region's top)."""
    y1: float = 0.0
    """The bottom of the last line (a region's bottom)."""

    def __post_init__(self) -> None:
        if self.region is not None:
            self.x0, self.y0, self.x1, self.y1 = self.region.x0, self.region.y0, self.region.x1, self.region.y1
            return
        self.x0 = min(line.x0 for line in self.lines)
        self.x1 = max(line.x1 for line in self.lines)
        self.y0, self.y1 = self.lines[0].y0, self.lines[-1].y1

    def append(self, line: Line) -> None:
        self.lines.append(line)
        self.x0 = min(self.x0, line.x0)
        self.x1 = max(self.x1, line.x1)
        self.y1 = line.y1

    @property
    def text(self) -> str:
        return " ".join(line.text for line in self.lines)

    @property
    def size(self) -> float:
        lines = self.lines
        if not lines:
            return 0.0
        first = lines[0].size
        if all(line.size == first for line in lines):  # the usual case, without sorting
            return first
        return median(line.size for line in lines)

    @property
    def bold(self) -> bool:
        return all(line.bold for line in self.lines)

    @property
    def italic(self) -> bool:
        return all(line.italic for line in self.lines)


@dataclass(slots=True)
class PageLayout:
    """A page after layout analysis: its blocks in reading order."""

    number: int
    width: float
    height: float
    blocks: list[Block]
    columns: int = 1
    text_source: str = "text"
    text_quality: float | None = None
    ocr_decision: str = ""
    sideways: list[Word] = field(default_factory=list)
    """The page's :class:`RawPage` fields of the same names."""
    characters: int = 0
    """How many characters of text the page was read with (its words and its regions' words)."""
    edits: list[dict] = field(default_factory=list)
    """What laying the page out changed in its text (JSON form of :class:`pipeline.output.models.Edit`)."""


@dataclass(slots=True)
class Unit:
    """One element of the output in reading order: title, heading, paragraph, list item or contents.

    ``lines`` are the source lines (possibly from several columns and pages); ``words``
    is the running text once line-end hyphens are resolved.
    """

    kind: str
    lines: list[Line]
    level: int = 0
    words: list[Word] = field(default_factory=list)
    region: Region | None = None
    """The table or figure a ``table`` or ``figure`` unit stands for."""

    @property
    def text(self) -> str:
        source = self.words or [w for line in self.lines for w in line.words]
        return " ".join(w.text for w in source)

    @property
    def pages(self) -> list[int]:
        return sorted({line.page for line in self.lines})


def overlaps(a, b) -> bool:
    """Whether two boxes (anything with x0, y0, x1, y1) share some area."""
    return a.x0 < b.x1 and b.x0 < a.x1 and a.y0 < b.y1 and b.y0 < a.y1


def joint_confidence(*words: Word) -> float | None:
    """The OCR confidence of one word made of ``words`` (a word broken across lines, two pieces
    glued): the lowest of theirs, None when none has one.

    >>> joint_confidence(Word("instru-", 0, 0, 9, 9, 9, confidence=0.96), Word("ments", 0, 9, 9, 18, 9, confidence=0.7))
    0.7
    """
    return min((word.confidence for word in words if word.confidence is not None), default=None)


def would_fit(line_end: float, width: float, size: float, right: float) -> bool:
    """Whether a run ``width`` wide, set a word space (:data:`WORD_SPACE` of ``size``) after a
    line that ends at ``line_end``, would have fitted on that line before ``right``: a line
    breaks only where the next word does not fit.

    >>> would_fit(250, 30, 10, 290), would_fit(250, 40, 10, 290)
    (True, False)
    """
    return line_end + WORD_SPACE * size + width <= right


def share_a_row(a: Line, b: Line) -> bool:
    """Whether two lines stand on one row: their heights overlap by more than half the smaller one.

    >>> share_a_row(Line([Word("a", 0, 100, 9, 110, 10)], 1), Line([Word("b", 50, 104, 59, 114, 10)], 1))
    True
    """
    return min(a.y1, b.y1) - max(a.y0, b.y0) > 0.5 * min(a.height, b.height)


FOLD_SHARE = 0.02
"""The white space down a spread's fold is at least this share of the page's width."""


def fold_of(items: Sequence, width: float, height: float, ratio: float, reach: float) -> float | None:
    """Where a page that is two pages printed side by side folds: on a landscape page (at
    least ``ratio`` times as wide as tall), the middle of the white nearest the page's middle
    (within ``reach`` of its width) that no item (anything with x0 and x1) crosses, at least
    :data:`FOLD_SHARE` of the page wide; None when there is none.

    >>> class Box:
    ...     def __init__(self, x0, x1): self.x0, self.x1 = x0, x1
    >>> fold_of([Box(40, 380), Box(420, 760)], 800, 600, 1.2, 0.1), fold_of([Box(40, 760)], 800, 600, 1.2, 0.1)
    (400.0, None)
    """
    if width < ratio * height or len(items) < 2:
        return None
    middle, near = width / 2, reach * width
    spans = merged_spans([(item.x0, item.x1) for item in items])
    folds = [(left[1] + right[0]) / 2 for left, right in zip(spans, spans[1:])
             if left[1] < middle + near and right[0] > middle - near and right[0] - left[1] >= FOLD_SHARE * width]
    return min(folds, key=lambda x: abs(x - middle)) if folds else None


def merged_spans(spans: list[tuple[float, float]], gap: float = 0.0) -> list[list[float]]:
    """Intervals sorted and merged where they overlap or lie within ``gap`` of each other.

    >>> merged_spans([(6, 9), (0, 3), (2, 4), (10, 12)], gap=1)
    [[0, 4], [6, 12]]
    """
    merged: list[list[float]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1] + gap:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return merged


def box_of(page: int, shape: Word | Line | Block | Cell | Region) -> dict:
    """The JSON form of :class:`pipeline.output.models.Box` for anything with a box, rounded to 0.1 pt."""
    return {"page": page, "x0": round(shape.x0, 1), "y0": round(shape.y0, 1),
            "x1": round(shape.x1, 1), "y1": round(shape.y1, 1)}
