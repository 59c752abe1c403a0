"""Stage ``classify``: say what each block is: title, heading (with level), body, list item, contents.

Everything is relative to the document's own body text: the font size (and weight)
that carries the most characters. A heading is a short block that stands out from the
body by size or weight (or is numbered like "2.1 Method" and stands out somehow), or a
line that stands out from the smaller text it heads; a chapter's number printed alone joins
the heading it numbers. Heading levels rank the heading styles by size, and section numbers
give the depth directly (Chinese ones, "第一章", "一、", "（一）", by their kind). The
title is the run of the largest text at the top of the first page. A contents table is
a block whose lines repeat headings found later in the document.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass
from itertools import groupby

from ..core.geometry import Block, Line, PageLayout, font_weight, share_a_row, would_fit
from ..settings import DEFAULTS, ClassifySettings
from .lines import ENUMERATOR, MARK_WORD
from .textregions import mark_text_regions

SECTION_NUMBER = re.compile(r"^(\d{1,2}(?:\.\d{1,2})*\.?|[IVXLC]{1,6}\.|[A-Z]\.)\s+(?=\S)")
"""A section number as printed before a heading: "2", "2.1", "2.1.", "IV.", "A."."""
CJK_NUMERALS = "〇零一二三四五六七八九十百两"
CJK_SECTION_NUMBER = re.compile(
    rf"^(第[{CJK_NUMERALS}\d]{{1,4}}[篇编編部章节節条條]|[{CJK_NUMERALS}]{{1,4}}(?=、(?![{CJK_NUMERALS}]))"
    rf"|[（(][{CJK_NUMERALS}]{{1,4}}[）)])、?\s*(?=[^\s、])")
"""A Chinese or Japanese section number: "第二章", "第3节" (a part, chapter, section or article),
a numeral before the ideographic comma ("一、", not the numerals of a list: "一、二年级"), or in
brackets ("（一）"). It needs no space after it: the script has none between words."""
CJK_LEVELS = ("篇编編部", "章", "节節", "条條", "、", "（(")
"""The kinds of CJK section number, outermost first: part, chapter, section, article, numeral
with comma, numeral in brackets (how Chinese documents nest them)."""
CHAPTER_NUMBER = re.compile(r"^(?:\d{1,2}|[IVXLC]{1,6})\.?$")
"""A chapter's number printed alone: "1", "12.", "IV"."""
SMALL_CAPS_FONT = re.compile(r"CSC\d|Small-?Cap", re.IGNORECASE)
"""Font names of caps and small caps (TeX's CMCSC10, "...SmallCaps"): text set in them reads as
capitals though it is extracted in lower case. ("SC" alone also names Simplified Chinese fonts.)"""
WEB_ADDRESS = re.compile(r"^(?:https?://\S+|www\.\S+|[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}/\S*|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)$")
"""A web or mail address alone: a link (a back cover's "ibm.com/redbooks"), however large, heads nothing."""
BULLET_GLYPHS = "•◦▪▫‣∙·●○■□►▸"
UNMAPPED_GLYPH = "\ufffd\x80-\x9f\ue000-\uf8ff"
"""What a glyph with no Unicode mapping reads as: U+FFFD, a C1 control character (a symbol
font's own code) or a private-use character."""
BULLET = re.compile(rf"^[{BULLET_GLYPHS}\-–*]\s*$|^[{BULLET_GLYPHS}{UNMAPPED_GLYPH}]{{1,2}}$|^[{BULLET_GLYPHS}](?=\S)")
"""A list bullet: a bullet glyph alone, or glued to the item's first word. A lone glyph with
no Unicode mapping at the start of a line is a dingbat bullet too, and so are two of either
kind (a checkbox drawn as two overlapping glyphs of two fonts, one read as a bullet)."""
IDEOGRAPHS = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
"""Chinese characters and Japanese kana: a script written without spaces between words."""
DASHES = frozenset("-–—")
"""The dashes that may set off list items, or a clause within a sentence."""
RUNNING_LINE_WORDS = 5
"""A line of at least this many words is a line of running text, not a label (of a diagram, a form)."""


@dataclass(frozen=True)
class BodyStyle:
    size: float
    bold: bool
    weight: int = 0
    """The body font's weight below bold (:func:`pipeline.core.geometry.font_weight`)."""


def body_style(pages: list[PageLayout], settings: ClassifySettings = DEFAULTS.classify) -> BodyStyle:
    """The (size, weight) with the most characters in the document's running text.

    A document with no running text outside its tables (every block short enough to be a
    heading: a form of tables under section headings) has it in its table cells: their
    regular text when they hold some, since a form sets its labels in bold beside regular
    values, and what stands out from the values (the headings) is what stands out from a body.
    """
    weights: Counter[tuple[float, bool, int]] = Counter()
    blocks = [block for page in pages for block in page.blocks]
    for block in blocks:
        for line in block.lines:
            weights[(round(line.size, 1), line.bold, line.weight)] += len(line.text)
    if not any(_is_running_text(block, settings) for block in blocks):
        cells = [word for block in blocks if block.region is not None and block.region.kind == "table"
                 for word in block.region.words]
        regular = [word for word in cells if not word.bold]
        if regular or cells:
            weights = Counter()
            for word in regular or cells:
                weights[(round(word.size, 1), word.bold, font_weight(word.font))] += len(word.text)
    if not weights:
        return BodyStyle(10.0, False)
    (size, bold, weight), _ = weights.most_common(1)[0]
    return BodyStyle(size, bold, weight)


def _is_running_text(block: Block, settings: ClassifySettings) -> bool:
    """Whether a block is longer than a heading may be (``settings.heading_max_lines``, ``heading_max_words``)."""
    return len(block.lines) > settings.heading_max_lines or \
        word_count(block.text, settings.ideographs_per_word) > settings.heading_max_words


def word_count(text: str, ideographs_per_word: float) -> int:
    """How many words ``text`` holds: its runs between spaces, and a word more for each
    ``ideographs_per_word`` Chinese or Japanese characters, which are written without spaces
    (a Chinese paragraph is one run, yet no heading).

    >>> word_count("2.1 Study sites", 2.0), word_count("截至 2023 年 3 月末，发行人各类授信额度总额达", 2.0)
    (3, 13)
    """
    return len(text.split()) + int(len(IDEOGRAPHS.findall(text)) / ideographs_per_word)


def classify(pages: list[PageLayout], settings: ClassifySettings = DEFAULTS.classify) -> list[Block]:
    """All blocks of the document in reading order, with ``kind`` and ``level`` set."""
    body = body_style(pages, settings)
    mark_text_regions(pages, body.size, settings)
    blocks = [block for page in pages for block in page.blocks]
    _mark_title(pages, body, settings.title_size_ratio)
    _mark_second_title_line(pages, body, settings.title_line_gap)
    _mark_front_matter(blocks, body, settings)
    for block in blocks:
        if block.kind == "body" and _looks_like_heading(block, body, settings):
            block.kind = "heading"
    _mark_italic_headings(blocks, body, settings)
    _mark_headings_over_smaller_text(blocks, settings)
    _unmark_headings_at_the_foot(pages, settings.foot_share)
    _unmark_runs_of_headings(blocks, settings.max_heading_run)
    _unmark_headings_inside_sentences(blocks)
    blocks = _join_headings_wrapped_on_scans(pages, blocks)
    blocks = _join_chapter_numbers(pages, blocks, body, settings.heading_size_ratio)
    blocks = _mark_numbered_sections(blocks, settings.numbered_heading_max_words)
    _mark_capitals_in_the_headings_style(blocks, body, settings)
    _assign_levels([b for b in blocks if b.kind == "heading"])
    blocks = _split_list_items(blocks, settings.item_alignment)
    _mark_contents(blocks)
    return blocks


def _mark_title(pages: list[PageLayout], body: BodyStyle, size_ratio: float) -> None:
    """The run of large text at the top of page 1 is the title.

    The run starts at the first block (with a letter, shown: :func:`_shown`) at least
    ``size_ratio`` times the body size and 60% of the largest size on page 1 (which must be
    the largest text in the document, lone glyphs such as a drawing's letters aside), and ends
    at the last block of the run that is near the largest size: a masthead set in two sizes
    stays whole (so does a chapter label above it, "Chapter 3"), an author line in between-size
    type does not join the title, and smaller type in another weight set more than a line of the
    largest size above it (a series name) is not part of it. A table or figure ends the run:
    the large text after it is a heading of what follows.
    """
    if not pages or not pages[0].blocks:
        return
    first = [block for block in pages[0].blocks if any(ch.isalpha() for ch in block.text) and _shown(block)]
    upper_half = pages[0].height / 2
    largest = max((b.size for b in first if b.y0 < upper_half), default=0.0)
    elsewhere = max((b.size for page in pages[1:] for b in page.blocks if _has_a_word(b.text)), default=0.0)
    if largest < size_ratio * body.size or largest < elsewhere:
        return
    threshold = max(size_ratio * body.size, 0.6 * largest)
    blocks, candidates = pages[0].blocks, {id(block) for block in first}
    start = next(i for i, b in enumerate(blocks) if id(b) in candidates and b.size >= threshold and b.y0 < upper_half)
    run = []
    for block in blocks[start:]:
        if block.region is not None:
            break
        if id(block) not in candidates:
            continue
        if block.size < threshold or block.y0 >= upper_half:
            break
        run.append(block)
    while run and run[-1].size < 0.9 * largest:
        run.pop()
    while len(run) > 1 and run[0].size < 0.9 * largest and run[0].bold != run[1].bold \
            and run[1].y0 - run[0].y1 > largest:
        run.pop(0)  # a series name set apart above the title, in another weight
    if not run:  # the large type before the largest is a separate element (a kicker, a series name)
        run = [max((b for b in first if b.y0 < upper_half), key=lambda b: b.size)]
    for block in run:
        block.kind = "title"


def _has_a_word(text: str) -> bool:
    """Whether ``text`` holds a word of two letters or digits or more, not only lone glyphs.

    >>> _has_a_word("a \\\\ 7"), _has_a_word("Of"), _has_a_word("1040")
    (False, True, True)
    """
    return any(sum(ch.isalnum() for ch in word) >= 2 for word in text.split())


def _shown(block: Block) -> bool:
    """Whether the page shows any of the block's words (:attr:`pipeline.core.geometry.Word.hidden`):
    a block printed in white on white heads nothing a reader sees, and titles nothing."""
    return not all(word.hidden for line in block.lines for word in line.words)


def _mark_second_title_line(pages: list[PageLayout], body: BodyStyle, gap: float) -> None:
    """The block right after the title on page 1 is part of it when it is set as a masthead's
    second line: in one or two lines, smaller than the title but larger than the body, at most
    ``gap`` of the title's size below it, and centred or left-aligned with it (a title is one
    heading even when set in two sizes: a name and its tagline or issue line).

    An author line (body size, or further below) stays front matter. Off when ``gap`` is 0
    (the default: the gold of the older test sets counts such a line as front matter).
    """
    blocks = pages[0].blocks if pages and gap > 0 else []
    last = max((index for index, block in enumerate(blocks) if block.kind == "title"), default=None)
    if last is None or last + 1 == len(blocks):
        return
    title, block = blocks[last], blocks[last + 1]
    if block.kind == "body" and len(block.lines) <= 2 and any(c.isalpha() for c in block.text) \
            and body.size < block.size < title.size and 0 <= block.y0 - title.y1 <= gap * title.size \
            and _aligned(block, title, block.size):
        block.kind = "title"


def _aligned(block: Block, other: Block, tolerance: float) -> bool:
    """Whether two blocks are centred on one another, or left-aligned, within ``tolerance``."""
    return abs(block.x0 + block.x1 - other.x0 - other.x1) / 2 <= tolerance or abs(block.x0 - other.x0) <= tolerance


def _mark_front_matter(blocks: list[Block], body: BodyStyle, settings: ClassifySettings) -> None:
    """Short, non-bold blocks right after the title (issue line, authors, affiliations) are front matter,
    whatever comes before the title (a masthead, an issue line).

    Front matter reads as paragraphs but is never taken for a heading or joined to a paragraph.
    It ends at a block that heads what follows (:func:`_heads_what_follows`).
    """
    after_title = False
    for index, block in enumerate(blocks):
        if block.kind == "title" or not after_title:
            after_title = after_title or block.kind == "title"
            continue
        if block.kind != "body" or block.bold or len(block.lines) > settings.heading_max_lines \
                or block.page != 1 or _heads_what_follows(blocks, index, body, settings):
            return
        block.kind = "front"


def _heads_what_follows(blocks: list[Block], index: int, body: BodyStyle, settings: ClassifySettings) -> bool:
    """Whether a block set larger than the body (``settings.heading_size_ratio``) heads the
    paragraph after it: left-aligned with it and nearer it than the block before (a heading,
    such as a first column's heading under a masthead's rule, binds to its text; front
    matter binds to the title). The block after must be longer than front matter is (more
    than ``settings.heading_max_lines`` lines): an author line over an affiliation stays."""
    block = blocks[index]
    if block.size < settings.heading_size_ratio * body.size or index == 0 or index + 1 == len(blocks):
        return False
    before, after = blocks[index - 1], blocks[index + 1]
    return after.page == block.page and len(after.lines) > settings.heading_max_lines \
        and abs(after.x0 - block.x0) <= 1.0 and 0 <= after.y0 - block.y1 < block.y0 - before.y1


def _looks_like_heading(block: Block, body: BodyStyle, settings: ClassifySettings) -> bool:
    """A short block standing out from the body text by size or weight; or a numbered one set
    in italics or capitals ("2.1 Study sites", "II. MOTIVATION"); one the page shows (:func:`_shown`),
    no bare web address (:data:`WEB_ADDRESS`), and no bulleted line (a list item).

    >>> [bool(WEB_ADDRESS.match(t)) for t in ("ibm.com/redbooks", "www.nars.go.kr", "Node.js", "3.6.6 Activating")]
    [True, True, False, False]
    """
    text = block.text
    if len(block.lines) > settings.heading_max_lines \
            or word_count(text, settings.ideographs_per_word) > settings.heading_max_words:
        return False
    if not _shown(block) or WEB_ADDRESS.match(text.strip()) or _starts_with_bullet(block.lines[0]):
        return False
    number = heading_number(text)
    if text.rstrip()[-1:] in ".;,:" and not number:
        return False
    if not any(c.isalpha() for c in text):
        return False
    larger = block.size >= settings.heading_size_ratio * body.size
    heavier = not block.bold and min(line.weight for line in block.lines) > body.weight
    bolder = (block.bold and not body.bold) or heavier
    marked = number is not None and (block.italic or _in_capitals(text) or _in_small_capitals(block))
    return larger or bolder or marked


def _mark_italic_headings(blocks: list[Block], body: BodyStyle, settings: ClassifySettings) -> None:
    """Mark as headings the one-line italic blocks at body size that open a paragraph of body
    text below them, when the document sets two or more that way (a style it uses for
    headings, not one emphasised line): short, capitalised, no sentence end."""
    found = [block for block, following in zip(blocks, blocks[1:])
             if block.kind == "body" and len(block.lines) == 1 and block.italic and not body.bold
             and body.size / settings.heading_size_ratio < block.size < settings.heading_size_ratio * body.size
             and _is_heading_text(block.text, settings)
             and following.kind == "body" and following.page == block.page and not following.italic
             and following.y0 > block.y1 and len(following.lines) > 1]
    if len(found) >= 2:
        for block in found:
            block.kind = "heading"


def _mark_headings_over_smaller_text(blocks: list[Block], settings: ClassifySettings) -> None:
    """Mark as a heading a one-line block that heads text set smaller than itself: right above a
    block of two lines or more (within ``settings.heads_within`` of its size, down and across),
    at least ``settings.heading_size_ratio`` times its size, short, capitalised, no sentence end
    (a sidebar's "Highlights" over its list in small type stands out from what it heads, though
    not from the document's body)."""
    for block, following in zip(blocks, blocks[1:]):
        near = settings.heads_within * block.size
        if (block.kind == "body" and len(block.lines) == 1 and _shown(block)
                and _is_heading_text(block.text, settings) and following.kind == "body"
                and following.page == block.page and len(following.lines) > 1
                and block.size >= settings.heading_size_ratio * following.size
                and abs(following.x0 - block.x0) <= near and 0 <= following.y0 - block.y1 <= near):
            block.kind = "heading"


def _is_heading_text(text: str, settings: ClassifySettings) -> bool:
    words = text.split()
    return (0 < len(words) <= settings.numbered_heading_max_words and text[:1].isupper()
            and text.rstrip()[-1:] not in ".;,:!?")


def _join_headings_wrapped_on_scans(pages: list[PageLayout], blocks: list[Block]) -> list[Block]:
    """Two bold headings on a page read from its image, the second right under the first and
    starting where it starts, the first not closed by a stop or colon, are the two lines of one
    heading ("Reservoir Storage at" / "the End of Winter"), which OCR sized apart: one block,
    its lines at the first line's size. Returns the blocks, so joined."""
    scanned = {page.number for page in pages if page.text_source != "text"}
    result: list[Block] = []
    for block in blocks:
        upper = result[-1] if result else None
        if upper is not None and block.page in scanned and _wraps_onto(upper, block):
            for line in block.lines:
                line.size = upper.lines[0].size
                upper.append(line)
            page = next(page for page in pages if page.number == block.page)
            page.blocks.remove(block)
        else:
            result.append(block)
    return result


def _join_chapter_numbers(pages: list[PageLayout], blocks: list[Block], body: BodyStyle,
                          size_ratio: float) -> list[Block]:
    """A bare number set larger than the body (``size_ratio``), alone in its block, right before
    an unnumbered heading on its page and not below it, is that heading's number (a chapter
    opener's large "1" over "Securing and protecting data"): one heading, "1 Securing and
    protecting data", numbered as such. Returns the blocks, so joined."""
    result: list[Block] = []
    for block in blocks:
        number = result[-1] if result else None
        if number is not None and _numbers_heading(number, block, body, size_ratio):
            joined = Block([*number.lines, *block.lines], block.page, "heading")
            page = next(page for page in pages if page.number == block.page)
            page.blocks.remove(number)
            page.blocks[page.blocks.index(block)] = joined
            result[-1] = joined
        else:
            result.append(block)
    return result


def _numbers_heading(number: Block, heading: Block, body: BodyStyle, size_ratio: float) -> bool:
    return (number.kind == "body" and len(number.lines) == 1 and bool(CHAPTER_NUMBER.match(number.text.strip()))
            and number.size >= size_ratio * body.size and _shown(number) and heading.kind == "heading"
            and heading.page == number.page and heading.y0 >= number.y0 and heading_number(heading.text) is None)


def _wraps_onto(upper: Block, lower: Block) -> bool:
    """Whether heading ``lower`` is the next line of heading ``upper`` (see :func:`_join_headings_wrapped_on_scans`)."""
    if not (upper.kind == lower.kind == "heading" and upper.bold and lower.bold and upper.page == lower.page):
        return False
    size = upper.lines[-1].size
    return (0 <= lower.y0 - upper.y1 <= 0.5 * size and abs(lower.x0 - upper.x0) <= 0.5 * size
            and upper.text.rstrip()[-1:] not in ".:;!?")


def _unmark_headings_inside_sentences(blocks: list[Block]) -> None:
    """A heading that starts with a lower-case word over a block of its column that does too
    is a line of running text (a poor scan's text layer may give one line a larger size): a
    heading opens text that starts a sentence."""
    for block, following in zip(blocks, blocks[1:]):
        if (block.kind == "heading" and following.kind == "body" and following.page == block.page
                and _starts_in_lower_case(block.text) and _starts_in_lower_case(following.text)
                and min(block.x1, following.x1) > max(block.x0, following.x0)
                and heading_number(block.text) is None):
            block.kind = "body"


def _starts_in_lower_case(text: str) -> bool:
    """Whether the first letter of ``text`` is a lower-case one (never, in a script without case).

    >>> [_starts_in_lower_case(text) for text in ("network generalise", "“Results", "2 方法")]
    [True, False, False]
    """
    return next((character for character in text if character.isalpha()), "").islower()


def _unmark_headings_at_the_foot(pages: list[PageLayout], foot_share: float) -> None:
    """Headings at the foot of their page with nothing under them in their column are not
    headings: a heading opens what follows it. They are running footers on a document too
    short to show them as such."""
    for page in pages:
        foot = (1 - foot_share) * page.height
        for block in page.blocks:
            if block.kind == "heading" and block.y0 >= foot and not any(
                    other is not block and other.y0 >= block.y1 and other.x0 < block.x1 and block.x0 < other.x1
                    for other in page.blocks):
                block.kind = "body"


def _unmark_runs_of_headings(blocks: list[Block], longest: int) -> None:
    """Lines of one heading style following each other with nothing between but figures, more
    than ``longest`` of them, are not headings (a syntax diagram set in bold, a column of bold
    labels, a cover's taglines over its picture): a heading opens a section."""
    text_blocks = [block for block in blocks if block.kind != "figure"]
    for style, run in groupby(text_blocks, key=lambda block: block.kind == "heading" and _style_key(block)):
        members = list(run)
        if style and len(members) > longest:
            for block in members:
                block.kind = "body"


def _mark_numbered_sections(blocks: list[Block], max_words: int) -> list[Block]:
    """Mark as headings the lines numbered as the next section after a heading found by its
    style ("2.1 Study Sites" under "2 Methods", "3 Results" after "2 Methods"), short and
    not ending a sentence, when they stand alone or open a block whose next line starts a
    sentence (the heading's weight may not show on a scan, and at body size it then joins
    the paragraph below it); and such a number with a bold title run into its paragraph
    (:func:`_run_in_heading`). Returns the blocks, such openings cut off as blocks of their own."""
    numbers = {number for b in blocks if b.kind == "heading" and (number := heading_number(b.text))}
    result: list[Block] = []
    for block in blocks:
        if block.kind != "body":
            result.append(block)
            continue
        first = block.lines[0]
        number = heading_number(first.text)
        if not number or not _follows_a_section(number, numbers):
            result.append(block)
            continue
        short = len(first.words) <= max_words and first.text.rstrip()[-1:] not in ".;,:"
        opens = len(block.lines) > 1 and first.x1 < block.x1 - block.size and _opens_sentence(block.lines[1].text)
        run_in = _run_in_heading(first, max_words)
        if run_in:
            result += [Block([Line(first.words[:run_in], block.page)], block.page, "heading"),
                       Block([Line(first.words[run_in:], block.page), *block.lines[1:]], block.page)]
        elif short and (len(block.lines) == 1 or opens):
            result.append(Block([first], block.page, "heading"))
            if len(block.lines) > 1:
                result.append(Block(block.lines[1:], block.page))
        else:
            result.append(block)
            continue
        numbers.add(number)
    return result


def _mark_capitals_in_the_headings_style(blocks: list[Block], body: BodyStyle, settings: ClassifySettings) -> None:
    """Mark as headings the one-line blocks in capitals set in the style (size and weight, not
    the body's) of two or more numbered headings in capitals: the unnumbered headings of the same
    style ("ABSTRACT" over "1 INTRODUCTION", small capitals drawn as capitals a size below the
    body), which stand out from the body by neither size nor weight."""
    numbered = Counter(_style_key(b) for b in blocks
                       if b.kind == "heading" and heading_number(b.text) and _in_capitals(b.text))
    body_key = (round(body.size * 2) / 2, body.bold)
    styles = {style for style, count in numbered.items() if count >= 2 and style != body_key}
    for block in blocks:
        if (block.kind == "body" and len(block.lines) == 1 and _style_key(block) in styles and _shown(block)
                and _in_capitals(block.text) and _is_heading_text(block.text, settings)):
            block.kind = "heading"


def _opens_sentence(text: str) -> bool:
    """Whether ``text`` starts as a sentence does: with a capital, or with a Chinese or
    Japanese character (a script without capitals).

    >>> _opens_sentence("The sites"), _opens_sentence("and then"), _opens_sentence("截至 2023 年")
    (True, False, True)
    """
    return text[:1].isupper() or bool(IDEOGRAPHS.match(text))


def _run_in_heading(line: Line, max_words: int) -> int:
    """How many words of ``line`` are a heading run into its paragraph: the section number,
    then words set in bold up to one ending in a full stop, then words that are not bold
    ("2.1. Definitions of spaces. A comprehensive ..."); 0 when there is none.

    >>> from pipeline.core.geometry import Word
    >>> words = [Word("2.1.", 0, 0, 9, 9, 9), *(Word(t, 0, 0, 9, 9, 9, bold=True) for t in ("Baire", "sets.")),
    ...          Word("Recall", 0, 0, 9, 9, 9)]
    >>> _run_in_heading(Line(words, 1), 12)
    3
    """
    words = line.words
    for end, word in enumerate(words[1:max_words + 1], start=1):
        if not word.bold:
            return 0
        if word.text.endswith(".") and end + 1 < len(words):
            return end + 1 if not words[end + 1].bold else 0
    return 0


def _follows_a_section(number: str, numbers: set[str]) -> bool:
    """Whether ``number`` is the first child of a known section number, or a known one's next sibling."""
    rank = cjk_rank(number)
    if rank is not None:
        return _follows_a_cjk_section(rank, {r for known in numbers if (r := cjk_rank(known))})
    parts = number.split(".")
    if not all(part.isdigit() for part in parts):
        return False
    parent, last = parts[:-1], int(parts[-1])
    sibling = ".".join([*parent, str(last - 1)])
    return (last == 1 and bool(parent) and ".".join(parent) in numbers) or (last > 1 and sibling in numbers)


def _follows_a_cjk_section(rank: tuple[int, int], known: set[tuple[int, int]]) -> bool:
    """Whether a CJK section number (kind, value: :func:`cjk_rank`) is the next sibling of a
    known one, or the first of its kind under a known number of an outer kind ("（一）" after
    "一、"): CJK numbers do not spell out their parents as "2.1" does."""
    kind, value = rank
    return (kind, value - 1) in known if value > 1 else any(other < kind for other, _ in known)


def _in_capitals(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters)


def _in_small_capitals(block: Block) -> bool:
    """Whether every word of ``block`` with letters is set in a caps and small caps font."""
    lettered = [word for line in block.lines for word in line.words if any(c.isalpha() for c in word.text)]
    return bool(lettered) and all(SMALL_CAPS_FONT.search(word.font) for word in lettered)


def heading_number(text: str) -> str | None:
    """The section number a heading starts with, without a trailing dot.

    >>> heading_number("2.1 Study sites"), heading_number("IV. RESULTS"), heading_number("Methods")
    ('2.1', 'IV', None)
    """
    match = SECTION_NUMBER.match(text) or CJK_SECTION_NUMBER.match(text)
    return match.group(1).rstrip(".") if match else None


def cjk_rank(number: str) -> tuple[int, int] | None:
    """A CJK section number (as :func:`heading_number` gives it) as its kind's place in
    :data:`CJK_LEVELS` and its value; None for another number.

    >>> cjk_rank("第十二章"), cjk_rank("一"), cjk_rank("（三）"), cjk_rank("2.1")
    ((1, 12), (4, 1), (5, 3), None)
    """
    if number.startswith("第") and len(number) > 2:
        mark, numeral = number[-1], number[1:-1]
    elif number[:1] in "（(":
        mark, numeral = number[0], number[1:-1]
    elif number and all(character in CJK_NUMERALS for character in number):
        mark, numeral = "、", number
    else:
        return None
    return next(i for i, marks in enumerate(CJK_LEVELS) if mark in marks), cjk_value(numeral)


def cjk_value(numeral: str) -> int:
    """The value of a number in Chinese numerals (or digits): "十二" 12, "二十" 20, "一百零五" 105."""
    if numeral.isdigit():
        return int(numeral)
    digits = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}
    total = current = 0
    for character in numeral:
        if character in digits:
            current = digits[character]
        else:
            total += (current or 1) * (10 if character == "十" else 100)
            current = 0
    return total + current


def _depth(number: str, cjk_kinds: list[int]) -> int:
    """A section number's depth: its parts ("2.1" is 2), or for a CJK number the place of its
    kind among the kinds of CJK number the document's headings use (``cjk_kinds``, outermost
    first: a document whose outermost sections are "一、" has them at depth 1)."""
    rank = cjk_rank(number)
    if rank is not None:
        return cjk_kinds.index(rank[0]) + 1
    return number.count(".") + 1


def _assign_levels(headings: list[Block]) -> None:
    """Rank heading styles by size and weight; section numbers override with their depth."""
    styles = sorted({_style_key(b) for b in headings}, reverse=True)
    rank = {style: i + 1 for i, style in enumerate(styles)}
    depth_by_style: dict[tuple, Counter[int]] = {}
    numbers = [heading_number(block.text) for block in headings]
    cjk_kinds = sorted({cjk[0] for number in numbers if number and (cjk := cjk_rank(number))})
    for block, number in zip(headings, numbers):
        if number:
            depth_by_style.setdefault(_style_key(block), Counter())[_depth(number, cjk_kinds)] += 1
    for block, number in zip(headings, numbers):
        style = _style_key(block)
        if number:
            block.level = _depth(number, cjk_kinds)
        elif style in depth_by_style:
            block.level = depth_by_style[style].most_common(1)[0][0]
        else:
            block.level = min(rank[style], 3)


def _style_key(block: Block) -> tuple[float, bool]:
    return (round(block.size * 2) / 2, block.bold)


def _split_list_items(blocks: list[Block], alignment: float) -> list[Block]:
    """Cut body blocks at lines that start with a bullet, or with an enumerator ("1.", "(b)")
    when two or more lines of the block do, or with a lone mark set as a bullet (see
    :func:`marked_item_starts`); each item becomes a block of its own, and the lines after
    an item that leave it (:func:`_leaves_the_item`; ``alignment``: em) are body again."""
    result: list[Block] = []
    for block in blocks:
        if block.kind != "body":
            result.append(block)
            continue
        enumerated = sum(1 for line in block.lines if _starts_with_enumerator(line)) >= 2
        marked = _marks_opening_items(block, marked_item_starts(block.lines, block.size))
        item_starts = [(_starts_with_bullet(line) and not _dash_within_a_sentence(block, index))
                       or (mark and not _dash_wrapped_from_prose(block, index))
                       or (enumerated and _starts_with_enumerator(line)
                           and not _enumerator_within_a_sentence(block, index))
                       for index, (line, mark) in enumerate(zip(block.lines, marked))]
        if not any(item_starts):
            result.append(block)
            continue
        current: list[Line] = []
        current_is_item = False
        for line, starts_item in zip(block.lines, item_starts):
            if starts_item or (current_is_item and _leaves_the_item(line, current[0], alignment)):
                if current:
                    result.append(Block(current, block.page, "list_item" if current_is_item else "body"))
                current, current_is_item = [line], starts_item
            else:
                current.append(line)
        result.append(Block(current, block.page, "list_item" if current_is_item else "body"))
    return result


def _leaves_the_item(line: Line, first: Line, alignment: float) -> bool:
    """Whether ``line`` is no line of the item whose first line is ``first``: it starts left
    of the item's text but neither under it nor under the item's mark, where an item's lines
    hang or wrap, within ``alignment`` em (the paragraph after a list, back at the column's
    edge or indented from it).

    >>> from pipeline.core.geometry import Word
    >>> def line(*xs):
    ...     return Line([Word(text, x, 0, x + 4, 10, 10) for text, x in zip(("•", "a", "b"), xs)], 1)
    >>> first = line(395.2, 405.1)
    >>> [_leaves_the_item(line(x, x + 20), first, 0.15) for x in (405.1, 395.2, 399.4, 390.9)]
    [False, False, True, True]
    """
    mark = first.words[0]
    text = first.words[1].x0 if len(first.words) > 1 and (BULLET.match(mark.text) or ENUMERATOR.match(mark.text)) \
        else mark.x0
    reach = alignment * first.size
    return line.x0 < text - reach and abs(line.x0 - mark.x0) > reach


def marked_item_starts(lines: list[Line], size: float) -> list[bool]:
    """Which lines start a list item with a mark (:data:`pipeline.stages.lines.MARK_WORD`) set as a
    bullet. OCR reads bullets as such marks ("•" as "+", "=", "*" or "e"), and a lone mark
    where a line starts is punctuation only in those shapes when it is a list.

    A mark of one or two signs is a bullet when the next line hangs under the item's first
    word, or another line starts with the same mark in the same place. A letter, which may
    be a word, must repeat in a list that shows a hanging indent somewhere, and itself hang
    or be followed by another item.
    """
    def mark_of(line: Line) -> tuple[str, float] | None:
        first = line.words[0]
        return (first.text, first.x0) if len(line.words) > 1 and MARK_WORD.match(first.text) else None

    marks = [mark_of(line) for line in lines]
    hangs = [mark is not None and index + 1 < len(lines)
             and abs(lines[index + 1].x0 - lines[index].words[1].x0) < 0.5 * size
             for index, mark in enumerate(marks)]
    starts = []
    for index, mark in enumerate(marks):
        if mark is None:
            starts.append(False)
            continue
        same = [i for i, other in enumerate(marks)
                if i != index and other and other[0] == mark[0] and abs(other[1] - mark[1]) < size]
        if mark[0].isalpha():
            starts.append(any(hangs[i] for i in same) and (hangs[index] or index + 1 in same))
        else:
            starts.append(hangs[index] or bool(same))
    return starts


def _starts_with_bullet(line: Line) -> bool:
    return bool(BULLET.match(line.words[0].text))


def _marks_opening_items(block: Block, marked: list[bool]) -> list[bool]:
    """``marked`` (lines that open with a lone mark set as a bullet) less those whose mark goes
    on with the sentence of the line above (:func:`_runs_on_above`) before any item has
    started in the block: a relation sign of a formula broken at the line's start ("... the
    state" / "< n >= 6 has ..."), repeated at the same place on a later line, is set like an
    OCR'd bullet. Once a list has started, its marks open items however its lines end."""
    opening: list[bool] = []
    listed = False
    for index, mark in enumerate(marked):
        opening.append(mark and (listed or not _runs_on_above(block, index)))
        listed = listed or opening[-1] or _starts_with_bullet(block.lines[index])
    return opening


def _runs_on_above(block: Block, index: int) -> bool:
    """Whether the line above line ``index`` of ``block`` runs to the block's right edge and
    ends with no stop, colon or semicolon: its sentence goes on, as no list item's last line
    does before the next item."""
    if index == 0:
        return False
    above = block.lines[index - 1]
    return above.x1 >= block.x1 - 0.5 * block.size and above.text.rstrip()[-1:] not in ".!?:;"


def _dash_within_a_sentence(block: Block, index: int) -> bool:
    """Whether line ``index`` of ``block`` opens with a dash that goes on with the sentence of the
    line above: that line runs to the block's right edge and ends with no stop, colon or
    semicolon, as no list item's last line does before the next item ("... The downfall of
    the ηm" / "– distributions is more visible"), or the dash was wrapped from a line of
    prose (:func:`_dash_wrapped_from_prose`).

    >>> from pipeline.core.geometry import Word
    >>> def line(text, x0, x1):
    ...     return Line([Word(word, x0, 0, x1, 10, 10) for word in text.split()], 1)
    >>> open_line, closed_line, dash_line = line("goes on to", 50, 300), line("ends:", 50, 300), line("– and", 50, 90)
    >>> _dash_within_a_sentence(Block([open_line, dash_line], 1), 1)
    True
    >>> _dash_within_a_sentence(Block([closed_line, dash_line], 1), 1)
    False
    """
    return block.lines[index].words[0].text in DASHES and _runs_on_above(block, index) \
        or _dash_wrapped_from_prose(block, index)


def _dash_wrapped_from_prose(block: Block, index: int) -> bool:
    """Whether line ``index`` of ``block`` opens with a dash, and then a word in lower case, that
    would not have fitted at the end of the line above, a line of running text
    (:data:`RUNNING_LINE_WORDS` words or more) that ends with no stop, colon or semicolon and
    opens with no dash itself: the dash was printed against its word and wrapped with it,
    and OCR read the two apart ("... will be added into the track" / "— existing notes").

    >>> from pipeline.core.geometry import Word
    >>> def line(text, x0, x1):
    ...     words = text.split()
    ...     step = (x1 - x0) / len(words)
    ...     return Line([Word(word, x0 + i * step, 0, x0 + (i + 1) * step - 3, 10, 10)
    ...                  for i, word in enumerate(words)], 1)
    >>> full, short = line("the notes you play are all", 50, 300), line("will be added into the track", 50, 270)
    >>> wrapped, item = line("— existing notes", 50, 140), line("— Tempo", 50, 90)
    >>> _dash_wrapped_from_prose(Block([full, short, wrapped], 1), 2)
    True
    >>> _dash_wrapped_from_prose(Block([full, short, item], 1), 2)
    False
    >>> _dash_wrapped_from_prose(Block([full, line("— the first of several", 50, 270), wrapped], 1), 2)
    False
    """
    line = block.lines[index]
    if index == 0 or len(line.words) < 2 or line.words[0].text not in DASHES or not line.words[1].text[:1].islower():
        return False
    above = block.lines[index - 1]
    needed = line.words[1].x1 - line.words[0].x0
    return len(above.words) >= RUNNING_LINE_WORDS and above.words[0].text != line.words[0].text \
        and above.text.rstrip()[-1:] not in ".!?:;" and not would_fit(above.x1, needed, above.size, block.x1)


def _enumerator_within_a_sentence(block: Block, index: int) -> bool:
    """Whether line ``index`` of ``block`` opens with an enumerator of a run-in list, one set
    inside a sentence of justified text ("As baselines we used" / "(a) bilinear interpolation
    ..., and" / "(b) a random forest ..."): the line above goes on into it
    (:func:`_runs_on_above`), most lines reach the right edge (so reaching it is no accident of
    the longest line), and the line after it does not hang under its text, as the lines of a
    list item set apart do.

    >>> from pipeline.core.geometry import Word
    >>> def line(text, x0, x1):
    ...     words = text.split()
    ...     step = (x1 - x0) / len(words)
    ...     return Line([Word(word, x0 + i * step, 0, x0 + (i + 1) * step - 2, 10, 10)
    ...                  for i, word in enumerate(words)], 1)
    >>> above, item, wrapped, hanging = (line("we used", 50, 300), line("(a) bilinear maps", 50, 300),
    ...                                  line("of the product", 50, 300), line("of the product", 133, 300))
    >>> full, last = line("text set full", 50, 300), line("ends.", 50, 120)
    >>> _enumerator_within_a_sentence(Block([full, full, above, item, wrapped, last], 1), 3)
    True
    >>> _enumerator_within_a_sentence(Block([full, full, above, item, hanging, last], 1), 3)
    False
    >>> _enumerator_within_a_sentence(Block([full, full, line("we used:", 50, 300), item, wrapped, last], 1), 3)
    False
    >>> ragged = Block([last, above, line("(a) bilinear maps", 50, 200), line("of the", 50, 150), last], 1)
    >>> _enumerator_within_a_sentence(ragged, 2)  # the longest line reaches the edge: no evidence
    False
    """
    if index + 1 >= len(block.lines) or not _runs_on_above(block, index):
        return False
    item, after = block.lines[index], block.lines[index + 1]
    return _set_justified(block) and abs(after.x0 - item.words[1].x0) >= 0.5 * block.size


def _set_justified(block: Block) -> bool:
    """Whether three or more lines of ``block``, and most of them but the last, reach its right edge."""
    ends = [line.x1 for line in block.lines[:-1]]
    return lines_at_the_edge(ends, block.x1, block.size) >= 3 and is_justified(ends, block.x1, block.size)


def lines_at_the_edge(ends: list[float], right: float, size: float) -> int:
    """How many lines (``ends``: where they end) reach the edge ``right``, within half of ``size``."""
    return sum(1 for end in ends if end >= right - 0.5 * size)


def is_justified(ends: list[float], right: float, size: float) -> bool:
    """Whether most lines but the last (``ends``: where they end) reach the block's edge."""
    return lines_at_the_edge(ends, right, size) >= 0.6 * len(ends)


def _starts_with_enumerator(line: Line) -> bool:
    return len(line.words) > 1 and bool(ENUMERATOR.match(line.words[0].text))


def normalise_heading(text: str) -> str:
    """Lower-case letters and digits only (of any script), for matching contents entries to headings.

    >>> normalise_heading("3.1 Study sites"), normalise_heading("(1) 상위법의 해석")
    ('31studysites', '1상위법의해석')
    """
    return re.sub(r"[\W_]+", "", text.lower())


def heading_keys(text: str) -> set[str]:
    """The keys a contents entry may match a heading by: its normalised text, and the same without
    its section number. A contents page may leave the numbers to a column of their own, or print
    them where the heading does not ("Introduction" for "1 INTRODUCTION"), and the reverse.

    >>> sorted(heading_keys("1 INTRODUCTION"))
    ['1introduction', 'introduction']
    """
    return {key for key in (normalise_heading(text), normalise_heading(SECTION_NUMBER.sub("", text))) if key}


def contents_keys(headings: list[str]) -> set[str]:
    """The keys of all ``headings`` (:func:`heading_keys`)."""
    return {key for heading in headings for key in heading_keys(heading)}


BARE_NUMBER = re.compile(r"^(?:\d{1,4}|[ivxlc]{1,6}|\d{1,2}(?:\.\d{1,2})+\.?|[IVXLC]{1,6}\.?)$")
"""A page number (arabic or lower-case roman) or a section number, printed alone: on a contents
page set as a table, the numbers' columns are read apart from the entries' titles."""


def _numbers_only(block: Block) -> bool:
    return all(BARE_NUMBER.match(line.text.strip()) for line in block.lines)


def _mark_contents(blocks: list[Block]) -> None:
    """Runs of blocks whose lines spell out later headings are a table of contents.

    An entry may wrap into the next block, and a block of entries may have been taken for
    a heading (on a scan, a contents box set in another typeface than the body can measure
    as bold): a heading that repeats a later heading counts as an entry. Blocks of bare
    numbers (a contents page's column of section numbers or of page numbers, read apart from
    the titles) neither break a run nor count; they are contents when each of their numbers
    stands on the row of an entry. Lines set as contents lines (dot leaders, a page number)
    are contents by their typography alone (:func:`_mark_leader_runs`).
    """
    later = HeadingKeys.of_blocks(blocks)
    numbers = {index for index, block in enumerate(blocks) if block.kind == "body" and _numbers_only(block)}
    matches: dict[int, list[int]] = {}
    pending = ""
    for index, block in enumerate(blocks):
        if index in numbers:
            continue
        if block.kind not in ("body", "front", "heading") or not (pending or _may_be_contents(block, later, index)):
            pending = ""
            continue
        entries, pending = _entries_and_rest([line.text for line in block.lines], later, index, pending)
        places = [place for entry in entries if (place := later.first_place(heading_keys(entry), index)) is not None]
        if (places and len(places) >= 0.6 * len(entries)) or (pending and not entries):
            matches[index] = places
        else:
            pending = ""
    run: list[int] = []
    for index in range(len(blocks) + 1):
        if index in matches:
            run.append(index)
            continue
        if index in numbers:
            continue
        places = [place for i in run for place in matches[i]]
        if len(places) >= 2 and _in_reading_order(places):
            for i in run:
                blocks[i].kind = "toc"
        run = []
    _mark_leader_runs(blocks, numbers)
    _mark_contents_numbers([blocks[i] for i in sorted(numbers)], [b for b in blocks if b.kind == "toc"])


def _in_reading_order(places: list[int]) -> bool:
    """Whether the headings a run of contents entries names (their places, entry by entry) come
    mostly in the order of the entries, as a contents list names them: a cover whose masthead
    and title come back as headings later, in the other order, names them backwards.

    >>> _in_reading_order([4, 9, 15, 12, 20]), _in_reading_order([40, 3])
    (True, False)
    """
    steps = list(zip(places, places[1:]))
    return sum(after > before for before, after in steps) > sum(after < before for before, after in steps)


def _mark_leader_runs(blocks: list[Block], numbers: set[int]) -> None:
    """Runs of blocks set as contents lines (:func:`_set_with_leaders`), two lines or more, are
    contents too: the contents of a document whose headings are not in it (a sample of its
    pages) or are set unlike its entries. Blocks of bare numbers (``numbers``) do not break a run."""
    run: list[Block] = []
    for index, block in enumerate([*blocks, None]):
        if index in numbers:
            continue
        if block is not None and block.kind in ("body", "front", "heading", "toc") and _set_with_leaders(block):
            run.append(block)
            continue
        if sum(len(member.lines) for member in run) >= 2:
            for member in run:
                member.kind = "toc"
        run = []


def _set_with_leaders(block: Block) -> bool:
    """Whether most lines of ``block`` are contents lines by their typography (:data:`LEADER_ENTRY`)."""
    return sum(1 for line in block.lines
               if line.text.count(".") >= 3 and LEADER_ENTRY.search(line.text)) >= 0.6 * len(block.lines)


def _mark_contents_numbers(numbers: list[Block], contents: list[Block]) -> None:
    """Blocks of bare numbers each on the row of a contents line of their page are contents."""
    rows = [line for block in contents for line in block.lines]
    for block in numbers:
        if all(_row_partner(line, rows) is not None for line in block.lines):
            block.kind = "toc"


def _row_partner(line: Line, others: list[Line]) -> Line | None:
    """The line of ``others`` on the same page and row as ``line`` (their heights overlap by
    half the smaller one) nearest to it across, if any."""
    def gap(other: Line) -> float:
        return max(other.x0 - line.x1, line.x0 - other.x1)

    partners = [other for other in others if other.page == line.page and other is not line and share_a_row(line, other)]
    return min(partners, key=gap, default=None)


def contents_rows(lines: list[Line]) -> dict[int, str]:
    """Contents lines as printed rows, by ``id`` of each line that stays: a bare number (section
    or page) read apart from its entry (a contents page set as a table) is put back before or
    after the entry on its row, and is no line of its own then. Take the lines of all the
    contents at once: reading order may put a page's column of page numbers far from its titles.

    A number with no entry on its row stays a line of its own.
    """
    numbers = [line for line in lines if BARE_NUMBER.match(line.text.strip())]
    entries = [line for line in lines if not BARE_NUMBER.match(line.text.strip())]
    on_page: dict[int, list[Line]] = {}
    for line in entries:
        on_page.setdefault(line.page, []).append(line)
    before: dict[int, list[Line]] = {id(line): [] for line in entries}
    after: dict[int, list[Line]] = {id(line): [] for line in entries}
    rows: dict[int, str] = {}
    for number in numbers:
        partner = _row_partner(number, on_page.get(number.page, []))
        if partner is None:
            rows[id(number)] = number.text
        else:
            (before if number.x1 <= partner.x0 else after)[id(partner)].append(number)
    for line in entries:
        parts = sorted(before[id(line)], key=lambda n: n.x0) + [line] + sorted(after[id(line)], key=lambda n: n.x0)
        rows[id(line)] = " ".join(part.text.strip() for part in parts)
    return rows


class HeadingKeys:
    """Heading keys (:func:`heading_keys`), each with the places of the blocks that have it, to
    ask which keys come after a place (block index; -1: before every block) and where first.

    >>> keys = HeadingKeys({"1introduction": [2, 4], "introduction": [2, 4], "2methods": [9]})
    >>> keys.has("introduction", after=3), keys.has("introduction", after=4), keys.has_prefix("2me", after=5)
    (True, False, True)
    >>> keys.first_place({"introduction", "2methods"}, after=1)
    2
    """

    def __init__(self, places: dict[str, list[int]]) -> None:
        self._places = places
        self._last = {key: found[-1] for key, found in places.items()}
        self._sorted = sorted(places)

    @classmethod
    def of_blocks(cls, blocks: list[Block]) -> HeadingKeys:
        places: dict[str, list[int]] = {}
        for index, block in enumerate(blocks):
            if block.kind == "heading":
                for key in heading_keys(block.text):
                    places.setdefault(key, []).append(index)
        return cls(places)

    @classmethod
    def of(cls, keys: set[str]) -> HeadingKeys:
        """``keys`` as found at the start (place 0)."""
        return cls({key: [0] for key in keys})

    def has(self, key: str, after: int = -1) -> bool:
        return self._last.get(key, -1) > after

    def first_place(self, keys: set[str], after: int) -> int | None:
        """The first place after ``after`` of a heading with one of ``keys``, if any."""
        found = [places[bisect_right(places, after)] for key in keys
                 if (places := self._places.get(key)) and places[-1] > after]
        return min(found, default=None)

    def has_prefix(self, prefix: str, after: int = -1) -> bool:
        """Whether a key after ``after`` starts with ``prefix``."""
        index = bisect_left(self._sorted, prefix)
        while index < len(self._sorted) and self._sorted[index].startswith(prefix):
            if self._last[self._sorted[index]] > after:
                return True
            index += 1
        return False


def _may_be_contents(block: Block, headings: HeadingKeys, index: int) -> bool:
    """Cheap test before the full one: the block's first line starts some later heading."""
    first = normalise_heading(TRAILING_PAGE.sub("", block.lines[0].text))
    return bool(first) and headings.has_prefix(first, after=index)


PAGE_AFTER_LEADERS = r"\s*(?:\d{1,4}|[ivxlc]{1,7})$"
"""A contents line's page number after its dot leaders: arabic, or roman (front matter's pages)."""
TRAILING_PAGE = re.compile(r"(?:\s*(?:\.\s?){2,}" + PAGE_AFTER_LEADERS + r"|\s+\d{1,4}$)", re.IGNORECASE)
"""A page number at a contents line's end, after a space or dot leaders (". . ." or "..."); a
roman one ("vii", front matter's pages) only after leaders."""
LEADER_ENTRY = re.compile(r"\S\s*(?:\.\s?){3,}" + PAGE_AFTER_LEADERS, re.IGNORECASE)
"""A contents line by its typography alone: text, dot leaders, a page number."""


def contents_entries(texts: list[str], headings: set[str]) -> list[str]:
    """Contents lines (their rows, :func:`contents_rows`) as entries: page numbers dropped, an
    entry wrapped over lines rejoined. ``headings`` are keys (:func:`contents_keys`).

    A line is joined to the next while together they are still the start of a known heading.
    """
    entries, rest = _entries_and_rest(texts, HeadingKeys.of(headings), -1)
    return entries + [rest] if rest else entries


def _entries_and_rest(texts: list[str], headings: HeadingKeys, after: int,
                      pending: str = "") -> tuple[list[str], str]:
    """The entries of :func:`contents_entries` that the lines ``texts`` complete (after ``pending``,
    the start of an entry from the lines before), and the start of one they leave open; the
    headings are those after the place ``after``."""
    entries: list[str] = []
    for text in texts:
        text = TRAILING_PAGE.sub("", text).strip(" .")
        if not text:  # leaders and a page number alone close the entry wrapped above them
            entries += [pending] if pending else []
            pending = ""
            continue
        pending = f"{pending} {text}" if pending else text
        keys = heading_keys(pending)
        if any(headings.has(key, after) for key in keys) or not any(headings.has_prefix(key, after) for key in keys):
            entries.append(pending)
            pending = ""
    return entries, pending
