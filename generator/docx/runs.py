"""Cut text into Word runs by font: Lao runs for the Lao font, the rest for the Latin font."""

from __future__ import annotations

from generator.fonts import FontSet, uncovered_characters
from generator.lao import is_lao, script_runs


def font_runs(text: str, fs: FontSet) -> list[tuple[str, bool]]:
    """`text` cut into maximal pieces, True for a Lao run, drawn as the PDF's font stack draws
    them: Lao letters and marks by the Lao font; digits and punctuation inside Lao text by the
    first family of the stack that has them (the Latin one for Phetsarath OT, whose own figures
    are old-style); a space stays in the piece it is in. No character goes to a font lacking it."""
    latin_only = FontSet(fs.key, fs.lao_family, fs.latin_family,
                         tuple(f for f in fs.faces if f.family == fs.latin_family))
    lao_only = FontSet(fs.key, fs.lao_family, None,
                       tuple(f for f in fs.faces if f.family == fs.lao_family))
    pieces: list[tuple[str, bool]] = []
    for run, is_lao_run in script_runs(text):
        lao_lacks = set(uncovered_characters(lao_only, run)) if is_lao_run and fs.latin_family else set()
        latin_lacks = set(uncovered_characters(latin_only, run)) if fs.latin_family else set(run)
        for ch in run:
            if not is_lao_run:
                lao = False
            elif is_lao(ch):
                lao = ch not in lao_lacks
            elif ch.isspace():
                lao = pieces[-1][1] if pieces else True
            elif fs.latin_first:
                lao = ch in latin_lacks and ch not in lao_lacks
            else:
                lao = ch not in lao_lacks
            if pieces and pieces[-1][1] == lao:
                pieces[-1] = (pieces[-1][0] + ch, lao)
            else:
                pieces.append((ch, lao))
    return pieces
