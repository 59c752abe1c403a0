"""Render a :class:`Document` as Markdown (GitHub-flavoured).

``#`` title, ``##``/``###``/``####`` section headings by level, contents and list items
as ``- item`` (an item that carries its own number as ``3. item`` where a renderer shows
that number), one paragraph per line with a blank line between blocks, bold, italic and
links kept. Tables are pipe tables (a table's caption above it, the first row as the
header row, ``|`` escaped, line breaks as ``<br>``); a table with a cell that spans rows
or columns, which a pipe table cannot show, is an HTML ``<table>``; a figure is
``<!-- figure -->`` with its caption below it; code is fenced; a formula is its text on a
line of its own; footnote calls are ``[^label]`` and the notes ``[^label]: text`` at the
end (see :class:`Footnotes`). Running headers and footers never appear (they are not in
the model).

The text is the PDF's and may hold anything, markup included: it is escaped so that a
renderer shows it as printed and reads no markup in it (:func:`escape` within a line,
:func:`escape_line_starts` for what opens a block). The markup above is the only markup
in the output, and links go only to http, https and mailto targets
(:func:`pipeline.core.links.web_link`).
"""

from __future__ import annotations

import html
import re
from collections import Counter
from itertools import groupby
from typing import TYPE_CHECKING, cast
from urllib.parse import quote

from ..core.links import web_link

if TYPE_CHECKING:
    from .models import Block, Cell, Code, Document, Figure, Footnote, Paragraph, Run, Section, Table

ENUMERATED_ITEM = re.compile(r"^(\d{1,2})([.)]) ")
"""A list item that carries its own number is an ordered Markdown item where a renderer shows that number."""
FIGURE_MARK = "<!-- figure -->"

LINE_BREAK = re.compile(r"\r\n?")
"""Line ends other than ``\\n``, which Markdown reads as line ends too."""
LINE_END = re.compile(r"[ \t]*\n[ \t]*")
"""A line end and the spaces around it, which a heading's text cannot hold."""
NUL = "\x00"
"""A Markdown reader shows U+FFFD for it, and it would make the file binary: written as U+FFFD."""
ALWAYS_ESCAPED = re.compile(r"[`\[\]]|\\(?=[!-/:-@\[-`{-~\n]|\Z)")
"""Code spans, links and images; a backslash where it would escape what follows it."""
DELIMITER_RUN = re.compile(r"([*_~])\1*")
"""A run of emphasis (``*``, ``_``) or strikethrough (``~``) characters."""
ENTITY_START = re.compile(r"&(?=#?[0-9A-Za-z]*(?:;|\Z))")
"""An ``&`` that could start a character reference (``&amp;``, ``&#38;``, ``&#x26;``)."""
TAG_START = re.compile(r"<(?=[A-Za-z0-9/!?.#$%&'*+=^_`{|}~-]|\Z)")
"""A ``<`` that could start an HTML tag (a letter or ``/`` after it), a comment, declaration or
processing instruction (``!``, ``?``), or an autolink (a scheme, or the local part of a mail
address)."""
MARKDOWN_WHITESPACE = " \t\n"
"""Characters every Markdown reader counts as white space around emphasis delimiters."""

BLOCK_OPENER = re.compile(r"#{1,6}(?:[ \t]|$)|[>|]|[-+*](?:[ \t]|$)|~{3}"
                          r"|([-*_])(?:[ \t]*\1){2,}[ \t]*$|=+[ \t]*$|[-:| \t]*-[-:| \t]*$")
"""What opens a block at the start of a line: a heading, a quote, a table row, a bullet, a
fence (backtick fences are escaped within the line), a rule, a setext underline, a table's
delimiter row."""
ORDERED_OPENER = re.compile(r"(\d{1,9})[.)](?=[ \t]|$)")
NOTE_DEFINITION = re.compile(r"(\[\^[^\]]*\]):")
"""A footnote call at the start of a line, followed by a colon: a footnote's definition."""
CLOSING_HASHES = re.compile(r"(?:^|(?<=[ \t]))#+[ \t]*$")
"""The ``#`` that end a heading line, which Markdown drops as a closing sequence."""
NOTE_LABEL_KEPT = re.compile(r"[^\s\[\]\\\x00-\x1f\x7f]")
"""Characters a footnote label keeps (no space, bracket, backslash or control character)."""
NOTE_LABEL_MARKUP = re.compile(r"[`*_~<&]")
URL_KEPT = "!#$%&'*+,/:;=?@[]~"
"""Characters a link target keeps as they are besides letters, digits and ``-._``: not the
space, parentheses, angle brackets, quote, backslash or backtick, which could end it."""


def render_markdown(document: Document) -> str:
    notes = Footnotes(document.footnotes)
    blocks: list[str] = []
    if document.title:
        blocks.append(f"# {heading_text(document.title)}")
    for section in document.sections:
        if section.heading is None:
            _blocks(section, blocks, notes)
    if document.toc and not any(block.kind == "contents" for block in document.blocks()):
        blocks.append(_contents(document.toc))  # a document made without its contents' place
    for section in document.sections:
        if section.heading is not None:
            _section(section, blocks, notes)
    return "\n\n".join(blocks + notes.blocks()) + "\n"


class Footnotes:
    """The document's footnotes as Markdown footnotes, named so that each call finds its note.

    A note's name is its label, unless other notes have the same label (notes numbered page
    by page): then its label and its rank among them ("1-2"). A call goes to the note with
    its label on the call's page or the next (as the structure stage pairs them). A note that
    nothing calls is a paragraph: a renderer would leave out its definition.
    """

    def __init__(self, notes: list[Footnote]) -> None:
        self.notes = notes
        self.names = _unique_names([note.label for note in notes])
        self.called: set[int] = set()

    def call(self, label: str, pages: list[int]) -> str:
        """The Markdown of a call of ``label`` in a paragraph on ``pages``; its label alone,
        escaped, when no note has that label."""
        ranks = [rank for rank, note in enumerate(self.notes) if note.label == label]
        if not ranks:
            return escape(label)
        rank = next((rank for rank in ranks if {self.notes[rank].page, self.notes[rank].page - 1} & set(pages)),
                    ranks[0])
        self.called.add(rank)
        return f"[^{note_label(self.names[rank])}]"

    def blocks(self) -> list[str]:
        """The notes, after every call is written: definitions of those called, paragraphs of the others."""
        return [f"[^{note_label(name)}]: " * (rank in self.called) + escape_line_starts(escape(note.text))
                for rank, (note, name) in enumerate(zip(self.notes, self.names)) if rank in self.called or note.text]


def _unique_names(labels: list[str]) -> list[str]:
    """The labels, each one that others share followed by its rank among them.

    >>> _unique_names(["1", "2", "1", "*"])
    ['1-1', '2', '1-2', '*']
    """
    counts, seen = Counter(labels), Counter[str]()
    names = []
    for label in labels:
        seen[label] += 1
        names.append(label if counts[label] == 1 else f"{label}-{seen[label]}")
    return names


def _section(section: Section, blocks: list[str], notes: Footnotes) -> None:
    hashes = "#" * min(section.level + 1, 6)
    blocks.append(f"{hashes} {heading_text(section.heading or '')}")
    _blocks(section, blocks, notes)
    for child in section.sections:
        _section(child, blocks, notes)


def _blocks(section: Section, out: list[str], notes: Footnotes) -> None:
    for is_item, blocks in groupby(section.blocks, key=lambda block: block.kind == "list_item"):
        if is_item:
            out += _lists(cast("list[Paragraph]", list(blocks)), notes)
        else:
            for block in blocks:
                out += _block(block, notes)


def _lists(items: list[Paragraph], notes: Footnotes) -> list[str]:
    """Consecutive list items as Markdown lists: ``- text``, or ``3. text`` for an item that
    carries its own number where a renderer shows that number (it starts an ordered list, or
    follows the number before it), else a paragraph that keeps its number as printed."""
    blocks: list[str] = []
    lines: list[str] = []
    last: tuple[int, str] | None = None  # the last ordered item's number and delimiter, None after any other
    for item in items:
        numbered = ENUMERATED_ITEM.match(item.text)
        if lines and (numbered is None) != (last is None):
            blocks.append("\n".join(lines))
            lines = []
        if numbered is None:
            lines.append(f"- {escape_line_starts(_inline(item, notes))}")
            continue
        digits, delimiter = numbered.groups()
        number = int(digits)
        continues = bool(lines) and last == (number - 1, delimiter)
        if lines and not continues:
            blocks.append("\n".join(lines))
            lines = []
        shown = str(number) == digits and (continues or last is None or last[1] != delimiter)
        if shown:
            lines.append(f"{digits}{delimiter} {escape_line_starts(_inline(item, notes, skip=numbered.end()))}")
        else:  # a renderer would show another number: it would number the item on from the list before
            blocks.append(escape_line_starts(_inline(item, notes)))
        last = (number, delimiter) if shown else None
    if lines:
        blocks.append("\n".join(lines))
    return blocks


def _block(block: Block, notes: Footnotes) -> list[str]:
    if block.kind == "table":
        return _table(block)
    if block.kind == "figure":
        return _figure(block)
    if block.kind == "code":
        return [_code(block)]
    if block.kind == "formula":
        return [escape_line_starts(escape(block.text))]
    if block.kind == "contents":
        return [_contents(block.entries)]
    return [escape_line_starts(_inline(block, notes))]


def _contents(entries: list[str]) -> str:
    return "\n".join(f"- {escape_line_starts(escape(entry))}" for entry in entries)


def _table(table: Table) -> list[str]:
    caption = [escape_line_starts(escape(table.caption))] if table.caption else []
    if any(cell.row_span > 1 or cell.col_span > 1 for cell in table.cells):
        return caption + [_html_table(table)]
    rows = table.grid()
    lines = ["| " + " | ".join(_cell(text) for text in row) + " |" for row in rows]
    lines.insert(1, "| " + " | ".join("-" * 3 for _ in range(table.columns)) + " |")
    return caption + ["\n".join(lines)]


def _html_table(table: Table) -> str:
    """The table as HTML, one line per row, spans as ``rowspan``/``colspan``, header cells as ``th``."""
    rows: list[str] = []
    for index, row in enumerate(table.laid_out()):
        blank = "<th></th>" if index < table.header_rows else "<td></td>"
        rows.append("".join(_html_cell(cell) if cell else blank for cell in row))
    return "\n".join(["<table>", *(f"<tr>{row}</tr>" for row in rows), "</table>"])


def _html_cell(cell: Cell) -> str:
    tag = "th" if cell.header else "td"
    spans = "".join(f' {name}="{n}"' for name, n in (("rowspan", cell.row_span), ("colspan", cell.col_span)) if n > 1)
    lines = plain_text(cell.text).split("\n")
    return f"<{tag}{spans}>{'<br>'.join(html.escape(line, quote=False) for line in lines)}</{tag}>"


def _cell(text: str) -> str:
    """A cell's text for a pipe table: Markdown escaped, ``|`` escaped, line breaks as ``<br>``."""
    return "<br>".join(escape(line).replace("|", "\\|") for line in plain_text(text).split("\n"))


def _figure(figure: Figure) -> list[str]:
    return [FIGURE_MARK] + ([escape_line_starts(escape(figure.caption))] if figure.caption else [])


def _code(code: Code) -> str:
    text = plain_text(code.text)
    fence = "```"
    while fence in text:
        fence += "`"
    return f"{fence}\n{text}\n{fence}"


def _inline(paragraph: Paragraph, notes: Footnotes, skip: int = 0) -> str:
    """The paragraph's runs with bold, italic, links and footnote calls as Markdown, from
    character ``skip`` of its text on (an ordered item's number is written apart)."""
    if not paragraph.runs:
        return escape(paragraph.text[skip:])
    rendered = []
    for run in paragraph.runs:
        if skip >= len(run.text):
            skip -= len(run.text)
            continue
        rest = run.model_copy(update={"text": run.text[skip:]}) if skip else run
        rendered.append(_run(rest) if rest.note is None else
                        notes.call(rest.note, paragraph.pages) + rest.text[len(rest.text.rstrip()):])
        skip = 0
    return "".join(rendered)


def _run(run: Run) -> str:
    core = run.text.strip()
    if not core:
        return run.text
    leading, trailing = run.text[:run.text.index(core)], run.text[run.text.index(core) + len(core):]
    text = escape(core)
    if run.bold and run.italic:
        text = f"***{text}***"
    elif run.bold:
        text = f"**{text}**"
    elif run.italic:
        text = f"*{text}*"
    target = web_link(run.link) if run.link else None
    if target:
        text = f"[{text}]({quote(target, safe=URL_KEPT)})"
    return leading + text + trailing


def heading_text(text: str) -> str:
    """A heading's text for the line after its ``#``: on one line, escaped, and with a ``#``
    at its end kept (Markdown would drop it).

    >>> heading_text("Notes on C#"), heading_text("Part 2 #"), heading_text("Two\\nlines")
    ('Notes on C#', 'Part 2 \\\\#', 'Two lines')
    """
    one_line = LINE_END.sub(" ", plain_text(text))
    return CLOSING_HASHES.sub(lambda hashes: "\\" + hashes.group(), escape(one_line))


def note_label(label: str) -> str:
    """A footnote's label as ``[^label]`` can hold it: a space, bracket, backslash or control
    character as its code, and what a reader without footnotes would read as markup escaped.

    >>> note_label("1-2"), note_label("*"), note_label("†"), note_label("a b]")
    ('1-2', '\\\\*', '†', 'au20bu5d')
    """
    kept = "".join(c if NOTE_LABEL_KEPT.match(c) else f"u{ord(c):x}" for c in label)
    return NOTE_LABEL_MARKUP.sub(r"\\\g<0>", kept)


def plain_text(text: str) -> str:
    """``text`` with its line ends as ``\\n`` and NUL as U+FFFD, as a Markdown reader takes them."""
    return LINE_BREAK.sub("\n", text).replace(NUL, "\ufffd")


def escape(text: str) -> str:
    """``text`` with what Markdown would read as inline markup escaped: ``&`` and ``<`` as
    character references where they could start one, a tag or an autolink; backticks,
    brackets, and backslashes that would escape something, with a backslash; ``*``, ``_``
    and ``~`` with a backslash unless white space stands on both sides (or, for ``_``,
    letters or digits: inside a word). Line ends become ``\\n``.

    >>> escape("a*b [c] <b> & x_y _z_ 2 * 3 &amp; C:\\\\dir")
    'a\\\\*b \\\\[c\\\\] &lt;b> & x_y \\\\_z\\\\_ 2 * 3 &amp;amp; C:\\\\dir'
    """
    text = ALWAYS_ESCAPED.sub(r"\\\g<0>", plain_text(text))
    text = DELIMITER_RUN.sub(lambda run: _delimiter_run(run, text), text)
    return TAG_START.sub("&lt;", ENTITY_START.sub("&amp;", text))


def _delimiter_run(run: re.Match[str], text: str) -> str:
    """The run as it is when it can neither open nor close emphasis or strikethrough, else escaped."""
    before = text[run.start() - 1] if run.start() else ""
    after = text[run.end()] if run.end() < len(text) else ""
    spaced = bool(before and after) and before in MARKDOWN_WHITESPACE and after in MARKDOWN_WHITESPACE
    inside_word = run.group(1) == "_" and before.isalnum() and after.isalnum()
    if spaced or inside_word:
        return run.group()
    return "".join(f"\\{c}" for c in run.group())


def escape_line_starts(markdown: str) -> str:
    """``markdown`` (inline Markdown, escaped) with each line's indent removed and whatever
    would open a block at its start escaped: a heading, quote, list item, rule, setext
    underline, fence or table row stays text.

    >>> escape_line_starts("# not a heading\\n1. not a list\\n===\\n  - no bullet")
    '\\\\# not a heading\\n1\\\\. not a list\\n\\\\===\\n\\\\- no bullet'
    """
    return "\n".join(_line_start(line.lstrip(" \t")) for line in markdown.split("\n"))


def _line_start(line: str) -> str:
    opener = ORDERED_OPENER.match(line) or NOTE_DEFINITION.match(line)
    if opener:
        return f"{line[:opener.end(1)]}\\{line[opener.end(1):]}"
    return f"\\{line}" if BLOCK_OPENER.match(line) else line
