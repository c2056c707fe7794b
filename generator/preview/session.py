"""The live state of one preview: what is selected, the build counter, the last good documents, and the build loop.

One thread builds (WeasyPrint and PDFium are not shared between threads); requests that
arrive while it builds are merged into one more build. Readers get immutable snapshots.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from generator.data.model import Language
from generator.fonts import FontSet
from generator.preview.builder import Documents, Outcome, Selection, build_documents


@dataclass(frozen=True)
class Snapshot:
    """The preview's state at one moment."""

    build: int  # finished builds so far (the first build is 1)
    version: int  # grows on every change of state, for waiting readers
    building: bool
    selection: Selection
    ok: bool
    problems: tuple[str, ...]
    seconds: float  # how long the last build took
    shown: int  # the build that made `documents`, 0 when there are none
    documents: Documents | None  # the last good documents of the selection

    @property
    def lang(self) -> Language | None:
        """The edition shown: the chosen one, else that of the last good documents."""
        return self.selection.lang or (self.documents.lang if self.documents else None)


BuildLog = Callable[[Snapshot, str], None]


def _quiet(snapshot: Snapshot, reason: str) -> None:
    """A build log that says nothing."""


class Session:
    """Builds `file` on request and keeps, for each selection, the last documents that built without problems."""

    def __init__(self, file: Path, selection: Selection, fs: FontSet, templates_dir: Path,
                 log: BuildLog = _quiet) -> None:
        self.file, self.fs, self.templates_dir, self.log = file, fs, templates_dir, log
        self._cond = threading.Condition()
        self._state = Snapshot(build=0, version=0, building=False, selection=selection, ok=False,
                               problems=(), seconds=0.0, shown=0, documents=None)
        self._good: dict[Selection, tuple[int, Documents]] = {}
        self._reasons: list[str] = []
        self._wanted = False
        self._stopped = False

    # --- what the server reads ---------------------------------------------------------

    def snapshot(self) -> Snapshot:
        """The current state."""
        with self._cond:
            return self._state

    def wait_for_change(self, version: int, timeout: float) -> Snapshot:
        """The state once its version is past `version`, or after `timeout` seconds, or when stopped."""
        with self._cond:
            self._cond.wait_for(lambda: self._state.version > version or self._stopped, timeout)
            return self._state

    def documents_of_build(self, build: int) -> Documents | None:
        """The good documents that build number `build` made, while the preview still keeps them."""
        with self._cond:
            return next((docs for number, docs in self._good.values() if number == build), None)

    @property
    def stopped(self) -> bool:
        """Whether `stop` was called."""
        with self._cond:
            return self._stopped

    # --- what the watcher and the page ask for ------------------------------------------

    def request_build(self, reason: str) -> None:
        """Build again soon (the build loop merges requests that arrive during a build)."""
        with self._cond:
            self._wanted = True
            if reason not in self._reasons:
                self._reasons.append(reason)
            self._cond.notify_all()

    def select(self, selection: Selection) -> None:
        """Show another kind or edition: its last good documents at once, then a fresh build."""
        with self._cond:
            if selection == self._state.selection:
                return
            shown, documents = self._good.get(selection, (0, None))
            self._change(selection=selection, building=True, shown=shown, documents=documents)
        self.request_build(f"{selection.kind} {selection.lang or ''}".strip() + " chosen on the page")

    def stop(self) -> None:
        """End the build loop and wake every waiting reader."""
        with self._cond:
            self._stopped = True
            self._cond.notify_all()

    # --- building ----------------------------------------------------------------------

    def build_now(self, reason: str = "start") -> Snapshot:
        """Build once in the calling thread and publish the result."""
        with self._cond:
            selection = self._state.selection
            self._change(building=True)
        outcome = build_documents(self.file, selection, self.fs, self.templates_dir)
        return self._publish(selection, outcome, reason)

    def run(self) -> None:
        """The build loop: wait for a request, build, publish; until `stop`."""
        while True:
            with self._cond:
                self._cond.wait_for(lambda: self._wanted or self._stopped)
                if self._stopped:
                    return
                self._wanted = False
                reason = ", ".join(self._reasons)
                self._reasons.clear()
            self.build_now(reason)

    def _publish(self, selection: Selection, outcome: Outcome, reason: str) -> Snapshot:
        """Record a finished build; its documents become the selection's last good ones."""
        with self._cond:
            number = self._state.build + 1
            if outcome.documents is not None:
                self._good[selection] = (number, outcome.documents)
            current = self._state.selection
            shown, documents = self._good.get(current, (0, None))
            if current == selection:
                self._change(build=number, building=False, ok=outcome.ok, problems=outcome.problems,
                             seconds=outcome.seconds, shown=shown, documents=documents)
            else:  # the page chose another edition meanwhile: this result is kept, and its build follows
                self._change(build=number, shown=shown, documents=documents)
            state = self._state
        self.log(state, reason)
        return state

    def _change(self, **changes: object) -> None:
        """Replace parts of the state and wake the readers (call with the lock held)."""
        self._state = replace(self._state, version=self._state.version + 1, **changes)  # type: ignore[arg-type]
        self._cond.notify_all()
