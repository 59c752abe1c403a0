"""Read a Markdown text back as blocks: headings, paragraphs, tables (rows of cells), code, comments.

The evaluation reads the pipeline's Markdown and reference Markdowns (docling's) with the
same reader, so both are cut into blocks the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")
DELIMITER_ROW = re.compile(r"^\s*\|[\s:|-]+\|\s*$")
MARKUP = re.compile(r"\\([\\`*_\[\]|])|\*\*|(?<!\\)\*|<br>|\[\^[^\]]+\]")


@dataclass
class MarkdownBlock:
    kind: str
    """heading, paragraph, table, code or comment."""
    text: str
    rows: list[list[str]] = field(default_factory=list)


def markdown_blocks(markdown: str) -> list[MarkdownBlock]:
    """A Markdown text as blocks: headings, paragraphs (a list item each), tables with their
    rows of cells, code, comments."""
    blocks: list[MarkdownBlock] = []
    for chunk in re.split(r"\n\s*\n", markdown.strip()):
        lines = chunk.splitlines()
        first = lines[0].strip()
        if first.startswith("```"):
            blocks.append(MarkdownBlock("code", "\n".join(lines[1:-1])))
        elif first.startswith("<!--"):
            blocks.append(MarkdownBlock("comment", first))
        elif all(TABLE_ROW.match(line) for line in lines):
            rows = [_cells(line) for line in lines if not DELIMITER_ROW.match(line)]
            blocks.append(MarkdownBlock("table", " ".join(" ".join(row) for row in rows), rows))
        elif first.startswith("#"):
            blocks.append(MarkdownBlock("heading", plain(first.lstrip("#"))))
        elif all(re.match(r"^\s*(?:[-*+]|\d+[.)])\s", line) for line in lines):
            blocks += [MarkdownBlock("paragraph", plain(re.sub(r"^\s*(?:[-*+]|\d+[.)])\s", "", line)))
                       for line in lines]
        else:
            blocks.append(MarkdownBlock("paragraph", plain(" ".join(lines))))
    return blocks


def _cells(line: str) -> list[str]:
    inner = line.strip()[1:-1]
    return [plain(cell) for cell in re.split(r"(?<!\\)\|", inner)]


def plain(text: str) -> str:
    """Markdown text without its markup, whitespace folded."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = MARKUP.sub(lambda m: m.group(1) or " ", text)
    return re.sub(r"\s+", " ", text).strip()
