"""Loading a meeting file: YAML in, a validated, normalised, immutable Meeting out, or every problem at once."""

from __future__ import annotations

from pathlib import Path

import yaml

from generator.errors import InputError, Problem, shown_path
from generator.data.fields import read_fields
from generator.data.format import MEETING_FILE
from generator.data.model import LANGUAGES, Language, Meeting
from generator.data.schema import Invalid, NodeReader
from generator.data.yaml_source import parse_yaml, read_bytes


def load_meeting(path: Path) -> Meeting:
    """The meeting in `path`; raises InputError listing every problem with file, line, column and field."""
    shown = shown_path(path)
    data = read_bytes(path, shown)
    root = parse_yaml(data, shown)
    language = _language(root, shown)
    r = NodeReader(shown, language)
    try:
        values = read_fields(r, MEETING_FILE, root, "")
    except Invalid:
        values = {}
    if r.problems or not values:
        raise InputError(_in_file_order(r.problems))
    values["language"] = language  # also when the file leaves it out
    return Meeting(id=path.stem, source=path, locations=r.locations, source_bytes=data, **values)


def _language(root: yaml.MappingNode, shown: str) -> Language:
    """The meeting's main language, read first because plain-string texts are in it."""
    for key, value in root.value:
        if isinstance(key, yaml.ScalarNode) and key.value == "language":
            probe = NodeReader(shown, "lo")
            try:
                return probe.choice(value, "language", LANGUAGES)  # type: ignore[return-value]
            except Invalid:
                raise InputError(probe.problems) from None
    return "lo"


def _in_file_order(problems: list[Problem]) -> list[Problem]:
    """Problems sorted by line and column, as a reader goes through the file."""
    return sorted(problems, key=lambda p: (p.location.line, p.location.column) if p.location else (0, 0))
