"""The editable list of Lao words never broken inside (`templates/lao-words.txt`).

ICU's Lao dictionary lacks many loanwords and splits them into syllables (ດິຈິຕອນ as ດິ|ຈິ|ຕອນ),
so a narrow cell of the PDF could wrap one in the middle. One word per line; `#` starts a comment;
blank lines are ignored; words are normalised as the meeting data is (ໍ + າ is ຳ).
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

from generator.data.model import Location
from generator.errors import InputError, Problem, shown_path
from generator.lao import is_lao, normalise

WORDS_FILE = "lao-words.txt"


def read_lao_words(templates_dir: Path) -> tuple[frozenset[str], list[Problem]]:
    """The words listed in `templates_dir/lao-words.txt` (none when there is no such file) and a
    Problem for each line that is not one Lao word, as `FILE:LINE:COL: message`."""
    path = Path(templates_dir) / WORDS_FILE
    shown = shown_path(path)
    if not path.is_file():
        return frozenset(), []
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = path.read_bytes()[: error.start].count(b"\n") + 1
        return frozenset(), [Problem("the file is not UTF-8 text (save it as UTF-8)",
                                     location=Location(shown, line, 1))]
    words: set[str] = set()
    problems: list[Problem] = []
    for number, line in enumerate(text.splitlines(), start=1):
        content = line.split("#", 1)[0]
        word = content.strip()
        if not word:
            continue
        where = Location(shown, number, len(content) - len(content.lstrip()) + 1)
        message = _line_problem(word)
        if message:
            problems.append(Problem(message, location=where))
        else:
            words.add(normalise(word))
    return frozenset(words), problems


def _line_problem(word: str) -> str | None:
    """What is wrong with one listed entry, or None for a Lao word."""
    if any(ch.isspace() for ch in word):
        return f'"{word}" has a space in it (write one word per line; a space already lets a line break)'
    foreign = [ch for ch in word if not is_lao(ch)]
    if foreign:
        return (f'"{word}" has characters that are not Lao ("{"".join(dict.fromkeys(foreign))}"; '
                "list Lao words only: other scripts break at spaces and hyphens)")
    if unicodedata.category(word[0])[0] == "M":
        return f'"{word}" starts with a vowel or tone mark (write the whole word, from its first letter)'
    return None


def lao_words(templates_dir: Path) -> frozenset[str]:
    """The listed words; InputError naming every bad line."""
    words, problems = read_lao_words(templates_dir)
    if problems:
        raise InputError(problems)
    return words
