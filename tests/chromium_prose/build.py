#!/usr/bin/env python3
"""Prose set, Chromium producer: gold JSON -> HTML -> PDF (headless Chromium), then verify.

    .venv/bin/python tests/chromium_prose/build.py              # build both halves, verify, print stats
    .venv/bin/python tests/chromium_prose/build.py <id> ...     # only these documents
    .venv/bin/python tests/chromium_prose/build.py --verify     # verify the committed PDFs only

Text comes only from ``<half>/gold/<id>.json``; its ``layout`` dict says how to print it
(page size, fonts, columns, alignment, masthead, drop cap, pull quote, sidebar).
Hyphenation is Chromium's own ``hyphens: auto``: the profile gets a hyphenation
dictionary (``hyph-en-us.hyb``, minikin's binary format, made from Debian's
``hyphen-en-us`` patterns; see README.md) in ``hyphen-data/``, where Chromium's
component loader finds it. Chromium prints an automatic break as U+2010 at the line end.
"""

from __future__ import annotations

import collections
import html
import json
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path

import pymupdf

HERE = Path(__file__).resolve().parent
HALVES = ("dev", "untouched")
HYB = HERE / "hyph-en-us.hyb"
HYPHEN = "\u2010"
FIXED_DATE = b"D:20260401000000+00'00'"
PAGE_SIZES = {"A4": ("210mm", "297mm"), "Letter": ("8.5in", "11in")}

# ---------------------------------------------------------------- gold -> HTML

MARK = re.compile(r"\*\*(.+?)\*\*|\*(.+?)\*|\[([^\]]+)\]\(([^)]+)\)")


def inline_html(text: str) -> str:
    """Gold inline marks as HTML: **bold**, *italic*, [text](url)."""
    out, last = [], 0
    for m in MARK.finditer(text):
        out.append(html.escape(text[last:m.start()], quote=False))
        if m.group(1) is not None:
            out.append(f"<b>{inline_html(m.group(1))}</b>")
        elif m.group(2) is not None:
            out.append(f"<i>{inline_html(m.group(2))}</i>")
        else:
            out.append(f'<a href="{html.escape(m.group(4))}">{inline_html(m.group(3))}</a>')
        last = m.end()
    return "".join(out) + html.escape(text[last:], quote=False)


def plain(text: str) -> str:
    text = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", text)
    text = text.replace("**", "")
    return re.sub(r"\*([^*]+)\*", r"\1", text)


def margin_content(template: str) -> str:
    """A header/footer template as the CSS ``content`` of a page-margin box."""
    parts = re.split(r"(\{page\}|\{total\})", template)
    css = []
    for part in parts:
        if part == "{page}":
            css.append("counter(page)")
        elif part == "{total}":
            css.append("counter(pages)")
        elif part:
            css.append(json.dumps(part, ensure_ascii=False))
    return " ".join(css)


def page_css(gold: dict) -> str:
    lay = gold["layout"]
    width, height = PAGE_SIZES[lay["page"]]
    m = lay.get("margins", "18mm 16mm 20mm 16mm")
    boxes = []
    places = (("header", lay.get("header_box", "top-center")), ("footer", lay.get("footer_box", "bottom-center")))
    for key, where in places:
        if gold.get(key):
            boxes.append(f"@{where} {{ content: {margin_content(gold[key])}; font: {lay.get('running_size', '8pt')} "
                         f"'{lay.get('running_font', lay['font'])}'; color: #444; }}")
    return f"@page {{ size: {width} {height}; margin: {m}; {' '.join(boxes)} }}"


def document_css(gold: dict) -> str:
    lay = gold["layout"]
    font, size, lead = lay["font"], lay["size"], lay.get("leading", 1.32)
    head_font = lay.get("heading_font", font)
    align = lay.get("align", "justify")
    hyph = "auto" if lay.get("hyphens", True) else "manual"
    mast = lay["masthead"]
    css = [
        page_css(gold),
        "html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }",
        f"body {{ margin: 0; font-family: '{font}'; font-size: {size}pt; line-height: {lead}; color: #111; }}",
        f".masthead {{ text-align: {mast.get('align', 'center')};"
        f" border-bottom: {mast.get('rule', '1.5pt solid #222')};"
        f" padding-bottom: 3mm; margin-bottom: 4mm; }}",
        f".masthead .name {{ font-family: '{mast.get('font', head_font)}'; font-size: {mast['big']}pt;"
        f" line-height: 1.05;"
        f" font-weight: {mast.get('weight', 'bold')}; letter-spacing: {mast.get('spacing', '0')};"
        f" color: {mast.get('color', '#111')}; }}",
        f".masthead .tag {{ font-family: '{mast.get('font', head_font)}'; font-size: {mast['small']}pt;"
        f" font-style: {mast.get('tag_style', 'italic')}; margin-top: 1.5mm; }}",
        f".front {{ text-align: {mast.get('align', 'center')}; font-size: {size}pt; margin: 0 0 3mm 0;"
        f" font-family: '{head_font}'; }}",
        f".cols {{ column-count: {lay['columns']}; column-gap: {lay.get('gap', '6mm')};"
        f" column-rule: {lay.get('column_rule', 'none')}; column-fill: balance; }}",
        f"p {{ margin: 0 0 {lay.get('para_gap', '0')} 0; text-align: {align}; hyphens: {hyph}; -webkit-hyphens: {hyph};"
        f" orphans: 2; widows: 2; text-indent: {lay.get('indent', '0')}; }}",
        "h2 + p, h3 + p, .pull + p, p.first, .sidebar p { text-indent: 0; }",
        f"h2, h3 {{ font-family: '{head_font}'; hyphens: manual; break-after: avoid;"
        f" color: {lay.get('heading_color', '#111')}; }}",
        f"h2 {{ font-size: {lay.get('h2', size + 2.5)}pt; line-height: 1.2;"
        f" margin: {lay.get('h2_margin', '3.5mm 0 1.5mm 0')};"
        f" {'column-span: all;' if lay.get('span_headings') else ''} }}",
        f"h3 {{ font-size: {lay.get('h3', size + 1)}pt; line-height: 1.2; margin: 2.5mm 0 1mm 0;"
        " font-style: italic; }",
        "h2:first-child { margin-top: 0; }",
        f"ul, ol {{ margin: 0.5mm 0 {lay.get('para_gap', '1mm')} 0; padding-left: 5mm; hyphens: {hyph};"
        " text-align: left; }",
        "li { margin-bottom: 0.6mm; }",
        "a { color: #1a4f8a; text-decoration: underline; }",
        ".pull { column-span: all; margin: 3mm 12mm; padding: 2mm 0; border-top: 1pt solid #777;"
        " border-bottom: 1pt solid #777;"
        f" font-size: {size + 3.5}pt; line-height: 1.3; font-style: italic; text-align: center; hyphens: manual; }}",
        ".sidebar { break-inside: avoid; background: #ece9e1; border-left: 2pt solid #8a7a55;"
        " padding: 2mm 3mm; margin: 2mm 0; }",
        f".sidebar h2 {{ font-size: {size + 1}pt; margin: 0 0 1mm 0; column-span: none; }}",
        f"p.drop::first-letter {{ float: left; font-size: {lay.get('drop_lines', 3) * lead * 1.0:.2f}em;"
        " line-height: 0.85;"
        f" padding: 0.6mm 1.2mm 0 0; font-family: '{head_font}'; font-weight: bold; }}",
    ]
    return "\n".join(css)


def render(gold: dict) -> str:
    lay = gold["layout"]
    pulls = {tuple(p) for p in lay.get("pull_quotes", [])}
    sidebars = set(lay.get("sidebars", []))
    drop = lay.get("drop_cap")
    mast = lay["masthead"]
    name, tag = mast["name"], gold["title"][len(mast["name"]):].strip()
    assert gold["title"] == f"{name} {tag}", "the title must be the masthead's name, a space, its tagline"
    body = ['<header class="masthead">', f'<div class="name">{html.escape(name)}</div>',
            f'<div class="tag">{html.escape(tag)}</div>', "</header>"]
    body += [f'<div class="front">{inline_html(t)}</div>' for t in gold.get("front_matter", [])]
    body.append('<main class="cols">')
    first = True
    for s_index, sec in enumerate(gold["sections"]):
        tag_name = "h2" if sec.get("level", 1) == 1 else "h3"
        if s_index in sidebars:
            body.append('<aside class="sidebar">')
        body.append(f"<{tag_name}>{inline_html(sec['heading'])}</{tag_name}>")
        for p_index, entry in enumerate(sec["paragraphs"]):
            if isinstance(entry, dict):
                kind = "ol" if lay.get("ordered_lists") else "ul"
                body.append(f"<{kind}>" + "".join(f"<li>{inline_html(i)}</li>" for i in entry["items"]) + f"</{kind}>")
                continue
            if (s_index, p_index) in pulls:
                body.append(f'<p class="pull">{inline_html(entry)}</p>')
                continue
            cls = ' class="drop first"' if first and drop else ' class="first"' if first else ""
            body.append(f"<p{cls}>{inline_html(entry)}</p>")
            first = False
        if s_index in sidebars:
            body.append("</aside>")
    body.append("</main>")
    return (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f"<title>{html.escape(gold['title'])}</title>\n<style>\n{document_css(gold)}\n</style>\n</head>\n"
            f"<body>\n" + "\n".join(body) + "\n</body>\n</html>\n")


# ---------------------------------------------------------------- Chromium


def chromium_cmd(profile: Path) -> list[str]:
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    if not exe:
        raise SystemExit("chromium not found: apt-get install chromium fonts-dejavu fonts-liberation")
    # No --disable-component-update: with it, Chromium ignores the hyphenation component.
    return [exe, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
            "--disable-sync", "--disable-extensions", "--disable-default-apps", "--mute-audio", "--hide-scrollbars",
            "--font-render-hinting=none", f"--user-data-dir={profile}"]


def make_profile(root: Path) -> Path:
    """A fresh Chromium profile whose hyphenation component is our dictionary."""
    profile = root / "profile"
    version = profile / "hyphen-data" / "156.0.0.1"
    version.mkdir(parents=True)
    shutil.copy(HYB, version / "hyph-en-us.hyb")
    (version / "manifest.json").write_text(json.dumps({"manifest_version": 2, "name": "hyphen-data",
                                                       "version": "156.0.0.1"}))
    return profile


def print_pdf(html_path: Path, pdf_path: Path, profile: Path) -> None:
    r = subprocess.run(chromium_cmd(profile) + ["--no-pdf-header-footer", "--generate-pdf-document-outline=false",
                                                f"--print-to-pdf={pdf_path}", html_path.as_uri()],
                       capture_output=True, text=True, timeout=180)
    if r.returncode != 0 or not pdf_path.exists():
        raise SystemExit(f"chromium failed ({r.returncode}): {r.stderr[-2000:]}")
    # As in tests/regions/chromium/build.py: the print time is the only varying bytes;
    # overwrite it in place with a fixed date of the same length.
    data = pdf_path.read_bytes()
    fixed = re.sub(rb"/(CreationDate|ModDate) \(D:\d{14}[+\-Z][^)]*\)",
                   lambda m: b"/" + m.group(1) + b" (" + FIXED_DATE[:len(m.group(0)) - len(m.group(1)) - 4]
                   .ljust(len(m.group(0)) - len(m.group(1)) - 4, b" ") + b")", data)
    if len(fixed) != len(data):
        raise SystemExit(f"{pdf_path.name}: date patch changed the file length")
    pdf_path.write_bytes(fixed)


# ---------------------------------------------------------------- verification


def norm(s: str) -> str:
    return unicodedata.normalize("NFC", s)


def gold_words(gold: dict) -> list[str]:
    texts = [gold["title"], *gold.get("front_matter", [])]
    for sec in gold["sections"]:
        texts.append(sec["heading"])
        for e in sec["paragraphs"]:
            texts += e["items"] if isinstance(e, dict) else [e]
    return [w for t in texts for w in norm(plain(t)).split()]


def furniture_words(gold: dict, pages: int) -> set[str]:
    words: set[str] = set()
    for key in ("header", "footer"):
        if gold.get(key):
            for page in range(1, pages + 1):
                words |= set(gold[key].format(page=page, total=pages).split())
    return words


def printed_ok(word: str, printed: set[str]) -> bool:
    """Printed whole, or broken at a line end after U+2010 (automatic) or its own hyphen or dash."""
    if word in printed:
        return True
    return any((word[:i] + HYPHEN in printed or word[:i] + "-" in printed  # "-": a font without U+2010
                or (word[i - 1] in "-\u2013\u2014/" and word[:i] in printed))
               and printed_ok(word[i:], printed) for i in range(1, len(word)))


def verify(gold: dict, pdf_path: Path) -> dict:
    doc = pymupdf.open(pdf_path)
    errors = []
    lines = []  # (page, words of one line)
    for number, page in enumerate(doc, 1):
        by_line = collections.defaultdict(list)
        for w in page.get_text("words", sort=True):
            by_line[(w[5], w[6])].append(norm(w[4]))
        lines += [(number, ws) for ws in by_line.values()]
    printed = {w for _, ws in lines for w in ws}
    if any("\u00ad" in w for w in printed):
        errors.append("a soft hyphen (U+00AD) is printed")
    stats = collections.Counter(pages=len(doc))
    # a drop cap prints its letter apart: "W" + "inter" is "Winter"
    words = gold_words(gold)
    if gold["layout"].get("drop_cap"):
        first = next(p for s in gold["sections"] for p in s["paragraphs"] if isinstance(p, str))
        head = plain(first).split()[0]
        if head[0] in printed and printed_ok(head[1:], printed):
            printed.add(head)
            stats["drop cap"] += 1
        words.append(head[0])  # the drop letter, printed as a word of its own
    missing = [w for w in words if not printed_ok(w, printed)]
    words = words[:-1] if gold["layout"].get("drop_cap") else words
    if missing:
        errors.append(f"gold words not printed: {missing[:12]}")
    allowed = set(words) | furniture_words(gold, len(doc))
    if gold["layout"].get("drop_cap"):
        allowed.add(head[0])
    for _, ws in lines:
        for k, w in enumerate(ws):
            if w.endswith(HYPHEN):
                if k != len(ws) - 1:
                    errors.append(f"U+2010 inside a line: {w!r}")
                stats["U+2010 line ends"] += 1
            elif w.endswith("-") and k == len(ws) - 1:
                # a compound's own hyphen, or an automatic break in a font that has no U+2010 glyph
                own = any(g.startswith(w) for g in words)
                stats["compound breaks" if own else "U+002D line ends (automatic)"] += 1
    pieces_ok = {w for w in allowed} | {w[:i] + h for w in allowed for i in range(1, len(w)) for h in (HYPHEN, "-")} \
        | {w[i:] for w in allowed for i in range(1, len(w))} \
        | {w[:i] for w in allowed for i in range(1, len(w)) if w[i - 1] in "-\u2013\u2014/"}
    stray = [w for _, ws in lines for w in ws if w not in pieces_ok]
    if stray:
        errors.append(f"printed words in no gold text: {stray[:12]}")
    if stats["U+2010 line ends"] + stats["U+002D line ends (automatic)"] == 0 and gold["layout"].get("hyphens", True):
        errors.append("hyphens: auto made no break (is the dictionary loaded?)")
    stats["words"] = len(words)
    stats["links"] = sum(1 for page in doc for link in page.get_links() if link.get("uri"))
    doc.close()
    if errors:
        raise SystemExit(f"{pdf_path.name}: " + "; ".join(errors))
    return dict(stats)


# ---------------------------------------------------------------- main


def documents(ids: list[str]) -> list[tuple[str, Path]]:
    found = [(p.stem, HERE / half) for half in HALVES for p in sorted((HERE / half / "gold").glob("*.json"))]
    return [(i, folder) for i, folder in found if not ids or i in ids]


def main(argv: list[str]) -> None:
    only_verify = "--verify" in argv
    ids = [a for a in argv if not a.startswith("--")]
    with tempfile.TemporaryDirectory(prefix="chromium-prose-") as tmp:
        profile = make_profile(Path(tmp))
        for doc_id, folder in documents(ids):
            gold = json.loads((folder / "gold" / f"{doc_id}.json").read_text(encoding="utf-8"))
            pdf = folder / "pdf" / f"{doc_id}.pdf"
            if not only_verify:
                (folder / "html").mkdir(exist_ok=True)
                (folder / "pdf").mkdir(exist_ok=True)
                page = folder / "html" / f"{doc_id}.html"
                page.write_text(render(gold), encoding="utf-8")
                print_pdf(page, pdf, profile)
            stats = verify(gold, pdf)
            print(f"{folder.name}/{doc_id}: " + ", ".join(f"{k} {v}" for k, v in stats.items()))


if __name__ == "__main__":
    main(sys.argv[1:])
