"""Lines, blocks and reading order from page geometry alone."""

from pipeline.core.geometry import Graphic, RawPage, Word
from pipeline.stages.layout import lay_out_page
from pipeline.stages.lines import build_lines

from .conftest import column_text, words_from_text

LEFT = ["alpha beta gamma delta", "epsilon zeta eta theta", "iota kappa lambda mu"]
RIGHT = ["one two three four five", "six seven eight nine", "ten eleven twelve"]


def texts(blocks):
    return [b.text for b in blocks]


def test_lines_split_at_a_gutter_when_baselines_align(make_page):
    words = column_text(LEFT, 50, 100) + column_text(RIGHT, 320, 100)
    lines = build_lines(make_page(words))
    assert [l.text for l in lines][:2] == ["alpha beta gamma delta", "one two three four five"]


def test_wide_justified_gap_inside_a_column_is_not_a_gutter(make_page):
    rows = ["a justified column of text", "has words of every length", "so that no channel of white",
            "runs down through it from", "the top of the column to", "the bottom of the column"]
    words = column_text(rows, 50, 100)
    wide = words_from_text("loose", 50, 172) + words_from_text("line", 97, 172)
    lines = build_lines(make_page(words + wide))
    assert "loose line" in [l.text for l in lines]


def river_column(white_rows: int, rows: int, space: float, pitch: float = 12.0) -> list:
    """A column whose first ``white_rows`` lines have a word space of ``space`` points at the
    same place (a river of white down justified text) and whose other lines have ink there."""
    words = []
    for row in range(rows):
        y = 100 + row * pitch
        if row < white_rows:
            words += words_from_text("wordone", 50, y) + words_from_text("then more", 85 + space, y)
        else:
            words += words_from_text("abcdefghijklm more", 50, y)
    return words


def test_a_river_of_word_spaces_is_not_a_gutter_where_the_columns_baselines_alternate(make_page):
    right = column_text([f"right column line {n}" for n in range(12)], 230, 106)  # bands between the left's
    lines = build_lines(make_page(river_column(white_rows=6, rows=12, space=12) + right))
    assert "wordone then more" in [line.text for line in lines]


def test_a_river_of_narrow_word_spaces_is_not_a_gutter(make_page):
    lines = build_lines(make_page(river_column(white_rows=8, rows=16, space=8)))
    assert "wordone then more" in [line.text for line in lines]


def test_a_line_across_both_columns_is_not_cut_where_its_word_space_crosses_the_gutter(make_page):
    left = column_text(["alpha beta gamma delta"] * 10, 50, 130)  # 50-157.5
    right = column_text(["one two three four five"] * 10, 175, 130)  # a 17.5-point gutter
    # OCR'd word boxes hug the ink: the subtitle's space over the gutter is 8 points wide
    subtitle = words_from_text("news for woodland", 67, 100, space=8.0) \
        + words_from_text("owners and contractors", 166, 100, space=8.0)  # 158 to 166: in the gutter
    lines = [line.text for line in build_lines(make_page(left + right + subtitle))]
    assert "news for woodland owners and contractors" in lines
    assert lines.count("alpha beta gamma delta") == 10


def test_a_line_spaced_wide_is_not_cut_where_one_of_its_even_word_spaces_falls_in_the_gutter(make_page):
    left = column_text(["alpha beta gamma delta"] * 25, 50, 190)  # 50-157.5
    right = column_text(["one two three four five"] * 25, 175, 190)  # a 17.5-point gutter
    # a boxed summary above the columns, justified with 7-point spaces (Korean is set so), whose
    # lines cross the gutter: most with ink all over it, two with a space beside this one's
    summary = words_from_text("abcd efg hijk lmnopq rst uvw xyza", 50, 100, space=7.0)  # 156 to 163: in the gutter
    summary += column_text(["bcd efg hijk lmnopq rst uvw xyza"] * 2, 57, 112, space=7.0)  # 158 to 165
    summary += column_text(["abcdefghijklmnopqrstuvwxyzabcdefghij"] * 3, 50, 136)
    lines = [line.text for line in build_lines(make_page(left + right + summary))]
    assert "abcd efg hijk lmnopq rst uvw xyza" in lines
    assert lines.count("alpha beta gamma delta") == 25


def test_a_short_line_above_a_wide_box_above_two_columns_is_read_before_the_box(make_page):
    masthead = words_from_text("Issue 1695", 60, 40) + words_from_text("Issues and Points", 400, 40)
    byline = words_from_text("Kim Chang-ho", 440, 100)  # right-aligned, inside the right column's width
    box = column_text(["a summary of the report set across the whole width of the page in one box"] * 3, 60, 130,
                      char_width=6.5)  # 60 to 490
    columns = column_text(LEFT * 4, 60, 200) + column_text(["one two three four five six seven eight"] * 12, 330, 200)
    order = [b.text for b in lay_out_page(make_page(masthead + byline + box + columns)).blocks]
    assert order.index("Kim Chang-ho") < order.index(next(t for t in order if t.startswith("a summary")))
    assert order.index(next(t for t in order if t.startswith("a summary"))) < order.index(
        next(t for t in order if t.startswith("alpha")))


def test_two_columns_read_left_column_first(make_page):
    page = lay_out_page(make_page(column_text(LEFT, 50, 100) + column_text(RIGHT, 320, 100)))
    assert texts(page.blocks) == [" ".join(LEFT), " ".join(RIGHT)]
    assert page.columns == 2


def test_spanning_element_cuts_the_column_flow(make_page):
    above_left = column_text(LEFT, 50, 100)
    above_right = column_text(RIGHT, 320, 100)
    box = words_from_text("a boxed note that spans both of the columns on the page", 50, 150)
    below_left = column_text(["below left one", "below left two"], 50, 180)
    below_right = column_text(["below right one", "below right two"], 320, 180)
    page = lay_out_page(make_page(above_left + above_right + box + below_left + below_right))
    assert texts(page.blocks) == [" ".join(LEFT), " ".join(RIGHT),
                                  "a boxed note that spans both of the columns on the page",
                                  "below left one below left two", "below right one below right two"]


def test_three_unequal_columns(make_page):
    narrow = column_text(["aa bb", "cc dd", "ee ff"], 40, 100)
    wide1 = column_text(["one two three four", "five six seven", "eight nine ten"], 120, 100)
    wide2 = column_text(["red green blue", "cyan magenta", "yellow black"], 330, 100)
    page = lay_out_page(make_page(wide2 + narrow + wide1))
    assert texts(page.blocks) == ["aa bb cc dd ee ff", "one two three four five six seven eight nine ten",
                                  "red green blue cyan magenta yellow black"]
    assert page.columns == 3


def test_line_above_the_columns_on_the_right_is_read_before_them(make_page):
    masthead = words_from_text("THE MASTHEAD OF THE NEWSLETTER", 100, 40, size=24, char_width=12)
    issue = words_from_text("July 2025", 480, 80)
    left = column_text(LEFT, 50, 120)
    right = column_text(RIGHT, 320, 114)
    page = lay_out_page(make_page(right + left + issue + masthead))
    assert texts(page.blocks)[:2] == ["THE MASTHEAD OF THE NEWSLETTER", "July 2025"]


def test_heading_in_one_column_stays_in_that_column(make_page):
    left_top = column_text(LEFT, 50, 100)
    heading = words_from_text("A Heading", 50, 140, bold=True)
    left_bottom = column_text(["after heading one", "after heading two"], 50, 156)
    right = column_text(RIGHT + ["thirteen fourteen", "fifteen sixteen", "seventeen"], 320, 100)
    page = lay_out_page(make_page(right + left_bottom + heading + left_top))
    assert texts(page.blocks)[:3] == [" ".join(LEFT), "A Heading", "after heading one after heading two"]


def test_jittered_baselines_still_make_one_line(make_page):
    words = words_from_text("these words wobble up and down a little", 50, 100)
    for i, word in enumerate(words):
        shift = (-1.5, 1.5)[i % 2]
        word.y0 += shift
        word.y1 += shift
    lines = build_lines(make_page(words))
    assert [l.text for l in lines] == ["these words wobble up and down a little"]


def test_drop_cap_is_put_back_in_front_of_its_word(make_page):
    cap = words_from_text("S", 50, 100, size=30, char_width=20)
    text = column_text(["calable systems are hard", "to build and to run well"], 74, 100) \
        + column_text(["in every setting we know", "of in the world today."], 50, 124)
    lines = build_lines(make_page(cap + text))
    assert lines[0].text == "Scalable systems are hard"
    assert not any(line.text == "S" for line in lines)


def test_large_heading_words_are_not_drop_caps(make_page):
    heading = words_from_text("WE OF IT", 50, 40, size=30, char_width=20)
    body = column_text(["some body text here", "and more of it"], 50, 100)
    lines = build_lines(make_page(heading + body))
    assert lines[0].text == "WE OF IT"


def test_superscript_marks_join_their_line(make_page):
    line = words_from_text("goals in modern physics", 50, 100)
    mark = words_from_text("1,2", line[-1].x1 + 0.2, 96, size=6, char_width=3)
    rest = words_from_text(". Towards", mark[0].x1 + 0.2, 100)
    rest[0].x0 = mark[0].x1 + 0.2
    lines = build_lines(make_page(line + mark + rest))
    assert [(w.text, w.superscript) for w in lines[0].words][3:5] == [("physics", False), ("1,2.", True)]


def test_a_raised_range_or_list_of_reference_numbers_is_a_superscript_at_any_length(make_page):
    line = words_from_text("to generate entangled states", 50, 100)
    mark = words_from_text("16,24–26", line[-1].x1 + 0.2, 99, size=6, char_width=3)
    rest = words_from_text(", but in terms of scale", mark[0].x1 + 0.2, 100)
    lines = build_lines(make_page(line + mark + rest))
    assert [(w.text, w.superscript) for w in lines[0].words][3:5] == [("states", False), ("16,24–26,", True)]


def test_a_raised_note_call_does_not_cut_its_paragraph(make_page):
    first = words_from_text("Recent news headlines are filled with reports", 50, 100)
    second = words_from_text("of breaches and the Resource Center", 50, 112)
    call = words_from_text("1", second[-1].x1 + 0.2, 109, size=6, char_width=3)
    second += call + words_from_text("reports that almost", call[0].x1 + 3, 112)
    third = column_text(["five thousand breaches have occurred", "since the year of the last survey."], 50, 124)
    blocks = lay_out_page(make_page(first + second + third)).blocks
    assert len(blocks) == 1


def test_paragraphs_under_a_heading_with_a_side_label_keep_their_order(make_page):
    label = words_from_text("Chapter 1.", 20, 108, size=7, char_width=3.5)
    heading = words_from_text("Securing the data", 150, 100, size=20, char_width=10)
    wide, narrow = "a long line of body text that runs on to the right", "a short line of text"
    paragraphs = [[wide, wide], [narrow, narrow], [wide, wide], [narrow, narrow]]
    body = [word for index, lines in enumerate(paragraphs) for word in column_text(lines, 150, 150 + 36 * index)]
    blocks = lay_out_page(make_page(label + heading + body)).blocks
    tops = [block.y0 for block in blocks if block.y0 >= 150]
    assert len(tops) == 4 and tops == sorted(tops)


def test_a_wide_space_after_a_caption_label_is_no_gutter(make_page):
    label = words_from_text("Example 3-9", 50, 100, size=9)
    title = words_from_text("Creating a mask on the TAX_ID column", label[-1].x1 + 14, 100, size=9)
    lines = build_lines(make_page(label + title))
    assert [line.text for line in lines] == ["Example 3-9 Creating a mask on the TAX_ID column"]


def test_a_spread_is_read_as_two_pages_side_by_side(make_page):
    left_top = column_text(["the left page opens here and", "goes on down its column"], 50, 60)
    right_top = column_text(["the right page opens here", "and goes on down its column"], 650, 40)
    left_low = column_text(["the left page ends down here", "at the foot of its column"], 50, 400)
    right_middle = words_from_text("the right page has a heading set wide across it", 650, 200, size=14,
                                   char_width=10)
    right_low = column_text(["the right page ends here", "at the foot of its column"], 650, 380)
    words = left_top + right_top + left_low + right_middle + right_low
    blocks = lay_out_page(make_page(words, width=1224, height=792)).blocks
    assert [block.text.split()[1:3] for block in blocks] == [["left", "page"]] * 2 + [["right", "page"]] * 3


def test_a_math_sign_opening_a_row_far_from_the_other_column_is_no_bullet(make_page):
    left = column_text(LEFT * 3, 50, 100) + column_text(LEFT, 50, 232)
    right = column_text(RIGHT * 5, 320, 100)
    sign = words_from_text("∞", 120, 208)  # a sum's upper limit, alone in the left column on its row
    lines = [line.text for line in build_lines(make_page(left + right + sign))]
    assert "∞" in lines and "∞ ten eleven twelve" not in lines


def test_a_small_letter_over_a_formula_is_no_bullet_of_the_line_beside_it(make_page):
    text = ["alpha beta gamma delta epsilon", "zeta eta theta iota kappa"] * 5
    left = column_text(text, 50, 100)
    right = column_text(text * 2, 320, 100)
    limit = words_from_text("S", 120, 220 + 3, size=7, char_width=4)  # over a sum, level with a right line
    formula = words_from_text("H = - Sum p ln p (1)", 90, 232)
    lines = build_lines(make_page(left + right + limit + formula))
    assert not any("S" in [w.text for w in line.words] and line.x1 > 300 for line in lines)


def three_columns(y0: float, words: list[str]) -> list:
    """Three columns of three lines each from ``y0``, their words numbered after ``words``."""
    return [word for i, x in enumerate((40, 220, 400))
            for word in column_text([f"{w} {i}{n} more text" for n, w in enumerate(words)], x, y0)]


def test_a_heading_under_both_columns_over_text_across_them_is_read_after_the_columns(make_page):
    left = column_text(LEFT + ["nu xi omicron pi"], 50, 100)
    right = column_text(RIGHT, 320, 100)
    heading = words_from_text("Further Features", 50, 168, bold=True)
    across = words_from_text("a list item that runs across the whole width of the page below the columns", 50, 184)
    order = texts(lay_out_page(make_page(left + right + heading + across)).blocks)
    assert order == [" ".join(LEFT + ["nu xi omicron pi"]), " ".join(RIGHT), "Further Features",
                     "a list item that runs across the whole width of the page below the columns"]


def test_a_columns_last_line_below_the_other_column_stays_in_its_column(make_page):
    left = column_text(LEFT, 50, 100)
    right = column_text(RIGHT[:2], 320, 100)
    last = words_from_text("the left column ends", 50, 136)
    across = words_from_text("a list item that runs across the whole width of the page below the columns", 50, 170)
    order = texts(lay_out_page(make_page(left + right + last + across)).blocks)
    closing = next(i for i, text in enumerate(order) if text.endswith("the left column ends"))
    assert closing < order.index(" ".join(RIGHT[:2]))


def test_a_heading_across_three_columns_narrower_than_one_cuts_them_into_bands(make_page):
    above = three_columns(100, ["one", "two", "three"])
    heading = words_from_text("Fund", 40, 144, size=12, bold=True)
    below = three_columns(166, ["four", "five", "six"])
    order = texts(lay_out_page(make_page(above + heading + below)).blocks)
    assert [text.split()[0] for text in order] == ["one"] * 3 + ["Fund"] + ["four"] * 3


def test_a_centred_line_between_column_regions_cuts_them_into_bands(make_page):
    above = three_columns(100, ["one", "two", "three"])
    quote = words_from_text("a quote", 240, 148)
    below = three_columns(172, ["four", "five", "six"])
    order = texts(lay_out_page(make_page(above + quote + below)).blocks)
    assert [text.split()[0] for text in order] == ["one"] * 3 + ["a"] + ["four"] * 3


def test_a_line_centred_in_a_side_column_between_column_regions_stays_in_it(make_page):
    above = three_columns(100, ["one", "two", "three"])
    formula = words_from_text("x = y", 420, 144)
    below = three_columns(162, ["four", "five", "six"])
    order = texts(lay_out_page(make_page(above + formula + below)).blocks)
    assert order[4:6] == ["one 20 more text two 21 more text three 22 more text", "x = y"]



def test_a_heading_in_one_column_beside_a_lower_heading_in_the_next_stays_in_its_column(make_page):
    left_top = column_text(LEFT, 50, 100)
    right_top = column_text(RIGHT + ["thirteen fourteen"], 320, 100)
    heading = words_from_text("Left Heading", 50, 154, size=12, bold=True)
    right_heading = words_from_text("Right Heading", 320, 170, size=12, bold=True)
    left_bottom = column_text(["after left one", "after left two", "after left three"], 50, 172)
    right_bottom = column_text(["after right one", "after right two"], 320, 188)
    page = lay_out_page(make_page(left_top + right_top + heading + right_heading + left_bottom + right_bottom))
    assert texts(page.blocks)[:3] == [" ".join(LEFT), "Left Heading", "after left one after left two after left three"]


def test_a_line_end_hyphen_boxed_higher_stays_with_its_word_not_the_next_columns_line(make_page):
    rows = ["there is good news on", "water at last: the pipes", "have been replaced, all", "of the new taps on the wa",
            "supply in the spring is", "and the council says so"]
    left = column_text(rows, 60, 100)
    end = next(word for word in left if word.text == "wa")
    hyphen = Word("\u2010", end.x1, end.y0 - 2.5, end.x1 + 3.5, end.y1 - 2.5, 10.0, "Fallback")  # a fallback font's box
    right = column_text(["the same green ledger", "kept since two thousand", "and seven by him", "a fourth line here",
                         "a fifth line here", "the sixth line"], end.x1 + 17.5, 95)  # baselines 5 pt higher
    lines = [line.text for line in build_lines(make_page(left + [hyphen] + right))]
    assert "of the new taps on the wa\u2010" in lines and "a fourth line here" in lines


def test_a_short_masthead_over_its_tagline_heads_no_column(make_page):
    masthead = words_from_text("Variety", 50, 40, size=30, char_width=12)  # narrower than a column
    tagline = words_from_text("Bulletin of the society", 50, 80)
    heading = words_from_text("First Notes", 50, 104, size=12, bold=True)
    left, right = column_text(LEFT, 50, 122), column_text(RIGHT, 320, 122)
    order = texts(lay_out_page(make_page(masthead + tagline + heading + left + right)).blocks)
    assert order[:3] == ["Variety", "Bulletin of the society", "First Notes"]


def test_the_last_line_of_a_centred_masthead_heads_no_column_it_happens_to_fit(make_page):
    """"REVIEW", centred under the wider "SCIENCE AND TECHNOLOGY", is as wide as the middle
    column and starts at its edge, by chance: it is read with the masthead, before the columns."""
    top = words_from_text("CHINA", 250, 30, size=40, char_width=20)
    middle = words_from_text("SCIENCE AND TECHNOLOGY", 110, 78, size=27, char_width=17)
    last = words_from_text("REVIEW", 240, 112, size=40, char_width=20)  # 240 to 360, centred on 300
    columns = [word for x in (60, 240, 420) for word in column_text(LEFT, x, 210)]  # 240 to 357 in the middle
    order = texts(lay_out_page(make_page(top + middle + last + columns)).blocks)
    assert order[:3] == ["CHINA", "SCIENCE AND TECHNOLOGY", "REVIEW"]


def test_a_boxed_panel_beside_the_end_of_a_column_keeps_its_lines_apart_from_the_columns():
    """The column's text runs across the panel's width above it, so white space alone shows no
    gutter where the panel sits beside the column's last lines; the panel's drawn side does."""
    prose = ["the column runs across its whole width in these lines", "of prose, and each of them is set",
             "differently from the one before it so that", "their word spaces never line up in a river"]
    full = column_text(prose * 3, 50, 100)
    left = column_text(["the column goes on", "beside the boxed panel", "until it ends here"], 50, 244)
    panel = column_text(["Panel text starts", "and goes on down", "inside its box"], 166, 244)
    box = Graphic("rect", 160, 240, 300, 290, True)
    lines = build_lines(RawPage(1, 600, 800, full + left + panel, graphics=[box]))
    texts = [line.text for line in lines]
    assert "beside the boxed panel" in texts and "and goes on down" in texts


def test_an_item_number_opening_a_line_in_the_right_column_keeps_its_item(make_page):
    """A questionnaire spread: each number hangs before its question, a tab's width from it, on
    the baseline of a line of the left page; the gap after it is an indent, not a gutter."""
    left = column_text(LEFT * 4, 50, 100)
    right = []
    for index, number in enumerate(("26.", "27.", "28.")):
        right += words_from_text(number, 320, 100 + 48 * index)
        right += column_text(["If your country allows", "are there national rules", "and who supervises them"],
                             343, 100 + 48 * index)
    lines = [line.text for line in build_lines(make_page(left + right))]
    assert [line for line in lines if line[:2] in ("26", "27", "28")] == [
        "26. If your country allows", "27. If your country allows", "28. If your country allows"]


def test_a_checkbox_drawn_as_two_glyphs_stays_whole_when_banding_splits_them(make_page):
    """A checkbox printed as two overlapping glyphs of two fonts, set larger than the text: the
    first one's centre falls in the band of the other column's line beside it, the second one's
    does not. The stray glyph goes back before the item it opens."""
    left = column_text(["both staff and private lawyers"] * 4, 50, 100)  # centres at 106, 118, ...
    box = [Word("\ufffd", 330.0, 115.55, 340.0, 129.95, 13.0, "Wingdings"),  # centre 122.75: band of 118
           Word("\x84", 340.0, 116.1, 343.0, 129.6, 13.0, "Dingbats")]  # centre 122.85: a band of its own
    item = words_from_text("There are no clinics", 348, 118.5)
    lines = [line.text for line in build_lines(make_page(left + box + item))]
    assert "\ufffd\x84 There are no clinics" in lines


def test_a_short_ragged_sidebar_beside_the_text_is_cut_off_where_the_document_runs_one_column(make_page):
    """A brochure page: a sidebar of three short lines, its rows level with the text column's,
    ends 25 points before the text; no word of the page crosses the gap, though the other pages,
    set in one wide column, have ink there."""
    from pipeline.stages.lines import InkProfile

    sidebar = column_text(["through modernization of", "skills sharing and", "renown services"], 145, 100,
                          char_width=4.0, space=2.0)
    text = column_text([f"With combined experiences, line {n} of the text" for n in range(12)], 280, 100)
    page = make_page(sidebar + text)
    line = "A line of prose set across the whole width of the page"
    prose = [word for row in range(40)  # word spaces fall anywhere: no river
             for word in words_from_text(line, 60 + 7 * (row % 5), 100 + 12 * row)]
    document = InkProfile(prose, page.width)
    lines = [line.text for line in build_lines(page, document=document)]
    assert lines[:2] == ["through modernization of", "With combined experiences, line 0 of the text"]


def test_an_italic_paragraph_with_upright_symbols_stays_one_block(make_page):
    statement = column_text(["There are infinitely many pairwise distinct smooth", "closed manifolds with"], 50, 100,
                            italic=True)
    symbols = words_from_text("b = 3", 160, 112)  # upright digits and signs inside the italic line
    tail = words_from_text("and nontrivial", symbols[-1].x1 + 2.5, 112, italic=True)
    last = words_from_text("Seiberg-Witten invariants.", 50, 124, italic=True)
    blocks = lay_out_page(make_page(statement + symbols + tail + last)).blocks
    assert len(blocks) == 1


def test_the_small_text_of_inline_math_joins_the_line_it_sits_in(make_page):
    above = words_from_text("we use these sets to define a transfinite inverse spectrum", 50, 100)
    scripts = words_from_text("S { a+1 } a+1 Aa+1 |", 42, 111, size=7, char_width=3.5)
    line = words_from_text("= G, p, t as follows. Let the maps be given for each", 62, 112)
    below = words_from_text("index and all the required properties are satisfied.", 50, 124)
    lines = build_lines(make_page(above + scripts + line + below))
    assert len(lines) == 3 and "follows." in lines[1].text and "a+1" in lines[1].text


def test_an_inline_fraction_ending_a_line_joins_it(make_page):
    line = words_from_text("energy is formed by two parts. Really, if the first part", 50, 112)
    numerator = words_from_text("(V S1) 2", line[-1].x1 + 4, 108, size=7, char_width=3.5)
    lines = build_lines(make_page(line + numerator + words_from_text("describes the motion", 50, 124)))
    assert len(lines) == 2 and lines[0].text.endswith("2")


def test_the_scripts_of_a_display_formula_do_not_join_it_to_prose():
    from pipeline.core.geometry import Line
    from pipeline.stages.lines import prose

    formula = Line(words_from_text("f = lim F(x) (3)", 200, 100), 1)
    assert not prose(formula)



JUSTIFIED_ROWS = [(3, 6, 5, 6), (7, 4, 3, 6), (5, 8, 4, 3), (2, 5, 6, 7), (8, 3, 6, 3), (4, 4, 8, 4), (6, 2, 3, 9),
                  (3, 9, 2, 6), (5, 5, 5, 5), (9, 4, 4, 3), (4, 7, 7, 2), (7, 6, 2, 5)]
"""Letters in each word of a justified line of 20 letters."""


def justified_columns(rows: int, top: float, columns: tuple[tuple[float, float], ...]) -> list[Word]:
    """``rows`` justified lines of 20 letters in each of ``columns`` (its left edge and its word
    space, in points) from ``top``, 12 points apart, in 10-point type."""
    words = []
    for row in range(rows):
        for column, (x0, space) in enumerate(columns):
            x = x0
            for letters in JUSTIFIED_ROWS[(row + 5 * column) % 12]:
                words.append(Word("w" * letters, x, top + 12 * row, x + 5 * letters, top + 10 + 12 * row, 10.0))
                x += 5 * letters + space
    return words


def test_a_gutter_as_wide_as_the_word_spaces_of_justified_columns_still_parts_them():
    """Two columns of lines each spaced about as wide as the gutter between them (11.5 and 12.5
    points, a 12-point gutter): the gap in the gutter is white down the whole page, so it
    parts the columns, though the row's gaps are alike."""
    lines = build_lines(RawPage(1, 400, 400, justified_columns(12, 100, ((50.0, 11.5), (196.5, 12.5)))))
    assert len(lines) == 24
    assert all(line.x1 < 190 or line.x0 > 190 for line in lines)


def justified_columns_under_a_spanning_abstract(rows: int) -> list[Word]:
    """An abstract of eight lines across the page, then two columns of ``rows`` justified lines
    whose word spaces (11.5 and 12.5 points) are about as wide as the 12-point gutter."""
    words = [Word("w" * 8, 50 + 45 * i, 40 + 12 * row, 90 + 45 * i, 50 + 12 * row, 10.0)
             for row in range(8) for i in range(7)]
    return words + justified_columns(rows, 150, ((50.0, 11.5), (196.5, 12.5)))


def test_a_gutter_as_wide_as_the_word_spaces_parts_columns_under_text_that_spans_them():
    """The abstract crosses the gutter in a third of the page's rows, so white down the page
    is shown by a strip of white through the gap over ``long_strip_rows`` rows."""
    lines = build_lines(RawPage(1, 400, 400, justified_columns_under_a_spanning_abstract(16)))
    columns = [line for line in lines if line.y0 >= 150]
    assert len(columns) == 32
    assert all(line.x1 < 190 or line.x0 > 190 for line in columns)


def test_a_line_with_a_taller_glyph_box_does_not_cut_its_paragraph(make_page):
    """A math italic font reports taller glyph boxes than the text's: a line holding a symbol
    in it reaches higher, so its top sits further from the next line's than the pitch, though
    its baseline keeps the pitch."""
    words = column_text(["The charge distribution of products in the central collisions",
                         "of these two systems is shown here. The data are also given here."], 50, 100, pitch=14)
    tall = words[-1]
    words[-1] = Word(tall.text, tall.x0, tall.y0 - 4.5, tall.x1, tall.y1, tall.size, "CMMI12")
    words += column_text(["Clusters are constructed by means of the coalescence model",
                          "which is widely used in such calculations of the reactions."], 50, 128, pitch=14)
    blocks = lay_out_page(make_page(words)).blocks
    assert len(blocks) == 1


def test_a_gutter_between_lines_of_prose_parts_them_where_text_across_the_page_fills_most_rows():
    """Full-width text above and below crosses the gap in most of the page's rows (a scanned
    leaflet: a bullet list across the page, two columns, a list again); the gap is a gutter
    all the same: wider than a lone gutter, with lines of prose on both sides and white down
    through it over ``long_strip_rows`` rows."""
    across = [Word("w" * 8, 60 + 45 * i, y, 100 + 45 * i, y + 10, 10.0)
              for y in [*(12 * row for row in range(20)), *(470 + 12 * row for row in range(20))] for i in range(7)]
    columns = justified_columns(16, 260, ((50.0, 6.0), (184.0, 6.5)))
    lines = build_lines(RawPage(1, 400, 760, across + columns))
    in_columns = [line for line in lines if 260 <= line.y0 < 470]
    assert len(in_columns) == 32
    assert all(line.x1 < 176 or line.x0 > 176 for line in in_columns)


def test_a_boxed_header_is_read_before_the_columns_ruled_apart_under_it(make_page):
    """A page header boxed across the page, its lines over both columns, then two columns
    parted by a rule: the whole header first (not its left lines, then the left column)."""
    header = words_from_text("Precinct RUN 12/3/2014", 50, 20) + words_from_text("COUNTY CLERK BULLETINS", 320, 20) \
        + words_from_text("327 BALLOTS CAST", 50, 34)
    left = column_text(["GOVERNOR", "VOTER NOMINATED", "NEEL KASHKARI REP 247"], 50, 60)
    right = column_text(["STATE MEASURE 48", "YES 96", "NO 216"], 320, 60)
    page = make_page(header + left + right)
    page.graphics = [Graphic("rect", 40, 15, 560, 50), Graphic("line", 300, 50, 300.5, 110)]
    assert [block.text for block in lay_out_page(page).blocks] == [
        "Precinct RUN 12/3/2014 327 BALLOTS CAST", "COUNTY CLERK BULLETINS",
        "GOVERNOR VOTER NOMINATED NEEL KASHKARI REP 247", "STATE MEASURE 48 YES 96 NO 216"]


def test_columns_of_a_short_section_over_a_page_of_one_are_parted_where_their_baselines_meet(make_page):
    """A section in two columns at the top of a page set in one: only the first two rows of the
    columns share a baseline, and the page's full-width text crosses their gutter below; the
    right column's other rows, starting where its first one does, show its left edge."""
    left = column_text(["have already led to two private visits and", "the plan for the choir to come in spring."],
                       50, 60)
    left += column_text(["The tour cost each traveller a little under", "five hundred pounds, with the coach, the",
                         "ferry and four nights of accommodation."], 50, 92)
    right = column_text(["fund paid for the music and the hire of", "the abbey. The committee is grateful to the",
                         "three members who organised it and to all", "who sold raffle tickets over the winter."],
                        320, 60, pitch=13)
    sentences = ("Many members sent photographs and we have chosen one that catches the mood of the last evening "
                 "better than any description can. The full set is on the board in the hall, where anyone may "
                 "look at them before or after a rehearsal, and copies can be ordered from the secretary at the "
                 "cost of printing. Our thanks go to everyone who took pictures and to the parents of the youngest "
                 "singer, who carried the camera tripod for a whole week without a word of complaint.")
    rows, row = [], []
    for word in sentences.split(" "):
        if len(" ".join(row + [word])) > 84:
            rows.append(" ".join(row))
            row = []
        row.append(word)
    below = column_text(rows, 50, 160)
    texts = [block.text for block in lay_out_page(make_page(left + right + below)).blocks]
    assert texts[0].startswith("have already led to two private visits and the plan for")
    assert any(text.startswith("fund paid for the music and the hire of the abbey.") for text in texts)


def test_a_short_section_in_unbalanced_columns_reads_its_left_column_before_its_right(make_page):
    """A section set in two columns under text across the page, the left column filled first:
    the right one holds only a paragraph's last two lines, the second a single word on the row
    of a left line. That word is no part of the left line, and the left column's ragged
    paragraphs (one line a little wider than the first paragraph's) are read before the right
    column."""
    across = [" ".join(["words across the whole page"] * 3)] * 30
    first = ["left column words of a paragraph here"] * 8  # to x 220
    second = ["more words of the next paragraph"] * 7 + ["a wider line that closes the paragraph"]  # to 225
    words = (column_text(across, 50, 40) + column_text(first, 50, 420) + column_text(second, 50, 530)
             + column_text(["and the close of that paragraph", "here."], 245, 420))
    blocks = lay_out_page(make_page(words)).blocks
    assert "here." in [line.text for block in blocks for line in block.lines]
    assert [b.text.split()[0] for b in blocks] == ["words", "left", "more", "and"]


def test_a_right_columns_first_line_beside_a_heading_does_not_go_on_with_the_text_across_above(make_page):
    """A word processor's section in two columns, under text set across the page: the left
    column opens with a heading, the right one with the end of a paragraph carried over, on the
    heading's row, one line pitch under the text across. That line is the right column's, read
    after the left column, not the last line of the paragraph above."""
    across = column_text(["the paragraph across the whole page runs on over its lines until it ends"] * 3, 60, 100)
    heading = words_from_text("Orchards", 60, 136, size=12, bold=True)
    left = column_text(["left column text under the", "heading runs down its own", "column to the end of it"], 60, 152)
    right = column_text(["next year with a second", "polytunnel for the beds."], 310, 136)
    blocks = lay_out_page(make_page(across + heading + left + right)).blocks
    assert [b.text.split()[0] for b in blocks] == ["the", "Orchards", "left", "next"]
