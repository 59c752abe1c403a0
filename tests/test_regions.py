"""Tables, figures, captions, footnotes, code and formulas: each comes out as what it is."""

from __future__ import annotations

import random
from dataclasses import replace
from pathlib import Path

import pymupdf
import pytest

from pipeline import Document, process_pdf
from pipeline.core.geometry import Cell as GridCell
from pipeline.core.geometry import Graphic, Line, RawPage, Region, Unit, Word, fold_of
from pipeline.evaluation.documents import evaluate, gold_pairs
from pipeline.evaluation.markdown import markdown_blocks
from pipeline.output.models import Cell, Section, Table
from pipeline.stages.elements import attach_captions, table_data
from pipeline.stages.graphics import read_graphics
from pipeline.stages.regions import aligned_tables, continues_table, find_regions, merged_table

from .conftest import ROOT, column_text, words_from_text

REGIONS = ROOT / "tests" / "regions"
DEVELOPMENT = ["reportlab", "libreoffice"]
"""The region sets rules were tuned on; ``chromium`` is the untouched one, measured by ``make eval``
only (tests/regions/README.md)."""


def row_words(rows: list[list[str]], x0: float = 50, y0: float = 100, column: float = 90, pitch: float = 14,
              size: float = 10) -> list[Word]:
    return [Word(text, x0 + column * col, y0 + pitch * row, x0 + column * col + 5 * len(text), y0 + pitch * row + size,
                 size) for row, cells in enumerate(rows) for col, text in enumerate(cells) if text]


# --- tables aligned by white space -----------------------------------------------------

def test_a_table_of_figures_is_found_with_its_header_and_empty_cells():
    rows = [["Station", "2024", "2025"], ["Alder Marsh", "41.2", "38.9"], ["Birch", "", "6.1"],
            ["Cedar", "12.5", "13.0"]]
    (table,) = aligned_tables(row_words(rows), 1)
    assert (table.rows, table.columns, table.header_rows) == (4, 3, 1)
    assert {(cell.row, cell.col): cell.text for cell in table.cells}[2, 2] == "6.1"


def test_a_page_of_one_word_cells_set_an_em_and_more_apart_keeps_every_column():
    """No gap on the page is a word space: the narrowest column gap must not be taken for one."""
    left = [[str(n), str(99 + n), str(199 + n)] for n in range(1, 25)]
    right = [[str(24 + n), str(123 + n), str(223 + n)] for n in range(1, 21)]
    words = [*row_words(left, column=30), *row_words(right, x0=220, column=30)]
    (table,) = aligned_tables(words, 1)
    assert (table.rows, table.columns) == (24, 6)
    assert [cell.text for cell in table.cells if cell.row == 0] == ["1", "100", "200", "25", "124", "224"]


def _stub_row(stub: str, figures: list[str], y: float, leaders: bool = True, bold: bool = False) -> list[Word]:
    """A row of a statistical table: a stub at the left, dot leaders after it, figures in columns."""
    words, x = [], 40.0
    for text in stub.split():
        words.append(Word(text, x, y, x + 4 * len(text), y + 7, 7, bold=bold))
        x += 4 * len(text) + 2
    while leaders and x < 128:
        words.append(Word(".", x + 1.5, y, x + 3.3, y + 7, 7))
        x += 3.5
    return words + [Word(text, 140 + 50 * col, y, 140 + 50 * col + 4 * len(text), y + 7, 7)
                    for col, text in enumerate(figures)]


def test_a_statistical_table_with_dot_leaders_and_a_wrapped_stub_is_one_table():
    words = [*_stub_row("Total", ["11,062.6", "1,540.0", "9,522.6"], 100, bold=True),
             *_stub_row("Violent crime.", ["467.9", "69.1", "398.8"], 109, bold=True),
             *_stub_row("Murder and nonnegligent", [], 118, leaders=False),
             *_stub_row("manslaughter.", ["10.0", "0.9", "9.1"], 127),
             *_stub_row("Robbery.", ["102.1", "25.5", "76.6"], 136)]
    (table,) = aligned_tables(words, 1)
    assert (table.rows, table.columns) == (4, 4)
    assert [cell.text for cell in table.cells if cell.col == 0] == \
        ["Total", "Violent crime.", "Murder and nonnegligent manslaughter.", "Robbery."]
    assert {word.text for word in table.words} >= {"."}  # the leaders go with the table, in no cell


def test_contents_lines_with_leaders_to_one_page_number_are_no_table():
    words = [word for n, title in enumerate(["Introduction", "Methods", "Results", "Discussion"])
             for word in _stub_row(title, [str(3 + 4 * n)], 100 + 9 * n)]
    assert aligned_tables(words, 1) == []


def test_three_columns_of_prose_are_not_a_table():
    prose = ["the reservoir holds about four thousand", "megalitres and supplies the villages", "of the valley with"]
    words = [word for x in (50, 230, 410) for word in column_text(prose * 4, x, 100)]
    assert aligned_tables(words, 1) == []


def test_a_table_in_one_column_beside_prose_keeps_to_its_column():
    table = row_words([["Station", "Nights", "Lowest"], ["Lower Combe", "11", "-3.4"], ["Penhallow", "9", "-2.7"],
                       ["Treverra", "8", "-2.1"]], x0=50, column=70)
    prose = column_text(["Rainfall from June to September totalled 276 mm at Penhallow, close to"] * 8, 320, 86)
    (found,) = aligned_tables(table + prose, 1)
    assert found.columns == 3 and found.x1 < 320


def test_a_header_cell_wrapped_over_two_lines_is_one_cell():
    rows = [["Station", "Frost", "Lowest"], ["", "nights", "(°C)"], ["Lower Combe", "11", "-3.4"],
            ["Penhallow", "9", "-2.7"], ["Treverra", "8", "-2.1"]]
    (table,) = aligned_tables(row_words(rows), 1)
    assert [cell.text for cell in table.cells if cell.row == 0] == ["Station", "Frost nights", "Lowest (°C)"]


def test_a_text_cell_wrapped_over_three_lines_keeps_its_table_whole():
    rows = [["Date", "Event", "Venue"], ["9 April", "Talk: Cataloguing the southern sky", "Institute"],
            ["", "from a kitchen table, by Dr Imogen", ""], ["", "Strand", ""],
            ["21 April", "Lyrid meteor watch", "Windle Fell"], ["7 May", "Annual general meeting", "Institute"],
            ["23 May", "Solar afternoon for families", "Market"]]
    (table,) = aligned_tables(row_words(rows, column=200), 1)
    assert (table.rows, table.columns) == (5, 3)
    assert [cell.text for cell in table.cells if cell.row == 1] == \
        ["9 April", "Talk: Cataloguing the southern sky from a kitchen table, by Dr Imogen Strand", "Institute"]



def table_of_words(rows: list[list[str]], columns: tuple[float, ...], y0: float = 100, pitch: float = 12) -> list[Word]:
    """Each row's cells as words from the left edges ``columns``, ``pitch`` apart (set solid, as tbl sets rows)."""
    return [word for row, cells in enumerate(rows) for text, x in zip(cells, columns)
            for word in words_from_text(text, x, y0 + pitch * row)]


def test_a_first_column_cell_wrapped_under_its_row_is_one_cell():
    """Lines of a label that did not fit its column (the next word would not fit beside the
    line above), or broken at a hyphen, join the cell above; a row of figures with empty
    cells under a short label is a row of its own."""
    rows = [["Indicator", "Q3 2024", "Change"], ["Visits, all sites", "61,208", "+9.4%"],
            ["Loans, printed", "18,412", "-7.1%"], ["books"], ["Computer ses-", "4,315", "-14.2%"], ["sions"],
            ["Events", "2,214"], ["New members", "486", "+9.3%"]]
    (table,) = aligned_tables(table_of_words(rows, (50, 150, 220)), 1)
    assert [cell.text for cell in table.cells if cell.col == 0] == \
        ["Indicator", "Visits, all sites", "Loans, printed books", "Computer ses- sions", "Events", "New members"]


def test_a_label_wrapped_under_the_last_row_ends_the_table_not_the_line_after_it():
    rows = [["Indicator", "Q3 2024", "Change"], ["Visits, all sites", "61,208", "+9.4%"],
            ["New members", "486", "+9.3%"], ["Events, atten-", "2,214"], ["dance"]]
    after = words_from_text("Attendance at events was not counted before January, so no comparison is given.",
                            50, 160)
    (table,) = aligned_tables(table_of_words(rows, (50, 150, 220)) + after, 1)
    assert table.rows == 4 and "Attendance" not in [word.text for word in table.words]
    assert [cell.text for cell in table.cells if cell.row == 3] == ["Events, atten- dance", "2,214"]

def test_a_cell_running_close_to_the_next_column_is_cut_at_its_border():
    def row(y: float, *cells: str) -> list[Word]:
        return [word for text, x in zip(cells, (50, 110, 280)) for word in words_from_text(text, x, y)]

    words = row(100, "Date", "Event", "Venue") + row(114, "21 April", "Lyrid meteor watch", "Windle Fell") + \
        row(128, "7 May", "Annual general meeting", "Institute") + row(142, "23 May", "Solar afternoon for families",
                                                                        "Market") + \
        row(156, "11 June", "Talk: Planetary imaging on a budget", "") + words_from_text("Institute", 280, 156)
    (table,) = aligned_tables(words, 1)
    assert table.rows == 5
    assert [cell.text for cell in table.cells if cell.row == 4] == \
        ["11 June", "Talk: Planetary imaging on a budget", "Institute"]


def test_a_header_set_closer_than_its_columns_is_cut_at_the_column_border():
    def cell(text: str, x1: float, row: int) -> Word:  # right-aligned at x1
        return Word(text, x1 - 5 * len(text), 100 + 14 * row, x1, 110 + 14 * row, 10)

    words = [Word("Measurement", 50, 100, 105, 110, 10), cell("Mean difference", 316, 0),
             cell("Reference recovery", 410, 0)]
    for row, (name, mean, recovery) in enumerate([("Density", "0.03", "98.1"), ("Organic", "-0.4", "97.0"),
                                                  ("Phosphorus", "2.7", "103.6")], 1):
        words += [Word(name, 50, 100 + 14 * row, 50 + 5 * len(name), 110 + 14 * row, 10), cell(mean, 320, row),
                  cell(recovery, 410, row)]
    (table,) = aligned_tables(words, 1)
    assert [cell.text for cell in table.cells if cell.row == 0] == ["Measurement", "Mean difference",
                                                                     "Reference recovery"]


# --- ruled tables, figures -------------------------------------------------------------

def grid(x0: float, y0: float, columns: int, rows: int, width: float = 80, height: float = 16) -> list[Graphic]:
    """The rules of a grid of ``columns`` x ``rows`` cells."""
    x1, y1 = x0 + columns * width, y0 + rows * height
    return [Graphic("line", x0, y0 + r * height, x1, y0 + r * height) for r in range(rows + 1)] + \
        [Graphic("line", x0 + c * width, y0, x0 + c * width, y1) for c in range(columns + 1)]


def test_a_frame_around_a_paragraph_is_not_a_table():
    prose = column_text(["a long paragraph of running text set inside a drawn frame on the page"] * 6, 60, 104)
    page = RawPage(1, 600, 800, list(prose), graphics=grid(50, 100, 2, 1, 250, 100))
    find_regions(page)
    assert page.regions == []


def test_a_table_ruled_across_only_takes_its_columns_from_the_white_space():
    rows = [["Station", "Depth (mm)", "Mat type"], ["S1", "", "Streamers"], ["S2", "6", "Orange mats"],
            ["S3", "11", "Green"]]
    words = row_words(rows, x0=55, y0=104, column=70, pitch=14)
    rules = [Graphic("line", 50, y, 290, y + 0.5) for y in (100, 116, 160)]  # above, under the header, below
    page = RawPage(1, 600, 800, words, graphics=rules)
    find_regions(page)
    (table,) = page.regions
    assert (table.rows, table.columns, table.header_rows, table.ruled) == (4, 3, 1, True)
    assert {(cell.row, cell.col): cell.text for cell in table.cells}[2, 2] == "Orange mats"



def ward_table(header: list[tuple[str, float, float]], rows: list[tuple[str, str, str]], xs: tuple[float, ...],
               right: float) -> Region:
    """The one table found on a page with a header (text, x, y) and three body rows set at
    ``xs``, ruled above, under the header and below, as tbl sets a ward report."""
    words = [word for text, x, y in header for word in words_from_text(text, x, y)]
    for row, cells in enumerate(rows):
        words += [word for text, x in zip(cells, xs) for word in words_from_text(text, x, 132 + 14 * row)]
    rules = [Graphic("line", 50, y, right, y + 0.5) for y in (100, 130, 174)]
    page = RawPage(1, 600, 800, words, graphics=rules)
    find_regions(page)
    (table,) = page.regions
    return table


def test_a_heading_set_left_in_the_white_before_figures_set_right_heads_their_column():
    """tbl sets a wrapped heading at its column's left and the figures under it at its right:
    the heading falls in the white between two columns of figures, nearer the ones under it."""
    table = ward_table([("Ward", 55, 104), ("Falls", 150, 104), ("Pressure", 205, 104), ("ulcers", 205, 116)],
                       [("Alder", "65", "6"), ("Aspen", "60", "5"), ("Beech", "43", "4")], (55, 165, 260), 290)
    assert table.columns == 3
    assert {(cell.row, cell.col): cell.text for cell in table.cells}[0, 2] == "Pressure ulcers"


def test_a_headings_second_line_in_the_white_before_its_figures_goes_on_with_its_first():
    """"(%)" under "Occupancy", set left in its column, is nearer the figures of the column
    on its left than its own, set right: it still goes with the heading it stands under."""
    table = ward_table([("Ward", 55, 104), ("Beds", 120, 104), ("Occupancy", 160, 104), ("(%)", 160, 116)],
                       [("Alder", "28", "93"), ("Aspen", "28", "92"), ("Beech", "24", "90")], (55, 130, 200), 220)
    assert [cell.text for cell in sorted(table.cells, key=lambda cell: cell.col) if cell.row == 0] == \
        ["Ward", "Beds", "Occupancy (%)"]


def test_a_group_heading_centred_over_its_columns_spans_them_all():
    """tbl centres a heading spanning four columns over their middle, where it overlaps two
    labels ("January") or none ("July", in the white between two): it spans all four."""
    lefts = [55] + [130 + 40 * i for i in range(8)]
    words = words_from_text("January", 177.5, 104, bold=True) + words_from_text("July", 345, 104, bold=True)
    words += table_of_words([["Phylum"] + [f"S{i % 4 + 1}" for i in range(8)]], tuple(lefts), y0=116)
    for row, name in enumerate(["Cyanobacteria", "Chloroflexi", "Other"]):
        words += table_of_words([[name] + [f"{row + i}.5" for i in range(8)]], tuple(lefts), y0=132 + 14 * row)
    rules = [Graphic("line", 50, y, 430, y + 0.5) for y in (100, 130, 176)]  # above, under the header, below
    page = RawPage(1, 600, 800, words, graphics=rules)
    find_regions(page)
    (table,) = page.regions
    assert sorted((cell.text, cell.col, cell.col_span) for cell in table.cells if cell.row == 0) == \
        [("January", 1, 4), ("July", 5, 4)]

def test_a_group_label_between_two_rules_of_a_table_ruled_across_is_a_row_of_its_own():
    """A group's label centred between two rules across the table ("Mathematics") bridges the
    white space between two columns of figures; the header's names, wider than the figures,
    would then stand two in one column. The label takes no part in finding the columns, and
    it is a row of its own, not the rest of the cell above it (no cell wraps across a rule)."""
    def row(y: float, *cells: tuple[str, float]) -> list[Word]:
        return [word for text, x in cells for word in words_from_text(text, x, y)]

    words = row(104, ("Dataset", 55), ("Mixtral-8x7B", 155), ("Yi-1.5-34B", 225), ("Qwen1.5-32B", 292))
    for y, name in ((120, "MMLU"), (134, "GPQA"), (166, "GSM8K"), (180, "MATH")):
        words += row(y, (name, 55), ("67.4", 170), ("71.8", 230), ("77.1", 310))
    words += row(150, ("Mathematics", 212.5))
    rules = [Graphic("line", 50, y, 360, y + 0.5) for y in (100, 117, 148, 164, 195)]
    page = RawPage(1, 600, 800, words, graphics=rules)
    find_regions(page)
    (table,) = page.regions
    assert (table.rows, table.columns) == (6, 4)
    cells = {(cell.row, cell.col): cell.text for cell in table.cells}
    assert [text for (r, _), text in sorted(cells.items()) if r == 3] == ["Mathematics"]
    assert cells[2, 2] == "71.8" and cells[0, 1] == "Mixtral-8x7B"


def test_rules_drawn_cell_by_cell_make_one_table_across_the_page():
    rows = [["Room", "Min", "Max", "Mean", "Hours"], ["Great Hall", "38", "67", "52", "1,240"],
            ["Library", "43", "61", "54", "180"], ["Basement", "48", "71", "56", "2,150"]]
    words = row_words(rows, x0=55, y0=104, column=100, pitch=16)
    rules = [Graphic("line", x, y, x + 100, y + 0.5) for y in (100, 118, 134, 150, 166) for x in range(50, 550, 100)]
    page = RawPage(1, 600, 800, words, graphics=rules)
    find_regions(page)
    (table,) = page.regions
    assert (table.rows, table.columns, table.header_rows, table.ruled) == (4, 5, 1, True)


def test_a_header_over_the_first_rule_of_a_table_ruled_under_each_row_is_its_header():
    caption = words_from_text("Table 3. Attendance by year group", 55, 80)
    rows = [["Year group", "Pupils", "Absent (%)"], ["Reception", "60", "14.2"], ["Year 1", "58", "9.8"],
            ["Year 2", "60", "8.3"]]
    words = row_words(rows, x0=55, y0=103, column=80, pitch=16)
    rules = [Graphic("line", 50, y, 300, y + 0.5) for y in (116, 132, 148, 164)]  # under each row, none above
    page = RawPage(1, 600, 800, caption + words, graphics=rules)
    find_regions(page)
    (table,) = page.regions
    assert (table.rows, table.columns, table.header_rows) == (4, 3, 1)
    assert [word.text for word in page.words] == ["Table", "3.", "Attendance", "by", "year", "group"]


def test_the_rules_under_a_heading_above_a_table_and_over_the_next_one_are_no_part_of_it():
    """Rules drawn the table's width under each of its rows, and as wide under the heading over
    the paragraph before it and under the one after it: one stack of rules."""
    before = column_text(["The interfaces in Table 2 are deprecated or removed and each of them",
                          "still works in this release but warns"], 55, 84)
    before += words_from_text("Table 2: Deprecated and removed interfaces", 55, 110)
    rows = [["Interface", "Deprecated", "Removed"], ["load_file", "4.0", "5.0"], ["strict", "4.1", "4.2"],
            ["compat", "3.8", "4.2"]]
    table_words = row_words(rows, x0=55, y0=129, column=90, pitch=16)
    after = column_text(["No removal date has been set for the text attribute of a warning", "so far."], 55, 200)
    rules = [Graphic("line", 50, y, 350, y + 0.5) for y in (80, 143, 159, 175, 191, 240)]
    page = RawPage(1, 600, 800, before + table_words + after, graphics=rules)
    find_regions(page)
    (table,) = page.regions
    assert (table.rows, table.columns, table.header_rows, table.ruled) == (4, 3, 1, True)
    assert {word.text for word in page.words} == {word.text for word in before + after}


def test_labels_lined_up_over_a_pie_are_not_a_table():
    labels = row_words([["9%", "", "Parser"], ["", "33%", "Validator"], ["12%", "", "Loader"]], x0=60, y0=110,
                       column=60, pitch=20)
    slices = [Graphic("path", 50, 100, 170, 170, filled=True), Graphic("path", 170, 100, 230, 170, filled=True)]
    page = RawPage(1, 600, 800, labels, graphics=slices)
    find_regions(page)
    assert not [region for region in page.regions if region.kind == "table"]


def test_rules_above_and_below_a_paragraph_are_not_a_table():
    prose = column_text(["a long paragraph of running text set between two rules of the page"] * 4, 60, 104)
    page = RawPage(1, 600, 800, list(prose), graphics=[Graphic("line", 50, y, 400, y + 0.5) for y in (100, 170)])
    find_regions(page)
    assert page.regions == []


def test_words_go_to_the_cells_of_a_ruled_grid():
    words = row_words([["Zone", "Area"], ["North", "12.5"], ["South", "8.0"]], x0=55, y0=103, column=80, pitch=16)
    page = RawPage(1, 600, 800, words, graphics=grid(50, 100, 2, 3))
    find_regions(page)
    (table,) = page.regions
    assert (table.rows, table.columns, table.ruled) == (3, 2, True) and page.words == []


def ledger_page(body: list[tuple[str, str, str, str]]) -> RawPage:
    """A ledger whose header is ruled cell by cell (four columns at x 50, 150, 250, 400, 480)
    over one framed panel of unruled rows; each body row is (number, payee, description, amount),
    a description of two lines wrapped onto the line under its row."""
    xs = (50, 150, 250, 400, 480)
    rules = [Graphic("line", 50, y, 480, y + 0.5) for y in (100, 120, 300)] + \
        [Graphic("line", x, 100, x + 0.5, 120) for x in xs] + [Graphic("line", x, 120, x + 0.5, 300) for x in (50, 480)]
    words = [word for text, x in zip(["Number", "Payee", "Description", "Amount"], xs)
             for word in words_from_text(text, x + 4, 105, bold=True)]
    y = 124.0
    for number, payee, description, amount in body:
        first, _, second = description.partition(" / ")
        words += words_from_text(number, 52, y) + words_from_text(payee, 152, y) + words_from_text(first, 252, y)
        words += words_from_text(amount, 476 - 5 * len(amount), y)
        if second:
            y += 12
            words += words_from_text(second, 252, y)
        y += 14
    return RawPage(1, 600, 800, words, graphics=rules)


def test_rows_framed_under_a_header_ruled_cell_by_cell_are_parted_by_the_headers_rules():
    page = ledger_page([("D-001", "Citibank card", "Staff travel / Kansas City and back", "920.68"),
                        ("D-002", "Citibank card", "Staff travel / Saint Louis and back", "907.96"),
                        ("D-003", "Office rent", "Rent for May", "1,200.00")])
    find_regions(page)
    (table,) = page.regions
    assert (table.rows, table.columns, table.header_rows, table.ruled) == (4, 4, 1, True)
    cells = {(cell.row, cell.col): cell.text for cell in table.cells}
    assert cells[1, 2] == "Staff travel Kansas City and back" and cells[2, 3] == "907.96"
    assert cells[3, 0] == "D-003" and page.words == []


def test_prose_framed_under_a_row_of_ruled_labels_is_not_parted_into_cells():
    page = ledger_page([])
    page.words += column_text(["a long paragraph of running text set in the box under the labels"] * 6, 54, 126)
    find_regions(page)
    assert page.regions == [] and len(page.words) == 4 + 6 * 13


def results_column(x: float, contests: list[tuple[str, list[tuple[str, str]]]], right: float) -> list[Word]:
    """A column of election results from ``x``: each contest's name, then a row per choice with
    its count set flush right against ``right``, a blank line between contests."""
    words, y = [], 100.0
    for name, rows in contests:
        words += words_from_text(name, x, y)
        for choice, count in rows:
            y += 12
            words += words_from_text(choice, x, y) + words_from_text(count, right - 5 * len(count), y)
        y += 24
    return words


def test_columns_parted_by_rules_hold_tables_of_their_own_not_one_across_them():
    """Counts set flush right against a column rule, the next column's words right after it:
    the white space between them is narrow, but the rule parts the two tables."""
    offices = [(f"OFFICE {n}", [(f"CANDIDATE {n} A", str(100 + n)), (f"CANDIDATE {n} B", str(20 + n))])
               for n in range(6)]
    measures = [(f"MEASURE {n}", [("YES", str(90 + n)), ("NO", str(210 + n))]) for n in range(8)]
    left, right = results_column(52, offices, 196), results_column(202, measures, 346)
    header = words_from_text("PRECINCT BULLETIN", 52, 76)  # boxed across both columns
    rules = [Graphic("line", 50, y, 350, y + 0.5) for y in (70, 90, 500)] + \
        [Graphic("line", x, 70, x + 0.5, 500) for x in (50, 350)] + [Graphic("line", 199, 90, 199.5, 500)]
    page = RawPage(1, 600, 800, header + left + right, graphics=rules)
    find_regions(page)
    tables = sorted((region for region in page.regions if region.kind == "table"), key=lambda region: region.x0)
    assert [table.columns for table in tables] == [2, 2]
    assert all(table.x1 < 199 for table in tables[:1]) and tables[1].x0 > 199
    rows = [[cell.text for cell in table.cells if cell.row == 0] for table in tables]
    assert rows == [["CANDIDATE 0 A", "100"], ["YES", "90"]]


def test_a_label_set_apart_under_the_last_row_is_a_row_of_its_own_not_the_rest_of_its_cell():
    rows = [["NEEL KASHKARI", "REP", "247"], ["EDMUND G BROWN", "DEM", "69"]]
    words = table_of_words(rows, (50, 200, 260), y0=100)
    words += words_from_text("LIEUTENANT GOVERNOR", 50, 131)  # half a line more than the rows' pitch under them
    words += table_of_words([["GAVIN NEWSOM", "DEM", "64"], ["RON NEHRING", "REP", "247"]], (50, 200, 260), y0=143)
    (table,) = aligned_tables(words, 1)
    assert [cell.text for cell in table.cells if cell.col == 0] == \
        ["NEEL KASHKARI", "EDMUND G BROWN", "LIEUTENANT GOVERNOR", "GAVIN NEWSOM", "RON NEHRING"]


def test_lines_of_leader_dots_spaced_wide_are_not_a_table():
    """A form's lines: a label, then leader dots an em apart (each dot a "cell"), then a note in the margin."""
    words = []
    for row, label in enumerate(["b Spouse", "c Dependents", "d Total number"]):
        y = 100 + 12 * row
        words += words_from_text(label, 50, y)
        words += [Word(".", x, y, x + 2.5, y + 12, 10) for x in range(130, 250, 14)]
        words += words_from_text(["Boxes checked", "No. of children", "Add numbers"][row], 262, y)
    words += column_text(["and the lines of the form go on in words set at the usual spacing"] * 3, 50, 148)
    assert aligned_tables(words, 1) == []


def test_rules_drawn_twice_cell_by_cell_make_one_table_with_a_loose_header_and_an_unruled_last_row():
    """Each cell draws its own top and bottom border (so every piece of a row's rule is drawn
    twice), the header's labels are spaced wider than a column gap, and the last row, a total,
    has no rule under it."""
    header = [("Voice part", 55), ("Members", 229), ("Mean  attendance", 326), ("Attendance", 469)]
    words = [word for text, x in header for word in words_from_text(text.replace("  ", " "), x, 444, space=6)]
    rows = [["Soprano", "31", "26", "84"], ["Alto", "29", "25", "86"], ["Tenor", "14", "11", "79"],
            ["All parts", "74", "62", "84"]]
    for row, cells in enumerate(rows):
        y = 461 + 15 * row
        words += words_from_text(cells[0], 55, y)
        words += [word for text, right in zip(cells[1:], (271, 406, 540)) for word in
                  words_from_text(text, right - 5 * len(text), y)]
    xs = (51, 186, 275, 410, 544)
    rules = [Graphic("line", x0, y, x1, y + 0.5) for top in (458, 473, 488) for y in (top, top + 15)
             for x0, x1 in zip(xs, xs[1:])]
    page = RawPage(1, 600, 800, words, graphics=rules)
    find_regions(page)
    (table,) = page.regions
    assert (table.rows, table.columns, table.header_rows) == (5, 4, 1)
    cells = {(cell.row, cell.col): cell.text for cell in table.cells}
    assert cells[0, 2] == "Mean attendance" and cells[4, 0] == "All parts" and cells[4, 3] == "84"


def test_a_table_across_the_page_under_a_section_in_two_columns_is_not_cut_at_their_gutter():
    prose = ["the committee met twice in the spring to agree", "the programme for the year and the budget for",
             "the tour, which was agreed by all the members", "present at the meeting held in the church hall"]
    words = column_text(prose, 50, 100) + column_text(prose, 310, 100)
    rows = [["Item", "Income", "Spending"], ["Subscriptions", "7,125", ""], ["Concert tickets", "5,860", ""],
            ["Hall hire", "", "2,340"], ["Music purchase and hire", "", "1,215"], ["Total", "12,985", "3,555"]]
    for row, cells in enumerate(rows):
        y = 200 + 14 * row
        words += words_from_text(cells[0], 55, y)
        words += [word for text, right in zip(cells[1:], (325, 405)) if text
                  for word in words_from_text(text, right - 5 * len(text), y)]
    tables = aligned_tables(words, 1)
    assert [(table.rows, table.columns) for table in tables] == [(6, 3)]


def test_a_stub_wrapped_around_its_rows_figures_is_one_row_with_them():
    """A table that centres cells on the row sets a two-line stub's figures midway between its lines."""
    words = table_of_words([["Treatment", "Colonies", "Lost"], ["Before 31 August", "171", "26"]], (50, 260, 320),
                           y0=100, pitch=14)
    words += words_from_text("September or", 50, 126) + words_from_text("October", 50, 140)
    words += table_of_words([["", "112", "29"]], (50, 260, 320), y0=133)
    words += table_of_words([["Not treated", "35", "12"]], (50, 260, 320), y0=154)
    (table,) = aligned_tables(words, 1)
    cells = {(cell.row, cell.col): cell.text for cell in table.cells}
    assert table.rows == 4 and (cells[2, 0], cells[2, 1], cells[3, 0]) == ("September or October", "112", "Not treated")


def test_a_stub_longer_than_a_cell_over_a_row_of_figures_stays_in_the_table():
    rows = [["Quantity", "Before", "After"], ["Cooling power (kW)", "236", "139"],
            ["Cost at 0.21 per kWh in thousands", "434", "256"], ["Power usage effectiveness", "1.62", "1.41"]]
    (table,) = aligned_tables(table_of_words(rows, (50, 260, 320), y0=100, pitch=14), 1)
    assert table.rows == 4 and {(cell.row, cell.col): cell.text for cell in table.cells}[2, 2] == "256"


def test_a_table_on_the_right_page_of_a_spread_takes_no_cells_from_the_left_page():
    """Two pages printed side by side: a list on the left page has its lines on the baselines
    of a table's rows on the right page; the table keeps to its own page."""
    left = [word for row, text in enumerate(["Yes, at the national level", "Yes, at the regional level",
                                             "Yes, at the local level", "No such provider"])
            for word in words_from_text(text, 60, 300 + 16 * row)]
    right = table_of_words([["Group", "State", "CSOs"], ["Persons with disabilities", "yes", "no"],
                            ["Children", "yes", "yes"], ["Women", "no", "yes"]], (660, 860, 930), y0=284, pitch=16)
    page = RawPage(1, 1200, 600, left + right)
    find_regions(page, fold=fold_of(page.words, page.width, page.height, 1.2, 0.1))
    (table,) = page.regions
    assert table.x0 >= 600 and (table.rows, table.columns) == (4, 3)


def test_the_gridlines_of_a_chart_with_a_legend_are_not_a_table_but_draw_its_figure():
    legend = words_from_text("2025/26 Ten-year average", 110, 104, size=8)
    bars = [Graphic("rect", 130 + 45 * i, 200, 142 + 45 * i, 260, True) for i in range(6)]
    page = RawPage(1, 600, 800, legend, graphics=grid(100, 100, 10, 8, width=30, height=20) + bars)
    find_regions(page)
    assert [region.kind for region in page.regions] == ["figure"]


def test_a_chart_takes_its_tick_labels_and_legend_but_not_the_caption_or_the_prose_around_it():
    axes = [Graphic("line", 100, 300, 100, 400), Graphic("line", 100, 400, 300, 400)]
    bars = [Graphic("rect", 120 + 40 * i, 400 - 20 * (i + 1), 140 + 40 * i, 400) for i in range(4)]
    ticks = [Word(str(v), 85, 395 - 25 * i, 95, 403 - 25 * i, 7) for i, v in enumerate((0, 25, 50))]
    legend = words_from_text("2024 2025", 150, 410, size=7, char_width=3.5)
    caption = words_from_text("Figure 1: Boardings by line, thousands", 100, 430)
    prose = column_text(["Rainfall was close to the long-term mean, and spread through the season"] * 3, 100, 240)
    page = RawPage(1, 600, 800, ticks + legend + caption + prose, graphics=axes + bars)
    find_regions(page)
    (figure,) = page.regions
    assert sorted(word.text for word in figure.words) == sorted(["0", "25", "50", "2024", "2025"])
    assert {word.text for word in page.words} >= {"Figure", "Rainfall"}


def chart_with_rows_below(rows: list[str], last: str) -> RawPage:
    """A chart (axes and bars from y 300 to 400), ``rows`` of 7-point text set 30 pt under it at
    a 10-point pitch, then ``last`` and ten-point prose around, as a page."""
    axes = [Graphic("line", 100, 300, 100, 400), Graphic("line", 100, 400, 300, 400)]
    bars = [Graphic("rect", 120 + 40 * i, 400 - 20 * (i + 1), 140 + 40 * i, 400) for i in range(4)]
    legend = [Graphic("line", 100, 434 + 10 * i, 110, 434 + 10 * i) for i in range(len(rows))]
    below = column_text(rows, 115, 430, pitch=10, size=7, char_width=3.5)
    prose = column_text(["Rainfall was close to the long-term mean, and spread through the season"] * 3, 100, 240)
    after = words_from_text(last, 100, 440 + 10 * len(rows))
    return RawPage(1, 600, 800, prose + below + after, graphics=axes + bars + legend)


def test_a_legend_set_in_rows_between_a_chart_and_its_caption_is_the_charts():
    rows = ["Rain gauge at the weir", "Rain gauge at the mill", "Long-term mean (mm a month)"]
    page = chart_with_rows_below(rows, "Figure 1: Rainfall by month, 2025")
    find_regions(page)
    (figure,) = page.regions
    assert " ".join(word.text for word in figure.words) == " ".join(rows)
    assert "Figure" in {word.text for word in page.words}


def test_small_rows_under_a_chart_that_no_caption_ends_stay_running_text():
    rows = ["Rain gauge at the weir", "Rain gauge at the mill"]
    page = chart_with_rows_below(rows, "The gauges were read every morning at nine by the keeper")
    find_regions(page)
    (figure,) = page.regions
    assert figure.words == [] and {"weir", "mill"} <= {word.text for word in page.words}


def test_a_small_caption_right_under_a_chart_is_no_legend_though_a_paragraph_under_it_names_a_table():
    """A caption set small right under its chart, then a paragraph opening "Table 2 gives ...":
    no rows of a legend lie between the chart and its caption, so the caption is no label."""
    page = chart_with_rows_below(["Figure 1: Sediment load by event"], "Table 2 gives the parameters of the rating")
    find_regions(page)
    (figure,) = page.regions
    assert figure.words == [] and "Sediment" in {word.text for word in page.words}


def test_a_shaded_code_listing_and_a_frame_around_the_page_are_not_figures():
    shading = [Graphic("rect", 60, 300 + 11 * i, 400, 311 + 11 * i) for i in range(5)]
    code = [Word(text, 70, 301 + 11 * i, 70 + 6 * len(text), 310 + 11 * i, 9, mono=True)
            for i, text in enumerate(["def f(x):", "return", "x", "+", "1"])]
    frame = [Graphic("line", 20, 20, 580, 20), Graphic("line", 20, 780, 580, 780), Graphic("line", 20, 20, 20, 780),
             Graphic("line", 580, 20, 580, 780)]
    page = RawPage(1, 600, 800, code, graphics=shading + frame)
    find_regions(page)
    assert page.regions == []


def test_pictures_in_one_drawn_frame_are_one_figure_with_the_labels_between_them():
    frame = Graphic("path", 70, 500, 310, 700)
    pictures = [Graphic("image", 75, 510, 190, 600), Graphic("image", 200, 510, 305, 600),
                Graphic("image", 80, 610, 300, 680)]
    labels = words_from_text("Flexloc nut", 90, 686, size=8) + words_from_text("Elastic stop nut", 220, 686, size=8)
    caption = words_from_text("Figure 7-26. Self-locking nuts.", 70, 708, size=9)
    body = column_text(["Body text of the handbook runs on in lines of an ordinary size"] * 12, 70, 100)
    page = RawPage(1, 600, 800, body + labels + caption, graphics=[frame, *pictures])
    find_regions(page)
    (figure,) = page.regions
    assert (figure.x0, figure.y0, figure.x1, figure.y1) == (70, 500, 310, 700)
    assert [word.text for word in figure.words] == ["Flexloc", "nut", "Elastic", "stop", "nut"]
    assert {"Figure", "Body"} <= {word.text for word in page.words}


def test_a_bar_behind_a_heading_and_a_title_beside_a_logo_are_no_figures():
    bar = Graphic("image", 60, 420, 300, 448)  # a coloured bar behind "1 Introduction"
    heading = words_from_text("1 Introduction", 70, 427, size=13.5)
    logo = Graphic("image", 60, 40, 110, 90)
    title = words_from_text("Insurance Claims After the Pandemic", 60, 100, size=32, char_width=14)
    body = column_text(["Body text of the report runs on in lines of an ordinary size"] * 12, 60, 470)
    page = RawPage(1, 600, 800, heading + title + body, graphics=[bar, logo])
    find_regions(page)
    assert all(region.words == [] for region in page.regions)
    assert {"Introduction", "Insurance"} <= {word.text for word in page.words}


def test_a_line_of_text_that_runs_under_a_pictures_corner_stays_running_text():
    picture = Graphic("image", 150, 300, 550, 700)
    tagline = words_from_text("Leverage row permissions on the database", 40, 320, size=14)  # 40 to 247
    caption = words_from_text("Jim Bainbridge", 460, 600)  # a name printed on the picture
    body = column_text(["Body text of the report runs on in lines of an ordinary size"] * 12, 40, 720)
    page = RawPage(1, 600, 800, tagline + caption + body, graphics=[picture])
    find_regions(page)
    figure, = page.regions
    assert [word.text for word in figure.words] == ["Jim", "Bainbridge"]
    assert {"permissions", "database"} <= {word.text for word in page.words}


def test_no_word_is_lost_or_doubled_when_regions_are_carved():
    """A property: whatever the words and graphics, every word of the page ends in exactly one
    place: the running text or one region (and a table's cells hold exactly its words)."""
    for seed in range(60):
        rng = random.Random(seed)
        words = [Word(rng.choice(["12.5", "North", "the", "-3", "Station", "a"]), x, y, x + rng.uniform(5, 40),
                      y + 9, rng.choice([7, 9, 10])) for _ in range(rng.randint(5, 150))
                 for x, y in [(rng.uniform(30, 540), rng.uniform(30, 760))]]
        graphics = [Graphic(rng.choice(["line", "rect", "image", "path"]), x, y, x + rng.uniform(1, 200),
                            y + rng.uniform(1, 150)) for _ in range(rng.randint(0, 30))
                    for x, y in [(rng.uniform(0, 500), rng.uniform(0, 700))]]
        graphics += [rule for _ in range(rng.randint(0, 2))
                     for rule in grid(rng.uniform(30, 300), rng.uniform(30, 600), rng.randint(1, 4), rng.randint(1, 6))]
        page = RawPage(1, 600, 800, list(words), graphics=graphics)
        find_regions(page)
        placed = [id(w) for w in page.words] + [id(w) for region in page.regions for w in region.words]
        assert sorted(placed) == sorted(id(w) for w in words), seed
        for region in page.regions:
            in_cells = [id(w) for cell in region.cells for w in cell.words]
            assert region.kind != "table" or sorted(in_cells) == sorted(id(w) for w in region.words), seed


# --- whole documents -----------------------------------------------------------------

def ruled_pdf(path: Path, lines: int = 0) -> Path:
    """A page with a ruled 3 x 3 table under a caption, a paragraph, and ``lines`` more rules."""
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 80), "The stations recorded the following frost nights during the bloom.", fontsize=10)
    page.insert_text((72, 110), "Table 1: Frost nights by station", fontsize=9)
    for r, cells in enumerate([["Station", "Nights", "Lowest"], ["Combe", "11", "-3.4"], ["Treverra", "8", "-2.1"]]):
        for c, text in enumerate(cells):
            page.insert_text((78 + 100 * c, 132 + 20 * r), text, fontsize=10)
    shape = page.new_shape()
    for r in range(4):
        shape.draw_line((72, 118 + 20 * r), (372, 118 + 20 * r))
    for c in range(4):
        shape.draw_line((72 + 100 * c, 118), (72 + 100 * c, 178))
    for i in range(lines):
        shape.draw_line((72, 300 + (i % 400)), (500, 300 + (i % 400)))
    shape.finish(color=(0, 0, 0), width=0.5)
    shape.commit()
    doc.save(path)
    return path


def test_a_ruled_table_comes_out_as_a_markdown_table_with_its_caption(tmp_path):
    document = process_pdf(ruled_pdf(tmp_path / "ruled.pdf"))
    (table,) = document.tables()
    assert table.caption == "Table 1: Frost nights by station" and table.grid()[1] == ["Combe", "11", "-3.4"]
    assert "| Station | Nights | Lowest |\n| --- | --- | --- |\n| Combe | 11 | -3.4 |" in document.to_markdown()
    assert all("Combe" not in paragraph.text for paragraph in document.paragraphs())


def test_a_ruled_table_printed_sideways_on_a_page_is_found_turned_upright(tmp_path):
    """A landscape table placed turned on a portrait page: its rules turn with its words."""
    source = pymupdf.open(ruled_pdf(tmp_path / "ruled.pdf"))
    document = pymupdf.open()
    page = document.new_page(width=792, height=612)
    page.show_pdf_page(page.rect, source, 0, rotate=90)
    document.save(tmp_path / "sideways.pdf")
    (table,) = process_pdf(tmp_path / "sideways.pdf").tables()
    assert table.ruled and table.grid()[1] == ["Combe", "11", "-3.4"]


def test_a_page_of_ten_thousand_rules_keeps_its_text_and_says_its_tables_were_not_looked_for(tmp_path):
    document = process_pdf(ruled_pdf(tmp_path / "rules.pdf", lines=10_000))
    assert any("vector paths; tables on it were not looked for" in warning for warning in document.warnings)
    assert "Combe" in document.to_markdown()


def test_a_failing_table_finder_keeps_the_text_and_warns(tmp_path, monkeypatch):
    def fail(*args, **kwargs):
        raise ValueError("broken")

    monkeypatch.setattr("pipeline.stages.graphics.edges_to_intersections", fail)
    document = process_pdf(ruled_pdf(tmp_path / "ruled.pdf"))
    assert any("the table finder failed (ValueError)" in warning for warning in document.warnings)
    assert "Combe" in document.to_markdown()


def test_footnotes_are_listed_once_and_their_calls_link_to_them(tmp_path):
    doc = pymupdf.open()
    page = doc.new_page()
    end = 72 + pymupdf.get_text_length("The river rose sharply in May", fontsize=11)
    page.insert_text((72, 100), "The river rose sharply in May", fontsize=11)
    page.insert_text((end + 0.5, 95), "1", fontsize=7)
    page.insert_text((end + 5, 100), " and fell in June.", fontsize=11)
    page.insert_text((72, 770), "1 Measured at the outflow weir, not at the gauge.", fontsize=8)
    doc.save(tmp_path / "note.pdf")
    document = process_pdf(tmp_path / "note.pdf")
    assert [(note.label, note.text) for note in document.footnotes] == [("1", "Measured at the outflow weir, not at "
                                                                          "the gauge.")]
    (paragraph,) = document.paragraphs()
    assert paragraph.text == "The river rose sharply in May and fell in June."
    assert "in May[^1] and fell" in document.to_markdown() and "[^1]: Measured" in document.to_markdown()


def test_a_note_marked_with_a_math_star_at_the_foot_of_the_page_is_a_footnote():
    from pipeline.core.geometry import PageLayout
    from pipeline.settings import DEFAULTS
    from pipeline.stages.textregions import mark_text_regions

    paragraph = _line_block(words_from_text(PARAGRAPH_LINE, 79, 700))
    notes = [_line_block(words_from_text(f"{mark} E-mail: someone@example.org", 79, 760, size=8)) for mark in "⋆∗"]
    for note in notes:
        page = PageLayout(1, 600, 800, [paragraph, note])
        mark_text_regions([page], 10.0, DEFAULTS.classify)
        assert note.kind == "footnote"


def region_rows(folder: str) -> list:
    return [evaluate(pdf, gold) for pdf, gold in gold_pairs(REGIONS / folder)]


@pytest.mark.slow
@pytest.mark.parametrize("folder", DEVELOPMENT)
def test_the_region_sets_keep_their_scores(folder):
    rows = region_rows(folder)
    regions = [row.regions for row in rows]

    def share(field: str) -> float:
        found = sum(getattr(r, field)[0] for r in regions)
        return found / max(sum(getattr(r, field)[1] for r in regions), 1)

    assert share("table_cells") >= 0.99 and share("body_rows") >= 0.99
    assert share("captions") >= 0.95 and sum(r.captions_in_prose for r in regions) == 0
    assert share("footnotes") >= 0.95 and sum(r.footnotes_in_prose for r in regions) == 0
    assert share("near_paragraphs") >= 0.95
    assert min(row.sentence_recall for row in rows) >= 0.95 and min(row.paragraph_recall for row in rows) >= 0.9


NEWER_DEVELOPMENT = {"latex": (0.99, 0.97, 1.00, 1.00, 1.00), "chromium-dev": (0.98, 0.99, 0.99, 0.99, 0.95),
                     "groff-dev": (0.99, 0.99, 1.00, 1.00, 0.98), "fpdf2-dev": (0.99, 0.98, 1.00, 1.00, 1.00),
                     "weasyprint-dev": (0.99, 0.98, 1.00, 1.00, 1.00), "typst-dev": (0.99, 0.98, 1.00, 1.00, 1.00),
                     "abiword-dev": (0.99, 0.98, 1.00, 1.00, 1.00)}
"""Development sets that came in after the rules, with their floors as measured on 2026-12-07
(table cells, body rows, captions, footnotes, paragraphs near regions; groff-dev once its tables
were read: 1196/1196 cells, 188/188 rows; fpdf2-dev on 2026-12-08 once its tables were read:
384/384 cells, 73/73 rows; weasyprint-dev, typst-dev and abiword-dev at the end of the tenth
session: 270/270, 331/332 and 490/490 cells, every row, caption and footnote): fixes raise them."""


@pytest.mark.slow
@pytest.mark.parametrize("folder", NEWER_DEVELOPMENT)
def test_the_newer_region_sets_do_not_slide_back(folder):
    regions = [row.regions for row in region_rows(folder)]

    def share(field: str) -> float:
        return sum(getattr(r, field)[0] for r in regions) / max(sum(getattr(r, field)[1] for r in regions), 1)

    fields = ("table_cells", "body_rows", "captions", "footnotes", "near_paragraphs")
    assert all(share(field) >= floor for field, floor in zip(fields, NEWER_DEVELOPMENT[folder]))
    assert sum(r.captions_in_prose + r.footnotes_in_prose for r in regions) == 0


def test_the_json_schema_has_every_kind_of_block():
    schema = Document.model_json_schema()
    assert {"Table", "Figure", "Code", "Formula", "Footnote", "Cell"} <= set(schema["$defs"])


def test_a_table_with_spanning_cells_is_an_html_table_in_the_markdown():
    box = {"page": 1, "x0": 0, "y0": 0, "x1": 1, "y1": 1}
    cells = [Cell(text="Region", row=0, col=0, row_span=2, header=True, box=box),
             Cell(text="Sales", row=0, col=1, col_span=2, header=True, box=box),
             Cell(text="2024", row=1, col=1, header=True, box=box),
             Cell(text="2025", row=1, col=2, header=True, box=box),
             Cell(text="North & south", row=2, col=0, box=box), Cell(text="1", row=2, col=1, box=box),
             Cell(text="2", row=2, col=2, box=box)]
    table = Table(rows=3, columns=3, header_rows=2, ruled=True, cells=cells, pages=[1], boxes=[box])
    section = Section(heading=None, level=0, blocks=[table])
    markdown = Document(source="t.pdf", extractor="pymupdf", page_count=1, sections=[section]).to_markdown()
    assert '<tr><th rowspan="2">Region</th><th colspan="2">Sales</th></tr>' in markdown
    assert "<tr><td>North &amp; south</td><td>1</td><td>2</td></tr>" in markdown
    assert markdown_blocks(markdown)[-1].rows == [["Region", "Sales", "Sales"], ["Region", "2024", "2025"],
                                                  ["North & south", "1", "2"]]


def test_notes_that_end_without_a_full_stop_are_cut_at_the_next_number():
    from pipeline.core.geometry import Line
    from pipeline.stages.textregions import split_notes

    texts = ["1 Accident: an outward event defined in the policy", "2 Disaster: as listed in the schedule",
             "1) a nested item of note two", "3 Dates as reported"]
    lines = [Line(words_from_text(text, 50, 700 + 10 * index, size=7), 1) for index, text in enumerate(texts)]
    assert [[line.text[:2] for line in note] for note in split_notes(lines)] == [["1 "], ["2 ", "1)"], ["3 "]]


def test_a_note_continued_in_the_next_column_is_one_note(tmp_path):
    doc = pymupdf.open()
    page = doc.new_page()
    for index in range(12):
        page.insert_text((72, 100 + 14 * index), "The levels were read by hand each day at the weir and logged "
                         "in the station book.", fontsize=11)
    page.insert_text((72, 740), "1 The gauge at the weir was read", fontsize=8)
    page.insert_text((72, 750), "by the keeper every morning from", fontsize=8)
    page.insert_text((320, 740), "the first of May to the end of June.", fontsize=8)
    page.insert_text((320, 750), "2 Daily means are given.", fontsize=8)
    doc.save(tmp_path / "notes.pdf")
    document = process_pdf(tmp_path / "notes.pdf")
    assert [(note.label, note.text) for note in document.footnotes] == [
        ("1", "The gauge at the weir was read by the keeper every morning from the first of May to the end of June."),
        ("2", "Daily means are given.")]
    assert any(edit.reason == "footnote continues in the next column or page" for edit in document.edits)


def test_a_call_glued_to_the_next_word_or_closing_a_bracket_is_kept_apart():
    from pipeline.stages.structure import _calls_kept_apart

    def words(*texts: str) -> list[Word]:
        return [Word(text, 10.0 * i, 0, 10.0 * i + 8, 10, 10, superscript=text[0].isdigit()) for i, text in
                enumerate(texts)]

    notes = frozenset({(1, "1"), (1, "2")})
    assert [w.text for w in _calls_kept_apart(words("상해", "1)나", "재해", "2)로"), notes)] == \
        ["상해나", "1", "재해로", "2"]
    assert [w.text for w in _calls_kept_apart(words("(see", "Hale", "1),"), notes)] == ["(see", "Hale),", "1"]


def test_a_superscript_that_calls_no_note_is_written_raised_not_glued_to_its_word():
    from pipeline.stages.structure import _calls_kept_apart

    words = [Word("physics", 0, 0, 30, 10, 10), Word("1,2", 31, 0, 36, 6, 6, superscript=True),
             Word("in", 40, 0, 48, 10, 10), Word("km", 52, 0, 62, 10, 10), Word("2", 63, 0, 66, 6, 6, superscript=True)]
    assert [w.text for w in _calls_kept_apart(words, frozenset())] == ["physics¹,²", "in", "km²"]
    with_stop = [Word("states", 0, 0, 30, 10, 10), Word("8–10.", 31, 0, 46, 6, 6, superscript=True)]
    assert [w.text for w in _calls_kept_apart(with_stop, frozenset())] == ["states⁸–¹⁰."]


def test_a_shaded_box_of_text_that_its_caption_calls_a_figure_is_a_figure(tmp_path):
    doc = pymupdf.open()
    page = doc.new_page()
    for index in range(10):
        page.insert_text((72, 80 + 14 * index), "The permission statement below is used to define and enable "
                         "the rules.", fontsize=10)
    page.draw_rect(pymupdf.Rect(70, 230, 520, 400), color=None, fill=(0.9, 0.9, 0.95))
    for index, (statement, meaning) in enumerate([("CREATE PERMISSION <name>", "Names the row permission for access"),
                                                  ("ON <table name>", "Identifies the table the permission is on"),
                                                  ("FOR ROWS", "Indicates that a row permission is created here"),
                                                  ("ENABLE", "Specifies that the permission is enabled now")]):
        y = 255 + 36 * index
        page.draw_rect(pymupdf.Rect(80, y - 14, 500, y + 6), color=(0.2, 0.2, 0.6))
        page.insert_text((90, y), statement, fontsize=11, fontname="hebo")
        page.insert_text((280, y), meaning, fontsize=8)
    page.insert_text((72, 418), "Figure 3-1   The permission statement", fontsize=9, fontname="heit")
    doc.save(tmp_path / "boxed.pdf")
    document = process_pdf(tmp_path / "boxed.pdf")
    (figure,) = document.figures()
    assert figure.caption == "Figure 3-1 The permission statement"
    assert not [section.heading for section in document.iter_sections() if section.heading]


def test_a_display_formula_with_its_number_at_the_margin_is_a_formula():
    from pipeline.core.geometry import Block, Line
    from pipeline.stages.textregions import is_formula

    def block(words: list[Word]) -> Block:
        return Block([Line(words, 1)], 1)

    paragraph = block(words_from_text("the peaks were matched to the nearest natural frequency of the deck, "
                                      "or to a harmonic of it, when", 79, 100))
    formula = words_from_text("|fa − kfs| ≤ 0.02 kfs, k = 1, 2, 3", 209, 120)
    number = Word("(3.2)", 500, 120, 527, 132, 10)
    assert is_formula(block(formula + [number]), [paragraph])
    assert not is_formula(block(words_from_text("as the peaks = here", 79, 120) + [number]), [paragraph])


def _line_block(*lines: list[Word], kind: str = "body"):
    from pipeline.core.geometry import Block, Line

    return Block([Line(words, 1) for words in lines], 1, kind=kind)


PARAGRAPH_LINE = "the peaks were matched to the nearest natural frequency of the deck, or to a harmonic of it, when"


def test_a_numbered_formula_set_off_centre_far_from_text_is_a_formula():
    from pipeline.stages.textregions import is_formula

    paragraph = _line_block(words_from_text(PARAGRAPH_LINE, 79, 100))
    formula = words_from_text("|fa − kfs| ≤ 0.02 kfs", 100, 200) + [Word("(3.2)", 500, 200, 527, 212, 10)]
    assert is_formula(_line_block(formula), [paragraph])


def test_a_formula_of_four_aligned_rows_is_a_formula():
    from pipeline.stages.textregions import is_formula

    paragraph = _line_block(words_from_text(PARAGRAPH_LINE, 79, 100))
    rows = [words_from_text(f"x{i} = a{i} + b{i} − c{i}", 259, 120 + 14 * i) for i in range(4)]
    assert is_formula(_line_block(*rows), [paragraph])
    assert not is_formula(_line_block(*rows, words_from_text("y = a + b", 279, 176)), [paragraph])


def test_a_line_of_small_type_with_a_sign_centred_under_text_is_no_formula():
    from pipeline.stages.textregions import is_formula

    paragraph = _line_block(words_from_text(PARAGRAPH_LINE, 79, 100))
    assert not is_formula(_line_block(words_from_text("x = 1 , y = 2", 270, 120, size=7)), [paragraph])


def test_a_formula_in_its_own_space_centred_on_the_text_is_a_formula():
    from pipeline.stages.textregions import is_formula

    paragraph = _line_block(words_from_text(PARAGRAPH_LINE, 79, 100))
    centred = _line_block(words_from_text("E = m c2 + p", 280, 200))
    assert is_formula(centred, [paragraph])
    assert not is_formula(_line_block(words_from_text("E = m c2 + p", 180, 200)), [paragraph])


def test_a_fractions_pieces_beside_a_formula_are_formula_too():
    from pipeline.core.geometry import PageLayout
    from pipeline.settings import DEFAULTS
    from pipeline.stages.textregions import mark_text_regions

    paragraph = _line_block(words_from_text(PARAGRAPH_LINE, 79, 100))
    numerator = _line_block(words_from_text("1 8πG(t)", 250, 180))
    number = Word("(3)", 500, 192, 515, 204, 10)
    formula = _line_block(words_from_text("Rik − gik R = Tik + Λ(t)gik", 230, 192) + [number])
    denominator = _line_block(words_from_text("2 c4(t)", 250, 204))
    prose = _line_block(words_from_text("where the terms are as before", 240, 216))
    page = PageLayout(1, 600, 800, [paragraph, numerator, formula, denominator, prose])
    mark_text_regions([page], 10.0, DEFAULTS.classify)
    assert [block.kind for block in page.blocks] == ["body", "formula", "formula", "formula", "body"]


def test_an_equation_number_set_alone_at_the_right_margin_is_part_of_a_formula():
    from pipeline.stages.textregions import is_equation_number

    paragraph = _line_block(words_from_text(PARAGRAPH_LINE, 79, 100))
    number = _line_block([Word("(28)", 508, 200, 527, 212, 10)])
    assert is_equation_number(number, [paragraph])
    assert not is_equation_number(_line_block([Word("(28)", 79, 200, 98, 212, 10)]), [paragraph])
    assert not is_equation_number(_line_block(words_from_text("(28) more", 470, 200)), [paragraph])


def test_the_rows_of_a_fraction_in_a_block_of_text_are_cut_off_together():
    from pipeline.stages.textregions import _captions_cut_off

    def math(text: str, x0: float, y0: float) -> list[Word]:
        return [replace(word, font="CMMI10") for word in words_from_text(text, x0, y0)]

    text = "which is the correct formula of general relativity for it."
    block = _line_block(words_from_text(text, 79, 90), math("α = ,", 270, 110), math("b c2", 280, 120),
                        words_from_text(text, 79, 134))
    pieces = [[line.text for line in piece.lines] for piece in _captions_cut_off(block, 1.0)]
    assert pieces == [[text], ["α = ,", "b c2"], [text]]


def test_an_appendix_formula_numbered_at_the_margin_is_a_formula():
    from pipeline.stages.textregions import is_formula

    paragraph = _line_block(words_from_text(PARAGRAPH_LINE, 79, 100))
    formula = words_from_text("= SL MB SL T ,", 100, 200) + [Word("(A12)", 500, 200, 527, 212, 10)]
    assert is_formula(_line_block(formula), [paragraph])


def test_a_header_cell_whose_first_line_stands_above_the_header_row_is_one_cell():
    rows = [["", "", "Persistently"], ["Year group", "Pupils", "absent (%)"], ["Reception", "60", "14.2"],
            ["Year 1", "58", "9.8"], ["Year 2", "60", "8.3"]]
    (table,) = aligned_tables(row_words(rows), 1)
    assert (table.rows, table.columns) == (4, 3)
    assert [cell.text for cell in table.cells if cell.row == 0] == ["Year group", "Pupils", "Persistently absent (%)"]


def test_a_group_label_over_two_columns_is_not_put_in_one_cell():
    words = row_words([["Station", "2024", "2025"], ["Alder", "41.2", "38.9"], ["Birch", "7.0", "6.1"],
                       ["Cedar", "12.5", "13.0"]], y0=114)
    words.append(Word("Rainfall (mm)", 150, 100, 260, 110, 10))
    (table,) = aligned_tables(words, 1)
    assert not [cell.text for cell in table.cells if "Rainfall" in cell.text and "20" in cell.text]


def grouped_table_words(y0: float = 100) -> list[Word]:
    """A table whose label row has a group heading over its last two columns above it."""
    words = row_words([["Benchmark", "Fixed (ms)", "Change (%)"], ["dgemm", "1459.5", "1.1"], ["spmv", "346.3", "2.0"],
                       ["fft", "1604.3", "1.1"]], y0=y0 + 14)
    return words + [Word("Machine A", 170, y0, 250, y0 + 10, 10)]


def test_the_labels_under_a_group_heading_are_a_header_row_too():
    (table,) = aligned_tables(grouped_table_words(), 1)
    assert (table.rows, table.header_rows) == (5, 2)


def test_a_table_continued_on_the_next_page_drops_the_header_rows_it_repeats():
    (first,) = aligned_tables(grouped_table_words(), 1)
    (second,) = aligned_tables(grouped_table_words(), 2)
    second = replace(second, header_rows=1)  # its finder took only the group heading for a header
    table = merged_table(first, second)
    assert table.rows == 8
    assert [cell.text for cell in table.cells if cell.col == 0 and cell.words] == \
        ["Benchmark", "dgemm", "spmv", "fft", "dgemm", "spmv", "fft"]


def test_a_table_broken_into_the_next_column_under_its_header_repeated_goes_on_there():
    """A table at the foot of a newsletter's left column goes on at the top of the right one,
    its header printed again; a table of the same shape there under another header does not."""
    header = ["Rider", "Distance", "Climbing"]
    rows = [header, ["Priya", "3,412", "28,950"], ["Tomasz", "3,388", "31,020"], ["Ruth", "2,905", "19,440"]]
    (first,) = aligned_tables(row_words(rows, x0=40, y0=600), 1)
    (second,) = aligned_tables(row_words([header, ["Gareth", "2,716", "24,185"], ["Club", "40,873", "352,600"]],
                                         x0=320, y0=80), 1)
    (other,) = aligned_tables(row_words([["Month", "Rides", "Riders"], ["May", "12", "140"], ["June", "14", "162"]],
                                        x0=320, y0=80), 1)
    assert continues_table(first, second) and not continues_table(first, other)
    assert [cell.text for cell in merged_table(first, second).cells if cell.col == 0 and cell.words] == \
        ["Rider", "Priya", "Tomasz", "Ruth", "Gareth", "Club"]


def test_a_table_continued_on_the_next_page_keeps_both_pages_and_takes_the_caption_set_under_its_end():
    """The pieces of a table run over two pages keep their pages and boxes, each cell its own
    page, and a caption set under the table's end, on the second page, is the table's."""
    def on_page(words: list[Word], page: int) -> list[Word]:
        return [replace(word, page=page) for word in words]

    header = ["Point", "Passes", "Species"]
    (first,) = aligned_tables(on_page(row_words([header, ["CG-01", "85", "4"], ["CG-02", "21", "3"]], y0=600), 1), 1)
    (second,) = aligned_tables(on_page(row_words([header, ["CG-03", "12", "1"], ["CG-04", "20", "2"]], y0=80), 2), 2)
    table = merged_table(first, second)
    caption = Unit("caption", [Line(words_from_text("Table 1: Passes by point", 50, 130, page=2), 2)])
    assert attach_captions([Unit("table", [], region=table), caption]) == {0: 1}
    data = table_data(table, None)
    assert data["pages"] == [1, 2] and [box["page"] for box in data["boxes"]] == [1, 2]
    assert data["cells"][-1]["box"]["page"] == 2


def test_a_cell_printed_in_two_touching_pieces_reads_as_one_word():
    words = row_words([["Benchmark", "Fixed (ms)", "Change (%)"], ["dgemm", "1459.5", ""], ["spmv", "346.3", "2.0"],
                       ["fft", "1604.3", "1.1"]])
    words += [Word("−", 230, 114, 236, 124, 10, "LMMathSymbols9"), Word("1.1", 236, 114, 251, 124, 10, "LMRoman9")]
    (table,) = aligned_tables(words, 1)
    cells = {(cell["row"], cell["col"]): cell["text"] for cell in table_data(table, None)["cells"]}
    assert cells[1, 2] == "−1.1"


def test_a_blank_cell_keeps_the_cells_after_it_in_their_columns():
    box = {"page": 1, "x0": 0, "y0": 0, "x1": 1, "y1": 1}
    cells = [Cell(text="Machine A", row=0, col=1, col_span=2, header=True, box=box),
             Cell(text="Benchmark", row=1, col=0, header=True, box=box),
             Cell(text="Fixed", row=1, col=1, header=True, box=box),
             Cell(text="Change", row=1, col=2, header=True, box=box),
             Cell(text="thumb", row=2, col=0, box=box), Cell(text="−2.7", row=2, col=2, box=box)]
    table = Table(rows=3, columns=3, header_rows=2, ruled=True, cells=cells, pages=[1], boxes=[box])
    section = Section(heading=None, level=0, blocks=[table])
    document = Document(source="t.pdf", extractor="pymupdf", page_count=1, sections=[section])
    markdown = document.to_markdown()
    assert '<tr><th></th><th colspan="2">Machine A</th></tr>' in markdown
    assert "<tr><td>thumb</td><td></td><td>−2.7</td></tr>" in markdown
    assert markdown_blocks(markdown)[-1].rows == [["", "Machine A", "Machine A"], ["Benchmark", "Fixed", "Change"],
                                                  ["thumb", "", "−2.7"]]
    assert "<td>thumb</td><td></td><td>−2.7</td>" in document.to_html()


def test_a_group_heading_spans_the_columns_of_the_rule_drawn_under_it():
    """Booktabs' cmidrule under "January" and "July", each over two columns of stations."""
    words = row_words([["Phylum", "S1", "S2", "S1", "S2"], ["Cyanobacteria", "3.1", "41.6", "4.4", "52.8"],
                       ["Chloroflexi", "12.7", "31.9", "11.8", "28.4"], ["Other", "12.6", "7.8", "11.4", "5.3"]],
                      y0=114, column=70)
    words += [Word("January", 147.5, 100, 182.5, 110, 10), Word("July", 295, 100, 315, 110, 10)]
    rules = [Graphic("line", 40, y, 370, y) for y in (96, 128, 172)]
    rules += [Graphic("line", 115, 112, 215, 112), Graphic("line", 255, 112, 355, 112)]  # under each group
    page = RawPage(1, 600, 800, words, graphics=rules)
    find_regions(page)
    (table,) = page.regions
    assert [(cell.col, cell.col_span, cell.text) for cell in table.cells if cell.row == 0 and cell.words] == \
        [(1, 2, "January"), (3, 2, "July")]


def test_a_picture_cropped_by_a_clipping_path_keeps_the_caption_under_its_visible_part_apart(tmp_path):
    """A screenshot placed larger than its frame and cut to it: the whole picture reaches over
    the caption printed just under the frame, which stays the figure's caption."""
    document = pymupdf.open()
    page = document.new_page(width=612, height=792)
    pixmap = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 40, 40), 0)
    pixmap.clear_with(120)
    page.insert_image(pymupdf.Rect(60, 400, 540, 670), pixmap=pixmap)
    contents = page.get_contents()[0]
    clip = b"q 60 152 480 240 re W n\n"  # the frame: y 400 to 640 from the top of the page
    document.update_stream(contents, clip + document.xref_stream(contents) + b"\nQ\n")
    page.insert_text((60, 655), "Figure 3 Selecting the table from the navigator", fontsize=9, fontname="helv")
    page.insert_text((60, 700), "Body text of the report runs on after the figure.", fontsize=10, fontname="helv")
    path = tmp_path / "cropped.pdf"
    document.save(path)
    (figure,) = process_pdf(path, ocr="never").figures()
    assert figure.caption == "Figure 3 Selecting the table from the navigator"


# --- ruled forms ---------------------------------------------------------------------------

def shading(x0: float, x1: float, tops: list[float], height: float = 14) -> list[Graphic]:
    """A cell's shading drawn line by line: fills of one colour, no outline, meeting edge to edge."""
    return [Graphic("rect", x0, y, x1, y + height, True, (0.9, 0.88, 0.93), False) for y in tops]


def test_a_cells_shading_drawn_line_by_line_keeps_its_wrapped_text_one_cell():
    words = row_words([["Standard", "20300"]], x0=60, y0=103, column=160) + \
        row_words([["Is the standard held", "yes"], ["by the maker?", ""]], x0=60, y0=123, column=160)
    page = RawPage(1, 600, 800, words, graphics=grid(50, 100, 2, 1, 160, 20) + grid(50, 120, 2, 1, 160, 30)
                   + shading(50, 210, [121, 135]))
    find_regions(page)
    (table,) = page.regions
    assert table.rows == 2
    assert [cell.text for cell in table.cells if cell.row == 1] == ["Is the standard held by the maker?", "yes"]


def test_narrow_empty_columns_between_a_cells_border_and_its_shading_are_dropped():
    words = row_words([["Standard", "20300"], ["Issuer", "National office"], ["Mandatory", "no"]], x0=60, y0=103,
                      column=160, pitch=20)
    page = RawPage(1, 600, 800, words, graphics=grid(50, 100, 2, 3, 160, 20)
                   + [g for y in (100, 120, 140) for g in shading(55, 205, [y], 20)])
    find_regions(page)
    (table,) = page.regions
    assert (table.rows, table.columns) == (3, 2)
    assert [cell.text for cell in table.cells if cell.row == 1] == ["Issuer", "National office"]


def test_a_boxed_page_header_with_two_titles_is_running_text_not_a_table():
    rules = grid(50, 100, 2, 1, 250, 90) + [Graphic("line", 420, y, 550, y) for y in (115, 130, 145, 160, 175)] + \
        [Graphic("line", 420, 100, 420, 190)]
    words = words_from_text("Commodity Exchange", 60, 140) + words_from_text("Prospectus", 310, 140)
    page = RawPage(1, 600, 800, list(words), graphics=rules)
    find_regions(page)
    assert page.regions == [] and [word.text for word in page.words] == ["Commodity", "Exchange", "Prospectus"]


def test_drawn_checkboxes_become_words_that_say_whether_they_are_ticked():
    words = [Word("Mandatory?", 50, 100, 110, 110, 10), Word("Yes", 142, 100, 160, 110, 10),
             Word("No", 192, 100, 204, 110, 10)]
    boxes = [Graphic("rect", 130, 100, 139, 109, True, (1.0, 1.0, 1.0)), Graphic("rect", 180, 100, 189, 109, True,
                                                                                   (0.05, 0.05, 0.05))]
    page = RawPage(1, 600, 800, words, graphics=boxes)
    find_regions(page)
    assert [word.text for word in sorted(page.words, key=lambda w: w.x0)] == ["Mandatory?", "☐", "Yes", "☒", "No"]


def test_a_checkbox_read_from_a_pdf_keeps_its_tick(tmp_path):
    path = tmp_path / "form.pdf"
    pdf = pymupdf.open()
    page = pdf.new_page()
    page.insert_text((72, 100), "Is the standard mandatory?", fontsize=10)
    for x, fill in ((230, (1, 1, 1)), (280, (0, 0, 0))):
        page.draw_rect(pymupdf.Rect(x, 91, x + 9, 100), color=(0, 0, 0), fill=fill)
    page.insert_text((242, 100), "Yes", fontsize=10)
    page.insert_text((292, 100), "No", fontsize=10)
    pdf.save(path)
    assert "☐ Yes ☒ No" in process_pdf(path).to_markdown()


def test_column_headings_set_sideways_in_a_ruled_table_are_its_header_cells(tmp_path):
    path = tmp_path / "sideways.pdf"
    pdf = pymupdf.open()
    page = pdf.new_page()
    page.insert_text((78, 146), "Action", fontsize=10)
    page.insert_text((188, 146), "Operator", fontsize=10, rotate=90)
    page.insert_text((238, 146), "Auditor", fontsize=10, rotate=90)
    for r, cells in enumerate([["Start the job", "X", ""], ["Stop the job", "X", "X"]]):
        for c, text in enumerate(cells):
            page.insert_text((78 + 100 * c if c < 2 else 228, 166 + 20 * r), text, fontsize=10)
    shape = page.new_shape()
    for y in (90, 150, 170, 190):
        shape.draw_line((72, y), (272, y))
    for x in (72, 172, 222, 272):
        shape.draw_line((x, 90), (x, 190))
    shape.finish(color=(0, 0, 0), width=0.5)
    shape.commit()
    pdf.save(path)
    document = process_pdf(path)
    (table,) = document.tables()
    assert table.grid()[0] == ["Action", "Operator", "Auditor"]
    assert not any("at an angle" in warning for warning in document.warnings)


def test_a_group_heading_over_two_columns_of_a_table_ruled_across_spans_the_headings_under_it():
    """Narrow right-aligned figures under wider headings: the group heading overlaps only one
    column of figures, but both column headings under it."""
    headings = [("Machine A", 257), ("Machine B", 373)]
    columns = [("Benchmark", 100, ["dgemm", "spmv", "fft", "lu"]),
               ("Fixed (ms)", 227, ["1459.5", "346.3", "16.3", "1.2"]),
               ("Change (%)", 283, ["-1.1", "-2.0", "1.1", "0.5"]),
               ("Fixed (ms)", 343, ["1626.4", "545.1", "19.6", "8.3"]),
               ("Change (%)", 399, ["0.2", "-1.1", "0.8", "0.3"])]
    words = [Word(text, x, 72, x + 5.5 * len(text), 81, 9) for text, x in headings]
    for heading, x, body in columns:
        words.append(Word(heading, x, 88, x + 4.5 * len(heading), 97, 9))
        width = 47 if x > 200 else 30
        words += [Word(text, x + width - 4.5 * len(text), 104 + 11 * row, x + width, 113 + 11 * row, 9)
                  for row, text in enumerate(body)]
    rules = [Graphic("line", 96, y, 499, y) for y in (68, 100, 150)]
    page = RawPage(1, 600, 800, words, graphics=rules)
    find_regions(page)
    (table,) = page.regions
    assert sorted((c.col, c.col_span) for c in table.cells if c.row == 0) == [(1, 2), (3, 2)]
    assert table.header_rows == 2


def test_a_bracket_printed_in_another_font_beside_a_number_in_a_right_to_left_cell_is_read_on_its_side():
    """The bracket drawn right of "2024" opens it, read right to left: "(2024", not "2024(" ."""
    words = [Word("الفترة", 120, 100, 160, 110, 10, "Arial"), Word("(", 104, 100, 108, 110, 10, "Symbol"),
             Word("2024", 84, 100, 104, 110, 10, "Arial")]
    region = Region("table", 1, 80, 95, 170, 115, words, [GridCell(0, 0, 1, 1, 80, 95, 170, 115, words)], 1, 1)
    assert [cell["text"] for cell in table_data(region, None)["cells"]] == ["الفترة (2024"]


PROSE = ("the meeting was held to review several projects under the framework of the agreement and to "
         "agree on the next steps in each of them while the two sides shared the progress made since "
         "the last meeting in the areas of agriculture energy water and health and called on the "
         "relevant departments to deepen their cooperation in science and technology over the coming "
         "years including technology transfer joint laboratories and the exchange of young scientists")


def justified_column(x0: float, width: float, y0: float, pitch: float, start: int, size: float = 9.0) -> list[Word]:
    """Lines of :data:`PROSE` from its word ``start`` on, set justified in a column ``width``
    points wide: each line's words spread to both edges, so its spaces stretch (here past a font size)."""
    words, line, lines = PROSE.split()[start:] + PROSE.split()[:start], [], []
    for word in words:
        if line and 4.5 * len(" ".join([*line, word])) > width:
            lines.append(line)
            line = []
        line.append(word)
    placed = []
    for row, line in enumerate(lines):
        widths = [4.5 * len(word) for word in line]
        space = (width - sum(widths)) / max(len(line) - 1, 1)
        x, y = x0, y0 + pitch * row
        for word, w in zip(line, widths):
            placed.append(Word(word, x, y, x + w, y + size, size))
            x += w + space
    return placed


def test_narrow_justified_columns_of_prose_make_no_table():
    """Three columns of justified prose, their spaces stretched past a cell gap and their lines
    on baselines of their own: every line cuts into short cells, but the white down the page
    between the columns, with prose on either side, is a gutter, and no table is found."""
    words = (justified_column(50, 110, 100, 11.0, 0) + justified_column(172, 110, 106, 11.0, 23)
             + justified_column(294, 110, 100, 11.0, 47))
    assert aligned_tables(words, 1) == []


def test_a_dingbat_bullet_with_no_unicode_mapping_opens_a_cells_line_as_a_bullet():
    """A Wingdings-like bullet the PDF gives no Unicode for reads as U+FFFD: in running text
    it is a list's bullet, and so it is at the start of a line in a table cell."""
    words = [Word("Usage", 0, 0, 30, 10, 10), Word("\ufffd", 0, 12, 5, 22, 10), Word("ALLOWED", 8, 12, 50, 22, 10)]
    cell = GridCell(0, 0, 1, 1, 0, 0, 60, 22, words)
    table = Region("table", 1, 0, 0, 60, 22, words, [cell], 1, 1)
    assert table_data(table, None)["cells"][0]["text"] == "Usage • ALLOWED"


def test_a_caption_a_blank_line_under_a_heading_in_its_type_is_cut_off():
    """Layout may join a heading and the caption a blank line under it when both are set in
    one type ("一、发行人历史信用评级情况" over "表7-1：发行人历史评级情况"): the caption's label
    at a line's start that far below the line before starts it all the same; a line right
    under the one before, in its type, does not ("Table 2 lists ..." wrapping in a paragraph)."""
    from pipeline.stages.textregions import _captions_cut_off

    heading = words_from_text("一、发行人历史信用评级情况", 114, 113, size=12, char_width=12, bold=True)
    caption = words_from_text("表7-1：发行人历史评级情况", 223, 145, size=12, char_width=12, bold=True)
    pieces = [[line.text for line in piece.lines] for piece in _captions_cut_off(_line_block(heading, caption), 1.0)]
    assert pieces == [["一、发行人历史信用评级情况"], ["表7-1：发行人历史评级情况"]]
    wrapped = _line_block(words_from_text("The costs are given below, and", 79, 90),
                          words_from_text("Table 2 lists them by year.", 79, 103))
    assert len(_captions_cut_off(wrapped, 1.0)) == 1


def test_a_caption_flush_under_a_centred_line_a_blank_line_above_stays_with_it():
    """In a double-spaced preprint a figure's placeholder line, centred, and its caption flush
    left a blank line under it stay together: only a caption set in, right of the line before
    it, is set apart by the white between them."""
    from pipeline.stages.textregions import _captions_cut_off

    block = _line_block(words_from_text("[width=0.70angle=0] Nandy2.eps", 226, 199, size=10.9),
                        words_from_text("FIG. 2: The trajectory of a cell", 44, 231, size=10.9))
    assert len(_captions_cut_off(block, 1.0)) == 1


def test_a_rule_drawn_as_the_ring_between_two_filled_rectangles_is_a_rule_not_a_box():
    """An HTML renderer draws a running header's bottom border as one fill of two rectangles,
    one 0.4 pt shorter than the other, by the even-odd rule: what shows is a rule under the
    header, not a 68 pt grey box that would be read as a figure over the page top."""
    document = pymupdf.open()
    page = document.new_page(width=600, height=800)
    shape = page.new_shape()
    shape.draw_rect(pymupdf.Rect(380, 0, 530, 68))
    shape.draw_rect(pymupdf.Rect(380, 0, 530, 67.6))
    shape.finish(color=None, fill=(0.6, 0.6, 0.6), even_odd=True)
    shape.commit()
    shown = [(g.kind, round(g.y0, 1), round(g.y1, 1)) for g in read_graphics(page)]
    assert shown == [("line", 67.6, 68.0)]


def test_a_caption_that_opens_a_block_ends_where_a_paragraph_in_other_type_goes_on_under_it():
    """A caption set at 0.9 of the body size, the paragraph after it at the body's pitch: layout
    joins them (one size within its tolerance), the caption ends where the type changes."""
    from pipeline.stages.textregions import _captions_cut_off

    block = _line_block(words_from_text("Figure 1: Monthly output of the canopy, metered and", 306, 321, size=9.45),
                        words_from_text("(MWh)", 411, 334, size=9.45),
                        words_from_text("To separate the effect of the weather from that", 306, 347, size=10.5),
                        words_from_text("of the installation we used a simple model", 306, 360, size=10.5))
    pieces = [[line.text for line in piece.lines] for piece in _captions_cut_off(block, 1.0)]
    assert pieces == [["Figure 1: Monthly output of the canopy, metered and", "(MWh)"],
                      ["To separate the effect of the weather from that", "of the installation we used a simple model"]]
    bold_label = words_from_text("Fig. 1 Typical solutions of viscous flows are", 306, 321, size=9.45)
    for word in bold_label[:2]:
        word.bold = True
    block = _line_block(bold_label, words_from_text("shown in the left panels for (a) and (b)", 306, 334, size=9.45),
                        words_from_text("To separate the effect of the weather from that", 306, 347, size=10.5))
    assert [len(piece.lines) for piece in _captions_cut_off(block, 1.0)] == [2, 1]
    second = words_from_text("Figure 2: Yield by month", 306, 347, size=9.45, bold=True)
    block = _line_block(words_from_text("Figure 1: Output of the canopy, metered and", 306, 321, size=9.45),
                        words_from_text("estimated, in megawatt hours", 306, 334, size=9.45), second)
    assert [len(piece.lines) for piece in _captions_cut_off(block, 1.0)] == [2, 1]  # a second caption in other type


def test_a_table_of_tasks_under_its_caption_keeps_its_long_first_cells_and_their_wrapped_lines():
    """Under "Table 2: ..." a borderless table whose first column describes tasks in a sentence
    (longer than a cell may be, one wrapped onto a second line) and whose other cells are short
    and start at the header's columns is one table; the same rows under no caption are not."""
    def row(y: float, *cells: tuple[float, str]) -> list[Word]:
        return [word for x, text in cells for word in words_from_text(text, x, y)]

    caption = words_from_text("Table 2: Main tasks for the year", 70, 86)
    rows = (row(100, (70, "Task"), (340, "Lead"), (420, "Due"))
            + row(114, (70, "Replace the juice press and bottle pasteuriser,"), (340, "Orchard manager"),
                  (420, "October 2025"))
            + row(128, (70, "subject to a successful grant application"))
            + row(142, (70, "Survey of noble chafer larvae in dead wood"), (340, "Ecology group"), (420, "August 2025"))
            + row(156, (70, "Second polytunnel for rootstock beds"), (340, "Nursery group"), (420, "March 2026"))
            + row(170, (70, "New edition of the variety register"), (340, "Record keepers")))
    (table,) = aligned_tables(caption + rows, 1)
    assert (table.rows, table.columns) == (5, 3)
    assert [cell.text for cell in table.cells if cell.col == 0][1] == \
        "Replace the juice press and bottle pasteuriser, subject to a successful grant application"
    assert aligned_tables(rows, 1) == []


def test_a_legend_of_colour_keys_beside_a_chart_is_the_charts():
    """A legend set right of a chart in rows of two, each entry after a small filled key, further
    from the chart than its own paths are from each other (the second key of a row further still,
    in line with the first): keys and entries are the figure's."""
    axes = [Graphic("line", 100, 300, 100, 400), Graphic("line", 100, 400, 300, 400)]
    bars = [Graphic("rect", 120 + 40 * i, 400 - 20 * (i + 1), 140 + 40 * i, 400, True, (0.3,)) for i in range(4)]
    keys = [Graphic("rect", 312, 310 + 14 * i, 320, 318 + 14 * i, True, (0.2 * i,), False) for i in range(2)]
    keys.append(Graphic("rect", 366, 310, 374, 318, True, (0.9,), False))
    entries = (words_from_text("metered", 324, 309, size=7, char_width=3.5)
               + words_from_text("estimated", 324, 323, size=7, char_width=3.5)
               + words_from_text("forecast", 378, 309, size=7, char_width=3.5))
    prose = column_text(["Output was close to the estimate in summer, and well below it in winter"] * 3, 100, 240)
    page = RawPage(1, 600, 800, prose + entries, graphics=axes + bars + keys)
    find_regions(page)
    (figure,) = page.regions
    assert {"metered", "estimated", "forecast"} <= {word.text for word in figure.words}
