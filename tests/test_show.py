"""``show`` and ``Document.draw``: the pipeline's decisions drawn over each page, with a legend."""

from __future__ import annotations

import pymupdf
import pytest
from PIL import Image, ImageChops

from pipeline import Document, process_pdf
from pipeline.cli import main
from pipeline.output.draw import LEGEND_MARKS, ROLE_COLOURS

from .conftest import ROOT, gold_pdf

ZOOM = 1.0


@pytest.fixture(scope="module")
def paper() -> Document:
    return process_pdf(gold_pdf("soil-downscaling-2026"))


@pytest.fixture(scope="module")
def scan() -> Document:
    return process_pdf(ROOT / "input_pdfs" / "cstr-2025-07-scanned.pdf")


def changed_pixels(first: Image.Image, second: Image.Image) -> int:
    difference = ImageChops.difference(first.convert("RGB"), second.convert("RGB")).convert("L")
    return sum(count for value, count in enumerate(difference.histogram()) if value > 0)


def test_the_page_comes_with_a_legend_of_every_colour(paper):
    image = paper.draw(1, ZOOM)
    page = paper.pages[0]
    assert image.width == round(page.width * ZOOM) and image.height > round(page.height * ZOOM) + 40
    legend = image.crop((0, round(page.height * ZOOM), image.width, image.height))
    colours = {colour for _, colour in legend.getcolors(maxcolors=1 << 16)}
    assert set(ROLE_COLOURS.values()) | {colour for _, colour in LEGEND_MARKS} <= colours


def test_lines_are_drawn_in_the_colour_of_what_they_became(paper):
    image = paper.draw(1, ZOOM)
    line = next(line for line in paper.line_roles() if line[0] == 1 and line[5] == "heading")
    x0, y0 = round(line[1] * ZOOM), round(line[2] * ZOOM)
    assert image.getpixel((x0 + 5, y0)) != (255, 255, 255)
    furniture = paper.furniture[0].box
    red, green, blue = image.getpixel((round((furniture.x0 + furniture.x1) / 2 * ZOOM), round(furniture.y0 * ZOOM)))
    assert red > 150 and green < 120 and blue < 120


def test_a_document_read_from_its_json_draws_its_blocks(paper):
    again = Document.model_validate_json(paper.model_dump_json())
    with_blocks, with_lines = again.draw(2, ZOOM), paper.draw(2, ZOOM)
    assert with_blocks.size == with_lines.size
    assert changed_pixels(with_blocks, with_lines) > 1000


def test_edits_and_ocr_are_marked(scan):
    drawn = scan.draw(2, ZOOM)
    no_edits = scan.model_copy(update={"edits": []})
    no_edits.keep_line_roles(scan.line_roles())
    assert changed_pixels(drawn, no_edits.draw(2, ZOOM)) > 500
    as_text = scan.model_copy(update={"pages": [page.model_copy(update={"text_source": "text"})
                                                for page in scan.pages]})
    as_text.keep_line_roles(scan.line_roles())
    assert changed_pixels(drawn, as_text.draw(2, ZOOM)) > 10_000


def test_show_writes_one_png_per_page_asked_for(tmp_path, capsys):
    assert main(["show", str(gold_pdf("northfield-ar-2025")), "--pages", "1,3", "-o", str(tmp_path)]) == 0
    assert sorted(path.name for path in tmp_path.iterdir()) == ["northfield-ar-2025.page-1.png",
                                                              "northfield-ar-2025.page-3.png"]
    with pymupdf.open(gold_pdf("northfield-ar-2025")) as pdf:
        assert Image.open(tmp_path / "northfield-ar-2025.page-3.png").width == round(pdf[2].rect.width * 1.5)


def test_show_refuses_a_page_the_file_does_not_have(tmp_path, capsys):
    assert main(["show", str(gold_pdf("northfield-ar-2025")), "--pages", "2-9", "-o", str(tmp_path)]) == 2
    assert "has 3 pages, no page 4" in capsys.readouterr().err
    assert not list(tmp_path.iterdir())


def test_show_says_in_one_line_why_a_file_cannot_be_read(tmp_path, capsys):
    bad = tmp_path / "notes.pdf"
    bad.write_text("not a pdf")
    assert main(["show", str(bad), "-o", str(tmp_path / "out")]) == 3
    assert capsys.readouterr().err.strip() == f"{bad}: not a PDF (no %PDF header)"
