"""generator/pdf/font_configs.py: the font configuration is kept while the font files are unchanged,
and a PDF rendered with a kept one is the very PDF a fresh one gives."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from conftest import ROOT, SEED
from generator.build import edition_pdf, prepare
from generator.fonts import FONT_SETS, FontFace, FontSet
from generator.paths import FONTS_DIR
from generator.pdf import font_configs
from generator.pdf.font_configs import font_configuration


@pytest.fixture(autouse=True)
def keeping(monkeypatch: pytest.MonkeyPatch) -> None:
    """As in the preview: configurations are kept (and none from another test)."""
    monkeypatch.setattr(font_configs, "_keeping", True)
    monkeypatch.setattr(font_configs, "_kept", {})


def test_not_kept_unless_the_process_asked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(font_configs, "_keeping", False)
    fs, made = _copied_set(tmp_path), []
    for _ in range(2):
        with font_configuration(fs, _maker(made)):
            pass
    assert [config.freed for config in made] == [1, 1] and font_configs._kept == {}


class _Config:
    """A stand-in configuration that counts how often it was freed."""

    def __init__(self) -> None:
        self.freed = 0

    def __del__(self) -> None:
        self.freed += 1


def _maker(made: list[_Config], clean: bool = True):
    def make():
        made.append(_Config())
        return made[-1], object(), clean
    return make


def _copied_set(tmp_path: Path) -> FontSet:
    face = FontFace("Noto Sans Lao", Path(shutil.copy(FONTS_DIR / "NotoSansLao-Regular.ttf", tmp_path / "Lao.ttf")),
                    400, "normal")
    return FontSet("test-copy", "Noto Sans Lao", None, (face,))


def test_kept_while_the_font_files_are_unchanged(tmp_path: Path) -> None:
    fs, made = _copied_set(tmp_path), []
    with font_configuration(fs, _maker(made)) as first:
        pass
    with font_configuration(fs, _maker(made)) as second:
        assert second == first
    assert len(made) == 1 and made[0].freed == 0, "kept, not freed"
    path = fs.faces[0].path
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1_000_000))  # the font saved again
    with font_configuration(fs, _maker(made)) as third:
        assert third != first
    assert len(made) == 2 and made[1].freed == 0


def test_not_kept_when_the_fonts_did_not_load_cleanly(tmp_path: Path) -> None:
    fs, made = _copied_set(tmp_path), []
    for _ in range(2):
        with font_configuration(fs, _maker(made, clean=False)):
            pass
    assert [config.freed for config in made] == [1, 1]


def test_a_concurrent_render_gets_one_of_its_own(tmp_path: Path) -> None:
    fs, made = _copied_set(tmp_path), []
    inner: list = []

    def render_beside() -> None:
        with font_configuration(fs, _maker(made)) as configuration:
            inner.append(configuration)

    with font_configuration(fs, _maker(made)) as outer:
        thread = threading.Thread(target=render_beside)
        thread.start()
        thread.join()
        assert inner[0] != outer and len(made) == 2
    assert [config.freed for config in made] == [0, 1], "the kept one stays, the other is freed"


@pytest.mark.parametrize("font", ["phetsarath", "noto-sans"])
def test_a_pdf_from_a_kept_configuration_is_the_same_pdf(font: str) -> None:
    fs = FONT_SETS[font]
    edition = prepare([SEED], "briefing", None, fs)[0]
    fresh = edition_pdf(edition, fs)
    assert fs.key in font_configs._kept
    assert edition_pdf(edition, fs) == edition_pdf(edition, fs) == fresh


def test_a_build_leaves_no_temporary_font_folder(tmp_path: Path) -> None:
    """WeasyPrint copies the fonts into a temporary folder per configuration; the build's PDF
    process ends with os._exit, so the folder is removed when the render is done."""
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    done = subprocess.run([sys.executable, "-m", "generator", "build", str(SEED), "-o", str(tmp_path / "out")],
                          cwd=ROOT, env=dict(os.environ, TMPDIR=str(temporary)), capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert {p.name for p in (tmp_path / "out").iterdir()} >= {"accsm-20-briefing.docx", "accsm-20-briefing.pdf"}
    assert list(temporary.iterdir()) == []
