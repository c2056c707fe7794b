"""Which template line wrote each part of a rendered document, to place problems found in the output."""

from __future__ import annotations

import bisect
import types
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Template

from generator.errors import Problem, shown_path


@dataclass(frozen=True)
class Origins:
    """The rendered text and, for each piece of it, the template file and line that wrote it."""

    text: str
    starts: tuple[int, ...]  # offset of each piece in `text`
    places: tuple[tuple[str, int], ...]  # (template file, line) of each piece
    literal: tuple[bool, ...]  # whether the piece is template text (copied line for line) or a value

    def place(self, line: int, column: int) -> tuple[str, int] | None:
        """The template file and line that wrote the text at 1-based `line` and `column` of the output."""
        lines = self.text.split("\n")
        if not 1 <= line <= len(lines):
            return None
        offset = sum(len(before) + 1 for before in lines[:line - 1]) + column - 1
        piece = bisect.bisect_right(self.starts, offset) - 1
        if piece < 0:
            return None
        file, first = self.places[piece]
        if self.literal[piece]:  # template text keeps its line breaks; a value is all its expression's line
            first += self.text.count("\n", self.starts[piece], offset)
        return file, first


def origins(template: Template, context: dict[str, Any]) -> Origins:
    """Render `template` as Template.render does, noting which template line wrote each piece."""
    env = template.environment
    generator = template.root_render_func(template.new_context(context))
    pieces: list[str] = []
    starts: list[int] = []
    places: list[tuple[str, int]] = []
    literal: list[bool] = []
    offset = 0
    sources: dict[str, str] = {}
    try:
        for piece in generator:
            frame = _innermost(generator)
            name = Path(frame.f_code.co_filename).name
            line = env.get_template(name).get_corresponding_lineno(frame.f_lineno)
            is_text = type(piece) is str  # autoescaped values and macro calls come as Markup
            if is_text:  # Jinja's line is that of the statement before: find the text from there
                source = sources.setdefault(name, env.loader.get_source(env, name)[0])
                line = _line_of(source, piece, line)
            starts.append(offset)
            places.append((frame.f_code.co_filename, line))
            literal.append(is_text)
            pieces.append(piece)
            offset += len(piece)
    except Exception:  # noqa: BLE001 - as Template.render: Jinja rewrites the traceback to template lines
        env.handle_exception()
    return Origins("".join(pieces), tuple(starts), tuple(places), tuple(literal))


def _line_of(source: str, text: str, near: int) -> int:
    """The line where template text `text` begins in `source`, looking from line `near` on."""
    start = 0
    for _ in range(near - 1):
        start = source.find("\n", start) + 1
    at = source.find(text, start)
    return source.count("\n", 0, at) + 1 if at >= 0 else near


def _innermost(generator: types.GeneratorType) -> types.FrameType:
    """The frame of the generator that produced the last piece (blocks and parents are `yield from`)."""
    while isinstance(generator.gi_yieldfrom, types.GeneratorType):
        generator = generator.gi_yieldfrom
    return generator.gi_frame


def placed(problems: list[Problem], rendered: Origins, templates_dir: Path) -> list[Problem]:
    """`problems` found at lines of the rendered output, moved to the template lines that wrote them."""
    moved = []
    for problem in problems:
        where = problem.location and rendered.place(problem.location.line, problem.location.column)
        if not where:
            moved.append(problem)
            continue
        file = Path(where[0])
        shown = shown_path(templates_dir / file.name) if file.parent.resolve() == templates_dir.resolve() \
            else shown_path(file)
        moved.append(Problem(problem.message, problem.path, file=f"{shown}:{where[1]}"))
    return moved
