"""Lao text handling as plain functions: normalisation, script runs, word boundaries."""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Collection

import icu

NIGGAHITA = "\u0ecd"  # ໍ
AA = "\u0eb2"  # າ
AM = "\u0eb3"  # ຳ
TONE_MARKS = "\u0ec8\u0ec9\u0eca\u0ecb"  # ່ ້ ໊ ໋

# ໍ + າ typed for ຳ, with the tone mark before ໍ, between ໍ and າ, or absent.
_TONE_BEFORE_AM = re.compile(f"([{TONE_MARKS}])?{NIGGAHITA}([{TONE_MARKS}])?{AA}")
_SPACES = re.compile(r"\s+")


def normalise(text: str) -> str:
    """One spelling for every text: NFC, ໍ+າ composed to ຳ (tone mark kept before ຳ), spaces collapsed."""
    text = unicodedata.normalize("NFC", text)
    text = _TONE_BEFORE_AM.sub(lambda m: (m.group(1) or "") + (m.group(2) or "") + AM, text)
    return _SPACES.sub(" ", text).strip()


LAO_RANGE = range(0x0E80, 0x0F00)  # the Lao block, U+0E80-U+0EFF
ZWSP = "\u200b"  # zero-width space: a line-break opportunity that draws nothing

# Characters that never start or end a line: ICU's dictionary never breaks at them either;
# checking keeps the contract "never inside a cluster" whatever the dictionary says.
_NO_BREAK_AFTER = "\u0ec0\u0ec1\u0ec2\u0ec3\u0ec4"  # ເ ແ ໂ ໃ ໄ, written before their consonant
_NO_BREAK_BEFORE = AM + "\u0ec6"  # ຳ, ໆ (repetition mark)


def is_lao(ch: str) -> bool:
    """Whether the character `ch` is in the Lao block."""
    return ord(ch) in LAO_RANGE


def _script(ch: str) -> bool | None:
    """True for Lao, False for another script, None for neutral (spaces, digits, punctuation, marks)."""
    if is_lao(ch):
        return True
    return False if unicodedata.category(ch)[0] == "L" else None


def script_runs(text: str) -> list[tuple[str, bool]]:
    """`text` cut into maximal runs, True for Lao; neutrals join their run, leading ones the next."""
    runs: list[tuple[str, bool]] = []
    start, current = 0, None
    for i, ch in enumerate(text):
        script = _script(ch)
        if script is None or script == current:
            continue
        if current is not None:
            runs.append((text[start:i], current))
            start = i
        current = script
    if text:
        runs.append((text[start:], bool(current)))
    return runs


_break_iterator: icu.BreakIterator | None = None
_break_lock = threading.Lock()


def _line_breaks(text: str) -> list[int]:
    """ICU's line-break positions in `text` (lo_LA), as Python string indices."""
    global _break_iterator
    with _break_lock:  # a BreakIterator holds its text: one caller at a time
        if _break_iterator is None:
            _break_iterator = icu.BreakIterator.createLineInstance(icu.Locale("lo_LA"))
        _break_iterator.setText(text)
        units = list(_break_iterator)
    if all(ch <= "\uffff" for ch in text):
        return units
    # ICU counts UTF-16 code units: a character outside the BMP counts two.
    index_of_unit = {}
    unit = 0
    for index, ch in enumerate(text):
        index_of_unit[unit] = index
        unit += 2 if ch > "\uffff" else 1
    index_of_unit[unit] = len(text)
    return [index_of_unit[u] for u in units]


def _breakable(before: str, after: str) -> bool:
    """Whether a U+200B may go between these two characters: both Lao, not inside a cluster."""
    return (is_lao(before) and is_lao(after)
            and before not in _NO_BREAK_AFTER and after not in _NO_BREAK_BEFORE
            and unicodedata.category(after)[0] != "M")


def _inside(text: str, words: Collection[str]) -> set[int]:
    """The indices of `text` that fall strictly inside an occurrence of one of `words`."""
    inside: set[int] = set()
    for word in words:
        start = text.find(word)
        while word and start >= 0:
            inside.update(range(start + 1, start + len(word)))
            start = text.find(word, start + 1)
    return inside


def break_words(text: str, unbroken: Collection[str] = ()) -> str:
    """`text` with U+200B at each Lao word boundary ICU finds between two Lao characters, except
    inside the words `unbroken` (ICU splits loanwords it does not know); nothing else changes."""
    pieces = []
    start = 0
    keep = _inside(text, unbroken) if unbroken else set()
    for index in _line_breaks(text):
        if 0 < index < len(text) and index not in keep and _breakable(text[index - 1], text[index]):
            pieces.append(text[start:index])
            start = index
    pieces.append(text[start:])
    return ZWSP.join(pieces)
