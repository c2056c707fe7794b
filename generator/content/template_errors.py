"""Jinja errors told as a template author needs them: file, line and column, the cause, and the fix."""

from __future__ import annotations

import difflib
import functools
import re
import types
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from jinja2 import (
    Environment, StrictUndefined, TemplateError, TemplateNotFound, TemplateSyntaxError, UndefinedError,
)
from jinja2.exceptions import SecurityError
from jinja2.utils import missing

from generator.content.labels import LABELS_FILE
from generator.errors import Problem, shown_path
from generator.data.model import Location

# Tags that need an end tag, and the end tag's name.
OPENERS = {tag: f"end{tag}" for tag in
           ("if", "for", "block", "macro", "call", "filter", "with", "autoescape", "trans", "raw", "set")}
_TAGS = (*OPENERS, "elif", "else", "extends", "include", "import", "from", "do", "break", "continue")
_INNERMOST = re.compile(r"The innermost block that needs to be closed is '(\w+)'")
_UNKNOWN = re.compile(r"Encountered unknown tag '(\w+)'")


class MissingName(UndefinedError):
    """A name or field a template used that the view does not have; carries what was looked in."""

    def __init__(self, message: str | None, owner: Any, name: str | None) -> None:
        super().__init__(message)
        self.owner = owner
        self.name = name


class StrictNames(StrictUndefined):
    """StrictUndefined that raises MissingName, so the message can say what the template may use."""

    __slots__ = ()

    def __init__(self, hint: str | None = None, obj: Any = missing, name: str | None = None,
                 exc: type[UndefinedError] = UndefinedError) -> None:
        super().__init__(hint, obj, name, exc)
        if exc is UndefinedError:  # the sandbox passes SecurityError for unsafe attributes: keep that
            self._undefined_exception = functools.partial(MissingName, owner=obj, name=name)


def where(templates_dir: Path, filename: str | None, fallback: str) -> str:
    """A template file as messages name it: `templates/briefing.html.j2` from the current folder."""
    if not filename:
        return shown_path(templates_dir / fallback)
    path = Path(filename)
    try:
        return shown_path(templates_dir / path.resolve().relative_to(templates_dir.resolve()))
    except ValueError:
        return shown_path(templates_dir / path.name)


def _located(file: str, line: int | None, column: int | None, message: str) -> Problem:
    """A Problem at FILE:LINE:COL, FILE:LINE or FILE, as much as is known."""
    if line is not None and column is not None:
        return Problem(message, location=Location(file, line, column))
    return Problem(message, file=f"{file}:{line}" if line is not None else file)


def _source(templates_dir: Path, shown: str, filename: str | None) -> list[str]:
    """The lines of the template a message is about ([] when it cannot be read)."""
    try:
        path = Path(filename) if filename else templates_dir / Path(shown).name
        return path.read_text(encoding="utf-8").split("\n")
    except OSError:
        return []


def _column(lines: list[str], line: int, pattern: str, nth: int = 0) -> int | None:
    """The 1-based column of the `nth` match of `pattern` on 1-based `line`, None when it is not there."""
    if not 1 <= line <= len(lines):
        return None
    found = list(re.finditer(pattern, lines[line - 1]))
    return found[min(nth, len(found) - 1)].start() + 1 if found else None


def _tag_at(lines: list[str], line: int, tag: str, nth: int = 0) -> int | None:
    """The column of the `nth` `{% tag` on `line`."""
    return _column(lines, line, r"\{%[-+]?\s*" + tag + r"\b", nth)


# --- syntax ---------------------------------------------------------------------------------

def syntax_problem(error: TemplateSyntaxError, env: Environment, templates_dir: Path, name: str) -> Problem:
    """The Problem for a template that does not parse; an unclosed tag is reported where it opened."""
    shown = where(templates_dir, error.filename, error.name or name)
    lines = _source(templates_dir, shown, error.filename)
    message = error.message or ""
    innermost = _INNERMOST.search(message)
    unknown = _UNKNOWN.match(message)
    closer = unknown[1] if unknown and unknown[1].startswith("end") else None
    if innermost and (closer or not unknown):
        opened = _open_tags(env, "\n".join(lines), error.lineno)
        if opened and (closer is None or closer in (OPENERS[tag] for tag, _, _ in opened)):
            tag, line, nth = opened[-1]
            before = f"before {{% {closer} %}} on line {error.lineno}" if closer else "before the end of the file"
            return _located(shown, line, _tag_at(lines, line, tag, nth),
                            f"{{% {tag} %}} is not closed {before} (add {{% {OPENERS[tag]} %}} where "
                            f"the {tag} should end)")
    if closer:
        opener = closer[3:]
        return _located(shown, error.lineno, _tag_at(lines, error.lineno, closer),
                        f"{{% {closer} %}} closes no {{% {opener} %}} (remove it, or add the "
                        f"{{% {opener} ... %}} it should close)")
    if unknown and unknown[1] in ("else", "elif"):
        return _located(shown, error.lineno, _tag_at(lines, error.lineno, unknown[1]),
                        f"{{% {unknown[1]} %}} stands outside an {{% if %}} (move it inside one, or remove it)")
    if unknown:
        hint = difflib.get_close_matches(unknown[1], _TAGS, n=1)
        return _located(shown, error.lineno, _tag_at(lines, error.lineno, unknown[1]),
                        f"{{% {unknown[1]} %}} is not a template tag ("
                        + (f"did you mean {{% {hint[0]} %}}?" if hint else f"expected one of {', '.join(_TAGS)}")
                        + ")")
    filter_name = re.match(r"No filter named '(\w+)'", message)
    if filter_name:
        hint = difflib.get_close_matches(filter_name[1], sorted(env.filters), n=1)
        fix = f"did you mean |{hint[0]}?" if hint else "use one of Jinja's built-in filters, e.g. upper, join, length"
        return _located(shown, error.lineno, _column(lines, error.lineno or 0, r"\|\s*" + filter_name[1] + r"\b"),
                        f"|{filter_name[1]} is not a filter ({fix})")
    return _located(shown, error.lineno, None,
                    f"template syntax: {message.rstrip('.')} (check the {{{{ }}}} and {{% %}} on this line)")


def _open_tags(env: Environment, source: str, stop: int | None) -> list[tuple[str, int, int]]:
    """The tags still open where parsing failed (tag, line, which one on its line), outermost first.

    Walks the tags in order up to line `stop`, until an end tag that does not close the innermost one.
    """
    opened: list[tuple[str, int, int]] = []
    seen: dict[tuple[int, str], int] = {}
    try:
        tokens = list(env.lex(source))
    except TemplateSyntaxError:
        return opened
    for i, (line, kind, value) in enumerate(tokens):
        if stop is not None and line > stop:
            break
        if kind != "name" or i == 0 or _previous_kind(tokens, i) != "block_begin":
            continue
        nth = seen.get((line, value), 0)
        seen[(line, value)] = nth + 1
        if value in OPENERS and not (value == "set" and _assigns(tokens, i)):
            opened.append((value, line, nth))
        elif value.startswith("end"):
            if not opened or OPENERS[opened[-1][0]] != value:
                break
            opened.pop()
    return opened


def _previous_kind(tokens: list[tuple[int, str, str]], i: int) -> str:
    """The kind of the token before `i`, skipping whitespace."""
    i -= 1
    while i >= 0 and tokens[i][1] == "whitespace":
        i -= 1
    return tokens[i][1] if i >= 0 else ""


def _assigns(tokens: list[tuple[int, str, str]], i: int) -> bool:
    """Whether the `{% set` at token `i` is `set x = ...` (no end tag) rather than a block set."""
    for _, kind, value in tokens[i:]:
        if kind == "block_end":
            return False
        if kind == "operator" and value == "=":
            return True
    return False


# --- rendering ------------------------------------------------------------------------------

def template_line(tb: types.TracebackType | None, templates_dir: Path) -> tuple[str, int] | None:
    """The innermost template file and line in a traceback (Jinja maps its frames to template lines)."""
    found = None
    root = str(templates_dir.resolve())
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.startswith(root) or filename.endswith(".j2"):
            found = (filename, tb.tb_lineno)
        tb = tb.tb_next
    return found


def render_problem(error: Exception, templates_dir: Path, name: str,
                   context: Mapping[str, Any]) -> Problem | None:
    """The Problem for an error raised while rendering; None when no template line caused it (a bug)."""
    if isinstance(error, TemplateNotFound):
        return _not_found(error, templates_dir, name)
    found = template_line(error.__traceback__, templates_dir)
    if found is None:
        return None
    shown = where(templates_dir, found[0], name)
    lines = _source(templates_dir, shown, found[0])
    line = found[1]
    if isinstance(error, MissingName):
        return _missing(error, shown, lines, line, context, templates_dir)
    if isinstance(error, SecurityError):
        return _located(shown, line, None, f"{str(error).rstrip('.')} (a template may only show the "
                                           "data and labels it is given)")
    if not isinstance(error, (TemplateError, TypeError, ValueError, ArithmeticError, LookupError)):
        return None
    return _located(shown, line, None, f"this line of the template fails: {error} (check the "
                                       "{{ }} and {% %} on this line)")


def _not_found(error: TemplateNotFound, templates_dir: Path, name: str) -> Problem:
    """A template that is not in the templates folder: the document's own, or one it extends or includes."""
    missing_name = str(error.name or name)
    suffix = "".join(Path(missing_name).suffixes) or ".j2"  # an HTML template names HTML templates
    known = sorted(p.name for p in templates_dir.glob(f"*{suffix}")) or sorted(
        p.name for p in templates_dir.glob("*.j2"))
    stems = {k.split(".")[0]: k for k in known}  # compare the names without their shared suffix
    hint = [stems[h] for h in difflib.get_close_matches(missing_name.split(".")[0], stems, n=1, cutoff=0.6)]
    found = template_line(error.__traceback__, templates_dir)
    if found is None or missing_name == name:
        return Problem(f"the template is missing (every {name.split('.')[0]} is made from it; put the "
                       "file back)", file=shown_path(templates_dir / missing_name))
    shown = where(templates_dir, found[0], name)
    lines = _source(templates_dir, shown, found[0])
    return _located(shown, found[1], _column(lines, found[1], re.escape(missing_name)),
                    f"the template '{missing_name}' is not in {shown_path(templates_dir)}/ "
                    + (f"(did you mean '{hint[0]}'?)" if hint else f"(expected one of {', '.join(known)})"))


def _missing(error: MissingName, shown: str, lines: list[str], line: int,
             context: Mapping[str, Any], templates_dir: Path) -> Problem:
    """An undefined name or field: a label missing from labels.yaml, or what the template may use instead."""
    name = str(error.name)
    expression = _expression(lines, line, name)
    column = _column(lines, line, re.escape(expression) + r"\b") if expression else None
    labels = context.get("labels")
    if labels is not None and error.owner is labels:
        return _located(shown, line, column, f"labels.{name} is not in {shown_path(templates_dir / LABELS_FILE)} "
                                             "(add it with lo: and en:)")
    if error.owner is missing:
        return _located(shown, line, column, f"{name} is not defined " + _choices(name, context, ""))
    path = expression.rsplit(".", 1)[0] if "." in (expression or "") else None
    if isinstance(error.owner, Mapping):
        return _located(shown, line, column, f"{path + '.' if path else ''}{name} is not defined "
                        + _choices(name, error.owner, f"{path}." if path else ""))
    what = path or "this value"
    return _located(shown, line, column, f"{what}.{name} is not defined ({what} is "
                                         f"{_kind(error.owner)}, which has no field {name})")


def _expression(lines: list[str], line: int, name: str) -> str | None:
    """The dotted expression on `line` that ends in `name`, e.g. `meeting.titel`."""
    if not 1 <= line <= len(lines):
        return None
    found = re.search(r"(?<![\w.])((?:\w+\.)*" + re.escape(name) + r")\b", lines[line - 1])
    return found[1] if found else None


def _choices(name: str, available: Mapping[str, Any], prefix: str) -> str:
    """`(did you mean x? the template may use a, b, c)` for the keys of `available`."""
    keys = sorted(str(k) for k in available)
    hint = difflib.get_close_matches(name, keys, n=1)
    mean = f"did you mean {prefix}{hint[0]}? " if hint else ""
    return f"({mean}the template may use {', '.join(prefix + k for k in keys)})"


def _kind(value: Any) -> str:
    """`a text`, `a list`, ...: what a value is, in a template author's words."""
    if isinstance(value, str):
        return "a text"
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, (int, float)):
        return "a number"
    return "empty" if value is None else "a value"
