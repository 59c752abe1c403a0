"""Stage ``furniture``: remove running headers, footers and page numbers.

A block is furniture when it sits in the top or bottom band of its page, is short, and

* its text recurs on other pages once digits are normalised ("JULY 2025 1", "JULY 2025 2"),
  or nearly recurs (85% similar, as OCR reads a running header on each page), or
* it is a page number ("- 7 -", "Page 7", "7 of 12", "vii", "7-45" for chapter 7, page 45,
  or a bare "7"): the only one in its band on its page, and a bare number only when it is
  the page's own number, or
  another page's number in its band is as far from its page's (a form's line numbers "35",
  "36" and "37" in its footer are not page numbers), or the same number in the same place on
  every page of the document (a template's "1" on each page of a short file), or
* on documents of three pages or more, it sits in the same slot (height on the page and font
  size) as furniture found on other pages, or in a slot that two or more pages use above the
  top (or below the foot) of the text block: this catches alternating even/odd running
  headers; a block that opens with a note mark and goes on with words is a footnote, not
  furniture, nor is a caption ("Table 2: ...", at the top of a page). A one- or two-page
  document gives too little evidence for slots.

A block in display type at the top of the first page whose words the running heads repeat in
smaller type is the title, not furniture.

A page's first line below the top band but within twice it (a running head set lower, as
AMS styles set it) is furniture by evidence only: a page number, or its words (numbers
aside) at the same height on another page; never by its slot alone, and never a title that
the running heads repeat lower on the first page.

On a document of one or two pages, the only line of a page's top band that is words and a
page number set apart at one end ("Optimized Table Tokenization ...   9", a page excerpted
from a paper) is a running head: its folio is the evidence (a number of 1000 or more is
more likely a year at a title's end). So is the only line of a later page's top band whose
words open a block of the first page (the title, the masthead or the issue line that the
running head repeats, where the first page prints no running head of its own).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from rapidfuzz import fuzz, process

from ..core.edits import EditLog
from ..core.geometry import Block, Line, PageLayout, Word, box_of
from ..settings import DEFAULTS, FurnitureSettings
from .classify import BodyStyle, body_style
from .textregions import CAPTION, looks_like_a_note

PAGE_NUMBER = re.compile(
    r"^[-–—(\[]?\s*(page\s+)?(\d{1,4}|[ivxlcdm]{1,7}|(?:\d{1,2}|[A-Z])[-–]\d{1,4})(\s*(of|/)\s*\d{1,4})?\s*[-–—)\]]?$",
    re.IGNORECASE,
)


NEAR_REPEAT_PAGES = 3
"""Near repeats of a line make a running header on at least this many pages together."""


def signature(text: str) -> str:
    """Text with case, digits and spacing normalised, so page-numbered variants match.

    >>> signature("JULY 2025  3") == signature("July 2025 12")
    True
    """
    return re.sub(r"\s+", " ", re.sub(r"\d+", "#", text.lower())).strip()


def _near_repeats(candidates: list[tuple[Block, str]], recurring: Counter[str], page_count: int,
                  settings: FurnitureSettings) -> Counter[str]:
    """Signatures seen once that nearly repeat others, in the same band and a like type size,
    on other pages (OCR reads a running header a little differently on each page: "Coastal
    Birds Newsletter" and "Coastal BirdsNewsletter", and sizes it differently too), counted
    once more: on three pages or more together (on all pages but one of a shorter document), as
    a running header recurs; two section headings that open pages alike ("II. ACIDOSES
    MÉTABOLIQUES", "IV. ALCALOSES MÉTABOLIQUES") do not."""
    seen: dict[tuple[str, str], tuple[set[int], float]] = {}
    for block, band in candidates:
        pages, size = seen.setdefault((band, signature(block.text)), (set(), block.size))
        pages.add(block.page)
    found: Counter[str] = Counter()
    for (band, text), (pages, size) in seen.items():
        if recurring[text] > 1 or len(text) < settings.min_fuzzy_chars:
            continue
        others = {other: other_pages for (other_band, other), (other_pages, other_size) in seen.items()
                  if other_band == band and other != text and other_pages != pages
                  and max(size, other_size) <= settings.like_size * min(size, other_size)}
        near = process.extract(text, list(others), scorer=fuzz.ratio, score_cutoff=settings.fuzzy_match, limit=None)
        covered = pages.union(*(others[match] for match, _, _ in near))
        if near and len(covered) >= min(NEAR_REPEAT_PAGES, page_count - 1):  # the first page may have a title instead
            found[text] += 1
    return found


def _band(block: Block, page: PageLayout, settings: FurnitureSettings) -> str | None:
    """"header" or "footer" when ``block`` may be furniture by where it is: in the page's top
    or bottom band, or the lowest block of the page in twice the bottom band (a page number
    set a little higher, as LaTeX sets it)."""
    if block.region is not None or len(block.lines) > settings.max_lines:
        return None
    if block.y1 <= settings.band * page.height:
        return "header"
    if block.y0 >= (1 - settings.band) * page.height:
        return "footer"
    if block.y0 >= (1 - 2 * settings.band) * page.height and all(other.y0 < block.y0 for other in page.blocks
                                                                   if other is not block):
        return "footer"
    return None


def _heads_below_the_band(page: PageLayout, settings: FurnitureSettings) -> list[Block]:
    """The blocks on the page's first line when it lies below the top band but within twice
    it (a running head set further down, as AMS styles set it): furniture only when their
    words recur on other pages or they are a page number, never by their slot alone."""
    banded = [block for block in page.blocks if block.region is None]
    if not banded:
        return []
    top = min(block.y0 for block in banded)
    first = [block for block in banded if block.y0 - top < 0.5 * block.size]
    if any(block.y1 <= settings.band * page.height or len(block.lines) > settings.max_lines for block in first):
        return []
    return first if max(block.y1 for block in first) <= 2 * settings.band * page.height else []


def strip_furniture(pages: list[PageLayout], edits: EditLog,
                    settings: FurnitureSettings = DEFAULTS.furniture) -> tuple[list[PageLayout], list[dict]]:
    """Remove furniture blocks from every page; return the pages and what was removed
    (in the JSON form of :class:`pipeline.output.models.Furniture`).

    The first or last line of a longer block that reaches into the band (a running footer
    set right under footnotes of its size, which the layout joined to them) is judged on
    its own, by recurrence and page-number pattern only, and cut off its block when it is
    furniture.
    """
    below = [(block, "header") for page in pages for block in _heads_below_the_band(page, settings)]
    candidates, parts = _whole_lines([(block, band) for page in pages for block in page.blocks
                                      if (band := _band(block, page, settings))] + below)
    by_evidence_only = {id(block) for block, _ in below}
    by_evidence_only |= {joined for joined, row in parts.items() if any(id(part) in by_evidence_only for part in row)}
    edges = _edge_lines(pages, settings)
    in_bands = candidates + [(line, band) for line, band, _ in edges]
    recurring = Counter(text for _, text in {(block.page, signature(block.text)) for block, _ in in_bands})
    recurring.update(_near_repeats(candidates, recurring, len(pages), settings))
    numbers = _page_numbers(in_bands, len(pages), settings.slot_tolerance)
    found = {id(block): kind for block, band in candidates
             if (kind := _repeated_kind(block, band, recurring, numbers))
             and (id(block) not in by_evidence_only or kind == "page_number"
                  or _recurs_in_place(block, candidates, settings.slot_tolerance))}
    body = body_style(pages)
    for block, _ in candidates:
        if found.get(id(block)) == "header" and block.page == pages[0].number and \
                _a_title_the_heads_repeat(block, candidates, body.size, settings.display_ratio):
            del found[id(block)]
    found.update(dict.fromkeys(_spread_folios(parts.values()), "page_number"))
    if len(pages) < settings.min_pages_for_slots:
        in_band = Counter((block.page, band) for block, band in candidates)
        openings = _block_openings(pages[0])
        found.update({id(block): band for block, band in candidates if id(block) not in found and band == "header"
                      and in_band[block.page, band] == 1 and (_is_folio_line(block, settings.folio_gap) or (
                          block.page != pages[0].number
                          and _opens_a_block(block, openings, settings.min_fuzzy_chars)))})
    else:
        by_place = [candidate for candidate in candidates if id(candidate[0]) not in by_evidence_only]
        _add_blocks_in_slots(found, pages, by_place, settings)
    for joined, joined_kind in list(found.items()):
        found.update({id(part): joined_kind for part in parts.get(joined, ())})
    cut = {id(parent): (line, kind) for line, band, parent in edges
           if id(parent) not in found and (kind := _repeated_kind(line, band, recurring, numbers))}
    removed: list[dict] = []
    for page in pages:
        kept: list[Block] = []
        for block in page.blocks:
            if id(block) in found:
                _record(removed, edits, page.number, block, found[id(block)])
            elif id(block) in cut:
                line, kind = cut[id(block)]
                _record(removed, edits, page.number, line, kind)
                kept.append(Block([other for other in block.lines if other is not line.lines[0]], block.page))
            else:
                kept.append(block)
        page.blocks = kept
    return pages, removed


def set_aside(pages: list[PageLayout], edits: EditLog,
              settings: FurnitureSettings = DEFAULTS.furniture) -> tuple[list[dict], list[str]]:
    """What the pages set across their reading direction, and could not read as text: lines in
    a side margin (a running head up the margin, an arXiv stamp) as furniture of kind
    "margin", the others as warnings that say how many characters were left out."""
    removed: list[dict] = []
    warnings: list[str] = []
    for page in pages:
        margin = [w for w in page.sideways if w.x1 <= settings.band * page.width
                  or w.x0 >= (1 - settings.band) * page.width]
        for word in margin:
            _record(removed, edits, page.number, word, "margin")
        lost = [w for w in page.sideways if w not in margin]
        if lost:
            characters = sum(len(w.text) for w in lost)
            warnings.append(f"page {page.number}: {characters} characters set at an angle were left out "
                            f"(\"{lost[0].text[:40]}\")")
    return removed, warnings


def _a_title_the_heads_repeat(block: Block, candidates: list[tuple[Block, str]], body_size: float,
                              ratio: float) -> bool:
    """Whether ``block`` (at the top of the first page) is set in display type (``ratio`` times
    the body size) while the other copies of its words are not: the document's title, which
    the running heads repeat."""
    if block.size < ratio * body_size:
        return False
    text = signature(block.text)
    return all(other.size < ratio * body_size for other, _ in candidates
               if other is not block and signature(other.text) == text)


def _add_blocks_in_slots(found: dict[int, str], pages: list[PageLayout], candidates: list[tuple[Block, str]],
                         settings: FurnitureSettings) -> None:
    """Add to ``found`` the blocks in the slot of furniture found on another page, or in a
    slot pages use outside their text block."""
    slots = {(band, round(block.y0), round(block.size)) for block, band in candidates if id(block) in found}
    slots |= _slots_outside_the_text(pages, candidates)
    for block, band in candidates:
        if id(block) not in found and _in_slot(block, band, slots, settings.slot_tolerance) \
                and not looks_like_a_note(block.lines[0].text) and not CAPTION.match(block.text):
            found[id(block)] = band


def _page_numbers(in_bands: list[tuple[Block, str]], page_count: int, tolerance: float) -> set[int]:
    """The ids of the blocks that are page numbers: each the only one in its band on its
    page, and a bare number only when it is its page's number (on a one-page document, any
    number), or as far from it as another page's bare number is from that page's, or the
    same on every page in the same place (:func:`_one_folio_on_every_page`)."""
    by_band: dict[tuple[int, str], list[Block]] = {}
    for block, band in in_bands:
        if PAGE_NUMBER.match(block.text.strip()):
            by_band.setdefault((block.page, band), []).append(block)
    alone = [blocks[0] for blocks in by_band.values() if len(blocks) == 1]
    offsets = Counter(value - block.page for block in alone if (value := _bare_number(block.text)) is not None)
    return {id(block) for block in alone
            if (value := _bare_number(block.text)) is None or value == block.page or page_count == 1
            or offsets[value - block.page] >= 2} | _one_folio_on_every_page(alone, page_count, tolerance)


def _one_folio_on_every_page(alone: list[Block], page_count: int, tolerance: float) -> set[int]:
    """The ids of a page number printed alike on every page of the document (two or more), in
    its band and within ``tolerance`` points of one place (a short file whose pages each print
    "1", its pages set from one template): it counts no page, but it is the template's folio.
    Each is the only page number in its band on its page (``alone``), so a number that a
    table, a list or a form repeats, with others near it, stays."""
    by_text: dict[str, list[Block]] = {}
    for block in alone:
        by_text.setdefault(block.text.strip(), []).append(block)
    found: set[int] = set()
    for blocks in by_text.values():
        first = blocks[0]
        if page_count >= 2 and len({block.page for block in blocks}) == len(blocks) == page_count and all(
                abs(block.y0 - first.y0) <= tolerance and abs(block.x0 - first.x0) <= tolerance for block in blocks):
            found |= {id(block) for block in blocks}
    return found


def _spread_folios(parts: Iterable[list[Block]]) -> set[int]:
    """The ids of the page numbers of spreads (two pages printed side by side): the first and
    last blocks of a line of a page's band, bare numbers, the left one less by one ("208 Global
    Report ... Annex 209")."""
    found: set[int] = set()
    for row in parts:
        left, right = min(row, key=lambda block: block.x0), max(row, key=lambda block: block.x1)
        value = _bare_number(left.text)
        if value is not None and _bare_number(right.text) == value + 1:
            found |= {id(left), id(right)}
    return found


def _bare(text: str) -> str:
    """Lower-case words without punctuation: "Report 25/0417 · Inspection" -> "report 25 0417 inspection"."""
    return " ".join(re.findall(r"\w+", text.lower()))


def _block_openings(page: PageLayout) -> list[str]:
    """The bare words (:func:`_bare`) of each block of ``page``, the first page."""
    return [_bare(block.text) for block in page.blocks]


def _opens_a_block(block: Block, openings: list[str], least: int) -> bool:
    """Whether the words of ``block`` (``least`` characters or more) are those a block of the
    first page opens with: a running head set over a later page that repeats the title, the
    masthead or the issue line ("Northmoor Schools Inspectorate · Report 25/0417" over page 2,
    "Northmoor Schools Inspectorate · Report 25/0417 · Inspection dates: ..." on page 1).

    >>> head = Block([Line([Word("Northmoor", 0, 0, 40, 9, 9), Word("Inspectorate", 44, 0, 90, 9, 9)], 2)], 2)
    >>> _opens_a_block(head, ["northmoor inspectorate report 25", "the school"], 12)
    True
    >>> _opens_a_block(head, ["the northmoor inspectorate"], 12)
    False
    """
    words = _bare(block.text)
    return len(words) >= least and any(opening == words or opening.startswith(words + " ") for opening in openings)


def _is_folio_line(block: Block, gap: float) -> bool:
    """Whether a one-line block is a running head with its page number set apart at one end
    ("Optimized Table Tokenization ...        9"): words, and a number under 1000 (a year at a
    title's end is no folio) at least ``gap`` ems from them. Evidence on a page of its own
    when it is the only line of the page's top band (a form's numbered lines are many).

    >>> from pipeline.core.geometry import Line
    >>> head = [Word("Table", 200, 90, 230, 99, 9), Word("Recognition", 234, 90, 290, 99, 9),
    ...         Word("9", 476, 90, 481, 99, 9)]
    >>> year = [*head[:2], Word("2015", 470, 90, 490, 99, 9)]
    >>> [_is_folio_line(Block([Line(words, 1)], 1), 3.0) for words in (head, head[:2], year)]
    [True, False, False]
    """
    words = block.lines[0].words if len(block.lines) == 1 else []
    if len(words) < 2 or not any(ch.isalpha() for word in words for ch in word.text):
        return False
    apart = block.size * gap
    return (_is_folio(words[-1].text) and words[-1].x0 - words[-2].x1 >= apart
            or _is_folio(words[0].text) and words[1].x0 - words[0].x1 >= apart)


def _is_folio(text: str) -> bool:
    value = _bare_number(text)
    return value is not None and value < 1000


def _bare_number(text: str) -> int | None:
    text = text.strip()
    return int(text) if text.isdigit() else None


def _repeated_kind(block: Block, band: str, recurring: Counter[str], page_numbers: set[int]) -> str | None:
    """"page_number" or the band's name when ``block`` is a page number or its words recur on
    another page (numbers alone are page numbers or nothing); else None."""
    if id(block) in page_numbers:
        return "page_number"
    text = signature(block.text)
    return band if recurring[text] >= 2 and any(ch.isalpha() for ch in text) else None


def _record(removed: list[dict], edits: EditLog, page: int, block: Block | Word, kind: str) -> None:
    box = box_of(page, block)
    removed.append({"kind": kind, "text": block.text, "page": page, "box": box})
    edits.record("furniture", block.text, "", page, f"running {kind.replace('_', ' ')}", box)


def _edge_lines(pages: list[PageLayout], settings: FurnitureSettings) -> list[tuple[Block, str, Block]]:
    """The first and last lines of blocks of several lines that lie in the top or bottom band,
    each as a one-line block: (that block, the band, the block it is part of)."""
    edges = []
    for page in pages:
        for block in page.blocks:
            if block.region is not None or len(block.lines) < 2 or block.kind != "body":
                continue
            first, last = block.lines[0], block.lines[-1]
            if first.y1 <= settings.band * page.height:
                edges.append((Block([first], block.page), "header", block))
            if last.y0 >= (1 - settings.band) * page.height:
                edges.append((Block([last], block.page), "footer", block))
    return edges


def _whole_lines(candidates: list[tuple[Block, str]]) -> tuple[list[tuple[Block, str]], dict[int, list[Block]]]:
    """The candidates, with one-line blocks that share a line of their page's band joined
    into one block (a centred running footer cut at a column gutter: "Ashgrove Library" |
    "Bulletin - June 2026 - 2"), and, by the joined block's id, the blocks it stands for."""
    joined: list[tuple[Block, str]] = []
    parts: dict[int, list[Block]] = {}
    row: list[Block] = []
    ordered = sorted(candidates, key=lambda c: (c[0].page, c[1], c[0].y0, c[0].x0))
    for index, (block, band) in enumerate(ordered):
        row.append(block)
        following = ordered[index + 1] if index + 1 < len(ordered) else None
        if following and following[1] == band and _on_one_line(row[0], following[0]):
            continue
        if len(row) == 1:
            joined.append((block, band))
        else:
            words = sorted((word for part in row for word in part.lines[0].words), key=lambda word: word.x0)
            whole = Block([Line(words, block.page)], block.page)
            joined.append((whole, band))
            parts[id(whole)] = row
        row = []
    return joined, parts


def _on_one_line(first: Block, second: Block) -> bool:
    if first.page != second.page or len(first.lines) > 1 or len(second.lines) > 1:
        return False
    overlap = min(first.y1, second.y1) - max(first.y0, second.y0)
    return overlap > 0.5 * min(first.y1 - first.y0, second.y1 - second.y0)


def _slots_outside_the_text(pages: list[PageLayout], candidates: list[tuple[Block, str]]) -> set[tuple[str, int, int]]:
    """Slots used on two or more pages, above the top (or below the foot) of the text block.

    The text block's top and foot are the median, over pages, of where their paragraphs of
    three or more lines start and end; a heading that opens a page sits at the top, a
    running head above it, whatever its words, and in another style than the body text.
    """
    tops = sorted(min(b.y0 for b in long) for page in pages if (long := _paragraphs(page)))
    feet = sorted(max(b.y1 for b in long) for page in pages if (long := _paragraphs(page)))
    if len(tops) < 2:
        return set()
    text_top, text_foot = tops[len(tops) // 2], feet[len(feet) // 2]
    body = body_style(pages)
    outside = [(band, round(block.y0), round(block.size)) for block, band in candidates
               if _styled_apart(block, body)
               and ((band == "header" and block.y1 < text_top - block.size)
                    or (band == "footer" and block.y0 > text_foot + block.size))]
    counts = Counter(outside)
    return {slot for slot, count in counts.items() if count >= 2}


def _styled_apart(block: Block, body: BodyStyle) -> bool:
    """Set smaller than the body text, or in its size in italics, as running heads are; a
    paragraph's last lines carried to the top of a page are not, nor is a heading (bold or
    larger) that opens a page."""
    smaller = block.size < 0.95 * body.size
    italic = block.italic and not block.bold and block.size <= 1.05 * body.size
    return smaller or italic


def _paragraphs(page: PageLayout) -> list[Block]:
    return [block for block in page.blocks if len(block.lines) >= 3]


def _recurs_in_place(block: Block, candidates: list[tuple[Block, str]], tolerance: float) -> bool:
    """Whether a block with the same words, numbers aside, stands at the same height on another
    page (a running head does; a title that the running heads repeat stands lower)."""
    text = signature(block.text)
    return any(other.page != block.page and abs(other.y0 - block.y0) <= tolerance and signature(other.text) == text
               for other, _ in candidates)


def _in_slot(block: Block, band: str, slots: set[tuple[str, int, int]], tolerance: float) -> bool:
    return any(b == band and abs(y - block.y0) <= tolerance and s == round(block.size)
               for b, y, s in slots)
