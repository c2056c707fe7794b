"""Watching what a document is made of: the meeting file, and every file in the template and font folders.

The meeting file is watched through its folder, not by itself: editors such as vim save by
writing a new file and renaming it over the old one, and a watch on the old file would
end with it. Changes are batched (`STEP_MS` without a new change, as Typst batches them)
so that one save is one build.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable
from pathlib import Path

import watchfiles

STEP_MS = 100  # quiet time that ends a batch of changes
MAX_BATCH_MS = 1600  # a batch ends after this long even if changes go on


def _normal(path: str | Path) -> str:
    """An absolute, normalised spelling of `path` (symbolic links kept)."""
    return os.path.normpath(os.path.abspath(path))


def shown(path: str | Path) -> str:
    """`path` relative to the current folder when it is under it, as messages name files."""
    relative = os.path.relpath(path)
    return relative if not relative.startswith("..") else str(path)


class Watcher:
    """Calls `changed(description)` in a thread of its own after every batch of saves, until `stop`."""

    def __init__(self, file: Path, folders: Iterable[Path], changed: Callable[[str], None]) -> None:
        self.file = file
        self.folders = tuple(dict.fromkeys(_normal(f) for f in folders if Path(f).is_dir()))
        self.changed = changed
        self._stop = threading.Event()
        # The file as named and, when that is a symbolic link, the file it points to.
        self._names = {_normal(file), _normal(Path(file).resolve())}
        self._threads = [
            threading.Thread(target=self._watch, args=(sorted({os.path.dirname(n) for n in self._names}),
                                                       self._is_meeting_file, False),
                             name="preview-watch-meeting", daemon=True),
        ]
        if self.folders:
            self._threads.append(threading.Thread(
                target=self._watch, args=(self.folders, watchfiles.DefaultFilter(), True),
                name="preview-watch-folders", daemon=True))

    @property
    def watched(self) -> tuple[str, ...]:
        """Every folder watched (the meeting file's folder first)."""
        return tuple(dict.fromkeys([os.path.dirname(n) for n in sorted(self._names)] + list(self.folders)))

    def _is_meeting_file(self, change: watchfiles.Change, path: str) -> bool:
        """Whether a change in the meeting file's folder is a change of the meeting file."""
        return _normal(path) in self._names

    def _watch(self, paths: Iterable[str], keep: Callable[[watchfiles.Change, str], bool],
               recursive: bool) -> None:
        """Report each batch of kept changes under `paths` until stopped."""
        for changes in watchfiles.watch(*paths, watch_filter=keep, step=STEP_MS, debounce=MAX_BATCH_MS,
                                        stop_event=self._stop, recursive=recursive, raise_interrupt=False):
            self.changed(", ".join(sorted({shown(path) for _, path in changes})) + " changed")

    def start(self) -> None:
        """Start watching."""
        for thread in self._threads:
            thread.start()

    def stop(self) -> None:
        """Stop watching and wait for the watching threads to end."""
        self._stop.set()
        for thread in self._threads:
            if thread.is_alive():
                thread.join(timeout=5)
