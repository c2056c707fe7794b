"""What makes the preview rebuild: saves of the meeting file (also by rename), templates, labels, stylesheet, fonts;
and what does not: its own work (it writes nothing), other files."""

from __future__ import annotations

import os
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from unittest import mock

import pytest

from conftest import SEED, snapshot
from generator.build import check
from generator.errors import InputError
from generator.fonts import FontFace, FontSet, uncovered_characters
from generator.paths import FONTS_DIR, TEMPLATES_DIR
from generator.preview.builder import Selection
from generator.preview.run import Preview
from generator.preview.session import Snapshot
from generator.preview.watcher import Watcher
from preview_helpers import RunningPreview, check_messages, save_by_rename

QUIET_SECONDS = 3.0  # longer than the watcher's batching and a rebuild together


def women(text: str, count: int) -> str:
    """The seed's text with `delegation.women` set to `count`."""
    return text.replace("  women: 5", f"  women: {count}")


@pytest.fixture
def seed_copy(tmp_path: Path) -> Path:
    """A copy of the seed in a folder of its own."""
    folder = tmp_path / "briefings"
    folder.mkdir()
    return Path(shutil.copy(SEED, folder / "accsm-20.yaml"))


def test_save_by_rename_rebuilds_both_ways(seed_copy: Path) -> None:
    running = RunningPreview("accsm-20.yaml", seed_copy.parent)
    try:
        text = seed_copy.read_text(encoding="utf-8")
        save_by_rename(seed_copy, women(text, 15))  # a new file renamed over the old one
        status = running.wait_for(lambda s: s["build"] == 2)
        assert (status["ok"], status["problems"]) == (False, check_messages("accsm-20.yaml", seed_copy.parent))
        assert status["problems"][0].endswith("delegation.women: 15 is more than delegation.total (14)")
        os.rename(seed_copy, seed_copy.with_name("accsm-20.yaml~"))  # vim: the old file becomes the backup,
        seed_copy.write_text(text, encoding="utf-8")  # and the file is written anew
        status = running.wait_for(lambda s: s["build"] == 3)
        assert (status["ok"], status["problems"]) == (True, [])
    finally:
        assert running.stop() == 0


def test_no_rebuild_of_its_own_accord_and_nothing_written(seed_copy: Path) -> None:
    """Building writes nothing into a watched folder, so a build never causes the next one."""
    watched = (seed_copy.parent, TEMPLATES_DIR, FONTS_DIR)
    before = [snapshot(folder) for folder in watched]
    running = RunningPreview("accsm-20.yaml", seed_copy.parent, logs=seed_copy.parent.parent)
    try:
        time.sleep(QUIET_SECONDS)
        assert running.status()["build"] == 1
        seed_copy.write_text(women(seed_copy.read_text(encoding="utf-8"), 4), encoding="utf-8")
        running.wait_for(lambda s: s["build"] == 2)
        time.sleep(QUIET_SECONDS)
        status = running.status()
        assert (status["build"], status["ok"]) == (2, True)
    finally:
        running.stop()
    after = [snapshot(folder) for folder in watched]
    before[0].pop("accsm-20.yaml")
    after[0].pop("accsm-20.yaml")
    assert after == before


class Builds:
    """A build log that remembers every finished build and lets a test wait for one."""

    def __init__(self) -> None:
        self.seen: list[tuple[Snapshot, str]] = []
        self._cond = threading.Condition()

    def __call__(self, state: Snapshot, reason: str) -> None:
        with self._cond:
            self.seen.append((state, reason))
            self._cond.notify_all()

    def wait(self, build: int, seconds: float = 60) -> tuple[Snapshot, str]:
        """The finished build number `build`."""
        with self._cond:
            assert self._cond.wait_for(lambda: len(self.seen) >= build, seconds), self.seen
            return self.seen[build - 1]

    def until_ok(self, seconds: float = 60) -> Snapshot:
        """The first state after the latest seen one that built without problems."""
        with self._cond:
            start = len(self.seen)
            assert self._cond.wait_for(lambda: any(s.ok for s, _ in self.seen[start:]), seconds), self.seen
            return next(s for s, _ in self.seen[start:] if s.ok)


@pytest.fixture
def own_templates(tmp_path: Path, seed_copy: Path) -> Iterator[tuple[Preview, Builds, Path]]:
    """A running preview (in this process) of the seed copy with a copy of the templates."""
    templates = Path(shutil.copytree(TEMPLATES_DIR, tmp_path / "templates"))
    builds = Builds()
    preview = Preview(seed_copy, Selection("briefing"), port=0, templates_dir=templates, log=builds)
    preview.start()
    builds.wait(1)
    yield preview, builds, templates
    preview.stop()


def test_templates_stylesheet_and_labels_rebuild(own_templates: tuple[Preview, Builds, Path]) -> None:
    preview, builds, templates = own_templates
    first = builds.seen[0][0].documents
    assert first is not None
    css = templates / "briefing.css"
    css.write_text(css.read_text(encoding="utf-8") + "\nh2 { color: #c00000; }\n", encoding="utf-8")
    state, reason = builds.wait(2)
    assert reason == f"{css} changed"  # outside the current folder: named in full
    assert state.ok and state.documents is not None and state.documents.pages != first.pages

    labels = templates / "labels.yaml"
    broken = labels.read_text(encoding="utf-8").replace("  en: Briefing Note\n", "", 1)
    save_by_rename(labels, broken)
    state, reason = builds.wait(3)
    with pytest.raises(InputError) as expected:
        check([preview.file], templates_dir=templates)
    assert state.problems == tuple(str(p) for p in expected.value.problems)
    assert not state.ok and state.documents is not None, "the last good pages stay shown"
    assert state.shown == 2

    template = templates / "briefing.html.j2"
    template.write_text(template.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    labels.write_text(broken.replace("  lo: ບົດລາຍງານສະຫຼຸບ\n", "  lo: ບົດລາຍງານສະຫຼຸບ\n  en: Briefing Note\n", 1),
                      encoding="utf-8")
    state = builds.until_ok()
    assert state.shown == state.build >= 4


def test_preview_watches_the_font_folder() -> None:
    preview = Preview(SEED, Selection("briefing"), port=0)
    assert preview.watcher.watched == (str(SEED.parent), str(TEMPLATES_DIR), str(FONTS_DIR))


class Changes:
    """What a Watcher reported."""

    def __init__(self) -> None:
        self.reports: list[str] = []
        self.event = threading.Event()

    def __call__(self, description: str) -> None:
        self.reports.append(description)
        self.event.set()

    def next(self, seconds: float = 10) -> str:
        """The next report, also one that came with another before this call; fails after `seconds`."""
        deadline = time.monotonic() + seconds
        while not self.reports:
            remaining = deadline - time.monotonic()
            assert remaining > 0 and self.event.wait(remaining), "no change reported"
            self.event.clear()
        return self.reports.pop(0)


def test_watcher_reports_meeting_file_and_folders_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    meeting, fonts = tmp_path / "briefings" / "x.yaml", tmp_path / "fonts"
    meeting.parent.mkdir()
    fonts.mkdir()
    meeting.write_text("a", encoding="utf-8")
    (fonts / "Lao.ttf").write_bytes(b"1")
    changes = Changes()
    watcher = Watcher(Path("briefings/x.yaml"), [fonts, tmp_path / "no-such-folder"], changes)
    watcher.start()
    try:
        time.sleep(0.3)  # the watches are set up in the watcher's threads
        (meeting.parent / "other.yaml").write_text("b", encoding="utf-8")  # another meeting: not ours
        (meeting.parent / ".x.yaml.swp").write_text("c", encoding="utf-8")
        (fonts / ".Lao.ttf.swp").write_text("d", encoding="utf-8")  # an editor's swap file
        (fonts / "Lao.ttf").write_bytes(b"2")
        assert changes.next() == "fonts/Lao.ttf changed"
        save_by_rename(meeting, "e")
        assert changes.next() == "briefings/x.yaml changed"
        (fonts / "sub").mkdir()
        (fonts / "sub" / "Lao-Bold.ttf").write_bytes(b"3")
        # The new folder, its file, or both, in one report or two: a file made before the new folder's
        # watch is set up is not seen by inotify, but the folder is, and a rebuild reads every file.
        reported = set(changes.next().removesuffix(" changed").split(", "))
        time.sleep(0.5)
        for report in changes.reports:
            reported |= set(report.removesuffix(" changed").split(", "))
        changes.reports.clear()
        assert reported and reported <= {"fonts/sub", "fonts/sub/Lao-Bold.ttf"}
        (fonts / "sub" / "Lao-Bold.ttf").write_bytes(b"4")  # the new folder is watched from now on
        assert changes.next() == "fonts/sub/Lao-Bold.ttf changed"
        time.sleep(0.5)
        assert changes.reports == []
    finally:
        watcher.stop()
    assert not any(thread.name.startswith("preview-watch") for thread in threading.enumerate())


def test_a_saved_font_file_is_read_again(tmp_path: Path) -> None:
    """The fonts' character maps are kept per version of the file (time and size), so that the
    preview's next build counts a font saved meanwhile and reads an unchanged one only once."""
    face = FontFace("Noto Sans Lao", tmp_path / "Lao.ttf", 400, "normal")
    fs = FontSet("test", "Noto Sans Lao", None, (face,))
    shutil.copy(FONTS_DIR / "NotoSansLao-Regular.ttf", face.path)
    assert uncovered_characters(fs, "ກA") == ["A"]
    with mock.patch("generator.fonts.TTFont", side_effect=AssertionError("read again")):
        assert uncovered_characters(fs, "ກA") == ["A"], "read once, kept"
    shutil.copy(FONTS_DIR / "PhetsarathOT.ttf", face.path)  # now a font with Latin letters too
    assert uncovered_characters(fs, "ກA") == []
