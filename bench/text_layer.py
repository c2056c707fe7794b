"""Measure the exact text layer: wrong words before/after, time and size, fonts used.

Run: cd /work/main && .venv/bin/python bench/text_layer.py [repeats]
For each font set, the seed article (normalised, U+200B inserted) is rendered once; then
plain `document.write_pdf()` and `write_pdf_exact(document)` are each timed `repeats`
times (median). Words are the article's space-separated words; the article is laid out
with `white-space: nowrap` for the word count, so that each paragraph is one PDF line and
extracted words line up with the input's. The whole test corpus is timed the same way.
"""

from __future__ import annotations

import difflib
import statistics
import subprocess
import sys
import time
from pathlib import Path

import weasyprint

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "tests" / "data")]

from generator.fonts import FONT_SETS, pdf_font_family  # noqa: E402
from generator.lao import is_lao  # noqa: E402
from generator.pdf.text_layer import write_pdf_exact  # noqa: E402
from test_text_layer import document_html, pdf_chars, pdfminer_lines  # noqa: E402
from text_corpus import article_paragraphs, corpus  # noqa: E402


def wrong_words(paragraphs: list[str], lines: list[str]) -> int:
    """Input words not found, in order, in the extracted lines (one line per paragraph)."""
    expected = " ".join(paragraphs).split()
    got = " ".join(lines).split()
    matcher = difflib.SequenceMatcher(a=expected, b=got, autojunk=False)
    return len(expected) - sum(block.size for block in matcher.get_matching_blocks())


def timed(write, repeats: int) -> tuple[float, bytes]:
    """Median seconds of `write()` over `repeats` runs, and its last output."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        pdf = write()
        times.append(time.perf_counter() - start)
    return statistics.median(times), pdf


def fonts_report(pdf: bytes) -> str:
    """Which family drew the Lao characters, and pdffonts' font names."""
    lao_families = {pdf_font_family(char.fontname) for _, char in pdf_chars(pdf)
                    if any(is_lao(ch) for ch in char.get_text())}
    listing = subprocess.run(["pdffonts", "-"], input=pdf, capture_output=True, check=True)
    names = [row.split()[0] for row in listing.stdout.decode().splitlines()[2:]]
    return f"Lao drawn with {sorted(map(str, lao_families))}; pdffonts: {', '.join(names)}"


def main(repeats: int) -> None:
    """Print the figures for every font set."""
    article = article_paragraphs()
    print(f"seed article: {len(' '.join(article).split())} words; repeats: {repeats}")
    for key, fs in FONT_SETS.items():
        nowrap = document_html(article, fs).replace(
            "font-size: 11pt }", "font-size: 11pt } p { white-space: nowrap }")
        document = weasyprint.HTML(string=nowrap).render()
        plain = document.write_pdf()
        exact = write_pdf_exact(document)
        print(f"\n[{key}] wrong words, seed article: plain WeasyPrint "
              f"{wrong_words(article, pdfminer_lines(plain))}, exact "
              f"{wrong_words(article, pdfminer_lines(exact))}")
        for label, paragraphs in (("seed article", article), ("test corpus", corpus())):
            document = weasyprint.HTML(string=document_html(paragraphs, fs)).render()
            plain_time, plain = timed(document.write_pdf, repeats)
            exact_time, exact = timed(lambda: write_pdf_exact(document), repeats)
            print(f"  {label} ({len(document.pages)} pages): write_pdf {plain_time * 1000:.0f} ms, "
                  f"exact {exact_time * 1000:.0f} ms (+{(exact_time / plain_time - 1) * 100:.0f}%); "
                  f"size {len(plain)} -> {len(exact)} bytes (+{len(exact) - len(plain)})")
        print("  " + fonts_report(exact))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
