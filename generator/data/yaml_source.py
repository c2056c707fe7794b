"""Reading a meeting file into a YAML node tree that keeps every line and column."""

from __future__ import annotations

from pathlib import Path

import yaml
from yaml.events import AliasEvent

from generator.errors import InputError, Problem
from generator.data.model import Location


class _NoAliasLoader(yaml.SafeLoader):
    """A safe composer that refuses aliases, so a crafted file cannot expand into billions of nodes."""

    def compose_node(self, parent, index):  # type: ignore[no-untyped-def]
        """Compose as usual, but stop at the first alias."""
        if self.check_event(AliasEvent):
            event = self.peek_event()
            raise _AliasFound(event.start_mark)
        return super().compose_node(parent, index)


class _AliasFound(Exception):
    """An alias (*name) was met at `mark`."""

    def __init__(self, mark: yaml.Mark) -> None:
        super().__init__("alias")
        self.mark = mark


def location(file: str, mark: yaml.Mark) -> Location:
    """The 1-based location of a PyYAML mark."""
    return Location(file, mark.line + 1, mark.column + 1)


def _line_col(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of a byte offset."""
    before = data[:offset]
    line = before.count(b"\n") + 1
    start = before.rfind(b"\n") + 1
    column = len(before[start:].decode("utf-8", errors="replace")) + 1
    return line, column


def _yaml_problem(file: str, text: str, err: yaml.YAMLError) -> Problem:
    """A readable Problem from a PyYAML error in `text`."""
    if isinstance(err, yaml.reader.ReaderError):
        before = text[:err.position]
        line = before.count("\n") + 1
        column = err.position - (before.rfind("\n") + 1) + 1
        char = err.character if isinstance(err.character, int) else ord(err.character)
        return Problem(f"control character U+{char:04X} is not allowed in a meeting file "
                       "(remove it; only printable text, tabs and line breaks)",
                       location=Location(file, line, column))
    mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
    problem = getattr(err, "problem", None) or str(err)
    if "'\\t'" in problem or "\\t" in problem:
        problem = "a tab character; YAML indents with spaces only (replace the tab with spaces)"
    else:
        context = getattr(err, "context", None)
        problem = f"YAML syntax: {context + ', ' if context else ''}{problem}"
    if mark is None:
        return Problem(problem, file=file)
    return Problem(problem, location=location(file, mark))


def read_yaml(path: Path, shown_as: str) -> yaml.MappingNode:
    """The top-level mapping node of a UTF-8 YAML file; raises InputError for anything unreadable."""
    return parse_yaml(read_bytes(path, shown_as), shown_as)


def read_bytes(path: Path, shown_as: str) -> bytes:
    """The bytes of a file; InputError when it cannot be read."""
    try:
        return path.read_bytes()
    except OSError as err:
        raise InputError([Problem(f"cannot read the file ({err.strerror})", file=shown_as)]) from None


def parse_yaml(data: bytes, shown_as: str) -> yaml.MappingNode:
    """The top-level mapping node of UTF-8 YAML `data` read from `shown_as`; InputError for anything unusable."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line, col = _line_col(data, err.start)
        bad = data[err.start:err.start + 1].hex()
        raise InputError([Problem(
            f"byte 0x{bad} is not UTF-8 (save the file as UTF-8)",
            location=Location(shown_as, line, col),
        )]) from None
    text = text.removeprefix("\ufeff")
    try:
        node = yaml.compose(text, Loader=_NoAliasLoader)
    except _AliasFound as found:
        raise InputError([Problem(
            "aliases (*name) are not supported (write the value out in full)",
            location=location(shown_as, found.mark),
        )]) from None
    except yaml.YAMLError as err:
        raise InputError([_yaml_problem(shown_as, text, err)]) from None
    if node is None:
        raise InputError([Problem(
            "the file has no data (expected a meeting: language, issuer, meeting, delegation, ...)",
            file=shown_as,
        )])
    if not isinstance(node, yaml.MappingNode):
        kind = "a list" if isinstance(node, yaml.SequenceNode) else "a single value"
        raise InputError([Problem(
            f"the file holds {kind} (expected a mapping with keys language, issuer, meeting, delegation, ...)",
            location=location(shown_as, node.start_mark),
        )])
    return node
