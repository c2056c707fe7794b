"""Building editions: check every input first, then render each document and put all of them in place at once."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path

from generator.docx.template_check import template_problems
from generator.errors import InputError, Problem, shown_path
from generator.fonts import FONT_SETS, FontSet, coverage_problems, font_file_problems
from generator.forked import Pending
from generator.kinds import FORMATS, KINDS
from generator.pdf.attachment import SourceFile
from generator.pdf.jobs import PdfJob, import_pdf_writer, render_job, render_jobs
from generator.data.loader import load_meeting
from generator.data.model import Language, Meeting
from generator.paths import TEMPLATES_DIR
from generator.output import Committed, output_problems, refuse_if, staged, write_atomically
from generator.content.lao_words import read_lao_words
from generator.content.origins import placed
from generator.content.render import environment, render_html, render_origins
from generator.docx.blocks import Document
from generator.docx.html_reader import read_html
from generator.content.template_structure import structure_problems
from generator.content.view import build_view

EPOCH_VARIABLE = "SOURCE_DATE_EPOCH"  # https://reproducible-builds.org/specs/source-date-epoch/


@dataclass(frozen=True)
class Edition:
    """One meeting in one language, checked and ready to render."""

    meeting: Meeting
    lang: Language
    view: dict
    html: str
    document: Document | None = None  # the HTML as the DOCX writer reads it, when `check` read it so


def output_name(meeting: Meeting, kind: str, lang: Language, fmt: str) -> str:
    """`<id>-<kind>.<fmt>`, with `-<lang>` before the extension when lang is not the meeting's own."""
    suffix = "" if lang == meeting.language else f"-{lang}"
    return f"{meeting.id}-{kind}{suffix}.{fmt}"


def _epoch(environ: Mapping[str, str]) -> dt.datetime | None:
    """The time SOURCE_DATE_EPOCH sets, None when unset or empty; InputError when it is not a number."""
    value = environ.get(EPOCH_VARIABLE, "").strip()
    if not value:
        return None
    try:
        return dt.datetime.fromtimestamp(int(value), dt.timezone.utc)
    except (ValueError, OverflowError, OSError):
        raise InputError([Problem(f"'{value}' is not a whole number of seconds since 1970-01-01 UTC "
                                  "(expected e.g. 1605830400, or unset it)", file=EPOCH_VARIABLE)]) from None


def document_time(meeting: Meeting, environ: Mapping[str, str] = os.environ) -> dt.datetime:
    """When the documents say they were made: SOURCE_DATE_EPOCH if set, else the date of issue at 00:00 UTC.

    The date of issue is `Meeting.issue_date`. Never the clock, so the same input gives the same bytes on any day.
    """
    epoch = _epoch(environ)
    if epoch is not None:
        return epoch
    issued = meeting.issue_date
    return dt.datetime(issued.year, issued.month, issued.day, tzinfo=dt.timezone.utc)


def _rendered(view: dict, kind: str, templates_dir: Path, read_back: bool) -> tuple[str, Document | None]:
    """The HTML of `view`; with `read_back`, also read as the DOCX writer will read it (kept for
    the DOCX), so that `check` refuses what `build` would, each problem placed at the template
    line that wrote it."""
    html = render_html(view, kind, templates_dir)
    if not read_back:
        return html, None
    try:
        return html, read_html(html)
    except InputError as err:
        raise InputError(placed(err.problems, render_origins(view, kind, templates_dir), templates_dir)) from None


def prepare(files: list[Path], kind: str, lang: Language | None, fs: FontSet,
            templates_dir: Path = TEMPLATES_DIR) -> list[Edition]:
    """Load, check and render the HTML of every file; raises one InputError with all problems of all files."""
    return _prepare([(file, kind, lang) for file in files], fs, templates_dir)


def _prepare(documents: list[tuple[Path | Meeting, str, Language | None]], fs: FontSet,
             templates_dir: Path) -> list[Edition]:
    """`prepare` for (meeting file or loaded meeting, kind, edition) triples: the templates, fonts and
    word list checked once; raises one InputError with all problems, in the order of `documents`."""
    broken = structure_problems(environment(templates_dir), templates_dir)
    outside_subset = template_problems(templates_dir)
    problems: list[Problem] = (list(font_file_problems(fs)) + broken + outside_subset
                               + read_lao_words(templates_dir)[1])
    editions = []
    first_of: dict[str, Path] = {}
    for source, kind, lang in documents:
        file = source.source if isinstance(source, Meeting) else source
        try:
            meeting = source if isinstance(source, Meeting) else load_meeting(source)
            edition_lang = lang or meeting.language
            view = build_view(meeting, edition_lang, kind, templates_dir)
            coverage = coverage_problems(meeting, fs, edition_lang)
            if coverage or broken:  # a broken template would give the same message for every file
                problems.extend(coverage)
                continue
            html, document = _rendered(view, kind, templates_dir, read_back=not outside_subset)
        except InputError as err:
            problems.extend(err.problems)
            continue
        name = output_name(meeting, kind, edition_lang, "pdf")
        if name in first_of:
            problems.append(Problem(f"gives the same document names as {shown_path(first_of[name])} ({name}); "
                                    "rename one of the files", file=shown_path(file)))
            continue
        first_of[name] = file
        editions.append(Edition(meeting, edition_lang, view, html, document))
    refuse_if(list(dict.fromkeys(problems)))  # a template's problem is found again for every meeting file
    return editions


def build(files: list[Path], out_dir: Path, formats: tuple[str, ...] = FORMATS,
          kind: str = "briefing", lang: Language | None = None, font: str = "phetsarath",
          templates_dir: Path = TEMPLATES_DIR, pdf_process: Pending | None = None) -> Committed:
    """Write every requested document into `out_dir`; on any problem, raise and leave `out_dir` as it was.

    `pdf_process` is a `Pending(warm_up=import_pdf_writer)` started earlier (the command line starts
    it before importing this module); without it, one is started here when PDFs are asked for.
    """
    fs = FONT_SETS[font]
    # The PDFs are rendered in a second process when there is a core for it: it imports WeasyPrint
    # while this process checks the input, then renders while this one makes the DOCX files.
    pdfs = (pdf_process or Pending(warm_up=import_pdf_writer)) if "pdf" in formats else None
    with pdfs or nullcontext():
        refuse_if(output_problems(out_dir))
        _epoch(os.environ)  # a bad SOURCE_DATE_EPOCH is an input problem, found before any work
        editions = prepare(files, kind, lang, fs, templates_dir)
        if pdfs:
            pdfs.call(render_jobs, [pdf_job(edition) for edition in editions], fs, templates_dir)
        with staged(out_dir) as staging:
            temporary = {(number, fmt): staging.path_for(out_dir / output_name(edition.meeting, kind, edition.lang, fmt))
                         for number, edition in enumerate(editions) for fmt in formats}
            if "docx" in formats:
                for number, edition in enumerate(editions):
                    write_atomically(temporary[number, "docx"], edition_docx(edition, fs))
            if pdfs:
                for number, data in enumerate(pdfs.result()):
                    write_atomically(temporary[number, "pdf"], data)
            return staging.commit()


def pdf_job(edition: Edition) -> PdfJob:
    """What the PDF of a checked edition is made from: its HTML, dated `document_time`, with its meeting file attached."""
    meeting = edition.meeting
    return PdfJob(edition.html, meeting.source.parent, document_time(meeting),
                  SourceFile(meeting.source.name, meeting.source_bytes))


def edition_pdf(edition: Edition, fs: FontSet, templates_dir: Path = TEMPLATES_DIR) -> bytes:
    """The PDF/A-3 of a checked edition (see `pdf_job`); InputError on renderer problems."""
    return render_job(pdf_job(edition), fs, templates_dir)


def edition_docx(edition: Edition, fs: FontSet) -> bytes:
    """The DOCX of a checked edition, dated `document_time`."""
    from generator.docx import build_docx

    when = document_time(edition.meeting)
    return build_docx(edition.document or read_html(edition.html), fs, when, when)


def check(files: list[Path], kind: str = "briefing", lang: Language | None = None,
          font: str = "phetsarath", templates_dir: Path = TEMPLATES_DIR,
          all_documents: bool = False) -> list[Edition]:
    """Everything `build` checks (data, translations, templates, fonts) without writing anything.

    With `all_documents`, every document `make briefing` and `make minutes` build from each file
    (the briefing, and the minutes when it has an agenda, in every edition it lists) instead of
    one kind and edition; each problem is reported once.
    """
    fs = FONT_SETS[font]
    if not all_documents:
        return prepare(files, kind, lang, fs, templates_dir)
    documents: list[tuple[Path | Meeting, str, Language | None]] = []
    for file in files:
        try:
            meeting = load_meeting(file)
        except InputError:
            documents.append((file, kind, None))  # loaded again there, to report its problems in order
            continue
        documents += [(meeting, each_kind, edition_lang)
                      for each_kind in KINDS if each_kind != "minutes" or meeting.agenda
                      for edition_lang in meeting.editions]
    return _prepare(documents, fs, templates_dir)
