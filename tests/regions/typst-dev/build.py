"""Build the Typst region sets (typst-dev/ and the untouched typst/) from their gold files.

Run with the producer's own venv (PyPI `typst` + pymupdf), not the project's:

    .venv-typst/bin/python tests/regions/typst-dev/build.py            # typst-dev/
    .venv-typst/bin/python tests/regions/typst-dev/build.py --set typst  # typst/ (untouched)
    .venv-typst/bin/python tests/regions/typst-dev/build.py --set all    # both

Text comes only from the gold (`gold/<id>.json`); its `layout` dict says page, fonts, columns,
heading numbering, running lines, each table's rule style and each figure's data. The gold is
written out as Typst markup (every punctuation character escaped, so the text is printed as
written), compiled with `typst.compile` using only the font files named here, and the PDF is
verified with PyMuPDF. Invisible `metadata` markers placed around paragraphs, tables and
footnote calls are read back with `typst.query` to know where the layout put them.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import string
import struct
import sys
import tempfile
import zlib
from collections import Counter
from pathlib import Path

import pymupdf as fitz
import typst

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
FONT_PATHS = ["/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/truetype/liberation"]
DATE = "datetime(year: 2025, month: 11, day: 20)"
TOKEN = re.compile(r"(\*\*|\*|\[\^[^\]]+\])")
SOFT_HYPHEN = "\u00ad"
BULLET = "•"


# ---------------------------------------------------------------- markup


def esc(text: str) -> str:
    """Typst markup printing `text` as written: every ASCII punctuation character escaped."""
    return "".join("\\" + c if c in string.punctuation else c for c in text)


def str_lit(text: str) -> str:
    """A Typst string literal."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def inline(text: str, notes: dict[str, str]) -> str:
    """Gold inline text (bold, italic, footnote calls) as Typst markup."""
    out: list[str] = []
    bold = italic = False
    for piece in TOKEN.split(text):
        if piece == "**":
            out.append("#strong[" if not bold else "]")
            bold = not bold
        elif piece == "*":
            out.append("#emph[" if not italic else "]")
            italic = not italic
        elif piece.startswith("[^"):
            label = piece[2:-1]
            out.append(f"#footnote[{inline(notes[label], {})}]#mk(\"call-{label}\")")
        else:
            out.append(esc(piece))
    assert not bold and not italic, text
    return "".join(out)


def plain_words(text: str) -> list[str]:
    """Words of gold text as printed: marks stripped, a call glued to its word."""
    text = re.sub(r"\[\^([^\]]+)\]", r"\1", text).replace("**", "").replace("*", "")
    return text.split()


def running(line: str | None, size: float) -> str:
    """A header or footer: gold text with `{page}` as Typst's page counter."""
    if not line:
        return "none"
    parts = [esc(p) for p in line.split("{page}")]
    body = "#counter(page).display()".join(parts)
    return f"context [#set text(size: {size}pt); {body}]"


# ---------------------------------------------------------------- figures


def bars(spec: dict) -> tuple[str, list[str]]:
    """A bar chart (one or more series) drawn with place/rect/line and text labels."""
    w, h = spec.get("width", 300), spec.get("height", 150)
    left, bottom, top = 40, h - 30, 14
    plot_w = w - left - (90 if spec.get("legend") else 10)
    size = spec.get("label_size", 7)
    out = [f"box(width: {w}pt, height: {h}pt, {{", f"set text(size: {size}pt)"]
    labels: list[str] = []
    out.append(f"place(line(start: ({left}pt, {top}pt), end: ({left}pt, {bottom}pt), stroke: 0.6pt))")
    out.append(f"place(line(start: ({left}pt, {bottom}pt), end: ({left + plot_w}pt, {bottom}pt), stroke: 0.6pt))")
    ymax = spec["ymax"]
    for tick in spec["ticks"]:
        y = bottom - (bottom - top) * float(tick.replace(",", "")) / ymax
        out.append(f"place(line(start: ({left - 3}pt, {y:.2f}pt), end: ({left}pt, {y:.2f}pt), stroke: 0.6pt))")
        out.append(f"place(dx: 0pt, dy: {y - 4:.2f}pt, box(width: {left - 5}pt, align(right, [{esc(tick)}])))")
        labels.append(tick)
    cats, series = spec["categories"], spec["series"]
    slot = plot_w / len(cats)
    bw = slot * 0.7 / len(series)
    for si, ser in enumerate(series):
        for ci, val in enumerate(ser["values"]):
            bh = (bottom - top) * val / ymax
            x = left + slot * ci + slot * 0.15 + bw * si
            out.append(f"place(dx: {x:.2f}pt, dy: {bottom - bh:.2f}pt, "
                       f"rect(width: {bw:.2f}pt, height: {bh:.2f}pt, fill: rgb(\"{ser['colour']}\")))")
    for ci, cat in enumerate(cats):
        x = left + slot * ci
        out.append(f"place(dx: {x:.2f}pt, dy: {bottom + 4}pt, box(width: {slot:.2f}pt, align(center, [{esc(cat)}])))")
        labels.append(cat)
    titles(spec, out, labels, left, bottom, plot_w)
    if spec.get("legend"):
        legend(series, out, labels, left + plot_w + 12, top)
    out.append("})")
    return "\n".join(out), labels


def lines_chart(spec: dict) -> tuple[str, list[str]]:
    """A line chart: one polyline of `line` segments per series, dots at the points."""
    w, h = spec.get("width", 300), spec.get("height", 150)
    left, bottom, top = 40, h - 30, 14
    plot_w = w - left - (90 if spec.get("legend") else 10)
    size = spec.get("label_size", 7)
    out = [f"box(width: {w}pt, height: {h}pt, {{", f"set text(size: {size}pt)"]
    labels: list[str] = []
    out.append(f"place(line(start: ({left}pt, {top}pt), end: ({left}pt, {bottom}pt), stroke: 0.6pt))")
    out.append(f"place(line(start: ({left}pt, {bottom}pt), end: ({left + plot_w}pt, {bottom}pt), stroke: 0.6pt))")
    ymin, ymax = spec.get("ymin", 0), spec["ymax"]

    def yof(v: float) -> float:
        return bottom - (bottom - top) * (v - ymin) / (ymax - ymin)

    for tick in spec["ticks"]:
        y = yof(float(tick.replace(",", "").replace("\u2212", "-")))
        out.append(f"place(line(start: ({left - 3}pt, {y:.2f}pt), end: ({left}pt, {y:.2f}pt), stroke: 0.6pt))")
        out.append(f"place(dx: 0pt, dy: {y - 4:.2f}pt, box(width: {left - 5}pt, align(right, [{esc(tick)}])))")
        labels.append(tick)
    cats = spec["categories"]
    step = plot_w / (len(cats) - 1 if len(cats) > 1 else 1) * 0.92
    x0 = left + plot_w * 0.04
    for ci, cat in enumerate(cats):
        x = x0 + step * ci
        out.append(f"place(line(start: ({x:.2f}pt, {bottom}pt), end: ({x:.2f}pt, {bottom + 3}pt), stroke: 0.6pt))")
        if not cat:
            continue
        out.append(f"place(dx: {x - 20:.2f}pt, dy: {bottom + 4}pt, box(width: 40pt, align(center, [{esc(cat)}])))")
        labels.append(cat)
    for ser in spec["series"]:
        pts = [(x0 + step * i, yof(v)) for i, v in enumerate(ser["values"])]
        dash = f", dash: \"{ser['dash']}\"" if ser.get("dash") else ""
        for (xa, ya), (xb, yb) in zip(pts, pts[1:]):
            out.append(f"place(line(start: ({xa:.2f}pt, {ya:.2f}pt), end: ({xb:.2f}pt, {yb:.2f}pt), "
                       f"stroke: (paint: rgb(\"{ser['colour']}\"), thickness: 1.2pt{dash})))")
        for xa, ya in pts:
            out.append(f"place(dx: {xa - 1.8:.2f}pt, dy: {ya - 1.8:.2f}pt, "
                       f"circle(radius: 1.8pt, fill: rgb(\"{ser['colour']}\")))")
    titles(spec, out, labels, left, bottom, plot_w)
    if spec.get("legend"):
        legend(spec["series"], out, labels, left + plot_w + 12, top)
    out.append("})")
    return "\n".join(out), labels


def titles(spec: dict, out: list[str], labels: list[str], left: float, bottom: float, plot_w: float) -> None:
    """Axis titles: the y title above the axis, the x title under the category labels."""
    if spec.get("ytitle"):
        out.append(f"place(dx: 0pt, dy: 0pt, [{esc(spec['ytitle'])}])")
        labels.append(spec["ytitle"])
    if spec.get("xtitle"):
        out.append(f"place(dx: {left}pt, dy: {bottom + 16}pt, box(width: {plot_w}pt, "
                   f"align(center, [{esc(spec['xtitle'])}])))")
        labels.append(spec["xtitle"])


def legend(series: list[dict], out: list[str], labels: list[str], x: float, top: float) -> None:
    """A legend: a swatch and a name per series, to the right of the plot."""
    for i, ser in enumerate(series):
        y = top + 4 + i * 13
        out.append(f"place(dx: {x}pt, dy: {y}pt, rect(width: 8pt, height: 8pt, fill: rgb(\"{ser['colour']}\")))")
        out.append(f"place(dx: {x + 12}pt, dy: {y}pt, [{esc(ser['name'])}])")
        labels.append(ser["name"])


def png(spec: dict) -> bytes:
    """A seeded picture without text: soft coloured blobs on a tinted ground, as a PNG."""
    rnd = random.Random(spec.get("seed", 1))
    w, h = spec.get("px", (360, 200))
    ground = spec.get("ground", (205, 220, 200))
    blobs = [(rnd.randrange(w), rnd.randrange(h), rnd.randrange(12, 50),
              tuple(max(0, min(255, c + rnd.randrange(-50, 50))) for c in spec.get("ink", (90, 120, 80))))
             for _ in range(spec.get("blobs", 30))]
    rows = bytearray()
    for y in range(h):
        rows.append(0)
        for x in range(w):
            pix = ground
            for bx, by, r, col in blobs:
                if (x - bx) ** 2 + 4 * (y - by) ** 2 < r * r:
                    pix = col
            rows.extend(pix)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(bytes(rows), 9)) + chunk(b"IEND", b""))


# ---------------------------------------------------------------- the document


class Writer:
    """Writes one gold document as a Typst source file (plus its pictures)."""

    def __init__(self, gold: dict, folder: Path) -> None:
        self.gold, self.lay, self.folder = gold, gold["layout"], folder
        self.notes = {n["label"]: n["text"] for n in gold["footnotes"]}
        self.out: list[str] = []
        self.npara = 0
        self.ntab = 0
        self.nformula = 0
        self.extra: Counter = Counter()  # words printed that the gold has elsewhere or not at all
        self.tables: list[dict] = []
        self.text = ""

    def source(self) -> str:
        self.preamble()
        self.title()
        for sec in self.gold["sections"]:
            self.section(sec)
        return "\n".join(self.out) + "\n"

    def preamble(self) -> None:
        lay, g = self.lay, self.gold
        size = lay["size"]
        self.out += [
            f"#set document(title: {str_lit(g['title'])}, date: {DATE})",
            f"#set page(paper: \"{lay['page']}\", margin: ({lay['margin']}), "
            f"columns: {lay.get('page_columns', 1)}, "
            f"header: {running(g.get('header'), size * 0.8)}, footer: {running(g.get('footer'), size * 0.8)})",
            f"#set text(font: {str_lit(lay['font'])}, size: {size}pt, lang: \"en\", "
            f"hyphenate: {'true' if lay['justify'] else 'false'})",
            f"#set par(justify: {'true' if lay['justify'] else 'false'}, leading: {lay.get('leading', 0.65)}em, "
            f"first-line-indent: {lay.get('indent', 0)}em, spacing: {lay.get('spacing', 1.1)}em)",
            f"#set heading(numbering: {str_lit(lay['numbering']) if lay.get('numbering') else 'none'})",
            f"#show heading: set text(size: {size * 1.2}pt)",
            f"#show heading.where(level: 2): set text(size: {size * 1.05}pt)",
            f"#show table: set text(size: {lay.get('table_size', size * 0.9)}pt)",
            f"#show figure.caption: set text(size: {size * 0.9}pt)",
            "#show raw: set text(font: \"DejaVu Sans Mono\")",
            "#let mk(tag) = context [#metadata((tag: tag, page: here().page(), "
            "x: here().position().x.pt(), y: here().position().y.pt())) <mk>]",
        ]
        if lay.get("caption_top"):
            self.out.append("#show figure.where(kind: table): set figure.caption(position: top)")
        if lay.get("column_gutter"):
            self.out.append(f"#set columns(gutter: {lay['column_gutter']})")

    def title(self) -> None:
        lay, g = self.lay, self.gold
        sizes = lay.get("title_sizes", [lay["size"] * 2])
        split = lay.get("title_split")
        parts = [g["title"]] if not split else [g["title"][: g["title"].index(split) + len(split)],
                                                 g["title"][g["title"].index(split) + len(split):].strip()]
        lines = [f"#text(size: {sz}pt, weight: \"bold\")[{esc(p)}]" for p, sz in zip(parts, sizes)]
        block = ["#par(justify: false)[" + " \\\n".join(lines) + "]", ""]
        for fm in g["front_matter"]:
            block += [f"#text(size: {lay['size'] * 0.95}pt)[{inline(fm, self.notes)}]", ""]
        if lay.get("title_rule", True):
            block.append("#line(length: 100%, stroke: 0.8pt)")
        if lay.get("page_columns", 1) > 1:
            self.out += ["#place(top, scope: \"parent\", float: true, clearance: 14pt)[", *block, "]"]
        else:
            self.out += block
        self.out.append("")

    def section(self, sec: dict) -> None:
        heading = sec["heading"]
        if self.lay.get("numbering"):
            heading = re.sub(r"^\d+(\.\d+)*\s+", "", heading)
        self.out += ["=" * sec["level"] + " " + esc(heading), ""]
        two = sec["heading"] in self.lay.get("column_sections", [])
        if two:
            self.out.append("#columns(2)[")
        for block in sec["paragraphs"]:
            self.block(block)
        if two:
            self.out.append("]")
        self.out.append("")

    def block(self, block: str | dict) -> None:
        if isinstance(block, str):
            i = self.npara
            self.npara += 1
            self.out += [f"#mk(\"ps-{i}\"){inline(block, self.notes)}#mk(\"pe-{i}\")", ""]
        elif "items" in block:
            self.out += [f"- {inline(item, self.notes)}" for item in block["items"]] + [""]
            self.extra[BULLET] += len(block["items"])
        elif "table" in block:
            self.table(block["table"])
        elif "figure" in block:
            self.figure(block["figure"])
        elif "code" in block:
            self.out += [f"#raw(block: true, lang: \"{self.lay.get('code_lang', 'text')}\", "
                         f"{str_lit(block['code'])})", ""]
        elif "formula" in block:
            self.out += [f"$ {self.lay['formulas'][self.nformula]} $", ""]
            self.nformula += 1
        else:
            raise ValueError(f"unsupported block {block}")

    def table(self, tab: dict) -> None:
        num = tab["caption"].split(":")[0]
        spec = self.lay["tables"][num]
        rows, nhead = tab["rows"], tab["header_rows"]
        ncols = len(rows[0])
        spans = {(r, c): n for r, c, n in spec.get("spans", [])}
        cells: list[list[str]] = []
        for r, row in enumerate(rows):
            assert len(row) == ncols, (num, row)
            out, c = [], 0
            while c < ncols:
                text = inline(row[c], self.notes)
                text = f"#strong[{text}]" if r < nhead else text
                n = spans.get((r, c), 1)
                assert all(row[c + k] == row[c] for k in range(n)), (num, row)
                out.append(f"table.cell(colspan: {n})[{text}]" if n > 1 else f"[{text}]")
                c += n
            cells.append(out)
        t = self.ntab
        self.ntab += 1
        cells[nhead][0] = cells[nhead][0][:-1] + f"#mk(\"ts-{t}\")]"  # not in a repeated header
        cells[-1][-1] = cells[-1][-1][:-1] + f"#mk(\"te-{t}\")]"
        stroke = {"grid": "", "rules": "stroke: (x, y) => (bottom: 0.5pt, top: if y == 0 { 1pt } else { none }),",
                  "none": "stroke: none,"}[spec["style"]]
        widths = ", ".join(spec.get("widths", ["auto"] * ncols))
        aligns = ", ".join({"L": "left", "R": "right", "C": "center"}[a] for a in spec.get("align", "L" * ncols))
        gutter = f"column-gutter: {spec['gutter']}," if spec.get("gutter") else ""
        hcells = ", ".join(x for row in cells[:nhead] for x in row)
        body = ",\n  ".join(x for row in cells[nhead:] for x in row)
        header = f"table.header({hcells}, repeat: true),\n  " if nhead else ""
        caption = esc(tab["caption"].split(":", 1)[1].strip())
        breakable = "#show figure: set block(breakable: true)\n" if spec.get("breakable") else ""
        self.out += [
            f"#[{breakable}#figure(table(columns: ({widths},), align: ({aligns},), {stroke} {gutter}",
            f"  inset: (x: 5pt, y: 3.5pt), {header}{body}), caption: [{caption}])]",
            "",
        ]
        skip = {(r, c + k) for (r, c), n in spans.items() for k in range(1, n)}
        head = [w for r, row in enumerate(rows[:nhead]) for c, cell in enumerate(row) if (r, c) not in skip
                for w in plain_words(cell)]
        self.tables.append({"style": spec["style"], "head": head, "spans": spans})

    def figure(self, fig: dict) -> None:
        num = fig["caption"].split(":")[0]
        spec = self.lay["figures"][num]
        if spec["kind"] == "picture":
            name = f"{self.gold['id']}-{num.replace(' ', '')}.png"
            (self.folder / name).write_bytes(png(spec))
            body, drawn = f"image(\"{name}\", width: {spec.get('width', '60%')})", []
        else:
            body, drawn = (bars if spec["kind"] == "bars" else lines_chart)(spec)
        assert sorted(drawn) == sorted(fig["labels"]), (drawn, fig["labels"])
        caption = esc(fig["caption"].split(":", 1)[1].strip())
        self.out += [f"#figure(kind: image, {body}, caption: [{caption}])", ""]


# ---------------------------------------------------------------- build and verify


def compile_doc(gold: dict, out: Path) -> tuple[Writer, list[dict]]:
    """Write the Typst source, compile it to `out`, and read back the position markers."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        writer = Writer(gold, folder)
        src = folder / "main.typ"
        writer.text = writer.source()
        src.write_text(writer.text)
        opts = {"root": str(folder), "font_paths": FONT_PATHS, "ignore_system_fonts": True}
        typst.compile(str(src), output=str(out), **opts)
        marks = [m["value"] for m in json.loads(typst.query(str(src), "<mk>", **opts))]
    return writer, marks


def layout_stats(writer: Writer, marks: list[dict], page_w: float) -> tuple[Counter, dict[str, int]]:
    """What the layout did: tables across pages, paragraphs split by a page or a column."""
    by_tag = {m["tag"]: m for m in marks}
    stats: Counter = Counter()
    for i in range(writer.npara):
        a, b = by_tag[f"ps-{i}"], by_tag[f"pe-{i}"]
        if a["page"] != b["page"]:
            stats["paragraph split by page"] += 1
        elif (a["x"] < page_w / 2) != (b["x"] < page_w / 2):
            stats["paragraph split by column"] += 1
    for t, tab in enumerate(writer.tables):
        stats[f"table {tab['style']}"] += 1
        crossed = by_tag[f"te-{t}"]["page"] - by_tag[f"ts-{t}"]["page"]
        if crossed:
            stats["table across pages"] += 1
            writer.extra.update(tab["head"] * crossed)
        if tab["spans"]:
            stats["table with spanning header cell"] += 1
    calls = {tag[5:]: m["page"] for tag, m in by_tag.items() if tag.startswith("call-")}
    return stats, calls


def gold_units(gold: dict) -> tuple[list[str], list[str]]:
    """Every piece of gold text that is printed: text with inline marks, and literal text (code, formulas)."""
    units = [gold["title"], *gold["front_matter"]]
    literal: list[str] = []
    for sec in gold["sections"]:
        units.append(sec["heading"])
        for b in sec["paragraphs"]:
            if isinstance(b, str):
                units.append(b)
            elif "items" in b:
                units.extend(b["items"])
            elif "table" in b:
                units.append(b["table"]["caption"])
                spans = {(r, c): n for r, c, n in gold["layout"]["tables"][b["table"]["caption"].split(":")[0]]
                         .get("spans", [])}
                skip = {(r, c + k) for (r, c), n in spans.items() for k in range(1, n)}
                units.extend(cell for r, row in enumerate(b["table"]["rows"]) for c, cell in enumerate(row)
                             if (r, c) not in skip)
            elif "figure" in b:
                units.append(b["figure"]["caption"])
                units.extend(b["figure"]["labels"])
            elif "code" in b:
                literal.append(b["code"])
            elif "formula" in b:
                literal.append(b["formula"])
    for n in gold["footnotes"]:
        units.extend([n["label"], n["text"]])
    return units, literal


def page_words(doc: fitz.Document) -> list[tuple[int, tuple]]:
    """(page number, word) in content order over the whole document."""
    return [(pno, w) for pno, page in enumerate(doc, start=1) for w in page.get_text("words")]


def join_hyphenated(words: list[tuple[int, tuple]], expect: Counter) -> tuple[list[str], Counter]:
    """Join pieces of words broken at a line end: Typst's soft hyphen, or a word's own hyphen.

    The rest of a word is looked for a few words on, since a break at a page's foot is
    followed by the footer and the next page's header in the content stream.
    """
    texts = [w[4] for _, w in words]
    used = [False] * len(texts)
    out: list[str] = []
    stats: Counter = Counter()
    for i, text in enumerate(texts):
        if used[i]:
            continue
        while text.endswith(SOFT_HYPHEN) or (text.endswith("-") and text not in expect):
            for j in range(i + 1, min(i + 12, len(texts))):
                if used[j]:
                    continue
                joined = (text[:-1] if text.endswith(SOFT_HYPHEN) else text) + texts[j]
                if expect[joined] or joined.endswith(SOFT_HYPHEN) or joined.endswith("-"):
                    stats["hyphenated (soft hyphen)" if text.endswith(SOFT_HYPHEN) else "broken at own hyphen"] += 1
                    used[j] = True
                    text = joined
                    break
            else:
                break
        out.append(text)
    return out, stats


def verify(gold: dict, path: Path, writer: Writer, calls: dict[str, int]) -> Counter:
    """The PDF's words equal the gold's words plus running lines, bullets and repeated headers."""
    doc = fitz.open(path)
    expect: Counter = Counter()
    units, literal = gold_units(gold)
    for unit in units:
        expect.update(plain_words(unit))
    for unit in literal:
        expect.update(unit.split())
    expect.update(writer.extra)
    for pno, page in enumerate(doc, start=1):
        for run in ("header", "footer"):
            if gold.get(run):
                expect.update(gold[run].replace("{page}", str(pno)).split())
        check_inside(gold["id"], pno, page)
        text = " ".join(page.get_text().replace(SOFT_HYPHEN + "\n", "").split())
        for label, pno_call in calls.items():
            note = " ".join(plain_words(writer.notes[label]))
            on_page = note[:40] in text
            assert on_page == (pno == pno_call), f"{gold['id']}: note {label} (call on p{pno_call}) vs p{pno}"
    joined, stats = join_hyphenated(page_words(doc), expect)
    pdf_words = Counter(joined)
    # a call printed against its word, or a note's label against its text, may be read glued or apart
    for w in list(pdf_words):
        if w not in expect and pdf_words[w]:
            m = re.match(r"^(.*\D)(\d+)$", w) or re.match(r"^(\d+)(\D.*)$", w)
            if m and expect[m.group(1)] and expect[m.group(2)]:
                pdf_words.update({m.group(1): pdf_words[w], m.group(2): pdf_words[w]})
                del pdf_words[w]
    for w in list(expect):
        m = re.match(r"^(.*\D)(\d+)$", w)
        if m and pdf_words[w] < expect[w] and pdf_words[m.group(1)] and pdf_words[m.group(2)]:
            n = expect[w] - pdf_words[w]
            expect[w] -= n
            expect.update({m.group(1): n, m.group(2): n})
    missing, extra = expect - pdf_words, pdf_words - expect
    if missing or extra:
        sys.exit(f"{gold['id']}: verification failed\n  missing: {dict(missing)}\n  extra: {dict(extra)}")
    stats["pages"] = doc.page_count
    doc.close()
    return stats


def check_inside(doc_id: str, pno: int, page: fitz.Page) -> None:
    """Every word lies inside the page."""
    for w in page.get_text("words"):
        assert page.rect.contains(fitz.Rect(w[:4])), f"{doc_id} p{pno}: {w[4]!r} off the page"


def fonts(path: Path) -> list[str]:
    """Base names of the fonts embedded in a PDF, subset prefixes dropped."""
    with fitz.open(path) as doc:
        return sorted({f[3].split("+", 1)[-1] for page in doc for f in page.get_fonts()})


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--set", choices=["typst-dev", "typst", "all"], default="typst-dev")
    ap.add_argument("--source", action="store_true", help="also print each document's Typst source")
    ap.add_argument("ids", nargs="*")
    args = ap.parse_args()
    sets = ["typst-dev", "typst"] if args.set == "all" else [args.set]
    for name in sets:
        folder = ROOT / name
        (folder / "pdf").mkdir(exist_ok=True)
        for gpath in sorted((folder / "gold").glob("*.json")):
            gold = json.loads(gpath.read_text())
            if args.ids and gold["id"] not in args.ids:
                continue
            out = folder / "pdf" / f"{gold['id']}.pdf"
            writer, marks = compile_doc(gold, out)
            if args.source:
                print(writer.text)
            with fitz.open(out) as doc:
                page_w = doc[0].rect.width
            stats, calls = layout_stats(writer, marks, page_w)
            stats.update(verify(gold, out, writer, calls))
            print(f"{name}/{gold['id']}: verified;", dict(sorted(stats.items())), "calls on pages", calls,
                  "fonts", fonts(out))


if __name__ == "__main__":
    main()
