"""Stage ``regions``: the tables and figures of a page, taken out of its running text.

Three kinds of evidence, each general (no document is special):

* **Ruled tables**: the grids the table finder found among the page's rules (see
  :mod:`pipeline.stages.graphics`). The grid's row and column lines give each cell its
  place and span; the page's words go to the cell their centre lies in. A "grid" with a
  cell of prose (a frame drawn around text) is not a table. Spacer rows and thin spacer
  columns, with no text of their own, are dropped; a grid left with one row or one column
  (a boxed page header with a title or two) is a frame, and its words stay running text.
  Checkboxes drawn as outlined squares are read as words first
  (:mod:`pipeline.stages.checkboxes`), so that a form's cells keep them.
* **Tables aligned by white space** (borderless, or ruled by horizontal lines only): runs
  of at least ``min_table_rows`` consecutive text rows that split into short cells at
  gaps of ``cell_gap`` font sizes or more, whose cells stand in the same columns from row
  to row (:func:`aligned_tables`). Two-column prose fails: its "cells" are long lines of
  many words. A table of two columns must hold figures in its second one.
* **Figures**: pictures, and clusters of vector paths (a chart's bars, axes and ticks),
  with the short pieces of text drawn in or right around them (axis ticks, titles,
  legends), which become the figure's labels instead of prose. A cluster of paths around
  prose or code (a shaded box, a frame) is not a figure, nor is a picture or drawing
  covering most of the page (a scan's page image, a frame around the page), nor a
  drawing around a table. A caption next to a figure is never one of its labels.

What remains of the page's words goes on to the lines and layout stages; the regions go
into the page's reading order as blocks of their own (:mod:`pipeline.stages.layout`).
"""

from __future__ import annotations

import re
from bisect import bisect
from collections.abc import Sequence
from dataclasses import replace
from statistics import median

from ..core.geometry import HYPHENS, Cell, Graphic, Grid, RawPage, Region, Word, merged_spans, overlaps
from ..settings import DEFAULTS, RegionsSettings
from .checkboxes import drawn_checkboxes
from .graphics import THIN, ruled_grids, touching_groups
from .lines import InkProfile, WhiteStrips
from .textregions import CAPTION, is_figure_caption, is_table_caption

NUMBER = re.compile(r"^[-+−±(\[]*[$€£¥]?\d[\d,.]*(?:[.,:/–-]\d+)*[%‰)\]]*[.,;:]?[*†‡]?$")
"""A cell of figures: a number with its sign, currency, brackets, unit marks and note mark."""
YEAR = re.compile(r"^(?:1[89]|20)\d\d$")
MARK = re.compile(r"^[^\w\s]{1,2}$")
"""A bullet or another lone mark (a list, not a table, when it opens a row)."""
WORD_SPACE = 0.25
"""A word space, in font sizes (Times 0.25, Helvetica 0.28): the least that stands between two words of a line."""
LEADER_DOTS = re.compile(r"^[.·…]+$")
MIN_LEADER_DOTS = 3
"""Dots in a row (as one word or as words of one dot each) that are a leader, not an ellipsis's
or an abbreviation's."""
LINE_APART = 1.5
"""A text row this many usual line pitches or more under the one above is set apart from it."""
MAX_WORD_SPACE = 1.0
"""The most a word space stretches, in font sizes, in the loosest justified line or OCR'd row:
a wider gap parts two columns, or two cells of a table."""
GRID_SNAP = 2.0
"""Cell edges of one grid closer than this (points) are one row or column line."""


def find_regions(page: RawPage, settings: RegionsSettings = DEFAULTS.regions, fold: float | None = None) -> list[str]:
    """Put ``page``'s tables and figures in its ``regions`` and their words out of its ``words``;
    returns warnings (a page with too many rules to look for ruled tables among them). Drawn
    checkboxes become words first, so that a form's cells keep them. ``fold``: where the page
    folds when it is two pages side by side (:func:`pipeline.core.geometry.fold_of`); a
    table aligned by white space lies in one of them."""
    page.words = page.words + drawn_checkboxes(page, settings)
    words = page.words
    regions: list[Region] = []
    grids, warnings = ruled_grids(page.graphics, page.number, settings)
    frames: list[Grid] = []
    boxes: list[Grid] = []
    for grid in grids:
        table = ruled_table(grid, words, page.number, settings, frames, page.sideways)
        if table is not None:
            regions.append(table)
            words = _outside(words, table)
            page.sideways = _outside(page.sideways, table)
        elif _parts_columns(grid, words, settings.min_table_rows):
            boxes.append(grid)
    for compartment in _compartments(words, boxes, fold):
        for table in aligned_tables(compartment, page.number, settings):
            if _set_on_a_drawing(table, page.graphics, settings.drawing_share):
                continue  # a chart's labels, which its figure takes
            regions.append(table)
            words = _outside(words, table)
    for table in regions:
        _widen_group_headings(table, page.graphics)
    frames = [frame for frame in frames if not _holds_a_chart(frame, page.graphics, settings.min_figure_paths)]
    for figure in figures(page, words, regions, settings, frames):
        regions.append(figure)
        words = _outside(words, figure)
        sideways = [word for word in page.sideways if _centre_in(word, figure.x0, figure.y0, figure.x1, figure.y1)]
        figure.words += sideways
        page.sideways = [word for word in page.sideways if word not in sideways]
    page.words, page.regions = words, regions
    return warnings


def _parts_columns(grid: Grid, words: list[Word], least_rows: int) -> bool:
    """Whether a grid's cells stand side by side in two columns or more, each holding at least
    ``least_rows`` rows of text: columns of a page drawn with rules, not a formula's boxes."""
    columns: dict[tuple[int, int], list[Word]] = {}
    for cell in grid.cells:
        columns.setdefault((round(cell[0] / GRID_SNAP), round(cell[2] / GRID_SNAP)), [])
    if len(columns) < 2:
        return False
    for cell in grid.cells:
        inside = [word for word in words if _centre_in(word, *cell)]
        columns[round(cell[0] / GRID_SNAP), round(cell[2] / GRID_SNAP)].extend(inside)
    filled = [held for held in columns.values() if held and len(text_rows(held)) >= least_rows]
    return len(filled) >= 2


def _compartments(words: list[Word], boxes: list[Grid], fold: float | None = None) -> list[list[Word]]:
    """``words`` parted by the columns of ``boxes`` (grids of rules that hold no table: a page
    parted into columns by rules, with a boxed header over them), the words in none of them
    first, and by the ``fold`` of a spread: a table aligned by white space lies within one
    column of boxes and one page, and figures set flush against a rule are no cells of a
    table on the rule's other side. Cells one over another, as wide, are one column (a table
    ruled under each row lies across them)."""
    if not boxes and fold is None:
        return [words]
    groups: dict[tuple[bool, int, int, int], list[Word]] = {}
    for word in words:
        place = next(((number, round(cell[0] / GRID_SNAP), round(cell[2] / GRID_SNAP))
                      for number, grid in enumerate(boxes) for cell in grid.cells if _centre_in(word, *cell)),
                     (-1, 0, 0))
        groups.setdefault((fold is not None and word.x0 + word.x1 > 2 * fold, *place), []).append(word)
    return [groups[place] for place in sorted(groups)]


def _widen_group_headings(table: Region, graphics: list[Graphic]) -> None:
    """A group heading (a filled cell of a header row) with a rule drawn right under it and
    centred on it spans the columns the rule spans (booktabs' ``cmidrule`` under "January"
    over four columns), when no other cell of its row stands there; the row of labels under
    it then heads the table too."""
    if not table.header_rows:
        return
    columns = _column_extents(table)
    rules = [g for g in graphics if g.kind == "line" and g.y1 - g.y0 <= 2 and g.x1 - g.x0 > 2
             and table.y0 <= g.y0 <= table.y1]
    for cell in [cell for cell in table.cells if cell.row < table.header_rows and cell.words]:
        size = max(word.size for word in cell.words)
        left, right = _extent(cell)
        bottom = max(word.y1 for word in cell.words)
        for rule in rules:
            if 0 <= rule.y0 - bottom <= size and abs(rule.x0 + rule.x1 - left - right) <= size \
                    and rule.x1 - rule.x0 > right - left:
                covered = sorted(col for col, (x0, x1) in columns.items() if rule.x0 <= (x0 + x1) / 2 <= rule.x1)
                _span_columns(table, cell, covered, columns)
                break
    table.header_rows = header_rows(table)


def _column_extents(table: Region) -> dict[int, tuple[float, float]]:
    """Where each column of a table runs across, from its cells one column wide."""
    extents: dict[int, tuple[float, float]] = {}
    for cell in table.cells:
        if cell.col_span == 1:
            x0, x1 = extents.get(cell.col, (cell.x0, cell.x1))
            extents[cell.col] = (min(x0, cell.x0), max(x1, cell.x1))
    return extents


def _span_columns(table: Region, cell: Cell, covered: list[int], columns: dict[int, tuple[float, float]]) -> None:
    """Make ``cell`` span the ``covered`` columns, when they run on without a break, hold its
    own columns, and hold no other filled cell of its row (blank ones there go)."""
    own = range(cell.col, cell.col + cell.col_span)
    if not covered or covered != list(range(covered[0], covered[-1] + 1)) or not set(own) <= set(covered):
        return
    others = [other for other in table.cells if other is not cell and other.row == cell.row
              and other.col <= covered[-1] and covered[0] < other.col + other.col_span]
    if any(other.words for other in others):
        return
    table.cells = [other for other in table.cells if other not in others]
    cell.col, cell.col_span = covered[0], len(covered)
    cell.x0, cell.x1 = columns[covered[0]][0], columns[covered[-1]][1]


def _holds_a_chart(frame: Grid, graphics: list[Graphic], least: int) -> bool:
    """Whether at least ``least`` filled shapes (bars, areas, slices) are drawn inside a grid
    that made no table: a chart's gridlines, which draw its figure with them, not a frame."""
    return sum(1 for g in graphics if g.filled and g.kind in ("rect", "path") and _within(g, frame)
               and min(g.x1 - g.x0, g.y1 - g.y0) >= THIN) >= least


def _set_on_a_drawing(table: Region, graphics: list[Graphic], share: float) -> bool:
    """Whether filled curves and polygons (a pie's slices, a map's areas) lie under at least
    ``share`` of a table's box: words a drawing lines up are its labels, not a table."""
    area = (table.x1 - table.x0) * (table.y1 - table.y0)
    under = sum(max(min(g.x1, table.x1) - max(g.x0, table.x0), 0) * max(min(g.y1, table.y1) - max(g.y0, table.y0), 0)
                for g in graphics if g.kind == "path" and g.filled)
    return area > 0 and under >= share * area


def _outside(words: list[Word], region: Region) -> list[Word]:
    inside = {id(word) for word in region.words}
    return [word for word in words if id(word) not in inside]


def _centre_in(word: Word, x0: float, y0: float, x1: float, y1: float) -> bool:
    cx, cy = (word.x0 + word.x1) / 2, (word.y0 + word.y1) / 2
    return x0 <= cx <= x1 and y0 <= cy <= y1


# --- ruled tables --------------------------------------------------------------------

def ruled_table(grid: Grid, words: list[Word], page: int, settings: RegionsSettings,
                frames: list[Grid] | None = None, sideways: Sequence[Word] = ()) -> Region | None:
    """The table a finder's grid makes of the page's words, or None when a cell holds prose or
    the grid is mostly blank (:func:`_mostly_blank`) or a frame (then added to ``frames``, when
    given). Lines set ``sideways`` (column headings turned up a tall narrow cell) go to the cell
    they stand in, as one word each."""
    panels = _panels_under_a_header(grid)
    if panels is not None:
        table = _table_under_a_ruled_header(grid, panels, words, page, settings)
        if table is not None:
            return table
    columns = _snapped(sorted({x for x0, _, x1, _ in grid.cells for x in (x0, x1)}))
    rows = _snapped(sorted({y for _, y0, _, y1 in grid.cells for y in (y0, y1)}))
    if len(columns) < 3 and len(rows) >= 2:
        return _table_between_rules(grid, rows, words, page, settings)
    if len(columns) < 3 or len(rows) < 3:
        return None
    cells = [Cell(r0, c0, max(r1 - r0, 1), max(c1 - c0, 1), x0, y0, x1, y1)
             for x0, y0, x1, y1 in grid.cells
             for (c0, c1), (r0, r1) in [(_span(columns, x0, x1), _span(rows, y0, y1))]]
    box = grid.x0 - 1, grid.y0 - 1, grid.x1 + 1, grid.y1 + 1
    inside = [word for word in [*words, *sideways] if _centre_in(word, *box)]
    for word in inside:
        _cell_of(word, cells).words.append(word)
    if not inside or max(len(cell.words) for cell in cells) > settings.max_prose_cell_words:
        return None
    spacer = settings.spacer_width * median(word.size for word in inside)
    cells, row_count, column_count = _without_spacers(cells, [b - a < spacer for a, b in zip(columns, columns[1:])])
    if row_count < 2 or column_count < 2:  # a frame around a title or two, a box around a column
        if frames is not None:
            frames.append(grid)
        return None
    if _mostly_blank(cells, row_count * column_count, settings.min_filled_share):
        return None
    table = Region("table", page, grid.x0, grid.y0, grid.x1, grid.y1, inside, cells, row_count, column_count,
                   ruled=True)
    table.header_rows = header_rows(table)
    return table


def _panels_under_a_header(grid: Grid) -> list[tuple[float, float, float, float]] | None:
    """The panels of a grid that rules its header cell by cell and frames its body only as a
    whole: cells as wide as the grid, under all of its other cells; None when the grid is
    not so drawn."""
    panels = [cell for cell in grid.cells if cell[0] - grid.x0 <= GRID_SNAP and grid.x1 - cell[2] <= GRID_SNAP]
    header = [cell for cell in grid.cells if cell not in panels]
    if not panels or not header or max(cell[3] for cell in header) > min(cell[1] for cell in panels) + GRID_SNAP:
        return None
    return panels


def _table_under_a_ruled_header(grid: Grid, panels: list[tuple[float, float, float, float]], words: list[Word],
                                page: int, settings: RegionsSettings) -> Region | None:
    """The table of a grid whose header is ruled cell by cell over panels of unruled rows
    (:func:`_panels_under_a_header`). The header's column rules part the panels' rows: each
    piece of a row (cut at gaps wider than its word spaces) goes to the column its centre
    lies in, and a line that fills fewer columns than the one above goes on with its cells
    (:func:`_grid_cells`). None when the header has fewer than three columns, or when fewer
    than a third of the panels' lines have two cells (prose in a box under a row of labels)."""
    header = [cell for cell in grid.cells if cell not in panels]
    lines = _snapped(sorted({x for x0, _, x1, _ in header for x in (x0, x1)}))
    body_top = min(panel[1] for panel in panels)
    body = [word for word in words if any(_centre_in(word, *panel) for panel in panels)]
    labels = [word for word in words if _centre_in(word, grid.x0 - 1, grid.y0 - 1, grid.x1 + 1, body_top)]
    if len(lines) < 4 or not body or not labels:
        return None
    rows = text_rows(body)
    gap = max(settings.column_gap * median(word.size for word in body), settings.cell_space_ratio * _word_space(rows))
    pieces = [_by_column(_cells_of_row(row, 0.0, gap), lines) for row in rows]
    if 3 * sum(len(cut) > 1 for cut in pieces) < len(pieces):
        return None
    heights = _snapped(sorted({y for _, y0, _, y1 in header for y in (y0, y1)}))
    head = [Cell(r0, c0, r1 - r0, c1 - c0, x0, y0, x1, y1) for x0, y0, x1, y1 in header
            for (c0, c1), (r0, r1) in [(_span(lines, x0, x1), _span(heights, y0, y1))]]
    for word in labels:
        _cell_of(word, head).words.append(word)
    if max(len(cell.words) for cell in head) > settings.max_prose_cell_words:
        return None
    head_rows = len(heights) - 1
    rules = sorted({y for panel in panels for y in (panel[1], panel[3])})
    body_cells = _grid_cells(rows, [[cell for _, cell in cut] for cut in pieces], _filled_extents(pieces, lines), rules)
    cells = head + [replace(cell, row=cell.row + head_rows) for cell in body_cells]
    table = Region("table", page, grid.x0, grid.y0, grid.x1, grid.y1, labels + body, cells,
                   max(cell.row + cell.row_span for cell in cells), len(lines) - 1, ruled=True)
    table.header_rows = head_rows
    return table


def _by_column(cells: list[list[Word]], lines: list[float]) -> list[tuple[int, list[Word]]]:
    """A row's pieces, each with the column (between two of the rules at ``lines``) its centre
    lies in; pieces in one column joined."""
    placed: list[tuple[int, list[Word]]] = []
    for cell in cells:
        centre = (cell[0].x0 + cell[-1].x1) / 2
        column = max(0, min(bisect(lines, centre) - 1, len(lines) - 2))
        if placed and placed[-1][0] == column:
            placed[-1][1].extend(cell)
        else:
            placed.append((column, list(cell)))
    return placed


def _filled_extents(rows: list[list[tuple[int, list[Word]]]], lines: list[float]) -> list[tuple[float, float]]:
    """Each column's extent: what its pieces fill, or the middle of its rules when none stands
    in it; where two columns' pieces overlap, they meet halfway."""
    extents = [[(x0 + x1) / 2] * 2 for x0, x1 in zip(lines, lines[1:])]
    filled: set[int] = set()
    for cut in rows:
        for column, cell in cut:
            x0, x1 = cell[0].x0, cell[-1].x1
            extent = extents[column]
            extent[:] = [x0, x1] if column not in filled else [min(extent[0], x0), max(extent[1], x1)]
            filled.add(column)
    for left, right in zip(extents, extents[1:]):
        if left[1] >= right[0]:
            middle = (left[1] + right[0]) / 2
            left[1], right[0] = middle - 0.01, middle + 0.01
    return [(x0, x1) for x0, x1 in extents]


def _table_between_rules(grid: Grid, rules: list[float], words: list[Word], page: int,
                         settings: RegionsSettings) -> Region | None:
    """The table a stack of rules drawn across bounds (:func:`rule_bounded_table`). When they
    bound none, a paragraph between the first two rules or the last two is no part of it (the
    rule under a heading above the table, or over the next heading, drawn as wide): that
    rule is left out and the rest tried."""
    while True:
        table = rule_bounded_table(replace(grid, y0=rules[0], y1=rules[-1]), rules, words, page, settings)
        if table is not None or len(rules) < 3:
            return table
        if _holds_a_paragraph(_words_between(words, grid.x0, grid.x1, rules[0], rules[1]), settings):
            rules = rules[1:]
        elif _holds_a_paragraph(_words_between(words, grid.x0, grid.x1, rules[-2], rules[-1]), settings):
            rules = rules[:-1]
        else:
            return None


def _words_between(words: list[Word], x0: float, x1: float, y0: float, y1: float) -> list[Word]:
    return [word for word in words if _centre_in(word, x0, y0, x1, y1)]


def _holds_a_paragraph(words: list[Word], settings: RegionsSettings) -> bool:
    """Whether a row of the words is a line of running text: many words (``prose_row_words``)
    with no gap as wide as a column's between them."""
    return any(len(row) >= settings.prose_row_words and len(_cells_of_row(row, settings.column_gap)) == 1
               for row in text_rows(words)) if words else False


def _mostly_blank(cells: list[Cell], places: int, least: float) -> bool:
    """Whether fewer than ``least`` of a grid's places hold words and no row of it is a row of
    labels (two filled cells or more and none blank): the gridlines of a chart or the boxes of
    a diagram, not a blank form's table under its header.

    >>> legend = Cell(0, 0, 1, 3, 0, 0, 40, 10, [Word("legend", 0, 0, 30, 10, 10)])
    >>> blanks = [Cell(row, col, 1, 1, 0, 0, 1, 1) for row in (1, 2, 3) for col in range(4)]
    >>> _mostly_blank([legend] + blanks, 16, 0.25)
    True
    >>> labels = [Cell(0, col, 1, 1, 0, 0, 1, 1, [Word("label", 0, 0, 30, 10, 10)]) for col in range(4)]
    >>> _mostly_blank(labels + blanks, 16, 0.25)
    False
    """
    filled = [cell for cell in cells if cell.words]
    if sum(cell.row_span * cell.col_span for cell in filled) >= least * places:
        return False
    by_row: dict[int, list[Cell]] = {}
    for cell in cells:
        by_row.setdefault(cell.row, []).append(cell)
    return not any(len(row) >= 2 and all(cell.words for cell in row) for row in by_row.values())


def _without_spacers(cells: list[Cell], narrow: list[bool]) -> tuple[list[Cell], int, int]:
    """The cells of a grid less its spacer rows and columns, and how many of each are left. A
    spacer is a row in which no cell of its own holds text: its cells are empty or span further
    (the empty rows beside a tall cell of a frame); or such a column when it is ``narrow`` (one
    between a cell's border and its shading: a wide empty column may be one whose heading was
    not read, set sideways). Cells only in spacers go; the others span the rest of theirs.

    >>> grid = [Cell(0, 0, 1, 1, 0, 0, 90, 20, [Word("a", 5, 5, 10, 15, 10)]), Cell(0, 1, 1, 1, 90, 0, 95, 20),
    ...         Cell(0, 2, 1, 1, 95, 0, 200, 20, [Word("b", 100, 5, 110, 15, 10)]),
    ...         Cell(1, 0, 1, 3, 0, 20, 200, 40, [Word("c", 5, 25, 10, 35, 10)])]
    >>> cells, rows, columns = _without_spacers(grid, [False, True, False])
    >>> rows, columns, [(cell.row, cell.col, cell.col_span, cell.text) for cell in cells]
    (2, 2, [(0, 0, 1, 'a'), (0, 1, 1, 'b'), (1, 0, 2, 'c')])
    """
    rows = _kept_lines(cells, "row", "row_span")
    columns = _kept_lines(cells, "col", "col_span", narrow)
    kept = []
    for cell in cells:
        own_rows = [rows.index(r) for r in range(cell.row, cell.row + cell.row_span) if r in rows]
        own_columns = [columns.index(c) for c in range(cell.col, cell.col + cell.col_span) if c in columns]
        if own_rows and own_columns:
            kept.append(replace(cell, row=own_rows[0], row_span=len(own_rows), col=own_columns[0],
                                col_span=len(own_columns)))
    return kept, len(rows), len(columns)


def _kept_lines(cells: list[Cell], start: str, span: str, droppable: list[bool] | None = None) -> list[int]:
    """The rows (``start="row"``) or columns of a grid that are no spacers, in order: those not
    ``droppable`` (all are when None), and those in which a cell holding text has its only line
    not yet dropped."""
    filled = [cell for cell in cells if cell.words]
    left = [set(range(getattr(cell, start), getattr(cell, start) + getattr(cell, span))) for cell in filled]
    kept = []
    for line in range(max((getattr(cell, start) + getattr(cell, span) for cell in cells), default=0)):
        may_drop = droppable is None or (line < len(droppable) and droppable[line])
        if not may_drop or any(lines == {line} for lines in left):
            kept.append(line)
        else:
            for lines in left:
                lines.discard(line)
    return kept


def rule_bounded_table(grid: Grid, rules: list[float], words: list[Word], page: int,
                       settings: RegionsSettings) -> Region | None:
    """A table ruled across only (booktabs: a rule above, one under the header, one below),
    or None when the text between the rules keeps to no columns. Its columns are where
    white space runs down every row under the first inner rule (the header's cells may
    span them); ``rules`` are the rules' heights."""
    inside = [word for word in words if _centre_in(word, grid.x0 - 1, grid.y0 - 1, grid.x1 + 1, grid.y1 + 1)]
    if not inside or _is_code(inside):  # a listing in a frame lines up too
        return None
    gap = settings.column_gap * median(word.size for word in inside)
    inside = _header_above(grid, words, gap) + inside
    rows = text_rows(inside)
    pieces = [_cells_of_row(row, 0.0, gap) for row in rows]
    body = [row for row in rows if min(word.y0 for word in row) > rules[1]] or rows[1:]
    columns = _white_space_columns(_without_group_labels(body, rules, gap, settings), gap)
    if len(rows) < settings.min_table_rows or len(columns) < 2:
        return None
    in_body = {id(row) for row in body}
    pieces = [cut if id(row) in in_body else _joined_in_columns(cut, columns) for row, cut in zip(rows, pieces)]
    cells = [cell for cells in pieces for cell in cells]
    if not _keeps_to_columns(pieces, columns) or \
            sum(len(cell) for cell in cells) > settings.max_mean_cell_words * len(cells):
        return None
    last = _row_under(grid, words, gap, columns)
    if last:
        inside, rows, pieces = inside + last, rows + [last], pieces + [_cells_of_row(last, 0.0, gap)]
    grid_cells = _spread_over_headings(_grid_cells(rows, pieces, columns, rules), settings.heading_centring)
    bottom = max([grid.y1, *(word.y1 for word in last)])
    table = Region("table", page, grid.x0, grid.y0, grid.x1, bottom, inside, grid_cells,
                   max(cell.row for cell in grid_cells) + 1, len(columns), ruled=True)
    table.header_rows = header_rows(table)
    return table


def _joined_in_columns(cells: list[list[Word]], columns: list[tuple[float, float]]) -> list[list[Word]]:
    """A header row's cells with those next to each other that fall in one column, and only
    in it, joined: a label whose words are spaced wider than a column gap ("Mean attendance"
    set loose over a column of figures) is one cell.

    >>> cells = [[Word("Mean", 326, 0, 347, 8, 8)], [Word("attendance", 353, 0, 406, 8, 8)],
    ...          [Word("(%)", 520, 0, 540, 8, 8)]]
    >>> [[word.text for word in cell] for cell in _joined_in_columns(cells, [(261, 271), (395, 406), (530, 540)])]
    [['Mean', 'attendance'], ['(%)']]
    """
    joined: list[list[Word]] = []
    previous: list[int] = []
    for cell in cells:
        spanned = _columns_of(cell, columns)
        if joined and len(spanned) == 1 and spanned == previous:
            joined[-1] = joined[-1] + cell
        else:
            joined.append(cell)
        previous = spanned
    return joined


def _row_under(grid: Grid, words: list[Word], gap: float, columns: list[tuple[float, float]]) -> list[Word]:
    """The last row of a table ruled under each row but the last (a total set under the last
    rule): the text row right under the last rule, no further below it than half its size,
    when it cuts into two cells or more, each in a column of its own; else []."""
    under = [word for word in words if grid.x0 - 1 <= (word.x0 + word.x1) / 2 <= grid.x1 + 1 and word.y0 >= grid.y1 - 1]
    if not under:
        return []
    row = text_rows(under)[0]
    if min(word.y0 for word in row) - grid.y1 > 0.5 * max(word.size for word in row):
        return []
    cut = _cells_of_row(row, 0.0, gap)
    placed = [_columns_of(cell, columns) for cell in cut]
    own = [spanned[0] for spanned in placed if len(spanned) == 1]
    return row if len(cut) >= 2 and len(own) == len(cut) == len(set(own)) else []


def _without_group_labels(rows: list[list[Word]], rules: list[float], gap: float,
                          settings: RegionsSettings) -> list[list[Word]]:
    """``rows`` less the groups' labels: a row of one short cell alone between two rules
    ("English", "Coding" set across the table between rules) spans the columns, and its extent
    would bridge the white space between two of them. A line of prose (``prose_row_words``
    words or more) stays: it keeps the text between the rules from reading as columns."""
    fences = [_fence_of(row, rules) for row in rows]
    kept = [row for row, fence in zip(rows, fences)
            if fence is None or fences.count(fence) > 1 or len(row) >= settings.prose_row_words
            or len(_cells_of_row(row, 0.0, gap)) > 1]
    return kept or rows


def _fence_of(row: list[Word], rules: list[float]) -> int | None:
    """The index of the rule over ``row`` when the next rule is under it, else None."""
    top, bottom = min(word.y0 for word in row), max(word.y1 for word in row)
    return next((index for index, (upper, lower) in enumerate(zip(rules, rules[1:]))
                 if upper - 1 <= top and bottom <= lower + 1), None)


def _header_above(grid: Grid, words: list[Word], gap: float) -> list[Word]:
    """The header set right above a table whose first rule is under its header (rows ruled
    below, none above the header): the row of cells just over the first rule, less than a line
    above it, with the lines of its wrapped cells set close above it; [] when the text over the
    rule is one piece (a caption, a line of prose), as over a table ruled above its header."""
    over = [word for word in words if grid.x0 - 1 <= (word.x0 + word.x1) / 2 <= grid.x1 + 1 and word.y1 <= grid.y0 + 1]
    if not over:
        return []
    rows = text_rows(over)
    header: list[list[Word]] = []
    edge = grid.y0
    for row in reversed(rows):
        size = max(word.size for word in row)
        top, bottom = min(word.y0 for word in row), max(word.y1 for word in row)
        if edge - bottom > (size if not header else 0.5 * size):
            break
        if not header and (len(_cells_of_row(row, 0.0, gap)) < 2 or CAPTION.match(" ".join(w.text for w in row))):
            return []
        header.append(row)
        edge = top
    return [word for row in header for word in row]


def _white_space_columns(rows: list[list[Word]], gap: float) -> list[tuple[float, float]]:
    """The x-intervals the words of ``rows`` fill, merged across gaps narrower than ``gap``."""
    return [(x0, x1) for x0, x1 in merged_spans([(word.x0, word.x1) for row in rows for word in row], gap)]


def _snapped(values: list[float]) -> list[float]:
    """Sorted values with those within :data:`GRID_SNAP` of the previous one dropped."""
    snapped: list[float] = []
    for value in values:
        if not snapped or value - snapped[-1] > GRID_SNAP:
            snapped.append(value)
    return snapped


def _span(lines: list[float], start: float, end: float) -> tuple[int, int]:
    """The indices of the grid lines nearest ``start`` and ``end``."""
    first = min(range(len(lines)), key=lambda i: abs(lines[i] - start))
    last = min(range(len(lines)), key=lambda i: abs(lines[i] - end))
    return first, max(last, first + 1)


def _cell_of(word: Word, cells: list[Cell]) -> Cell:
    """The cell holding ``word``'s centre, or the nearest one."""
    cx, cy = (word.x0 + word.x1) / 2, (word.y0 + word.y1) / 2

    def distance(cell: Cell) -> float:
        return max(cell.x0 - cx, 0, cx - cell.x1) + max(cell.y0 - cy, 0, cy - cell.y1)

    return min(cells, key=distance)


def header_rows(table: Region) -> int:
    """How many rows at the top are headers: those whose every filled cell is bold, or that
    hold a cell spanning columns (a group heading); and then, when there are none or the last
    of them groups columns (a group heading stands over the columns' own labels), the next
    row when its cells are not figures while the rows below hold some (a header is words
    over numbers)."""
    by_row: dict[int, list[Cell]] = {}
    for cell in table.cells:
        by_row.setdefault(cell.row, []).append(cell)
    count, grouping = 0, False
    for row in range(table.rows - 1):
        filled = [cell for cell in by_row.get(row, []) if cell.words]
        spanning = any(cell.col_span > 1 for cell in filled)
        if not (spanning or filled and all(word.bold for cell in filled for word in cell.words)):
            break
        count, grouping = row + 1, spanning
    if count and not grouping:
        return count
    labels = [cell for cell in by_row.get(count, []) if cell.words]
    later = [cell for cell in table.cells if cell.row > count and cell.words]
    words_over_numbers = not any(_is_number(cell) for cell in labels) and any(_is_number(cell) for cell in later)
    return count + 1 if words_over_numbers and count + 1 < table.rows else count


def _is_number(cell: Cell) -> bool:
    """Whether a cell holds a figure (a year, which heads many a column, is not counted)."""
    return all(NUMBER.match(word.text) and not YEAR.match(word.text) for word in cell.words)


# --- tables aligned by white space ---------------------------------------------------

def aligned_tables(words: list[Word], page: int, settings: RegionsSettings = DEFAULTS.regions) -> list[Region]:
    """Tables whose columns are aligned by white space (see the module's description).

    >>> rows = [["Station", "2024", "2025"], ["Alder", "41.2", "38.9"], ["Birch", "7.0", "6.1"],
    ...         ["Cedar", "12.5", "13.0"]]
    >>> words = [Word(text, 50 + 90 * col, 100 + 14 * row, 50 + 90 * col + 6 * len(text), 110 + 14 * row, 10)
    ...          for row, cells in enumerate(rows) for col, text in enumerate(cells)]
    >>> [(table.rows, table.columns, table.cells[4].text) for table in aligned_tables(words, 1)]
    [(4, 3, '41.2')]
    """
    if not words:
        return []
    printed = text_rows(words)
    rows = [_without_leaders(row) for row in printed]
    kept = {id(word) for row in rows for word in row}
    leaders = [word for row in printed for word in row if id(word) not in kept]
    space = _word_space(rows)
    pieces = [_cells_of_row(row, settings.cell_gap, settings.cell_space_ratio * space) for row in rows]
    if sum(1 for cells in pieces if len(cells) >= 2) < settings.min_table_rows:
        return []
    justified = _justified_gutters(rows, pieces, settings)
    pieces = [_cut_at_gutters(cells, justified) for cells in pieces]
    prose = _prose_gutters(pieces, settings)
    gutters = [_merged_gutters([(x0, x1) for x0, x1, top, bottom in prose
                                if top <= row[0].y0 and row[0].y1 <= bottom] + justified) for row in rows]
    tables = []
    for column_rows, column_pieces in _page_columns(rows, pieces, gutters):
        tables += _tables_in(column_rows, column_pieces, page, settings)
    for table in tables:
        table.words += [word for word in leaders if _centre_in(word, table.x0, table.y0, table.x1, table.y1)]
    return tables


def _tables_in(rows: list[list[Word]], pieces: list[list[list[Word]]], page: int,
               settings: RegionsSettings) -> list[Region]:
    """The tables among the rows of one page column."""
    tables = []
    start = end = 0
    while start < len(rows):
        if start >= end or not _is_tabular(pieces[start], settings):
            end = _run_end(rows, pieces, start, settings)  # a later start in a run ends where it ends
        if sum(len(cells) >= 2 for cells in pieces[start:end]) < settings.min_table_rows:
            start = end
            continue
        first = start - 1 if start > 0 and _heads_a_column(rows, pieces, start, settings) else start
        table = _table_of_run(rows[first:end], pieces[first:end], page, settings, _under_a_table_caption(rows, first))
        if table is not None:
            tables.append(table)
            start = end
        else:
            start += 1
    return tables


def _heads_a_column(rows: list[list[Word]], pieces: list[list[list[Word]]], start: int,
                    settings: RegionsSettings) -> bool:
    """Whether the row above a run of tabular rows is the first line of a header cell wrapped
    over two lines ("Persistently" over "absent (%)"): one short cell, right above the run,
    not in its first column and no caption."""
    cut, below = pieces[start - 1], pieces[start]
    if len(cut) != 1 or len(cut[0]) > settings.max_cell_words or CAPTION.match(" ".join(w.text for w in cut[0])):
        return False
    gap = rows[start][0].y0 - max(word.y1 for word in rows[start - 1])
    starts_right = cut[0][0].x0 > below[0][-1].x1
    return gap <= settings.row_gap * rows[start][0].size and starts_right


def text_rows(words: list[Word]) -> list[list[Word]]:
    """Words grouped into rows by vertical centre, each row sorted left to right."""
    ordered = sorted(words, key=_doubled_centre)
    tolerance = median(w.y1 - w.y0 for w in words)  # half the height, doubled as the centres are
    rows: list[list[Word]] = [[ordered[0]]]
    reference = _doubled_centre(ordered[0])
    for word in ordered[1:]:
        centre = word.y0 + word.y1
        if centre - reference > tolerance:
            rows.append([])
            reference = centre
        rows[-1].append(word)
    for row in rows:
        row.sort(key=_left)
    return rows


def _without_leaders(row: list[Word]) -> list[Word]:
    """A row with its dot leaders taken out where they lead from a stub straight to a figure,
    one of two or more ("Total . . . . . 11,062.6 1,540.0 9,522.6"), as statistical tables set
    them: white between two cells, not words of a cell. (A contents line leads to one page
    number and keeps its leaders: it is no table row.)

    >>> row = [Word(text, 10 * i, 0, 10 * i + 8, 9, 9) for i, text in enumerate("Total . . . . 41.2 38.9".split())]
    >>> [word.text for word in _without_leaders(row)], len(_without_leaders(row[:-1]))
    (['Total', '41.2', '38.9'], 6)
    """
    dots = [bool(LEADER_DOTS.match(word.text)) for word in row]
    start = next((i for i in range(len(row)) if dots[i] and (len(row[i].text) >= MIN_LEADER_DOTS
                                                               or all(dots[i:i + MIN_LEADER_DOTS]))), None)
    if start is None:
        return row
    end = start
    while end < len(row) and dots[end]:
        end += 1
    figures = [bool(NUMBER.match(word.text)) and ".." not in word.text for word in row[end:]]
    if not figures or not figures[0] or sum(figures) < 2:
        return row
    return row[:start] + row[end:]


def _doubled_centre(word: Word) -> float:
    return word.y0 + word.y1


def _left(word: Word) -> float:
    return word.x0


def _word_space(rows: list[list[Word]]) -> float:
    """The page's usual space between two words of a row, in points (wide where OCR boxes
    hug the ink, or where lines are justified loosely); 0 on a page with no gap narrower than
    :data:`MAX_WORD_SPACE`: a table of one-word cells, whose column gaps would otherwise pass
    for its word space and hide its columns."""
    gaps = [(right.x0 - left.x1, left.size) for row in rows for left, right in zip(row, row[1:])
            if 0 < right.x0 - left.x1 < 3 * left.size]
    if not any(gap < MAX_WORD_SPACE * size for gap, size in gaps):
        return 0.0
    return median(gap for gap, _ in gaps)


def _cells_of_row(row: list[Word], cell_gap: float, least: float = 0.0) -> list[list[Word]]:
    """A row cut into cells at gaps of at least ``cell_gap`` font sizes and ``least`` points."""
    cells = [[row[0]]]
    for left, right in zip(row, row[1:]):
        gap = right.x0 - left.x1
        if gap >= least and gap >= cell_gap * (left.size if left.size > right.size else right.size):
            cells.append([])
        cells[-1].append(right)
    return cells


def _prose_gutters(pieces: list[list[list[Word]]],
                   settings: RegionsSettings) -> list[tuple[float, float, float, float]]:
    """The page's column gutters: gaps beside a line of prose (a cell of many words) in at least
    three rows, the prose starting (or ending) at one edge, merged where they overlap, each as
    the median of its gaps, from two lines above the first of those rows to two lines below
    the last (x0, x1, top, bottom): the columns of a section in two columns do not cut a
    table set across the page under it. (The other side may hold prose, a figure's labels, or
    a table.)"""
    edges: dict[tuple[str, int], list[tuple[float, float, float, float]]] = {}
    for cells in pieces:
        top, bottom = cells[0][0].y0, cells[0][0].y1
        for left, right in zip(cells, cells[1:]):
            gap = (left[-1].x1, right[0].x0, top, bottom)
            if len(right) > settings.max_cell_words:
                edges.setdefault(("start", round(right[0].x0 / 3)), []).append(gap)
            elif len(left) > settings.max_cell_words:
                edges.setdefault(("end", round(left[-1].x1 / 3)), []).append(gap)
    gaps = sorted(gap for found in edges.values() if len(found) >= 3 for gap in found)
    groups: list[list[tuple[float, float, float, float]]] = []
    for gap in gaps:
        if groups and gap[0] < max(found[1] for found in groups[-1]):
            groups[-1].append(gap)
        else:
            groups.append([gap])
    gutters = []
    for group in groups:
        reach = 2 * median(bottom - top for _, _, top, bottom in group)
        gutters.append((median(gap[0] for gap in group), median(gap[1] for gap in group),
                        min(gap[2] for gap in group) - reach, max(gap[3] for gap in group) + reach))
    return gutters


def _justified_gutters(rows: list[list[Word]], pieces: list[list[list[Word]]],
                       settings: RegionsSettings) -> list[tuple[float, float]]:
    """The gutters between columns of prose set too narrow for :func:`_prose_gutters` to see
    (justified lines of a few words, their spaces stretched past a cell gap, so no cell holds
    many words; a gutter narrower than a cell gap): white valleys in the ink of the rows of
    several cells (:func:`_ink_valleys`; a line across the page, an abstract over the columns,
    is left out) where the rows they part read as lines of prose on both sides, filling the
    strip on one side at least (:func:`_prose_strip`)."""
    words = [word for row in rows for word in row]
    em = median(word.size for word in words)
    valleys = _ink_valleys([word for row, cells in zip(rows, pieces) if len(cells) >= 2 for word in row], em, settings)
    sides = _strips_beside(rows, valleys, (min(word.x0 for word in words), max(word.x1 for word in words)), em,
                           settings)
    return [valley for valley, (left, right) in zip(valleys, sides)
            if left is not None and right is not None and (left or right)]


def _strips_beside(rows: list[list[Word]], valleys: list[tuple[float, float]], page: tuple[float, float], em: float,
                   settings: RegionsSettings) -> list[tuple[bool | None, bool | None]]:
    """For each valley, how the rows that do not cross it read on its left and on its right, up
    to the next valley or the page's edge (:func:`_prose_strip`)."""
    edges = [page[0], *(x for valley in valleys for x in valley), page[1]]
    strips = WhiteStrips(rows, 0.0)
    sides = []
    for index, (x0, x1) in enumerate(valleys):
        middle = (x0 + x1) / 2
        apart = [row for number, row in enumerate(rows) if not strips.has_ink(number, middle)]
        sides.append((_prose_strip(apart, edges[2 * index], x0, em, settings),
                      _prose_strip(apart, x1, edges[2 * index + 3], em, settings)))
    return sides


def _ink_valleys(words: list[Word], em: float, settings: RegionsSettings) -> list[tuple[float, float]]:
    """The runs of the width of ``words`` where at most ``settings.gutter_ink`` of the words
    beside them (the most within ``settings.valley_reach`` ems on each side, at least three)
    have ink, at least ``settings.min_valley`` ems wide: white running down the page between
    columns."""
    counts = InkProfile(words, max(word.x1 for word in words)).counts()
    reach = max(int(settings.valley_reach * em), 1)
    faint = settings.gutter_ink * max(counts)  # only where the ink is faint need its sides be looked at

    def beside(x: int) -> int:
        return min(max(counts[max(x - reach, 0):x], default=0), max(counts[x + 1:x + 1 + reach], default=0))

    runs: list[list[int]] = []
    for x, count in enumerate(counts):
        if count <= faint and (side := beside(x)) >= settings.min_table_rows and count <= settings.gutter_ink * side:
            if runs and runs[-1][1] == x:
                runs[-1][1] = x + 1
            else:
                runs.append([x, x + 1])
    return [(float(x0), float(x1)) for x0, x1 in runs
            if x1 - x0 >= settings.min_valley * em]  # narrower: a river of word spaces


def _prose_strip(rows: list[list[Word]], x0: float, x1: float, em: float, settings: RegionsSettings) -> bool | None:
    """Whether the words of the rows within ``x0``-``x1`` read as lines of running text: None
    when they do not (fewer than ``settings.prose_strip_words`` words to a line on average, or
    fewer than ``settings.prose_strip_lower`` of the lines opening in lower case, a sentence
    running on from the line above, where a table's cells open in capitals or figures); else
    whether they fill the strip, with no white running down between them more than an ``em``
    inside it (which a table's columns leave, and a list or a figure in a column of prose may).

    >>> from pipeline.core.geometry import Word
    >>> lines = ["the river ran low", "in May and the", "pumps held all the", "summer long, as"]
    >>> rows = [[Word(t, 10 * i + n, 12 * n, 10 * i + n + 9, 12 * n + 9, 9) for i, t in enumerate(line.split())]
    ...         for n, line in enumerate(lines)]
    >>> _prose_strip(rows, 0, 42, 3, DEFAULTS.regions), _prose_strip(rows, 0, 80, 3, DEFAULTS.regions)
    (True, False)
    >>> _prose_strip([row[:1] for row in rows], 0, 42, 3, DEFAULTS.regions) is None
    True
    """
    lines = [[word for word in row if x0 - 1 <= word.x0 and word.x1 <= x1 + 1] for row in rows]
    lines = [line for line in lines if line]
    if len(lines) < settings.min_table_rows:
        return None
    lower = sum(1 for line in lines if line[0].text[:1].islower())
    if (sum(len(line) for line in lines) < settings.prose_strip_words * len(lines)
            or lower < settings.prose_strip_lower * len(lines)):
        return None
    ink = InkProfile([word for line in lines for word in line], x1)
    return x1 - x0 <= 2 * em or ink.least(x0 + em, x1 - em) > settings.gutter_ink * len(lines)


def _cut_at_gutters(cells: list[list[Word]], gutters: list[tuple[float, float]]) -> list[list[Word]]:
    """A row's cells cut again where two words of one cell lie on either side of a gutter (a
    column's line ending closer to the next column than a cell gap)."""
    cut: list[list[Word]] = []
    for cell in cells:
        cut.append([cell[0]])
        for left, right in zip(cell, cell[1:]):
            if any(left.x1 < g1 and g0 < right.x0 for g0, g1 in gutters):
                cut.append([])
            cut[-1].append(right)
    return cut


def _merged_gutters(gutters: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """``gutters`` sorted, those that overlap made one.

    >>> _merged_gutters([(300, 310), (100, 112), (305, 318)])
    [(100, 112), (300, 318)]
    """
    merged: list[tuple[float, float]] = []
    for x0, x1 in sorted(gutters):
        if merged and x0 < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], x1))
        else:
            merged.append((x0, x1))
    return merged


def _page_columns(rows: list[list[Word]], pieces: list[list[list[Word]]], gutters: list[list[tuple[float, float]]]
                  ) -> list[tuple[list[list[Word]], list[list[list[Word]]]]]:
    """The rows cut at the page's gutters (``gutters``: those that run beside each row),
    gathered by page column: for each column, the rows' words in it and their cells. A row
    crossing a gutter (a title, a wide table) stays whole, in the column it starts in."""
    columns: dict[int, tuple[list[list[Word]], list[list[list[Word]]]]] = {}
    for cells, beside in zip(pieces, gutters):
        group = [cells[0]]
        for left, right in zip(cells, cells[1:]):
            if any(left[-1].x1 < g1 and g0 < right[0].x0 for g0, g1 in beside):
                _add_to_column(columns, group, beside)
                group = []
            group.append(right)
        _add_to_column(columns, group, beside)
    return [columns[index] for index in sorted(columns)]


def _add_to_column(columns: dict, cells: list[list[Word]], gutters: list[tuple[float, float]]) -> None:
    index = sum(1 for g0, _ in gutters if g0 < cells[0][0].x0)
    column_rows, column_pieces = columns.setdefault(index, ([], []))
    column_rows.append([word for cell in cells for word in cell])
    column_pieces.append(cells)


def _is_tabular(cells: list[list[Word]], settings: RegionsSettings) -> bool:
    """A row of at least two cells, all short, not opened by a bullet."""
    if len(cells) < 2 or MARK.match(cells[0][0].text):
        return False
    return all(len(cell) <= settings.max_cell_words for cell in cells)


def _stub_over_figures(cells: list[list[Word]], columns: int, settings: RegionsSettings) -> bool:
    """Whether a row goes on with a table although its first cell is longer than a cell may be
    (``settings.max_cell_words``): it has as many cells as the table's fullest row so far
    (``columns``), two figures or more, and all its other cells are figures ("Cost at £0.21
    per kWh (£ thousand)  434  256  -178").

    >>> row = [[Word(w, 0, 0, 9, 9, 9) for w in "Cost at 0.21 per kWh in thousands".split()],
    ...        [Word("434", 90, 0, 99, 9, 9)], [Word("256", 120, 0, 129, 9, 9)]]
    >>> _stub_over_figures(row, 3, DEFAULTS.regions), _stub_over_figures(row[:2], 2, DEFAULTS.regions)
    (True, False)
    """
    figures = cells[1:]
    return len(cells) == columns and len(figures) >= 2 and len(cells[0]) <= 2 * settings.max_cell_words \
        and all(len(cell) == 1 and NUMBER.match(cell[0].text) for cell in figures)


def _under_a_table_caption(rows: list[list[Word]], start: int) -> bool:
    """Whether the row right above ``start`` is a table's caption (:func:`is_table_caption`):
    the author calls the rows under it a table."""
    return start > 0 and is_table_caption(" ".join(word.text for word in rows[start - 1]))


def _stub_over_short_cells(cells: list[list[Word]], run: list[list[list[Word]]], settings: RegionsSettings) -> bool:
    """Whether a row goes on with a table under a caption although its first cell is longer than
    a cell may be (a task or a risk described in a sentence): its other cells are short and each
    starts where a cell of the run above starts (within a fifth of its size), and the first is at
    most twice as long as a cell may be.

    >>> def cell(x, text): return [Word(w, x + 30 * i, 0, x + 30 * i + 25, 9, 9) for i, w in enumerate(text.split())]
    >>> run = [[cell(0, "Task"), cell(300, "Lead"), cell(400, "Due")]]
    >>> row = [cell(0, "Replace the press and the bottle pasteuriser first"), cell(300, "Orchard manager"),
    ...        cell(400, "October 2025")]
    >>> _stub_over_short_cells(row, run, DEFAULTS.regions), _stub_over_short_cells(row[:1] + [cell(350, "x")], run,
    ...                                                                           DEFAULTS.regions)
    (True, False)
    """
    starts = [other[0].x0 for above in run for other in above[1:]]
    return len(cells) >= 2 and len(cells[0]) <= 2 * settings.max_cell_words and all(
        len(cell) <= settings.max_cell_words and any(abs(cell[0].x0 - x) <= 0.2 * cell[0].size for x in starts)
        for cell in cells[1:])


def _run_end(rows: list[list[Word]], pieces: list[list[list[Word]]], start: int, settings: RegionsSettings) -> int:
    """The end of the run of tabular rows from ``start`` (rows close below each other; the
    lines of a cell wrapped under a row, :func:`_after_wrapped_lines`, do not end it, and
    those under its last row belong to it, :func:`_wrapped_tail`). A row whose cells are set
    closer than the row finder parts them is cut again at the run's columns
    (:func:`_recut_at_columns`), in ``pieces``."""
    if not _is_tabular(pieces[start], settings):
        return start + 1
    captioned = _under_a_table_caption(rows, start)
    end = start + 1
    while end < len(rows) and _close_below(rows, end, settings):
        fullest = max(map(len, pieces[start:end]))
        if _is_tabular(pieces[end], settings) or _stub_over_figures(pieces[end], fullest, settings) \
                or captioned and _stub_over_short_cells(pieces[end], pieces[start:end], settings):
            end += 1
            continue
        recut = _recut_at_columns(pieces[end], [cells for cells in pieces[start:end] if len(cells) >= 2], settings)
        if _is_tabular(recut, settings):
            pieces[end] = recut
            end += 1
            continue
        resumed = _after_wrapped_lines(rows, pieces, end, settings, pieces[start:end] if captioned else None)
        if resumed is None:
            break
        end = resumed
    return _wrapped_tail(rows, pieces, start, end, settings)


def _wrapped_tail(rows: list[list[Word]], pieces: list[list[list[Word]]], start: int, end: int,
                  settings: RegionsSettings) -> int:
    """Where a run of tabular rows (``start`` to ``end``) ends once the lines of a cell wrapped
    under its last row are taken in: lone cells close under each other, each within one
    column of the run, clear of the next column, and the rest of the cell above it, wrapped
    (:func:`_wraps_into`: a line after the table, set across the page, is none)."""
    run = [cells for cells in pieces[start:end] if len(cells) >= 2]
    if not run:
        return end
    columns = _column_intervals(run)
    while end < len(rows) and len(pieces[end]) == 1 and _close_below(rows, end, settings):
        line = pieces[end][0]
        (index, *more) = _columns_of(line, columns)
        if more or (index + 1 < len(columns) and line[-1].x1 >= columns[index + 1][0]):
            break
        above = [cell for cell in pieces[end - 1] if _columns_of(cell, columns) == [index]]
        if not above or not (len(above[0]) >= 2 or _ends_with_hyphen(above[0][-1].text)) \
                or not _wraps_into(above[0], line, *columns[index]):
            break
        end += 1
    return end


def _recut_at_columns(cells: list[list[Word]], run: list[list[list[Word]]],
                      settings: RegionsSettings) -> list[list[Word]]:
    """A row's cells cut again where a gap between two words lies in the white between two
    columns of the run of rows above it and is wider than ``recut_space_ratio`` times the row's
    usual word space (a cell's text running close to the next column: "budget  Ashfell")."""
    if not run:
        return cells
    words = [word for cell in cells for word in cell]
    gaps = sorted(right.x0 - left.x1 for left, right in zip(words, words[1:]))
    if not gaps:
        return cells
    least = settings.recut_space_ratio * gaps[len(gaps) // 2]
    columns = _column_intervals(run)
    recut = []
    for cell in cells:
        pieces = _split_across(cell, columns)
        if any(piece[0].x0 - before[-1].x1 < least for before, piece in zip(pieces, pieces[1:])):
            return cells
        recut += pieces
    return recut


def _close_below(rows: list[list[Word]], index: int, settings: RegionsSettings) -> bool:
    """Whether a row is set close enough under the one above to be the next row of a table."""
    return rows[index][0].y0 - max(w.y1 for w in rows[index - 1]) <= settings.row_gap * rows[index][0].size


def _after_wrapped_lines(rows: list[list[Word]], pieces: list[list[list[Word]]], index: int,
                         settings: RegionsSettings, run: list[list[list[Word]]] | None = None) -> int | None:
    """Where a run of tabular rows goes on after the lines of cells wrapped under the row above
    ``index``: lone cells, each short or set right of that row's first cell (a text cell's
    lines, however long), close under each other; None when no tabular row follows them.
    Under a table's caption (``run``: the rows of the run so far), a first cell's lines may be
    as long as a stub (:func:`_stub_over_short_cells`), and so may the next row's first cell."""
    first_cell_end = pieces[index - 1][0][-1].x1
    longest = (2 if run is not None else 1) * settings.max_cell_words
    end = index
    while end < len(rows) and len(pieces[end]) == 1 and (end == index or _close_below(rows, end, settings)) \
            and (len(pieces[end][0]) <= longest or pieces[end][0][0].x0 > first_cell_end):
        end += 1
    if end == index or end == len(rows) or not _close_below(rows, end, settings):
        return None
    goes_on = _is_tabular(pieces[end], settings) or run is not None and _stub_over_short_cells(pieces[end], run,
                                                                                                settings)
    return end if goes_on else None


def _table_of_run(rows: list[list[Word]], pieces: list[list[list[Word]]], page: int,
                  settings: RegionsSettings, captioned: bool = False) -> Region | None:
    """The table a run of rows makes, or None when its cells do not keep to columns or hold
    prose (under a table's caption, ``captioned``, the first column may: a column of tasks)."""
    counts = [len(cells) for cells in pieces]
    modal = max(set(counts), key=lambda n: (counts.count(n), n))
    if modal < 2 or sum(1 for n in counts if n >= 2) < settings.min_table_rows or _justified_lines(pieces):
        return None
    columns = _column_intervals([cells for cells in pieces if len(cells) >= 2])
    if len(columns) < 2 or not _keeps_to_columns(pieces, columns):
        return None
    body = [cell for cells in pieces[1:] for cell in (cells[1:] if captioned else cells) if len(cells) >= 2]
    if sum(len(cell) for cell in body) > settings.max_mean_cell_words * len(body):
        return None
    if len(columns) == 2 and sum(all(NUMBER.match(w.text) for w in cell) for cell in body) < \
            settings.numeric_share * len(body) / 2:
        return None
    cells = _grid_cells(rows, pieces, columns)
    if _mostly_leaders(cells, len(columns)):
        return None
    words = [word for row in rows for word in row]
    table = Region("table", page, min(w.x0 for w in words), min(w.y0 for w in words), max(w.x1 for w in words),
                   max(w.y1 for w in words), words, cells, max(cell.row for cell in cells) + 1, len(columns))
    table.header_rows = header_rows(table)
    return table


def _mostly_leaders(cells: list[Cell], columns: int) -> bool:
    """Whether most of a table's columns hold nothing but leader dots: a form's lines of dots
    spaced wide (". . . . ."), each dot a "cell", not a table."""
    held: dict[int, list[Cell]] = {}
    for cell in cells:
        if cell.words:
            held.setdefault(cell.col, []).append(cell)
    dotted = sum(1 for found in held.values() if all(LEADER_DOTS.match(cell.text) for cell in found))
    return 2 * dotted > columns


def _justified_lines(pieces: list[list[list[Word]]]) -> bool:
    """Whether most rows of several cells are lines of prose justified to both edges of a
    narrow column, their stretched spaces wider than a cell gap: each cell a word, and the
    row spaced evenly (three words or more) or flush with both edges of the run. A table's
    rows leave gaps that vary with the width of its cells, and ragged edges.

    >>> def row(*xs): return [[Word("word", x, 0, x + 20, 9, 9)] for x in xs]
    >>> _justified_lines([row(0, 37, 74), row(0, 74), row(0, 31, 74)])
    True
    >>> _justified_lines([row(0, 40, 90), row(0, 31, 70)])
    False
    """
    rows = [cells for cells in pieces if len(cells) >= 2]
    left, right = min(cells[0][0].x0 for cells in rows), max(cells[-1][-1].x1 for cells in rows)
    justified = 0
    for cells in rows:
        if not all(len(cell) == 1 and cell[0].text[:1].isalpha() for cell in cells):
            continue
        gaps = [after[0].x0 - before[-1].x1 for before, after in zip(cells, cells[1:])]
        even = len(gaps) >= 2 and max(gaps) - min(gaps) <= max(1.0, 0.05 * max(gaps))
        flush = abs(cells[0][0].x0 - left) <= 1.0 and abs(cells[-1][-1].x1 - right) <= 1.0
        justified += even or flush
    return justified >= 2 and justified > len(rows) / 2


def _column_intervals(rows: list[list[list[Word]]]) -> list[tuple[float, float]]:
    """The columns of a table, left to right: the x-intervals the cells of its fullest rows fill
    (merged where they overlap), widened by the cells of the other rows that fall in one of
    them, and joined by those that fall in none (a cell spanning columns adds nothing)."""
    most = max(len(cells) for cells in rows)
    columns = merged_spans([(cell[0].x0, cell[-1].x1) for cells in rows if len(cells) == most for cell in cells])
    for cells in rows:
        for cell in cells:
            x0, x1 = cell[0].x0, cell[-1].x1
            overlapping = [column for column in columns if x0 < column[1] and column[0] < x1]
            if not overlapping:
                columns.append([x0, x1])
            elif len(overlapping) == 1:
                overlapping[0][0], overlapping[0][1] = min(overlapping[0][0], x0), max(overlapping[0][1], x1)
        columns.sort()
    return [(x0, x1) for x0, x1 in columns]


def _keeps_to_columns(pieces: list[list[list[Word]]], columns: list[tuple[float, float]]) -> bool:
    """Whether no two cells of a row fall in one column."""
    for cells in pieces:
        taken = [index for cell in cells for index in _columns_of(cell, columns)]
        if len(taken) != len(set(taken)):
            return False
    return True


def _columns_of(cell: list[Word], columns: list[tuple[float, float]]) -> list[int]:
    """The columns a cell's extent overlaps (several for a spanning cell); when none, the
    nearest one (a heading set left in its column, in the white before the figures set right
    under it, is nearer to them than to the column on its left).

    >>> _columns_of([Word("Pressure", 388, 0, 413, 7, 7)], [(336, 371), (416, 420)])
    [1]
    """
    x0, x1 = cell[0].x0, cell[-1].x1
    overlapping = [index for index, (c0, c1) in enumerate(columns) if x0 < c1 and c0 < x1]
    if overlapping:
        return overlapping
    return [min(range(len(columns)), key=lambda index: max(columns[index][0] - x1, x0 - columns[index][1]))]


def _grid_cells(rows: list[list[Word]], pieces: list[list[list[Word]]],
                columns: list[tuple[float, float]], rules: Sequence[float] = ()) -> list[Cell]:
    """The cells of a run: one grid row per text row, except that a row with fewer cells than
    the one above continues the cells above it (cells wrapped over two lines) when it has
    nothing in the first column, or when each of its cells reads as the rest of the cell
    above (:func:`_continues_cells`), and no rule of ``rules`` (heights of rules drawn across)
    runs between them: a cell does not wrap across a rule (a group's label set between two
    rules is a row of its own). A cell over several columns whose words each stand in one of
    them is as many cells."""
    cells: list[Cell] = []
    row_index = -1
    by_place: dict[tuple[int, int], Cell] = {}
    previous_count = row_start = 0  # row_start: where the cells of grid row ``row_index`` start in ``cells``
    leading: list[tuple[list[Word], list[int]]] = []  # first lines of the next row's cells (a header cell, a stub)
    placements = [[(cell_words, _columns_of(cell_words, columns)) for whole in cut
                   for cell_words in _split_across(whole, columns)] for cut in pieces]
    rows, pieces, placements = _stubs_around_figures(rows, pieces, placements, rules)
    wordy = {spanned[0] for placed in placements for cell_words, spanned in placed
             if len(spanned) == 1 and len(cell_words) >= 2}
    pitch = _line_pitch(rows)
    for row_number, (row, cut, placed) in enumerate(zip(rows, pieces, placements)):
        if row_index < 0 and not leading and len(pieces) > 1 and len(cut) < len(pieces[1]) and placed[0][1][0] > 0 \
                and len(placed) == 1 and len(placed[0][1]) == 1:  # over one column: a group's label spans more
            leading = placed
            continue
        placed = _with_leading_lines(placed, leading)
        leading = []
        under = _under_cells_above(placed, cells[row_start:])
        if row_index >= 0 and len(cut) < previous_count and not _ruled_between(rows[row_number - 1], row, rules) \
                and not _set_apart(rows[row_number - 1], row, pitch) \
                and _continues_cells(under, row_index, by_place, columns, wordy):
            for cell_words, spanned in under:
                above = by_place[row_index, spanned[0]]
                above.words.extend(cell_words)
                above.y1 = max(above.y1, max(w.y1 for w in cell_words))
            continue
        if row_number + 1 < len(rows) and \
                _opens_a_wrapped_stub(placed, placements[row_number + 1], row, rows[row_number + 1], rules):
            leading = placed
            continue
        row_index += 1
        previous_count, row_start = len(cut), len(cells)
        for cell_words, spanned in placed:
            cell = Cell(row_index, spanned[0], 1, len(spanned), columns[spanned[0]][0], min(w.y0 for w in row),
                        columns[spanned[-1]][1], max(w.y1 for w in row), list(cell_words))
            cells.append(cell)
            for column in spanned:
                by_place[row_index, column] = cell
    return cells


Placed = list[tuple[list[Word], list[int]]]
"""A text row's cells, each with the table columns it stands in."""


def _stubs_around_figures(rows: list[list[Word]], pieces: list[list[list[Word]]], placements: list[Placed],
                          rules: Sequence[float]) -> tuple[list[list[Word]], list[list[list[Word]]], list[Placed]]:
    """The text rows with each row of figures alone that stands between the two lines of a
    stub wrapped around it made one row with them: a table that centres its cells on the row
    sets a two-line stub's figures midway between its lines ("September or" / "112 29 25.9"
    / "October"), three text rows that are one row of the table. No rule may run between."""
    def stub_only(placed: Placed) -> bool:
        return len(placed) == 1 and placed[0][1] == [0] and not all(NUMBER.match(w.text) for w in placed[0][0])

    def figures_only(placed: Placed) -> bool:
        return all(spanned[0] > 0 and all(NUMBER.match(w.text) for w in words) for words, spanned in placed)

    merged: tuple[list[list[Word]], list[list[list[Word]]], list[Placed]] = ([], [], [])
    index = 0
    while index < len(rows):
        if index + 2 < len(rows) and stub_only(placements[index]) and placements[index + 1] \
                and figures_only(placements[index + 1]) and stub_only(placements[index + 2]) \
                and not _ruled_between(rows[index], rows[index + 2], rules):
            stub = placements[index][0][0] + placements[index + 2][0][0]
            merged[0].append(rows[index] + rows[index + 1] + rows[index + 2])
            merged[1].append([stub, *pieces[index + 1]])
            merged[2].append([(stub, [0]), *placements[index + 1]])
            index += 3
        else:
            merged[0].append(rows[index])
            merged[1].append(pieces[index])
            merged[2].append(placements[index])
            index += 1
    return merged


def _opens_a_wrapped_stub(placed: list[tuple[list[Word], list[int]]], below: list[tuple[list[Word], list[int]]],
                         row: list[Word], next_row: list[Word], rules: Sequence[float]) -> bool:
    """Whether a row holding only a cell of the first column is the first line of the stub of
    the row under it, wrapped with its figures set on the last line ("Murder and nonnegligent"
    over "manslaughter. 10.0 0.9 9.1"): it holds a word, not a symbol; the row under has more
    cells and opens in the first column in lower case; no rule runs between."""
    return len(placed) == 1 and placed[0][1] == [0] and len(below) >= 2 and below[0][1][0] == 0 \
        and any(len(word.text) >= 3 and word.text.isalpha() for word in placed[0][0]) \
        and next_row[0].text[:1].islower() and not _ruled_between(row, next_row, rules)


def _line_pitch(rows: list[list[Word]]) -> float:
    """The usual distance from one text row's top to the next one's (0 for a single row)."""
    tops = [min(word.y0 for word in row) for row in rows]
    return median(lower - upper for upper, lower in zip(tops, tops[1:])) if len(tops) > 1 else 0.0


def _set_apart(upper: list[Word], lower: list[Word], pitch: float) -> bool:
    """Whether text row ``lower`` stands farther under ``upper`` than half a line more than
    the usual ``pitch``: white that parts two groups of rows, which a wrapped cell never has."""
    return min(word.y0 for word in lower) - min(word.y0 for word in upper) > LINE_APART * pitch


def _ruled_between(upper: list[Word], lower: list[Word], rules: Sequence[float]) -> bool:
    """Whether one of the heights ``rules`` lies between the text rows ``upper`` and ``lower``."""
    bottom, top = max(word.y1 for word in upper), min(word.y0 for word in lower)
    return any(bottom - 1 <= rule <= top + 1 for rule in rules)


def _under_cells_above(placed: list[tuple[list[Word], list[int]]],
                       above: list[Cell]) -> list[tuple[list[Word], list[int]]]:
    """A line's cells, each put in the columns of the one cell of the row ``above`` whose words
    it stands under, where there is one: a heading's second line set left in its column, in
    the white before the figures set right under it, goes on with the heading's first line.

    >>> occupancy = Cell(0, 2, 1, 1, 240, 0, 247, 10, [Word("Occupancy", 211, 0, 244, 10, 7)])
    >>> _under_cells_above([([Word("(%)", 211, 12, 222, 22, 7)], [1])], [occupancy])[0][1]
    [2]
    """
    moved = []
    for cell_words, spanned in placed:
        x0, x1 = cell_words[0].x0, cell_words[-1].x1
        over = [cell for cell in above if cell.words and _extent(cell)[0] < x1 and x0 < _extent(cell)[1]]
        if len(over) == 1:
            spanned = list(range(over[0].col, over[0].col + over[0].col_span))
        moved.append((cell_words, spanned))
    return moved


def _continues_cells(placed: list[tuple[list[Word], list[int]]], row_index: int, by_place: dict[tuple[int, int], Cell],
                     columns: list[tuple[float, float]], wordy: set[int]) -> bool:
    """Whether a line's cells (``placed``: words and the columns they stand in) go on with the
    cells of grid row ``row_index`` above them: each stands under a cell of that row, and
    the line has nothing in the first column, or each cell is the rest of the one above,
    wrapped (:func:`_wraps_into`), in a column that holds lines of several words (a column
    of single words never wraps; "S1" under "Station" starts a row)."""
    if not all((row_index, spanned[0]) in by_place for _, spanned in placed):
        return False
    return placed[0][1][0] > 0 or all(
        (spanned[0] in wordy or _ends_with_hyphen(by_place[row_index, spanned[0]].words[-1].text))
        and _wraps_into(by_place[row_index, spanned[0]].words, cell_words, columns[spanned[0]][0],
                        columns[spanned[-1]][1]) for cell_words, spanned in placed)


def _wraps_into(above: list[Word], words: list[Word], x0: float, x1: float) -> bool:
    """Whether a line of a column (``words``) goes on with the cell ``above`` it, wrapped: both
    hold words, not figures (which are not wrapped), in one weight (a bold heading's first
    line does not go on in roman), and the cell's last line ends in a hyphen after a letter,
    or that line and the first of ``words`` after a space would not fit in the column (``x0``
    to ``x1``, as wide as its widest line: a line breaks only where the next word does not fit).

    >>> above = [Word("Loans,", 0, 0, 30, 10, 10), Word("printed", 33, 0, 66, 10, 10)]
    >>> _wraps_into(above, [Word("books", 0, 12, 28, 22, 10)], 0, 80)
    True
    >>> _wraps_into(above[:1], [Word("Total", 0, 12, 24, 22, 10)], 0, 80)
    False
    """
    first, last = words[0], text_rows(above)[-1]
    if any(NUMBER.match(word.text) for word in (*above, *words)) or first.bold != last[-1].bold:
        return False
    if _ends_with_hyphen(last[-1].text):
        return True
    space = WORD_SPACE * first.size
    return last[-1].x1 - last[0].x0 + space + first.x1 - first.x0 > x1 - x0


def _ends_with_hyphen(text: str) -> bool:
    """Whether a word ends in a hyphen after a letter ("ses-", "bed-"), as a word broken at a line end does."""
    return len(text) >= 2 and text[-1] in HYPHENS and text[-2].isalpha()


def _spread_over_headings(cells: list[Cell], centring: float = DEFAULTS.regions.heading_centring) -> list[Cell]:
    """``cells`` with each cell of a row of group headings spread over the columns of the
    headings under it that its words overlap: columns taken from the white space between
    figures narrower than their headings leave a group heading over one column only. A
    heading centred over more columns than it overlaps (within ``centring`` font sizes: tbl
    centres a heading spanning four columns over the middle two) spans them, as far as no
    other heading of its row stands over them. Rows of headings are those above the first
    row holding a figure, over a row with more cells.

    >>> def cell(row, col, x0, x1, text):
    ...     return Cell(row, col, 1, 1, x0, 0, x1, 1, [Word(text, x0, 0, x1, 1, 9)])
    >>> cells = [cell(0, 1, 57, 101, "Machine"), cell(1, 0, 0, 40, "Bench"), cell(1, 1, 27, 71, "Fixed"),
    ...          cell(1, 2, 83, 131, "Change"), cell(2, 1, 45, 71, "1459.5"), cell(2, 2, 112, 131, "-1.1")]
    >>> [(c.col, c.col_span) for c in _spread_over_headings(cells) if c.row == 0]
    [(1, 2)]
    >>> labels = [cell(1, col, 40 * col, 40 * col + 10, f"S{col}") for col in range(5)]
    >>> wide = _spread_over_headings([cell(0, 2, 75, 135, "January"), *labels, cell(2, 1, 40, 50, "3.1")])
    >>> [(c.col, c.col_span) for c in wide if c.row == 0]
    [(1, 4)]
    """
    by_row: dict[int, list[Cell]] = {}
    for cell in cells:
        by_row.setdefault(cell.row, []).append(cell)
    first_figures = min((cell.row for cell in cells if cell.words and _is_number(cell)), default=0)
    spread: dict[int, Cell] = {}
    for row in range(first_figures - 1):
        headings, below = by_row.get(row, []), [cell for cell in by_row.get(row + 1, []) if cell.words]
        if len(below) <= len(headings):
            continue
        for cell in headings:
            x0, x1 = _extent(cell)
            under = [c for c in below if _extent(c)[0] < x1 and x0 < _extent(c)[1]]
            first = min((c.col for c in under), default=cell.col + 1)  # none overlapped: first > last
            last = max((c.col for c in under), default=cell.col)
            taken = [spread.get(id(other), other) for other in headings if other is not cell]
            first, last = _centred_span(first, last, (x0 + x1) / 2, below, taken, centring * cell.words[0].size)
            if last > first and not any(first <= other.col + other.col_span - 1 and other.col <= last
                                        for other in taken):
                columns = [c for c in below if first <= c.col <= last]
                spread[id(cell)] = replace(cell, col=first, col_span=last - first + 1,
                                           x0=min(c.x0 for c in columns), x1=max(c.x1 for c in columns))
    return [spread.get(id(cell), cell) for cell in cells]


def _centred_span(first: int, last: int, centre: float, labels: list[Cell], taken: list[Cell],
                  slack: float) -> tuple[int, int]:
    """The widest run of columns that holds ``first`` to ``last`` (the columns a heading's words
    overlap; none when ``first > last``), whose labels are centred on ``centre`` (within
    ``slack`` points) and over which no heading of ``taken`` stands; ``first``, ``last`` when
    there is none."""
    by_column = {label.col: _extent(label) for label in labels if label.col_span == 1}
    free = {col for col in by_column if not any(other.col <= col < other.col + other.col_span for other in taken)}
    runs = [(a, b) for a in free for b in free if a <= b and all(col in free for col in range(a, b + 1))
            and (first > last or a <= first and last <= b) and by_column[a][0] <= centre <= by_column[b][1]
            and abs((by_column[a][0] + by_column[b][1]) / 2 - centre) <= slack]
    return max(runs, key=lambda run: run[1] - run[0], default=(first, last))


def _extent(cell: Cell) -> tuple[float, float]:
    """Where a cell's words stand across."""
    return min(word.x0 for word in cell.words), max(word.x1 for word in cell.words)


def _with_leading_lines(placed: list[tuple[list[Word], list[int]]],
                        leading: list[tuple[list[Word], list[int]]]) -> list[tuple[list[Word], list[int]]]:
    """A row's cells with the first lines of its header cells put in front of their words; a
    first line over an empty column becomes that column's cell."""
    by_column = {spanned[0]: (words, spanned) for words, spanned in leading}
    merged = [(by_column.pop(here[0])[0] + words, here) if here[0] in by_column else (words, here)
              for words, here in placed]
    return sorted(merged + list(by_column.values()), key=lambda cell: cell[1][0])


def _split_across(cell: list[Word], columns: list[tuple[float, float]]) -> list[list[Word]]:
    """A cell over several columns cut into one cell per column, when for each border between
    them the cell has a space between two words that overlaps the white between those
    columns (a header row set closer than its columns: "2025 Change"); else the cell as it
    is (a heading over a group of columns)."""
    spanned = _columns_of(cell, columns)
    if len(spanned) < 2:
        return [cell]
    cuts = []
    for left, right in zip(spanned, spanned[1:]):
        white = (columns[left][1], columns[right][0])
        gaps = [i for i in range(1, len(cell)) if cell[i - 1].x1 < white[1] and white[0] <= cell[i].x0]
        if not gaps:
            return [cell]
        cuts.append(max(gaps, key=lambda i: cell[i].x0 - cell[i - 1].x1))  # the widest, if words reach into the white
    return [cell[start:end] for start, end in zip([0, *cuts], [*cuts, len(cell)]) if start < end]


def continues_table(first: Region, second: Region) -> bool:
    """Whether ``second`` goes on with ``first``: both tables, as many columns, nothing between
    them in reading order but page furniture and footnotes (the caller's business), and the
    second either on the page after ``first``'s last piece, starting where it did across, or
    in the next column of the same page, as wide, under the first one's header repeated."""
    if not (first.kind == second.kind == "table" and first.columns == second.columns):
        return False
    last = first.pieces()[-1]
    width = last.x1 - last.x0
    if second.page == last.page + 1:
        return abs(last.x0 - second.x0) <= 0.05 * width
    return (second.page == last.page and second.x0 >= last.x1 - 0.05 * width and second.y0 < last.y1
            and abs(second.x1 - second.x0 - width) <= 0.05 * width and first.header_rows > 0
            and _row_texts(second, first.header_rows) == _row_texts(first, first.header_rows))


def merged_table(first: Region, second: Region) -> Region:
    """``first`` with the rows of ``second`` below it, less the header rows of ``first`` that
    ``second`` repeats at its top (told by their texts: the two pages' grids may split a
    spanning heading differently); ``second``'s page and box are kept as a piece of it
    (:attr:`Region.continued`)."""
    heads = _row_texts(first, first.header_rows)
    tops = _row_texts(second, len(heads))
    repeated = next((count for count in range(len(heads), 0, -1) if tops[:count] == heads[:count]), 0)
    offset = first.rows - repeated
    cells = first.cells + [replace(cell, row=cell.row + offset) for cell in second.cells if cell.row >= repeated]
    words = first.words + [word for cell in second.cells if cell.row >= repeated for word in cell.words]
    piece = replace(second, words=[], cells=[], continued=[])
    return replace(first, words=words, cells=cells, rows=offset + second.rows,
                   continued=[*first.continued, piece, *second.continued])


def _row_texts(table: Region, count: int) -> list[list[str]]:
    """The texts of the filled cells of the table's first ``count`` rows, row by row."""
    rows: list[list[str]] = [[] for _ in range(min(count, table.rows))]
    for cell in sorted(table.cells, key=lambda cell: (cell.row, cell.col)):
        if cell.row < len(rows) and cell.words:
            rows[cell.row].append(cell.text)
    return rows


# --- figures -------------------------------------------------------------------------

def figures(page: RawPage, words: list[Word], tables: list[Region],
            settings: RegionsSettings = DEFAULTS.regions, frames: Sequence[Grid] = ()) -> list[Region]:
    """The page's pictures and charts, with the words drawn in and right around them. The rules
    of ``frames`` (grids around text that made no table) draw no figure: their words stay running text."""
    page_area = page.width * page.height
    candidates = [g for g in page.graphics if not any(_within(g, table) for table in tables)
                  and not (_is_rule(g) and any(_within(g, frame) for frame in frames))]
    pictures = [g for g in candidates if g.kind == "image" and _big_enough(g, settings)
                and (g.x1 - g.x0) * (g.y1 - g.y0) < settings.max_picture_share * page_area]
    drawings = _clusters([g for g in candidates if g.kind != "image"], settings.figure_gap)
    charts = [(count, box) for count, box in drawings if count >= settings.min_figure_paths
              and _big_enough(box, settings) and (box.x1 - box.x0) * (box.y1 - box.y0) < settings.max_picture_share
              * page_area and not any(overlaps(box, table) for table in tables)]
    found: list[Region] = []
    taken: set[int] = set()
    boxes = [*(Graphic("figure", g.x0, g.y0, g.x1, g.y1) for g in pictures), *(box for _, box in charts)]
    text_size = median(word.size for word in words) if words and boxes else 0.0
    panels = _framed_panels(candidates, boxes, tables, settings, page_area)
    for box in [*panels, *boxes]:
        if any(overlaps(box, figure) for figure in found):
            continue
        free = [word for word in words if id(word) not in taken]
        if _is_ground_of_a_line(box, free):
            continue
        labels, bounds = _labels(box, free, text_size, settings)
        keys: list[Graphic] = []
        while swatches := [g for g in _swatches_beside(bounds, box, candidates, settings.label_reach * text_size)
                           if g not in keys and (not keys or _in_line_with(g, keys))]:
            keys += swatches  # a legend's keys beside the chart, and the entry after each; then the keys in
            taken_labels = {id(word) for word in labels}  # line with them, row by row or column by column
            entries = _legend_entries(swatches, [word for word in free if id(word) not in taken_labels], settings)
            labels += entries
            bounds = _grown(bounds, [*swatches, *entries])
        if (_is_prose(labels, settings) or _is_code(labels)) and not _captioned_as_figure(box, free):
            continue
        labelled = {id(word) for word in labels}
        legend = _rows_before_a_caption(bounds, [word for word in free if id(word) not in labelled], text_size,
                                        settings)
        labels += legend
        x0, y0, x1, y1 = _grown(bounds, legend)
        figure = Region("figure", page.number, x0, y0, x1, y1, labels)
        found.append(figure)
        taken |= {id(word) for word in labels}
    return found


def _framed_panels(candidates: list[Graphic], boxes: list[Graphic], tables: list[Region],
                   settings: RegionsSettings, page_area: float) -> list[Graphic]:
    """Outlined frames drawn round pictures or drawings that fill at least ``settings.panel_share``
    of them (a panel of several views of a part, with their labels): each is one figure, so
    the labels set between its pictures go with it. Largest first; a frame holding a
    table is no panel."""
    panels = []
    for frame in candidates:
        area = (frame.x1 - frame.x0) * (frame.y1 - frame.y0)
        if (frame.kind not in ("rect", "path") or frame.filled or not frame.stroked
                or not _big_enough(frame, settings) or area >= settings.max_picture_share * page_area
                or any(_within(table, frame) for table in tables)):
            continue
        held = [box for box in boxes if _within(box, frame) and box is not frame]
        if sum((box.x1 - box.x0) * (box.y1 - box.y0) for box in held) >= settings.panel_share * area:
            panels.append(Graphic("figure", frame.x0, frame.y0, frame.x1, frame.y1))
    return sorted(panels, key=lambda box: (box.x0 - box.x1) * (box.y1 - box.y0))


def _captioned_as_figure(box: Graphic, words: list[Word]) -> bool:
    """Whether a row of text right under or over a box is a figure's caption ("Figure 3-1
    ..."): the author calls the box a figure, whatever text it holds (a diagram of
    statements and their explanations)."""
    x0, y0, x1, y1 = box.x0, box.y0, box.x1, box.y1
    near = [word for word in words if word.x1 > x0 and word.x0 < x1
            and (0 <= word.y0 - y1 <= 2 * word.size or 0 <= y0 - word.y1 <= 2 * word.size)]
    return any(is_figure_caption(" ".join(word.text for word in row)) for row in text_rows(near)) if near else False


def _is_rule(graphic: Graphic) -> bool:
    """Whether ``graphic`` is a rule drawn across or down, or an outlined box (a bar, a curve or
    the edge of a filled shape is not)."""
    thin = min(graphic.x1 - graphic.x0, graphic.y1 - graphic.y0) < THIN
    return graphic.stroked and ((graphic.kind == "line" and thin) or (graphic.kind == "rect" and not graphic.filled))


def _within(graphic: Graphic | Region, region: Region | Grid | Graphic, slack: float = 2.0) -> bool:
    return (graphic.x0 >= region.x0 - slack and graphic.x1 <= region.x1 + slack
            and graphic.y0 >= region.y0 - slack and graphic.y1 <= region.y1 + slack)


def _big_enough(box, settings: RegionsSettings) -> bool:
    return box.x1 - box.x0 >= settings.min_figure_size and box.y1 - box.y0 >= settings.min_figure_size


def _clusters(graphics: list[Graphic], gap: float) -> list[tuple[int, Graphic]]:
    """Paths grouped where they lie within ``gap`` points of each other: (how many, their box)."""
    clusters = []
    for group in touching_groups(graphics, gap):
        members = [graphics[index] for index in group]
        clusters.append((len(members), Graphic("figure", min(g.x0 for g in members), min(g.y0 for g in members),
                                               max(g.x1 for g in members), max(g.y1 for g in members))))
    return clusters


def _is_ground_of_a_line(box: Graphic, words: list[Word]) -> bool:
    """Whether ``box`` is a shape or a picture behind one line of text (a heading's coloured
    bar), not a figure: it holds one row of words and is less than twice as tall."""
    inside = [word for word in words if _centre_in(word, box.x0, box.y0, box.x1, box.y1)]
    if not inside:
        return False
    rows = text_rows(inside)
    height = max(word.y1 for word in inside) - min(word.y0 for word in inside)
    return len(rows) == 1 and box.y1 - box.y0 < 2 * height


def _labels(box: Graphic, words: list[Word], text_size: float,
            settings: RegionsSettings) -> tuple[list[Word], tuple[float, float, float, float]]:
    """The words inside ``box`` and the short cells of text just around it (tick labels beside
    an axis, a legend below it; two rounds, so a legend under the tick labels counts), and
    the figure's box grown to hold them. A cell that reaches further (a line of prose in the
    next column), a caption's row, or a cell set larger than the page's text (``text_size``, the
    median size of its words: a title over a banner) is no label."""
    x0, y0, x1, y1 = box.x0, box.y0, box.x1, box.y1
    labels = _words_inside(box, words, settings)
    for _ in range(2):
        taken = {id(word) for word in labels}
        rest = [word for word in words if id(word) not in taken]
        for row in text_rows(rest) if rest else []:
            cells = _cells_of_row(row, settings.cell_gap)
            if CAPTION.match(" ".join(word.text for word in cells[0])):
                continue  # a caption's row: the title after its label is no label either
            for cell in cells:
                reach = settings.label_reach * cell[0].size
                near = all(_centre_in(w, x0 - reach, y0 - reach, x1 + reach, y1 + reach) for w in cell)
                if near and _may_label(cell, rest, text_size, settings):
                    labels += cell
        if labels:
            x0, y0 = min(x0, *(w.x0 for w in labels)), min(y0, *(w.y0 for w in labels))
            x1, y1 = max(x1, *(w.x1 for w in labels)), max(y1, *(w.y1 for w in labels))
    return labels, (x0, y0, x1, y1)


def _swatches_beside(bounds: tuple[float, float, float, float], drawing: Graphic, graphics: list[Graphic],
                     reach: float) -> list[Graphic]:
    """The small filled shapes (no side longer than ``reach``) outside the chart's ``drawing``
    but within ``reach`` of ``bounds`` (the drawing with its labels so far): the colour keys of a
    legend set beside a chart, further from it than its own drawing's paths are from each other.

    >>> chart = Graphic("figure", 344, 189, 452, 288)
    >>> key = Graphic("rect", 464, 193, 472, 201, True, (0.2,), False)
    >>> far = Graphic("rect", 500, 193, 508, 201, True, (0.2,), False)
    >>> [g.x0 for g in _swatches_beside((336, 185, 452, 295), chart, [key, far], 21.0)]
    [464]
    """
    x0, y0, x1, y1 = bounds
    return [g for g in graphics if g.filled and g.kind in ("rect", "path")
            and g.x1 - g.x0 <= reach and g.y1 - g.y0 <= reach
            and not _within(g, drawing, slack=0.0)
            and x0 - reach <= g.x0 and g.x1 <= x1 + reach and y0 - reach <= g.y0 and g.y1 <= y1 + reach]


def _in_line_with(key: Graphic, keys: list[Graphic]) -> bool:
    """Whether ``key`` stands in a row or a column with one of ``keys`` (centres within a point)."""
    return any(abs(key.y0 + key.y1 - other.y0 - other.y1) <= 2 or abs(key.x0 - other.x0) <= 1 for other in keys)


def _legend_entries(swatches: list[Graphic], words: list[Word], settings: RegionsSettings) -> list[Word]:
    """The short cells of ``words`` that follow a legend's key on its row, starting within
    ``label_reach`` of it (the entry a colour key names)."""
    entries: list[Word] = []
    for row in text_rows(words) if words else []:
        for cell in _cells_of_row(row, settings.cell_gap):
            reach = settings.label_reach * cell[0].size
            top, bottom = min(w.y0 for w in cell), max(w.y1 for w in cell)
            if len(cell) <= settings.max_cell_words and any(
                    top <= (key.y0 + key.y1) / 2 <= bottom and 0 <= cell[0].x0 - key.x1 <= reach for key in swatches):
                entries += cell
    return entries


def _grown(bounds: tuple[float, float, float, float],
           words: Sequence[Word | Graphic]) -> tuple[float, float, float, float]:
    """``bounds`` grown to hold ``words`` (or shapes).

    >>> _grown((10, 10, 20, 20), [Word("key", 5, 30, 15, 38, 8)])
    (5, 10, 20, 38)
    """
    x0, y0, x1, y1 = bounds
    for word in words:
        x0, y0, x1, y1 = min(x0, word.x0), min(y0, word.y0), max(x1, word.x1), max(y1, word.y1)
    return x0, y0, x1, y1


def _rows_before_a_caption(bounds: tuple[float, float, float, float], words: list[Word], text_size: float,
                           settings: RegionsSettings) -> list[Word]:
    """The rows of labels set between a figure and its caption under it (a legend in rows
    under a chart, each entry after its line sample, further off than ``label_reach``): all
    the words under the figure down to a caption's row, when every row on the way is set
    smaller than the page's text (``text_size``; a heading between a figure and the caption of
    the next one is not) within the figure's width, each close under the one before, and no
    two of them hold a cell of ``prose_row_words`` (a run of prose). Text in another column
    beside the figure is not looked at. Nothing when no caption ends the run: rows of text
    under a figure are otherwise running text. (Over a figure, the rows between a caption
    and the figure are the caption's own lines.)"""
    x0, _, x1, edge = bounds
    below = [word for word in words if word.y0 >= edge]
    run: list[list[Word]] = []
    prose_rows = 0
    for row in text_rows(below) if below else []:
        cells = [cell for cell in _cells_of_row(row, settings.cell_gap) if cell[-1].x1 > x0 and cell[0].x0 < x1]
        if not cells:
            continue
        if min(w.y0 for cell in cells for w in cell) - edge > settings.legend_gap * text_size:
            break
        if CAPTION.match(" ".join(word.text for word in cells[0])):  # right under the figure: no legend
            return [word for cell in run for word in cell] if prose_rows < 2 else []
        reach = settings.label_reach * cells[0][0].size
        if not all(cell[0].x0 >= x0 - reach and cell[-1].x1 <= x1 + reach
                   and all(word.size < settings.legend_size * text_size for word in cell) for cell in cells):
            break
        run += cells
        prose_rows += any(len(cell) >= settings.prose_row_words for cell in cells)
        edge = max(w.y1 for cell in cells for w in cell)
    return []


def _words_inside(box: Graphic, words: list[Word], settings: RegionsSettings) -> list[Word]:
    """The words centred inside ``box``, less the cells of text that reach out of it further than
    a label would (a line of running text under a picture's corner or a banner's rule)."""
    inside = [word for word in words if _centre_in(word, box.x0, box.y0, box.x1, box.y1)]
    if not inside:
        return []
    crossing: set[int] = set()
    for row in text_rows(words):
        for cell in _cells_of_row(row, settings.cell_gap):
            reach = settings.label_reach * cell[0].size
            if not all(_centre_in(w, box.x0 - reach, box.y0 - reach, box.x1 + reach, box.y1 + reach) for w in cell):
                crossing |= {id(word) for word in cell}
    return [word for word in inside if id(word) not in crossing]


def _may_label(cell: list[Word], words: list[Word], text_size: float, settings: RegionsSettings) -> bool:
    return (len(cell) <= settings.max_cell_words and cell[0].size <= settings.label_max_size * text_size
            and not CAPTION.match(" ".join(w.text for w in cell)) and not _ends_a_paragraph(cell, words))


def _ends_a_paragraph(cell: list[Word], words: list[Word]) -> bool:
    """Whether a short cell of text is the last line of a paragraph: a line of its size starts
    where it starts, right above it (a figure's label is no line of running text)."""
    first = cell[0]
    return any(abs(word.x0 - first.x0) <= 2.0 and 0 < first.y0 - word.y0 <= 1.6 * first.height
               and word.size >= 0.95 * first.size for word in words)


def _is_code(words: list[Word]) -> bool:
    """Whether the words in a box are mostly monospaced: a listing on a shaded ground, not a figure."""
    return sum(word.mono for word in words) > len(words) / 2


def _is_prose(words: list[Word], settings: RegionsSettings) -> bool:
    """Whether the words in a box read as running text (a frame or shading around a paragraph),
    not as a figure's labels: rows of many words."""
    if not words:
        return False
    long_rows = [row for row in text_rows(words) if len(row) >= settings.prose_row_words]
    return len(long_rows) >= 2
