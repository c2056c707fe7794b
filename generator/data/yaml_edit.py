"""Editing a meeting file as YAML that keeps its comments, key order, quoting and indentation (ruamel.yaml).

ruamel.yaml keeps each comment with the value before it: the comment lines between two keys
belong to the end of the first key's value, however deep that end is. So a value that is replaced
or removed hands the lines after it (its *tail*) to what now stands in its place; only the comments
inside it go with it.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark
from ruamel.yaml.tokens import CommentToken
from ruamel.yaml.util import load_yaml_guess_indent

_KEY_LINE = re.compile(r"^( +)[A-Za-z_][\w-]*\s*:(\s|$)")
_EOL, _SEQ_EOL = 2, 0  # where ruamel.yaml keeps the comment after a mapping value / a list item


class Document:
    """A YAML file loaded for editing; `text()` writes it back in the style it was read in."""

    def __init__(self, text: str) -> None:
        _, sequence, offset = load_yaml_guess_indent(text)
        mapping = _mapping_indent(text)
        self.indent = mapping  # spaces per level of mappings
        self._yaml = YAML()  # round trip: comments, key order, flow style
        self._yaml.preserve_quotes = True
        self._yaml.width = 1_000_000  # never fold a long Lao line
        if sequence is None:  # no block list to guess from: the style of the seed file
            sequence, offset = mapping + 2, mapping
        self._yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
        self._yaml.explicit_start = text.lstrip().startswith("---")
        self.root: CommentedMap = self._yaml.load(text)

    def text(self) -> str:
        """The document as YAML."""
        out = io.StringIO()
        self._yaml.dump(self.root, out)
        return out.getvalue()

    def comment_at_top(self, lines: Iterable[str]) -> None:
        """Put comment `lines` at the top, after the first comment line when that is the editor's
        `# yaml-language-server:` line (which must stay first)."""
        tokens = [CommentToken(f"# {line}".rstrip() + "\n", CommentMark(0), None) for line in lines]
        if self.root.ca.comment is None:
            self.root.ca.comment = [None, []]
        if self.root.ca.comment[1] is None:
            self.root.ca.comment[1] = []
        existing = self.root.ca.comment[1]
        at = 1 if existing and existing[0].value.startswith("# yaml-language-server:") else 0
        if tokens and len(existing) > at:
            tokens[-1].value += "\n"  # a blank line before the comments that were there
        existing[at:at] = tokens


def _mapping_indent(text: str) -> int:
    """How many spaces the file indents a mapping inside a mapping (2 when it has none)."""
    indents = [len(m.group(1)) for m in map(_KEY_LINE.match, text.splitlines()) if m]
    return min(indents, default=2)


def is_given(mapping: Any, key: str) -> bool:
    """True when `mapping` has `key` with a value (`key:` alone or `key: ~` counts as absent)."""
    return isinstance(mapping, CommentedMap) and mapping.get(key) is not None


# -- the comments after a value -------------------------------------------------------------

def _is_block(value: Any) -> bool:
    """True for a list or mapping written in block style (a line per item) with at least one item."""
    return isinstance(value, (CommentedMap, CommentedSeq)) and len(value) > 0 and not value.fa.flow_style()


def _last(value: CommentedMap | CommentedSeq) -> Any:
    """The key (or position) of the last item."""
    return list(value)[-1] if isinstance(value, CommentedMap) else len(value) - 1


def _own_slot(container: CommentedMap | CommentedSeq, key: Any) -> tuple[list[Any], int]:
    """The comment entry (and the position in it) for the end of the line of `container[key]`."""
    entry = container.ca.items.setdefault(key, [None, None, None, None])
    return entry, _SEQ_EOL if isinstance(container, CommentedSeq) else _EOL


def _slot(container: CommentedMap | CommentedSeq, key: Any) -> tuple[list[Any], int]:
    """The comment entry (and the position in it) that holds the comments after `container[key]`."""
    value = container[key]
    if _is_block(value):
        return _slot(value, _last(value))
    return _own_slot(container, key)


def _split(comment: str) -> tuple[str, str]:
    """A comment token's text as (the comment at the end of the value's line, the lines after it)."""
    if comment.startswith("#"):
        eol, _, after = comment.partition("\n")
        return eol, after
    return "", comment.partition("\n")[2]


def take_tail(container: CommentedMap | CommentedSeq, key: Any) -> str:
    """Remove and return the comment lines (and blank lines) after the value `container[key]`."""
    value = container[key]
    if _is_block(value):
        # After a list or mapping that ends in a flow-style item, ruamel.yaml keeps them at its end.
        end = "".join((" " * t.column if t.value.startswith("#") else "") + t.value for t in value.ca.end or ())
        value.ca.end = []
        return take_tail(value, _last(value)) + end
    entry, at = _own_slot(container, key)
    token = entry[at]
    if token is None:
        return ""
    eol, after = _split(token.value)
    if eol:
        token.value = eol + "\n"
    else:
        entry[at] = None
    return after


def give_tail(container: CommentedMap | CommentedSeq, key: Any, tail: str) -> None:
    """Add the comment lines `tail` after the value `container[key]`."""
    if not tail:
        return
    entry, at = _slot(container, key)
    token = entry[at]
    if token is None:
        entry[at] = CommentToken("\n" + tail, CommentMark(0), None)
    else:
        eol, after = _split(token.value)
        token.value = f"{eol}\n{after}{tail}"


# -- changing values ------------------------------------------------------------------------

def replace(mapping: CommentedMap, key: str, value: Any) -> None:
    """Give `key` a new value in its place; the comment on its line and the lines after it stay."""
    tail = take_tail(mapping, key)
    mapping[key] = value
    give_tail(mapping, key, tail)


def remove(mapping: CommentedMap, key: str) -> None:
    """Remove `key` and its value; the comment lines after it stay, now after the key before it."""
    keys = list(mapping)
    tail = take_tail(mapping, key)
    del mapping[key]
    mapping.ca.items.pop(key, None)
    before = keys[keys.index(key) - 1] if keys.index(key) > 0 else None
    if before is not None:
        give_tail(mapping, before, tail)


def insert(mapping: CommentedMap, key: str, value: Any, order: Iterable[str]) -> None:
    """Add `key` where `order` (every key of the mapping, in the format's order) puts it among the keys given."""
    order = list(order)
    before = [k for k in mapping if k in order and order.index(k) < order.index(key)]
    if not before:
        mapping.insert(0, key, value)
        return
    tail = take_tail(mapping, before[-1])
    mapping.insert(list(mapping).index(before[-1]) + 1, key, value)
    give_tail(mapping, key, tail)


def put(mapping: CommentedMap, key: str, value: Any, order: Iterable[str]) -> None:
    """`replace` the value of `key`, or `insert` it where `order` puts it when the mapping has no such key."""
    if key in mapping:
        replace(mapping, key, value)
    else:
        insert(mapping, key, value, order)


def detached(value: Any) -> Any:
    """`value` (to be moved elsewhere) without the comment lines after it, which belong where it was."""
    if isinstance(value, (CommentedMap, CommentedSeq)) and len(value):
        holder = CommentedMap([("value", value)])
        take_tail(holder, "value")
    return value


def comment_before(mapping: CommentedMap, key: str, lines: Iterable[str], indent: int) -> None:
    """Comment `lines` (`# line` each) just above `key`, indented by `indent` spaces."""
    text = "\n".join(" ".join(line.splitlines()).rstrip() for line in lines)
    mapping.yaml_set_comment_before_after_key(key, before=text, indent=indent)
