"""The editable word list templates/lao-words.txt: its words are never broken inside."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import ROOT, SEED, run_cli
from generator.content.lao_words import WORDS_FILE, lao_words, read_lao_words
from generator.errors import InputError
from generator.fonts import FONT_SETS
from generator.lao import ZWSP, break_words
from generator.pdf.writer import render_pdf
from readers import pdf_chars

TEMPLATES = ROOT / "templates"
DIGITAL = "ດິຈິຕອນ"
PHRASE = "ການບໍລິການສາທາລະນະແບບດິຈິຕອນ"


def test_icu_alone_splits_the_loanword() -> None:
    assert break_words(DIGITAL).split(ZWSP) == ["ດິ", "ຈິ", "ຕອນ"]


def test_a_listed_word_is_never_broken_inside() -> None:
    words = lao_words(TEMPLATES)
    assert DIGITAL in words
    assert break_words(DIGITAL, words) == DIGITAL
    pieces = break_words(PHRASE, words).split(ZWSP)
    assert pieces[-1] == DIGITAL and pieces[:2] == ["ການ", "ບໍລິການ"]
    assert break_words(f"{DIGITAL} {DIGITAL}ແລະ{DIGITAL}", words).replace(ZWSP, "|") == \
        f"{DIGITAL} {DIGITAL}|ແລະ|{DIGITAL}"


def write_list(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / WORDS_FILE).write_text(text, encoding="utf-8")
    return folder


def test_comments_blank_lines_and_spellings(tmp_path: Path) -> None:
    folder = write_list(tmp_path, "# a comment\n\n  ດິຈິຕອນ   # digital\nກໍາລັງ\n")
    assert read_lao_words(folder) == (frozenset({DIGITAL, "ກຳລັງ"}), [])  # ໍ + າ read as ຳ


def test_no_list_is_no_words(tmp_path: Path) -> None:
    assert read_lao_words(tmp_path) == (frozenset(), [])


def test_each_bad_line_is_reported_with_file_line_and_column(tmp_path: Path) -> None:
    folder = write_list(tmp_path, "ດິຈິຕອນ\n  ດິຈິ ຕອນ\ndigital # en\nິຈິ\nອອນລາຍ\n")
    words, problems = read_lao_words(folder)
    shown = f"{folder}/{WORDS_FILE}"
    assert [str(p) for p in problems] == [
        f'{shown}:2:3: "ດິຈິ ຕອນ" has a space in it (write one word per line; a space already '
        "lets a line break)",
        f'{shown}:3:1: "digital" has characters that are not Lao ("digtal"; list Lao words '
        "only: other scripts break at spaces and hyphens)",
        f'{shown}:4:1: "ິຈິ" starts with a vowel or tone mark (write the whole word, from its '
        "first letter)",
    ]
    assert words == frozenset({DIGITAL, "ອອນລາຍ"})
    with pytest.raises(InputError):
        lao_words(folder)


def test_a_file_that_is_not_utf8_is_reported(tmp_path: Path) -> None:
    (tmp_path / WORDS_FILE).write_bytes("ດິຈິຕອນ\n".encode() + b"\xff\xfe\n")
    assert [str(p) for p in read_lao_words(tmp_path)[1]] == [
        f"{tmp_path}/{WORDS_FILE}:2:1: the file is not UTF-8 text (save it as UTF-8)"]


def test_check_reports_a_bad_line_and_exits_2(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    with (templates / WORDS_FILE).open("a", encoding="utf-8") as f:
        f.write("ດິຈິ ຕອນ\n")
    line = (templates / WORDS_FILE).read_text(encoding="utf-8").count("\n")
    # The CLI takes the project's templates: check through the build module instead.
    from generator.build import check
    with pytest.raises(InputError) as error:
        check([SEED], templates_dir=templates)
    assert [str(p) for p in error.value.problems] == [
        f'{templates}/{WORDS_FILE}:{line}:1: "ດິຈິ ຕອນ" has a space in it (write one word per '
        "line; a space already lets a line break)"]
    assert run_cli("check", str(SEED)).returncode == 0


def test_the_pdf_keeps_a_listed_word_on_one_line_in_a_narrow_cell(tmp_path: Path) -> None:
    cell = " ".join([PHRASE] * 3)
    html = ('<!doctype html><html lang="lo"><head><title>t</title></head><body>'
            f'<table style="width: 28mm"><tr><td>{cell}</td></tr></table></body></html>')
    pdf = render_pdf(html, FONT_SETS["phetsarath"], base_url=tmp_path)
    chars = [c for _, c in pdf_chars(pdf)]
    text = "".join(c.get_text() for c in chars)
    assert text.count(DIGITAL) == 3
    lines_of_word = []
    start = 0
    for _ in range(3):
        start = text.index(DIGITAL, start)
        offsets, position = [], 0
        for c in chars:  # the characters that spell this occurrence
            n = len(c.get_text())
            if start <= position < start + len(DIGITAL) and n:
                offsets.append(round(c.y0))
            position += n
        lines_of_word.append(len(set(offsets)))
        start += len(DIGITAL)
    assert lines_of_word == [1, 1, 1]
    # ... while the cell is narrow enough that the phrase itself wraps over several lines.
    assert len({round(c.y0) for c in chars}) >= 6
