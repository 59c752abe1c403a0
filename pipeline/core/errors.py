"""The error a file that cannot be processed raises."""

from __future__ import annotations


class PdfError(Exception):
    """A file cannot be processed; the message says why in plain words, ``kind`` which kind
    of failure it is (a key of :data:`pipeline.batch.failures.KINDS`: ``not-pdf``,
    ``encrypted``, ``damaged``, ``no-text``)."""

    def __init__(self, reason: str, kind: str = "damaged") -> None:
        super().__init__(reason)
        self.kind = kind

    def __reduce__(self):
        return type(self), (str(self), self.kind)
