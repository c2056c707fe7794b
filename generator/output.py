"""Atomic output: files are written under temporary names and renamed into place only when all are complete."""

from __future__ import annotations

import datetime as dt
import fcntl
import hashlib
import json
import os
import re
import signal
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import InputError, Problem, shown_path


def output_problems(out_dir: Path) -> list[Problem]:
    """Why `out_dir` cannot take the output (not a folder, not writable), or nothing."""
    probe = out_dir
    while not probe.exists():
        if probe.parent == probe:
            break
        probe = probe.parent
    if probe != out_dir and probe.exists() and not probe.is_dir():
        return [Problem(f"'{shown_path(probe)}' is a file, so the output folder cannot be made there "
                        "(give -o a folder)", file=shown_path(out_dir))]
    if out_dir.exists() and not out_dir.is_dir():
        return [Problem("this is a file, not a folder (give -o a folder)", file=shown_path(out_dir))]
    if probe.exists() and not os.access(probe, os.W_OK | os.X_OK):
        return [Problem(f"no permission to write in '{shown_path(probe)}' (give -o a folder you may write in)",
                        file=shown_path(out_dir))]
    return []


MANIFEST = ".generated.json"  # file name -> SHA-256 of the DOCX as the generator wrote it
LOCK = ".generator.lock"
EDITABLE = (".docx",)  # formats users edit by hand; an edited copy is never overwritten


@dataclass
class Committed:
    """What a commit did: the files written, and edited copies it moved aside (old -> kept as)."""

    written: list[Path] = field(default_factory=list)
    kept: list[tuple[Path, Path]] = field(default_factory=list)


def _digest(path: Path) -> str:
    """SHA-256 of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _read_manifest(out_dir: Path) -> dict[str, str]:
    """The recorded digests of generated DOCX files; empty when absent or unreadable."""
    try:
        data = json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def publishable(temp: Path) -> None:
    """Give a temporary file the permissions of an ordinary new file (mkstemp makes it private)."""
    umask = os.umask(0)
    os.umask(umask)
    temp.chmod(0o666 & ~umask)


def write_atomically(path: Path, data: bytes) -> None:
    """Replace `path` with `data` in one step, through a temporary file in the same folder that
    is removed if anything fails: no partial file is ever seen under `path`."""
    with _temporary_beside(path) as temp:
        temp.write_bytes(data)
        publishable(temp)
        os.replace(temp, path)


def write_new(path: Path, data: bytes) -> None:
    """Create `path` holding `data` in one step, never replacing a file: FileExistsError when `path`
    exists, also when another program made it meanwhile (where the file system has hard links)."""
    with _temporary_beside(path) as temp:
        temp.write_bytes(data)
        publishable(temp)
        try:
            os.link(temp, path)  # unlike a rename, fails when the name is taken
        except FileExistsError:
            raise
        except OSError:  # a file system without hard links
            if path.exists():
                raise FileExistsError(path) from None
            os.replace(temp, path)


@contextmanager
def _temporary_beside(target: Path) -> Iterator[Path]:
    """A new temporary file beside `target`, removed when the block ends (gone already if it was
    renamed); a signal can arrive only once the file is in the hands of that cleanup."""
    temp: Path | None = None
    try:
        with _signals_held():
            temp = new_temporary(target)
        yield temp
    finally:
        if temp is not None:
            temp.unlink(missing_ok=True)


@contextmanager
def _signals_held() -> Iterator[None]:
    """While active, SIGTERM and SIGINT wait (in this thread) and arrive when the block ends."""
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM, signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)


def new_temporary(target: Path) -> Path:
    """A new empty file beside `target`, named so that `remove_stale_temporaries` knows its owner."""
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.pid{os.getpid()}.", suffix=".tmp",
                                    dir=target.parent)
    os.close(handle)
    return Path(name)


def _kept_name(target: Path, now: dt.datetime) -> Path:
    """A free name for an edited copy: `x-briefing.edited-2026-11-26-1405.docx`."""
    stamp = now.strftime("%Y-%m-%d-%H%M%S")
    candidate = target.with_name(f"{target.stem}.edited-{stamp}{target.suffix}")
    n = 2
    while candidate.exists():
        candidate = target.with_name(f"{target.stem}.edited-{stamp}-{n}{target.suffix}")
        n += 1
    return candidate


_TEMP_NAME = re.compile(r"^\..+\.pid(\d+)\.[^.]+\.tmp$")


def _alive(pid: int) -> bool:
    """Whether a process with this id exists."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_stale_temporaries(out_dir: Path) -> list[Path]:
    """Delete temporary files left in `out_dir` by builds that were killed (their process is gone)."""
    removed = []
    if out_dir.is_dir():
        for path in out_dir.iterdir():
            match = _TEMP_NAME.match(path.name)
            if match and not _alive(int(match.group(1))):
                path.unlink(missing_ok=True)
                removed.append(path)
    return removed


class Staging:
    """Temporary files beside their targets; `commit` renames them all into place."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        self.pending: list[tuple[Path, Path]] = []

    def path_for(self, target: Path) -> Path:
        """A new temporary file in the target's folder, to be renamed to `target` on commit."""
        self.out_dir.mkdir(parents=True, exist_ok=True)
        with _signals_held():  # a SIGTERM between creating and recording it would leave the file behind
            temp = new_temporary(target)
            self.pending.append((temp, target))
        return temp

    def commit(self) -> Committed:
        """Rename every staged file into place, first moving aside any DOCX changed since it was generated.

        Holds a lock on the output folder, so concurrent builds commit one after the other.
        """
        result = Committed()
        with _signals_held():  # the renames run to the end once started
            self._commit_locked(result)
        return result

    def _commit_locked(self, result: Committed) -> None:
        """The renames of `commit`, under the output folder's lock."""
        with open(self.out_dir / LOCK, "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            manifest = _read_manifest(self.out_dir)
            for temp, target in self.pending:
                if target.suffix in EDITABLE:
                    if target.exists() and manifest.get(target.name) != _digest(target):
                        kept = _kept_name(target, dt.datetime.now())
                        os.replace(target, kept)
                        result.kept.append((target, kept))
                    manifest[target.name] = _digest(temp)
                publishable(temp)
                os.replace(temp, target)
                result.written.append(target)
            self.pending = []
            if any(t.suffix in EDITABLE for t in result.written):
                write_atomically(self.out_dir / MANIFEST,
                                  json.dumps(manifest, indent=1, sort_keys=True).encode() + b"\n")

    def discard(self) -> None:
        """Remove every staged file that was not committed."""
        for temp, _ in self.pending:
            temp.unlink(missing_ok=True)
        self.pending = []


def _terminate(signum: int, frame: object) -> None:
    """Turn SIGTERM into SystemExit, so that cleanup runs as it does for Ctrl-C."""
    raise SystemExit(128 + signum)


@contextmanager
def staged(out_dir: Path) -> Iterator[Staging]:
    """A Staging whose uncommitted files are removed however the block ends, SIGTERM included.

    Temporaries of builds killed outright (SIGKILL, power loss) are removed by the next build.
    """
    remove_stale_temporaries(out_dir)
    staging = Staging(out_dir)
    try:
        previous = signal.signal(signal.SIGTERM, _terminate)
        restore = True
    except ValueError:  # not the main thread: signals are not ours to change
        previous, restore = None, False
    try:
        yield staging
    finally:
        staging.discard()
        if restore:
            signal.signal(signal.SIGTERM, previous if previous is not None else signal.SIG_DFL)


def refuse_if(problems: list[Problem]) -> None:
    """Raise InputError when there is any problem."""
    if problems:
        raise InputError(problems)
