"""The metrics a document's reading can be held to, by name, each with the direction that is better.

``python -m pipeline eval --fail-under / --fail-over / --baseline`` and
:func:`pipeline.testing.assert_quality` name them; ``eval --help`` lists them, and
``docs/regression-testing.md`` has the same table. A metric is ``None`` for a document it
cannot be measured on (no tables in the gold, no headings in a plain-text gold, no
line-end hyphen that the gold decides).
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from dataclasses import dataclass

from .documents import Scores


@dataclass(frozen=True)
class Metric:
    name: str
    higher_is_better: bool
    meaning: str
    value_of: Callable[[Scores], float | None]
    not_measured: str = ""
    """When the metric is not measured on a document (its value is None)."""

    @property
    def better(self) -> str:
        return "higher" if self.higher_is_better else "lower"

    def worse_by(self, measured: float, reference: float) -> float:
        """How much worse ``measured`` is than ``reference`` (negative when better).

        >>> METRICS_BY_NAME["cer"].worse_by(0.03, 0.01) > 0, METRICS_BY_NAME["paragraph_recall"].worse_by(0.9, 1.0) > 0
        (True, True)
        """
        return reference - measured if self.higher_is_better else measured - reference


def _share(pair: tuple[int, int]) -> float | None:
    found, total = pair
    return found / total if total else None


PLAIN_TEXT = "plain-text gold (.gt.txt) does not mark headings"
METRICS = [
    Metric("cer", False, "character error rate: edit distance of the whole text to the gold's, by characters, "
                         "over the gold's length (whitespace folded, curly quotes as straight)", lambda s: s.cer),
    Metric("wer", False, "word error rate: the same by words", lambda s: s.wer),
    Metric("sentence_recall", True, "share of the gold's sentences (20 characters or more) found verbatim in one "
                                    "output block", lambda s: s.sentence_recall),
    Metric("paragraph_recall", True, "share of the gold's paragraphs and list items matched by one output "
                                     "paragraph at least 95% alike (or as alike as the gold's paragraph_match says: "
                                     "gold init writes 100, word for word); a paragraph of placeholders alone "
                                     "is not judged, and where the gold marks no headings (.gt.txt) output "
                                     "headings, numbers dropped, count as paragraphs", lambda s: s.paragraph_recall),
    Metric("fragment_score", True, "share of the output's paragraphs placed in a gold paragraph (contained in it, "
                                   "95% alike) that hold at least 80% of it: not a piece cut at a column or page "
                                   "break", lambda s: s.fragment_score),
    Metric("heading_precision", True, "share of the output's headings that match a gold heading (90% alike, "
                                      "one to one)", lambda s: s.heading_precision, PLAIN_TEXT),
    Metric("heading_recall", True, "share of the gold's headings that an output heading matches",
           lambda s: s.heading_recall, PLAIN_TEXT),
    Metric("leakage", False, "furniture lines (running heads, page numbers) found in the output text: a count",
           lambda s: s.leakage),
    Metric("hyphenation_accuracy", True, "share of the PDF's line-end hyphens, among those whose word the gold spells, "
                                "resolved as the gold spells it", lambda s: s.hyphenation_accuracy,
           "no line-end hyphen of the PDF breaks a word the gold spells"),
    Metric("table_cells", True, "share of the gold's table cells found in the output table most like each gold table",
           lambda s: _share(s.regions.table_cells) if s.regions else None, "the gold has no tables"),
    Metric("footnotes", True, "share of the gold's footnotes matched by an output footnote (90% alike)",
           lambda s: _share(s.regions.footnotes) if s.regions else None, "the gold has no footnotes"),
]
METRICS_BY_NAME = {metric.name: metric for metric in METRICS}


def metric_named(name: str) -> Metric:
    """The metric of that name; a :class:`ValueError` lists the names when there is none.

    >>> metric_named("cer").better
    'lower'
    >>> metric_named("CER")
    Traceback (most recent call last):
    ValueError: no metric CER; the metrics: cer, wer, sentence_recall, paragraph_recall, fragment_score, \
heading_precision, heading_recall, leakage, hyphenation_accuracy, table_cells, footnotes
    """
    if name not in METRICS_BY_NAME:
        raise ValueError(f"no metric {name}; the metrics: {', '.join(METRICS_BY_NAME)}")
    return METRICS_BY_NAME[name]


def metric_values(scores: Scores) -> dict[str, float | None]:
    """Every metric of one document, by name."""
    return {metric.name: metric.value_of(scores) for metric in METRICS}


def metrics_help(width: int = 100) -> str:
    """The metrics, for ``--help``: name, which way is better, meaning."""
    lines = ["metrics (which way is better, what is counted):"]
    for metric in METRICS:
        head = f"  {metric.name:<21} {metric.better:<7}"
        lines.append(textwrap.fill(metric.meaning, width, initial_indent=head, subsequent_indent=" " * len(head)))
    return "\n".join(lines)
