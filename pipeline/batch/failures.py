"""Why a file failed, in a few kinds a script can act on; each kind has its own exit code.

A failure is one line naming the file and the cause in plain words (``reason``) plus its
``kind``. ``python -m pipeline run`` exits with the kind's code when every failure of the
run is of one kind, with :data:`EXIT_FAILED` when they differ, and 0 when none failed:

>>> exit_code(["encrypted", "encrypted"])
4
>>> exit_code(["encrypted", "damaged"])
1
>>> exit_code([])
0
"""

from __future__ import annotations

from collections.abc import Iterable

EXIT_FAILED = 1
"""Files failed for different kinds of reasons (or ``eval`` found nothing to measure)."""
EXIT_USAGE = 2
"""The command line was wrong (argparse's own code)."""

KINDS: dict[str, tuple[int, str]] = {
    "not-pdf": (3, "missing, empty, or not a PDF at all"),
    "encrypted": (4, "needs a password, or the password given is wrong"),
    "damaged": (5, "a PDF too broken to read (no readable page)"),
    "no-text": (6, "readable, but no text on any page, even after OCR"),
    "timeout": (7, "took longer than --timeout"),
    "memory": (8, "needed more memory than --max-memory"),
    "crash": (9, "the pipeline or a PDF library failed unexpectedly: a bug, please report it (--debug)"),
    "io": (10, "an output could not be written, or its name is taken by another input"),
}
"""Each kind of failure: its exit code and what it means."""

MEMORY_MESSAGES = ("out of memory", "malloc", "cannot allocate", "memory error", "failed to map segment")
"""How MuPDF, the C library and the loader of shared libraries say that an allocation failed."""
UNEXPECTED = {"memory": "ran out of memory", "io": "cannot read or write a file", "crash": "failed unexpectedly"}
"""How a failure from an exception (not a :class:`~pipeline.PdfError`) starts, by kind."""


def exit_code(kinds: Iterable[str]) -> int:
    """The exit code of a run whose failures are of ``kinds``."""
    distinct = set(kinds)
    if not distinct:
        return 0
    if len(distinct) > 1:
        return EXIT_FAILED
    return KINDS[distinct.pop()][0]


def kind_of_exception(error: BaseException) -> str:
    """The kind of an unexpected exception: ``memory`` for a failed allocation, ``io`` for
    another error of the operating system, else ``crash``."""
    if isinstance(error, MemoryError) or any(text in str(error).lower() for text in MEMORY_MESSAGES):
        return "memory"
    return "io" if isinstance(error, OSError) else "crash"


def exit_codes_help() -> str:
    """The exit codes, one per line, for ``--help``."""
    lines = ["exit codes:", "  0  every file done", f"  {EXIT_FAILED}  files failed for different reasons",
             f"  {EXIT_USAGE}  wrong command line"]
    lines += [f"  {code:<2} {kind}: {meaning}" for kind, (code, meaning) in KINDS.items()]
    return "\n".join(lines)
