"""`mail`: an e-mail draft (.eml) beside each edition's PDF, with the PDF attached, that mail programs open unsent.

The draft follows Symfony's DraftEmail: `X-Unsent: 1` (Outlook opens it as a new message to
send), and no From, Date or Message-ID: the mail program that sends it adds them. To and Cc come
from the meeting's `distribution`; Subject is the PDF's own title; the body is the plain-text
template `templates/mail.txt.j2`. It never attaches a PDF made from other data than the meeting
file holds now: the PDF carries its source (`generator.pdf.attachment`), and the two are compared.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


from generator.build import output_name
from generator.content.labels import load_labels
from generator.content.render import render_text
from generator.content.view import build_view, percent
from generator.data.loader import load_meeting
from generator.data.model import Language, Meeting, Recipient
from generator.data.stats import action_figures, attendance
from generator.eml import draft_message
from generator.errors import InputError, Problem, shown_path
from generator.output import output_problems, refuse_if, staged
from generator.paths import TEMPLATES_DIR

TEMPLATE = "mail.txt.j2"
SIZE_WARNING = 10 * 1024 * 1024  # 10 MB: many ministry and webmail servers refuse larger messages
# Labels the code fills in itself; the template uses more (those fail at render, with its line, if missing).
CODE_LABELS = ("mail_delegation_figures", "mail_attendance_figures", "mail_agenda_figures", "mail_actions_figures")


@dataclass(frozen=True)
class Draft:
    """One e-mail draft, ready to write: where, its bytes, and what to tell the user about it."""

    target: Path
    data: bytes
    source: Path
    pdf: Path
    pdf_size: int
    recipients: int


@dataclass
class Drafted:
    """What `write_drafts` did: files written, notes for stdout and warnings for stderr."""

    written: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _build_hint(meeting: Meeting, kind: str, lang: Language, out_dir: Path) -> str:
    """How to build the missing or stale PDF: the make target (when it writes there) and the command."""
    command = f"python -m generator build {shown_path(meeting.source)}"
    if kind != "briefing":
        command += f" --kind {kind}"
    if lang != meeting.language:
        command += f" --lang {lang}"
    if out_dir != Path("build"):
        return f"{command} -o {out_dir}"
    return f"make {kind}, or {command}"


def fresh_pdf(meeting: Meeting, kind: str, lang: Language, out_dir: Path) -> tuple[Path, bytes]:
    """The edition's PDF in `out_dir` and its bytes; InputError (saying to build first) when it is missing or
    was made from other data than the meeting file holds now."""
    from generator.pdf.attachment import extract_source

    pdf = out_dir / output_name(meeting, kind, lang, "pdf")
    hint = _build_hint(meeting, kind, lang, out_dir)
    if not pdf.is_file():
        raise InputError([Problem(f"not built yet (build it first: {hint})", file=shown_path(pdf))])
    try:
        source = extract_source(pdf)
    except InputError:
        raise InputError([Problem(f"carries no meeting data to compare with {shown_path(meeting.source)} "
                                  f"(build it again first: {hint})", file=shown_path(pdf))]) from None
    if source.data != meeting.source_bytes or source.name != meeting.source.name:
        raise InputError([Problem(f"was built from other data than {shown_path(meeting.source)} holds now "
                                  f"(build it again first: {hint})", file=shown_path(pdf))])
    return pdf, pdf.read_bytes()


def mail_view(meeting: Meeting, kind: str, lang: Language, attachment: str,
              templates_dir: Path = TEMPLATES_DIR) -> dict[str, Any]:
    """What `templates/mail.txt.j2` shows, in `lang`: the document's own view of the meeting facts, the
    subject, and the figures as sentences; InputError for a missing text or label (`mail_intro_<kind>`)."""
    document = build_view(meeting, lang, kind, templates_dir)
    labels = load_labels(templates_dir, CODE_LABELS + (f"mail_intro_{kind}",))
    people = attendance(meeting.delegation)
    actions = action_figures(meeting)
    info = document["meeting"]
    return {
        "lang": lang,
        "kind": kind,
        "labels": labels.for_lang(lang),
        "subject": document["meta"]["title"],
        "attachment": attachment,
        "intro": labels.fill(f"mail_intro_{kind}", lang, title=info["title"], attachment=attachment),
        "meeting": info,
        "delegation": labels.fill("mail_delegation_figures", lang, total=people.total, women=people.women,
                                  women_share=percent(people.women_share, lang)),
        "attendance": labels.fill("mail_attendance_figures", lang, present=people.present, absent=people.absent),
        "agenda": labels.fill("mail_agenda_figures", lang, items=len(meeting.agenda),
                              decisions=sum(len(item.decisions) for item in meeting.agenda)),
        "actions": labels.fill("mail_actions_figures", lang, total=actions.total, open=actions.open,
                               done=actions.done, cancelled=actions.cancelled, overdue=actions.overdue),
        "sender": document["letterhead"]["issuer"],
    }


def _addresses(recipients: tuple[Recipient, ...], lang: Language) -> list[tuple[str, str]]:
    """(display name, address) pairs; the name in the edition's language, else in the other, else none."""
    pairs = []
    for r in recipients:
        name = (r.name.get(lang) or next(iter(r.name.variants()), "")) if r.name else ""
        pairs.append((name, r.email))
    return pairs


def compose(meeting: Meeting, kind: str, lang: Language, out_dir: Path,
            templates_dir: Path = TEMPLATES_DIR) -> Draft:
    """The draft of one edition, its PDF checked to be fresh; InputError for any problem."""
    pdf, pdf_bytes = fresh_pdf(meeting, kind, lang, out_dir)
    view = mail_view(meeting, kind, lang, pdf.name, templates_dir)
    body = render_text(view, TEMPLATE, templates_dir)
    d = meeting.distribution
    data = draft_message(view["subject"], _addresses(d.to, lang), _addresses(d.cc, lang), body, lang,
                         pdf_bytes, pdf.name)
    target = pdf.with_suffix(".eml")
    return Draft(target, data, meeting.source, pdf, len(pdf_bytes), len(d.to) + len(d.cc))


def write_drafts(files: list[Path], out_dir: Path, kind: str = "briefing", lang: Language | None = None,
                 all_editions: bool = False, size_warning: int | None = None,
                 templates_dir: Path = TEMPLATES_DIR) -> Drafted:
    """Write `out_dir/<id>-<kind>[-<lang>].eml` for each file (each edition it lists, with `all_editions`);
    on any problem, raise InputError with all of them and write nothing."""
    refuse_if(output_problems(out_dir))
    size_warning = SIZE_WARNING if size_warning is None else size_warning
    problems: list[Problem] = []
    drafts: list[Draft] = []
    for file in files:
        try:
            meeting = load_meeting(file)
        except InputError as err:
            problems.extend(err.problems)
            continue
        for edition in meeting.editions if all_editions else (lang or meeting.language,):
            try:
                draft = compose(meeting, kind, edition, out_dir, templates_dir)
            except InputError as err:
                problems.extend(err.problems)
                continue
            if any(d.target == draft.target for d in drafts):
                problems.append(Problem(f"gives the same draft name as another file ({draft.target.name}); "
                                        "rename one of the files", file=shown_path(file)))
                continue
            drafts.append(draft)
    refuse_if(problems)
    done = Drafted()
    with staged(out_dir) as staging:
        for draft in drafts:
            staging.path_for(draft.target).write_bytes(draft.data)
        done.written = staging.commit().written
    for draft in drafts:
        if not draft.recipients:
            done.notes.append(f"{draft.target}: a draft without recipients ({draft.source} has no distribution; "
                              "add them in the mail program, or give the file a distribution: with to: and cc:)")
        if draft.pdf_size > size_warning:
            done.warnings.append(
                f"{draft.pdf}: {draft.pdf_size / 1024 / 1024:.1f} MB, more than the {size_warning / 1024 / 1024:g} "
                "MB many mail servers accept (the draft is written; share a link instead if it bounces)")
    return done
