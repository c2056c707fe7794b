"""Make's rules for every document `make briefing` and `make minutes` build: `build/.editions.mk`.

`python -m generator.editions briefings -o build/.editions.mk` writes, for each meeting file, one
rule per kind and edition (`editions:`, default the meeting's `language`; minutes only for a
file with an `agenda`) that lists the two documents it writes and their prerequisites, plus
the lists `BRIEFING_DOCUMENTS` and `MINUTES_DOCUMENTS` and the files it was made from
(`EDITIONS_MK_FILES`, so that the Makefile can tell when a meeting file came or went).
The Makefile defines `BUILD_DOCUMENT` (the build command) and `DOCUMENT_INPUTS` (code,
templates, fonts, font choice) that the rules use.

The files are read leniently: whatever cannot be read here (a YAML error, a wrong `editions`)
still gets the rule of its main edition, so that `make` runs the build and the build reports the
problem with its place. Only a file name that make cannot handle is refused here.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

from generator.kinds import FORMATS, KINDS
from generator.data.model import LANGUAGES, Language
from generator.data.yaml_source import read_yaml
from generator.errors import InputError, Problem, shown_path
from generator.output import write_atomically

# Characters that make treats specially in a target or prerequisite name.
_MAKE_SPECIAL = re.compile(r"[\s$:#%;|=*?\[\]\\'\"]")
HEADER = ("# Written by `python -m generator.editions` from the meeting files' `editions` and `agenda`;\n"
          "# make rewrites it when a meeting file changes. Do not edit.\n")


@dataclass(frozen=True)
class Plan:
    """What make builds for one meeting file: its editions (None: the main edition) and whether it has minutes."""

    source: Path
    editions: tuple[Language | None, ...]
    minutes: bool


def _value(root: yaml.MappingNode, key: str) -> yaml.Node | None:
    """The value node of a top-level `key`, or None."""
    return next((v for k, v in root.value if isinstance(k, yaml.ScalarNode) and k.value == key), None)


def _is_empty(node: yaml.Node | None) -> bool:
    """True for a key left out, left without value, or an empty list."""
    if node is None:
        return True
    if isinstance(node, yaml.ScalarNode):
        return node.tag == "tag:yaml.org,2002:null" or node.value.strip() in ("", "~", "null")
    return isinstance(node, yaml.SequenceNode) and not node.value


def plan(source: Path) -> Plan:
    """The editions and kinds make builds for `source`; a file that cannot be read gets its main edition of each kind."""
    try:
        root = read_yaml(source, str(source))
    except InputError:
        return Plan(source, (None,), True)
    language_node = _value(root, "language")
    language = language_node.value if isinstance(language_node, yaml.ScalarNode) else "lo"
    if language not in LANGUAGES:
        return Plan(source, (None,), not _is_empty(_value(root, "agenda")))
    listed = _value(root, "editions")
    chosen: list[str] = []
    if isinstance(listed, yaml.SequenceNode):
        chosen = [n.value for n in listed.value if isinstance(n, yaml.ScalarNode) and n.value in LANGUAGES]
    if not chosen or len(set(chosen)) != len(chosen):
        chosen = [language]  # left out, or wrong: the build of the main edition reports what is wrong
    editions = tuple(None if lang == language else lang for lang in chosen)  # type: ignore[misc]
    return Plan(source, editions, not _is_empty(_value(root, "agenda")))


def _documents(out: str, source: Path, kind: str, lang: Language | None) -> list[str]:
    """The documents one build of `source` writes: `build/<id>-<kind>[-<lang>].pdf` and `.docx`."""
    suffix = f"-{lang}" if lang else ""
    return [f"{out}/{source.stem}-{kind}{suffix}.{fmt}" for fmt in FORMATS]


def makefile(plans: list[Plan], out: str = "build") -> str:
    """The text of `.editions.mk` for `plans`, documents in the folder `out`."""
    lists: dict[str, list[str]] = {kind: [] for kind in KINDS}
    rules: list[str] = []
    for p in plans:
        for kind in KINDS:
            if kind == "minutes" and not p.minutes:
                continue
            for lang in p.editions:
                documents = _documents(out, p.source, kind, lang)
                lists[kind] += documents
                option = f" --lang {lang}" if lang else ""
                rules.append(f"{' '.join(documents)} &: {p.source} $(DOCUMENT_INPUTS)\n"
                             f"\t$(BUILD_DOCUMENT) --kind {kind}{option}\n")
    variables = [f"EDITIONS_MK_FILES := {' '.join(str(p.source) for p in plans)}\n"]
    variables += [f"{kind.upper()}_DOCUMENTS := {' '.join(documents)}\n" for kind, documents in lists.items()]
    return HEADER + "".join(variables) + "\n" + "\n".join(rules)


def main(argv: list[str] | None = None) -> int:
    """Write the rules for the meeting files (*.yaml) of a folder; exit 2 for a file name make cannot use."""
    parser = argparse.ArgumentParser(prog="python -m generator.editions", description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, metavar="FOLDER", help="the folder of the meeting files")
    parser.add_argument("-o", "--output", type=Path, required=True, metavar="FILE")
    parser.add_argument("--documents", default="build", metavar="DIR", help="the folder of the documents")
    args = parser.parse_args(argv)
    # Sorted by code point, as make's $(sort) sorts the same names byte by byte in UTF-8.
    files = sorted(args.folder.glob("*.yaml"), key=str)
    bad = [Problem("make cannot build a file whose name has a space or one of $:#%;|=*?[]\\'\" "
                   f"(rename it, e.g. {_MAKE_SPECIAL.sub('-', f.name)})", file=shown_path(f))
           for f in files if _MAKE_SPECIAL.search(str(f))]
    for problem in bad:
        print(problem, file=sys.stderr)
    if bad:
        return 2
    args.output.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(args.output, makefile([plan(f) for f in files], args.documents).encode("utf-8"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
