"""Text that does not run left to right across an upright page: pages turned by /Rotate, text
printed sideways, margin stamps, lines set at a slant, and right-to-left scripts."""

from pathlib import Path

import pymupdf

from pipeline import Document, process_pdf
from pipeline.core.geometry import RawPage, Word
from pipeline.stages.extract import _span_words, logical_text
from pipeline.stages.lines import build_lines

SENTENCES = [f"Row {n} of the landscape table holds the figure {n * 37} for the year." for n in range(1, 16)]


def _words(document: Document) -> list[str]:
    return " ".join(document.headings() + [p.text for p in document.paragraphs()]).split()


def _write(path: Path, build) -> Path:
    document = pymupdf.open()
    build(document)
    document.save(path)
    document.close()
    return path


def test_a_page_turned_by_rotate_is_read_upright(tmp_path):
    def build(document):
        page = document.new_page(width=792, height=612)  # drawn landscape, shown turned
        for n, sentence in enumerate(SENTENCES):
            page.insert_text((72, 72 + 24 * n), sentence, fontsize=11)
        page.set_rotation(90)

    document = process_pdf(_write(tmp_path / "rotated.pdf", build))
    assert _words(document) == " ".join(SENTENCES).split()
    assert not document.warnings


def test_text_printed_up_a_portrait_page_is_read_upright(tmp_path):
    def build(document):
        page = document.new_page(width=612, height=792)
        for n, sentence in enumerate(SENTENCES):
            page.insert_text((72 + 24 * n, 720), sentence, fontsize=11, rotate=90)

    document = process_pdf(_write(tmp_path / "sideways.pdf", build))
    assert _words(document) == " ".join(SENTENCES).split()


def test_a_stamp_up_the_margin_is_furniture_and_a_slanted_line_is_a_warning(tmp_path):
    body = ["This paragraph is the body of the page and is long enough to be prose on its own line."] * 6

    def build(document):
        page = document.new_page(width=612, height=792)
        for n, line in enumerate(body):
            page.insert_text((90, 100 + 14 * n), line, fontsize=10)
        page.insert_text((30, 600), "arXiv:2101.00001v1 [cs.CL] 1 Jan 2021", fontsize=12, rotate=90)
        slant = pymupdf.Matrix(1, 0, 0, 1, 0, 0).prerotate(-30)
        page.insert_text((200, 400), "DRAFT COPY", fontsize=30, morph=(pymupdf.Point(200, 400), slant))

    document = process_pdf(_write(tmp_path / "stamps.pdf", build))
    assert not {"arXiv:2101.00001v1", "DRAFT"} & set(_words(document))
    assert [f.kind for f in document.furniture if "arXiv" in f.text] == ["margin"]
    assert any("10 characters set at an angle were left out" in w for w in document.warnings), document.warnings


def _span(text: str, x0: float = 100, x1: float = 200) -> dict:
    return {"text": text, "bbox": (x0, 100, x1, 110), "size": 10, "font": "DejaVuSans", "flags": 0}


def test_right_to_left_words_are_placed_from_the_right_and_lines_read_in_logical_order():
    words: list = []
    _span_words(_span("שלום עולם"), 1, words)  # "hello world": the first word is the rightmost
    assert [w.text for w in words] == ["שלום", "עולם"]
    assert words[0].x0 > words[1].x1
    line, = build_lines(RawPage(1, 300, 300, words, right_to_left=True))
    assert line.text == "שלום עולם"


def test_a_page_whose_text_gives_no_output_is_named_in_a_warning(tmp_path):
    from pipeline.run import STAGES, build_paragraphs

    def build(document):
        for part in (SENTENCES[:5], SENTENCES[5:10]):
            page = document.new_page()
            for n, sentence in enumerate(part):
                page.insert_text((72, 300 + 14 * n), sentence, fontsize=10)

    def lose_page_two(state):  # a stage that drops a page's text, as a bug might
        state.units = [unit for unit in state.units if unit.pages != [2]]
        return state

    at = STAGES.index(build_paragraphs) + 1
    document = process_pdf(_write(tmp_path / "two.pdf", build), stages=[*STAGES[:at], lose_page_two, *STAGES[at:]])
    assert [w for w in document.warnings if "gave no output" in w] == \
        [f"page 2: its {sum(len(s.replace(' ', '')) for s in SENTENCES[5:10])} characters of text gave no output"]


def test_touching_pieces_of_a_right_to_left_word_are_glued_from_the_right():
    # "کالا" printed as two touching pieces (a bold font's lam-alef ligature set apart): "ک" on the right
    words = [_word("استاندارد", 400, 446), _word("ک", 389.5, 394.6), _word("الا", 375.6, 389.5)]
    line, = build_lines(RawPage(1, 500, 300, words, right_to_left=True))
    assert line.text == "استاندارد کالا"


def _word(text: str, x0: float, x1: float) -> Word:
    return Word(text, x0, 100, x1, 115, 15)


def test_a_space_drawn_away_from_two_touching_letters_does_not_part_their_word():
    """A producer that writes each line's end-of-line space (drawn at its left end) between two
    letters of a word: "من" set as "م", space, "ن" would read as two words; a space drawn
    between its letters parts two words as before."""
    def char(c: str, x0: float, x1: float) -> dict:
        return {"c": c, "bbox": (x0, 240.4, x1, 253.7)}

    misplaced = [char("م", 189.98, 194.71), char(" ", 95.78, 98.78), char("ن", 183.56, 189.88),
                 char(" ", 180.56, 183.56), char("ا", 178.02, 180.5)]
    assert logical_text(misplaced).split() == ["من", "ا"]
    placed = [char("م", 189.98, 194.71), char(" ", 186.98, 189.98), char("ن", 180.56, 186.98)]
    assert logical_text(placed).split() == ["م", "ن"]


def test_a_comma_written_before_its_right_to_left_word_is_read_after_it():
    """A producer writes the comma drawn left of "وعليه" (after it, read right to left) first."""
    def char(c: str, x0: float, x1: float) -> dict:
        return {"c": c, "bbox": (x0, 209.7, x1, 222.6)}

    written = [char("،", 402.5, 406.3), char("و", 430.7, 437.4), char("ع", 423.2, 430.7), char("ل", 418.4, 423.3),
               char("ي", 413.4, 418.4), char("ه", 406.3, 413.4), char(" ", 399.3, 402.4), char("2", 390.0, 395.0),
               char("0", 395.0, 399.0)]
    assert logical_text(written) == "وعليه، 20"


def test_marks_printed_beside_a_number_in_right_to_left_text_are_read_on_its_side():
    """A section number "2-5-" and a bracketed year printed as pieces: in right-to-left text the
    dash drawn left of "2-5" comes after it, the bracket drawn right of "2024" before it, the
    comma drawn left of "2023" after it (the bidirectional algorithm's layout, read back)."""
    def line_of(*words: Word) -> str:
        line, = build_lines(RawPage(1, 500, 300, list(words), right_to_left=True))
        return line.text

    assert line_of(_word("2-5", 457, 480), _word("-", 450, 457), _word("استاندارد", 380, 445)) == "2-5- استاندارد"
    assert line_of(_word("الفترة", 110, 160), _word("(", 99.2, 104), _word("2024", 81.4, 99.3)) == "الفترة (2024"
    assert line_of(_word("مصر", 250, 280), _word("2023", 215, 241), _word("،", 211.9, 214.8),
                   _word("وتوصيات", 150, 208)) == "مصر 2023، وتوصيات"


def test_a_bracket_boxed_lower_than_its_right_to_left_line_is_put_back_in_reading_order():
    """A one-character piece banded apart (a fallback font's taller box) goes back into its line:
    the line still reads right to left, and the bracket on its number's side."""
    lowered = Word("(", 99.2, 108, 104, 123, 15)
    line, = build_lines(RawPage(1, 500, 300, [_word("الفترة", 110, 160), lowered, _word("2024", 81.4, 99.3)],
                                right_to_left=True))
    assert line.text == "الفترة (2024"
