"""Deterministic typesetter for the gold PDF corpus.

Every ``gold/<id>.json`` holds the clean text of one document (the truth) plus a
free-form ``layout`` dict.  This module typesets that text into a realistic PDF
with PyMuPDF's low-level text drawing, so that the PDF is *hard* in the ways
real typeset documents are:

* Text is set word by word (``pymupdf.TextWriter``); no space characters are
  drawn, word gaps are pure geometry.
* Lines are broken greedily and justified by distributing the spare width
  over the word gaps (last line of a paragraph is set ragged).
* A word that does not fit is hyphenated with ``pyphen`` (en_US, >= 2 letters
  before and >= 3 after the break).  A compound word ("long-term") is only
  ever broken at its own hyphen, which stays at the end of the line.  For
  automatic breaks the printed hyphen character is chosen per break by a
  seeded, position-keyed RNG among U+002D, U+2010 and U+00AD.
* Content flows through column *frames*: the columns of a page region, then
  the next page.  A paragraph that runs out of room continues in the next
  frame -- re-broken at that frame's width (columns may have unequal widths).
* "Spanning" blocks (masthead, front matter, abstract, boxed notes) cross all
  columns.  Flow text before a spanning block is *balanced* (binary search on
  the region height) so the reading order is: columns above, spanning block,
  columns below.
* Running headers/footers are templates with ``{page}`` and ``{total}``.
* Each page's blocks (header, footer, each column frame, each spanning block)
  are written into the content stream in a seeded shuffled order, so naive
  stream-order extraction is wrong and geometry must be used.

Rendering is pure and deterministic: ``render_document(gold, layout)`` returns
the PDF bytes; ``typeset(gold, layout)`` additionally returns the line log used
for verification and statistics.  Run ``python tests/corpus/build.py`` to
rebuild every PDF, verify it and print statistics.
"""
from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pymupdf
import pyphen

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
GOLD_DIR = HERE / "gold"
PDF_DIR = HERE / "pdf"
INPUT_DIR = REPO / "input_pdfs"
FONT_DIRS = [HERE / "fonts", Path("/usr/share/fonts/truetype/dejavu")]
PRODUCER = "corpus-builder/1.0"
FIXED_DATE = "D:20260101000000Z"

HYPHEN_KINDS = {"-": "hyphen-minus", "\u2010": "hyphen", "\u00ad": "soft-hyphen"}
PAGE_SIZES = {"A4": (595.276, 841.89), "Letter": (612.0, 792.0)}
MARK_RE = re.compile(
    r"\[(?P<link>[^\]]+)\]\((?P<url>[^)\s]+)\)"
    r"|\*\*(?P<bold>.+?)\*\*"
    r"|\*(?P<ital>[^*]+?)\*"
)
WORD_CORE_RE = re.compile(r"^([^A-Za-z]*)([A-Za-z]+)([^A-Za-z]*)$")
INF = 1e9

# ---------------------------------------------------------------------------
# Inline markup -> words
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Frag:
    """A run of characters in one style, optionally a link."""

    text: str
    style: str  # regular | bold | italic | bolditalic
    url: str | None = None


@dataclass(frozen=True)
class Word:
    """A space-delimited word; may mix styles (e.g. bold word + comma)."""

    frags: tuple[Frag, ...]

    @property
    def text(self) -> str:
        return "".join(f.text for f in self.frags)

    def cut(self, start: int, end: int | None = None) -> Word:
        """Return the characters [start:end] keeping their styles."""
        end = len(self.text) if end is None else end
        out, pos = [], 0
        for f in self.frags:
            a, b = max(start, pos), min(end, pos + len(f.text))
            if a < b:
                out.append(replace(f, text=f.text[a - pos:b - pos]))
            pos += len(f.text)
        return Word(tuple(out))


def combine_style(base: str, extra: str) -> str:
    """Merge a markup style into the paragraph's base style."""
    bold = "bold" in base or "bold" in extra
    ital = "italic" in base or "italic" in extra
    return {(False, False): "regular", (True, False): "bold",
            (False, True): "italic", (True, True): "bolditalic"}[(bold, ital)]


def parse_spans(text: str, base: str = "regular") -> list[Frag]:
    """Split marked-up text into styled fragments (marks removed)."""
    spans: list[Frag] = []
    pos = 0
    for m in MARK_RE.finditer(text):
        if m.start() > pos:
            spans.append(Frag(text[pos:m.start()], base))
        if m.group("link") is not None:
            spans.append(Frag(m.group("link"), base, m.group("url")))
        elif m.group("bold") is not None:
            spans.append(Frag(m.group("bold"), combine_style(base, "bold")))
        else:
            spans.append(Frag(m.group("ital"), combine_style(base, "italic")))
        pos = m.end()
    if pos < len(text):
        spans.append(Frag(text[pos:], base))
    return spans


def plain_text(text: str) -> str:
    """The printed text of a marked-up string."""
    return "".join(f.text for f in parse_spans(text))


def to_words(text: str, base: str = "regular") -> list[Word]:
    """Marked-up text -> words (fragments joined across style changes)."""
    words: list[Word] = []
    current: list[Frag] = []
    for span in parse_spans(text, base):
        for i, piece in enumerate(span.text.split(" ")):
            if i > 0 and current:
                words.append(Word(tuple(current)))
                current = []
            if piece:
                current.append(replace(span, text=piece))
    if current:
        words.append(Word(tuple(current)))
    return words


# ---------------------------------------------------------------------------
# Fonts
# ---------------------------------------------------------------------------


class FontBook:
    """Font families from the layout: {family: {style: spec}}.

    A spec is a PyMuPDF built-in name ("tiro", "hebo", ...) or a font file
    name looked up in FONT_DIRS.
    """

    def __init__(self, families: dict[str, dict[str, str]]) -> None:
        self.families = families
        self._fonts: dict[str, pymupdf.Font] = {}
        self._widths: dict[tuple, float] = {}

    def font(self, family: str, style: str) -> pymupdf.Font:
        styles = self.families[family]
        spec = styles.get(style) or styles["regular"]
        if spec not in self._fonts:
            self._fonts[spec] = self._load(spec)
        return self._fonts[spec]

    @staticmethod
    def _load(spec: str) -> pymupdf.Font:
        if not spec.lower().endswith((".ttf", ".otf")):
            return pymupdf.Font(spec)
        for d in FONT_DIRS:
            if (d / spec).exists():
                return pymupdf.Font(fontfile=str(d / spec))
        raise FileNotFoundError(spec)

    def width(self, text: str, family: str, style: str, size: float) -> float:
        key = (text, family, style, size)
        if key not in self._widths:
            self._widths[key] = self.font(family, style).text_length(text, fontsize=size)
        return self._widths[key]


# ---------------------------------------------------------------------------
# Items (what flows) and frames (where it flows)
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class TextStyle:
    family: str
    size: float
    leading: float
    align: str = "justify"  # justify | left | center | right
    hyphenate: bool = True
    color: tuple[float, float, float] = (0, 0, 0)
    word_space_em: float = 0.33


@dataclass
class Para:
    """One paragraph-like unit: body text, heading, list item, title line."""

    pid: str
    role: str  # title | front | toc | heading | body | item
    words: list[Word]
    style: TextStyle
    first_indent: float = 0.0
    left_indent: float = 0.0
    bullet: str | None = None
    space_before: float = 0.0
    space_after: float = 0.0
    keep_with_next: bool = False
    seed: str = "0"


@dataclass
class Rule:
    """A horizontal rule across the frame."""

    width: float = 0.6
    space_before: float = 2.0
    space_after: float = 4.0
    color: tuple[float, float, float] = (0, 0, 0)


@dataclass
class Box:
    """An unbreakable bordered box holding paragraphs (TOC, notes)."""

    paras: list[Para]
    padding: float = 6.0
    border: float = 0.8
    stroke: tuple[float, float, float] = (0, 0, 0)
    fill: tuple[float, float, float] | None = None
    space_before: float = 0.0
    space_after: float = 8.0


Item = Para | Rule | Box


@dataclass(frozen=True)
class Frame:
    page: int
    block: str
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0


@dataclass
class TextOp:
    x: float
    y: float
    text: str
    family: str
    style: str
    size: float
    color: tuple[float, float, float]


@dataclass
class LineOut:
    """A placed line (kept for drawing, verification and statistics)."""

    page: int
    block: str
    pid: str
    role: str
    bbox: tuple[float, float, float, float]
    ops: list[TextOp]
    links: list[tuple[pymupdf.Rect, str]]
    brk: str | None  # None | "compound" | one of HYPHEN_KINDS keys
    bullet: bool = False


@dataclass
class ShapeOut:
    page: int
    block: str
    kind: str  # rect | line
    coords: tuple[float, float, float, float]
    width: float
    stroke: tuple[float, float, float] | None
    fill: tuple[float, float, float] | None = None


@dataclass
class FillResult:
    lines: list[LineOut] = field(default_factory=list)
    shapes: list[ShapeOut] = field(default_factory=list)
    state: tuple[int, int, int] = (0, 0, 0)
    done: bool = False
    bottoms: dict[int, float] = field(default_factory=dict)


# ---------------------------------------------------------------------------
# Line breaking
# ---------------------------------------------------------------------------

_HYPHENATOR = pyphen.Pyphen(lang="en_US", left=2, right=3)


@dataclass
class SetLine:
    words: list[Word]
    hyphen: str  # extra glyph appended to the last word ("" if none)
    brk: str | None
    indent: float
    last: bool


class Breaker:
    """Greedy line breaker with compound-aware hyphenation."""

    def __init__(self, fonts: FontBook, hyphen_weights: dict[str, float]) -> None:
        self.fonts = fonts
        self.kinds = list(hyphen_weights)
        self.weights = [hyphen_weights[k] for k in self.kinds]

    def word_width(self, word: Word, st: TextStyle) -> float:
        return sum(self.fonts.width(f.text, st.family, f.style, st.size) for f in word.frags)

    def space(self, st: TextStyle) -> float:
        natural = self.fonts.width(" ", st.family, "regular", st.size)
        return max(natural, st.word_space_em * st.size)

    def hyphen_choice(self, para: Para, wi: int, pos: int) -> str:
        rng = random.Random(f"{para.seed}:{para.pid}:{wi}:{pos}")
        return rng.choices(self.kinds, self.weights)[0]

    def split_candidates(self, para: Para, word: Word, wi: int, off: int) -> list[tuple[int, str, str | None]]:
        """Possible (prefix length, appended glyph, break kind), longest first."""
        text = word.text
        if "-" in text:
            cands = [(k + 1, "", "compound") for k, c in enumerate(text)
                     if c == "-" and k >= 2 and text[k - 1].isalpha() and len(text) - k - 1 >= 2]
            return sorted(cands, reverse=True)
        m = WORD_CORE_RE.match(text)
        if not para.style.hyphenate or not m or m.group(2).isupper() or len(m.group(2)) < 5:
            return []
        lead, core = m.group(1), m.group(2)
        out = []
        for p in _HYPHENATOR.positions(core):
            if p >= 2 and len(core) - p >= 3:
                glyph = self.hyphen_choice(para, wi, off + len(lead) + p)
                out.append((len(lead) + p, glyph, glyph))
        return sorted(out, reverse=True)

    def next_line(self, para: Para, pos: tuple[int, int], width: float) -> tuple[SetLine, tuple[int, int], bool]:
        """Break one line of ``para`` starting at ``pos`` (word, char offset)."""
        st = para.style
        wi, off = pos
        indent = para.left_indent + (para.first_indent if pos == (0, 0) else 0.0)
        avail = width - indent
        space = self.space(st)
        words: list[Word] = []
        used = 0.0
        while wi < len(para.words):
            word = para.words[wi].cut(off) if off else para.words[wi]
            gap = space if words else 0.0
            w = self.word_width(word, st)
            if used + gap + w <= avail + 0.01:
                words.append(word)
                used += gap + w
                wi, off = wi + 1, 0
                continue
            room = avail - used - gap
            for n, glyph, kind in self.split_candidates(para, word, wi, off):
                piece = word.cut(0, n)
                gw = self.fonts.width(glyph, st.family, piece.frags[-1].style, st.size) if glyph else 0.0
                if self.word_width(piece, st) + gw <= room:
                    words.append(piece)
                    return SetLine(words, glyph, kind, indent, False), (wi, off + n), False
            if not words:  # overlong word: set it anyway
                words.append(word)
                wi, off = wi + 1, 0
            break
        done = wi >= len(para.words)
        return SetLine(words, "", None, indent, done), (wi, off), done


# ---------------------------------------------------------------------------
# Flow: placing items into frames
# ---------------------------------------------------------------------------


class Flow:
    """Places items into a sequence of frames; pure (returns placements)."""

    def __init__(self, breaker: Breaker) -> None:
        self.breaker = breaker
        self.fonts = breaker.fonts

    # -- public -----------------------------------------------------------
    def fill(self, items: list[Item], state: tuple[int, int, int], frames: list[Frame]) -> FillResult:
        res = FillResult(state=state)
        ii, wi, off = state
        fi, y = 0, frames[0].y0 if frames else 0.0
        while ii < len(items):
            if fi >= len(frames):
                res.state = (ii, wi, off)
                return res
            frame, item = frames[fi], items[ii]
            fresh = y <= frame.y0 + 0.01
            if isinstance(item, Rule):
                y = self._place_rule(item, frame, y, fresh, res)
                ii += 1
            elif isinstance(item, Box):
                ny = self._place_box(item, frame, y, fresh, res)
                if ny is None:
                    fi, y = fi + 1, frames[fi + 1].y0 if fi + 1 < len(frames) else 0.0
                    continue
                y, ii = ny, ii + 1
            else:
                start = (wi, off) == (0, 0)
                if start and not fresh and not self._heading_fits(items, ii, frame, y):
                    fi, y = self._next_frame(frames, fi)
                    continue
                if start and not fresh:
                    y += item.space_before
                y, (wi, off), finished = self._place_lines(item, frame, y, (wi, off), res)
                res.bottoms[fi] = y
                if not finished:
                    fi, y = self._next_frame(frames, fi)
                    continue
                y += item.space_after
                ii, wi, off = ii + 1, 0, 0
            res.bottoms[fi] = y
        res.state, res.done = (ii, 0, 0), True
        return res

    # -- helpers ----------------------------------------------------------
    @staticmethod
    def _next_frame(frames: list[Frame], fi: int) -> tuple[int, float]:
        fi += 1
        return fi, frames[fi].y0 if fi < len(frames) else 0.0

    def _heading_fits(self, items: list[Item], ii: int, frame: Frame, y: float) -> bool:
        """Keep-with-next: a heading needs its lines plus two following lines."""
        para = items[ii]
        if not para.keep_with_next:
            return y + para.space_before + para.style.leading <= frame.y1 + 0.01
        n = self._count_lines(para, frame.width)
        need = para.space_before + n * para.style.leading + para.space_after
        nxt = items[ii + 1] if ii + 1 < len(items) else None
        if isinstance(nxt, Para):
            need += nxt.space_before + 2 * nxt.style.leading
        return y + need <= frame.y1 + 0.01

    def _count_lines(self, para: Para, width: float) -> int:
        pos, n, done = (0, 0), 0, False
        while not done:
            _, pos, done = self.breaker.next_line(para, pos, width)
            n += 1
        return n

    def _place_lines(self, para: Para, frame: Frame, y: float, pos: tuple[int, int],
                     res: FillResult) -> tuple[float, tuple[int, int], bool]:
        lead = para.style.leading
        while True:
            if y + lead > frame.y1 + 0.01:
                return y, pos, False
            first = pos == (0, 0)
            line, pos, done = self.breaker.next_line(para, pos, frame.width)
            res.lines.append(self._render_line(para, line, frame, y, first))
            y += lead
            if done:
                return y, pos, True

    def _place_rule(self, rule: Rule, frame: Frame, y: float, fresh: bool, res: FillResult) -> float:
        y += 0 if fresh else rule.space_before
        res.shapes.append(ShapeOut(frame.page, frame.block, "line",
                                   (frame.x0, y, frame.x1, y), rule.width, rule.color))
        return y + rule.width + rule.space_after

    def _place_box(self, box: Box, frame: Frame, y: float, fresh: bool, res: FillResult) -> float | None:
        top = y + (0 if fresh else box.space_before)
        inner = Frame(frame.page, frame.block, frame.x0 + box.padding, top + box.padding,
                      frame.x1 - box.padding, INF)
        sub = self.fill(box.paras, (0, 0, 0), [inner])
        bottom = max(sub.bottoms.values()) + box.padding - box.paras[-1].space_after
        if bottom > frame.y1 and not fresh:
            return None
        res.shapes.append(ShapeOut(frame.page, frame.block, "rect",
                                   (frame.x0, top, frame.x1, bottom), box.border, box.stroke, box.fill))
        res.lines.extend(sub.lines)
        return bottom + box.space_after

    def _render_line(self, para: Para, line: SetLine, frame: Frame, y: float, first: bool) -> LineOut:
        st = para.style
        widths = [self.breaker.word_width(w, st) for w in line.words]
        hyph_w = self.fonts.width(line.hyphen, st.family, line.words[-1].frags[-1].style, st.size) \
            if line.hyphen else 0.0
        space = self.breaker.space(st)
        natural = sum(widths) + hyph_w + space * (len(widths) - 1)
        avail = frame.width - line.indent
        gap, x = space, frame.x0 + line.indent
        if st.align == "justify" and not line.last and len(widths) > 1:
            gap = space + (avail - natural) / (len(widths) - 1)
        elif st.align == "center":
            x += (avail - natural) / 2
        elif st.align == "right":
            x += avail - natural
        base = y + (st.leading - st.size) / 2 + 0.8 * st.size
        ops: list[TextOp] = []
        links: list[tuple[pymupdf.Rect, str]] = []
        if para.bullet and first:
            bw = self.fonts.width(para.bullet, st.family, "regular", st.size)
            bx = frame.x0 + max(0.0, para.left_indent - bw - 0.5 * st.size)
            ops.append(TextOp(bx, base, para.bullet, st.family, "regular", st.size, st.color))
        for k, word in enumerate(line.words):
            frags = list(word.frags)
            if k == len(line.words) - 1 and line.hyphen:
                frags[-1] = replace(frags[-1], text=frags[-1].text + line.hyphen)
            for f in frags:
                w = self.fonts.width(f.text, st.family, f.style, st.size)
                ops.append(TextOp(x, base, f.text, st.family, f.style, st.size, st.color))
                if f.url:
                    links.append((pymupdf.Rect(x, base - 0.8 * st.size, x + w, base + 0.22 * st.size), f.url))
                x += w
            x += gap
        bbox = (frame.x0, base - 0.85 * st.size, frame.x1, base + 0.3 * st.size)
        return LineOut(frame.page, frame.block, para.pid, para.role, bbox, ops,
                       merge_links(links), line.brk, bool(para.bullet and first))


def merge_links(links: list[tuple[pymupdf.Rect, str]]) -> list[tuple[pymupdf.Rect, str]]:
    """Merge adjacent link rectangles with the same URL on one line."""
    out: list[tuple[pymupdf.Rect, str]] = []
    for rect, url in links:
        if out and out[-1][1] == url and abs(out[-1][0].x1 - rect.x0) < 0.5:
            out[-1] = (out[-1][0] | rect, url)
        else:
            out.append((rect, url))
    return out


# ---------------------------------------------------------------------------
# Gold + layout -> segments of items
# ---------------------------------------------------------------------------


@dataclass
class Segment:
    kind: str  # span | flow
    items: list[Item]
    inset: float = 0.0
    space_after: float = 10.0


def text_style(layout: dict, spec: dict) -> TextStyle:
    body = layout["body"]
    return TextStyle(
        family=spec.get("font", body["font"]),
        size=spec.get("size", body["size"]),
        leading=spec.get("leading", spec.get("size", body["size"]) * 1.2),
        align=spec.get("align", "left"),
        hyphenate=spec.get("hyphenate", False),
        color=tuple(spec.get("color", (0, 0, 0))),
        word_space_em=spec.get("word_space_em", body.get("word_space_em", 0.33)),
    )


def body_style(layout: dict) -> TextStyle:
    b = layout["body"]
    return TextStyle(b["font"], b["size"], b["leading"], "justify", True,
                     tuple(b.get("color", (0, 0, 0))), b.get("word_space_em", 0.33))


def para(layout: dict, pid: str, role: str, text: str, st: TextStyle, base: str = "regular", **kw: Any) -> Para:
    return Para(pid, role, to_words(text, base), st, seed=str(layout.get("seed", 0)), **kw)


def title_items(gold: dict, layout: dict) -> list[Item]:
    spec = layout["title"]
    lines = spec.get("lines") or [gold["title"]]
    if " ".join(lines) != gold["title"]:
        raise ValueError("layout.title.lines must join to the gold title")
    sizes = spec.get("sizes") or [spec["size"]] * len(lines)
    items: list[Item] = []
    for text, size in zip(lines, sizes):
        st = text_style(layout, {**spec, "size": size, "leading": size * spec.get("leading_ratio", 1.12)})
        items.append(para(layout, "title", "title", text, st, spec.get("style", "bold")))
    items[-1].space_after = spec.get("space_after", 6)
    if spec.get("rule_below"):
        items.append(Rule(spec["rule_below"], 2, 4, tuple(spec.get("color", (0, 0, 0)))))
    return items


def front_items(gold: dict, layout: dict) -> list[Item]:
    spec = layout.get("front_matter", {})
    styles = spec.get("styles") or [spec.get("style", "regular")]
    items: list[Item] = []
    for i, text in enumerate(gold["front_matter"]):
        st = text_style(layout, spec)
        items.append(para(layout, f"front{i}", "front", text, st, styles[min(i, len(styles) - 1)],
                          space_after=spec.get("gap", 2)))
    if spec.get("rule_below") and items:
        items.append(Rule(spec["rule_below"], 3, 4, tuple(spec.get("rule_color", (0, 0, 0)))))
    return items


def toc_box(gold: dict, layout: dict) -> Box:
    spec = layout["toc"]
    st = text_style(layout, spec)
    paras = [para(layout, f"toc{i}", "toc", t, st, spec.get("style", "regular"), space_after=spec.get("gap", 3))
             for i, t in enumerate(gold["toc"])]
    return Box(paras, spec.get("padding", 6), spec.get("border", 0.8), tuple(spec.get("stroke", (0, 0, 0))),
               tuple(spec["fill"]) if spec.get("fill") else None, 0, spec.get("space_after", 10))


def section_items(layout: dict, si: int, sec: dict) -> list[Item]:
    """Heading + paragraphs + lists of one section."""
    hspec = layout["headings"][str(sec["level"])]
    body = layout["body"]
    st = body_style(layout)
    items: list[Item] = [para(layout, f"s{si}h", "heading", sec["heading"], text_style(layout, hspec),
                              hspec.get("style", "bold"), space_before=hspec.get("space_before", 10),
                              space_after=hspec.get("space_after", 4), keep_with_next=True)]
    indent_style = body.get("paragraph_style", "indent") == "indent"
    gap = body.get("gap", 0.0)
    for pi, p in enumerate(sec["paragraphs"]):
        if isinstance(p, dict):
            lst = layout.get("list", {})
            for k, text in enumerate(p["items"]):
                last = k == len(p["items"]) - 1
                items.append(para(layout, f"s{si}p{pi}i{k}", "item", text, st,
                                  left_indent=lst.get("indent", 12), bullet=lst.get("bullet", "\u2022"),
                                  space_before=lst.get("space_before", 2) if k == 0 else 0,
                                  space_after=lst.get("space_after", 4) if last else lst.get("item_gap", 1)))
            continue
        after_text = pi > 0 and not isinstance(sec["paragraphs"][pi - 1], dict)
        indent = body.get("indent", 12) if indent_style and after_text else 0
        items.append(para(layout, f"s{si}p{pi}", "body", p, st, first_indent=indent, space_after=gap))
    return items


def build_segments(gold: dict, layout: dict) -> list[Segment]:
    """Order the document into spanning blocks and column flows."""
    segs = [Segment("span", title_items(gold, layout), space_after=layout["title"].get("gap_after", 4))]
    if gold["front_matter"]:
        segs.append(Segment("span", front_items(gold, layout),
                            space_after=layout.get("front_matter", {}).get("gap_after", 10)))
    flow: list[Item] = []
    toc_spec = layout.get("toc", {})
    if gold["toc"]:
        if toc_spec.get("placement", "column") == "span":
            segs.append(Segment("span", [toc_box(gold, layout)]))
        else:
            flow.append(toc_box(gold, layout))
    spans = layout.get("span_sections", {})
    for si, sec in enumerate(gold["sections"]):
        items = section_items(layout, si, sec)
        if sec["heading"] in spans:
            cfg = spans[sec["heading"]]
            if flow:
                segs.append(Segment("flow", flow))
                flow = []
            if cfg.get("box"):
                for it in items:
                    if isinstance(it, Para) and it.role == "heading":
                        it.space_before = 0
                items = [Box(items, cfg.get("padding", 8), cfg.get("border", 0.8),
                             tuple(cfg.get("stroke", (0, 0, 0))), tuple(cfg["fill"]) if cfg.get("fill") else None)]
            segs.append(Segment("span", items, cfg.get("inset", 0), cfg.get("gap_after", 12)))
        else:
            flow.extend(items)
    if flow:
        segs.append(Segment("flow", flow))
    return segs


# ---------------------------------------------------------------------------
# Pages
# ---------------------------------------------------------------------------


class Paginator:
    """Places segments onto pages, balancing columns above spanning blocks."""

    def __init__(self, layout: dict, flow: Flow) -> None:
        self.layout = layout
        self.flow = flow
        self.w, self.h = PAGE_SIZES[layout.get("page_size", "A4")]
        m = layout["margins"]
        self.left, self.right, self.top, self.bottom = m["left"], self.w - m["right"], m["top"], self.h - m["bottom"]
        self.lines: list[LineOut] = []
        self.shapes: list[ShapeOut] = []
        self.regions: list[tuple[int, float, float]] = []
        self.page, self.y, self.nblock = 0, self.top, 0

    def columns(self, top: float, bottom: float) -> list[Frame]:
        cols = self.layout["columns"]
        rel, gutter = cols["widths"], cols.get("gutter", 14)
        avail = self.right - self.left - gutter * (len(rel) - 1)
        x, frames = self.left, []
        for i, r in enumerate(rel):
            wcol = avail * r / sum(rel)
            frames.append(Frame(self.page, f"p{self.page}c{i}r{self.nblock}", x, top, x + wcol, bottom))
            x += wcol + gutter
        return frames

    def new_page(self) -> None:
        self.page, self.y = self.page + 1, self.top

    def commit(self, res: FillResult) -> None:
        self.lines.extend(res.lines)
        self.shapes.extend(res.shapes)

    def place_span(self, seg: Segment) -> None:
        self.nblock += 1
        for attempt in range(2):
            fr = Frame(self.page, f"p{self.page}span{self.nblock}", self.left + seg.inset, self.y,
                       self.right - seg.inset, self.bottom)
            res = self.flow.fill(seg.items, (0, 0, 0), [fr])
            if res.done or attempt:
                break
            self.new_page()
        self.commit(res)
        self.y = max(res.bottoms.values()) + seg.space_after

    def place_flow(self, seg: Segment, balance: bool) -> None:
        state = (0, 0, 0)
        while True:
            self.nblock += 1
            top = self.y
            res = self.flow.fill(seg.items, state, self.columns(top, self.bottom))
            if res.done:
                if balance:
                    res = self.balanced(seg, state, top)
                self.commit(res)
                bottom = max(res.bottoms.values(), default=top)
                self.regions.append((self.page, top, bottom))
                self.y = bottom + seg.space_after
                return
            self.commit(res)
            self.regions.append((self.page, top, max(res.bottoms.values(), default=top)))
            state = res.state
            self.new_page()

    def balanced(self, seg: Segment, state: tuple[int, int, int], top: float) -> FillResult:
        """Smallest region height that still holds the rest of the flow."""
        lo, hi = 0.0, self.bottom - top
        for _ in range(16):
            mid = (lo + hi) / 2
            if self.flow.fill(seg.items, state, self.columns(top, top + mid)).done:
                hi = mid
            else:
                lo = mid
        return self.flow.fill(seg.items, state, self.columns(top, top + hi))

    def run(self, segments: list[Segment]) -> None:
        for i, seg in enumerate(segments):
            if seg.kind == "span":
                self.place_span(seg)
            else:
                more = i + 1 < len(segments)
                self.place_flow(seg, balance=more or self.layout.get("balance_last", False))

    @property
    def page_count(self) -> int:
        return self.page + 1


# ---------------------------------------------------------------------------
# Running heads, rules, drawing
# ---------------------------------------------------------------------------


def running_lines(gold: dict, layout: dict, pag: Paginator) -> list[LineOut]:
    """Header/footer lines for every page from the gold templates."""
    spec = layout.get("running", {})
    out: list[LineOut] = []
    for key in ("header", "footer"):
        tmpl = gold.get(key)
        if not tmpl:
            continue
        for page in range(pag.page_count):
            if key == "header" and page == 0 and not spec.get("header_first_page", True):
                continue
            t = tmpl if isinstance(tmpl, str) else tmpl[page % 2]  # [odd, even]; page index 0 = page 1
            text = t.format(page=page + 1, total=pag.page_count)
            out.append(running_line(layout, spec, key, page, text, pag))
    return out


def running_line(layout: dict, spec: dict, key: str, page: int, text: str, pag: Paginator) -> LineOut:
    fonts: FontBook = layout["_fonts"]
    fam, style = spec.get("font", layout["body"]["font"]), spec.get(f"{key}_style", "regular")
    size = spec.get("size", 8)
    width = fonts.width(text, fam, style, size)
    align = spec.get(f"{key}_align", "center")
    if align == "outside":
        align = "right" if page % 2 == 0 else "left"
    x = {"left": pag.left, "right": pag.right - width, "center": (pag.left + pag.right - width) / 2}[align]
    y = spec.get(f"{key}_y", 36 if key == "header" else pag.h - 30)
    color = tuple(spec.get("color", (0, 0, 0)))
    op = TextOp(x, y, text, fam, style, size, color)
    return LineOut(page, key, key, key, (pag.left, y - size, pag.right, y + 0.3 * size), [op], [], None)


def decoration_shapes(layout: dict, pag: Paginator) -> list[ShapeOut]:
    """Header rules and vertical column rules."""
    spec, shapes = layout.get("running", {}), []
    if spec.get("header_rule"):
        y = spec.get("header_y", 36) + 4
        for page in range(pag.page_count):
            if page == 0 and not spec.get("header_first_page", True):
                continue
            shapes.append(ShapeOut(page, "header", "line", (pag.left, y, pag.right, y), spec["header_rule"], (0, 0, 0)))
    rule = layout["columns"].get("rule")
    if rule:
        for page, top, bottom in pag.regions:
            frames = pag.columns(top, bottom)
            for a, b in zip(frames, frames[1:]):
                x = (a.x1 + b.x0) / 2
                shapes.append(ShapeOut(page, f"rules{page}", "line", (x, top, x, bottom), rule, (0.4, 0.4, 0.4)))
    return shapes


def draw_pages(doc: pymupdf.Document, lines: list[LineOut], shapes: list[ShapeOut], layout: dict) -> None:
    """Write each page's blocks to the content stream in a seeded shuffled order."""
    fonts: FontBook = layout["_fonts"]
    seed = layout.get("seed", 0)
    for pno, page in enumerate(doc):
        blocks: dict[str, tuple[list[LineOut], list[ShapeOut]]] = {}
        for s in shapes:
            if s.page == pno:
                blocks.setdefault(s.block, ([], []))[1].append(s)
        for ln in lines:
            if ln.page == pno:
                blocks.setdefault(ln.block, ([], []))[0].append(ln)
        order = sorted(blocks)
        random.Random(f"{seed}:stream:{pno}").shuffle(order)
        for name in order:
            draw_block(page, fonts, *blocks[name])
        for ln in lines:
            if ln.page == pno:
                for rect, url in ln.links:
                    page.insert_link({"kind": pymupdf.LINK_URI, "from": rect, "uri": url})


def draw_block(page: pymupdf.Page, fonts: FontBook, lines: list[LineOut], shapes: list[ShapeOut]) -> None:
    for s in shapes:
        shape = page.new_shape()
        if s.kind == "rect":
            shape.draw_rect(pymupdf.Rect(s.coords))
        else:
            shape.draw_line(s.coords[:2], s.coords[2:])
        shape.finish(color=s.stroke, fill=s.fill, width=s.width)
        shape.commit()
    writers: dict[tuple, pymupdf.TextWriter] = {}
    for ln in lines:
        for op in ln.ops:
            tw = writers.setdefault(op.color, pymupdf.TextWriter(page.rect))
            tw.append((op.x, op.y), op.text, font=fonts.font(op.family, op.style), fontsize=op.size)
    for color, tw in writers.items():
        tw.write_text(page, color=color)


# ---------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------


@dataclass
class Typeset:
    pdf: bytes
    lines: list[LineOut]
    pages: int


def typeset(gold: dict, layout: dict) -> Typeset:
    """Lay out and draw a document; returns bytes plus the line log."""
    layout = dict(layout)
    layout["_fonts"] = fonts = FontBook(layout["fonts"])
    breaker = Breaker(fonts, layout.get("hyphens", {"-": 1, "\u2010": 1, "\u00ad": 1}))
    pag = Paginator(layout, Flow(breaker))
    pag.run(build_segments(gold, layout))
    lines = pag.lines + running_lines(gold, layout, pag)
    shapes = pag.shapes + decoration_shapes(layout, pag)
    doc = pymupdf.open()
    for _ in range(pag.page_count):
        doc.new_page(width=pag.w, height=pag.h)
    draw_pages(doc, lines, shapes, layout)
    doc.set_metadata({
        "title": gold["title"], "author": layout.get("author", ""), "subject": gold["kind"],
        "creator": "tests/corpus/build.py", "producer": PRODUCER,
        "creationDate": FIXED_DATE, "modDate": FIXED_DATE,
    })
    doc.subset_fonts()
    pdf = doc.tobytes(garbage=4, deflate=True, no_new_id=True)
    return Typeset(pdf, pag.lines, pag.page_count)


def render_document(gold: dict, layout: dict) -> bytes:
    """Render ``gold`` with ``layout`` and return the PDF bytes."""
    return typeset(gold, layout).pdf


# ---------------------------------------------------------------------------
# Verification and statistics
# ---------------------------------------------------------------------------


def gold_paragraphs(gold: dict) -> dict[str, str]:
    """Expected printed text per paragraph id (same ids as the renderer)."""
    exp = {"title": gold["title"]}
    exp.update({f"front{i}": t for i, t in enumerate(gold["front_matter"])})
    exp.update({f"toc{i}": t for i, t in enumerate(gold["toc"])})
    for si, sec in enumerate(gold["sections"]):
        exp[f"s{si}h"] = sec["heading"]
        for pi, p in enumerate(sec["paragraphs"]):
            if isinstance(p, dict):
                exp.update({f"s{si}p{pi}i{k}": plain_text(t) for k, t in enumerate(p["items"])})
            else:
                exp[f"s{si}p{pi}"] = plain_text(p)
    return exp


def rebuild_text(lines: list[LineOut], page_words: dict[int, list[str | tuple]]) -> dict[str, str]:
    """Reassemble each paragraph from extracted words using the line boxes."""
    out: dict[str, str] = {}
    for ln in lines:
        x0, y0, x1, y1 = ln.bbox
        ws = sorted((w for w in page_words[ln.page]
                     if x0 <= (w[0] + w[2]) / 2 <= x1 and y0 <= (w[1] + w[3]) / 2 <= y1), key=lambda w: w[0])
        text = " ".join(w[4] for w in ws)
        if ln.bullet:
            if not text.startswith("\u2022 "):
                raise AssertionError(f"bullet missing: {text[:30]!r}")
            text = text[2:]
        prev = out.get(ln.pid)
        if prev is None:
            out[ln.pid] = text
        elif prev.endswith("\x00"):  # joined without space
            out[ln.pid] = prev[:-1] + text
        else:
            out[ln.pid] = prev + " " + text
        if ln.brk in HYPHEN_KINDS:
            if not out[ln.pid].endswith(ln.brk):
                raise AssertionError(f"{ln.pid}: expected {ln.brk!r} at line end: {text[-20:]!r}")
            out[ln.pid] = out[ln.pid][:-1] + "\x00"
        elif ln.brk == "compound":
            out[ln.pid] += "\x00"
    return out


def extracted_words(pdf: bytes) -> tuple[dict[int, list], dict[int, list]]:
    """Words per page from PyMuPDF and from pdfplumber (as bbox tuples)."""
    import io

    import pdfplumber
    mu, pl = {}, {}
    with pymupdf.open(stream=pdf) as doc:
        for i, page in enumerate(doc):
            mu[i] = [w[:5] for w in page.get_text("words")]
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        for i, page in enumerate(doc.pages):
            pl[i] = [(w["x0"], w["top"], w["x1"], w["bottom"], w["text"]) for w in page.extract_words()]
    return mu, pl


def verify(gold: dict, ts: Typeset) -> dict[str, Any]:
    """Check both extractors give back the gold text; return statistics."""
    expected = gold_paragraphs(gold)
    mu, pl = extracted_words(ts.pdf)
    for name, words in (("pymupdf", mu), ("pdfplumber", pl)):
        got = rebuild_text(ts.lines, words)
        for pid, text in expected.items():
            if got.get(pid) != text:
                raise AssertionError(f"{gold['id']} [{name}] {pid}:\n gold: {text}\n  got: {got.get(pid)}")
    return stats(gold, ts)


def stats(gold: dict, ts: Typeset) -> dict[str, Any]:
    breaks = {"auto -": 0, "auto U+2010": 0, "auto U+00AD": 0, "compound": 0}
    names = {"-": "auto -", "\u2010": "auto U+2010", "\u00ad": "auto U+00AD", "compound": "compound"}
    frames: dict[str, set] = {}
    pages: dict[str, set] = {}
    for ln in ts.lines:
        if ln.brk:
            breaks[names[ln.brk]] += 1
        if ln.role in ("body", "item"):
            frames.setdefault(ln.pid, set()).add(ln.block)
            pages.setdefault(ln.pid, set()).add(ln.page)
    words = sum(len(t.split()) for t in gold_paragraphs(gold).values())
    return {"id": gold["id"], "pages": ts.pages, "words": words, **breaks,
            "para_cross_column": sum(len(v) > 1 for v in frames.values()),
            "para_cross_page": sum(len(v) > 1 for v in pages.values())}


# ---------------------------------------------------------------------------
# CLI
# ---------------------------------------------------------------------------


def build_all(check: bool = True) -> list[dict[str, Any]]:
    PDF_DIR.mkdir(parents=True, exist_ok=True)
    INPUT_DIR.mkdir(parents=True, exist_ok=True)
    rows = []
    for path in sorted(GOLD_DIR.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        ts = typeset(gold, gold["layout"])
        out = PDF_DIR / f"{gold['id']}.pdf"
        out.write_bytes(ts.pdf)
        shutil.copyfile(out, INPUT_DIR / out.name)
        rows.append(verify(gold, ts) if check else stats(gold, ts))
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--no-verify", action="store_true", help="skip the extraction round-trip check")
    args = ap.parse_args(argv)
    for row in build_all(check=not args.no_verify):
        print("  ".join(f"{k}={v}" for k, v in row.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
