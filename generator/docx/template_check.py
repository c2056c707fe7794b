"""Check template sources for HTML the DOCX writer would not understand, before rendering."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from generator.docx import subset
from generator.errors import Problem, shown_path
from generator.data.model import Location

# Jinja comments, statements and expressions; each is blanked to the same length (newlines
# kept) so that positions stay those of the source.
_JINJA = re.compile(r"\{#.*?#\}|\{%.*?%\}|\{\{.*?\}\}", re.DOTALL)
DYNAMIC = "\x01"  # stands for a `{{ expression }}`: values containing it are not checked
_ALL_ELEMENTS = tuple(subset.ELEMENTS)


def template_problems(templates_dir: Path) -> list[Problem]:
    """One Problem per element, class or attribute outside the DOCX subset in the
    `templates_dir/*.html.j2` sources (not the plain-text ones), as `templates/x.html.j2:LINE:COL: message`."""
    problems: list[Problem] = []
    for path in sorted(Path(templates_dir).glob("*.html.j2")):
        problems.extend(source_problems(path.read_text(encoding="utf-8"), shown_path(path)))
    return problems


def source_problems(source: str, name: str) -> list[Problem]:
    """The problems of one template source; `name` is the file name the messages give."""
    checker = _TagChecker(name)
    checker.feed(_JINJA.sub(_blank, source))
    checker.close()
    return checker.problems


def _blank(match: re.Match[str]) -> str:
    """A Jinja construct replaced by same-length filler; expressions by the DYNAMIC mark."""
    filler = DYNAMIC if match.group().startswith("{{") else " "
    return "".join("\n" if ch == "\n" else filler for ch in match.group())


class _TagChecker(HTMLParser):
    """Checks every start tag: templates are fragments, so nesting is left to the reader."""

    def __init__(self, name: str) -> None:
        super().__init__(convert_charrefs=True)
        self.name = name
        self.problems: list[Problem] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line, offset = self.getpos()
        where = Location(self.name, line, offset + 1)
        if tag not in subset.ELEMENTS:
            self.problems.append(Problem(subset.unknown_element(tag, _ALL_ELEMENTS),
                                         location=where))
            return
        for message in subset.attribute_problems(tag, attrs, dynamic=DYNAMIC):
            self.problems.append(Problem(message, location=where))

    handle_startendtag = handle_starttag
