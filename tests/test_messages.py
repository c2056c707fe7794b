"""Messages outside the data layer: each names its file from the current folder and says what to do."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import output
from generator.errors import InputError, shown_path
from generator.output import output_problems
from generator.pdf.attachment import SourceFile, extract_source, write_source

SOURCE = SourceFile("m.yaml", b"language: lo\n")


@pytest.fixture(autouse=True)
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test runs in its own folder, so messages name files relative to it."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _messages(error: pytest.ExceptionInfo[InputError]) -> list[str]:
    return [str(p) for p in error.value.problems]


def test_shown_path(here: Path) -> None:
    assert shown_path(here / "build" / "x.pdf") == "build/x.pdf"
    assert shown_path(Path("build/x.pdf")) == "build/x.pdf"
    assert shown_path("/elsewhere/x.pdf") == "/elsewhere/x.pdf"


def test_output_folder_under_a_file(here: Path) -> None:
    (here / "notes").write_text("x")
    assert [str(p) for p in output_problems(here / "notes" / "out")] == [
        "notes/out: 'notes' is a file, so the output folder cannot be made there (give -o a folder)"]


def test_output_folder_that_is_a_file(here: Path) -> None:
    (here / "out").write_text("x")
    assert [str(p) for p in output_problems(here / "out")] == [
        "out: this is a file, not a folder (give -o a folder)"]


def test_output_folder_without_permission(here: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (here / "locked").mkdir()
    monkeypatch.setattr(output.os, "access", lambda path, mode: False)  # root may write anywhere
    assert [str(p) for p in output_problems(here / "locked" / "out")] == [
        "locked/out: no permission to write in 'locked' (give -o a folder you may write in)"]


def test_extract_from_a_folder(here: Path) -> None:
    (here / "x.pdf").mkdir()
    with pytest.raises(InputError) as caught:
        extract_source(here / "x.pdf")
    assert _messages(caught) == ["x.pdf: cannot be read: Is a directory (give the path of a PDF you may read)"]


def test_extract_into_a_file(here: Path) -> None:
    (here / "out").write_text("x")
    with pytest.raises(InputError) as caught:
        write_source(SOURCE, here / "out")
    assert _messages(caught) == ["out: this is a file, not a folder (give -o a folder)"]


def test_extract_into_a_folder_that_cannot_be_made(here: Path) -> None:
    (here / "notes").write_text("x")
    with pytest.raises(InputError) as caught:
        write_source(SOURCE, here / "notes" / "out")
    assert _messages(caught) == [
        "notes/out: cannot make this folder: Not a directory (give -o a folder that can be made)"]


def test_extract_into_a_folder_that_takes_no_files(here: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(target: Path) -> Path:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(output, "new_temporary", refuse)  # root may write anywhere
    with pytest.raises(InputError) as caught:
        write_source(SOURCE, here / "out")
    assert _messages(caught) == [
        "out: cannot write here: Permission denied (give -o a folder you may write in)"]


def test_extract_refuses_to_overwrite(here: Path) -> None:
    (here / "m.yaml").write_text("mine")
    with pytest.raises(InputError) as caught:
        write_source(SOURCE, here)
    assert _messages(caught) == ["m.yaml: already exists: not overwritten (use --force to replace it)"]
    assert (here / "m.yaml").read_text() == "mine"
