"""Read a Markdown text back as blocks: headings, paragraphs, tables (rows of cells), code, comments.

The evaluation reads the pipeline's Markdown and reference Markdowns (docling's) with the
same reader, so both are cut into blocks the same way.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")
DELIMITER_ROW = re.compile(r"^\s*\|[\s:|-]+\|\s*$")
MARKUP = re.compile(r"\\([!-/:-@\[-`{-~])|<br>|\[\^[^\]]+\]:?")
"""Backslash escapes (the character kept), line breaks, and footnote calls and marks."""
STARS = re.compile(r"(?<!\\)\*+")
"""A run of ``*`` not escaped: emphasis when it pairs with another (:func:`_without_emphasis`)."""
CHARACTER_REFERENCE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]*);")
"""As Markdown reads them: with the semicolon (``&copy 2020`` is text)."""
LINK = re.compile(r"(?<!\\)\[((?:[^\]\\]|\\.)*)\]\([^)]*\)")


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
    for chunk in markdown_chunks(markdown):
        lines = chunk.splitlines()
        first = lines[0].strip()
        if first.startswith("```"):
            blocks.append(MarkdownBlock("code", "\n".join(lines[1:-1])))
        elif first.startswith("<table"):
            text = folded(html.unescape(re.sub(r"<[^>]+>", " ", chunk)))  # each cell once
            blocks.append(MarkdownBlock("table", text, html_table_rows(chunk)))
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


def markdown_chunks(markdown: str) -> list[str]:
    """A Markdown text cut at blank lines, but not inside a fenced code block.

    >>> markdown_chunks("Text.\\n\\n```\\na = 1\\n\\nb = 2\\n```\\n\\nMore.")
    ['Text.', '```\\na = 1\\n\\nb = 2\\n```', 'More.']
    """
    chunks: list[list[str]] = [[]]
    fence = ""
    for line in markdown.strip().splitlines():
        stripped = line.strip()
        if fence:
            fence = "" if stripped == fence else fence
        elif stripped.startswith("```"):
            fence = stripped[:len(stripped) - len(stripped.lstrip("`"))]
        elif not stripped:
            chunks.append([])
            continue
        chunks[-1].append(line)
    return ["\n".join(lines) for lines in chunks if lines]


class _TableReader(HTMLParser):
    """Rows of ``(text, rowspan, colspan)`` from an HTML table."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[tuple[str, int, int]]] = []
        self._cell: list[str] | None = None
        self._spans = (1, 1)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th") and self.rows:
            named = dict(attrs)
            self._cell, self._spans = [], (int(named.get("rowspan") or 1), int(named.get("colspan") or 1))
        elif tag == "br" and self._cell is not None:
            self._cell.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append((folded("".join(self._cell)), *self._spans))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def html_table_rows(markup: str) -> list[list[str]]:
    """An HTML table as rows of cells, a spanning cell's text in every place it covers (as
    in a pipe table that repeats it)."""
    reader = _TableReader()
    reader.feed(markup)
    grid: dict[tuple[int, int], str] = {}
    for r, row in enumerate(reader.rows):
        col = 0
        for text, rowspan, colspan in row:
            while (r, col) in grid:
                col += 1
            for dr in range(rowspan):
                for dc in range(colspan):
                    grid[(r + dr, col + dc)] = text
            col += colspan
    height = len(reader.rows)
    width = max((c + 1 for (_, c) in grid), default=0)
    return [[grid.get((r, c), "") for c in range(width)] for r in range(height)]


def _cells(line: str) -> list[str]:
    inner = line.strip()[1:-1]
    return [plain(cell) for cell in re.split(r"(?<!\\)\|", inner)]


def plain(text: str) -> str:
    """Markdown text without its markup, escapes and character references read, whitespace folded.

    >>> plain(r"**AT&amp;T** \\# 1\\. a &lt; b, 2 * 3, &copy 2020, [site](https://example.org)[^1]")
    'AT&T # 1. a < b, 2 * 3, &copy 2020, site'
    """
    text = MARKUP.sub(lambda m: m.group(1) or " ", _without_emphasis(LINK.sub(r"\1", text)))
    return folded(CHARACTER_REFERENCE.sub(lambda m: html.unescape(m.group()), text))


def _without_emphasis(text: str) -> str:
    """``text`` without the runs of ``*`` that mark emphasis: a run that can open (text right
    after it) paired with a later one that can close (text right before it). A run left without
    a partner is text, as Markdown reads it (a note mark: "Kim*"; "2*3").

    >>> _without_emphasis("*(Please)* select, **all**"), _without_emphasis("Kim*"), _without_emphasis("2*3 and 4 * 5")
    (' (Please)  select,  all ', 'Kim*', '2*3 and 4 * 5')
    """
    openers: list[re.Match[str]] = []
    paired: list[re.Match[str]] = []
    for run in STARS.finditer(text):
        opens = run.end() < len(text) and not text[run.end()].isspace()
        closes = run.start() > 0 and not text[run.start() - 1].isspace()
        if closes and openers:
            paired += [openers.pop(), run]
        elif opens:
            openers.append(run)
    for run in sorted(paired, key=lambda run: run.start(), reverse=True):
        text = text[:run.start()] + " " + text[run.end():]
    return text


def folded(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()
