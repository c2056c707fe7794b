"""Every kind of bad input through the command line: exit 2, the exact message, the output folder untouched."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import DATA, snapshot
from generator.cli import main

MINIMAL = (DATA / "minimal.yaml").read_text(encoding="utf-8")


def replaced(old: str, new: str) -> str:
    """MINIMAL with `old` replaced by `new`."""
    assert old in MINIMAL, old
    return MINIMAL.replace(old, new)


CASES: dict[str, tuple[str | bytes, str]] = {
    "yaml syntax": ("language: lo\nissuer: {ministry: x\n",
                    "m.yaml:2:9: the { opened here is not closed on its line (close it with }, or put a text that "
                    "begins with { in quotes)"),
    "tab": ("language: lo\nissuer:\n\tministry: x\n",
            "m.yaml:3:1: a tab character; YAML indents with spaces only (replace the tab with spaces)"),
    "empty": ("", "m.yaml: the file has no data (expected a meeting: language, issuer, meeting, delegation, ...)"),
    "comments only": ("# to do\n",
                      "m.yaml: the file has no data (expected a meeting: language, issuer, meeting, delegation, ...)"),
    "list at top": ("- a\n- b\n", "m.yaml:1:1: the file holds a list (expected a mapping with keys language, "
                                  "issuer, meeting, delegation, ...)"),
    "not utf-8": (MINIMAL.encode("utf-8").replace(b"Test meeting", b"Test r\xe9union"),
                  "m.yaml:6:41: byte 0xe9 is not UTF-8 (save the file as UTF-8)"),
    "control character": (replaced("en: Test meeting}", "en: Test\x1b meeting}"),
                          "m.yaml:6:39: control character U+001B is not allowed in a meeting file (remove it; only "
                          "printable text, tabs and line breaks)"),
    "escaped control character": (replaced("en: Test meeting}", 'en: "Test\\0 meeting"}'),
                                  "m.yaml:6:35: meeting.title.en: character U+0000 is a control or non-character "
                                  "that a document cannot hold (remove it)"),
    "alias bomb": ("a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n",
                   "m.yaml:1:4: a text cannot begin with & (put the text in quotes: a: \"&a [x, x]\")"),
    "unknown key": (replaced("  mode: online", "  mode: online\n  hots: x"),
                    "m.yaml:9:3: meeting.hots: unknown key 'hots'; did you mean 'host'?"),
    "duplicate key": (replaced("  mode: online", "  mode: online\n  mode: online"),
                      "m.yaml:9:3: meeting.mode: duplicate key (first given on line 8; keep one)"),
    "wrong type": (replaced("  start: 2021-03-04", "  start: [2021]"),
                   "m.yaml:7:10: meeting.start: expected a date YYYY-MM-DD, got a list"),
    "impossible date": (replaced("2021-03-04", "2021-04-31"),
                        "m.yaml:7:10: meeting.start: 2021-04-31 is not a real date (day is out of range for month; "
                        "expected YYYY-MM-DD)"),
    "impossible range": (replaced("  start: 2021-03-04", "  start: 2021-03-04\n  end: 2020-03-05"),
                         "m.yaml:8:8: meeting.end: 2020-03-05 is before meeting.start (2021-03-04)"),
    "contradictory attendance": (replaced("delegation:\n", "delegation:\n  total: 1\n  women: 0\n"),
                                 "m.yaml:13:10: delegation.women: 0 is fewer than the 1 member named with gender female\n"
                                 "m.yaml:15:5: delegation.members: 2 members are named, more than delegation.total (1)"),
    "character no font has": (replaced("en: Test meeting}", "en: Test meeting 😀}"),
                              "m.yaml:6:35: meeting.title.en: character '😀' (U+1F600 GRINNING FACE) is not in the "
                              "font set 'phetsarath' (Phetsarath OT, Noto Sans): use a character the bundled fonts have"),
    "missing translation": (replaced("en: Test meeting}", "}").replace(", }", "}"),
                            "m.yaml:6:10: meeting.title: no English text (the en edition needs every text it shows "
                            "in English; add en: ...)"),
}


@pytest.fixture
def out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An output folder holding a build of the minimal meeting, as an earlier run left it; cwd is tmp_path."""
    monkeypatch.chdir(tmp_path)
    shutil.copy(DATA / "minimal.yaml", tmp_path / "m.yaml")
    folder = tmp_path / "out"
    assert main(["build", "m.yaml", "-o", "out", "--lang", "en"]) == 0
    return folder


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input(case: str, out: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source, message = CASES[case]
    path = Path("m.yaml")
    if isinstance(source, bytes):
        path.write_bytes(source)
    else:
        path.write_text(source, encoding="utf-8")
    before = snapshot(out)
    capsys.readouterr()
    status = main(["build", "m.yaml", "-o", "out", "--lang", "en"])
    captured = capsys.readouterr()
    assert (status, captured.out) == (2, "")
    assert captured.err == message + "\n"
    assert snapshot(out) == before
