"""The command line: `build`, `check`, `extract`, `next` and `mail`; exit 0 on success, 2 for any input problem,
1 only for a bug."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.build import FORMATS, KINDS, build, check
from generator.errors import InputError
from generator.fonts import DEFAULT_FONT_SET, FONT_SETS
from generator.data.model import LANGUAGES

DESCRIPTION = """\
Make briefing notes for Lao government meetings from meeting files (YAML).

  build     check the meeting files, then write a PDF and a DOCX for each
  check     check the meeting files, templates and fonts; write nothing
  extract   write out the meeting file attached to a briefing PDF
  next      write the next meeting's file from the previous one (what is new marked FILL IN)
  mail      write an e-mail draft (.eml) with the PDF attached, beside the PDF

Examples:
  python -m generator build briefings/accsm-20.yaml
  python -m generator build briefings/accsm-20.yaml --lang en      (English edition)
  python -m generator check briefings/*.yaml
  python -m generator extract build/accsm-20-briefing.pdf -o briefings/
  python -m generator next briefings/accsm-20.yaml briefings/accsm-21.yaml
  python -m generator mail briefings/accsm-20.yaml --all-editions

The PDF is PDF/A-3 (for archives) and carries its meeting file, so the data can be
rebuilt or reused from the PDF alone. Set SOURCE_DATE_EPOCH to date the documents;
otherwise they are dated by the date of issue, and the same input gives the same bytes.

Exit status: 0 done; 2 a problem with the input (each printed as FILE:LINE:COL: field: what is
wrong); 1 a bug in the generator. A failed build leaves earlier output untouched.
"""


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
    parser = _Parser(prog="python -m generator", description=DESCRIPTION,
                     formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND",
                                     parser_class=_Parser)

    def common(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("files", nargs="+", type=Path, metavar="FILE",
                         help="meeting files, e.g. briefings/accsm-20.yaml")
        sub.add_argument("--kind", choices=KINDS, default="briefing", help="document kind (default: briefing)")
        sub.add_argument("--lang", choices=LANGUAGES, default=None,
                         help="edition language (default: the meeting's own language); "
                              "another language adds -LANG to the file names")
        sub.add_argument("--font", choices=sorted(FONT_SETS), default=DEFAULT_FONT_SET,
                         help=f"font set (default: {DEFAULT_FONT_SET}, the Lao government standard)")

    b = commands.add_parser("build", help="write PDF and DOCX for each meeting file",
                            description="Check the meeting files, then write DIR/<id>-<kind>.pdf and .docx.")
    common(b)
    b.add_argument("-o", "--output", type=Path, default=Path("build"), metavar="DIR",
                   help="output folder (default: build/)")
    b.add_argument("--format", type=_formats, default=FORMATS, metavar="pdf,docx",
                   help="formats to write (default: pdf,docx)")
    c = commands.add_parser("check", help="check data, templates and fonts; write nothing",
                            description="Check the meeting files, the templates and font coverage.")
    common(c)
    e = commands.add_parser("extract", help="write out the meeting file attached to a briefing PDF",
                            description="Write the meeting file (YAML) attached to a PDF made by "
                                        "`build` as DIR/<its original name>, byte for byte.")
    e.add_argument("pdf", type=Path, metavar="PDF", help="a briefing PDF, e.g. build/accsm-20-briefing.pdf")
    e.add_argument("-o", "--output", type=Path, default=Path("."), metavar="DIR",
                   help="folder to write into (default: the current folder)")
    e.add_argument("--force", action="store_true", help="replace a file of the same name in DIR")
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


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = _parser().parse_args(argv)
    try:
        if args.command == "build":
            done = build(args.files, args.output, args.format, args.kind, args.lang, args.font)
            for old, kept in done.kept:
                print(f"{old} was edited after it was generated: kept it as {kept}")
            for path in done.written:
                print(f"wrote {path}")
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
            editions = check(args.files, args.kind, args.lang, args.font)
            for edition in editions:
                print(f"ok {edition.meeting.source} ({edition.lang})")
    except InputError as err:
        for problem in err.problems:
            print(problem, file=sys.stderr)
        return 2
    return 0
