"""WeasyPrint's font configuration of a font set, made once per version of its font files and reused.

A render needs a `FontConfiguration` (Fontconfig's configuration with the system's fonts, a
Pango font map) with the set's @font-face rules loaded into it. Made anew for each render,
Pango also forgets every font it opened and every text measure it made; the preview's next
build reuses the one of the build before, as long as no font file of the set changed (path,
time and size). Only a process that asks for it keeps them (`keep_font_configurations`: the
preview): a configuration copies its fonts into a temporary folder that it removes when it is
freed, and a build's PDF process ends without freeing anything. One render uses a kept
configuration at a time: a second, concurrent render gets a fresh one of its own.
"""

from __future__ import annotations

import atexit
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from generator.fonts import FontSet

_lock = threading.Lock()  # held by the render that uses the kept configuration
_kept: dict[str, tuple[tuple, Any, Any]] = {}  # font set key -> (font files' versions, configuration, stylesheet)
_keeping = False


def keep_font_configurations() -> None:
    """From now on, keep each font set's configuration for the next render in this process, and
    free them (and so remove their temporary folders) when the process exits."""
    global _keeping
    if not _keeping:
        _keeping = True
        atexit.register(_kept.clear)


def _versions(fs: FontSet) -> tuple:
    """What identifies the version of each font file of `fs` (None for a file that cannot be read)."""
    versions = []
    for face in fs.faces:
        try:
            stat = face.path.stat()
            versions.append((str(face.path), stat.st_mtime_ns, stat.st_size))
        except OSError:
            versions.append((str(face.path), None))
    return tuple(versions)


@contextmanager
def font_configuration(fs: FontSet, make: Callable[[], tuple[Any, Any, bool]]) -> Iterator[tuple[Any, Any]]:
    """The (configuration, font stylesheet) to render with in `fs`: the kept one when its font files
    are unchanged, else `make()`'s, which also says whether it loaded cleanly (only then is it kept).
    One that is not kept is freed when the render is done."""
    owner = _lock.acquire(blocking=False)  # else another render uses the kept one
    try:
        config, sheet, kept = _kept_or_new(fs, make) if owner else (*make()[:2], False)
        try:
            yield config, sheet
        finally:
            if not kept:
                _free(config)
    finally:
        if owner:
            _lock.release()


def _kept_or_new(fs: FontSet, make: Callable[[], tuple[Any, Any, bool]]) -> tuple[Any, Any, bool]:
    """The kept (configuration, stylesheet) of `fs` if its font files are unchanged, else `make()`'s,
    kept when this process keeps them and it loaded cleanly; and whether it is kept."""
    versions = _versions(fs)
    kept = _kept.get(fs.key)
    if kept is not None and kept[0] == versions:
        return kept[1], kept[2], True
    _kept.pop(fs.key, None)
    config, sheet, clean = make()
    keep = _keeping and clean and None not in (version[1] for version in versions)
    if keep:
        _kept[fs.key] = (versions, config, sheet)
    return config, sheet, keep


def _free(config: Any) -> None:
    """Remove the temporary folder of a configuration that is not kept, now: what its `__del__`
    does (again harmlessly later), which a build's PDF process, ending with `os._exit`, never runs."""
    config.__del__()
