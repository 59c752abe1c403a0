"""Stage ``paragraphs``: cut blocks into paragraphs and rejoin paragraphs that a break cut.

Inside a block, a paragraph starts at an indented line, after a short line that
closes a sentence in a justified block, or at and after a short line opening with a
Chinese or Japanese section number ("二、", "（一）", "第三章"). Across blocks, a paragraph
that stops without closing its sentence continues in the next body block in reading order
(the next column, the next page, past a removed footer or small print such as a footnote,
or past a heading or boxed note set across the columns when the next block starts
mid-sentence), unless that block starts a paragraph of its own (or a list item, or a CJK
numbered section); one that closes with a full-width line continues when the document
indents its paragraphs and the next block does not start with an indent. Past a table or
figure, into another column, only running text goes on (its line before the last wrapped,
or the next block opens mid-sentence): a label over a table is no paragraph the table cut.
"""

from __future__ import annotations

import re

from ..core.edits import EditLog
from ..core.geometry import Block, Line, Unit, box_of, would_fit
from ..settings import DEFAULTS, ParagraphsSettings
from .classify import BULLET, CJK_SECTION_NUMBER, is_justified
from .lines import ENUMERATOR
from .regions import continues_table, merged_table
from .textregions import NOTE_MARK, reads_as_formula, split_notes

CLOSERS = "\"'”’)]»"
OPENING_MARKS = "\"'“‘([«"
"""Brackets and quotes that may open a sentence's next word."""
BROKEN_WORD = re.compile(r"[^\W\d_]{2}-$")
"""A line's end that is a word broken at a hyphen: two letters, then the hyphen."""
TERMINAL = ".!?:。！？：□■∎"
"""Marks that close a sentence (with their Chinese and Japanese full-width forms), with the
end-of-proof marks that close a proof's paragraph."""


FLOATING = frozenset({"table", "figure", "caption", "code"})
"""Kinds of block placed after the paragraph they interrupt, which goes on past them. (A display
formula is not: the text after it starts a paragraph of its own, as typeset.)"""


def build_units(blocks: list[Block], edits: EditLog, settings: ParagraphsSettings = DEFAULTS.paragraphs,
                ocr_pages: frozenset[int] = frozenset()) -> list[Unit]:
    """Turn classified blocks into output units, rejoining paragraphs across breaks (the type
    sizes of ``ocr_pages``, read from page images, are estimates)."""
    flow = _Flow(edits, settings, uses_indentation(blocks, settings.indent), _text_right_edges(blocks), ocr_pages)
    for index, block in enumerate(blocks):
        flow.add(block, index)
    return flow.finish()


class _Flow:
    """The units so far, and the open paragraph that the next blocks may continue.

    Tables, figures, captions, code and formulas met while a paragraph is open (it has not
    closed its sentence) are held back and placed after it, however far it goes on;
    footnotes go where they are (the structure stage collects them) and do not end it.
    """

    def __init__(self, edits: EditLog, settings: ParagraphsSettings, indent_style: bool,
                 right_edges: dict[int, float], ocr_pages: frozenset[int] = frozenset()) -> None:
        self.edits = edits
        self.ocr_pages = ocr_pages
        self.right_edges = right_edges
        self.settings = settings
        self.indent_style = indent_style
        self.units: list[Unit] = []
        self.held: list[Unit] = []
        self.last_body: tuple[Unit, Block] | None = None
        self.interrupted: tuple[Unit, Block] | None = None  # an open paragraph a spanning heading or box cut off
        self.interrupted_at = 0
        self.region_between = False  # a captioned table or figure held back since the open paragraph's last block

    def finish(self) -> list[Unit]:
        self.units.extend(self.held)
        self.held = []
        return self.units

    def emit(self, unit: Unit) -> None:
        """Add a unit that starts something new: the held regions go first."""
        self.finish()
        self.units.append(unit)

    def add(self, block: Block, index: int) -> None:
        if block.kind == "title" and self.units and self.units[-1].kind == "title":
            self.units[-1].lines.extend(block.lines)
        elif block.kind == "front":
            right_edge = self.right_edges.get(block.page, block.x1)
            for lines in _front_pieces(block, right_edge):
                if self._wraps_front_matter(lines, right_edge):
                    self.units[-1].lines.extend(lines)
                else:
                    self.emit(Unit("paragraph", lines))
            self.last_body = self.interrupted = None
        elif block.kind in FLOATING or block.kind == "footnote":
            self.add_aside(block)
        elif block.kind not in ("body", "list_item"):
            self.emit(Unit(block.kind, list(block.lines), block.level))
            # a display formula ends the text above it, however wide: what follows it is read apart
            if self.last_body and block.kind != "formula" \
                    and _cuts_across(block, self.last_body, self.settings.spanning_ratio):
                self.interrupted, self.interrupted_at = self.last_body, index
            self.last_body = None
        else:
            self.add_body(block, index)

    def _wraps_front_matter(self, lines: list[Line], right_edge: float) -> bool:
        """Whether front-matter ``lines`` go on with the front-matter paragraph before them, set
        as a block of its own: that paragraph's last line ends mid-sentence where the first word
        of ``lines``, which starts in lower case, would not have fitted (see :func:`_front_pieces`).
        The join is logged."""
        last = self.units[-1] if self.units and not self.held else None
        if last is None or last.kind != "paragraph" or last.lines[-1].page != lines[0].page \
                or ends_sentence(last.lines[-1]) or not lines[0].text[:1].islower():
            return False
        if _fits_after(last.lines[-1], lines[0], max(last.lines[-1].x1, right_edge)):
            return False
        self.edits.record("paragraph_join", _tail(last.lines), _head(lines), lines[0].page,
                          "front matter goes on from the line above", box_of(lines[0].page, lines[0]))
        return True

    def add_aside(self, block: Block) -> None:
        if block.kind == "footnote":
            notes = split_notes(block.lines)
            if self._continues_note(notes[0]):
                self._last_note().lines.extend(notes.pop(0))
            self.units += [Unit("footnote", lines) for lines in notes]
            return
        pending = self.held or self.units
        if block.kind == "code" and pending and pending[-1].kind == "code" and _continues_listing(pending[-1], block):
            pending[-1].lines.extend(block.lines)
            return
        previous = next((unit for unit in reversed(pending) if unit.kind != "footnote"), None)
        if block.region is not None and previous is not None and previous.region is not None \
                and continues_table(previous.region, block.region):
            previous.region = merged_table(previous.region, block.region)
            return
        unit = Unit(block.kind, list(block.lines), region=block.region)
        paragraph_open = self.last_body is not None and not ends_sentence(self.last_body[0].lines[-1])
        if paragraph_open:
            self.held.append(unit)
            self.region_between = self.region_between or unit.kind == "caption"
        else:
            self.emit(unit)  # after the regions still held back for a paragraph closed since

    def _past_a_captioned_region(self) -> bool:
        """Whether a captioned table or figure, and no code listing (whose lead-in line may go
        without its stop), was held back since the open paragraph's last block."""
        return self.region_between and not any(unit.kind == "code" for unit in self.held)

    def _past_a_region(self) -> bool:
        """Whether a table or figure was held back since the open paragraph's last block."""
        return any(unit.kind in ("table", "figure") for unit in self.held)

    def _last_note(self) -> Unit:
        return next(unit for unit in reversed(self.units) if unit.kind == "footnote")

    def _continues_note(self, lines: list[Line]) -> bool:
        """Whether ``lines``, a block of notes opening without a note mark, go on with the last
        note, which did not end its sentence (a note continued in the next column or
        overleaf). The join is logged."""
        notes = [unit for unit in self.units if unit.kind == "footnote"]
        if not notes or NOTE_MARK.match(lines[0].text):
            return False
        last = notes[-1].lines[-1]
        if lines[0].page - last.page not in (0, 1) or ends_sentence(last):
            return False
        self.edits.record("paragraph_join", _tail(notes[-1].lines), _head(lines), lines[0].page,
                          "footnote continues in the next column or page", box_of(lines[0].page, lines[0]))
        return True

    def add_body(self, block: Block, index: int) -> None:
        settings = self.settings
        pieces = split_paragraphs(block, settings)
        first = pieces[0]
        previous = _flow_to_continue(block, first, self.last_body, self.interrupted, self.indent_style, settings,
                                     self._past_a_captioned_region(), self.ocr_pages, self._past_a_region())
        self.region_between = False
        if previous is not None:
            unit, _ = previous
            self.edits.record("paragraph_join", _tail(unit.lines), _head(first), block.page,
                              "paragraph continues across a column or page break", box_of(block.page, block))
            unit.lines.extend(first)
            pieces = pieces[1:]
            if previous is self.interrupted:
                self.interrupted = None
        elif self.last_body and BROKEN_WORD.search(self.last_body[0].lines[-1].text):
            # a word broken at the line's end is finished further on, past what came between
            self.interrupted, self.interrupted_at = self.last_body, index
        kind = "list_item" if block.kind == "list_item" else "paragraph"
        for lines in pieces:
            self.emit(Unit(kind, lines))
        if not pieces and previous is not None:
            self.last_body = (previous[0], block)
        elif not (pieces and self.last_body and _is_aside(block, self.last_body, settings.same_size)):
            last = self.units[-1]
            self.last_body = (last, block) if last.kind in ("paragraph", "list_item") else None
        if self.interrupted and index - self.interrupted_at > settings.resume_within_blocks:
            self.interrupted = None


def _text_right_edges(blocks: list[Block]) -> dict[int, float]:
    """Per page, where the widest text ends: the right edge of the text column(s)."""
    edges: dict[int, float] = {}
    for block in blocks:
        if block.kind == "body":
            edges[block.page] = max(edges.get(block.page, 0.0), block.x1)
    return edges


def _front_pieces(block: Block, right_edge: float) -> list[list[Line]]:
    """Front matter cut into its lines' paragraphs: a line whose first word would have fitted at
    the end of the line before (before the text's right edge, ``right_edge``) was set on a
    line of its own on purpose (an issue line, a place and time, an author line); a line
    that wraps goes on with the same paragraph."""
    pieces: list[list[Line]] = [[block.lines[0]]]
    right = max(block.x1, right_edge)
    for previous, line in zip(block.lines, block.lines[1:]):
        if _fits_after(previous, line, right):
            pieces.append([])
        pieces[-1].append(line)
    return pieces


def _fits_after(previous: Line, line: Line, right: float) -> bool:
    """Whether the first word of ``line`` would have fitted at the end of ``previous``, before ``right``."""
    first = line.words[0]
    return would_fit(previous.x1, first.x1 - first.x0, line.size, right)


def _continues_listing(listing: Unit, block: Block) -> bool:
    """Whether a code block goes on with the listing above it: right below it, on its page."""
    last = listing.lines[-1]
    return last.page == block.page and 0 <= block.y0 - last.y1 <= 2 * last.height \
        and min(last.x1, block.x1) - max(last.x0, block.x0) > 0


def _flow_to_continue(block: Block, first: list[Line], last_body: tuple[Unit, Block] | None,
                      interrupted: tuple[Unit, Block] | None, indent_style: bool,
                      settings: ParagraphsSettings, past_region: bool = False,
                      ocr_pages: frozenset[int] = frozenset(),
                      past_any_region: bool = False) -> tuple[Unit, Block] | None:
    """The open paragraph that ``block``'s first lines continue, if any: the last one in
    reading order (``past_region``: a captioned table or figure came between them;
    ``past_any_region``: a table or figure, captioned or not), or one a spanning heading or
    box cut off when ``block`` starts mid-sentence."""
    if block.kind != "body":
        return None
    if last_body and _continues(last_body, block, first, indent_style, settings, past_region, ocr_pages,
                                past_any_region):
        return last_body
    if interrupted and _starts_mid_sentence(first) and \
            _continues(interrupted, block, first, indent_style, settings, ocr_pages=ocr_pages):
        return interrupted
    return None


def _cuts_across(block: Block, open_body: tuple[Unit, Block], spanning_ratio: float) -> bool:
    """Whether ``block`` (a heading or a box) stands in the middle of an open paragraph, which
    may then go on after it (when the next body block starts mid-sentence): set across the
    columns, or a heading of any width met in another column or page before the paragraph has
    closed its sentence (a table's or a box's label taken for a heading, at the top of the
    next column). A heading right under the paragraph in its column follows it."""
    unit, body_block = open_body
    if ends_sentence(unit.lines[-1]):
        return False
    wider = block.x1 - block.x0 > spanning_ratio * (body_block.x1 - body_block.x0)
    elsewhere = block.kind == "heading" and not _directly_below(body_block, block)
    return elsewhere or (wider and block.page == body_block.page)


def _starts_mid_sentence(lines: list[Line]) -> bool:
    """Whether a paragraph piece starts with a lower-case word, after any opening bracket or
    quote: the rest of a sentence ("(where p runs through the primes) be ...")."""
    return lines[0].words[0].text.lstrip(OPENING_MARKS)[:1].islower()


def _is_aside(block: Block, open_body: tuple[Unit, Block], same_size: float) -> bool:
    """Whether ``block`` is small print (a footnote, a caption, a figure label) set inside an
    open paragraph's flow: the paragraph may continue after it, so it does not end the flow."""
    unit, previous_block = open_body
    return block.size < (1 - same_size) * previous_block.size and not ends_sentence(unit.lines[-1])


def split_paragraphs(block: Block, settings: ParagraphsSettings) -> list[list[Line]]:
    """The block's lines, cut where a new paragraph starts (for a block of right-to-left
    script, indents are on the right and short lines end on the left)."""
    lines = block.lines
    if len(lines) == 1 or block.kind == "list_item":
        return [lines]
    mirrored = sum(line.right_to_left for line in lines) > len(lines) / 2
    starts = [-line.x1 if mirrored else line.x0 for line in lines]
    ends = [-line.x0 if mirrored else line.x1 for line in lines]
    left, right, size = min(starts), max(ends), block.size
    justified = is_justified(ends[:-1], right, size)
    ragged_left = _ragged_left(starts, ends, settings.flush_edge * size)
    centred = _is_centred(starts, ends, settings.indent * size, settings.centring * size)
    pieces: list[list[Line]] = [[lines[0]]]
    for index in range(1, len(lines)):
        previous, line = lines[index - 1], lines[index]
        short = ends[index - 1] < right - settings.short_line * size
        short_close = short and ends_sentence(previous)
        # Set ragged left (a sidebar of keywords), a line may start anywhere: only after a
        # sentence ends does an indent start a paragraph.
        indented = starts[index] - left > settings.indent * size and (not ragged_left or ends_sentence(previous))
        # Several lines indented alike wrap around something (a drop cap, a picture): one paragraph.
        wrapped = abs(starts[index] - starts[index - 1]) < 1.0 and not short_close
        if _breaks_a_word(previous, line) or _hangs_from(previous, line, pieces[-1]):
            pieces[-1].append(line)
        elif (indented and not wrapped and not centred) or (justified and short_close) \
                or (short and _opens_a_cjk_section(previous, line)):
            pieces.append([line])
        else:
            pieces[-1].append(line)
    return pieces


def _opens_a_cjk_section(previous: Line, line: Line) -> bool:
    """Whether ``line``, after the short line ``previous``, starts a paragraph because of a
    Chinese or Japanese section number (:data:`CJK_SECTION_NUMBER`): it opens with one, or
    ``previous`` does (a section's title set in the body's type, alone on its line over its
    text: "二、授信情况" between two paragraphs, joined to neither)."""
    return bool(CJK_SECTION_NUMBER.match(line.text) or CJK_SECTION_NUMBER.match(previous.text))


def _ragged_left(starts: list[float], ends: list[float], tolerance: float) -> bool:
    """Whether lines end together and each starts at its own place: text set flush right (3
    lines at least, as two lines of indented text could look the same; a table of contents,
    whose entries of one level start together, is not).

    >>> _ragged_left([81.9, 68.4, 95.0], [120.0, 120.1, 120.0], 0.9)
    True
    >>> _ragged_left([50.0, 60.0, 60.0], [300.0, 300.0, 300.0], 0.9)
    False
    """
    distinct_starts = len({round(start) for start in starts}) == len(starts)
    return len(starts) >= 3 and distinct_starts and max(ends) - min(ends) <= tolerance


def _is_centred(starts: list[float], ends: list[float], indent: float, tolerance: float) -> bool:
    """Whether lines of unequal length are centred on one another (a pull quote, a centred
    note): each is set in from the block's left edge as far as from its right, within
    ``tolerance``, and some line is set in from both by more than an ``indent``. A line set
    in there is no indent.

    >>> _is_centred([106, 116], [497, 479], 8.5, 14.0), _is_centred([109, 100], [500, 492], 8.5, 14.0)
    (True, False)
    """
    left, right = min(starts), max(ends)
    insets = [(start - left, right - end) for start, end in zip(starts, ends)]
    return all(abs(a - b) <= tolerance for a, b in insets) and any(min(a, b) > indent for a, b in insets)


def _hangs_from(previous: Line, line: Line, piece: list[Line]) -> bool:
    """Whether ``line`` goes on a numbered or bulleted first line set with a hanging indent
    ("23.  If your country ..." over a line that starts under "If")."""
    if piece != [previous] or len(previous.words) < 2 or previous.right_to_left:
        return False
    mark, text = previous.words[0], previous.words[1]
    hangs = mark.x1 < line.x0 < text.x1  # under the item's first word (placed by estimate in a span)
    return bool(ENUMERATOR.match(mark.text) or BULLET.match(mark.text)) and hangs


def uses_indentation(blocks: list[Block], indent: float) -> bool:
    """Whether the document marks paragraphs by a first-line indent (vs. by vertical space).

    Told where a paragraph starts after one that closed its sentence: inside a block (a line
    set in from the block's other lines), or in a body block right under another one in its
    column (its first line set in, or flush). A paragraph after a heading, a table or a
    figure, or at the top of a column says nothing: many styles set it flush either way."""
    indented = flush = 0
    for previous, block in zip([None, *blocks], blocks):
        if block.kind != "body" or len(block.lines) < 2:
            continue
        left = min(line.x0 for line in block.lines[1:])
        step = indent * block.size
        indented += sum(1 for above, line in zip(block.lines, block.lines[1:])
                        if line.x0 - left > step and ends_sentence(above))
        if previous is None or previous.kind != "body" or not _directly_below(previous, block) \
                or not ends_sentence(previous.lines[-1]):
            continue
        start = block.lines[0].x0 - left
        indented += start > step
        flush += abs(start) < 1.0
    return indented > flush


def ends_sentence(line: Line) -> bool:
    """Whether ``line`` ends a sentence, its note calls set aside: a superscript mark after the
    full stop ("camera.†", "survey.¹²") calls a note and does not go on with the sentence; a
    stop glued after the call ("flowers*.") still closes it."""
    words = list(line.words)
    stops = ""
    while len(words) > 1 and words[-1].superscript:
        stops = "".join(c for c in words.pop().text if c in TERMINAL + CLOSERS) + stops
    return closes_sentence(" ".join(word.text for word in words) + stops)


def closes_sentence(text: str) -> bool:
    """Whether ``text`` ends a sentence (terminal punctuation, possibly before a quote or bracket).

    >>> closes_sentence('into practice."'), closes_sentence("the new body is")
    (True, False)
    """
    stripped = text.rstrip().rstrip(CLOSERS)
    return stripped[-1:] in TERMINAL


def _breaks_a_word(line: Line, following: Line) -> bool:
    """Whether ``line`` ends with a word broken at a hyphen that ``following`` goes on with
    ("fi-" / "nances."): whatever the two lines' sizes (OCR sizes a line of one short word
    by its letters) or places, the paragraph goes on."""
    return bool(BROKEN_WORD.search(line.text)) and following.words[0].text[:1].islower()


def _continues(previous: tuple[Unit, Block], block: Block, first: list[Line], indent_style: bool,
               settings: ParagraphsSettings, past_region: bool = False,
               ocr_pages: frozenset[int] = frozenset(), past_any_region: bool = False) -> bool:
    unit, previous_block = previous
    tail, head = unit.lines[-1], first[0]
    if _breaks_a_word(tail, head) and _directly_below(previous_block, block):
        return True
    if _differ_in_size(tail, head, first, settings.same_size, ocr_pages) or _turns_bold(tail, first):
        return False
    if BULLET.match(head.words[0].text) or (ENUMERATOR.match(head.words[0].text) and len(head.words) > 1) \
            or CJK_SECTION_NUMBER.match(head.text):
        return False  # a list item, or a numbered section, starts
    if _directly_below(previous_block, block):
        runs_on = indent_style and _runs_on(tail, previous_block, block, first, settings.indent)
        return not ends_sentence(tail) and (_starts_mid_sentence(first) or runs_on
                                            or past_region and _goes_on_past_a_region(unit, previous_block))
    indented = _first_line_indented(block, first, settings.indent)
    if not ends_sentence(tail):
        # past a table or figure, in another column: only running text goes on (not the table's label)
        runs_on = not past_any_region or _starts_mid_sentence(first) or _goes_on_past_a_region(unit, previous_block)
        return runs_on and indented is not True
    full_width = tail.x1 >= previous_block.x1 - 0.5 * tail.size
    return full_width and indent_style and indented is False


def _differ_in_size(tail: Line, head: Line, first: list[Line], same_size: float, ocr_pages: frozenset[int]) -> bool:
    """Whether ``tail`` and ``head`` are set in different sizes: more than ``same_size`` apart,
    or twice that when both are on pages read from their images (whose sizes are estimates)
    and the sentence goes on from one to the other."""
    tolerance = same_size
    if tail.page in ocr_pages and head.page in ocr_pages and not ends_sentence(tail) and _starts_mid_sentence(first):
        tolerance *= 2
    return abs(tail.size - head.size) > tolerance * max(tail.size, head.size)


def _turns_bold(tail: Line, first: list[Line]) -> bool:
    """Whether a paragraph piece set wholly in bold would follow a line that is not: a running
    title or a label, not the rest of the sentence (which keeps its type past a break)."""
    return not tail.bold and all(line.bold for line in first)


def _goes_on_past_a_region(unit: Unit, block: Block) -> bool:
    """Whether the open paragraph ``unit`` (its last block ``block``) goes on in the block under
    the captioned table or figure that follows it, although that block starts with a capital or
    a figure ("... reduced by" / table / "Storm Agnes ..."): the paragraph is running text whose
    line before the last wrapped (the last line's first word would not have fitted on it before
    the column's edge): not a label, a lead-in line or an address left without a stop."""
    if len(unit.lines) < 2:
        return False
    before, first = unit.lines[-2], unit.lines[-1].words[0]
    return before.page == block.page and not would_fit(before.x1, first.x1 - first.x0, before.size, block.x1)


def _runs_on(tail: Line, upper: Block, lower: Block, first: list[Line], indent: float) -> bool:
    """Whether ``first``, the lines of ``lower``, a block right below an open paragraph, go on
    with the sentence of its last line ``tail`` whatever their first letter (a name, a symbol),
    in a document whose paragraphs start indented: ``tail`` runs to the right edge of the text,
    as a paragraph's last line seldom does, and breaks no word (whose rest opens in lower case),
    neither it nor the next line reads as a formula, and ``lower`` is not indented."""
    full_width = tail.x1 >= max(upper.x1, lower.x1) - 0.5 * tail.size
    return full_width and not BROKEN_WORD.search(tail.text) and _first_line_indented(lower, first, indent) is not True \
        and not reads_as_formula(tail.words) and not reads_as_formula(first[0].words)


def _directly_below(upper: Block, lower: Block) -> bool:
    return (upper.page == lower.page and lower.y0 >= upper.y1 - 1.0
            and min(upper.x1, lower.x1) - max(upper.x0, lower.x0) > 0)


def _first_line_indented(block: Block, first: list[Line], indent: float) -> bool | None:
    """Whether the block's first line is indented; None when the block has a single line."""
    if len(block.lines) < 2:
        return None
    return first[0].x0 - block.lines[1].x0 > indent * block.size


def _tail(lines: list[Line], chars: int = 40) -> str:
    return lines[-1].text[-chars:]


def _head(lines: list[Line], chars: int = 40) -> str:
    return lines[0].text[:chars]
