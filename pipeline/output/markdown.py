"""Render a :class:`Document` as Markdown (GitHub-flavoured).

``#`` title, ``##``/``###``/``####`` section headings by level, contents and list items
as ``- item``, one paragraph per line with a blank line between blocks, bold, italic and
links kept. Tables are pipe tables (a table's caption above it, the first row as the
header row, ``|`` escaped, line breaks as ``<br>``); a table with a cell that spans rows
or columns, which a pipe table cannot show, is an HTML ``<table>``; a figure is
``<!-- figure -->`` with its caption below it; code is fenced; a formula is its text on a
line of its own; footnote calls are
``[^label]`` and the notes ``[^label]: text`` at the end. Running headers and footers
never appear (they are not in the model).
"""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .models import Block, Code, Document, Figure, Paragraph, Run, Section, Table

MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]])")
ENUMERATED_ITEM = re.compile(r"^\d{1,2}[.)] ")
"""A list item that carries its own number is written as is, an ordered Markdown item."""
FIGURE_MARK = "<!-- figure -->"


def render_markdown(document: Document) -> str:
    blocks: list[str] = []
    if document.title:
        blocks.append(f"# {escape(document.title)}")
    for section in document.sections:
        if section.heading is None:
            _blocks(section, blocks)
    if document.toc:
        blocks.append("\n".join(f"- {escape(entry)}" for entry in document.toc))
    for section in document.sections:
        if section.heading is not None:
            _section(section, blocks)
    blocks += [f"[^{note.label or index}]: {escape(note.text)}" for index, note in enumerate(document.footnotes, 1)]
    return "\n\n".join(blocks) + "\n"


def _section(section: Section, blocks: list[str]) -> None:
    hashes = "#" * min(section.level + 1, 6)
    blocks.append(f"{hashes} {escape(section.heading or '')}")
    _blocks(section, blocks)
    for child in section.sections:
        _section(child, blocks)


def _blocks(section: Section, out: list[str]) -> None:
    items: list[str] = []
    for block in section.blocks:
        if block.kind == "list_item":
            numbered = ENUMERATED_ITEM.match(block.text)
            items.append(inline(block) if numbered else f"- {inline(block)}")
            continue
        if items:
            out.append("\n".join(items))
            items = []
        out.extend(_block(block))
    if items:
        out.append("\n".join(items))


def _block(block: Block) -> list[str]:
    if block.kind == "table":
        return _table(block)
    if block.kind == "figure":
        return _figure(block)
    if block.kind == "code":
        return [_code(block)]
    if block.kind == "formula":
        return [escape(block.text)]
    return [inline(block)]


def _table(table: Table) -> list[str]:
    caption = [escape(table.caption)] if table.caption else []
    if any(cell.row_span > 1 or cell.col_span > 1 for cell in table.cells):
        return caption + [_html_table(table)]
    rows = table.grid()
    lines = ["| " + " | ".join(_cell(text) for text in row) + " |" for row in rows]
    lines.insert(1, "| " + " | ".join("-" * 3 for _ in range(table.columns)) + " |")
    return caption + ["\n".join(lines)]


def _html_table(table: Table) -> str:
    """The table as HTML, one line per row, spans as ``rowspan``/``colspan``, header cells as ``th``."""
    rows: list[list[str]] = [[] for _ in range(table.rows)]
    for cell in sorted(table.cells, key=lambda cell: (cell.row, cell.col)):
        tag = "th" if cell.header else "td"
        spans = "".join(f' {name}="{n}"' for name, n in (("rowspan", cell.row_span), ("colspan", cell.col_span))
                        if n > 1)
        text = html.escape(cell.text, quote=False).replace("\n", "<br>")
        rows[cell.row].append(f"<{tag}{spans}>{text}</{tag}>")
    return "\n".join(["<table>", *(f"<tr>{''.join(row)}</tr>" for row in rows), "</table>"])


def _cell(text: str) -> str:
    """A cell's text for a pipe table: Markdown escaped, ``|`` escaped, line breaks as ``<br>``."""
    return escape(text).replace("|", "\\|").replace("\n", "<br>")


def _figure(figure: Figure) -> list[str]:
    return [FIGURE_MARK] + ([escape(figure.caption)] if figure.caption else [])


def _code(code: Code) -> str:
    fence = "```"
    while fence in code.text:
        fence += "`"
    return f"{fence}\n{code.text}\n{fence}"


def inline(paragraph: Paragraph) -> str:
    """The paragraph's runs with bold, italic, links and footnote calls as Markdown."""
    if not paragraph.runs:
        return escape(paragraph.text)
    return "".join(_run(run) for run in paragraph.runs)


def _run(run: Run) -> str:
    if run.note is not None:
        return f"[^{run.note}]" + run.text[len(run.text.rstrip(" ")):]
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
