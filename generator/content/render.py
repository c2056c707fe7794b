"""Templates to HTML: a sandboxed, autoescaping, strict Jinja environment over `templates/`."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from jinja2 import FileSystemLoader, TemplateSyntaxError
from jinja2.sandbox import SandboxedEnvironment

from generator.content.origins import Origins, origins
from generator.content.template_errors import StrictNames, render_problem, syntax_problem
from generator.errors import InputError


def template_name(kind: str) -> str:
    """The template file that renders documents of `kind`."""
    return f"{kind}.html.j2"


def environment(templates_dir: Path, autoescape: bool = True) -> SandboxedEnvironment:
    """Templates from `templates_dir` only; undefined names are errors; every value is escaped for HTML
    (`autoescape`), or left as it is for a plain-text template.

    One environment per folder and process: it keeps each template compiled until its file's
    modification time changes (Jinja checks it at every `get_template`), so the preview's next
    build compiles only the templates saved meanwhile."""
    return _environment(str(Path(templates_dir).resolve()), autoescape)


@functools.lru_cache(maxsize=16)
def _environment(templates_dir: str, autoescape: bool) -> SandboxedEnvironment:
    """`environment` for an absolute folder."""
    return SandboxedEnvironment(
        loader=FileSystemLoader(templates_dir),
        auto_reload=True,
        autoescape=autoescape,
        undefined=StrictNames,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def _context(view: dict[str, Any], kind: str, templates_dir: Path) -> dict[str, Any]:
    """What the templates see: the view plus `stylesheet`, the URL of `<kind>.css`."""
    # The stylesheet beside the templates, by absolute URL: the PDF's base URL is the meeting's folder.
    return {**view, "stylesheet": (templates_dir / f"{kind}.css").resolve().as_uri()}


def render_origins(view: dict[str, Any], kind: str, templates_dir: Path) -> Origins:
    """The rendering of a template that `render_html` rendered without error, with the line behind each part."""
    return origins(environment(templates_dir).get_template(template_name(kind)),
                   _context(view, kind, templates_dir))


def render_html(view: dict[str, Any], kind: str, templates_dir: Path) -> str:
    """The `kind` template rendered with `view` (plus `stylesheet`, the URL of `<kind>.css`); InputError naming template file, line and cause on any template error."""
    return _render(template_name(kind), _context(view, kind, templates_dir), templates_dir, autoescape=True)


def render_text(context: dict[str, Any], name: str, templates_dir: Path) -> str:
    """The plain-text template `name` (e.g. mail.txt.j2) rendered with `context`, nothing escaped;
    InputError naming template file, line and cause on any template error."""
    return _render(name, context, templates_dir, autoescape=False)


def _render(name: str, context: dict[str, Any], templates_dir: Path, autoescape: bool) -> str:
    """The template `name` rendered in the sandbox; InputError naming template file, line and cause on any template error."""
    env = environment(templates_dir, autoescape)
    try:
        return env.get_template(name).render(context)
    except TemplateSyntaxError as error:
        raise InputError([syntax_problem(error, env, templates_dir, name)]) from None
    except Exception as error:  # noqa: BLE001 - a template line's failure is the author's input problem
        problem = render_problem(error, templates_dir, name, context)
        if problem is None:
            raise
        raise InputError([problem]) from None
