"""Parse HTML into a plain element tree that keeps every element as written, with its position."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

from generator.docx.subset import VOID_ELEMENTS


@dataclass
class TextNode:
    """Character data (entities resolved) and where it starts, 1-based."""

    text: str
    line: int
    column: int

    def first_visible(self) -> tuple[int, int]:
        """Line and column of the first non-whitespace character."""
        stripped = self.text.lstrip()
        before = self.text[: len(self.text) - len(stripped)]
        lines = before.count("\n")
        if lines == 0:
            return self.line, self.column + len(before)
        return self.line + lines, len(before) - before.rfind("\n")


@dataclass
class Element:
    """One element: lower-case tag, attributes in source order, position, children."""

    tag: str
    attrs: list[tuple[str, str | None]]
    line: int
    column: int
    children: list[Element | TextNode] = field(default_factory=list)

    def get(self, name: str) -> str | None:
        """The value of attribute `name`, or None when absent."""
        return next((value for key, value in self.attrs if key == name), None)

    @property
    def classes(self) -> list[str]:
        """The class names of the element."""
        return (self.get("class") or "").split()

    def text(self) -> str:
        """All character data inside the element, concatenated."""
        return "".join(c.text if isinstance(c, TextNode) else c.text() for c in self.children)


@dataclass(frozen=True)
class TreeProblem:
    """A nesting problem found while parsing, with its 1-based position."""

    message: str
    line: int
    column: int


class _TreeBuilder(HTMLParser):
    """Builds Elements without the HTML parser's repairs, recording what does not nest."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", [], 1, 1)
        self.stack: list[Element] = [self.root]
        self.problems: list[TreeProblem] = []

    def _position(self) -> tuple[int, int]:
        line, offset = self.getpos()
        return line, offset + 1

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, attrs, *self._position())
        self.stack[-1].children.append(element)
        if tag not in VOID_ELEMENTS:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(Element(tag, attrs, *self._position()))

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID_ELEMENTS:
            return
        open_tags = [e.tag for e in self.stack[1:]]
        if tag not in open_tags:
            self.problems.append(TreeProblem(f"end tag </{tag}> has no start tag",
                                             *self._position()))
            return
        while self.stack[-1].tag != tag:
            unclosed = self.stack.pop()
            self.problems.append(TreeProblem(
                f"element <{unclosed.tag}> is not closed before </{tag}> "
                f"(the DOCX reader needs every element closed)", unclosed.line, unclosed.column))
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        children = self.stack[-1].children
        if children and isinstance(children[-1], TextNode):
            children[-1].text += data
        else:
            children.append(TextNode(data, *self._position()))

    def finish(self) -> None:
        self.close()
        for unclosed in self.stack[1:]:
            self.problems.append(TreeProblem(
                f"element <{unclosed.tag}> is never closed", unclosed.line, unclosed.column))


def parse_tree(html: str) -> tuple[Element, list[TreeProblem]]:
    """The document's element tree (root tag "#document") and the nesting problems found."""
    builder = _TreeBuilder()
    builder.feed(html)
    builder.finish()
    return builder.root, builder.problems
