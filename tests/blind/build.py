"""Build the BLIND measurement set (tests/blind) with ReportLab platypus.

Measurement only: nobody may tune the pipeline to these documents (see README.md).

The renderer and the verifier are those of ``tests/heldout/build.py``, run on this
folder (``gold/*.json`` into ``pdf/``) with this script named as the PDF creator. The
documents (gold JSON, prose and layouts) are new and were written for this set.

Usage::

    .venv/bin/python tests/blind/build.py              # build + verify (PyMuPDF and pdfplumber) + stats
    .venv/bin/python tests/blind/build.py --no-verify [ids...]
    .venv/bin/python tests/blind/build.py --png        # also /tmp/blind-<id>-p<n>.png (60 dpi)
"""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

_spec = importlib.util.spec_from_file_location("heldout_build", HERE.parent / "heldout" / "build.py")
heldout_build = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(heldout_build)  # type: ignore[union-attr]

if __name__ == "__main__":
    sys.exit(heldout_build.main(folder=HERE, creator="tests/blind/build.py"))
