"""The text of a PDF as the viewers people use read it, page by page, and how far it is from the typed text.

Engines that read in the order the page draws its text: PDFium (Chrome, Edge; pypdfium2),
pdf.js (Firefox; pdfjs-dist run with node, see tests/pdfjs/), MuPDF (SumatraPDF, mupdf;
PyMuPDF), poppler's `pdftotext -raw` and pdfminer.six (content-stream order). Engines that
read in their own reading order, built from each character's box (layout analysis): poppler
as Evince and Okular copy and search (`pdftotext` by default, the same text Okular copies),
`pdftotext -layout`, and poppler-glib's selection as Evince copies it (tests/poppler_glib/).
Ghostscript's txtwrite device is measured too. Each gives one string per page, lines
separated by "\n".
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import pymupdf
import pypdfium2
import pytest
from pdfminer.pdfpage import PDFPage

from conftest import ROOT, require
from readers import pdf_chars

PDFJS = ROOT / "tests" / "pdfjs"  # package.json + package-lock.json pin pdfjs-dist; node_modules/ is git-ignored
POPPLER_GLIB = ROOT / "tests" / "poppler_glib" / "extract.py"
# Where Lao cannot break: before a combining mark or a vowel that follows its consonant, after
# a vowel written before it (ເ ແ ໂ ໃ ໄ).
LAO_MARKS_AND_FOLLOWING_VOWELS = "\u0eb0-\u0ebd\u0ec8-\u0ece"
LAO_LEADING_VOWELS = "\u0ec0-\u0ec4"
INSIDE_SYLLABLE_SPACE = re.compile(
    rf"[{LAO_LEADING_VOWELS}]\s|\s(?=[{LAO_MARKS_AND_FOLLOWING_VOWELS}])")


def pdfium_pages(pdf: Path) -> list[str]:
    """PDFium's text of each page (FPDFText_GetText, what Chrome copies and searches).

    PDFium gives a hyphen at the end of a line as U+FFFE and joins the lines (its own
    dehyphenation); it is given back here as the hyphen and the line end it stands for.
    """
    document = pypdfium2.PdfDocument(str(pdf))
    try:
        return [page.get_textpage().get_text_range().replace("\r\n", "\n").replace("\ufffe", "-\n")
                for page in document]
    finally:
        document.close()


_npm_lock = threading.Lock()


def _pdfjs_script() -> Path:
    """tests/pdfjs/extract.mjs with its pinned pdfjs-dist installed (`npm ci` on first use)."""
    with _npm_lock:
        if not (PDFJS / "node_modules" / "pdfjs-dist" / "package.json").exists():
            npm = require("npm", "the pdf.js (Firefox) text check")
            result = subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=PDFJS,
                                    capture_output=True, text=True, timeout=600)
            if result.returncode:
                reason = f"npm ci in {PDFJS} failed: {result.stderr.strip()[-500:]}"
                if os.environ.get("CI") == "true":
                    pytest.fail(reason)
                pytest.skip(reason)
    return PDFJS / "extract.mjs"


def pdfjs_pages(pdf: Path) -> list[str]:
    """pdf.js's text of each page: one node process for the whole PDF."""
    script = _pdfjs_script()
    out = subprocess.run([require("node", "the pdf.js (Firefox) text check"), str(script), str(pdf)],
                         capture_output=True, check=True, timeout=300).stdout
    return json.loads(out)


def mupdf_pages(pdf: Path) -> list[str]:
    """MuPDF's plain text of each page (what SumatraPDF and mupdf copy)."""
    with pymupdf.open(pdf) as document:
        return [page.get_text("text") for page in document]


def _pdftotext(pdf: Path, *mode: str) -> list[str]:
    """poppler's `pdftotext` of each page in `mode` (none: its reading order)."""
    out = subprocess.run(
        [require("pdftotext", "the poppler text check"), *mode, "-enc", "UTF-8", str(pdf), "-"],
        capture_output=True, check=True).stdout.decode()
    return out.split("\f")[:-1]


def poppler_raw_pages(pdf: Path) -> list[str]:
    """poppler's `pdftotext -raw` of each page (content-stream order)."""
    return _pdftotext(pdf, "-raw")


def poppler_pages(pdf: Path) -> list[str]:
    """poppler's reading order (`pdftotext`): blocks, lines and words from the characters' boxes,
    as Evince and Okular copy and search."""
    return _pdftotext(pdf)


def poppler_layout_pages(pdf: Path) -> list[str]:
    """poppler's physical layout (`pdftotext -layout`): the reading order's lines placed in columns."""
    return _pdftotext(pdf, "-layout")


def _system_python() -> str:
    """Debian's Python, the one apt's python3-gi and gir1.2-poppler-0.18 serve (the venv's may be another)."""
    return "/usr/bin/python3" if Path("/usr/bin/python3").exists() else require(
        "python3", "the poppler-glib (Evince) text check")


def poppler_glib_pages(pdf: Path) -> list[str]:
    """poppler-glib's selected text of each whole page, as Evince copies it (tests/poppler_glib/)."""
    result = subprocess.run([_system_python(), str(POPPLER_GLIB), str(pdf)], capture_output=True, timeout=300)
    if result.returncode:
        reason = (f"poppler-glib for Python is not installed (apt-get install python3-gi "
                  f"gir1.2-poppler-0.18): the Evince text check did not run: "
                  f"{result.stderr.decode().strip().splitlines()[-1:]}")
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    return json.loads(result.stdout)


def pdfminer_lines(pdf: bytes) -> list[tuple[int, str]]:
    """(page index, text) per PDF line in content-stream order: a new line starts where the
    baseline moves by more than 0.6 em (marks raised by a text rise move it less) or on a new
    page. Glyphs that copy as nothing are skipped, so they cannot make a line boundary."""
    lines: list[tuple[int, str]] = []
    previous = None
    for page_index, char in pdf_chars(pdf):
        if not char.get_text():
            continue
        y = char.matrix[5]
        if previous is None or page_index != previous[0] or abs(y - previous[1]) > 0.6 * char.size:
            lines.append((page_index, ""))
        lines[-1] = (page_index, lines[-1][1] + char.get_text())
        previous = (page_index, y)
    return lines


def pdfminer_pages(pdf: Path) -> list[str]:
    """pdfminer.six's text of each page, from the ToUnicode maps in content-stream order."""
    data = pdf.read_bytes()
    with pdf.open("rb") as handle:
        pages = ["" for _ in PDFPage.get_pages(handle)]
    for page_index, line in pdfminer_lines(data):
        pages[page_index] += line + "\n"
    return pages


def ghostscript_pages(pdf: Path) -> list[str]:
    """Ghostscript's txtwrite text of each page."""
    out = subprocess.run(
        [require("gs", "the Ghostscript text check"), "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER",
         "-sDEVICE=txtwrite", "-sOutputFile=-", str(pdf)], capture_output=True, check=True).stdout
    return [re.sub(r"[ \t]+", " ", line).strip() for line in out.decode("utf-8", "replace").split("\f")]


ENGINES: dict[str, Callable[[Path], list[str]]] = {
    "pdfium": pdfium_pages, "pdfjs": pdfjs_pages, "mupdf": mupdf_pages,
    "poppler-raw": poppler_raw_pages, "pdfminer": pdfminer_pages,
}
READING_ORDER_ENGINES: dict[str, Callable[[Path], list[str]]] = {
    "poppler": poppler_pages, "poppler-layout": poppler_layout_pages, "poppler-glib": poppler_glib_pages,
}
READERS = {**ENGINES, **READING_ORDER_ENGINES, "ghostscript": ghostscript_pages}


def typed_pattern(text: str, layout: bool = False) -> re.Pattern[str]:
    """`text` as an extracted line sequence may hold it: a line end may stand for a space or
    for nothing (a line broken at a U+200B); nothing else may differ.

    `layout`: also what a reading order built by layout analysis does to whole lines (poppler):
    a line end may be followed by an empty line (the end of one of its blocks, where the line
    spacing grows), and a hyphen may be gone (it joins a line that ends in one to the next).
    """
    line_end = r"\n\n?" if layout else r"\n"
    parts = []
    for index, character in enumerate(text):
        if character == " ":
            parts.append(rf"(?: (?:{line_end})?|{line_end})")
        else:
            if index and text[index - 1] != " ":
                parts.append(rf"(?:{line_end})?")
            parts.append("-?" if layout and character == "-" else re.escape(character))
    return re.compile("".join(parts))


def _joined(pages: list[str], layout: bool = False) -> str:
    """The pages joined by line ends (`layout`: each line without the spaces a physical layout
    indents and pads it by)."""
    if not layout:
        return "\n".join(page.strip("\n") for page in pages)
    return "\n".join(line.strip(" ") for page in pages for line in page.strip("\n").split("\n"))


def found_as_typed(texts: Iterable[str], pages: list[str], layout: bool = False) -> list[str]:
    """The texts that some page, or the pages joined by line ends, holds exactly as typed
    (`layout`: with the allowances of `typed_pattern` for a reading order's lines)."""
    whole = _joined(pages, layout)
    return [text for text in texts if typed_pattern(text, layout).search(whole)]


def line_pieces(text: str, drawn_pages: list[str]) -> list[str]:
    """The pieces of `text` that the PDF draws on lines of their own, from an engine that reads
    in drawing order (the whole text when it is not found there)."""
    match = typed_pattern(text).search(_joined(drawn_pages))
    if match is None:
        return [text]
    return [piece.strip(" ") for piece in match.group().split("\n") if piece.strip(" ")]


def found_line_by_line(texts: Iterable[str], pages: list[str], drawn_pages: list[str]) -> list[str]:
    """The texts whose lines (`line_pieces`) the pages hold as typed and in order, other text
    allowed between them: what a reading order that reads the cells of a table row across the
    row, line by line, still keeps (with the allowances of `typed_pattern(layout=True)`)."""
    whole = _joined(pages, layout=True)
    found = []
    for text in texts:
        position = 0
        for piece in line_pieces(text, drawn_pages):
            match = typed_pattern(piece, layout=True).search(whole, position)
            if match is None:
                break
            position = match.end()
        else:
            found.append(text)
    return found


def stray_characters(pages: list[str], allowed: set[str]) -> list[str]:
    """Characters the engine gives that the document's text never had."""
    return [ch for page in pages for ch in page if ch not in allowed and not ch.isspace()]


def spaces_inside_syllables(pages: list[str]) -> list[str]:
    """Every place a space or line end stands where Lao cannot break, with its neighbours."""
    return [page[max(0, m.start() - 6):m.end() + 6] for page in pages
            for m in INSIDE_SYLLABLE_SPACE.finditer(page)]


@dataclass(frozen=True)
class Figures:
    """How far one engine's text of one PDF is from the typed texts (`lines`: found line by line)."""

    found: int
    lines: int
    texts: int
    stray: int
    split: int

    def __str__(self) -> str:
        return (f"{self.found}/{self.texts} found ({self.lines} line by line), "
                f"{self.stray} stray, {self.split} split")


def figures(pages: list[str], texts: list[str], allowed: set[str], drawn_pages: list[str],
            layout: bool = False) -> Figures:
    """The figures for one engine's pages; `drawn_pages` from an engine that reads in drawing
    order, `layout` for an engine that reads in its own reading order (see `typed_pattern`)."""
    return Figures(len(found_as_typed(texts, pages, layout)),
                   len(found_line_by_line(texts, pages, drawn_pages)),
                   len(texts), len(stray_characters(pages, allowed)), len(spaces_inside_syllables(pages)))
