"""Hold a build to its quality: bounds per metric, and a saved baseline no document may fall below.

``--fail-under METRIC=VALUE`` bounds a metric where higher is better (a document fails
below VALUE); ``--fail-over METRIC=VALUE`` one where lower is better (cer, wer, leakage:
a document fails above VALUE). Naming a metric with the other option is an error, so
``--fail-under cer=0.01`` cannot be misread. A document on which a metric is not measured
(:mod:`.metrics`) is not held to it.

A baseline (``--save-baseline FILE``) is every document's metrics; ``--baseline FILE``
fails each document that is worse on a metric than the baseline by more than a tolerance.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from .documents import Scores
from .metrics import METRICS, Metric, metric_named, metric_values


@dataclass(frozen=True)
class Bound:
    """A metric held to a value: no lower when higher is better, no higher when lower is."""

    metric: Metric
    value: float

    def broken_by(self, measured: float) -> bool:
        return self.metric.worse_by(measured, self.value) > 0


def parse_bound(text: str, higher_is_better: bool) -> Bound:
    """``METRIC=VALUE`` for ``--fail-under`` (``higher_is_better``) or ``--fail-over``.

    >>> parse_bound("paragraph_recall=0.95", True).value
    0.95
    >>> parse_bound("cer=0.01", True)
    Traceback (most recent call last):
    ValueError: cer: lower is better, so it is held with --fail-over cer=0.01
    """
    name, equals, value = text.partition("=")
    if not equals:
        raise ValueError(f"{text}: expected METRIC=VALUE, e.g. paragraph_recall=0.95")
    metric = metric_named(name.strip())
    if metric.higher_is_better != higher_is_better:
        option = "--fail-under" if metric.higher_is_better else "--fail-over"
        raise ValueError(f"{metric.name}: {metric.better} is better, so it is held with {option} {text}")
    try:
        return Bound(metric, float(value))
    except ValueError:
        raise ValueError(f"{text}: {value!r} is not a number") from None


@dataclass(frozen=True)
class Failure:
    """One document worse on one metric than it may be."""

    document: str
    metric: Metric
    measured: float
    limit: float
    rule: str
    """What set the limit: ``--fail-under``, ``--fail-over`` or ``baseline``."""

    def __str__(self) -> str:
        """The failure as one line.

        >>> print(Failure("memo", metric_named("cer"), 0.000123, 0.0001, "--fail-over"))
        memo: cer 0.00012 > 0.00010 (--fail-over)
        """
        return f"{self.document}: {self.comparison()} ({self.rule})"

    def comparison(self) -> str:
        """The metric, its value and the limit it passed: ``cer 0.0120 > 0.0100``."""
        sign = "<" if self.metric.higher_is_better else ">"
        measured, limit = distinct_values(self.measured, self.limit)
        return f"{self.metric.name} {measured} {sign} {limit}"

    def as_json(self) -> dict[str, str | float]:
        return {"document": self.document, "metric": self.metric.name, "measured": self.measured,
                "limit": self.limit, "rule": self.rule}


def distinct_values(a: float, b: float) -> tuple[str, str]:
    """``a`` and ``b`` as reports show metrics, with more places when four would show them alike.

    >>> distinct_values(0.99, 1.0), distinct_values(0.00012, 0.0001), distinct_values(3, 0)
    (('0.9900', '1.0000'), ('0.00012', '0.00010'), ('3', '0'))
    """
    if isinstance(a, int) and isinstance(b, int):
        return str(a), str(b)
    places = 4
    while f"{a:.{places}f}" == f"{b:.{places}f}" and places < 12:
        places += 1
    return f"{a:.{places}f}", f"{b:.{places}f}"


def bound_failures(rows: list[Scores], bounds: list[Bound]) -> list[Failure]:
    """Each document and bound it breaks, in the order of the documents."""
    failures = []
    for row in rows:
        for bound in bounds:
            measured = bound.metric.value_of(row)
            if measured is not None and bound.broken_by(measured):
                rule = "--fail-under" if bound.metric.higher_is_better else "--fail-over"
                failures.append(Failure(row.document, bound.metric, measured, bound.value, rule))
    return failures


def save_baseline(rows: list[Scores], path: Path) -> None:
    """Every document's metrics, by document name, as JSON."""
    baseline = {"documents": {row.document: metric_values(row) for row in rows}}
    path.write_text(json.dumps(baseline, indent=2) + "\n", encoding="utf-8")


def load_baseline(path: Path) -> dict[str, dict[str, float | None]]:
    return json.loads(path.read_text(encoding="utf-8"))["documents"]


def baseline_failures(rows: list[Scores], baseline: dict[str, dict[str, float | None]],
                      tolerance: float) -> list[Failure]:
    """Each document and metric that is worse than in the baseline by more than ``tolerance``
    (documents the baseline does not have are not judged)."""
    failures = []
    for row in rows:
        saved = baseline.get(row.document, {})
        for metric in METRICS:
            measured, before = metric.value_of(row), saved.get(metric.name)
            if measured is not None and before is not None and metric.worse_by(measured, before) > tolerance:
                failures.append(Failure(row.document, metric, measured, before, "baseline"))
    return failures
