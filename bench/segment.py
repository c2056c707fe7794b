"""Benchmark: how long Lao segmentation, script runs and font coverage take on the seed article.

Run: .venv/bin/python bench/segment.py [REPEATS]   (prints figures; asserts nothing)
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.fonts import FONT_SETS, uncovered_characters  # noqa: E402
from generator.lao import ZWSP, break_words, is_lao, normalise, script_runs  # noqa: E402

SEED = ROOT / "tests" / "data" / "accsm-20-article.lo.txt"


def timed(call: Callable[[], object], repeats: int) -> tuple[float, float]:
    """The first call's time and the median of `repeats` further calls, in milliseconds."""
    start = time.perf_counter()
    call()
    first = (time.perf_counter() - start) * 1000
    runs = []
    for _ in range(repeats):
        start = time.perf_counter()
        call()
        runs.append((time.perf_counter() - start) * 1000)
    return first, statistics.median(runs)


def main() -> None:
    """Print the figures for the seed article."""
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    text = normalise(SEED.read_text(encoding="utf-8"))
    start = time.perf_counter()
    break_words(text)  # the first call creates ICU's break iterator and loads its dictionary
    print(f"break_words, very first call: {(time.perf_counter() - start) * 1000:.2f} ms")
    lao = sum(map(is_lao, text))
    print(f"seed article: {len(text)} characters, {lao} Lao, {text.count(' ')} spaces")
    broken = break_words(text)
    pieces = [p for chunk in broken.split(" ") for p in chunk.split(ZWSP) if p]
    print(f"break_words: {broken.count(ZWSP)} U+200B inserted; "
          f"{len(pieces)} pieces between spaces/U+200B, "
          f"longest {max(map(len, pieces))} characters")
    for name, call in (
        ("normalise", lambda: normalise(text)),
        ("break_words", lambda: break_words(text)),
        ("script_runs", lambda: script_runs(text)),
        *((f"uncovered_characters[{key}]", lambda fs=fs: uncovered_characters(fs, text))
          for key, fs in FONT_SETS.items()),
    ):
        first, median = timed(call, repeats)
        print(f"{name:34} first call {first:8.2f} ms   median of {repeats} {median:7.3f} ms   "
              f"{len(text) / median / 1000:7.2f} M chars/s")


if __name__ == "__main__":
    main()
