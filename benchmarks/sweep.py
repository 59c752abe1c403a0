"""Robustness sweep: the gold documents re-typeset in random layouts, then evaluated.

Each variant keeps a gold document's text and changes its layout at random: one to three
columns of equal or unequal width, gutter, font family, body size and leading, paragraph
style (indent or space between). It is rendered with the gold corpus's own typesetter
(``tests/corpus/build.py``) and scored with ``python -m pipeline eval``'s metrics:

    python benchmarks/sweep.py [--seeds 1 2 3] [--keep DIR]

The variants are made afresh from the seeds; none of them was used to tune the pipeline
beyond the fixes the sweep led to (recorded in docs/DESIGN.md).
"""

from __future__ import annotations

import argparse
import copy
import json
import random
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "corpus"))

import build  # noqa: E402  (the gold corpus typesetter)

from pipeline.evaluation.documents import evaluate, format_table, mean_scores  # noqa: E402

FAMILIES = {
    "serif": ("DejaVuSerif", "-Bold", "-Italic", "-BoldItalic"),
    "sans": ("DejaVuSans", "-Bold", "-Oblique", "-BoldOblique"),
    "condensed": ("DejaVuSansCondensed", "-Bold", "-Oblique", "-BoldOblique"),
}
VARIANTS_PER_DOCUMENT = 3


def font_family(name: str) -> dict[str, str]:
    stem, bold, italic, bold_italic = FAMILIES[name]
    return {"regular": f"{stem}.ttf", "bold": f"{stem}{bold}.ttf", "italic": f"{stem}{italic}.ttf",
            "bolditalic": f"{stem}{bold_italic}.ttf"}


def random_layout(layout: dict, rng: random.Random) -> tuple[dict, str]:
    """A copy of ``layout`` with columns, fonts, sizes and paragraph style drawn at random."""
    layout = copy.deepcopy(layout)
    family = rng.choice(sorted(FAMILIES))
    layout["fonts"] = {name: font_family(family) for name in layout["fonts"]}
    columns = rng.choice([1, 2, 2, 3])
    layout["columns"] = {"widths": [rng.choice([0.8, 1, 1]) for _ in range(columns)],
                         "gutter": rng.choice([12, 16, 20, 26]), "rule": rng.choice([0, 0, 0.5])}
    body = layout["body"]
    body["size"] = rng.choice([9, 9.5, 10, 10.5, 11])
    body["leading"] = round(body["size"] * rng.choice([1.15, 1.2, 1.3]), 1)
    body["paragraph_style"] = rng.choice(["indent", "gap"])
    body["indent"] = rng.choice([10, 14, 18]) if body["paragraph_style"] == "indent" else 0
    body["gap"] = rng.choice([3, 5, 7]) if body["paragraph_style"] == "gap" else 0
    layout["seed"] = rng.randrange(10_000)
    return layout, f"{columns}col-{family}"


def make_variants(seed: int, folder: Path) -> None:
    rng = random.Random(seed)
    (folder / "pdf").mkdir(parents=True, exist_ok=True)
    (folder / "gold").mkdir(parents=True, exist_ok=True)
    for gold_path in sorted((ROOT / "tests" / "corpus" / "gold").glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        for index in range(VARIANTS_PER_DOCUMENT):
            variant = copy.deepcopy(gold)
            variant["layout"], label = random_layout(gold["layout"], rng)
            variant["id"] = f"{gold['id']}-s{seed}v{index}-{label}"
            pdf = build.render_document(variant, variant["layout"])
            (folder / "pdf" / f"{variant['id']}.pdf").write_bytes(pdf)
            (folder / "gold" / f"{variant['id']}.json").write_text(json.dumps(variant), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3, 4, 5, 6])
    parser.add_argument("--keep", type=Path, help="keep the variants in this folder")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.keep or Path(scratch)
        for seed in args.seeds:
            make_variants(seed, folder)
        rows = [evaluate(pdf, folder / "gold" / f"{pdf.stem}.json")
                for pdf in sorted((folder / "pdf").glob("*.pdf"))]
    print(format_table(rows))
    means = mean_scores(rows)
    print(f"\n{len(rows)} variants; mean CER {means['cer']:.4f}, sentence recall {means['sentence_recall']:.3f}, "
          f"paragraph recall {means['paragraph_recall']:.3f}, heading P/R {means['heading_precision']:.3f}/"
          f"{means['heading_recall']:.3f}, leakage {means['leakage']:.2f}, "
          f"hyphenation {means['hyphenation_accuracy']:.3f}")


if __name__ == "__main__":
    main()
