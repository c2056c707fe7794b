"""One preview build: a meeting file in one kind and edition -> PDF, DOCX and page images in memory, or check's problems.

Nothing is written to disk, so a build can never trigger the watcher that asked for it. The DOCX
is made when it is first downloaded, from the very edition the build checked (the same bytes
`build` writes from it): a rebuild after a save only makes what the page shows.
"""

from __future__ import annotations

import sys
import threading
import time
import traceback
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pypdfium2

from generator.build import Edition, edition_docx, edition_pdf, output_name, prepare
from generator.data.model import Language
from generator.errors import InputError
from generator.fonts import FontSet
from generator.preview.png import rgb_png

# 1.5 × 72 dpi = 108 dpi: an A4 page is 893 × 1263 pixels, sharp on an ordinary screen, about 0.04 s for 4 pages with their PNGs.
PAGE_SCALE = 1.5


@dataclass(frozen=True)
class Selection:
    """What the page shows: a document kind and an edition (None: the meeting's own language)."""

    kind: str
    lang: Language | None = None


@dataclass(frozen=True)
class PageImage:
    """One PDF page drawn as a PNG, with its size in pixels."""

    png: bytes
    width: int
    height: int


class LazyDocx:
    """The DOCX of a checked edition, made on the first request and kept (thread-safe)."""

    def __init__(self, edition: Edition, fs: FontSet) -> None:
        self._edition, self._fs = edition, fs
        self._lock = threading.Lock()
        self._data: bytes | None = None

    def data(self) -> bytes:
        """The DOCX bytes (made the first time)."""
        with self._lock:
            if self._data is None:
                self._data = edition_docx(self._edition, self._fs)
            return self._data


@dataclass(frozen=True)
class Documents:
    """The documents of one good build, as `build` would write them, and the PDF's pages as images."""

    lang: Language
    pdf: bytes
    docx: LazyDocx = field(repr=False)
    pages: tuple[PageImage, ...]
    pdf_name: str
    docx_name: str


@dataclass(frozen=True)
class Outcome:
    """What one build gave: the documents, or the problems `check` reports (one line each)."""

    documents: Documents | None
    problems: tuple[str, ...]
    seconds: float

    @property
    def ok(self) -> bool:
        """Whether the build gave documents."""
        return self.documents is not None


def page_images(pdf: bytes, scale: float = PAGE_SCALE) -> tuple[PageImage, ...]:
    """Every page of `pdf` rendered by PDFium (as Chrome draws PDFs) at `scale` × 72 dpi, as PNG.

    PDFium draws one page after the other in this thread; each drawn page is compressed in a
    second thread meanwhile (zlib releases the GIL)."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        with ThreadPoolExecutor(max_workers=2, thread_name_prefix="preview-png") as compress:
            pending = []
            for index in range(len(document)):
                page = document[index]
                bitmap = page.render(scale=scale, rev_byteorder=True)  # RGB, as PNG stores it
                page.close()
                pixels = memoryview(bitmap.buffer).cast("B")
                pending.append((bitmap, compress.submit(rgb_png, pixels, bitmap.width, bitmap.height, bitmap.stride)))
            return tuple(PageImage(png.result(), bitmap.width, bitmap.height) for bitmap, png in pending)
    finally:
        document.close()


def build_documents(file: Path, selection: Selection, fs: FontSet, templates_dir: Path) -> Outcome:
    """Check and render `file` as `build` does; the problems of `check` (and of the renderer) when it fails."""
    start = time.perf_counter()
    try:
        edition = prepare([file], selection.kind, selection.lang, fs, templates_dir)[0]
        pdf = edition_pdf(edition, fs, templates_dir)
        pages = page_images(pdf)
    except InputError as err:
        return Outcome(None, tuple(str(p) for p in err.problems), time.perf_counter() - start)
    except Exception as err:  # a bug must not end the preview: say so on the page and in the terminal
        traceback.print_exc(file=sys.stderr)
        message = (f"the generator failed with a bug ({type(err).__name__}: {err}); "
                   "the terminal shows the details (please report it)")
        return Outcome(None, (message,), time.perf_counter() - start)
    meeting = edition.meeting
    documents = Documents(
        lang=edition.lang, pdf=pdf, docx=LazyDocx(edition, fs), pages=pages,
        pdf_name=output_name(meeting, selection.kind, edition.lang, "pdf"),
        docx_name=output_name(meeting, selection.kind, edition.lang, "docx"),
    )
    return Outcome(documents, (), time.perf_counter() - start)
