"""Check every template before rendering: it parses, and a child template has nothing outside its blocks."""

from __future__ import annotations

import os
from pathlib import Path

from jinja2 import Environment, TemplateSyntaxError, nodes

from generator.content.template_errors import syntax_problem, where
from generator.data.model import Location
from generator.content.labels import LABELS_FILE
from generator.errors import Problem, shown_path

# What may stand outside the blocks of a template that extends another: Jinja runs these, and
# drops everything else there without a word.
_ALLOWED_OUTSIDE = (nodes.Extends, nodes.Block, nodes.Macro, nodes.Assign, nodes.AssignBlock,
                    nodes.Import, nodes.FromImport)


def structure_problems(env: Environment, templates_dir: Path) -> list[Problem]:
    """One Problem per template in `templates_dir` that does not parse, and per piece of a child
    template that stands outside its blocks (it would never be shown)."""
    problems: list[Problem] = []
    for path in sorted(Path(templates_dir).glob("*.j2")):
        try:
            stat = path.stat()
        except OSError:  # gone since the listing: the build that reads it says so
            continue
        key = (str(path.resolve()), stat.st_mtime_ns, stat.st_size, os.getcwd(), id(env))
        if key not in _checked:
            _checked[key] = (env, _template_problems(env, templates_dir, path))
            while len(_checked) > _KEPT:
                _checked.pop(next(iter(_checked)))
        problems.extend(_checked[key][1])
    return problems


# What `structure_problems` found per template file version (path, time, size), current folder
# (messages name files relative to it) and environment (kept with it, so that its id stays its own).
_checked: dict[tuple, tuple[Environment, list[Problem]]] = {}
_KEPT = 64


def _template_problems(env: Environment, templates_dir: Path, path: Path) -> list[Problem]:
    """`structure_problems` for one template file."""
    source = path.read_text(encoding="utf-8")
    try:
        tree = env.parse(source, path.name, str(path))
    except TemplateSyntaxError as error:
        return [syntax_problem(error, env, templates_dir, path.name)]
    if any(isinstance(node, nodes.Extends) for node in tree.body):
        return _outside_blocks(tree, source.split("\n"), where(templates_dir, str(path), path.name))
    return []


def _outside_blocks(tree: nodes.Template, lines: list[str], shown: str) -> list[Problem]:
    """The pieces of a child template's top level that Jinja would drop."""
    blocks = [node.name for node in tree.body if isinstance(node, nodes.Block)]
    inside = (f"move it inside {{% block {blocks[0]} %}} ... {{% endblock %}}" if len(blocks) == 1
              else "move it inside one of the blocks " + ", ".join(blocks) if blocks
              else "put it inside a {% block %} of the template it extends")
    problems = []
    for node in tree.body:
        if isinstance(node, _ALLOWED_OUTSIDE):
            continue
        if not isinstance(node, nodes.Output):
            problems.append(_at(lines, node.lineno, None, shown,
                                f"this {{% {_tag(node)} %}} is outside every {{% block %}}, so the document "
                                f"never shows what it makes ({inside})"))
            continue
        for part in node.nodes:
            if isinstance(part, nodes.TemplateData):
                if not part.data.strip():
                    continue
                skipped = part.data[:len(part.data) - len(part.data.lstrip())]
                line = part.lineno + skipped.count("\n")
                text = part.data.strip().split("\n", 1)[0]
                problems.append(_at(lines, line, text, shown,
                                    f"this text is outside every {{% block %}}, so the document never shows it "
                                    f"({inside})"))
            else:
                problems.append(_at(lines, part.lineno, "{{", shown,
                                    "this {{ ... }} is outside every {% block %}, so the document never shows "
                                    f"it ({inside})"))
    return problems


def _tag(node: nodes.Node) -> str:
    """The tag name of a statement node: `if`, `for`, `include`..."""
    return {"If": "if", "For": "for", "Include": "include", "With": "with", "CallBlock": "call",
            "FilterBlock": "filter", "Scope": "with", "ScopedEvalContextModifier": "autoescape",
            "ExprStmt": "do"}.get(type(node).__name__, type(node).__name__.lower())


def _at(lines: list[str], line: int, text: str | None, shown: str, message: str) -> Problem:
    """A Problem at `line`, at the column where `text` begins on it when given."""
    source = lines[line - 1] if 1 <= line <= len(lines) else ""
    column = source.find(text) + 1 if text and text in source else len(source) - len(source.lstrip()) + 1
    return Problem(message, location=Location(shown, line, column))


def first_use(text: str, templates_dir: Path) -> Location | None:
    """Where `text` first occurs in the label catalogue or a template (labels.yaml first), or None."""
    for path in [Path(templates_dir) / LABELS_FILE, *sorted(Path(templates_dir).glob("*.j2"))]:
        try:
            lines = path.read_text(encoding="utf-8").split("\n")
        except OSError:
            continue
        for number, line in enumerate(lines, start=1):
            if text in line:
                return Location(shown_path(path), number, line.index(text) + 1)
    return None
