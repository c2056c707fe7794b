"""Reading a meeting file into a YAML node tree that keeps every line and column."""

from __future__ import annotations

from pathlib import Path

import yaml
from yaml.events import AliasEvent

from generator.errors import InputError, Problem
from generator.data.model import Location
from generator.data.yaml_errors import cannot_begin, explain
from generator.data.yaml_lines import quoted


class _NoAliasLoader(yaml.SafeLoader):
    """A safe composer that refuses aliases (so a crafted file cannot expand into billions of nodes),
    anchors and tags: in a meeting file, a value beginning with *, & or ! is a text someone forgot to quote."""

    def compose_node(self, parent, index):  # type: ignore[no-untyped-def]
        """Compose as usual, but stop at the first alias, anchor or tag."""
        event = self.peek_event()
        if isinstance(event, AliasEvent):
            raise _Refused(event.start_mark, "*")
        if getattr(event, "anchor", None) is not None:
            raise _Refused(event.start_mark, "&")
        tag = getattr(event, "tag", None)
        if tag is not None and not tag.startswith("tag:yaml.org,2002:"):
            raise _Refused(event.start_mark, "!")
        return super().compose_node(parent, index)


class _Refused(Exception):
    """An alias (*name), anchor (&name) or tag (!name) was met at `mark`."""

    def __init__(self, mark: yaml.Mark, char: str) -> None:
        super().__init__(char)
        self.mark = mark
        self.char = char


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
    explained = explain(text, err) if isinstance(err, yaml.MarkedYAMLError) else None
    if explained is None:
        return Problem(f"this file is not valid YAML ({err})", file=file)
    return Problem(explained.message, location=Location(file, explained.line + 1, explained.column + 1))


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
    except _Refused as found:
        explained = cannot_begin(text.split("\n"), found.mark, found.char)
        raise InputError([Problem(explained.message, location=location(shown_as, found.mark))]) from None
    except yaml.YAMLError as err:
        raise InputError([_yaml_problem(shown_as, text, err)]) from None
    cut = _cut_texts(text, node, shown_as) if node is not None else []
    if cut:
        raise InputError(cut)
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


def _cut_texts(text: str, root: yaml.Node, file: str) -> list[Problem]:
    """Texts inside { } that a comma cut in two: `{en: Director General, Department of Planning}`
    reads `Department of Planning` as a key without a value. One Problem per cut text, in file order."""
    found: list[Problem] = []
    pending = [root]
    while pending:
        node = pending.pop()
        if isinstance(node, yaml.MappingNode):
            if node.flow_style:
                found.extend(_cut_in(text, node.value, file))
            pending.extend(value for _, value in node.value)
        elif isinstance(node, yaml.SequenceNode):
            pending.extend(node.value)
    return sorted(found, key=lambda p: (p.location.line, p.location.column))  # type: ignore[union-attr]


def _cut_in(text: str, entries: list[tuple[yaml.Node, yaml.Node]], file: str) -> list[Problem]:
    """The cut texts among the entries of one { } mapping."""
    found = []
    i = 0
    while i < len(entries):
        if not _without_colon(text, *entries[i]):
            i += 1
            continue
        last = i
        while last + 1 < len(entries) and _without_colon(text, *entries[last + 1]):
            last += 1
        orphan = entries[i][0]
        name = text[orphan.start_mark.index:orphan.end_mark.index]
        previous = entries[i - 1] if i else None
        if previous is not None and isinstance(previous[1], yaml.ScalarNode) and previous[1].style is None \
                and previous[1].value:
            key, value = previous
            whole = text[value.start_mark.index:entries[last][0].end_mark.index]
            entry = text[key.start_mark.index:value.start_mark.index]
            found.append(Problem(
                f"a comma ends a text inside {{ }}, so '{name}' is read as a key (put the whole text in "
                f"quotes: {entry}{quoted(whole)})", location=location(file, value.start_mark)))
        else:
            found.append(Problem(
                f"'{name}' inside {{ }} has no key (write key: text, e.g. en: {name}; put a text that "
                "contains ', ' in quotes)", location=location(file, orphan.start_mark)))
        i = last + 1
    return found


def _without_colon(text: str, key: yaml.Node, value: yaml.Node) -> bool:
    """An entry of a { } mapping written without ': ', so PyYAML gave it an empty value."""
    return (isinstance(key, yaml.ScalarNode) and isinstance(value, yaml.ScalarNode)
            and value.tag == "tag:yaml.org,2002:null" and value.start_mark.index == value.end_mark.index
            and ":" not in text[key.end_mark.index:value.start_mark.index])
