"""Helpers for loader tests: load a meeting written inline and get its model or its exact messages."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import DATA
from generator.data.loader import load_meeting
from generator.data.model import Meeting
from generator.errors import InputError

MINIMAL = (DATA / "minimal.yaml").read_text(encoding="utf-8")


def write(tmp_path: Path, source: str | bytes, name: str = "m.yaml") -> Path:
    """`source` as the file `name` in `tmp_path`."""
    path = tmp_path / name
    if isinstance(source, bytes):
        path.write_bytes(source)
    else:
        path.write_text(source, encoding="utf-8")
    return path


def problems(tmp_path: Path, source: str | bytes, name: str = "m.yaml") -> list[str]:
    """The messages of loading `source` as a file, with the file shown as `m.yaml`."""
    with pytest.raises(InputError) as caught:
        load_meeting(write(tmp_path, source, name))
    return [str(p).replace(str(tmp_path) + "/", "") for p in caught.value.problems]


def loaded(tmp_path: Path, source: str) -> Meeting:
    """The meeting `source` holds (it must be valid)."""
    return load_meeting(write(tmp_path, source))


def with_lines(replacements: dict[str, str], text: str = MINIMAL) -> str:
    """`text` (MINIMAL by default) with whole lines replaced (key: the old line, value: the new lines)."""
    for old, new in replacements.items():
        assert old in text, old
        text = text.replace(old, new)
    return text
