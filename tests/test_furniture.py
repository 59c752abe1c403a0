"""Running headers, footers and page numbers."""

from pipeline.core.edits import EditLog
from pipeline.stages.furniture import PAGE_NUMBER, signature, strip_furniture
from pipeline.stages.layout import lay_out_page

from .conftest import column_text, words_from_text

BODY = ["the body text of the page goes here", "and continues on this line", "and this one too"]


def page_with(make_page, number, header=None, footer=None, footer_size=8):
    words = column_text(BODY, 50, 300, page=number)
    if header:
        words += words_from_text(header, 50, 30, size=8, page=number)
    if footer:
        words += words_from_text(footer, 400, 770, size=footer_size, page=number)
    return lay_out_page(make_page(words, number=number))


def test_signature_normalises_digits_and_case():
    assert signature("JULY 2025 1") == signature("July 2025 12")


def test_page_number_patterns():
    for text in ["7", "- 7 -", "Page 7", "7 of 12", "vii", "(12)"]:
        assert PAGE_NUMBER.match(text), text
    for text in ["2025 was a year", "Table 3"]:
        assert not PAGE_NUMBER.match(text), text


def test_chapter_and_page_folios_are_page_numbers_and_year_ranges_are_not():
    for text in ["7-45", "A-3", "12–104"]:
        assert PAGE_NUMBER.match(text), text
    for text in ["2024-2025", "1-2-3"]:
        assert not PAGE_NUMBER.match(text), text


def test_recurring_footer_is_removed_and_recorded(make_page):
    pages = [page_with(make_page, n, footer=f"JULY 2025 {n}") for n in (1, 2, 3)]
    log = EditLog()
    pages, removed = strip_furniture(pages, log)
    assert [f["text"] for f in removed] == ["JULY 2025 1", "JULY 2025 2", "JULY 2025 3"]
    assert all(len(p.blocks) == 1 for p in pages)
    assert log.count("furniture") == 3


def test_a_footer_ocr_reads_and_sizes_differently_on_each_page_is_removed(make_page):
    footers = {1: ("‘Harbour Science Notes - March 2026 - 1", 6.25), 2: ("Harbour Science Notes - March 2026 2", 8.25)}
    pages = [page_with(make_page, n, footer=text, footer_size=size) for n, (text, size) in footers.items()]
    pages, removed = strip_furniture(pages, EditLog())
    assert [f["text"] for f in removed] == [text for text, _ in footers.values()]


def test_a_running_footer_cut_at_a_column_gutter_is_removed_whole(make_page):
    def page(number, footer_parts, size, y0):  # OCR places and sizes the footer a little differently on each page
        words = column_text(BODY, 50, 300, page=number) + column_text(BODY, 320, 300, page=number)
        for x0, text in footer_parts:
            words += words_from_text(text, x0, y0, size=size, page=number)
        return lay_out_page(make_page(words, number=number))

    whole = page(1, [(320, "Ashgrove Library Bulletin - June 2026 - 1")], 8.25, 770)
    cut = page(2, [(180, "Ashgrove Library"), (320, "Bulletin - June 2026 - 2")], 7.0, 775)
    pages, removed = strip_furniture([whole, cut], EditLog())
    assert sorted(f["text"] for f in removed) == ["Ashgrove Library", "Ashgrove Library Bulletin - June 2026 - 1",
                                                  "Bulletin - June 2026 - 2"]
    assert all(len(p.blocks) == 2 for p in pages)


def test_alternating_headers_are_found_by_their_slot(make_page):
    headers = {2: "Journal of Things 12", 3: "A Short Title", 4: "Journal of Things 12"}
    pages = [page_with(make_page, n, header=headers.get(n), footer=str(n)) for n in (1, 2, 3, 4)]
    pages, removed = strip_furniture(pages, EditLog())
    assert sorted(f["text"] for f in removed if f["kind"] == "header") == ["A Short Title", "Journal of Things 12",
                                                                     "Journal of Things 12"]
    assert sum(1 for f in removed if f["kind"] == "page_number") == 4


def test_body_text_is_never_furniture(make_page):
    pages = [page_with(make_page, n) for n in (1, 2)]
    pages, removed = strip_furniture(pages, EditLog())
    assert removed == []


def test_running_heads_seen_once_each_are_found_above_the_text_block(make_page):
    body = BODY + ["and a fourth line of text"]
    headers = {2: "Journal of Things", 3: "A Short Title"}

    def page(number):
        words = column_text(body, 50, 100, page=number)
        if number in headers:
            words += words_from_text(headers[number], 50, 40, size=8, page=number)
        return lay_out_page(make_page(words, number=number))

    pages, removed = strip_furniture([page(n) for n in (1, 2, 3)], EditLog())
    assert sorted(f["text"] for f in removed) == ["A Short Title", "Journal of Things"]


def test_a_heading_that_opens_pages_is_not_a_running_head(make_page):
    def page(number, heading):
        words = words_from_text(heading, 50, 40, size=14, char_width=7, bold=True, page=number)
        words += column_text(BODY + ["one more line"], 50, 100, page=number)
        return lay_out_page(make_page(words, number=number))

    pages, removed = strip_furniture([page(1, "Finance"), page(2, "Community Programmes"), page(3, "Outlook")],
                                     EditLog())
    assert removed == []


def test_line_numbers_in_a_forms_footer_are_not_page_numbers(make_page):
    def page(number, numbers):
        words = column_text(BODY, 50, 300, page=number)
        for x0, text in numbers:
            words += words_from_text(text, x0, 770, size=8, page=number)
        return lay_out_page(make_page(words, number=number))

    pages, removed = strip_furniture([page(1, [(60, "35"), (300, "36"), (500, "37")]), page(2, [(500, "38")])],
                                     EditLog())
    assert removed == []


def test_page_numbers_in_sequence_are_removed_even_when_they_are_not_the_page_index(make_page):
    pages = [page_with(make_page, n, footer=str(n + 16)) for n in (1, 2)]  # pages 17 and 18 of a report
    pages, removed = strip_furniture(pages, EditLog())
    assert [(f["kind"], f["text"]) for f in removed] == [("page_number", "17"), ("page_number", "18")]


def test_a_two_page_document_keeps_a_line_that_only_shares_a_slot(make_page):
    pages = [page_with(make_page, 1, footer="Subtract line 36 from line 22"), page_with(make_page, 2, footer="Page 2")]
    pages, removed = strip_furniture(pages, EditLog())
    assert [f["text"] for f in removed] == ["Page 2"]


def test_the_two_page_numbers_of_a_spread_are_furniture_and_its_footer_stays(make_page):
    words = (column_text(BODY, 50, 100) + column_text(BODY, 650, 100)
             + words_from_text("208", 42, 756) + words_from_text("Global Study on Legal Aid", 315, 756)
             + words_from_text("Annex", 738, 756) + words_from_text("209", 1167, 756))
    pages = [lay_out_page(make_page(words, width=1224, height=792))]
    pages, removed = strip_furniture(pages, EditLog())
    assert sorted(item["text"] for item in removed) == ["208", "209"]


def test_a_page_number_set_above_the_bottom_band_is_found_as_the_page_s_lowest_block(make_page):
    pages = [lay_out_page(make_page(column_text(BODY, 50, 100) + words_from_text(str(n), 300, 695),
                                    width=612, height=792, number=n)) for n in (1, 2)]
    pages, removed = strip_furniture(pages, EditLog())
    assert [(item["kind"], item["text"]) for item in removed] == [("page_number", "1"), ("page_number", "2")]


def test_a_last_line_of_text_above_the_bottom_band_stays(make_page):
    endings = {1: "and so the survey closed in May.", 2: "with thanks to every volunteer."}
    pages = [lay_out_page(make_page(column_text(BODY, 50, 100) + words_from_text(endings[n], 50, 695),
                                    width=612, height=792, number=n)) for n in (1, 2)]
    pages, removed = strip_furniture(pages, EditLog())
    assert removed == []


def test_running_heads_set_below_the_top_band_are_removed_by_recurrence_and_a_title_they_repeat_stays(make_page):
    def page(number):  # AMS style: folio and author, or short title and folio, at 95 pt on a 792 pt page
        head = f"{number} A. Writer" if number % 2 == 0 else f"Topological Groups {number}"
        words = words_from_text(head, 200, 95, size=8, page=number)
        if number == 1:
            words = words_from_text("TOPOLOGICAL GROUPS", 200, 150, size=12, page=number)
        return lay_out_page(make_page(words + column_text(BODY, 50, 200, page=number), width=612, height=792,
                                      number=number))

    pages, removed = strip_furniture([page(n) for n in (1, 2, 3, 4, 5)], EditLog())
    assert [item["text"] for item in removed] == ["2 A. Writer", "Topological Groups 3", "4 A. Writer",
                                                   "Topological Groups 5"]


def test_a_first_block_below_the_top_band_is_not_removed_for_its_slot_alone(make_page):
    item = ["The momentum should be greater than 20 GeV", "for electrons and 15 GeV for muons."]

    def page(number):
        words = words_from_text(f"Draft figure {number}", 200, 84, size=8, page=number)  # furniture, in the band
        if number == 3:  # a page whose text starts higher, at the furniture's height, and runs below the band
            words = column_text(item, 50, 85, pitch=10, size=8, page=number)
        return lay_out_page(make_page(words + column_text(BODY, 50, 200, page=number), width=612, height=792,
                                      number=number))

    pages, removed = strip_furniture([page(n) for n in (1, 2, 3, 4)], EditLog())
    assert [item["text"] for item in removed] == ["Draft figure 1", "Draft figure 2", "Draft figure 4"]


def test_a_one_page_excerpt_s_running_head_with_its_folio_is_furniture_and_a_title_ending_in_a_year_is_not(make_page):
    def page(head: str, folio: str):
        words = words_from_text(head, 150, 40, size=9) + words_from_text(folio, 480, 40, size=9)
        return lay_out_page(make_page(words + column_text(["order to compute the score, the runs"] + BODY, 50, 66),
                                      width=612, height=792))

    pages, removed = strip_furniture([page("Optimized Table Tokenization", "9")], EditLog())
    assert [(item["kind"], item["text"]) for item in removed] == [
        ("header", "Optimized Table Tokenization"), ("header", "9")]
    pages, removed = strip_furniture([page("Individual Income Tax Return", "2015")], EditLog())
    assert removed == []


def test_a_title_in_the_top_band_that_the_running_heads_repeat_smaller_stays(make_page):
    def page(number):
        words = words_from_text("Lab Report 4: Wash Fastness", 50, 30, size=8, page=number)
        if number == 1:
            words += words_from_text("Lab Report 4: Wash Fastness", 50, 60, size=14, char_width=7, page=number)
        return lay_out_page(make_page(words + column_text(BODY + ["one more line"], 50, 120, page=number),
                                      number=number))

    pages, removed = strip_furniture([page(n) for n in (1, 2, 3)], EditLog())
    assert [(item["page"], item["box"]["y0"]) for item in removed] == [(1, 30), (2, 30), (3, 30)]


def test_captions_that_open_pages_above_their_tables_are_not_running_heads(make_page):
    captions = {2: "Table 1: Reagents and equipment", 3: "Table 2: Mean absorbance per cycle"}

    def page(number):
        words = words_from_text("Lab Report 4", 50, 30, size=8, page=number)
        if number in captions:  # the table under it is a region of its own, not a block of text
            words += words_from_text(captions[number], 50, 60, size=9, page=number)
        return lay_out_page(make_page(words + column_text(BODY + ["one more line"], 50, 300, page=number),
                                      number=number))

    pages, removed = strip_furniture([page(n) for n in (1, 2, 3)], EditLog())
    assert [item["text"] for item in removed] == ["Lab Report 4"] * 3


def test_two_section_headings_that_open_pages_alike_are_not_a_running_header(make_page):
    headings = {2: "II. ACIDOSES METABOLIQUES", 4: "IV. ALCALOSES METABOLIQUES"}

    def page(number):
        words = column_text(BODY + ["one more line"], 50, 300, page=number)
        if number in headings:
            words += words_from_text(headings[number], 50, 40, size=13, bold=True, page=number)
        return lay_out_page(make_page(words, number=number))

    pages, removed = strip_furniture([page(n) for n in range(1, 6)], EditLog())
    assert removed == []


def test_a_running_head_over_page_two_that_repeats_the_first_pages_issue_line_is_furniture(make_page):
    issue = "Northmoor Schools Inspectorate · Report 25/0417 · Inspection dates: 11 and 12 November 2025"
    first = words_from_text(issue, 50, 130, size=10) + column_text(BODY, 50, 300)
    head = "Northmoor Schools Inspectorate · Report 25/0417"
    second = words_from_text(head, 150, 40, size=10, page=2) + column_text(BODY, 50, 76, page=2)
    pages = [lay_out_page(make_page(first, width=612, height=792)),
             lay_out_page(make_page(second, width=612, height=792, number=2))]
    pages, removed = strip_furniture(pages, EditLog())
    assert [(item["page"], item["text"]) for item in removed] == [(2, head)]
    assert issue in [block.text for block in pages[0].blocks]


def test_the_same_folio_in_the_same_place_on_every_page_is_a_page_number(make_page):
    """Both pages of a short file set from one template print "1" at the foot: not the pages'
    numbers, but the same number in the same place on every page is furniture (recorded as
    such); a "1" elsewhere on the other page stays (the first page's "1" is its number)."""
    log = EditLog()
    pages, removed = strip_furniture([page_with(make_page, n, footer="1") for n in (1, 2)], log)
    assert [(f["kind"], f["text"], f["page"]) for f in removed] == [("page_number", "1", 1), ("page_number", "1", 2)]
    assert log.count("furniture") == 2 and all(len(page.blocks) == 1 for page in pages)
    moved = lay_out_page(make_page(column_text(BODY, 50, 300, page=2) + words_from_text("1", 100, 770, size=8, page=2),
                                   number=2))
    pages, removed = strip_furniture([page_with(make_page, 1, footer="1"), moved], EditLog())
    assert [(f["text"], f["page"]) for f in removed] == [("1", 1)]


def test_a_number_repeated_among_others_in_a_forms_footer_is_not_a_page_number(make_page):
    def page(number):
        words = column_text(BODY, 50, 300, page=number)
        for x0, text in [(60, "1"), (300, "2"), (500, "3")]:
            words += words_from_text(text, x0, 770, size=8, page=number)
        return lay_out_page(make_page(words, number=number))

    pages, removed = strip_furniture([page(1), page(2)], EditLog())
    assert removed == []
