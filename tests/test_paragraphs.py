"""Paragraphs cut inside blocks and rejoined across breaks."""

from pipeline.core.edits import EditLog
from pipeline.core.geometry import Region
from pipeline.stages.classify import classify
from pipeline.stages.layout import lay_out_page
from pipeline.stages.paragraphs import build_units, closes_sentence, uses_indentation

from .conftest import column_text, words_from_text


def test_closes_sentence():
    assert closes_sentence('into practice."')
    assert closes_sentence("the end.")
    assert not closes_sentence("the new body is")
    assert not closes_sentence("Earth-sourced,")


def units_of(make_page, pages_words):
    pages = [lay_out_page(make_page(words, number=n)) for n, words in enumerate(pages_words, start=1)]
    log = EditLog()
    return build_units(classify(pages), log), log


def test_indented_lines_start_paragraphs(make_page):
    words = (words_from_text("First paragraph starts here and", 60, 100)
             + column_text(["it goes on to the end of the line", "and stops here."], 50, 112)
             + words_from_text("Second paragraph starts indented", 60, 136)
             + column_text(["and ends at last."], 50, 148))
    units, _ = units_of(make_page, [words])
    assert [u.text for u in units] == [
        "First paragraph starts here and it goes on to the end of the line and stops here.",
        "Second paragraph starts indented and ends at last."]


def test_paragraph_continues_across_a_page_break(make_page):
    page1 = column_text(["As an academic and non-profit body,", "the new body is"], 50, 700, page=1)
    page2 = column_text(["described as being committed to", "uniting professionals."], 50, 60, page=2)
    units, log = units_of(make_page, [page1, page2])
    assert len(units) == 1
    assert "the new body is described as being" in units[0].text
    assert log.count("paragraph_join") == 1


def test_a_word_broken_at_a_line_end_keeps_its_paragraph_whatever_ocr_made_of_the_next_line(make_page):
    lines = ["We hope to resolve these problems without", "lasting damage to the cooperative's fi-"]
    words = (column_text(lines, 50, 100)
             + words_from_text("nances.", 50, 125, size=7))  # OCR sizes a line of x-height letters small
    units, _ = units_of(make_page, [words])
    assert [u.text for u in units] == ["We hope to resolve these problems without lasting damage to the "
                                       "cooperative's fi- nances."]


def test_closed_paragraph_does_not_swallow_the_next_column(make_page):
    left = column_text(["This paragraph is complete and", "it ends in the left column."], 50, 100)
    right = column_text(["A new paragraph opens the", "right column of the page."], 320, 100)
    units, log = units_of(make_page, [left + right])
    assert len(units) == 2
    assert log.count("paragraph_join") == 0


def test_a_paragraph_closed_before_its_note_call_does_not_run_into_the_next_column(make_page):
    left = column_text(["This paragraph is complete and", "it ends with a colour camera."], 50, 100)
    call = words_from_text("*", left[-1].x1 + 0.2, 113, size=6, char_width=3)
    right = column_text(["The short exposures keep the", "core from burning out at all."], 320, 100)
    units, log = units_of(make_page, [left + call + right])
    assert [u.text for u in units][1] == "The short exposures keep the core from burning out at all."
    assert log.count("paragraph_join") == 0


def test_paragraph_resumes_below_a_heading_set_across_the_columns(make_page):
    left = column_text(["A complete first paragraph that", "ends here in the left column."], 50, 100)
    right = column_text(["The second paragraph starts here", "and it runs on until the"], 320, 100)
    box_heading = words_from_text("A Spanning Heading Set Right Across Both Of The Columns", 50, 140, bold=True)
    box_text = words_from_text("The note says something of its own across the page.", 50, 156)
    below = column_text(["box interrupts it, then it ends.", "More text follows later on."], 50, 180)
    units, log = units_of(make_page, [left + right + box_heading + box_text + below])
    texts = [u.text for u in units]
    assert texts[1].startswith("The second paragraph starts here and it runs on until the box interrupts it")
    assert texts[2:] == ["A Spanning Heading Set Right Across Both Of The Columns",
                         "The note says something of its own across the page."]
    assert log.count("paragraph_join") == 1


def test_a_paragraph_goes_on_past_a_heading_at_the_top_of_the_next_column(make_page):
    left = column_text(["A first paragraph that is complete.", "The second one runs down the",
                        "column and it stops at the foot, actively"], 50, 100)
    label = words_from_text("Temperature Range", 320, 100, bold=True)
    right = column_text(["deteriorating as it goes on in the", "next column, where it ends."], 320, 124)
    units, log = units_of(make_page, [left + label + right])
    texts = [u.text for u in units]
    assert "column and it stops at the foot, actively deteriorating as it goes on in the" in texts[0]
    assert log.count("paragraph_join") == 1


def test_a_paragraph_without_a_full_stop_ends_at_a_heading_right_under_it(make_page):
    words = (column_text(["A signed note that runs over", "two lines. — A. Writer"], 50, 100)
             + words_from_text("Next Section", 50, 140, bold=True)
             + column_text(["starts here in lower case", "and runs on to its end."], 50, 160))
    units, log = units_of(make_page, [words])
    assert [u.text for u in units][0] == "A signed note that runs over two lines. — A. Writer"
    assert log.count("paragraph_join") == 0


def indented_column(lines: list[str], starts: set[int], x0: float, y0: float) -> list:
    """A column of lines, those of ``starts`` set in by two font sizes (paragraph starts)."""
    return [word for index, line in enumerate(lines)
            for word in words_from_text(line, x0 + 20 * (index in starts), y0 + 12 * index)]


def test_a_document_that_indents_its_paragraphs_but_not_after_a_heading_is_told_so(make_page):
    heading = words_from_text("Results", 50, 80, bold=True, size=14)
    lines = ["The first paragraph sets in flush", "under its heading and ends here.",
             "A second one is set in from the", "left edge, as paragraphs are in", "this style, and it ends here too."]
    blocks = classify([lay_out_page(make_page(heading + indented_column(lines, {2}, 50, 100)))])
    assert uses_indentation(blocks, 1.0)


def test_a_sentence_closed_at_a_column_foot_goes_on_unindented_in_the_next_column(make_page):
    full, end = "word word word word word word word", "word word word word word word end."
    left = indented_column([full, full, end, "word word word word word word", full, end], {3}, 50, 100)
    right = column_text(["Then it goes on in the next one and", "ends at last here."], 340, 100)
    units, log = units_of(make_page, [left + right])
    assert len(units) == 2 and units[1].text.endswith("Then it goes on in the next one and ends at last here.")
    assert log.count("paragraph_join") == 1


def test_a_paragraph_that_goes_on_a_paragraph_gap_under_a_caption_is_not_the_captions(make_page):
    above = column_text(["The basin was dredged in the spring and the", "depth at the ferry berth had fallen"], 50, 100)
    caption = words_from_text("Table 1: Volumes removed by area", 50, 140)
    below = column_text(["below the charted figure by a metre.", "The silt went to the disposal site."], 50, 160)
    units, _ = units_of(make_page, [above + caption + below])
    texts = [u.text for u in units]
    assert "depth at the ferry berth had fallen below the charted figure by a metre." in texts[0]
    assert texts[1] == "Table 1: Volumes removed by area"


def units_around_a_table(make_page, above: list[str], below: list[str], call: str = "") -> list[str]:
    """The units' texts of a column: ``above`` (its last line raising ``call``), a captioned table,
    then ``below``."""
    words = column_text(above, 50, 100)
    words += words_from_text(call, words[-1].x1 + 0.2, 113, size=6, char_width=3)
    caption = words_from_text("Table 1: Depths by berth", 50, 140, size=9)
    page = make_page(words + caption + column_text(below, 50, 230))
    page.regions = [Region("table", 1, 50, 160, 300, 215)]
    return [unit.text for unit in build_units(classify([lay_out_page(page)]), EditLog())]


def test_a_paragraph_open_above_a_table_goes_on_below_it_whatever_its_next_word(make_page):
    texts = units_around_a_table(make_page, ["The depth at the ferry berth had been", "reduced over the winter by"],
                                 ["Storm Agnes to below the charted figure.", "The silt was taken offshore."])
    assert texts[0] == ("The depth at the ferry berth had been reduced over the winter by "
                        "Storm Agnes to below the charted figure. The silt was taken offshore.")


def test_a_ragged_paragraph_open_above_a_table_goes_on_below_it(make_page):
    texts = units_around_a_table(make_page, ["The depth at the ferry berth had been", "reduced over the winter and",
                                             "considerably by"], ["Storm Agnes to below the charted figure."])
    assert texts[0].endswith("reduced over the winter and considerably by Storm Agnes to below the charted figure.")


def test_a_table_after_a_paragraph_that_went_on_past_a_figure_comes_after_the_figure(make_page):
    words = column_text(["The depth at the ferry berth had been", "reduced over the winter by"], 50, 100)
    words += words_from_text("Figure 1: Soundings at the berth", 50, 210, size=9)
    words += column_text(["Storm Agnes to below the charted figure."], 50, 240)
    words += words_from_text("Table 1: Depths by berth", 50, 265, size=9)
    words += column_text(["The silt was taken offshore."], 50, 345)
    page = make_page(words)
    page.regions = [Region("figure", 1, 50, 130, 300, 200), Region("table", 1, 50, 280, 300, 330)]
    units = build_units(classify([lay_out_page(page)]), EditLog())
    assert [unit.kind for unit in units] == ["paragraph", "figure", "caption", "caption", "table", "paragraph"]
    assert units[3].text == "Table 1: Depths by berth"


def test_a_paragraph_closed_by_a_stop_after_its_note_call_ends_above_a_table(make_page):
    texts = units_around_a_table(make_page, ["Several orchards lost more than half", "of their king flowers"],
                                 ["The valley sites were the coldest.", "The logger at the cross stopped."], "*.")
    assert texts[0] == "Several orchards lost more than half of their king flowers *."


def test_a_numbered_item_set_with_a_hanging_indent_is_one_paragraph(make_page):
    words = (words_from_text("23.", 50, 100)
             + words_from_text("If your country has a legal aid body, how many", 80, 100)
             + column_text(["lawyers does it employ full time, and how", "many part time?"], 80, 112)
             + words_from_text("24.", 50, 148)
             + words_from_text("Who pays for the services of the lawyers", 80, 148)
             + column_text(["it employs?"], 80, 160))
    units, _ = units_of(make_page, [words])
    assert [u.text for u in units] == [
        "23. If your country has a legal aid body, how many lawyers does it employ full time, and how many "
        "part time?",
        "24. Who pays for the services of the lawyers it employs?"]


def test_a_numbered_item_does_not_continue_an_open_paragraph_overleaf(make_page):
    page1 = column_text(["The following function invocation returns", "VERIFY (CURRENT_USER, 'JUDY', 'TONY')"],
                        50, 700, page=1)
    page2 = (words_from_text("2.", 50, 60, page=2)
             + words_from_text("The other column to mask is the TAX_ID. The", 66, 60, page=2)
             + column_text(["rules to enforce are the following ones."], 66, 72, page=2))
    units, log = units_of(make_page, [page1, page2])
    assert [u.text for u in units][-1] == "2. The other column to mask is the TAX_ID. The rules to enforce are the " \
                                          "following ones."
    assert log.count("paragraph_join") == 0


def test_lines_set_flush_right_are_one_paragraph_whatever_their_starts(make_page):
    def flush_right(text: str, y: float) -> list:
        tokens = text.split()
        return words_from_text(text, 300 - 5.0 * sum(map(len, tokens)) - 2.5 * (len(tokens) - 1), y)
    keywords = flush_right("ATOMIC AND MOLECULAR", 100) + flush_right("INTERACTIONS WITH", 112) + \
        flush_right("PHOTONS", 124)
    units, _ = units_of(make_page, [keywords])
    assert [u.text for u in units] == ["ATOMIC AND MOLECULAR INTERACTIONS WITH PHOTONS"]


def test_on_a_page_read_from_its_image_a_sentence_goes_on_into_a_line_of_misjudged_size(make_page):
    words = (words_from_text("Rainfall", 50, 40, size=20, char_width=10)
             + words_from_text("1 Data", 50, 75, size=12, char_width=6, bold=True)
             + column_text(["Daily rainfall for the three catchments", "came from"], 50, 100)
             + words_from_text("the nearest gauge-corrected radar product, from", 300, 100, size=11.5, char_width=5.8)
             + column_text(["which we computed an index of wetness.", "It decays by a tenth each day."], 300, 114))
    blocks = classify([lay_out_page(make_page(words))])
    read_from_images = build_units(blocks, EditLog(), ocr_pages=frozenset({1}))
    assert [u.text for u in read_from_images][2:] == [
        "Daily rainfall for the three catchments came from the nearest gauge-corrected radar product, from "
        "which we computed an index of wetness. It decays by a tenth each day."]
    blocks = classify([lay_out_page(make_page(words))])
    assert len(build_units(blocks, EditLog())) > 1  # born digital: a size of its own is another kind of text


def test_a_centred_quote_in_lines_of_unequal_length_is_one_paragraph(make_page):
    body = ["An ordinary paragraph of body text that runs", "on for a few lines before the quote is set."]
    first = "“I never thought I would be so interested in a bin. Mine reached"
    second = "sixty degrees in a week, and the neighbours came round.”"

    def centred(text: str, y: float) -> list:
        width = len(text) * 5.0 - text.count(" ") * 2.5
        return words_from_text(text, 300 - width / 2, y)

    units, _ = units_of(make_page, [column_text(body, 50, 60) + centred(first, 120) + centred(second, 132)])
    assert f"{first} {second}" in [unit.text for unit in units]


def test_an_open_paragraph_does_not_go_on_in_a_line_set_in_bold(make_page):
    """A questionnaire's last answer ("No") is left without a stop; the bold line at the foot of
    the page (a running title no repetition gives away on a one-page file) starts its own."""
    words = (column_text(["Does the body run a register of its providers", "of legal aid?"], 50, 100, bold=True)
             + words_from_text("• Yes", 60, 130) + words_from_text("• No", 60, 148)
             + words_from_text("Global Study of Legal Aid", 250, 700, bold=True))
    units, _ = units_of(make_page, [words])
    assert [u.text for u in units][-2:] == ["• No", "Global Study of Legal Aid"]


def test_text_after_a_display_formula_wider_than_its_lead_in_is_a_paragraph_of_its_own():
    from pipeline.core.geometry import Block, Line

    def block(text: str, x0: float, y0: float, kind: str = "body") -> Block:
        return Block([Line(words_from_text(text, x0, y0), 1)], 1, kind=kind)

    blocks = [block("so that the element is", 50, 100),
              block("ds2 = c2(t) dt2 − f2(t) ( dx2 + dy2 + dz2 ) , (1)", 150, 120, kind="formula"),
              block("filled with a bulk viscous cosmological fluid.", 50, 140)]
    units = build_units(blocks, EditLog())
    assert [unit.kind for unit in units] == ["paragraph", "formula", "paragraph"]


def test_a_block_right_below_that_opens_with_a_bracket_and_a_small_letter_goes_on_with_the_sentence():
    from pipeline.core.geometry import Block, Line

    def block(text: str, y0: float, size: float = 10) -> Block:
        return Block([Line(words_from_text(text, 50, y0, size=size), 1)], 1)

    blocks = [block("Lemma 3.2. Let S and T be two structures of the kind given by the", 100),
              block("p q", 110, size=7),
              block("(where p runs through the primes) over the ring of integers.", 122)]
    units = build_units(blocks, EditLog())
    assert [unit.text for unit in units if unit.kind == "paragraph"] == [
        "Lemma 3.2. Let S and T be two structures of the kind given by the (where p runs through the primes) over "
        "the ring of integers.", "p q"]


def _lines_block(lines: list[tuple[str, float]], y0: float):
    from pipeline.core.geometry import Block, Line

    return Block([Line(words_from_text(text, x0, y0 + 12 * i), 1) for i, (text, x0) in enumerate(lines)], 1)


INDENTED = [("Paragraphs here start with an indent of a few letters and", 65),
            ("run on to the right edge of the text, where their lines end.", 50), ("It is done here.", 50)]


def test_a_block_right_below_a_full_line_that_ends_no_sentence_goes_on_with_it_where_paragraphs_are_indented():
    above = _lines_block([("The filtered structures of the ring of integers are two of the", 65),
                          ("kinds that the next theorem names, for each of the primes set over", 50)], 140)
    below = _lines_block([("Z[x] the ring that is the subject of this section of the paper.", 50),
                          ("Its last line is short.", 50)], 166)
    units = build_units([_lines_block(INDENTED, 100), above, below], EditLog())
    assert [unit.text[:30] for unit in units] == ["Paragraphs here start with an ", "The filtered structures of the"]


def test_an_end_of_proof_mark_ends_a_paragraph():
    assert closes_sentence("as claimed. □") and closes_sentence("the result follows ∎")


def test_a_paragraph_that_ends_in_a_broken_word_goes_on_where_the_word_is_finished():
    broken = _lines_block([("The effective strength of the interaction grows as the energy", 65),
                           ("of the pair of them shrinks, that is to say, as the two of the elec-", 50)], 140)
    notes = _lines_block([("1 E. Abrahams and P. W. Anderson, Phys. Rev. 42, 673.", 50),
                          ("2 B. L. Altshuler, Comm. 39.", 50)], 166)
    column = _lines_block([("trons approach each other, and this is all there is to it.", 380),
                           ("It ends here.", 380)], 60)
    units = build_units([_lines_block(INDENTED, 100), broken, notes, column], EditLog())
    texts = [unit.text for unit in units]
    assert "as the two of the elec- trons approach each other, and this is all there is to it." in texts[1]
    assert texts[2].startswith("1 E. Abrahams")


def test_chinese_and_japanese_full_stops_close_sentences():
    assert closes_sentence("未进行债项评级安排。") and closes_sentence("本当ですか？") and closes_sentence("如下：")
    assert not closes_sentence("发行人各类授信额度总额达")


def test_a_cjk_numbered_line_in_the_body_type_is_a_paragraph_of_its_own(make_page):
    """"二、授信情况" set in the body's type between two paragraphs of one block (Chinese
    paragraphs indented two characters) runs into neither: a section number at the start of
    a line after a short line starts a paragraph, and a short line it opens stands alone."""
    lines = [(114, "本次发行不引用主体评级，未进行债项评级安排。"), (114, "二、授信情况"),
             (114, "截至二〇二三年三月末，发行人各类授信额度总额达三百七十二亿元，其中已"),
             (90, "使用额度二百五十二亿元，尚未使用的授信额度为一百二十亿元。")]
    words = [word for n, (x0, text) in enumerate(lines) for word in words_from_text(text, x0, 100 + 20 * n,
                                                                                   size=12, char_width=12)]
    units, _ = units_of(make_page, [words])
    assert [u.text for u in units] == [text for _, text in lines[:2]] + [lines[2][1] + " " + lines[3][1]]


def test_front_matter_set_as_two_blocks_mid_sentence_is_one_paragraph(make_page):
    """Under the title, a sentence of front matter whose second line was read as a block of its
    own (OCR spaced the two lines apart) is one paragraph; a line that opens in capitals stays
    apart (a publisher's line)."""
    body = ["the survey of the valley was made over two summers by a small team",
            "of volunteers who walked every field and noted each hedge and gate",
            "that they found on the way up from the river to the top of the hill."]
    def page(second: str) -> list:
        return (words_from_text("The Valley Survey", 50, 40, size=20, char_width=10)
                + words_from_text("The survey is a guide for the walker and the farmer, and it is", 50, 80)
                + words_from_text(second, 50, 100)
                + words_from_text("Methods", 50, 140, bold=True) + column_text(body, 50, 160))
    units, log = units_of(make_page, [page("short enough to read in an afternoon.")])
    assert [unit.text for unit in units][1] == ("The survey is a guide for the walker and the farmer, and it is "
                                                "short enough to read in an afternoon.")
    assert log.count("paragraph_join") == 1
    units, _ = units_of(make_page, [page("Published by the Valley Trust.")])
    assert [unit.text for unit in units][1:3] == ["The survey is a guide for the walker and the farmer, and it is",
                                                  "Published by the Valley Trust."]


def test_a_label_over_a_table_does_not_go_on_in_the_next_columns_first_line(make_page):
    """Two columns, each a short label over an uncaptioned table: the first label is not
    continued by the second (a table came between, and the label is no wrapped running text)."""
    words = column_text(["GOVERNOR", "VOTER NOMINATED"], 50, 100) + column_text(["STATE MEASURE 48"], 320, 100)
    page = make_page(words)
    page.regions = [Region("table", 1, 50, 130, 290, 400), Region("table", 1, 320, 115, 560, 300)]
    texts = [unit.text for unit in build_units(classify([lay_out_page(page)]), EditLog())]
    assert "GOVERNOR VOTER NOMINATED" in texts and "STATE MEASURE 48" in texts


def test_running_text_cut_by_a_table_at_a_columns_foot_goes_on_in_the_next_column(make_page):
    words = column_text(["The depth at the ferry berth had been", "reduced over the winter by"], 50, 100)
    words += column_text(["Storm Agnes to below the charted figure."], 320, 100)
    page = make_page(words)
    page.regions = [Region("table", 1, 50, 130, 290, 400)]
    texts = [unit.text for unit in build_units(classify([lay_out_page(page)]), EditLog())]
    assert texts[0].endswith("reduced over the winter by Storm Agnes to below the charted figure.")
