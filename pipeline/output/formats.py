"""The output formats one input can give, and their file names.

``run --format md,json,html,chunks`` picks any of them; each is written beside the others as
``<stem><suffix>``:

>>> [output_name("paper", name) for name in FORMATS]
['paper.json', 'paper.md', 'paper.html', 'paper.chunks.jsonl']
>>> parse_formats("html, md,md")
('md', 'html')
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..settings import Settings
    from .models import Document

FORMATS = {"json": ".json", "md": ".md", "html": ".html", "chunks": ".chunks.jsonl"}
"""Each format and the suffix of its file, in the order the files are listed."""
DEFAULT_FORMATS = ("json", "md")


def parse_formats(text: str) -> tuple[str, ...]:
    """The formats named in a comma-separated list, in :data:`FORMATS` order; raises
    :class:`ValueError` for an unknown name or an empty list."""
    names = {name.strip() for name in text.split(",") if name.strip()}
    unknown = sorted(names - FORMATS.keys())
    if unknown or not names:
        raise ValueError(f"unknown format {', '.join(unknown)}" if unknown else "no format named")
    return tuple(name for name in FORMATS if name in names)


def output_name(stem: str, format_name: str) -> str:
    return stem + FORMATS[format_name]


def render(document: Document, format_name: str, settings: Settings) -> str:
    """The text of ``document`` in one format (``settings`` gives the chunks' size)."""
    if format_name == "json":
        return document.model_dump_json(indent=1)
    if format_name == "md":
        return document.to_markdown()
    if format_name == "html":
        return document.to_html()
    from .chunks import chunks_jsonl

    return chunks_jsonl(document.to_chunks(settings.chunks.max_chars))
