"""Build the LaTeX region corpus (development set): gold -> .tex -> PDF (pdflatex) -> verify.

Every ``gold/<id>.json`` (format: ``tests/regions/README.md``) is turned into
``tex/<id>.tex`` by this script and compiled with pdfTeX (``pdflatex``, run until the
``.aux`` file is stable) into ``pdf/<id>.pdf``. The text of the .tex file comes only
from the gold file; how it is set (document class and packages, which tables are
booktabs, grids or borderless, the pgfplots code of each chart, the recipe of each
raster image, float placement, the LaTeX source of each display formula and of inline
math) is in ``SPECS`` below, keyed by document id and, for a region, by its caption
prefix ("Table 2", "Figure 3.1") or by "formula <n>" / "code <n>".

LaTeX does the layout: line breaking and hyphenation, float placement, footnotes,
running heads (fancyhdr or the plain page style), longtable page breaks.

Each unit of the gold gets an invisible position mark (``\\mk{id}``: ``\\pdfsavepos``
plus a ``\\write`` to ``<id>.pos``) at its start, and paragraphs, formulas and tables
also at their end. ``verify`` uses the marks to check the reading order of the gold,
the footnote pages, the formula and figure areas and the pages a long table spans.

Verification (on every build), with PyMuPDF ``page.get_text("words")``:

* every word of every gold unit (title, front matter, headings, paragraphs, list items,
  table cells, captions, figure labels, code lines, formulas, footnotes) is among the
  PDF's words, counted with multiplicity; marks are stripped, a footnote call is
  expected glued to its word as printed (or as a separate word), a word hyphenated at
  a line end is accepted from its two halves, ligatures are normalised;
* every PDF word is accounted for: gold, running header/footer, list bullets, the
  header rows a long table repeats on its next page;
* units are in gold reading order (by their marks); each footnote is on the page and
  in the column of its call; the words drawn in a figure are its gold labels, those
  in a table area its caption and cells, those in a formula area its gold text (in
  PDF order); each code line is indented as in the gold.

Usage::

    .venv/bin/python tests/regions/latex/build.py              # build + verify + stats
    .venv/bin/python tests/regions/latex/build.py --png        # also /tmp/regions-latex-<id>-p<n>.png
    .venv/bin/python tests/regions/latex/build.py --verify-only
    .venv/bin/python tests/regions/latex/build.py [ids...]
"""
# ruff: noqa: UP031  (LaTeX templates are %-formatted: their braces would have to be doubled for str.format)
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pymupdf
from PIL import Image

HERE = Path(__file__).resolve().parent
BUILD = Path("/tmp/regions-latex")
ENV = {**os.environ, "SOURCE_DATE_EPOCH": "0", "FORCE_SOURCE_DATE": "1", "TZ": "UTC", "LC_ALL": "C"}

# Lines build.py puts into every .tex file: reproducible PDF, glyph names -> Unicode,
# and the invisible position marks used by the verification.
HEAD = r"""\pdfinfoomitdate=1 \pdftrailerid{} \pdfsuppressptexinfo=-1
"""
COMMON = r"""
% --- added by build.py: Unicode mapping, invisible position marks for its checks ---
\input{glyphtounicode}\pdfgentounicode=1
\newwrite\mkfile \immediate\openout\mkfile=\jobname.pos
\DeclareRobustCommand*\mk[1]{\pdfsavepos\write\mkfile{#1 \the\value{page} \the\pdflastxpos\space\the\pdflastypos}}
% ---
"""

LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl", "\ufb05": "st",
             "\ufb06": "st"}
HYPHENS = "-\u2010\u00ad"

# ---------------------------------------------------------------------------
# Raster images (numpy + Pillow, deterministic, no text)
# ---------------------------------------------------------------------------


def _ramp(t: np.ndarray, stops: list[tuple[float, tuple[int, int, int]]]) -> np.ndarray:
    t = np.clip(t, 0, 1)
    xs = [s[0] for s in stops]
    return np.stack([np.interp(t, xs, [s[1][k] for s in stops]) for k in range(3)], axis=-1)


def _noise(w: int, h: int, seed: int, scales=(24, 9, 3)) -> np.ndarray:
    """Smooth value noise in [0, 1] from a seeded generator (bilinear upsampled grids)."""
    rng = np.random.default_rng(seed)
    out = np.zeros((h, w))
    for i, s in enumerate(scales):
        g = rng.random((h // s + 2, w // s + 2))
        ys, xs = np.arange(h) / s, np.arange(w) / s
        y0, x0 = ys.astype(int), xs.astype(int)
        fy, fx = (ys - y0)[:, None], (xs - x0)[None, :]
        a = g[y0][:, x0]
        b = g[y0][:, x0 + 1]
        c = g[y0 + 1][:, x0]
        d = g[y0 + 1][:, x0 + 1]
        out += (a * (1 - fx) * (1 - fy) + b * fx * (1 - fy) + c * (1 - fx) * fy + d * fx * fy) / (2 ** i)
    out -= out.min()
    return out / out.max()


def raster_mat_section(w: int = 720, h: int = 430) -> np.ndarray:
    """Epifluorescence section through a laminated mat: bright upper band, fainter laminae."""
    y = np.arange(h)[:, None] / h
    x = np.arange(w)[None, :] / w
    n = _noise(w, h, 11)
    wav = 0.03 * np.sin(2 * np.pi * (x * 3.0 + 0.2)) + 0.02 * (n - 0.5)
    depth = y + wav
    top = np.exp(-((depth - 0.22) / 0.07) ** 2)
    lam = 0.35 * (0.5 + 0.5 * np.cos(2 * np.pi * depth * 14)) * (depth > 0.32) * np.exp(-(depth - 0.32) * 2.2)
    fil = _noise(w, h, 12, scales=(5, 2))
    glow = np.clip(top * (0.75 + 0.5 * fil) + lam * (0.6 + 0.6 * fil), 0, 1.2) * (depth > 0.12)
    base = np.zeros((h, w, 3))
    base += glow[..., None] * np.array([255, 150, 40]) * 0.85
    base += (lam * 0.6)[..., None] * np.array([60, 200, 90])
    base += 8
    return np.clip(base, 0, 255).astype(np.uint8)


def raster_spectrogram(w: int = 760, h: int = 300) -> np.ndarray:
    """Crossing of a timber-decked truss: footfall clicks at 1.9 Hz with ringing board modes."""
    t = np.arange(w)[None, :] / w * 20.0          # s
    f = (1 - np.arange(h)[:, None] / h) * 1000.0  # Hz, low at the bottom
    env = np.exp(-((t - 10.0) / 6.5) ** 2)        # walker approaching, passing midspan, leaving
    phase = np.mod(t, 1 / 1.9)
    click = np.exp(-phase / 0.015) * np.exp(-f / 900)
    modes = ((182, 1.0), (247, 0.7), (311, 0.9), (458, 0.6), (536, 0.5))  # board resonances (Hz, amplitude)
    ring = sum(a * np.exp(-((f - f0) / 9.0) ** 2) for f0, a in modes)
    ring = ring * np.exp(-phase / 0.35)
    low = 0.8 * np.exp(-((f - 90) / 40) ** 2)
    level = env * (0.9 * click + 0.8 * ring + low) + 0.05 * _noise(w, h, 21, scales=(6, 2)) + 0.04
    level = np.log1p(6 * level) / np.log1p(6 * 1.6)
    rgb = _ramp(level, [(0.0, (20, 12, 60)), (0.35, (60, 70, 150)), (0.6, (30, 160, 140)), (0.85, (200, 220, 60)),
                        (1.0, (255, 250, 180))])
    return np.clip(rgb, 0, 255).astype(np.uint8)


def raster_swatches(w: int = 780, h: int = 300) -> np.ndarray:
    """Two rows of indigo twill swatches (D3, D6): reference, then after 1-5 washes, lighter each time."""
    img = np.full((h, w, 3), 246.0)
    yy, xx = np.mgrid[0:h, 0:w]
    twill = 0.5 + 0.5 * np.sin((xx + yy) * 2 * np.pi / 7.0)
    grain = _noise(w, h, 31, scales=(4, 2))
    depth = {0: [0.0, 0.29, 0.42, 0.51, 0.57, 0.61], 1: [0.0, 0.21, 0.31, 0.38, 0.42, 0.45]}
    dark, light = np.array([28, 38, 92]), np.array([150, 170, 215])
    sw, sh, gap = 112, 118, 18
    x0, y0 = (w - 6 * sw - 5 * gap) // 2, (h - 2 * sh - gap) // 2
    for r in range(2):
        for c in range(6):
            t = depth[r][c]
            base = dark + (light - dark) * t
            top, left = y0 + r * (sh + gap), x0 + c * (sw + gap)
            ys, xs = slice(top, top + sh), slice(left, left + sw)
            tex = (twill[ys, xs] * 0.10 + grain[ys, xs] * 0.12 - 0.11)[..., None]
            img[ys, xs] = base * (1 + tex) + 90 * t * (grain[ys, xs][..., None] - 0.5) * 0.4
    return np.clip(img, 0, 255).astype(np.uint8)


def raster_station_map(w: int = 480, h: int = 390) -> np.ndarray:
    """Shaded relief of a valley running south-north with station dots (blue; new ones orange)."""
    yy, xx = np.mgrid[0:h, 0:w] / np.array([h, w])[:, None, None]
    axis = 0.5 + 0.12 * np.sin(yy * 5.0 + 0.6)
    elev = np.clip(np.abs(xx - axis) * 2.3, 0, 1) ** 0.8 + 0.35 * _noise(w, h, 41) - 0.25 * yy
    gy, gx = np.gradient(elev * 60)
    shade = np.clip(0.65 + 0.35 * (-gx - gy) / np.sqrt(1 + gx ** 2 + gy ** 2), 0, 1)
    rgb = _ramp(elev, [(-0.2, (120, 170, 110)), (0.35, (175, 195, 140)), (0.8, (205, 190, 160)),
                       (1.2, (235, 230, 220))])
    rgb = rgb * shade[..., None]
    river = np.exp(-((xx - axis) * w / 3.0) ** 2)
    rgb = rgb * (1 - river[..., None]) + river[..., None] * np.array([70, 120, 190])
    rng = np.random.default_rng(5)
    for k in range(64):
        new = k < 11  # the eleven sensors of 2025, in the north of the valley
        py = rng.uniform(0.05, 0.4) if new else rng.uniform(0.05, 0.95)
        px = 0.5 + 0.12 * np.sin(py * 5.0 + 0.6) + rng.normal(0, 0.09)
        col = np.array([235, 120, 20]) if new else np.array([30, 60, 160])
        d = (xx - px) ** 2 * w * w + (yy - py) ** 2 * h * h
        rgb[d < 30] = np.array([255, 255, 255])
        rgb[d < 16] = col
    return np.clip(rgb, 0, 255).astype(np.uint8)


RASTERS: dict[str, Callable[[], np.ndarray]] = {
    "station_map": raster_station_map,
    "swatches": raster_swatches,
    "mat_section": raster_mat_section,
    "spectrogram": raster_spectrogram,
}


def write_png(name: str, recipe: str, out_dir: Path) -> Path:
    path = out_dir / name
    Image.fromarray(RASTERS[recipe]()).save(path, optimize=False)
    return path


# ---------------------------------------------------------------------------
# Per-document layout (text comes from the gold)
# ---------------------------------------------------------------------------

SPECS: dict[str, dict[str, Any]] = {}

# --- 1. Two-column conference paper (article, twocolumn, \thanks, table*, figure*) -----------
def _mat_panel(ylabel, ytick, ymax, series, legend=False):
    plots = []
    for vals in series:
        pts = " ".join(f"({m},{v})" for m, v in zip(["Jan", "Mar", "May", "Jul", "Sep", "Nov"], vals))
        plots.append(r"\addplot coordinates {%s};" % pts)
    leg = "\n\\legend{S1,S2,S3,S4}" if legend else ""
    return (r"""\begin{tikzpicture}
\begin{axis}[width=0.42\textwidth, height=5.2cm, symbolic x coords={Jan,Mar,May,Jul,Sep,Nov},
  xtick=data, ymin=0, ymax=%s, ytick={%s}, xlabel={Visit (2024)}, ylabel={%s},
  tick label style={font=\footnotesize}, label style={font=\small}, mark size=1.6pt,
  legend style={font=\footnotesize, at={(1.04,0.5)}, anchor=west}]
%s%s
\end{axis}
\end{tikzpicture}""" % (ymax, ytick, ylabel, "\n".join(plots), leg))


SPECS["mat-succession-2025"] = dict(
    preamble=r"""
\documentclass[10pt,twocolumn,letterpaper]{article}
\usepackage[T1]{fontenc}
\usepackage{lmodern}
\usepackage[margin=0.75in,columnsep=0.3in]{geometry}
\usepackage{microtype}
\usepackage{amsmath}
\usepackage{booktabs}
\usepackage{graphicx}
\usepackage{pgfplots}
\pgfplotsset{compat=1.18}
\usepackage[font=small,labelfont=bf]{caption}
\captionsetup[table]{position=top}
""",
    title=lambda w, t, fm: ("\\title{%s}\n\\author{%s\\\\\n%s}\n\\date{}\n\n\\begin{document}\n\\maketitle\n\n"
                            % (t, fm[0], fm[1])),
    thanks=True, abstract=True, bib=True, columns=2,
    math=[("p < 0.001", r"$p < 0.001$"), ("H′", r"$H'$"), ("where S is", r"where $S$ is"),
          ("and pi the share", r"and $p_i$ the share"), ("ASV i.", r"ASV~$i$."), ("48° N", r"48\textdegree~N")],
    regions={
        "Table 1": dict(style="booktabs", cols="lrrrrl", size=r"\footnotesize", place="htb",
                        pre=r"\setlength{\tabcolsep}{3.5pt}"),
        "Table 2": dict(style="booktabs", env="table*", cols="lrrrrrrrr", place="t", before="At each visit",
                        spans={(0, 1): 4, (0, 5): 4}),
        "Figure 1": dict(env="figure*", place="t", before="4 Discussion", tikz=_mat_panel(
            r"Cyanobacteria (\% of reads)", "0,20,40,60", 70,
            [[3.1, 3.6, 4.0, 4.4, 3.9, 3.3], [41.6, 44.0, 49.5, 52.8, 48.1, 43.9],
             [38.2, 45.1, 56.7, 64.9, 55.0, 43.6], [27.5, 31.8, 39.4, 46.3, 40.2, 30.1]])
            + "\\hspace{1.2cm}\n" + _mat_panel(
            r"Chloroflexi (\% of reads)", "0,10,20,30,40", 42,
            [[12.7, 12.1, 11.9, 11.8, 12.3, 12.9], [31.9, 30.5, 29.0, 28.4, 29.6, 31.2],
             [35.6, 30.2, 22.8, 17.3, 23.5, 31.0], [38.1, 34.0, 27.2, 21.6, 26.9, 35.2]], legend=True)),
        "Figure 2": dict(image="mat-succession-2025-fig2.png", recipe="mat_section", width=r"\linewidth", place="htb",
                         before="4 Discussion"),
        "formula 1": dict(env="equation", tex=r"H' = -\sum_{i=1}^{S} p_i \ln p_i", band=(17, 11)),
    },
)


# --- 2. One-column technical report (fancyhdr, listings, longtable, align) -------------------
SPECS["corvid-inlining-tr-2025-14"] = dict(
    preamble=r"""
\documentclass[10pt,a4paper]{article}
\usepackage[T1]{fontenc}
\usepackage{lmodern}
\usepackage[margin=2.4cm,headheight=14pt]{geometry}
\usepackage{amsmath}
\usepackage{booktabs}
\usepackage{longtable}
\usepackage{listings}
\usepackage{pgfplots}
\pgfplotsset{compat=1.18}
\usepackage[font=small,labelfont=bf]{caption}
\captionsetup[table]{position=top}
\usepackage{fancyhdr}
\pagestyle{fancy}
\fancyhf{}
\fancyhead[L]{\small\itshape <<HEADL>>}
\fancyhead[R]{\small <<HEADR>>}
\fancyfoot[C]{\small <<FOOT>>}
\lstset{language=C, basicstyle=\ttfamily\small, keywordstyle=\bfseries, columns=fixed,
  frame=lines, xleftmargin=1.5em, basewidth=0.525em, aboveskip=1.2ex, belowskip=1ex}
""",
    head_split=7,
    title=lambda w, t, fm: ("\\begin{document}\n\\begin{center}\n{\\LARGE\\bfseries %s\\par}\n\\vspace{1.5ex}\n"
                            "{\\small %s\\par}\n\\vspace{2.5ex}\n{\\large %s\\par}\n\\vspace{0.6ex}\n%s\\par\n"
                            "\\end{center}\n\\vspace{2ex}\n\n") % (t, fm[0], fm[1], fm[2]),
    math=[("B0 = 120", r"$B_0 = 120$"),
          ("site s has an execution count ns,", r"site $s$ has an execution count $n_s$,"),
          ("executes N calls", r"executes $N$ calls"), ("and Bmax caps", r"and $B_{\max}$ caps"),
          ("θ = 0.0001", r"$\theta = 0.0001$"), ("Bmax = 960", r"$B_{\max} = 960$"), ("λ = 0.5", r"$\lambda = 0.5$"),
          ("λ = 1.0", r"$\lambda = 1.0$"), ("λ = 1.5", r"$\lambda = 1.5$"),
          ("120 × 7.6", r"$120 \times 7.6$"), ("where ti is", r"where $t_i$ is"),
          ("benchmark i under", r"benchmark~$i$ under"), ("bi its", r"$b_i$ its"),
          ("and n the number", r"and $n$ the number"),
          ("values of G are", r"values of $G$ are"), ("The cap Bmax", r"The cap $B_{\max}$")],
    regions={
        "code 1": dict(env="lstlisting"),
        "formula 1": dict(env="align", tex=r"""B(s) &= \min\bigl(B_{\max},\
  B_0\,(1 + \lambda \log_2 \tfrac{n_s}{\theta N})\bigr) && \text{if } n_s > \theta N, \\
B(s) &= B_0 && \text{otherwise.}"""),
        "formula 2": dict(env="equation", tex=r"G = \Bigl(\prod_{i=1}^{n} \frac{t_i}{b_i}\Bigr)^{1/n} - 1",
                          band=(17, 11)),
        "Table 1": dict(style="grid", cols="|l|l|l|", place="htb"),
        "Figure 1": dict(place="htb", tikz=r"""\begin{tikzpicture}
\begin{axis}[ybar, bar width=9pt, width=0.7\textwidth, height=5cm,
  symbolic x coords={Numeric,Symbolic,Service,All}, xtick=data, enlarge x limits=0.2,
  ymin=-8, ymax=0, ytick={-8,-6,-4,-2,0}, ylabel={Change in run time (\%)},
  legend pos=south west, legend style={font=\small},
  tick label style={font=\small}]
\addplot coordinates {(Numeric,-0.7) (Symbolic,-3.2) (Service,-2.1) (All,-2.1)};
\addplot coordinates {(Numeric,-1.2) (Symbolic,-6.6) (Service,-3.4) (All,-4.0)};
\addplot coordinates {(Numeric,-1.4) (Symbolic,-6.1) (Service,-2.2) (All,-3.5)};
\legend{$\lambda = 0.5$,$\lambda = 1.0$,$\lambda = 1.5$}
\end{axis}
\end{tikzpicture}"""),
        "Table 2": dict(style="longtable", cols="llrrrrr", size=r"\small", spans={(0, 2): 2, (0, 4): 2}),
        "Table 3": dict(style="booktabs", cols="lrrr", place="htb"),
    },
)


# --- 3. Thesis chapter (report class, \chapter, plain page numbers, verbatim) -----------------
SPECS["footbridge-acoustics-ch3"] = dict(
    preamble=r"""
\documentclass[11pt,a4paper,oneside]{report}
\usepackage[T1]{fontenc}
\usepackage{lmodern}
\usepackage[a4paper,left=2.8cm,right=2.4cm,top=2.4cm,bottom=2.6cm]{geometry}
\usepackage{setspace}
\setstretch{1.1}
\usepackage{amsmath}
\usepackage{booktabs}
\usepackage{array}
\usepackage{graphicx}
\usepackage{pgfplots}
\pgfplotsset{compat=1.18}
\usepackage[font=small,labelfont=bf]{caption}
\captionsetup[table]{position=top}
""",
    title=lambda w, t, fm: "\\begin{document}\n\\setcounter{chapter}{%s}\n\\chapter{%s}\n\n" % (
        int(re.split("[ ~]", t)[1]) - 1, re.split("[ ~]", t, maxsplit=2)[2]),
    number_prefix="3.",
    math=[("f (Hz)", r"$f$ (Hz)"), ("ζ (%)", r"$\zeta$ (\%)"), ("where prms is", r"where $p_\mathrm{rms}$ is"),
          ("p0 = 20 µPa", r"$p_0 = 20$~\textmu Pa"), ("where fa is", r"where $f_a$ is"),
          ("fs the structural", r"$f_s$ the structural"), ("and k the harmonic", r"and $k$ the harmonic")],
    regions={
        "Table 3.1": dict(style="grid", cols="|l|r|>{\\raggedright\\arraybackslash}p{3.1cm}|r|r|r|r|", size=r"\small",
                          place="htb", spans={(0, 3): 2, (0, 5): 2}, pre=r"\renewcommand{\arraystretch}{1.1}"),
        "code 1": dict(env="verbatim"),
        "formula 1": dict(env="equation", tex=r"L_p = 20 \log_{10} \frac{p_{\mathrm{rms}}}{p_0}\ \text{dB}",
                          band=(16, 12)),
        "formula 2": dict(env="equation", tex=r"|f_a - k f_s| \le 0.02\, k f_s, \qquad k = 1, 2, 3, \ldots"),
        "Figure 3.1": dict(place="htb", tikz=r"""\begin{tikzpicture}
\begin{axis}[width=0.78\textwidth, height=5.2cm, xmin=0, xmax=1000, ymin=15, ymax=66,
  xtick={0,200,400,600,800,1000}, ytick={20,30,40,50,60},
  xlabel={Frequency (Hz)}, ylabel={Sound pressure level (dB)}, legend pos=north east, legend columns=3,
  legend style={font=\small}, tick label style={font=\small}, no markers, samples=400, domain=0:1000]
\addplot[thick, black] {42 - 0.012*x + 12*exp(-((x-180)/25)^2) + 9*exp(-((x-250)/20)^2) + 11*exp(-((x-310)/22)^2)
  + 8*exp(-((x-460)/30)^2) + 6*exp(-((x-540)/25)^2) + 1.2*sin(deg(x/9))};
\addplot[thick, blue!70!black, dashed] {40 - 0.021*x + 9*exp(-((x-120)/70)^2) + 0.8*sin(deg(x/13))};
\addplot[thick, red!70!black, dotted] {37 - 0.009*x + 16*exp(-((x-90)/35)^2) + 0.9*sin(deg(x/11))};
\legend{Harrowgate,Millrace,Quayside}
\end{axis}
\end{tikzpicture}"""),
        "Figure 3.2": dict(image="footbridge-acoustics-ch3-fig2.png", recipe="spectrogram", width=r"0.66\textwidth",
                           place="htb", before="Of the 57"),
        "Table 3.2": dict(style="booktabs", cols="lrrrr", place="htb", before="3.4.2 Crowd loading"),
        "Table 3.3": dict(style="plain", cols="lrrrrrr", place="htb", spans={(0, 1): 2, (0, 3): 2, (0, 5): 2},
                          head_gap="3pt", pre=r"\setlength{\tabcolsep}{8pt}"),
    },
)


# --- 4. Lab report (fancyhdr with Page n of N, parskip, enumerate, borderless/grid/booktabs) -------
SPECS["indigo-washfastness-lab4"] = dict(
    preamble=r"""
\documentclass[11pt,a4paper]{article}
\usepackage[T1]{fontenc}
\usepackage{lmodern}
\usepackage[margin=2.5cm,headheight=14pt]{geometry}
\usepackage{parskip}
\usepackage{amsmath}
\usepackage{booktabs}
\usepackage{array}
\usepackage{graphicx}
\usepackage{pgfplots}
\pgfplotsset{compat=1.18}
\usepackage{lastpage}
\usepackage{caption}
\captionsetup{font=small}
\captionsetup[table]{position=top}
\usepackage{fancyhdr}
\pagestyle{fancy}
\fancyhf{}
\fancyhead[L]{\small <<HEADL>>}
\fancyhead[R]{\small <<HEADR>>}
\fancyfoot[R]{\small <<FOOT>>}
""",
    head_split=8,
    title=lambda w, t, fm: r"""\begin{document}
\begin{center}
{\Large\bfseries %s\par}
\vspace{1.2ex}
%s\par
\vspace{0.4ex}
{\small %s\par}
\end{center}
\vspace{1ex}

""" % (t, fm[0], fm[1]),
    math=[("where A is the absorbance, ε the", r"where $A$ is the absorbance, $\varepsilon$ the"),
          ("l the path length", r"$l$ the path length"), ("and c the concentration", r"and $c$ the concentration"),
          ("product εl was", r"product $\varepsilon l$ was"), ("A = 0.0841c + 0.004", r"$A = 0.0841c + 0.004$"),
          ("R2 = 0.998", r"$R^2 = 0.998$"), ("where c is in", r"where $c$ is in"), ("where Sn is", r"where $S_n$ is"),
          ("after n cycles", r"after $n$ cycles"), ("and S0 that", r"and $S_0$ that")],
    regions={
        "formula 1": dict(env="equation", tex=r"A = \varepsilon\, l\, c"),
        "formula 2": dict(env="equation", tex=r"\text{colour loss} = \left(1 - \frac{S_n}{S_0}\right) \times 100\,\%",
                          band=(16, 12)),
        "Table 1": dict(style="plain", cols=r"l>{\raggedright\arraybackslash}p{5.6cm}l", place="htb",
                        before="3.2 Procedure",
                        head_font=r"\textbf{%s}", head_gap="4pt"),
        "Figure 1": dict(place="htb", tikz=r"""\begin{tikzpicture}
\begin{axis}[width=0.62\textwidth, height=5.6cm, xmin=0, xmax=10.5, ymin=0, ymax=0.9,
  xtick={0,2,4,6,8,10}, ytick={0,0.2,0.4,0.6,0.8},
  xlabel={Concentration (mg/L)}, ylabel={Absorbance at 620 nm},
  legend pos=north west, legend style={font=\small}, tick label style={font=\small}]
\addplot[only marks, mark=*, mark size=2pt] coordinates {(1,0.089) (2,0.170) (4,0.343) (6,0.507) (8,0.679) (10,0.846)};
\addplot[thin, domain=0:10.5, samples=2] {0.0841*x + 0.004};
\legend{Standards,Linear fit}
\end{axis}
\end{tikzpicture}"""),
        "Table 2": dict(style="grid", cols="|c|c|c|c|c|", place="htb", spans={(0, 1): 2, (0, 3): 2},
                        before="The first wash removed"),
        "Figure 2": dict(image="indigo-washfastness-lab4-fig2.png", recipe="swatches", width=r"0.8\textwidth",
                         place="htb"),
        "Table 3": dict(style="booktabs", cols="lcccc", place="htb", spans={(0, 1): 3}),
    },
)


# --- 5. Two-column newsletter note (masthead, sans, symbol footnotes, unnumbered headings) ------
SPECS["varn-shake-notes-9"] = dict(
    preamble=r"""
\documentclass[10pt,a4paper,twocolumn]{article}
\usepackage[T1]{fontenc}
\usepackage{helvet}
\renewcommand{\familydefault}{\sfdefault}
\usepackage[margin=1.8cm,columnsep=0.7cm]{geometry}
\usepackage{booktabs}
\usepackage{graphicx}
\usepackage{pgfplots}
\pgfplotsset{compat=1.18}
\usepackage[font=small,labelfont=bf]{caption}
\captionsetup[table]{position=top}
\usepackage{flushend}
\usepackage[hidelinks]{hyperref}
\renewcommand{\thefootnote}{\fnsymbol{footnote}}
\setlength{\parskip}{0.4ex}
""",
    columns=2,
    title=lambda w, t, fm: r"""\begin{document}
\twocolumn[{%%
\begin{center}
{\fontsize{34}{38}\selectfont\bfseries %s\par}
\vspace{1.2ex}
{\large %s\par}
\vspace{0.8ex}
\rule{\textwidth}{0.8pt}
\end{center}
\vspace{1.5ex}}]

""" % (t, fm[0]),
    regions={
        "Table 1": dict(style="plain", cols="lrrrr", place="htb", head_font=r"\textbf{%s}", head_gap="3pt",
                        pre=r"\setlength{\tabcolsep}{5pt}"),
        "Figure 1": dict(place="htb", tikz=r"""\begin{tikzpicture}
\begin{axis}[ybar stacked, bar width=9pt, width=\linewidth, height=5.2cm,
  symbolic x coords={Jan,Feb,Mar,Apr,May,Jun,Jul,Aug}, xtick=data, enlarge x limits=0.08,
  ymin=0, ymax=105, ytick={0,20,40,60,80}, ylabel={Events},
  legend pos=north west, legend style={font=\footnotesize}, tick label style={font=\footnotesize}]
\addplot[fill=blue!55!black, draw=none] coordinates
  {(Jan,34) (Feb,29) (Mar,41) (Apr,38) (May,47) (Jun,58) (Jul,71) (Aug,83)};
\addplot[fill=orange!80!black, draw=none] coordinates
  {(Jan,12) (Feb,9) (Mar,15) (Apr,11) (May,14) (Jun,10) (Jul,13) (Aug,16)};
\legend{Local,Regional}
\end{axis}
\end{tikzpicture}"""),
        "Table 2": dict(style="booktabs", cols="lrrr", place="htb", size=r"\small", before="Meet a host"),
        "Figure 2": dict(image="varn-shake-notes-9-fig2.png", recipe="station_map", width=r"0.9\linewidth", place="htb",
                         before="Meet a host"),
    },
)


# ---------------------------------------------------------------------------
# Gold -> units
# ---------------------------------------------------------------------------

MARK_RE = re.compile(
    r"\*\*(?P<b>.+?)\*\*|(?<![\w*])\*(?P<i>[^*\s][^*]*?)\*(?![\w*])|\[(?P<lt>[^\]]+)\]\((?P<lu>[^)\s]+)\)"
    r"|\[\^(?P<fn>[^\]]+)\]|(?P<cite>\[\d+(?:, \d+)*\])")
HEADING_RE = re.compile(r"^(\d+(?:\.\d+)*) (.+)$")
CAPTION_RE = re.compile(r"^(Table|Figure) (\d+(?:\.\d+)?): (.+)$", re.S)


@dataclass
class Unit:
    uid: str
    kind: str  # heading | paragraph | items | table | figure | code | formula
    entry: Any
    section: int
    level: int = 0
    key: str = ""  # region key in the spec ("Table 2", "formula 1", "code 1")


def units_of(gold: dict) -> list[Unit]:
    units: list[Unit] = []
    counts: Counter = Counter()
    for si, sec in enumerate(gold["sections"]):
        units.append(Unit(f"u{len(units):03d}", "heading", sec["heading"], si, sec["level"]))
        for entry in sec["paragraphs"]:
            uid = f"u{len(units):03d}"
            if isinstance(entry, str):
                units.append(Unit(uid, "paragraph", entry, si))
                continue
            kind = next(k for k in ("items", "table", "figure", "code", "formula") if k in entry)
            counts[kind] += 1
            key = f"{kind} {counts[kind]}"
            if kind in ("table", "figure"):
                m = CAPTION_RE.match(entry[kind]["caption"] or "")
                key = f"{m.group(1)} {m.group(2)}" if m else key
            units.append(Unit(uid, kind, entry[kind], si, key=key))
    return units


def strip_marks(text: str) -> str:
    text = re.sub(r"\[([^\]]+)\]\(([^)\s]+)\)", r"\1", text)
    text = re.sub(r"\*\*(.+?)\*\*", r"\1", text)
    return re.sub(r"(?<![\w*])\*([^*\s][^*]*?)\*(?![\w*])", r"\1", text)


# ---------------------------------------------------------------------------
# Gold text -> LaTeX
# ---------------------------------------------------------------------------

CHARS = {
    "\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "%": r"\%", "&": r"\&", "#": r"\#", "_": r"\_",
    "$": r"\$", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
    "\u2212": "$-$", "\u00d7": r"$\times$", "\u00b1": r"$\pm$", "\u2264": r"$\le$", "\u2265": r"$\ge$",
    "\u2248": r"$\approx$", "\u03bb": r"$\lambda$", "\u03b8": r"$\theta$", "\u03b5": r"$\varepsilon$",
    "\u00b5": r"\textmu{}", "\u2032": "$'$", "\u2192": r"$\rightarrow$",
}
ABBREV = re.compile(r"\b(e\.g|i\.e|et al|cf|vs|approx|Fig|Eq|Dr|No)\. ")
UNIT_SPACE = re.compile(r"(?<=\d) (?=(?:°C|%|m|mm|cm|km|µm|nm|s|ms|Hz|kHz|dB|L/s|g|mg|mL|L|K|h|min|kN|MB|KB|GB)\b)")


class TexWriter:
    def __init__(self, gold: dict, spec: dict):
        self.gold, self.spec = gold, spec
        self.notes = {n["label"]: (i, n["text"]) for i, n in enumerate(gold.get("footnotes", []))}
        self.fn_seen: list[str] = []
        math = sorted(spec.get("math", []), key=lambda p: -len(p[0]))
        self.math = dict(math)
        self.math_re = re.compile("|".join(re.escape(g) for g, _ in math)) if math else None
        self.bib = spec.get("bib", False)

    # -- inline text -------------------------------------------------------
    def plain(self, s: str) -> str:
        out = []
        pos = 0
        if self.math_re:
            for m in self.math_re.finditer(s):
                out.append(self._chars(s[pos:m.start()]))
                out.append(self.math[m.group(0)])
                pos = m.end()
        out.append(self._chars(s[pos:]))
        return "".join(out)

    @staticmethod
    def _chars(s: str) -> str:
        s = "".join(CHARS.get(ch, ch) for ch in s)
        s = ABBREV.sub(lambda m: m.group(1) + r".\ ", s)
        s = re.sub(r"\b(Table|Figure|Section|Chapter) (\d)", r"\1~\2", s)
        return UNIT_SPACE.sub("~", s)

    def inline(self, s: str, notes: str = "footnote") -> str:
        out, pos = [], 0
        for m in MARK_RE.finditer(s):
            out.append(self.plain(s[pos:m.start()]))
            pos = m.end()
            if m["b"]:
                out.append(r"\textbf{%s}" % self.inline(m["b"], notes))
            elif m["i"]:
                out.append(r"\emph{%s}" % self.inline(m["i"], notes))
            elif m["lt"]:
                url = m["lu"].replace("%", r"\%").replace("#", r"\#")
                out.append(r"\href{%s}{%s}" % (url, self.inline(m["lt"], notes)))
            elif m["fn"]:
                label = m["fn"]
                idx, text = self.notes[label]
                self.fn_seen.append(label)
                body = self.inline(text, "none")
                if notes == "thanks":
                    out.append(r"\thanks{%s}" % body)
                else:
                    out.append(r"\mk{fc%d}\footnote{\mk{fn%d}%s}" % (idx, idx, body))
            elif m["cite"]:
                if not self.bib:
                    out.append(self.plain(m["cite"]))
                    continue
                nums = [n.strip() for n in m["cite"][1:-1].split(",")]
                out.append(r"\cite{%s}" % ",".join(f"b{n}" for n in nums))
        out.append(self.plain(s[pos:]))
        return "".join(out)

    # -- document ------------------------------------------------------------
    def document(self, units: list[Unit]) -> str:
        sp, g = self.spec, self.gold
        preamble = sp["preamble"].strip() + "\n"
        if "<<HEADL>>" in preamble:  # running header: the gold line split into a left and a right part
            words = g["header"].split()
            k = sp["head_split"]
            preamble = preamble.replace("<<HEADL>>", self.plain(" ".join(words[:k])))
            preamble = preamble.replace("<<HEADR>>", self.plain(" ".join(words[k:])))
        if "<<FOOT>>" in preamble:
            foot = self.plain(g["footer"]).replace(r"\{page\}", r"\thepage{}")
            foot = foot.replace(r"\{total\}", r"\pageref{LastPage}")
            preamble = preamble.replace("<<FOOT>>", foot)
        parts = [HEAD, preamble, COMMON]
        fm = [self.inline(t, "thanks" if sp.get("thanks") else "footnote") for t in g.get("front_matter", [])]
        parts.append(sp["title"](self, self.inline(g["title"]) if g.get("title") else "", fm).strip("\n") + "\n")
        counters = [0] * 5
        prefix = sp.get("number_prefix", "")
        table_n = figure_n = 0
        # source order: a float with "before" is written before that paragraph (LaTeX then
        # places it where the gold reads it)
        src = list(units)
        for u in units:
            rs = sp.get("regions", {}).get(u.key, {})
            if u.kind in ("table", "figure") and rs.get("before"):
                src.remove(u)
                target = next(x for x in src if x.kind in ("paragraph", "heading") and x.entry.startswith(rs["before"]))
                src.insert(src.index(target), u)
        i = 0
        in_bib = False
        while i < len(src):
            u = src[i]
            prev = src[i - 1] if i else None
            nxt = src[i + 1] if i + 1 < len(src) else None
            if u.kind == "heading":
                if in_bib:
                    parts.append("\\end{thebibliography}\n\n")
                    in_bib = False
                parts.append(self.heading(u, counters, prefix))
                in_bib = self.bib and u.entry == "References"
                if u.entry == "Abstract" and sp.get("abstract"):
                    parts.append("\\begin{abstract}\n")
                    j = i + 1
                    while j < len(src) and src[j].kind == "paragraph" and src[j].section == u.section:
                        parts.append(self.paragraph(src[j]) + "\n\n")
                        j += 1
                    parts[-1] = parts[-1].rstrip("\n") + "\n"
                    parts.append("\\end{abstract}\n\n")
                    i = j
                    continue
            elif u.kind == "paragraph":
                if in_bib:
                    m = re.match(r"\[(\d+)\] (.*)$", u.entry, re.S)
                    parts.append("\\bibitem{b%s}\\mk{%s}%s\n\n" % (m.group(1), u.uid, self.inline(m.group(2))))
                else:
                    cont = prev is not None and prev.kind == "formula" and u.entry[:1].islower()
                    if cont:
                        parts[-1] = parts[-1].rstrip("\n") + "\n"
                    sep = "\n" if nxt and nxt.kind == "formula" else "\n\n"
                    parts.append(self.paragraph(u, cont) + sep)
            elif u.kind == "items":
                parts.append(self.items(u))
            else:
                rs = sp["regions"][u.key]
                if u.kind == "table":
                    table_n += 1
                    self.check_caption(u, "Table", table_n)
                    tex = self.table(u, rs)
                elif u.kind == "figure":
                    figure_n += 1
                    self.check_caption(u, "Figure", figure_n)
                    tex = self.figure(u, rs)
                elif u.kind == "code":
                    tex = self.code(u, rs)
                else:
                    tex = self.formula(u, rs)
                    if nxt and nxt.kind == "paragraph" and nxt.entry[:1].islower():
                        tex = tex.rstrip("\n") + "\n"
                parts.append(tex)
            i += 1
        if in_bib:
            parts.append("\\end{thebibliography}\n\n")
        parts.append(sp.get("end", "") + "\\end{document}\n")
        if sorted(self.fn_seen, key=lambda lab: self.notes[lab][0]) != self.fn_seen:
            raise SystemExit(f"footnotes are not listed in call order: {self.fn_seen}")
        if set(self.fn_seen) != set(self.notes):
            raise SystemExit(f"footnotes without a call: {set(self.notes) - set(self.fn_seen)}")
        return "".join(parts)

    def check_caption(self, u: Unit, kind: str, n: int) -> None:
        m = CAPTION_RE.match(u.entry["caption"])
        want = self.spec.get("number_prefix", "") + str(n)
        if not m or m.group(1) != kind or m.group(2) != want:
            raise SystemExit(f"{self.gold['id']}: caption {u.entry['caption'][:30]!r}: LaTeX numbers it {kind} {want}")

    def caption(self, u: Unit) -> str:
        return self.inline(CAPTION_RE.match(u.entry["caption"]).group(3))

    def heading(self, u: Unit, counters: list[int], prefix: str) -> str:
        levels = self.spec.get("levels", {1: "section", 2: "subsection", 3: "subsubsection"})
        cmd = levels[u.level]
        m = HEADING_RE.match(u.entry)
        if u.entry == "Abstract" and self.spec.get("abstract"):
            return ""
        if u.entry == "References" and self.bib:
            return "\\begin{thebibliography}{9}\n"
        if not m:
            return "\\%s*{%s\\mk{%s}}\n\n" % (cmd, self.inline(u.entry), u.uid)
        counters[u.level - 1] += 1
        for k in range(u.level, len(counters)):
            counters[k] = 0
        want = prefix + ".".join(str(c) for c in counters[:u.level])
        if m.group(1) != want:
            raise SystemExit(f"{self.gold['id']}: heading {u.entry!r}: LaTeX numbers it {want}")
        text = self.inline(m.group(2))
        return "\\%s[%s]{%s\\mk{%s}}\n\n" % (cmd, text, text, u.uid)

    def paragraph(self, u: Unit, cont: bool = False) -> str:
        start = "\\mk{%s}" % u.uid if cont else "\\leavevmode\\mk{%s}" % u.uid
        return start + self.inline(u.entry) + "\\mk{%se}" % u.uid

    def items(self, u: Unit) -> str:
        items = u.entry
        numbered = all(re.match(rf"{k + 1}\. ", t) for k, t in enumerate(items))
        env = "enumerate" if numbered else "itemize"
        lines = [f"\\begin{{{env}}}"]
        for k, t in enumerate(items):
            text = t.split(" ", 1)[1] if numbered else t
            lines.append("\\item \\mk{%s-%d}%s" % (u.uid, k, self.inline(text)))
        lines.append(f"\\end{{{env}}}\n\n")
        return "\n".join(lines)

    # -- regions ---------------------------------------------------------------
    def table_rows(self, u: Unit, rs: dict) -> list[str]:
        tab = u.entry
        rows, hr = tab["rows"], tab["header_rows"]
        spans = rs.get("spans", {})
        style = rs["style"]
        ncol = len(rows[0])
        out = []
        for r, row in enumerate(rows):
            if len(row) != ncol:
                raise SystemExit(f"{u.key}: row {r} has {len(row)} cells, not {ncol}")
            cells, c = [], 0
            while c < ncol:
                n = spans.get((r, c), 1)
                if any(row[c + k] != row[c] for k in range(n)):
                    raise SystemExit(f"{u.key}: spanning cell ({r},{c}) is not repeated in the gold")
                txt = self.inline(row[c])
                if r < hr and rs.get("head_font") and txt:
                    txt = rs["head_font"] % txt
                if n > 1:
                    align = rs.get("span_align", "c")
                    if style == "grid":
                        align = ("|" if c == 0 else "") + align + "|"
                    txt = "\\multicolumn{%d}{%s}{%s}" % (n, align, txt)
                cells.append(txt)
                c += n
            line = " & ".join(cells) + " \\\\"
            if style == "booktabs" or style == "longtable":
                if r < hr - 1:
                    line += " " + " ".join("\\cmidrule(lr){%d-%d}" % (cc + 1, cc + n)
                                           for (rr, cc), n in sorted(spans.items()) if rr == r)
                elif r == hr - 1:
                    line += " \\midrule"
            elif style == "grid":
                cl = ["\\cline{%d-%d}" % (cc + 1, cc + n) for (rr, cc), n in sorted(spans.items()) if rr == r]
                line += " " + (" ".join(cl) if r < hr - 1 and cl else "\\hline")
            elif style == "plain" and r == hr - 1 and rs.get("head_gap"):
                line = line[:-2] + "\\\\[%s]" % rs["head_gap"]
            out.append(line)
        return out

    def table(self, u: Unit, rs: dict) -> str:
        rows = self.table_rows(u, rs)
        hr = u.entry["header_rows"]
        size = rs.get("size", "")
        if rs["style"] == "longtable":
            head = "\n".join(rows[:hr])
            body = rows[hr:]
            body[0] = "\\mk{%s}" % u.uid + body[0]
            body[-1] = "\\mk{%se}" % u.uid + body[-1]
            return ("{%s%s\n\\begin{longtable}{%s}\n\\caption{%s}\\\\\n\\toprule\n%s\n\\endfirsthead\n"
                    "\\toprule\n%s\n\\endhead\n\\bottomrule\n\\endlastfoot\n%s\n\\end{longtable}}\n\n") % (
                size, rs.get("pre", ""), rs["cols"], self.caption(u), head, head, "\n".join(body))
        if rs["style"] == "booktabs":
            inner = "\\toprule\n" + "\n".join(rows) + "\n\\bottomrule"
        elif rs["style"] == "grid":
            inner = "\\hline\n" + "\n".join(rows)
        else:
            inner = "\n".join(rows)
        env = rs.get("env", "table")
        return ("\\begin{%s}[%s]\n\\mk{%s}\\centering%s%s\n\\caption{%s}\n\\begin{tabular}{%s}\n%s\n"
                "\\end{tabular}\\par\n\\mk{%se}\n\\end{%s}\n\n") % (
            env, rs.get("place", "tbp"), u.uid, size, rs.get("pre", ""), self.caption(u), rs["cols"], inner,
            u.uid, env)

    def figure(self, u: Unit, rs: dict) -> str:
        env = rs.get("env", "figure")
        if "image" in rs:
            body = "\\includegraphics[width=%s]{%s}" % (rs.get("width", "\\linewidth"), rs["image"])
        else:
            body = rs["tikz"].strip("\n")
        return ("\\begin{%s}[%s]\n\\mk{%s}\\centering\n%s\\par\n\\mk{%sc}\n\\caption{%s}\n\\end{%s}\n\n") % (
            env, rs.get("place", "tbp"), u.uid, body, u.uid, self.caption(u), env)

    def code(self, u: Unit, rs: dict) -> str:
        env = rs.get("env", "verbatim")
        opts = f"[{rs['opts']}]" if rs.get("opts") else ""
        return "\\mk{%s}\n\\begin{%s}%s\n%s\n\\end{%s}\n\\mk{%se}\n" % (u.uid, env, opts, u.entry, env, u.uid)

    def formula(self, u: Unit, rs: dict) -> str:
        env = rs.get("env", "equation")
        return "\\begin{%s}\\mk{%s}\n%s\\mk{%se}\n\\end{%s}\n\n" % (env, u.uid, rs["tex"].strip("\n"), u.uid, env)


# ---------------------------------------------------------------------------
# Compile
# ---------------------------------------------------------------------------


def compile_tex(doc_id: str, tex: str, images: list[Path]) -> tuple[Path, str]:
    work = BUILD / doc_id
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    (work / f"{doc_id}.tex").write_text(tex, encoding="utf-8")
    for img in images:
        shutil.copy(img, work / img.name)
    prev = None
    log = ""
    for run in range(6):
        proc = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", f"{doc_id}.tex"],
                              cwd=work, env=ENV, capture_output=True, text=True, errors="replace")
        log = (work / f"{doc_id}.log").read_text(errors="replace")
        if proc.returncode != 0:
            tail = "\n".join(log.splitlines()[-40:])
            raise SystemExit(f"{doc_id}: pdflatex failed (run {run + 1}):\n{tail}")
        aux = (work / f"{doc_id}.aux").read_bytes()
        if aux == prev and not re.search(r"Rerun to get|Rerun LaTeX|rerun LaTeX|Label\(s\) may have changed", log):
            break
        prev = aux
    else:
        raise SystemExit(f"{doc_id}: .aux did not settle after 6 runs")
    return work / f"{doc_id}.pdf", log


# ---------------------------------------------------------------------------
# Verification
# ---------------------------------------------------------------------------


def norm(w: str) -> str:
    w = unicodedata.normalize("NFC", w)
    for k, v in LIGATURES.items():
        w = w.replace(k, v)
    return w


@dataclass
class Tok:
    alts: list[list[str]]  # alternatives, each a list of PDF words
    unit: str
    kind: str


@dataclass
class Mark:
    page: int
    x: float
    y: float  # from the top of the page, in PDF points


@dataclass
class Report:
    doc: str
    errors: list[str] = field(default_factory=list)
    stats: dict[str, Any] = field(default_factory=dict)

    def fail(self, msg: str) -> None:
        self.errors.append(msg)


def words_with_calls(text: str, unit: str, kind: str) -> list[Tok]:
    """Tokens of prose: marks stripped; a word with a footnote call is expected with the
    label glued on as printed ("mats.1"), or else as two words."""
    toks = []
    for w in strip_marks(text).split():
        m = re.search(r"\[\^([^\]]+)\]", w)
        if not m:
            toks.append(Tok([[norm(w)]], unit, kind))
            continue
        glued = norm(re.sub(r"\[\^([^\]]+)\]", r"\1", w))
        left, right = w[:m.start()], w[m.end():]
        split = [x for x in (norm(left), norm(m.group(1) + right)) if x]
        toks.append(Tok([[glued], split], unit, kind))
    return toks


def running(template: Any, page: int, total: int) -> str | None:
    if not template:
        return None
    if isinstance(template, list):
        template = template[(page - 1) % len(template)]
    return template.format(page=page, total=total)


def gold_tokens(gold: dict, units: list[Unit], spec: dict, extra_header_copies: dict[str, int]) -> list[Tok]:
    toks: list[Tok] = []
    if gold.get("title"):
        toks += words_with_calls(gold["title"], "title", "title")
    for k, fm in enumerate(gold.get("front_matter", [])):
        toks += words_with_calls(fm, f"front{k}", "front")
    for u in units:
        if u.kind == "heading":
            toks += words_with_calls(u.entry, u.uid, "heading")
        elif u.kind == "paragraph":
            toks += words_with_calls(u.entry, u.uid, "paragraph")
        elif u.kind == "items":
            numbered = all(re.match(rf"{k + 1}\. ", t) for k, t in enumerate(u.entry))
            for t in u.entry:
                toks += words_with_calls(t, u.uid, "item")
                if not numbered:
                    toks.append(Tok([["\u2022"]], u.uid, "bullet"))
        elif u.kind == "table":
            toks += words_with_calls(u.entry["caption"], u.uid, "caption")
            for w in table_words(u, spec["regions"][u.key], copies=1 + extra_header_copies.get(u.uid, 0)):
                toks.append(Tok([[w]], u.uid, "cell"))
        elif u.kind == "figure":
            toks += words_with_calls(u.entry["caption"], u.uid, "caption")
            toks += [Tok([[norm(w)]], u.uid, "label") for lab in u.entry["labels"] for w in lab.split()]
        elif u.kind in ("code", "formula"):
            toks += [Tok([[norm(w)]], u.uid, u.kind) for w in u.entry.split()]
    for note in gold.get("footnotes", []):
        words = strip_marks(note["text"]).split()
        lab = norm(note["label"])
        toks.append(Tok([[lab, norm(words[0])], [lab + norm(words[0])]], "footnote " + lab, "footnote"))
        toks += [Tok([[norm(w)]], "footnote " + lab, "footnote") for w in words[1:]]
    return toks


def table_words(u: Unit, rs: dict, copies: int = 1) -> list[str]:
    """The words a table prints: a spanning cell once, header rows once per page."""
    spans = rs.get("spans", {})
    out = []
    for r, row in enumerate(u.entry["rows"]):
        c = 0
        while c < len(row):
            n = spans.get((r, c), 1)
            ws = [norm(w) for w in strip_marks(row[c]).split()]
            out += ws * (copies if r < u.entry["header_rows"] else 1)
            c += n
    return out


def match_words(toks: list[Tok], pdf: Counter) -> tuple[list[Tok], Counter, int]:
    """Consume PDF words for gold tokens: exact first, then alternatives, then line-end
    hyphen halves. Returns unmatched tokens, leftover PDF words and hyphen joins."""
    left: list[Tok] = []
    for t in toks:
        alt = t.alts[0]
        if len(alt) == 1 and pdf[alt[0]] > 0:
            pdf[alt[0]] -= 1
        else:
            left.append(t)
    left2 = []
    for t in left:
        for alt in t.alts:
            need = Counter(alt)
            if all(pdf[w] >= n for w, n in need.items()):
                pdf.subtract(need)
                break
        else:
            left2.append(t)
    hyph = 0
    left3 = []
    for t in left2:
        done = False
        for alt in t.alts:
            for wi, word in enumerate(alt):
                for cand in [w for w, n in pdf.items() if n > 0 and len(w) > 1 and w[-1] in HYPHENS]:
                    head = cand[:-1]
                    rests = []
                    if word.startswith(head) and len(word) > len(head):
                        rests.append(word[len(head):])
                    if cand[-1] == "-" and word.startswith(cand) and len(word) > len(cand):
                        rests.append(word[len(cand):])
                    for rest in rests:
                        others = Counter(alt[:wi] + alt[wi + 1:])
                        others[rest] += 1
                        others[cand] += 1
                        if all(pdf[w] >= n for w, n in others.items()):
                            pdf.subtract(others)
                            hyph += 1
                            done = True
                            break
                    if done:
                        break
                if done:
                    break
            if done:
                break
        if not done:
            left3.append(t)
    return left3, +pdf, hyph


def text_lines(words: list[tuple]) -> list[list[tuple]]:
    """Words grouped into lines (bottoms within 2 pt), top to bottom, each line left to right."""
    lines: list[list[tuple]] = []
    for w in sorted(words, key=lambda w: w[3]):
        if lines and abs(w[3] - lines[-1][-1][3]) <= 2:
            lines[-1].append(w)
        else:
            lines.append([w])
    return [sorted(line, key=lambda w: w[0]) for line in lines]


def read_marks(path: Path, page_h: list[float]) -> dict[str, Mark]:
    marks = {}
    k = 72 / 72.27 / 65536
    for line in path.read_text().splitlines():
        uid, page, x, y = line.split()
        p = int(page)
        marks[uid] = Mark(p, int(x) * k, page_h[p - 1] - int(y) * k)
    return marks


def verify(doc_id: str, gold: dict, spec: dict, pdf_path: Path, pos_path: Path, show: bool = False) -> Report:
    rep = Report(doc_id)
    doc = pymupdf.open(pdf_path)
    total = doc.page_count
    pages = [[(w[0], w[1], w[2], w[3], norm(w[4]), w[5], w[6], w[7]) for w in p.get_text("words")] for p in doc]
    page_w = [p.rect.width for p in doc]
    page_h = [p.rect.height for p in doc]
    marks = read_marks(pos_path, page_h)
    mono = [[tuple(s["bbox"]) for blk in p.get_text("dict")["blocks"] for ln in blk.get("lines", [])
             for s in ln["spans"] if re.search(r"mono|courier|typewriter|lmtt|cmtt", s["font"], re.I)] for p in doc]
    units = units_of(gold)
    cols = spec.get("columns", 1)

    def col_of(uid: str, m: Mark) -> int:
        if cols == 1:
            return 0
        return 0 if m.x < page_w[m.page - 1] / 2 else 1

    def in_col(w: tuple, page: int, col: int | None) -> bool:
        if col is None or cols == 1:
            return True
        mid = (w[0] + w[2]) / 2
        return (mid < page_w[page - 1] / 2) == (col == 0)

    # long tables: pages spanned -> header copies
    extra: dict[str, int] = {}
    for u in units:
        if u.kind == "table" and spec["regions"][u.key]["style"] == "longtable":
            a, b = marks[u.uid], marks[u.uid + "e"]
            extra[u.uid] = b.page - a.page
            rep.stats["longtable pages"] = f"{a.page}-{b.page}"
            if b.page == a.page:
                rep.fail(f"{u.key}: the long table does not break across a page")

    # 1. words: gold (+ running heads, bullets) against the PDF
    toks = gold_tokens(gold, units, spec, extra)
    for p in range(1, total + 1):
        for key in ("header", "footer"):
            line = running(gold.get(key), p, total)
            if line:
                toks += [Tok([[norm(w)]], f"{key} p{p}", key) for w in line.split()]
    pdf_words = Counter(w[4] for page in pages for w in page)
    missing, extra_words, hyph = match_words(toks, pdf_words.copy())
    for t in missing:
        rep.fail(f"gold word not in PDF: {' / '.join(' '.join(a) for a in t.alts)!r} ({t.kind} {t.unit})")
    for w, n in extra_words.items():
        where = [(pi + 1, round(x[0]), round(x[1])) for pi, page in enumerate(pages) for x in page if x[4] == w]
        rep.fail(f"PDF word not in gold: {w!r} x{n} at {where[:4]}")
    rep.stats.update(pages=total, words=sum(pdf_words.values()), hyphenated=hyph)

    # 2. reading order of the units, from their marks
    def order_key(uid: str, u: Unit | None = None) -> tuple:
        m = marks[uid]
        wide = u is not None and u.kind in ("table", "figure") and spec["regions"][u.key].get("env", "").endswith("*")
        return (m.page, -1 if wide else col_of(uid, m), round(m.y, 1))

    seq = []
    for u in units:
        start = u.uid + "-0" if u.kind == "items" else u.uid
        if start in marks:
            seq.append((order_key(start, u), u))
    for (k1, u1), (k2, u2) in zip(seq, seq[1:]):
        if not k1 < k2:
            rep.fail(f"reading order: {u2.kind} {u2.uid} ({u2.key or str(u2.entry)[:40]!r}) at {k2} "
                     f"comes before {u1.kind} {u1.uid} at {k1}")
    for k, u in seq:
        if u.kind in ("table", "figure"):
            before = [(k2, u2) for k2, u2 in seq if k2 < k and u2 is not u]
            if before:
                u2 = max(before, key=lambda p: p[0])[1]
                rep.stats.setdefault("region_after", []).append(
                    f"{u.key} reads after {u2.kind} {u2.uid} {str(u2.entry)[:50]!r}")
    # paragraphs across columns/pages and paragraphs interrupted by a region
    across_col = across_page = interrupted = 0
    for u in units:
        if u.kind != "paragraph" or u.uid + "e" not in marks:
            continue
        a, b = marks[u.uid], marks[u.uid + "e"]
        if a.page != b.page:
            across_page += 1
        elif col_of(u.uid, a) != col_of(u.uid, b):
            across_col += 1
        ka, kb = order_key(u.uid), order_key(u.uid + "e")
        if any(ka < k < kb for k, v in seq if v.kind in ("table", "figure")):
            interrupted += 1
    rep.stats.update(para_across_column=across_col, para_across_page=across_page, para_cut_by_float=interrupted)

    # 3. footnotes on the page (and column) of their call
    for i, note in enumerate(gold.get("footnotes", [])):
        if f"fc{i}" not in marks:
            continue
        c, n = marks[f"fc{i}"], marks[f"fn{i}"]
        if c.page != n.page or col_of("", c) != col_of("", n) or n.y < c.y:
            rep.fail(f"footnote {note['label']}: call on p{c.page} col {col_of('', c)}, note on p{n.page} "
                     f"col {col_of('', n)}")

    # 4. regions: figure labels, table areas, formulas, code indentation
    for u in units:
        if u.kind not in ("table", "figure", "formula", "code"):
            continue
        rs = spec["regions"][u.key]
        wide = rs.get("env", "").endswith("*")
        if u.kind == "figure":
            a, b = marks[u.uid], marks[u.uid + "c"]
            col = None if wide else col_of(u.uid, a)
            got = Counter(w[4] for w in pages[a.page - 1] if a.y - 1 <= (w[1] + w[3]) / 2 <= b.y + 1
                          and in_col(w, a.page, col))
            want = Counter(norm(x) for lab in u.entry["labels"] for x in lab.split())
            if got != want:
                rep.fail(f"{u.key}: words in the figure differ from its labels: "
                         f"extra {dict(got - want)}, missing {dict(want - got)}")
        elif u.kind == "table" and rs["style"] != "longtable":
            a, b = marks[u.uid], marks[u.uid + "e"]
            col = None if wide else col_of(u.uid, a)
            got = Counter(w[4] for w in pages[a.page - 1] if a.y - 1 <= (w[1] + w[3]) / 2 <= b.y + 1
                          and in_col(w, a.page, col))
            want = Counter(table_words(u, rs))
            want.update(norm(w) for w in u.entry["caption"].split())
            if got != want:
                rep.fail(f"{u.key}: words in the table area differ from caption + cells: "
                         f"extra {dict(got - want)}, missing {dict(want - got)}")
            ys = [(w[1] + w[3]) / 2 for w in pages[a.page - 1] if a.y - 1 <= (w[1] + w[3]) / 2 <= b.y + 1
                  and in_col(w, a.page, col)]
            cap_words = [w for w in pages[a.page - 1] if a.y - 1 <= (w[1] + w[3]) / 2 <= b.y + 1
                         and in_col(w, a.page, col) and w[4] == norm(u.entry["caption"].split()[0])]
            if cap_words and min(ys) < (cap_words[0][1] + cap_words[0][3]) / 2 - 1:
                rep.fail(f"{u.key}: caption is not above the table")
        elif u.kind == "formula":
            a, b = marks[u.uid], marks[u.uid + "e"]
            up, down = rs.get("band", (13, 10))
            col = col_of(u.uid, a)
            got = [w[4] for w in pages[a.page - 1] if a.y - up <= (w[1] + w[3]) / 2 <= b.y + down
                   and in_col(w, a.page, col)]
            text = " ".join(got)
            if show:
                print(f"  {u.key} extracted: {text!r}")
            if got != [norm(w) for w in u.entry.split()]:
                rep.fail(f"{u.key}: formula area reads {text!r}, gold {u.entry!r}")
        elif u.kind == "code":
            a, b = marks[u.uid], marks[u.uid + "e"]
            code_words = []
            for p in range(a.page, b.page + 1):
                boxes = mono[p - 1]
                for w in pages[p - 1]:
                    yc, xc = (w[1] + w[3]) / 2, (w[0] + w[2]) / 2
                    if (p == a.page and yc < a.y) or (p == b.page and yc > b.y):
                        continue
                    if any(x0 <= xc <= x1 and y0 <= yc <= y1 for x0, y0, x1, y1 in boxes):
                        code_words.append((p, yc, w))
            got_lines: list[list] = []
            last = None
            for p, yc, w in sorted(code_words, key=lambda t: (t[0], t[1])):
                if last is None or p != last[0] or abs(yc - last[1]) > 2:
                    got_lines.append([])
                    last = (p, yc)
                got_lines[-1].append(w)
            got_lines = [sorted(ln) for ln in got_lines]
            want_lines = [ln for ln in u.entry.split("\n") if ln.strip()]
            rep.stats["code pages"] = f"{a.page}-{b.page}" if b.page > a.page else str(a.page)
            if len(got_lines) != len(want_lines):
                rep.fail(f"{u.key}: {len(got_lines)} code lines in the PDF, gold has {len(want_lines)}")
                continue
            x0 = min(ln[0][0] for ln in got_lines)
            adv = float(np.median([(w[2] - w[0]) / len(w[4]) for ln in got_lines for w in ln]))
            for ln, want in zip(got_lines, want_lines):
                indent = round((ln[0][0] - x0) / adv)
                if indent != len(want) - len(want.lstrip(" ")) or [w[4] for w in ln] != [norm(x) for x in want.split()]:
                    rep.fail(f"{u.key}: line {[w[4] for w in ln]} indent {indent} differs from {want!r}")

    # 5. what the document has (for the README table)
    styles: Counter = Counter()
    figs: Counter = Counter()
    two_line = 0
    for u in units:
        if u.kind not in ("table", "figure"):
            continue
        rs = spec["regions"][u.key]
        if u.kind == "table":
            styles[rs["style"] + ("*" if rs.get("env", "").endswith("*") else "")] += 1
        else:
            figs["raster" if "image" in rs else "vector"] += 1
        if rs.get("style") == "longtable":
            continue
        m = marks[u.uid + "c"] if u.kind == "figure" else marks[u.uid]
        col = None if rs.get("env", "").endswith("*") else col_of(u.uid, m)
        lines = text_lines([w for w in pages[m.page - 1] if (w[1] + w[3]) / 2 >= m.y - 1 and in_col(w, m.page, col)])
        want = "".join(norm(x) for x in u.entry["caption"].split())
        got, used = "", 0
        for li, line in enumerate(lines):
            for wi, w in enumerate(line):
                text = w[4]
                if wi == len(line) - 1 and text[-1] in HYPHENS and not want[len(got):].startswith(text):
                    text = text[:-1]  # hyphen at the end of a caption line
                got += text
            used = li + 1
            if len(got) >= len(want):
                break
        if got != want:
            rep.fail(f"{u.key}: the caption is not where it should be ({'below' if u.kind == 'figure' else 'above'})")
        elif used > 1:
            two_line += 1
    rep.stats.update(
        tables=" ".join(f"{k} {v}" for k, v in sorted(styles.items())), figures=" ".join(
            f"{k} {v}" for k, v in sorted(figs.items())), captions_multiline=two_line,
        footnotes=len(gold.get("footnotes", [])),
        formulas=sum(u.kind == "formula" for u in units), code=sum(u.kind == "code" for u in units),
        lists=sum(u.kind == "items" for u in units))
    return rep


# ---------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------


def build_one(doc_id: str, args: argparse.Namespace) -> Report:
    gold = json.loads((HERE / "gold" / f"{doc_id}.json").read_text(encoding="utf-8"))
    if gold["id"] != doc_id:
        raise SystemExit(f"{doc_id}: gold id is {gold['id']}")
    spec = SPECS[doc_id]
    units = units_of(gold)
    tex_dir, pdf_dir = HERE / "tex", HERE / "pdf"
    work = BUILD / doc_id
    if not args.verify_only:
        tex_dir.mkdir(exist_ok=True)
        pdf_dir.mkdir(exist_ok=True)
        images = [write_png(rs["image"], rs["recipe"], tex_dir) for rs in spec["regions"].values() if "image" in rs]
        tex = TexWriter(gold, spec).document(units)
        (tex_dir / f"{doc_id}.tex").write_text(tex, encoding="utf-8")
        pdf, log = compile_tex(doc_id, tex, images)
        shutil.copy(pdf, pdf_dir / f"{doc_id}.pdf")
        over = re.findall(r"^Overfull \\hbox \(([\d.]+)pt", log, re.M)
        if over:
            print(f"  {doc_id}: {len(over)} overfull hbox(es), widest {max(map(float, over))} pt")
        und = re.findall(r"^(LaTeX Warning: .*)$", log, re.M)
        for w in und:
            print(f"  {doc_id}: {w}")
    rep = verify(doc_id, gold, spec, pdf_dir / f"{doc_id}.pdf", work / f"{doc_id}.pos", show=args.show)
    if args.png:
        d = pymupdf.open(pdf_dir / f"{doc_id}.pdf")
        for i, page in enumerate(d):
            page.get_pixmap(dpi=args.dpi).save(f"/tmp/regions-latex-{doc_id}-p{i + 1}.png")
    return rep


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("ids", nargs="*")
    ap.add_argument("--png", action="store_true", help="render pages to /tmp/regions-latex-<id>-p<n>.png")
    ap.add_argument("--dpi", type=int, default=60)
    ap.add_argument("--verify-only", action="store_true", help="check the existing PDFs (needs the .pos files)")
    ap.add_argument("--show", action="store_true", help="print the extracted text of each formula")
    args = ap.parse_args()
    ids = args.ids or sorted(p.stem for p in (HERE / "gold").glob("*.json"))
    failed = False
    reports = []
    for doc_id in ids:
        rep = build_one(doc_id, args)
        reports.append(rep)
        for e in rep.errors:
            print(f"FAIL {doc_id}: {e}")
        if rep.errors or args.show:
            for line in rep.stats.get("region_after", []):
                print(f"  {doc_id}: {line}")
        failed |= bool(rep.errors)
    print()
    keys = ["pages", "words", "hyphenated", "para_across_column", "para_across_page", "para_cut_by_float", "tables",
            "figures", "captions_multiline", "footnotes", "formulas", "code", "lists", "longtable pages", "code pages"]
    print("| id | " + " | ".join(keys) + " |")
    print("|---" * (len(keys) + 1) + "|")
    for rep in reports:
        print(f"| {rep.doc} | " + " | ".join(str(rep.stats.get(k, "")) for k in keys) + " |")
    print("\nFAILED" if failed else "\nall verified")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
