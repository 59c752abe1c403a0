"""Scanned input: OCR layers, image-only pages OCR'd with Tesseract, and the OCR corrector.

The scanned twins of the gold corpus (``tests/scanned``, made by ``tests/scanned/build.py``)
hold the quality figures so they cannot slide back; ``make eval-ocr`` prints them.
"""

from __future__ import annotations

import json
from pathlib import Path

import pymupdf
import pytest

from pipeline import PdfError, process_pdf
from pipeline.batch.failures import KINDS
from pipeline.core.edits import EditLog
from pipeline.core.geometry import RawDocument, RawPage, Unit, Word
from pipeline.evaluation.documents import evaluate, gold_pairs, load_gold_json, mean_scores
from pipeline.evaluation.ocr import corrected_words, pair_scores
from pipeline.language.lexicon import DocumentVocabulary
from pipeline.settings import DEFAULTS
from pipeline.stages.extract import read_pymupdf_page
from pipeline.stages.ocr import (
    estimate_skew,
    installed_languages,
    mark_bold_words,
    printed_lines,
    recognise_pages,
    square_line,
    steady_line,
    steady_sizes,
)
from pipeline.stages.ocrfix import OcrCorrector, correct_ocr, stray_mark_correction

from .conftest import GOLD_IDS, HELDOUT_IDS, ROOT, SHARED, gold_json, requires_shared, run_cli

SCANNED = ROOT / "tests" / "scanned"
HELDOUT_SCANNED = ROOT / "tests" / "heldout_scanned"
OCR_PAIRS = SHARED / "corpus" / "ocr-pairs" / "ocr_pairs_en.jsonl"


def scanned(variant: str, doc_id: str) -> tuple[Path, Path]:
    return SCANNED / variant / "pdf" / f"{doc_id}.pdf", SCANNED / variant / "gold" / f"{doc_id}.json"


@pytest.fixture(scope="module")
def good_scans():
    return [evaluate(*scanned("good", doc_id)) for doc_id in GOLD_IDS]


@pytest.mark.slow
def test_an_ocr_layer_is_recognised_and_read_without_ocr_again():
    document = process_pdf(scanned("good", "northfield-ar-2025")[0])
    assert {page.text_source for page in document.pages} == {"ocr layer"}
    assert all(page.text_quality > 0.9 and not page.ocr_decision for page in document.pages)


@pytest.mark.slow
def test_good_scans_read_almost_as_well_as_born_digital(good_scans):
    mean = {metric: sum(getattr(s, metric) for s in good_scans) / len(good_scans)
            for metric in ("cer", "sentence_recall", "paragraph_recall")}
    assert mean["cer"] <= 0.03
    assert mean["sentence_recall"] >= 0.8
    assert mean["paragraph_recall"] >= 0.85
    assert all(s.leakage == 0 for s in good_scans)


@pytest.mark.slow
def test_good_and_image_only_scans_meet_the_bar_on_scans_made_by_another_toolchain():
    good = mean_scores([evaluate(pdf, gold) for pdf, gold in gold_pairs(HELDOUT_SCANNED / "good")])
    assert good["cer"] <= 0.01 and good["sentence_recall"] >= 0.9 and good["paragraph_recall"] >= 0.85
    assert good["leakage"] == 0
    assert good["heading_precision"] >= 0.95 and good["heading_recall"] >= 0.95
    image = mean_scores([evaluate(pdf, gold) for pdf, gold in gold_pairs(HELDOUT_SCANNED / "image")])
    assert image["cer"] <= 0.02 and image["paragraph_recall"] >= 0.85
    assert image["heading_precision"] >= 0.95 and image["heading_recall"] >= 0.95


@pytest.mark.slow
def test_poor_scans_have_half_their_text_layer_errors_fixed():
    """The issue's bar, on scans made by another toolchain (OCRmyPDF at 120 dpi)."""
    rows = [evaluate(pdf, gold) for pdf, gold in gold_pairs(HELDOUT_SCANNED / "poor")]
    assert len(rows) == 7
    mean = mean_scores(rows)
    assert mean["ocr_fixed_share"] >= 0.5
    assert mean["cer"] <= 0.03
    assert mean["heading_precision"] >= 0.85 and mean["heading_recall"] >= 0.85
    corrections = sum(r.ocr.corrections for r in rows)
    assert sum(r.ocr.wrong_corrections for r in rows) <= 0.1 * corrections


@pytest.mark.slow
def test_image_only_pages_are_ocred_automatically():
    pdf, gold = scanned("image", "northfield-ar-2025")
    scores = evaluate(pdf, gold)
    document = process_pdf(pdf)
    assert {page.text_source for page in document.pages} == {"tesseract"}
    assert all("OCR'd at 300 dpi: no text" in page.ocr_decision for page in document.pages)
    assert scores.cer <= 0.02 and scores.paragraph_recall >= 0.85
    born_digital = process_pdf(ROOT / "tests/corpus/pdf/northfield-ar-2025.pdf")
    assert document.title == born_digital.title
    assert document.headings() == born_digital.headings()  # bold from the strokes, as printed


def test_the_scanned_seed_newsletter_has_the_structure_of_the_born_digital_one():
    """The project's origin: a two-column newsletter scanned with an OCR layer. Its masthead
    is set in two sizes, and its contents box in a sans face beside a serif body (which a
    scan's strokes show as heavier, line by line)."""
    scan = process_pdf(ROOT / "input_pdfs/cstr-2025-07-scanned.pdf")
    born_digital = process_pdf(ROOT / "input_pdfs/cstr-2025-07.pdf")
    assert {page.text_source for page in scan.pages} == {"ocr layer"}
    assert (scan.title, scan.toc, scan.headings()) == (born_digital.title, born_digital.toc, born_digital.headings())


def test_image_only_pages_without_ocr_fail_with_one_clear_reason(monkeypatch):
    pdf, _ = scanned("image", "northfield-ar-2025")
    with pytest.raises(PdfError, match="OCR is off"):
        process_pdf(pdf, ocr="never")
    monkeypatch.setattr("pipeline.stages.ocr.tesseract_path", lambda: None)
    with pytest.raises(PdfError, match="Tesseract is not installed"):
        process_pdf(pdf)


@pytest.mark.slow
def test_the_cli_takes_the_ocr_options(tmp_path):
    pdf, _ = scanned("image", "northfield-ar-2025")
    result = run_cli("run", str(pdf), "-o", str(tmp_path), "--ocr", "never")
    assert result.returncode == KINDS["no-text"][0]
    assert f"{pdf}: no text: the pages are empty or image-only (a scan without a text layer; OCR is off)" \
        in result.stderr.splitlines()


@pytest.mark.slow
def test_corrections_are_logged_with_page_box_and_confidence_and_can_be_switched_off():
    pdf = scanned("poor", "riverlands-14")[0]
    corrections = [e for e in process_pdf(pdf).edits if e.kind == "ocr_correction"]
    assert corrections
    assert all(e.box and e.box.page == e.page and 0 < e.confidence <= 1 and e.reason for e in corrections)
    assert not [e for e in process_pdf(pdf, ocr_fix=False).edits if e.kind == "ocr_correction"]


def test_born_digital_pages_are_never_corrected():
    for doc_id in GOLD_IDS:
        document = process_pdf(ROOT / "tests/corpus/pdf" / f"{doc_id}.pdf")
        assert not [e for e in document.edits if e.kind == "ocr_correction"]


@pytest.mark.parametrize("doc_id", GOLD_IDS + HELDOUT_IDS)
def test_the_corrector_changes_no_correct_word_of_the_gold_text(doc_id):
    text = load_gold_json(gold_json(doc_id), 1).text
    words = text.split()
    after = corrected_words(OcrCorrector(DocumentVocabulary([text])), words)
    assert [(word, fixed) for word, fixed in zip(words, after) if fixed != word] == []


@pytest.mark.parametrize(("read", "meant"), [
    ("Intemational", "International"), ("retum", "return"), ("tbe", "the"), ("woodiand", "woodland"),
    ("evldenco", "evidence"), ("Igbal", "Iqbal"), ("lunar", None), ("1999", None), ("NASA", None),
    ("McRoy", None), ("Patonga", None), ("betweene", None), ("WNEVDO", None), ("e-mail", None),
    ("handied", "handled"), ("manutacturer's", "manufacturer's"), ("afe", "are"),
    ("|icences", "licences"), ("asist", None), ("shal", None),
])
def test_the_corrector_fixes_misreadings_and_leaves_rare_words(read, meant):
    corrector = OcrCorrector(DocumentVocabulary(["A page of text about Iqbal."]))
    assert corrector.correct(read) == meant


def test_the_document_vouches_for_a_spelling_and_case_is_kept():
    corrector = OcrCorrector(DocumentVocabulary(["MANCHESTER and Manchester; Chongqing is in China."]))
    assert corrector.correct("MANCHESTFR") == "MANCHESTER"
    assert corrector.correct("Chongging,") == "Chongqing,"


def test_a_name_is_not_corrected_to_its_likelier_misreading():
    # at low resolution an "l" loses its height and reads as "i" far more often than the reverse
    corrector = OcrCorrector(DocumentVocabulary(["Ardie Valley, Ardie Bridge, Ardiemouth and the Ardle Hotel"]))
    assert corrector.correct("Ardle") is None
    assert corrector.correct("Ardlemouth") is None
    assert OcrCorrector(DocumentVocabulary(["Chongqing and Chongqing"])).correct("Chongging") == "Chongqing"


def test_a_known_word_is_corrected_only_to_a_far_commoner_one_the_document_prints_often():
    text = "All of them, all year, at all times; the end and the rest and more and so on. It is an ali"
    corrector = OcrCorrector(DocumentVocabulary([text]))
    assert corrector.correct("ali,") == "all,"
    assert corrector.correct("end") is None  # "and" is far commoner, but "end" is a common word too
    assert OcrCorrector(DocumentVocabulary(["an ali here"])).correct("ali") is None


def test_a_known_word_is_corrected_when_its_neighbours_make_another_far_likelier():
    text = "Lichens on the bark of old trees; the hark surface is rough. Mosses and lichens"
    corrector = OcrCorrector(DocumentVocabulary([text]))
    assert corrector.correct("hark", "the", "surface") == "bark"
    assert corrector.correct("hark") is None  # no neighbours, no evidence
    assert corrector.correct("mosses", "the", "and") is None  # "the masses and" fits, but the text never says masses


def test_neighbours_choose_between_two_likely_readings():
    corrector = OcrCorrector(DocumentVocabulary(["a text"]))
    assert corrector.correct("stee!") is None  # steel or steal?
    assert corrector.correct("stee!", "stainless", "frame") == "steel"


def test_a_word_the_document_prints_consistently_is_its_spelling():
    text = "The Kirrawee gauge. Kirrawee Creek. The Kirrawee site."
    assert OcrCorrector(DocumentVocabulary([text])).correct("Kirrawee") is None


@pytest.mark.slow
@requires_shared
def test_on_real_ocr_lines_the_corrector_is_precise_and_leaves_correct_lines_alone():
    scores = pair_scores(OCR_PAIRS)
    assert scores.clean_pairs == 74 and scores.clean_pairs_changed == 0
    assert scores.precision >= 0.9
    assert scores.fixed >= 50
    assert scores.cer_after < scores.cer_before


def test_page_decisions_are_in_the_json(tmp_path):
    pdf = scanned("good", "cstr-2025-07")[0]
    data = json.loads(process_pdf(pdf).model_dump_json())
    assert {page["text_source"] for page in data["pages"]} == {"ocr layer"}
    assert all(isinstance(page["text_quality"], float) for page in data["pages"])


def test_heldout_ids_are_not_part_of_the_scanned_twins():
    assert not set(HELDOUT_IDS) & {p.stem for p in (SCANNED / "good" / "pdf").glob("*.pdf")}


def _page_of(texts: list[str]) -> RawPage:
    return RawPage(1, 600, 800, [Word(t, 50 + 30 * i, 100, 70 + 30 * i, 110, 10) for i, t in enumerate(texts)])


def test_pages_of_figures_or_real_words_are_not_ocred_but_garbage_is(monkeypatch):
    monkeypatch.setattr("pipeline.stages.ocr.tesseract_path", lambda: None)
    figures, prose = _page_of([".", "1.5", "(3)", "—"] * 50), _page_of(["The", "river", "rose", "in", "March"] * 20)
    garbage = _page_of(["\ufffd\ufffd\ufffd", "\ue001\ue002"] * 50)
    raw = RawDocument("no-file.pdf", [figures, prose, garbage])
    recognise_pages(raw, "no-file.pdf")
    assert [p.text_quality for p in raw.pages] == [0.0, 1.0, 0.0]
    assert raw.warnings == ["OCR skipped: Tesseract is not installed (apt-get install tesseract-ocr tesseract-ocr-eng)"]


def test_a_mark_closed_later_in_the_paragraph_is_kept_and_an_unclosed_one_dropped():
    long_aside = ["Smith", "and", "Jones,", "in", "their", "survey", "of", "the", "northern", "estuaries",
                  "over", "two", "decades,", "found"]
    assert stray_mark_correction("(see", [*long_aside, "this).", "More"]) is None
    assert stray_mark_correction("'of", ["the", "group's", "members", "at", "o'clock."]).after == "of"
    assert stray_mark_correction("'Their", ["results", "were", "clear'."]) is None


def test_lines_of_a_page_scanned_askew_are_not_interleaved():
    skew = 0.015  # 0.9°: a line falls 7 points across the page, more than half a line's distance
    lines = [[f"first{i}" for i in range(10)], [f"second{i}" for i in range(10)]]

    def ocr_words() -> list[Word]:
        words = []
        for row, texts in enumerate(lines):
            for column, text in enumerate(texts):
                jitter = 1.2 if column % 2 else -1.2  # OCR baselines wander by a pixel or two
                x0 = 50 + 50 * column
                baseline = 100 + 10.5 * row + skew * x0 + jitter
                words.append(Word(text, x0, baseline - 8, x0 + 40, baseline + 2, 10))
        return words

    def texts(found: list[list[Word]]) -> list[list[str]]:
        return [[word.text for word in line] for line in found]

    assert estimate_skew(ocr_words()) == pytest.approx(skew, abs=0.001)
    assert texts(printed_lines(ocr_words())) == lines
    assert texts(printed_lines(ocr_words(), skew=0.0)) != lines  # unlevelled, the two lines are mixed


def test_a_page_scanned_3_degrees_askew_gets_level_lines_and_straight_margins():
    """A list scanned askew: its lines levelled and its left edges back under one another,
    so the items' marks stand at one x and their wrapped lines hang under their text."""
    skew = 0.05  # 2.9°: the left margin drifts 3 points from one line to the next
    indents = [70, 80, 70, 70, 80, 70]  # marks at 70, wrapped lines at 80
    words = []
    for row, x in enumerate(indents):
        tokens = (["•"] if x == 70 else []) + [f"w{row}x{i}" for i in range(10)]
        y = 300 + 14 * row
        for column, token in enumerate(tokens):
            left = x + (10 + 40 * (column - 1) if x == 70 and column else 40 * column)
            x0 = left - skew * (y - 396)  # turned about the page's middle: lower lines start further left
            baseline = y + skew * (x0 - 300)
            words.append(Word(token, x0, baseline - 8, x0 + (3 if token == "•" else 30), baseline + 2, 10))
    skew_found = estimate_skew(words)
    lines = printed_lines(words, skew_found)
    for line in lines:
        steady_line(line)
        square_line(line, skew_found, 396)
    assert skew_found == pytest.approx(skew, abs=0.002)
    assert [round(line[0].x0) for line in sorted(lines, key=lambda line: line[0].y0)] == indents


def test_bold_is_seen_in_the_strokes_even_where_ocr_runs_a_heading_into_body_text():
    left, right, heading = "the river rose slowly over the meadows", "and the farmers moved their herds", \
        "Moving the Herds"
    gutter_x = 20 + pymupdf.get_text_length(left, "helv", 9) + 16  # a 16-point gutter: under 2.5 sizes
    document = pymupdf.open()
    page = document.new_page(width=400, height=300)
    for row in range(12):
        page.insert_text((20, 40 + 12 * row), left, fontname="helv", fontsize=9)
        if row == 5:
            page.insert_text((gutter_x, 40 + 12 * row), heading, fontname="hebo", fontsize=10)
        else:
            page.insert_text((gutter_x, 40 + 12 * row), right, fontname="helv", fontsize=9)
    words = read_pymupdf_page(page, 1).words
    for word in words:
        word.bold = False  # as OCR gives them
    lines = printed_lines(words)
    assert any({"rose", "Herds"} <= {word.text for word in line} for line in lines)  # one OCR line
    mark_bold_words(lines, page)
    bold = [word.text for word in words if word.bold]
    assert bold == heading.split()


def test_a_lone_word_of_doubtful_weight_is_bold_only_under_a_bold_line():
    body = "and the farmers moved their herds to higher"
    document = pymupdf.open()
    page = document.new_page(width=300, height=300)
    for row in range(12):
        page.insert_text((20, 40 + 12 * row), body, fontname="helv", fontsize=9)
    page.insert_text((20, 200), "Summer Timetable Begins on 14", fontname="hebo", fontsize=10)
    for y in (212, 250):  # strokes 1.4 times the body's: between the phrase's bar and a lone word's
        page.insert_text((20, y), "June", fontname="helv", fontsize=10, render_mode=2, border_width=0.012)
    words = read_pymupdf_page(page, 1).words
    for word in words:
        word.bold = False  # as OCR gives them
    mark_bold_words(printed_lines(words), page)
    assert [(word.text, word.y1 < 230) for word in words if word.bold] == \
        [(text, True) for text in ["Summer", "Timetable", "Begins", "on", "14", "June"]]


def test_a_body_size_that_ocr_spreads_over_a_fifth_is_one_size_and_a_heading_keeps_its_own():
    # letters per size, as on a 120-dpi scan of 9.5-point type; the commonest size is at one edge
    spread = {9.0: 800, 9.25: 700, 9.5: 500, 9.75: 350, 10.0: 300, 10.25: 250, 10.5: 300, 10.75: 450, 11.0: 600}
    words = [Word("x" * letters, 0, 0, 10, size, size) for size, letters in spread.items()]
    words.append(Word("Heading", 0, 0, 10, 14, 14.0))
    steady_sizes(words)
    assert len({word.size for word in words[:-1]}) == 1
    assert words[-1].size == 14.0


def _nonsense_page(pdf_page, number, dpi, settings):
    texts = ["Oneparop", "rexHuueckoro", "OCMOTPpa", "LIIA"]
    words = [Word(text, 50 + 40 * i, 100, 80 + 40 * i, 110, 10) for i, text in enumerate(texts)]
    return RawPage(number, 600, 800, words, "tesseract"), []


def test_a_scan_in_another_script_names_the_language_package_to_install(monkeypatch):
    from pipeline.stages import ocr

    monkeypatch.setattr(ocr, "tesseract_page", _nonsense_page)
    monkeypatch.setattr(ocr, "page_script", lambda pdf_page, dpi, settings: "Cyrillic")
    monkeypatch.setattr(ocr, "installed_languages", lambda: frozenset({"eng", "osd"}))
    warnings: list[str] = []
    reader = ocr._Reader(ocr.DEFAULTS.ocr, warnings)
    reader.read(None, 1, 300)
    reader.read(None, 2, 300)
    assert warnings == ["OCR: the pages show Cyrillic script but were read as eng: Tesseract's data for rus is "
                        "not installed (apt-get install tesseract-ocr-rus)"]
    monkeypatch.setattr(ocr, "installed_languages", lambda: frozenset({"eng", "osd", "rus"}))
    reader = ocr._Reader(ocr.DEFAULTS.ocr, warnings)
    reader.read(None, 1, 300)
    assert reader.settings.language == "rus+eng"


FRENCH_READ_AS_ENGLISH = ("Le conseil municipal a voté hier soir le budget de la ville pour l'année prochaine. "
                          "Les travaux de la place du marché commenceront au printemps, et la bibliothèque "
                          "restera ouverte pendant toute la durée du chantier. Le maire a rappelé que les "
                          "habitants pourront donner leur avis lors d'une réunion publique.")


def test_a_scan_in_another_latin_language_is_read_again_in_it_from_the_first_page_that_tells(monkeypatch):
    from pipeline.stages import ocr

    languages = []

    def engine(pdf_page, number, dpi, settings):
        languages.append((number, settings.language))
        text = FRENCH_READ_AS_ENGLISH if number > 1 else "Sommaire"  # too few words to tell on page 1
        words = [Word(word, 50 + 40 * i, 100, 80 + 40 * i, 110, 10) for i, word in enumerate(text.split())]
        return RawPage(number, 600, 800, words, "tesseract"), []

    monkeypatch.setattr(ocr, "tesseract_page", engine)
    monkeypatch.setattr(ocr, "installed_languages", lambda: frozenset({"eng", "fra", "osd"}))
    reader = ocr._Reader(ocr.DEFAULTS.ocr, [])
    for number in (1, 2, 3):
        reader.read(None, number, 300)
    assert languages == [(1, "eng"), (2, "eng"), (2, "fra+eng"), (3, "fra+eng")]
    monkeypatch.setattr(ocr, "installed_languages", lambda: frozenset({"eng", "osd"}))
    warnings: list[str] = []
    reader = ocr._Reader(ocr.DEFAULTS.ocr, warnings)
    reader.read(None, 2, 300)
    assert reader.settings.language == "eng" and warnings == [
        "OCR: the pages show words in fr but were read as eng: Tesseract's data for fra is not installed "
        "(apt-get install tesseract-ocr-fra)"]


@pytest.mark.slow
@requires_shared
@pytest.mark.skipif("rus" not in installed_languages(),
                    reason="Tesseract's Russian data is not installed (make installs it)")
def test_a_russian_scan_is_read_as_russian_and_loses_nothing_to_furniture():
    document = process_pdf(SHARED / "corpus" / "wild" / "real" / "pdfjs__issue7229.pdf")
    letters = [ch for ch in document.to_markdown() if ch.isalpha()]
    assert sum("\u0400" <= ch <= "\u04ff" for ch in letters) > 0.6 * len(letters)
    assert document.language == "ru" and not document.furniture


@pytest.mark.slow
def test_a_page_ocred_once_is_not_ocred_again_with_the_cache(tmp_path, monkeypatch):
    from pipeline.stages import ocr

    one_page_scan(tmp_path / "scan.pdf")
    token = ocr.OCR_CACHE.set(tmp_path / "cache")
    try:
        first = process_pdf(tmp_path / "scan.pdf").model_dump_json()

        def no_tesseract(*args, **kwargs):
            raise AssertionError("Tesseract ran again")

        monkeypatch.setattr(ocr, "_run_tesseract", no_tesseract)
        assert process_pdf(tmp_path / "scan.pdf").model_dump_json() == first
    finally:
        ocr.OCR_CACHE.reset(token)
    assert len(list((tmp_path / "cache").glob("*.pdf"))) == len(list((tmp_path / "cache").glob("*.tsv"))) == 1


def test_a_page_whose_body_is_glyphs_without_unicode_is_ocred_though_its_headings_read(monkeypatch, tmp_path):
    pdf = tmp_path / "unmapped.pdf"
    with pymupdf.open() as doc:
        doc.new_page()
        doc.save(pdf)
    body = ["\ufffd" * 7] * 60  # a body font without a Unicode mapping under headings that have one
    page = _page_of(["Introduction", "Method", "Results"] + body)
    read = _page_of(["The", "river", "rose", "in", "March"] * 12)
    monkeypatch.setattr("pipeline.stages.ocr.tesseract_path", lambda: "tesseract")
    monkeypatch.setattr("pipeline.stages.ocr.tesseract_page", lambda *args, **kwargs: (read, []))
    raw = recognise_pages(RawDocument(str(pdf), [page]), pdf)
    assert raw.pages[0] is read
    assert "glyphs without a Unicode mapping (94% of its characters)" in read.ocr_decision


def test_a_line_of_glyphs_without_unicode_is_read_by_ocr_and_the_rest_of_the_page_kept(monkeypatch, tmp_path):
    pdf = tmp_path / "unmapped-line.pdf"
    with pymupdf.open() as doc:
        doc.new_page()
        doc.save(pdf)
    prose = [Word(text, 50 + 40 * i, 100, 85 + 40 * i, 110, 10, "Times") for i, text in
             enumerate(["The", "river", "rose", "in", "March", "again."] * 10)]
    unmapped = Word("\ufffd" * 14, 50, 130, 200, 140, 10, "Janson", italic=True)
    bracket = Word("\ufffd" * 4, 300, 150, 303, 190, 10, "CMEX10")  # a tall stack: pieces of a big bracket
    ocr = [Word("Earn", 52, 131, 80, 139, 9), Word("greater", 84, 131, 120, 139, 9),
           Word("Tbe", 50, 101, 84, 109, 9)]  # OCR's reading of the prose is not wanted
    monkeypatch.setattr("pipeline.stages.ocr.tesseract_path", lambda: "tesseract")
    monkeypatch.setattr("pipeline.stages.ocr.tesseract_page",
                        lambda *args, **kwargs: (RawPage(1, 600, 800, ocr), []))
    page = RawPage(1, 600, 800, [*prose, unmapped, bracket])
    recognise_pages(RawDocument(str(pdf), [page]), pdf)
    assert [w.text for w in page.words] == [w.text for w in prose] + ["Earn", "greater", bracket.text]
    assert all(w.font == "Janson" and w.italic and w.y0 == 130 for w in page.words[60:62])
    assert page.ocr_decision == "1 of 1 words in glyphs without a Unicode mapping read by OCR at 300 dpi"


def one_page_scan(path: Path) -> Path:
    """The first page of an image-only scan, saved at ``path``."""
    one_page = pymupdf.open()
    one_page.insert_pdf(pymupdf.open(SCANNED / "image" / "pdf" / "northfield-ar-2025.pdf"), to_page=0)
    one_page.save(path)
    return path


@pytest.mark.slow
def test_a_cached_result_kept_without_word_confidences_is_not_used(tmp_path, monkeypatch):
    from pipeline.stages import ocr

    scan = one_page_scan(tmp_path / "scan.pdf")
    token = ocr.OCR_CACHE.set(tmp_path / "cache")
    try:
        first = process_pdf(scan).model_dump_json()
        for tsv in (tmp_path / "cache").glob("*.tsv"):
            tsv.unlink()  # as a result kept before the TSV was
        runs = []
        run_tesseract = ocr._run_tesseract
        monkeypatch.setattr(ocr, "_run_tesseract", lambda *args: runs.append(args) or run_tesseract(*args))
        assert process_pdf(scan).model_dump_json() == first
    finally:
        ocr.OCR_CACHE.reset(token)
    assert len(runs) == 1


@pytest.mark.slow
def test_words_ocred_here_carry_tesseracts_confidence_into_the_json(tmp_path):
    document = process_pdf(one_page_scan(tmp_path / "scan.pdf"))
    paragraphs = document.paragraphs()
    assert paragraphs and all(p.ocr_confidence is not None and 0 < p.ocr_confidence <= 1 for p in paragraphs)
    assert sum(p.ocr_confidence or 0 for p in paragraphs) / len(paragraphs) > 0.8
    doubtful = [word for p in paragraphs for word in p.doubtful_words]
    assert all(word.confidence < DEFAULTS.ocrfix.doubtful_confidence and word.box.page == 1 for word in doubtful)
    assert all(word.text in p.text for p in paragraphs for word in p.doubtful_words)
    born_digital = process_pdf(ROOT / "tests/corpus/pdf/northfield-ar-2025.pdf").model_dump_json()
    assert "ocr_confidence" not in born_digital and "doubtful_words" not in born_digital


def ocr_unit(*readings: tuple[str, float | None]) -> Unit:
    """A paragraph of words on OCR'd page 1, each with the OCR engine's confidence (or none)."""
    words = [Word(text, 12.0 * index, 0, 12.0 * index + 10, 10, 10, page=1, confidence=confidence)
             for index, (text, confidence) in enumerate(readings)]
    return Unit("paragraph", [], words=words)


@pytest.mark.parametrize(("confidence", "after"), [(None, "all"), (0.6, "all"), (0.95, "ali")])
def test_a_known_word_tesseract_was_sure_of_is_never_corrected(confidence, after):
    text = "All of them, all year, at all times; the end and the rest and more and so on. It is an"
    unit = ocr_unit(*[(word, None) for word in text.split()], ("ali", confidence))
    correct_ocr([unit], EditLog(), {1})
    assert unit.words[-1].text == after


@pytest.mark.parametrize(("confidence", "after"), [(None, "day."), (0.6, "day."), (0.95, "“day.")])
def test_a_mark_tesseract_was_sure_of_is_kept(confidence, after):
    unit = ocr_unit(("It", None), ("rained", None), ("all", None), ("“day.", confidence))
    correct_ocr([unit], EditLog(), {1})
    assert unit.words[-1].text == after


@pytest.mark.parametrize(("confidence", "after"), [(None, "manket"), (0.95, "manket"), (0.5, "market")])
def test_a_word_tesseract_doubted_is_corrected_on_less_evidence(confidence, after):
    unit = ocr_unit(("Prices", None), ("rose", None), ("manket", confidence))
    correct_ocr([unit], EditLog(), {1})
    assert unit.words[-1].text == after


def test_a_doubtful_line_takes_a_better_second_reading_word_by_word(monkeypatch):
    from pipeline.stages import ocr

    def line_of(*readings: tuple[str, float]) -> list[Word]:
        return [Word(text, 20.0 * index, 100, 20.0 * index + 16, 110, 10, page=1, confidence=confidence)
                for index, (text, confidence) in enumerate(readings)]

    first = line_of(("Riveriands", 0.41), ("Water", 0.8), ("—", 0.11), ("Bulletin", 0.62))
    page = RawPage(1, 612, 792, list(first), text_source="tesseract")
    found = [ocr.TsvWord(word.x0, word.y0, word.x1, word.y1, word.confidence or 0, "1.1.1") for word in first]
    second = line_of(("Riverlands", 0.9), ("Water", 0.93), ("|", 0.3), ("Bulletin", 0.92))
    monkeypatch.setattr(ocr, "_reread", lambda *args: second)
    ocr.reread_doubtful_lines(page, found, None)
    assert [word.text for word in page.words] == ["Riverlands", "Water", "—", "Bulletin"]  # a mark alone stays
    assert page.words[0].confidence == 0.9 and page.words[0].x1 == first[0].x1 == 16
    worse = line_of(("Rivenands", 0.3), ("Water", 0.5), ("—", 0.1), ("Bulletin", 0.5))
    monkeypatch.setattr(ocr, "_reread", lambda *args: worse)
    ocr.reread_doubtful_lines(page, found, None)
    assert page.words[0].text == "Riverlands"
    monkeypatch.setattr(ocr, "_reread", lambda *args: second[:2])  # fewer words: which is which is not known
    page = RawPage(1, 612, 792, line_of(("Riveriands", 0.41), ("Water", 0.8), ("—", 0.11), ("Bulletin", 0.62)))
    ocr.reread_doubtful_lines(page, found, None)
    assert page.words[0].text == "Riveriands"


def test_a_doubtful_line_none_of_whose_words_the_page_kept_is_left_alone(monkeypatch):
    from pipeline.stages import ocr

    page = RawPage(1, 612, 792, [Word("Kept", 0, 300, 20, 310, 10, page=1, confidence=0.9)], text_source="tesseract")
    monkeypatch.setattr(ocr, "_reread", lambda *args: [])
    ocr.reread_doubtful_lines(page, [ocr.TsvWord(0, 100, 9, 110, 0.2, "1.1.1")], None)
    assert [word.text for word in page.words] == ["Kept"]


@pytest.mark.slow
def test_a_line_tesseract_doubted_is_read_again_on_its_own():
    from pipeline.stages.ocr import tesseract_page

    scan = pymupdf.open(SCANNED / "poor" / "pdf" / "riverlands-14.pdf")
    once, _ = tesseract_page(scan[0], 1, 300, DEFAULTS.ocr.model_copy(update={"reread_lines": 0}))
    again, _ = tesseract_page(scan[0], 1, 300)
    changed = [(first.text, second.text) for first, second in zip(once.words, again.words) if first.text != second.text]
    assert ("Riveriands", "Riverlands") in changed  # the running head, read at 0.75 the first time
    assert [(w.x0, w.y0, w.x1, w.y1) for w in once.words] == [(w.x0, w.y0, w.x1, w.y1) for w in again.words]


@pytest.mark.slow
def test_each_page_read_from_its_image_is_released_from_mupdfs_store_before_the_next(monkeypatch, tmp_path):
    from pipeline.stages import ocr

    scan = pymupdf.open(SCANNED / "image" / "pdf" / "riverlands-14.pdf")
    two_pages = pymupdf.open()
    two_pages.insert_pdf(scan, from_page=0, to_page=1)
    path = tmp_path / "two.pdf"
    two_pages.save(path)
    releases: list[int] = []
    monkeypatch.setattr(ocr, "_release_page_images", lambda: releases.append(1))
    document = process_pdf(path)
    assert [page.text_source for page in document.pages] == ["tesseract", "tesseract"]
    assert len(releases) == 2


def _scanned_card(draw) -> pymupdf.Page:
    """A 3-inch page holding nothing but a 300-dpi image of what ``draw`` puts on a page of that size."""
    typeset = pymupdf.open()
    draw(typeset.new_page(width=216, height=216))
    image = typeset[0].get_pixmap(dpi=300, colorspace=pymupdf.csGRAY)
    scan = pymupdf.open()
    scan.new_page(width=216, height=216).insert_image(scan[0].rect, pixmap=image)
    return scan[0]


def test_small_type_on_a_small_scanned_page_is_ink_and_a_plain_sheet_is_not():
    from pipeline.stages.ocr import _has_ink

    def small_type(page):
        page.insert_textbox(pymupdf.Rect(20, 20, 196, 196), "Portez ce vieux whisky au juge blond qui fume. " * 6,
                            fontsize=7, color=(0.3, 0.3, 0.3))

    def white_type_on_dark(page):
        page.draw_rect(page.rect, fill=(0.2, 0.2, 0.2))
        page.insert_text((20, 100), "Annual report", fontsize=9, color=(1, 1, 1))

    def grey_sheet(page):
        page.draw_rect(page.rect, fill=(0.8, 0.8, 0.8), width=0)

    most = DEFAULTS.ocr.max_render_pixels
    assert _has_ink(_scanned_card(small_type), most) and _has_ink(_scanned_card(white_type_on_dark), most)
    assert not _has_ink(_scanned_card(grey_sheet), most) and not _has_ink(_scanned_card(lambda page: None), most)
