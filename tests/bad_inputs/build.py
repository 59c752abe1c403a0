"""Deterministic generator of a corpus of bad PDF inputs.

Run ``python tests/bad_inputs/build.py`` to (re)build the committed files in
``tests/bad_inputs/files/``; ``--large DIR`` also builds the two large inputs
(2,000 pages; one page of 200,000 tiny characters) into DIR.  Tests can call the
builders directly, e.g. ``build_dense_page(tmp_path / "dense.pdf")``.

Valid base documents are made with PyMuPDF (fixed metadata, ``no_new_id=True``);
structurally broken ones are written here as raw PDF syntax by :func:`raw_pdf`,
which computes the cross-reference offsets, so each file has only the one defect
it is named after.  The encrypted files cannot be made byte-identical (MuPDF uses
random salts and IVs), so an existing one is kept unless ``--force-encrypted``.

This module describes how each file is made, not what a reader does with it: the
observations are in README.md beside it.
"""

from __future__ import annotations

import argparse
import hashlib
import html
import io
import re
import shutil
import sys
import zlib
from collections.abc import Callable
from pathlib import Path

import pymupdf
from PIL import Image, ImageDraw

HERE = Path(__file__).resolve().parent
FILES_DIR = HERE / "files"

FIXED_DATE = "D:20240101000000Z"
PAGE_WIDTH, PAGE_HEIGHT = 612, 792  # US Letter, in points

PARAGRAPHS = [
    "The river meadows north of the village flood almost every winter. For most of the last "
    "century the water was drained as quickly as possible, but the parish council now wants to "
    "keep it on the fields for longer, so that wading birds have somewhere to feed in spring.",
    "A survey carried out over three seasons counted lapwing, redshank and snipe on the wettest "
    "fields, and almost none on the drier ground beside the road. The volunteers walked the same "
    "route each fortnight and wrote down every bird they could see or hear from the path.",
    "Farmers who graze the meadows were worried that wetter fields would mean a shorter season "
    "for their cattle. After two public meetings the council agreed to pay for new gates and "
    "raised crossings, and to review the water levels each March with the people who work the land.",
    "The results of the first year are encouraging. More birds nested on the meadows than in any "
    "year since records began, and the hay cut in July was as good as before. The survey will "
    "continue, and anyone who would like to help is welcome to join the next walk.",
]

HELVETICA = pymupdf.Font("helv")


# --------------------------------------------------------------------------------------------
# Helpers: PyMuPDF documents and raw PDF syntax
# --------------------------------------------------------------------------------------------

def _fixed_metadata(doc: pymupdf.Document, title: str) -> None:
    # a new PyMuPDF document carries an /Info dictionary inside its catalog: drop it
    catalog = doc.pdf_catalog()
    if doc.xref_get_key(catalog, "Info")[0] != "null":
        doc.update_object(catalog, f"<</Type/Catalog/Pages {doc.xref_get_key(catalog, 'Pages')[1]}>>")
    doc.set_metadata({
        "title": title,
        "author": "tests/bad_inputs/build.py",
        "creator": "tests/bad_inputs/build.py",
        "producer": "PyMuPDF",
        "creationDate": FIXED_DATE,
        "modDate": FIXED_DATE,
    })


def _save(doc: pymupdf.Document, title: str, *, compress: bool = True, **options) -> bytes:
    _fixed_metadata(doc, title)
    if compress:
        return doc.tobytes(garbage=3, deflate=True, no_new_id=True, **options)
    return doc.tobytes(garbage=0, deflate=False, expand=255, no_new_id=True, **options)


def _text_page(doc: pymupdf.Document, heading: str, paragraphs: list[str],
               width: float = PAGE_WIDTH, height: float = PAGE_HEIGHT) -> pymupdf.Page:
    page = doc.new_page(width=width, height=height)
    page.insert_text((72, 84), heading, fontname="hebo", fontsize=16)
    spare = page.insert_textbox(pymupdf.Rect(72, 104, 540, 740), "\n\n".join(paragraphs),
                                fontname="helv", fontsize=11, lineheight=1.3)
    if spare < 0:
        raise ValueError("the paragraphs do not fit on the page")
    return page


def text_pdf(pages: int = 2, title: str = "River meadows", compress: bool = True) -> bytes:
    """A valid PDF of ``pages`` pages of English text in Helvetica (a standard font)."""
    doc = pymupdf.open()
    for number in range(1, pages + 1):
        paragraphs = PARAGRAPHS[number % 2 * 2:] + PARAGRAPHS[:number % 2 * 2]
        _text_page(doc, f"{title} - page {number}", paragraphs)
    return _save(doc, title, compress=compress)


def pdf_string(text: str) -> bytes:
    """A PDF literal string (Latin-1 text)."""
    escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return b"(" + escaped.encode("latin-1") + b")"


def stream(data: bytes, entries: bytes = b"") -> bytes:
    """The body of a stream object: dictionary (with the right /Length) and data."""
    return b"<<" + entries + b" /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


def raw_pdf(objects: list[bytes], root: int = 1, trailer: bytes = b"") -> bytes:
    """A PDF file of the given object bodies (object ``i + 1`` is ``objects[i]``), with a
    classic cross-reference table whose offsets are computed here."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root %d 0 R%s >>\n" % (len(objects) + 1, root, trailer)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


HELVETICA_DICT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"


_ADVANCES: dict[str, float] = {}


def text_width(text: str, fontsize: float) -> float:
    """The width of ``text`` in Helvetica at ``fontsize`` points (no kerning), in points
    (``pymupdf.Font.text_length`` does the same, but far more slowly)."""
    total = 0.0
    for char in text:
        if char not in _ADVANCES:
            _ADVANCES[char] = HELVETICA.glyph_advance(ord(char))
        total += _ADVANCES[char]
    return total * fontsize


def wrap(text: str, width: float, fontsize: float) -> list[str]:
    """Greedy line breaking of ``text`` to ``width`` points of Helvetica."""
    lines: list[str] = []
    line: list[str] = []
    used = 0.0
    space = text_width(" ", fontsize)
    for word in text.split():
        size = text_width(word, fontsize)
        if line and used + space + size > width:
            lines.append(" ".join(line))
            line, used = [word], size
        else:
            used += (space if line else 0.0) + size
            line.append(word)
    if line:
        lines.append(" ".join(line))
    return lines


def text_operators(paragraphs: list[str], x: float = 72, y: float = 720, fontsize: float = 11,
                   width: float = 468, font: bytes = b"/F1") -> bytes:
    """Content-stream operators drawing wrapped paragraphs in a simple font (WinAnsi text)."""
    leading = fontsize * 1.3
    ops = [b"BT", b"%s %g Tf" % (font, fontsize), b"%g TL" % leading, b"%g %g Td" % (x, y)]
    for paragraph in paragraphs:
        for line in wrap(paragraph, width, fontsize):
            ops.append(pdf_string(line) + b" Tj T*")
        ops.append(b"T*")
    ops.append(b"ET")
    return b"\n".join(ops)


def simple_text_page_objects(first: int, parent: int, paragraphs: list[str],
                             mediabox: bytes = b"[0 0 612 792]") -> list[bytes]:
    """Objects ``first`` (page), ``first + 1`` (contents), ``first + 2`` (Helvetica)."""
    page = (b"<< /Type /Page /Parent %d 0 R /MediaBox %s /Contents %d 0 R "
            b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (parent, mediabox, first + 1, first + 2))
    return [page, stream(text_operators(paragraphs)), HELVETICA_DICT]


def write(path: Path, data: bytes) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


# --------------------------------------------------------------------------------------------
# 1-2: not a PDF at all
# --------------------------------------------------------------------------------------------

def build_empty(path: Path) -> Path:
    """A zero-byte file."""
    return write(path, b"")


HTML_PAGE = """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>River meadows</title></head>
<body>
<h1>River meadows</h1>
{paragraphs}
</body>
</html>
"""


def build_html_renamed(path: Path) -> Path:
    """An HTML page saved under a .pdf name."""
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in PARAGRAPHS)
    return write(path, HTML_PAGE.format(paragraphs=body).encode("utf-8"))


def build_jpeg_renamed(path: Path) -> Path:
    """A JPEG photo-like picture (Pillow, shapes only) saved under a .pdf name."""
    image = Image.new("RGB", (480, 320), (200, 225, 245))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 210, 480, 320), fill=(90, 150, 70))
    draw.ellipse((360, 30, 430, 100), fill=(250, 210, 60))
    draw.polygon([(40, 210), (150, 90), (260, 210)], fill=(120, 110, 100))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=85)
    return write(path, buffer.getvalue())


# --------------------------------------------------------------------------------------------
# 3-4: truncated files and broken cross-reference tables
# --------------------------------------------------------------------------------------------

def truncation_base() -> bytes:
    """The 2-page text PDF the truncated files are cut from: uncompressed content streams,
    objects in number order, a classic xref table (PyMuPDF's ``deflate=False`` output)."""
    return text_pdf(pages=2, title="Truncated text", compress=False)


def build_truncated_fraction(path: Path, fraction: float) -> Path:
    """The first ``fraction`` of the bytes of :func:`truncation_base`."""
    base = truncation_base()
    return write(path, base[:int(len(base) * fraction)])


def build_truncated_before(path: Path, keyword: bytes) -> Path:
    """:func:`truncation_base` cut just before the last ``keyword`` (``xref`` or ``startxref``)."""
    base = truncation_base()
    cut = base.rindex(b"startxref") if keyword == b"startxref" else base.rindex(b"\nxref\n") + 1
    return write(path, base[:cut])


def build_xref_wrong_offsets(path: Path) -> Path:
    """A valid 2-page PDF whose xref entries all point 17 bytes too far (each entry keeps its
    10-digit width, so startxref stays right)."""
    base = text_pdf(pages=2, title="Wrong xref offsets", compress=False)
    start = base.rindex(b"\nxref\n")
    end = base.index(b"trailer", start)

    def shift(match: re.Match) -> bytes:
        return b"%010d 00000 n" % (int(match.group(1)) + 17)

    table = re.sub(rb"(\d{10}) 00000 n", shift, base[start:end])
    return write(path, base[:start] + table + base[end:])


def build_xref_garbage_startxref(path: Path) -> Path:
    """A valid 2-page PDF whose startxref is a number past the end of the file."""
    base = text_pdf(pages=2, title="Garbage startxref", compress=False)
    start = base.rindex(b"startxref\n") + len(b"startxref\n")
    end = base.index(b"\n", start)
    return write(path, base[:start] + b"987654321" + base[end:])


# --------------------------------------------------------------------------------------------
# 5-6: encryption (not byte-reproducible: MuPDF draws random salts and IVs)
# --------------------------------------------------------------------------------------------

def build_encrypted_user_password(path: Path) -> Path:
    """AES-256, user password "secret", owner password "owner"."""
    doc = pymupdf.open("pdf", text_pdf(pages=1, title="Encrypted, user password"))
    return write(path, _save(doc, "Encrypted, user password", encryption=pymupdf.PDF_ENCRYPT_AES_256,
                             user_pw="secret", owner_pw="owner"))


def build_encrypted_owner_only(path: Path) -> Path:
    """AES-256, empty user password, owner password "owner", permissions: print only
    (copying/extraction not permitted)."""
    doc = pymupdf.open("pdf", text_pdf(pages=1, title="Encrypted, owner password only"))
    return write(path, _save(doc, "Encrypted, owner password only", encryption=pymupdf.PDF_ENCRYPT_AES_256,
                             user_pw="", owner_pw="owner",
                             permissions=pymupdf.PDF_PERM_PRINT | pymupdf.PDF_PERM_PRINT_HQ))


# --------------------------------------------------------------------------------------------
# 7: pages without text
# --------------------------------------------------------------------------------------------

def build_vector_only(path: Path) -> Path:
    """One page with only vector drawing (a bar chart without labels), no text."""
    doc = pymupdf.open()
    page = doc.new_page(width=PAGE_WIDTH, height=PAGE_HEIGHT)
    page.draw_line((100, 650), (520, 650), width=1.5)
    page.draw_line((100, 650), (100, 300), width=1.5)
    for index, height in enumerate([120, 210, 160, 290, 240, 180]):
        x = 120 + index * 65
        page.draw_rect(pymupdf.Rect(x, 650 - height, x + 45, 650), color=(0, 0, 0),
                       fill=(0.2 + 0.1 * index, 0.4, 0.7), width=0.5)
    page.draw_circle((306, 180), 60, color=(0.6, 0.1, 0.1), fill=(0.9, 0.7, 0.7))
    page.draw_bezier((80, 720), (200, 680), (400, 760), (530, 700), width=2)
    return write(path, _save(doc, "Vector drawing only"))


def _graphics_image() -> bytes:
    """A 150-dpi greyscale page picture of shapes, no text (PNG)."""
    image = Image.new("L", (1275, 1650), 255)
    draw = ImageDraw.Draw(image)
    draw.rectangle((150, 150, 1125, 700), outline=0, width=6)
    draw.ellipse((300, 250, 700, 600), fill=128)
    draw.polygon([(750, 600), (950, 250), (1100, 600)], fill=64)
    for y in range(800, 1500, 60):
        draw.line((150, y, 1125, y + 40), fill=0, width=3)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=False)
    return buffer.getvalue()


def _blank_image() -> bytes:
    """A 150-dpi white page picture with a light grey border, nothing else (PNG)."""
    image = Image.new("L", (1275, 1650), 255)
    ImageDraw.Draw(image).rectangle((0, 0, 1274, 1649), outline=235, width=12)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=False)
    return buffer.getvalue()


def build_image_only_no_text(path: Path) -> Path:
    """Two image-only pages (like a scan without a text layer): page 1 shows shapes and lines,
    page 2 is a blank white picture.  Neither picture contains any text."""
    doc = pymupdf.open()
    for picture in (_graphics_image(), _blank_image()):
        page = doc.new_page(width=PAGE_WIDTH, height=PAGE_HEIGHT)
        page.insert_image(page.rect, stream=picture)
    return write(path, _save(doc, "Image only, no text"))


# --------------------------------------------------------------------------------------------
# 8: a font without a Unicode mapping
# --------------------------------------------------------------------------------------------

_SVG_NUMBER = rb"-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?"


def _svg_path_to_pdf(d: str, scale: float) -> bytes:
    """Absolute SVG path data (M L H V C Q Z, as MuPDF writes glyphs) as PDF path operators."""
    tokens = re.findall(rb"[MLHVCQZ]|" + _SVG_NUMBER, d.encode())
    ops: list[bytes] = []
    x = y = 0.0
    command = b""
    index = 0

    def number() -> float:
        nonlocal index
        value = float(tokens[index]) * scale
        index += 1
        return value

    def point(px: float, py: float) -> bytes:
        return b"%.1f %.1f" % (px, py)

    while index < len(tokens):
        if tokens[index].isalpha():
            command = tokens[index]
            index += 1
            if command == b"Z":
                ops.append(b"h")
                continue
        if command == b"M":
            x, y = number(), number()
            ops.append(point(x, y) + b" m")
            command = b"L"  # further pairs after M are line-tos
        elif command == b"L":
            x, y = number(), number()
            ops.append(point(x, y) + b" l")
        elif command == b"H":
            x = number()
            ops.append(point(x, y) + b" l")
        elif command == b"V":
            y = number()
            ops.append(point(x, y) + b" l")
        elif command == b"C":
            values = [number() for _ in range(6)]
            x, y = values[4], values[5]
            ops.append(b" ".join(b"%.1f" % v for v in values) + b" c")
        elif command == b"Q":
            cx, cy, ex, ey = (number() for _ in range(4))
            c1 = (x + 2 / 3 * (cx - x), y + 2 / 3 * (cy - y))
            c2 = (ex + 2 / 3 * (cx - ex), ey + 2 / 3 * (cy - ey))
            ops.append(point(*c1) + b" " + point(*c2) + b" " + point(ex, ey) + b" c")
            x, y = ex, ey
        else:
            raise ValueError(f"unexpected SVG path command {command!r}")
    return b"\n".join(ops)


def helvetica_glyphs(chars: str) -> dict[str, bytes]:
    """Helvetica's outline of each character, in 1/1000 em (y up), as PDF path operators, taken
    from MuPDF's SVG output of text drawn as paths."""
    doc = pymupdf.open()
    page = doc.new_page(width=40 * len(chars) + 40, height=100)
    for index, char in enumerate(chars):
        page.insert_text((20 + 40 * index, 50), char, fontname="helv", fontsize=20)
    svg = page.get_svg_image(text_as_path=True)
    paths = dict(re.findall(r'<path id="(font_[^"]+)" d="([^"]*)"', svg))
    glyphs = {char: b"" for char in chars}
    for text, ref in re.findall(r'<use data-text="([^"]*)" xlink:href="#([^"]+)"', svg):
        glyphs[html.unescape(text)] = _svg_path_to_pdf(paths[ref], 1000)
    return glyphs


def build_type3_no_unicode(path: Path, codes: str = "symbols") -> Path:
    """One page of English paragraphs drawn with a hand-made Type3 font: each character's glyph
    is Helvetica's outline (an uncoloured ``d1`` glyph), so the page looks normal, but the font
    has no /ToUnicode, its /Differences encoding names the glyphs /g1, /g2, ... (names without
    meaning), and the character codes are not the characters' own:

    * ``codes="symbols"``: every character, the space too, gets a code from 33 up, in a fixed
      shuffled order (with this text: codes 33-64, punctuation and digits);
    * ``codes="letters"``: the space keeps code 32; every other character gets the code of an
      ASCII letter, in a fixed shuffled order (a substitution cipher: nonsense words).
    """
    paragraphs = PARAGRAPHS[:3]
    fontsize, width = 11, 468
    lines = [wrap(p, width, fontsize) for p in paragraphs]
    heading = "River meadows"
    chars = sorted({c for paragraph in [[heading], *lines] for line in paragraph for c in line})
    # a fixed permutation of the characters (a stride through the sorted list)
    stride = 7 if len(chars) % 7 else 11
    order = [chars[(i * stride) % len(chars)] for i in range(len(chars))]
    if codes == "symbols":
        code = {char: 33 + i for i, char in enumerate(order)}
    elif codes == "letters":
        others = [char for char in order if char != " "]
        letters = [ord(c) for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"]
        code = {char: letters[i] for i, char in enumerate(others)} | {" ": 32}
    else:
        raise ValueError(f"unknown codes {codes!r}")
    glyphs = helvetica_glyphs("".join(order))

    # objects: 1 catalog, 2 pages, 3 page, 4 contents, 5 font, 6.. char procs (one per glyph)
    procs = []
    for char in order:
        advance = round(HELVETICA.glyph_advance(ord(char)) * 1000)
        body = glyphs[char] + b"\nf" if glyphs[char] else b""
        procs.append(stream(b"%d 0 -100 -250 1100 1000 d1\n" % advance + body))
    name = {char: b"/g%d" % (i + 1) for i, char in enumerate(order)}
    by_code = {code[char]: char for char in order}
    first, last = min(by_code), max(by_code)
    widths = b" ".join(b"%d" % round(HELVETICA.glyph_advance(ord(by_code[c])) * 1000) if c in by_code else b"0"
                       for c in range(first, last + 1))
    char_procs = b" ".join(name[char] + b" %d 0 R" % (6 + i) for i, char in enumerate(order))
    differences = b" ".join(b"%d %s" % (c, name[by_code[c]]) for c in sorted(by_code))
    font = (b"<< /Type /Font /Subtype /Type3 /FontBBox [-100 -250 1100 1000] "
            b"/FontMatrix [0.001 0 0 0.001 0 0] /CharProcs << " + char_procs + b" >> "
            b"/Encoding << /Type /Encoding /Differences [" + differences + b"] >> "
            b"/FirstChar %d /LastChar %d /Widths [" % (first, last) + widths + b"] "
            b"/Resources << >> >>")

    def encoded(text: str) -> bytes:
        return b"<" + "".join(f"{code[c]:02X}" for c in text).encode() + b">"

    ops = [b"BT", b"/F1 16 Tf", b"72 708 Td", encoded(heading) + b" Tj", b"ET",
           b"BT", b"/F1 %d Tf" % fontsize, b"%g TL" % (fontsize * 1.3), b"72 680 Td"]
    for paragraph in lines:
        for line in paragraph:
            ops.append(encoded(line) + b" Tj T*")
        ops.append(b"T*")
    ops.append(b"ET")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        stream(b"\n".join(ops)),
        font,
        *procs,
    ]
    return write(path, raw_pdf(objects))


# --------------------------------------------------------------------------------------------
# 9: large inputs (built on demand, not committed)
# --------------------------------------------------------------------------------------------

def build_two_thousand_pages(path: Path, pages: int = 2000) -> Path:
    """``pages`` pages (default 2,000), each with a heading ("Section N") and one paragraph in
    Helvetica; written as raw PDF (fast: PyMuPDF takes minutes for 2,000 text boxes), one shared
    font, Flate-compressed content streams."""
    # objects: 1 catalog, 2 pages, 3 Helvetica, 4 Helvetica-Bold, then per page: page, contents
    first = 5
    kids = b" ".join(b"%d 0 R" % (first + 2 * i) for i in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages,
        HELVETICA_DICT,
        HELVETICA_DICT.replace(b"/Helvetica ", b"/Helvetica-Bold "),
    ]
    for number in range(1, pages + 1):
        heading = b"BT /F2 14 Tf 72 708 Td " + pdf_string(f"Section {number}") + b" Tj ET\n"
        body = text_operators([PARAGRAPHS[number % len(PARAGRAPHS)]], y=684)
        contents = zlib.compress(heading + body, 9)
        page_object = first + 2 * (number - 1)
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents %d 0 R "
                       b"/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> >>" % (page_object + 1))
        objects.append(stream(contents, b" /Filter /FlateDecode"))
    return write(path, raw_pdf(objects))


def build_dense_page(path: Path, characters: int = 200_000, fontsize: float = 1.2) -> Path:
    """One page holding exactly ``characters`` characters (spaces included) of English text in
    ``fontsize``-pt Helvetica, set in many lines across the page."""
    words = " ".join(PARAGRAPHS).split()
    text = " ".join(words * (characters // len(" ".join(words)) + 2))
    lines: list[str] = []
    total = 0
    for line in wrap(text, PAGE_WIDTH - 36, fontsize):
        lines.append(line[:characters - total])
        total += len(lines[-1])
        if total == characters:
            break
    lineheight = 1.15
    if 18 + len(lines) * fontsize * lineheight > PAGE_HEIGHT - 18:
        raise ValueError("the characters do not fit on the page")
    doc = pymupdf.open()
    page = doc.new_page(width=PAGE_WIDTH, height=PAGE_HEIGHT)
    page.insert_text((18, 18 + fontsize), lines, fontname="helv", fontsize=fontsize, lineheight=lineheight)
    return write(path, _save(doc, f"{characters} characters on one page"))


LARGE: dict[str, Callable[[Path], Path]] = {
    "two_thousand_pages.pdf": build_two_thousand_pages,
    "dense_page_200k_chars.pdf": build_dense_page,
}


def build_large(folder: Path) -> list[Path]:
    """Build the large inputs into ``folder`` (e.g. a pytest ``tmp_path``)."""
    return [builder(Path(folder) / name) for name, builder in LARGE.items()]


# --------------------------------------------------------------------------------------------
# 10: page trees
# --------------------------------------------------------------------------------------------

def build_deep_page_tree(path: Path, depth: int = 500) -> Path:
    """A page tree of ``depth`` nested /Pages nodes, each with one kid; the innermost node's
    kid is a real page with text."""
    # objects: 1 catalog, 2 page, 3 contents, 4 font, 5 .. 4 + depth the /Pages nodes
    # (5 is the root, 4 + depth holds the page)
    first, last = 5, 4 + depth
    nodes = []
    for number in range(first, last + 1):
        kid = 2 if number == last else number + 1
        parent = b"" if number == first else b" /Parent %d 0 R" % (number - 1)
        nodes.append(b"<< /Type /Pages%s /Kids [%d 0 R] /Count 1 >>" % (parent, kid))
    objects = [b"<< /Type /Catalog /Pages %d 0 R >>" % first,
               *simple_text_page_objects(2, last, PARAGRAPHS[:2]), *nodes]
    return write(path, raw_pdf(objects))


def build_cyclic_page_tree(path: Path) -> Path:
    """A root /Pages node with two kids: a good page with text, and a /Pages node whose only
    kid is the root again (a cycle).  The root's /Count says 2."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R 6 0 R] /Count 2 >>",
        *simple_text_page_objects(3, 2, PARAGRAPHS[:2]),  # 3 page, 4 contents, 5 font
        b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 1 >>",
    ]
    return write(path, raw_pdf(objects))


# --------------------------------------------------------------------------------------------
# 11: huge sizes in small files
# --------------------------------------------------------------------------------------------

def _image_bomb(with_text: bool) -> bytes:
    # objects: 1 catalog, 2 pages, 3 page, 4 contents, 5 image, 6 font
    zeros = zlib.compress(bytes(8 << 20), 9)  # 8 MiB of zeros, the start of the declared pixels
    image = stream(zeros, b" /Type /XObject /Subtype /Image /Width 100000 /Height 100000"
                          b" /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /FlateDecode")
    draw = b"q 468 0 0 468 72 180 cm /Im1 Do Q"
    contents = (text_operators(PARAGRAPHS[:1], y=720) + b"\n" + draw) if with_text else draw
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 6 0 R >> /XObject << /Im1 5 0 R >> >> >>",
        stream(contents),
        image,
        HELVETICA_DICT,
    ]
    return raw_pdf(objects)


def build_image_bomb(path: Path) -> Path:
    """One page: a paragraph of text above an image XObject declared 100000 x 100000 RGB,
    8 bits (30 GB of pixels), whose Flate stream holds only 8 MiB of zeros (~8 KB compressed)."""
    return write(path, _image_bomb(with_text=True))


def build_image_bomb_no_text(path: Path) -> Path:
    """As :func:`build_image_bomb` without the paragraph: the page is image-only."""
    return write(path, _image_bomb(with_text=False))


def build_huge_mediabox(path: Path) -> Path:
    """One page of 14400 x 14400 pt (200 in square, the largest size PDF 1.7 allows) with a
    heading and four paragraphs of 11-pt text near its top-left corner."""
    doc = pymupdf.open()
    _text_page(doc, "Huge page", PARAGRAPHS, width=14400, height=14400)
    return write(path, _save(doc, "Huge page"))


# --------------------------------------------------------------------------------------------
# 12: valid files under awkward names
# --------------------------------------------------------------------------------------------

AWKWARD_NAMES = ["name with spaces.pdf", "résumé 日本語.pdf", "-rf.pdf", "--help.pdf",
                 "..pdf", "...pdf", "a..b.pdf"]


def build_named_text(path: Path) -> Path:
    """A valid one-page text PDF whose first paragraph names the file (so outputs can be
    matched to inputs)."""
    name = Path(path).name
    doc = pymupdf.open()
    page = doc.new_page(width=PAGE_WIDTH, height=PAGE_HEIGHT)
    page.insert_text((72, 84), "Awkward file name", fontname="hebo", fontsize=16)
    page.insert_text((72, 110), f"This file is named {ascii(name)} (in Python notation).",
                     fontname="helv", fontsize=11)
    page.insert_textbox(pymupdf.Rect(72, 150, 540, 740), "\n\n".join(PARAGRAPHS[:2]),
                        fontname="helv", fontsize=11, lineheight=1.3)
    return write(path, _save(doc, "Awkward file name"))


# --------------------------------------------------------------------------------------------
# The committed corpus
# --------------------------------------------------------------------------------------------

def _corpus() -> dict[str, Callable[[Path], Path]]:
    builders: dict[str, Callable[[Path], Path]] = {
        "empty.pdf": build_empty,
        "html_renamed.pdf": build_html_renamed,
        "jpeg_renamed.pdf": build_jpeg_renamed,
        "truncated_10pct.pdf": lambda p: build_truncated_fraction(p, 0.10),
        "truncated_50pct.pdf": lambda p: build_truncated_fraction(p, 0.50),
        "truncated_90pct.pdf": lambda p: build_truncated_fraction(p, 0.90),
        "truncated_before_xref.pdf": lambda p: build_truncated_before(p, b"xref"),
        "truncated_before_startxref.pdf": lambda p: build_truncated_before(p, b"startxref"),
        "xref_wrong_offsets.pdf": build_xref_wrong_offsets,
        "xref_garbage_startxref.pdf": build_xref_garbage_startxref,
        "encrypted_user_password.pdf": build_encrypted_user_password,
        "encrypted_owner_only.pdf": build_encrypted_owner_only,
        "no_text_vector_only.pdf": build_vector_only,
        "no_text_image_only.pdf": build_image_only_no_text,
        "type3_no_unicode.pdf": build_type3_no_unicode,
        "type3_no_unicode_letters.pdf": lambda p: build_type3_no_unicode(p, codes="letters"),
        "deep_page_tree_500.pdf": build_deep_page_tree,
        "cyclic_page_tree.pdf": build_cyclic_page_tree,
        "image_bomb.pdf": build_image_bomb,
        "image_bomb_no_text.pdf": build_image_bomb_no_text,
        "huge_mediabox.pdf": build_huge_mediabox,
        # small enough to commit (about 5 KB); also in LARGE for tests that build on demand
        "dense_page_200k_chars.pdf": build_dense_page,
    }
    builders.update({name: build_named_text for name in AWKWARD_NAMES})
    return builders


CORPUS = _corpus()
ENCRYPTED = {"encrypted_user_password.pdf", "encrypted_owner_only.pdf"}


def build_all(folder: Path = FILES_DIR, force_encrypted: bool = False) -> list[Path]:
    """Build the committed corpus into ``folder``; an existing encrypted file is kept unless
    ``force_encrypted`` (they differ from run to run)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    built = []
    for name, builder in CORPUS.items():
        path = folder / name
        if name in ENCRYPTED and path.exists() and not force_encrypted:
            built.append(path)
            continue
        built.append(builder(path))
    return built


def copy_corpus(folder: Path) -> list[Path]:
    """Copy the committed files into ``folder`` (e.g. to run the pipeline on them)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    return [Path(shutil.copy2(FILES_DIR / name, folder / name)) for name in CORPUS]


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=FILES_DIR, help="folder for the corpus (default: files/)")
    parser.add_argument("--large", type=Path, metavar="DIR", help="also build the large inputs into DIR")
    parser.add_argument("--force-encrypted", action="store_true",
                        help="rebuild the encrypted files too (they differ on every run)")
    args = parser.parse_args(argv)
    paths = build_all(args.out, args.force_encrypted)
    if args.large:
        paths += build_large(args.large)
    for path in paths:
        print(f"{path.stat().st_size:>10}  {_sha256(path)[:16]}  {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
