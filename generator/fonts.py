"""The bundled fonts: which files make a font set, what they cover, their CSS, their DOCX part."""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from fontTools.ttLib import TTFont, TTLibError

from generator.errors import Problem, shown_path
from generator.data.model import LANGUAGES, Language, Location, Meeting
from generator.paths import FONTS_DIR


# CSS names of our own, so that a face that fails to load can never be replaced by a copy
# of the same family installed on the machine: it falls back visibly instead.
CSS_PREFIX = "Briefing "


@dataclass(frozen=True)
class FontFace:
    """One bundled font file: its real family name (name table ID 1), weight and style."""

    family: str
    path: Path
    weight: int
    style: str  # "normal" or "italic"

    @property
    def css_family(self) -> str:
        """The family name the @font-face rule gives this face (ours, not the font's)."""
        return CSS_PREFIX + self.family


@dataclass(frozen=True)
class FontSet:
    """A choice of fonts for a document: a Lao family, and a Latin family for everything else.

    The Latin family draws every character that is not Lao (Latin letters, digits,
    punctuation), also where the Lao font has glyphs of its own for them (Phetsarath OT's
    Latin has small old-style figures); the Lao family draws the Lao script.
    """

    key: str
    lao_family: str
    latin_family: str | None
    faces: tuple[FontFace, ...]

    @property
    def families(self) -> tuple[str, ...]:
        """The real family names of the set, Lao first."""
        return (self.lao_family,) + ((self.latin_family,) if self.latin_family else ())

    @property
    def folders(self) -> list[Path]:
        """The folders the set's font files are in, sorted (what the preview watches, what the PDF may load)."""
        return sorted({face.path.parent for face in self.faces})

    @property
    def latin_first(self) -> bool:
        """Whether the Latin family must come first: the Lao font has Latin glyphs of its own
        (Phetsarath OT), which would otherwise draw Latin text, digits and punctuation."""
        lao = tuple(f for f in self.faces if f.family == self.lao_family)
        return bool(self.latin_family) and all(ord("A") in _cmap(f.path) for f in lao[:1])

    def css_stack(self) -> str:
        """A CSS font-family value naming only the set's bundled families: the browser takes
        each character from the first family that has it. Lao first, unless the Lao font has a
        Latin of its own (latin_first): only the Lao family has Lao either way."""
        return ", ".join(f'"{CSS_PREFIX}{family}"'
                         for family in (self.families[::-1] if self.latin_first else self.families))

    @property
    def label(self) -> str:
        """The set as users read it: `'noto-sans' (Noto Sans Lao, Noto Sans)`."""
        return f"'{self.key}' ({', '.join(self.families)})"


def _faces(family: str, stem: str, variants: Iterable[str]) -> tuple[FontFace, ...]:
    """The faces `FONTS_DIR/{stem}-{variant}.ttf` of one family."""
    weights = {"Regular": (400, "normal"), "Bold": (700, "normal"),
               "Italic": (400, "italic"), "BoldItalic": (700, "italic")}
    return tuple(FontFace(family, FONTS_DIR / f"{stem}-{v}.ttf", *weights[v]) for v in variants)


_ALL_STYLES = ("Regular", "Bold", "Italic", "BoldItalic")

FONT_SETS: dict[str, FontSet] = {
    # Phetsarath OT's own Latin is a sans with small old-style figures ("2oth"): Noto Sans, a
    # sans of the same colour with lining figures, draws the Latin text instead.
    "phetsarath": FontSet(
        "phetsarath", "Phetsarath OT", "Noto Sans",
        (FontFace("Phetsarath OT", FONTS_DIR / "PhetsarathOT.ttf", 400, "normal"),
         # derived by tools/embolden.py: Phetsarath OT has no bold of its own
         FontFace("Phetsarath OT", FONTS_DIR / "PhetsarathOT-Bold.ttf", 700, "normal"))
        + _faces("Noto Sans", "NotoSans", _ALL_STYLES),
    ),
    "noto-sans": FontSet(
        "noto-sans", "Noto Sans Lao", "Noto Sans",
        _faces("Noto Sans Lao", "NotoSansLao", ("Regular", "Bold"))
        + _faces("Noto Sans", "NotoSans", _ALL_STYLES),
    ),
    "noto-serif": FontSet(
        "noto-serif", "Noto Serif Lao", "Noto Serif",
        _faces("Noto Serif Lao", "NotoSerifLao", ("Regular", "Bold"))
        + _faces("Noto Serif", "NotoSerif", _ALL_STYLES),
    ),
}
DEFAULT_FONT_SET = "phetsarath"


def font_face_css(fs: FontSet) -> str:
    """One @font-face rule per face of `fs`, each loading its file through a file:// URL."""
    rules = []
    for face in fs.faces:
        rules.append(
            "@font-face {\n"
            f'  font-family: "{face.css_family}";\n'
            f'  src: url("{face.path.resolve().as_uri()}");\n'
            f"  font-weight: {face.weight};\n"
            f"  font-style: {face.style};\n"
            "}\n"
        )
    return "".join(rules)


def pdf_font_family(pdf_font_name: str) -> str | None:
    """The bundled family that drew text under this PDF font name, or None for any other font.

    WeasyPrint names an embedded font after its CSS family plus style, spaces as hyphens,
    behind a subset tag: `ABCDEF+Briefing-Noto-Sans-Lao-Bold` is Noto Sans Lao.
    """
    name = pdf_font_name.lstrip("/").split("+", 1)[-1]
    families = {face.family for fs in FONT_SETS.values() for face in fs.faces}
    for family in sorted(families, key=len, reverse=True):
        stem = (CSS_PREFIX + family).replace(" ", "-")
        if name == stem or name.startswith(stem + "-"):
            return family
    return None


def _describe(face: FontFace) -> str:
    """`Noto Sans Lao, weight 700, normal`: what a face file is expected to be."""
    return f"{face.family}, weight {face.weight}, {face.style}"


def font_file_problems(fs: FontSet) -> list[Problem]:
    """One Problem per face of `fs` whose file is missing, unreadable or another family."""
    problems = []
    for face in fs.faces:
        needs = f"font set '{fs.key}' needs it: {_describe(face)}"
        fix = "restore the file from the repository, or choose another font set with --font"
        shown = shown_path(face.path)
        if not face.path.is_file():
            problems.append(Problem(f"the font file is missing ({needs}; {fix})", file=shown))
            continue
        try:
            family = _family_name(face.path)
        except (TTLibError, OSError, KeyError, AssertionError, ValueError) as error:
            problems.append(Problem(
                f"not a readable TrueType/OpenType font: {error} ({needs}; {fix})", file=shown))
            continue
        if family != face.family:
            problems.append(Problem(f"the font's family is '{family}' ({needs}; {fix})", file=shown))
    return problems


def _family_name(path: Path) -> str:
    """The family name (name table ID 1) of the font file at `path`; raises if unreadable."""
    name = _read_font(_file_key(path))[0]
    if name is None:
        raise ValueError("the font has no family name")
    return name


def _file_key(path: Path) -> tuple[Path, int, int]:
    """The file at `path` as a cache key: a file saved since it was read has another one."""
    status = path.stat()
    return path, status.st_mtime_ns, status.st_size


@functools.lru_cache(maxsize=64)
def _read_font(key: tuple[Path, int, int]) -> tuple[str | None, frozenset[int]]:
    """The family name (name table ID 1) and the mapped code points of the font file `key`
    names, read once per process and version of the file; raises if unreadable."""
    with TTFont(key[0], lazy=True) as font:
        name = font["name"].getDebugName(1)
        cmap = frozenset(font.getBestCmap() or ())  # an unreadable cmap makes the font useless to us
    return name, cmap


def _cmap(path: Path) -> frozenset[int]:
    """The code points the font file at `path` maps to glyphs."""
    return _read_font(_file_key(path))[1]


@functools.lru_cache(maxsize=16)
def _union(keys: tuple[tuple[Path, int, int], ...]) -> frozenset[int]:
    """The code points that at least one of the font files `keys` name maps."""
    return frozenset().union(*(_read_font(key)[1] for key in keys))


def _covered(fs: FontSet) -> frozenset[int]:
    """The code points that at least one face of `fs` maps (as its files are now)."""
    return _union(tuple(_file_key(face.path) for face in fs.faces))


def _drawn(ch: str) -> bool:
    """Whether a character needs a glyph: not whitespace, a control or a format character."""
    if ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf"):
        return False
    code = ord(ch)
    return not (0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF)  # variation selectors


def uncovered_characters(fs: FontSet, text: str) -> list[str]:
    """The distinct drawn characters of `text` that no face of `fs` maps, in order of first use."""
    covered = _covered(fs)
    missing: list[str] = []
    for ch in text:
        if ord(ch) not in covered and _drawn(ch) and ch not in missing:
            missing.append(ch)
    return missing


def coverage_problems(
    meeting: Meeting, fs: FontSet, lang: Language | Iterable[Language] = LANGUAGES,
) -> list[Problem]:
    """One Problem per character per text field that `fs` cannot draw, in the languages `lang`.

    A document shows texts in its own language and, in bilingual tables, the other one too,
    so the default checks both; pass one language to check only the texts in it.
    """
    langs: tuple[Language, ...] = (lang,) if isinstance(lang, str) else tuple(lang)
    problems = []
    for text in meeting.texts():
        for code in langs:
            value = text.get(code)
            if value is None:
                continue
            path, location = _where(meeting, text.path, code, text.location)
            for ch in uncovered_characters(fs, value):
                problems.append(Problem(_coverage_message(fs, ch), path, location))
    return problems


def _where(
    meeting: Meeting, path: str, lang: Language, location: Location | None,
) -> tuple[str, Location | None]:
    """The field path and location of one language of a text (`x.lo` when the data has it)."""
    own = f"{path}.{lang}"
    if own in meeting.locations:
        return own, meeting.locations[own]
    return path, location or meeting.location_of(path)


def _coverage_message(fs: FontSet, ch: str) -> str:
    """What is wrong with `ch` in `fs` and what to do instead."""
    name = unicodedata.name(ch, "unnamed character")
    others = [key for key, other in FONT_SETS.items()
              if other is not fs and not uncovered_characters(other, ch)]
    hint = "use a character the bundled fonts have"
    if others:
        hint += ", or choose " + " or ".join(f"--font {key}" for key in others)
    return (f"character '{ch}' (U+{ord(ch):04X} {name}) is not in the font set "
            f"{fs.label}: {hint}")


_GUID = re.compile(r"\{([0-9A-F]{8})-([0-9A-F]{4})-([0-9A-F]{4})-([0-9A-F]{4})-([0-9A-F]{12})\}")


def obfuscate_font(data: bytes, guid: str) -> bytes:
    """`data` with its first 32 bytes XORed with the GUID key (ECMA-376 Part 1 §17.8.1); self-inverse."""
    match = _GUID.fullmatch(guid)
    if match is None:
        raise ValueError(f"font key {guid!r} is not an upper-case braced GUID like {{0123ABCD-...}}")
    key = bytes.fromhex("".join(match.groups()))[::-1]
    head = bytes(b ^ key[i % 16] for i, b in enumerate(data[:32]))
    return head + data[32:]


def new_font_key(seed: bytes) -> str:
    """A GUID derived from `seed` alone, upper-case and braced, for reproducible DOCX builds."""
    digest = hashlib.sha256(seed).digest()[:16]
    return "{" + str(uuid.UUID(bytes=digest, version=4)).upper() + "}"
