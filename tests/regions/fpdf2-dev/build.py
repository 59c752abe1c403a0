"""Build the fpdf2 region sets (fpdf2-dev/ and the untouched fpdf2/) from their gold files.

Run with the producer's own venv (fpdf2 + pymupdf), not the project's:

    .venv-fpdf2/bin/python tests/regions/fpdf2-dev/build.py            # fpdf2-dev/
    .venv-fpdf2/bin/python tests/regions/fpdf2-dev/build.py --set fpdf2  # fpdf2/ (untouched)
    .venv-fpdf2/bin/python tests/regions/fpdf2-dev/build.py --set all    # both

Text comes only from the gold (`gold/<id>.json`); its `layout` dict says page size, margins,
fonts, which sections are set in two columns, the rule style of each table and the data of
each figure. Body text is broken into lines here (fpdf2 measures the words) and every run of
a line is written with `FPDF.text()`; tables are `FPDF.table()`; figures are drawn with
rect()/line()/text() or embedded PNGs made with Pillow. Footnotes are set at the foot of the
page that holds their call, above a short rule. Every PDF is verified with PyMuPDF.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import random
import re
import sys
from collections import Counter
from pathlib import Path

import pymupdf as fitz
from fpdf import FPDF, FontFace
from PIL import Image, ImageDraw

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT_FILES = {
    "DejaVuSans": ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf", "DejaVuSans-BoldOblique.ttf"),
    "DejaVuSerif": ("DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf", "DejaVuSerif-Italic.ttf", "DejaVuSerif-BoldItalic.ttf"),
    "DejaVuSansCondensed": ("DejaVuSansCondensed.ttf", "DejaVuSansCondensed-Bold.ttf",
                            "DejaVuSansCondensed-Oblique.ttf", "DejaVuSansCondensed-BoldOblique.ttf"),
    "DejaVuSerifCondensed": ("DejaVuSerifCondensed.ttf", "DejaVuSerifCondensed-Bold.ttf",
                             "DejaVuSerifCondensed-Italic.ttf", "DejaVuSerifCondensed-BoldItalic.ttf"),
}
CREATED = dt.datetime(2025, 11, 20, 9, 30, 0, tzinfo=dt.UTC)
MM = 72 / 25.4
TOKEN = re.compile(r"(\*\*|\*|\[\^[^\]]+\])")


# ---------------------------------------------------------------- inline text


def parse_words(text: str) -> list[list[tuple[str, str, bool]]]:
    """Split gold text into words; a word is a list of runs (text, style, is_call)."""
    words: list[list[tuple[str, str, bool]]] = []
    cur: list[tuple[str, str, bool]] = []
    bold = italic = False
    for piece in TOKEN.split(text):
        if piece == "**":
            bold = not bold
        elif piece == "*":
            italic = not italic
        elif piece.startswith("[^"):
            cur.append((piece[2:-1], "", True))
        elif piece:
            style = ("B" if bold else "") + ("I" if italic else "")
            parts = piece.split(" ")
            for i, part in enumerate(parts):
                if i > 0 and cur:
                    words.append(cur)
                    cur = []
                if part:
                    cur.append((part, style, False))
    if cur:
        words.append(cur)
    return words


def plain_words(text: str) -> list[str]:
    """Words of gold text as printed: marks stripped, a call glued to its word."""
    text = re.sub(r"\[\^([^\]]+)\]", r"\1", text).replace("**", "").replace("*", "")
    return text.split()


# ---------------------------------------------------------------- the document


class Doc(FPDF):
    """An fpdf2 document whose footer() sets the page's footnotes and running lines."""

    def __init__(self, gold: dict) -> None:
        lay = gold["layout"]
        super().__init__(unit="pt", format=lay["page"])
        self.gold, self.lay = gold, lay
        for family, files in FONT_FILES.items():
            for style, name in zip(("", "B", "I", "BI"), files):
                self.add_font(family, style, str(FONT_DIR / name))
        self.fam = lay["font"]
        self.size = lay["size"]
        self.lead = lay["size"] * lay.get("leading", 1.35)
        ml, mt, mr, mb = (v * MM for v in lay["margins_mm"])
        self.set_margins(ml, mt, mr)
        self.mb = mb
        self.set_auto_page_break(True, mb)
        self.set_creation_date(CREATED)
        self.set_creator("fpdf2 region corpus build.py")
        self.set_title(gold["title"])
        self.notes = {n["label"]: n["text"] for n in gold["footnotes"]}
        self.page_notes: dict[int, list[str]] = {}
        self.call_pages: dict[str, int] = {}
        self.fn_size = lay.get("fn_size", self.size * 0.8)

    # -- geometry
    @property
    def body_w(self) -> float:
        return self.w - self.l_margin - self.r_margin

    def notes_height(self, labels: list[str]) -> float:
        if not labels:
            return 0.0
        lines = sum(len(self.wrap(parse_words(self.notes[lb]), self.body_w - 12, self.fn_size)) for lb in labels)
        return lines * self.fn_size * 1.3 + 10

    def limit(self) -> float:
        """Lowest baseline allowed for body text on this page, above its notes."""
        return self.h - self.mb - self.notes_height(self.page_notes.get(self.page, []))

    # -- fpdf2 hooks
    def header(self) -> None:
        self.set_auto_page_break(True, self.mb)
        head = self.gold.get("header")
        if head:
            self.set_font(self.fam, "I", self.size * 0.8)
            self.set_text_color(90)
            text = head.replace("{page}", str(self.page))
            self.text(self.w - self.r_margin - self.get_string_width(text), self.t_margin * 0.55, text)
            self.set_draw_color(150)
            self.set_line_width(0.4)
            self.line(self.l_margin, self.t_margin * 0.55 + 4, self.w - self.r_margin, self.t_margin * 0.55 + 4)
            self.set_text_color(0)

    def footer(self) -> None:
        labels = self.page_notes.get(self.page, [])
        if labels:
            y = self.h - self.mb - self.notes_height(labels) + 4
            self.set_draw_color(0)
            self.set_line_width(0.5)
            self.line(self.l_margin, y, self.l_margin + 72, y)
            y += 4
            for lb in labels:
                lines = self.wrap(parse_words(self.notes[lb]), self.body_w - 12, self.fn_size)
                self.set_font(self.fam, "", self.fn_size * 0.7)
                self.text(self.l_margin, y + self.fn_size * 0.95, lb)
                for line in lines:
                    y += self.fn_size * 1.3
                    self.draw_line(line, self.l_margin + 12, y - self.fn_size * 0.3, self.fn_size, "L", 0)
        foot = self.gold.get("footer")
        if foot:
            self.set_font(self.fam, "", self.size * 0.8)
            text = foot.replace("{page}", str(self.page))
            tw = self.get_string_width(text)
            align = self.lay.get("footer_align", "C")
            x = {"C": (self.w - tw) / 2, "R": self.w - self.r_margin - tw, "L": self.l_margin}[align]
            self.text(x, self.h - self.mb * 0.45, text)

    # -- lines
    def run_width(self, run: tuple[str, str, bool], size: float) -> float:
        text, style, call = run
        self.set_font(self.fam, style, size * 0.62 if call else size)
        return self.get_string_width(text)

    def word_width(self, word: list, size: float) -> float:
        return sum(self.run_width(r, size) for r in word)

    def wrap(self, words: list, width: float, size: float, indent: float = 0.0) -> list[list]:
        self.set_font(self.fam, "", size)
        space = self.get_string_width(" ")
        lines: list[list] = []
        cur: list = []
        used = indent
        for word in words:
            ww = self.word_width(word, size)
            if cur and used + space + ww > width:
                lines.append(cur)
                cur, used = [], 0.0
            used += (space if cur else 0) + ww
            cur.append(word)
        if cur:
            lines.append(cur)
        return lines

    def draw_line(self, line: list, x: float, y: float, size: float, align: str, width: float,
                  last: bool = True) -> None:
        """Write one line with its baseline at y.

        A justified line is written word by word (each word placed at its own x, no space
        characters); any other line is written as runs of one style, spaces included, the
        way fpdf2's own cell() writes a line.
        """
        self.set_font(self.fam, "", size)
        space = self.get_string_width(" ")
        widths = [self.word_width(w, size) for w in line]
        if align == "J" and not last and len(line) > 1:
            space = (width - sum(widths)) / (len(line) - 1)
        segments: list[tuple[float, str, str, bool]] = []  # (x, text, style, is_call)
        for word, ww in zip(line, widths):
            cx = x
            for i, (text, style, call) in enumerate(word):
                prev = segments[-1] if segments else None
                if align != "J" and prev and not call and not prev[3] and prev[2] == style:
                    segments[-1] = (prev[0], prev[1] + ("" if i else " ") + text, style, False)
                else:
                    segments.append((cx, text, style, call))
                self.set_font(self.fam, "", size * 0.62) if call else self.set_font(self.fam, style, size)
                cx += self.get_string_width(text)
            x += ww + space
        for sx, text, style, call in segments:
            if call:
                self.set_font(self.fam, "", size * 0.62)
                self.text(sx, y - size * 0.36, text)
            else:
                self.set_font(self.fam, style, size)
                self.text(sx, y, text)


# ---------------------------------------------------------------- flow


class Flow:
    """Puts the gold's blocks on pages, one line at a time."""

    def __init__(self, pdf: Doc) -> None:
        self.pdf = pdf
        self.y = pdf.t_margin
        self.stats = Counter()
        self.repeated: list[str] = []  # header words fpdf2 repeats on the next pages

    def new_page(self) -> None:
        self.pdf.add_page()
        self.y = self.pdf.t_margin

    def ensure(self, height: float) -> None:
        if self.y + height > self.pdf.limit():
            self.new_page()

    def title(self) -> None:
        pdf, lay = self.pdf, self.pdf.lay
        size = lay.get("title_size", pdf.size * 2)
        for line in pdf.wrap(parse_words(pdf.gold["title"]), pdf.body_w, size):
            self.y += size * 1.2
            pdf.draw_line([[(t, "B", c) for t, _, c in w] for w in line], pdf.l_margin, self.y, size, "L", 0)
        self.y += 4
        for fm in pdf.gold["front_matter"]:
            for line in pdf.wrap(parse_words(fm), pdf.body_w, pdf.size * 0.95):
                self.y += pdf.size * 1.3
                pdf.draw_line(line, pdf.l_margin, self.y, pdf.size * 0.95, "L", 0)
        if lay.get("title_rule", True):
            self.y += 8
            pdf.set_line_width(1)
            pdf.line(pdf.l_margin, self.y, pdf.w - pdf.r_margin, self.y)
        self.y += pdf.size

    def heading(self, text: str, level: int, x: float, width: float) -> None:
        pdf = self.pdf
        size = pdf.size * (1.4 if level == 1 else 1.15)
        lines = pdf.wrap([[(t, "B", c) for t, _, c in w] for w in parse_words(text)], width, size)
        self.ensure(size * 1.6 + len(lines) * size * 1.25 + 3 * pdf.lead)
        self.y += size * 0.7 if self.y > pdf.t_margin else 0
        for line in lines:
            self.y += size * 1.25
            pdf.draw_line(line, x, self.y, size, "L", 0)
        self.y += size * 0.5

    def para_lines(self, text: str, width: float) -> list[list]:
        pdf = self.pdf
        return pdf.wrap(parse_words(text), width, pdf.size, pdf.lay.get("indent", 0))

    def paragraph(self, text: str) -> None:
        pdf = self.pdf
        lines = self.para_lines(text, pdf.body_w)
        indent = pdf.lay.get("indent", 0)
        pages = set()
        for i, line in enumerate(lines):
            calls = [r[0] for w in line for r in w if r[2]]
            while True:
                pending = pdf.page_notes.get(pdf.page, []) + calls
                lim = pdf.h - pdf.mb - pdf.notes_height(pending)
                if self.y + pdf.lead <= lim:
                    break
                self.new_page()
            pdf.page_notes.setdefault(pdf.page, []).extend(calls)
            pdf.set_auto_page_break(True, pdf.h - pdf.limit())
            for c in calls:
                pdf.call_pages[c] = pdf.page
            self.y += pdf.lead
            pages.add(pdf.page)
            pdf.draw_line(line, pdf.l_margin + (indent if i == 0 else 0), self.y, pdf.size,
                          pdf.lay.get("align", "L"), pdf.body_w - (indent if i == 0 else 0), i == len(lines) - 1)
        if len(pages) > 1:
            self.stats["paragraph split by page"] += 1
        self.y += pdf.lay.get("para_space", pdf.size * 0.5)

    def columns(self, heading: str, level: int, blocks: list) -> None:
        """A two-column section: the heading across, the paragraphs balanced in two columns."""
        pdf = self.pdf
        gap = pdf.lay.get("column_gap", 18)
        cw = (pdf.body_w - gap) / 2
        items: list[tuple] = []  # (kind, line, paragraph index, first line, last line)
        for pi, b in enumerate(blocks):
            assert isinstance(b, str) and "[^" not in b, "two-column sections hold plain paragraphs only"
            lines = self.para_lines(b, cw)
            for li, line in enumerate(lines):
                items.append(("line", line, pi, li == 0, li == len(lines) - 1))
        space = pdf.lay.get("para_space", pdf.size * 0.5)
        heights = [pdf.lead + (space if last else 0) for *_, last in items]
        if heading:
            self.heading(heading, level, pdf.l_margin, pdf.body_w)
        idx = 0
        while idx < len(items):
            avail = pdf.limit() - self.y
            rest = sum(heights[idx:])
            col_h = rest / 2 if rest <= 2 * avail else avail
            cols: list[list[int]] = [[], []]
            for c in range(2):
                h = 0.0
                while idx < len(items) and (h + pdf.lead <= col_h + pdf.lead * 0.5 or c == 1 and rest <= 2 * avail):
                    if h + heights[idx] > avail + space:
                        break
                    cols[c].append(idx)
                    h += heights[idx]
                    idx += 1
                    if c == 0 and h >= col_h:
                        break
            ends = []
            for c, col in enumerate(cols):
                y = self.y
                x = pdf.l_margin + c * (cw + gap)
                for j in col:
                    _, line, pi, first, last = items[j]
                    y += pdf.lead
                    ind = pdf.lay.get("indent", 0) if first else 0
                    pdf.draw_line(line, x + ind, y, pdf.size, pdf.lay.get("align", "L"), cw - ind, last)
                    y += space if last else 0
                ends.append(y)
            if cols[0] and cols[1] and items[cols[0][-1]][2] == items[cols[1][0]][2]:
                self.stats["paragraph split by column"] += 1
            pdf.set_draw_color(170)
            pdf.set_line_width(0.3)
            if pdf.lay.get("column_rule"):
                pdf.line(pdf.l_margin + cw + gap / 2, self.y + 4, pdf.l_margin + cw + gap / 2, max(ends))
            pdf.set_draw_color(0)
            self.y = max(ends)
            if idx < len(items):
                self.new_page()
        self.stats["two-column sections"] += 1

    def caption(self, text: str, size: float) -> None:
        pdf = self.pdf
        for line in pdf.wrap([[(t, pdf.lay.get("caption_style", "B"), c) for t, _, c in w]
                              for w in parse_words(text)], pdf.body_w, size):
            self.y += size * 1.3
            pdf.draw_line(line, pdf.l_margin, self.y, size, "L", 0)

    def table(self, tab: dict) -> None:
        pdf = self.pdf
        spec = pdf.lay["tables"][tab["caption"].split(":")[0]]
        size = spec.get("size", pdf.size * 0.9)
        ncols = len(tab["rows"][0])
        self.ensure(size * 1.4 * 5 + 10)
        self.y += 4
        self.caption(tab["caption"], pdf.size * 0.9)
        self.y += 4
        style = spec["style"]
        layout = {"grid": "ALL", "rules": "HORIZONTAL_LINES", "none": "NONE", "top": "SINGLE_TOP_LINE"}[style]
        pdf.set_y(self.y)
        pdf.set_font(pdf.fam, "", size)
        pdf.set_draw_color(0)
        pdf.set_line_width(0.5)
        width = spec.get("width", 1.0) * pdf.body_w
        pages_before = pdf.page
        align = tuple("RIGHT" if a == "R" else "LEFT" for a in spec.get("align", "L" * ncols))
        head_fill = spec.get("head_fill")
        with pdf.table(
            width=width, col_widths=tuple(spec.get("widths", [1] * ncols)), text_align=align,
            borders_layout=layout, line_height=size * 1.35, padding=(2, 4, 2, 4),
            headings_style=FontFace(emphasis="BOLD", fill_color=head_fill),
            num_heading_rows=tab["header_rows"], repeat_headings=1, align="LEFT",
            first_row_as_headings=tab["header_rows"] > 0,
        ) as t:
            for row in tab["rows"]:
                t.row(row)
        if pdf.page != pages_before:
            self.stats["table across pages"] += 1
            head = [w for row in tab["rows"][: tab["header_rows"]] for c in row for w in plain_words(c)]
            self.repeated.extend(head * (pdf.page - pages_before))
        self.stats[f"table {style}"] += 1
        self.y = pdf.get_y() + pdf.size

    def figure(self, fig: dict) -> None:
        pdf = self.pdf
        spec = pdf.lay["figures"][fig["caption"].split(":")[0]]
        height = spec.get("height", 150)
        self.ensure(height + pdf.size * 4)
        top = self.y + 6
        if spec["kind"] == "bars":
            drawn = draw_bars(pdf, spec, top, height)
            assert sorted(drawn) == sorted(fig["labels"]), (drawn, fig["labels"])
        else:
            draw_picture(pdf, spec, top, height)
            assert fig["labels"] == []
        self.y = top + height + 4
        self.caption(fig["caption"], pdf.size * 0.9)
        self.y += pdf.size
        self.stats[f"figure {spec['kind']}"] += 1

    def section(self, sec: dict) -> None:
        pdf = self.pdf
        if sec["heading"] in pdf.lay.get("two_columns", []):
            self.columns(sec["heading"], sec["level"], sec["paragraphs"])
            return
        self.heading(sec["heading"], sec["level"], pdf.l_margin, pdf.body_w)
        for block in sec["paragraphs"]:
            if isinstance(block, str):
                self.paragraph(block)
            elif "table" in block:
                self.table(block["table"])
            elif "figure" in block:
                self.figure(block["figure"])
            else:
                raise ValueError(f"unsupported block {block}")


def draw_bars(pdf: Doc, spec: dict, top: float, height: float) -> list[str]:
    """A vertical bar chart: axes, ticks, bars, category labels and titles as text."""
    labels: list[str] = []
    size = pdf.size * 0.75
    pdf.set_font(pdf.fam, "", size)
    left = pdf.l_margin + 40
    width = pdf.body_w * spec.get("width", 0.7) - 40
    base = top + height - 24
    plot_top = top + 16
    vmax = spec["ymax"]
    pdf.set_line_width(0.6)
    pdf.set_draw_color(0)
    pdf.line(left, plot_top, left, base)
    pdf.line(left, base, left + width, base)
    for tick in spec["ticks"]:
        ty = base - (base - plot_top) * float(tick) / vmax
        pdf.line(left - 3, ty, left, ty)
        pdf.text(left - 6 - pdf.get_string_width(tick), ty + size * 0.35, tick)
        labels.append(tick)
    cats, vals = spec["categories"], spec["values"]
    slot = width / len(cats)
    with pdf.local_context(fill_color=tuple(spec.get("colour", (90, 120, 160)))):
        for i, val in enumerate(vals):
            bh = (base - plot_top) * val / vmax
            pdf.rect(left + slot * i + slot * 0.2, base - bh, slot * 0.6, bh, style="F")
    for i, cat in enumerate(cats):
        pdf.text(left + slot * (i + 0.5) - pdf.get_string_width(cat) / 2, base + size * 1.4, cat)
        labels.append(cat)
    if spec.get("ytitle"):
        pdf.text(left - 36, plot_top - 7, spec["ytitle"])
        labels.append(spec["ytitle"])
    if spec.get("xtitle"):
        pdf.text(left + width / 2 - pdf.get_string_width(spec["xtitle"]) / 2, base + size * 2.9, spec["xtitle"])
        labels.append(spec["xtitle"])
    return labels


def draw_picture(pdf: Doc, spec: dict, top: float, height: float) -> None:
    """An embedded PNG made with Pillow (seeded, no text)."""
    rnd = random.Random(spec.get("seed", 1))
    w, h = 480, int(480 * height / (pdf.body_w * spec.get("width", 0.6)))
    img = Image.new("RGB", (w, h), tuple(spec.get("sky", (200, 215, 230))))
    draw = ImageDraw.Draw(img)
    for _ in range(spec.get("shapes", 40)):
        x, y = rnd.randrange(w), rnd.randrange(h)
        r = rnd.randrange(6, 40)
        c = tuple(max(0, min(255, v + rnd.randrange(-40, 40))) for v in spec.get("ink", (80, 110, 70)))
        draw.ellipse((x - r, y - r // 2, x + r, y + r // 2), fill=c)
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    buf.seek(0)
    pw = pdf.body_w * spec.get("width", 0.6)
    pdf.image(buf, x=pdf.l_margin + (pdf.body_w - pw) / 2, y=top, w=pw, h=height)


# ---------------------------------------------------------------- build and verify


def build(gold: dict, out: Path) -> tuple[Counter, dict, dict, list[str]]:
    """Render one document; return stats, the page of each call, notes by page, repeated header words."""
    pdf = Doc(gold)
    pdf.add_page()
    flow = Flow(pdf)
    flow.title()
    for sec in gold["sections"]:
        flow.section(sec)
    pdf.output(str(out))
    flow.stats["pages"] = pdf.page
    return flow.stats, pdf.call_pages, pdf.page_notes, flow.repeated


def gold_units(gold: dict) -> list[str]:
    units = [gold["title"], *gold["front_matter"]]
    for sec in gold["sections"]:
        units.append(sec["heading"])
        for b in sec["paragraphs"]:
            if isinstance(b, str):
                units.append(b)
            elif "table" in b:
                units.append(b["table"]["caption"])
                units.extend(c for row in b["table"]["rows"] for c in row)
            elif "figure" in b:
                units.append(b["figure"]["caption"])
                units.extend(b["figure"]["labels"])
    for n in gold["footnotes"]:
        units.extend([n["label"], n["text"]])
    return units


def verify(gold: dict, path: Path, page_notes: dict, repeated_header: list[str]) -> None:
    """The PDF's words equal the gold's words plus running lines and repeated table headers."""
    doc = fitz.open(path)
    pdf_words: Counter = Counter()
    expect: Counter = Counter()
    for unit in gold_units(gold):
        expect.update(plain_words(unit))
    expect.update(repeated_header)
    for pno, page in enumerate(doc, start=1):
        words = page.get_text("words")
        pdf_words.update(w[4] for w in words)
        check_overlap(gold["id"], pno, words, page.rect)
        for run in ("header", "footer"):
            line = gold.get(run)
            if line:
                expect.update(line.replace("{page}", str(pno)).split())
        text = page.get_text()
        for lb in page_notes.get(pno, []):
            note = " ".join(plain_words(next(n["text"] for n in gold["footnotes"] if n["label"] == lb)))
            assert note[:40] in " ".join(text.split()), f"{gold['id']}: note {lb} not on page {pno}"
    # a call printed against its word may be read as one word or as two
    glued = {w for unit in gold_units(gold) for w in plain_words(unit) if re.search(r"\D\d+$", w)
             and re.search(r"\[\^", unit)}
    for w in list(pdf_words):
        if w not in expect and pdf_words[w]:
            m = re.match(r"^(.*\D)(\d+)$", w)
            if m and expect[m.group(1)] and expect[m.group(2)]:
                pdf_words.update({m.group(1): pdf_words[w], m.group(2): pdf_words[w]})
                del pdf_words[w]
    for w in glued:
        m = re.match(r"^(.*\D)(\d+)$", w)
        if pdf_words[w] < expect[w]:
            n = expect[w] - pdf_words[w]
            expect[w] -= n
            expect.update({m.group(1): n, m.group(2): n})
    missing, extra = expect - pdf_words, pdf_words - expect
    if missing or extra:
        sys.exit(f"{gold['id']}: verification failed\n  missing: {dict(missing)}\n  extra: {dict(extra)}")
    doc.close()


def check_overlap(doc_id: str, pno: int, words: list, rect: fitz.Rect) -> None:
    """No two words on a page overlap, and every word is inside the page."""
    boxes = sorted(((fitz.Rect(w[:4]), w[4]) for w in words), key=lambda b: b[0].x0)
    for i, (a, ta) in enumerate(boxes):
        assert rect.contains(a), f"{doc_id} p{pno}: {ta!r} off the page"
        for b, tb in boxes[i + 1:]:
            if b.x0 >= a.x1:
                break
            inter = a & b
            if inter.width > 0.5 and inter.height > 1.5:
                sys.exit(f"{doc_id} p{pno}: words overlap: {ta!r} {tb!r}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--set", choices=["fpdf2-dev", "fpdf2", "all"], default="fpdf2-dev")
    ap.add_argument("ids", nargs="*")
    args = ap.parse_args()
    sets = ["fpdf2-dev", "fpdf2"] if args.set == "all" else [args.set]
    for name in sets:
        folder = ROOT / name
        (folder / "pdf").mkdir(exist_ok=True)
        for gpath in sorted((folder / "gold").glob("*.json")):
            gold = json.loads(gpath.read_text())
            if args.ids and gold["id"] not in args.ids:
                continue
            out = folder / "pdf" / f"{gold['id']}.pdf"
            stats, call_pages, page_notes, repeated = build(gold, out)
            verify(gold, out, page_notes, repeated)
            print(f"{name}/{gold['id']}: verified;", dict(stats), "calls on pages", call_pages)


if __name__ == "__main__":
    main()
