"""What a page draws besides text: pictures and vector paths; and the ruled tables among them.

The extract stage, which holds the PDF page, reads the graphics, but only on pages whose
content stream shows path operators or pictures (:func:`has_graphics`): interpreting a
page's drawings costs about as much as reading its text, and most pages of prose draw
nothing, or a rule or two.

The regions stage finds ruled tables among the rules (:func:`ruled_grids`) with
pdfplumber's table finder (its edge merging, intersections, cells and tables), fed with
these rules: PyMuPDF's own ``find_tables`` was measured too, and left: it reads the page's
text again, renders each table's top row to tell its header (a page of a hostile file
made it hang), and took 50 to 650 ms a page. A page with more rules than ``max_paths`` is
not searched (the finder's cost grows with the square of the rules) and says so in a
warning; its text stays text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import pymupdf
from pdfplumber.table import cells_to_tables, edges_to_intersections, intersections_to_cells, merge_edges

from ..core.geometry import Graphic, Grid, overlaps
from ..settings import RegionsSettings

PATH_OPERATORS = (b" re\n", b" re ", b" re\r", b" l\n", b" l ", b" l\r", b" c\n", b" c ", b" c\r")
"""Rectangle, line-to and curve-to operators as content streams write them (the paths tables,
charts and drawn bullets are made of); counted with ``bytes.count``, four times faster than a
regular expression."""
MIN_PATH_OPERATORS = 2
"""A page with fewer draws no table (two rules, above and below, at least) and no chart."""
THIN = 2.0
"""A path thinner than this (points) is a rule: a line, or a bar drawn as a thin rectangle."""
MIN_RULE = 8.0
"""A rule shorter than this is not part of a table's grid (a tick, a bullet, an underline piece)."""
SNAP = 3.0
"""Rules closer than this (points) are one line of a grid, and one meets another this near it."""
PALE_FILL = 0.94
"""A fill whose every colour component (0 to 1) is at least this is white or nearly: white text
on it cannot be seen."""


def page_contents(page) -> bytes:
    """The page's content stream (PyMuPDF), empty when it cannot be read (a broken stream: the
    text reader reports what it can)."""
    try:
        return page.read_contents()
    except Exception:
        return b""


def has_graphics(contents: bytes) -> bool:
    """Whether a page's content (:func:`page_contents`) draws paths (rectangles, lines) or calls
    a form or picture."""
    return b"Do" in contents or sum(contents.count(operator) for operator in PATH_OPERATORS) >= MIN_PATH_OPERATORS


def read_graphics(page) -> list[Graphic]:
    """The page's pictures and paths (PyMuPDF)."""
    graphics = [graphic for drawing in page.get_drawings() for graphic in _graphics_of(drawing)]
    if not page.get_images():  # listing the page's pictures is cheap, placing them is not
        return graphics
    return graphics + [Graphic("image", *box) for box in _picture_boxes(page)]


def _picture_boxes(page) -> list[tuple[float, float, float, float]]:
    """Where the page's pictures show: each cut to its clipping path (a screenshot placed larger
    than its frame, whose whole box would reach over the caption under the frame), which
    ``page.get_image_info`` does not do and the text reader does when it clips."""
    import pymupdf

    flags = pymupdf.TEXT_PRESERVE_IMAGES | pymupdf.TEXT_MEDIABOX_CLIP
    return [tuple(block[:4]) for block in page.get_text("blocks", flags=flags) if block[6] == 1]


def read_backdrops(page) -> list[tuple[float, float, float, float]]:
    """The boxes of what white text shows against on the page (PyMuPDF): pictures, and paths
    filled in a colour darker than :data:`PALE_FILL`."""
    boxes = [tuple(drawing["rect"]) for drawing in page.get_drawings()
             if drawing.get("fill") is not None and min(drawing["fill"], default=1.0) < PALE_FILL]
    return boxes + _picture_boxes(page)


def read_pdfplumber_graphics(page) -> list[Graphic]:
    """The page's pictures and paths (pdfplumber)."""
    return [_pdfplumber_graphic(kind, item) for kind, items in
            (("line", page.lines), ("rect", page.rects), ("path", page.curves), ("image", page.images))
            for item in items]


def _pdfplumber_graphic(kind: str, item: dict) -> Graphic:
    thin = min(item["x1"] - item["x0"], item["bottom"] - item["top"]) < THIN
    filled, line = bool(item.get("fill")), thin and kind in ("line", "rect")
    return Graphic("line" if line else kind, item["x0"], item["top"], item["x1"], item["bottom"], filled,
                   _colour(item.get("non_stroking_color")) if filled else None, bool(item.get("stroke", True)) or line)


def _colour(value) -> tuple[float, ...] | None:
    """A colour as a tuple of components, or None (a pattern, or nothing known).

    >>> _colour(0.5), _colour([1, 0, 0]), _colour("P0")
    ((0.5,), (1.0, 0.0, 0.0), None)
    """
    if isinstance(value, (int, float)):
        return (float(value),)
    if isinstance(value, (list, tuple)) and value and all(isinstance(v, (int, float)) for v in value):
        return tuple(float(v) for v in value)
    return None


def _graphics_of(drawing: dict) -> list[Graphic]:
    """A drawing as graphics: each line and rectangle it strokes or fills (so a grid drawn as
    one path gives each of its rules), or its box when it has curves."""
    items = drawing.get("items", ())
    fill = _colour(drawing.get("fill"))
    filled, stroked = drawing.get("fill") is not None, "s" in drawing.get("type", "s")
    if any(item[0] in ("c", "qu") for item in items):
        x0, y0, x1, y1 = drawing["rect"]
        return [Graphic("path", x0, y0, x1, y1, filled, fill, stroked)]
    if filled and not stroked and (ring := _ring(items, drawing.get("even_odd", False))):
        items = [("re", strip) for strip in ring]
    graphics = []
    for item in items:
        if item[0] == "l":
            (ax, ay), (bx, by) = item[1], item[2]
            graphics.append(Graphic("line", min(ax, bx), min(ay, by), max(ax, bx), max(ay, by), stroked=stroked))
        elif item[0] == "re":
            rect = item[1]
            thin = rect.width < THIN or rect.height < THIN
            graphics.append(Graphic("line" if thin else "rect", rect.x0, rect.y0, rect.x1, rect.y1, filled, fill,
                                    stroked or thin))  # a fill that thin shows as a line
    return graphics


def _ring(items: Sequence, even_odd: bool) -> list[pymupdf.Rect]:
    """What a fill of one rectangle inside another shows, when it shows the ring between them
    (by the even-odd rule, or wound the other way round): the strips of the outer one outside
    the inner one. A border drawn so (a rule under a running header, a frame) is rules, not a
    filled box. Empty for any other path.

    >>> outer, inner = pymupdf.Rect(0, 0, 100, 50), pymupdf.Rect(0, 0, 100, 49.5)
    >>> _ring([("re", outer, -1), ("re", inner, -1)], even_odd=True)
    [Rect(0.0, 49.5, 100.0, 50.0)]
    >>> _ring([("re", outer, -1), ("re", inner, -1)], even_odd=False)
    []
    """
    if len(items) != 2 or any(item[0] != "re" for item in items):
        return []
    (_, first, *first_way), (_, second, *second_way) = items
    if not (even_odd or first_way != second_way):
        return []
    outer, inner = (first, second) if first.contains(second) else (second, first)
    if not outer.contains(inner) or inner.is_empty:
        return []
    strips = [pymupdf.Rect(outer.x0, outer.y0, outer.x1, inner.y0),   # above the inner one
              pymupdf.Rect(outer.x0, inner.y1, outer.x1, outer.y1),   # below
              pymupdf.Rect(outer.x0, inner.y0, inner.x0, inner.y1),   # left
              pymupdf.Rect(inner.x1, inner.y0, outer.x1, inner.y1)]   # right
    return [strip for strip in strips if strip.width > 0 and strip.height > 0]


def ruled_grids(graphics: list[Graphic], page: int, settings: RegionsSettings) -> tuple[list[Grid], list[str]]:
    """The ruled tables among the page's rules, and a warning when there were too many to look."""
    rules = joined_grounds([g for g in graphics if g.kind in ("line", "rect")])
    if len(rules) > settings.max_paths:
        return [], [f"page {page}: {len(rules)} vector paths; tables on it were not looked for "
                    f"(more than {settings.max_paths})"]
    grids: list[Grid] = []
    for box in grid_candidates(rules, settings.grid_rules):
        try:
            grids += _grids_in(box, rules)
        except Exception as exc:  # a finder that fails must not cost the page its text
            return grids, [f"page {page}: the table finder failed ({type(exc).__name__}); the text stays text"]
    grids += [stack for stack in rule_stacks(rules, settings.rule_stack_gap)
              if not any(overlaps(stack, grid) for grid in grids)]
    return grids, []


def joined_grounds(rules: list[Graphic], slack: float = 1.0) -> list[Graphic]:
    """``rules`` with the fills that meet edge to edge, in one colour and with no outline, joined
    into one (a cell's shading drawn line by line: no line shows between the pieces, so none
    may split the cell into rows); first those set one under another, then side by side.

    >>> shading = [Graphic("rect", 50, y, 300, y + 20, True, (0.9,), False) for y in (100, 120)]
    >>> [(g.y0, g.y1) for g in joined_grounds(shading)]
    [(100, 140)]
    >>> sorted((g.y0, g.y1) for g in joined_grounds([shading[0], replace(shading[1], fill=(0.8,))]))
    [(100, 120), (120, 140)]
    """
    grounds = [g for g in rules if g.kind == "rect" and not g.stroked and g.fill is not None]
    if len(grounds) < 2:
        return rules
    others = [g for g in rules if not (g.kind == "rect" and not g.stroked and g.fill is not None)]
    stacked = _joined_along(grounds, slack, down=True)
    return others + _joined_along(stacked, slack, down=False)


def _joined_along(grounds: list[Graphic], slack: float, down: bool) -> list[Graphic]:
    """Fills of one colour and one extent across that meet end to end ``down`` (or across) joined."""
    def extent(g: Graphic) -> tuple[float, float, float, float]:  # across from, along from, across to, along to
        return (g.x0, g.y0, g.x1, g.y1) if down else (g.y0, g.x0, g.y1, g.x1)

    joined: list[Graphic] = []
    for ground in sorted(grounds, key=lambda g: (g.fill, round(extent(g)[0]), round(extent(g)[2]), extent(g)[1])):
        if joined:
            last, here = extent(joined[-1]), extent(ground)
            if joined[-1].fill == ground.fill and abs(last[0] - here[0]) <= slack and \
                    abs(last[2] - here[2]) <= slack and abs(here[1] - last[3]) <= slack:
                end = max(last[3], here[3])
                joined[-1] = replace(joined[-1], y1=end) if down else replace(joined[-1], x1=end)
                continue
        joined.append(ground)
    return joined


def rule_stacks(rules: list[Graphic], max_gap: float) -> list[Grid]:
    """Horizontal rules of one width set one under another, each within ``max_gap`` points of
    the last (booktabs: a rule above a table, one under its header, one below), as grids of
    one column, a row between each two rules. Whether text between them makes a table is for
    the caller to judge.

    >>> stack = rule_stacks([Graphic("line", 50, y, 300, y) for y in (100, 116, 200)], 150)
    >>> [(grid.y0, grid.y1, len(grid.cells)) for grid in stack]
    [(100, 200, 2)]
    """
    horizontal, _ = _rules(rules)
    by_width: dict[tuple[int, int], list[Graphic]] = {}
    for rule in _joined_end_to_end(horizontal):
        by_width.setdefault((round(rule.x0), round(rule.x1)), []).append(rule)
    runs: list[list[Graphic]] = []
    for group in by_width.values():
        group.sort(key=lambda rule: rule.y0)
        runs.append([group[0]])
        for rule in group[1:]:
            if rule.y0 - runs[-1][-1].y0 <= max_gap:
                runs[-1].append(rule)
            else:
                runs.append([rule])
    return [Grid(run[0].x0, run[0].y0, run[0].x1, run[-1].y0,
                 [(run[0].x0, above.y0, run[0].x1, below.y0) for above, below in zip(run, run[1:])])
            for run in runs if len(run) >= 2]


def _joined_end_to_end(rules: list[Graphic], slack: float = 1.0) -> list[Graphic]:
    """Horizontal rules with the pieces that continue or overlap one another on one height
    joined (a rule under a table row drawn as each cell's bottom border, piece by piece, and
    drawn twice where a cell's bottom border is the next cell's top one).

    >>> [(r.x0, r.x1) for r in _joined_end_to_end([Graphic("line", x, 90, x + 50, 90) for x in (0, 50, 100)])]
    [(0, 150)]
    >>> [(r.x0, r.x1) for r in _joined_end_to_end([Graphic("line", x, 90, x + 50, 90) for x in (0, 0, 50, 50)])]
    [(0, 100)]
    """
    joined: list[Graphic] = []
    last_at: dict[int, int] = {}  # by rounded height: the index in ``joined`` of the last rule placed there
    for rule in sorted(rules, key=lambda r: r.x0):
        height = round(rule.y0)
        index = next((i for h in (height - 1, height, height + 1) if (i := last_at.get(h)) is not None
                      and abs(joined[i].y0 - rule.y0) <= slack and abs(joined[i].y1 - rule.y1) <= slack
                      and rule.x0 <= joined[i].x1 + slack), None)
        if index is None:
            index = len(joined)
            joined.append(rule)
        else:
            last = joined[index]
            joined[index] = Graphic(last.kind, last.x0, min(last.y0, rule.y0), max(last.x1, rule.x1),
                                    max(last.y1, rule.y1))
        last_at[height] = index
    return joined


def _grids_in(box: tuple[float, float, float, float], rules: list[Graphic]) -> list[Grid]:
    """The tables pdfplumber's finder makes of the rules inside ``box``: their cells' boxes."""
    x0, y0, x1, y1 = box
    horizontal, vertical = _rules([g for g in rules if g.x0 >= x0 - 1 and g.x1 <= x1 + 1
                                   and g.y0 >= y0 - 1 and g.y1 <= y1 + 1])
    vertical += _open_sides(horizontal, vertical)
    edges = merge_edges([_edge(g, "h") for g in horizontal] + [_edge(g, "v") for g in vertical],
                        SNAP, SNAP, SNAP, SNAP)
    return [Grid(min(c[0] for c in cells), min(c[1] for c in cells), max(c[2] for c in cells),
                 max(c[3] for c in cells), [(c[0], c[1], c[2], c[3]) for c in cells])
            for cells in cells_to_tables(intersections_to_cells(edges_to_intersections(edges, SNAP, SNAP)))
            if len({round(c[0]) for c in cells}) >= 2 and len({round(c[1]) for c in cells}) >= 2]


def _open_sides(horizontal: list[Graphic], vertical: list[Graphic]) -> list[Graphic]:
    """The left and right borders a grid leaves open (rules between its columns, none at its
    sides: a common style), as rules from its top rule to its bottom one, where no rule runs
    along that side over most of its height."""
    left, right = min(g.x0 for g in horizontal), max(g.x1 for g in horizontal)
    top, bottom = min(g.y0 for g in horizontal), max(g.y1 for g in horizontal)
    sides = []
    for x in (left, right):
        drawn = sum(g.y1 - g.y0 for g in vertical if abs(g.x0 - x) <= SNAP)
        if drawn < 0.5 * (bottom - top):
            sides.append(Graphic("line", x, top, x, bottom))
    return sides


def _edge(rule: Graphic, orientation: str) -> dict:
    """A rule as pdfplumber's table finder takes an edge."""
    return {"x0": rule.x0, "x1": rule.x1, "top": rule.y0, "bottom": rule.y1, "width": rule.x1 - rule.x0,
            "height": rule.y1 - rule.y0, "orientation": orientation}


def _rules(graphics: list[Graphic]) -> tuple[list[Graphic], list[Graphic]]:
    """Horizontal and vertical rules: lines, and the edges of rectangles."""
    horizontal: list[Graphic] = []
    vertical: list[Graphic] = []
    for g in graphics:
        if g.kind == "rect":
            horizontal += [Graphic("line", g.x0, g.y0, g.x1, g.y0), Graphic("line", g.x0, g.y1, g.x1, g.y1)]
            vertical += [Graphic("line", g.x0, g.y0, g.x0, g.y1), Graphic("line", g.x1, g.y0, g.x1, g.y1)]
        elif g.kind == "line" and g.x1 - g.x0 >= MIN_RULE and g.y1 - g.y0 < THIN:
            horizontal.append(g)
        elif g.kind == "line" and g.y1 - g.y0 >= MIN_RULE and g.x1 - g.x0 < THIN:
            vertical.append(g)
    return horizontal, vertical


def grid_candidates(graphics: list[Graphic], min_rules: int) -> list[tuple[float, float, float, float]]:
    """Boxes of groups of rules that cross or touch each other with at least ``min_rules``
    horizontal and ``min_rules`` vertical ones: where a ruled table may be.

    >>> rules = [Graphic("line", 0, y, 100, y) for y in (0, 10, 20)]
    >>> rules += [Graphic("line", x, 0, x, 20) for x in (0, 50, 100)]
    >>> grid_candidates(rules, 2), grid_candidates(rules[:3], 2)
    ([(0, 0, 100, 20)], [])
    """
    horizontal, vertical = _rules(graphics)
    if len(horizontal) < min_rules or len(vertical) < min_rules:
        return []
    rules = horizontal + vertical
    groups = touching_groups(rules)
    boxes = []
    for group in groups:
        across = sum(1 for index in group if index < len(horizontal))
        if across >= min_rules and len(group) - across >= min_rules:
            members = [rules[index] for index in group]
            boxes.append((min(g.x0 for g in members), min(g.y0 for g in members),
                          max(g.x1 for g in members), max(g.y1 for g in members)))
    return boxes


def touching_groups(rules: list[Graphic], slack: float = 2.0) -> list[list[int]]:
    """Indices of ``rules`` grouped by touching (boxes within ``slack`` points), by union-find."""
    parent = list(range(len(rules)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    order = sorted(range(len(rules)), key=lambda i: rules[i].x0)
    for position, i in enumerate(order):
        a = rules[i]
        for j in order[position + 1:]:
            b = rules[j]
            if b.x0 > a.x1 + slack:
                break
            if b.y0 <= a.y1 + slack and a.y0 <= b.y1 + slack:
                parent[root(i)] = root(j)
    groups: dict[int, list[int]] = {}
    for i in range(len(rules)):
        groups.setdefault(root(i), []).append(i)
    return list(groups.values())

