"""Build the WeasyPrint region sets (weasyprint-dev/ and the untouched weasyprint/) from their gold.

Run with the producer's own venv (weasyprint + pymupdf), not the project's:

    .venv-weasy/bin/python tests/regions/weasyprint-dev/build.py              # weasyprint-dev/
    .venv-weasy/bin/python tests/regions/weasyprint-dev/build.py --set weasyprint  # untouched half
    .venv-weasy/bin/python tests/regions/weasyprint-dev/build.py --set all    # both

Text comes only from the gold (`gold/<id>.json`); its `layout` dict holds the printing choices
(page, margins, fonts, alignment, hyphenation, which sections are in two columns, each table's
rule style, each figure's data). The gold becomes one HTML file with CSS Paged Media
(running lines in `@page` margin boxes, `float: footnote`, `columns: 2`, `hyphens: auto`),
which WeasyPrint lays out and prints. Every PDF is verified against its gold with PyMuPDF,
and the layout WeasyPrint chose is read from its page boxes to say what the set contains.
"""

from __future__ import annotations

import argparse
import base64
import html
import io
import json
import random
import re
import sys
from collections import Counter
from pathlib import Path

import pymupdf as fitz
import weasyprint
from PIL import Image, ImageDraw

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CREATED = "2025-11-24T10:15:00Z"
HYPHEN = "\u2010"  # what WeasyPrint prints at an automatic break (its default hyphenate-character)
DEJAVU = "/usr/share/fonts/truetype/dejavu/"
LIBERATION = "/usr/share/fonts/truetype/liberation/"
FONTS = {  # family -> (regular, bold, italic, bold italic)
    "DejaVu Serif": (DEJAVU, "DejaVuSerif", "DejaVuSerif-Bold", "DejaVuSerif-Italic", "DejaVuSerif-BoldItalic"),
    "DejaVu Sans": (DEJAVU, "DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique", "DejaVuSans-BoldOblique"),
    "DejaVu Sans Condensed": (DEJAVU, "DejaVuSansCondensed", "DejaVuSansCondensed-Bold",
                              "DejaVuSansCondensed-Oblique", "DejaVuSansCondensed-BoldOblique"),
    "DejaVu Sans Mono": (DEJAVU, "DejaVuSansMono", "DejaVuSansMono-Bold", "DejaVuSansMono-Oblique",
                         "DejaVuSansMono-BoldOblique"),
    "Liberation Serif": (LIBERATION, "LiberationSerif-Regular", "LiberationSerif-Bold", "LiberationSerif-Italic",
                         "LiberationSerif-BoldItalic"),
    "Liberation Sans": (LIBERATION, "LiberationSans-Regular", "LiberationSans-Bold", "LiberationSans-Italic",
                        "LiberationSans-BoldItalic"),
    "Liberation Sans Narrow": (LIBERATION, "LiberationSansNarrow-Regular", "LiberationSansNarrow-Bold",
                               "LiberationSansNarrow-Italic", "LiberationSansNarrow-BoldItalic"),
    "Liberation Mono": (LIBERATION, "LiberationMono-Regular", "LiberationMono-Bold", "LiberationMono-Italic",
                        "LiberationMono-BoldItalic"),
}
CALL = re.compile(r"\[\^([^\]]+)\]")
LINK = re.compile(r"\[([^\]^][^\]]*)\]\(([^)]+)\)")


# ---------------------------------------------------------------- inline text


def plain(text: str) -> str:
    """Gold text as printed: marks and link targets stripped, a call glued to its word."""
    text = LINK.sub(r"\1", CALL.sub(r"\1", text))
    return text.replace("**", "").replace("*", "")


def plain_words(text: str) -> list[str]:
    return plain(text).split()


class Inline:
    """Turns gold inline text into HTML; a footnote call becomes the note itself, floated."""

    def __init__(self, notes: dict[str, str]) -> None:
        self.notes = notes
        self.order: list[str] = []

    def marks(self, text: str) -> str:
        out = html.escape(text, quote=False)
        out = LINK.sub(lambda m: f'<a href="{m.group(2)}">{m.group(1)}</a>', out)
        out = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", out)
        return re.sub(r"\*(.+?)\*", r"<i>\1</i>", out)

    def __call__(self, text: str) -> str:
        def note(m: re.Match) -> str:
            label = m.group(1)
            self.order.append(label)
            return f'<span class="fn" id="fn{label}">{self.marks(self.notes[label])}</span>'
        return CALL.sub(note, self.marks(text))


# ---------------------------------------------------------------- CSS


def font_faces(families: set[str]) -> str:
    rules = []
    for fam in sorted(families):
        folder, *files = FONTS[fam]
        for name, (weight, style) in zip(files, [("normal", "normal"), ("bold", "normal"),
                                                 ("normal", "italic"), ("bold", "italic")]):
            rules.append(f'@font-face {{ font-family: "{fam}"; font-weight: {weight}; font-style: {style}; '
                         f'src: url("file://{folder}{name}.ttf") }}')
    return "\n".join(rules)


def running(line: str | None) -> str:
    """A gold running line as CSS `content`, {page} becoming counter(page)."""
    parts = [f'"{p}"' for p in (line or "").split("{page}")]
    return " counter(page) ".join(parts).replace(' "" ', " ").strip()


def css(gold: dict) -> str:
    lay = gold["layout"]
    body, head = lay["font"], lay.get("heading_font", lay["font"])
    mono = lay.get("mono_font", "DejaVu Sans Mono")
    mast = lay.get("masthead", {})
    families = {body, head, mono, mast.get("font", head)}
    top, right, bottom, left = lay["margins_mm"]
    boxes = []
    if gold.get("header"):
        boxes.append(f"@{lay.get('header_box', 'top-right')} {{ content: {running(gold['header'])}; "
                     f"font: italic {lay['size'] * 0.8:.1f}pt \"{body}\"; color: #555; vertical-align: bottom; "
                     f"padding-bottom: 6pt; {'border-bottom: 0.4pt solid #999;' if lay.get('header_rule') else ''} }}")
    if gold.get("footer"):
        boxes.append(f"@{lay.get('footer_box', 'bottom-center')} {{ content: {running(gold['footer'])}; "
                     f"font: {lay['size'] * 0.8:.1f}pt \"{body}\"; vertical-align: top; padding-top: 8pt }}")
    fn_rule = lay.get("footnote_rule", "0.5pt solid black")
    columns = f"columns: 2; column-gap: {lay.get('column_gap', '16pt')};" + (
        " column-rule: 0.5pt solid #888;" if lay.get("column_rule") else "")
    return f"""{font_faces(families)}
@page {{ size: {lay['page']}; margin: {top}mm {right}mm {bottom}mm {left}mm;
  {' '.join(boxes)}
  @footnote {{ border-top: {fn_rule}; padding-top: 3pt; margin-top: 10pt; max-height: 40% }} }}
html {{ font-family: "{body}"; font-size: {lay['size']}pt; line-height: {lay.get('leading', 1.35)} }}
body {{ margin: 0 }}
p {{ margin: 0 0 {lay.get('para_space', '0.5em')}; text-align: {lay.get('align', 'left')};
  text-indent: {lay.get('indent', '0')}; hyphens: {'auto' if lay.get('hyphens') else 'manual'};
  orphans: 2; widows: 2 }}
h1 {{ font: bold {lay.get('title_size', lay['size'] * 2)}pt/1.15 "{head}"; margin: 0 0 6pt }}
h2 {{ font: bold {lay['size'] * 1.35:.1f}pt/1.2 "{head}"; margin: 14pt 0 5pt; break-after: avoid }}
h3 {{ font: bold {lay['size'] * 1.12:.1f}pt/1.2 "{head}"; margin: 10pt 0 4pt; break-after: avoid }}
.front {{ text-indent: 0; text-align: left; hyphens: manual; color: #333 }}
.front:last-of-type {{ margin-bottom: 12pt }}
.masthead {{ border-bottom: 2pt solid #222; margin-bottom: 10pt; padding-bottom: 4pt;
  font-family: "{mast.get('font', head)}"; text-align: {mast.get('align', 'left')} }}
.masthead .name {{ font-size: {mast.get('big', 30)}pt; line-height: 1.1; font-weight: bold }}
.masthead .tag {{ font-size: {mast.get('small', 12)}pt; line-height: 1.3 }}
.cols {{ {columns} }}
.cols h2, .cols h3 {{ break-after: avoid }}
.fn {{ float: footnote; font-size: {lay['size'] * 0.8:.1f}pt; line-height: 1.3; text-align: left;
  text-indent: 0; hyphens: manual; font-weight: normal; font-style: normal }}
::footnote-call {{ content: counter(footnote); vertical-align: super; font-size: 62%; line-height: 0 }}
::footnote-marker {{ content: counter(footnote); vertical-align: super; font-size: 75%; padding-right: 4pt }}
ul, ol {{ margin: 0 0 {lay.get('para_space', '0.5em')}; padding-left: 16pt }}
li {{ margin-bottom: 2pt; text-align: left }}
table {{ border-collapse: collapse; margin: 6pt 0 12pt; font-size: {lay.get('table_size', lay['size'] * 0.9):.1f}pt;
  line-height: 1.25 }}
th, td {{ padding: 2pt 6pt; vertical-align: top; text-align: left }}
th {{ font-weight: bold }}
.r {{ text-align: right }}
.c {{ text-align: center }}
caption, .tcap {{ caption-side: top; text-align: left; font-weight: bold; padding-bottom: 4pt;
  font-size: {lay['size'] * 0.95:.1f}pt; text-indent: 0; hyphens: manual }}
.tcap {{ margin: 10pt 0 0; break-after: avoid }}
table.grid th, table.grid td {{ border: 0.5pt solid #000 }}
table.grid thead th {{ background: {lay.get('head_fill', '#e6e6e6')} }}
table.rules {{ border-top: 1pt solid #000; border-bottom: 1pt solid #000 }}
table.rules thead {{ border-bottom: 0.7pt solid #000 }}
table.rules tbody tr {{ border-bottom: 0.3pt solid #777 }}
table.none th, table.none td {{ padding: 1pt 14pt 1pt 0 }}
figure {{ margin: 10pt 0 12pt; break-inside: avoid }}
figure svg, figure img {{ display: block; margin: 0 auto }}
figcaption {{ font-size: {lay['size'] * 0.9:.1f}pt; margin-top: 5pt;
  font-style: {lay.get('figcaption_style', 'italic')}; text-align: left; hyphens: manual }}
pre {{ font: {lay['size'] * 0.82:.1f}pt/1.3 "{mono}"; background: #f2f2f2; border-left: 2pt solid #bbb;
  padding: 5pt 8pt; margin: 4pt 0 10pt; white-space: pre }}
.formula {{ text-align: center; text-indent: 0; font-style: italic; margin: 6pt 0 10pt; hyphens: manual }}
"""


# ---------------------------------------------------------------- regions


def merged_header(row: list[str], merge: bool) -> list[tuple[str, int]]:
    """A header row as (text, colspan): equal neighbours merge when the table has a group cell."""
    cells: list[tuple[str, int]] = []
    for text in row:
        if merge and cells and text and cells[-1][0] == text:
            cells[-1] = (text, cells[-1][1] + 1)
        else:
            cells.append((text, 1))
    return cells


def table_html(tab: dict, spec: dict, inline: Inline, bid: str) -> tuple[str, list[str]]:
    """The table's HTML and the words it prints once (a spanning cell once, not per column)."""
    align = spec.get("align", "L" * len(tab["rows"][0]))
    cls = {"L": "", "R": ' class="r"', "C": ' class="c"'}
    words = plain_words(tab["caption"]) if tab["caption"] else []
    width = f' style="width: {spec["width"]}"' if "width" in spec else ""
    parts = [f'<table class="{spec["style"]}" id="{bid}"{width}>']
    cap = ""
    if tab["caption"]:
        if spec.get("caption", "element") == "element":
            parts.append(f"<caption>{inline(tab['caption'])}</caption>")
        else:
            cap = f'<p class="tcap">{inline(tab["caption"])}</p>'
    if "widths" in spec:
        parts.append("<colgroup>" + "".join(f'<col style="width: {w}">' for w in spec["widths"]) + "</colgroup>")
    nh = tab["header_rows"]
    if nh:
        parts.append("<thead>")
        for row in tab["rows"][:nh]:
            cells, col = [], 0
            for text, span in merged_header(row, spec.get("merge_header", False)):
                a = cls["C"] if span > 1 else cls[align[col]]
                cells.append(f"<th{a}" + (f' colspan="{span}"' if span > 1 else "") + f">{inline(text)}</th>")
                words += plain_words(text)
                col += span
            parts.append("<tr>" + "".join(cells) + "</tr>")
        parts.append("</thead>")
    parts.append("<tbody>")
    for row in tab["rows"][nh:]:
        parts.append("<tr>" + "".join(f"<td{cls[a]}>{inline(t)}</td>" for a, t in zip(align, row)) + "</tr>")
        words += [w for t in row for w in plain_words(t)]
    parts.append("</tbody></table>")
    return cap + "".join(parts), words


def svg_text(x: float, y: float, text: str, anchor: str = "middle", extra: str = "") -> str:
    return f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}"{extra}>{html.escape(text)}</text>'


def chart_svg(spec: dict, font: str) -> tuple[str, list[str]]:
    """A bar or line chart as inline SVG: axes, ticks, categories, titles and legend as text."""
    w, h = spec.get("width", 340), spec.get("height", 170)
    left, right, top, bottom = 44, 12, 22, h - 34
    size = spec.get("font_size", 7.5)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}pt" height="{h}pt" viewBox="0 0 {w} {h}" '
           f'font-family="{font}" font-size="{size}">']
    labels: list[str] = []
    ymin, ymax = spec.get("ymin", 0), spec["ymax"]
    def ypos(v: float) -> float:
        return bottom - (bottom - top) * (v - ymin) / (ymax - ymin)
    out.append(f'<line x1="{left}" y1="{top}" x2="{left}" y2="{bottom}" stroke="#000" stroke-width="0.6"/>')
    out.append(f'<line x1="{left}" y1="{bottom}" x2="{w - right}" y2="{bottom}" stroke="#000" stroke-width="0.6"/>')
    for tick in spec["ticks"]:
        ty = ypos(float(tick.replace(",", "")))
        out.append(f'<line x1="{left - 3}" y1="{ty:.1f}" x2="{left}" y2="{ty:.1f}" stroke="#000" stroke-width="0.6"/>')
        out.append(svg_text(left - 5, ty + size * 0.35, tick, "end"))
        labels.append(tick)
    cats, series = spec["categories"], spec["series"]
    slot = (w - right - left) / len(cats)
    colours = spec.get("colours", ["#4a6f96", "#c0823a", "#6a9a58", "#8a5a8a"])
    for si, values in enumerate(series.values()):
        colour = colours[si % len(colours)]
        if spec["kind"] == "bars":
            bw = slot * 0.7 / len(series)
            for i, v in enumerate(values):
                x = left + slot * i + slot * 0.15 + bw * si
                out.append(f'<rect x="{x:.1f}" y="{ypos(v):.1f}" width="{bw:.1f}" height="{bottom - ypos(v):.1f}" '
                           f'fill="{colour}"/>')
        else:
            pts = " ".join(f"{left + slot * (i + 0.5):.1f},{ypos(v):.1f}" for i, v in enumerate(values))
            out.append(f'<polyline points="{pts}" fill="none" stroke="{colour}" stroke-width="1.4"/>')
    for i, cat in enumerate(cats):
        out.append(svg_text(left + slot * (i + 0.5), bottom + size * 1.4, cat))
        labels.append(cat)
    if spec.get("ytitle"):
        out.append(svg_text(4, top - 9, spec["ytitle"], "start"))
        labels.append(spec["ytitle"])
    if spec.get("xtitle"):
        out.append(svg_text(left + (w - right - left) / 2, bottom + size * 2.9, spec["xtitle"]))
        labels.append(spec["xtitle"])
    if len(series) > 1 or spec.get("legend"):
        lx = w - right - 4
        for si, name in reversed(list(enumerate(series))):
            lx -= len(name) * size * 0.55 + 4
            out.append(svg_text(lx, top - 9, name, "start"))
            out.append(f'<rect x="{lx - 10:.1f}" y="{top - 9 - size * 0.7:.1f}" width="7" height="{size * 0.7:.1f}" '
                       f'fill="{colours[si % len(colours)]}"/>')
            lx -= 18
            labels.append(name)
    out.append("</svg>")
    return "".join(out), labels


def picture_html(spec: dict) -> str:
    """A PNG made by a seeded generator (ellipses, no text), embedded as a data URI."""
    rnd = random.Random(spec.get("seed", 1))
    w, h = 600, int(600 * spec.get("height", 150) / spec.get("width", 300))
    img = Image.new("RGB", (w, h), tuple(spec.get("sky", (205, 218, 232))))
    draw = ImageDraw.Draw(img)
    for _ in range(spec.get("shapes", 60)):
        x, y, r = rnd.randrange(w), rnd.randrange(h), rnd.randrange(8, 50)
        c = tuple(max(0, min(255, v + rnd.randrange(-45, 45))) for v in spec.get("ink", (90, 115, 75)))
        draw.ellipse((x - r, y - r // 2, x + r, y + r // 2), fill=c)
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    data = base64.b64encode(buf.getvalue()).decode()
    return (f'<img alt="" src="data:image/png;base64,{data}" '
            f'style="width: {spec.get("width", 300)}pt; height: {spec.get("height", 150)}pt">')


# ---------------------------------------------------------------- the document


class Page:
    """The HTML of one gold document, with the words it prints (gold words and list markers)."""

    def __init__(self, gold: dict) -> None:
        self.gold, self.lay = gold, gold["layout"]
        self.inline = Inline({n["label"]: n["text"] for n in gold["footnotes"]})
        self.words: list[str] = []
        self.tables: dict[str, list[str]] = {}  # id -> header words (repeated on each page it runs onto)
        self.paras: list[str] = []
        self.n = 0

    def bid(self) -> str:
        self.n += 1
        return f"b{self.n}"

    def block(self, b: str | dict) -> str:
        lay = self.lay
        if isinstance(b, str):
            bid = self.bid()
            self.paras.append(bid)
            self.words += plain_words(b)
            return f'<p id="{bid}">{self.inline(b)}</p>'
        if "items" in b:
            self.words += [w for it in b["items"] for w in plain_words(it)]
            tag = "ol" if b.get("ordered") else "ul"
            # the list markers are printed but are not gold text
            self.words += [f"{i + 1}." if b.get("ordered") else "\u2022" for i in range(len(b["items"]))]
            return f"<{tag}>" + "".join(f"<li>{self.inline(it)}</li>" for it in b["items"]) + f"</{tag}>"
        if "table" in b:
            tab = b["table"]
            spec = lay["tables"][tab["caption"].split(":")[0]]
            assert tab["ruled"] == (spec["style"] != "none"), tab["caption"]
            bid = self.bid()
            out, words = table_html(tab, spec, self.inline, bid)
            self.words += words
            self.tables[bid] = [w for row in tab["rows"][: tab["header_rows"]]
                                for t, _ in merged_header(row, spec.get("merge_header", False)) for w in plain_words(t)]
            return out
        if "figure" in b:
            fig = b["figure"]
            spec = lay["figures"][fig["caption"].split(":")[0]]
            if spec["kind"] == "picture":
                body, labels = picture_html(spec), []
            else:
                body, labels = chart_svg(spec, lay.get("chart_font", lay["font"]))
            assert sorted(labels) == sorted(fig["labels"]), (labels, fig["labels"])
            self.words += [w for lb in labels for w in lb.split()] + plain_words(fig["caption"])
            return f"<figure>{body}<figcaption>{self.inline(fig['caption'])}</figcaption></figure>"
        if "code" in b:
            self.words += b["code"].split()
            return f"<pre>{html.escape(b['code'])}</pre>"
        if "formula" in b:
            self.words += b["formula"].split()
            return f'<p class="formula">{html.escape(b["formula"])}</p>'
        raise ValueError(f"unsupported block {b}")

    def section(self, sec: dict) -> str:
        tag = "h2" if sec["level"] == 1 else "h3"
        self.words += plain_words(sec["heading"])
        head = f"<{tag}>{self.inline(sec['heading'])}</{tag}>"
        blocks = "".join(self.block(b) for b in sec["paragraphs"])
        if sec["heading"] in self.lay.get("two_columns", []):
            return f'{head}<div class="cols">{blocks}</div>'
        return head + blocks

    def masthead(self) -> str:
        gold, mast = self.gold, self.lay.get("masthead")
        self.words += plain_words(gold["title"])
        if mast:
            name = mast["name"]
            assert gold["title"].startswith(name + " ")
            tag = gold["title"][len(name) + 1:]
            out = (f'<header class="masthead"><div class="name">{html.escape(name)}</div>'
                   f'<div class="tag">{html.escape(tag)}</div></header>')
        else:
            out = f"<h1>{html.escape(gold['title'])}</h1>"
        for fm in gold["front_matter"]:
            self.words += plain_words(fm)
            out += f'<p class="front">{self.inline(fm)}</p>'
        return out

    def html(self) -> str:
        gold = self.gold
        top = self.masthead()
        body = "".join(self.section(s) for s in gold["sections"])
        if self.lay.get("columns") == "all":
            body = f'<div class="cols">{body}</div>'
        for n in gold["footnotes"]:
            self.words += [n["label"], *plain_words(n["text"])]
        assert self.inline.order == [n["label"] for n in gold["footnotes"]], "calls out of order"
        assert self.inline.order == [str(i + 1) for i in range(len(self.inline.order))], "labels must be 1, 2, ..."
        return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{html.escape(gold['title'])}</title>
<meta name="dcterms.created" content="{CREATED}">
<meta name="dcterms.modified" content="{CREATED}">
<meta name="generator" content="weasyprint region corpus build.py">
<style>{css(gold)}</style></head>
<body>{top}{body}</body></html>
"""


# ---------------------------------------------------------------- layout facts


def layout_facts(doc: weasyprint.document.Document, page: Page) -> tuple[Counter, dict[str, int], list[str]]:
    """What WeasyPrint made of the document: splits, pages crossed, the page of each call and note."""
    stats: Counter = Counter()
    frags: dict[str, list[tuple[int, int]]] = {}
    table_parts: dict[str, set[tuple[int, int]]] = {}
    call_page: dict[str, int] = {}
    note_page: dict[str, int] = {}
    for pno, pg in enumerate(doc.pages, start=1):
        for child in pg._page_box.children:
            in_notes = type(child).__name__ == "FootnoteAreaBox"
            for box in child.descendants():
                el = getattr(box, "element", None)
                bid = el.get("id") if el is not None else None
                if not bid:
                    continue
                kind = type(box).__name__
                if bid.startswith("fn"):
                    (note_page if in_notes else call_page).setdefault(bid[2:], pno)
                elif kind == "BlockBox" and bid in page.paras:
                    frags.setdefault(bid, []).append((pno, round(box.position_x)))
                elif kind == "TableBox":
                    table_parts.setdefault(bid, set()).add((pno, round(box.position_x)))
    for places in frags.values():
        if len({p for p, _ in places}) > 1:
            stats["paragraph split by page"] += 1
        if len(places) > len({p for p, _ in places}):
            stats["paragraph split by column"] += 1
    repeated: list[str] = []
    for bid, parts in table_parts.items():
        if len({p for p, _ in parts}) > 1:
            stats["table across pages"] += 1
        if len(parts) > len({p for p, _ in parts}):
            stats["table across columns"] += 1
        repeated += page.tables[bid] * (len(parts) - 1)  # thead repeated in each part
    for label, pno in call_page.items():
        assert note_page.get(label) == pno, f"note {label}: call on page {pno}, note on {note_page.get(label)}"
    stats["pages"] = len(doc.pages)
    return stats, call_page, repeated


# ---------------------------------------------------------------- verify


def join_breaks(words: list[tuple], expect: Counter) -> tuple[list[str], int]:
    """The PDF's words with line-end breaks joined back: U+2010 of hyphenation, or a break with no
    space (after a word's own hyphen or a slash).

    The continuation is normally the next word; at the foot of a column or page it comes after
    the notes and running lines, so the next words are searched for a piece that completes a
    gold word.
    """
    out: list[str] = []
    used: set[int] = set()
    breaks = 0
    last_of_line = {i for i, w in enumerate(words) if i + 1 == len(words) or words[i + 1][5:7] != w[5:7]
                    or words[i + 1][-1] != w[-1]}
    for i, w in enumerate(words):
        if i in used:
            continue
        text = w[4]
        if i in last_of_line and not expect[text]:
            stem = text[:-1] if text.endswith(HYPHEN) else text
            for j in range(i + 1, min(len(words), i + 300)):
                if j not in used and expect[stem + words[j][4]]:
                    text = stem + words[j][4]
                    used.add(j)
                    breaks += w[4].endswith(HYPHEN)
                    break
            else:
                raise AssertionError(f"no continuation for {w[4]!r}")
        assert HYPHEN not in text, f"U+2010 inside a line: {text!r}"
        out.append(text)
    return out, breaks


def verify(gold: dict, path: Path, page: Page, repeated: list[str], call_page: dict[str, int]) -> int:
    """The PDF's words equal the gold's plus running lines and repeated table headers; return the breaks."""
    doc = fitz.open(path)
    expect = Counter(page.words) + Counter(repeated)
    words: list[tuple] = []
    for pno, pg in enumerate(doc, start=1):
        for run in ("header", "footer"):
            if gold.get(run):
                expect.update(gold[run].replace("{page}", str(pno)).split())
        page_words = pg.get_text("words")
        for w in page_words:
            assert pg.rect.contains(fitz.Rect(w[:4])), f"{gold['id']} p{pno}: {w[4]!r} off the page"
        words += [(*w, pno) for w in page_words]
        text = " ".join(pg.get_text().split())
        for n in gold["footnotes"]:
            if call_page.get(n["label"]) == pno:
                note = " ".join(plain_words(n["text"]))
                assert note[:40] in text, f"{gold['id']}: note {n['label']} not printed on page {pno}"
    assert "\xad" not in "".join(w[4] for w in words), "soft hyphen printed"
    joined, breaks = join_breaks(words, expect)
    got = Counter(joined)
    # a call printed against its word may be read as one word or as two
    for w in list(got):
        m = re.match(r"^(.*\D)(\d+)$", w)
        if not expect[w] and m and expect[m.group(1) + m.group(2)] == 0 and expect[m.group(1)] and expect[m.group(2)]:
            got.update({m.group(1): got[w], m.group(2): got[w]})
            del got[w]
    for w in list(expect):
        m = re.match(r"^(.*\D)(\d+)$", w)
        if m and got[w] < expect[w] and got[m.group(1)] > expect[m.group(1)]:
            n = expect[w] - got[w]
            expect[w] -= n
            expect.update({m.group(1): n, m.group(2): n})
    missing, extra = expect - got, got - expect
    if missing or extra:
        sys.exit(f"{gold['id']}: verification failed\n  missing: {dict(missing)}\n  extra: {dict(extra)}")
    if gold["layout"].get("hyphens"):
        assert breaks, f"{gold['id']}: hyphens: auto but no automatic break"
    else:
        assert not breaks, f"{gold['id']}: an automatic break without hyphens: auto"
    doc.close()
    return breaks


# ---------------------------------------------------------------- main


def build(gold: dict, folder: Path) -> None:
    page = Page(gold)
    source = page.html()
    doc = weasyprint.HTML(string=source, base_url=str(folder)).render()
    out = folder / "pdf" / f"{gold['id']}.pdf"
    doc.write_pdf(out)
    stats, call_page, repeated = layout_facts(doc, page)
    stats["hyphenated words"] = verify(gold, out, page, repeated, call_page)
    for b in (b for s in gold["sections"] for b in s["paragraphs"] if isinstance(b, dict)):
        if "table" in b:
            stats[f"table {gold['layout']['tables'][b['table']['caption'].split(':')[0]]['style']}"] += 1
        elif "figure" in b:
            stats[f"figure {gold['layout']['figures'][b['figure']['caption'].split(':')[0]]['kind']}"] += 1
    print(f"{folder.name}/{gold['id']}: verified;", dict(sorted(stats.items())), "calls on pages", call_page)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--set", choices=["weasyprint-dev", "weasyprint", "all"], default="weasyprint-dev")
    ap.add_argument("ids", nargs="*")
    args = ap.parse_args()
    sets = ["weasyprint-dev", "weasyprint"] if args.set == "all" else [args.set]
    for name in sets:
        folder = ROOT / name
        (folder / "pdf").mkdir(exist_ok=True)
        for gpath in sorted((folder / "gold").glob("*.json")):
            gold = json.loads(gpath.read_text())
            if not args.ids or gold["id"] in args.ids:
                build(gold, folder)


if __name__ == "__main__":
    main()
