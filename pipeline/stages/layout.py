"""Stage ``layout``: lines into blocks, blocks into reading order.

Blocks are runs of lines of one style that follow each other at the normal line pitch
inside one column. The reading order comes from the page geometry alone (no column
count is assumed), after T. Breuel's rules for ordering text segments:

1. ``a`` comes before ``b`` when they overlap horizontally and ``a`` is above ``b``;
2. ``a`` comes before ``b`` when ``a`` lies entirely left of ``b`` and no third block
   lying vertically between them overlaps both horizontally (a block spanning the
   columns, such as a masthead or a boxed note, interrupts the column flow).

A topological sort of that relation gives columns left to right, with spanning
elements placed where they cut the flow. Before that, the page is cut into bands
where blocks stand side by side (column regions) and the blocks outside them, so a
line above the columns (an issue date under a masthead, right-aligned) is read before
the columns even though it sits over the last one.
"""

from __future__ import annotations

from bisect import bisect
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from statistics import median

from ..core.edits import EditLog
from ..core.geometry import Block, Graphic, Line, PageLayout, RawDocument, RawPage, fold_of, merged_spans, share_a_row
from ..settings import DEFAULTS, LayoutSettings, Settings
from .bullets import drawn_bullets, misread_bullets
from .graphics import THIN
from .lines import InkProfile, build_lines, document_ink, page_ink

COLUMN_LINES = 3
"""Lines of a block that make it running text in a column, not a label or a piece of a formula."""
COLUMN_PART = 0.25
"""A part of a page at least this share of its text's height may be parted into columns by rules drawn down it."""


def lay_out_document(raw: RawDocument, settings: Settings = DEFAULTS) -> list[PageLayout]:
    """Every page laid out, pages with few lines helped by the whole document's ink profile."""
    inks = [page_ink(page) for page in raw.pages]
    whole = document_ink(inks)
    return [lay_out_page(page, settings, ink, whole) for page, ink in zip(raw.pages, inks)]


def lay_out_page(page: RawPage, settings: Settings = DEFAULTS, ink: InkProfile | None = None,
                 document: InkProfile | None = None) -> PageLayout:
    """Lines, blocks and reading order for one page, its tables and figures (``page.regions``)
    each a block of its own (``ink``, ``document``: see :func:`build_lines`). Bullets drawn as
    shapes are read as bullet words (:func:`pipeline.stages.bullets.drawn_bullets`), and on an
    OCR'd page bullets read as other signs are put back (:func:`pipeline.stages.bullets.misread_bullets`;
    the page's ``edits`` say which)."""
    layout = settings.layout
    bullets = drawn_bullets(page, layout)
    with_bullets = replace(page, words=page.words + bullets) if bullets else page
    lines = build_lines(with_bullets, settings.lines, ink, document)
    edits = EditLog()
    if page.text_source != "text":
        lines = misread_bullets(lines, layout, edits)
    blocks = build_blocks(lines, layout)
    blocks += [Block([], page.number, region.kind, region=region) for region in page.regions]
    ordered: list[Block] = []
    columns = 1
    for half in spread_halves(blocks, page.width, page.height, layout):
        for side_by_side in parted_by_rules(half, page.graphics, layout):
            across = 0
            for part in side_by_side:
                bands = column_bands(part, layout)
                ordered += [block for band in bands for block in _order_band(band, layout.max_pairwise_blocks)]
                across += max((len(x_clusters(band)) for band in bands), default=0)
            columns = max(columns, across)
    blocks = ordered
    characters = sum(len(word.text) for word in page.words) + \
        sum(len(word.text) for region in page.regions for word in region.words)
    return PageLayout(page.number, page.width, page.height, blocks, columns, page.text_source, page.text_quality,
                      page.ocr_decision, page.sideways, characters, edits.edits)


def spread_halves(blocks: list[Block], width: float, height: float, settings: LayoutSettings) -> list[list[Block]]:
    """The blocks of a page's left and right halves when it is two pages printed side by side
    (:func:`pipeline.core.geometry.fold_of`): each half is read as a page of its own.
    Otherwise all the blocks, as one."""
    fold = fold_of(blocks, width, height, settings.spread_ratio, settings.spread_reach)
    if fold is None:
        return [blocks]
    return [[block for block in blocks if block.x1 <= fold], [block for block in blocks if block.x0 >= fold]]


def parted_by_rules(blocks: list[Block], graphics: list[Graphic],
                    settings: LayoutSettings) -> list[list[list[Block]]]:
    """The blocks parted at the rules drawn between them, in reading order: first at rules
    drawn across the text (lines, and the edges of outlined boxes, as long as
    ``settings.rule_span`` of its width), top to bottom; then each part that is at least
    :data:`COLUMN_PART` of the text's height at the rules drawn down it (``rule_span`` of
    its height), left to right. A rule counts only where it runs between blocks, not through
    one (a table's or a figure's own rules). A boxed page header is read before the columns
    under it, and a column between two rules to its end before the next one. Each part
    across is given as its parts side by side.

    >>> from pipeline.core.geometry import Word
    >>> def block(text, x, y):
    ...     return Block([Line([Word(text, x, y, x + 40, y + 10, 9)], 1)], 1)
    >>> header = [block("Precinct", 50, 20), block("Clerk", 300, 20)]
    >>> columns = [block("Governor", 50, 60), block("Measure", 300, 60), block("Newsom", 50, 80), block("Yes", 300, 80)]
    >>> rules = [Graphic("rect", 40, 15, 340, 45), Graphic("line", 200, 45, 200.5, 100)]
    >>> [[[block.text for block in part] for part in row]
    ...  for row in parted_by_rules(header + columns, rules, DEFAULTS.layout)]
    [[['Precinct', 'Clerk']], [['Governor', 'Newsom'], ['Measure', 'Yes']]]
    """
    if len(blocks) < 2:
        return [[blocks]]
    across = [rule for graphic in graphics for rule in _drawn_rules(graphic, True)]
    down = [rule for graphic in graphics for rule in _drawn_rules(graphic, False)]
    height = _reach(blocks, False)
    return [_cut_at_rules(part, down, settings.rule_span * _reach(part, False), False)
            if _reach(part, False) >= COLUMN_PART * height else [part]
            for part in _cut_at_rules(blocks, across, settings.rule_span * _reach(blocks, True), True)]


def _along(block: Block, across: bool) -> tuple[float, float]:
    """Where a block lies across the page (``across``), or down it."""
    return (block.x0, block.x1) if across else (block.y0, block.y1)


def _reach(blocks: list[Block], across: bool) -> float:
    """How far the blocks reach across the page (or down it)."""
    spans = [_along(block, across) for block in blocks]
    return max(end for _, end in spans) - min(start for start, _ in spans)


def _cut_at_rules(blocks: list[Block], rules: list[tuple[float, float, float]], least: float,
                  across: bool) -> list[list[Block]]:
    """The blocks cut at the ``rules`` (at, from, to) drawn across them (``across``) or down
    them, where at least ``least`` of a rule lies along the blocks and it runs between them."""
    if len(blocks) < 2:
        return [blocks]
    along = [_along(block, across) for block in blocks]
    low, high = min(start for start, _ in along), max(end for _, end in along)
    spans = [_along(block, not across) for block in blocks]
    cuts = sorted({at for at, a, b in rules if min(b, high) - max(a, low) >= least
                   and not any(start + 1.0 < at < end - 1.0 for start, end in spans)})
    if not cuts:
        return [blocks]
    parts: list[list[Block]] = [[] for _ in range(len(cuts) + 1)]
    for block, (start, end) in zip(blocks, spans):
        parts[bisect(cuts, (start + end) / 2)].append(block)
    return [part for part in parts if part]


def _drawn_rules(graphic: Graphic, across: bool) -> list[tuple[float, float, float]]:
    """The rules a graphic draws across the page (``across``: a line's, an outlined box's top
    and bottom edges) or down it (a line's, a box's sides), as (at, from, to)."""
    x0, y0, x1, y1 = (graphic.x0, graphic.y0, graphic.x1, graphic.y1) if across else \
        (graphic.y0, graphic.x0, graphic.y1, graphic.x1)
    if graphic.kind == "line" and y1 - y0 <= THIN:
        return [((y0 + y1) / 2, x0, x1)]
    if graphic.kind == "rect" and graphic.stroked:
        return [(y0, x0, x1), (y1, x0, x1)]
    return []


def build_blocks(lines: list[Line], settings: LayoutSettings) -> list[Block]:
    """Group lines (sorted top to bottom) into blocks of one style and one column."""
    pitch = usual_pitches(lines, settings.same_size)
    blocks: list[Block] = []
    open_blocks: list[Block] = []
    for index, line in enumerate(lines):
        open_blocks = [b for b in open_blocks if line.y0 - b.lines[-1].y0 <= 3 * line.size + 1]
        target = _block_to_extend(line, open_blocks, pitch, settings, _on_its_row(lines, index))
        if target is None:
            target = Block([line], line.page)
            blocks.append(target)
            open_blocks.append(target)
        else:
            target.append(line)
    return blocks


def usual_pitches(lines: list[Line], same_size: float) -> dict[float, float]:
    """The median distance from one line's top to the next line's top, per font size (lines
    whose sizes differ by at most the share ``same_size`` have one size)."""
    samples: dict[float, list[float]] = defaultdict(list)
    for i, line in enumerate(lines):
        below = _next_line_below(lines, i)
        if below is not None and _same_size(line.size, below.size, same_size):
            samples[round(line.size)].append(below.y0 - line.y0)
    return {size: median(values) for size, values in samples.items()}


def _next_line_below(lines: list[Line], index: int) -> Line | None:
    line = lines[index]
    for other in lines[index + 1:]:
        if other.y0 - line.y0 > 3 * line.size:
            return None
        if other.y0 > line.y0 + 0.5 * line.height and _x_overlap(line, other) > 0:
            return other
    return None


def _on_its_row(lines: list[Line], index: int) -> list[Line]:
    """The other lines (sorted by top) that share the row of ``lines[index]`` (:func:`share_a_row`)."""
    line, found = lines[index], []
    for step in (-1, 1):
        at = index + step
        while 0 <= at < len(lines) and abs(lines[at].y0 - line.y0) < max(lines[at].height, line.height):
            if share_a_row(lines[at], line):
                found.append(lines[at])
            at += step
    return found


def _block_to_extend(line: Line, open_blocks: list[Block], pitch: dict[float, float],
                     settings: LayoutSettings, row: Sequence[Line] = ()) -> Block | None:
    size = line.size
    limit = pitch.get(round(size), settings.fallback_pitch * size) * settings.pitch_slack
    best, best_distance = None, limit
    for block in open_blocks:
        last = block.lines[-1]
        if not 0.5 * last.height < line.y0 - last.y0:
            continue
        distance = _pitch_between(block, line, settings.same_size)
        if distance > best_distance:
            continue
        if _x_overlap(last, line) <= 0.3 * min(last.x1 - last.x0, line.x1 - line.x0):
            continue
        if _same_size(last.size, size, settings.same_size) and last.bold == line.bold \
                and not _slants_differ(last, line) and last.weight == line.weight \
                and not _line_between(last, line, open_blocks) and not _column_beside(line, last, row):
            best, best_distance = block, distance
    return best


def _column_beside(line: Line, last: Line, row: Sequence[Line]) -> bool:
    """Whether a line of ``row`` (the lines on ``line``'s row) stands left of ``line`` and under
    ``last`` (the line above it): the text under ``last`` goes on in columns from that row (a
    heading opens the left column, the right one starts with the end of a paragraph carried
    over), and ``line``, in the right one, does not go on with the text across the page above.

    >>> from pipeline.core.geometry import Word
    >>> def row(x0, x1, y): return Line([Word("text", x0, y, x1, y + 10, 10)], 1)
    >>> above, right, heading = row(60, 540, 100), row(283, 500, 113), row(60, 200, 112)
    >>> _column_beside(right, above, [heading]), _column_beside(right, above, [])
    (True, False)
    """
    return any(other.x1 <= line.x0 and _x_overlap(other, last) > 0 for other in row)


def _pitch_between(block: Block, line: Line, same_size: float) -> float:
    """How far ``line`` sits below the last line of ``block``, top to top. That last line's top
    is taken where its text reaches (:func:`_text_top`) when it is a line of running text,
    across a block of two lines or more: a display formula, narrower, keeps its box's top,
    whose raised numerator or big operator sets it apart from the text after it."""
    last = block.lines[-1]
    running = len(block.lines) > 1 and last.x0 - block.x0 <= last.size and block.x1 - last.x1 <= last.size
    return line.y0 - (_text_top(last, same_size) if running else last.y0)


def _text_top(line: Line, same_size: float) -> float:
    """The median top of the line's words of its size (within the share ``same_size``): a
    symbol of a math font whose glyph box is taller than the text's, or a fraction's
    numerator, raises the line's box but not its text, whose baseline keeps the pitch."""
    return median([word.y0 for word in line.words if _same_size(word.size, line.size, same_size)] or [line.y0])


def _slants_differ(a: Line, b: Line) -> bool:
    """Whether one line is set wholly in italics and the other has no italic word: a line
    with some italic words (an italic theorem with upright symbols or a bold label, upright
    text with an emphasised word) goes with lines either way."""
    if a.italic == b.italic:
        return False
    upright = b if a.italic else a
    return not any(word.italic for word in upright.words)


def _line_between(upper: Line, lower: Line, open_blocks: list[Block]) -> bool:
    """Whether another block's last line lies between ``upper`` and ``lower``, under ``lower``'s
    extent (the middle line of a masthead set in two sizes keeps the lines around it apart)."""
    return any(upper.y0 < block.lines[-1].y0 < lower.y0 and _x_overlap(block.lines[-1], lower) > 0
               for block in open_blocks)


def _same_size(a: float, b: float, share: float) -> bool:
    return abs(a - b) <= share * max(a, b)


def _x_overlap(a, b) -> float:
    return min(a.x1, b.x1) - max(a.x0, b.x0)


def column_bands(blocks: list[Block], settings: LayoutSettings = DEFAULTS.layout) -> list[list[Block]]:
    """Blocks grouped into horizontal bands, top to bottom.

    Column regions are the stretches of the page where blocks stand side by side. A
    block outside them that fits inside one column joins the region next to it (a
    heading where the other column has a gap, a column's last lines below a shorter
    neighbour); one above the first region joins it only when it is left-aligned with a
    column and close above it (``settings.head_gap`` font sizes or less). Any other block (a
    masthead, an issue line set right under it, a running header, a full-width box) is a
    band of its own, and so is a block between two regions that divides them (see
    :func:`_divides_regions`). Reading order never goes back up from one band to the band
    above it.
    """
    regions = _column_regions(blocks)
    if not regions:
        return [[b] for b in sorted(blocks, key=lambda b: b.y0)]
    bands: list[list[Block]] = [[] for _ in regions]
    loose: list[Block] = []
    for block in blocks:
        middle = (block.y0 + block.y1) / 2
        index = next((i for i, (top, bottom) in enumerate(regions) if top <= middle <= bottom), None)
        (loose if index is None else bands[index]).append(block)
    closed = -1  # regions up to this index take no more blocks from below: a band of its own came between
    for block in sorted(loose, key=lambda b: b.y0):
        cut_off = _wide_block_under(block, loose, regions, bands)
        closed = max(closed, _place_loose_block(block, regions, bands, settings, closed, loose, cut_off))
    return _merge_bands(bands)


def _region_below(block: Block, regions: list[tuple[float, float]]) -> int | None:
    """The index of the first column region that starts below ``block``, if any."""
    return next((i for i, (top, _) in enumerate(regions) if top >= block.y1 - 1.0), None)


def _wide_block_under(block: Block, loose: list[Block], regions: list[tuple[float, float]],
                      bands: list[list[Block]]) -> bool:
    """Whether a block wider than the columns of the region below ``block`` lies wholly between
    them, under it (an author line set above a full-width summary box, above the columns)."""
    below = _region_below(block, regions)
    return below is not None and any(
        other is not block and other.y0 >= block.y1 - 1.0 and other.y1 <= regions[below][0] + 1.0
        and other.x0 < block.x1 and block.x0 < other.x1 and not _fits_a_column(other, bands[below])
        for other in loose)


def _column_regions(blocks: list[Block]) -> list[tuple[float, float]]:
    """Vertical extents where two blocks stand side by side, merged where they overlap."""
    spans = [(min(a.y0, b.y0), max(a.y1, b.y1)) for a, b in _side_by_side(blocks)]
    return [(top, bottom) for top, bottom in merged_spans(spans)]


def _side_by_side(blocks: list[Block]):
    """Pairs (left, right) of blocks that overlap vertically with ``left`` wholly left of ``right``."""
    ordered = sorted(blocks, key=lambda b: b.y0)
    for i, a in enumerate(ordered):
        a_y1 = a.y1
        for b in ordered[i + 1:]:
            if b.y0 >= a_y1:
                break
            if a.x1 <= b.x0 + 1.0:
                yield a, b
            elif b.x1 <= a.x0 + 1.0:
                yield b, a


def _place_loose_block(block: Block, regions: list[tuple[float, float]], bands: list[list[Block]],
                       settings: LayoutSettings, closed: int, loose: list[Block], cut_off: bool) -> int:
    """Add ``block`` to the band of a neighbouring region, or as a band of its own; regions
    up to index ``closed`` are shut, and the region below when ``cut_off`` (a loose block lies
    between). Returns the index up to which regions are shut now (the region above a block
    that is a band of its own takes nothing below that block, or the region would reach down
    past it)."""
    below = _region_below(block, regions)
    above = below - 1 if below is not None else len(regions) - 1
    if above >= 0 and below is not None and _divides_regions(block, bands[above], bands[below], settings):
        bands.append([block])
        return above
    if above > closed and _fits_a_column(block, bands[above]) and not _heads_text_across(block, bands[above], loose,
                                                                                         settings):
        bands[above].append(block)
    elif below is not None and not cut_off and (
            _starts_a_column(block, regions[below][0], bands[below], settings, loose) if above < 0
            else _fits_a_column(block, bands[below])):
        bands[below].append(block)
    else:
        bands.append([block])
        return above
    return closed


def _divides_regions(block: Block, upper: list[Block], lower: list[Block], settings: LayoutSettings) -> bool:
    """Whether a block alone at its height between two column regions is set across the
    columns rather than in one of them (a heading spanning them, narrower than a column).

    It must start at the columns' left edge or be centred on them (within
    ``settings.span_tolerance`` of its size), lie no nearer the text above it than the text
    below it (a heading belongs to what follows; a column's closing lines lie nearer what
    they close), and the columns below it must start together, in one size (they begin
    where it ends). A line centred in a side column (a formula), or a heading in one column
    where the next column has a heading of its own a little lower, stays in its column.
    """
    columns = upper + lower
    left, right = min(other.x0 for other in columns), max(other.x1 for other in columns)
    reach = settings.span_tolerance * block.size
    across = abs(block.x0 - left) <= reach or abs(block.x0 + block.x1 - left - right) / 2 <= reach
    above = [other.y1 for other in upper if other.y1 <= block.y0 + 1.0 and _x_overlap(other, block) > 0]
    below = [other.y0 for other in lower if other.y0 >= block.y1 - 1.0 and _x_overlap(other, block) > 0]
    nearer_below = bool(above) and bool(below) and min(below) - block.y1 <= block.y0 - max(above) + 1.0
    return across and nearer_below and _start_together(_column_heads(lower), settings)


def _heads_text_across(block: Block, band: list[Block], loose: list[Block], settings: LayoutSettings) -> bool:
    """Whether a block under a column region, below the ends of all its columns, heads text set
    across the columns right under it (a heading of a full-width section after the columns):
    it starts at the columns' left edge, a column of running text (a block of
    :data:`COLUMN_LINES` lines or more) stands to its right, and the next block below it is wider
    than a column and no farther from it than the columns' text above. A column's closing lines
    lie nearer what they close, and stay in their column; pieces of a formula set side by side
    are no columns.
    """
    if block.y0 < max(other.y1 for other in band) - 1.0 or \
            not any(other.x0 >= block.x1 - 1.0 and len(other.lines) >= COLUMN_LINES for other in band):
        return False
    under = [other for other in loose
             if other is not block and other.y0 >= block.y1 - 1.0 and _x_overlap(other, block) > 0]
    following = min(under, key=lambda other: other.y0, default=None)
    if following is None or _fits_a_column(following, band):
        return False
    left = min(other.x0 for other in band)
    above = max((other.y1 for other in band if _x_overlap(other, block) > 0), default=None)
    return abs(block.x0 - left) <= settings.span_tolerance * block.size and above is not None \
        and following.y0 - block.y1 <= block.y0 - above + 1.0


def _column_heads(band: list[Block]) -> list[Block]:
    """The first block of each column of a band: those with no block of the band above them."""
    return [block for block in band
            if not any(other.y1 <= block.y0 + 1.0 and _x_overlap(other, block) > 0 for other in band)]


def _start_together(heads: list[Block], settings: LayoutSettings) -> bool:
    """Whether blocks start at one height (within ``settings.column_tops`` of their size) in one size.

    >>> from pipeline.core.geometry import Line, Word
    >>> def block(x, y, size=10.0):
    ...     return Block([Line([Word("text", x, y, x + 20, y + size, size)], 1)], 1)
    >>> _start_together([block(0, 100), block(50, 101)], DEFAULTS.layout)
    True
    >>> _start_together([block(0, 100), block(50, 94, size=12.0)], DEFAULTS.layout)
    False
    """
    tops, size = [head.y0 for head in heads], heads[0].size
    return max(tops) - min(tops) <= settings.column_tops * size and \
        all(_same_size(head.size, size, settings.same_size) for head in heads)


def _fits_a_column(block: Block, band: list[Block]) -> bool:
    """Whether ``block`` lies within a column of ``band``: from a block's left edge to its right
    edge or, when a column stands to its right, into the first half of the gutter between them
    (a ragged column's lines end anywhere short of it; a block set across the columns reaches
    further).

    >>> from pipeline.core.geometry import Line, Word
    >>> def block(x0, x1, y=100):
    ...     return Block([Line([Word("text", x0, y, x1, y + 10, 10)], 1)], 1)
    >>> band = [block(60, 290), block(315, 520)]
    >>> _fits_a_column(block(60, 296, 200), band), _fits_a_column(block(60, 305, 200), band)
    (True, False)
    """
    def right_edge(column: Block) -> float:
        beside = min((other.x0 for other in band if other.x0 >= column.x1), default=column.x1)
        return column.x1 + max(2.0, (beside - column.x1) / 2)

    return any(other.x0 - 2.0 <= block.x0 and block.x1 <= right_edge(other) for other in band)


def _starts_a_column(block: Block, region_top: float, band: list[Block], settings: LayoutSettings,
                     loose: list[Block]) -> bool:
    """Whether a block just above the first column region is the head of one of its columns:
    left-aligned with it, no wider, close above it, with no other block of ``loose`` between
    them (a short masthead over its tagline heads no column), and not the last line of a
    centred stack (:func:`_goes_on_a_centred_line`: a masthead's "REVIEW" under "SCIENCE AND
    TECHNOLOGY", as wide as the middle column by chance)."""
    close = region_top - block.y1 <= settings.head_gap * block.size
    return close and not _goes_on_a_centred_line(block, loose, band, settings) and any(
        abs(other.x0 - block.x0) <= 2.0 and block.x1 <= other.x1 + 2.0 and not _block_between(block, other, loose)
        for other in band)


def _goes_on_a_centred_line(block: Block, loose: list[Block], band: list[Block], settings: LayoutSettings) -> bool:
    """Whether ``block``, set larger than the text of the columns (``band``), lies right under a
    wider block of ``loose`` (within ``settings.stack_gap`` of its size) and is centred on the
    same axis (within ``settings.span_tolerance``)."""
    if block.size <= median(other.size for other in band):
        return False
    reach = settings.span_tolerance * block.size
    return any(other is not block and other.x0 < block.x0 and block.x1 < other.x1
               and other.y0 < block.y0 and block.y0 - other.y1 <= settings.stack_gap * block.size
               and abs(other.x0 + other.x1 - block.x0 - block.x1) / 2 <= reach for other in loose)


def _block_between(upper: Block, lower: Block, blocks: list[Block]) -> bool:
    """Whether one of ``blocks`` lies below ``upper`` and above ``lower``, under ``upper``."""
    return any(other is not upper and other.y0 >= upper.y1 - 1.0 and other.y1 <= lower.y0 + 1.0
               and _x_overlap(other, upper) > 0 for other in blocks)


def _merge_bands(bands: list[list[Block]]) -> list[list[Block]]:
    """Bands sorted top to bottom; neighbouring column regions with nothing wide between them merge."""
    bands = sorted((band for band in bands if band), key=lambda band: min(b.y0 for b in band))
    merged: list[list[Block]] = []
    for band in bands:
        if merged and _is_region(merged[-1]) and _is_region(band):
            merged[-1].extend(band)
        else:
            merged.append(band)
    return merged


def _is_region(band: list[Block]) -> bool:
    return len(band) > 1


def _order_band(blocks: list[Block], max_pairwise: int) -> list[Block]:
    n = len(blocks)
    if n < 2:
        return blocks
    if n > max_pairwise:
        return _order_by_x_clusters(blocks)
    boxes = [(b.x0, b.y0, b.x1, b.y1) for b in blocks]
    successors: list[list[int]] = [[] for _ in range(n)]
    indegree = [0] * n
    for i in range(n):
        for j in range(n):
            if i != j and _comes_before(i, j, boxes):
                successors[i].append(j)
                indegree[j] += 1
    return [blocks[i] for i in _topological_order(successors, indegree, boxes)]


def _order_by_x_clusters(blocks: list[Block]) -> list[Block]:
    """Cheap order for crowded bands (tables, formula-heavy pages): columns left to right,
    each read top to bottom."""
    return [b for column in x_clusters(blocks) for b in sorted(column, key=lambda b: b.y0)]


def x_clusters(blocks: list[Block]) -> list[list[Block]]:
    """Blocks grouped into columns: runs of blocks whose horizontal extents overlap, left to right."""
    columns: list[list[Block]] = []
    right = float("-inf")
    for block in sorted(blocks, key=lambda b: b.x0):
        if columns and block.x0 < right - 1.0:
            columns[-1].append(block)
            right = max(right, block.x1)
        else:
            columns.append([block])
            right = block.x1
    return columns


def _comes_before(i: int, j: int, boxes: list[tuple[float, float, float, float]]) -> bool:
    ax0, ay0, ax1, ay1 = boxes[i]
    bx0, by0, bx1, by1 = boxes[j]
    if min(ax1, bx1) - max(ax0, bx0) > 1.0:
        return (ay0 + ay1) < (by0 + by1)
    if ax1 > bx0 + 1.0:
        return False
    top, bottom = min(ay0, by0), max(ay1, by1)
    for k, (cx0, cy0, cx1, cy1) in enumerate(boxes):
        if k in (i, j) or cx0 >= ax1 or cx1 <= bx0:
            continue
        if cy0 >= top and cy1 <= bottom and _between(cy0, cy1, ay0, ay1, by0, by1):
            return False
    return True


def _between(cy0: float, cy1: float, ay0: float, ay1: float, by0: float, by1: float) -> bool:
    """Whether the vertical extent (cy0, cy1) lies between the two others (in either order)."""
    upper_bottom = min(ay1, by1)
    lower_top = max(ay0, by0)
    return cy1 >= upper_bottom - 1.0 and cy0 <= lower_top + 1.0


def _topological_order(successors: list[list[int]], indegree: list[int], boxes) -> list[int]:
    ready = [i for i, d in enumerate(indegree) if d == 0]
    order: list[int] = []
    placed = [False] * len(indegree)
    while len(order) < len(indegree):
        if not ready:  # a cycle from odd geometry: release the top-most remaining block
            ready = [min((i for i in range(len(indegree)) if not placed[i]),
                         key=lambda i: (boxes[i][1], boxes[i][0]))]
        current = min(ready, key=lambda i: (boxes[i][1], boxes[i][0]))
        ready.remove(current)
        if placed[current]:
            continue
        placed[current] = True
        order.append(current)
        for nxt in successors[current]:
            indegree[nxt] -= 1
            if indegree[nxt] == 0 and not placed[nxt]:
                ready.append(nxt)
    return order
