"""Build the LibreOffice part of the HELD-OUT evaluation corpus.

This set is for *measurement only*: the pipeline must never be tuned to it.
``build.py`` beside this file renders its documents with ReportLab; this script
renders the documents whose ``layout.producer`` is ``"libreoffice"`` with
LibreOffice Writer, the way a Word/Writer user makes a newsletter: Writer's own
line breaking, justification and automatic hyphenation (the system
``hyph_en_US.dic`` patterns), real TrueType fonts (Carlito, Caladea, Liberation),
sections with ``fo:column-count`` for the columns, and page-style headers and
footers with page-number / page-count fields.

For each ``gold/<id>.json`` with ``"producer": "libreoffice"`` in its layout the
script writes a flat ODF text document (``.fodt``) from the gold text and the
layout settings, converts it with ``soffice --headless --convert-to pdf`` and
writes ``pdf/<id>.pdf``.  It then verifies the PDF against the gold text:

* words are extracted with PyMuPDF (``page.get_text("words")``), assigned to the
  masthead (page 1, above the first heading), to a column (from the page
  geometry in the layout) or to the running header/footer, and read column by
  column, line by line;
* a line-end token ending in ``-``, U+00AD or U+2010 is resolved against the gold
  text: ``hyphen-`` + ``ation`` is an *automatic* break, ``long-`` + ``term`` a
  *compound* break;
* the result must equal the gold word sequence exactly (bullets excluded);
  headers and footers must equal their templates; gold links must be URI links.

Usage::

    .venv/bin/python tests/heldout/build_libreoffice.py              # build + verify + stats
    .venv/bin/python tests/heldout/build_libreoffice.py --png        # also /tmp/heldout-lo-<id>-p<n>.png
    .venv/bin/python tests/heldout/build_libreoffice.py --verify-only [ids...]
    .venv/bin/python tests/heldout/build_libreoffice.py --keep-fodt  # also keep /tmp/heldout-lo/<id>.fodt

Needs (Debian): ``libreoffice-writer-nogui hyphen-en-us fonts-liberation2
fonts-crosextra-carlito fonts-crosextra-caladea``; PyMuPDF in the venv.  Not run
by the Makefile: LibreOffice is too heavy for CI, and its PDFs are not
byte-reproducible (creation date and document ID change on every export).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, quoteattr

HERE = Path(__file__).resolve().parent
GOLD_DIR = HERE / "gold"
PDF_DIR = HERE / "pdf"
PROFILE = Path(tempfile.gettempdir()) / "heldout-lo-profile"
WORK = Path(tempfile.gettempdir()) / "heldout-lo"
PAGE_SIZES = {"A4": (595.276, 841.89), "Letter": (612.0, 792.0)}
HYPHENS = ("-", "\u00ad", "\u2010")
BULLETS = {"•", "\u25cf", "\u25aa", "–"}

INLINE = re.compile(r"\[([^\]]+)\]\(([^)]+)\)|\*\*(.+?)\*\*|\*(.+?)\*")
LINK = re.compile(r"\[([^\]]+)\]\(([^)]+)\)")

NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
    'xmlns:xlink="http://www.w3.org/1999/xlink" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
    'xmlns:loext="urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0"'
)


# --------------------------------------------------------------------------- gold

def strip_marks(text: str) -> str:
    text = LINK.sub(r"\1", text)
    return re.sub(r"\*\*(.+?)\*\*|\*(.+?)\*", lambda m: m.group(1) or m.group(2), text)


def gold_blocks(doc: dict) -> list[tuple[str, str]]:
    """(kind, plain text) in reading order: title, front matter, headings, paragraphs, items."""
    blocks = [("title", doc["title"])]
    blocks += [("front", strip_marks(t)) for t in doc.get("front_matter", [])]
    for section in doc["sections"]:
        blocks.append(("heading", section["heading"]))
        for p in section["paragraphs"]:
            if isinstance(p, dict):
                blocks += [("item", strip_marks(i)) for i in p["items"]]
            else:
                blocks.append(("para", strip_marks(p)))
    return blocks


# --------------------------------------------------------------------------- fodt

def pt(v: float) -> str:
    return f"{v:g}pt"


def inline_xml(text: str) -> str:
    out, pos = [], 0
    for m in INLINE.finditer(text):
        out.append(escape(text[pos:m.start()]))
        if m.group(1) is not None:
            out.append(f'<text:a xlink:type="simple" xlink:href={quoteattr(m.group(2))}>'
                       f'{escape(m.group(1))}</text:a>')
        elif m.group(3) is not None:
            out.append(f'<text:span text:style-name="Tbold">{escape(m.group(3))}</text:span>')
        else:
            out.append(f'<text:span text:style-name="Titalic">{escape(m.group(4))}</text:span>')
        pos = m.end()
    out.append(escape(text[pos:]))
    return "".join(out)


def text_props(spec: dict, fonts: dict) -> str:
    attrs = [f'style:font-name="{fonts[spec.get("font", "body")]}"', f'fo:font-size="{pt(spec["size"])}"']
    style = spec.get("style", "")
    if "bold" in style:
        attrs.append('fo:font-weight="bold"')
    if "italic" in style:
        attrs.append('fo:font-style="italic"')
    if spec.get("color"):
        attrs.append(f'fo:color="{spec["color"]}"')
    if spec.get("letter_spacing"):
        attrs.append(f'fo:letter-spacing="{pt(spec["letter_spacing"])}"')
    return "<style:text-properties " + " ".join(attrs) + "/>"


def para_props(spec: dict, extra: str = "") -> str:
    attrs = [
        f'fo:margin-top="{pt(spec.get("space_before", 0))}"',
        f'fo:margin-bottom="{pt(spec.get("space_after", 0))}"',
        f'fo:text-align="{spec.get("align", "start")}"',
    ]
    if spec.get("line_height"):
        attrs.append(f'fo:line-height="{spec["line_height"]}"')
    if spec.get("rule_below"):
        attrs.append(f'fo:border-bottom="{pt(spec["rule_below"])} solid {spec.get("rule_color", "#000000")}"')
        attrs.append(f'fo:padding-bottom="{pt(spec.get("rule_padding", 3))}"')
    if spec.get("rule_above"):
        attrs.append(f'fo:border-top="{pt(spec["rule_above"])} solid {spec.get("rule_color", "#000000")}"')
        attrs.append(f'fo:padding-top="{pt(spec.get("rule_padding", 3))}"')
    return "<style:paragraph-properties " + " ".join(attrs) + (" " + extra if extra else "") + "/>"


def running_xml(template: str, fields: bool = True) -> str:
    """Header/footer template -> paragraph content with page-number / page-count fields."""
    parts = re.split(r"(\{page\}|\{total\})", template)
    out = []
    for part in parts:
        if part == "{page}":
            out.append('<text:page-number text:select-page="current">1</text:page-number>')
        elif part == "{total}":
            out.append("<text:page-count>1</text:page-count>")
        else:
            out.append(escape(part))
    return "".join(out)


def heading_number(heading: str) -> tuple[str, str]:
    m = re.match(r"^(\d+(?:\.\d+)*)\s+(.*)$", heading)
    return (m.group(1), m.group(2)) if m else ("", heading)


def build_fodt(doc: dict) -> str:
    lay = doc["layout"]
    fonts = lay["fonts"]  # role -> family name
    width, height = PAGE_SIZES[lay["page_size"]]
    m = lay["margins"]
    body = lay["body"]
    hyph = lay["hyphenation"]
    numbered = lay.get("numbered_headings", False)

    face_decls = "".join(
        f'<style:font-face style:name="{f}" svg:font-family="\'{f}\'" style:font-pitch="variable"/>'
        for f in sorted(set(fonts.values())))

    hyph_attrs = (
        f'fo:hyphenate="true" fo:hyphenation-remain-char-count="{hyph["remain"]}" '
        f'fo:hyphenation-push-char-count="{hyph["push"]}" '
        f'fo:hyphenation-ladder-count="{hyph.get("ladder", "no-limit")}"'
    )
    body_para = para_props(
        {"space_before": 0, "space_after": body.get("gap", 0), "align": "justify",
         "line_height": body["line_height"]},
        f'fo:text-indent="{pt(body.get("first_line_indent", 0))}" '
        f'fo:orphans="{body.get("orphans", 2)}" fo:widows="{body.get("widows", 2)}" '
        'style:justify-single-word="false"')
    body_text = (f'<style:text-properties style:font-name="{fonts["body"]}" '
                 f'fo:font-size="{pt(body["size"])}" {hyph_attrs}/>')

    styles = []
    styles.append(
        '<style:default-style style:family="paragraph"><style:paragraph-properties '
        'style:writing-mode="lr-tb" style:tab-stop-distance="36pt"/>'
        f'<style:text-properties style:font-name="{fonts["body"]}" fo:font-size="{pt(body["size"])}" '
        'fo:language="en" fo:country="US" fo:hyphenate="false" '
        'fo:hyphenation-remain-char-count="2" fo:hyphenation-push-char-count="2"/></style:default-style>')
    styles.append('<style:style style:name="Standard" style:family="paragraph" style:class="text"/>')
    styles.append('<style:style style:name="Text_20_body" style:display-name="Text body" '
                  'style:family="paragraph" style:parent-style-name="Standard" style:class="text">'
                  f'{body_para}{body_text}</style:style>')
    # first paragraph after a heading: no first-line indent (newsletter convention)
    styles.append('<style:style style:name="First_20_body" style:display-name="First body" '
                  'style:family="paragraph" style:parent-style-name="Text_20_body" style:class="text">'
                  '<style:paragraph-properties fo:text-indent="0pt"/></style:style>')
    li = lay["list"]
    styles.append('<style:style style:name="List_20_Bullet" style:display-name="List Bullet" '
                  'style:family="paragraph" style:parent-style-name="Text_20_body" style:class="list">'
                  f'<style:paragraph-properties fo:text-indent="0pt" fo:margin-bottom="{pt(li.get("item_gap", 0))}"/>'
                  '</style:style>')
    styles.append('<style:style style:name="List_20_Last" style:display-name="List Last" '
                  'style:family="paragraph" style:parent-style-name="List_20_Bullet" style:class="list">'
                  f'<style:paragraph-properties fo:margin-bottom="{pt(li.get("space_after", body.get("gap", 0)))}"/>'
                  '</style:style>')
    styles.append('<style:style style:name="Heading" style:family="paragraph" style:parent-style-name="Standard" '
                  'style:class="text"><style:paragraph-properties fo:keep-with-next="always"/></style:style>')
    for level, spec in lay["headings"].items():
        styles.append(
            f'<style:style style:name="Heading_20_{level}" style:display-name="Heading {level}" '
            f'style:family="paragraph" style:parent-style-name="Heading" '
            f'style:default-outline-level="{level}" style:class="text">'
            + para_props(spec, 'fo:keep-with-next="always"') + text_props(spec, fonts) + "</style:style>")
    styles.append('<style:style style:name="Title" style:family="paragraph" style:parent-style-name="Standard" '
                  'style:class="chapter">' + para_props(lay["title"]) + text_props(lay["title"], fonts)
                  + "</style:style>")
    styles.append('<style:style style:name="Subtitle" style:family="paragraph" style:parent-style-name="Standard" '
                  'style:class="chapter">' + para_props(lay["front_matter"]) + text_props(lay["front_matter"], fonts)
                  + "</style:style>")
    run = lay["running"]
    for name in ("Header", "Footer"):
        spec = dict(run)
        spec["align"] = run.get(name.lower() + "_align", "center")
        spec.pop("rule_below", None)
        spec.pop("rule_above", None)
        if name == "Header" and run.get("header_rule"):
            spec["rule_below"] = run["header_rule"]
        if name == "Footer" and run.get("footer_rule"):
            spec["rule_above"] = run["footer_rule"]
        styles.append(f'<style:style style:name="{name}" style:family="paragraph" style:parent-style-name="Standard" '
                      'style:class="extra">' + para_props(spec) + text_props(spec, fonts) + "</style:style>")
    styles.append('<style:style style:name="Internet_20_link" style:display-name="Internet link" '
                  'style:family="text"><style:text-properties fo:color="#1f4e8c" '
                  'style:text-underline-style="solid" style:text-underline-width="auto" '
                  'style:text-underline-color="font-color"/></style:style>')

    # outline (heading numbering): "1", "1.1" followed by a space, or none at all
    levels = []
    for level in range(1, 11):
        if numbered and str(level) in lay["headings"]:
            levels.append(f'<text:outline-level-style text:level="{level}" style:num-format="1" '
                          f'text:display-levels="{level}"><style:list-level-properties '
                          'text:list-level-position-and-space-mode="label-alignment">'
                          '<style:list-level-label-alignment text:label-followed-by="space"/>'
                          '</style:list-level-properties></text:outline-level-style>')
        else:
            levels.append(f'<text:outline-level-style text:level="{level}" style:num-format=""/>')
    styles.append('<text:outline-style style:name="Outline">' + "".join(levels) + "</text:outline-style>")

    auto = []
    auto.append('<style:style style:name="Tbold" style:family="text"><style:text-properties '
                'fo:font-weight="bold"/></style:style>')
    auto.append('<style:style style:name="Titalic" style:family="text"><style:text-properties '
                'fo:font-style="italic"/></style:style>')
    cols = lay["columns"]
    auto.append('<style:style style:name="Sect1" style:family="section"><style:section-properties '
                f'text:dont-balance-text-columns="{"false" if cols.get("balance", True) else "true"}" '
                'style:editable="false">'
                f'<style:columns fo:column-count="{cols["count"]}" fo:column-gap="{pt(cols.get("gap", 0))}"/>'
                '</style:section-properties></style:style>')
    bullet_font = fonts[li.get("bullet_font", "body")]
    auto.append(
        '<text:list-style style:name="L1"><text:list-level-style-bullet text:level="1" '
        f'text:bullet-char="{li["bullet"]}"><style:list-level-properties '
        'text:list-level-position-and-space-mode="label-alignment">'
        f'<style:list-level-label-alignment text:label-followed-by="listtab" '
        f'text:list-tab-stop-position="{pt(li["indent"])}" '
        f'fo:text-indent="{pt(-li["indent"] + li.get("bullet_indent", 0))}" '
        f'fo:margin-left="{pt(li["indent"])}"/></style:list-level-properties>'
        f'<style:text-properties style:font-name="{bullet_font}"/></text:list-level-style-bullet></text:list-style>')
    hf = ""
    if doc.get("header"):
        hf += (f'<style:header-style><style:header-footer-properties fo:min-height="0pt" '
               f'fo:margin-bottom="{pt(run.get("header_gap", 10))}" fo:margin-left="0pt" fo:margin-right="0pt"/>'
               '</style:header-style>')
    if doc.get("footer"):
        hf += (f'<style:footer-style><style:header-footer-properties fo:min-height="0pt" '
               f'fo:margin-top="{pt(run.get("footer_gap", 10))}" fo:margin-left="0pt" fo:margin-right="0pt"/>'
               '</style:footer-style>')
    auto.append(
        '<style:page-layout style:name="pm1"><style:page-layout-properties '
        f'fo:page-width="{pt(width)}" fo:page-height="{pt(height)}" style:print-orientation="portrait" '
        f'fo:margin-top="{pt(m["top"])}" fo:margin-bottom="{pt(m["bottom"])}" '
        f'fo:margin-left="{pt(m["left"])}" fo:margin-right="{pt(m["right"])}" '
        'style:writing-mode="lr-tb"/>' + hf + "</style:page-layout>")

    master = '<style:master-page style:name="Standard" style:page-layout-name="pm1">'
    if doc.get("header"):
        master += f'<style:header><text:p text:style-name="Header">{running_xml(doc["header"])}</text:p></style:header>'
    if doc.get("footer"):
        master += f'<style:footer><text:p text:style-name="Footer">{running_xml(doc["footer"])}</text:p></style:footer>'
    master += "</style:master-page>"

    parts = [f'<text:p text:style-name="Title">{escape(doc["title"])}</text:p>']
    parts += [f'<text:p text:style-name="Subtitle">{inline_xml(t)}</text:p>' for t in doc.get("front_matter", [])]
    multi = cols["count"] > 1
    if multi:
        parts.append('<text:section text:style-name="Sect1" text:name="Columns">')
    counters = [0] * 10
    for section in doc["sections"]:
        level = section["level"]
        number, text = heading_number(section["heading"])
        if numbered:
            counters[level - 1] += 1
            for k in range(level, 10):
                counters[k] = 0
            expect = ".".join(str(c) for c in counters[:level])
            if number != expect:
                raise SystemExit(f"{doc['id']}: heading {section['heading']!r}: outline numbering gives {expect}")
        else:
            text = section["heading"]
        parts.append(f'<text:h text:style-name="Heading_20_{level}" text:outline-level="{level}">'
                     f"{escape(text)}</text:h>")
        first = True
        for p in section["paragraphs"]:
            if isinstance(p, dict):
                items = p["items"]
                parts.append('<text:list text:style-name="L1">')
                for k, item in enumerate(items):
                    style = "List_20_Last" if k == len(items) - 1 else "List_20_Bullet"
                    parts.append(f'<text:list-item><text:p text:style-name="{style}">{inline_xml(item)}</text:p>'
                                 "</text:list-item>")
                parts.append("</text:list>")
            else:
                style = "First_20_body" if first else "Text_20_body"
                parts.append(f'<text:p text:style-name="{style}">{inline_xml(p)}</text:p>')
            first = False
    if multi:
        parts.append("</text:section>")

    meta = (f"<office:meta><dc:title>{escape(doc['title'])}</dc:title>"
            f"<meta:initial-creator>{escape(lay.get('author', ''))}</meta:initial-creator>"
            f"<dc:creator>{escape(lay.get('author', ''))}</dc:creator>"
            f"<dc:subject>{escape(doc['kind'])}</dc:subject>"
            "<meta:generator>tests/heldout/build_libreoffice.py</meta:generator>"
            "<meta:creation-date>2026-01-01T00:00:00</meta:creation-date>"
            "<dc:date>2026-01-01T00:00:00</dc:date></office:meta>")
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<office:document {NS} office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">\n'
        f"{meta}\n<office:font-face-decls>{face_decls}</office:font-face-decls>\n"
        "<office:styles>\n" + "\n".join(styles) + "\n</office:styles>\n"
        "<office:automatic-styles>\n" + "\n".join(auto) + "\n</office:automatic-styles>\n"
        f"<office:master-styles>{master}</office:master-styles>\n"
        "<office:body><office:text>\n" + "\n".join(parts) + "\n</office:text></office:body>\n"
        "</office:document>\n"
    )


# --------------------------------------------------------------------------- convert

def soffice() -> str:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if not exe:
        raise SystemExit("soffice not found: apt-get install libreoffice-writer-nogui hyphen-en-us "
                         "fonts-liberation2 fonts-crosextra-carlito fonts-crosextra-caladea")
    return exe


def lo_version() -> str:
    return subprocess.run([soffice(), "--version"], capture_output=True, text=True).stdout.strip()


def convert(fodt: Path, outdir: Path, tagged: bool) -> Path:
    target = "pdf:writer_pdf_Export"
    if tagged:
        target += ':{"UseTaggedPDF":{"type":"boolean","value":"true"}}'
    cmd = [soffice(), f"-env:UserInstallation=file://{PROFILE}", "--headless", "--norestore",
           "--convert-to", target, "--outdir", str(outdir), str(fodt)]
    res = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    pdf = outdir / (fodt.stem + ".pdf")
    if res.returncode != 0 or not pdf.exists():
        raise SystemExit(f"conversion failed: {res.stdout}\n{res.stderr}")
    return pdf


# --------------------------------------------------------------------------- verify

class Token:
    __slots__ = ("text", "page", "frame", "line_end", "line")

    def __init__(self, text, page, frame, line_end, line):
        self.text, self.page, self.frame, self.line_end, self.line = text, page, frame, line_end, line


def group_lines(words: list, tol: float = 2.0) -> list[list]:
    """Words (x0, y0, x1, y1, text, ...) -> lines, top to bottom, each left to right."""
    lines: list[list] = []
    for w in sorted(words, key=lambda w: ((w[1] + w[3]) / 2, w[0])):
        mid = (w[1] + w[3]) / 2
        if lines and abs(((lines[-1][0][1] + lines[-1][0][3]) / 2) - mid) <= tol:
            lines[-1].append(w)
        else:
            lines.append([w])
    return [sorted(line, key=lambda w: w[0]) for line in lines]


def column_of(doc: dict, page_width: float, x: float) -> int:
    lay = doc["layout"]
    n, gap = lay["columns"]["count"], lay["columns"].get("gap", 0)
    left, right = lay["margins"]["left"], lay["margins"]["right"]
    cw = (page_width - left - right - gap * (n - 1)) / n
    for i in range(n):
        if x < left + (i + 1) * cw + i * gap + gap / 2:
            return i
    return n - 1


def read_pdf(doc: dict, pdf: Path):
    import pymupdf

    gold = gold_blocks(doc)
    first_heading = doc["sections"][0]["heading"].split()
    pages = pymupdf.open(pdf)
    total = pages.page_count
    tokens: list[Token] = []
    furniture: list[tuple[str, str, str]] = []  # (kind, expected, found)
    for pno, page in enumerate(pages, start=1):
        words = [w for w in page.get_text("words") if w[4].strip()]
        lines = group_lines(words)
        if doc.get("header"):
            top = lines.pop(0)
            furniture.append(("header", doc["header"].format(page=pno, total=total), " ".join(w[4] for w in top)))
        if doc.get("footer"):
            bottom = lines.pop(-1)
            furniture.append(("footer", doc["footer"].format(page=pno, total=total), " ".join(w[4] for w in bottom)))
        body = [w for line in lines for w in line]
        split_y = -1.0
        if pno == 1:
            # masthead: everything above the first line of the first heading
            first_col = [w for w in body if column_of(doc, page.rect.width, (w[0] + w[2]) / 2) == 0]
            for line in group_lines(first_col):
                texts = [w[4] for w in line]
                if len(texts) <= len(first_heading) and texts == first_heading[: len(texts)]:
                    split_y = min(w[1] for w in line) - 0.5
                    break
            masthead = [w for w in body if w[3] <= split_y]
            for k, line in enumerate(group_lines(masthead)):
                for i, w in enumerate(line):
                    tokens.append(Token(w[4], pno, "top", i == len(line) - 1, (pno, "top", k)))
        frames: dict[int, list] = {}
        for w in body:
            if w[3] <= split_y:
                continue
            frames.setdefault(column_of(doc, page.rect.width, (w[0] + w[2]) / 2), []).append(w)
        for col in sorted(frames):
            for k, line in enumerate(group_lines(frames[col])):
                for i, w in enumerate(line):
                    tokens.append(Token(w[4], pno, col, i == len(line) - 1, (pno, col, k)))
    return pages, tokens, furniture, gold


def align(doc: dict, tokens: list[Token], gold: list[tuple[str, str]]):
    """Match PDF tokens to gold words; returns (breaks, locations per gold block, errors)."""
    gw = [(b, w) for b, (_, text) in enumerate(gold) for w in text.split()]
    j, i = 0, 0
    breaks = []  # (kind, char, left, right, gold word)
    where: dict[int, list[tuple[int, Any]]] = {}
    errors = []
    while i < len(tokens) and j < len(gw):
        t = tokens[i]
        block, want = gw[j]
        kind = gold[block][0]
        if kind == "item" and t.text in BULLETS and t.text != want:
            i += 1
            continue
        if t.text == want:
            where.setdefault(block, []).append((t.page, t.frame))
            i, j = i + 1, j + 1
            continue
        if t.line_end and t.text[-1:] in HYPHENS and i + 1 < len(tokens):
            stem, nxt = t.text[:-1], tokens[i + 1]
            if stem + nxt.text == want:
                breaks.append(("auto", t.text[-1], t.text, nxt.text, want))
            elif stem + "-" + nxt.text == want:
                breaks.append(("compound", t.text[-1], t.text, nxt.text, want))
            else:
                stem = None
            if stem is not None:
                where.setdefault(block, []).extend([(t.page, t.frame), (nxt.page, nxt.frame)])
                i, j = i + 2, j + 1
                continue
        ctx = " ".join(x.text for x in tokens[max(0, i - 5): i + 6])
        errors.append(f"pdf {t.text!r} (page {t.page}, frame {t.frame}) != gold {want!r}; pdf context: {ctx}")
        break
    if not errors and (i < len(tokens) or j < len(gw)):
        errors.append(f"leftover: pdf {[t.text for t in tokens[i:i + 10]]} gold {[w for _, w in gw[j:j + 10]]}")
    return breaks, where, errors


def verify(doc: dict, pdf: Path) -> dict:
    pages, tokens, furniture, gold = read_pdf(doc, pdf)
    breaks, where, errors = align(doc, tokens, gold)
    for kind, want, found in furniture:
        if want != found:
            errors.append(f"{kind}: expected {want!r}, found {found!r}")
    uris = {link.get("uri") for page in pages for link in page.get_links() if link.get("uri")}
    texts = [doc["title"], *doc.get("front_matter", [])]
    for s in doc["sections"]:
        for p in s["paragraphs"]:
            texts += p["items"] if isinstance(p, dict) else [p]
    gold_links = [u for t in texts for _, u in LINK.findall(t)]
    for u in gold_links:
        if u not in uris:
            errors.append(f"missing link annotation {u}")
    across_col = across_page = 0
    for b, locs in where.items():
        if gold[b][0] not in ("para", "item"):
            continue
        frames = list(dict.fromkeys(locs))
        if len(frames) > 1:
            across_col += 1
        if len({p for p, _ in frames}) > 1:
            across_page += 1
    # words at the end of each page (mid-sentence check for page breaks)
    page_ends = []
    for k in range(len(tokens) - 1):
        if tokens[k].page != tokens[k + 1].page:
            page_ends.append(f"p{tokens[k].page}→p{tokens[k + 1].page}: …{tokens[k].text} | {tokens[k + 1].text}…")
    chars = Counter(c for _, c, *_ in breaks)
    words = sum(len(t.split()) for _, t in gold)
    info = {
        "pages": pages.page_count,
        "words": words,
        "auto": sum(1 for b in breaks if b[0] == "auto"),
        "compound": sum(1 for b in breaks if b[0] == "compound"),
        "chars": dict(chars),
        "across_col": across_col,
        "across_page": across_page,
        "links": len(gold_links),
        "compounds": [f"{b[2]}|{b[3]}" for b in breaks if b[0] == "compound"],
        "inside": [f"{b[2]}|{b[3]}" for b in breaks if b[0] == "auto" and "-" in b[4]],
        "page_ends": page_ends,
        "errors": errors,
        "fonts": sorted({f[3] for page in pages for f in page.get_fonts()}),
        "producer": pages.metadata.get("producer"),
        "tagged": b"StructTreeRoot" in pdf.read_bytes(),
    }
    return info


def render_png(pdf: Path, doc_id: str) -> list[str]:
    import pymupdf

    out = []
    for n, page in enumerate(pymupdf.open(pdf), start=1):
        path = f"/tmp/heldout-lo-{doc_id}-p{n}.png"
        page.get_pixmap(dpi=60).save(path)
        out.append(path)
    return out


# --------------------------------------------------------------------------- main

def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("ids", nargs="*")
    ap.add_argument("--verify-only", action="store_true", help="do not rebuild, only verify pdf/<id>.pdf")
    ap.add_argument("--png", action="store_true")
    ap.add_argument("--keep-fodt", action="store_true")
    args = ap.parse_args()

    docs = []
    for path in sorted(GOLD_DIR.glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        if doc.get("layout", {}).get("producer") != "libreoffice":
            continue
        if args.ids and doc["id"] not in args.ids:
            continue
        docs.append(doc)
    if not docs:
        raise SystemExit("no LibreOffice documents selected")

    if not args.verify_only:
        print(lo_version())
    WORK.mkdir(parents=True, exist_ok=True)
    failed = False
    rows = []
    for doc in docs:
        pdf = PDF_DIR / f"{doc['id']}.pdf"
        if not args.verify_only:
            with tempfile.TemporaryDirectory() as tmp:
                fodt = Path(tmp) / f"{doc['id']}.fodt"
                fodt.write_text(build_fodt(doc), encoding="utf-8")
                if args.keep_fodt:
                    shutil.copy(fodt, WORK / fodt.name)
                out = convert(fodt, Path(tmp), doc["layout"].get("tagged_pdf", False))
                shutil.copy(out, pdf)
        info = verify(doc, pdf)
        digest = hashlib.sha256(pdf.read_bytes()).hexdigest()[:12]
        status = "OK" if not info["errors"] else "FAIL"
        failed |= bool(info["errors"])
        print(f"{doc['id']}: {status}  sha256 {digest}  producer {info['producer']!r}  tagged {info['tagged']}")
        print(f"  fonts: {', '.join(info['fonts'])}")
        print(f"  break characters: { {hex(ord(c)): n for c, n in info['chars'].items()} }")
        print(f"  compound breaks: {', '.join(info['compounds']) or '-'}")
        print(f"  automatic breaks inside a compound: {', '.join(info['inside']) or '-'}")
        for line in info["page_ends"]:
            print(f"  page break: {line}")
        for err in info["errors"]:
            print(f"  ERROR {err}")
        if args.png:
            print("  png:", " ".join(render_png(pdf, doc["id"])))
        rows.append((doc["id"], info))

    print()
    print("| id | pages | words | auto hyphen breaks | compound breaks | para across column "
          "| para across page | links |")
    print("|---|---|---|---|---|---|---|---|")
    for doc_id, info in rows:
        print(f"| {doc_id} | {info['pages']} | {info['words']} | {info['auto']} | {info['compound']} | "
              f"{info['across_col']} | {info['across_page']} | {info['links']} |")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
