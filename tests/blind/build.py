"""Build the BLIND measurement set (tests/blind) with ReportLab platypus.

Measurement only: nobody may tune the pipeline to these documents (see README.md).

The renderer and the verifier are those of ``tests/heldout/build.py``, imported
unchanged: this script only points them at ``tests/blind/gold`` and
``tests/blind/pdf`` and sets the PDF creator string to ``tests/blind/build.py``.
The documents (gold JSON, prose and layouts) are new and were written for this set.

Usage::

    .venv/bin/python tests/blind/build.py              # build + verify (PyMuPDF and pdfplumber) + stats
    .venv/bin/python tests/blind/build.py --no-verify [ids...]
    .venv/bin/python tests/blind/build.py --png        # also /tmp/blind-<id>-p<n>.png (60 dpi)
"""
from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
GOLD_DIR = HERE / "gold"
PDF_DIR = HERE / "pdf"

_spec = importlib.util.spec_from_file_location("heldout_build", HERE.parent / "heldout" / "build.py")
hb = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(hb)  # type: ignore[union-attr]


class BlindDoc(hb.Doc):
    """heldout's Doc, with this script named as the PDF creator."""

    def __init__(self, *a: Any, **kw: Any) -> None:
        kw["creator"] = "tests/blind/build.py"
        super().__init__(*a, **kw)


hb.Doc = BlindDoc  # render() looks Doc up in its module at call time


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--no-verify", action="store_true")
    ap.add_argument("--png", action="store_true", help="write /tmp/blind-<id>-p<n>.png previews")
    ap.add_argument("--debug", action="store_true", help="print what happens at each frame boundary")
    ap.add_argument("ids", nargs="*")
    args = ap.parse_args(argv)
    PDF_DIR.mkdir(exist_ok=True)
    print(f"reportlab {hb.reportlab.Version}; invariant={hb.rl_config.invariant}")
    rows, ok = [], True
    for gp in sorted(GOLD_DIR.glob("*.json")):
        gold = json.loads(gp.read_text(encoding="utf-8"))
        if args.ids and gold["id"] not in args.ids:
            continue
        out = PDF_DIR / f"{gold['id']}.pdf"
        geo = hb.render(gold, out)
        sha = hashlib.sha256(out.read_bytes()).hexdigest()[:12]
        if args.png:
            import pymupdf
            with pymupdf.open(out) as doc:
                for p in doc:
                    p.get_pixmap(dpi=60).save(f"/tmp/blind-{gold['id']}-p{p.number + 1}.png")
        if args.no_verify:
            print(f"{gold['id']}: {len(geo['page_templates'])} pages sha256={sha}")
            continue
        try:
            st = hb.verify(gold, out, geo, "pymupdf")
            st2 = hb.verify(gold, out, geo, "pdfplumber")
            assert (st2["auto"], st2["compound"]) == (st["auto"], st["compound"]), "pdfplumber disagrees"
            st.update(hb.check_pdf_objects(gold, out))
        except AssertionError as exc:
            ok = False
            print(f"{gold['id']}: VERIFY FAILED: {exc}")
            continue
        transitions = st.pop("transitions")
        if args.debug:
            print("   frame boundaries:", "; ".join(transitions))
        print("   compound breaks:", ", ".join(st.pop("compound_breaks")) or "-")
        rows.append((gold["id"], st))
        print(f"{gold['id']}: OK sha256={sha} {json.dumps(st, ensure_ascii=True)}")
    if rows:
        print("\n| id | pages | words | auto hyphen breaks | compound breaks | para across column | para across page | links |")
        print("|---|---|---|---|---|---|---|---|")
        for gid, s in rows:
            print(f"| {gid} | {s['pages']} | {s['words']} | {s['auto']} | {s['compound']} | "
                  f"{s['across_col']} | {s['across_page']} | {s['links']} |")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
