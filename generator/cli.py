"""The command line: `build`, `check`, `extract`, `next` and `mail`; exit 0 on success, 2 for any input problem,
1 only for a bug."""

from __future__ import annotations

import argparse
import sys
from contextlib import nullcontext
from pathlib import Path
from typing import TYPE_CHECKING

from generator.data.model import LANGUAGES
from generator.errors import InputError
from generator.fonts import DEFAULT_FONT_SET, FONT_SETS
from generator.forked import Pending
from generator.kinds import FORMATS, KINDS

if TYPE_CHECKING:
    from generator.output import Committed

DESCRIPTION = "Make briefing notes for Lao government meetings from meeting files (YAML)."

EPILOG = """\
Examples:
  python -m generator build briefings/accsm-20.yaml
  python -m generator build briefings/accsm-20.yaml --lang en      (English edition)
  python -m generator check briefings/*.yaml
  python -m generator extract build/accsm-20-briefing.pdf -o briefings/
  python -m generator next briefings/accsm-20.yaml briefings/accsm-21.yaml
  python -m generator mail briefings/accsm-20.yaml --all-editions

`python -m generator COMMAND --help` describes each command's options.

The PDF is PDF/A-3 (for archives) and carries its meeting file, so the data can be
rebuilt or reused from the PDF alone. Set SOURCE_DATE_EPOCH to date the documents;
otherwise they are dated by the date of issue, and the same input gives the same bytes.

Exit status: 0 done; 2 a problem with the input (each printed as FILE:LINE:COL: field: what is
wrong, and what to do); 1 a bug in the generator. A failed build leaves earlier output untouched.
"""


class _Help(argparse.RawDescriptionHelpFormatter):
    """Lists the commands once, one line each, under "commands:" (argparse adds a COMMAND line above them)."""

    def _format_action(self, action: argparse.Action) -> str:
        if isinstance(action, argparse._SubParsersAction):
            return "".join(self._format_action(sub) for sub in action._get_subactions())
        return super()._format_action(action)


class _Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors name the option and exit with status 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        """Print the usage problem and exit 2."""
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: {message}\n")


def _formats(value: str) -> tuple[str, ...]:
    """Parse `--format pdf,docx`."""
    chosen = tuple(part.strip() for part in value.split(",") if part.strip())
    wrong = [f for f in chosen if f not in FORMATS]
    if wrong or not chosen:
        raise argparse.ArgumentTypeError(
            f"'{value}' is not a list of formats (expected pdf, docx or pdf,docx)")
    return tuple(dict.fromkeys(chosen))


def _parser() -> argparse.ArgumentParser:
    """The argument parser for both commands."""
    parser = _Parser(prog="python -m generator", description=DESCRIPTION, epilog=EPILOG,
                     formatter_class=_Help)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND",
                                     parser_class=_Parser, title="commands")

    def common(sub: argparse.ArgumentParser, lang_help: str) -> None:
        sub.add_argument("files", nargs="+", type=Path, metavar="FILE",
                         help="meeting files, e.g. briefings/accsm-20.yaml")
        sub.add_argument("--kind", choices=KINDS, default="briefing", help="document kind (default: briefing)")
        sub.add_argument("--lang", choices=LANGUAGES, default=None, help=lang_help)
        sub.add_argument("--font", choices=sorted(FONT_SETS), default=DEFAULT_FONT_SET,
                         help=f"font set (default: {DEFAULT_FONT_SET}, the Lao government standard)")

    b = commands.add_parser("build", help="check the meeting files, then write a PDF and a DOCX of each",
                            description="Check the meeting files, then write DIR/<id>-<kind>.pdf and .docx.")
    common(b, "edition language (default: the meeting's own language); another language adds "
              "-LANG to the file names")
    b.add_argument("-o", "--output", type=Path, default=Path("build"), metavar="DIR",
                   help="output folder (default: build/)")
    b.add_argument("--format", type=_formats, default=FORMATS, metavar="pdf,docx",
                   help="formats to write (default: pdf,docx)")
    c = commands.add_parser("check", help="check the meeting files, templates and fonts; write nothing",
                            description="Check the meeting files, the templates and font coverage; "
                                        "write nothing.")
    common(c, "the edition to check (default: the meeting's own language)")
    c.add_argument("--all-documents", action="store_true",
                   help="check every document make builds from each file instead: the briefing, and the "
                        "minutes when it has an agenda, in every edition it lists (as make check does)")
    e = commands.add_parser("extract", help="write out the meeting file attached to a PDF made by build",
                            description="Write the meeting file (YAML) attached to a PDF made by "
                                        "`build` as DIR/<its original name>, byte for byte.")
    e.add_argument("pdf", type=Path, metavar="PDF", help="a briefing PDF, e.g. build/accsm-20-briefing.pdf")
    e.add_argument("-o", "--output", type=Path, default=Path("."), metavar="DIR",
                   help="folder to write into (default: the current folder)")
    e.add_argument("--force", action="store_true", help="replace a file of the same name in DIR")
    _preview_parser(commands)
    n = commands.add_parser("next", help="write the next meeting's file from the previous one",
                            description="Write NEW, the next meeting's file, from PREVIOUS: the issuer, "
                                        "editions, distribution and delegation carried over, the number one "
                                        "more, and FILL IN (which check reports) for what must be new. "
                                        "Never overwrites a file.")
    n.add_argument("previous", type=Path, metavar="PREVIOUS", help="the last meeting's file, e.g. "
                                                                   "briefings/accsm-20.yaml")
    n.add_argument("new", type=Path, metavar="NEW", help="the file to write, e.g. briefings/accsm-21.yaml")
    m = commands.add_parser("mail", help="write an e-mail draft with the PDF attached",
                            description="Write DIR/<id>-<kind>[-<lang>].eml, an unsent e-mail to the "
                                        "meeting's distribution with that edition's PDF from DIR attached. "
                                        "Refuses a PDF built from other data than the file holds now.")
    m.add_argument("files", nargs="+", type=Path, metavar="FILE", help="meeting files, e.g. briefings/accsm-20.yaml")
    m.add_argument("-o", "--output", type=Path, default=Path("build"), metavar="DIR",
                   help="the folder with the PDFs, where the drafts go (default: build/)")
    m.add_argument("--kind", choices=KINDS, default="briefing", help="document kind (default: briefing)")
    editions = m.add_mutually_exclusive_group()
    editions.add_argument("--lang", choices=LANGUAGES, default=None,
                          help="edition language (default: the meeting's own language)")
    editions.add_argument("--all-editions", action="store_true",
                          help="a draft for every edition the file lists (editions:), as make mail does")
    return parser


def _port(value: str) -> int:
    """Parse `--port N`: 1 to 65535, or 0 for any free port."""
    if not value.isdigit() or int(value) > 65535:
        raise argparse.ArgumentTypeError(f"'{value}' is not a port number (expected 1 to 65535, or 0 for any free port)")
    return int(value)


def _preview_parser(commands: argparse._SubParsersAction) -> None:
    """`preview FILE [--kind] [--lang] [--font] [--port]`."""
    p = commands.add_parser("preview", help="show a meeting's PDF in a web page that updates on every save",
                            description="Serve a live preview of one meeting on http://127.0.0.1:PORT/ until "
                                        "Ctrl-C: the PDF's pages, rebuilt whenever the meeting file, a template, "
                                        "the stylesheet, the labels or a font is saved; check's messages while "
                                        "the input has a problem.")
    p.add_argument("file", type=Path, metavar="FILE", help="a meeting file, e.g. briefings/accsm-20.yaml")
    p.add_argument("--kind", choices=KINDS, default="briefing", help="document kind to show first (default: briefing)")
    p.add_argument("--lang", choices=LANGUAGES, default=None,
                   help="edition to show first (default: the meeting's own language)")
    p.add_argument("--font", choices=sorted(FONT_SETS), default=DEFAULT_FONT_SET,
                   help=f"font set (default: {DEFAULT_FONT_SET})")
    p.add_argument("--port", type=_port, default=8000, metavar="N",
                   help="port on 127.0.0.1 (default: 8000; 0 picks a free one)")


def _build(args: argparse.Namespace) -> Committed:
    """`build`: the PDF process is forked first, so that it imports WeasyPrint while this one
    imports the builder and checks the input (only what both need is imported before)."""
    from generator.pdf.jobs import import_pdf_writer

    with Pending(warm_up=import_pdf_writer) if "pdf" in args.format else nullcontext() as pdfs:
        from generator.build import build

        return build(args.files, args.output, args.format, args.kind, args.lang, args.font, pdf_process=pdfs)


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command == "check" and args.all_documents and (args.lang or args.kind != "briefing"):
        parser.error("check: --all-documents checks every kind and edition; give it without --kind and --lang")
    try:
        if args.command == "build":
            done = _build(args)
            for old, kept in done.kept:
                print(f"{old} was edited after it was generated: kept it as {kept}")
            for path in done.written:
                print(f"wrote {path}")
        elif args.command == "preview":
            from generator.preview.run import serve

            return serve(args.file, args.kind, args.lang, args.font, args.port)
        elif args.command == "extract":
            from generator.pdf.attachment import extract_source, write_source

            print(f"wrote {write_source(extract_source(args.pdf), args.output, args.force)}")
        elif args.command == "next":
            from generator.scaffold import write_next

            print(f"wrote {write_next(args.previous, args.new)} (replace each FILL IN; check lists them)")
        elif args.command == "mail":
            from generator.mail import write_drafts

            drafted = write_drafts(args.files, args.output, args.kind, args.lang, args.all_editions)
            for path in drafted.written:
                print(f"wrote {path}")
            for note in drafted.notes:
                print(note)
            for warning in drafted.warnings:
                print(warning, file=sys.stderr)
        else:
            from generator.build import check

            editions = check(args.files, args.kind, args.lang, args.font, all_documents=args.all_documents)
            for edition in editions:
                print(f"ok {edition.meeting.source} ({edition.view['kind']}, {edition.lang})")
    except InputError as err:
        for problem in err.problems:
            print(problem, file=sys.stderr)
        return 2
    return 0
