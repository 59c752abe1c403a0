#!/usr/bin/env python3
"""Region corpus, Chromium part (development set): gold JSON -> HTML -> PDF, then verify.

    .venv/bin/python tests/regions/chromium-dev/build.py            # build all, verify, print stats
    .venv/bin/python tests/regions/chromium-dev/build.py --png      # also /tmp/regions-chr-dev-<id>-p<n>.png
    .venv/bin/python tests/regions/chromium-dev/build.py <id> ...   # only these documents

Text comes only from `gold/<id>.json`; layout (CSS, page model, table rules, chart data,
raster recipes, which paragraph a region splits) lives in `specs.py`. See README.md.
"""

from __future__ import annotations

import argparse
import base64
import collections
import functools
import hashlib
import html
import io
import json
import math
import os
import re
import subprocess
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pymupdf
import pyphen
from PIL import Image

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.dont_write_bytecode = True
from specs import SPECS  # noqa: E402

WORK = Path("/tmp/chr-dev-work")
PROFILE = "/tmp/chr-dev-prof"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
HYPHENS = "\u2010-\u00ad"
START = (0, 0)


def mm2pt(x: float) -> float:
    return x * 72 / 25.4


def esc(text: str) -> str:
    return html.escape(text, quote=False)


# ---------------------------------------------------------------- inline marks


@dataclass(frozen=True)
class Piece:
    text: str
    bold: bool = False
    italic: bool = False
    url: str | None = None
    call: str | None = None
    code: bool = False


LINK = re.compile(r"\[([^\]^][^\]]*)\]\(([^)]+)\)")


def parse_inline(s: str) -> list[list[Piece]]:
    """A gold string as words; each word a list of styled pieces (a footnote call is a piece)."""
    chars: list = []
    bold = italic = False
    url = None
    link_end = -1
    i = 0
    while i < len(s):
        if s.startswith("[^", i):
            j = s.index("]", i)
            chars.append(("CALL", s[i + 2 : j]))
            i = j + 1
        elif s.startswith("**", i):
            bold = not bold
            i += 2
        elif s[i] == "*":
            italic = not italic
            i += 1
        elif s[i] == "[" and (m := LINK.match(s, i)):
            url, link_end = m.group(2), i + 1 + len(m.group(1))
            i += 1
        elif i == link_end:
            i = s.index(")", i) + 1
            url, link_end = None, -1
        else:
            chars.append((s[i], bold, italic, url))
            i += 1
    assert not bold and not italic and url is None, f"unbalanced marks in {s!r}"
    words: list[list[Piece]] = [[]]
    for c in chars:
        if c[0] == "CALL":
            words[-1].append(Piece("", call=c[1]))
        elif c[0] == " ":
            if words[-1]:
                words.append([])
        else:
            ch, b, it, u = c
            w = words[-1]
            if w and w[-1].call is None and (w[-1].bold, w[-1].italic, w[-1].url) == (b, it, u):
                w[-1] = Piece(w[-1].text + ch, b, it, u)
            else:
                w.append(Piece(ch, b, it, u))
    return [w for w in words if w]


def apply_mono(words: list[list[Piece]], phrases: list[str]) -> list[list[Piece]]:
    """Set the listed phrases (inline code, a typographic choice, not a gold mark) in monospace."""
    texts = ["".join(p.text for p in w) for w in words]
    for phrase in phrases:
        toks = phrase.split()
        for i in range(len(texts) - len(toks) + 1):
            core = [texts[i + k] if k < len(toks) - 1 else texts[i + k].rstrip(".,;:)") for k in range(len(toks))]
            if core != toks or any(len(words[i + k]) != 1 for k in range(len(toks))):
                continue
            for k in range(len(toks)):
                w, t = words[i + k][0], texts[i + k]
                rest = t[len(toks[k]) :]
                words[i + k] = [Piece(toks[k], w.bold, w.italic, w.url, code=True)] + (
                    [Piece(rest, w.bold, w.italic, w.url)] if rest else []
                )
    return words


def strip_marks(s: str) -> str:
    s = re.sub(r"\[\^[^\]]+\]", "", s)
    s = LINK.sub(r"\1", s)
    s = s.replace("**", "")
    return re.sub(r"\*([^*]+)\*", r"\1", s)


def printed(s: str) -> str:
    """The text as printed: marks gone, a footnote call as its label glued to the word."""
    s = re.sub(r"\[\^([^\]]+)\]", r"\1", s)
    s = LINK.sub(r"\1", s)
    s = s.replace("**", "")
    return re.sub(r"\*([^*]+)\*", r"\1", s)


def calls_in(s: str) -> list[str]:
    return re.findall(r"\[\^([^\]]+)\]", s)


# ---------------------------------------------------------------- soft hyphens

LETTERS = re.compile(r"[^\W\d_]+")


class Hyphenator:
    """Soft hyphens (U+00AD) from pyphen en_US; `keep` restricts them to the breaks used."""

    def __init__(self):
        self.dic = pyphen.Pyphen(lang="en_US", left=2, right=3)
        self.keep: dict[str, set[int]] | None = None

    def positions(self, run: str) -> list[int]:
        if len(run) < 6:
            return []
        pos = self.dic.positions(run)
        if self.keep is not None:
            pos = [p for p in pos if p in self.keep.get(run, ())]
        return pos

    def __call__(self, text: str) -> str:
        def one(m):
            run = m.group(0)
            out, last = [], 0
            for p in self.positions(run):
                out += [run[last:p], "\u00ad"]
                last = p
            return "".join(out) + run[last:]

        return LETTERS.sub(one, text)


# ---------------------------------------------------------------- blocks


@dataclass
class Block:
    kind: str  # mast h p list table figure code formula
    data: dict
    spec: dict = field(default_factory=dict)


def is_region(e) -> bool:
    return isinstance(e, dict) and bool({"table", "figure", "code", "formula"} & set(e))


def region_key(e: dict, regions: dict) -> str | None:
    if "code" in e:
        return "code"
    if "formula" in e:
        return "formula"
    cap = (e.get("table") or e.get("figure")).get("caption") or ""
    keys = [k for k in regions if cap.startswith(k)]
    return max(keys, key=len) if keys else None


def build_blocks(gold: dict, spec: dict) -> list[Block]:
    regions = spec.get("regions", {})
    blocks = [Block("mast", {"title": gold["title"], "front": gold["front_matter"]})]
    sidebar = spec.get("sidebar")
    for sec in gold["sections"]:
        blocks.append(Block("h", {"text": sec["heading"], "level": sec["level"]}))
        entries = sec["paragraphs"]
        i, pending = 0, None
        while i < len(entries):
            e = entries[i]
            if isinstance(e, str):
                words = apply_mono(parse_inline(e), spec.get("mono", []))
                if sidebar and e.startswith(sidebar["anchor"]):
                    side = [parse_inline(x) for x in entries[i + 1 : i + 1 + sidebar["count"]]]
                    assert all(isinstance(x, str) for x in entries[i + 1 : i + 1 + sidebar["count"]])
                    blocks.append(Block("p", dict(words=words, first=True, last=True, side=(sidebar["at"], side))))
                    i += 1 + sidebar["count"]
                    continue
                nxt = entries[i + 1] if i + 1 < len(entries) else None
                rs = regions.get(region_key(nxt, regions), {}) if is_region(nxt) else {}
                if rs.get("split"):
                    n = rs["split"]
                    assert 0 < n < len(words)
                    blocks.append(Block("p", dict(words=words[:n], first=True, last=False, rsplit=True)))
                    pending = words[n:]
                else:
                    blocks.append(Block("p", dict(words=words, first=True, last=True)))
            elif "items" in e:
                ordered = any(e["items"][0].startswith(p) for p in spec.get("ordered_lists", []))
                blocks.append(
                    Block(
                        "list",
                        dict(
                            items=[apply_mono(parse_inline(x), spec.get("mono", [])) for x in e["items"]],
                            ordered=ordered,
                        ),
                    )
                )
            else:
                key = region_key(e, regions)
                kind = next(k for k in ("table", "figure", "code", "formula") if k in e)
                blocks.append(Block(kind, {kind: e[kind]}, regions.get(key, {})))
            i += 1
            if pending is not None and (i >= len(entries) or not is_region(entries[i])):
                blocks.append(Block("p", dict(words=pending, first=False, last=True)))
                pending = None
    return blocks


# ---------------------------------------------------------------- charts and images


def chart_svg(fig: dict, font: str) -> tuple[str, list[str]]:
    """Inline SVG for a chart spec; returns (svg, every text string drawn)."""
    W, H = fig["size"]
    fs = fig.get("font_size", 10)
    labels: list[str] = []
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" viewBox="0 0 {W} {H}" '
        f'font-family="{font}" font-size="{fs}" role="img">'
    ]

    def text(x, y, s, anchor="middle", extra=""):
        labels.append(s)
        out.append(f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}"{extra}>{esc(s)}</text>')

    kind = fig["kind"]
    if kind == "pie":
        cx, cy, r = fig["centre"]
        total = sum(v for _, v, _ in fig["slices"])
        a0 = -math.pi / 2
        for _name, v, col in fig["slices"]:
            a1 = a0 + 2 * math.pi * v / total
            large = 1 if a1 - a0 > math.pi else 0
            x0, y0 = cx + r * math.cos(a0), cy + r * math.sin(a0)
            x1, y1 = cx + r * math.cos(a1), cy + r * math.sin(a1)
            out.append(
                f'<path d="M{cx},{cy} L{x0:.2f},{y0:.2f} A{r},{r} 0 {large} 1 {x1:.2f},{y1:.2f} Z" '
                f'fill="{col}" stroke="#fff" stroke-width="1.5"/>'
            )
            am = (a0 + a1) / 2
            rr = r * 0.68 if v / total > 0.07 else r + 14
            fill = ' fill="#fff"' if v / total > 0.07 else ""
            text(cx + rr * math.cos(am), cy + rr * math.sin(am) + fs * 0.35, f"{v / total * 100:.0f}%", extra=fill)
            a0 = a1
        lx, ly = fig["legend_at"]
        for k, (name, _v, col) in enumerate(fig["slices"]):
            out.append(f'<rect x="{lx}" y="{ly + k * 17 - 9}" width="11" height="11" fill="{col}"/>')
            text(lx + 17, ly + k * 17, name, "start")
        if fig.get("title"):
            text(cx, fig["title_y"], fig["title"], extra=' font-weight="bold"')
        out.append("</svg>")
        return "\n".join(out), labels

    L, R, T, B = fig.get("pad", (52, 14, 14, 44))
    x0, x1, y0, y1 = L, W - R, T, H - B
    ylo, yhi, ystep = fig["y"]
    fmt = fig.get("yfmt", "{:g}")
    if kind == "hbar":
        cats = fig["cats"]
        band = (y1 - y0) / len(cats)

        def X(v):
            return x0 + (v - ylo) / (yhi - ylo) * (x1 - x0)

        v = ylo
        while v <= yhi + 1e-9:
            out.append(f'<line x1="{X(v):.1f}" y1="{y0}" x2="{X(v):.1f}" y2="{y1}" stroke="#ccc" stroke-width="0.7"/>')
            text(X(v), y1 + fs + 4, fmt.format(v))
            v += ystep
        nser = len(fig["series"])
        bh = band * 0.7 / nser
        for ci, cat in enumerate(cats):
            text(x0 - 6, y0 + band * (ci + 0.5) + fs * 0.35, cat, "end")
            for si, (_name, vals, col) in enumerate(fig["series"]):
                yy = y0 + band * ci + band * 0.15 + si * bh
                out.append(
                    f'<rect x="{x0}" y="{yy:.1f}" width="{X(vals[ci]) - x0:.1f}" height="{bh:.1f}" fill="{col}"/>'
                )
        out.append(f'<line x1="{x0}" y1="{y0}" x2="{x0}" y2="{y1}" stroke="#333"/>')
        if fig.get("xtitle"):
            text((x0 + x1) / 2, H - 6, fig["xtitle"])
    else:
        cats = fig["cats"]
        n = len(cats)

        def Y(v):
            return y1 - (v - ylo) / (yhi - ylo) * (y1 - y0)

        v = ylo
        while v <= yhi + 1e-9:
            out.append(
                f'<line x1="{x0}" y1="{Y(v):.1f}" x2="{x1}" y2="{Y(v):.1f}" stroke="#d0d0d0" stroke-width="0.7"/>'
            )
            text(x0 - 6, Y(v) + fs * 0.35, fmt.format(v), "end")
            v += ystep
        band = (x1 - x0) / n
        if kind == "bar":
            nser = len(fig["series"])
            bw = band * 0.72 / nser
            for si, (_name, vals, col) in enumerate(fig["series"]):
                for ci, val in enumerate(vals):
                    xx = x0 + band * ci + band * 0.14 + si * bw
                    out.append(
                        f'<rect x="{xx:.1f}" y="{Y(val):.1f}" width="{bw:.1f}" '
                        f'height="{Y(ylo) - Y(val):.1f}" fill="{col}"/>'
                    )
        else:
            for _name, vals, col, dash in fig["series"]:
                pts = " ".join(f"{x0 + band * (ci + 0.5):.1f},{Y(val):.1f}" for ci, val in enumerate(vals))
                d = f' stroke-dasharray="{dash}"' if dash else ""
                out.append(f'<polyline points="{pts}" fill="none" stroke="{col}" stroke-width="1.8"{d}/>')
                for ci, val in enumerate(vals):
                    out.append(f'<circle cx="{x0 + band * (ci + 0.5):.1f}" cy="{Y(val):.1f}" r="2.2" fill="{col}"/>')
        for ci, cat in enumerate(cats):
            text(x0 + band * (ci + 0.5), y1 + fs + 4, cat)
        out.append(f'<line x1="{x0}" y1="{y1}" x2="{x1}" y2="{y1}" stroke="#333"/>')
        out.append(f'<line x1="{x0}" y1="{y0}" x2="{x0}" y2="{y1}" stroke="#333"/>')
        if fig.get("xtitle"):
            text((x0 + x1) / 2, H - 6, fig["xtitle"])
        if fig.get("ytitle"):
            yc = (y0 + y1) / 2
            labels.append(fig["ytitle"])
            out.append(
                f'<text x="0" y="0" text-anchor="middle" transform="translate({fs + 2},{yc:.1f}) rotate(-90)">'
                f"{esc(fig['ytitle'])}</text>"
            )
    if fig.get("legend"):
        lx, ly = fig["legend"]
        for k, s in enumerate(fig["series"]):
            name, col = s[0], s[2]
            dash = s[3] if len(s) > 3 else None
            xx = lx + sum(fig.get("legend_step", [0] * 9)[:k]) if fig.get("legend_row") else lx
            yy = ly if fig.get("legend_row") else ly + k * 15
            if kind == "line":
                d = f' stroke-dasharray="{dash}"' if dash else ""
                out.append(
                    f'<line x1="{xx}" y1="{yy - 4}" x2="{xx + 18}" y2="{yy - 4}" stroke="{col}" stroke-width="1.8"{d}/>'
                )
                text(xx + 23, yy, name, "start")
            else:
                out.append(f'<rect x="{xx}" y="{yy - 9}" width="11" height="11" fill="{col}"/>')
                text(xx + 16, yy, name, "start")
    out.append("</svg>")
    return "\n".join(out), labels


@functools.cache
def raster_png(recipe: str, size: tuple[int, int]) -> bytes:
    """Pictures with no text, computed from formulas (seeded where random)."""
    w, h = size
    yy, xx = np.mgrid[0:h, 0:w].astype(float)
    if recipe == "occupancy":
        # 7 weekday rows x 24 hour columns of occupancy, drawn as cells with white gaps
        d = np.arange(7)[:, None]
        hr = np.arange(24)[None, :]
        occ = (
            0.86
            + 0.05 * np.exp(-(((hr - 20) / 4.0) ** 2)) * np.where(d < 2, 1.0, 0.55)
            - 0.04 * np.exp(-(((hr - 4) / 3.0) ** 2)) * np.where(d == 5, 1.6, 1.0)
            + 0.02 * np.cos((d - 1) * 2 * np.pi / 7)
            - 0.03 * np.exp(-(((hr - 11) / 2.0) ** 2)) * (d == 1)
        )
        t = (occ - occ.min()) / (occ.max() - occ.min())
        img = np.full((h, w, 3), 255, np.uint8)
        cw, ch = w / 24, h / 7
        lo, hi = np.array([236, 244, 250]), np.array([12, 54, 110])
        for i in range(7):
            for j in range(24):
                col = (lo + (hi - lo) * t[i, j]).astype(np.uint8)
                img[int(i * ch) + 1 : int((i + 1) * ch) - 1, int(j * cw) + 1 : int((j + 1) * cw) - 1] = col
        return _png(img)
    if recipe == "nebula":
        rng = np.random.default_rng(31)
        neb = np.zeros((h, w, 3))
        for cx, cy, sx, sy, col in [
            (0.42, 0.52, 0.16, 0.22, (0.9, 0.25, 0.35)),
            (0.55, 0.45, 0.09, 0.12, (1.0, 0.55, 0.45)),
            (0.36, 0.6, 0.05, 0.07, (0.45, 0.7, 1.0)),
            (0.62, 0.62, 0.2, 0.1, (0.6, 0.2, 0.5)),
        ]:
            g = np.exp(-(((xx / w - cx) / sx) ** 2 + ((yy / h - cy) / sy) ** 2))
            ripple = 0.75 + 0.25 * np.sin(9 * xx / w + 5 * yy / h) * np.cos(7 * yy / h - 3 * xx / w)
            neb += (g * ripple)[..., None] * np.array(col)
        neb *= 0.85
        for _ in range(420):
            x, y = rng.integers(0, w), rng.integers(0, h)
            b = rng.uniform(0.3, 1.0) ** 3
            r = 0.6 + 2.2 * b
            m = np.exp(-(((xx - x) ** 2 + (yy - y) ** 2) / (2 * r * r)))
            neb += (m * b * 1.8)[..., None] * np.array([1.0, 0.97, 0.9])
        img = np.clip(np.sqrt(np.clip(neb, 0, None)) * 255 + np.array([6, 8, 18]), 0, 255).astype(np.uint8)
        return _png(img)
    if recipe == "uvpanel":
        base = 0.55 + 0.12 * np.sin(xx / w * 11) * np.sin(yy / h * 7) + 0.08 * np.cos((xx + 2 * yy) / w * 23)
        img = np.stack([0.25 * base, 0.85 * base, 0.55 * base], -1)
        for cx, cy, rx, ry in [
            (0.28, 0.35, 0.07, 0.05),
            (0.63, 0.58, 0.05, 0.09),
            (0.45, 0.78, 0.1, 0.03),
            (0.8, 0.22, 0.03, 0.04),
        ]:
            m = (((xx / w - cx) / rx) ** 2 + ((yy / h - cy) / ry) ** 2) < 1
            img[m] = np.array([0.05, 0.06, 0.12])
        crack = np.abs(np.sin(xx / w * 3 + yy / h * 5) * 40 - (yy - h / 2) / 6) < 0.8
        img[crack] *= 0.35
        frame = (xx < 10) | (xx > w - 11) | (yy < 10) | (yy > h - 11)
        img[frame] = np.array([0.35, 0.28, 0.2])
        return _png(np.clip(img * 255, 0, 255).astype(np.uint8))
    if recipe == "plan":
        img = np.full((h, w, 3), 246, np.uint8)
        rooms = [
            (10, 10, 200, 120, (214, 228, 240)),
            (210, 10, 350, 120, (242, 220, 200)),
            (360, 10, w - 10, 120, (222, 238, 214)),
            (10, 130, 170, h - 10, (236, 230, 206)),
            (180, 130, w - 10, h - 10, (226, 214, 236)),
        ]
        for x0, y0, x1, y1, col in rooms:
            img[y0:y1, x0:x1] = col
            img[y0 : y0 + 3, x0:x1] = img[y1 - 3 : y1, x0:x1] = 60
            img[y0:y1, x0 : x0 + 3] = img[y0:y1, x1 - 3 : x1] = 60
        return _png(img)
    raise ValueError(recipe)


def _png(arr: np.ndarray) -> bytes:
    buf = io.BytesIO()
    Image.fromarray(arr, "RGB").save(buf, "PNG", optimize=False, compress_level=9)
    return buf.getvalue()


# ---------------------------------------------------------------- HTML

CAPTION_LABEL = re.compile(r"^((?:Table|Figure|Fig\.|Exhibit) \d+[:.]|TABLE [IVXL]+ –)")


class Renderer:
    def __init__(self, doc: Doc, probe: bool):
        self.doc, self.probe = doc, probe
        self.ids: list[str] = []

    def pr(self, pid: str, inner: str) -> str:
        """A probed piece of text: an inline box of its own. In probe mode its text colour
        encodes its id (layout does not depend on colour), so the PDF says where it went."""
        if not self.probe:
            return f"<span>{inner}</span>"
        self.ids.append(pid)
        n = len(self.ids)
        assert n < 32768
        rgb = "".join(f"{((n >> k) & 31) * 8 + 4:02x}" for k in (10, 5, 0))
        return f'<span class="pb" style="color:#{rgb} !important">{inner}</span>'

    def word(self, word: list[Piece], pid: str, hyph: bool) -> str:
        """One word; the text pieces before and after a call are probed apart."""
        out, run = [], []

        def flush():
            if run:
                out.append(self.pr(pid, "".join(run)))
                run.clear()

        for p in word:
            if p.call:
                flush()
                lab = esc(p.call)
                out.append(f'<sup class="call">{self.pr("c." + p.call, lab)}</sup>')
                continue
            t = esc(self.doc.hyph(p.text) if hyph and self.doc.hyph and not p.code else p.text)
            if p.code:
                t = f"<code>{t}</code>"
            if p.bold:
                t = f"<b>{t}</b>"
            if p.italic:
                t = f"<i>{t}</i>"
            if p.url:
                t = f'<a class="link" href="{html.escape(p.url)}">{t}</a>'
            run.append(t)
        flush()
        return "".join(out)

    def words(self, words, prefix: str, offset: int = 0, hyph: bool = True) -> str:
        return " ".join(self.word(w, f"{prefix}.{offset + i}", hyph) for i, w in enumerate(words))

    def block(self, b: int, lo: int, hi: int | None) -> str:
        blk = self.doc.blocks[b]
        d, spec = blk.data, blk.spec
        k = blk.kind
        if k == "mast":
            s = f'<header class="masthead"><h1 class="title">{self.pr(f"x.{b}.t", esc(d["title"]))}</h1>'
            for i, f in enumerate(d["front"]):
                s += f'<p class="front">{self.words(parse_inline(f), f"x.{b}.f{i}", hyph=False)}</p>'
            return s + "</header>"
        if k == "h":
            tag = "h2" if d["level"] == 1 else "h3"
            return f"<{tag}>{self.pr(f'x.{b}.h', esc(d['text']))}</{tag}>"
        if k == "p":
            words = d["words"]
            cls = []
            if not (d["first"] and lo == 0):
                cls.append("cont")
            if not (d["last"] and hi == len(words)):
                cls.append("rbrk" if hi == len(words) and d.get("rsplit") else "brk")
            c = f' class="{" ".join(cls)}"' if cls else ""
            if d.get("side"):
                at, side = d["side"]
                box = "".join(
                    f'<span class="sbp">{self.words(sw, f"s.{b}.{j}", hyph=True)}</span>' for j, sw in enumerate(side)
                )
                return (
                    f'<p{c}>{self.words(words[:at], f"w.{b}")} <span class="sidebar">{box}</span>'
                    f"{self.words(words[at:], f'w.{b}', at)}</p>"
                )
            return f"<p{c}>{self.words(words[lo:hi], f'w.{b}', lo)}</p>"
        if k == "list":
            tag = "ol" if d["ordered"] else "ul"
            items = "".join(f"<li>{self.words(it, f'l.{b}.{j}')}</li>" for j, it in enumerate(d["items"]))
            return f"<{tag}>{items}</{tag}>"
        if k == "code":
            lines = d["code"].split("\n")
            body = "\n".join(self.pr(f"x.{b}.{i}", esc(ln)) if ln.strip() else "" for i, ln in enumerate(lines))
            return f'<pre class="code">{body}</pre>'
        if k == "formula":
            toks = []
            for t in d["formula"].split(" "):
                toks.append(f"<i>{esc(t)}</i>" if re.fullmatch(r"[A-Za-z]+", t) else esc(t))
            return f'<div class="formula">{self.pr(f"x.{b}.f", " ".join(toks))}</div>'
        if k == "table":
            return self.table(b, d["table"], spec)
        if k == "figure":
            return self.figure(b, d["figure"], spec)
        raise ValueError(k)

    def caption(self, b: int, cap: str) -> str:
        m = CAPTION_LABEL.match(cap)
        lab, rest = (m.group(1), cap[m.end() :]) if m else ("", cap)
        inner = (f'<span class="lab">{esc(lab)}</span>' if lab else "") + esc(rest)
        return self.pr(f"x.{b}.cap", inner)

    def table(self, b: int, t: dict, spec: dict) -> str:
        rows, hr = t["rows"], t["header_rows"]
        ncol = len(rows[0])
        align = spec.get("align", "l" + "r" * (ncol - 1))
        cls = [spec["style"]] + (["span"] if spec.get("span") else []) + spec.get("classes", [])
        s = [f'<table class="{" ".join(cls)}">']
        if t.get("caption"):
            s.append(f"<caption>{self.caption(b, t['caption'])}</caption>")
        if spec.get("widths"):
            s.append("<colgroup>" + "".join(f'<col style="width:{w}%">' for w in spec["widths"]) + "</colgroup>")
        s.append("<thead>")
        for r, row in enumerate(rows[:hr]):
            s.append("<tr>")
            j = 0
            while j < ncol:
                span = 1
                if spec.get("spans", True) and row[j]:
                    while j + span < ncol and row[j + span] == row[j]:
                        span += 1
                a = ' class="num"' if align[j] == "r" and span == 1 else (' class="grp"' if span > 1 else "")
                cs = f' colspan="{span}"' if span > 1 else ""
                s.append(f"<th{a}{cs}>{self.pr(f'x.{b}.h{r}.{j}', esc(row[j])) if row[j] else ''}</th>")
                j += span
            s.append("</tr>")
        s.append("</thead><tbody>")
        body = rows[hr:]
        for r, row in enumerate(body):
            tr = ' class="total"' if spec.get("total") and r == len(body) - 1 else ""
            s.append(f"<tr{tr}>")
            for j, cell in enumerate(row):
                a = (
                    ' class="num"'
                    if align[j] == "r"
                    else (' class="ctr"' if align[j] == "c" else (' class="mono"' if align[j] == "m" else ""))
                )
                s.append(f"<td{a}>{self.pr(f'x.{b}.r{r}.{j}', esc(cell)) if cell else ''}</td>")
            s.append("</tr>")
        s.append("</tbody></table>")
        return "".join(s)

    def figure(self, b: int, f: dict, spec: dict) -> str:
        cls = ["fig", spec["kind"] if spec["kind"] == "raster" else "chart"] + (["span"] if spec.get("span") else [])
        if spec["kind"] == "raster":
            data = base64.b64encode(raster_png(spec["recipe"], tuple(spec["px"]))).decode()
            pic = f'<img src="data:image/png;base64,{data}" style="width:{spec["width"]}" alt="">'
        else:
            svg, _ = chart_svg(spec, self.doc.spec.get("chart_font", "DejaVu Sans"))
            pic = svg
        cap = f"<figcaption>{self.caption(b, f['caption'])}</figcaption>" if f.get("caption") else ""
        return f'<figure class="{" ".join(cls)}">{pic}{cap}</figure>'

    def footnotes(self, labels: list[str], pad: float = 0.0, cls: str = "fnwrap") -> str:
        ps = []
        for lab in labels:
            text = self.words(parse_inline(self.doc.notes[lab]), f"f.{lab}", hyph=False)
            ps.append(f'<p class="fn"><sup class="fnlabel">{esc(lab)}</sup> {text}</p>')
        style = f' style="padding-top:{pad:.2f}px"' if pad else ""
        return f'<div class="{cls}"{style}><div class="fnrule"></div>{"".join(ps)}</div>'


BASE_CSS = """
span.pb * { color: inherit !important; }
p.cont { text-indent: 0 !important; margin-top: 0 !important; }
p.brk { margin-bottom: 0 !important; }
p.rbrk { margin-bottom: 0; }
.fnwrap { break-inside: avoid; }
.cutbreak { break-after: page; height: 0; }
.span { column-span: all; }
.sidebar { float: right; }
.sidebar .sbp { display: block; }
table { break-inside: auto; }
thead { display: table-header-group; }
tr, figure, pre, .formula { break-inside: avoid; }
"""


PROBE_CSS = "\n* { color: #000 !important; }\n"


class Doc:
    def __init__(self, gold: dict, spec: dict):
        self.gold, self.spec, self.id = gold, spec, gold["id"]
        self.notes = {n["label"]: n["text"] for n in gold["footnotes"]}
        self.blocks = build_blocks(gold, spec)
        self.hyph = Hyphenator() if spec.get("shy") else None
        self.mode = spec["mode"]
        self.END = (len(self.blocks), 0)

    # segments -------------------------------------------------------
    def parts(self, start, end):
        """(block, lo, hi) for the content between two positions."""
        bs, ws = start
        be, we = end
        for b in range(bs, min(be + 1, len(self.blocks))):
            blk = self.blocks[b]
            lo = ws if b == bs else 0
            if b == be and we == 0:
                break
            if blk.kind == "p":
                n = len(blk.data["words"])
                hi = we if b == be else n
                if lo < hi:
                    yield b, lo, hi
            else:
                yield b, 0, None

    def calls(self, start, end) -> list[str]:
        out = []
        for b, lo, hi in self.parts(start, end):
            blk = self.blocks[b]
            if blk.kind == "p":
                ws = blk.data["words"][lo:hi]
                if blk.data.get("side"):
                    at, side = blk.data["side"]
                    ws = ws[:at] + [w for sw in side for w in sw] + ws[at:]
                out += [p.call for w in ws for p in w if p.call]
            elif blk.kind == "list":
                out += [p.call for it in blk.data["items"] for w in it for p in w if p.call]
        return out

    def render(self, cuts, pads, probe: bool, total: int | None = None) -> tuple[str, Renderer]:
        r = Renderer(self, probe)
        sp = self.spec
        positions = [START] + list(cuts) + [self.END]
        segs = list(zip(positions, positions[1:]))
        if len(segs) > 1 and segs[-1][0] == self.END:
            segs.pop()  # the last cut is the end of the document
        out = []
        for k, (s, e) in enumerate(segs):
            tail = k == len(segs) - 1
            inner = []
            mc_open = False
            for b, lo, hi in self.parts(s, e):
                if sp["columns"] == 2 and self.blocks[b].kind != "mast" and not mc_open:
                    inner.append('<div class="mc">')
                    mc_open = True
                inner.append(r.block(b, lo, hi))
            if mc_open:
                inner.append("</div>")
            labels = self.calls(s, e)
            if self.mode == "native":
                out.append(f'<div class="seg">{"".join(inner)}</div>')
                if k < len(cuts):
                    if labels:
                        out.append(r.footnotes(labels, pads[k]))
                    if not tail:
                        out.append('<div class="cutbreak"></div>')
            else:
                fixed = not tail or total is not None
                out.append(self.page_div(r, k + 1, "".join(inner), labels if fixed else [], fixed, total))
        body = "\n".join(out)
        fixed_html = sp.get("fixed_html", "")
        wrap_open, wrap_close = ('<div class="doc">', "</div>") if sp.get("wrap") else ("", "")
        title = esc(f"{self.gold['title']}")
        doc = (
            f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>{title}</title>\n'
            f"<style>{BASE_CSS}{sp['css']}{PROBE_CSS if probe else ''}</style>\n</head>\n<body>\n"
            f"{fixed_html}{wrap_open}\n{body}\n{wrap_close}\n"
            f"</body>\n</html>\n"
        )
        return doc, r

    def page_div(self, r: Renderer, n: int, inner: str, labels, fixed: bool, total) -> str:
        hdr = self.furniture("header", n, total or 9)
        ftr = self.furniture("footer", n, total or 9)
        side = "odd" if n % 2 else "even"
        fn = r.footnotes(labels, cls="pfn") if labels else ""
        cls = "page " + side + ("" if fixed else " tail")
        return (
            f'<div class="{cls}"><div class="phead">{esc(hdr) if hdr else ""}</div>'
            f'<div class="pbody">{inner}</div>{fn}<div class="pfoot">{esc(ftr) if ftr else ""}</div></div>'
        )

    def page_body_bottom(self, pr: Probe) -> float:
        return pr.page_h - mm2pt(self.spec["bottom_mm"])

    def furniture(self, key, page, total):
        t = self.gold.get(key)
        if not t:
            return None
        if isinstance(t, list):
            t = t[(page - 1) % len(t)]
        return t.format(page=page, total=total)


# ---------------------------------------------------------------- Chromium


def chromium_pdf(html_path: Path, pdf_path: Path) -> None:
    cmd = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={PROFILE}",
        "--no-pdf-header-footer",
        f"--print-to-pdf={pdf_path}",
        html_path.as_uri(),
    ]
    if pdf_path.exists():
        pdf_path.unlink()
    res = subprocess.run(cmd, capture_output=True, text=True, timeout=180)
    if not pdf_path.exists():
        raise RuntimeError(f"chromium failed for {html_path}:\n{res.stderr[-2000:]}")


_cache: dict[str, Path] = {}
RENDERS = collections.Counter()


def render_cached(doc_id: str, text: str) -> Path:
    h = hashlib.sha1(text.encode()).hexdigest()[:16]
    if h in _cache:
        return _cache[h]
    WORK.mkdir(parents=True, exist_ok=True)
    hp, pp = WORK / f"{doc_id}-{h}.html", WORK / f"{doc_id}-{h}.pdf"
    if not pp.exists():
        hp.write_text(text, encoding="utf-8")
        chromium_pdf(hp, pp)
        RENDERS[doc_id] += 1
    _cache[h] = pp
    return pp


@dataclass
class Probe:
    rects: dict[str, list[tuple[int, float, float, float, float]]]
    page_h: float
    pages: int


def probe(doc: Doc, cuts, pads, total=None) -> Probe:
    """Render in probe mode; where every probed piece of text was drawn."""
    text, r = doc.render(cuts, pads, probe=True, total=total)
    pdf_path = render_cached(doc.id, text)
    saved = pdf_path.with_suffix(".probe.json")
    if saved.exists():
        d = json.loads(saved.read_text())
        return Probe({k: [tuple(x) for x in v] for k, v in d["rects"].items()}, d["page_h"], d["pages"])
    pdf = pymupdf.open(pdf_path)
    rects = collections.defaultdict(list)
    for p in pdf:
        for blk in p.get_text("dict")["blocks"]:
            for line in blk.get("lines", []):
                for span in line["spans"]:
                    c = span["color"]
                    ch = [(c >> 16) & 255, (c >> 8) & 255, c & 255]
                    if not span["text"].strip() or any(x % 8 != 4 for x in ch):
                        continue
                    n = (ch[0] // 8 << 10) | (ch[1] // 8 << 5) | ch[2] // 8
                    if not 1 <= n <= len(r.ids):
                        continue
                    key = r.ids[n - 1]
                    if key.startswith("f."):
                        key = key.rsplit(".", 1)[0]
                    x0, y0, x1, y1 = span["bbox"]
                    rects[key].append((p.number, x0, y0, x1, y1, span["origin"][1]))
    res = Probe(dict(rects), pdf[0].rect.height, len(pdf))
    pdf.close()
    saved.write_text(json.dumps({"rects": res.rects, "page_h": res.page_h, "pages": res.pages}))
    return res


# ---------------------------------------------------------------- pagination


def block_ids(doc: Doc, b: int, lo: int, hi: int | None) -> list[str]:
    blk = doc.blocks[b]
    if blk.kind == "p":
        ids = [f"w.{b}.{i}" for i in range(lo, hi)]
        if blk.data.get("side"):
            ids += [f"s.{b}.{j}.{i}" for j, sw in enumerate(blk.data["side"][1]) for i in range(len(sw))]
        return ids
    r = Renderer(doc, True)
    r.block(b, lo, hi)
    return [i for i in r.ids if not i.startswith("c.")]


def last_rect(pr: Probe, ids):
    rs = [x for i in ids for x in pr.rects.get(i, [])]
    return max(rs, key=lambda x: (x[0], x[4])) if rs else None


def lines_of(pr: Probe, b: int, lo: int, hi: int):
    """Lines of a paragraph part: [page, last word index + 1, ends inside a broken word]."""
    lines = []
    prev = None
    for i in range(lo, hi):
        rs = sorted(pr.rects[f"w.{b}.{i}"], key=lambda x: (x[0], x[5], x[1]))
        r = rs[0]
        new = prev is None or r[0] != prev[0] or abs(r[5] - prev[5]) > 1.5 or r[1] < prev[1] - 1
        if new:
            lines.append([r[0], i + 1, False])
        else:
            lines[-1][1] = i + 1
        rows = sorted({(x[0], x[5]) for x in rs})
        lines[-1][2] = any(q[0] != p[0] or abs(q[1] - p[1]) > 1.5 for p, q in zip(rows, rows[1:]))
        prev = rs[-1]
    return lines


def candidates(doc: Doc, pr: Probe, start, q: int):
    cands = []
    prev_page, prev_kind = None, None
    for b, lo, hi in doc.parts(start, doc.END):
        blk = doc.blocks[b]
        if (b, lo) != start and lo == 0 and prev_kind not in (None, "h", "mast") and prev_page == q:
            cands.append((b, 0))
        if blk.kind == "p" and not blk.data.get("side"):
            ls = lines_of(pr, b, lo, hi)
            for k in range(1, len(ls) - 2):
                page, end, broken = ls[k]
                if page == q and not broken:
                    cands.append((b, end))
        lr = last_rect(pr, block_ids(doc, b, lo, hi))
        prev_page, prev_kind = (lr[0] if lr else prev_page), blk.kind
    if prev_page == q:
        cands.append(doc.END)
    return cands


def seg_ids(doc: Doc, start, end):
    return [i for b, lo, hi in doc.parts(start, end) for i in block_ids(doc, b, lo, hi)]


def fits(doc: Doc, cuts, pads, q: int) -> bool:
    start = cuts[-2] if len(cuts) > 1 else START
    end = cuts[-1]
    if doc.mode == "pages" and end == doc.END:
        pr = probe(doc, cuts[:-1], pads, total=len(cuts))
    else:
        pr = probe(doc, cuts, pads)
    labels = doc.calls(start, end)
    ids = seg_ids(doc, start, end)
    rs = [x for i in ids for x in pr.rects.get(i, [])]
    if doc.mode == "native":
        fr = [x for lab in labels for x in pr.rects.get(f"f.{lab}", [])]
        if labels:
            return bool(fr) and all(x[0] == q for x in fr)
        return bool(rs) and max(x[0] for x in rs) == q
    if any(i not in pr.rects for i in ids):
        return False
    limit = doc.page_body_bottom(pr)
    if labels:
        fr = [x for lab in labels for x in pr.rects.get(f"f.{lab}", [])]
        if not fr or any(x[0] != q for x in fr):
            return False
        limit = min(x[2] for x in fr) - doc.spec.get("fn_gap", 12)
    return all(x[0] == q and x[4] <= limit for x in rs)


def bsearch(cands, pred):
    if not cands:
        raise RuntimeError("no cut candidates")
    if not pred(cands[0]):
        raise RuntimeError(f"even the first candidate {cands[0]} does not fit")
    lo, hi = 0, len(cands) - 1
    if pred(cands[hi]):
        return cands[hi]
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if pred(cands[mid]):
            lo = mid
        else:
            hi = mid
    return cands[lo]


def paginate(doc: Doc):
    cuts, pads = [], []
    while True:
        pr = probe(doc, cuts, pads)
        start = cuts[-1] if cuts else START
        if doc.mode == "native":
            ids = [f"c.{lab}" for lab in doc.calls(start, doc.END)]
            if not ids:
                break
            q = min(pr.rects[i][0][0] for i in ids)
        else:
            q = len(cuts)
            if fits(doc, cuts + [doc.END], pads + [0], q):
                break
        cands = candidates(doc, pr, start, q)
        c = bsearch(cands, lambda c, q=q: fits(doc, cuts + [c], pads + [0], q))
        cuts.append(c)
        pads.append(0)
        if doc.mode == "native" and doc.calls(start, c):
            pads[-1] = tune_pad(doc, cuts, pads, q)
        if len(cuts) > 12:
            raise RuntimeError("pagination does not converge")
    return cuts, pads


def tune_pad(doc: Doc, cuts, pads, q: int) -> float:
    """Padding above the footnote block so that it sits at the foot of page q."""
    start = cuts[-2] if len(cuts) > 1 else START
    labels = doc.calls(start, cuts[-1])
    pr = probe(doc, cuts, pads)
    bottom = max(x[4] for lab in labels for x in pr.rects[f"f.{lab}"])
    target = pr.page_h - mm2pt(doc.spec["bottom_mm"]) - doc.spec.get("fn_slack", 2.5)
    pad = math.floor(max(0.0, target - bottom) / 0.75 * 4) / 4
    for _ in range(20):
        trial = pads[:-1] + [pad]
        pr = probe(doc, cuts, trial)
        if all(x[0] == q for lab in labels for x in pr.rects[f"f.{lab}"]):
            return pad
        pad = max(0.0, pad - 2)
    raise RuntimeError("cannot place footnote block")


# ---------------------------------------------------------------- verification


def gold_units(gold: dict, spec: dict) -> list[tuple[str, str, list[str]]]:
    """(kind, name, printed tokens) for every gold unit."""
    units = [("title", "title", gold["title"].split())]
    units += [("front", f"front {i}", printed(f).split()) for i, f in enumerate(gold["front_matter"])]
    regions = spec.get("regions", {})
    for sec in gold["sections"]:
        units.append(("heading", sec["heading"], sec["heading"].split()))
        for e in sec["paragraphs"]:
            if isinstance(e, str):
                units.append(("paragraph", e[:40], printed(e).split()))
            elif "items" in e:
                units += [("item", it[:40], printed(it).split()) for it in e["items"]]
            elif "table" in e:
                t = e["table"]
                rs = regions.get(region_key(e, regions), {})
                if t.get("caption"):
                    units.append(("caption", t["caption"][:40], t["caption"].split()))
                toks = []
                for r, row in enumerate(t["rows"]):
                    j = 0
                    while j < len(row):
                        span = 1
                        if r < t["header_rows"] and rs.get("spans", True) and row[j]:
                            while j + span < len(row) and row[j + span] == row[j]:
                                span += 1
                        toks += row[j].split()
                        j += span
                units.append(("table", t.get("caption", "")[:40], toks))
            elif "figure" in e:
                f = e["figure"]
                if f.get("caption"):
                    units.append(("caption", f["caption"][:40], f["caption"].split()))
                units.append(("figure", f.get("caption", "")[:40], [w for lab in f["labels"] for w in lab.split()]))
            elif "code" in e:
                units.append(("code", "code", e["code"].split()))
            elif "formula" in e:
                units.append(("formula", "formula", e["formula"].split()))
    for n in gold["footnotes"]:
        units.append(("footnote", n["label"], [n["label"]] + printed(n["text"]).split()))
    return units


def pdf_words(pdf) -> list[list[tuple]]:
    out = []
    for p in pdf:
        ws = []
        for w in p.get_text("words", sort=False):
            t = unicodedata.normalize("NFC", w[4].replace("\u00ad", ""))
            if t:
                ws.append((t, w[0], w[1], w[2], w[3], w[5], w[6], w[7]))
        out.append(ws)
    return out


def verify(doc: Doc, pdf_path: Path, pr: Probe, shy_ref: Path | None = None) -> dict:
    gold, spec = doc.gold, doc.spec
    pdf = pymupdf.open(pdf_path)
    npages = len(pdf)
    errors = []
    stats = collections.Counter()
    if not 2 <= npages <= 4:
        errors.append(f"{npages} pages, want 2-4")
    pages = pdf_words(pdf)
    expected = collections.Counter()
    for kind, _name, toks in gold_units(gold, spec):
        expected.update(toks)
        stats[f"words:{kind}"] += len(toks)
    # running header / footer, per page
    for n in range(1, npages + 1):
        for key in ("header", "footer"):
            t = doc.furniture(key, n, npages)
            if t:
                expected.update(t.split())
    # allowed extras: list markers and repeated table headers
    extras = collections.Counter()
    for blk in doc.blocks:
        if blk.kind == "list" and blk.data["ordered"]:
            extras.update(f"{i + 1}." for i in range(len(blk.data["items"])))
    for b, blk in enumerate(doc.blocks):
        if blk.kind != "table":
            continue
        t = blk.data["table"]
        ids = block_ids(doc, b, 0, None)
        tpages = sorted({x[0] for i in ids if not i.endswith(".cap") for x in pr.rects.get(i, [])})
        stats["tables"] += 1
        if len(tpages) > 1:
            stats["tables across pages"] += 1
            head = collections.Counter()
            for i in ids:
                if ".h" in i and i.split(".")[2].startswith("h"):
                    r, j = i.split(".")[2][1:], int(i.split(".")[3])
                    head.update(t["rows"][int(r)][j].split())
            for _ in tpages[1:]:
                extras.update(head)
            # the repeated header really is on every later page
            for pg in tpages[1:]:
                have = "".join(w[0] for w in pages[pg])
                if any(w not in have for w in head):
                    errors.append(f"table {t['caption'][:30]!r}: header not repeated on page {pg + 1}")
        if blk.spec.get("long") and len(tpages) < 2:
            errors.append(f"long table {t['caption'][:30]!r} does not break across pages ({tpages})")
    found = collections.Counter(w[0] for ws in pages for w in ws)
    missing = expected + extras - found
    surplus = found - expected - extras
    missing_extras = collections.Counter({w: c for w, c in missing.items() if w in extras})
    for w, _c in missing_extras.items():  # markers Chromium did not print as text are fine
        if expected[w] == 0:
            del missing[w]
    # join words broken at a line end (U+00AD + U+2010, U+2010 or a compound's own hyphen)
    seq = [w for ws in pages for w in ws]
    joins = 0
    for i, w in enumerate(seq[:-1]):
        a, bnext = w[0], seq[i + 1][0]
        if not a or a[-1] not in HYPHENS or not surplus[a] or not surplus[bnext]:
            continue
        for whole in (a[:-1] + bnext, a + bnext):
            if missing[whole]:
                missing[whole] -= 1
                surplus[a] -= 1
                surplus[bnext] -= 1
                joins += 1
                stats["hyphen breaks " + ("soft" if whole == a[:-1] + bnext else "compound")] += 1
                break
    missing, surplus = +missing, +surplus
    # leftovers broken across a column or page (not adjacent in extraction order)
    for whole in list(missing.elements()):
        for a in list(surplus):
            if a[-1] in HYPHENS:
                for cut in (a[:-1], a):
                    if whole.startswith(cut) and surplus[whole[len(cut) :]]:
                        surplus[a] -= 1
                        surplus[whole[len(cut) :]] -= 1
                        missing[whole] -= 1
                        stats["hyphen breaks across columns"] += 1
                        break
                else:
                    continue
                break
    missing, surplus = +missing, +surplus
    if missing:
        errors.append(f"gold words not in the PDF: {dict(missing)}")
    if surplus:
        errors.append(f"PDF words not in the gold: {dict(surplus)}")
    # footnotes: on the page of their call, below the body, text present there
    body_ids = [i for i in pr.rects if not i.startswith(("f.", "c."))]
    for n in gold["footnotes"]:
        lab = n["label"]
        cp = {x[0] for x in pr.rects.get(f"c.{lab}", [])}
        fr = pr.rects.get(f"f.{lab}", [])
        fp = {x[0] for x in fr}
        if len(cp) != 1 or cp != fp:
            errors.append(f"footnote {lab}: call on pages {cp}, note on pages {fp}")
            continue
        pg = fp.pop()
        lowest = max((x[4] for i in body_ids for x in pr.rects[i] if x[0] == pg), default=0)
        if min(x[2] for x in fr) < lowest:
            errors.append(f"footnote {lab} is not below the body on page {pg + 1}")
        have = "".join(w[0] for w in pages[pg]).replace("\u2010", "")
        short = [w for w in [lab] + printed(n["text"]).split() if w not in have]
        if short:
            errors.append(f"footnote {lab}: words missing on page {pg + 1}: {short}")
        stats["footnotes"] += 1
    # charts: the SVG draws exactly the gold labels
    for blk in doc.blocks:
        if blk.kind == "figure":
            stats["figures"] += 1
            if blk.spec["kind"] != "raster":
                _, labels = chart_svg(blk.spec, spec.get("chart_font", "DejaVu Sans"))
                if collections.Counter(labels) != collections.Counter(blk.data["figure"]["labels"]):
                    errors.append(
                        f"figure {blk.data['figure']['caption'][:30]!r}: labels differ from gold: "
                        f"{collections.Counter(labels) ^ collections.Counter(blk.data['figure']['labels'])}"
                    )
            elif blk.data["figure"]["labels"]:
                errors.append("raster figure with labels")
    # the probe layout is the printed layout
    probe_pdf = pymupdf.open(render_cached(doc.id, doc.render(*doc.final, probe=True, total=doc.total)[0]))
    if not same_layout(pdf, probe_pdf):
        errors.append("final PDF and probe PDF differ in layout")
    if shy_ref is not None:
        ref = pymupdf.open(shy_ref)
        if not same_layout(pdf, ref):
            errors.append("pruning soft hyphens changed the layout")
    # paragraphs that run across a page or a column break, regions that span both columns
    groups = []
    for b, blk in enumerate(doc.blocks):
        if blk.kind == "p":
            if blk.data["first"]:
                groups.append([])
            groups[-1] += [x for i in range(len(blk.data["words"])) for x in pr.rects.get(f"w.{b}.{i}", [])]
            if blk.data.get("rsplit"):
                stats["paragraphs split by a region"] += 1
    mid = pdf[0].rect.width / 2
    for g in groups:
        if len({x[0] for x in g}) > 1:
            stats["paragraphs across pages"] += 1
        if spec["columns"] == 2 and len({(x[0], x[1] > mid) for x in g}) > 1:
            stats["paragraphs across columns"] += 1
    for b, blk in enumerate(doc.blocks):
        if blk.spec.get("span") and blk.kind == "table":
            rs = [x for i in block_ids(doc, b, 0, None) for x in pr.rects.get(i, [])]
            if not (min(x[1] for x in rs) < mid - 40 and max(x[3] for x in rs) > mid + 40):
                errors.append(f"table {blk.data['table']['caption'][:30]!r} does not span the columns")
    for key, least in spec.get("expect", {}).items():
        if stats[key] < least:
            errors.append(f"expected at least {least} {key}, found {stats[key]}")
    stats["pages"] = npages
    stats["hyphen joins"] = joins
    stats["words"] = sum(len(ws) for ws in pages)
    pdf.close()
    if errors:
        raise SystemExit(f"VERIFY FAILED {doc.id}:\n  " + "\n  ".join(errors))
    return stats


def same_layout(a, b) -> bool:
    if len(a) != len(b):
        return False
    for pa, pb in zip(a, b):
        wa = sorted((w[0], round(w[1]), round(w[2])) for w in pdf_words([pa])[0])
        wb = sorted((w[0], round(w[1]), round(w[2])) for w in pdf_words([pb])[0])
        if wa != wb:
            return False
    return True


# ---------------------------------------------------------------- build


def shy_breaks(pdf_path: Path) -> dict[str, set[int]]:
    """Soft-hyphen breaks Chromium used: letter run -> offsets."""
    keep = collections.defaultdict(set)
    pdf = pymupdf.open(pdf_path)
    seq = [w[4] for p in pdf for w in p.get_text("words", sort=False)]
    for a, b in zip(seq, seq[1:]):
        if a.endswith("\u00ad\u2010") or a.endswith("\u00ad-"):
            pre = LETTERS.findall(a.replace("\u00ad", "").rstrip(HYPHENS))
            post = LETTERS.findall(b.replace("\u00ad", ""))
            if pre and post:
                keep[pre[-1] + post[0]].add(len(pre[-1]))
    return keep


def build(doc_id: str, png: bool) -> dict:
    gold = json.loads((HERE / "gold" / f"{doc_id}.json").read_text(encoding="utf-8"))
    doc = Doc(gold, SPECS[doc_id])
    cuts, pads = paginate(doc)
    total = None
    if doc.mode == "pages":
        total = len(cuts) + 1
    doc.final, doc.total = (cuts, pads), total
    shy_ref = None
    if doc.hyph and doc.spec["shy"] == "breaks":
        text, _ = doc.render(cuts, pads, probe=False, total=total)
        shy_ref = render_cached(doc.id, text)
        doc.hyph.keep = shy_breaks(shy_ref)
    text, _ = doc.render(cuts, pads, probe=False, total=total)
    hp, pp = HERE / "html" / f"{doc_id}.html", HERE / "pdf" / f"{doc_id}.pdf"
    hp.write_text(text, encoding="utf-8")
    chromium_pdf(hp, pp)
    if png:
        pdf = pymupdf.open(pp)
        for p in pdf:
            p.get_pixmap(dpi=60).save(f"/tmp/regions-chr-dev-{doc_id}-p{p.number + 1}.png")
    pr = probe(doc, cuts, pads, total=total)
    stats = verify(doc, pp, pr, shy_ref)
    stats["cuts"] = len(cuts)
    stats["renders"] = RENDERS[doc_id]
    return stats


def chromium_version() -> str:
    return subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True).stdout.strip()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("ids", nargs="*")
    ap.add_argument("--png", action="store_true")
    a = ap.parse_args()
    ids = a.ids or sorted(SPECS)
    print(chromium_version(), flush=True)
    for i in ids:
        st = build(i, a.png)
        print(f"{i}: OK  " + ", ".join(f"{k}={v}" for k, v in sorted(st.items())))


if __name__ == "__main__":
    main()
