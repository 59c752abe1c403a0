"""Blocks of text that are not running prose: captions, code listings, formulas and footnotes.

Part of the classify stage (it needs the document's body style), run before headings are
looked for, so that none of these becomes a heading or joins a paragraph:

* **code**: a block set in a monospaced font;
* **caption**: a block that opens with a label and a number ("Figure 3:", "Table 2.",
  "Fig. 4", "Listing 1", "Tabelle 2", "表 1") followed by a delimiter or by text in
  another style than the body's, or a labelled block right beside a table or figure;
* **formula**: a display formula (:func:`is_formula`);
* **footnote**: a block in smaller type than the body's, in the lower part of its page,
  below the page's body text, opening with a note mark ("1", "*", "†", "a"); the small
  blocks after it at the foot of the page are footnotes too.
"""

from __future__ import annotations

import re

from ..core.geometry import Block, Line, PageLayout, Word
from ..settings import ClassifySettings

CAPTION = re.compile(
    r"^(?P<label>figure|fig\.?|table|tab\.?|listing|example|algorithm|chart|exhibit|illustration|plate|scheme|graph|"
    r"diagram|photo|map|box|abbildung|abb\.?|tabelle|tableau|figura|tabla|cuadro|tabela|rys\.?|рис\.?|рисунок|таблица|"
    r"图|表|그림|표|\[표|\[그림)(?P<number>\s*\d+(?:[.\-–]\d+)*[a-z]?|\s+(?-i:[IVXLC]+|[A-Z]))\]?"
    r"(?P<after>\s*[.:—–-]|\s|$)",
    re.IGNORECASE)
"""A caption's label and number, and what follows them. A number in letters (a roman one, or
"A") is a capital after a space: "Tablet sessions" is no "Table t"."""
TABLE_LABEL = re.compile(r"^\[?(?:table|tab\b|tabelle|tableau|tabla|cuadro|tabela|таблица|表|표)", re.IGNORECASE)
"""A caption label that calls what it labels a table."""
FIGURE_LABELS = frozenset({"figure", "fig", "abbildung", "abb", "figura", "рис", "рисунок", "图", "그림", "[그림"})
"""The caption labels that call what they label a figure."""


def is_table_caption(text: str) -> bool:
    """Whether ``text`` opens as a table's caption, its number set off by punctuation ("Table 2:
    ...", "Table 2. ..."): a line of prose that opens by naming a table ("Table 2 gives ...")
    does not.

    >>> is_table_caption("Table 2: Main tasks for 2025-26"), is_table_caption("Table 2 gives the rates")
    (True, False)
    """
    match = CAPTION.match(text)
    return match is not None and bool(match.group("after").strip()) and bool(TABLE_LABEL.match(text))


def is_figure_caption(text: str) -> bool:
    """Whether ``text`` opens with a figure's label and number.

    >>> is_figure_caption("Figure 3-1 CREATE PERMISSION"), is_figure_caption("Table 2 Fuel use")
    (True, False)
    """
    match = CAPTION.match(text)
    if match is None:
        return False
    return match["label"].lower().rstrip(".") in FIGURE_LABELS and match["number"].lstrip()[0].isdigit()
NOTE_MARK = re.compile(r"^(?:\d{1,3}|[*†‡§¶∗⋆‖]{1,3}|[a-z])(?:[.)]?\s|[.)]?$|(?=[A-Z\"“(]))")
"""A footnote's mark where its text starts: "1 ", "12. ", "*", "†", "a)" (TeX's note symbols
include the asterisk and star of its math fonts, "∗", "⋆"), or a number glued to the first
word ("1Measured", from a superscript set without a space)."""
MATH_FONT = re.compile(r"^(?:CMMI|CMSY|CMEX|MSAM|MSBM|ESINT|RSFS|EUSM|EUFM)|math|symbol|stix|euclid|MTSY|MT ?Extra",
                       re.IGNORECASE)
"""Fonts that set mathematics (TeX's math italic, symbols and extensions; Cambria Math, STIX, Symbol)."""
RELATION = re.compile(r"(?:^|\s)[=≈≤≥≠∝≡→⇒<>](?:\s|$)|[∑∫√∂∞]")
"""A relation sign standing between terms, or a symbol only mathematics uses."""
EQUATION_NUMBER = re.compile(r"^\((?:[A-Z]?\d+|[A-Z])(?:\.\d+)*[a-z]?\)$")
"""A display formula's number, "(3)", "(3.2)", "(A.1)", "(A12)" (in an appendix), "(4b)"."""
WORDLIKE = re.compile(r"[^\W\d_]{3,}[,.;:]?")
"""A token of three letters or more: a word of a sentence rather than a term of a formula."""
MAX_FORMULA_WORDS = 40
"""The most tokens a display formula has (its terms, spaced as set, count apart)."""
MAX_FORMULA_LINES = 4
"""The most lines a display formula block has (the rows of a fraction or an aligned set)."""


def mark_text_regions(pages: list[PageLayout], body_size: float, settings: ClassifySettings) -> None:
    """Set ``kind`` to "code", "caption" or "footnote" on the body blocks that are such."""
    for page in pages:
        page.blocks = [piece for block in page.blocks for piece in _captions_cut_off(block, settings.caption_gap)]
        for index, block in enumerate(page.blocks):
            if block.kind != "body" or not block.lines:
                continue
            if is_code(block):
                block.kind = "code"
            elif is_caption(block, page.blocks, index, body_size):
                block.kind = "caption"
            elif is_formula(block, page.blocks) or is_equation_number(block, page.blocks):
                block.kind = "formula"
        _mark_formula_pieces(page.blocks)
        page.blocks = _captions_whole(page.blocks)
        _mark_footnotes(page, body_size, settings.footnote_size_ratio)


def _captions_cut_off(block: Block, gap: float) -> list[Block]:
    """``block``, or its pieces when a caption in other type, or set apart from the line before
    (:func:`_set_apart`, ``gap``), follows a paragraph in it (a caption set close under the
    text above it, at nearly its size, joins its block in layout; so may one centred under a
    heading in the caption's type, with the white of a blank line between them), or opens it
    with a paragraph in other type after it: the lines before the caption, the caption's lines
    (while their type stays), and the rest; or
    when lines of it are a formula centred between lines of text: before, the formula's run of
    lines (a fraction's rows), and the rest, cut again."""
    if block.kind != "body" or len(block.lines) < 2:
        return [block]
    lines = block.lines
    start = next((i for i in range(1, len(lines)) if CAPTION.match(lines[i].text)
                  and (_other_type(lines[i - 1], lines[i]) or _set_apart(lines[i - 1], lines[i], gap))), None)
    if start is not None:
        end = next((i for i in range(start + 1, len(lines)) if _other_type(lines[start], lines[i])), len(lines))
    elif CAPTION.match(lines[0].text):  # its lines go on in its size, whatever the weight of their first words
        end = next((i for i in range(1, len(lines)) if _other_size(lines[0], lines[i])), len(lines))
        start = 0 if end < len(lines) else None
    if start is None:
        start = next((i for i, line in enumerate(lines) if _is_formula_line(line, block)), None)
        end = next((i for i in range(start + 1, len(lines)) if not _is_formula_line(lines[i], block)),
                   len(lines)) if start is not None else 0
    if start is None:
        return [block]
    pieces = [Block(piece, block.page) for piece in (lines[:start], lines[start:end]) if piece]
    return pieces + (_captions_cut_off(Block(lines[end:], block.page), gap) if end < len(lines) else [])


def _is_formula_line(line: Line, block: Block) -> bool:
    """A line set in from both edges of its block that reads as a formula (see :func:`is_formula`)."""
    margin = 0.1 * (block.x1 - block.x0)
    return line.x0 > block.x0 + margin and line.x1 < block.x1 - margin and reads_as_formula(line.words)


def _captions_whole(blocks: list[Block]) -> list[Block]:
    """The blocks with each caption's next line joined to it when layout set it apart for its
    style (a caption whose first line has a bold label and the rest in italics): a body block
    right under the caption (at its line spacing: less than half a line of white between them,
    not a paragraph's gap), in its column, in type of its size."""
    captions = [block for block in blocks if block.kind == "caption"]
    joined: set[int] = set()
    for caption in captions:
        last = caption.lines[-1]
        below = next((block for block in blocks if block.kind == "body" and block.lines and id(block) not in joined
                      and -0.3 * last.height <= block.y0 - last.y1 <= 0.4 * last.height
                      and min(block.x1, last.x1) - max(block.x0, last.x0) > 0
                      and abs(block.size - last.size) <= 0.05 * last.size), None)
        if below is not None:
            for line in below.lines:
                caption.append(line)
            joined.add(id(below))
    return [block for block in blocks if id(block) not in joined]


def _set_apart(upper: Line, lower: Line, gap: float) -> bool:
    """Whether ``lower`` is set apart from the line ``upper`` before it: ``gap`` em or more
    below it and an em or more to the right of its start (a caption centred a blank line under
    a heading flush left), as no line of a paragraph is from the line before."""
    return lower.y0 - upper.y1 >= gap * lower.size and lower.x0 - upper.x0 >= lower.size


def _other_type(upper: Line, lower: Line) -> bool:
    """Whether two lines are set in visibly different type: size, or the weight of the first word."""
    return _other_size(upper, lower) or upper.words[0].bold != lower.words[0].bold


def _other_size(upper: Line, lower: Line) -> bool:
    return abs(upper.size - lower.size) > 0.03 * max(upper.size, lower.size)


def looks_like_a_note(text: str) -> bool:
    """Whether a line opens with a note mark and goes on with words, as a footnote does.

    >>> looks_like_a_note("* King flowers open first"), looks_like_a_note("12"), looks_like_a_note("Page 3")
    (True, False, False)
    """
    mark = NOTE_MARK.match(text)
    return mark is not None and len(text[mark.end():].split()) >= 2


def is_code(block: Block) -> bool:
    """Whether most of the block's characters are set in a monospaced font."""
    words = [word for line in block.lines for word in line.words]
    if not any(word.mono for word in words):  # the usual case: then only a block of empty words counts
        return not any(word.text for word in words)
    mono = sum(len(word.text) for word in words if word.mono)
    return mono >= 0.8 * sum(len(word.text) for word in words)


def is_formula(block: Block, blocks: list[Block]) -> bool:
    """Whether the block is a display formula: up to :data:`MAX_FORMULA_LINES` short lines, set
    in a math font or holding a relation sign, few of its tokens words, and either numbered at
    the right margin or centred on wider text in type of its size: under or over it, or
    anywhere on a block of text that it lies within.

    >>> from pipeline.core.geometry import Line, Word
    >>> def block(text, x0, y0):
    ...     return Block([Line([Word(t, x0 + 30 * i, y0, x0 + 30 * i + 20, y0 + 10, 10) for i, t in
    ...                         enumerate(text.split())], 1)], 1)
    >>> paragraph = block("the mass of sediment at each site was computed from its thickness as", 50, 100)
    >>> is_formula(block("M = ρ · A · t", 155, 120), [paragraph])
    True
    >>> is_formula(block("as noted = here", 50, 120), [paragraph])
    False
    """
    words = [word for line in block.lines for word in line.words]
    if len(block.lines) > MAX_FORMULA_LINES or not reads_as_formula(words):
        return False
    if _numbered_at_the_margin(block, blocks):
        return True
    x0, x1 = _formula_extent(words)
    return any(other is not block and other.kind in ("body", "front") and other.lines
               and other.x1 - other.x0 >= 1.5 * (x1 - x0) and block.size >= 0.9 * other.size
               and _centred_on(x0, x1, other, block) for other in blocks)


def _centred_on(x0: float, x1: float, other: Block, block: Block) -> bool:
    """Whether a formula's words, from ``x0`` to ``x1``, are centred on the text of ``other``:
    within a tenth of its width when within three lines above or below it, within 3% when
    they lie within its width further off (a formula set in its own space between paragraphs)."""
    centre, width = (x0 + x1) / 2, other.x1 - other.x0
    offset = abs((other.x0 + other.x1) / 2 - centre)
    near = min(abs(other.y1 - block.y0), abs(block.y1 - other.y0)) <= 3 * block.lines[0].height
    return offset <= 0.1 * width if near else other.x0 <= x0 and x1 <= other.x1 and offset <= 0.03 * width


def is_equation_number(block: Block, blocks: list[Block]) -> bool:
    """Whether the block is a display formula's number alone ("(3.2)"), set apart from its
    formula in layout: at the right edge of wider text on its page, right of that text's middle."""
    words = [word for line in block.lines for word in line.words]
    if len(words) != 1 or not EQUATION_NUMBER.match(words[0].text):
        return False
    number = words[0]
    return any(other is not block and other.kind in ("body", "front") and other.lines
               and abs(other.x1 - number.x1) <= number.size and number.x0 > (other.x0 + other.x1) / 2
               for other in blocks)


def _numbered_at_the_margin(block: Block, blocks: list[Block]) -> bool:
    """Whether a line of the block ends with an equation number set well apart, at the right
    edge of a wider block of text on its page: a numbered display formula, wherever it is
    centred (an equation beside a fraction's pieces, set in blocks of their own, is not)."""
    for line in block.lines:
        words = line.words
        if len(words) < 2 or not EQUATION_NUMBER.match(words[-1].text) \
                or words[-1].x0 - words[-2].x1 <= 2 * words[-1].size:
            continue
        if any(other is not block and other.kind in ("body", "front") and other.lines
               and other.x1 - other.x0 >= 1.5 * (words[-2].x1 - block.x0)
               and abs(other.x1 - words[-1].x1) <= words[-1].size for other in blocks):
            return True
    return False


def _mark_formula_pieces(blocks: list[Block]) -> None:
    """Mark as formulas the blocks that are pieces of a display formula set apart from it in
    layout: a fraction's numerator or denominator, a sum's limits, a row of indices: no word
    of three letters or more, within a line's height above or below a formula and across
    part of it. A piece marked lets the next one join."""
    formulas = [block for block in blocks if block.kind == "formula"]
    while formulas:
        found = [block for block in blocks if block.kind in ("body", "list_item") and block.lines
                 and not any(WORDLIKE.fullmatch(word.text) for line in block.lines for word in line.words)
                 and any(_beside_formula(block, formula) for formula in formulas)]
        for block in found:
            block.kind = "formula"
        formulas = found


def _beside_formula(block: Block, formula: Block) -> bool:
    """Whether ``block`` is within a line's height above or below ``formula`` (or overlaps it)
    and lies within its width."""
    height = max(formula.lines[0].height, block.lines[0].height)
    near = block.y0 - formula.y1 <= 0.5 * height and formula.y0 - block.y1 <= 0.5 * height
    return near and block.x0 >= formula.x0 - height and block.x1 <= formula.x1 + height


def _formula_extent(words: list[Word]) -> tuple[float, float]:
    """Where a formula's own words run, left to right: an equation number set apart at the
    right margin ("(3.2)") is not part of what is centred."""
    if len(words) > 1 and EQUATION_NUMBER.match(words[-1].text) \
            and words[-1].x0 - words[-2].x1 > 2 * words[-1].size:
        words = words[:-1]
    return min(word.x0 for word in words), max(word.x1 for word in words)


def reads_as_formula(words: list[Word]) -> bool:
    """Whether words read as a formula: at most :data:`MAX_FORMULA_WORDS`, set in a math font
    or holding a relation sign, and few of them words of three letters or more."""
    if len(words) > MAX_FORMULA_WORDS:
        return False
    text = " ".join(word.text for word in words)
    mathematical = sum(len(w.text) for w in words if MATH_FONT.search(w.font)) >= 0.3 * len(text.replace(" ", ""))
    wordy = sum(1 for word in words if WORDLIKE.fullmatch(word.text))
    return (mathematical or bool(RELATION.search(text))) and wordy <= 0.4 * len(words)


def is_caption(block: Block, blocks: list[Block], index: int, body_size: float) -> bool:
    """Whether the block is a caption (see the module's description).

    The text after the label must set it apart from a sentence that merely starts with one
    ("Table 2 lists the ..."): a delimiter, a label in another style (bold, italic, smaller
    type), or a table or figure right above or below and no small letter after the number.
    """
    first = block.lines[0]
    match = CAPTION.match(first.text)
    if not match:
        return False
    if match.group("after").strip():
        return True
    label = first.words[0]
    styled = label.bold or label.italic or block.size < 0.95 * body_size
    beside_region = any(blocks[i].region is not None for i in (index - 1, index + 1) if 0 <= i < len(blocks))
    named = not first.text[match.end():match.end() + 1].islower()
    return styled or (beside_region and named)


def _mark_footnotes(page: PageLayout, body_size: float, size_ratio: float) -> None:
    """Mark the footnotes at the foot of ``page`` (see the module's description)."""
    body = [block for block in page.blocks if block.kind == "body" and block.lines
            and block.size >= size_ratio * body_size]
    in_notes = False
    for block in sorted((b for b in page.blocks if b.kind == "body" and b.lines), key=lambda b: b.y0):
        small = block.size < size_ratio * body_size
        above = max((b.y1 for b in body if b.x0 < block.x1 and block.x0 < b.x1), default=0.0)
        low = block.y0 >= max(above - 1.0, page.height / 2)
        if not (small and low):
            in_notes = False
            continue
        if in_notes or NOTE_MARK.match(block.lines[0].text):
            block.kind = "footnote"
            in_notes = True


def split_notes(lines: list[Line]) -> list[list[Line]]:
    """The lines of a footnote block, cut where a line opens with a note mark after a line
    that ends a sentence, or with the number that follows the current note's (one block may
    hold several short notes, and notes in some languages end without a full stop)."""
    notes: list[list[Line]] = [[lines[0]]]
    number = _note_number(lines[0].text)
    for previous, line in zip(lines, lines[1:]):
        next_number = _note_number(line.text)
        follows = number is not None and next_number == number + 1
        if follows or (NOTE_MARK.match(line.text) and previous.text.rstrip()[-1:] in ".!?)"):
            notes.append([])
            number = next_number
        notes[-1].append(line)
    return notes


def _note_number(text: str) -> int | None:
    """The number of the note mark that opens ``text``, if it is a number.

    >>> _note_number("6) Korean Standard Classification"), _note_number("The end")
    (6, None)
    """
    mark = NOTE_MARK.match(text)
    digits = re.match(r"\d+", mark.group()) if mark else None
    return int(digits.group()) if digits else None
