"""Small generated PDFs for the batch tests: two-column pages whose paragraphs run on
across columns and pages, and a last page with short columns, laid out with the whole
document's ink profile (which, on a last page of two rows, tells a wide word space from
a gutter)."""

from __future__ import annotations

import random
from pathlib import Path

import pymupdf

WORDS = ["river", "field", "station", "water", "survey", "sample", "season", "growth", "record", "measure",
         "change", "report", "north", "valley", "forest", "soil", "nitrogen", "carbon", "method", "result",
         "figure", "table", "winter", "summer"]
PAGE_WIDTH, PAGE_HEIGHT = 595, 842
COLUMNS_X = (56, 316)
COLUMN_CHARACTERS = 42
TOP, PITCH, FONT_SIZE = 80, 13, 10
WIDE_SPACE = 24
"""A word space wider than the page alone can tell from a column gutter."""


def sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(6, 14))]
    return " ".join(words).capitalize() + "."


def column_lines(rng: random.Random, rows: int) -> list[str]:
    """``rows`` lines of running text; a paragraph ends only every ten lines or so."""
    lines, current = [], ""
    while len(lines) < rows:
        for word in sentence(rng).split():
            if len(current) + len(word) + 1 > COLUMN_CHARACTERS:
                lines.append(current)
                current = ""
            current = f"{current} {word}".strip()
        if rng.random() < 0.15:
            lines.append(current)
            lines.append("")
            current = ""
    return lines[:rows]


def two_column_pdf(path: Path, pages: int, seed: int = 0, last_page_rows: int = 4) -> Path:
    """A ``pages``-page two-column document; the last page's columns have ``last_page_rows`` lines."""
    rng = random.Random(seed)
    document = pymupdf.open()
    for number in range(1, pages + 1):
        page = document.new_page(width=PAGE_WIDTH, height=PAGE_HEIGHT)
        rows = last_page_rows if number == pages else 50
        for x in COLUMNS_X:
            for index, line in enumerate(column_lines(rng, rows)):
                _write_line(page, x, TOP + index * PITCH, line, wide_space=rows <= 2 and index == 0)
        page.insert_text((PAGE_WIDTH / 2 - 10, PAGE_HEIGHT - 40), str(number), fontsize=9, fontname="helv")
    document.save(path)
    return path


def _write_line(page, x: float, y: float, line: str, wide_space: bool) -> None:
    """Write ``line`` at (x, y); with ``wide_space``, its middle space is ``WIDE_SPACE`` points wide."""
    words = line.split()
    pieces = [" ".join(words[:len(words) // 2]), " ".join(words[len(words) // 2:])] if wide_space else [line]
    for piece in pieces:
        page.insert_text((x, y), piece, fontsize=FONT_SIZE, fontname="helv")
        x += pymupdf.get_text_length(piece, fontname="helv", fontsize=FONT_SIZE) + WIDE_SPACE
