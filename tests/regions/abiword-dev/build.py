"""Build the AbiWord region sets (abiword-dev/ and the untouched abiword/) from their gold files.

Needs Debian `abiword` (3.0.5) and `faketime` on PATH, and PyMuPDF (the project's venv has it):

    .venv/bin/python tests/regions/abiword-dev/build.py                 # abiword-dev/
    .venv/bin/python tests/regions/abiword-dev/build.py --set abiword   # abiword/ (untouched)
    .venv/bin/python tests/regions/abiword-dev/build.py --set all       # both
    .venv/bin/python tests/regions/abiword-dev/build.py --keep-abw ...  # also keep /tmp/abiword-regions/<id>.abw

Text comes only from the gold (`gold/<id>.json`); its `layout` dict says page size, margins,
fonts, alignment, which sections are set in two columns, each table's rules and column widths,
and each picture's seed. The builder writes AbiWord's native XML (.abw) and AbiWord lays it out
and writes the PDF (`abiword --to=pdf`, headless, no display needed): line breaking, page and
column breaks, table splitting, footnote placement and page numbers are all AbiWord's work.
`faketime` freezes the clock so cairo's /CreationDate is fixed and a rebuild is byte-identical.
Every PDF is verified with PyMuPDF.
"""

from __future__ import annotations

import argparse
import base64
import io
import json
import random
import re
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import pymupdf as fitz
from PIL import Image, ImageDraw

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
FROZEN_CLOCK = "2025-11-20 09:30:00"
TOKEN = re.compile(r"(\*\*|\*|\[\^[^\]]+\])")
BULLET = "\u2022"
LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl"})
PAGES = {"A4": ('pagetype="A4" width="210.000000" height="297.000000" units="mm"'),
         "Letter": ('pagetype="Letter" width="8.500000" height="11.000000" units="in"')}
BORDERS = {  # cell border props by table rule style
    "grid": "top-style:1; bot-style:1; left-style:1; right-style:1",
    "rules": "top-style:1; bot-style:1; left-style:0; right-style:0",
    "none": "top-style:0; bot-style:0; left-style:0; right-style:0",
}


# ---------------------------------------------------------------- inline text


def plain_words(text: str) -> list[str]:
    """Words of gold text as printed: marks stripped, a call glued to its word."""
    text = re.sub(r"\[\^([^\]]+)\]", r"\1", text).replace("**", "").replace("*", "")
    return text.split()


def inline(text: str, notes: dict[str, str], note_props: str) -> str:
    """Gold text with **bold**, *italic* and [^N] calls as AbiWord runs, fields and <foot>s."""
    out: list[str] = []
    bold = italic = False
    for piece in TOKEN.split(text):
        if piece == "**":
            bold = not bold
        elif piece == "*":
            italic = not italic
        elif piece.startswith("[^"):
            label = piece[2:-1]
            out.append(f'<field type="footnote_ref" footnote-id="{label}" props="text-position:superscript"/>'
                       f'<foot footnote-id="{label}"><p props={quoteattr(note_props)}>'
                       f'<field type="footnote_anchor" footnote-id="{label}" props="text-position:superscript"/>'
                       f' {inline(notes[label], notes, note_props)}</p></foot>')
        elif piece:
            props = "; ".join(p for p, on in (("font-weight:bold", bold), ("font-style:italic", italic)) if on)
            out.append(f"<c props={quoteattr(props)}>{escape(piece)}</c>" if props else escape(piece))
    return "".join(out)


# ---------------------------------------------------------------- the .abw document


class Writer:
    """Turns one gold document into AbiWord XML."""

    def __init__(self, gold: dict) -> None:
        self.gold, self.lay = gold, gold["layout"]
        self.notes = {n["label"]: n["text"] for n in gold["footnotes"]}
        self.note_props = f"font-size:{self.lay.get('note_size', 8)}pt; text-align:left"
        self.images: list[tuple[str, bytes]] = []
        self.stats: Counter = Counter()

    def text(self, text: str) -> str:
        return inline(text, self.notes, self.note_props)

    def para(self, text: str, props: str = "", style: str | None = None) -> str:
        st = f" style={quoteattr(style)}" if style else ""
        pr = f" props={quoteattr(props)}" if props else ""
        return f"<p{st}{pr}>{self.text(text)}</p>\n"

    def body_props(self) -> str:
        lay = self.lay
        props = [f"text-align:{lay.get('align', 'left')}", f"margin-bottom:{lay.get('para_space', 6)}pt"]
        if lay.get("indent"):
            props.append(f"text-indent:{lay['indent']}pt")
        return "; ".join(props)

    def section_props(self, columns: int) -> str:
        ml, mt, mr, mb = self.lay["margins_mm"]
        props = [f"page-margin-left:{ml}mm", f"page-margin-top:{mt}mm", f"page-margin-right:{mr}mm",
                 f"page-margin-bottom:{mb}mm", f"page-margin-header:{self.lay.get('header_mm', 10)}mm",
                 f"page-margin-footer:{self.lay.get('footer_mm', 10)}mm", f"columns:{columns}"]
        if columns > 1:
            props += [f"column-gap:{self.lay.get('column_gap_mm', 8)}mm",
                      f"column-line:{'on' if self.lay.get('column_line') else 'off'}"]
        return "; ".join(props)

    def styles(self) -> str:
        lay = self.lay
        font, head = lay["font"], lay.get("heading_font", lay["font"])
        normal = (f"font-family:{font}; font-size:{lay['size']}pt; line-height:{lay.get('line_height', 1.15)}; "
                  "margin-top:0pt; margin-bottom:0pt; text-align:left; color:000000")
        h1 = (f"font-family:{head}; font-size:{lay.get('h1_size', lay['size'] + 5)}pt; font-weight:bold; "
              "keep-with-next:1; margin-top:14pt; margin-bottom:5pt")
        h2 = (f"font-family:{head}; font-size:{lay.get('h2_size', lay['size'] + 2)}pt; font-weight:bold; "
              "keep-with-next:1; margin-top:10pt; margin-bottom:4pt")
        return ("<styles>\n"
                f'<s type="P" name="Normal" basedon="" followedby="Current Settings" props="{normal}"/>\n'
                f'<s type="P" name="Heading 1" basedon="Normal" followedby="Normal" props="{h1}"/>\n'
                f'<s type="P" name="Heading 2" basedon="Normal" followedby="Normal" props="{h2}"/>\n'
                "</styles>\n")

    def title_block(self) -> str:
        lay, gold = self.lay, self.gold
        align = lay.get("title_align", "left")
        out = self.para(gold["title"], f"font-family:{lay.get('heading_font', lay['font'])}; font-weight:bold; "
                        f"font-size:{lay.get('title_size', 22)}pt; text-align:{align}; margin-bottom:4pt")
        for i, line in enumerate(gold["front_matter"]):
            last = i == len(gold["front_matter"]) - 1
            out += self.para(line, f"font-size:{lay.get('subtitle_size', lay['size'] + 1)}pt; font-style:italic; "
                             f"text-align:{align}; margin-bottom:{14 if last else 2}pt")
        return out

    def table(self, tab: dict) -> str:
        spec = self.lay["tables"][tab["caption"].split(":")[0]]
        rows, nhead = tab["rows"], tab["header_rows"]
        ncols = len(rows[0])
        align = spec.get("align", "L" * ncols)
        spans = {tuple(s[:2]): s[2] for s in spec.get("spans", [])}  # (row, col) -> columns spanned
        rule = spec.get("rule", 0.5)
        border = BORDERS[spec["style"]] + "".join(f"; {s}-thickness:{rule}pt" for s in ("top", "bot", "left", "right"))
        widths = "".join(f"{w}in/" for w in spec["widths"])
        out = self.para(tab["caption"], f"font-weight:bold; keep-with-next:1; margin-top:6pt; margin-bottom:3pt; "
                        f"font-size:{self.lay.get('caption_size', self.lay['size'])}pt")
        out += f'<table props="table-column-props:{widths}; table-column-leftpos:0.0in">\n'
        size = spec.get("size", self.lay["size"] - 1)
        for r, row in enumerate(rows):
            c = 0
            while c < ncols:
                span = spans.get((r, c), 1)
                assert all(row[c + k] == row[c] for k in range(span)), "a spanning cell repeats in the gold"
                head = r < nhead
                props = f"top-attach:{r}; bot-attach:{r + 1}; left-attach:{c}; right-attach:{c + span}; {border}"
                if head and spec.get("head_fill"):
                    props += f"; background-color:{spec['head_fill']}"
                palign = "center" if span > 1 else ("right" if align[c] == "R" else "left")
                text = f"**{row[c]}**" if head and row[c] else row[c]
                pprops = quoteattr(f"text-align:{palign}; font-size:{size}pt")
                out += f"<cell props={quoteattr(props)}><p props={pprops}>{self.text(text)}</p></cell>\n"
                c += span
        out += "</table>\n"
        self.stats[f"table {spec['style']}"] += 1
        return out + "<p></p>\n" if spec.get("space_after", True) else out

    def figure(self, fig: dict) -> str:
        spec = self.lay["figures"][fig["caption"].split(":")[0]]
        assert fig["labels"] == [], "pictures carry no text"
        name = f"fig{len(self.images) + 1}"
        self.images.append((name, picture(spec)))
        w, h = spec["width_in"], spec["height_in"]
        out = (f'<p props="text-align:center; keep-with-next:1; margin-top:6pt">'
               f'<image dataid="{name}" props="width:{w}in; height:{h}in"/></p>\n')
        out += self.para(fig["caption"], f"font-style:italic; text-align:center; margin-bottom:8pt; "
                         f"font-size:{self.lay.get('caption_size', self.lay['size'])}pt")
        self.stats["figure"] += 1
        return out

    def items(self, items: list[str]) -> str:
        self.stats["bulleted list"] += 1
        return "".join(
            '<p level="1" listid="1000" parentid="0" props="list-style:Bullet List; start-value:0; '
            'margin-left:0.35in; text-indent:-0.2in; margin-bottom:2pt; field-font:NULL">'
            f'<field type="list_label"/><c type="list_label">\t</c>{self.text(t)}</p>\n' for t in items)

    def section(self, sec: dict) -> str:
        out = "<p><pbr/></p>\n" if sec["heading"] in self.lay.get("page_break_before", []) else ""
        out += self.para(sec["heading"], style=f"Heading {sec['level']}")
        for block in sec["paragraphs"]:
            if isinstance(block, str):
                out += self.para(block, self.body_props())
            elif "table" in block:
                out += self.table(block["table"])
            elif "figure" in block:
                out += self.figure(block["figure"])
            elif "items" in block:
                out += self.items(block["items"])
            else:
                raise ValueError(f"unsupported block {block}")
        return out

    def running(self, kind: str, number: int) -> str:
        """A header or footer section; AbiWord shows one only on the pages of the section naming it."""
        line = self.gold.get(kind)
        if not line:
            return ""
        head, _, tail = line.partition("{page}")
        field = '<field type="page_number"/>' if "{page}" in line else ""
        align = self.lay.get(f"{kind}_align", "center")
        return (f'<section id="{kind}{number}" type="{kind}">'
                f'<p props="text-align:{align}; font-size:{self.lay.get("running_size", 8)}pt; font-style:italic">'
                f"{escape(head)}{field}{escape(tail)}</p></section>\n")

    def document(self) -> str:
        gold, lay = self.gold, self.lay
        two = lay.get("two_columns", [])
        groups: list[tuple[int, list[dict]]] = []
        for sec in gold["sections"]:
            cols = 2 if two == "all" or sec["heading"] in two else 1
            if groups and groups[-1][0] == cols:
                groups[-1][1].append(sec)
            else:
                groups.append((cols, [sec]))
        front = [s for s in groups.pop(0)[1]] if groups and groups[0][0] == 1 else []
        parts = [(1, front, self.title_block())] + [(cols, secs, "") for cols, secs in groups]
        body = running = ""
        for n, (cols, secs, lead) in enumerate(parts, start=1):
            refs = "".join(f' {k}="{k}{n}"' for k in ("header", "footer") if gold.get(k))
            body += f"<section{refs} props={quoteattr(self.section_props(cols))}>\n{lead}"
            body += "".join(self.section(s) for s in secs) + "</section>\n"
            running += self.running("header", n) + self.running("footer", n)
            self.stats["two-column sections"] += len(secs) if cols == 2 else 0
        data = "".join(f'<d name="{n}" mime-type="image/png" base64="yes">\n{base64.encodebytes(b).decode()}</d>\n'
                       for n, b in self.images)
        return ('<?xml version="1.0" encoding="UTF-8"?>\n'
                '<abiword xmlns="http://www.abisource.com/awml.dtd" fileformat="1.1" version="3.0.5" '
                'props="document-footnote-type:numeric; document-footnote-initial:1; '
                'document-footnote-restart-page:0; document-footnote-restart-section:0; lang:en-GB">\n'
                f'<metadata><m key="dc.title">{escape(gold["title"])}</m></metadata>\n'
                f"{self.styles()}"
                '<lists><l id="1000" parentid="0" type="5" start-value="0" list-delim="%L" '
                'list-decimal="NULL"/></lists>\n'
                f'<pagesize {PAGES[lay["page"]]} orientation="portrait" page-scale="1.000000"/>\n'
                f"{body}{running}"
                f"<data>\n{data}</data>\n</abiword>\n")


def picture(spec: dict) -> bytes:
    """A PNG made with Pillow from a seeded generator: coloured blobs, no text."""
    rnd = random.Random(spec["seed"])
    w = 600
    h = int(w * spec["height_in"] / spec["width_in"])
    img = Image.new("RGB", (w, h), tuple(spec.get("ground", (214, 226, 236))))
    draw = ImageDraw.Draw(img)
    ink = spec.get("ink", (70, 110, 80))
    for _ in range(spec.get("shapes", 50)):
        x, y, r = rnd.randrange(w), rnd.randrange(h), rnd.randrange(8, 48)
        colour = tuple(max(0, min(255, v + rnd.randrange(-50, 50))) for v in ink)
        draw.ellipse((x - r, y - r * 2 // 3, x + r, y + r * 2 // 3), fill=colour)
    buf = io.BytesIO()
    img.save(buf, format="PNG", optimize=False)
    return buf.getvalue()


# ---------------------------------------------------------------- build


def build(gold: dict, out: Path, keep: Path | None) -> Counter:
    """Write the .abw, let AbiWord render it to PDF under a frozen clock; return layout stats."""
    writer = Writer(gold)
    xml = writer.document()
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / f"{gold['id']}.abw"
        src.write_text(xml, encoding="utf-8")
        if keep:
            keep.mkdir(parents=True, exist_ok=True)
            (keep / src.name).write_text(xml, encoding="utf-8")
        run = subprocess.run(["faketime", "-f", FROZEN_CLOCK, "abiword", "--to=pdf", f"--to-name={out}", str(src)],
                             capture_output=True, text=True, timeout=300)
    if run.returncode or not out.exists():
        sys.exit(f"{gold['id']}: abiword failed ({run.returncode}): {run.stderr[-2000:]}")
    return writer.stats


# ---------------------------------------------------------------- verify


def gold_units(gold: dict) -> list[str]:
    """Every piece of gold text printed in the body: title to footnotes."""
    units = [gold["title"], *gold["front_matter"]]
    for sec in gold["sections"]:
        units.append(sec["heading"])
        for b in sec["paragraphs"]:
            if isinstance(b, str):
                units.append(b)
            elif "table" in b:
                units.append(b["table"]["caption"])
                units.extend(printed_cells(gold, b["table"]))
            elif "figure" in b:
                units.append(b["figure"]["caption"])
                units.extend(b["figure"]["labels"])
            elif "items" in b:
                units.extend(b["items"])
    for n in gold["footnotes"]:
        units.extend([n["label"], n["text"]])
    return units


def printed_cells(gold: dict, tab: dict) -> list[str]:
    """A table's cells as printed: a spanning cell (repeated in the gold) is printed once."""
    spec = gold["layout"]["tables"][tab["caption"].split(":")[0]]
    covered = {(r, c + k) for r, c, n in spec.get("spans", []) for k in range(1, n)}
    return [cell for r, row in enumerate(tab["rows"]) for c, cell in enumerate(row) if (r, c) not in covered]


class Located:
    """The PDF's words in drawing order, to find where a run of gold words was set."""

    def __init__(self, doc: fitz.Document) -> None:
        self.words: list[tuple[str, int, float, float]] = []  # (text, page, x0, y0)
        self.width = doc[0].rect.width
        for pno, page in enumerate(doc, start=1):
            self.words.extend((w[4].translate(LIGATURES), pno, w[0], w[1]) for w in page.get_text("words", sort=False))
        self.texts = [w[0] for w in self.words]

    def find(self, seq: list[str]) -> int | None:
        n = len(seq)
        for i in range(len(self.texts) - n + 1):
            if self.texts[i:i + n] == seq:
                return i
        return None

    def span(self, words: list[str], k: int = 4) -> tuple[tuple, tuple] | None:
        """Page and column of the first and of the last words of a unit."""
        if len(words) < k:
            return None
        a, b = self.find(words[:k]), self.find(words[-k:])
        if a is None or b is None:
            return None
        first, last = self.words[a], self.words[b + k - 1]
        return (first[1], first[2] > self.width / 2), (last[1], last[2] > self.width / 2)


def verify(gold: dict, path: Path, stats: Counter) -> None:
    """The PDF's words equal the gold's words plus running lines and bullets; notes beside their calls."""
    doc = fitz.open(path)
    pdf_words: Counter = Counter()
    expect: Counter = Counter()
    for unit in gold_units(gold):
        expect.update(plain_words(unit))
    expect[BULLET] += sum(len(b["items"]) for s in gold["sections"] for b in s["paragraphs"] if isinstance(b, dict)
                          and "items" in b)
    for pno, page in enumerate(doc, start=1):
        words = page.get_text("words")
        pdf_words.update(w[4].translate(LIGATURES) for w in words)
        stats["words with a ligature glyph"] += sum(w[4].translate(LIGATURES) != w[4] for w in words)
        for w in words:
            if not page.rect.contains(fitz.Rect(w[:4])):
                sys.exit(f"{gold['id']} p{pno}: {w[4]!r} outside the page")
        for run in ("header", "footer"):
            if gold.get(run):
                expect.update(gold[run].replace("{page}", str(pno)).split())
    split_calls(gold, pdf_words, expect)
    stats["compound broken at its hyphen"] += split_compounds(pdf_words, expect)
    missing, extra = expect - pdf_words, pdf_words - expect
    if missing or extra:
        sys.exit(f"{gold['id']}: verification failed\n  missing: {dict(missing)}\n  extra: {dict(extra)}")
    check_notes(gold, doc, stats)
    layout_stats(gold, doc, stats)
    stats["pages"] = len(doc)
    doc.close()


def split_calls(gold: dict, pdf_words: Counter, expect: Counter) -> None:
    """A call printed against its word may be read as one word or as two: count it either way."""
    for w in list(pdf_words):
        if w not in expect and pdf_words[w]:
            m = re.match(r"^(.*\D)(\d+)$", w)
            if m and expect[m.group(1)] and expect[m.group(2)]:
                pdf_words.update({m.group(1): pdf_words[w], m.group(2): pdf_words[w]})
                del pdf_words[w]
    for unit in gold_units(gold):
        for m in re.finditer(r"(\S+?)\[\^([^\]]+)\]", unit):
            word = plain_words(m.group(0))[0]
            if pdf_words[word] < expect[word]:
                expect[word] -= 1
                expect.update({word[: -len(m.group(2))]: 1, m.group(2): 1})


def split_compounds(pdf_words: Counter, expect: Counter) -> int:
    """AbiWord breaks a line after a compound's hyphen ("over-" / "represented"): count those pieces as the word."""
    broken = 0
    for word in [w for w in expect if re.search(r"\w-\w", w)]:
        for i in [m.start() for m in re.finditer(r"-", word)]:
            head, tail = word[: i + 1], word[i + 1:]
            while pdf_words[word] < expect[word] and pdf_words[head] > expect[head] and pdf_words[tail] > expect[tail]:
                expect.update({word: -1, head: 1, tail: 1})
                broken += 1
    return broken


def check_notes(gold: dict, doc: fitz.Document, stats: Counter) -> None:
    """Each note is printed once, in the lower part of the page that holds its call."""
    for note in gold["footnotes"]:
        label, head = note["label"], " ".join(plain_words(note["text"]))[:40]
        pages = [p.number + 1 for p in doc if head in " ".join(p.get_text().translate(LIGATURES).split())]
        if len(pages) != 1:
            sys.exit(f"{gold['id']}: note {label} printed on pages {pages}")
        page = doc[pages[0] - 1]
        call = next(re.search(r"(\S+?)\[\^" + re.escape(label) + r"\]", u) for s in gold["sections"]
                    for u in (p for p in s["paragraphs"] if isinstance(p, str)) if f"[^{label}]" in u)
        word = plain_words(call.group(1))[-1]
        boxes = page.get_text("words", sort=False)
        words = [w[4].translate(LIGATURES) for w in boxes]
        on_page = word + label in words or any(a == word and b == label for a, b in zip(words, words[1:]))
        lead = plain_words(note["text"])[:3]
        starts = [i for i in range(len(words)) if words[i:i + 3] == lead]
        note_y = boxes[starts[-1]][1] if starts else 0.0
        if not on_page or note_y < page.rect.height * 0.5:
            sys.exit(f"{gold['id']}: note {label} (page {pages[0]}, y {note_y:.0f}) not under its call")
        stats[f"note {label} on page"] = pages[0]


def layout_stats(gold: dict, doc: fitz.Document, stats: Counter) -> None:
    """What the layout did: paragraphs split by a page or a column, tables across pages."""
    loc = Located(doc)
    two = gold["layout"].get("two_columns", [])
    for sec in gold["sections"]:
        columns = two == "all" or sec["heading"] in two
        for b in sec["paragraphs"]:
            if isinstance(b, str):
                where = loc.span(plain_words(b))
                if where is None:
                    stats["paragraph not located (calls or short)"] += 1
                elif where[0][0] != where[1][0]:
                    stats["paragraph split by page"] += 1
                elif columns and where[0][1] != where[1][1]:
                    stats["paragraph split by column"] += 1
            elif "table" in b:
                rows = b["table"]["rows"][b["table"]["header_rows"]:]
                first, last = (loc.find(plain_words(r[0])) for r in (rows[0], rows[-1]))
                if first is not None and last is not None and loc.words[first][1] != loc.words[last][1]:
                    stats["table across pages"] += 1


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--set", choices=["abiword-dev", "abiword", "all"], default="abiword-dev")
    ap.add_argument("--keep-abw", action="store_true", help="also write /tmp/abiword-regions/<id>.abw")
    ap.add_argument("ids", nargs="*")
    args = ap.parse_args()
    sets = ["abiword-dev", "abiword"] if args.set == "all" else [args.set]
    keep = Path("/tmp/abiword-regions") if args.keep_abw else None
    for name in sets:
        folder = ROOT / name
        (folder / "pdf").mkdir(exist_ok=True)
        for gpath in sorted((folder / "gold").glob("*.json")):
            gold = json.loads(gpath.read_text())
            if args.ids and gold["id"] not in args.ids:
                continue
            out = folder / "pdf" / f"{gold['id']}.pdf"
            stats = build(gold, out, keep)
            verify(gold, out, stats)
            print(f"{name}/{gold['id']}: verified;", dict(sorted(stats.items())))


if __name__ == "__main__":
    main()
