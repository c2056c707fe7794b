"""Input problems: what the user got wrong, where, and the exception that carries them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.data.model import Location


def shown_path(path: Path | str) -> str:
    """A file as messages name it: relative to the current folder when it is under it, else as given."""
    path = Path(path)
    if not path.is_absolute():
        return str(path)
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


@dataclass(frozen=True)
class Problem:
    """One input problem, printed as `FILE:LINE:COL: field.path: message`."""

    message: str
    path: str = ""
    location: Location | None = None
    file: str | None = None  # used when there is no line/column to give

    def __str__(self) -> str:
        where = str(self.location) if self.location else (self.file or "")
        parts = [p for p in (where, self.path) if p]
        return ": ".join(parts + [self.message])


class InputError(Exception):
    """Raised with every problem found in the user's input; the CLI exits with status 2."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems
