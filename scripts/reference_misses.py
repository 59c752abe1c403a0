"""Per document of a reference corpus (pdf/ + gt/), what the reference scorer counts as lost.

Lists reference headings the output misses, output headings the reference does not have,
and reference paragraphs no output block matches whole, using the scorer's own matching
(``pipeline.evaluation.reference``). Usage: ``python scripts/reference_misses.py CORPUS [STEM ...]``;
``--save DIR`` also writes each output's Markdown there.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from pipeline import process_pdf
from pipeline.evaluation.documents import match_headings
from pipeline.evaluation.reference import WHOLE, WORD, _best, reference_blocks, reference_pairs


def misses(markdown: str, reference: str) -> list[str]:
    """Report lines for one document's output Markdown against its reference."""
    ours, theirs = reference_blocks(markdown), reference_blocks(reference)
    match = match_headings([b.text for b in theirs if b.kind == "heading"],
                           [b.text for b in ours if b.kind == "heading"], words_in_any_order=True)
    lines = [f"  heading missed: {h!r}" for h in match.gold_unmatched]
    lines += [f"  heading extra:  {h!r}" for h in match.output_unmatched]
    candidates = [b.text for b in ours if b.kind in ("paragraph", "code")]
    for block in theirs:
        if block.kind != "paragraph" or not WORD.search(block.text):
            continue
        index, score = _best(block.text, candidates)
        if score < WHOLE:
            closest = candidates[index] if index >= 0 else ""
            lines.append(f"  paragraph {score:.0f}: {block.text[:160]!r}\n      closest: {closest[:160]!r}")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus", type=Path)
    parser.add_argument("stems", nargs="*")
    parser.add_argument("--save", type=Path)
    args = parser.parse_args()
    for pdf, gt in reference_pairs(args.corpus):
        if args.stems and pdf.stem not in args.stems:
            continue
        markdown = process_pdf(pdf).to_markdown()
        if args.save:
            args.save.mkdir(parents=True, exist_ok=True)
            (args.save / f"{pdf.stem}.md").write_text(markdown, encoding="utf-8")
        print(f"## {pdf.stem}")
        print("\n".join(misses(markdown, gt.read_text(encoding="utf-8"))))


if __name__ == "__main__":
    main()
