"""Bullets drawn as small shapes (Chromium's list discs) read as bullets; other small drawings not."""

from pathlib import Path

import pymupdf

from pipeline import process_pdf
from pipeline.core.geometry import Graphic, RawDocument, RawPage, Word
from pipeline.run import stitch_pages
from pipeline.settings import DEFAULTS
from pipeline.stages.bullets import drawn_bullets
from pipeline.stages.classify import classify
from pipeline.stages.layout import lay_out_page
from pipeline.stages.parts import lay_out_part
from pipeline.stages.state import DocumentState

from .conftest import words_from_text

ITEMS = ["clearing the winter debris", "replacing the lavender plants", "mending the gate"]


def list_page(shapes: list[Graphic]) -> RawPage:
    """A lead-in line, then three item lines at x 70 with a shape each (``shapes``, placed at their
    line's height), then a closing line."""
    words = words_from_text("The tasks for spring are these:", 50, 100)
    for index, item in enumerate(ITEMS):
        words += words_from_text(item, 70, 112 + 12 * index)
    words += words_from_text("Volunteers are welcome on every one of them.", 50, 160)
    return RawPage(1, 600, 800, words, graphics=shapes)


def discs(size: float = 3.0, filled: bool = True, kind: str = "path", x: float = 60.0) -> list[Graphic]:
    return [Graphic(kind, x, 116.5 + 12 * i, x + size, 116.5 + 12 * i + size, filled) for i in range(3)]


def kinds(page: RawPage) -> list[tuple[str, str]]:
    return [(block.kind, block.text) for block in classify([lay_out_page(page)])]


def test_small_filled_discs_before_lines_make_list_items():
    assert [kind for kind, _ in kinds(list_page(discs()))] == ["body", "list_item", "list_item", "list_item", "body"]


def test_outlined_boxes_thin_rules_large_squares_and_a_single_disc_are_no_bullets():
    for shapes in (discs(filled=False, kind="rect"), discs(kind="line"), discs(size=7.0, kind="rect"),
                   discs()[:1]):
        assert drawn_bullets(list_page(shapes), DEFAULTS.layout) == []


def test_a_dot_drawn_between_two_words_is_no_bullet():
    page = list_page([Graphic("path", 84.0, 116.5 + 12 * i, 87.0, 119.5 + 12 * i, True) for i in range(3)])
    assert drawn_bullets(page, DEFAULTS.layout) == []


def test_a_pdf_whose_list_discs_are_the_only_drawings_gives_list_items(tmp_path: Path):
    document = pymupdf.open()
    page = document.new_page(width=595, height=842)
    page.insert_text((72, 100), "The tasks for spring are these:", fontsize=10, fontname="helv")
    for index, item in enumerate(ITEMS):
        baseline = 114 + 14 * index
        page.insert_text((86, baseline), item, fontsize=10, fontname="helv")
        page.draw_circle((77.5, baseline - 3.5), 1.5, color=None, fill=(0, 0, 0))
    page.insert_text((72, 160), "Volunteers are welcome on every one of them.", fontsize=10, fontname="helv")
    document.save(tmp_path / "list.pdf")
    items = [block for section in process_pdf(tmp_path / "list.pdf").iter_sections() for block in section.blocks
             if getattr(block, "kind", "") == "list_item"]
    assert [item.text for item in items] == ITEMS


def test_a_drawn_bullet_alone_in_the_next_column_is_one_when_set_like_the_others():
    page = list_page(discs()[:2])
    page.words += words_from_text("an item carried over", 330, 112)
    page.graphics.append(Graphic("path", 320.0, 116.5, 323.0, 119.5, True))
    assert sorted(bullet.x0 for bullet in drawn_bullets(page, DEFAULTS.layout)) == [60.0, 60.0, 320.0]


def ocr_list_page(marks: list[str], mark_width: float = 2.2, text_source: str = "tesseract") -> RawPage:
    """An OCR'd page: a lead-in line, then an item line for each of ``marks``, each opening with
    that sign (``mark_width`` wide, at x 70) before its text at x 78."""
    words = words_from_text("The tasks for spring are these:", 50, 100)
    for index, (mark, item) in enumerate(zip(marks, ITEMS)):
        y = 112 + 12 * index
        words += [Word(mark, 70, y, 70 + mark_width, y + 12, 10, "Test", page=1)] + words_from_text(item, 78, y)
    return RawPage(1, 600, 800, words, text_source=text_source)


def test_a_list_of_bullets_ocr_read_as_different_signs_gives_list_items():
    result = kinds(ocr_list_page(["¢", "©", "®"]))
    assert [kind for kind, _ in result] == ["body", "list_item", "list_item", "list_item"]
    assert all(text.startswith("• ") for kind, text in result if kind == "list_item")


def test_each_bullet_put_back_is_an_edit_of_the_document():
    layout = lay_out_page(ocr_list_page(["¢", "©", "®"]))
    assert [(edit["kind"], edit["before"], edit["after"]) for edit in layout.edits] == [
        ("bullet_restored", "¢", "•"), ("bullet_restored", "©", "•"), ("bullet_restored", "®", "•")]
    part = lay_out_part(RawDocument("list.pdf", [ocr_list_page(["¢", "©", "®"])]))
    state = stitch_pages(DocumentState("list.pdf", parts=[part]))
    assert state.edits.count("bullet_restored") == 3


def test_copyright_signs_a_lone_sign_and_signs_in_a_text_layer_stay_as_read():
    for page in (ocr_list_page(["©", "©", "©"], mark_width=8.0), ocr_list_page(["¢", "a", "b"]),
                 ocr_list_page(["¢", "©", "®"], text_source="text")):
        assert not any(text.startswith("•") for _, text in kinds(page))


def test_a_bulleted_line_set_bold_is_a_list_item_not_a_heading(make_page):
    words = words_from_text("Plain body text that runs on for a while and sets the body style here.", 50, 100)
    words += words_from_text("• Operation is like a tape recorder", 50, 130, bold=True)
    words += words_from_text("More plain body text that runs on for a while after the item here.", 50, 160)
    assert [kind for kind, _ in kinds(make_page(words))] == ["body", "list_item", "body"]


def test_bullets_ocr_read_as_a_letter_are_bullets_only_when_narrower_than_the_letter():
    assert [text.split()[0] for _, text in kinds(ocr_list_page(["e", "e", "o"]))[1:]] == ["•", "•", "•"]
    assert not any(text.startswith("•") for _, text in kinds(ocr_list_page(["e", "e", "e"], mark_width=4.8)))
