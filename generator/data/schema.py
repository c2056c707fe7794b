"""Typed reading of YAML nodes: each reader checks one kind of value and records its problem with its place."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable, Mapping
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


PLACEHOLDER = "FILL IN"  # a value still to be written (what `generator next` leaves in a new meeting's file)

_TIME = re.compile(r"^(\d{2}):(\d{2})$")
_TRUE, _FALSE = ("true", "True", "TRUE"), ("false", "False", "FALSE")  # YAML 1.2, as editors read it
# The address part of an e-mail address, as HTML's <input type=email> checks it, with a dot in the domain.
EMAIL_PATTERN = (r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                 r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$")
_EMAIL = re.compile(EMAIL_PATTERN)


class Invalid(Exception):
    """A value could not be read; its problem is already recorded."""


def is_placeholder(node: yaml.Node) -> bool:
    """True for a value that is still to be filled in: the scalar `FILL IN`, in any quoting."""
    return isinstance(node, yaml.ScalarNode) and node.value.strip() == PLACEHOLDER


def join_path(path: str, key: str) -> str:
    """The field path of `key` inside `path` ("" is the top of the file)."""
    return f"{path}.{key}" if path else key


class NodeReader:
    """Reads YAML nodes into Python values, collecting every problem with file, line, column and field path.

    Positions in lists are counted from 1 in every field path (`delegation.members[4]` is the 4th member),
    and each field gets at most one problem: the first one found.
    """

    def __init__(self, file: str, language: Language) -> None:
        self.file = file
        self.language = language
        self.problems: list[Problem] = []
        self.locations: dict[str, Location] = {}

    # -- recording -----------------------------------------------------------------------

    def where(self, node: yaml.Node) -> Location:
        """The location of a node in this file."""
        return location(self.file, node.start_mark)

    def add(self, problem: Problem) -> None:
        """Record `problem`, unless its field already has one (one problem per wrong field)."""
        if not (problem.path and self.has_problem(problem.path)):
            self.problems.append(problem)

    def has_problem(self, path: str) -> bool:
        """True when a problem is recorded for the field `path`."""
        return any(p.path == path for p in self.problems)

    def fail(self, node: yaml.Node, path: str, message: str) -> Invalid:
        """Record a problem at `node` and return the exception that abandons this value."""
        self.add(Problem(message, path, self.where(node)))
        return Invalid(path)

    def _refuse_placeholder(self, node: yaml.Node, path: str, expected: str) -> None:
        """Raise Invalid, with the problem recorded, when `node` is still the placeholder."""
        if is_placeholder(node):
            raise self.fail(node, path, f"still to fill in (replace {PLACEHOLDER} with {expected})")

    # -- structure -----------------------------------------------------------------------

    def mapping(
        self, node: yaml.Node, path: str, known: tuple[str, ...],
        required: Mapping[str, str] | None = None, expected: str | None = None,
    ) -> dict[str, yaml.Node]:
        """The key -> value nodes of a mapping, after reporting unknown, duplicate and missing keys.

        `required` maps each required key to what it expects, for the message when it is missing;
        keys given with no value (`key:` or `key: ~`) count as absent unless they are required.
        """
        required = required or {}
        self.locations[path] = self.where(node)
        self._refuse_placeholder(node, path, expected or f"a mapping with keys {', '.join(known)}")
        if not isinstance(node, yaml.MappingNode):
            raise self.fail(node, path, f"expected a mapping with keys {', '.join(known)}, "
                                        f"got {_describe(node)}")
        found: dict[str, yaml.Node] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            key_path = join_path(path, str(key))
            if key not in known:
                self.add(Problem(_unknown_key(key, known), key_path, self.where(key_node)))
                continue
            if key in found:
                self.add(Problem(f"duplicate key (first given on line {first_line[key]}; keep one)",
                                 key_path, self.where(key_node)))
                continue
            found[key] = value_node
            first_line[key] = key_node.start_mark.line + 1
        for key in required:
            if key not in found:
                self.add(Problem(f"missing (required: {required[key]})", join_path(path, key),
                                 self.where(node)))
        return {k: v for k, v in found.items() if not _is_null(v) or k in required}

    def sequence(self, node: yaml.Node, path: str, item: Reader[T], expected: str = "a list") -> tuple[T, ...]:
        """A list whose items are read by `item`, each at `path[N]` counted from 1; bad items are reported, skipped."""
        self.locations[path] = self.where(node)
        self._refuse_placeholder(node, path, expected)
        if not isinstance(node, yaml.SequenceNode):
            raise self.fail(node, path, f"expected a list (lines starting with '- '), got {_describe(node)}")
        items: list[T] = []
        for number, child in enumerate(node.value, start=1):
            try:
                items.append(item(child, f"{path}[{number}]"))
            except Invalid:
                pass
        return tuple(items)

    # -- scalars -------------------------------------------------------------------------

    def scalar(self, node: yaml.Node, path: str, expected: str) -> str:
        """The source text of a scalar node that is not the placeholder."""
        self.locations[path] = self.where(node)
        self._refuse_placeholder(node, path, expected)
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
            fields = self.mapping(node, path, LANGUAGES)
            if not fields:
                raise self.fail(node, path, "empty text (expected lo: and/or en:)")
            versions = {}
            for lang in LANGUAGES:
                try:
                    versions[lang] = self.string(fields[lang], f"{path}.{lang}") if lang in fields else None
                except Invalid:
                    versions[lang] = None
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

    def time(self, node: yaml.Node, path: str) -> dt.time:
        """A time of day HH:MM, from 00:00 to 23:59."""
        raw = self.scalar(node, path, "a time HH:MM")
        match = _TIME.match(raw)
        if not match:
            raise self.fail(node, path, f"'{raw}' is not a time (expected HH:MM, e.g. \"08:30\")")
        hours, minutes = int(match[1]), int(match[2])
        if hours > 23 or minutes > 59:
            raise self.fail(node, path, f"{raw} is not a time of day (expected 00:00 to 23:59)")
        return dt.time(hours, minutes)

    def boolean(self, node: yaml.Node, path: str) -> bool:
        """true or false, unquoted."""
        raw = self.scalar(node, path, "true or false")
        if node.style is None and raw in _TRUE + _FALSE:
            return raw in _TRUE
        if node.style is not None and raw.lower() in ("true", "false"):
            raise self.fail(node, path, f"'{raw}' is in quotes (write true or false without quotes)")
        raise self.fail(node, path, f"'{raw}' is not true or false (write true or false)")

    def email(self, node: yaml.Node, path: str) -> str:
        """An e-mail address such as name@example.gov.la."""
        raw = self.scalar(node, path, "an e-mail address").strip()
        if _EMAIL.match(raw):
            return raw
        if "<" in raw:
            raise self.fail(node, path, f"'{raw}' is not an e-mail address (write only the address here, "
                                        "e.g. name@example.gov.la, and the person under name:)")
        raise self.fail(node, path, f"'{raw}' is not an e-mail address (expected e.g. name@example.gov.la)")

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
