"""Measure the exact text layer: what each viewer reads, its cost in time and bytes.

Run: .venv/bin/python bench/text_layer.py [repeats]

1. Viewers: for each font set, the seed briefing (both editions, built as `build` does) and
   the text-layer corpus, written by plain WeasyPrint and with the exact text layer, read
   by PDFium, pdf.js, MuPDF, poppler (`pdftotext -raw`; its reading order as Evince and Okular
   copy: `pdftotext`, `-layout`, poppler-glib's selection), pdfminer and Ghostscript
   (tests/viewers.py). Figures: data texts found as typed / texts (in a reading order, also
   line by line: a text wrapped in a table cell, whose row is read across), stray characters
   (not in the document), spaces or line ends inside a Lao syllable.
2. Cost: the seed article and the corpus, `document.write_pdf()` against
   `write_pdf_exact(document)`, median of `repeats` runs, and the PDF sizes.
"""

from __future__ import annotations

import contextlib
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from unittest import mock

import lxml.html
import weasyprint

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "tests" / "data")]

from conftest import SEED  # noqa: E402
from generator.content.render import render_html  # noqa: E402
from generator.content.view import build_view  # noqa: E402
from generator.data.loader import load_meeting  # noqa: E402
from generator.fonts import FONT_SETS  # noqa: E402
from generator.pdf.text_layer import write_pdf_exact  # noqa: E402
from generator.pdf.writer import render_pdf  # noqa: E402
from test_same_content import shown_texts  # noqa: E402
from test_text_layer import document_html  # noqa: E402
from text_corpus import article_paragraphs, corpus  # noqa: E402
from viewers import READERS, READING_ORDER_ENGINES, figures, pdfminer_pages  # noqa: E402

GENERATED = set("•0123456789/. ")  # list markers and page numbers come from the stylesheet


def characters(html: str) -> set[str]:
    """The characters the body of `html` shows, without the U+200B word breaks."""
    body = lxml.html.document_fromstring(html).find("body")
    return (set("".join(body.itertext())) | GENERATED) - {"\u200b"}


def documents(key: str, folder: Path) -> list[tuple[str, Path, Path, list[str], set[str]]]:
    """(name, plain PDF, exact PDF, texts, characters) for the seed editions and the corpus."""
    fs = FONT_SETS[key]
    meeting = load_meeting(SEED)
    out = []
    for lang in ("lo", "en"):
        html = render_html(build_view(meeting, lang), "briefing", ROOT / "templates")
        exact, plain = folder / f"seed-{lang}-{key}.pdf", folder / f"seed-{lang}-{key}-plain.pdf"
        exact.write_bytes(render_pdf(html, fs, base_url=SEED.parent))
        # The same build with the hooks made inert: WeasyPrint's own text layer.
        with _plain_weasyprint():
            plain.write_bytes(render_pdf(html, fs, base_url=SEED.parent))
        out.append((f"seed-{lang}", plain, exact, shown_texts(lang), characters(html)))
    html = document_html(corpus(), fs)
    document = weasyprint.HTML(string=html).render()
    plain, exact = folder / f"corpus-{key}-plain.pdf", folder / f"corpus-{key}.pdf"
    plain.write_bytes(document.write_pdf(pdf_variant="pdf/a-3a"))
    exact.write_bytes(write_pdf_exact(document, pdf_variant="pdf/a-3a"))
    out.append(("corpus", plain, exact, corpus(), characters(html)))
    return out


def _plain_weasyprint() -> Any:
    """While active, `write_pdf_exact` writes what plain WeasyPrint writes (no hooks installed)."""
    return mock.patch("generator.pdf.text_layer.exact_text_layer", contextlib.nullcontext)


def viewers() -> None:
    """Print the viewer figures: plain WeasyPrint -> exact text layer."""
    print("viewer figures: found as typed / texts, stray characters, spaces inside syllables "
          "(plain WeasyPrint -> exact text layer)")
    with tempfile.TemporaryDirectory() as folder:
        for key in FONT_SETS:
            for name, plain, exact, texts, allowed in documents(key, Path(folder)):
                # Line pieces come from the exact PDF in drawing order (the plain one copies wrongly).
                drawn = pdfminer_pages(exact)
                for engine, read in READERS.items():
                    layout = engine in READING_ORDER_ENGINES
                    before = figures(read(plain), texts, allowed, drawn, layout)
                    after = figures(read(exact), texts, allowed, drawn, layout)
                    print(f"  {key:11} {name:8} {engine:14} {before}  ->  {after}", flush=True)


def timed(write, repeats: int) -> tuple[float, bytes]:
    """Median seconds of `write()` over `repeats` runs, and its last output."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        pdf = write()
        times.append(time.perf_counter() - start)
    return statistics.median(times), pdf


def cost(repeats: int) -> None:
    """Print the time and size the exact text layer adds to writing a PDF."""
    print(f"\ncost of the exact text layer (median of {repeats} writes of a laid-out document)")
    for key, fs in FONT_SETS.items():
        for label, paragraphs in (("seed article", article_paragraphs()), ("test corpus", corpus())):
            document = weasyprint.HTML(string=document_html(paragraphs, fs)).render()
            plain_time, plain = timed(document.write_pdf, repeats)
            exact_time, exact = timed(lambda: write_pdf_exact(document), repeats)
            print(f"  {key:11} {label} ({len(document.pages)} pages): write_pdf {plain_time * 1000:.0f} ms, "
                  f"exact {exact_time * 1000:.0f} ms (+{(exact_time / plain_time - 1) * 100:.0f}%); "
                  f"size {len(plain)} -> {len(exact)} bytes ({(len(exact) / len(plain) - 1) * 100:+.0f}%)")


if __name__ == "__main__":
    viewers()
    cost(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
