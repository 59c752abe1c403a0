"""Title, front matter, headings, lists and contents, on synthetic pages."""

import pytest

from pipeline.core.geometry import Block, Line, PageLayout, Region, Unit, Word
from pipeline.settings import ClassifySettings
from pipeline.stages.classify import classify, contents_entries, contents_keys, contents_rows, heading_number
from pipeline.stages.layout import lay_out_page
from pipeline.stages.structure import contents_of, paragraph_data

from .conftest import column_text, words_from_text

BODY = ["This is ordinary body text that runs on", "for several lines so that it sets the body",
        "style of the page and nothing else at all.", "It carries most of the characters here."]


def kinds(make_page, words, **page):
    blocks = classify([lay_out_page(make_page(words, **page))])
    return [(b.kind, b.level, b.text) for b in blocks]


def test_title_front_matter_and_numbered_headings(make_page):
    words = (words_from_text("A Study of Things", 50, 40, size=20, char_width=10)
             + words_from_text("Ann Author and Bob Writer", 50, 70, size=12, char_width=6)
             + words_from_text("1 Introduction", 50, 110, size=12, char_width=6, bold=True)
             + column_text(BODY, 50, 130)
             + words_from_text("1.1 Background", 50, 190, size=11, char_width=6, bold=True)
             + column_text(BODY, 50, 210))
    result = kinds(make_page, words)
    assert result[0] == ("title", 0, "A Study of Things")
    assert result[1][0] == "front"
    assert ("heading", 1, "1 Introduction") in result
    assert ("heading", 2, "1.1 Background") in result


def test_an_author_line_after_a_title_under_an_issue_line_is_front_matter(make_page):
    """A report's masthead puts its issue line above the title; the author's name, set right
    and larger than the body, is front matter all the same, not a heading."""
    words = (words_from_text("Issue 1695 published 2 April 2020", 50, 30, size=9, char_width=4.5)
             + words_from_text("A Study of Things", 50, 60, size=20, char_width=10)
             + words_from_text("Kim Chang Ho", 420, 90, size=12, char_width=6)
             + column_text(BODY, 50, 120))
    result = kinds(make_page, words)
    assert ("title", 0, "A Study of Things") in result
    assert ("front", 0, "Kim Chang Ho") in result


def test_a_series_name_set_well_above_the_title_is_not_part_of_it(make_page):
    """Smaller type in another weight more than a title line above the title (a working-paper
    series) is not the title; a masthead's two sizes set close together stay one title, and
    so does a chapter label set apart in the title's weight."""
    def title_of(gap: float, series_bold: bool = False) -> list[str]:
        words = (words_from_text("Working Papers on Systems", 50, 30, size=14, char_width=7, bold=series_bold)
                 + words_from_text("A Study of Things", 50, 44 + gap, size=18, char_width=9, bold=True)
                 + column_text(BODY, 50, 120 + gap))
        return [text for kind, _, text in kinds(make_page, words) if kind == "title"]

    assert title_of(gap=30) == ["A Study of Things"]
    assert title_of(gap=2) == ["Working Papers on Systems", "A Study of Things"]
    assert title_of(gap=30, series_bold=True) == ["Working Papers on Systems", "A Study of Things"]


def test_a_lone_glyph_larger_than_the_title_on_a_later_page_does_not_unseat_it(make_page):
    """A drawing's letter set in huge type on page 2 is no text competing with the title."""
    first = words_from_text("A Study of Things", 50, 40, size=20, char_width=10) + column_text(BODY, 50, 80)
    second = words_from_text("a", 300, 300, size=40, char_width=20) + column_text(BODY, 50, 400)
    blocks = classify([lay_out_page(make_page(first)), lay_out_page(make_page(second, number=2))])
    assert [b.text for b in blocks if b.kind == "title"] == ["A Study of Things"]


def test_numbered_heading_in_capitals_at_body_size(make_page):
    words = column_text(BODY, 50, 100) + words_from_text("II. MOTIVATION AND BACKGROUND", 50, 160) \
        + column_text(BODY, 50, 180)
    assert ("heading", 1, "II. MOTIVATION AND BACKGROUND") in kinds(make_page, words)


def test_a_numbered_line_in_small_capitals_at_body_size_is_a_heading_and_in_the_body_font_is_not(make_page):
    def page(font):
        heading = words_from_text("1. Introduction", 50, 160)
        heading[1].font = font  # "1." stays in the body font, as TeX sets it
        return column_text(BODY, 50, 100) + heading + column_text(BODY, 50, 180)

    assert ("heading", 1, "1. Introduction") in kinds(make_page, page("CMCSC10"))
    assert ("heading", 1, "1. Introduction") not in kinds(make_page, page("CMR10"))


def test_a_numbered_heading_run_into_its_paragraph_is_cut_off_as_a_heading(make_page):
    run_in = words_from_text("2.1. Baire sets.", 50, 180) + words_from_text("Recall that a set is open.", 130, 180)
    for word in run_in[1:3]:
        word.bold = True
    words = (words_from_text("Topological Groups", 50, 60, size=20, char_width=10)
             + words_from_text("2 Preliminaries", 50, 100, size=14, char_width=7, bold=True)
             + column_text(BODY, 50, 120) + run_in + column_text(BODY, 50, 192))
    result = kinds(make_page, words)
    assert ("heading", 2, "2.1. Baire sets.") in result
    assert any(kind == "body" and text.startswith("Recall that a set is open.") for kind, _, text in result)


def test_bulleted_lines_become_list_items(make_page):
    words = (column_text(BODY, 50, 100)
             + words_from_text("• first point to make", 50, 148) + words_from_text("• second point", 50, 160))
    result = kinds(make_page, words)
    assert [r for r in result if r[0] == "list_item"] == [("list_item", 0, "• first point to make"),
                                                          ("list_item", 0, "• second point")]


def justified_words(lines: list[str], x0: float, x1: float, y0: float, last_x1: float) -> list[Word]:
    """``lines`` set flush with both edges (the last one ending at ``last_x1``), 12 pt apart."""
    words = []
    for index, text in enumerate(lines):
        right = last_x1 if index == len(lines) - 1 else x1
        tokens = text.split()
        widths = [len(token) * 5.0 for token in tokens]
        space = (right - x0 - sum(widths)) / max(len(tokens) - 1, 1)
        x = x0
        for token, width in zip(tokens, widths):
            words.append(Word(token, x, y0 + 12 * index, x + width, y0 + 12 * index + 12, 10.0, "Test", False, False,
                              None, 1))
            x += width + space
    return words


def test_lines_with_dot_leaders_and_page_numbers_are_contents_though_no_heading_follows(make_page):
    """A sample of a report's pages: its contents list chapters that are not in the file."""
    entries = ["Notices . . . . . . . . . . . . vii", "Trademarks . . . . . . . . . . viii",
               "Chapter 1. Securing the data . . . . . 1", "1.1 Security fundamentals . . . . . . 2"]
    words = [w for i, entry in enumerate(entries) for w in words_from_text(entry, 50, 100 + 30 * i)]
    words += column_text(BODY, 50, 260)
    result = kinds(make_page, words)
    assert [kind for kind, _, _ in result] == ["toc"] * 4 + ["body"]


@pytest.mark.parametrize("word", ["Tablet", "Photon"])
def test_a_word_that_starts_with_a_caption_label_opens_no_caption(make_page, word):
    """"Tablet" is no "Table t", in italics (a title set in the text) or not."""
    first = words_from_text(f"{word} sessions that volunteers ran at every branch.", 50, 100)
    first[0] = Word(first[0].text, first[0].x0, first[0].y0, first[0].x1, first[0].y1, 10.0, "Test", False, True)
    rest = column_text(["Physical lending held steady at the branches,",
                        "which suggests that digital lending adds."], 50, 112)
    result = kinds(make_page, first + rest + column_text(BODY, 50, 150))
    assert "caption" not in [kind for kind, _, _ in result]


def test_enumerators_inside_a_sentence_of_justified_text_start_no_list_items(make_page):
    lines = ["Across the catchments we compared it", "with the baselines that agencies use",
             "in practice, and as baselines we used", "(a) bilinear interpolation of the",
             "coarse product over the whole area, and", "(b) a random forest trained on the",
             "same covariates as the trees were."]
    result = kinds(make_page, justified_words(lines, 50, 250, 100, 215))
    assert [kind for kind, _, _ in result] == ["body"]


def test_enumerated_items_that_hang_in_justified_text_stay_list_items(make_page):
    words = justified_words(["Across the catchments we compared it", "with the baselines that agencies use",
                             "in practice, and as baselines we used"], 50, 250, 100, 250)
    for y, first, second in [(136, "(a) bilinear interpolation of the", "coarse product over the whole"),
                             (160, "(b) a random forest trained on all", "the covariates we had at hand")]:
        item = justified_words([first], 50, 250, y, 250)
        hang = item[1].x0  # the item's second line starts under its text, not under its enumerator
        words += item + justified_words([second], hang, 250, y + 12, 250)
    result = kinds(make_page, words)
    assert [kind for kind, _, _ in result].count("list_item") == 2


@pytest.mark.parametrize("glyphs", ["\ufffd\x84", "\ufffd\u2022"])
def test_a_checkbox_with_no_unicode_mapping_starts_a_list_item_under_a_line(make_page, glyphs):
    """A questionnaire's checkbox drawn in symbol fonts reads as U+FFFD and a C1 control
    character glued (or that character read as a dingbat bullet): a bullet, though the block has
    one item only (a blank to fill above it)."""
    box = words_from_text(glyphs, 50, 160, char_width=6) + words_from_text("There is no limit", 67, 160)
    words = column_text(BODY, 50, 100) + words_from_text("_______ at the local level", 50, 148) + box
    result = kinds(make_page, words)
    assert [r for r in result if r[0] == "list_item"] == [("list_item", 0, f"{glyphs} There is no limit")]


def test_a_dash_that_goes_on_with_the_sentence_of_a_full_line_starts_no_list_item(make_page):
    words = (column_text(["The hills of the distribution are higher for the central collisions and the fall of",
                          "– distributions is more visible for the heavier beams at the higher energy.",
                          "The list that follows has two items:"], 50, 100)
             + words_from_text("– the first point to make", 50, 136) + words_from_text("– the second point", 50, 148))
    result = kinds(make_page, words)
    assert [text for kind, _, text in result if kind == "list_item"] == ["– the first point to make",
                                                                         "– the second point"]


def test_a_math_sign_opening_lines_of_a_sentence_that_runs_on_starts_no_list_item(make_page):
    """A relation sign that opens two lines of a sentence (its formula broken at the line's
    start) is set like an OCR'd bullet, but the line above each runs full and open."""
    words = column_text(["The extreme may be the largest one for all of them. Here the state",
                         "< n >= 6 has always a lower value of the aim function than the state",
                         "< n >= 3. The extreme is then largest for each case we know."], 50, 100)
    assert not [r for r in kinds(make_page, words) if r[0] == "list_item"]


def test_marks_that_ocr_made_of_bullets_start_list_items_when_set_as_bullets(make_page):
    hanging = (words_from_text("+ Check the live departure boards at", 50, 148)
               + words_from_text("major stops before you travel.", 60, 160)
               + words_from_text("+ Keep your ticket.", 50, 172))
    items = [b for b in classify([lay_out_page(make_page(column_text(BODY, 50, 100) + hanging))])
             if b.kind == "list_item"]
    units = [Unit("list_item", b.lines, words=[w for line in b.lines for w in line.words]) for b in items]
    assert [paragraph_data(unit)["text"] for unit in units] == [
        "Check the live departure boards at major stops before you travel.", "Keep your ticket."]
    dash = words_from_text("— and so on, said the next speaker", 50, 148) + words_from_text("who went on.", 50, 160)
    assert not [r for r in kinds(make_page, column_text(BODY, 50, 100) + dash) if r[0] == "list_item"]


def test_bullets_that_ocr_read_as_letters_start_list_items_and_are_not_a_column(make_page):
    items = [("Introduce a free reminder service", "for owners of treatment units."),
             ("Target advice visits at supplies", "that failed a standard."),
             ("Publish a short guide to springs", "and their protection."),
             ("Work with the water company", "on new connections.")]
    words = column_text(BODY, 50, 100)
    for number, (first, second) in enumerate(items):
        y = 160 + 24 * number
        words += words_from_text("e", 50, y) + words_from_text(first, 65, y) + words_from_text(second, 65, y + 12)
    blocks = classify([lay_out_page(make_page(words))])
    units = [Unit("list_item", b.lines, words=[w for line in b.lines for w in line.words])
             for b in blocks if b.kind == "list_item"]
    assert [paragraph_data(unit)["text"] for unit in units] == [" ".join(item) for item in items]
    flush = column_text(["a line of body text that starts with a", "a letter, as body text may do at times"], 50, 160)
    assert not [r for r in kinds(make_page, column_text(BODY, 50, 100) + flush) if r[0] == "list_item"]


def test_a_sub_heading_whose_weight_does_not_show_is_found_by_its_number(make_page):
    words = (words_from_text("2 Methods", 50, 80, bold=True) + column_text(BODY, 50, 100)
             + words_from_text("2.1 Study Sites", 50, 160) + column_text(BODY, 50, 180)
             + words_from_text("2.3 Not the next one", 50, 240) + column_text(BODY, 50, 260))
    headings = [r[2] for r in kinds(make_page, words) if r[0] == "heading"]
    assert headings == ["2 Methods", "2.1 Study Sites"]
    joined = words_from_text("2 Methods", 50, 80, bold=True) + column_text(["2.1 Lichen Surveys", *BODY], 50, 100)
    assert kinds(make_page, joined)[1:3] == [("heading", 2, "2.1 Lichen Surveys"), ("body", 0, " ".join(BODY))]


def test_contents_lines_that_repeat_later_headings(make_page):
    words = (column_text(["Methods", "Results and a long", "discussion"], 50, 60)
             + column_text(BODY, 50, 120)
             + words_from_text("Methods", 50, 180, bold=True) + column_text(BODY, 50, 195)
             + words_from_text("Results and a long discussion", 50, 250, bold=True) + column_text(BODY, 50, 265))
    result = kinds(make_page, words)
    assert [r[0] for r in result[:1]] == ["toc"]


def test_lines_that_name_later_headings_backwards_are_no_contents(make_page):
    """A cover's series name and title come back as headings later, the title first: a
    contents list names headings in the order they come, so this is no contents."""
    words = (column_text(["Results and a long", "discussion", "Methods"], 50, 60)
             + column_text(BODY, 50, 120)
             + words_from_text("Methods", 50, 180, bold=True) + column_text(BODY, 50, 195)
             + words_from_text("Results and a long discussion", 50, 250, bold=True) + column_text(BODY, 50, 265))
    assert "toc" not in [r[0] for r in kinds(make_page, words)]


def test_contents_entries_taken_for_headings_or_wrapped_into_the_next_block(make_page):
    # on a scan a contents box in another typeface can measure as bold, line by line
    words = (words_from_text("Methods", 50, 60, bold=True)
             + words_from_text("Results and a long", 50, 72) + words_from_text("discussion", 50, 84, bold=True)
             + column_text(BODY, 50, 120)
             + words_from_text("Methods", 50, 180, bold=True) + column_text(BODY, 50, 195)
             + words_from_text("Results and a long discussion", 50, 250, bold=True) + column_text(BODY, 50, 265))
    blocks = classify([lay_out_page(make_page(words))])
    assert [b.kind for b in blocks[:3]] == ["toc", "toc", "toc"]
    assert [b.text for b in blocks if b.kind == "heading"] == ["Methods", "Results and a long discussion"]


def test_a_contents_page_set_as_a_table_matches_headings_across_case_and_section_numbers():
    """A contents page in three columns (section numbers, titles, page numbers) read as three
    column blocks, titles without their numbers, headings later in capitals with theirs: the
    titles are entries, and each number goes back onto its entry's row."""
    rows = [("1", "Introduction", "3"), ("2", "Methods and Sites", "5"), ("3", "Results", "8")]

    def column(x0: float, field: int, bold: bool = True) -> Block:
        return Block([Line(words_from_text(row[field], x0, 60 + 20 * i, bold=bold), 1)
                      for i, row in enumerate(rows)], 1)

    def section(i: int, number: str, title: str) -> list[Block]:
        top = 200 + 90 * i
        return [Block([Line(words_from_text(f"{number} {title.upper()}", 50, top, bold=True), 1)], 1),
                Block([Line(words_from_text(text, 50, top + 20 + 12 * j), 1) for j, text in enumerate(BODY)], 1)]

    page = [column(50, 0), column(80, 1, bold=False), column(450, 2, bold=False)]
    page += [block for i, (number, title, _) in enumerate(rows) for block in section(i, number, title)]
    blocks = classify([PageLayout(1, 600, 800, page)])
    assert [b.text for b in blocks if b.kind == "heading"] == ["1 INTRODUCTION", "2 METHODS AND SITES", "3 RESULTS"]
    assert [b.kind for b in blocks[:3]] == ["toc", "toc", "toc"]
    keys = contents_keys([b.text for b in blocks if b.kind == "heading"])
    rows = contents_rows([line for b in blocks[:3] for line in b.lines])
    assert contents_entries([rows[id(line)] for b in blocks[:3] for line in b.lines if id(line) in rows], keys) == [
        "1 Introduction", "2 Methods and Sites", "3 Results"]


def test_a_contents_pages_column_of_page_numbers_read_after_other_blocks_goes_back_on_its_rows():
    """Reading order may put a contents page's column of page numbers after a block that is no
    entry (a part's title on the page): the numbers still go back on their entries' rows, and
    are no entries of their own."""
    def unit(kind: str, *lines: tuple[str, float, float]) -> Unit:
        return Unit(kind, [Line(words_from_text(text, x, y), 1) for text, x, y in lines])

    units = [unit("toc", ("Introduction", 120, 100), ("Methods . . . . .", 120, 120)),
             unit("heading", ("Part One", 120, 160)),
             unit("toc", ("3", 480, 100), ("5", 480, 120))]
    keys = contents_keys(["1 INTRODUCTION", "2 METHODS"])
    assert contents_of(units, keys) == ["Introduction", "Methods"]


def test_an_unnumbered_line_in_capitals_in_the_numbered_headings_style_is_a_heading(make_page):
    """"ABSTRACT" set like "1 INTRODUCTION" (capitals a size below the body, not bold) heads the
    abstract: a body line (front matter ends at the long author list), it would run on from the
    affiliation line above it."""
    caps = {"size": 9.5, "char_width": 6}
    words = (words_from_text("A Study of Things", 50, 40, size=14, char_width=7)
             + column_text(["Ann Author, Bob Writer, Cy Scribe, Di Editor,"] * 4, 50, 60)
             + words_from_text("Research Group, Some Institute", 50, 120)
             + words_from_text("ABSTRACT", 150, 145, **caps) + column_text(BODY, 50, 165)
             + words_from_text("1 INTRODUCTION", 50, 240, **caps) + column_text(BODY, 50, 260)
             + words_from_text("2 METHODS", 50, 330, **caps) + column_text(BODY, 50, 350))
    result = kinds(make_page, words)
    assert [text for kind, _, text in result if kind == "heading"] == ["ABSTRACT", "1 INTRODUCTION", "2 METHODS"]
    assert ("body", 0, "Research Group, Some Institute") in result


def test_a_masthead_in_two_sizes_over_two_columns_stays_one_title(make_page):
    masthead = (words_from_text("CHINA", 150, 40, size=40, char_width=20)
                + words_from_text("SCIENCE AND", 60, 78, size=30, char_width=15)
                + words_from_text("TECHNOLOGY", 232.5, 78, size=30, char_width=15)  # its space over the gutter
                + words_from_text("REVIEW", 140, 108, size=40, char_width=20))
    left = column_text(["alpha beta gamma delta epsilon"] * 12, 50, 200)  # ends at 212.5
    right = column_text(["one two three four five six"] * 12, 232, 200)
    result = kinds(make_page, masthead + left + right)
    assert [text for kind, _, text in result if kind == "title"] == ["CHINA", "SCIENCE AND TECHNOLOGY", "REVIEW"]
    assert [r for r in result if r[0] == "heading"] == []


def test_bold_taglines_with_a_picture_between_them_are_not_a_run_of_headings(make_page):
    words = words_from_text("Access Control", 50, 30, size=30, char_width=15) + column_text(BODY * 3, 50, 400)
    for n, tagline in enumerate(["Implement roles and duties", "Leverage row permissions", "Protect columns by masks"]):
        words += words_from_text(tagline, 50, 100 + 60 * n, size=14, bold=True)
    page = make_page(words)
    page.regions = [Region("figure", 1, 150, 130, 550, 380)]  # a cover picture under the taglines' ends
    blocks = classify([lay_out_page(page)])
    assert [b.kind for b in blocks if b.kind not in ("body", "figure", "title")] == []


def test_heading_number():
    assert heading_number("3.2.1 Deep") == "3.2.1"
    assert heading_number("A. Appendix") == "A"
    assert heading_number("A new start") is None


def test_numbered_lines_become_list_items_when_several_lines_are_numbered(make_page):
    words = (column_text(BODY, 50, 100)
             + column_text(["1. the first step to take", "2. the second step, which", "runs over two lines",
                            "3. the last step"], 50, 160))
    items = [r for r in kinds(make_page, words) if r[0] == "list_item"]
    assert [text for _, _, text in items] == ["1. the first step to take",
                                              "2. the second step, which runs over two lines", "3. the last step"]


def test_a_single_line_starting_with_a_number_is_not_a_list(make_page):
    words = column_text(["The results of Section", "3. are shown in the table", "that follows on the page."], 50, 100)
    assert all(r[0] != "list_item" for r in kinds(make_page, words))


def test_an_italic_line_style_the_document_uses_over_paragraphs_is_a_heading(make_page):
    words = column_text(BODY, 50, 100)
    for n, title in enumerate(["Boots Self-Locking Nut", "Elastic Stop Nut"]):
        words += words_from_text(title, 50, 170 + 90 * n, italic=True) + column_text(BODY, 50, 186 + 90 * n)
    result = kinds(make_page, words)
    assert [text for kind, _, text in result if kind == "heading"] == ["Boots Self-Locking Nut", "Elastic Stop Nut"]


def test_one_italic_line_is_emphasis_not_a_heading(make_page):
    words = column_text(BODY, 50, 100) + words_from_text("Boots Self-Locking Nut", 50, 170, italic=True) \
        + column_text(BODY, 50, 186)
    assert not [kind for kind, _, _ in kinds(make_page, words) if kind == "heading"]


def test_bold_lines_one_under_another_are_not_headings(make_page):
    words = column_text(BODY, 50, 100)
    for n, line in enumerate(["CREATE PERMISSION <name>", "ON <table name>", "FOR ROWS", "WHERE <logic>"]):
        words += words_from_text(line, 60, 170 + 20 * n, bold=True)
    words += column_text(BODY, 50, 260)
    assert not [kind for kind, _, _ in kinds(make_page, words) if kind == "heading"]


def test_a_glyph_without_letters_is_never_the_title(make_page):
    words = (words_from_text("\ufffd", 50, 40, size=30, char_width=15)
             + words_from_text("A Study of Things", 50, 90, size=20, char_width=10)
             + column_text(BODY, 50, 130))
    result = kinds(make_page, words)
    assert ("title", 0, "A Study of Things") in result
    assert all(kind != "title" for kind, _, text in result if text == "\ufffd")


def test_a_line_in_the_medium_weight_of_a_light_text_face_is_a_heading(make_page):
    def styled(words, font):
        for word in words:
            word.font = font
        return words

    body = styled(column_text(BODY, 50, 130), "KoPubBatangLight")
    heading = styled(words_from_text("(1) Revision of the law", 50, 110, size=10.8), "KoPubDotumMedium")
    more = styled(column_text(BODY, 50, 190), "KoPubBatangLight")
    result = kinds(make_page, heading + body + more)
    assert ("heading", 1, "(1) Revision of the law") in result


def test_a_heading_at_the_foot_of_its_page_with_nothing_under_it_is_no_heading(make_page):
    words = (column_text(BODY, 50, 100) + column_text(BODY, 50, 160)
             + words_from_text("Global Study on Legal Aid", 50, 760, size=13, char_width=7, bold=True))
    assert ("heading", 1, "Global Study on Legal Aid") not in kinds(make_page, words)
    assert kinds(make_page, words + column_text(BODY[:2], 50, 778))[-2][0] == "heading"


def test_a_box_glyph_set_larger_than_its_word_does_not_make_a_heading_or_title(make_page):
    box = words_from_text("\ufffd\u201e", 50, 300, size=16, char_width=6)
    words = column_text(BODY, 50, 100) + box + words_from_text("No", 66, 302)
    assert all(kind not in ("heading", "title") for kind, _, _ in kinds(make_page, words))


def test_a_larger_line_that_starts_in_lower_case_over_text_that_does_too_is_running_text(make_page):
    words = (words_from_text("A Study of Things", 50, 40, size=20, char_width=10) + column_text(BODY, 50, 100)
             + words_from_text("network generalise across seasons. Second, we", 50, 170, size=12, char_width=6)
             + column_text(["describe a compact set of terrain and soil", "covariates of the whole basin."], 50, 186))
    result = kinds(make_page, words)
    assert not [text for kind, _, text in result if kind == "heading"]
    assert any("network generalise across seasons" in text for kind, _, text in result if kind == "body")


@pytest.mark.parametrize("text_source, headings", [
    ("ocr layer", ["Reservoir Storage at the End of Winter"]),
    ("text", ["Reservoir Storage at", "the End of Winter"])])
def test_a_bold_heading_wrapped_on_a_scan_is_one_heading_whatever_size_ocr_gave_its_lines(text_source, headings):
    from pipeline.core.geometry import RawPage

    words = (words_from_text("Riverlands Water", 50, 30, size=20, char_width=10)
             + words_from_text("Reservoir Storage at", 50, 100, size=11.2, char_width=6, bold=True)
             + words_from_text("the End of Winter", 50, 114, size=9, char_width=5, bold=True)
             + column_text(BODY, 50, 130))
    blocks = classify([lay_out_page(RawPage(1, 600, 800, words, text_source=text_source))])
    assert [block.text for block in blocks if block.kind == "heading"] == headings


def test_a_table_over_a_line_of_a_scan_is_no_heading_to_join():
    from pipeline.core.geometry import Block, Line, Word
    from pipeline.stages.classify import _wraps_onto

    table = Block([], 1, kind="table", region=Region("table", 1, 230, 600, 550, 624))
    number = Block([Line([Word("15", 41, 614, 45, 620, 6, bold=True)], 1)], 1, kind="heading")
    assert not _wraps_onto(table, number)


def test_a_tagline_set_tight_under_the_title_in_a_second_size_is_part_of_the_title(make_page):
    words = (words_from_text("Alder Quay Tidings", 150, 40, size=30, char_width=15)
             + words_from_text("Newsletter of the Residents", 195, 78, size=12, char_width=6)  # centred, 2 pt below
             + words_from_text("Issue 19", 268, 110)
             + column_text(BODY, 50, 140))
    joined = ClassifySettings(title_line_gap=0.25)
    result = [(b.kind, b.level, b.text) for b in classify([lay_out_page(make_page(words))], joined)]
    titles = [text for kind, _, text in result if kind == "title"]
    assert titles == ["Alder Quay Tidings", "Newsletter of the Residents"]
    assert [text for kind, _, text in kinds(make_page, words) if kind == "title"] == ["Alder Quay Tidings"]  # default
    assert ("front", 0, "Issue 19") in result


def test_a_line_under_the_title_in_body_size_or_set_apart_is_no_part_of_it(make_page):
    for size, top in ((10, 78), (12, 92)):
        words = (words_from_text("Alder Quay Tidings", 150, 40, size=30, char_width=15)
                 + words_from_text("Newsletter of the Residents", 195, top, size=size, char_width=6)
                 + column_text(BODY, 50, 140))
        blocks = classify([lay_out_page(make_page(words))], ClassifySettings(title_line_gap=0.25))
        assert [b.text for b in blocks if b.kind == "title"] == ["Alder Quay Tidings"]


def test_a_larger_line_under_the_front_matter_close_above_its_text_is_a_heading(make_page):
    words = (words_from_text("The Cobbler Lane Plot", 120, 40, size=32, char_width=16)
             + words_from_text("Bulletin of the Allotment Society", 160, 82, size=11.5, char_width=6)
             + words_from_text("Notes from the Chair", 50, 124, size=13, char_width=7)  # 27 pt below, 3 pt above
             + column_text(BODY, 50, 142.6))
    result = kinds(make_page, words)
    assert ("front", 0, "Bulletin of the Allotment Society") in result
    assert ("heading", 1, "Notes from the Chair") in result


def test_the_paragraph_after_a_list_in_one_block_with_it_is_no_part_of_the_last_item(make_page):
    words = (column_text(BODY, 50, 100)
             + words_from_text("\u2022", 52, 148) + words_from_text("the last item of the list, which", 62, 148)
             + words_from_text("hangs under its text.", 62, 160)
             + words_from_text("The next paragraph starts indented", 56, 172)
             + words_from_text("and then runs on at the column edge.", 50, 184))
    result = kinds(make_page, words)
    assert ("list_item", 0, "\u2022 the last item of the list, which hangs under its text.") in result
    assert ("body", 0, "The next paragraph starts indented and then runs on at the column edge.") in result


def test_a_line_the_page_does_not_show_is_no_heading(make_page):
    """A cover's label printed in white on the white page, larger and bolder than the title."""
    label = words_from_text("Front cover", 300, 30, size=24, char_width=12, bold=True)
    for word in label:
        word.hidden = True
    words = label + words_from_text("A Study of Things", 50, 60, size=20, char_width=10) \
        + column_text(BODY, 50, 100) + words_from_text("Methods", 50, 160, size=14, bold=True) \
        + column_text(BODY, 50, 180)
    result = kinds(make_page, words)
    assert ("title", 0, "A Study of Things") in result
    assert ("heading", 1, "Methods") in result
    assert not [r for r in result if r[2] == "Front cover" and r[0] in ("heading", "title")]


def test_a_web_address_set_large_is_no_heading(make_page):
    """A back cover's "ibm.com/redbooks" in bold at a heading's size heads nothing."""
    words = words_from_text("A Study of Things", 50, 60, size=20, char_width=10) + column_text(BODY, 50, 100) \
        + words_from_text("Methods", 50, 160, size=14, bold=True) + column_text(BODY, 50, 180) \
        + words_from_text("ibm.com/redbooks", 50, 240, size=14, bold=True)
    result = kinds(make_page, words)
    assert ("heading", 1, "Methods") in result
    assert ("body", 0, "ibm.com/redbooks") in result


def test_a_line_over_a_list_in_smaller_type_heads_it_though_it_is_not_larger_than_the_body(make_page):
    """A sidebar's "Highlights" is set at about body size, over its list in small type: it stands
    out from what it heads. A sentence over small type is no heading."""
    small = ["Enhance the performance of your", "database operations and earn more"]
    words = (column_text(BODY * 3, 50, 100)
             + words_from_text("Highlights", 50, 300, size=9.4, char_width=4.7)
             + column_text(small, 50, 314, pitch=8, size=6.3, char_width=3.2)
             + words_from_text("Notes follow here.", 50, 360, size=9.4, char_width=4.7)
             + column_text(small, 50, 374, pitch=8, size=6.3, char_width=3.2))
    assert [text for kind, _, text in kinds(make_page, words) if kind == "heading"] == ["Highlights"]


def test_a_chapter_number_set_large_over_its_title_numbers_it(make_page):
    """A chapter opener prints its number alone in large type over the title: one heading,
    numbered, at the depth of its number (above the "1.1" sections under it)."""
    words = (column_text(BODY, 136, 60)  # the page's upper half holds no title
             + words_from_text("1", 500, 410, size=40, char_width=20, bold=True)
             + words_from_text("Securing and protecting data", 136, 480, size=26, char_width=13, bold=True)
             + column_text(BODY, 136, 530)
             + words_from_text("1.1 Security fundamentals", 136, 600, size=16, char_width=8, bold=True)
             + column_text(BODY, 136, 630))
    headings = [(level, text) for kind, level, text in kinds(make_page, words) if kind == "heading"]
    assert headings == [(1, "1 Securing and protecting data"), (2, "1.1 Security fundamentals")]


def test_a_form_of_tables_under_bold_lines_has_its_title_and_headings_read_against_the_values(make_page):
    """A page whose only text outside its tables is a title and two section lines, set in bold
    like the tables' labels: the body style is that of the values (the regular cell text), so
    the lines stand out as the title and headings, and a table ends the title's run."""
    def form(y0: float) -> Region:
        labels = column_text(["Standard name of the product"] * 4, 300, y0 + 5, pitch=20, size=14, bold=True)
        values = column_text(["steel billet", "20300", "yes"], 60, y0 + 5, pitch=20, size=12)
        return Region("table", 1, 50, y0, 550, y0 + 85, words=labels + values)

    words = (words_from_text("Admission prospectus of the main market", 60, 60, size=14, bold=True)
             + words_from_text("2 Product standard", 360, 140, size=15, bold=True)
             + words_from_text("3 Admission", 400, 350, size=14, bold=True))
    page = make_page(words)
    page.regions = [Region("figure", 1, 400, 30, 480, 100), form(160), form(370)]
    result = [(kind, text) for kind, _, text in
              ((b.kind, b.level, b.text) for b in classify([lay_out_page(page)])) if kind in ("title", "heading")]
    assert result == [("title", "Admission prospectus of the main market"), ("heading", "2 Product standard"),
                      ("heading", "3 Admission")]


def test_cjk_section_numbers_are_heading_numbers():
    """A CJK numeral before the ideographic comma, in brackets, or in "第…章/节" is a section
    number (needing no space after it); numerals listed with the comma ("一、二年级") are not."""
    numbered = ("一、发行人历史信用评级情况", "（二）授信情况", "(三) 其他",
                "第七章企业资信状况", "第3节 方法", "十二、附则")
    assert [heading_number(text) for text in numbered] == ["一", "（二）", "(三)", "第七章", "第3节", "十二"]
    assert [heading_number(text) for text in ("一、二年级学生", "一、", "本次发行", "一二三")] == [None] * 4


CJK_BODY = ["截至二〇二三年三月末，发行人各类授信额度总额达三百七十二亿元，其中已使用",
            "额度二百五十二亿元，尚未使用的授信额度为一百二十亿元，发行人的授信情况",
            "良好，与各家银行保持着长期稳定的合作关系，融资渠道通畅。"]


def cjk_page(make_page, headings: list[tuple[str, bool]]) -> PageLayout:
    """A page of Chinese text: each heading (bold or not), then a paragraph of ``CJK_BODY``."""
    words, y = [], 60.0
    for heading, bold in headings:
        words += words_from_text(heading, 90, y, size=12, char_width=12, bold=bold)
        words += column_text(CJK_BODY, 90, y + 24, pitch=20, size=12, char_width=12)
        y += 24 + 20 * len(CJK_BODY) + 12
    return lay_out_page(make_page(words, width=595, height=842))


def test_bold_cjk_numbered_lines_are_headings_levelled_by_their_kind(make_page):
    """Bold lines numbered "一、" and "（一）" at the body size are headings, "（一）" a level
    under "一、" (Chinese documents nest them so), and the paragraphs under them, one run of
    characters without spaces each, are running text, not headings."""
    page = cjk_page(make_page, [("一、发行人历史信用评级情况", True), ("（一）主体评级", True), ("二、授信情况", True)])
    blocks = classify([page])
    assert [(b.kind, b.level, b.text) for b in blocks if b.kind == "heading"] == [
        ("heading", 1, "一、发行人历史信用评级情况"), ("heading", 2, "（一）主体评级"), ("heading", 1, "二、授信情况")]
    assert [b.kind for b in blocks if b.kind != "heading"] == ["body"] * 3


def test_a_cjk_numbered_line_after_a_numbered_heading_is_cut_off_as_the_next_section(make_page):
    """"二、授信情况" opening a block at the body weight, after the heading "一、...", is the next
    section's heading, as "3 Results" after "2 Methods" is."""
    page = cjk_page(make_page, [("一、发行人历史信用评级情况", True), ("二、授信情况", False)])
    blocks = classify([page])
    assert [b.text for b in blocks if b.kind == "heading"] == ["一、发行人历史信用评级情况", "二、授信情况"]


def test_chinese_paragraphs_are_running_text_though_written_without_spaces(make_page):
    """Short blocks only (a form) take their body style from the table cells; a paragraph of
    Chinese, a run of characters with no space, is running text by its characters, so the
    body is the paragraphs' type and not the table's smaller one."""
    from pipeline.stages.classify import body_style

    cell = "偿还债务的能力很强受不利经济环境的影响不大"
    cells = [word for row in range(8) for word in words_from_text(cell, 90, 500 + 20 * row, size=10, char_width=10)]
    page = make_page(column_text(CJK_BODY, 90, 100, pitch=20, size=12, char_width=12), width=595, height=842)
    page.regions = [Region("table", 1, 85, 495, 510, 670, words=cells)]
    assert body_style([lay_out_page(page)]).size == 12


def test_a_dash_read_apart_from_its_word_after_a_line_it_would_not_fit_on_starts_no_list_item(make_page):
    """OCR reads a dash printed against its word ("—existing") as a word of its own; the line
    above stopped short because the two would not have fitted there, so the sentence goes on."""
    lines = ["When the sequence loops back around to bar one again, you",
             "will hear what you played, with every note kept.",
             "Any additional notes played will be added to the track"]
    words = column_text(lines, 50, 100) + words_from_text("— existing notes are not erased while you play,", 50, 136)
    words += column_text(["and the controls may be used at any time to reach"], 57.5, 148)  # under "existing"
    assert not [r for r in kinds(make_page, words) if r[0] == "list_item"]
