"""Atomic output: files are written under temporary names and renamed into place only when all are complete."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from generator.errors import InputError, Problem


def output_problems(out_dir: Path) -> list[Problem]:
    """Why `out_dir` cannot take the output (not a folder, not writable), or nothing."""
    probe = out_dir
    while not probe.exists():
        if probe.parent == probe:
            break
        probe = probe.parent
    if probe != out_dir and probe.exists() and not probe.is_dir():
        return [Problem(f"'{probe}' is a file, so the output folder cannot be made there "
                        "(expected a folder for -o)", file=str(out_dir))]
    if out_dir.exists() and not out_dir.is_dir():
        return [Problem("this is a file, not a folder (expected a folder for -o)", file=str(out_dir))]
    if probe.exists() and not os.access(probe, os.W_OK | os.X_OK):
        return [Problem(f"no permission to write in '{probe}' (expected a writable folder for -o)",
                        file=str(out_dir))]
    return []


class Staging:
    """Temporary files beside their targets; `commit` renames them all into place."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        self.pending: list[tuple[Path, Path]] = []

    def path_for(self, target: Path) -> Path:
        """A new temporary file in the target's folder, to be renamed to `target` on commit."""
        self.out_dir.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=self.out_dir)
        os.close(handle)
        temp = Path(name)
        self.pending.append((temp, target))
        return temp

    def commit(self) -> list[Path]:
        """Rename every staged file to its target (each rename is atomic) and return the targets."""
        done = []
        for temp, target in self.pending:
            os.replace(temp, target)
            done.append(target)
        self.pending = []
        return done

    def discard(self) -> None:
        """Remove every staged file that was not committed."""
        for temp, _ in self.pending:
            temp.unlink(missing_ok=True)
        self.pending = []


@contextmanager
def staged(out_dir: Path) -> Iterator[Staging]:
    """A Staging whose uncommitted files are removed however the block ends."""
    staging = Staging(out_dir)
    try:
        yield staging
    finally:
        staging.discard()


def refuse_if(problems: list[Problem]) -> None:
    """Raise InputError when there is any problem."""
    if problems:
        raise InputError(problems)
