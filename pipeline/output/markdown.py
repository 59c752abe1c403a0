"""Render a :class:`Document` as Markdown.

``#`` title, ``##``/``###``/``####`` section headings by level, contents and list items
as ``- item``, one paragraph per line with a blank line between blocks, bold, italic
and links kept. Running headers and footers never appear (they are not in the model).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .models import Document, Paragraph, Run, Section

MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]])")
ENUMERATED_ITEM = re.compile(r"^\d{1,2}[.)] ")
"""A list item that carries its own number is written as is, an ordered Markdown item."""


def render_markdown(document: Document) -> str:
    blocks: list[str] = []
    if document.title:
        blocks.append(f"# {escape(document.title)}")
    for section in document.sections:
        if section.heading is None:
            _paragraphs(section, blocks)
    if document.toc:
        blocks.append("\n".join(f"- {escape(entry)}" for entry in document.toc))
    for section in document.sections:
        if section.heading is not None:
            _section(section, blocks)
    return "\n\n".join(blocks) + "\n"


def _section(section: Section, blocks: list[str]) -> None:
    hashes = "#" * min(section.level + 1, 6)
    blocks.append(f"{hashes} {escape(section.heading or '')}")
    _paragraphs(section, blocks)
    for child in section.sections:
        _section(child, blocks)


def _paragraphs(section: Section, blocks: list[str]) -> None:
    items: list[str] = []
    for paragraph in section.paragraphs:
        if paragraph.kind == "list_item":
            numbered = ENUMERATED_ITEM.match(paragraph.text)
            items.append(inline(paragraph) if numbered else f"- {inline(paragraph)}")
            continue
        if items:
            blocks.append("\n".join(items))
            items = []
        blocks.append(inline(paragraph))
    if items:
        blocks.append("\n".join(items))


def inline(paragraph: Paragraph) -> str:
    """The paragraph's runs with bold, italic and links as Markdown."""
    if not paragraph.runs:
        return escape(paragraph.text)
    return "".join(_run(run) for run in paragraph.runs)


def _run(run: Run) -> str:
    core = run.text.rstrip(" ")
    trailing = run.text[len(core):]
    text = escape(core)
    if run.bold and run.italic:
        text = f"***{text}***"
    elif run.bold:
        text = f"**{text}**"
    elif run.italic:
        text = f"*{text}*"
    if run.link:
        text = f"[{text}]({run.link})"
    return text + trailing


def escape(text: str) -> str:
    """Escape characters that Markdown would read as markup.

    >>> escape("a*b [c]")
    'a\\\\*b \\\\[c\\\\]'
    """
    return MARKDOWN_SPECIAL.sub(r"\\\1", text)
