"""Quality of pymupdf4llm's Markdown on gold corpora, scored like this pipeline's output.

    python benchmarks/peer_quality.py tests/heldout_scanned/good [...]
    python benchmarks/peer_quality.py ../shared/corpus/docling    # a reference-Markdown corpus

pymupdf4llm runs in ``.venv-bench`` (``make bench`` creates it). Against gold text, its
Markdown is cut into blocks at blank lines, Markdown marks are removed, and every block
counts as a paragraph; CER and sentence/paragraph recall are computed by
:mod:`pipeline.evaluation.documents`. Against a reference Markdown (``pdf/`` + ``gt/``),
it is scored by :mod:`pipeline.evaluation.reference`, exactly as the pipeline's own.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.evaluation.documents import (  # noqa: E402
    character_error_rate,
    gold_pairs,
    load_gold_json,
    paragraph_recall,
    sentence_recall,
)
from pipeline.evaluation.reference import format_reference_table, reference_pairs, score_markdown  # noqa: E402

BENCH_PYTHON = ROOT / ".venv-bench" / "bin" / "python"
TO_MARKDOWN = "import sys, pymupdf4llm; sys.stdout.write(pymupdf4llm.to_markdown(sys.argv[1]))"
MARKDOWN_MARKS = re.compile(r"^#+\s*|^[-*]\s+|\*\*|__|(?<!\w)[*_](?=\w)|(?<=\w)[*_](?!\w)|`", re.MULTILINE)


def markdown_blocks(markdown: str) -> list[str]:
    blocks = [MARKDOWN_MARKS.sub("", block) for block in re.split(r"\n\s*\n", markdown)]
    return [" ".join(block.split()) for block in blocks if block.strip()]


def peer_markdown(pdf: Path) -> str:
    return subprocess.run([str(BENCH_PYTHON), "-c", TO_MARKDOWN, str(pdf)], capture_output=True,
                          text=True, check=True).stdout


def main(corpora: list[str]) -> int:
    references = [pair for corpus in corpora for pair in reference_pairs(Path(corpus))]
    if references:
        print(format_reference_table([score_markdown(peer_markdown(pdf), reference.read_text(encoding="utf-8"),
                                                     pdf.stem) for pdf, reference in references]))
        return 0
    rows = []
    for corpus in corpora:
        for pdf, gold_path in gold_pairs(Path(corpus)):
            markdown = peer_markdown(pdf)
            blocks = markdown_blocks(markdown)
            gold = load_gold_json(gold_path, 1000)
            rows.append({"document": pdf.stem, "cer": character_error_rate(gold.text, "\n".join(blocks)),
                         "sentence_recall": sentence_recall(gold.paragraphs, blocks),
                         "paragraph_recall": paragraph_recall(gold.paragraphs, blocks)})
    means = {key: sum(row[key] for row in rows) / len(rows) for key in ("cer", "sentence_recall", "paragraph_recall")}
    print(json.dumps({"documents": rows, "mean": means}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
