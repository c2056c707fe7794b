"""What a PDF is made from, as plain values a second process can be given, and the call that makes them.

A build's PDF process (generator/forked.py) is forked before the builder is imported; it is
given `PdfJob`s rather than editions, so that it never loads the meeting loader or the DOCX
writer, and it imports only the PDF writer while the first process checks the input.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from generator.fonts import FontSet
from generator.pdf.attachment import SourceFile


@dataclass(frozen=True)
class PdfJob:
    """One checked edition's HTML with what its PDF needs besides: the meeting's folder, date and file."""

    html: str
    base_url: Path
    created: dt.datetime
    source: SourceFile


def import_pdf_writer() -> None:
    """Import the PDF writer (WeasyPrint: a quarter of a second), the warm-up of a build's PDF process."""
    import generator.pdf.writer  # noqa: F401


def render_job(job: PdfJob, fs: FontSet, templates_dir: Path) -> bytes:
    """The PDF/A-3 of `job`; InputError on renderer problems."""
    from generator.pdf.writer import render_pdf

    return render_pdf(job.html, fs, base_url=job.base_url, templates_dir=templates_dir,
                      created=job.created, source=job.source)


def render_jobs(jobs: list[PdfJob], fs: FontSet, templates_dir: Path) -> list[bytes]:
    """The PDF of each job, in order."""
    return [render_job(job, fs, templates_dir) for job in jobs]
