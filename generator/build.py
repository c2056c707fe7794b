"""Building editions: check every input first, then render each document and put all of them in place at once."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from generator.docx.template_check import template_problems
from generator.errors import InputError, Problem
from generator.fonts import FONT_SETS, FontSet, coverage_problems, font_file_problems
from generator.data.loader import load_meeting
from generator.data.model import Language, Meeting
from generator.paths import TEMPLATES_DIR
from generator.output import Committed, output_problems, refuse_if, staged
from generator.content.render import render_html
from generator.content.view import build_view

FORMATS = ("pdf", "docx")
KINDS = ("briefing", "minutes")
EPOCH_VARIABLE = "SOURCE_DATE_EPOCH"  # https://reproducible-builds.org/specs/source-date-epoch/


@dataclass(frozen=True)
class Edition:
    """One meeting in one language, checked and ready to render."""

    meeting: Meeting
    lang: Language
    view: dict
    html: str


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


def prepare(files: list[Path], kind: str, lang: Language | None, fs: FontSet,
            templates_dir: Path = TEMPLATES_DIR) -> list[Edition]:
    """Load, check and render the HTML of every file; raises one InputError with all problems of all files."""
    problems: list[Problem] = list(font_file_problems(fs)) + template_problems(templates_dir)
    editions = []
    first_of: dict[str, Path] = {}
    for file in files:
        try:
            meeting = load_meeting(file)
            edition_lang = lang or meeting.language
            view = build_view(meeting, edition_lang, kind, templates_dir)
            coverage = coverage_problems(meeting, fs, edition_lang)
            if coverage:
                problems.extend(coverage)
                continue
            html = render_html(view, kind, templates_dir)
        except InputError as err:
            problems.extend(err.problems)
            continue
        name = output_name(meeting, kind, edition_lang, "pdf")
        if name in first_of:
            problems.append(Problem(f"gives the same document names as {first_of[name]} ({name}); "
                                    "rename one of the files", file=str(file)))
            continue
        first_of[name] = file
        editions.append(Edition(meeting, edition_lang, view, html))
    refuse_if(problems)
    return editions


def build(files: list[Path], out_dir: Path, formats: tuple[str, ...] = FORMATS,
          kind: str = "briefing", lang: Language | None = None, font: str = "phetsarath",
          templates_dir: Path = TEMPLATES_DIR) -> Committed:
    """Write every requested document into `out_dir`; on any problem, raise and leave `out_dir` as it was."""
    fs = FONT_SETS[font]
    refuse_if(output_problems(out_dir))
    _epoch(os.environ)  # a bad SOURCE_DATE_EPOCH is an input problem, found before any work
    editions = prepare(files, kind, lang, fs, templates_dir)
    from generator.docx import write_docx
    from generator.pdf.attachment import SourceFile
    from generator.pdf.writer import write_pdf

    with staged(out_dir) as staging:
        for edition in editions:
            when = document_time(edition.meeting)
            for fmt in formats:
                target = out_dir / output_name(edition.meeting, kind, edition.lang, fmt)
                temp = staging.path_for(target)
                if fmt == "pdf":
                    write_pdf(edition.html, fs, temp, base_url=edition.meeting.source.parent,
                              templates_dir=templates_dir, created=when,
                              source=SourceFile(edition.meeting.source.name, edition.meeting.source_bytes))
                else:
                    write_docx(edition.html, fs, temp, created=when, modified=when)
        return staging.commit()


def check(files: list[Path], kind: str = "briefing", lang: Language | None = None,
          font: str = "phetsarath", templates_dir: Path = TEMPLATES_DIR) -> list[Edition]:
    """Everything `build` checks (data, translations, templates, fonts) without writing anything."""
    return prepare(files, kind, lang, FONT_SETS[font], templates_dir)
