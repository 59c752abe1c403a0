"""Line-end hyphens: break hyphens joined, compound hyphens kept."""

import pytest

from pipeline.language.lexicon import DocumentVocabulary
from pipeline.stages.hyphens import decide_hyphen

EMPTY = DocumentVocabulary([])


@pytest.mark.parametrize("left, right, joined", [
    ("sustain-", "able", True),
    ("develop\u2010", "ment,", True),
    ("infec\u00ad", "tious", True),
    ("Earth-", "sourced", False),
    ("China-", "Pakistan", False),
    ("co-", "chaired", False),
    ("long-", "term", False),
    ("state-of-the-", "art", False),
    ("1990-", "2000", False),
    ("INTERNA-", "TIONAL", True),
    ("(inter-", "national)", True),
    ("sub-", "groups", True),
    ("super-", "partners", True),
])
def test_lexicon_decisions(left, right, joined):
    assert decide_hyphen(left, right, EMPTY)[0] is joined


def test_the_documents_own_spelling_wins():
    vocabulary = DocumentVocabulary(["the on-site team met on-site again"])
    assert decide_hyphen("on-", "site", vocabulary)[0] is False
    vocabulary = DocumentVocabulary(["a nonprofit body"])
    assert decide_hyphen("non-", "profit", vocabulary)[0] is True


def test_every_decision_gives_a_reason():
    joined, reason = decide_hyphen("Earth-", "sourced", EMPTY)
    assert reason


def test_dashes_and_slashes_at_a_line_end_join_without_a_space():
    from pipeline.core.edits import EditLog
    from pipeline.core.geometry import Line, Unit, Word
    from pipeline.stages.hyphens import resolve_hyphens

    def line(text: str, y: float) -> Line:
        words = [Word(t, 10.0 * i, y, 10.0 * i + 8, y + 10, 10.0) for i, t in enumerate(text.split())]
        return Line(words, 1)

    texts = ["AD 2018–", "23–51 and/", "or the 737-", "9 fleet"]
    unit = Unit("paragraph", [line(text, 12.0 * i) for i, text in enumerate(texts)])
    log = EditLog()
    resolve_hyphens([unit], log)
    assert unit.text == "AD 2018–23–51 and/or the 737-9 fleet"
    assert log.count("line_joined") == 2 and log.count("hyphen_kept") == 1


@pytest.mark.parametrize("left, right, joined", [
    ("neigh-", "bours", True),          # British spelling, found through its US form
    ("out-", "of-date", False),         # a hyphenated compound goes on over the line end
    ("volun-", "teer-run,", True),      # a word broken inside a compound
    ("search-", "able", True),          # closed-up suffix
])
def test_compounds_and_british_spellings(left, right, joined):
    assert decide_hyphen(left, right, EMPTY)[0] is joined


def _unit_of(texts: list[str]):
    from pipeline.core.geometry import Line, Unit, Word

    def line(text: str, y: float) -> Line:
        words = [Word(t, 10.0 * i, y, 10.0 * i + 8, y + 10, 10.0) for i, t in enumerate(text.split())]
        return Line(words, 1)

    return Unit("paragraph", [line(text, 12.0 * i) for i, text in enumerate(texts)])


def test_chinese_and_japanese_lines_run_on_without_a_space_and_are_never_dehyphenated():
    from pipeline.core.edits import EditLog
    from pipeline.stages.hyphens import resolve_hyphens

    unit = _unit_of(["今天的会议讨论了", "新的预算。下一行-", "继续"])
    resolve_hyphens([unit], EditLog(), language="zh")
    assert unit.text == "今天的会议讨论了新的预算。下一行-继续"
    korean = _unit_of(["오늘 회의에서", "예산을 논의했다"])
    resolve_hyphens([korean], EditLog(), language="ko")
    assert korean.text == "오늘 회의에서 예산을 논의했다"  # Korean puts spaces between words


def test_other_languages_use_their_own_word_list_and_no_english_rules():
    assert decide_hyphen("Steuer-", "erklärung", EMPTY, language="de")[0] is True
    assert decide_hyphen("sub-", "groups", EMPTY, language="de")[1] != "'sub-' is a prefix English writes closed up"


def test_a_soft_hyphen_printed_with_its_hyphen_glyph_is_a_break():
    """Browsers put the soft hyphen in the text and draw a hyphen after it: "Au\\u00ad\\u2010" "gust"."""
    from pipeline.core.edits import EditLog
    from pipeline.stages.hyphens import resolve_hyphens

    unit = _unit_of(["humid in July and Au\u00ad\u2010", "gust when the windows"])
    resolve_hyphens([unit], EditLog())
    assert unit.text.replace("\u00ad", "") == "humid in July and August when the windows"


def test_a_link_address_broken_at_a_line_end_joins_without_a_space():
    from dataclasses import replace

    from pipeline.core.edits import EditLog
    from pipeline.core.geometry import Line
    from pipeline.stages.hyphens import resolve_hyphens

    unit = _unit_of(["addressed to S.-T.W. (wangst@", "umich.edu). We propose"])
    address = "mailto:wangst@umich.edu"
    first, second = unit.lines
    unit.lines = [Line(first.words[:-1] + [replace(first.words[-1], link=address)], 1),
                  Line([replace(second.words[0], link=address)] + second.words[1:], 1)]
    log = EditLog()
    resolve_hyphens([unit], log)
    assert unit.text == "addressed to S.-T.W. (wangst@umich.edu). We propose"
    assert log.count("line_joined") == 1


def test_a_word_broken_at_the_end_of_a_table_cells_line_is_resolved_as_in_running_text():
    """A break hyphen is resolved, a compound's hyphen kept, and after a slash the word goes on
    with no space."""
    from pipeline.core.edits import EditLog
    from pipeline.core.geometry import Cell, Region, Unit, Word

    def cell(col: int, *lines: str) -> Cell:
        words = [Word(t, 100.0 * col + 30 * i, 12.0 * row, 100.0 * col + 30 * i + 25, 12.0 * row + 10, 10.0)
                 for row, text in enumerate(lines) for i, t in enumerate(text.split())]
        return Cell(0, col, 1, 1, 100.0 * col, 0, 100.0 * col + 90, 34, words)

    cells = [cell(0, "Computer ses-", "sions"), cell(1, "Occupied bed-", "days"), cell(2, "2018-", "19"),
             cell(3, "Density (g/", "cm3)")]
    table = Region("table", 1, 0, 0, 400, 34, [w for c in cells for w in c.words], cells, 1, 4)
    unit = Unit("table", [], region=table)
    prose = _unit_of(["staff count occupied bed-days at midnight"])
    from pipeline.stages.hyphens import resolve_hyphens

    resolve_hyphens([prose, unit], EditLog())
    assert [" ".join(word.text for word in c.words) for c in table.cells] == \
        ["Computer sessions", "Occupied bed-days", "2018-19", "Density (g/cm3)"]


def test_a_compound_broken_inside_its_first_word_is_joined_when_the_document_prints_it_whole():
    vocabulary = DocumentVocabulary(["Carbapenemase-producing organisms are counted as new carriers"])
    assert decide_hyphen("Carbapene-", "mase-producing", vocabulary)[0] is True
    assert decide_hyphen("Carbapene-", "mase-producing", EMPTY)[0] is False


def test_a_word_broken_at_a_line_end_inside_a_table_cell_is_joined():
    from pipeline.core.edits import EditLog
    from pipeline.core.geometry import Cell, Region, Unit, Word
    from pipeline.stages.hyphens import resolve_hyphens

    def cell(col: int, lines: list[str]) -> Cell:
        words = [Word(text, 100 * col + 30 * i, 12.0 * row, 100 * col + 30 * i + 25, 12.0 * row + 9, 9.0)
                 for row, line in enumerate(lines) for i, text in enumerate(line.split())]
        return Cell(0, col, 1, 1, 100 * col, 0, 100 * col + 95, 12.0 * len(lines), words)

    table = Region("table", 1, 0, 0, 300, 40)
    table.cells = [cell(0, ["Order the re-", "placement kiosk"]), cell(1, ["bed-", "days"]), cell(2, ["12.5"])]
    log = EditLog()
    resolve_hyphens([Unit("table", [], region=table)], log)
    assert [c.text for c in table.cells] == ["Order the replacement kiosk", "bed-days", "12.5"]
    assert log.count("dehyphenate") == 1 and log.count("hyphen_kept") == 1
