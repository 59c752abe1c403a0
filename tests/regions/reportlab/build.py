"""Build the ReportLab region corpus: reports with tables, figures, captions, footnotes, code.

Every ``gold/<id>.json`` (format: ``tests/regions/README.md``) is rendered to
``pdf/<id>.pdf`` with ReportLab platypus. The text of the PDF comes only from the gold
file. How it is laid out (page size, fonts, column widths of each table, chart data,
which region goes into a full-width frame on which page, where a region interrupts a
paragraph) is in ``SPECS`` below, keyed by document id and by the caption prefix of
each region.

Layout machinery (all plain platypus):

* ``BaseDocTemplate`` with one ``PageTemplate`` made for each page as it begins
  (``Doc.handle_pageBegin``): an optional full-width title frame (page 1 of the
  two-column documents), an optional full-width frame at the top of the page for a
  wide table or figure (``"wide": <page>``), then the column frames. The wide
  region's flowables are pushed onto the story when its frame begins.
* Footnote calls are ``<super>`` marks followed by ``<onDraw name="fn">``; the callback
  records the page and frame of each call. The footnotes are drawn in ``onPageEnd``
  at the foot of that page (or of that column), under a short rule, and the column
  frames are shortened by the space they take. This needs a fixed point: the
  document is laid out again until every call lands where its footnote was reserved.
* A region with ``"split_prev": n`` is put inside the preceding paragraph after its
  n-th line (``Paragraph.split``), so the paragraph's text continues after it.
* ``rl_config.invariant = 1`` and ``invariant=1``: fixed dates and document id, so a
  rebuild is byte-identical. No randomness: raster images are computed from formulas.

Verification (every build): PyMuPDF words of each PDF against the gold (see
``verify``): every gold word is found (the check asked for in the brief), and more
strictly every word drawn for a gold unit (paragraph, heading, caption, table, figure,
code, formula, footnote) is compared with that unit, words outside all units must be
the running header/footer, captions sit above their tables / below their figures,
footnotes sit on the page (column) of their call, and the order in which units are
drawn equals the gold reading order (a paragraph may be interrupted only by regions).

Usage::

    .venv/bin/python tests/regions/reportlab/build.py          # build + verify + stats
    .venv/bin/python tests/regions/reportlab/build.py --png    # also /tmp/regions-rl-<id>-p<n>.png
    .venv/bin/python tests/regions/reportlab/build.py [ids...]
"""
from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import re
import sys
from collections import Counter
from html import escape
from pathlib import Path
from typing import Any

from reportlab import rl_config

rl_config.invariant = 1  # fixed creation date / document id -> reproducible bytes

import numpy as np  # noqa: E402
import reportlab  # noqa: E402
from PIL import Image as PILImage  # noqa: E402
from reportlab.graphics.charts.barcharts import VerticalBarChart  # noqa: E402
from reportlab.graphics.charts.legends import Legend  # noqa: E402
from reportlab.graphics.charts.linecharts import HorizontalLineChart  # noqa: E402
from reportlab.graphics.shapes import Drawing, Group, String  # noqa: E402
from reportlab.graphics.widgets.markers import makeMarker  # noqa: E402
from reportlab.lib.colors import HexColor, black  # noqa: E402
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT  # noqa: E402
from reportlab.lib.pagesizes import A4, LETTER  # noqa: E402
from reportlab.lib.styles import ParagraphStyle  # noqa: E402
from reportlab.pdfbase import pdfmetrics  # noqa: E402
from reportlab.pdfbase.ttfonts import TTFont  # noqa: E402
from reportlab.platypus import (  # noqa: E402
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    FrameBreak,
    Image,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Preformatted,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.flowables import HRFlowable  # noqa: E402

HERE = Path(__file__).resolve().parent
CREATOR = "tests/regions/reportlab/build.py"
PAGE_SIZES = {"A4": A4, "Letter": LETTER}
ALIGN = {"L": TA_LEFT, "C": TA_CENTER, "R": TA_RIGHT, "J": TA_JUSTIFY}

# ---------------------------------------------------------------------------
# Fonts
# ---------------------------------------------------------------------------

FONT_DIRS = [Path("/usr/share/fonts/truetype/dejavu"), Path(os.path.dirname(reportlab.__file__)) / "fonts"]
FAMILIES: dict[str, tuple[str, str, str, str]] = {
    # base-14 (not embedded)
    "Helvetica": ("Helvetica", "Helvetica-Bold", "Helvetica-Oblique", "Helvetica-BoldOblique"),
    "Times": ("Times-Roman", "Times-Bold", "Times-Italic", "Times-BoldItalic"),
    "Courier": ("Courier", "Courier-Bold", "Courier-Oblique", "Courier-BoldOblique"),
    # TrueType (embedded subsets)
    "DejaVuSerif": ("DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf", "DejaVuSerif-Italic.ttf", "DejaVuSerif-BoldItalic.ttf"),
    "DejaVuSans": ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf", "DejaVuSans-BoldOblique.ttf"),
    "Vera": ("Vera.ttf", "VeraBd.ttf", "VeraIt.ttf", "VeraBI.ttf"),  # ships with ReportLab
}
BASE14 = {"Helvetica", "Times", "Courier"}
STYLE_INDEX = {"regular": 0, "bold": 1, "italic": 2, "bolditalic": 3}


def font(family: str, style: str = "regular") -> str:
    """Registered ReportLab font name of ``family`` in ``style`` (registering TTFs)."""
    spec = FAMILIES[family]
    if family in BASE14:
        return spec[STYLE_INDEX[style]]
    names = []
    for fname in spec:
        name = Path(fname).stem
        if name not in pdfmetrics.getRegisteredFontNames():
            path = next((d / fname for d in FONT_DIRS if (d / fname).exists()), None)
            if path is None:
                raise FileNotFoundError(fname)
            pdfmetrics.registerFont(TTFont(name, str(path)))
        names.append(name)
    pdfmetrics.registerFontFamily(names[0], normal=names[0], bold=names[1], italic=names[2], boldItalic=names[3])
    return names[STYLE_INDEX[style]]


# ---------------------------------------------------------------------------
# Layout specs (text comes from the gold; everything else from here)
# ---------------------------------------------------------------------------

SPECS: dict[str, dict[str, Any]] = {
    "kestrel-sediment-2025": {
        "page": "A4", "margins": {"top": 54, "bottom": 68, "left": 68, "right": 68},
        "columns": 1, "gutter": 0,
        "body": {"font": "DejaVuSerif", "size": 9.4, "leading": 12.6, "indent": 0, "gap": 5},
        "title": {"font": "DejaVuSans", "style": "bold", "size": 16, "leading": 20, "align": "L",
                  "color": "#1d4e6b", "after": 5},
        "front": {"font": "DejaVuSans", "style": "regular", "size": 9.2, "leading": 12.5, "align": "L",
                  "color": "#3a3a3a"},
        "title_rule": {"width": 1.0, "color": "#1d4e6b"}, "top_gap": 10,
        "h1": {"font": "DejaVuSans", "style": "bold", "size": 12.2, "leading": 15, "before": 11, "after": 4,
               "color": "#1d4e6b"},
        "h2": {"font": "DejaVuSans", "style": "bold", "size": 10.2, "leading": 13, "before": 7, "after": 3},
        "caption": {"font": "DejaVuSerif", "style": "italic", "size": 8.6, "leading": 11, "align": "L",
                    "label_style": "bolditalic"},
        "cell": {"font": "DejaVuSans", "size": 7.9, "leading": 9.3},
        "chart_font": "DejaVuSans",
        "code": {"size": 8.4, "leading": 10.6, "indent": 18, "back": "#f1f1ee"},
        "formula": {"font": "DejaVuSerif", "size": 10.5, "leading": 14},
        "footnote": {"mode": "page", "font": "DejaVuSerif", "size": 7.6, "leading": 9.4},
        "running": {"font": "DejaVuSans", "size": 7.8, "color": "#555555",
                    "footer": {"y": 40, "align": "C"}},
        "regions": {
            "Table 1:": {"rules": "grid", "widths": [34, 42, 56, 38, 88, 201], "align": "LLRRRL"},
            "Table 2:": {"rules": "none", "widths": [118, 64, 90, 96, 60], "align": "LRRRR"},
            "Figure 1:": {"chart": "line", "height": 165, "split_prev": 3,
                          "categories": [str(y) for y in range(2016, 2026)],
                          "series": [("North basin", [37.9, 39.6, 43.8, 44.9, 48.7, 49.5, 50.6, 53.9, 55.0, 55.8]),
                                     ("South basin", [27.2, 27.8, 29.1, 29.5, 30.6, 30.9, 31.4, 32.6, 33.0, 33.3])],
                          "ticks": [20, 30, 40, 50, 60], "fmt": "%d",
                          "y_title": "Thickness (cm)", "x_title": "Year"},
            "Table 3:": {"rules": "rows", "widths": [46, 74, 62, 62, 62, 70, 70], "align": "LRRRRRR",
                         "long": True},
            "Figure 2:": {"raster": "reservoir", "px": (720, 300), "size": (384, 160)},
            "code": {},
            "formula": {},
        },
    },
    "lyndale-orchard-bulletin-14": {
        "page": "Letter", "margins": {"top": 50, "bottom": 66, "left": 50, "right": 50},
        "columns": 2, "gutter": 20,
        "body": {"font": "Helvetica", "size": 8.9, "leading": 11.6, "indent": 10, "gap": 0},
        "title": {"font": "Helvetica", "style": "bold", "size": 24, "leading": 28, "align": "C",
                  "color": "#2f5d2a", "after": 2},
        "front": {"font": "Helvetica", "style": "italic", "size": 9.5, "leading": 12, "align": "C",
                  "color": "#333333"},
        "title_rule": {"width": 2.2, "color": "#2f5d2a", "second": 0.6}, "top_gap": 14,
        "h1": {"font": "Helvetica", "style": "bold", "size": 11.5, "leading": 14, "before": 9, "after": 3,
               "color": "#2f5d2a"},
        "h2": {"font": "Helvetica", "style": "bolditalic", "size": 9.4, "leading": 12, "before": 5, "after": 2},
        "caption": {"font": "Helvetica", "style": "regular", "size": 7.8, "leading": 9.8, "align": "L",
                    "label_style": "bold"},
        "cell": {"font": "Helvetica", "size": 7.8, "leading": 9.4},
        "chart_font": "Helvetica",
        "footnote": {"mode": "column", "font": "Helvetica", "size": 7.2, "leading": 8.8},
        "running": {"font": "Helvetica", "size": 7.8, "color": "#2f5d2a",
                    "footer": {"y": 36, "align": "C", "rule": 0.5}},
        "regions": {
            "TABLE 1.": {"rules": "none", "widths": [66, 40, 46, 88], "align": "LRRR", "halign": "LEFT"},
            "Fig. 1.": {"chart": "bar", "height": 168,
                        "categories": ["Apr", "May", "Jun", "Jul", "Aug", "Sep"],
                        "series": [("2025", [22, 48, 58, 94, 71, 53]),
                                   ("1991–2020 mean", [51, 55, 60, 66, 74, 68])],
                        "ticks": [0, 20, 40, 60, 80, 100], "fmt": "%d", "y_title": "Rainfall (mm)"},
            "TABLE 2.": {"rules": "grid", "widths": [118, 56, 70, 70, 60, 78, 60], "align": "LRRRRRR",
                         "wide": 2, "bold_last": True},
            "TABLE 3.": {"rules": "rows", "widths": [126, 40, 40, 40], "align": "LRRR", "split_prev": 4,
                         "bold_last": True, "halign": "LEFT"},
            "Fig. 2.": {"raster": "canopy", "px": (492, 310), "size": (246, 155)},
        },
    },
    "merrow-ferries-q3-2025": {
        "page": "A4", "margins": {"top": 72, "bottom": 62, "left": 56, "right": 56},
        "columns": 2, "gutter": 18,
        "body": {"font": "Times", "size": 10, "leading": 12.2, "indent": 11, "gap": 0},
        "title": {"font": "Times", "style": "bold", "size": 18, "leading": 22, "align": "C", "after": 4},
        "front": {"font": "Times", "style": "italic", "size": 10, "leading": 12.5, "align": "C"},
        "title_rule": {"width": 0.6, "color": "#000000"}, "top_gap": 14,
        "h1": {"font": "Times", "style": "bold", "size": 11, "leading": 13.5, "before": 9, "after": 3},
        "h2": {"font": "Times", "style": "bolditalic", "size": 10, "leading": 12.5, "before": 6, "after": 2},
        "caption": {"font": "Times", "style": "italic", "size": 8.8, "leading": 10.6, "align": "L",
                    "label_style": "bold"},
        "cell": {"font": "Times", "size": 8.6, "leading": 10},
        "chart_font": "Helvetica",
        "footnote": {"mode": "page", "font": "Times", "size": 8, "leading": 9.6},
        "running": {"font": "Times", "size": 8.5, "color": "#000000",
                    "header": {"y": 44, "align": "C", "style": "italic", "rule": 0.5},
                    "footer": {"y": 34, "align": "C"}},
        "regions": {
            "Tab. 1": {"rules": "grid", "widths": [104, 56, 60, 76, 62, 62, 63], "align": "LRRRRRR",
                       "wide": 2, "bold_last": True},
            "Figure 1.": {"chart": "line", "height": 178,
                          "categories": [str(w) for w in range(27, 40)],
                          "series": [("Merrow–Lisker", [95, 96, 94, 95, 97, 96, 95, 94, 88, 94, 95, 96, 95]),
                                     ("Merrow–Ardholm", [88, 86, 89, 87, 84, 80, 71, 76, 84, 87, 85, 83, 88]),
                                     ("Lisker–Inchcarra", [93, 94, 95, 92, 94, 93, 94, 95, 89, 93, 94, 95, 96])],
                          "ticks": [60, 70, 80, 90, 100], "fmt": "%d",
                          "y_title": "Punctual sailings (%)", "x_title": "Week of 2025", "legend_rows": 2},
            "Tab. 2": {"rules": "none", "widths": [60, 40, 38, 52, 40], "align": "LRRRR", "split_prev": 5},
            "Tab. 3": {"rules": "none", "widths": [84, 34, 34, 34, 38], "align": "LRRRR", "bold_last": True},
            "Figure 2.": {"chart": "bar", "height": 150, "wide": 2,
                          "categories": ["Jul", "Aug", "Sep"],
                          "series": [("Merrow–Lisker", [78.2, 82.9, 53.5]),
                                     ("Merrow–Ardholm", [98.4, 104.1, 66.4]),
                                     ("Lisker–Inchcarra", [46.3, 49.8, 31.8])],
                          "ticks": [0, 20, 40, 60, 80, 100, 120], "fmt": "%d",
                          "y_title": "Passengers (thousands)", "plot_width": 300},  # noqa: E501
        },
    },
    "brenmoor-libraries-2025": {
        "page": "Letter", "margins": {"top": 68, "bottom": 72, "left": 72, "right": 72},
        "columns": 1, "gutter": 0,
        "body": {"font": "Vera", "size": 9.3, "leading": 13.4, "indent": 0, "gap": 6},
        "title": {"font": "Vera", "style": "bold", "size": 17, "leading": 21, "align": "L",
                  "color": "#6b2340", "after": 4},
        "front": {"font": "Vera", "style": "italic", "size": 9.2, "leading": 12, "align": "L"},
        "title_rule": None, "top_gap": 16,
        "h1": {"font": "Vera", "style": "bold", "size": 12, "leading": 15, "before": 12, "after": 4,
               "color": "#6b2340"},
        "h2": {"font": "Vera", "style": "bolditalic", "size": 10, "leading": 13, "before": 7, "after": 3},
        "caption": {"font": "Vera", "style": "italic", "size": 8.4, "leading": 10.8, "align": "L",
                    "label_style": "bolditalic"},
        "cell": {"font": "Vera", "size": 8.3, "leading": 10.4},
        "chart_font": "Vera",
        "footnote": {"mode": "page", "font": "Vera", "size": 7.5, "leading": 9.4},
        "running": {"font": "Vera", "size": 8, "color": "#444444", "footer": {"y": 42, "align": "R"}},
        "regions": {
            "Table 1.": {"rules": "none", "widths": [130, 70, 70, 64, 72], "align": "LRRRR", "bold_last": True},
            "Table 2.": {"rules": "grid", "widths": [112, 84, 76, 76, 60], "align": "LRRRR", "bold_last": True},
            "Table 3.": {"rules": "none", "widths": [160, 62, 74, 100], "align": "LRRR"},
            "Fig. 1.": {"raster": "members", "px": (480, 312), "size": (260, 169)},
        },
    },
}

# ---------------------------------------------------------------------------
# Gold text helpers
# ---------------------------------------------------------------------------

CALL_RE = re.compile(r"\[\^([^\]\s]+)\]")
MARK_RE = re.compile(r"\[(?P<link>[^\]]+)\]\((?P<url>[^)\s]+)\)|\*\*(?P<bold>.+?)\*\*|\*(?P<ital>[^*]+?)\*")
CAPTION_LABEL_RE = re.compile(r"^((?:Table|TABLE|Tab\.|Figure|Fig\.)\s+\d+[.:]?)(.*)$", re.S)


def _marks(text: str) -> str:
    out, pos = [], 0
    for m in MARK_RE.finditer(text):
        out.append(escape(text[pos:m.start()], quote=False))
        if m.group("link") is not None:
            out.append(f'<a href="{escape(m.group("url"))}" color="#1f4e8c">{escape(m.group("link"), quote=False)}</a>')
        elif m.group("bold") is not None:
            out.append(f"<b>{escape(m.group('bold'), quote=False)}</b>")
        else:
            out.append(f"<i>{escape(m.group('ital'), quote=False)}</i>")
        pos = m.end()
    out.append(escape(text[pos:], quote=False))
    return "".join(out)


def to_markup(text: str, sup_size: float, sup_rise: float) -> str:
    """Gold paragraph -> ReportLab markup: marks, and footnote calls as superscripts."""
    parts = CALL_RE.split(text)
    out = []
    for i, part in enumerate(parts):
        if i % 2:
            lab = escape(part)
            out.append(f'<super size="{sup_size}" rise="{sup_rise}">{lab}</super><onDraw name="fn" label="{lab}"/>')
        else:
            out.append(_marks(part))
    return "".join(out)


def _unmark(text: str) -> str:
    return MARK_RE.sub(lambda m: m.group("link") or m.group("bold") or m.group("ital"), text)


def printed(text: str) -> str:
    """Text as printed: marks stripped, each footnote call replaced by its label (a superscript
    right after the word, which PyMuPDF merges into that word)."""
    return "".join(_unmark(p) if i % 2 == 0 else p for i, p in enumerate(CALL_RE.split(text)))


def stripped(text: str) -> str:
    """Text with marks and footnote calls removed (the comparison asked for in the brief)."""
    return _unmark(CALL_RE.sub("", text))


def regions_of(gold: dict):
    """Yield (unit id, kind, entry) for every region of the gold, in reading order."""
    for si, sec in enumerate(gold["sections"]):
        for pi, p in enumerate(sec["paragraphs"]):
            if isinstance(p, dict) and "items" not in p:
                kind = next(iter(p))
                yield f"s{si}.p{pi}", kind, p[kind]


def region_key(kind: str, entry: Any, spec: dict) -> str:
    if kind in ("code", "formula"):
        return kind
    cap = entry.get("caption") or ""
    keys = [k for k in spec["regions"] if cap.startswith(k)]
    if len(keys) != 1:
        raise KeyError(f"no unique region spec for caption {cap!r}: {keys}")
    return keys[0]


# ---------------------------------------------------------------------------
# Tracked flowables: log where (page, frame, bbox) each gold unit is drawn
# ---------------------------------------------------------------------------


class Tracked:
    unit: str | None = None
    role: str = "body"

    def wrap(self, aW, aH):  # noqa: N803
        w, h = super().wrap(aW, aH)
        self._trk = (w, h)
        return w, h

    def split(self, aW, aH):  # noqa: N803
        parts = super().split(aW, aH)
        for p in parts:
            if isinstance(p, Tracked):
                p.unit, p.role = self.unit, self.role
        return parts

    def drawOn(self, canvas, x, y, _sW=0):  # noqa: N802, N803
        w, h = self._trk
        ax = self._hAlignAdjust(x, _sW)
        doc = canvas._doctemplate
        doc.draw_log.append({"unit": self.unit, "role": self.role, "page": canvas.getPageNumber(),
                             "frame": doc.frame.id, "bbox": (ax, y, ax + w, y + h)})
        super().drawOn(canvas, x, y, _sW)


class TPara(Tracked, Paragraph):
    pass


class TTable(Tracked, Table):
    pass


class TPre(Tracked, Preformatted):
    pass


class TBox(Tracked, Flowable):
    """A Drawing or an Image as one tracked flowable."""

    def __init__(self, child: Flowable, w: float, h: float):
        super().__init__()
        self.child, self.width, self.height = child, w, h
        self.hAlign = "CENTER"

    def wrap(self, aW, aH):  # noqa: N803
        self._trk = (self.width, self.height)
        return self.width, self.height

    def draw(self):
        self.child.drawOn(self.canv, 0, 0)


def tracked(obj: Tracked, unit: str, role: str = "body") -> Tracked:
    obj.unit, obj.role = unit, role
    return obj


# ---------------------------------------------------------------------------
# Figures: vector charts and computed raster images
# ---------------------------------------------------------------------------

SERIES_COLORS = ["#2b6a9b", "#d08a2c", "#6c9a3b", "#8e4b8e"]


def make_chart(fs: dict, width: float, fontname: str) -> tuple[Drawing, list[str]]:
    """Bar or line chart with tick labels, axis title(s) and a legend; returns the drawing and
    every string drawn in it."""
    h = fs["height"]
    d = Drawing(width, h)
    names = [n for n, _ in fs["series"]]
    legend_rows = fs.get("legend_rows", 1)
    top = 14 + 11 * legend_rows
    bottom = 30 if fs.get("x_title") else 20
    left, right = 46, 10
    plot_w = fs.get("plot_width", width - left - right)
    x0 = left + (width - left - right - plot_w) / 2
    ch = VerticalBarChart() if fs["chart"] == "bar" else HorizontalLineChart()
    ch.x, ch.y, ch.width, ch.height = x0, bottom, plot_w, h - bottom - top
    ch.data = [tuple(v) for _, v in fs["series"]]
    ch.categoryAxis.categoryNames = list(fs["categories"])
    for ax in (ch.categoryAxis, ch.valueAxis):
        ax.labels.fontName, ax.labels.fontSize = fontname, 7
        ax.strokeWidth = 0.6
    ch.categoryAxis.labels.boxAnchor, ch.categoryAxis.labels.dy = "n", -3
    ch.valueAxis.valueMin, ch.valueAxis.valueMax = fs["ticks"][0], fs["ticks"][-1]
    ch.valueAxis.valueSteps = list(fs["ticks"])
    ch.valueAxis.labelTextFormat = fs["fmt"]
    ch.valueAxis.visibleGrid = 1
    ch.valueAxis.gridStrokeColor, ch.valueAxis.gridStrokeWidth = HexColor("#d9d9d9"), 0.4
    ch.valueAxis.gridStart, ch.valueAxis.gridEnd = ch.x, ch.x + ch.width
    colors_ = [HexColor(c) for c in SERIES_COLORS]
    if fs["chart"] == "bar":
        ch.barSpacing, ch.groupSpacing = 1, 8
        ch.bars.strokeColor = None
        for i in range(len(names)):
            ch.bars[i].fillColor = colors_[i]
    else:
        ch.joinedLines = 1
        for i, marker in zip(range(len(names)), ("FilledCircle", "FilledSquare", "FilledDiamond", "FilledTriangle")):
            ch.lines[i].strokeColor, ch.lines[i].strokeWidth = colors_[i], 1.3
            ch.lines[i].symbol = makeMarker(marker, size=3.4, fillColor=colors_[i], strokeColor=colors_[i])
    d.add(ch)
    labels = list(fs["categories"]) + [fs["fmt"] % t for t in fs["ticks"]]
    # y axis title, rotated
    d.add(Group(String(0, 0, fs["y_title"], fontName=fontname, fontSize=7.5, textAnchor="middle"),
                transform=(0, 1, -1, 0, x0 - 30, ch.y + ch.height / 2)))
    labels.append(fs["y_title"])
    if fs.get("x_title"):
        d.add(String(ch.x + ch.width / 2, 3, fs["x_title"], fontName=fontname, fontSize=7.5, textAnchor="middle"))
        labels.append(fs["x_title"])
    lg = Legend()
    lg.x, lg.y, lg.boxAnchor = x0, h - 4, "nw"
    lg.alignment, lg.fontName, lg.fontSize = "right", fontname, 7
    lg.dx = lg.dy = 6.5
    lg.dxTextSpace, lg.deltax, lg.autoXPadding, lg.variColumn = 4, None, 12, 1
    lg.deltay, lg.columnMaximum = 11, legend_rows
    lg.strokeColor = None
    lg.colorNamePairs = list(zip(colors_, names))
    d.add(lg)
    labels += names
    return d, labels


def _smooth(u: np.ndarray, v: np.ndarray, k: float) -> np.ndarray:
    return np.sin(u * k) * np.cos(v * k * 0.7) + 0.5 * np.sin(u * 2.3 * k + 1.1) * np.sin(v * 1.7 * k + 0.4)


def _ramp(t: np.ndarray, stops: list[tuple[float, tuple[int, int, int]]]) -> np.ndarray:
    t = np.clip(t, 0, 1)
    out = np.zeros(t.shape + (3,))
    xs = [s for s, _ in stops]
    for c in range(3):
        out[..., c] = np.interp(t, xs, [col[c] for _, col in stops])
    return out


def raster_reservoir(w: int, h: int) -> np.ndarray:
    v, u = np.mgrid[0:h, 0:w].astype(float)
    u, v = u / w, v / h
    wob = 0.025 * np.sin(u * 23 + 0.3) + 0.02 * np.cos(v * 19 + 1.2)
    north = ((u - 0.27) / 0.25) ** 2 + ((v - 0.38) / 0.27) ** 2
    south = ((u - 0.73) / 0.25) ** 2 + ((v - 0.62) / 0.29) ** 2
    neck = ((u - 0.5) / 0.1) ** 2 + ((v - 0.5) / 0.075) ** 2
    field = np.minimum(np.minimum(north, south), neck) + wob
    water = field < 1.0
    shore = np.clip(1.0 - field, 0, 1)
    thick = (0.75 * np.exp(-(((u - 0.1) / 0.12) ** 2 + ((v - 0.24) / 0.14) ** 2))
             + 0.85 * np.exp(-(((u - 0.92) / 0.1) ** 2 + ((v - 0.78) / 0.16) ** 2))
             + 0.32 * shore ** 0.6 - 0.25 * np.exp(-(((u - 0.5) / 0.07) ** 2)) + 0.04 * _smooth(u, v, 9))
    thick = np.clip(thick, 0, 1)
    img = _ramp(thick, [(0, (226, 238, 244)), (0.35, (150, 190, 206)), (0.7, (70, 110, 150)), (1, (28, 44, 86))])
    contour = (np.abs((thick * 7) % 1 - 0.5) > 0.46) & water
    img[contour] *= 0.8
    land = _ramp(0.5 + 0.25 * _smooth(u, v, 6), [(0, (214, 208, 182)), (1, (190, 200, 160))])
    img[~water] = land[~water]
    edge = water & (field > 0.93)
    img[edge] = (90, 90, 80)
    return img


def raster_canopy(w: int, h: int) -> np.ndarray:
    """Vegetation-index map of an orchard block: rows of tree crowns, weak on the stony east side,
    a bright wet patch in the south-west corner, rough grass headlands and a hedge outside."""
    v, u = np.mgrid[0:h, 0:w].astype(float)
    un, vn = u / w, v / h
    spacing_x, spacing_y = 15.0, 9.0  # rows run north-south; trees every 9 px along a row
    bend = 2.5 * np.sin(v / 55.0)
    dx = (u + bend) % spacing_x - spacing_x / 2
    dy = v % spacing_y - spacing_y / 2
    vigour = np.clip(0.78 - 0.48 / (1 + np.exp(-(un - 0.76) * 26))
                     + 0.3 * np.exp(-(((un - 0.2) / 0.11) ** 2 + ((vn - 0.8) / 0.11) ** 2))
                     + 0.07 * _smooth(un, vn, 12), 0.05, 1)
    radius = 2.2 + 4.0 * vigour
    crown = np.exp(-((dx / radius) ** 2 + (dy / (radius * 1.1)) ** 2))
    index = 0.22 + 0.05 * _smooth(un, vn, 31) + crown * vigour * 0.8
    img = _ramp(index, [(0, (96, 72, 48)), (0.25, (150, 128, 80)), (0.45, (186, 176, 96)),
                        (0.65, (132, 176, 72)), (0.85, (58, 132, 48)), (1, (20, 90, 30))])
    inside = (un > 0.05) & (un < 0.96 - 0.05 * vn) & (vn > 0.05 + 0.05 * un) & (vn < 0.95)
    headland = inside & ((un < 0.085) | (vn > 0.92) | (vn < 0.08 + 0.05 * un))
    img[headland] = _ramp(0.4 + 0.1 * _smooth(un, vn, 40), [(0, (150, 150, 90)), (1, (175, 170, 105))])[headland]
    img[~inside] = _ramp(0.5 + 0.3 * _smooth(un, vn, 50), [(0, (34, 62, 30)), (1, (60, 92, 44))])[~inside]
    return img


def raster_members(w: int, h: int, cell: int = 12) -> np.ndarray:
    """Choropleth on a square grid: members per km², six classes, blank outside the district."""
    gh, gw = h // cell, w // cell
    v, u = np.mgrid[0:gh, 0:gw].astype(float)
    un, vn = (u + 0.5) / gw, (v + 0.5) / gh

    def town(x, y, r, a):
        return a * np.exp(-(((un - x) / r) ** 2 + ((vn - y) / r) ** 2))

    valley_y = 0.6 + 0.25 * (un - 0.35)
    valley = (0.45 * np.exp(-(((vn - valley_y) / 0.07) ** 2))
              * np.clip((un - 0.22) * 6, 0, 1) * np.clip((0.9 - un) * 6, 0, 1))
    dens = (town(0.35, 0.6, 0.09, 1.0) + town(0.78, 0.72, 0.06, 0.6) + town(0.58, 0.86, 0.05, 0.4)
            + town(0.2, 0.35, 0.05, 0.3) + town(0.62, 0.3, 0.04, 0.2) + valley
            + 0.12 / (1 + np.exp(-(vn - 0.45) * 18)) + 0.05 * (1 + _smooth(un, vn, 9)))
    inside = (((un - 0.5) / 0.48) ** 2 + ((vn - 0.52) / 0.47) ** 2 + 0.1 * np.sin(un * 17) * np.cos(vn * 11)) < 1
    breaks = np.quantile(dens[inside], [0.3, 0.55, 0.75, 0.88, 0.96])
    cls = np.digitize(dens, breaks)
    palette = np.array([(254, 240, 217), (253, 212, 158), (253, 187, 132), (252, 141, 89), (227, 74, 51),
                        (179, 0, 0)], float)
    grid = palette[cls]
    grid[~inside] = (255, 255, 255)
    img = np.repeat(np.repeat(grid, cell, axis=0), cell, axis=1)
    mask = np.repeat(np.repeat(inside, cell, axis=0), cell, axis=1)
    lines = np.zeros(img.shape[:2], bool)
    lines[::cell, :] = True
    lines[:, ::cell] = True
    img[lines & mask] = 235
    edge = mask & ~(np.roll(mask, 1, 0) & np.roll(mask, -1, 0) & np.roll(mask, 1, 1) & np.roll(mask, -1, 1))
    img[edge] = (90, 90, 90)
    return img


RASTERS = {"reservoir": raster_reservoir, "canopy": raster_canopy, "members": raster_members}


def make_raster(fs: dict) -> Image:
    w, h = fs["px"]
    arr = np.clip(np.round(RASTERS[fs["raster"]](w, h)), 0, 255).astype(np.uint8)
    buf = io.BytesIO()
    PILImage.fromarray(arr, "RGB").save(buf, format="PNG", optimize=False)
    buf.seek(0)
    return Image(buf, width=fs["size"][0], height=fs["size"][1])


# ---------------------------------------------------------------------------
# The document
# ---------------------------------------------------------------------------

FN_SEP = 9  # space between the body frame and the footnote rule
FN_RULE_GAP = 4  # rule to first footnote
FN_GAP = 1.5  # between footnotes


class Doc(BaseDocTemplate):
    """A page template per page, made when the page begins (see ``Renderer.template_for``)."""

    def __init__(self, target, renderer: Renderer, story: list, **kw: Any):
        self.renderer, self.rstory = renderer, story
        self.draw_log: list[dict] = []
        self.fn_calls: list[tuple[str, int, str]] = []
        self.fn_draws: list[dict] = []
        self.frames_by_page: dict[int, list[tuple[str, float, float, float, float]]] = {}
        super().__init__(target, **kw)

    def handle_documentBegin(self):  # noqa: N802
        super().handle_documentBegin()
        self.canv.setNamedCB("fn", self._fn_call)

    def _fn_call(self, canvas, kind, label):
        self.fn_calls.append((label, canvas.getPageNumber(), self.frame.id))

    def handle_pageBegin(self):  # noqa: N802
        self.pageTemplate = self.renderer.template_for(self.page + 1)
        self.frames_by_page[self.page + 1] = [(f.id, f._x1, f._y1, f._x2, f._y2) for f in self.pageTemplate.frames]
        super().handle_pageBegin()

    def handle_frameBegin(self, resume=0, pageTopFlowables=None):  # noqa: N802, N803
        super().handle_frameBegin(resume, pageTopFlowables)
        if self.frame.id == "wide":
            self.rstory[0:0] = self.renderer.wide_flowables(self.page) + [FrameBreak()]


class Renderer:
    def __init__(self, gold: dict, spec: dict, fn_plan: dict[str, tuple], phantom: dict[tuple, float] | None = None):
        self.gold, self.spec, self.fn_plan, self.phantom = gold, spec, fn_plan, phantom or {}
        self.pw, self.ph = PAGE_SIZES[spec["page"]]
        m = self.m = spec["margins"]
        self.full_w = self.pw - m["left"] - m["right"]
        self.ncol = spec["columns"]
        self.col_w = (self.full_w - spec["gutter"] * (self.ncol - 1)) / self.ncol
        self.fn_text = {f["label"]: f["text"] for f in gold["footnotes"]}
        self.fn_order = [f["label"] for f in gold["footnotes"]]
        self._styles()
        self.cell_paras: dict[str, list[Paragraph]] = {}
        self.wide: dict[int, list[tuple[str, str, dict]]] = {}
        for unit, kind, entry in regions_of(gold):
            rs = spec["regions"][region_key(kind, entry, spec)]
            if "wide" in rs:
                assert self.ncol > 1, "wide regions are for multi-column documents"
                self.wide.setdefault(rs["wide"], []).append((unit, kind, entry))
        self.wide_h = {p: self._height(self.wide_flowables(p), self.full_w) + 2 for p in self.wide}
        self.title_h = self._height(self.title_flowables(), self.full_w) + 2

    # -- styles ------------------------------------------------------------
    def _pstyle(self, name: str, s: dict, **kw: Any) -> ParagraphStyle:
        args = dict(fontName=font(s["font"], s.get("style", "regular")), fontSize=s["size"], leading=s["leading"],
                    alignment=ALIGN[s.get("align", "L")], textColor=HexColor(s.get("color", "#000000")),
                    spaceBefore=s.get("before", 0), spaceAfter=s.get("after", 0))
        args.update(kw)
        return ParagraphStyle(name, **args)

    def _styles(self) -> None:
        sp, b = self.spec, self.spec["body"]
        hyph = dict(hyphenationLang="en_US", embeddedHyphenation=1, hyphenationMinWordLength=5, uriWasteReduce=0)
        self.body = self._pstyle("body", {**b, "align": "J"}, firstLineIndent=b["indent"], spaceAfter=b["gap"],
                                 allowWidows=0, **hyph)
        self.body_first = ParagraphStyle("body-first", parent=self.body, firstLineIndent=0)
        self.sup = (round(b["size"] * 0.66, 2), round(b["size"] * 0.36, 2))
        self.h = {1: self._pstyle("h1", sp["h1"]), 2: self._pstyle("h2", sp["h2"])}
        self.title = self._pstyle("title", sp["title"])
        self.front = self._pstyle("front", sp["front"])
        c = sp["caption"]
        self.cap_table = self._pstyle("cap-t", c, spaceBefore=7, spaceAfter=3.5)
        self.cap_figure = self._pstyle("cap-f", c, spaceBefore=4, spaceAfter=8)
        self.cap_label_font = font(c["font"], c.get("label_style", "bold"))
        cs = sp["cell"]
        self.cell = {(a, bold): ParagraphStyle(f"cell{a}{bold}", fontName=font(cs["font"], ("regular", "bold")[bold]),
                                               fontSize=cs["size"], leading=cs["leading"], alignment=ALIGN[a])
                     for a in "LCR" for bold in (0, 1)}
        fn = sp["footnote"]
        self.fn_style = ParagraphStyle("fn", fontName=font(fn["font"]), fontSize=fn["size"], leading=fn["leading"],
                                       leftIndent=7, firstLineIndent=-7, alignment=TA_LEFT, **hyph)
        co = sp.get("code", {"size": 8.4, "leading": 10.6, "indent": 18, "back": "#f1f1ee"})
        self.code = ParagraphStyle("code", fontName="Courier", fontSize=co["size"], leading=co["leading"],
                                   leftIndent=co["indent"], spaceBefore=5, spaceAfter=9,
                                   backColor=HexColor(co["back"]), borderPadding=(4, 6, 4, 6))
        fo = sp.get("formula", {"font": b["font"], "size": b["size"] + 1, "leading": b["leading"] + 2})
        self.formula = ParagraphStyle("formula", fontName=font(fo["font"]), fontSize=fo["size"], leading=fo["leading"],
                                      alignment=TA_CENTER, spaceBefore=4, spaceAfter=8)

    # -- flowables ---------------------------------------------------------
    @staticmethod
    def _height(flowables: list, width: float) -> float:
        h = 0.0
        for i, f in enumerate(flowables):
            _, fh = f.wrap(width, 10_000)
            h += fh + (f.getSpaceBefore() if i else 0) + (f.getSpaceAfter() if i < len(flowables) - 1 else 0)
        return h

    def title_flowables(self) -> list:
        g, sp = self.gold, self.spec
        out: list = [tracked(TPara(escape(g["title"], quote=False), self.title), "title")]
        rule = sp.get("title_rule")
        if rule and rule.get("second"):
            out.append(HRFlowable(width="100%", thickness=rule["width"], color=HexColor(rule["color"]),
                                  spaceBefore=2, spaceAfter=1.5))
            out.append(HRFlowable(width="100%", thickness=rule["second"], color=HexColor(rule["color"]),
                                  spaceBefore=0, spaceAfter=5))
        for i, t in enumerate(g["front_matter"]):
            out.append(tracked(TPara(escape(t, quote=False), self.front), f"front{i}"))
        if rule and not rule.get("second"):
            out.append(HRFlowable(width="100%", thickness=rule["width"], color=HexColor(rule["color"]),
                                  spaceBefore=5, spaceAfter=0))
        return out

    def caption(self, text: str, unit: str, style: ParagraphStyle) -> TPara:
        m = CAPTION_LABEL_RE.match(text)
        if m:
            label, rest = escape(m.group(1), quote=False), escape(m.group(2), quote=False)
            markup = f'<font name="{self.cap_label_font}">{label}</font>{rest}'
        else:
            markup = escape(text, quote=False)
        return tracked(TPara(markup, style), unit, "caption")

    def table(self, unit: str, tab: dict, rs: dict, width: float) -> list:
        rows, hr = tab["rows"], tab["header_rows"]
        ncol = len(rows[0])
        widths = list(rs["widths"])
        assert len(widths) == ncol and len(rs["align"]) == ncol, unit
        if sum(widths) > width + 0.5:
            raise ValueError(f"{unit}: table widths {sum(widths)} > frame width {width:.1f}")
        if rs.get("fill"):
            widths = [w * width / sum(widths) for w in widths]
        data, spans, paras = [], [], []
        last = len(rows) - 1
        for r, row in enumerate(rows):
            cells: list = []
            c = 0
            while c < ncol:
                text = row[c]
                c2 = c
                if r < hr and text:
                    while c2 + 1 < ncol and row[c2 + 1] == text:
                        c2 += 1
                bold = 1 if (r < hr or (rs.get("bold_last") and r == last)) else 0
                align = "C" if c2 > c else rs["align"][c]
                if text:
                    p = Paragraph(escape(text, quote=False), self.cell[(align, bold)])
                    paras.append(p)
                    cells.append(p)
                else:
                    cells.append("")
                if c2 > c:
                    spans.append(("SPAN", (c, r), (c2, r)))
                    cells.extend([""] * (c2 - c))
                c = c2 + 1
            data.append(cells)
        self.cell_paras[unit] = paras
        cmds: list = [("VALIGN", (0, 0), (-1, -1), "TOP"),
                      ("LEFTPADDING", (0, 0), (-1, -1), 4), ("RIGHTPADDING", (0, 0), (-1, -1), 4),
                      ("TOPPADDING", (0, 0), (-1, -1), 1.6), ("BOTTOMPADDING", (0, 0), (-1, -1), 2.2)] + spans
        grey = HexColor("#7a7a7a")
        if rs["rules"] == "grid":
            cmds += [("GRID", (0, 0), (-1, -1), 0.5, grey), ("BOX", (0, 0), (-1, -1), 0.8, black),
                     ("BACKGROUND", (0, 0), (-1, hr - 1), HexColor("#e9ecef"))]
        elif rs["rules"] == "rows":
            cmds += [("LINEABOVE", (0, 0), (-1, 0), 0.9, black), ("LINEBELOW", (0, 0), (-1, -1), 0.4, grey),
                     ("LINEBELOW", (0, hr - 1), (-1, hr - 1), 0.9, black), ("LINEBELOW", (0, -1), (-1, -1), 0.9, black)]
        else:  # borderless: white space only
            cmds += [("TOPPADDING", (0, hr), (-1, hr), 5), ("LEFTPADDING", (0, 0), (0, -1), 0)]
        t = TTable(data, colWidths=widths, repeatRows=hr, hAlign=rs.get("halign", "CENTER"), style=TableStyle(cmds))
        t.spaceAfter = 7
        cap = self.caption(tab["caption"], unit, self.cap_table) if tab.get("caption") else None
        t = tracked(t, unit)
        if rs.get("long"):
            # caption + header + a few rows must fit, the rest may run onto the next page
            return [CondPageBreak(60)] + ([cap] if cap else []) + [t]
        return [KeepTogether(([cap] if cap else []) + [t])]

    def figure(self, unit: str, fig: dict, rs: dict, width: float) -> list:
        if "chart" in rs:
            d, labels = make_chart(rs, width, font(self.spec["chart_font"]))
            if Counter(" ".join(labels).split()) != Counter(" ".join(fig["labels"]).split()):
                raise AssertionError(f"{unit}: chart labels {labels} != gold labels {fig['labels']}")
            box = TBox(d, width, rs["height"])
        else:
            if fig["labels"]:
                raise AssertionError(f"{unit}: raster image has no text, gold labels must be []")
            img = make_raster(rs)
            box = TBox(img, *rs["size"])
            img.wrap(*rs["size"])
        out = [tracked(box, unit)]
        if fig.get("caption"):
            out.append(self.caption(fig["caption"], unit, self.cap_figure))
        return [KeepTogether(out)]

    def region(self, unit: str, kind: str, entry: Any, width: float) -> list:
        rs = self.spec["regions"][region_key(kind, entry, self.spec)]
        if kind == "table":
            return self.table(unit, entry, rs, width)
        if kind == "figure":
            return self.figure(unit, entry, rs, width)
        if kind == "code":
            return [KeepTogether([tracked(TPre(entry, self.code), unit)])]  # a listing is not split
        if kind == "formula":
            return [tracked(TPara(escape(entry, quote=False), self.formula), unit)]
        raise ValueError(kind)

    def wide_flowables(self, page: int) -> list:
        out: list = []
        for k, (unit, kind, entry) in enumerate(self.wide.get(page, [])):
            if k:
                out.append(Spacer(1, 6))
            for f in self.region(unit, kind, entry, self.full_w):
                out += f._content if isinstance(f, KeepTogether) else [f]
        return out

    def para(self, text: str, unit: str, first: bool) -> TPara:
        return tracked(TPara(to_markup(text, *self.sup), self.body_first if first else self.body), unit)

    def story(self) -> list:
        story: list = list(self.title_flowables())
        story += [FrameBreak()] if self.ncol > 1 else [Spacer(1, self.spec["top_gap"])]
        secs = self.gold["sections"]
        for si, sec in enumerate(secs):
            hp = tracked(TPara(escape(sec["heading"], quote=False), self.h[sec["level"]]), f"s{si}.h")
            _, hh = hp.wrap(self.col_w, 10_000)
            need = hh + hp.getSpaceBefore() + hp.getSpaceAfter() + 3 * self.body.leading
            if not sec["paragraphs"] and si + 1 < len(secs):
                need += 18
            story += [CondPageBreak(need), hp]
            paras = sec["paragraphs"]
            pi = 0
            while pi < len(paras):
                p, unit = paras[pi], f"s{si}.p{pi}"
                if isinstance(p, str):
                    flow = self.para(p, unit, pi == 0)
                    nxt = paras[pi + 1] if pi + 1 < len(paras) else None
                    if isinstance(nxt, dict) and "items" not in nxt:
                        kind = next(iter(nxt))
                        rs = self.spec["regions"][region_key(kind, nxt[kind], self.spec)]
                        if "split_prev" in rs and "wide" not in rs:
                            flow.wrap(self.col_w, 10_000)
                            n = rs["split_prev"]
                            parts = flow.split(self.col_w, n * self.body.leading + 0.01)
                            assert len(parts) == 2, f"{unit}: cannot split after {n} lines"
                            region = self.region(f"s{si}.p{pi + 1}", kind, nxt[kind], self.col_w)
                            story += [parts[0], *region, parts[1]]
                            pi += 2
                            continue
                    story.append(flow)
                elif "items" in p:
                    raise NotImplementedError("lists are not used in this set")
                else:
                    kind = next(iter(p))
                    rs = self.spec["regions"][region_key(kind, p[kind], self.spec)]
                    if "wide" not in rs:  # wide regions are placed by the page template
                        story += self.region(unit, kind, p[kind], self.col_w)
                pi += 1
        return story

    # -- pages -------------------------------------------------------------
    def fn_key(self, page: int, frame_id: str) -> tuple:
        return (page, frame_id) if self.spec["footnote"]["mode"] == "column" else (page,)

    def fn_width(self) -> float:
        return self.col_w if self.spec["footnote"]["mode"] == "column" else self.full_w

    def fn_block(self, key: tuple) -> list[tuple[str, Paragraph, float]]:
        out = []
        for lab in self.fn_order:
            if self.fn_plan.get(lab) == key:
                sup = f'<super size="{self.sup[0] * 0.9:.2f}" rise="{self.sup[1] * 0.8:.2f}">{escape(lab)}</super>'
                p = Paragraph(f"{sup} {_marks(self.fn_text[lab])}", self.fn_style)
                _, h = p.wrap(self.fn_width() - 0.01, 10_000)
                out.append((lab, p, h))
        return out

    def fn_height(self, key: tuple) -> float:
        """Space taken from the body frame(s) at ``key``: the footnotes planned there, plus any blank
        space left where a footnote call would otherwise flip between two places (``phantom``)."""
        block = self.fn_block(key)
        h = self.phantom.get(key, 0.0)
        if not block:
            return h
        return h + FN_SEP + FN_RULE_GAP + sum(h for _, _, h in block) + FN_GAP * (len(block) - 1)

    def fn_alone_height(self, label: str) -> float:
        p = Paragraph(f"{escape(label)} {_marks(self.fn_text[label])}", self.fn_style)
        return FN_SEP + FN_RULE_GAP + p.wrap(self.fn_width() - 0.01, 10_000)[1]

    def col_x(self, i: int) -> float:
        return self.m["left"] + i * (self.col_w + self.spec["gutter"])

    def template_for(self, page: int) -> PageTemplate:
        m, frames = self.m, []
        top = self.ph - m["top"]
        pad = dict(leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        if page == 1 and self.ncol > 1:
            frames.append(Frame(m["left"], top - self.title_h, self.full_w, self.title_h, id="top", **pad))
            top -= self.title_h + self.spec["top_gap"]
        if page in self.wide:
            h = self.wide_h[page]
            frames.append(Frame(m["left"], top - h, self.full_w, h, id="wide", **pad))
            top -= h + 12
        for i in range(self.ncol):
            bottom = m["bottom"] + self.fn_height(self.fn_key(page, f"c{i}"))
            frames.append(Frame(self.col_x(i), bottom, self.col_w, top - bottom, id=f"c{i}", **pad))
        return PageTemplate(id=f"p{page}", frames=frames, onPage=self.on_page, onPageEnd=self.on_page_end,
                            pagesize=(self.pw, self.ph))

    def _running(self, canvas, key: str, page: int) -> None:
        tpl = self.gold[key]
        if tpl is None:
            return
        if isinstance(tpl, list):
            tpl = tpl[(page - 1) % 2]
        run = self.spec["running"]
        rs = run[key]
        text = tpl.replace("{page}", str(page))
        canvas.saveState()
        canvas.setFillColor(HexColor(run["color"]))
        canvas.setStrokeColor(HexColor(run["color"]))
        canvas.setFont(font(run["font"], rs.get("style", "regular")), run["size"])
        y, left, right = rs["y"], self.m["left"], self.pw - self.m["right"]
        if key == "header":
            y = self.ph - rs["y"]
        {"L": lambda: canvas.drawString(left, y, text), "R": lambda: canvas.drawRightString(right, y, text),
         "C": lambda: canvas.drawCentredString(self.pw / 2, y, text)}[rs["align"]]()
        if rs.get("rule"):
            canvas.setLineWidth(rs["rule"])
            ry = y - 4.5 if key == "header" else y + run["size"] + 2.5
            canvas.line(left, ry, right, ry)
        canvas.restoreState()

    def on_page(self, canvas, doc: Doc) -> None:
        self._running(canvas, "header", canvas.getPageNumber())

    def on_page_end(self, canvas, doc: Doc) -> None:
        page = canvas.getPageNumber()
        keys = [(page,)] if self.spec["footnote"]["mode"] == "page" else [(page, f"c{i}") for i in range(self.ncol)]
        for key in keys:
            block = self.fn_block(key)
            if not block:
                continue
            x = self.m["left"] if len(key) == 1 else self.col_x(int(key[1][1:]))
            y = self.m["bottom"] + self.fn_height(key) - FN_SEP
            canvas.saveState()
            canvas.setLineWidth(0.5)
            canvas.line(x, y, x + min(72, self.fn_width() / 3), y)
            canvas.restoreState()
            y -= FN_RULE_GAP
            for lab, p, h in block:
                y -= h
                p.drawOn(canvas, x, y)
                doc.fn_draws.append({"label": lab, "page": page, "bbox": (x, y, x + self.fn_width(), y + h)})
                y -= FN_GAP
        self._running(canvas, "footer", page)


def render_once(gold: dict, spec: dict, fn_plan: dict, phantom: dict, target) -> Doc:
    r = Renderer(gold, spec, fn_plan, phantom)
    story = r.story()
    pw, ph = r.pw, r.ph
    doc = Doc(target, r, story, pagesize=(pw, ph), pageTemplates=[r.template_for(1)], invariant=1,
              leftMargin=r.m["left"], rightMargin=r.m["right"], topMargin=r.m["top"], bottomMargin=r.m["bottom"],
              title=gold["title"], author=gold["front_matter"][0] if gold["front_matter"] else "",
              subject=gold["kind"], creator=CREATOR, allowSplitting=1)
    doc.build(story)
    doc.cell_paras = r.cell_paras
    doc.geometry = {"page_height": ph, "margins": r.m, "col_w": r.col_w, "fn_mode": spec["footnote"]["mode"]}
    return doc


def render(gold: dict, out: Path) -> Doc:
    """Lay the document out until each footnote lands on the page (column) of its call."""
    spec = SPECS[gold["id"]]
    plan: dict[str, tuple] = {}
    phantom: dict[tuple, float] = {}
    seen: list[dict] = []
    for n in range(1, 16):
        buf = io.BytesIO()
        doc = render_once(gold, spec, plan, phantom, buf)
        r = doc.renderer
        new = {lab: r.fn_key(page, fid) for lab, page, fid in doc.fn_calls}
        if new == plan:
            out.write_bytes(buf.getvalue())
            doc.passes, doc.phantom = n, dict(phantom)
            return doc
        if new in seen:
            # a call flips between key A (footnote reserved there pushes the call on to B) and
            # B: keep the space at A blank and set the footnote at B, as a typesetter would
            for lab in sorted(set(plan) | set(new)):
                a, b = plan.get(lab), new.get(lab)
                if a and b and a != b:
                    early, late = sorted((a, b))
                    phantom[early] = phantom.get(early, 0.0) + r.fn_alone_height(lab)
                    new[lab] = late
            seen = []
        else:
            seen.append(plan)
        plan = new
    raise RuntimeError(f"{gold['id']}: footnote placement did not settle")


# ---------------------------------------------------------------------------
# Verification
# ---------------------------------------------------------------------------


def check_gold(gold: dict) -> None:
    """Format sanity: fields, footnote calls <-> footnotes, rectangular tables, base-14 encodable."""
    for k in ("id", "kind", "title", "front_matter", "toc", "header", "footer", "sections", "footnotes"):
        assert k in gold, f"gold lacks {k}"
    calls = []
    for sec in gold["sections"]:
        assert sec["level"] in (1, 2)
        for p in sec["paragraphs"]:
            if isinstance(p, str):
                calls += CALL_RE.findall(p)
    labels = [f["label"] for f in gold["footnotes"]]
    assert calls == labels, f"footnote calls {calls} != footnotes {labels}"
    assert 3 <= len(labels) <= 6, "3 to 6 footnotes per document"
    for unit, kind, e in regions_of(gold):
        if kind == "table":
            n = len(e["rows"][0])
            assert all(len(r) == n for r in e["rows"]), f"{unit}: ragged table"
            assert isinstance(e["ruled"], bool) and e["header_rows"] >= 1
    spec = SPECS[gold["id"]]
    keys = Counter(region_key(kind, e, spec) for _, kind, e in regions_of(gold))
    assert set(keys) == set(spec["regions"]) and max(keys.values()) == 1, f"region specs vs gold regions: {keys}"
    used = {spec["body"]["font"], spec["caption"]["font"], spec["cell"]["font"], spec["footnote"]["font"],
            spec["running"]["font"]}
    if used & BASE14:
        blob = json.dumps(gold, ensure_ascii=False)
        bad = {ch for ch in blob if ch not in "\n" and not _cp1252(ch)}
        assert not bad, f"characters outside WinAnsi in a base-14 document: {sorted(bad)}"


def _cp1252(ch: str) -> bool:
    try:
        ch.encode("cp1252")
        return True
    except UnicodeEncodeError:
        return False


def unit_texts(gold: dict) -> dict[str, dict]:
    """unit id -> {kind, tokens (as printed), stripped tokens, ...} for every gold unit."""
    units: dict[str, dict] = {}

    def add(uid: str, kind: str, text: str, **kw: Any) -> None:
        units[uid] = {"kind": kind, "tokens": printed(text).split(), "stripped": stripped(text).split(), **kw}

    add("title", "title", gold["title"])
    for i, t in enumerate(gold["front_matter"]):
        add(f"front{i}", "front", t)
    for si, sec in enumerate(gold["sections"]):
        add(f"s{si}.h", "heading", sec["heading"])
        for pi, p in enumerate(sec["paragraphs"]):
            uid = f"s{si}.p{pi}"
            if isinstance(p, str):
                add(uid, "para", p)
                continue
            kind = next(iter(p))
            e = p[kind]
            if kind == "table":
                # as printed: a header cell spanning columns is repeated in the gold, drawn once
                hr = e["header_rows"]
                printed_rows = [[c for k, c in enumerate(row) if c and not (r < hr and k and row[k - 1] == c)]
                                for r, row in enumerate(e["rows"])]
                cells = " ".join(" ".join(row) for row in printed_rows)
                header = " ".join(" ".join(row) for row in printed_rows[:e["header_rows"]])
                add(uid, "table", cells, header=header.split(), caption=(e.get("caption") or "").split())
            elif kind == "figure":
                add(uid, "figure", " ".join(e["labels"]), caption=(e.get("caption") or "").split())
            else:
                add(uid, kind, e)
    for f in gold["footnotes"]:
        add(f"fn:{f['label']}", "footnote", f"{f['label']} {f['text']}")
    return units


def gold_order(gold: dict) -> list[str]:
    order = ["title"] + [f"front{i}" for i in range(len(gold["front_matter"]))]
    for si, sec in enumerate(gold["sections"]):
        order.append(f"s{si}.h")
        order += [f"s{si}.p{pi}" for pi in range(len(sec["paragraphs"]))]
    return order


def match_ordered(gold_toks: list[str], words: list[tuple], where: str) -> dict:
    """Compare a unit's words (in reading order, with line-end flags) with its gold tokens.
    A line-final word ending in '-' may join the next one: 'hyphen-'+'ation' -> 'hyphenation'
    (automatic break) or 'long-'+'term' -> 'long-term' (break at the word's own hyphen)."""
    stats = {"auto": 0, "compound": 0}
    i = j = 0
    while i < len(gold_toks):
        g = gold_toks[i]
        if j >= len(words):
            ctx = " ".join(gold_toks[max(0, i - 6):i + 1])
            raise AssertionError(f"{where}: PDF text ends before gold word {g!r} (gold: ...{ctx})")
        e, line_end = words[j][4], words[j][5]
        if e == g:
            j += 1
        elif line_end and e.endswith("-") and j + 1 < len(words) and e + words[j + 1][4] == g:
            stats["compound"] += 1
            j += 2
        elif line_end and e.endswith("-") and j + 1 < len(words) and e[:-1] + words[j + 1][4] == g:
            stats["auto"] += 1
            j += 2
        else:
            ctx = " ".join(w[4] for w in words[max(0, j - 4):j + 5])
            raise AssertionError(f"{where}: gold {g!r} vs PDF {e!r}; PDF context: {ctx}")
        i += 1
    if j != len(words):
        raise AssertionError(f"{where}: extra PDF words {' '.join(w[4] for w in words[j:j + 12])!r}")
    return stats


def reading_order(words: list[tuple]) -> list[tuple]:
    """Sort words of one box into lines (top to bottom) and left to right; mark line ends."""
    lines: list[list[tuple]] = []
    for w in sorted(words, key=lambda w: ((w[1] + w[3]) / 2, w[0])):
        if lines and abs((lines[-1][0][3] + lines[-1][0][1]) / 2 - (w[3] + w[1]) / 2) < 3.0:
            lines[-1].append(w)
        else:
            lines.append([w])
    out = []
    for line in lines:
        line.sort(key=lambda w: w[0])
        out += [(*w[:5], k == len(line) - 1) for k, w in enumerate(line)]
    return out


def multiset_diff(gold_toks: list[str], pdf_toks: list[str]) -> tuple[Counter, Counter]:
    g, p = Counter(gold_toks), Counter(pdf_toks)
    return g - p, p - g


def verify(gold: dict, pdf: Path, doc: Doc) -> dict:
    import pymupdf

    units = unit_texts(gold)
    geo, log = doc.geometry, doc.draw_log
    ph = geo["page_height"]
    with pymupdf.open(pdf) as d:
        pages = [[w[:5] for w in page.get_text("words")] for page in d]
        n_pages = d.page_count
        fonts = sorted({s["font"].split("+")[-1] for p in d for b in p.get_text("dict")["blocks"]
                        for ln in b.get("lines", []) for s in ln["spans"] if s["text"].strip()})

    def td(bbox):  # ReportLab (bottom-up) bbox -> PyMuPDF (top-down)
        x0, y0, x1, y1 = bbox
        return (x0, ph - y1, x1, ph - y0)

    # 1. the brief's check: every gold word (marks and calls stripped) occurs among the PDF words
    all_words = [w[4] for page in pages for w in page]
    labels = [f["label"] for f in gold["footnotes"]]
    found = set(all_words)
    for w in all_words:
        for lab in labels:
            m = re.match(rf"^(.+?){re.escape(lab)}([.,;:)]*)$", w)
            if m:
                found.add(m.group(1) + m.group(2))
    hyphened = {w for w in all_words if w.endswith("-")}

    def in_halves(t: str) -> bool:  # 'hyphen-' + 'ation', or 'long-' + 'term' (any two PDF words)
        return any((t[:k] + "-" in hyphened or (t[k - 1] == "-" and t[:k] in hyphened)) and t[k:] in found
                   for k in range(1, len(t)))

    missing = []
    for uid, u in units.items():
        toks = u["stripped"] + u.get("caption", [])
        missing += [(uid, t) for t in toks if t not in found and not in_halves(t)]
    if missing:
        raise AssertionError(f"gold words not in the PDF: {missing[:15]}")

    # 2. assign every PDF word to a drawn unit box, a footnote box or the running header/footer
    boxes: dict[int, list[tuple[str, str, tuple]]] = {}
    for e in log:
        boxes.setdefault(e["page"], []).append((e["unit"], e["role"], td(e["bbox"])))
    for f in doc.fn_draws:
        boxes.setdefault(f["page"], []).append((f"fn:{f['label']}", "footnote", td(f["bbox"])))
    per_box: dict[tuple, list] = {}
    running: dict[int, list] = {}
    m = geo["margins"]
    for pno, words in enumerate(pages, start=1):
        for w in words:
            cx, cy = (w[0] + w[2]) / 2, (w[1] + w[3]) / 2
            hit = None
            for k, (_unit, _role, (x0, y0, x1, y1)) in enumerate(boxes.get(pno, [])):
                if x0 - 0.5 <= cx <= x1 + 0.5 and y0 - 0.5 <= cy <= y1 + 0.5:
                    hit = (pno, k)
                    break
            if hit:
                per_box.setdefault(hit, []).append(w)
            elif cy < m["top"] or cy > ph - m["bottom"]:
                running.setdefault(pno, []).append(w)
            else:
                raise AssertionError(f"page {pno}: word {w[4]!r} at ({w[0]:.0f},{w[1]:.0f}) is outside every gold unit")
    # running header / footer
    for pno in range(1, n_pages + 1):
        expect = []
        for key in ("header", "footer"):
            tpl = gold[key]
            if tpl is not None:
                tpl = tpl[(pno - 1) % 2] if isinstance(tpl, list) else tpl
                expect += tpl.replace("{page}", str(pno)).split()
        got = [w[4] for w in sorted(running.get(pno, []), key=lambda w: (round(w[3]), w[0]))]
        assert got == expect, f"page {pno}: running text {got} != {expect}"

    # 3. each unit's words against the gold
    unit_words: dict[tuple[str, str], list] = {}
    unit_pieces: dict[tuple[str, str], int] = Counter()
    for (pno, k), words in sorted(per_box.items()):
        unit, role, _ = boxes[pno][k]
        unit_words.setdefault((unit, role), []).extend(reading_order(words))
    for bl in boxes.values():
        for unit, role, _ in bl:
            unit_pieces[(unit, role)] += 1
    hy = {"auto": 0, "compound": 0}
    for uid, u in units.items():
        kind = u["kind"]
        if kind in ("table", "figure"):
            got = [w[4] for w in unit_words.get((uid, "body"), [])]
            want = list(u["tokens"])
            if kind == "table":
                want += u["header"] * (unit_pieces[(uid, "body")] - 1)  # repeated header rows
            lack, extra = multiset_diff(want, got)
            assert not lack and not extra, f"{uid} ({kind}): missing {dict(lack)}, extra {dict(extra)}"
            if u["caption"]:
                st = match_ordered(u["caption"], unit_words.get((uid, "caption"), []), f"{uid} caption")
                hy = {k: hy[k] + st[k] for k in hy}
        else:
            role = "footnote" if kind == "footnote" else "body"
            st = match_ordered(u["tokens"], unit_words.get((uid, role), []), uid)
            hy = {k: hy[k] + st[k] for k in hy}

    # 4. reading order: units are drawn in gold order; a paragraph may be interrupted by regions only
    seq: list[str] = []
    for e in log:
        if not seq or seq[-1] != e["unit"]:
            seq.append(e["unit"])
    first = list(dict.fromkeys(seq))
    want = gold_order(gold)
    assert first == want, f"draw order differs from gold order: {[(a, b) for a, b in zip(first, want) if a != b][:3]}"
    split_by_region = []
    for uid in set(seq):
        idx = [i for i, x in enumerate(seq) if x == uid]
        if len(idx) > 1:
            assert units[uid]["kind"] == "para", f"{uid} ({units[uid]['kind']}) is interrupted"
            between = seq[idx[0] + 1:idx[-1]]
            assert all(units[b]["kind"] in ("table", "figure", "code", "formula") for b in between), \
                f"{uid} is interrupted by {between}"
            split_by_region.append(uid)

    # 5. captions: above tables, below figures, next to them
    for uid, u in units.items():
        if u["kind"] not in ("table", "figure") or not u["caption"]:
            continue
        cap = [e for e in log if e["unit"] == uid and e["role"] == "caption"]
        body = [e for e in log if e["unit"] == uid and e["role"] == "body"]
        assert len(cap) == 1, f"{uid}: caption drawn {len(cap)} times"
        c = cap[0]
        b = body[0] if u["kind"] == "table" else body[-1]
        assert (c["page"], c["frame"]) == (b["page"], b["frame"]), f"{uid}: caption not with its region"
        gap = c["bbox"][1] - b["bbox"][3] if u["kind"] == "table" else b["bbox"][1] - c["bbox"][3]
        where = "above" if u["kind"] == "table" else "below"
        assert -0.5 <= gap <= 12, f"{uid}: caption gap {gap:.1f} (caption {where})"

    # 6. footnotes on the page (column) of their call, below the body, above the footer
    call = {lab: (page, fid) for lab, page, fid in doc.fn_calls}
    for f in doc.fn_draws:
        page, fid = call[f["label"]]
        assert f["page"] == page, f"footnote {f['label']} on page {f['page']}, call on page {page}"
        body_bottom = min(y1 for fid2, x1, y1, x2, y2 in doc.frames_by_page[page] if fid2.startswith("c"))
        assert f["bbox"][3] < body_bottom, f"footnote {f['label']} overlaps the body"
        assert f["bbox"][1] >= m["bottom"] - 0.5, f"footnote {f['label']} below the bottom margin"
        if geo["fn_mode"] == "column":
            fr = next(fr for fr in doc.frames_by_page[page] if fr[0] == fid)
            assert fr[1] - 0.5 <= f["bbox"][0] <= fr[3], f"footnote {f['label']} not under its column"
    assert sorted(f["label"] for f in doc.fn_draws) == sorted(call), "every footnote is drawn once"

    # 7. layout intents of the spec really happened
    spec = SPECS[gold["id"]]
    for uid, kind, e in regions_of(gold):
        rs = spec["regions"][region_key(kind, e, spec)]
        drawn = [x for x in log if x["unit"] == uid and x["role"] == "body"]
        if rs.get("long"):
            assert len({x["page"] for x in drawn}) >= 2, f"{uid}: long table does not continue onto the next page"
        if "wide" in rs:
            assert all(x["frame"] == "wide" and x["page"] == rs["wide"] for x in drawn), f"{uid}: not full width"
        if "split_prev" in rs:
            assert uid in {u for u in seq}, uid
    # stats
    paras = [uid for uid, u in units.items() if u["kind"] == "para"]
    pages_of = {uid: {e["page"] for e in log if e["unit"] == uid} for uid in paras}
    frames_of = {uid: {(e["page"], e["frame"]) for e in log if e["unit"] == uid} for uid in paras}
    tables = [(uid, e) for uid, kind, e in regions_of(gold) if kind == "table"]
    figures = [(uid, e) for uid, kind, e in regions_of(gold) if kind == "figure"]
    wide_units = {u for regs in doc.renderer.wide.values() for u, _, _ in regs}
    wrapped = sum(1 for uid, _ in tables for p in doc.cell_paras.get(uid, []) if len(p.blPara.lines) > 1)
    return {
        "pages": n_pages,
        "passes": doc.passes,
        "blank_footnote_space": {str(k): round(v, 1) for k, v in doc.phantom.items()},
        "fonts": fonts,
        "words": sum(len(u["tokens"]) for u in units.values()),
        "tables": len(tables),
        "ruled": sum(1 for _, e in tables if e["ruled"]),
        "borderless": sum(1 for _, e in tables if not e["ruled"]),
        "table_pages": {uid: sorted({e["page"] for e in log if e["unit"] == uid}) for uid, _ in tables},
        "full_width_regions": sorted(wide_units),
        "figures": len(figures),
        "vector": sum(1 for _, e in figures if e["labels"]),
        "raster": sum(1 for _, e in figures if not e["labels"]),
        "captions": sum(1 for _, e in tables + figures if e.get("caption")),
        "two_line_captions": sum(1 for e in log if e["role"] == "caption"
                                 and e["bbox"][3] - e["bbox"][1] > 1.5 * doc.renderer.cap_table.leading),
        "wrapped_cells": wrapped,
        "footnotes": len(gold["footnotes"]),
        "code": sum(1 for _, k, _ in regions_of(gold) if k == "code"),
        "formula": sum(1 for _, k, _ in regions_of(gold) if k == "formula"),
        "para_split_by_region": len(split_by_region),
        "para_across_column": sum(1 for uid in paras if len(frames_of[uid]) > 1),
        "para_across_page": sum(1 for uid in paras if len(pages_of[uid]) > 1),
        "hyphen_auto": hy["auto"], "hyphen_compound": hy["compound"],
        "columns": spec["columns"],
    }


# ---------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--png", action="store_true", help="write /tmp/regions-rl-<id>-p<n>.png previews (60 dpi)")
    ap.add_argument("--debug", action="store_true", help="print where each unit is drawn")
    ap.add_argument("ids", nargs="*")
    args = ap.parse_args(argv)
    (HERE / "pdf").mkdir(exist_ok=True)
    print(f"reportlab {reportlab.Version}; rl_config.invariant={rl_config.invariant}")
    ok, rows = True, []
    for gp in sorted((HERE / "gold").glob("*.json")):
        gold = json.loads(gp.read_text(encoding="utf-8"))
        if args.ids and gold["id"] not in args.ids:
            continue
        out = HERE / "pdf" / f"{gold['id']}.pdf"
        check_gold(gold)
        doc = render(gold, out)
        if args.png:
            import pymupdf
            with pymupdf.open(out) as d:
                for p in d:
                    p.get_pixmap(dpi=60).save(f"/tmp/regions-rl-{gold['id']}-p{p.number + 1}.png")
        if args.debug:
            seq = []
            for e in doc.draw_log:
                tag = f"{e['unit']}@p{e['page']}{e['frame']}"
                if not seq or seq[-1] != tag:
                    seq.append(tag)
            print("   drawn:", " ".join(seq))
        try:
            st = verify(gold, out, doc)
        except AssertionError as exc:
            ok = False
            print(f"{gold['id']}: VERIFY FAILED: {exc}")
            continue
        sha = hashlib.sha256(out.read_bytes()).hexdigest()[:12]
        rows.append((gold["id"], st))
        print(f"{gold['id']}: OK sha256={sha}")
        print("   " + json.dumps(st, ensure_ascii=False))
    if rows:
        print("\n| id | pages | cols | tables (ruled/borderless) | figures (vector/raster) | captions | footnotes "
              "| code | formula | para split by region | para across page | wrapped cells |")
        print("|---|---|---|---|---|---|---|---|---|---|---|---|")
        for gid, s in rows:
            print(f"| {gid} | {s['pages']} | {s['columns']} | {s['tables']} ({s['ruled']}/{s['borderless']}) | "
                  f"{s['figures']} ({s['vector']}/{s['raster']}) | {s['captions']} | {s['footnotes']} | {s['code']} | "
                  f"{s['formula']} | {s['para_split_by_region']} | {s['para_across_page']} | {s['wrapped_cells']} |")
    if not ok:
        print("\nVERIFICATION FAILED", file=sys.stderr)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
