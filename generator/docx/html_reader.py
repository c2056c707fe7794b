"""Read rendered HTML in the documented subset into the DOCX document model, or list what is not."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from generator.chart import CHART_CLASS, ChartError, chart_from_table
from generator.docx import subset
from generator.docx.blocks import (
    Block, Cell, Document, Field, Figure, Inline, Letterhead, LineBreak, ListBlock, Metadata,
    Paragraph, Row, Table, Text,
)
from generator.docx.html_tree import Element, TextNode, parse_tree
from generator.errors import InputError, Problem
from generator.data.model import Location

_SPACE = re.compile(r"[ \t\n\r\f]+")  # HTML white space; U+00A0 stays
ZWSP = "\u200b"  # break hints for WeasyPrint; Word and LibreOffice break Lao themselves
_FIELDS = {"page-number": "PAGE", "page-count": "NUMPAGES"}


@dataclass(frozen=True)
class _Format:
    """Inline formatting inherited from the enclosing elements."""

    bold: bool = False
    italic: bool = False
    lang: str = "lo"
    style: str | None = None


def read_html(html: str, source: str = "rendered HTML") -> Document:
    """The Document the subset HTML `html` describes; raises InputError naming every element,
    class or attribute outside the subset (`source:LINE:COL: message`)."""
    reader = _Reader(source)
    root, tree_problems = parse_tree(html)
    for p in tree_problems:
        reader.problem(p.message, p.line, p.column)
    document = reader.document(root)
    if reader.problems:
        raise InputError(sorted(reader.problems, key=lambda p: (p.location.line, p.location.column)))
    return document


class _Reader:
    """Walks the element tree once, building blocks and collecting problems."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.problems: list[Problem] = []

    def problem(self, message: str, line: int, column: int) -> None:
        self.problems.append(Problem(message, location=Location(self.source, line, column)))

    def accept(self, node: Element, parent: str, expected: tuple[str, ...]) -> bool:
        """Whether `node` may stand here; records why not, and any attribute problems."""
        if node.tag not in subset.ELEMENTS:
            self.problem(subset.unknown_element(node.tag, expected), node.line, node.column)
            return False
        if node.tag not in expected:
            self.problem(subset.misplaced_element(node.tag, parent, expected),
                         node.line, node.column)
            return False
        for message in subset.attribute_problems(node.tag, node.attrs):
            self.problem(message, node.line, node.column)
        return True

    def children(self, node: Element, context: str | None = None) -> list[Element]:
        """The accepted element children of a block container; stray text is a problem."""
        context = context or node.tag
        expected = subset.CONTENT[context]
        found = []
        for child in node.children:
            if isinstance(child, TextNode):
                if child.text.strip():
                    shown = _SPACE.sub(" ", child.text.strip())
                    where = "the document" if node.tag == "#document" else f"<{node.tag}>"
                    self.problem(f'text "{shown}" directly inside {where} is not in '
                                 f"{subset.SUBSET} (expected one of "
                                 f"{', '.join(f'<{t}>' for t in expected)} around it)",
                                 *child.first_visible())
            elif self.accept(child, node.tag, expected):
                found.append(child)
        return found

    def document(self, root: Element) -> Document:
        metadata = Metadata(lang="lo")
        header = footer = None
        blocks: list[Block] = []
        htmls = self.children(root)
        if not htmls:
            self.problem("the document has no <html> element", 1, 1)
        for html in htmls:
            lang = html.get("lang")
            if lang is None:
                self.problem('<html> needs lang="lo" or lang="en"', html.line, html.column)
            metadata = replace(metadata, lang=lang if lang in subset.LANGS else "lo")
            for part in self.children(html):
                if part.tag == "head":
                    metadata = self.head(part, metadata)
                    continue
                fmt = _Format(lang=part.get("lang") or metadata.lang)
                for child in self.children(part):
                    if child.tag == "header":
                        header = self.paragraph(child, "Header", fmt, running=True)
                    elif child.tag == "footer":
                        footer = self.paragraph(child, "Footer", fmt, running=True)
                    else:
                        blocks.extend(self.block(child, fmt))
        return Document(metadata, header, footer, tuple(blocks))

    def head(self, head: Element, metadata: Metadata) -> Metadata:
        names = {"author": "author", "description": "description", "keywords": "keywords",
                 "dcterms.created": "created", "dcterms.modified": "modified"}
        for child in self.children(head):
            if child.tag == "title":
                metadata = replace(metadata, title=_SPACE.sub(" ", child.text()).strip())
            elif child.tag == "meta" and child.get("name") in names:
                value = _SPACE.sub(" ", child.get("content") or "").strip()
                metadata = replace(metadata, **{names[child.get("name") or ""]: value})
        return metadata

    def block(self, node: Element, fmt: _Format) -> list[Block]:
        """The blocks of one accepted block-level element."""
        if node.tag == "section" and subset.LETTERHEAD in node.classes:
            return [self.letterhead(node, fmt)]
        if node.tag == "section":
            return [b for child in self.children(node) for b in self.block(child, fmt)]
        if node.tag in ("ul", "ol"):
            style = "List Number" if node.tag == "ol" else "List Bullet"
            items = tuple(self.paragraph(li, style, fmt) for li in self.children(node))
            return [ListBlock(node.tag == "ol", items)]
        if node.tag == "table":
            return [self.table(node, fmt)]
        if node.tag == "figure":
            return self.figure(node, fmt)
        known = [c for c in node.classes if (node.tag, c) in subset.PARAGRAPH_STYLES]
        style = subset.PARAGRAPH_STYLES[node.tag, known[0] if known else None]
        return [self.paragraph(node, style, fmt)]

    def letterhead(self, node: Element, fmt: _Format) -> Letterhead:
        """The letterhead section's lines sorted into centre, left and right by class."""
        places: dict[str, list[Paragraph]] = {"centre": [], "left": [], "right": []}
        for child in self.children(node):
            known = [c for c in child.classes if c in subset.LETTERHEAD_PLACES]
            if child.tag != "p" or not known:
                self.problem(subset.outside_letterhead(child.tag, child.classes),
                             child.line, child.column)
                continue
            style = subset.PARAGRAPH_STYLES[child.tag, known[0]]
            places[subset.LETTERHEAD_PLACES[known[0]]].append(self.paragraph(child, style, fmt))
        return Letterhead(tuple(places["centre"]), tuple(places["left"]), tuple(places["right"]))

    def table(self, node: Element, fmt: _Format) -> Table:
        header: list[Row] = []
        body: list[Row] = []
        for group in self.children(node):
            rows = header if group.tag == "thead" else body
            for tr in self.children(group):
                rows.append(tuple(Cell(td.tag == "th", self.inlines(td, fmt, running=False))
                                  for td in self.children(tr)))
        kind = next((c for c in node.classes if c in subset.ELEMENTS["table"].classes), "")
        return Table(kind, tuple(header), tuple(body))

    def figure(self, node: Element, fmt: _Format) -> list[Block]:
        """A `<figure class="chart">`: its caption and the chart its table holds (none when the
        figure is not one, after recording why)."""
        if CHART_CLASS not in node.classes:
            self.problem(f'<figure> without class="{CHART_CLASS}" is not in {subset.SUBSET} '
                         f'(the figures it knows are charts: <figure class="{CHART_CLASS}">)',
                         node.line, node.column)
            return []
        caption = Paragraph("Caption", ())
        tables = []
        for child in self.children(node):
            if child.tag == "figcaption":
                caption = self.paragraph(child, "Caption", fmt)
            else:
                tables.append(self.table(child, fmt))
        if len(tables) != 1:
            self.problem(f"a chart holds one <table> of its data, not {len(tables)}",
                         node.line, node.column)
            return []
        (table,) = tables
        header = [c.text for c in table.header_rows[0]] if table.header_rows else []
        try:
            chart = chart_from_table(caption.text, header,
                                     [[c.text for c in row] for row in table.body_rows])
        except ChartError as error:
            self.problem(str(error), node.line, node.column)
            return []
        return [Figure(caption, chart, node.get("lang") or fmt.lang)]

    def paragraph(self, node: Element, style: str, fmt: _Format, running: bool = False) -> Paragraph:
        return Paragraph(style, self.inlines(node, fmt, running))

    def inlines(self, node: Element, fmt: _Format, running: bool) -> tuple[Inline, ...]:
        """The inline content of `node`, white space collapsed as a browser does."""
        return _collapse(self._inline_pieces(node, fmt, running))

    def _inline_pieces(self, node: Element, fmt: _Format, running: bool) -> list[Inline]:
        fmt = replace(fmt, lang=node.get("lang") or fmt.lang)
        pieces: list[Inline] = []
        for child in node.children:
            if isinstance(child, TextNode):
                pieces.append(Text(child.text, fmt.bold, fmt.italic, fmt.lang, fmt.style))
            elif self.accept(child, node.tag, subset.INLINE):
                pieces.extend(self._inline_element(child, fmt, running))
        return pieces

    def _inline_element(self, node: Element, fmt: _Format, running: bool) -> list[Inline]:
        if node.tag == "br":
            return [LineBreak()]
        if node.tag == "strong":
            return self._inline_pieces(node, replace(fmt, bold=True), running)
        if node.tag == "em":
            return self._inline_pieces(node, replace(fmt, italic=True), running)
        fields = [c for c in node.classes if c in _FIELDS]
        if not fields:
            styled = [c for c in node.classes if c in subset.CHARACTER_STYLES]
            if styled:  # bold in the run itself too, so that the mark survives without the style
                fmt = replace(fmt, bold=True, style=subset.CHARACTER_STYLES[styled[0]])
            return self._inline_pieces(node, fmt, running)
        if not running:
            self.problem(f'<span class="{fields[0]}"> outside <header> and <footer> is not in '
                         f"{subset.SUBSET} (page fields belong in the running header or footer)",
                         node.line, node.column)
        elif node.children:
            self.problem(f'<span class="{fields[0]}"> must be empty: the DOCX writer puts a '
                         f"{_FIELDS[fields[0]]} field there", node.line, node.column)
        return [Field(_FIELDS[fields[0]], node.get("lang") or fmt.lang)]  # type: ignore[arg-type]


def _collapse(pieces: list[Inline]) -> tuple[Inline, ...]:
    """Collapse HTML white space across pieces, trim at line starts and ends, merge like runs."""
    out: list[Inline] = []
    after_space = True  # at the start of a line, leading white space disappears
    for piece in pieces:
        if not isinstance(piece, Text):
            if isinstance(piece, LineBreak):
                _trim_end(out)
                after_space = True
            else:
                after_space = False
            out.append(piece)
            continue
        text = _SPACE.sub(" ", piece.text.replace(ZWSP, ""))
        if after_space:
            text = text.lstrip(" ")
        if not text:
            continue
        after_space = text.endswith(" ")
        previous = out[-1] if out else None
        if isinstance(previous, Text) and replace(previous, text="") == replace(piece, text=""):
            out[-1] = replace(previous, text=previous.text + text)
        else:
            out.append(replace(piece, text=text))
    _trim_end(out)
    return tuple(out)


def _trim_end(out: list[Inline]) -> None:
    """Remove white space at the end of the line built so far."""
    while out and isinstance(out[-1], Text):
        trimmed = out[-1].text.rstrip(" ")
        if trimmed:
            out[-1] = replace(out[-1], text=trimmed)
            return
        out.pop()
