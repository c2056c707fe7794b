"""Templates to HTML: a sandboxed, autoescaping, strict Jinja environment over `templates/`."""

from __future__ import annotations

import types
from pathlib import Path
from typing import Any

from jinja2 import FileSystemLoader, StrictUndefined, TemplateError, TemplateNotFound, TemplateSyntaxError
from jinja2.sandbox import SandboxedEnvironment

from generator.errors import InputError, Problem


def template_name(kind: str) -> str:
    """The template file that renders documents of `kind`."""
    return f"{kind}.html.j2"


def _environment(templates_dir: Path, autoescape: bool = True) -> SandboxedEnvironment:
    """Templates from `templates_dir` only; undefined names are errors; every value is escaped for HTML
    (`autoescape`), or left as it is for a plain-text template."""
    return SandboxedEnvironment(
        loader=FileSystemLoader(str(templates_dir)),
        autoescape=autoescape,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def _template_line(tb: types.TracebackType | None, templates_dir: Path) -> tuple[str, int] | None:
    """The innermost template file and line in a traceback (Jinja maps its frames to template lines)."""
    found = None
    root = str(templates_dir.resolve())
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.startswith(root) or filename.endswith(".j2"):
            found = (filename, tb.tb_lineno)
        tb = tb.tb_next
    return found


def _shown(filename: str | None, templates_dir: Path, fallback: str) -> str:
    """A template file as the user named its folder: `templates/briefing.html.j2`."""
    if not filename:
        return str(templates_dir / fallback)
    path = Path(filename)
    try:
        return str(templates_dir / path.resolve().relative_to(templates_dir.resolve()))
    except ValueError:
        return str(templates_dir / path.name)


def _problem(error: TemplateError, templates_dir: Path, name: str) -> Problem:
    """An InputError Problem for a template error: `FILE:LINE: template error: what`."""
    if isinstance(error, TemplateNotFound):
        missing = error.name or name
        return Problem(f"template '{missing}' not found (expected it in {templates_dir})",
                       file=str(templates_dir / str(missing)))
    if isinstance(error, TemplateSyntaxError):
        where = f"{_shown(error.filename, templates_dir, error.name or name)}:{error.lineno}"
        return Problem(f"template error: {error.message}", file=where)
    line = _template_line(error.__traceback__, templates_dir)
    if line is None:
        return Problem(f"template error: {error}", file=str(templates_dir / name))
    return Problem(f"template error: {error}", file=f"{_shown(line[0], templates_dir, name)}:{line[1]}")


def render_html(view: dict[str, Any], kind: str, templates_dir: Path) -> str:
    """The `kind` template rendered with `view` (plus `stylesheet`, the URL of `<kind>.css`); InputError naming template file and line on any template error."""
    # The stylesheet beside the templates, by absolute URL: the PDF's base URL is the meeting's folder.
    context = {**view, "stylesheet": (templates_dir / f"{kind}.css").resolve().as_uri()}
    return _render(template_name(kind), context, templates_dir, autoescape=True)


def render_text(context: dict[str, Any], name: str, templates_dir: Path) -> str:
    """The plain-text template `name` (e.g. mail.txt.j2) rendered with `context`, nothing escaped;
    InputError naming template file and line on any template error."""
    return _render(name, context, templates_dir, autoescape=False)


def _render(name: str, context: dict[str, Any], templates_dir: Path, autoescape: bool) -> str:
    """The template `name` rendered in the sandbox; InputError naming template file and line on any template error."""
    try:
        return _environment(templates_dir, autoescape).get_template(name).render(context)
    except TemplateError as error:
        raise InputError([_problem(error, templates_dir, name)]) from None
