"""Declarative field definitions: every mapping of the format is a table of fields, read by one generic reader.

A table says, for each key, what kind of value it holds, whether it is required, what it is for
and an example; the loader reads by it, and `reference.py` writes the JSON Schema and the key
reference of docs/format.md from the same definitions, so the three cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import yaml

from generator.data.schema import EMAIL_PATTERN, PLACEHOLDER, Invalid, NodeReader, join_path

Json = dict[str, Any]
Values = dict[str, Any]
Nodes = dict[str, yaml.Node]


class Kind:
    """What a value is: how to read it, what messages call it, and its JSON Schema."""

    expects: str  # in messages: "missing (required: a date YYYY-MM-DD)"
    plural: str  # what a list of them holds, in messages: "a list of dates"

    def read(self, r: NodeReader, node: yaml.Node, path: str) -> Any:
        """The value of `node`; raises Invalid with the problem recorded."""
        raise NotImplementedError

    def json(self) -> Json:
        """The JSON Schema of the value."""
        raise NotImplementedError


@dataclass(frozen=True)
class Scalar(Kind):
    """A value read by one NodeReader method (a text, a date, a number, a choice...)."""

    expects: str
    plural: str
    reader: Callable[[NodeReader, yaml.Node, str], Any]
    schema: Json = field(compare=False)

    def read(self, r: NodeReader, node: yaml.Node, path: str) -> Any:
        return self.reader(r, node, path)

    def json(self) -> Json:
        return dict(self.schema)


def _ref(name: str) -> Json:
    return {"$ref": f"#/definitions/{name}"}


TEXT = Scalar("a text", "texts", NodeReader.text, _ref("text"))
STRING = Scalar("a text", "texts", NodeReader.string, _ref("string"))
DATE = Scalar("a date YYYY-MM-DD", "dates YYYY-MM-DD", NodeReader.date, _ref("date"))
YEAR = Scalar("a year, e.g. 2021", "years", NodeReader.year, _ref("year"))
TIME = Scalar("a time HH:MM", "times HH:MM", NodeReader.time, _ref("time"))
EMAIL = Scalar("an e-mail address", "e-mail addresses", NodeReader.email, _ref("email"))
BOOLEAN = Scalar("true or false", "true or false values", NodeReader.boolean, {"type": "boolean"})

# The definitions the kinds above refer to, as an editor reads YAML (1.2: dates and times are strings).
BASE_DEFINITIONS: dict[str, Json] = {
    # patternErrorMessage and errorMessage are the YAML language server's own keywords for a readable message.
    "string": {
        "description": "A text as written. Write it in quotes when it holds ': ' or ' #', or starts with "
                       "a quote, a bracket or another sign YAML uses.",
        "type": ["string", "number"], "pattern": rf"^(?!\s*{PLACEHOLDER}\s*$)[\s\S]*\S",
        "patternErrorMessage": f"Still to fill in, or empty: write the text in place of {PLACEHOLDER}.",
    },
    "text": {
        "description": "A text: a string in the meeting's language, or both languages {lo: ..., en: ...}.",
        "anyOf": [
            _ref("string"),
            {"type": "object", "additionalProperties": False, "minProperties": 1,
             "properties": {"lo": {"description": "The text in Lao.", "anyOf": [_ref("string"), {"type": "null"}]},
                            "en": {"description": "The text in English.",
                                   "anyOf": [_ref("string"), {"type": "null"}]}}},
        ],
    },
    "date": {"description": "A date YYYY-MM-DD.", "type": "string", "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
             "patternErrorMessage": "Expected a date YYYY-MM-DD, e.g. 2020-11-17."},
    "year": {"description": "A year, four digits.", "type": ["integer", "string"], "minimum": 0, "maximum": 9999,
             "pattern": r"^[0-9]{4}$", "patternErrorMessage": "Expected a year, four digits, e.g. 2021."},
    "time": {"description": 'A time of day "HH:MM", 00:00 to 23:59.', "type": "string",
             "pattern": r"^([01][0-9]|2[0-3]):[0-5][0-9]$",
             "patternErrorMessage": 'Expected a time of day HH:MM from 00:00 to 23:59, e.g. "08:30".'},
    "email": {"description": "An e-mail address, e.g. name@example.gov.la.", "type": "string",
              "pattern": EMAIL_PATTERN,
              "patternErrorMessage": "Expected an e-mail address only, e.g. name@example.gov.la."},
}


def number(minimum: int) -> Scalar:
    """A whole number from `minimum` up."""
    return Scalar("a whole number", "whole numbers", lambda r, n, p: r.integer(n, p, minimum),
                  {"type": "integer", "minimum": minimum})


def choice(*allowed: str) -> Scalar:
    """One of the words `allowed`."""
    return Scalar(f"one of {', '.join(allowed)}", f"values from {', '.join(allowed)}",
                  lambda r, n, p: r.choice(n, p, allowed), {"type": "string", "enum": list(allowed)})


@dataclass(frozen=True)
class ListOf(Kind):
    """A list of values of one kind; optionally each at most once, or at least `min_items` of them."""

    item: Kind
    unique: bool = False
    min_items: int = 0
    called: str | None = None  # what messages call the list, when "a list of <item plural>" reads badly

    @property
    def expects(self) -> str:  # type: ignore[override]
        return self.called or f"a list of {self.item.plural}"

    @property
    def plural(self) -> str:  # type: ignore[override]
        return "lists"

    def read(self, r: NodeReader, node: yaml.Node, path: str) -> tuple[Any, ...]:
        values = r.sequence(node, path, lambda n, p: self.item.read(r, n, p), self.expects)
        assert isinstance(node, yaml.SequenceNode)  # r.sequence refused anything else
        if len(node.value) < self.min_items:
            given = f"only {len(node.value)} item{'s' * (len(node.value) > 1)}" if node.value else "empty list"
            raise r.fail(node, path, f"{given} (expected {self.expects})")
        if self.unique:
            first: dict[str, int] = {}
            for number_, child in enumerate(node.value, start=1):
                if isinstance(child, yaml.ScalarNode) and child.value in first:
                    r.fail(child, f"{path}[{number_}]", f"'{child.value}' is already listed as "
                                                        f"{path}[{first[child.value]}] (list each once)")
                elif isinstance(child, yaml.ScalarNode):
                    first[child.value] = number_
        return values

    def json(self) -> Json:
        schema: Json = {"type": "array", "items": self.item.json()}
        if self.unique:
            schema["uniqueItems"] = True
        if self.min_items:
            schema["minItems"] = self.min_items
        return schema


@dataclass(frozen=True)
class Rule:
    """A rule across the fields of one mapping (or of the whole file), with its wording for the docs."""

    doc: str
    check: Callable[[NodeReader, Values, Nodes, str], None]


@dataclass(frozen=True)
class Field:
    """One key of a mapping: its kind, whether it is required, what it is for, an example value as written."""

    key: str
    kind: Kind
    doc: str
    example: str | None = None
    required: bool = False
    default: str | None = None  # the value when the key is left out, in words for the docs


@dataclass(frozen=True)
class Table:
    """A mapping of the format: its fields in the order the docs give them, and its rules.

    `build` makes the model object from the values read, one keyword argument per key given;
    keys left out take the model's defaults.
    """

    name: str
    title: str
    doc: str
    fields: tuple[Field, ...]
    build: Callable[..., Any] = field(compare=False)
    rules: tuple[Rule, ...] = ()
    expects: str | None = None  # what a missing mapping of this kind is called in messages
    plural: str = "mappings"


@dataclass(frozen=True)
class Record(Kind):
    """A value that is a mapping described by a table."""

    table: Table

    @property
    def expects(self) -> str:  # type: ignore[override]
        if self.table.expects:
            return self.table.expects
        required = tuple(f.key for f in self.table.fields if f.required)
        if not required:
            return f"a mapping with keys {', '.join(f.key for f in self.table.fields)}"
        return f"a mapping with {_and(required)}"

    @property
    def plural(self) -> str:  # type: ignore[override]
        return self.table.plural

    def read(self, r: NodeReader, node: yaml.Node, path: str) -> Any:
        return read_table(r, self.table, node, path)

    def json(self) -> Json:
        return _ref(self.table.name)


def read_fields(r: NodeReader, table: Table, node: yaml.Node, path: str) -> Values:
    """The values of the keys of `table` given in `node` that could be read, after its rules ran.

    Raises Invalid (problems recorded) when `node` is no mapping or a required key is missing or wrong.
    """
    required = {f.key: f.kind.expects for f in table.fields if f.required}
    nodes = r.mapping(node, path, tuple(f.key for f in table.fields), required, Record(table).expects)
    values: Values = {}
    for f in table.fields:
        if f.key in nodes:
            try:
                values[f.key] = f.kind.read(r, nodes[f.key], join_path(path, f.key))
            except Invalid:
                pass
    for rule in table.rules:
        rule.check(r, values, nodes, path)
    if any(f.required and f.key not in values for f in table.fields):
        raise Invalid(path)
    return values


def read_table(r: NodeReader, table: Table, node: yaml.Node, path: str) -> Any:
    """The model object of a mapping described by `table`."""
    return table.build(**read_fields(r, table, node, path))


def _and(words: tuple[str, ...]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"
