# ruff: noqa: E501, B007 -- long lines of embedded CSS and JavaScript
"""Build the Chromium region set: gold JSON -> HTML -> PDF (headless Chromium), then verify.

Each ``gold/<id>.json`` is the source.  Its ``layout`` dict holds what the gold
format does not say (page size, fonts, columns, chart data, which blocks span
both columns, where a region interrupts a paragraph).  For every document:

1. ``render_source()`` writes an HTML file holding every block of the document
   (title block, headings, paragraphs, tables, figures, code, formulas, lists)
   in reading order, the footnote texts, and a small paginator script.
2. Headless Chromium loads it with ``--dump-dom``.  The script lays the blocks
   into fixed-size page boxes (A4 or Letter), measuring with Chromium's own
   layout: two-column parts are CSS multi-column containers (balanced),
   paragraphs that do not fit are split between pages at a word boundary, long
   tables are split between rows with the ``<thead>`` repeated, footnotes go to
   the foot of the page that holds their call, every page gets its running
   header/footer.  Hyphenated documents are hyphenated with soft hyphens (Liang
   patterns from Debian's ``hyphen-en-us``); once a page is laid out, the soft
   hyphens where Chromium broke a line become U+2010 and the others are removed.
   The dumped DOM is saved as ``html/<id>.html`` (static, no script).
3. Chromium prints ``html/<id>.html`` to ``pdf/<id>.pdf``.
4. ``verify()`` reads the PDF with PyMuPDF and fails loudly unless every gold
   word is printed, every printed word is in the gold, each page of the PDF
   holds the words of the matching page box, no two words overlap, and every
   word ending in a hyphen ends its line.

Run: ``.venv/bin/python tests/regions/chromium/build.py [ids...]``
Needs Debian packages chromium, fonts-dejavu, fonts-liberation, hyphen-en-us.
"""
from __future__ import annotations

import base64
import html
import io
import json
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path

import numpy as np
import pymupdf
from PIL import Image, ImageFilter

HERE = Path(__file__).resolve().parent
GOLD = HERE / "gold"
HTML_DIR = HERE / "html"
PDF_DIR = HERE / "pdf"
HYPH_DIC = Path("/usr/share/hyphen/hyph_en_US.dic")
PX_PER_MM = 96 / 25.4
PAGE_MM = {"A4": (210, 297), "Letter": (215.9, 279.4)}
HYPHEN = "\u2010"


# ---------------------------------------------------------------------------
# Hyphenation (Liang's algorithm on the libhyphen en_US patterns)
# ---------------------------------------------------------------------------

class Hyphenator:
    def __init__(self, path: Path, left: int = 3, right: int = 3, min_len: int = 7):
        self.patterns: dict[str, list[int]] = {}
        self.left, self.right, self.min_len = left, right, min_len
        for line in path.read_text(encoding="utf-8").splitlines()[1:]:
            line = line.strip()
            if not line or line[0].isupper() or "/" in line or line.startswith("%"):
                continue
            letters = re.sub(r"\d", "", line)
            points = [0] * (len(letters) + 1)
            i = 0
            for ch in line:
                if ch.isdigit():
                    points[i] = int(ch)
                else:
                    i += 1
            self.patterns[letters] = points

    def points(self, word: str) -> list[int]:
        """Indexes inside ``word`` where a hyphen may go."""
        if len(word) < self.min_len or not word.isalpha() or not word.islower():
            return []
        w = "." + word.lower() + "."
        vals = [0] * (len(w) + 1)
        for i in range(len(w)):
            for j in range(i + 1, len(w) + 1):
                pat = self.patterns.get(w[i:j])
                if pat:
                    for k, v in enumerate(pat):
                        vals[i + k] = max(vals[i + k], v)
        return [i for i in range(self.left, len(word) - self.right + 1) if vals[i + 1] % 2 == 1]

    def soft(self, word: str) -> str:
        pts = self.points(word)
        out, last = [], 0
        for p in pts:
            out.append(word[last:p])
            last = p
        out.append(word[last:])
        return "\u00ad".join(out)


HYPH: Hyphenator | None = None


def hyphenate_text(text: str) -> str:
    return re.sub(r"[A-Za-z]+", lambda m: HYPH.soft(m.group(0)), text)


# ---------------------------------------------------------------------------
# Inline marks -> HTML word tokens
# ---------------------------------------------------------------------------

INLINE_RE = re.compile(r"\[\^([^\]]+)\]|\*\*(.+?)\*\*|\*(.+?)\*|\[([^\]]+)\]\(([^)]+)\)")


def inline_segments(text: str) -> list[tuple[str, str, str | None]]:
    """Split a gold string into (kind, text, href) segments; kind in plain/b/i/a/call."""
    segs, pos = [], 0
    for m in INLINE_RE.finditer(text):
        if m.start() > pos:
            segs.append(("plain", text[pos:m.start()], None))
        if m.group(1) is not None:
            segs.append(("call", m.group(1), None))
        elif m.group(2) is not None:
            segs.append(("b", m.group(2), None))
        elif m.group(3) is not None:
            segs.append(("i", m.group(3), None))
        else:
            segs.append(("a", m.group(4), m.group(5)))
        pos = m.end()
    if pos < len(text):
        segs.append(("plain", text[pos:], None))
    return segs


def word_tokens(text: str, hyph: bool) -> list[str]:
    """HTML of each printed word (a footnote call sticks to the word before it)."""
    words: list[list[str]] = [[]]
    for kind, seg, href in inline_segments(text):
        if kind == "call":
            words[-1].append(f'<sup class="fnc">{html.escape(seg)}</sup>')
            continue
        parts = re.split(r"(\s+)", seg)
        for part in parts:
            if not part:
                continue
            if part.isspace():
                if words[-1]:
                    words.append([])
                continue
            t = html.escape(part, quote=False)
            if hyph:
                t = hyphenate_text(t) if "&" not in t else t
            if kind == "b":
                t = f"<b>{t}</b>"
            elif kind == "i":
                t = f"<i>{t}</i>"
            elif kind == "a":
                t = f'<a href="{html.escape(href)}">{t}</a>'
            words[-1].append(t)
    return ["".join(w) for w in words if w]


def inline_html(text: str) -> str:
    return " ".join(word_tokens(text, False))


def plain(text: str) -> str:
    """Gold string as printed: calls, emphasis marks and link targets removed."""
    text = re.sub(r"\[\^[^\]]+\]", "", text)
    text = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", text)
    text = re.sub(r"\*\*(.+?)\*\*", r"\1", text)
    text = re.sub(r"\*(.+?)\*", r"\1", text)
    return text


# ---------------------------------------------------------------------------
# Figures: SVG charts and Pillow pictures
# ---------------------------------------------------------------------------

PALETTE = ["#1f5f8b", "#d1782c", "#4f8f3a", "#8a3b8f"]


def svg_text(x, y, s, size, anchor="middle", rotate=None, weight="normal", family="Liberation Sans"):
    tr = f' transform="rotate({rotate} {x:.1f} {y:.1f})"' if rotate else ""
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" '
            f'font-family="{family}" font-weight="{weight}"{tr}>{html.escape(s)}</text>')


def chart_svg(spec: dict, family: str) -> tuple[str, list[str]]:
    """A bar or line chart; returns the SVG and every text it draws."""
    W, H = spec.get("size", [460, 250])
    left, right, top, bottom = 58, 14, 14, 58
    legend_h = 20
    texts: list[str] = []
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {H}" width="100%" role="img">']
    x0, x1, y0, y1 = left, W - right, top + legend_h, H - bottom
    ymin, ymax, ystep = spec["y_range"]
    fmt = spec.get("y_format", "{:g}")

    def Y(v):
        return y1 - (v - ymin) / (ymax - ymin) * (y1 - y0)

    fs = spec.get("font_size", 10)
    # grid and y ticks
    v = ymin
    while v <= ymax + 1e-9:
        y = Y(v)
        out.append(f'<line x1="{x0}" y1="{y:.1f}" x2="{x1}" y2="{y:.1f}" stroke="#cccccc" stroke-width="0.6"/>')
        label = fmt.format(v)
        out.append(svg_text(x0 - 6, y + 3.5, label, fs, "end", family=family))
        texts.append(label)
        v = round(v + ystep, 9)
    out.append(f'<line x1="{x0}" y1="{y1}" x2="{x1}" y2="{y1}" stroke="#333" stroke-width="0.8"/>')
    out.append(f'<line x1="{x0}" y1="{y0}" x2="{x0}" y2="{y1}" stroke="#333" stroke-width="0.8"/>')
    cats = spec["x"]
    n = len(cats)
    series = spec["series"]
    if spec["type"] == "bar":
        band = (x1 - x0) / n
        bw = band * 0.72 / len(series)
        for i, cat in enumerate(cats):
            cx = x0 + band * (i + 0.5)
            for j, s in enumerate(series):
                val = s["values"][i]
                bx = cx - band * 0.36 + j * bw
                out.append(f'<rect x="{bx:.1f}" y="{Y(val):.1f}" width="{bw - 1:.1f}" '
                           f'height="{Y(ymin) - Y(val):.1f}" fill="{PALETTE[j]}"/>')
            out.append(svg_text(cx, y1 + 14, cat, fs, family=family))
            texts.append(cat)
    else:
        step = (x1 - x0 - 20) / (n - 1)
        X = [x0 + 10 + step * i for i in range(n)]
        for i, cat in enumerate(cats):
            out.append(f'<line x1="{X[i]:.1f}" y1="{y1}" x2="{X[i]:.1f}" y2="{y1 + 4}" stroke="#333" stroke-width="0.8"/>')
            out.append(svg_text(X[i], y1 + 15, cat, fs, family=family))
            texts.append(cat)
        for j, s in enumerate(series):
            pts = " ".join(f"{X[i]:.1f},{Y(v):.1f}" for i, v in enumerate(s["values"]) if v is not None)
            dash = ' stroke-dasharray="5 3"' if j == 1 else (' stroke-dasharray="1.5 2.5"' if j == 2 else "")
            out.append(f'<polyline points="{pts}" fill="none" stroke="{PALETTE[j]}" stroke-width="1.8"{dash}/>')
            for i, v in enumerate(s["values"]):
                if v is not None:
                    out.append(f'<circle cx="{X[i]:.1f}" cy="{Y(v):.1f}" r="2.3" fill="{PALETTE[j]}"/>')
    # axis titles
    out.append(svg_text((x0 + x1) / 2, H - 14, spec["x_title"], fs + 0.5, family=family))
    texts.append(spec["x_title"])
    out.append(svg_text(16, (y0 + y1) / 2, spec["y_title"], fs + 0.5, rotate=-90, family=family))
    texts.append(spec["y_title"])
    # legend, top right
    lx = x0 + 8
    for j, s in enumerate(series):
        if spec["type"] == "bar":
            out.append(f'<rect x="{lx}" y="{top + 2}" width="10" height="10" fill="{PALETTE[j]}"/>')
        else:
            dash = ' stroke-dasharray="5 3"' if j == 1 else (' stroke-dasharray="1.5 2.5"' if j == 2 else "")
            out.append(f'<line x1="{lx - 4}" y1="{top + 7}" x2="{lx + 14}" y2="{top + 7}" stroke="{PALETTE[j]}" stroke-width="1.8"{dash}/>')
        out.append(svg_text(lx + 18, top + 11, s["name"], fs, "start", family=family))
        texts.append(s["name"])
        lx += 18 + 6.2 * len(s["name"]) * fs / 10 + 22
    out.append("</svg>")
    return "".join(out), texts


def _noise(rng, h, w, scale):
    small = rng.random((max(2, h // scale), max(2, w // scale)))
    img = Image.fromarray((small * 255).astype(np.uint8)).resize((w, h), Image.BICUBIC)
    return np.asarray(img, dtype=np.float32) / 255.0


def picture(kind: str, seed: int, w: int = 520, h: int = 340) -> bytes:
    """A text-free raster picture, deterministic for (kind, seed)."""
    rng = np.random.default_rng(seed)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    img = np.zeros((h, w, 3), np.float32)
    if kind == "river":  # river bank with trees, water and a weir apron
        sky = np.stack([0.62 + 0.2 * yy / h, 0.74 + 0.15 * yy / h, 0.88 + 0.05 * yy / h], -1)
        img[:] = sky
        hill = h * 0.36 + 18 * np.sin(xx / 60.0 + 1.3) + 30 * _noise(rng, h, w, 90)
        trees = h * 0.30 + 26 * _noise(rng, h, w, 18) + 10 * np.sin(xx / 23.0)
        n1 = _noise(rng, h, w, 6)
        mask = yy > trees
        img[mask] = (np.stack([0.16 + 0.12 * n1, 0.30 + 0.18 * n1, 0.12 + 0.08 * n1], -1))[mask]
        bank = yy > hill + 35
        n2 = _noise(rng, h, w, 10)
        img[bank] = (np.stack([0.32 + 0.2 * n2, 0.42 + 0.2 * n2, 0.18 + 0.1 * n2], -1))[bank]
        water_top = h * 0.62 + 10 * np.sin(xx / 80.0)
        water = yy > water_top
        ripple = 0.5 + 0.5 * np.sin(yy * 0.9 + 6 * _noise(rng, h, w, 14))
        wc = np.stack([0.22 + 0.10 * ripple, 0.30 + 0.10 * ripple, 0.28 + 0.12 * ripple], -1)
        img[water] = wc[water]
        apron = (yy > h * 0.70) & (yy < h * 0.76) & (xx > w * 0.08) & (xx < w * 0.46)
        img[apron] = np.array([0.62, 0.60, 0.56]) + 0.08 * n1[apron][:, None]
    elif kind == "meadow":  # aerial view of sown strips in a meadow
        n = _noise(rng, h, w, 7)
        base = np.stack([0.28 + 0.12 * n, 0.45 + 0.15 * n, 0.20 + 0.08 * n], -1)
        img[:] = base
        d = (xx * 0.94 + yy * 0.34)
        strips = (np.sin(d / 26.0) > 0.35)
        n3 = _noise(rng, h, w, 3)
        flower = np.stack([0.70 + 0.2 * n3, 0.66 + 0.2 * n3, 0.22 + 0.1 * n3], -1)
        mix = strips & (n3 > 0.35)
        img[mix] = flower[mix]
        hedge = (yy < 26 + 8 * _noise(rng, h, w, 20))
        img[hedge] = np.array([0.12, 0.22, 0.10])
        track = np.abs(xx - (w * 0.82 + 0.25 * yy)) < 6
        img[track] = np.array([0.58, 0.52, 0.42])
    else:  # "pier": ferry pontoon at low water
        sky = np.stack([0.80 - 0.2 * yy / h, 0.84 - 0.15 * yy / h, 0.92 - 0.05 * yy / h], -1)
        img[:] = sky
        far = yy > h * 0.40 + 6 * _noise(rng, h, w, 40)
        img[far] = np.array([0.40, 0.44, 0.42])
        sea = yy > h * 0.46
        n = _noise(rng, h, w, 12)
        img[sea] = (np.stack([0.38 + 0.1 * n, 0.46 + 0.1 * n, 0.52 + 0.1 * n], -1))[sea]
        mud = yy > h * 0.60 + 20 * _noise(rng, h, w, 60)
        n2 = _noise(rng, h, w, 4)
        img[mud] = (np.stack([0.42 + 0.15 * n2, 0.36 + 0.12 * n2, 0.27 + 0.1 * n2], -1))[mud]
        for px in (0.18, 0.30, 0.42, 0.54):  # piles
            pile = (np.abs(xx - w * px) < 4) & (yy > h * 0.42) & (yy < h * 0.78)
            img[pile] = np.array([0.18, 0.15, 0.12])
        deck = (yy > h * 0.40) & (yy < h * 0.44) & (xx < w * 0.60)
        img[deck] = np.array([0.30, 0.26, 0.22])
        pont = (yy > h * 0.66) & (yy < h * 0.72) & (xx > w * 0.52) & (xx < w * 0.90)
        img[pont] = np.array([0.55, 0.55, 0.52])
        boat = (yy > h * 0.52) & (yy < h * 0.58) & (xx > w * 0.64) & (xx < w * 0.86)
        img[boat] = np.array([0.85, 0.84, 0.80])
        cabin = (yy > h * 0.47) & (yy < h * 0.52) & (xx > w * 0.70) & (xx < w * 0.80)
        img[cabin] = np.array([0.20, 0.35, 0.55])
    grain = rng.normal(0, 0.02, (h, w, 1)).astype(np.float32)
    img = np.clip(img + grain, 0, 1)
    pic = Image.fromarray((img * 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(0.8))
    buf = io.BytesIO()
    pic.save(buf, format="PNG", optimize=True)
    return buf.getvalue()


# ---------------------------------------------------------------------------
# Gold -> source HTML
# ---------------------------------------------------------------------------

NUM_RE = re.compile(r"^[+\-\u2212]?[£$]?[\d,]*\.?\d+(%| ?[a-zA-Z%/]+)?$|^$")


def table_html(tab: dict, spec: dict, num: str) -> str:
    rows = tab["rows"]
    hr = tab.get("header_rows", 1)
    style = spec.get("style", "grid" if tab["ruled"] else "none")
    cls = f"tbl {style}"
    parts = []
    cap_mode = spec.get("caption", "p")
    if tab.get("caption") and cap_mode == "p":
        parts.append(f'<p class="tcap">{inline_html(tab["caption"])}</p>')
    parts.append(f'<table class="{cls}" data-cols="{len(rows[0])}">')
    if tab.get("caption") and cap_mode == "caption":
        parts.append(f"<caption>{inline_html(tab['caption'])}</caption>")
    widths = spec.get("widths")
    if widths:
        parts.append("<colgroup>" + "".join(f'<col style="width:{w}">' for w in widths) + "</colgroup>")
    ncols = len(rows[0])
    numeric = []
    for c in range(ncols):
        body = [r[c] for r in rows[hr:]]
        numeric.append(c > 0 and all(NUM_RE.match(x.replace(" ", "")) for x in body))
    parts.append("<thead>")
    for r in rows[:hr]:
        parts.append("<tr>")
        c = 0
        while c < ncols:
            span = 1
            while c + span < ncols and r[c + span] == r[c] and r[c]:
                span += 1
            a = ' class="num"' if numeric[c] and span == 1 else (' class="span"' if span > 1 else "")
            cs = f' colspan="{span}"' if span > 1 else ""
            parts.append(f"<th{cs}{a}>{inline_html(r[c])}</th>")
            c += span
        parts.append("</tr>")
    parts.append("</thead><tbody>")
    bold_rows = set(spec.get("bold_rows", []))
    for i, r in enumerate(rows[hr:]):
        rc = ' class="tot"' if i in bold_rows or (i - len(rows) + hr) in bold_rows else ""
        parts.append(f"<tr{rc}>" + "".join(
            f'<td{" class=num" if numeric[c] else ""}>{inline_html(x)}</td>' for c, x in enumerate(r)) + "</tr>")
    parts.append("</tbody></table>")
    return "".join(parts)


def block_attrs(kind: str, span: bool, extra: str = "") -> str:
    return f'data-kind="{kind}"' + (' data-span="1"' if span else "") + extra


def render_source(gold: dict) -> tuple[str, dict]:
    L = gold["layout"]
    hyph = L.get("hyphenate", False)
    cols = L.get("columns", 1)
    pw, ph = PAGE_MM[L.get("page", "A4")]
    mt, mr, mb, ml = L["margins_mm"]
    body_h_mm = ph - mt - mb
    span_keys = set(L.get("span", []))
    span_sections = set(L.get("span_sections", []))
    insets = L.get("inset", {})
    figs = L.get("figures", {})
    tabs = L.get("tables", {})
    counts = {"table": 0, "figure": 0}
    label_check: dict[str, list[str]] = {}
    blocks: list[str] = []
    pid = 0

    def para_block(words: list[str], span: bool, cls: str = "", lo: int = 0, hi: int | None = None,
                   snap: bool = False, pidv: int = 0) -> str:
        hi = len(words) if hi is None else hi
        data = html.escape(json.dumps(words, ensure_ascii=False), quote=True)
        extra = f' data-words="{data}" data-lo="{lo}" data-hi="{hi}" data-pid="{pidv}"'
        if snap:
            extra += ' data-snap="1"'
        return f'<p class="{cls}" {block_attrs("para", span, extra)}></p>'

    # title block
    tb = [f'<div class="title">{inline_html(gold["title"])}</div>']
    for fm in gold.get("front_matter", []):
        tb.append(f'<p class="fm">{inline_html(fm)}</p>')
    blocks.append(f'<div class="titleblock" {block_attrs("title", True)}>{"".join(tb)}</div>')

    for si, sec in enumerate(gold["sections"]):
        sspan = sec["heading"] in span_sections
        lvl = sec["level"]
        blocks.append(f'<h{lvl} {block_attrs("heading", sspan)}>{inline_html(sec["heading"])}</h{lvl}>')
        paras = sec["paragraphs"]
        first = True
        pending_tail: str | None = None
        for pi, entry in enumerate(paras):
            if isinstance(entry, str):
                pid += 1
                words = word_tokens(entry, hyph)
                cls = "first" if first else ""
                nxt = paras[pi + 1] if pi + 1 < len(paras) else None
                key = None
                if isinstance(nxt, dict) and ("table" in nxt or "figure" in nxt):
                    kind = "table" if "table" in nxt else "figure"
                    key = f"{kind} {counts[kind] + 1}"
                if key and key in insets:
                    k = insets[key]
                    blocks.append(para_block(words, sspan, cls, 0, k, snap=True, pidv=pid))
                    pending_tail = para_block(words, sspan, "cont", -1, None, pidv=pid)
                else:
                    blocks.append(para_block(words, sspan, cls, pidv=pid))
                first = False
                continue
            if "items" in entry:
                items = "".join(f"<li>{inline_html(it)}</li>" for it in entry["items"])
                blocks.append(f'<ul class="list" {block_attrs("list", sspan)}>{items}</ul>')
                first = True
            elif "table" in entry:
                counts["table"] += 1
                key = f"table {counts['table']}"
                spec = tabs.get(key, {})
                tab = entry["table"]
                long = len(tab["rows"]) > 20
                extra = ' data-split="rows"' if long else ""
                blocks.append(f'<div class="tblk{" wide" if key in span_keys else ""}" '
                              f'{block_attrs("table", sspan or key in span_keys, extra)}>'
                              f'{table_html(tab, spec, key)}</div>')
                first = spec.get("indent_after", False) is False
            elif "figure" in entry:
                counts["figure"] += 1
                key = f"figure {counts['figure']}"
                spec = figs[key]
                fig = entry["figure"]
                if spec["type"] == "raster":
                    png = picture(spec["picture"], spec["seed"], *spec.get("px", [520, 340]))
                    uri = "data:image/png;base64," + base64.b64encode(png).decode()
                    inner = f'<img src="{uri}" alt="" style="width:{spec.get("width", "100%")}">'
                    drawn: list[str] = []
                else:
                    inner, drawn = chart_svg(spec, spec.get("font", "Liberation Sans"))
                    inner = f'<div class="chart" style="width:{spec.get("width", "100%")}">{inner}</div>'
                label_check[key] = drawn
                cap = f"<figcaption>{inline_html(fig['caption'])}</figcaption>" if fig.get("caption") else ""
                blocks.append(f'<figure {block_attrs("figure", sspan or key in span_keys)}>{inner}{cap}</figure>')
                if sorted(set(drawn)) != sorted(set(fig["labels"])):
                    raise SystemExit(f"{gold['id']}: {key} labels differ from the drawn text:\n"
                                     f"  drawn {sorted(set(drawn))}\n  gold  {sorted(set(fig['labels']))}")
                first = True
            elif "code" in entry:
                blocks.append(f'<pre {block_attrs("code", sspan)}>{html.escape(entry["code"])}</pre>')
                first = True
            elif "formula" in entry:
                blocks.append(f'<div class="formula" {block_attrs("formula", sspan)}>'
                              f'{html.escape(entry["formula"])}</div>')
                first = L.get("indent_after_formula", False) is False
            if pending_tail and ("table" in entry or "figure" in entry):
                blocks.append(pending_tail)
                pending_tail = None
                first = False

    fns = []
    for fn in gold.get("footnotes", []):
        lab = html.escape(fn["label"])
        fns.append(f'<div class="fn" data-label="{lab}"><span class="fnl">{lab}</span> '
                   f'{inline_html(fn["text"])}</div>')

    cfg = {
        "columns": cols,
        "body_h": body_h_mm * PX_PER_MM,
        "fn_gap": L.get("fn_gap_mm", 4) * PX_PER_MM,
        "safety": 3,
        "header": gold.get("header"),
        "header_first_page": L.get("header_first_page", True),
        "footer": gold.get("footer"),
        "hyphenate": hyph,
    }
    css = page_css(gold)
    doc = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(gold['title'])}</title>
<style>{css}</style></head>
<body>
<div id="book"></div>
<div id="src">{''.join(blocks)}</div>
<div id="fnsrc">{''.join(fns)}</div>
<script id="cfg" type="application/json">{json.dumps(cfg)}</script>
<script>{PAGINATOR}</script>
</body></html>"""
    return doc, label_check


def page_css(gold: dict) -> str:
    L = gold["layout"]
    pw, ph = PAGE_MM[L.get("page", "A4")]
    mt, mr, mb, ml = L["margins_mm"]
    font = L["font"]
    hfont = L.get("heading_font", font)
    size = L["size_pt"]
    lead = L.get("leading", 1.3)
    accent = L.get("accent", "#000")
    indent = L.get("paragraph", "indent") == "indent"
    gap = L.get("gutter_mm", 7)
    rule = L.get("column_rule", False)
    hyph = L.get("hyphenate", False)
    tsize = L.get("table_size_pt", size - 1)
    mono = L.get("mono_font", "DejaVu Sans Mono")
    title_size = L.get("title_size_pt", 22)
    title_align = L.get("title_align", "left")
    return f"""
@page {{ size: {pw}mm {ph}mm; margin: 0; }}
* {{ box-sizing: border-box; }}
html, body {{ margin: 0; padding: 0; }}
body {{ font-family: "{font}"; font-size: {size}pt; line-height: {lead}; color: #111;
  -webkit-print-color-adjust: exact; print-color-adjust: exact; }}
#src, #fnsrc {{ position: absolute; left: -10000px; top: 0; width: {pw - ml - mr}mm; visibility: hidden; }}
.page {{ position: relative; width: {pw}mm; height: {ph}mm; overflow: hidden; break-after: page; }}
.page:last-child {{ break-after: auto; }}
.hdr, .ftr {{ position: absolute; left: {ml}mm; right: {mr}mm; font-family: "{hfont}"; font-size: {L.get('running_size_pt', 8.5)}pt;
  color: #444; line-height: 1.2; }}
.hdr {{ top: {L.get('header_mm', 10)}mm; text-align: {L.get('header_align', 'left')};
  {'border-bottom: 0.5pt solid #888; padding-bottom: 1mm;' if L.get('header_rule') else ''} }}
.ftr {{ bottom: {L.get('footer_mm', 10)}mm; text-align: {L.get('footer_align', 'center')}; }}
.body {{ position: absolute; top: {mt}mm; left: {ml}mm; right: {mr}mm; height: {ph - mt - mb}mm; }}
.flow {{ display: flow-root; }}
.cols {{ column-count: {L.get('columns', 1)}; column-gap: {gap}mm; column-fill: balance;
  {'column-rule: 0.5pt solid #999;' if rule else ''} }}
.fns {{ position: absolute; left: {ml}mm; right: {mr}mm; bottom: {mb}mm; font-size: {L.get('fn_size_pt', size - 2)}pt;
  line-height: 1.25; display: none; }}
.fnrule {{ width: 40mm; border-top: 0.5pt solid #333; margin-bottom: 1.2mm; }}
.fn {{ margin: 0 0 0.6mm 0; text-align: left; }}
.fnl {{ {'vertical-align: super; font-size: 75%;' if L.get('fn_label', 'sup') == 'sup' else ''} }}
sup.fnc {{ font-size: 70%; line-height: 0; vertical-align: super; }}
p {{ margin: 0; text-align: {L.get('align', 'justify')}; {'hyphens: manual;' if hyph else ''} orphans: 2; widows: 2; }}
p + p {{ {'text-indent: 1.2em;' if indent else 'margin-top: 0.55em;'} }}
p.cont {{ text-indent: 0 !important; }}
{'' if indent else 'p.cont { margin-top: 0; }'}
{'p.brk { text-align-last: justify; }' if L.get('align', 'justify') == 'justify' else ''}
.titleblock {{ margin: 0 0 {L.get('title_gap_mm', 6)}mm 0; padding-bottom: 3mm;
  {'border-bottom: 1.2pt solid ' + accent + ';' if L.get('title_rule', True) else ''} text-align: {title_align}; }}
.title {{ font-family: "{hfont}"; font-weight: bold; font-size: {title_size}pt; line-height: 1.15; color: {accent};
  margin-bottom: 2mm; }}
.titleblock p.fm {{ text-align: {title_align}; text-indent: 0; margin: 0.5mm 0 0 0; font-size: {size + 0.5}pt;
  {'font-style: italic;' if L.get('front_matter_italic') else ''} }}
h1, h2 {{ font-family: "{hfont}"; color: {accent}; break-after: avoid; line-height: 1.2; }}
h1 {{ font-size: {L.get('h1_pt', size + 3)}pt; margin: {L.get('h1_before_mm', 5)}mm 0 2mm 0; }}
h2 {{ font-size: {L.get('h2_pt', size + 1)}pt; margin: 3.5mm 0 1.5mm 0; }}
.flow > h1:first-child, .flow > h2:first-child, .cols > h1:first-child, .cols > h2:first-child {{ margin-top: 0; }}
.tblk {{ margin: 3mm 0 3.5mm 0; break-inside: avoid; }}
.tcap, caption {{ font-family: "{hfont}"; font-size: {tsize}pt; font-weight: {L.get('caption_weight', 'bold')};
  text-align: {L.get('caption_align', 'left')}; text-indent: 0 !important; margin: 0 0 1.5mm 0; caption-side: top;
  line-height: 1.25; }}
caption {{ padding-bottom: 1.5mm; }}
table.tbl {{ border-collapse: collapse; width: {L.get('table_width', '100%')}; font-size: {tsize}pt; line-height: 1.25;
  font-family: "{L.get('table_font', font)}"; hyphens: manual; }}
table.tbl th {{ font-weight: bold; text-align: left; vertical-align: bottom; }}
table.tbl th, table.tbl td {{ padding: 0.8mm 1.6mm; }}
table.tbl td {{ vertical-align: top; }}
table.tbl .num {{ text-align: right; }}
table.tbl th.span {{ text-align: center; }}
table.tbl tr.tot td {{ font-weight: bold; }}
table.grid th, table.grid td {{ border: 0.6pt solid #555; }}
table.grid thead th {{ background: {L.get('table_head_bg', '#e9eef3')}; }}
table.rows {{ border-top: 1pt solid #222; border-bottom: 1pt solid #222; }}
table.rows th {{ border-bottom: 0.8pt solid #222; }}
table.rows td {{ border-bottom: 0.4pt solid #999; }}
table.none th, table.none td {{ border: none; }}
table.none th {{ padding-bottom: 1.4mm; }}
figure {{ margin: 3mm 0 3.5mm 0; break-inside: avoid; text-align: center; }}
figure img {{ display: block; margin: 0 auto; }}
.chart {{ margin: 0 auto; }}
.chart svg {{ display: block; }}
figcaption {{ font-family: "{hfont}"; font-size: {L.get('figcaption_pt', size - 1)}pt; line-height: 1.25;
  text-align: {L.get('figcaption_align', 'left')}; margin-top: 1.5mm; }}
pre {{ font-family: "{mono}"; font-size: {L.get('code_pt', size - 1.5)}pt; line-height: 1.3; margin: 3mm 0;
  padding: 2mm 3mm; background: #f3f3f1; border-left: 2pt solid #9aa; white-space: pre; break-inside: avoid; }}
.formula {{ text-align: center; margin: 2.5mm 0; font-family: "{L.get('formula_font', 'DejaVu Serif')}"; font-style: italic;
  font-size: {size + 0.5}pt; }}
ul.list {{ margin: 1.5mm 0 2mm 0; padding-left: 6mm; }}
ul.list li {{ margin: 0.6mm 0; text-align: left; }}
a {{ color: inherit; text-decoration: none; }}
"""


# ---------------------------------------------------------------------------
# The paginator, run inside Chromium
# ---------------------------------------------------------------------------

PAGINATOR = r"""
(function () {
  const C = JSON.parse(document.getElementById('cfg').textContent);
  const src = document.getElementById('src');
  const book = document.getElementById('book');
  const fnMap = {};
  for (const f of document.getElementById('fnsrc').children) fnMap[f.dataset.label] = f;
  const stats = {page_splits: 0, column_splits: 0, region_splits: 0, table_splits: 0, hyphens: 0,
                 footnotes_by_page: [], overflow: []};
  const placedFn = new Set();
  const pidEnd = {};
  let pageNo = 0, page, flow, fns;

  function div(cls, text) { const d = document.createElement('div'); d.className = cls;
    if (text !== undefined) d.textContent = text; return d; }
  function tmpl(t) { if (!t) return null; if (Array.isArray(t)) t = t[(pageNo - 1) % 2];
    return t.replace('{page}', String(pageNo)); }

  function newPage() {
    if (page) finishPage();
    pageNo++;
    page = div('page');
    if (C.header && (pageNo > 1 || C.header_first_page)) page.append(div('hdr', tmpl(C.header)));
    const body = div('body'); flow = div('flow'); body.append(flow);
    fns = div('fns'); fns.append(div('fnrule'));
    page.append(body, fns);
    if (C.footer) page.append(div('ftr', tmpl(C.footer)));
    book.append(page);
  }
  function fits() {
    const has = fns.children.length > 1;
    fns.style.display = has ? 'block' : 'none';
    const fnH = has ? fns.offsetHeight + C.fn_gap : 0;
    return flow.offsetHeight <= C.body_h - fnH - C.safety;
  }
  function isEmpty() { return flow.children.length === 0; }
  function container(el) {
    if (C.columns > 1 && !el.dataset.span) {
      let last = flow.lastElementChild;
      if (!last || !last.classList.contains('cols')) { last = div('cols'); flow.append(last); }
      return last;
    }
    return flow;
  }
  function place(el) {
    container(el).append(el);
    el._fns = [];
    for (const s of el.querySelectorAll('sup.fnc')) {
      const lab = s.textContent;
      if (placedFn.has(lab)) continue;
      placedFn.add(lab); el._fns.push(lab);
      const f = fnMap[lab].cloneNode(true); f.dataset.owner = '1'; fns.append(f);
      el['_fn_' + lab] = f;
    }
  }
  function unplace(el) {
    const parent = el.parentNode;
    el.remove();
    for (const lab of el._fns || []) { placedFn.delete(lab); el['_fn_' + lab].remove(); }
    el._fns = [];
    if (parent && parent.classList.contains('cols') && parent.children.length === 0) parent.remove();
  }
  function lastPlaced() {
    let last = flow.lastElementChild;
    if (last && last.classList.contains('cols')) last = last.lastElementChild;
    return last;
  }
  function takeTrailingHeadings() {
    const carried = [];
    let last = lastPlaced();
    while (last && last.dataset.kind === 'heading') { unplace(last); carried.unshift(last); last = lastPlaced(); }
    return carried;
  }
  function breakPage() {
    const carried = takeTrailingHeadings();
    newPage();
    for (const h of carried) place(h);
  }

  function makePara(b, lo, hi) {
    const words = JSON.parse(b.dataset.words);
    const p = b.cloneNode(false);
    p.removeAttribute('data-words');
    p.innerHTML = words.slice(lo, hi).join(' ');
    if (lo > 0) { p.classList.remove('first'); p.classList.add('cont'); }
    if (hi < words.length) p.classList.add('brk');
    p.dataset.lo = lo; p.dataset.hi = hi; p.dataset.n = words.length;
    return p;
  }
  function tryFit(el) { place(el); const ok = fits(); unplace(el); return ok; }

  function handlePara(b) {
    const n = JSON.parse(b.dataset.words).length;
    let lo = parseInt(b.dataset.lo, 10);
    if (lo < 0) lo = pidEnd[b.dataset.pid];
    let hi = parseInt(b.dataset.hi, 10);
    const snap = b.dataset.snap === '1';
    const MIN_HEAD = 9, MIN_TAIL = 7;
    for (let guard = 0; guard < 50; guard++) {
      let end = hi;
      if (snap) {
        // end the fragment where Chromium ends a line, at or before word `hi`
        const h = (k) => { const p = makePara(b, lo, k); p.classList.remove('brk'); place(p);
          const v = p.offsetHeight; unplace(p); return v; };
        let k = Math.min(hi, n - 1);
        while (k > lo + 1 && !(h(k + 1) > h(k))) k--;
        end = k;
      }
      const whole = makePara(b, lo, end);
      if (snap) whole.classList.add('brk');
      if (tryFit(whole)) {
        place(whole);
        if (snap) { pidEnd[b.dataset.pid] = end; stats.region_splits++; }
        return;
      }
      // split: the longest head that fits on this page
      let a = lo + MIN_HEAD, z = end - MIN_TAIL, best = -1;
      while (a <= z) {
        const m = (a + z) >> 1;
        if (tryFit(makePara(b, lo, m))) { best = m; a = m + 1; } else z = m - 1;
      }
      if (best > 0) {
        const head = makePara(b, lo, best); place(head);
        stats.page_splits++;
        newPage();
        lo = best;
        continue;
      }
      if (isEmpty()) { stats.overflow.push('paragraph too long'); place(whole); return; }
      breakPage();
    }
  }

  function makeTable(b, from, to, first) {
    const el = b.cloneNode(true);
    const tb = el.querySelector('tbody');
    const rows = Array.from(tb.children);
    rows.forEach((r, i) => { if (i < from || i >= to) r.remove(); });
    if (!first) { const c = el.querySelector('.tcap, caption'); if (c) c.remove(); el.classList.add('contd'); }
    return el;
  }
  function handleTable(b) {
    const n = b.querySelectorAll('tbody tr').length;
    let from = 0;
    for (let guard = 0; guard < 20; guard++) {
      const rest = makeTable(b, from, n, from === 0);
      if (tryFit(rest)) { place(rest); return; }
      let a = from + 3, z = n - 3, best = -1;
      while (a <= z) {
        const m = (a + z) >> 1;
        if (tryFit(makeTable(b, from, m, from === 0))) { best = m; a = m + 1; } else z = m - 1;
      }
      if (best > 0) { place(makeTable(b, from, best, from === 0)); stats.table_splits++; newPage(); from = best; continue; }
      if (isEmpty()) { stats.overflow.push('table too long'); place(rest); return; }
      breakPage();
    }
  }
  function handleWhole(b) {
    const el = b.cloneNode(true);
    if (tryFit(el)) { place(el); return; }
    if (!isEmpty()) breakPage();
    place(el);
    if (!fits()) stats.overflow.push('block does not fit an empty page: ' + b.dataset.kind);
  }

  // Soft hyphens: keep the ones where a line breaks (as U+2010), drop the others.
  function fixHyphens(root) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const nodes = [];
    while (walker.nextNode()) if (walker.currentNode.data.indexOf('\u00ad') >= 0) nodes.push(walker.currentNode);
    const used = [];
    for (const node of nodes) {
      const marks = [];
      const d = node.data;
      for (let i = 0; i < d.length; i++) {
        if (d[i] !== '\u00ad') continue;
        // the rects of the three characters around it: a second line box means a break there
        const r = document.createRange(); r.setStart(node, i - 1); r.setEnd(node, i + 2);
        const rs = Array.from(r.getClientRects()).filter(q => q.width > 0.1);
        const f = rs[0], l = rs[rs.length - 1];
        marks.push(rs.length > 1 && (Math.abs(l.top - f.top) > 2 || l.left < f.left) ? 'U' : 'X');
      }
      used.push([node, marks]);
    }
    for (const [node, marks] of used) {
      let k = 0, out = '';
      for (const ch of node.data) {
        if (ch === '\u00ad') { if (marks[k++] === 'U') { out += '\u2010'; stats.hyphens++; } }
        else out += ch;
      }
      node.data = out;
    }
  }
  function finishPage() {
    if (C.hyphenate) {
      const before = flow.offsetHeight;
      fixHyphens(flow);
      if (flow.offsetHeight !== before) stats.overflow.push('layout changed after hyphen fix on page ' + pageNo);
    }
    if (!fits()) stats.overflow.push('page ' + pageNo + ' overflows');
    for (const p of flow.querySelectorAll('.cols > p')) {
      const r = document.createRange(); r.selectNodeContents(p);
      const xs = Array.from(r.getClientRects()).map(q => q.left);
      if (xs.length && Math.max(...xs) - Math.min(...xs) > p.parentNode.clientWidth / 3) stats.column_splits++;
    }
    stats.footnotes_by_page.push(Array.from(fns.querySelectorAll('.fn')).map(f => f.dataset.label));
  }

  newPage();
  for (const b of Array.from(src.children)) {
    const k = b.dataset.kind;
    if (k === 'para') handlePara(b);
    else if (k === 'table' && b.dataset.split === 'rows') handleTable(b);
    else handleWhole(b);
  }
  finishPage(); page = null;
  stats.pages = pageNo;
  for (const p of book.querySelectorAll('p[data-lo]')) {
    for (const a of ['data-lo', 'data-hi', 'data-pid', 'data-snap', 'data-n', 'data-kind', 'data-span']) p.removeAttribute(a);
  }
  for (const e of book.querySelectorAll('[data-kind], [data-owner], [data-span], [data-split]')) {
    for (const a of ['data-kind', 'data-owner', 'data-span', 'data-split']) e.removeAttribute(a);
  }
  document.getElementById('src').remove();
  document.getElementById('fnsrc').remove();
  document.getElementById('cfg').remove();
  const s = document.createElement('script'); s.type = 'application/json'; s.id = 'stats';
  s.textContent = JSON.stringify(stats); document.body.append(s);
  document.currentScript.remove();
})();
"""


# ---------------------------------------------------------------------------
# Chromium
# ---------------------------------------------------------------------------

def chromium_cmd(profile: str) -> list[str]:
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    if not exe:
        raise SystemExit("chromium not found: apt-get install chromium fonts-dejavu fonts-liberation hyphen-en-us")
    return [exe, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-extensions", "--disable-default-apps", "--mute-audio", "--hide-scrollbars",
            "--font-render-hinting=none", f"--user-data-dir={profile}"]


def chromium_version() -> str:
    exe = shutil.which("chromium")
    out = subprocess.run([exe, "--version"], capture_output=True, text=True).stdout.strip()
    return out


def run_chromium(args: list[str], profile: str) -> str:
    r = subprocess.run(chromium_cmd(profile) + args, capture_output=True, text=True, timeout=180)
    if r.returncode != 0:
        raise SystemExit(f"chromium failed ({r.returncode}): {r.stderr[-2000:]}")
    return r.stdout


def paginate(src_path: Path, profile: str) -> tuple[str, dict]:
    dom = run_chromium(["--window-size=1200,1600", "--dump-dom", src_path.as_uri()], profile)
    m = re.search(r'<script type="application/json" id="stats">(.*?)</script>', dom, re.S)
    if not m:
        raise SystemExit(f"{src_path.name}: the paginator did not run")
    stats = json.loads(html.unescape(m.group(1)) if "&quot;" in m.group(1) else m.group(1))
    dom = dom[:m.start()] + dom[m.end():]
    return "<!DOCTYPE html>\n" + dom, stats


FIXED_DATE = b"D:20260301000000+00'00'"


def print_pdf(html_path: Path, pdf_path: Path, profile: str) -> None:
    run_chromium(["--no-pdf-header-footer", "--generate-pdf-document-outline=false",
                  f"--print-to-pdf={pdf_path}", html_path.as_uri()], profile)
    # The only bytes that change between builds are the creation and modification dates:
    # overwrite them in place with a fixed date of the same length (offsets stay valid).
    data = pdf_path.read_bytes()
    fixed = re.sub(rb"/(CreationDate|ModDate) \(D:\d{14}[+\-Z][^)]*\)",
                   lambda m: b"/" + m.group(1) + b" (" + FIXED_DATE[:len(m.group(0)) - len(m.group(1)) - 4]
                   .ljust(len(m.group(0)) - len(m.group(1)) - 4, b" ") + b")", data)
    if len(fixed) != len(data):
        raise SystemExit(f"{pdf_path.name}: date patch changed the file length")
    pdf_path.write_bytes(fixed)


# ---------------------------------------------------------------------------
# Verification
# ---------------------------------------------------------------------------

BREAKERS = ("-", HYPHEN, "\u2013", "\u2014", "/")


def norm(s: str) -> str:
    return unicodedata.normalize("NFC", s.replace("\u00ad", ""))


def gold_texts(gold: dict) -> list[tuple[str, str]]:
    """(where, text) for everything the body of the PDF must print."""
    out = [("title", gold["title"])]
    out += [("front_matter", t) for t in gold.get("front_matter", [])]
    out += [("toc", t) for t in gold.get("toc", [])]
    for sec in gold["sections"]:
        out.append(("heading", sec["heading"]))
        for e in sec["paragraphs"]:
            if isinstance(e, str):
                out.append(("paragraph", plain(e)))
            elif "items" in e:
                out += [("item", plain(t)) for t in e["items"]]
            elif "table" in e:
                t = e["table"]
                if t.get("caption"):
                    out.append(("caption", plain(t["caption"])))
                out += [("cell", plain(c)) for r in t["rows"] for c in r]
            elif "figure" in e:
                f = e["figure"]
                if f.get("caption"):
                    out.append(("caption", plain(f["caption"])))
                out += [("label", x) for x in f["labels"]]
            elif "code" in e:
                out += [("code", line) for line in e["code"].split("\n")]
            elif "formula" in e:
                out.append(("formula", e["formula"]))
    for fn in gold.get("footnotes", []):
        out.append(("footnote", fn["label"] + " " + plain(fn["text"])))
    return out


def call_variants(word: str, labels: list[str]) -> set[str]:
    """A word with a footnote call glued to it ("levels1," -> "levels,")."""
    out = {word}
    for lab in labels:
        for m in re.finditer(re.escape(lab), word):
            before, after = word[:m.start()], word[m.end():]
            if before and not before[-1].isdigit() and re.fullmatch(r"[.,;:)\]]*", after):
                out.add(before + after)
    return out


def page_box_words(page_html: str) -> list[str]:
    """Words of one page box of the paginated HTML, as Chromium prints them."""
    t = re.sub(r"<(svg)\b.*?</\1>", lambda m: " " + " ".join(re.findall(r">([^<>]+)</text>", m.group(0))) + " ",
               page_html, flags=re.S)
    t = re.sub(r"<img[^>]*>", " ", t)
    t = re.sub(r"</?(sup|sub|b|i|a|em|strong|span)\b[^>]*>", "", t)
    t = re.sub(r"<[^>]+>", " ", t)
    t = norm(html.unescape(t))
    t = t.replace(HYPHEN, HYPHEN + " ")
    return t.split()


def split_ok(word: str, words: set[str]) -> bool:
    """The word is printed whole, or broken after a hyphen, dash or slash at a line end."""
    if word in words:
        return True
    return any(word[:i].endswith(BREAKERS) and word[:i] in words and split_ok(word[i:], words)
               for i in range(1, len(word)))


def verify(gold: dict, pdf_path: Path, html_text: str, stats: dict) -> dict:
    doc = pymupdf.open(pdf_path)
    errors: list[str] = []
    labels = [f["label"] for f in gold.get("footnotes", [])]
    pages_words = [[(w[0], w[1], w[2], w[3], norm(w[4]), w[5], w[6]) for w in p.get_text("words")] for p in doc]
    n_pages = len(doc)
    if n_pages != stats["pages"]:
        errors.append(f"PDF has {n_pages} pages, the paginator made {stats['pages']}")
    if stats["overflow"]:
        errors.append(f"paginator: {stats['overflow']}")
    pdf_set: set[str] = set()
    for pw in pages_words:
        for w in pw:
            pdf_set |= call_variants(w[4], labels)

    def printed(word: str) -> bool:
        if word in pdf_set:
            return True
        for i in range(1, len(word)):
            a, b = word[:i], word[i:]
            if b in pdf_set and ((a + HYPHEN) in pdf_set or (a.endswith(BREAKERS) and a in pdf_set)):
                return True
        return False

    # running lines
    furniture: list[set[str]] = []
    for i in range(n_pages):
        f = set()
        for key in ("header", "footer"):
            t = gold.get(key)
            if isinstance(t, list):
                t = t[i % 2]
            if t and not (key == "header" and i == 0 and not gold["layout"].get("header_first_page", True)):
                f |= set(norm(t.replace("{page}", str(i + 1))).split())
        furniture.append(f)
    for i, f in enumerate(furniture):
        page_set = {w[4] for w in pages_words[i]}
        miss = f - page_set
        if miss:
            errors.append(f"page {i + 1}: running line words missing {sorted(miss)}")

    # 1. every gold word is printed
    gold_words: set[str] = set()
    missing = []
    for where, text in gold_texts(gold):
        for w in norm(text).split():
            gold_words.add(w)
            if not printed(w):
                missing.append(f"{where}: {w!r}")
    if missing:
        errors.append(f"{len(missing)} gold words not in the PDF: {missing[:25]}")

    # 2. every printed word is in the gold (or is a running line, a list bullet, a hyphenated half)
    prefixes = {w[:i] for w in gold_words for i in range(1, len(w))}
    suffixes = {w[i:] for w in gold_words for i in range(1, len(w))}
    extra = []
    for i, pw in enumerate(pages_words):
        for w in pw:
            t = w[4]
            if t in furniture[i] or t in ("•", "\u2022") or call_variants(t, labels) & gold_words:
                continue
            if t.endswith(HYPHEN) and t[:-1] in prefixes:
                continue
            if t.endswith(BREAKERS) and t in prefixes:
                continue
            if t in suffixes:
                continue
            extra.append(f"p{i + 1}: {t!r}")
    if extra:
        errors.append(f"{len(extra)} printed words not in the gold: {extra[:25]}")

    # 3. each PDF page holds the words of its page box
    boxes = re.split(r'<div class="page">', html_text)[1:]
    if len(boxes) != n_pages:
        errors.append(f"{len(boxes)} page boxes in the HTML, {n_pages} PDF pages")
    for i, box in enumerate(boxes[:n_pages]):
        page_set = {w[4] for w in pages_words[i]}
        miss = [w for w in page_box_words(box) if not split_ok(w, page_set)]
        if miss:
            errors.append(f"page {i + 1}: words of the page box not on the PDF page: {miss[:12]}")

    # 4. no two words overlap (an overflowing page box would print over its footnotes or footer)
    for i, pw in enumerate(pages_words):
        rects = sorted(pw, key=lambda w: w[1])
        for a in range(len(rects)):
            ra = rects[a]
            for b in range(a + 1, len(rects)):
                rb = rects[b]
                if rb[1] >= ra[3]:
                    break
                ix = min(ra[2], rb[2]) - max(ra[0], rb[0])
                iy = min(ra[3], rb[3]) - max(ra[1], rb[1])
                if ix > 1 and iy > 1:
                    small = min((ra[2] - ra[0]) * (ra[3] - ra[1]), (rb[2] - rb[0]) * (rb[3] - rb[1]))
                    if ix * iy > 0.3 * small:
                        errors.append(f"page {i + 1}: words overlap: {ra[4]!r} / {rb[4]!r}")

    # 5. a word ending in U+2010 ends its line
    for i, pw in enumerate(pages_words):
        lines: dict[tuple[int, int], list] = {}
        for w in pw:
            lines.setdefault((w[5], w[6]), []).append(w)
        for ws in lines.values():
            for w in ws[:-1]:
                if w[4].endswith(HYPHEN):
                    errors.append(f"page {i + 1}: hyphen inside a line: {w[4]!r}")

    # 6. footnotes sit on the page of their call
    for i, labs in enumerate(stats["footnotes_by_page"]):
        for lab in labs:
            fn = next(f for f in gold["footnotes"] if f["label"] == lab)
            first = norm(plain(fn["text"])).split()[:3]
            page_set = {w[4] for w in pages_words[i]}
            if not all(w in page_set for w in first):
                errors.append(f"footnote {lab} not printed on page {i + 1}")
    placed = [lab for labs in stats["footnotes_by_page"] for lab in labs]
    if sorted(placed) != sorted(labels):
        errors.append(f"footnotes placed {placed}, gold has {labels}")

    if errors:
        raise SystemExit(f"VERIFY FAILED for {gold['id']}:\n  " + "\n  ".join(errors))
    hyph_words = sum(1 for pw in pages_words for w in pw if w[4].endswith(HYPHEN))
    return {"pages": n_pages, "words": sum(len(p) for p in pages_words), "hyphenated": hyph_words}


def features(gold: dict) -> dict:
    c = {"paragraphs": 0, "tables_ruled": 0, "tables_borderless": 0, "figures_svg": 0, "figures_raster": 0,
         "code": 0, "formula": 0, "lists": 0, "footnotes": len(gold.get("footnotes", []))}
    for sec in gold["sections"]:
        for e in sec["paragraphs"]:
            if isinstance(e, str):
                c["paragraphs"] += 1
            elif "items" in e:
                c["lists"] += 1
            elif "table" in e:
                c["tables_ruled" if e["table"]["ruled"] else "tables_borderless"] += 1
            elif "figure" in e:
                c["figures_svg" if e["figure"]["labels"] else "figures_raster"] += 1
            elif "code" in e:
                c["code"] += 1
            elif "formula" in e:
                c["formula"] += 1
    return c


def build(doc_id: str, profile: str, workdir: Path) -> dict:
    gold = json.loads((GOLD / f"{doc_id}.json").read_text(encoding="utf-8"))
    source, _ = render_source(gold)
    src_path = workdir / f"{doc_id}.src.html"
    src_path.write_text(source, encoding="utf-8")
    paged, stats = paginate(src_path, profile)
    html_path = HTML_DIR / f"{doc_id}.html"
    html_path.write_text(paged, encoding="utf-8")
    pdf_path = PDF_DIR / f"{doc_id}.pdf"
    print_pdf(html_path, pdf_path, profile)
    v = verify(gold, pdf_path, paged, stats)
    out = {"id": doc_id, **v, **features(gold),
           **{k: stats[k] for k in ("page_splits", "column_splits", "region_splits", "table_splits")},
           "footnotes_by_page": stats["footnotes_by_page"]}
    return out


def main(argv: list[str]) -> None:
    global HYPH
    HYPH = Hyphenator(HYPH_DIC)
    HTML_DIR.mkdir(exist_ok=True)
    PDF_DIR.mkdir(exist_ok=True)
    ids = argv or sorted(p.stem for p in GOLD.glob("*.json"))
    print(chromium_version())
    with tempfile.TemporaryDirectory(prefix="chr-regions-") as tmp:
        profile = str(Path(tmp) / "profile")
        for doc_id in ids:
            s = build(doc_id, profile, Path(tmp))
            print(json.dumps(s, ensure_ascii=False))
    print(f"OK: {len(ids)} documents built and verified")


if __name__ == "__main__":
    main(sys.argv[1:])
