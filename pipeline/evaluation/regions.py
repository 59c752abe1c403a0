"""Measure how tables, captions, footnotes and the paragraphs around them come out.

For gold documents with regions (``tests/regions``; format in its README). Tables are read
back from the pipeline's Markdown, so a table counts only when it is a real Markdown table:

=====================  ================================================================
table cells            gold cells (not empty) found in the Markdown table that shares
                       the most cells with the gold table
body rows intact       gold rows below the header whose cells all stand, in order, in
                       one row of that table
captions own block     gold captions matched (>= 90% alike) by a caption of the output
                       (a table's or figure's, or a caption block)
captions in prose      gold captions whose text (>= 90% of it) sits inside a paragraph
footnotes own block    gold footnotes matched (>= 90% alike) by an output footnote
footnotes in prose     gold footnotes whose text sits inside a paragraph
paragraphs near        gold paragraphs next to (or cut by) a table, figure or listing
regions whole          that one output paragraph matches (>= 95% alike)
=====================  ================================================================
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from rapidfuzz import fuzz

from ..output.models import Document, Figure, Paragraph, Table
from .markdown import markdown_blocks


@dataclass
class RegionScores:
    table_cells: tuple[int, int]
    body_rows: tuple[int, int]
    captions: tuple[int, int]
    captions_in_prose: int
    footnotes: tuple[int, int]
    footnotes_in_prose: int
    near_paragraphs: tuple[int, int]


def region_scores(gold, document: Document) -> RegionScores | None:
    """The scores above for one document, or None when its gold has no regions or notes."""
    if not (gold.tables or gold.captions or gold.footnotes):
        return None
    tables = [block.rows for block in markdown_blocks(document.to_markdown()) if block.kind == "table"]
    cells = rows = cells_total = rows_total = 0
    for table in gold.tables:
        best = _best_table(table.rows, tables)
        gold_cells = _cells(table.rows)
        cells_total += len(gold_cells)
        rows_total += len(table.rows) - table.header_rows
        if best is None:
            continue
        cells += len(gold_cells) - len(_missing_cells(gold_cells, best))
        rows += sum(1 for row in table.rows[table.header_rows:] if _row_intact(row, best))
    prose = [block.text for block in document.blocks() if isinstance(block, Paragraph) and block.kind != "caption"]
    captions = _output_captions(document)
    notes = [note.text for note in document.footnotes]
    return RegionScores(
        (cells, cells_total), (rows, rows_total),
        (_matched(gold.captions, captions), len(gold.captions)), _inside(gold.captions, prose),
        (_matched(gold.footnotes, notes), len(gold.footnotes)), _inside(gold.footnotes, prose),
        (_matched(gold.near_regions, prose, 95.0), len(gold.near_regions)))


def missing_table_cells(gold, document: Document) -> list[tuple[str | None, list[str]]]:
    """Each gold table that has cells the output's tables lack: its caption, and those cells
    (as compared: whitespace folded, lower case)."""
    tables = [block.rows for block in markdown_blocks(document.to_markdown()) if block.kind == "table"]
    missing = []
    for table in gold.tables:
        best = _best_table(table.rows, tables)
        cells = _missing_cells(_cells(table.rows), best) if best is not None else _cells(table.rows)
        if cells:
            missing.append((table.caption, cells))
    return missing


def _cells(rows: list[list[str]]) -> list[str]:
    """The table's cells that are not empty, as compared."""
    return [_key(cell) for row in rows for cell in row if cell.strip()]


def _missing_cells(cells: list[str], table: list[list[str]]) -> list[str]:
    return list((Counter(cells) - Counter(_key(c) for row in table for c in row)).elements())


def _key(text: str) -> str:
    return " ".join(text.split()).lower()


def _best_table(rows: list[list[str]], tables: list[list[list[str]]]) -> list[list[str]] | None:
    wanted = Counter(_key(cell) for row in rows for cell in row if cell.strip())

    def shared(table: list[list[str]]) -> int:
        return sum((wanted & Counter(_key(cell) for row in table for cell in row)).values())

    best = max(tables, key=shared, default=None)
    return best if best is not None and shared(best) else None


def _row_intact(row: list[str], table: list[list[str]]) -> bool:
    """Whether the row's filled cells all stand, in order, in one row of ``table``."""
    wanted = [_key(cell) for cell in row if cell.strip()]
    for candidate in table:
        keys = iter(_key(cell) for cell in candidate)
        if all(any(key == cell for key in keys) for cell in wanted):
            return True
    return False


def _output_captions(document: Document) -> list[str]:
    captions = [block.caption for block in document.blocks() if isinstance(block, Table | Figure) and block.caption]
    return captions + [block.text for block in document.blocks()
                       if isinstance(block, Paragraph) and block.kind == "caption"]


def _matched(wanted: list[str], found: list[str], similarity: float = 90.0) -> int:
    return len(wanted) - len(unmatched(wanted, found, similarity))


def unmatched(wanted: list[str], found: list[str], similarity: float = 90.0) -> list[str]:
    """The texts of ``wanted`` that no text of ``found`` matches (at least ``similarity``
    alike, whitespace and case folded)."""
    return [text for text in wanted if not any(fuzz.ratio(_key(text), _key(other)) >= similarity for other in found)]


def _inside(wanted: list[str], paragraphs: list[str]) -> int:
    return sum(1 for text in wanted if any(fuzz.partial_ratio(_key(text), _key(paragraph)) >= 90
                                           and len(paragraph) > 1.2 * len(text) for paragraph in paragraphs))


def format_region_table(rows: list[tuple[str, RegionScores]]) -> str:
    header = ["document", "table cells", "body rows intact", "captions own block", "captions in prose",
              "footnotes own block", "footnotes in prose", "paragraphs near regions whole"]
    lines = [" | ".join(header), " | ".join("---" for _ in header)]

    def share(pair: tuple[int, int]) -> str:
        found, total = pair
        return f"{found}/{total}" + (f" ({found / total:.2f})" if total else "")

    for name, s in rows:
        lines.append(" | ".join([name, share(s.table_cells), share(s.body_rows), share(s.captions),
                                 str(s.captions_in_prose), share(s.footnotes), str(s.footnotes_in_prose),
                                 share(s.near_paragraphs)]))
    scores = [s for _, s in rows]

    def pooled(field: str) -> tuple[int, int]:
        pairs = [getattr(s, field) for s in scores]
        return sum(found for found, _ in pairs), sum(total for _, total in pairs)

    lines.append(" | ".join(["**all**", share(pooled("table_cells")), share(pooled("body_rows")),
                             share(pooled("captions")), str(sum(s.captions_in_prose for s in scores)),
                             share(pooled("footnotes")), str(sum(s.footnotes_in_prose for s in scores)),
                             share(pooled("near_paragraphs"))]))
    return "\n".join(lines)
