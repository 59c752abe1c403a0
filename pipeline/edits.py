"""The audit trail: every change the clean-up makes to the extracted text."""

from __future__ import annotations

from .models import Box, Edit


class EditLog:
    """Collects :class:`Edit` records from the stages, in the order they happen."""

    def __init__(self) -> None:
        self.edits: list[Edit] = []

    def record(self, kind: str, before: str, after: str, page: int, reason: str,
               box: Box | None = None, confidence: float | None = None) -> None:
        self.edits.append(Edit(kind=kind, before=before, after=after, page=page,
                               reason=reason, box=box, confidence=confidence))

    def count(self, kind: str) -> int:
        return sum(1 for edit in self.edits if edit.kind == kind)
