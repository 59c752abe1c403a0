"""Build this folder's PDFs with GNU groff from gold/<id>.json and verify them (see README.md).

    .venv/bin/python tests/regions/groff/build.py [--verify-only] [<id> ...]
"""

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from groff_build import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(HERE))
