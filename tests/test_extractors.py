"""Both extractors yield the same model and, through the pipeline, the same text."""

import pymupdf
import pytest

from pipeline import process_pdf
from pipeline.core.geometry import RawDocument, RawPage, Word
from pipeline.evaluation.documents import output_blocks
from pipeline.stages.extract import extract, read_symbol_fonts

from .conftest import GOLD_IDS, HELDOUT_IDS, gold_pdf


@pytest.mark.parametrize("doc_id", GOLD_IDS + HELDOUT_IDS)
def test_pymupdf_and_pdfplumber_give_the_same_final_text(doc_id):
    by_pymupdf = output_blocks(process_pdf(gold_pdf(doc_id), extractor="pymupdf"))
    by_pdfplumber = output_blocks(process_pdf(gold_pdf(doc_id), extractor="pdfplumber"))
    assert by_pymupdf == by_pdfplumber


@pytest.mark.parametrize("extractor", ["pymupdf", "pdfplumber"])
def test_words_carry_style_and_links(extractor):
    raw = extract(gold_pdf("cstr-2025-07"), extractor)
    words = [w for page in raw.pages for w in page.words]
    assert any(w.bold for w in words)
    assert any(w.link == "https://example.org/prss-1" and w.text == "launched" for w in words)
    assert {w.page for w in words} == {1, 2, 3}
    assert all(w.x0 < w.x1 and w.y0 < w.y1 and w.size > 0 for w in words)


@pytest.mark.parametrize("extractor", ["pymupdf", "pdfplumber"])
def test_only_links_to_web_and_mail_addresses_are_kept(extractor, tmp_path):
    """A link annotation to ``javascript:``, ``data:`` or any other scheme leaves its words
    unlinked, and a warning names its target."""
    targets = {"Report": "https://example.org/report", "Write": "mailto:office@example.org",
               "Steal": "javascript:alert(document.cookie)", "Show": "data:text/html,<script>alert(1)</script>"}
    document = pymupdf.open()
    page = document.new_page()
    for index, (word, target) in enumerate(targets.items()):
        y = 72 + 24 * index
        page.insert_text((72, y), word, fontsize=10, fontname="helv")
        page.insert_link({"kind": pymupdf.LINK_URI, "from": pymupdf.Rect(70, y - 10, 120, y + 3), "uri": target})
    document.save(tmp_path / "links.pdf")
    raw = extract(tmp_path / "links.pdf", extractor)
    assert {word.text: word.link for word in raw.pages[0].words} == {
        "Report": targets["Report"], "Write": targets["Write"], "Steal": None, "Show": None}
    [warning] = [warning for warning in raw.warnings if "left as plain text" in warning]
    assert targets["Steal"] in warning and targets["Show"] in warning


def test_a_page_that_cannot_be_read_is_skipped_with_a_warning(monkeypatch):
    from pipeline.stages import extract as extract_module

    read_page = extract_module.read_pymupdf_page

    def broken_second_page(page, number, messages=None):
        if number == 2:
            raise RuntimeError("code=2: syntax error in content stream")
        return read_page(page, number, messages)

    monkeypatch.setattr(extract_module, "read_pymupdf_page", broken_second_page)
    document = process_pdf(gold_pdf("cstr-2025-07"))
    assert "page 2 skipped: syntax error in content stream" in document.warnings
    assert document.page_count == 3
    assert {p for para in document.paragraphs() for p in para.pages} == {1, 3}


def test_unmapped_glyphs_from_pdfplumber_become_replacement_characters():
    from pipeline.stages.extract import _pdfplumber_word

    raw = {"text": "(cid:127)", "x0": 1.0, "top": 2.0, "x1": 3.0, "bottom": 4.0, "size": 9.0, "fontname": "F1"}
    assert _pdfplumber_word(raw, 1).text == "\ufffd"


def test_quotes_are_kept_as_printed_unless_ascii_is_asked_for():
    from pipeline.stages.repair import repair_word

    assert repair_word("“mud”") == "“mud”"
    assert repair_word("“mud”", ascii_punctuation=True) == '"mud"'


def test_an_accent_set_before_its_letter_is_put_on_it():
    from pipeline.stages.repair import repair_word

    assert [repair_word(w) for w in ("na¨ıve", "´etude", "Erd˝os", "Fran¸cois", "ˇCech")] == \
        ["naïve", "étude", "Erdős", "François", "Čech"]
    assert repair_word("x´") == "x´"  # a prime after a letter is left alone


def test_fullwidth_punctuation_is_kept_in_chinese_and_narrowed_elsewhere():
    from pipeline.stages.repair import repair_word

    assert repair_word("环境，") == "环境，"
    assert repair_word("ＡＢＣ，") == "ABC,"


def test_a_tab_or_a_typographic_space_inside_a_span_parts_words():
    from pipeline.stages.extract import _span_words

    words: list = []
    for text in ("23.\tIf", "de\u2003la"):
        span = {"text": text, "bbox": (0.0, 0.0, 60.0, 10.0), "font": "Helvetica", "flags": 0, "size": 10.0}
        _span_words(span, 1, words)
    assert [w.text for w in words] == ["23.", "If", "de", "la"]


def test_a_word_printed_after_a_space_is_not_glued_to_a_symbol_glyph_boxed_over_that_space():
    from pipeline.stages.extract import Turn, _read_lines
    from pipeline.stages.lines import build_lines

    def span(text: str, font: str, x0: float, x1: float) -> dict:
        return {"text": text, "bbox": (x0, 661.8, x1, 671.8), "font": font, "flags": 0, "size": 10.0}

    spans = [span("permittivity", "Times-Roman", 246.5, 293.4), span("ε", "Symbol", 295.8, 303.7),
             span(" ", "Times-Roman", 301.1, 304.3), span("together", "Times-Roman", 304.3, 337.1)]
    words = _read_lines([{"dir": (1.0, 0.0), "spans": spans}], Turn((1, 0), 612, 792), 1, frozenset()).words
    lines = build_lines(RawPage(1, 612, 792, words))
    assert [word.text for line in lines for word in line.words] == ["permittivity", "ε", "together"]


def test_a_font_whose_spans_all_advance_alike_is_monospaced():
    from pipeline.stages.extract import fixed_pitch_fonts

    def line(font: str, text: str, per_char: float) -> dict:
        return {"dir": (1.0, 0.0), "spans": [{"font": font, "text": text, "size": 10.0,
                                              "bbox": (0.0, 0.0, per_char * len(text), 10.0)}]}

    code = ["CREATE MASK", "ON HR_SCHEMA.EMPLOYEES", "RETURN", "CASE WHEN x THEN y", "ELSE NULL END", "qfjkvz"]
    prose = ["The river rose", "sharply in May and", "fell in June when", "the gauges were read", "by the keepers"]
    lines = [line("Gothic", text, 6.0) for text in code] + \
        [line("Sans", text, 5.0 + 0.01 * index) for index, text in enumerate(prose)] + \
        [line("Digits", text, 5.56) for text in ("2024", "41.2", "38.9", "12.5", "13.0", "1,539")]
    assert fixed_pitch_fonts(lines) == {"Gothic"}


@pytest.mark.parametrize("extractor", ["pymupdf", "pdfplumber"])
def test_text_drawn_over_itself_is_read_once(extractor, tmp_path):
    """Fake bold (the same line drawn again 0.4 pt to the right) and a grey shadow come out
    once; with PyMuPDF a warning counts the copies (four; pdfplumber drops copied characters
    itself); the dots of a tight leader are not copies."""
    document = pymupdf.open()
    page = document.new_page()
    for dx, colour in ((0, (0, 0, 0)), (0.4, (0, 0, 0)), (0.8, (0.5, 0.5, 0.5))):
        page.insert_text((72 + dx, 100), "Annual report", fontsize=14, fontname="helv", color=colour)
    page.insert_text((72, 140), "Contents 3", fontsize=10, fontname="helv")
    for index in range(30):
        page.insert_text((140 + 1.8 * index, 160), ".", fontsize=10, fontname="helv")
    path = tmp_path / "overprint.pdf"
    document.save(path)
    result = process_pdf(path, extractor=extractor, ocr="never")
    text = " ".join(block_text for _, block_text in output_blocks(result))
    assert text.count("Annual") == 1 and text.count("report") == 1
    copies = ["4 words drawn over itself (a copy for fake bold or a shadow) read once, on page 1"]
    assert [w for w in result.warnings if "drawn over itself" in w] == (copies if extractor == "pymupdf" else [])


def test_symbol_font_letters_are_greek_and_dingbat_controls_bullets():
    words = [Word("b", 0, 0, 5, 10, 10, "Symbol"), Word("a", 10, 0, 15, 10, 10, "SymbolMT"),
             Word("b", 20, 0, 25, 10, 10, "Helvetica"), Word("\x84", 0, 20, 5, 30, 10, "Wingdings"),
             Word("y", 10, 20, 15, 30, 10, "Wingdings"), Word("\x14", 20, 20, 25, 30, 10, "ZapfDingbats")]
    read_symbol_fonts(RawDocument("file.pdf", [RawPage(1, 100, 100, words)]))
    assert [word.text for word in words] == ["β", "α", "b", "•", "y", "•"]


def test_text_printed_in_white_is_hidden_unless_drawn_on_a_backdrop(tmp_path):
    """A cover's "Front cover" label in white on the white page cannot be seen; a label in white
    on a dark panel can."""
    document = pymupdf.open()
    page = document.new_page()
    page.insert_text((72, 60), "Front cover", fontsize=24, fontname="hebo", color=(0.99, 0.99, 0.99))
    page.draw_rect(pymupdf.Rect(60, 90, 300, 130), color=None, fill=(0.1, 0.3, 0.6))
    page.insert_text((72, 118), "Issue label", fontsize=18, fontname="hebo", color=(1, 1, 1))
    page.insert_text((72, 170), "Body text in black.", fontsize=10, fontname="helv")
    path = tmp_path / "white.pdf"
    document.save(path)
    words = {word.text: word.hidden for word in extract(path).pages[0].words}
    assert words == {"Front": True, "cover": True, "Issue": False, "label": False, "Body": False, "text": False,
                     "in": False, "black.": False}


def test_words_of_a_row_set_as_one_run_with_spaces_filling_its_gaps_stand_where_drawn(tmp_path):
    """groff sets a table row as one run of text, its cells parted by runs of spaces: its
    words are placed by their characters, not by an even share of the run's width."""
    doc = pymupdf.open()
    page = doc.new_page(width=400, height=200)
    page.insert_font(fontname="helv")
    page.insert_text((0, -10), " ")  # a content stream to write the row into
    doc.update_stream(page.get_contents()[0],
                      b"BT /helv 10 Tf 50 150 Td [(Wide Hall                ) -150 (38            1,240)] TJ ET")
    doc.save(tmp_path / "row.pdf")
    drawn = {w[4]: w[0] for w in pymupdf.open(tmp_path / "row.pdf")[0].get_text("words")}
    words = extract(tmp_path / "row.pdf", "pymupdf").pages[0].words
    assert [w.text for w in words] == ["Wide", "Hall", "38", "1,240"]
    assert all(abs(w.x0 - drawn[w.text]) < 0.5 for w in words)


def test_glyphs_filled_and_stroked_read_as_bold(tmp_path):
    """A word processor sets a Chinese font with no bold face in bold by stroking its glyphs
    over their fill (in one pass, or filled and then stroked): such words are bold; merely
    filled or merely outlined words are not."""
    document = pymupdf.open()
    page = document.new_page()
    page.insert_text((72, 100), "一、概况", fontsize=12, fontname="china-s", render_mode=2, border_width=0.03)
    page.insert_text((72, 130), "二、授信", fontsize=12, fontname="china-s")
    page.insert_text((72, 130), "二、授信", fontsize=12, fontname="china-s", render_mode=1, border_width=0.03)
    page.insert_text((72, 160), "正文内容", fontsize=12, fontname="china-s")
    page.insert_text((72, 190), "Outline", fontsize=12, fontname="helv", render_mode=1)
    document.save(tmp_path / "fake-bold.pdf")
    words = extract(tmp_path / "fake-bold.pdf").pages[0].words
    assert {word.text: word.bold for word in words} == {"一、概况": True, "二、授信": True, "正文内容": False,
                                                        "Outline": False}


def test_messages_mupdf_gives_while_tracing_text_are_not_the_files(monkeypatch, tmp_path):
    """Reading which text is filled and stroked traces each page's text, and MuPDF may warn
    while tracing (a glyph's advance it cannot measure, where reading the text needs none):
    those messages are dropped; the ones reading the file gives are kept."""
    trace, load = pymupdf.Page.get_texttrace, pymupdf.Document.__getitem__

    def noisy_trace(page):
        pymupdf.mupdf.fz_warn("FT_Get_Advance: invalid glyph index")
        return trace(page)

    def noisy_load(document, index):
        pymupdf.mupdf.fz_warn("cannot find object in xref")
        return load(document, index)

    document = pymupdf.open()
    document.new_page().insert_text((72, 100), "Some text", fontsize=10, fontname="helv")
    document.save(tmp_path / "plain.pdf")
    monkeypatch.setattr(pymupdf.Page, "get_texttrace", noisy_trace)
    monkeypatch.setattr(pymupdf.Document, "__getitem__", noisy_load)
    warnings = extract(tmp_path / "plain.pdf").warnings
    assert "MuPDF: cannot find object in xref" in warnings
    assert not [warning for warning in warnings if "FT_Get_Advance" in warning]
