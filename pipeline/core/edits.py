"""The audit trail: every change the clean-up makes to the extracted text."""

from __future__ import annotations


class EditLog:
    """Collects edits from the stages, in the order they happen.

    Each edit is the JSON form of :class:`pipeline.output.models.Edit`; the document validates
    them all at once when it is assembled.
    """

    def __init__(self) -> None:
        self.edits: list[dict] = []

    def record(self, kind: str, before: str, after: str, page: int, reason: str,
               box: dict | None = None, confidence: float | None = None) -> None:
        self.edits.append({"kind": kind, "before": before, "after": after, "page": page,
                           "reason": reason, "box": box, "confidence": confidence})

    def count(self, kind: str) -> int:
        return sum(1 for edit in self.edits if edit["kind"] == kind)
