"""Outputs of every corpus, to show that a change of code (a refactoring) changes no output.

    python scripts/snapshot_outputs.py write DIR      # run the pipeline over every corpus into DIR
    python scripts/snapshot_outputs.py compare A B    # exit 1 when the outputs in A and B differ

``write`` runs ``python -m pipeline run`` once per corpus (the project's own corpora and,
when ``../shared`` is there, the shared ones), from the current folder's code, into
``DIR/<corpus>/``. To snapshot an earlier commit, run it from a worktree of that commit:

    git worktree add /tmp/before <commit>
    (cd /tmp/before && python /path/to/scripts/snapshot_outputs.py write /tmp/snap-before)
    python scripts/snapshot_outputs.py write /tmp/snap-after
    python scripts/snapshot_outputs.py compare /tmp/snap-before /tmp/snap-after

``compare`` holds every Markdown file byte for byte, every JSON file value for value with
the recorded ``settings`` left out (what a run was configured with is not its output), and
the failures listed in each batch summary.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "corpus"
CORPORA = {
    "input_pdfs": ROOT / "input_pdfs",
    "corpus": ROOT / "tests/corpus/pdf",
    "heldout": ROOT / "tests/heldout/pdf",
    "blind": ROOT / "tests/blind/pdf",
    **{f"{name}-{quality}": ROOT / f"tests/{name}/{quality}/pdf"
       for name in ("scanned", "heldout_scanned", "blind_scanned") for quality in ("good", "poor", "image")},
    "bad_inputs": ROOT / "tests/bad_inputs/files",
    "bast-korzen": SHARED / "bast-korzen",
    "docling": SHARED / "docling/pdf",
    "wild-real": SHARED / "wild/real",
    "wild-hostile": SHARED / "wild/hostile",
}
IGNORED_KEYS = ("settings",)


def write(out: Path, workers: int) -> None:
    for name, folder in CORPORA.items():
        if not folder.is_dir():
            print(f"{name}: {folder} not found, skipped", file=sys.stderr)
            continue
        print(f"{name}: {folder}", file=sys.stderr, flush=True)
        subprocess.run([sys.executable, "-m", "pipeline", "run", str(folder), "-o", str(out / name), "--force",
                        "--workers", str(workers)], check=False)


def compare(before: Path, after: Path) -> list[str]:
    """What differs between two snapshots, one line each."""
    differences = []
    names = {p.relative_to(before) for p in before.rglob("*") if _is_output(p)}
    names |= {p.relative_to(after) for p in after.rglob("*") if _is_output(p)}
    for name in sorted(names):
        a, b = before / name, after / name
        if not (a.exists() and b.exists()):
            differences.append(f"{name}: only in {'before' if a.exists() else 'after'}")
        elif name.suffix == ".json" and _content(a) != _content(b):
            differences.append(f"{name}: JSON differs")
        elif name.suffix == ".md" and a.read_bytes() != b.read_bytes():
            differences.append(f"{name}: Markdown differs")
    for summary in sorted(before.glob("*/.pipeline/summary.json")):
        other = after / summary.relative_to(before)
        if not other.exists() or _failures(summary) != _failures(other):
            differences.append(f"{summary.relative_to(before)}: failures differ")
    return differences


def _is_output(path: Path) -> bool:
    return path.suffix in (".json", ".md") and ".pipeline" not in path.parts


def _content(path: Path) -> dict:
    data = json.loads(path.read_text(encoding="utf-8"))
    for key in IGNORED_KEYS:
        data.pop(key, None)
    return data


def _failures(summary: Path) -> list[dict]:
    return json.loads(summary.read_text(encoding="utf-8"))["failures"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    writing = commands.add_parser("write")
    writing.add_argument("out", type=Path)
    writing.add_argument("--workers", type=int, default=2)
    comparing = commands.add_parser("compare")
    comparing.add_argument("before", type=Path)
    comparing.add_argument("after", type=Path)
    args = parser.parse_args()
    if args.command == "write":
        write(args.out, args.workers)
        return 0
    differences = compare(args.before, args.after)
    print("\n".join(differences) or "no differences")
    outputs = sum(1 for p in args.after.rglob("*") if _is_output(p))
    print(f"{outputs} output files compared", file=sys.stderr)
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
