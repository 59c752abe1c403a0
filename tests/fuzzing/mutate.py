"""A seeded mutator of PDF bytes, and the seed files it starts from.

:func:`mutate` applies 1 to 3 mutations, chosen with the given :class:`random.Random`,
and says what it did in a short description, so a mutant can be rebuilt from
``(seed, index)`` alone (see ``run.py --reproduce``). Three families:

* bytes: flip bytes or bits, cut, duplicate, truncate, insert random bytes or PDF tokens;
* objects (``N G obj ... endobj`` spans found by a regex): numbers, ``/Length``, names,
  references (missing, wrong, self, ancestor: cycles), swapped bodies, deleted
  ``endobj``/``endstream``, ``/MediaBox``/``/Rotate``, link URIs;
* streams, on seeds saved uncompressed: content operators and operands (``Tf``, ``Tj``,
  ``TJ``, ``cm``, ``Tm``, ``BT``/``ET``, ``q``/``Q``, ``Tr``, ...) and ToUnicode CMaps.

After a change inside an object, the stream's ``/Length`` and the xref table are often
(not always) fixed, so that the mutant gets past MuPDF's repair and reaches the pages.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEED_FOLDERS = (ROOT / "tests" / "corpus" / "pdf", ROOT / "input_pdfs")
SCANNED_MARK = "scanned"
"""Seeds with this in their name are cut to their first page (an image page is slow and big)."""


@dataclass(frozen=True)
class Seed:
    name: str
    data: bytes


def load_seeds(folders: tuple[Path, ...] = SEED_FOLDERS) -> list[Seed]:
    """Every seed PDF as-is, with its content streams uncompressed (``plain``) and with
    every stream uncompressed (``expanded``); deterministic (no new /ID)."""
    import pymupdf

    files: dict[bytes, Path] = {}
    for folder in folders:
        for path in sorted(folder.glob("*.pdf")):
            files.setdefault(path.read_bytes(), path)  # identical copies once
    seeds: list[Seed] = []
    for data, path in sorted(files.items(), key=lambda item: item[1].name):
        stem = path.stem
        if SCANNED_MARK in stem:
            doc = pymupdf.open(stream=data, filetype="pdf")
            doc.select([0])
            seeds.append(Seed(f"{stem}.p1", doc.tobytes(garbage=1, no_new_id=True)))
            seeds.append(Seed(f"{stem}.p1.plain", _plain_contents(doc.tobytes(garbage=1, no_new_id=True))))
            continue
        seeds.append(Seed(stem, data))
        seeds.append(Seed(f"{stem}.plain", _plain_contents(data)))
        doc = pymupdf.open(stream=data, filetype="pdf")
        seeds.append(Seed(f"{stem}.expanded", doc.tobytes(expand=255, garbage=0, no_new_id=True)))
    return seeds


def _plain_contents(data: bytes) -> bytes:
    """``data`` with the pages' content streams stored uncompressed (fonts and images as they were)."""
    import pymupdf

    doc = pymupdf.open(stream=data, filetype="pdf")
    for page in doc:
        for xref in page.get_contents():
            doc.update_stream(xref, doc.xref_stream(xref), compress=False)
    return doc.tobytes(garbage=0, deflate=False, no_new_id=True)


# --- helpers ------------------------------------------------------------------------

OBJECT = re.compile(rb"(?<![0-9])(\d{1,7})[ \t\r\n]+(\d{1,5})[ \t\r\n]+obj\b(.*?)endobj", re.S)
REFERENCE = re.compile(rb"(?<![0-9.])(\d{1,7})[ \t\r\n]+(\d{1,5})[ \t\r\n]+R\b")
NUMBER = re.compile(rb"(?<![\w.#/+-])[+-]?(?:\d+\.?\d*|\.\d+)(?![\w.])")
KEYED_NUMBER = re.compile(rb"/(\w+)[ \t\r\n]*([+-]?(?:\d+\.?\d*|\.\d+))(?![\w.])")
LENGTH = re.compile(rb"/Length[ \t\r\n]*(\d+)(?![\d.])")
STREAM = re.compile(rb"stream\r?\n(.*?)endstream", re.S)
NAME = re.compile(rb"/[A-Za-z][A-Za-z0-9]*")

INTERESTING_NUMBERS = [b"0", b"-1", b"1", b"-0", b"2147483647", b"2147483648", b"-2147483649", b"4294967296",
                       b"99999999999999999999", b"1e308", b"3.4e38", b"0.000001", b"-0.0", b"NaN", b"65535",
                       b"1.5", b".", b"-", b"007", b"1000000", b"100000000", b"1000000000"]
NAMES = [b"/Type", b"/Font", b"/Kids", b"/Parent", b"/Pages", b"/Page", b"/Count", b"/Contents", b"/Resources",
         b"/MediaBox", b"/CropBox", b"/Length", b"/Filter", b"/FlateDecode", b"/DCTDecode", b"/ASCIIHexDecode",
         b"/ToUnicode", b"/DescendantFonts", b"/Widths", b"/W", b"/FontDescriptor", b"/FontFile2", b"/Encoding",
         b"/Identity-H", b"/Subtype", b"/Type0", b"/CIDFontType2", b"/XObject", b"/Image", b"/Annots",
         b"/Root", b"/Catalog", b"/Rotate", b"/Link", b"/URI", b"/Size", b"/Prev", b"/Nonexistent", b"/"]
TOKENS = [b"<<", b">>", b"[", b"]", b"(", b")", b"<", b">", b"{", b"}", b"/", b"%", b"\\", b"obj", b"endobj",
          b"stream", b"endstream", b"R", b"0 0 R", b"xref", b"trailer", b"startxref", b"%%EOF", b"%PDF-1.7",
          b"null", b"true", b"\x00", b"\r", b"\n", b"BT", b"ET", b"Tj", b"TJ", b"Tf"]
OPERATORS = [b"BT", b"ET", b"Tf", b"Tj", b"TJ", b"'", b'"', b"Td", b"TD", b"Tm", b"T*", b"Tc", b"Tw", b"Tz", b"TL",
             b"Ts", b"Tr", b"cm", b"q", b"Q", b"re", b"f", b"S", b"n", b"W", b"Do", b"BI", b"ID", b"EI", b"gs",
             b"rg", b"RG", b"BDC", b"EMC", b"d0", b"sh"]
MATRICES = [b"0 0 0 0 0 0", b"1e30 0 0 1e30 0 0", b"-1 0 0 -1 0 0", b"0 1 -1 0 0 0", b"1 0 0 1 1e9 1e9",
            b"1 0 0 1 -5000 -5000", b"0.00001 0 0 0.00001 0 0", b"1 0 0 -1 0 0", b"NaN 0 0 1 0 0",
            b"1 0 0 1", b"1 2 3 4 5 6 7", b"-1 0 0 1 600 0", b"1 0 1 1 0 0", b"99999 0 0 99999 0 0"]
FONT_SIZES = [b"0", b"-11.5", b"1e6", b"1e-6", b"100000", b"0.0001", b"-0", b"NaN", b"1e38", b"", b"500"]
STRINGS = [b"<>", b"()", b"<0>", b"<ABC>", b"<ZZZZ>", b"(\\)", b"(unbalanced", b"<" + b"0041" * 20000 + b">",
           b"(" + b"\\n" * 50 + b")", b"(\x00\x01\x02\xff)", b"(\r\n\r\n)", b"[(a)-1e9(b)]", b"<FFFE0000D800>"]
CMAP_VALUES = [b"<D800>", b"<DFFF>", b"<0000>", b"<000A>", b"<000D>", b"<0020>", b"<FFFE>", b"<FFFF>",
               b"<00AD>", b"<200B>", b"<0023>", b"<002A>", b"<005F>", b"<0041000A0042>", b"<>", b"<FEFF>",
               b"<D83DDE00>", b"<0300>", b"<202E>"]
URIS = [b"()", b"(\n)", b"(a\\)b]\\(c)", b"(javascript:alert\\(1\\))", b"(http://x/" + b"a" * 5000 + b")",
        b"(\\000)", b"<FEFF00680074>", b"(| * _ [x](y) |)", b"null", b"5 0 R"]


@dataclass
class Span:
    """One ``N G obj ... endobj``: where it is and where its body is."""

    number: int
    start: int
    end: int
    body_start: int
    body_end: int


def objects(data: bytes) -> list[Span]:
    return [Span(int(m[1]), m.start(), m.end(), m.start(3), m.end(3)) for m in OBJECT.finditer(data)]


def _short(value: bytes, limit: int = 24) -> str:
    text = value.decode("latin-1")
    text = text if len(text) <= limit else f"{text[:limit]}...({len(value)} bytes)"
    return repr(text)


def _splice(data: bytes, start: int, end: int, new: bytes) -> bytes:
    return data[:start] + new + data[end:]


def _dictionary_end(data: bytes, span: Span) -> int:
    """The end of an object's dictionary part (before ``stream``)."""
    found = data.find(b"stream", span.body_start, span.body_end)
    return span.body_end if found < 0 else found


# --- byte mutations -----------------------------------------------------------------

def flip_bytes(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    out = bytearray(data)
    positions = sorted(rng.randrange(len(out)) for _ in range(rng.choice([1, 1, 2, 4, 16])))
    for position in positions:
        out[position] = rng.randrange(256)
    return bytes(out), f"flip_bytes at {positions[:6]}"


def flip_bits(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    out = bytearray(data)
    flips = sorted((rng.randrange(len(out)), rng.randrange(8)) for _ in range(rng.choice([1, 2, 8, 32])))
    for position, bit in flips:
        out[position] ^= 1 << bit
    return bytes(out), f"flip_bits {len(flips)} at {[p for p, _ in flips][:6]}"


def _chunk(data: bytes, rng: random.Random) -> tuple[int, int]:
    size = rng.choice([1, 4, 16, 100, 1000, 10000])
    start = rng.randrange(len(data))
    return start, min(len(data), start + size)


def cut_chunk(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    start, end = _chunk(data, rng)
    return data[:start] + data[end:], f"cut [{start}:{end}]"


def duplicate_chunk(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    start, end = _chunk(data, rng)
    chunk = data[start:end] * rng.choice([1, 2, 10])
    where = rng.choice([end, rng.randrange(len(data) + 1)])
    return data[:where] + chunk + data[where:], f"duplicate [{start}:{end}] ({len(chunk)} bytes) at {where}"


def truncate(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    length = rng.choice([rng.randrange(len(data)), len(data) - rng.randrange(1, 2000), rng.randrange(2048)])
    length = max(0, length)
    return data[:length], f"truncate to {length}"


def insert_bytes(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    where = rng.randrange(len(data) + 1)
    if rng.random() < 0.5:
        new = bytes(rng.randrange(256) for _ in range(rng.choice([1, 4, 32, 512])))
    else:
        new = b" ".join(rng.choice(TOKENS + INTERESTING_NUMBERS) for _ in range(rng.choice([1, 2, 5])))
    return _splice(data, where, where, new), f"insert {_short(new)} at {where}"


# --- object mutations ---------------------------------------------------------------

def obj_number(data: bytes, rng: random.Random) -> tuple[bytes, str] | None:
    spans = objects(data)
    if not spans:
        return None
    for _ in range(10):
        span = rng.choice(spans)
        dict_end = _dictionary_end(data, span)
        pattern = KEYED_NUMBER if rng.random() < 0.7 else NUMBER
        found = list(pattern.finditer(data, span.body_start, dict_end))
        if found:
            match = rng.choice(found)
            group = 2 if pattern is KEYED_NUMBER else 0
            new = rng.choice(INTERESTING_NUMBERS)
            old = match[group]
            return (_splice(data, match.start(group), match.end(group), new),
                    f"obj {span.number}: number {_short(match[0])} {old.decode()}->{new.decode()}")
    return None


def obj_delete_end(data: bytes, rng: random.Random) -> tuple[bytes, str] | None:
    spans = objects(data)
    if not spans:
        return None
    span = rng.choice(spans)
    keyword = b"endstream" if rng.random() < 0.5 and b"endstream" in data[span.body_start:span.body_end] else b"endobj"
    at = data.find(keyword, span.body_start, span.end) if keyword == b"endstream" else span.end - len(b"endobj")
    return _splice(data, at, at + len(keyword), b""), f"obj {span.number}: delete {keyword.decode()}"


def obj_length(data: bytes, rng: random.Random) -> tuple[bytes, str] | None:
    found = list(LENGTH.finditer(data))
    if not found:
        return None
    match = rng.choice(found)
    value = int(match[1])
    new = rng.choice([b"0", str(max(value - 1, 0)).encode(), str(value + 1).encode(), str(value // 2).encode(),
                      str(value * 2).encode(), b"2147483648", b"-1", b"99999 0 R", b"1e9", str(value + 7).encode()])
    return _splice(data, match.start(1), match.end(1), new), f"/Length {value}->{new.decode()} at {match.start()}"


def obj_swap(data: bytes, rng: random.Random) -> tuple[bytes, str] | None:
    spans = objects(data)
    if len(spans) < 2:
        return None
    first, second = sorted(rng.sample(spans, 2), key=lambda span: span.start)
    body1, body2 = data[first.body_start:first.body_end], data[second.body_start:second.body_end]
    out = (data[:first.body_start] + body2 + data[first.body_end:second.body_start] + body1
           + data[second.body_end:])
    return out, f"swap bodies of obj {first.number} and {second.number}"


def obj_name(data: bytes, rng: random.Random) -> tuple[bytes, str] | None:
    found = [m for m in NAME.finditer(data) if m[0] in NAMES]
    if not found:
        return None
    match = rng.choice(found)
    new = rng.choice(NAMES) if rng.random() < 0.8 else b"/" + bytes(rng.choice(b"ABCxyz#09") for _ in range(5))
    description = f"name {match[0].decode()}->{new.decode('latin-1')} at {match.start()}"
    return _splice(data, match.start(), match.end(), new), description


def obj_reference(data: bytes, rng: random.Random) -> tuple[bytes, str] | None:
    spans = objects(data)
    found = list(REFERENCE.finditer(data))
    if not spans or not found:
        return None
    match = rng.choice(found)
    holder = next((s for s in spans if s.body_start <= match.start() < s.body_end), None)
    numbers = [s.number for s in spans]
    kind = rng.choice(["missing", "other", "self", "ancestor", "root", "zero"])
    if kind == "missing":
        target = max(numbers) + rng.choice([1, 5, 1000, 10**6])
    elif kind == "self" and holder:
        target = holder.number
    elif kind == "ancestor" and holder:
        referrers = [s.number for s in spans
                     if re.search(rb"(?<![0-9])%d[ \t\r\n]+0[ \t\r\n]+R" % holder.number,
                                  data[s.body_start:s.body_end])]
        target = rng.choice(referrers) if referrers else holder.number
    elif kind == "root":
        target = rng.choice([1, 2])
    elif kind == "zero":
        target = 0
    else:
        target = rng.choice(numbers)
    return (_splice(data, match.start(1), match.end(1), str(target).encode()),
            f"ref {match[1].decode()} 0 R -> {target} ({kind}) in obj {holder.number if holder else '?'}")


def obj_box(data: bytes, rng: random.Random) -> tuple[bytes, str] | None:
    """A page's /MediaBox or /Rotate, or a link's /Rect, made odd."""
    found = list(re.finditer(rb"/(MediaBox|CropBox|Rect)[ \t\r\n]*\[[^\]]*\]|/Rotate[ \t\r\n]*-?\d+", data))
    if not found:
        return None
    match = rng.choice(found)
    if match[0].startswith(b"/Rotate"):
        new = b"/Rotate " + rng.choice([b"45", b"90", b"-90", b"180", b"270", b"1000000000", b"-1", b"1e9"])
    else:
        new = b"/" + match[1] + rng.choice([b"[0 0 0 0]", b"[0 0 1e30 1e30]", b"[0 0 -595 -842]", b"[1 2 3]",
                                            b"[0 0 NaN 842]", b"[]", b"[0 0 1 1]", b"[595 842 0 0]",
                                            b"[0 0 14400 14400]", b"[-1e9 -1e9 1e9 1e9]", b" null", b"[0 0 3 100000]",
                                            b"[0 0 100000000 842]", b"[-1000000000 0 600 800]",
                                            b"[0 0 600 2147483647]", b"[0 0 5000000 5000000]"])
    return _splice(data, match.start(), match.end(), new), f"{_short(match[0], 20)} -> {_short(new)}"


def obj_uri(data: bytes, rng: random.Random) -> tuple[bytes, str] | None:
    found = list(re.finditer(rb"/URI[ \t\r\n]*(\((?:\\.|[^\\)])*\))", data))
    if not found:
        return None
    match = rng.choice(found)
    new = rng.choice(URIS)
    return _splice(data, match.start(1), match.end(1), new), f"URI at {match.start()} -> {_short(new)}"


# --- stream mutations (uncompressed seeds) ------------------------------------------

def _text_streams(data: bytes) -> list[re.Match]:
    """Uncompressed content streams: those that show text."""
    return [m for m in STREAM.finditer(data) if b"BT" in m[1][:4000] and (b"Tf" in m[1] or b"Tj" in m[1])]


def _content_edit(stream: bytes, rng: random.Random) -> tuple[bytes, str] | None:
    kind = rng.choice(["Tf", "Tf-font", "string", "TJ", "matrix", "BT/ET", "qQ", "Tr", "spacing", "operator",
                       "nest", "delete-token", "operands", "repeat-string"])
    if kind in ("Tf", "Tf-font"):
        found = list(re.finditer(rb"(/\S+)\s+(\S+)\s+Tf", stream))
        if not found:
            return None
        m = rng.choice(found)
        if kind == "Tf":
            new = rng.choice(FONT_SIZES)
            return _splice(stream, m.start(2), m.end(2), new), f"Tf size {m[2].decode()}->{new.decode()}"
        new = rng.choice([b"/F99", b"/F0", b"/F1", b"/", b"/F3 /F4", b"12"])
        return _splice(stream, m.start(1), m.end(1), new), f"Tf font {m[1].decode()}->{new.decode()}"
    if kind == "string":
        found = list(re.finditer(rb"(<[0-9a-fA-F]*>|\((?:\\.|[^\\)])*\))\s*(?=Tj|'|\"|-?[\d.]*\s*<|\])", stream))
        if not found:
            return None
        m = rng.choice(found)
        new = rng.choice(STRINGS) if rng.random() < 0.7 else b"<" + bytes(rng.choice(b"0123456789abcdef")
                                                                        for _ in range(rng.choice([3, 4, 40]))) + b">"
        return _splice(stream, m.start(1), m.end(1), new), f"string {_short(m[1], 12)}->{_short(new)}"
    if kind == "TJ":
        found = list(re.finditer(rb"\[([^\]]*)\]\s*TJ", stream))
        if not found:
            return None
        m = rng.choice(found)
        new = rng.choice([b"[-1e9 " + m[1] + b"]", b"[" + m[1] + b" 1e30]", b"[[" + m[1] + b"]]", b"[" + m[1],
                          b"[]", b"[1 2 3]", b"[/Name (x)]", b"[" + m[1] + b"-99999999<0041>]",
                          b"[" + b"-100000<0041>" * 200 + b"]"])
        return _splice(stream, m.start(), m.end() - 2, new), f"TJ array -> {_short(new)}"
    if kind == "matrix":
        found = list(re.finditer(rb"((?:[-+\d.eE]+\s+){6})(cm|Tm)", stream))
        if not found:
            return None
        m = rng.choice(found)
        new = rng.choice(MATRICES) + b" "
        description = f"{m[2].decode()} {_short(m[1].strip())}->{_short(new.strip())}"
        return _splice(stream, m.start(1), m.end(1), new), description
    if kind == "BT/ET":
        found = list(re.finditer(rb"\b(BT|ET)\b", stream))
        if not found:
            return None
        m = rng.choice(found)
        action = rng.choice(["delete", "double", "swap"])
        new = {"delete": b"", "double": m[0] + b"\n" + m[0], "swap": b"ET" if m[0] == b"BT" else b"BT"}[action]
        return _splice(stream, m.start(), m.end(), new), f"{m[0].decode()} {action} at {m.start()}"
    if kind == "qQ":
        if rng.random() < 0.5:
            return b"q\n" * rng.choice([30, 1000, 100000]) + stream, "prefix many q"
        found = list(re.finditer(rb"\bQ\b", stream))
        if not found:
            return None
        m = rng.choice(found)
        return _splice(stream, m.start(), m.end(), b"Q\nQ\nQ"), f"extra Q at {m.start()}"
    if kind == "Tr":
        mode = rng.choice([b"3", b"7", b"-1", b"99"])
        if rng.random() < 0.5:  # all the text invisible: the page reads as an OCR layer
            return stream.replace(b"BT", b"BT\n" + mode + b" Tr\n"), f"{mode.decode()} Tr after every BT"
        at = stream.find(b"BT")
        return _splice(stream, at + 2, at + 2, b"\n" + mode + b" Tr\n"), f"{mode.decode()} Tr after first BT"
    if kind == "repeat-string":  # one string's glyphs many times over: a very long word
        found = list(re.finditer(rb"<([0-9a-fA-F]{4,})>|\(([A-Za-z]{2,})\)", stream))
        if not found:
            return None
        m = rng.choice(found)
        times = rng.choice([2, 10, 50, 200, 1000])
        if m[1] is not None:
            glyphs = re.sub(rb"(0020)+$", b"", m[1]) or m[1]  # without a trailing space glyph
            new = b"<" + glyphs * times + b">"
        else:
            new = b"(" + m[2] * times + b")"
        start, end = m.start(), m.end()
        squeeze = rng.random() < 0.5
        if squeeze:  # 1% wide, so that the long word stays on the page: "1 Tz" before the operand
            bracket = stream.rfind(b"[", 0, start)
            at = bracket if bracket >= 0 and b"]" not in stream[bracket:start] else start
            new = stream[at:start] + new
            start, new = at, b"1 Tz " + new
        return _splice(stream, start, end, new), f"string {_short(m[0], 12)} x{times}" + (" at 1 Tz" if squeeze else "")
    if kind == "spacing":
        op = rng.choice([b"Tc", b"Tw", b"Tz", b"TL", b"Ts", b"Td", b"TD"])
        value = rng.choice([b"1e9", b"-1e9", b"0", b"-100", b"NaN", b"1e30 1e30", b"0 -1e9"])
        at = stream.find(b"BT")
        operands = value if op in (b"Td", b"TD") and b" " in value else value + (b" 0" if op in (b"Td", b"TD") else b"")
        description = f"insert {operands.decode()} {op.decode()}"
        return _splice(stream, at + 2, at + 2, b"\n" + operands + b" " + op + b"\n"), description
    if kind == "operator":
        found = list(re.finditer(rb"(?<![\w/])(" + b"|".join(re.escape(o) for o in OPERATORS) + rb")(?![\w*])", stream))
        if not found:
            return None
        m = rng.choice(found)
        new = rng.choice(OPERATORS)
        return _splice(stream, m.start(), m.end(), new), f"operator {m[0].decode()}->{new.decode()} at {m.start()}"
    if kind == "nest":
        depth = rng.choice([100, 10000, 100000])
        at = rng.randrange(len(stream) + 1)
        new = rng.choice([b"[" * depth, b"<<" * depth, b"q " * depth + b"BT " * depth])
        return _splice(stream, at, at, new), f"nesting {_short(new[:4])}x{depth} at {at}"
    if kind == "delete-token":
        found = list(re.finditer(rb"\S+", stream))
        m = rng.choice(found)
        return _splice(stream, m.start(), m.end(), b""), f"delete token {_short(m[0], 12)} at {m.start()}"
    found = list(re.finditer(rb"(?<![\w.])-?\d+\.?\d*(?![\w.])", stream))
    if not found:
        return None
    m = rng.choice(found)
    new = rng.choice(INTERESTING_NUMBERS)
    return _splice(stream, m.start(), m.end(), new), f"operand {m[0].decode()}->{new.decode()} at {m.start()}"


def _cmap_edit(stream: bytes, rng: random.Random) -> tuple[bytes, str] | None:
    pairs = list(re.finditer(rb"(<[0-9a-fA-F]+>)[ \t]*(<[0-9a-fA-F]+>)(?:[ \t]*(<[0-9a-fA-F]+>))?", stream))
    if not pairs:
        return None
    m = rng.choice(pairs)
    group = m.lastindex
    if rng.random() < 0.2 and m[3]:  # a range made huge
        return _splice(stream, m.start(2), m.end(2), b"<FFFF>"), f"cmap range {m[1].decode()}..<FFFF>"
    new = rng.choice(CMAP_VALUES)
    return _splice(stream, m.start(group), m.end(group), new), f"cmap {m[0].decode()} dest->{new.decode()}"


def _stream_mutation(data: bytes, rng: random.Random, streams: list[re.Match], edit, label: str):
    if not streams:
        return None
    for _ in range(5):
        match = rng.choice(streams)
        edited = edit(match[1], rng)
        if edited is None:
            continue
        new_stream, what = edited
        out = _splice(data, match.start(1), match.end(1), new_stream)
        fixed = ""
        if rng.random() < 0.85:  # keep /Length right, so the parser reads the stream as edited
            head = out.rfind(b"obj", 0, match.start())
            length = LENGTH.search(out, head, match.start(1))
            if length:
                new_length = len(new_stream.rstrip(b"\r\n"))
                out = _splice(out, length.start(1), length.end(1), str(new_length).encode())
                fixed = ", /Length fixed"
        return out, f"{label} at {match.start(1)}: {what}{fixed}"
    return None


def content_stream(data: bytes, rng: random.Random) -> tuple[bytes, str] | None:
    return _stream_mutation(data, rng, _text_streams(data), _content_edit, "content")


def cmap_stream(data: bytes, rng: random.Random) -> tuple[bytes, str] | None:
    streams = [m for m in STREAM.finditer(data) if b"beginbfchar" in m[1] or b"beginbfrange" in m[1]]
    return _stream_mutation(data, rng, streams, _cmap_edit, "cmap")


# --- xref ---------------------------------------------------------------------------

def fix_xref(data: bytes) -> bytes | None:
    """``data`` with a fresh xref table and startxref for the objects where they now are
    (None when there is no trailer to keep)."""
    trailer_at = data.rfind(b"trailer")
    startxref_at = data.find(b"startxref", trailer_at)
    if trailer_at < 0 or startxref_at < 0:
        return None
    trailer = data[trailer_at + len(b"trailer"):startxref_at].strip()
    offsets: dict[int, int] = {}
    for match in re.finditer(rb"(?<![0-9])(\d{1,7}) (\d{1,5}) obj\b", data[:trailer_at]):
        offsets[int(match[1])] = match.start()
    if not offsets:
        return None
    size = max(offsets) + 1
    xref_at = data.rfind(b"xref", 0, trailer_at)
    body_end = xref_at if xref_at > max(offsets.values()) else trailer_at
    body = data[:body_end]
    lines = [b"xref\n0 %d\n" % size, b"0000000000 65535 f \n"]
    lines += [b"%010d 00000 n \n" % offsets[n] if n in offsets else b"0000000000 65535 f \n" for n in range(1, size)]
    trailer = re.sub(rb"/Size[ \t\r\n]*\d+", b"/Size %d" % size, trailer, count=1)
    return body + b"".join(lines) + b"trailer\n" + trailer + b"\nstartxref\n%d\n%%%%EOF\n" % len(body)


# --- the mutator --------------------------------------------------------------------

Mutation = Callable[[bytes, random.Random], "tuple[bytes, str] | None"]
MUTATIONS: list[tuple[Mutation, int, bool]] = [
    # (mutation, weight, changes an object in place: worth fixing the xref after)
    (flip_bytes, 6, False), (flip_bits, 4, False), (cut_chunk, 4, False), (duplicate_chunk, 3, False),
    (truncate, 3, False), (insert_bytes, 4, False),
    (obj_number, 6, True), (obj_delete_end, 3, True), (obj_length, 4, True), (obj_swap, 3, True),
    (obj_name, 5, True), (obj_reference, 6, True), (obj_box, 3, True), (obj_uri, 2, True),
    (content_stream, 14, True), (cmap_stream, 5, True),
]


def mutate(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    """``data`` with 1 to 3 mutations; the description says which, and where."""
    steps: list[str] = []
    structural = False
    functions, weights = [m for m, _, _ in MUTATIONS], [w for _, w, _ in MUTATIONS]
    for _ in range(rng.choice([1, 1, 1, 2, 2, 3])):
        for _attempt in range(10):
            function = rng.choices(functions, weights)[0]
            if not data:
                break
            result = function(data, rng)
            if result is not None:
                data, what = result
                steps.append(what)
                structural = structural or next(s for m, _, s in MUTATIONS if m is function)
                break
    if structural and rng.random() < 0.6:
        fixed = fix_xref(data)
        if fixed is not None:
            data = fixed
            steps.append("xref rebuilt")
    return data, "; ".join(steps) or "unchanged"
