"""Build the HELD-OUT evaluation corpus with ReportLab platypus.

This set is for *measurement only*: the pipeline must never be tuned to it.
It deliberately uses a different PDF producer from ``tests/corpus/build.py``
(ReportLab instead of a home-made PyMuPDF typesetter): ReportLab's own line
breaking, justification (word spacing), pyphen-based hyphenation, its own font
embedding/subsetting, base-14 fonts that are not embedded, and real space
characters between words.

Every ``gold/<id>.json`` (same format as ``tests/corpus/gold``) holds the clean
text plus a ``layout`` dict with the renderer settings; this script writes
``pdf/<id>.pdf`` and then verifies the PDF against the gold text:

* words are extracted with PyMuPDF (and cross-checked with pdfplumber),
  assigned to the page's frames (known from the page templates) and read
  frame by frame, line by line;
* line-end hyphens are resolved against the gold text: ``hyphen-`` + ``ation``
  -> ``hyphenation`` is an *automatic* break, ``long-`` + ``term`` ->
  ``long-term`` is a *compound* break;
* the result must equal the gold word sequence exactly; running headers and
  footers must equal their templates; every gold link must be a URI link
  annotation.

Usage::

    .venv/bin/python tests/heldout/build.py              # build + verify + stats
    .venv/bin/python tests/heldout/build.py --no-verify
    .venv/bin/python tests/heldout/build.py --png        # also /tmp/heldout-<id>-p<n>.png

Output is byte-identical on every rebuild (``rl_config.invariant = 1``: fixed
dates and document ID; no randomness is used at all).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import sys
from html import escape
from pathlib import Path
from typing import Any

from reportlab import rl_config

rl_config.invariant = 1  # fixed creation date / document id -> reproducible bytes

import reportlab  # noqa: E402
from reportlab.lib.colors import Color  # noqa: E402
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT  # noqa: E402
from reportlab.lib.pagesizes import A4, LETTER  # noqa: E402
from reportlab.lib.styles import ParagraphStyle  # noqa: E402
from reportlab.pdfbase import pdfmetrics  # noqa: E402
from reportlab.pdfbase.ttfonts import TTFont  # noqa: E402
from reportlab.platypus import (  # noqa: E402
    BaseDocTemplate,
    CondPageBreak,
    Frame,
    FrameBreak,
    NextPageTemplate,
    PageTemplate,
    Paragraph,
    Spacer,
)
from reportlab.platypus.flowables import HRFlowable  # noqa: E402

HERE = Path(__file__).resolve().parent
FONT_DIRS = [
    Path("/usr/share/fonts/truetype/dejavu"),
    Path(os.path.dirname(reportlab.__file__)) / "fonts",
]
PAGE_SIZES = {"A4": A4, "Letter": LETTER}
ALIGN = {"left": TA_LEFT, "center": TA_CENTER, "right": TA_RIGHT, "justify": TA_JUSTIFY}
BASE14 = {
    "Helvetica": ("Helvetica", "Helvetica-Bold", "Helvetica-Oblique", "Helvetica-BoldOblique"),
    "Times": ("Times-Roman", "Times-Bold", "Times-Italic", "Times-BoldItalic"),
}
MARK_RE = re.compile(
    r"\[(?P<link>[^\]]+)\]\((?P<url>[^)\s]+)\)"
    r"|\*\*(?P<bold>.+?)\*\*"
    r"|\*(?P<ital>[^*]+?)\*"
)
SENTENCE_END = (".", "!", "?", ":")


# ---------------------------------------------------------------------------
# Gold text helpers
# ---------------------------------------------------------------------------


def to_markup(text: str, link_color: str) -> str:
    """Gold inline marks -> ReportLab paragraph markup."""
    out, pos = [], 0
    for m in MARK_RE.finditer(text):
        out.append(escape(text[pos:m.start()], quote=False))
        if m.group("link") is not None:
            url, link = escape(m.group("url")), escape(m.group("link"), quote=False)
            out.append(f'<a href="{url}" color="{link_color}">{link}</a>')
        elif m.group("bold") is not None:
            out.append(f"<b>{escape(m.group('bold'), quote=False)}</b>")
        else:
            out.append(f"<i>{escape(m.group('ital'), quote=False)}</i>")
        pos = m.end()
    out.append(escape(text[pos:], quote=False))
    return "".join(out)


def plain(text: str) -> str:
    return MARK_RE.sub(lambda m: m.group("link") or m.group("bold") or m.group("ital"), text)


def gold_links(gold: dict) -> list[str]:
    urls = []
    for sec in gold["sections"]:
        for p in sec["paragraphs"]:
            for t in ([p] if isinstance(p, str) else p["items"]):
                urls += [m.group("url") for m in MARK_RE.finditer(t) if m.group("url")]
    return urls


def gold_units(gold: dict) -> list[tuple[str, str, str]]:
    """(unit id, kind, plain text) in reading order; kind in title/front/heading/para/item."""
    units = [("title", "title", gold["title"])]
    units += [(f"front{i}", "front", t) for i, t in enumerate(gold["front_matter"])]
    units += [(f"toc{i}", "toc", t) for i, t in enumerate(gold["toc"])]
    for si, sec in enumerate(gold["sections"]):
        units.append((f"s{si}.h", "heading", sec["heading"]))
        for pi, p in enumerate(sec["paragraphs"]):
            if isinstance(p, str):
                units.append((f"s{si}.p{pi}", "para", plain(p)))
            else:
                units += [(f"s{si}.p{pi}.i{k}", "item", plain(t)) for k, t in enumerate(p["items"])]
    return units


# ---------------------------------------------------------------------------
# Fonts and styles
# ---------------------------------------------------------------------------


def font_path(name: str) -> str:
    for d in FONT_DIRS:
        if (d / name).exists():
            return str(d / name)
    raise FileNotFoundError(name)


def register_family(key: str, spec: dict | str) -> tuple[str, str, str, str]:
    """Return (regular, bold, italic, bolditalic) ReportLab font names."""
    if isinstance(spec, str):
        return BASE14[spec]
    names = []
    for style in ("regular", "bold", "italic", "bolditalic"):
        name = Path(spec[style]).stem  # e.g. "DejaVuSerif-Bold", "VeraBd"
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, font_path(spec[style])))
        names.append(name)
    pdfmetrics.registerFontFamily(names[0], normal=names[0], bold=names[1],
                                  italic=names[2], boldItalic=names[3])
    return tuple(names)  # type: ignore[return-value]


def font_of(fams: dict, fam: str, style: str = "regular") -> str:
    return fams[fam][("regular", "bold", "italic", "bolditalic").index(style)]


def make_style(name: str, fams: dict, spec: dict, layout: dict, **kw: Any) -> ParagraphStyle:
    hy = layout["hyphenation"]
    args: dict[str, Any] = dict(
        fontName=font_of(fams, spec["font"], spec.get("style", "regular")),
        fontSize=spec["size"],
        leading=spec["leading"],
        alignment=ALIGN[spec.get("align", "left")],
        textColor=Color(*spec.get("color", (0, 0, 0))),
        spaceBefore=spec.get("space_before", 0),
        spaceAfter=spec.get("space_after", 0),
        hyphenationLang=hy["lang"] if spec.get("hyphenate", False) else "",
        embeddedHyphenation=hy["embedded"] if spec.get("hyphenate", False) else 0,
        hyphenationMinWordLength=hy["min_word_length"],
        uriWasteReduce=0,
    )
    args.update(kw)
    return ParagraphStyle(name, **args)


# ---------------------------------------------------------------------------
# Document
# ---------------------------------------------------------------------------


class Doc(BaseDocTemplate):
    """Records which page template (hence which frames) each page used."""

    def __init__(self, *a: Any, **kw: Any) -> None:
        super().__init__(*a, **kw)
        self.page_log: list[str] = []

    def handle_pageBegin(self) -> None:  # noqa: N802 (ReportLab API)
        super().handle_pageBegin()
        self.page_log.append(self.pageTemplate.id)


def column_frames(layout: dict, top: float, bottom: float, prefix: str) -> list[Frame]:
    pw, _ = PAGE_SIZES[layout["page_size"]]
    m = layout["margins"]
    widths = layout["columns"]["widths"]
    gutter = layout["columns"]["gutter"]
    avail = pw - m["left"] - m["right"] - gutter * (len(widths) - 1)
    x, frames = m["left"], []
    for i, w in enumerate(widths):
        fw = avail * w / sum(widths)
        frames.append(Frame(x, bottom, fw, top - bottom, id=f"{prefix}col{i}",
                            leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0))
        x += fw + gutter
    return frames


def build_story(gold: dict, layout: dict, fams: dict, top_width: float, col_width: float) -> tuple[list, list, float]:
    """Return (top-of-page-1 flowables, flow flowables, height of the top block)."""
    body = layout["body"]
    link_color = layout.get("link_color", "#1f4e8c")
    bstyle = make_style("body", fams, {**body, "align": "justify", "hyphenate": True}, layout,
                        firstLineIndent=body.get("indent", 0) if body["paragraph_style"] == "indent" else 0,
                        spaceAfter=body.get("gap", 0))
    first_style = ParagraphStyle("body-first", parent=bstyle, firstLineIndent=0)
    lst = layout["list"]
    item_style = ParagraphStyle("item", parent=bstyle, firstLineIndent=0, leftIndent=lst["indent"],
                                bulletIndent=lst.get("bullet_indent", 0), bulletFontName=bstyle.fontName,
                                bulletFontSize=bstyle.fontSize, spaceAfter=lst["item_gap"])
    # Headings are not kept with the next paragraph via keepWithNext (ReportLab
    # would then move heading + whole paragraph to the next frame); instead a
    # CondPageBreak before each heading asks for room for the heading plus two
    # body lines, so paragraphs still split freely across columns and pages.
    hstyles = {lvl: make_style(f"h{lvl}", fams, spec, layout)
               for lvl, spec in layout["headings"].items()}
    tspec = layout["title"]
    title_style = make_style("title", fams, tspec, layout)
    fm_specs = layout["front_matter"]
    fm_styles = [make_style(f"front{i}", fams, s, layout) for i, s in enumerate(fm_specs["lines"])]

    top: list = [Paragraph(escape(gold["title"], quote=False), title_style)]
    if tspec.get("rule_below"):
        top.append(HRFlowable(width="100%", thickness=tspec["rule_below"], color=Color(*tspec.get("color", (0, 0, 0))),
                              spaceBefore=tspec.get("rule_space", 2), spaceAfter=tspec.get("rule_space", 2)))
    for i, t in enumerate(gold["front_matter"]):
        top.append(Paragraph(escape(t, quote=False), fm_styles[min(i, len(fm_styles) - 1)]))
    if fm_specs.get("rule_below"):
        rule_color = Color(*fm_specs.get("rule_color", (0, 0, 0)))
        top.append(HRFlowable(width="100%", thickness=fm_specs["rule_below"], color=rule_color,
                              spaceBefore=3, spaceAfter=0))
    height = 0.0
    for i, f in enumerate(top):
        _, h = f.wrap(top_width, 10_000)
        height += h + (f.getSpaceBefore() if i else 0) + f.getSpaceAfter()

    flow: list = []
    for sec in gold["sections"]:
        hp = Paragraph(escape(sec["heading"], quote=False), hstyles[str(sec["level"])])
        _, hh = hp.wrap(col_width, 10_000)
        flow.append(CondPageBreak(hh + hp.getSpaceBefore() + hp.getSpaceAfter() + 2 * bstyle.leading + 1))
        flow.append(hp)
        first = True
        for p in sec["paragraphs"]:
            if isinstance(p, str):
                style = first_style if first and body.get("no_indent_after_heading", True) else bstyle
                flow.append(Paragraph(to_markup(p, link_color), style))
            else:
                for k, t in enumerate(p["items"]):
                    st = item_style
                    if k == len(p["items"]) - 1:
                        st = ParagraphStyle("item-last", parent=item_style, spaceAfter=lst["space_after"])
                    flow.append(Paragraph(to_markup(t, link_color), st, bulletText=lst["bullet"]))
            first = False
    return top, flow, height


def render(gold: dict, out: Path, creator: str = "tests/heldout/build.py") -> dict:
    """Render ``gold`` to ``out`` (``creator`` names the script in the PDF); return geometry
    info needed for verification."""
    layout = gold["layout"]
    fams = {k: register_family(k, v) for k, v in layout["fonts"].items()}
    pw, ph = PAGE_SIZES[layout["page_size"]]
    m = layout["margins"]
    full_w = pw - m["left"] - m["right"]
    col_width = min(f._width for f in column_frames(layout, 100, 0, "probe"))
    top_block, flow, top_h = build_story(gold, layout, fams, full_w, col_width)
    run = layout["running"]
    color = Color(*run.get("color", (0, 0, 0)))

    def running(canvas: Any, doc: Doc) -> None:
        page = canvas.getPageNumber()
        canvas.saveState()
        canvas.setFillColor(color)
        canvas.setStrokeColor(color)
        for key in ("header", "footer"):
            tpl = gold[key]
            if tpl is None or (key == "header" and page == 1 and not run.get("header_first_page", True)):
                continue
            if isinstance(tpl, list):
                tpl = tpl[(page - 1) % 2]
            text = tpl.replace("{page}", str(page))
            canvas.setFont(font_of(fams, run["font"], run.get(f"{key}_style", "regular")), run["size"])
            y = ph - run[f"{key}_y"]
            align = run.get(f"{key}_align", "center")
            if align == "outside":
                align = "right" if page % 2 else "left"
            if align == "left":
                canvas.drawString(m["left"], y, text)
            elif align == "right":
                canvas.drawRightString(pw - m["right"], y, text)
            else:
                canvas.drawCentredString(pw / 2, y, text)
            if run.get(f"{key}_rule"):
                canvas.setLineWidth(run[f"{key}_rule"])
                ry = y - 4 if key == "header" else y + run["size"] + 2
                canvas.line(m["left"], ry, pw - m["right"], ry)
        canvas.restoreState()

    frame_top = ph - m["top"]
    templates, frames_by_template = [], {}
    if layout.get("top_block", True):
        gap = layout.get("top_gap", 12)
        top_frame = Frame(m["left"], frame_top - top_h - 1, full_w, top_h + 1, id="top",
                          leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        first_frames = [top_frame] + column_frames(layout, frame_top - top_h - 1 - gap, m["bottom"], "first-")
        story = [NextPageTemplate("later")] + top_block + [FrameBreak()] + flow
    else:
        first_frames = column_frames(layout, frame_top, m["bottom"], "first-")
        story = [NextPageTemplate("later")] + top_block + [Spacer(1, layout.get("top_gap", 12))] + flow
    later_frames = column_frames(layout, frame_top, m["bottom"], "later-")
    for tid, frames in (("first", first_frames), ("later", later_frames)):
        templates.append(PageTemplate(id=tid, frames=frames, onPage=running, pagesize=(pw, ph)))
        frames_by_template[tid] = [(f._x1, ph - f._y2, f._x2, ph - f._y1) for f in frames]  # top-down coords

    doc = Doc(str(out), pagesize=(pw, ph), pageTemplates=templates, invariant=1,
              leftMargin=m["left"], rightMargin=m["right"], topMargin=m["top"], bottomMargin=m["bottom"],
              title=gold["title"], author=layout.get("author", ""), subject=gold["kind"],
              creator=creator, allowSplitting=1)
    doc.build(story)
    return {"page_templates": doc.page_log, "frames": frames_by_template,
            "header_band": m["top"], "footer_band": ph - m["bottom"]}


# ---------------------------------------------------------------------------
# Verification
# ---------------------------------------------------------------------------


def extracted_lines(words: list[tuple], frames: list[tuple], hb: float, fb: float) -> tuple[list, list]:
    """Assign words to frames -> (frame lines in reading order, running-text words)."""
    per_frame: dict[int, list] = {i: [] for i in range(len(frames))}
    running: list = []
    for x0, y0, x1, y1, text in words:
        cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
        if cy < hb or cy > fb:
            running.append((x0, y0, x1, y1, text))
            continue
        for i, (fx0, fy0, fx1, fy1) in enumerate(frames):
            if fx0 - 2 <= cx <= fx1 + 2 and fy0 - 2 <= cy <= fy1 + 2:
                per_frame[i].append((x0, y0, x1, y1, text))
                break
        else:
            raise AssertionError(f"word outside every frame: {text!r} at {x0:.1f},{y0:.1f}")
    out = []
    for i in range(len(frames)):
        lines: list[list] = []
        for w in sorted(per_frame[i], key=lambda w: (w[3], w[0])):
            if lines and abs(lines[-1][-1][3] - w[3]) < 2.0:
                lines[-1].append(w)
            else:
                lines.append([w])
        out.append([sorted(line, key=lambda w: w[0]) for line in lines])
    return out, running


def pdf_words(path: Path, engine: str) -> list[list[tuple]]:
    if engine == "pymupdf":
        import pymupdf
        with pymupdf.open(path) as doc:
            return [[w[:5] for w in page.get_text("words")] for page in doc]
    import pdfplumber
    with pdfplumber.open(path) as pdf:
        return [[(w["x0"], w["top"], w["x1"], w["bottom"], w["text"]) for w in p.extract_words()] for p in pdf.pages]


def verify(gold: dict, path: Path, geo: dict, engine: str = "pymupdf") -> dict:
    pages = pdf_words(path, engine)
    assert len(pages) == len(geo["page_templates"]), "page count mismatch"
    units = gold_units(gold)
    gold_tokens = [(uid, t) for uid, _, text in units for t in text.split()]
    ext = []  # (text, page, frame, line_end)
    for pno, words in enumerate(pages):
        frames = geo["frames"][geo["page_templates"][pno]]
        lines_by_frame, running = extracted_lines(words, frames, geo["header_band"], geo["footer_band"])
        for fi, lines in enumerate(lines_by_frame):
            for line in lines:
                toks = [w[4] for w in line]
                # pdfplumber reports the base-14 (WinAnsi code 127) bullet as "(cid:127)"
                if toks and toks[0] in (gold["layout"]["list"]["bullet"], "(cid:127)"):
                    toks = toks[1:]
                for k, t in enumerate(toks):
                    ext.append((t, pno + 1, fi, k == len(toks) - 1))
        # running header / footer
        page = pno + 1
        expect = []
        for key in ("header", "footer"):
            tpl = gold[key]
            if tpl is None or (key == "header" and page == 1
                               and not gold["layout"]["running"].get("header_first_page", True)):
                continue
            if isinstance(tpl, list):
                tpl = tpl[(page - 1) % 2]
            expect.append(tpl.replace("{page}", str(page)))
        got = " ".join(w[4] for w in sorted(running, key=lambda w: (round(w[3]), w[0])))
        assert got == " ".join(expect), f"page {page} running text {got!r} != {expect!r}"

    breaks = {"auto": 0, "compound": 0}
    hyphen_chars: dict[str, int] = {}
    loc: dict[str, list] = {}
    prev_tok: dict[str, str] = {}
    cross_page_mid_sentence = 0
    trace: list = []
    compounds: list[str] = []
    i = j = 0
    while i < len(gold_tokens):
        uid, g = gold_tokens[i]
        if j >= len(ext):
            raise AssertionError(f"extracted text ended before gold token {g!r} ({uid})")
        e, page, fi, line_end = ext[j]
        pieces = [(page, fi)]
        if e == g:
            j += 1
        elif line_end and j + 1 < len(ext) and e and e[-1] in "-\u2010\u00ad":
            nxt = ext[j + 1]
            if e + nxt[0] == g and e[-1] == "-":
                breaks["compound"] += 1
                compounds.append(f"{e}|{nxt[0]}")
            elif e[:-1] + nxt[0] == g:
                breaks["auto"] += 1
                hyphen_chars[e[-1]] = hyphen_chars.get(e[-1], 0) + 1
            else:
                raise AssertionError(f"{uid}: gold {g!r} vs extracted {e!r}+{nxt[0]!r} (page {page})")
            pieces.append((nxt[1], nxt[2]))
            j += 2
        else:
            ctx = " ".join(x[0] for x in ext[max(0, j - 5):j + 5])
            raise AssertionError(f"{uid}: gold {g!r} vs extracted {e!r} (page {page}); context: {ctx}")
        if uid in loc and pieces[0][0] != loc[uid][-1][0] and not prev_tok[uid].endswith(SENTENCE_END):
            cross_page_mid_sentence += 1
        if uid in loc and len(pieces) == 1 and pieces[0][0] != loc[uid][-1][0]:
            pass
        if len(pieces) == 2 and pieces[0][0] != pieces[1][0]:
            cross_page_mid_sentence += 1
        loc.setdefault(uid, []).extend(pieces)
        trace.extend((uid, pl) for pl in pieces)
        prev_tok[uid] = g
        i += 1
    if j != len(ext):
        raise AssertionError(f"extra extracted text: {' '.join(x[0] for x in ext[j:j + 20])}")

    transitions = []  # what happens at each frame boundary
    for (ua, la), (ub, lb) in zip(trace, trace[1:]):
        if la != lb:
            transitions.append(f"p{lb[0]}f{lb[1]}:{'SPLIT ' if ua == ub else 'starts '}{ub}")
    body = [uid for uid, kind, _ in units if kind in ("para", "item")]
    across_col = sum(1 for u in body if len(set(loc[u])) > 1)
    across_page = sum(1 for u in body if len({p for p, _ in loc[u]}) > 1)
    return {"words": len(gold_tokens), "auto": breaks["auto"], "compound": breaks["compound"],
            "hyphen_chars": hyphen_chars, "across_col": across_col, "across_page": across_page,
            "across_page_mid_sentence": cross_page_mid_sentence, "transitions": transitions,
            "compound_breaks": compounds}


def check_pdf_objects(gold: dict, path: Path) -> dict:
    import pymupdf
    info: dict[str, Any] = {}
    with pymupdf.open(path) as doc:
        uris = [l["uri"] for p in doc for l in p.get_links() if l.get("kind") == pymupdf.LINK_URI]
        fonts = sorted({f[3] for p in doc for f in p.get_fonts()})
        text = "".join(p.get_text() for p in doc)
        info["pages"] = doc.page_count
    want = gold_links(gold)
    assert sorted(set(uris)) == sorted(set(want)), f"links {uris} != {want}"
    info["links"] = len(uris)
    info["fonts"] = fonts
    info["soft_hyphens"] = text.count("\u00ad")
    info["u2010"] = text.count("\u2010")
    return info


def main(argv: list[str] | None = None, folder: Path = HERE, creator: str = "tests/heldout/build.py") -> int:
    """Build (and verify) the PDFs of ``folder``/gold/*.json into ``folder``/pdf."""
    gold_dir, pdf_dir = folder / "gold", folder / "pdf"
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--no-verify", action="store_true")
    ap.add_argument("--png", action="store_true", help=f"write /tmp/{folder.name}-<id>-p<n>.png previews")
    ap.add_argument("--debug", action="store_true", help="print what happens at each frame boundary")
    ap.add_argument("ids", nargs="*")
    args = ap.parse_args(argv)
    pdf_dir.mkdir(exist_ok=True)
    print(f"reportlab {reportlab.Version}; rl_config: invariant={rl_config.invariant} "
          f"hyphenationLang={rl_config.hyphenationLang!r} (set per style) "
          f"embeddedHyphenation={rl_config.embeddedHyphenation} uriWasteReduce={rl_config.uriWasteReduce}")
    rows, ok = [], True
    for gp in sorted(gold_dir.glob("*.json")):
        gold = json.loads(gp.read_text(encoding="utf-8"))
        if args.ids and gold["id"] not in args.ids:
            continue
        if gold.get("layout", {}).get("producer") == "libreoffice":
            continue  # made by build_libreoffice.py
        out = pdf_dir / f"{gold['id']}.pdf"
        geo = render(gold, out, creator)
        sha = hashlib.sha256(out.read_bytes()).hexdigest()[:12]
        if args.png:
            import pymupdf
            with pymupdf.open(out) as doc:
                for p in doc:
                    p.get_pixmap(dpi=60).save(f"/tmp/{folder.name}-{gold['id']}-p{p.number + 1}.png")
        if args.no_verify:
            print(f"{gold['id']}: {len(geo['page_templates'])} pages sha256={sha}")
            continue
        try:
            st = verify(gold, out, geo, "pymupdf")
            st2 = verify(gold, out, geo, "pdfplumber")
            assert (st2["auto"], st2["compound"]) == (st["auto"], st["compound"]), "pdfplumber disagrees"
            st.update(check_pdf_objects(gold, out))
        except AssertionError as exc:
            ok = False
            print(f"{gold['id']}: VERIFY FAILED: {exc}")
            continue
        transitions = st.pop("transitions")
        if args.debug:
            print("   frame boundaries:", "; ".join(transitions))
            print("   compound breaks:", ", ".join(st["compound_breaks"]))
        st.pop("compound_breaks")
        rows.append((gold["id"], st))
        print(f"{gold['id']}: OK sha256={sha} {json.dumps(st, ensure_ascii=True)}")
    if rows:
        print("\n| id | pages | words | auto hyphen breaks | compound breaks | para across column "
              "| para across page | links |")
        print("|---|---|---|---|---|---|---|---|")
        for gid, s in rows:
            print(f"| {gid} | {s['pages']} | {s['words']} | {s['auto']} | {s['compound']} | "
                  f"{s['across_col']} | {s['across_page']} | {s['links']} |")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
