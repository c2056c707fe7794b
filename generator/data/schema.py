"""Typed reading of YAML nodes: each reader checks one kind of value and records problems with their place."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable
from typing import TypeVar

import yaml

from generator.errors import Problem
from generator.lao import normalise
from generator.data.model import LANGUAGES, Language, Location, Text
from generator.data.yaml_source import location

T = TypeVar("T")
Reader = Callable[[yaml.Node, str], T]

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_INT = re.compile(r"^[-+]?[0-9]+$")
# What XML 1.0 (and so DOCX and the PDF's metadata) cannot hold; escapes in quoted YAML strings
# ("\a", "\uD800") can produce these even though the file itself is clean.
_NOT_IN_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|[\x7f-\x9f]")


class Invalid(Exception):
    """A value could not be read; its problem is already recorded."""


class NodeReader:
    """Reads YAML nodes into Python values, collecting every problem with file, line, column and field path."""

    def __init__(self, file: str, language: Language) -> None:
        self.file = file
        self.language = language
        self.problems: list[Problem] = []
        self.locations: dict[str, Location] = {}

    # -- recording -----------------------------------------------------------------------

    def where(self, node: yaml.Node) -> Location:
        """The location of a node in this file."""
        return location(self.file, node.start_mark)

    def fail(self, node: yaml.Node, path: str, message: str) -> Invalid:
        """Record a problem at `node` and return the exception that abandons this value."""
        self.problems.append(Problem(message, path, self.where(node)))
        return Invalid(path)

    # -- structure -----------------------------------------------------------------------

    def mapping(
        self, node: yaml.Node, path: str, required: dict[str, str], optional: tuple[str, ...]
    ) -> dict[str, yaml.Node]:
        """The key -> value nodes of a mapping, after reporting unknown, duplicate and missing keys.

        `required` maps each required key to what it expects, for the message when it is missing.
        """
        self.locations[path] = self.where(node)
        known = tuple(required) + optional
        if not isinstance(node, yaml.MappingNode):
            raise self.fail(node, path, f"expected a mapping with keys {', '.join(known)}, "
                                        f"got {_describe(node)}")
        found: dict[str, yaml.Node] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            key_path = f"{path}.{key}" if path else str(key)
            if key not in known:
                self.problems.append(Problem(_unknown_key(key, known), key_path, self.where(key_node)))
                continue
            if key in found:
                self.problems.append(Problem(
                    f"duplicate key (first given on line {first_line[key]}; keep one)",
                    key_path, self.where(key_node),
                ))
                continue
            found[key] = value_node
            first_line[key] = key_node.start_mark.line + 1
        for key in required:
            if key not in found:
                key_path = f"{path}.{key}" if path else key
                self.problems.append(Problem(f"missing (required: {required[key]})",
                                             key_path, self.where(node)))
        return {k: v for k, v in found.items() if not _is_null(v) or k in required}

    def sequence(self, node: yaml.Node, path: str, item: Reader[T]) -> tuple[T, ...]:
        """A list whose items are read by `item`; bad items are reported and skipped."""
        self.locations[path] = self.where(node)
        if not isinstance(node, yaml.SequenceNode):
            raise self.fail(node, path, f"expected a list (lines starting with '- '), got {_describe(node)}")
        items: list[T] = []
        for i, child in enumerate(node.value):
            try:
                items.append(item(child, f"{path}[{i}]"))
            except Invalid:
                pass
        return tuple(items)

    def optional(self, fields: dict[str, yaml.Node], key: str, path: str, read: Reader[T]) -> T | None:
        """The value of an optional key, or None when it is absent or could not be read."""
        if key not in fields:
            return None
        try:
            return read(fields[key], f"{path}.{key}" if path else key)
        except Invalid:
            return None

    def items(self, fields: dict[str, yaml.Node], key: str, path: str, read: Reader[T]) -> tuple[T, ...]:
        """The items of an optional list key, () when absent."""
        if key not in fields:
            return ()
        try:
            return self.sequence(fields[key], f"{path}.{key}" if path else key, read)
        except Invalid:
            return ()

    # -- scalars -------------------------------------------------------------------------

    def scalar(self, node: yaml.Node, path: str, expected: str) -> str:
        """The source text of a scalar node."""
        self.locations[path] = self.where(node)
        if not isinstance(node, yaml.ScalarNode) or _is_null(node):
            raise self.fail(node, path, f"expected {expected}, got {_describe(node)}")
        return node.value

    def string(self, node: yaml.Node, path: str) -> str:
        """A plain string, normalised; numbers and dates are taken as written."""
        value = normalise(self.scalar(node, path, "a text"))
        bad = _NOT_IN_XML.search(value)
        if bad:
            raise self.fail(node, path, f"character U+{ord(bad.group()):04X} is a control or non-character "
                                        "that a document cannot hold (remove it)")
        if not value:
            raise self.fail(node, path, "empty text (write the text, or remove the key)")
        return value

    def text(self, node: yaml.Node, path: str) -> Text:
        """A text: a string in the meeting's language, or a mapping {lo: ..., en: ...}."""
        if isinstance(node, yaml.MappingNode):
            fields = self.mapping(node, path, {}, LANGUAGES)
            if not fields:
                raise self.fail(node, path, "empty text (expected lo: and/or en:)")
            versions = {lang: self.optional(fields, lang, path, self.string) for lang in LANGUAGES}
            if all(v is None for v in versions.values()):
                raise Invalid(path)
            return Text(lo=versions["lo"], en=versions["en"], path=path, location=self.where(node))
        if isinstance(node, yaml.SequenceNode):
            raise self.fail(node, path, "expected a text (a string, or lo: and en: lines), got a list")
        value = self.string(node, path)
        return Text(path=path, location=self.where(node), **{self.language: value})

    def integer(self, node: yaml.Node, path: str, minimum: int = 0) -> int:
        """A whole number not below `minimum`."""
        raw = self.scalar(node, path, "a whole number")
        if node.tag != "tag:yaml.org,2002:int" or not _INT.match(raw.replace("_", "")):
            raise self.fail(node, path, f"'{raw}' is not a whole number (expected digits, e.g. 14)")
        value = int(raw.replace("_", ""))
        if value < minimum:
            raise self.fail(node, path, f"{value} is below {minimum} (expected a number from {minimum} up)")
        return value

    def year(self, node: yaml.Node, path: str) -> int:
        """A four-digit year."""
        raw = self.scalar(node, path, "a year")
        if not re.fullmatch(r"\d{4}", raw):
            raise self.fail(node, path, f"'{raw}' is not a year (expected four digits, e.g. 2021)")
        return int(raw)

    def date(self, node: yaml.Node, path: str) -> dt.date:
        """An ISO date YYYY-MM-DD that exists in the calendar."""
        raw = self.scalar(node, path, "a date YYYY-MM-DD")
        if not _ISO_DATE.match(raw):
            raise self.fail(node, path, f"'{raw}' is not a date (expected YYYY-MM-DD, e.g. 2020-11-17)")
        try:
            return dt.date.fromisoformat(raw)
        except ValueError as err:
            raise self.fail(node, path, f"{raw} is not a real date ({err}; expected YYYY-MM-DD)") from None

    def choice(self, node: yaml.Node, path: str, allowed: tuple[str, ...]) -> str:
        """One of `allowed`, with a did-you-mean hint otherwise."""
        raw = self.scalar(node, path, f"one of {', '.join(allowed)}")
        if raw not in allowed:
            hint = difflib.get_close_matches(raw, allowed, n=1, cutoff=0.5)
            suggestion = f"; did you mean '{hint[0]}'?" if hint else ""
            raise self.fail(node, path, f"'{raw}' is not one of {', '.join(allowed)}{suggestion}")
        return raw


def _is_null(node: yaml.Node) -> bool:
    """True for an empty value or ~ / null."""
    return isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null"


def _describe(node: yaml.Node) -> str:
    """A short description of what a node holds, for messages."""
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    if _is_null(node):
        return "nothing"
    return f"'{node.value}'"


def _unknown_key(key: str | None, known: tuple[str, ...]) -> str:
    """The message for a key the format does not have, with a did-you-mean hint."""
    if key is None:
        return f"a key must be a plain name (expected one of {', '.join(known)})"
    hint = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    if hint:
        return f"unknown key '{key}'; did you mean '{hint[0]}'?"
    return f"unknown key '{key}' (expected one of {', '.join(known)})"
