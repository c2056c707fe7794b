"""Rendered HTML to PDF/A-3 with WeasyPrint: bundled fonts only, Lao word breaks, metadata, no silent fallback.

Archival: the PDF is PDF/A-3a (tagged) with the meeting's YAML attached as its Source
associated file (see attachment.py), and it is reproducible: its dates are the `created`
time given (never the clock), and so is the modification date that subsetting writes
into each embedded font (fontTools would write the current time).
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import re
import threading
from collections.abc import Collection, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse
from urllib.request import url2pathname

import generator.pdf.libraries  # noqa: F401  (before any weasyprint import: a quick library search)
import fontTools.ttLib.tables._h_e_a_d as ft_head
import lxml.html
import weasyprint
import weasyprint.pdf.fonts as wp_pdf_fonts
from fontTools.misc.timeTools import epoch_diff
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

from generator.content.lao_words import lao_words
from generator.content.template_structure import first_use
from generator.data.model import Location
from generator.errors import InputError, Problem, shown_path
from generator.fonts import FONTS_DIR, FontSet, font_face_css, font_file_problems, uncovered_characters
from generator.lao import break_words
from generator.output import write_atomically
from generator.paths import TEMPLATES_DIR
from generator.pdf.attachment import SourceFile, finish, weasyprint_attachment
from generator.pdf.chart_drawing import draw_charts, mark_short_tables
from generator.pdf.font_configs import font_configuration
from generator.pdf.font_subset import fast_fonttools_subset
from generator.pdf.text_layer import write_pdf_exact

# PDF/A-3: embedded files allowed (PDF/A-2 is not). Level A: WeasyPrint tags the structure
# (headings, lists, tables) and every glyph has a ToUnicode entry (exact, see text_layer.py).
PDF_VARIANT = "pdf/a-3a"
UNKNOWN_TIME = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)  # font dates when no time is given


# Elements whose text WeasyPrint never lays out as page content.
_NOT_LAID_OUT = {"head", "title", "meta", "style", "script", "link"}


# --- the text WeasyPrint lays out ---------------------------------------------------------

def _laid_out_elements(root: Any) -> Iterator[Any]:
    """Every element of <body>, comments included (their tails are text)."""
    body = root.find("body")
    return iter(()) if body is None else body.iter()


def _insert_word_breaks(root: Any, unbroken: Collection[str]) -> None:
    """U+200B at Lao word boundaries in the body's text nodes (not inside the words `unbroken`);
    attributes and <head> untouched."""
    for element in _laid_out_elements(root):
        is_element = isinstance(element.tag, str)
        if is_element and element.tag not in _NOT_LAID_OUT and element.text:
            element.text = break_words(element.text, unbroken)
        if element.tail and element.tag != "body":
            element.tail = break_words(element.tail, unbroken)


def _serialise(root: Any) -> str:
    """The document as HTML text again."""
    return lxml.html.tostring(root, encoding="unicode", doctype="<!doctype html>")


def for_weasyprint(root: Any, unbroken: Collection[str] = ()) -> str:
    """The HTML WeasyPrint lays out, from the parsed document `root` (changed in place): charts
    drawn (chart_drawing.py), short tables marked to stay on one page, and U+200B at Lao word
    boundaries (not inside the words `unbroken`)."""
    draw_charts(root)
    mark_short_tables(root)
    _insert_word_breaks(root, unbroken)
    return _serialise(root)


def _body_text(root: Any) -> str:
    """All the text of <body> of the parsed document `root` that gets drawn (for the font coverage check)."""
    body = root.find("body")
    if body is None:
        return ""
    return "".join(body.itertext())


# --- resources --------------------------------------------------------------------------

class _FolderFetcher(URLFetcher):
    """Serves file: URLs inside the allowed folders only; anything else fails (and so fails the build)."""

    def __init__(self, allowed: Sequence[Path]) -> None:
        super().__init__(allowed_protocols=("file",))
        self.allowed = tuple(p.resolve() for p in allowed)

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> Any:
        """Fetch `url` when it is a file inside an allowed folder; raise ValueError otherwise."""
        parsed = urlparse(url)
        if parsed.scheme != "file":
            raise ValueError(f"only files from {self._folders()} may be loaded, not {url}")
        path = Path(url2pathname(unquote(parsed.path))).resolve()
        if not any(path.is_relative_to(folder) for folder in self.allowed):
            raise ValueError(f"{path} is outside the folders a document may load from ({self._folders()})")
        return super().fetch(url, headers)

    def _folders(self) -> str:
        """The allowed folders, for messages."""
        return ", ".join(str(p) for p in self.allowed)


# --- WeasyPrint's log: every warning or error is a failure ------------------------------

class _Collect(logging.Handler):
    """Keeps every record at WARNING or above."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        """Keep the record."""
        self.records.append(record)


@contextmanager
def _weasyprint_log() -> Iterator[_Collect]:
    """Collect WeasyPrint's warnings and errors while the block runs."""
    logger = weasyprint.LOGGER
    handler = _Collect()
    level = logger.level
    logger.addHandler(handler)
    if logger.getEffectiveLevel() > logging.WARNING:
        logger.setLevel(logging.WARNING)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)


# Not a problem with the document: WeasyPrint subsets with fontTools (see _fonttools_subsets).
_BENIGN = ("Using fontTools instead of HarfBuzz-Subset",)


def _log_problems(records: list[logging.LogRecord], html: str, templates_dir: Path) -> list[Problem]:
    """One Problem per WeasyPrint warning or error, except the known benign ones; a stylesheet's
    `at LINE:COL` is given as the place in it when the document links one stylesheet."""
    sheets = re.findall(r'<link rel="stylesheet" href="file://([^"]+)"', html)
    problems = []
    for record in records:
        message = record.getMessage()
        if message.startswith(_BENIGN):
            continue
        at = re.search(r" at (\d+):(\d+)", message)
        if at and len(sheets) == 1:
            where = Location(shown_path(url2pathname(unquote(sheets[0]))), int(at[1]), int(at[2]))
            problems.append(Problem(f"the PDF renderer reported: {message.replace(at[0], '', 1)} "
                                    "(fix the stylesheet here)", location=where))
        else:
            problems.append(Problem(f"the PDF renderer reported: {message} (fix the font, stylesheet or "
                                    "template it names)", file=shown_path(templates_dir)))
    return problems


# --- fonts ------------------------------------------------------------------------------

def font_stylesheet(fs: FontSet) -> str:
    """The @font-face rules of `fs` and the document's font-family: only the set's bundled families."""
    return f"{font_face_css(fs)}\nhtml {{ font-family: {fs.css_stack()}; }}\n"


def _coverage(fs: FontSet, root: Any, templates_dir: Path) -> list[Problem]:
    """A Problem for each character of the body of the parsed document `root` (data, labels,
    template text) that `fs` cannot draw, placed where a label or template first has it."""
    problems = []
    for ch in uncovered_characters(fs, _body_text(root)):
        message = (f"character '{ch}' (U+{ord(ch):04X}) is shown in the document but no font of the set "
                   f"{fs.label} has it (change the label or template text, or choose another font set with --font)")
        where = first_use(ch, templates_dir)
        problems.append(Problem(message, location=where) if where else
                        Problem(message, file=shown_path(templates_dir)))
    return problems


def _fallback_fonts(document: Any, fs: FontSet) -> list[str]:
    """Families of fonts the PDF used that are not the set's @font-face families (a silent fallback)."""
    ours = {face.css_family for face in fs.faces}
    used: list[str] = []
    for font in document.fonts.values():
        if font.family not in ours and font.family not in used:
            used.append(font.family)
    return used


# --- the PDF ----------------------------------------------------------------------------

_font_time_lock = threading.Lock()


@contextmanager
def _fonttools_subsets(when: dt.datetime) -> Iterator[None]:
    """While active, WeasyPrint subsets fonts with fontTools, and the subsets are dated `when`, not now.

    WeasyPrint 70 subsets with HarfBuzz when the machine has libharfbuzz-subset (Chromium pulls it
    in) and with fontTools otherwise; the two give different bytes. One path on every machine keeps
    builds reproducible, and the fontTools path is the one the exact text layer is tested on.
    It is also made fast (font_subset.py): the same bytes, without decoding the tables it drops.
    """
    stamp = int(when.timestamp()) - epoch_diff  # fontTools counts seconds from 1904
    font_class = wp_pdf_fonts.Font
    with _font_time_lock:
        saved_time, saved_subset = ft_head.timestampNow, wp_pdf_fonts.harfbuzz_subset
        saved_fonttools = font_class._fonttools_subset
        ft_head.timestampNow = lambda: stamp
        wp_pdf_fonts.harfbuzz_subset = None
        font_class._fonttools_subset = fast_fonttools_subset(saved_fonttools)
        try:
            yield
        finally:
            ft_head.timestampNow, wp_pdf_fonts.harfbuzz_subset = saved_time, saved_subset
            font_class._fonttools_subset = saved_fonttools


def w3c_time(when: dt.datetime) -> str:
    """`when` as a W3C date-time in UTC, e.g. 2020-11-20T00:00:00Z (as XMP and WeasyPrint's metadata want)."""
    return when.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _write_document(document: Any, target: io.BytesIO, created: dt.datetime | None,
                    source: SourceFile | None) -> None:
    """Serialise the laid-out document as PDF/A-3 with an exact text layer (see text_layer.py)."""
    if created is not None:
        document.metadata.created = document.metadata.modified = w3c_time(created)
    when = (created or UNKNOWN_TIME).astimezone(dt.timezone.utc)
    attachments = [weasyprint_attachment(source, when)] if source is not None else []
    with _fonttools_subsets(when):
        write_pdf_exact(document, target, pdf_variant=PDF_VARIANT, attachments=attachments,
                        finisher=finish)


def render_pdf(html: str, fs: FontSet, *, base_url: Path, templates_dir: Path = TEMPLATES_DIR,
               created: dt.datetime | None = None, source: SourceFile | None = None) -> bytes:
    """The PDF/A-3 of `html` in the font set `fs`, dated `created`, with `source` attached;
    InputError on any renderer warning, uncovered character or fallback font."""
    root = lxml.html.document_fromstring(html)  # parsed once: the coverage check, then the layout's HTML
    problems = font_file_problems(fs) or _coverage(fs, root, templates_dir)
    if problems:
        raise InputError(problems)
    laid_out = for_weasyprint(root, lao_words(templates_dir))
    fetcher = _FolderFetcher([FONTS_DIR, templates_dir, base_url])
    target = io.BytesIO()
    with _weasyprint_log() as log:
        def make() -> tuple[FontConfiguration, weasyprint.CSS, bool]:
            """A new configuration with the set's fonts loaded; whether they loaded without a word."""
            fonts, before = FontConfiguration(), len(log.records)
            sheet = weasyprint.CSS(string=font_stylesheet(fs), font_config=fonts,
                                   url_fetcher=_FolderFetcher(fs.folders))
            return fonts, sheet, len(log.records) == before

        with font_configuration(fs, make) as (fonts, font_sheet):
            document = weasyprint.HTML(
                string=laid_out, base_url=str(base_url.resolve()) + "/",
                url_fetcher=fetcher,
            ).render(font_config=fonts, stylesheets=[font_sheet])
            _write_document(document, target, created, source)
    problems = _log_problems(log.records, html, templates_dir)
    problems += [Problem(f"the PDF fell back to the font '{family}', which is not in the font set "
                         f"{fs.label} (a font failed to load or lacks a character: fix what the renderer "
                         "reported, and name no other font-family in the stylesheet)",
                         file=shown_path(templates_dir))
                 for family in _fallback_fonts(document, fs)]
    if problems:
        raise InputError(problems)
    return target.getvalue()


def write_pdf(html: str, fs: FontSet, out: Path, *, base_url: Path,
              templates_dir: Path = TEMPLATES_DIR, created: dt.datetime | None = None,
              source: SourceFile | None = None) -> None:
    """Write the PDF of `html` to `out`; nothing is written when rendering fails.

    `base_url` is the meeting's folder: relative URLs resolve there, and only it, `fonts/`
    and `templates_dir` may be read. `created` dates the document (none when None);
    `source` is attached as the document's Source file (the meeting's YAML).
    """
    write_atomically(out, render_pdf(html, fs, base_url=base_url, templates_dir=templates_dir,
                                     created=created, source=source))
