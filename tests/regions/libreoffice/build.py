"""Build the LibreOffice part of the region corpus (tables, figures, captions, footnotes, code).

For every ``gold/<id>.json`` this script writes a flat ODF text document (``.fodt``) from the
gold content plus the per-document layout in ``LAYOUTS`` below, converts it with
``soffice --headless --convert-to pdf`` and writes ``pdf/<id>.pdf``.  Everything in the PDF is
made by Writer itself:

* real Writer tables (``table:table``) with ``table:table-header-rows`` (repeated on every page
  a table runs onto), ``table:number-columns-spanned`` / ``table:number-rows-spanned`` with
  covered cells, cell borders for ruled tables and no borders at all for the others;
* captions in Writer's caption paragraph styles (``Table``, ``Figure``, ``Illustration``, all
  children of ``Caption``) with ``text:sequence`` number fields, tables captioned above and
  figures below;
* raster charts: PNG files drawn with Pillow (labels are pixels, hence gold ``labels: []``),
  embedded as ``draw:image``;
* vector charts: a ``draw:g`` group of Writer drawing shapes (lines, rectangles, ellipses and
  text-bearing rectangles) anchored as a character, so their labels are real PDF text;
* footnotes as ``text:note`` (numeric, or with custom citation characters), set by Writer at
  the foot of the page under its separator line;
* two-column parts as ``text:section`` with two columns (the title stays full width); a
  full-width region inside a two-column document closes the section and opens a new one;
* a paragraph that the gold holds as one string but that Writer shows interrupted by a
  region is written as two ``text:p`` (the second in a continuation style without the space
  above), with the region between them: ``LAYOUTS[id]["splits"]`` says after which words;
* headings with Writer outline numbering (``1``, ``2.1``) or without; running header/footer
  with a page-number field.

The gold JSON is the source of the text; the layout only places it.  After converting, the
PDF is verified against the gold (see ``verify``): every word of the title, front matter,
headings, paragraphs, list items, table cells, captions, figure labels, footnotes, code lines,
formulas and running lines must be among the PDF's words (PyMuPDF ``get_text("words")``), and
every PDF word must be accounted for by the gold (bar the repeated header rows of a table that
runs onto another page).  Structural claims are checked as well: tables that must continue on
the next page, cells and captions that must wrap, footnote text below the body text.

Usage::

    .venv/bin/python tests/regions/libreoffice/build.py             # build + verify + stats
    .venv/bin/python tests/regions/libreoffice/build.py --verify-only
    .venv/bin/python tests/regions/libreoffice/build.py --png       # pages to /tmp/regions-lo-<id>-p<n>.png
    .venv/bin/python tests/regions/libreoffice/build.py --keep-odt  # also keep /tmp/regions-lo/<id>.fodt

Needs (Debian): ``libreoffice-writer-nogui hyphen-en-us fonts-liberation fonts-liberation2
fonts-crosextra-carlito fonts-crosextra-caladea``; PyMuPDF and Pillow in the venv.  LibreOffice
PDFs are not byte-reproducible (creation date and document ID change on every export); the
``.fodt`` written for a gold file is.
"""
from __future__ import annotations

import argparse
import base64
import io
import json
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from collections import Counter
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

HERE = Path(__file__).resolve().parent
GOLD_DIR = HERE / "gold"
PDF_DIR = HERE / "pdf"
PROFILE = Path(tempfile.gettempdir()) / "regions-lo-profile"
WORK = Path(tempfile.gettempdir()) / "regions-lo"

PAGE_SIZES_CM = {"A4": (21.0, 29.7), "Letter": (21.59, 27.94)}
FONT_FILES = {
    "Liberation Sans": "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
    "Liberation Sans Bold": "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
}
HYPHENS = ("-", "\u00ad", "\u2010")
MINUS = "\u2212"

# --------------------------------------------------------------------------- layouts
#
# Region ids: T<n> = n-th table of the document, F<n> = n-th figure (reading order).
#   splits      region id -> words of the preceding gold paragraph after which Writer's
#               paragraph is interrupted by that region (the rest follows the region)
#   full_width  regions that interrupt the two-column section (section closed and reopened)
#   tables      border: grid | rows | none; widths: relative column widths; spans:
#               [row, col, rowspan, colspan] (gold repeats the spanning text)
#   figures     raster (Pillow PNG) or vector (draw:g) charts with their data
#   checks      across_pages: tables that must continue on a following page;
#               wrap_cells: [table, row, col] that must print on two or more lines;
#               wrap_captions: regions whose caption must print on two lines

LAYOUTS: dict[str, dict] = {
    "fernhollow-harvest-2025": {
        "page": "A4", "margins": (1.8, 2.0, 1.6, 2.0),  # top, right, bottom, left (cm)
        "fonts": {"body": "Liberation Serif", "heading": "Liberation Sans", "mono": "Liberation Mono"},
        "body_size": 10.5, "line_height": "115%", "align": "start", "hyphenate": False,
        "columns": 1, "numbered": True, "title_size": 19, "heading_sizes": (13, 11.5),
        "splits": {"F1": "plotted in Figure 1,"},
        "full_width": [],
        "tables": {
            "T1": {"border": "grid", "widths": [3.3, 3.6, 1.2, 2.0, 1.5, 2.2], "header_fill": "#dde4ea"},
            "T2": {"border": "none", "widths": [2.5, 1.6, 1.6, 2.2], "width_cm": 9.0},
            "T3": {"border": "rows", "widths": [2.4, 2.6, 2.2, 3.2]},
        },
        "figures": {
            "F1": {"type": "raster", "width_cm": 15.0, "height_cm": 6.6, "chart": {
                "kind": "line", "y_min": 0.0, "y_max": 4.0, "y_step": 0.5, "y_fmt": "{:.1f}",
                "y_title": "Air temperature (°C)",
                "x_labels": ["1 Sep", "", "15 Sep", "", "29 Sep", "", "13 Oct", "", "27 Oct", "",
                             "10 Nov", "", "24 Nov", "", "8 Dec", "", "22 Dec"],
                "series": [
                    ("Room A", "#c0504d", [1.9, 1.6, 1.4, 1.3, 1.3, 1.2, 3.4, 1.8, 1.3, 1.2, 1.2,
                                           1.1, 1.2, 1.1, 1.1, 1.2, 1.1]),
                    ("Room B", "#1f6fb2", [1.8, 1.4, 1.2, 1.1, 1.1, 1.0, 1.0, 1.1, 1.0, 1.0, 0.9,
                                           1.0, 1.0, 0.9, 1.0, 1.0, 1.0]),
                ]}},
        },
        "checks": {"across_pages": ["T1"], "wrap_cells": [], "wrap_captions": []},
    },
    "kessler-tramways-q3-2025": {
        "page": "Letter", "margins": (1.5, 1.8, 1.4, 1.8),
        "fonts": {"body": "Carlito", "heading": "Carlito", "mono": "Liberation Mono"},
        "body_size": 10.5, "line_height": "110%", "align": "justify", "hyphenate": True,
        "columns": 2, "column_gap": 0.7, "column_rule": True, "numbered": False,
        "title_size": 20, "heading_sizes": (13, 11), "heading_color": "#7a1f2b",
        "splits": {"T1": "The monthly totals in Table 1 show"},
        "full_width": ["T2"],
        "tables": {
            "T1": {"border": "none", "widths": [1.4, 1.2, 1.3, 1.5, 1.4]},
            "T2": {"border": "grid", "widths": [1.6, 1.3, 1.6, 1.3, 1.3, 1.6, 1.3],
                   "spans": [[0, 0, 2, 1], [0, 1, 1, 3], [0, 4, 1, 3]], "header_fill": "#efe3e4"},
        },
        "figures": {
            "F1": {"type": "vector", "width_cm": 8.0, "height_cm": 5.6, "chart": {
                "kind": "bars", "categories": ["L1", "L2", "L3", "L4"],
                "y_max": 3000, "y_step": 1000, "y_fmt": "{:,.0f}", "y_title": "Boardings (thousands)",
                "series": [("Q3 2024", "#c9a3a8", [1921.0, 2433.5, 2574.2, 2415.6]),
                           ("Q3 2025", "#7a1f2b", [1862.6, 2521.9, 2927.7, 2526.8])]}},
        },
        "checks": {"across_pages": ["T2"], "wrap_cells": [], "wrap_captions": ["F1"]},
    },
    "ashcombe-library-minutes-2025-10": {
        "page": "A4", "margins": (2.0, 2.2, 1.8, 2.2),
        "fonts": {"body": "Liberation Sans", "heading": "Liberation Sans", "mono": "Liberation Mono"},
        "body_size": 10, "line_height": "120%", "align": "start", "hyphenate": False,
        "columns": 1, "numbered": False, "title_size": 15, "heading_sizes": (11.5, 10.5),
        "splits": {"F1": "which reopened in March after its refurbishment,"},
        "full_width": [],
        "tables": {
            "T1": {"border": "none", "widths": [5.0, 2.0, 2.0, 1.8], "width_cm": 12.0, "keep_together": True},
            "T2": {"border": "none", "widths": [4.6, 2.4, 2.4, 2.2], "width_cm": 12.0},
            "T3": {"border": "grid", "widths": [1.6, 7.0, 2.4, 2.3], "header_fill": "#e6e6e6"},
        },
        "figures": {
            "F1": {"type": "raster", "width_cm": 14.0, "height_cm": 6.3, "chart": {
                "kind": "bars", "y_min": 0, "y_max": 16000, "y_step": 4000, "y_fmt": "{:,.0f}",
                "y_title": "Visits",
                "x_labels": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep"],
                "series": [
                    ("Central Library", "#3b6e8f", [14210, 13650, 14980, 13120, 13440, 12870, 13960, 12650, 14110]),
                    ("Millbrook branch", "#e29a3b", [0, 0, 5120, 6840, 7010, 6920, 7480, 7160, 7590]),
                ]}},
        },
        "checks": {"across_pages": [], "wrap_cells": [["T3", 1, 1]], "wrap_captions": []},
    },
    "brindle-moor-soil-note-7": {
        "page": "A4", "margins": (1.7, 1.7, 1.5, 1.7),
        "fonts": {"body": "Caladea", "heading": "Carlito", "mono": "Liberation Mono"},
        "body_size": 10, "line_height": "112%", "align": "justify", "hyphenate": True,
        "columns": 2, "column_gap": 0.8, "column_rule": False, "balance": True, "numbered": True,
        "title_size": 18, "heading_sizes": (12, 10.5), "heading_color": "#2d5a3d",
        "code_size": 8,
        "splits": {"T1": "soil horizons at each site, and",
                   "F1": "the difference is greatest in the sphagnum at Sedge Flush,"},
        "full_width": [],
        "tables": {
            "T1": {"border": "grid", "widths": [2.2, 1.5, 2.1, 1.2], "spans": [[1, 0, 2, 1], [4, 0, 2, 1]],
                   "keep_together": True},
            "T2": {"border": "none", "widths": [2.1, 1.3, 1.5, 1.3, 0.8], "keep_together": True},
        },
        "figures": {
            "F1": {"type": "vector", "width_cm": 8.0, "height_cm": 6.0, "chart": {
                "kind": "scatter", "x_min": 2, "x_max": 10, "x_ticks": [3, 5, 7, 9],
                "y_min": 0.0, "y_max": 1.0, "y_ticks": [0.2, 0.4, 0.6, 0.8], "y_fmt": "{:.1f}",
                "x_title": "√ε", "y_title": "θ (m³/m³)", "legend": "below",
                "series": [
                    ("Heath Ridge, 10 cm", "#b5651d", (0.1138, -0.1758),
                     [(3.6, 0.24), (4.1, 0.29), (4.8, 0.37), (5.3, 0.41), (5.9, 0.50), (6.4, 0.54),
                      (7.0, 0.63), (7.6, 0.68), (8.1, 0.74)]),
                    ("Sedge Flush, 10 cm", "#2d5a3d", (0.1046, -0.0921),
                     [(5.4, 0.47), (6.0, 0.55), (6.7, 0.59), (7.2, 0.67), (7.8, 0.71), (8.3, 0.77),
                      (8.7, 0.81), (9.2, 0.86)]),
                ]}},
        },
        "checks": {"across_pages": [], "wrap_cells": [], "wrap_captions": ["T1"]},
    },
}

# --------------------------------------------------------------------------- gold text

CALL = re.compile(r"\[\^([^\]]+)\]")
INLINE = re.compile(r"\[\^([^\]]+)\]|\[([^\]]+)\]\(([^)]+)\)|\*\*(.+?)\*\*|\*(.+?)\*")


def strip_marks(text: str, calls: str = "drop") -> str:
    """Gold inline text -> printed text. calls: 'drop' the footnote calls or 'keep' their labels."""
    def sub(m):
        if m.group(1) is not None:
            return m.group(1) if calls == "keep" else ""
        if m.group(2) is not None:
            return m.group(2)
        return m.group(4) if m.group(4) is not None else m.group(5)
    return INLINE.sub(sub, text)


def regions(doc: dict) -> list[tuple[str, dict, int, int]]:
    """(region id, entry, section index, paragraph index) in reading order."""
    out, counts = [], Counter()
    for si, sec in enumerate(doc["sections"]):
        for pi, p in enumerate(sec["paragraphs"]):
            if isinstance(p, dict):
                for kind, prefix in (("table", "T"), ("figure", "F"), ("code", "C"), ("formula", "M")):
                    if kind in p:
                        counts[prefix] += 1
                        out.append((f"{prefix}{counts[prefix]}", p, si, pi))
    return out


def check_gold(doc: dict) -> None:
    """Consistency of the gold itself: footnote calls, numbering, captions, table shapes."""
    did = doc["id"]
    labels = [f["label"] for f in doc["footnotes"]]
    calls = []
    for sec in doc["sections"]:
        for p in sec["paragraphs"]:
            if isinstance(p, str):
                calls += CALL.findall(p)
            elif "items" in p:
                for item in p["items"]:
                    calls += CALL.findall(item)
    if sorted(calls) != sorted(labels) or len(set(calls)) != len(calls):
        raise SystemExit(f"{did}: footnote calls {calls} do not match footnotes {labels}")
    numeric = [c for c in calls if c.isdigit()]
    if numeric != [str(k) for k in range(1, len(numeric) + 1)]:
        raise SystemExit(f"{did}: numeric footnote calls out of order: {numeric}")
    for rid, entry, *_ in regions(doc):
        if "table" in entry:
            t = entry["table"]
            widths = {len(r) for r in t["rows"]}
            if len(widths) != 1:
                raise SystemExit(f"{did} {rid}: rows of unequal length {widths}")
    if "*" in labels:
        for sec in doc["sections"]:
            for p in sec["paragraphs"]:
                if isinstance(p, str) and re.search(r"\*\*|(?<!\^)\*(?!\])", p):
                    raise SystemExit(f"{did}: '*' footnote labels and inline '*' marks in one paragraph")


# --------------------------------------------------------------------------- charts

def _font(size: int, bold: bool = False):
    from PIL import ImageFont
    return ImageFont.truetype(FONT_FILES["Liberation Sans Bold" if bold else "Liberation Sans"], size)


def raster_chart(spec: dict, width_cm: float, height_cm: float) -> bytes:
    """A line or grouped-bar chart drawn with Pillow; all text is pixels."""
    from PIL import Image, ImageDraw

    dpi = 200
    W, H = round(width_cm / 2.54 * dpi), round(height_cm / 2.54 * dpi)
    img = Image.new("RGB", (W, H), "white")
    d = ImageDraw.Draw(img)
    f_tick, f_title = _font(22), _font(23)
    left, right, top, bottom = 120, W - 30, 70, H - 60
    y_min, y_max, y_step = spec["y_min"], spec["y_max"], spec["y_step"]

    def ypix(v):
        return bottom - (v - y_min) / (y_max - y_min) * (bottom - top)

    v = y_min
    while v <= y_max + 1e-9:
        y = ypix(v)
        d.line([(left, y), (right, y)], fill="#dddddd", width=1)
        label = spec["y_fmt"].format(v)
        tw = d.textlength(label, font=f_tick)
        d.text((left - 12 - tw, y - 13), label, fill="black", font=f_tick)
        v += y_step
    d.line([(left, top - 10), (left, bottom)], fill="black", width=2)
    d.line([(left, bottom), (right, bottom)], fill="black", width=2)
    d.text((left - 105, top - 55), spec["y_title"], fill="black", font=f_title)
    labels = spec["x_labels"]
    n = len(labels)
    slot = (right - left) / n
    for i, lab in enumerate(labels):
        x = left + slot * (i + 0.5)
        d.line([(x, bottom), (x, bottom + 6)], fill="black", width=2)
        if lab:
            tw = d.textlength(lab, font=f_tick)
            d.text((x - tw / 2, bottom + 10), lab, fill="black", font=f_tick)
    series = spec["series"]
    if spec["kind"] == "line":
        for _name, color, values in series:
            pts = [(left + slot * (i + 0.5), ypix(val)) for i, val in enumerate(values)]
            d.line(pts, fill=color, width=4)
            for x, y in pts:
                d.ellipse([x - 6, y - 6, x + 6, y + 6], fill=color)
    else:
        bw = slot * 0.8 / len(series)
        for k, (_name, color, values) in enumerate(series):
            for i, val in enumerate(values):
                x0 = left + slot * i + slot * 0.1 + k * bw
                if val > 0:
                    d.rectangle([x0, ypix(val), x0 + bw - 3, bottom - 1], fill=color)
    # legend, top right
    x = right
    for name, color, *_ in reversed(series):
        tw = d.textlength(name, font=f_tick)
        x -= tw
        d.text((x, top - 52), name, fill="black", font=f_tick)
        x -= 34
        d.rectangle([x, top - 46, x + 24, top - 30], fill=color)
        x -= 30
    buf = io.BytesIO()
    img.save(buf, format="PNG", optimize=False)
    return buf.getvalue()


class Shapes:
    """Writer drawing shapes (cm coordinates) for a draw:g group; collects the text labels."""

    def __init__(self):
        self.xml: list[str] = []
        self.labels: list[str] = []
        self.colors: dict[str, str] = {}

    def line(self, x1, y1, x2, y2, style="gAxis"):
        self.xml.append(f'<draw:line draw:style-name="{style}" svg:x1="{x1:.3f}cm" svg:y1="{y1:.3f}cm" '
                        f'svg:x2="{x2:.3f}cm" svg:y2="{y2:.3f}cm"><text:p/></draw:line>')

    def rect(self, x, y, w, h, color):
        style = self.fill_style(color)
        self.xml.append(f'<draw:rect draw:style-name="{style}" svg:x="{x:.3f}cm" svg:y="{y:.3f}cm" '
                        f'svg:width="{w:.3f}cm" svg:height="{h:.3f}cm"/>')

    def dot(self, x, y, r, color):
        style = self.fill_style(color)
        self.xml.append(f'<draw:ellipse draw:style-name="{style}" svg:x="{x - r:.3f}cm" svg:y="{y - r:.3f}cm" '
                        f'svg:width="{2 * r:.3f}cm" svg:height="{2 * r:.3f}cm"/>')

    def fill_style(self, color):
        return self.colors.setdefault(color, f"gFill{len(self.colors) + 1}")

    def text(self, x, y, w, h, label, align="center"):
        """A borderless, unfilled rectangle holding one label; (x, y) is its top-left corner."""
        self.labels.append(label)
        self.xml.append(f'<draw:rect draw:style-name="gText_{align}" svg:x="{x:.3f}cm" svg:y="{y:.3f}cm" '
                        f'svg:width="{w:.3f}cm" svg:height="{h:.3f}cm">'
                        f'<text:p text:style-name="PLab_{align}"><text:span text:style-name="TLab">'
                        f'{escape(label)}</text:span></text:p></draw:rect>')

    def styles(self) -> list[str]:
        out = []
        for color, name in self.colors.items():
            out.append(f'<style:style style:name="{name}" style:family="graphic"><style:graphic-properties '
                       f'draw:stroke="none" draw:fill="solid" draw:fill-color="{color}" '
                       'draw:shadow="hidden"/></style:style>')
        return out


def vector_chart(spec: dict, width: float, height: float, prefix: str) -> tuple[str, list[str], list[str]]:
    """-> (draw:g XML, labels drawn, graphic styles)."""
    s = Shapes()
    legend_below = spec.get("legend") == "below"
    left, right, top = 1.35, width - 0.15, 0.9 if not legend_below else 0.6
    bottom = height - (1.15 if legend_below else 0.75)
    lh = 0.36  # label box height
    if spec["kind"] == "bars":
        y_max, y_step = spec["y_max"], spec["y_step"]
        def ypos(v):
            return bottom - v / y_max * (bottom - top)
        v = 0
        while v <= y_max:
            y = ypos(v)
            if v:
                s.line(left, y, right, y, "gGrid")
            s.line(left - 0.1, y, left, y)
            s.text(0.0, y - lh / 2, left - 0.15, lh, spec["y_fmt"].format(v), "right")
            v += y_step
        cats, series = spec["categories"], spec["series"]
        slot = (right - left) / len(cats)
        bw = slot * 0.7 / len(series)
        for i, cat in enumerate(cats):
            for k, (_n, color, values) in enumerate(series):
                x0 = left + slot * i + slot * 0.15 + k * bw
                s.rect(x0, ypos(values[i]), bw * 0.92, bottom - ypos(values[i]), color)
            s.text(left + slot * i, bottom + 0.08, slot, lh, cat, "center")
        s.text(0.0, 0.05, 4.0, lh, spec["y_title"], "left")
    else:  # scatter with fitted lines
        x_min, x_max, y_min, y_max = spec["x_min"], spec["x_max"], spec["y_min"], spec["y_max"]
        def xpos(v):
            return left + (v - x_min) / (x_max - x_min) * (right - left)
        def ypos(v):
            return bottom - (v - y_min) / (y_max - y_min) * (bottom - top)
        for v in spec["y_ticks"]:
            y = ypos(v)
            s.line(left, y, right, y, "gGrid")
            s.line(left - 0.1, y, left, y)
            s.text(0.0, y - lh / 2, left - 0.15, lh, spec["y_fmt"].format(v), "right")
        for v in spec["x_ticks"]:
            x = xpos(v)
            s.line(x, bottom, x, bottom + 0.1)
            s.text(x - 0.5, bottom + 0.1, 1.0, lh, str(v), "center")
        s.text(right - 1.2, bottom + 0.1 + lh, 1.2, lh, spec["x_title"], "right")
        s.text(0.0, 0.05, 3.0, lh, spec["y_title"], "left")
        for k, (_name, color, (a, b), pts) in enumerate(spec["series"]):
            xs = [p[0] for p in pts]
            x1, x2 = min(xs) - 0.3, max(xs) + 0.3
            style = f"{prefix}gLine{k}"
            s.line(xpos(x1), ypos(a * x1 + b), xpos(x2), ypos(a * x2 + b), style)
            for x, y in pts:
                s.dot(xpos(x), ypos(y), 0.07, color)
    s.line(left, top - 0.2, left, bottom)
    s.line(left, bottom, right, bottom)
    # legend: one row, right-aligned beside the y-axis title, or left-aligned under the x axis
    if legend_below:
        x, y = left, height - lh - 0.02
        for name, color, *_ in spec["series"]:
            w = 0.17 * len(name) + 0.2
            s.rect(x, y + 0.08, 0.3, 0.2, color)
            s.text(x + 0.4, y, w, lh, name, "left")
            x += 0.4 + w + 0.3
    else:
        x = right
        for name, color, *_ in reversed(spec["series"]):
            w = 0.17 * len(name) + 0.2
            x -= w
            s.text(x, 0.05, w, lh, name, "left")
            x -= 0.4
            s.rect(x, 0.05 + 0.08, 0.3, 0.2, color)
            x -= 0.3
    styles = s.styles()
    if spec["kind"] == "scatter":
        for k, (_name, color, *_r) in enumerate(spec["series"]):
            styles.append(f'<style:style style:name="{prefix}gLine{k}" style:family="graphic">'
                          '<style:graphic-properties draw:stroke="solid" svg:stroke-width="0.035cm" '
                          f'svg:stroke-color="{color}" draw:shadow="hidden"/></style:style>')
    xml = ('<draw:g draw:style-name="gGroup" text:anchor-type="as-char" svg:y="0cm" draw:z-index="0">'
           + "".join(s.xml) + "</draw:g>")
    return xml, s.labels, styles


# --------------------------------------------------------------------------- fodt

NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
    'xmlns:xlink="http://www.w3.org/1999/xlink" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
    'xmlns:loext="urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0"'
)

NUMERIC = re.compile(r"^[+\-\u2212]?[£€]?\d[\d,]*(\.\d+)?(%| ?(t|kWh|min|cm|°C))?$")
CAPTION = re.compile(r"^(Table|Figure|Illustration|Fig\.) (\d+)(: | – )(.+)$", re.S)


class Fodt:
    def __init__(self, doc: dict, lay: dict):
        self.doc, self.lay = doc, lay
        self.auto: list[str] = []
        self.notes = 0
        self.sections = 0
        self.seq = Counter()
        self.cell_styles: dict[tuple, str] = {}
        self.z = 0
        self.vector_labels: dict[str, list[str]] = {}
        w, h = PAGE_SIZES_CM[lay["page"]]
        top, right, bottom, left = lay["margins"]
        self.text_width = w - left - right
        if lay["columns"] == 2:
            self.col_width = (self.text_width - lay["column_gap"]) / 2
        else:
            self.col_width = self.text_width
        self.in_columns = False
        self.notes_by_label = {f["label"]: f["text"] for f in doc["footnotes"]}

    # ---- inline text
    def inline(self, text: str) -> str:
        out, pos = [], 0
        for m in INLINE.finditer(text):
            out.append(escape(text[pos:m.start()]))
            if m.group(1) is not None:
                out.append(self.note(m.group(1)))
            elif m.group(2) is not None:
                out.append(f'<text:a xlink:type="simple" xlink:href={quoteattr(m.group(3))}>'
                           f'{escape(m.group(2))}</text:a>')
            elif m.group(4) is not None:
                out.append(f'<text:span text:style-name="Tbold">{escape(m.group(4))}</text:span>')
            else:
                out.append(f'<text:span text:style-name="Titalic">{escape(m.group(5))}</text:span>')
            pos = m.end()
        out.append(escape(text[pos:]))
        return "".join(out)

    def note(self, label: str) -> str:
        self.notes += 1
        cite = (f"<text:note-citation>{escape(label)}</text:note-citation>" if label.isdigit()
                else f"<text:note-citation text:label={quoteattr(label)}>{escape(label)}</text:note-citation>")
        return (f'<text:note text:id="ftn{self.notes}" text:note-class="footnote">{cite}<text:note-body>'
                f'<text:p text:style-name="Footnote">{escape(self.notes_by_label[label])}</text:p>'
                "</text:note-body></text:note>")

    # ---- columns
    def open_columns(self) -> str:
        self.sections += 1
        self.in_columns = True
        # balanced columns where a full-width region follows; the last section fills its
        # columns one after the other (Writer cannot place footnotes well in a balanced section)
        balanced = self.lay.get("balance") or self.sections <= len(self.lay.get("full_width", []))
        style = "SectBalanced" if balanced else "SectFill"
        return f'<text:section text:style-name="{style}" text:name="Columns{self.sections}">'

    def close_columns(self) -> str:
        self.in_columns = False
        return "</text:section>"

    # ---- captions
    def caption(self, text: str, style: str) -> str:
        m = CAPTION.match(text)
        if not m:
            raise SystemExit(f"{self.doc['id']}: caption {text!r} does not start with a category and number")
        word, number, sep, rest = m.groups()
        name = {"Fig.": "Figure"}.get(word, word)
        self.seq[name] += 1
        if int(number) != self.seq[name]:
            raise SystemExit(f"{self.doc['id']}: caption {text!r}: Writer numbers it {self.seq[name]}")
        field = (f'<text:sequence text:ref-name="ref{name}{self.seq[name] - 1}" text:name="{name}" '
                 f'text:formula="ooow:{name}+1" style:num-format="1">{number}</text:sequence>')
        return f'<text:p text:style-name="{style}">{escape(word)} {field}{escape(sep)}{escape(rest)}</text:p>'

    # ---- tables
    def cell_style(self, border: str, r: int, c: int, nrows: int, ncols: int, header: bool, fill: str | None,
                   span_rows: int) -> str:
        line = "0.5pt solid #000000"
        heavy = "1pt solid #000000"
        props = {"fo:padding-left": "0.1cm", "fo:padding-right": "0.1cm",
                 "fo:padding-top": "0.04cm", "fo:padding-bottom": "0.04cm"}
        if border == "grid":
            props["fo:border-left"] = line
            props["fo:border-right"] = line if c == ncols - 1 else "none"
            props["fo:border-top"] = line if r == 0 else "none"
            props["fo:border-bottom"] = line
        elif border == "rows":
            props["fo:border-left"] = props["fo:border-right"] = "none"
            props["fo:border-top"] = heavy if r == 0 else "none"
            props["fo:border-bottom"] = heavy if (header or r + span_rows == nrows) else line
        else:
            props["fo:border"] = "none"
            props["fo:padding-left"] = "0cm" if c == 0 else "0.1cm"
        if header and fill:
            props["fo:background-color"] = fill
        if span_rows > 1:
            props["style:vertical-align"] = "middle"
        key = tuple(sorted(props.items()))
        if key not in self.cell_styles:
            name = f"Cell{len(self.cell_styles) + 1}"
            self.cell_styles[key] = name
            attrs = " ".join(f'{k}="{v}"' for k, v in key)
            self.auto.append(f'<style:style style:name="{name}" style:family="table-cell">'
                             f'<style:table-cell-properties {attrs}/></style:style>')
        return self.cell_styles[key]

    def table(self, rid: str, t: dict, spec: dict) -> str:
        rows, hr = t["rows"], t["header_rows"]
        nrows, ncols = len(rows), len(rows[0])
        if spec["border"] == "none" and t["ruled"] or spec["border"] != "none" and not t["ruled"]:
            raise SystemExit(f"{self.doc['id']} {rid}: gold ruled={t['ruled']} but layout border={spec['border']}")
        avail = self.col_width if self.in_columns else self.text_width
        width = min(spec.get("width_cm", avail), avail)
        rel = spec.get("widths", [1] * ncols)
        if len(rel) != ncols:
            raise SystemExit(f"{self.doc['id']} {rid}: {ncols} columns, {len(rel)} widths")
        # spans: origin -> (rowspan, colspan); covered cells
        origin, covered = {}, set()
        for r0, c0, rs, cs in spec.get("spans", []):
            origin[(r0, c0)] = (rs, cs)
            for r in range(r0, r0 + rs):
                for c in range(c0, c0 + cs):
                    if (r, c) != (r0, c0):
                        covered.add((r, c))
                        if rows[r][c] != rows[r0][c0]:
                            raise SystemExit(f"{self.doc['id']} {rid}: spanned cell ({r},{c}) must repeat "
                                             f"{rows[r0][c0]!r} in the gold, has {rows[r][c]!r}")
        # alignment: a column whose body cells are all numbers (or empty) is right-aligned
        aligns = []
        for c in range(ncols):
            body = [rows[r][c] for r in range(hr, nrows) if rows[r][c] and (r, c) not in covered]
            aligns.append("r" if c > 0 and body and all(NUMERIC.match(v) for v in body) else "l")
        name = f"Table{rid[1:]}"
        style = f"{name}S"
        align = "margins" if abs(width - avail) < 0.01 else "left"
        split = "false" if spec.get("keep_together") else "true"  # Writer: "Allow table to split"
        self.auto.append(f'<style:style style:name="{style}" style:family="table"><style:table-properties '
                         f'style:width="{width:.3f}cm" table:align="{align}" fo:margin-top="0.05cm" '
                         f'fo:margin-bottom="0.25cm" style:may-break-between-rows="{split}"/></style:style>')
        out = [f'<table:table table:name="{name}" table:style-name="{style}">']
        # relative widths adding up to 65535 as Writer writes them; Writer misreads them in a
        # table narrower than the text (table:align="left"), so such a table gets absolute ones
        units = [round(65535 * sum(rel[: c + 1]) / sum(rel)) for c in range(ncols)]
        units = [u - (units[c - 1] if c else 0) for c, u in enumerate(units)]
        for c, wrel in enumerate(rel):
            cw = width * wrel / sum(rel)
            relw = f' style:rel-column-width="{units[c]}*"' if align == "margins" else ""
            self.auto.append(f'<style:style style:name="{style}.C{c}" style:family="table-column">'
                             f'<style:table-column-properties style:column-width="{cw:.3f}cm"{relw}/></style:style>')
            out.append(f'<table:table-column table:style-name="{style}.C{c}"/>')
        for r, row in enumerate(rows):
            if r == 0 and hr:
                out.append("<table:table-header-rows>")
            out.append("<table:table-row>")
            header = r < hr
            for c, text in enumerate(row):
                if (r, c) in covered:
                    out.append("<table:covered-table-cell/>")
                    continue
                rs, cs = origin.get((r, c), (1, 1))
                cstyle = self.cell_style(spec["border"], r, c, nrows, ncols, header, spec.get("header_fill"), rs)
                attrs = f' table:number-rows-spanned="{rs}"' if rs > 1 else ""
                attrs += f' table:number-columns-spanned="{cs}"' if cs > 1 else ""
                a = "c" if cs > 1 else aligns[c]
                pstyle = f'{"TH" if header else "TC"}_{a}'
                out.append(f'<table:table-cell table:style-name="{cstyle}" office:value-type="string"{attrs}>'
                           f'<text:p text:style-name="{pstyle}">{self.inline(text)}</text:p></table:table-cell>')
            out.append("</table:table-row>")
            if r == hr - 1:
                out.append("</table:table-header-rows>")
        out.append("</table:table>")
        return "\n".join(out)

    # ---- figures
    def figure(self, rid: str, f: dict, spec: dict) -> str:
        self.z += 1
        w, h = spec["width_cm"], spec["height_cm"]
        avail = self.col_width if self.in_columns else self.text_width
        if w > avail + 1e-6:
            raise SystemExit(f"{self.doc['id']} {rid}: figure {w} cm wider than the text ({avail:.2f} cm)")
        if spec["type"] == "raster":
            if f["labels"]:
                raise SystemExit(f"{self.doc['id']} {rid}: a raster chart has no extractable labels; gold must be []")
            png = raster_chart(spec["chart"], w, h)
            data = base64.b64encode(png).decode("ascii")
            body = (f'<draw:frame draw:style-name="frImage" draw:name="Image{self.z}" text:anchor-type="as-char" '
                    f'svg:width="{w}cm" svg:height="{h}cm" draw:z-index="{self.z}">'
                    f'<draw:image loext:mime-type="image/png"><office:binary-data>{data}</office:binary-data>'
                    "</draw:image></draw:frame>")
        else:
            body, labels, styles = vector_chart(spec["chart"], w, h, rid)
            self.auto.extend(styles)
            if sorted(labels) != sorted(f["labels"]):
                raise SystemExit(f"{self.doc['id']} {rid}: drawing labels {sorted(labels)} "
                                 f"!= gold {sorted(f['labels'])}")
            self.vector_labels[rid] = labels
        caption_style = CAPTION.match(f["caption"]).group(1).rstrip(".")
        caption_style = {"Fig": "Figure"}.get(caption_style, caption_style)
        return (f'<text:p text:style-name="Graphics_20_Para">{body}</text:p>\n'
                + self.caption(f["caption"], caption_style))

    def code(self, text: str) -> str:
        lines = text.split("\n")
        out = []
        for k, line in enumerate(lines):
            style = "Code_20_First" if k == 0 else "Code_20_Last" if k == len(lines) - 1 else "Preformatted_20_Text"
            xml = re.sub(r"( {2,})|^( )", lambda m: f'<text:s text:c="{len(m.group(0))}"/>', escape(line))
            out.append(f'<text:p text:style-name="{style}">{xml}</text:p>')
        return "\n".join(out)

    # ---- body
    def body(self) -> str:
        doc, lay = self.doc, self.lay
        regs = {(si, pi): rid for rid, _e, si, pi in regions(doc)}
        splits = dict(lay.get("splits", {}))
        full = set(lay.get("full_width", []))
        parts = ['<text:sequence-decls>'
                 + "".join(f'<text:sequence-decl text:display-outline-level="0" text:name="{n}"/>'
                           for n in ("Illustration", "Table", "Text", "Drawing", "Figure"))
                 + "</text:sequence-decls>"]
        parts.append(f'<text:p text:style-name="Title">{escape(doc["title"])}</text:p>')
        fm = doc.get("front_matter", [])
        for k, t in enumerate(fm):
            parts.append(f'<text:p text:style-name="{"Subtitle_20_Last" if k == len(fm) - 1 else "Subtitle"}">'
                         f"{self.inline(t)}</text:p>")
        if lay["columns"] == 2:
            parts.append(self.open_columns())
        counters = [0] * 10
        for si, sec in enumerate(doc["sections"]):
            level = sec["level"]
            text = sec["heading"]
            if lay["numbered"]:
                m = re.match(r"^(\d+(?:\.\d+)*) (.*)$", text)
                counters[level - 1] += 1
                counters[level:] = [0] * (10 - level)
                expect = ".".join(str(c) for c in counters[:level])
                if not m or m.group(1) != expect:
                    raise SystemExit(f"{doc['id']}: heading {text!r}: Writer's outline numbering gives {expect}")
                text = m.group(2)
            parts.append(f'<text:h text:style-name="Heading_20_{level}" text:outline-level="{level}">'
                         f"{escape(text)}</text:h>")
            paras = sec["paragraphs"]
            pending: str | None = None  # continuation of a split paragraph, emitted after the region
            for pi, p in enumerate(paras):
                rid = regs.get((si, pi))
                if isinstance(p, str):
                    nxt = regs.get((si, pi + 1))
                    if nxt in splits:
                        frag = splits.pop(nxt)
                        raw = p
                        if raw.count(frag) != 1:
                            raise SystemExit(f"{doc['id']} {nxt}: split point {frag!r} not found once in paragraph")
                        cut = raw.index(frag) + len(frag)
                        head = self.inline(raw[:cut].rstrip())
                        parts.append(f'<text:p text:style-name="Text_20_body">{head}</text:p>')
                        pending = raw[cut:].lstrip()
                    else:
                        parts.append(f'<text:p text:style-name="Text_20_body">{self.inline(p)}</text:p>')
                    continue
                if "items" in p:
                    parts.append('<text:list text:style-name="L1">')
                    for k, item in enumerate(p["items"]):
                        style = "List_20_Last" if k == len(p["items"]) - 1 else "List_20_Bullet"
                        parts.append(f'<text:list-item><text:p text:style-name="{style}">{self.inline(item)}</text:p>'
                                     "</text:list-item>")
                    parts.append("</text:list>")
                    continue
                reopen = False
                if rid in full and self.in_columns:
                    parts.append(self.close_columns())
                    reopen = True
                if "table" in p:
                    t = p["table"]
                    if t.get("caption"):
                        parts.append(self.caption(t["caption"], "Table"))
                    parts.append(self.table(rid, t, lay["tables"][rid]))
                elif "figure" in p:
                    parts.append(self.figure(rid, p["figure"], lay["figures"][rid]))
                elif "code" in p:
                    parts.append(self.code(p["code"]))
                elif "formula" in p:
                    parts.append(f'<text:p text:style-name="Formula">{escape(p["formula"])}</text:p>')
                if reopen:
                    parts.append(self.open_columns())
                if pending is not None:
                    parts.append(f'<text:p text:style-name="Text_20_body_20_cont">{self.inline(pending)}</text:p>')
                    pending = None
            if pending is not None:
                raise SystemExit(f"{doc['id']}: split paragraph without a following region")
        if splits:
            raise SystemExit(f"{doc['id']}: unused splits {splits}")
        if self.in_columns:
            parts.append(self.close_columns())
        return "\n".join(parts)

    # ---- styles
    def styles(self) -> str:
        lay = self.lay
        fonts = lay["fonts"]
        size = lay["body_size"]
        hyph = ('fo:hyphenate="true" fo:hyphenation-remain-char-count="3" fo:hyphenation-push-char-count="3" '
                'loext:hyphenation-no-caps="true"' if lay["hyphenate"] else 'fo:hyphenate="false"')
        hcolor = lay.get("heading_color", "#000000")
        h1, h2 = lay["heading_sizes"]
        s = []
        s.append('<style:default-style style:family="graphic"><style:graphic-properties draw:shadow="hidden"/>'
                 '</style:default-style>')
        s.append('<style:default-style style:family="paragraph"><style:paragraph-properties '
                 'style:writing-mode="lr-tb" style:tab-stop-distance="1.25cm"/>'
                 f'<style:text-properties style:font-name="{fonts["body"]}" fo:font-size="{size}pt" '
                 'fo:language="en" fo:country="US" fo:hyphenate="false" style:font-name-asian="DejaVu Sans" '
                 'style:font-name-complex="DejaVu Sans"/></style:default-style>')
        s.append('<style:default-style style:family="table"><style:table-properties table:border-model="collapsing"/>'
                 '</style:default-style>')
        s.append('<style:style style:name="Standard" style:family="paragraph" style:class="text"/>')
        s.append('<style:style style:name="Text_20_body" style:display-name="Text body" style:family="paragraph" '
                 'style:parent-style-name="Standard" style:class="text"><style:paragraph-properties '
                 f'fo:margin-top="0cm" fo:margin-bottom="0.2cm" fo:line-height="{lay["line_height"]}" '
                 f'fo:text-align="{lay["align"]}" style:justify-single-word="false" fo:orphans="2" fo:widows="2"/>'
                 f'<style:text-properties {hyph}/></style:style>')
        # Writer reads fo:margin-top and fo:margin-bottom as one item: a child style sets both
        s.append('<style:style style:name="Text_20_body_20_cont" style:display-name="Text body continued" '
                 'style:family="paragraph" style:parent-style-name="Text_20_body" style:class="text">'
                 '<style:paragraph-properties fo:margin-top="0.1cm" fo:margin-bottom="0.2cm"/></style:style>')
        s.append('<style:style style:name="Heading" style:family="paragraph" style:parent-style-name="Standard" '
                 'style:class="text"><style:paragraph-properties fo:keep-with-next="always"/>'
                 f'<style:text-properties style:font-name="{fonts["heading"]}" fo:font-weight="bold" '
                 f'fo:color="{hcolor}"/></style:style>')
        for level, hs, above, below in ((1, h1, 0.42, 0.16), (2, h2, 0.3, 0.12)):
            s.append(f'<style:style style:name="Heading_20_{level}" style:display-name="Heading {level}" '
                     'style:family="paragraph" style:parent-style-name="Heading" '
                     f'style:default-outline-level="{level}" style:class="text"><style:paragraph-properties '
                     f'fo:margin-top="{above}cm" fo:margin-bottom="{below}cm" fo:keep-with-next="always"/>'
                     f'<style:text-properties fo:font-size="{hs}pt"/></style:style>')
        s.append('<style:style style:name="Title" style:family="paragraph" style:parent-style-name="Heading" '
                 'style:class="chapter"><style:paragraph-properties fo:margin-top="0cm" fo:margin-bottom="0.2cm"/>'
                 f'<style:text-properties fo:font-size="{lay["title_size"]}pt"/></style:style>')
        s.append('<style:style style:name="Subtitle" style:family="paragraph" style:parent-style-name="Standard" '
                 'style:class="chapter"><style:paragraph-properties fo:margin-top="0cm" fo:margin-bottom="0.1cm"/>'
                 f'<style:text-properties style:font-name="{fonts["heading"]}" fo:font-size="{size - 0.5}pt" '
                 'fo:color="#444444"/></style:style>')
        s.append('<style:style style:name="Subtitle_20_Last" style:display-name="Subtitle Last" '
                 'style:family="paragraph" style:parent-style-name="Subtitle" style:class="chapter">'
                 '<style:paragraph-properties fo:margin-bottom="0.45cm" fo:padding-bottom="0.15cm" '
                 f'fo:border-bottom="0.75pt solid {hcolor}"/></style:style>')
        # captions: Writer's Caption style and its category children
        s.append('<style:style style:name="Caption" style:family="paragraph" style:parent-style-name="Standard" '
                 'style:class="extra"><style:paragraph-properties fo:margin-top="0.1cm" fo:margin-bottom="0.2cm" '
                 'text:number-lines="false" text:line-number="0"/>'
                 f'<style:text-properties fo:font-size="{size - 1.5}pt" fo:font-style="italic"/></style:style>')
        s.append('<style:style style:name="Table" style:family="paragraph" style:parent-style-name="Caption" '
                 'style:class="extra"><style:paragraph-properties fo:margin-top="0.25cm" fo:margin-bottom="0.1cm" '
                 'fo:keep-with-next="always"/></style:style>')
        for name in ("Figure", "Illustration"):
            s.append(f'<style:style style:name="{name}" style:family="paragraph" style:parent-style-name="Caption" '
                     'style:class="extra"><style:paragraph-properties fo:margin-top="0.1cm" fo:margin-bottom="0.3cm"/>'
                     '</style:style>')
        s.append('<style:style style:name="Graphics_20_Para" style:display-name="Graphics Para" '
                 'style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties '
                 'fo:margin-top="0.2cm" fo:margin-bottom="0cm" fo:text-align="center" fo:keep-with-next="always"/>'
                 '</style:style>')
        s.append('<style:style style:name="Table_20_Contents" style:display-name="Table Contents" '
                 'style:family="paragraph" style:parent-style-name="Standard" style:class="extra">'
                 f'<style:paragraph-properties fo:margin-top="0cm" fo:margin-bottom="0cm"/>'
                 f'<style:text-properties fo:font-size="{size - 1}pt"/></style:style>')
        s.append('<style:style style:name="Table_20_Heading" style:display-name="Table Heading" '
                 'style:family="paragraph" style:parent-style-name="Table_20_Contents" style:class="extra">'
                 '<style:text-properties fo:font-weight="bold"/></style:style>')
        s.append('<style:style style:name="Footnote" style:family="paragraph" style:parent-style-name="Standard" '
                 'style:class="extra"><style:paragraph-properties fo:margin-left="0.4cm" fo:text-indent="-0.4cm" '
                 'fo:margin-top="0cm" fo:margin-bottom="0.05cm"/>'
                 f'<style:text-properties fo:font-size="{size - 2}pt"/></style:style>')
        for name in ("Header", "Footer"):
            rule = ('fo:border-bottom="0.5pt solid #808080" fo:padding-bottom="0.1cm"' if name == "Header"
                    else 'fo:border-top="0.5pt solid #808080" fo:padding-top="0.1cm"')
            s.append(f'<style:style style:name="{name}" style:family="paragraph" style:parent-style-name="Standard" '
                     f'style:class="extra"><style:paragraph-properties fo:text-align="center" {rule}/>'
                     f'<style:text-properties style:font-name="{fonts["heading"]}" fo:font-size="{size - 2}pt" '
                     'fo:color="#404040"/></style:style>')
        code_size = lay.get("code_size", size - 1.5)
        s.append('<style:style style:name="Preformatted_20_Text" style:display-name="Preformatted Text" '
                 'style:family="paragraph" style:parent-style-name="Standard" style:class="html">'
                 '<style:paragraph-properties fo:margin-top="0cm" fo:margin-bottom="0cm" fo:margin-left="0.2cm" '
                 'fo:keep-with-next="always" fo:background-color="#f3f3f0"/>'
                 f'<style:text-properties style:font-name="{fonts["mono"]}" fo:font-size="{code_size}pt"/>'
                 '</style:style>')
        s.append('<style:style style:name="Code_20_First" style:display-name="Code First" style:family="paragraph" '
                 'style:parent-style-name="Preformatted_20_Text"><style:paragraph-properties fo:margin-top="0.15cm" '
                 'fo:padding-top="0.1cm"/></style:style>')
        s.append('<style:style style:name="Code_20_Last" style:display-name="Code Last" style:family="paragraph" '
                 'style:parent-style-name="Preformatted_20_Text"><style:paragraph-properties fo:margin-bottom="0.3cm" '
                 'fo:padding-bottom="0.1cm" fo:keep-with-next="auto"/></style:style>')
        s.append('<style:style style:name="Formula" style:family="paragraph" style:parent-style-name="Standard">'
                 '<style:paragraph-properties fo:margin-top="0.2cm" fo:margin-bottom="0.25cm" fo:text-align="center"/>'
                 f'<style:text-properties style:font-name="Liberation Serif" fo:font-size="{size + 1}pt"/>'
                 '</style:style>')
        s.append('<style:style style:name="List_20_Bullet" style:display-name="List Bullet" style:family="paragraph" '
                 'style:parent-style-name="Text_20_body" style:class="list"><style:paragraph-properties '
                 'fo:margin-bottom="0.08cm"/></style:style>')
        s.append('<style:style style:name="List_20_Last" style:display-name="List Last" style:family="paragraph" '
                 'style:parent-style-name="List_20_Bullet" style:class="list"><style:paragraph-properties '
                 'fo:margin-bottom="0.25cm"/></style:style>')
        # Writer: "Footnote anchor" marks the call in the text, "Footnote Symbol" the number in the note
        s.append('<style:style style:name="Footnote_20_Symbol" style:display-name="Footnote Symbol" '
                 'style:family="text"/>')
        s.append('<style:style style:name="Footnote_20_anchor" style:display-name="Footnote anchor" '
                 'style:family="text"><style:text-properties style:text-position="super 58%"/></style:style>')
        s.append('<style:style style:name="Internet_20_link" style:display-name="Internet link" style:family="text">'
                 '<style:text-properties fo:color="#000080" style:text-underline-style="solid" '
                 'style:text-underline-width="auto" style:text-underline-color="font-color"/></style:style>')
        levels = []
        for level in range(1, 11):
            if lay["numbered"] and level <= 2:
                levels.append(f'<text:outline-level-style text:level="{level}" style:num-format="1" '
                              f'text:display-levels="{level}"><style:list-level-properties '
                              'text:list-level-position-and-space-mode="label-alignment">'
                              '<style:list-level-label-alignment text:label-followed-by="space"/>'
                              '</style:list-level-properties></text:outline-level-style>')
            else:
                levels.append(f'<text:outline-level-style text:level="{level}" style:num-format=""/>')
        s.append('<text:outline-style style:name="Outline">' + "".join(levels) + "</text:outline-style>")
        s.append('<text:notes-configuration text:note-class="footnote" text:citation-style-name="Footnote_20_Symbol" '
                 'text:citation-body-style-name="Footnote_20_anchor" style:num-format="1" text:start-value="0" '
                 'text:footnotes-position="page" text:start-numbering-at="document"/>')
        return "\n".join(s)

    def automatic(self) -> str:
        lay = self.lay
        a = []
        a.append('<style:style style:name="Tbold" style:family="text"><style:text-properties fo:font-weight="bold"/>'
                 '</style:style>')
        a.append('<style:style style:name="Titalic" style:family="text"><style:text-properties '
                 'fo:font-style="italic"/></style:style>')
        for kind, parent in (("TC", "Table_20_Contents"), ("TH", "Table_20_Heading")):
            for key, al in (("l", "start"), ("r", "end"), ("c", "center")):
                a.append(f'<style:style style:name="{kind}_{key}" style:family="paragraph" '
                         f'style:parent-style-name="{parent}"><style:paragraph-properties fo:text-align="{al}"/>'
                         "</style:style>")
        if lay["columns"] == 2:
            sep = ('<style:column-sep style:width="0.02cm" style:color="#999999" style:height="100%" '
                   'style:vertical-align="top"/>' if lay.get("column_rule") else "")
            for name, dont in (("SectBalanced", "false"), ("SectFill", "true")):
                a.append(f'<style:style style:name="{name}" style:family="section"><style:section-properties '
                         f'text:dont-balance-text-columns="{dont}" style:editable="false">'
                         f'<style:columns fo:column-count="2" fo:column-gap="{lay["column_gap"]}cm">{sep}'
                         '</style:columns></style:section-properties></style:style>')
        a.append('<text:list-style style:name="L1"><text:list-level-style-bullet text:level="1" '
                 'text:bullet-char="•"><style:list-level-properties '
                 'text:list-level-position-and-space-mode="label-alignment">'
                 '<style:list-level-label-alignment text:label-followed-by="listtab" '
                 'text:list-tab-stop-position="0.6cm" fo:text-indent="-0.4cm" fo:margin-left="0.6cm"/>'
                 '</style:list-level-properties></text:list-level-style-bullet></text:list-style>')
        a.append('<style:style style:name="frImage" style:family="graphic"><style:graphic-properties '
                 'style:vertical-pos="top" style:vertical-rel="baseline" fo:border="none" fo:padding="0cm"/>'
                 '</style:style>')
        a.append('<style:style style:name="gGroup" style:family="graphic"><style:graphic-properties '
                 'style:vertical-pos="top" style:vertical-rel="baseline"/></style:style>')
        a.append('<style:style style:name="gAxis" style:family="graphic"><style:graphic-properties '
                 'draw:stroke="solid" svg:stroke-width="0.025cm" svg:stroke-color="#000000" draw:shadow="hidden"/>'
                 '</style:style>')
        a.append('<style:style style:name="gGrid" style:family="graphic"><style:graphic-properties '
                 'draw:stroke="solid" svg:stroke-width="0.01cm" svg:stroke-color="#c8c8c8" draw:shadow="hidden"/>'
                 '</style:style>')
        font = lay["fonts"]["heading"]
        for key, al in (("left", "start"), ("right", "end"), ("center", "center")):
            a.append(f'<style:style style:name="gText_{key}" style:family="graphic"><style:graphic-properties '
                     'draw:stroke="none" draw:fill="none" draw:shadow="hidden" '
                     f'draw:textarea-horizontal-align="{"justify" if key != "center" else "center"}" '
                     'draw:textarea-vertical-align="middle" draw:auto-grow-height="false" draw:auto-grow-width="false" '
                     'fo:padding-top="0cm" fo:padding-bottom="0cm" fo:padding-left="0cm" fo:padding-right="0cm" '
                     'fo:min-height="0cm" draw:fit-to-size="false"/></style:style>')
            a.append(f'<style:style style:name="PLab_{key}" style:family="paragraph"><style:paragraph-properties '
                     f'fo:text-align="{al}"/><style:text-properties style:font-name="{font}" fo:font-size="7.5pt"/>'
                     '</style:style>')
        a.append(f'<style:style style:name="TLab" style:family="text"><style:text-properties style:font-name="{font}" '
                 'fo:font-size="7.5pt" fo:color="#000000"/></style:style>')
        w, h = PAGE_SIZES_CM[lay["page"]]
        top, right, bottom, left = lay["margins"]
        a.append(f'<style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="{w}cm" '
                 f'fo:page-height="{h}cm" style:print-orientation="portrait" fo:margin-top="{top}cm" '
                 f'fo:margin-bottom="{bottom}cm" fo:margin-left="{left}cm" fo:margin-right="{right}cm" '
                 'style:footnote-max-height="0cm">'
                 '<style:footnote-sep style:width="0.018cm" style:distance-before-sep="0.1cm" '
                 'style:distance-after-sep="0.1cm" style:line-style="solid" style:adjustment="left" '
                 'style:rel-width="25%" style:color="#000000"/></style:page-layout-properties>'
                 '<style:header-style><style:header-footer-properties fo:min-height="0cm" fo:margin-bottom="0.4cm"/>'
                 '</style:header-style><style:footer-style><style:header-footer-properties fo:min-height="0cm" '
                 'fo:margin-top="0.4cm"/></style:footer-style></style:page-layout>')
        return "\n".join(a + self.auto)

    def master(self) -> str:
        def running(template: str) -> str:
            out = []
            for part in re.split(r"(\{page\})", template):
                out.append('<text:page-number text:select-page="current">1</text:page-number>' if part == "{page}"
                           else escape(part))
            return "".join(out)
        m = '<style:master-page style:name="Standard" style:page-layout-name="pm1">'
        if self.doc.get("header"):
            m += f'<style:header><text:p text:style-name="Header">{running(self.doc["header"])}</text:p></style:header>'
        if self.doc.get("footer"):
            m += f'<style:footer><text:p text:style-name="Footer">{running(self.doc["footer"])}</text:p></style:footer>'
        return m + "</style:master-page>"

    def build(self) -> str:
        body = self.body()  # first: collects automatic styles
        fonts = sorted(set(self.lay["fonts"].values()) | {"Liberation Serif", "DejaVu Sans"})
        faces = "".join(f'<style:font-face style:name="{f}" svg:font-family="\'{f}\'" '
                        f'style:font-pitch="{"fixed" if "Mono" in f else "variable"}"/>' for f in fonts)
        meta = (f"<office:meta><dc:title>{escape(self.doc['title'])}</dc:title>"
                "<meta:generator>tests/regions/libreoffice/build.py</meta:generator>"
                "<meta:creation-date>2026-01-01T00:00:00</meta:creation-date>"
                "<dc:date>2026-01-01T00:00:00</dc:date></office:meta>")
        return ('<?xml version="1.0" encoding="UTF-8"?>\n'
                f'<office:document {NS} office:version="1.3" '
                'office:mimetype="application/vnd.oasis.opendocument.text">\n'
                f"{meta}\n<office:font-face-decls>{faces}</office:font-face-decls>\n"
                f"<office:styles>\n{self.styles()}\n</office:styles>\n"
                f"<office:automatic-styles>\n{self.automatic()}\n</office:automatic-styles>\n"
                f"<office:master-styles>{self.master()}</office:master-styles>\n"
                f"<office:body><office:text>\n{body}\n</office:text></office:body>\n</office:document>\n")


# --------------------------------------------------------------------------- convert

def soffice() -> str:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if not exe:
        raise SystemExit("soffice not found: apt-get install libreoffice-writer-nogui hyphen-en-us "
                         "fonts-liberation fonts-crosextra-carlito fonts-crosextra-caladea")
    return exe


def lo_version() -> str:
    return subprocess.run([soffice(), "--version"], capture_output=True, text=True).stdout.strip()


def convert(src: Path, outdir: Path) -> Path:
    cmd = [soffice(), f"-env:UserInstallation=file://{PROFILE}", "--headless", "--norestore",
           "--convert-to", "pdf:writer_pdf_Export", "--outdir", str(outdir), str(src)]
    res = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    pdf = outdir / (src.stem + ".pdf")
    if res.returncode != 0 or not pdf.exists():
        raise SystemExit(f"conversion failed: {res.stdout}\n{res.stderr}")
    return pdf


# --------------------------------------------------------------------------- verify

def norm(word: str) -> str:
    return unicodedata.normalize("NFKC", word)


def expected_words(doc: dict, lay: dict, pages: int) -> tuple[list[tuple[str, tuple[str, ...]]], Counter]:
    """Gold -> [(element kind, acceptable printed forms of one word)], plus counts by kind.

    A word carrying a footnote call is printed with the call glued on ("tonnes.1", "1,416.*").
    """
    out: list[tuple[str, tuple[str, ...]]] = []

    def add(kind: str, text: str):
        for w in strip_marks(text, calls="keep").split():
            out.append((kind, (norm(w),)))

    add("title", doc["title"])
    for t in doc.get("front_matter", []):
        add("front", t)
    rids = {id(entry): rid for rid, entry, *_ in regions(doc)}
    for sec in doc["sections"]:
        add("heading", sec["heading"])
        for p in sec["paragraphs"]:
            rid = rids.get(id(p))
            if isinstance(p, str):
                add("paragraph", p)
            elif "items" in p:
                for item in p["items"]:
                    add("item", item)
            elif "table" in p:
                t = p["table"]
                if t.get("caption"):
                    add("caption", t["caption"])
                covered = set()
                for r0, c0, rs, cs in lay["tables"][rid].get("spans", []):
                    covered |= {(r, c) for r in range(r0, r0 + rs) for c in range(c0, c0 + cs)} - {(r0, c0)}
                for r, row in enumerate(t["rows"]):
                    for c, cell in enumerate(row):
                        if (r, c) not in covered:  # a spanning cell prints once; the gold repeats it
                            add("cell", cell)
            elif "figure" in p:
                f = p["figure"]
                if f.get("caption"):
                    add("caption", f["caption"])
                for label in f["labels"]:
                    add("label", label)
            elif "code" in p:
                add("code", p["code"])
            elif "formula" in p:
                add("formula", p["formula"])
    for note in doc["footnotes"]:
        # the label stands in the hanging indent of Writer's Footnote style, apart from the text
        out.append(("footnote label", (norm(note["label"]),)))
        add("footnote", note["text"])
    for k in range(1, pages + 1):
        for key in ("header", "footer"):
            if doc.get(key):
                add(key, doc[key].replace("{page}", str(k)))
    return out, Counter(kind for kind, _forms in out)


def find_phrase(pages_words: list[list], words: list[str]) -> list[tuple[int, tuple]] | None:
    """First occurrence of consecutive words (PyMuPDF order) -> [(page index, word tuple)]."""
    words = [norm(w) for w in words]
    flat = [(pno, w) for pno, ws in enumerate(pages_words) for w in ws]
    n = len(words)
    for i in range(len(flat) - n + 1):
        if all(norm(flat[i + k][1][4]) == words[k] for k in range(n)):
            return flat[i:i + n]
    return None


def lines_of(hits: list[tuple[int, tuple]]) -> int:
    ys = []
    for pno, w in hits:
        y = round(w[3], 0)
        if not any(p == pno and abs(y - yy) < 2 for p, yy in ys):
            ys.append((pno, y))
    return len(ys)


def verify(doc: dict, lay: dict, pdf: Path) -> dict:
    import pymupdf

    pdoc = pymupdf.open(pdf)
    pages_words = [[w for w in page.get_text("words") if w[4].strip()] for page in pdoc]
    errors: list[str] = []

    # PDF word multiset, plus words re-joined across an end-of-line hyphen
    avail = Counter(norm(w[4]) for ws in pages_words for w in ws)
    joins: dict[str, list[tuple[str, str]]] = {}
    for ws in pages_words:
        for a, b in zip(ws, ws[1:]):
            t = norm(a[4])
            if t[-1:] in HYPHENS and len(t) > 1 and (b[1] > a[1] + 1):  # b on a later line
                stem = t[:-1]
                for joined in (stem + norm(b[4]), stem + "-" + norm(b[4])):
                    joins.setdefault(joined, []).append((t, norm(b[4])))
    avail.pop("•", None)  # list bullets
    expected, stats = expected_words(doc, lay, pdoc.page_count)
    hyphenated = []
    missing = []
    for kind, forms in expected:
        for form in forms:
            if avail[form] > 0:
                avail[form] -= 1
                break
        else:
            for form in forms:
                pair = next((p for p in joins.get(form, []) if avail[p[0]] > 0 and avail[p[1]] > 0), None)
                if pair:
                    avail[pair[0]] -= 1
                    avail[pair[1]] -= 1
                    hyphenated.append(f"{pair[0]}|{pair[1]}")
                    break
            else:
                missing.append(f"{kind}: {forms[0]!r}")
    if missing:
        errors.append(f"{len(missing)} gold words not in the PDF: " + "; ".join(missing[:25]))

    # PDF words not accounted for by the gold: only repeated table header rows may remain
    repeat_ok = Counter()
    for _rid, entry, *_ in regions(doc):
        if "table" in entry:
            t = entry["table"]
            for row in t["rows"][: t["header_rows"]]:
                for cell in dict.fromkeys(row):
                    for w in cell.split():
                        repeat_ok[norm(w)] += pdoc.page_count
    extra = [w for w, n in avail.items() if n > 0 for _ in range(max(0, n - repeat_ok[w]))]
    if extra:
        errors.append(f"{len(extra)} PDF words not in the gold: {extra[:25]}")

    # structure checks
    regs = {rid: entry for rid, entry, *_ in regions(doc)}
    checks = lay.get("checks", {})
    across_tables = []
    for rid in checks.get("across_pages", []):
        t = regs[rid]["table"]
        first = find_phrase(pages_words, " ".join(t["rows"][t["header_rows"]]).split())
        last = find_phrase(pages_words, " ".join(t["rows"][-1]).split())
        head = {norm(w) for row in t["rows"][: t["header_rows"]] for cell in row for w in cell.split()}
        if not first or not last or first[0][0] == last[0][0]:
            errors.append(f"{rid}: table does not continue onto another page")
        elif any(head - {norm(w[4]) for w in pages_words[p]} for p in range(first[0][0], last[0][0] + 1)):
            errors.append(f"{rid}: header rows not repeated on every page of the table")
        else:
            across_tables.append(f"{rid} p{first[0][0] + 1}-{last[0][0] + 1}")
    for rid, r, c in checks.get("wrap_cells", []):
        cell = regs[rid]["table"]["rows"][r][c]
        hits = find_phrase(pages_words, cell.split())
        if not hits or lines_of(hits) < 2:
            errors.append(f"{rid} cell ({r},{c}) {cell!r} does not wrap")
    for rid in checks.get("wrap_captions", []):
        entry = regs[rid]
        cap = (entry.get("table") or entry.get("figure"))["caption"]
        hits = find_phrase(pages_words, cap.split())
        if not hits or lines_of(hits) != 2:
            errors.append(f"{rid} caption does not print on two lines")
    # code: every line found, its indentation as in the gold; formula: on one line
    for rid, entry in regs.items():
        if "code" in entry:
            lines = [ln for ln in entry["code"].split("\n") if ln.strip()]
            hits = [find_phrase(pages_words, ln.split()) for ln in lines]
            if not all(hits):
                errors.append(f"{rid}: code line not found as printed")
                continue
            cw = min((h[0][1][2] - h[0][1][0]) / len(h[0][1][4]) for h in hits)  # monospace advance
            x0 = min(h[0][1][0] for h in hits)
            for ln, h in zip(lines, hits):
                indent = round((h[0][1][0] - x0) / cw)
                if indent != len(ln) - len(ln.lstrip(" ")):
                    errors.append(f"{rid}: {ln.strip()!r} printed with indent {indent}")
        elif "formula" in entry:
            hits = find_phrase(pages_words, entry["formula"].split())
            if not hits or lines_of(hits) != 1:
                errors.append(f"{rid}: formula not printed on one line")
    # footnotes: below every body line of their page
    for note in doc["footnotes"]:
        words = note["text"].split()
        hits = find_phrase(pages_words, [note["label"]] + words[:4])
        if not hits:
            errors.append(f"footnote {note['label']} not found as printed")
            continue
        pno, w = hits[0]
        page_h = pdoc[pno].rect.height
        if w[1] < page_h * 0.55:
            errors.append(f"footnote {note['label']} is not at the foot of page {pno + 1}")
    # paragraphs printed on two pages, and paragraphs interrupted by a region
    across_pages = []
    for sec in doc["sections"]:
        for p in sec["paragraphs"]:
            if isinstance(p, str):
                words = strip_marks(p, calls="keep").split()
                a, b = find_phrase(pages_words, words[:4]), find_phrase(pages_words, words[-3:])
                if a and b and a[0][0] != b[0][0]:
                    across_pages.append(" ".join(words[:4]) + " …")
    return {
        "pages": pdoc.page_count,
        "stats": stats,
        "errors": errors,
        "hyphenated": hyphenated,
        "across_pages": across_pages,
        "across_tables": across_tables,
        "fonts": sorted({f[3].split("+")[-1] for page in pdoc for f in page.get_fonts()}),
        "producer": pdoc.metadata.get("producer"),
    }


def features(doc: dict, lay: dict) -> dict:
    c = Counter()
    for rid, entry, *_ in regions(doc):
        if "table" in entry:
            t = entry["table"]
            c["ruled" if t["ruled"] else "borderless"] += 1
            c["captions"] += bool(t.get("caption"))
        elif "figure" in entry:
            c[lay["figures"][rid]["type"]] += 1
            c["captions"] += bool(entry["figure"].get("caption"))
        elif "code" in entry:
            c["code"] += 1
        else:
            c["formula"] += 1
    c["footnotes"] = len(doc["footnotes"])
    c["splits"] = len(lay.get("splits", {}))
    c["paragraphs"] = sum(isinstance(p, str) for s in doc["sections"] for p in s["paragraphs"])
    return c


def render_png(pdf: Path, doc_id: str) -> list[str]:
    import pymupdf

    out = []
    for n, page in enumerate(pymupdf.open(pdf), start=1):
        path = f"/tmp/regions-lo-{doc_id}-p{n}.png"
        page.get_pixmap(dpi=60).save(path)
        out.append(path)
    return out


# --------------------------------------------------------------------------- main

def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("ids", nargs="*")
    ap.add_argument("--verify-only", action="store_true", help="do not rebuild, only verify pdf/<id>.pdf")
    ap.add_argument("--png", action="store_true")
    ap.add_argument("--keep-odt", action="store_true")
    args = ap.parse_args()

    docs = []
    for path in sorted(GOLD_DIR.glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        if doc["id"] != path.stem or doc["id"] not in LAYOUTS:
            raise SystemExit(f"{path.name}: id does not match the file name or has no layout")
        if not args.ids or doc["id"] in args.ids:
            docs.append(doc)
    if not docs:
        raise SystemExit("no documents selected")
    if not args.verify_only:
        print(lo_version())
    PDF_DIR.mkdir(exist_ok=True)
    WORK.mkdir(parents=True, exist_ok=True)
    failed = False
    rows = []
    for doc in docs:
        lay = LAYOUTS[doc["id"]]
        check_gold(doc)
        pdf = PDF_DIR / f"{doc['id']}.pdf"
        if not args.verify_only:
            with tempfile.TemporaryDirectory() as tmp:
                src = Path(tmp) / f"{doc['id']}.fodt"
                src.write_text(Fodt(doc, lay).build(), encoding="utf-8")
                if args.keep_odt:
                    shutil.copy(src, WORK / src.name)
                shutil.copy(convert(src, Path(tmp)), pdf)
        info = verify(doc, lay, pdf)
        feats = features(doc, lay)
        status = "OK" if not info["errors"] else "FAIL"
        failed |= bool(info["errors"])
        st = info["stats"]
        print(f"{doc['id']}: {status}  {info['pages']} pages  producer {info['producer']!r}")
        print(f"  fonts: {', '.join(info['fonts'])}")
        print("  words checked: " + ", ".join(f"{k} {v}" for k, v in sorted(st.items())))
        print("  regions: " + ", ".join(f"{k} {v}" for k, v in sorted(feats.items())))
        print(f"  hyphenated words: {len(info['hyphenated'])} {info['hyphenated'][:8]}")
        print(f"  tables across pages: {info['across_tables'] or '-'}")
        print(f"  paragraphs across pages: {info['across_pages'] or '-'}")
        for err in info["errors"]:
            print(f"  ERROR {err}")
        if args.png:
            print("  png:", " ".join(render_png(pdf, doc["id"])))
        rows.append((doc, lay, info, feats))
    print()
    print("| id | pages | layout | fonts in the PDF | paragraphs | ruled tables | borderless tables | raster figures "
          "| vector figures | captions | footnotes | code | formulas | paragraphs split by a region "
          "| paragraphs across pages | tables across pages |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for doc, lay, info, f in rows:
        layout = f'{"two-column" if lay["columns"] == 2 else "one-column"}, {lay["page"]}'
        fonts = ", ".join(dict.fromkeys(re.sub(r"-(Bold|Italic|Regular|BoldItalic)$", "", n) for n in info["fonts"]))
        print(f"| {doc['id']} | {info['pages']} | {layout} | {fonts} | {f['paragraphs']} | {f['ruled']} | "
              f"{f['borderless']} | {f['raster']} | {f['vector']} | {f['captions']} | {f['footnotes']} | "
              f"{f['code']} | {f['formula']} | {f['splits']} | {len(info['across_pages'])} | "
              f"{len(info['across_tables'])} |")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
