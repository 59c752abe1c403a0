#!/usr/bin/env python3
"""Read-only checks and raw OCR error figures for tests/heldout_scanned (needs PyMuPDF).

    .venv/bin/python tests/heldout_scanned/verify.py            # checks + figures per variant
    .venv/bin/python tests/heldout_scanned/verify.py --examples 20

For every ``<variant>/pdf/<id>.pdf`` it checks against ``tests/heldout/pdf/<id>.pdf``: same page
count and page sizes, one full-page image per page, and that the text layer is invisible OCR text
(good/, poor/: every span in render mode 3 or with opacity 0) or absent (image/). It then prints a
rough bag-of-words error of the text layer against the gold text, and examples of OCR errors
found by aligning the OCR words with the original PDF's words page by page.

This is a look at the fixtures, not an evaluation of the pipeline: it never runs ``pipeline``.
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import sys
from collections import Counter
from pathlib import Path

import pymupdf

HERE = Path(__file__).resolve().parent
SOURCE = HERE.parent / "heldout"
VARIANTS = ("good", "poor", "image")
HAS_TEXT = {"good": True, "poor": True, "image": False}

QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u00ad": "-", "\u2010": "-"})


def gold_text(gold: dict, pages: int) -> str:
    """Every printed gold word: title, front matter, headings, body, list items, header and footer."""
    parts = [gold.get("title") or "", *gold.get("front_matter", []), *gold.get("toc", [])]
    for section in gold["sections"]:
        parts.append(section.get("heading") or "")
        for paragraph in section["paragraphs"]:
            parts.extend(paragraph["items"] if isinstance(paragraph, dict) else [paragraph])
    for page in range(1, pages + 1):
        for template in (gold.get("header"), gold.get("footer")):
            if template:
                parts.append(template.replace("{page}", str(page)).replace("{total}", str(pages)))
    text = "\n".join(parts)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)  # [link text](url)
    return text.replace("**", "").replace("*", "")


def strip(token: str) -> str:
    return re.sub(r"^[^\w]+|[^\w]+$", "", token.translate(QUOTES).lower())


def tokens(text: str) -> list[str]:
    return [t for t in (strip(raw) for raw in text.split()) if t]


def dehyphenate(page_text: str, vocabulary: set[str]) -> str:
    """Join a line-end ``xx-`` with the next line's first word (without the hyphen if the gold knows that)."""
    lines = [line.strip() for line in page_text.translate(QUOTES).splitlines() if line.strip()]
    out: list[str] = []
    carry = ""
    for line in lines:
        words = line.split()
        if carry:
            first = words.pop(0)
            joined = carry[:-1] + first
            out.append(joined if strip(joined) in vocabulary else carry + first)
            carry = ""
        if words and words[-1].endswith("-") and len(words[-1]) > 1:
            carry = words.pop()
        out.extend(words)
    if carry:
        out.append(carry)
    return " ".join(out)


def bag(gold: list[str], got: list[str]) -> tuple[int, int, int]:
    matched = sum((Counter(gold) & Counter(got)).values())
    return len(gold), len(got), matched


def check_pdf(variant: str, doc_id: str) -> list[str]:
    problems = []
    original = pymupdf.open(SOURCE / "pdf" / f"{doc_id}.pdf")
    built = pymupdf.open(HERE / variant / "pdf" / f"{doc_id}.pdf")
    gold_bytes = (SOURCE / "gold" / f"{doc_id}.json").read_bytes()
    if (HERE / variant / "gold" / f"{doc_id}.json").read_bytes() != gold_bytes:
        problems.append("gold differs from tests/heldout/gold")
    if len(original) != len(built):
        problems.append(f"{len(built)} pages, original {len(original)}")
    for page, ref in zip(built, original):
        if max(abs(a - b) for a, b in zip(page.rect, ref.rect)) > 0.01:
            problems.append(f"page {page.number + 1}: size {page.rect} vs {ref.rect}")
        images = page.get_image_info()
        if len(images) != 1 or max(abs(a - b) for a, b in zip(images[0]["bbox"], page.rect)) > 0.01:
            problems.append(f"page {page.number + 1}: expected one full-page image, got {len(images)}")
        trace = page.get_texttrace()
        words = page.get_text("words")
        if HAS_TEXT[variant]:
            visible = [span for span in trace if span["type"] != 3 and span["opacity"] > 0]
            if not words:
                problems.append(f"page {page.number + 1}: no OCR words")
            if visible:
                problems.append(f"page {page.number + 1}: {len(visible)} visible text spans")
        elif words or trace or page.get_fonts():
            problems.append(f"page {page.number + 1}: has text ({len(words)} words, {len(trace)} spans)")
    return problems


def align_errors(reference: list[str], ocr: list[str]) -> list[tuple[str, str]]:
    """(printed word, OCR word) pairs from one-to-one replacements in a word alignment."""
    pairs = []
    matcher = difflib.SequenceMatcher(None, reference, ocr, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "replace" and i2 - i1 == j2 - j1:
            pairs.extend((a, b) for a, b in zip(reference[i1:i2], ocr[j1:j2]) if a != b)
    return pairs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=10, help="OCR error examples to print per OCR variant")
    args = parser.parse_args()

    ids = sorted(p.stem for p in (SOURCE / "gold").glob("*.json"))
    failed = False
    rows = []
    per_doc: dict[str, dict] = {}
    examples: dict[str, Counter] = {"good": Counter(), "poor": Counter()}
    for variant in ("original", *VARIANTS):
        totals = {"raw": [0, 0, 0], "dehyph": [0, 0, 0]}
        for doc_id in ids:
            gold = json.loads((SOURCE / "gold" / f"{doc_id}.json").read_text())
            ref_doc = pymupdf.open(SOURCE / "pdf" / f"{doc_id}.pdf")
            folder = SOURCE if variant == "original" else HERE / variant
            path = folder / "pdf" / f"{doc_id}.pdf"
            if not path.exists():
                print(f"MISSING {path}")
                failed = True
                continue
            if variant != "original":
                problems = check_pdf(variant, doc_id)
                status = "ok" if not problems else "FAIL " + "; ".join(problems)
                failed |= bool(problems)
                print(f"check {variant:5} {doc_id:28} {status}")
            doc = pymupdf.open(path)
            expected = tokens(gold_text(gold, len(doc)))
            vocabulary = set(expected)
            texts = [page.get_text() for page in doc]
            for key, text in (("raw", " ".join(texts)),
                              ("dehyph", " ".join(dehyphenate(t, vocabulary) for t in texts))):
                g, o, m = bag(expected, tokens(text))
                totals[key] = [a + b for a, b in zip(totals[key], (g, o, m))]
                per_doc.setdefault(doc_id, {})[(variant, key)] = 1 - m / g
            if variant in examples:
                for page, ref in zip(doc, ref_doc):
                    ref_words = [w.translate(QUOTES) for w in ref.get_text().split()]
                    ocr_words = [w.translate(QUOTES) for w in page.get_text().split()]
                    for a, b in align_errors(ref_words, ocr_words):
                        examples[variant][(a, b)] += 1
        for key, (g, o, m) in totals.items():
            rows.append((variant, key, g, o, m))

    print("\nbag-of-words vs gold (lower-cased, edge punctuation stripped; 'dehyph' rejoins line-end hyphens)")
    print(f"{'variant':9} {'text':7} {'gold':>6} {'found':>6} {'match':>6} {'missed':>7} {'spurious':>9}")
    for variant, key, g, o, m in rows:
        missed = 1 - m / g if g else 0
        spurious = 1 - m / o if o else 0
        print(f"{variant:9} {key:7} {g:6} {o:6} {m:6} {missed:7.1%} {spurious:9.1%}")
    print("('original' is the born-digital PDF's own text layer: its errors are line-end hyphen fragments"
          " and furniture, a floor for the OCR variants)")
    print("\nmissed gold words per document, raw / dehyph")
    print(f"{'id':28} " + " ".join(f"{v:>13}" for v in ("original", "good", "poor")))
    for doc_id, figures in per_doc.items():
        cells = [f"{figures.get((v, 'raw'), 0):5.1%} /{figures.get((v, 'dehyph'), 0):5.1%}"
                 for v in ("original", "good", "poor")]
        print(f"{doc_id:28} " + " ".join(f"{c:>13}" for c in cells))

    for variant, counter in examples.items():
        def interesting(pair):
            a, b = pair
            return strip(a) != strip(b) and strip(a) and not a.endswith("-") and not b.endswith("-")
        pairs = [(pair, n) for pair, n in counter.most_common() if interesting(pair)]
        print(f"\n{variant}: {len(pairs)} distinct one-to-one word errors vs the original text layer; examples:")
        for (a, b), n in pairs[:args.examples]:
            print(f"  {a!r:28} -> {b!r}" + (f"  (x{n})" if n > 1 else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
