"""Cut text into Word runs by font: Lao runs for the Lao font, the rest for the Latin font."""

from __future__ import annotations

from generator.fonts import FontSet, uncovered_characters
from generator.lao import script_runs


def font_runs(text: str, fs: FontSet) -> list[tuple[str, bool]]:
    """`text` cut into maximal pieces, True for a Lao run; neutrals (digits, punctuation) the
    Lao font lacks go to the Latin font, so no character is drawn by a fallback font."""
    lao_only = FontSet(fs.key, fs.lao_family, None,
                       tuple(f for f in fs.faces if f.family == fs.lao_family))
    pieces: list[tuple[str, bool]] = []
    for run, is_lao in script_runs(text):
        missing = set(uncovered_characters(lao_only, run)) if is_lao and fs.latin_family else set()
        for ch in run:
            lao = is_lao and ch not in missing
            if pieces and pieces[-1][1] == lao:
                pieces[-1] = (pieces[-1][0] + ch, lao)
            else:
                pieces.append((ch, lao))
    return pieces
