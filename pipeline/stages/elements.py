"""The JSON forms of what is not prose: tables, figures, code, footnotes; captions attached.

Part of the structure stage. A caption goes with the table or figure it labels: the
nearest one of its kind ("Table 2" labels a table, "Figure 2" a figure) on its page,
above or below it and overlapping it across; a caption with none beside it stays a block
of its own (``Paragraph`` of kind ``caption``).
"""

from __future__ import annotations

import re
from statistics import median

from ..core.geometry import Line, Region, Unit, Word, box_of
from ..language.detect import joined
from .bullets import BULLET
from .classify import UNMAPPED_GLYPH
from .lines import is_right_to_left, touching_glued
from .regions import _cells_of_row, text_rows
from .textregions import TABLE_LABEL

NOTE_LABEL = re.compile(r"^(?P<label>\d{1,3}|[*†‡§¶]{1,3}|[a-z])[.)]?(?=\s|$|[A-Z\"“(])")
"""A footnote's mark at the start of its first word: alone ("1", "12.", "*", "a)") or glued to
the word after it ("1Measured")."""
RAISABLE = "0123456789+-−=()n"
SUPERSCRIPTS = str.maketrans(RAISABLE, "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁻⁼⁽⁾ⁿ")
"""The characters Unicode has as superscripts, and those superscripts."""
LONE_UNMAPPED_GLYPH = re.compile(f"[{UNMAPPED_GLYPH}]")
"""A word that is one glyph with no Unicode mapping: opening a line of a cell, a dingbat bullet."""
CAPTION_REACH = 60.0
"""A caption lies at most this far (points) above or below the table or figure it labels."""


def attach_captions(units: list[Unit]) -> dict[int, int]:
    """For each table or figure unit that has a caption, the index of the caption's unit."""
    attached: dict[int, int] = {}
    for index, unit in enumerate(units):
        if unit.kind != "caption" or not unit.lines:
            continue
        wanted = "table" if TABLE_LABEL.match(unit.text) else "figure"
        target = _nearest_region(unit.lines, units, wanted, set(attached))
        if target is not None:
            attached[target] = index
    return attached


def _nearest_region(lines: list[Line], units: list[Unit], kind: str, taken: set[int]) -> int | None:
    first, last = lines[0], lines[-1]
    best, best_gap = None, CAPTION_REACH
    for index, unit in enumerate(units):
        if unit.region is None or unit.region.kind != kind or index in taken:
            continue
        for region in unit.region.pieces():
            if region.page != first.page or min(region.x1, first.x1) - max(region.x0, first.x0) <= 0:
                continue
            gap = min(abs(region.y0 - last.y1), abs(first.y0 - region.y1))
            if gap < best_gap:
                best, best_gap = index, gap
    return best


def table_data(region: Region, caption: str | None) -> dict:
    """JSON form of :class:`pipeline.output.models.Table`; the columns of a right-to-left table
    are numbered from the right."""
    mirrored = is_right_to_left(region.words)
    cells = [{"text": _reading(cell.words), "row": cell.row, "row_span": cell.row_span,
              "col": region.columns - cell.col - cell.col_span if mirrored else cell.col,
              "col_span": cell.col_span, "header": cell.row < region.header_rows,
              "box": box_of(cell.words[0].page if cell.words else region.page, cell)} for cell in region.cells]
    pieces = region.pieces()
    return {"kind": "table", "caption": caption, "rows": region.rows, "columns": region.columns,
            "header_rows": region.header_rows, "ruled": region.ruled, "cells": cells,
            "pages": sorted({piece.page for piece in pieces}), "boxes": [box_of(piece.page, piece) for piece in pieces]}


def figure_data(region: Region, caption: str | None) -> dict:
    """JSON form of :class:`pipeline.output.models.Figure`: its labels row by row, cell by cell."""
    labels = [_reading(cell) for row in (text_rows(region.words) if region.words else [])
              for cell in _cells_of_row(row, 1.0)]
    return {"kind": "figure", "caption": caption, "labels": labels, "pages": [region.page],
            "boxes": [box_of(region.page, region)]}


def _reading(words: list[Word]) -> str:
    """Words in reading order: rows top to bottom, each left to right (right to left in Arabic
    or Hebrew), pieces printed touching as one word; a glyph with no Unicode mapping opening a
    row, before a word, is a bullet, as it is in running text (before a sign or a letter of a
    formula, a bracket).

    >>> _reading([Word("\ufffd", 0, 0, 5, 10, 10), Word("ALLOWED", 8, 0, 50, 10, 10)])
    '• ALLOWED'
    """
    rows = [_in_reading_order(row) for row in (text_rows(words) if words else [])]
    return joined([BULLET if index == 0 and _opens_an_item(row) else word.text
                   for row in rows for index, word in enumerate(row)])


def _opens_an_item(row: list[Word]) -> bool:
    """Whether a row opens with a lone unmapped glyph before a word of three letters or more
    (a matrix's bracket stands before figures and one- or two-letter symbols)."""
    return len(row) > 1 and bool(LONE_UNMAPPED_GLYPH.fullmatch(row[0].text)) and row[1].text[:3].isalpha() \
        and len(row[1].text) >= 3


def _in_reading_order(row: list[Word]) -> list[Word]:
    """A row's words, pieces printed touching as one word, left to right (right to left in
    Arabic or Hebrew, the pieces glued as such)."""
    backwards = is_right_to_left(row)
    glued = touching_glued(row, right_to_left=backwards)
    return glued[::-1] if backwards else glued


def formula_data(unit: Unit) -> dict:
    """JSON form of :class:`pipeline.output.models.Formula`."""
    words = unit.words or [word for line in unit.lines for word in line.words]
    return {"kind": "formula", "text": formula_text(words), "pages": unit.pages, "boxes": [_lines_box(unit.lines)]}


def formula_text(words: list[Word]) -> str:
    """A formula's words as text, a raised word as its exponent: in superscript characters
    where Unicode has them all, else after a caret ("a²", "e^x").

    >>> a, two, x = (Word(text, 0, 0, 5, 10, 10) for text in ("a", "2", "x"))
    >>> two.superscript = x.superscript = True
    >>> formula_text([a, two, Word("+", 12, 0, 16, 10, 10), Word("e", 20, 0, 25, 10, 10), x])
    'a² + e^x'
    """
    texts: list[str] = []
    for word in words:
        if word.superscript and texts:
            raisable = all(ch in RAISABLE for ch in word.text)
            texts[-1] += word.text.translate(SUPERSCRIPTS) if raisable else "^" + word.text
        else:
            texts.append(word.text)
    return " ".join(texts)


def _lines_box(lines: list[Line]) -> dict:
    return {"page": lines[0].page, "x0": round(min(line.x0 for line in lines), 1), "y0": round(lines[0].y0, 1),
            "x1": round(max(line.x1 for line in lines), 1), "y1": round(lines[-1].y1, 1)}


def code_data(unit: Unit) -> dict:
    """JSON form of :class:`pipeline.output.models.Code`: each line as printed, indented by
    its distance from the listing's left edge in character widths."""
    left = min(line.x0 for line in unit.lines)
    widths = [(word.x1 - word.x0) / len(word.text) for line in unit.lines for word in line.words if word.text]
    width = median(widths) if widths else 1.0
    text = "\n".join(" " * round((line.x0 - left) / width) + _spaced(line.words, width) for line in unit.lines)
    return {"kind": "code", "text": text, "pages": unit.pages, "boxes": [_lines_box(unit.lines)]}


def _spaced(words: list[Word], width: float) -> str:
    """A line of monospaced words with the spaces between them as printed (at least one)."""
    text = words[0].text
    for left, right in zip(words, words[1:]):
        text += " " * max(1, round((right.x0 - left.x1) / width)) + right.text
    return text


def footnote_data(unit: Unit) -> dict:
    """JSON form of :class:`pipeline.output.models.Footnote`: its mark as label, the rest as text."""
    words = unit.words or [word for line in unit.lines for word in line.words]
    text = " ".join(word.text for word in words)
    mark = NOTE_LABEL.match(text)
    label = mark.group("label") if mark else ""
    if label:
        text = text[len(label):].lstrip(".) ")
    first = unit.lines[0]
    return {"label": label, "text": text, "page": first.page, "box": box_of(first.page, first)}
