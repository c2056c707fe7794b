"""PyYAML syntax errors explained for a desk officer: where the mistake is and how to write it instead."""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml
from yaml.tokens import FlowMappingEndToken, FlowSequenceEndToken, ScalarToken, Token

from generator.data import yaml_lines as src

_CANNOT_START = {
    "while scanning an alias": "*",
    "while scanning an anchor": "&",
    "while scanning a tag": "!",
    "while parsing a tag": "!",
    "while scanning a block scalar": None,  # | or >: the character at the mark
}


@dataclass(frozen=True)
class Explained:
    """A plain-language message and the 0-based line and column it is about."""

    message: str
    line: int
    column: int


def explain(text: str, err: yaml.MarkedYAMLError) -> Explained | None:
    """What a user should be told about `err`, raised while reading `text`; None when there is no mark."""
    mark = err.problem_mark or err.context_mark
    if mark is None:
        return None
    lines = text.split("\n")
    tokens = _tokens(text)
    for explainer in (_unclosed_quote, _by_problem):
        found = explainer(lines, tokens, err)
        if found is not None:
            return found
    return Explained(
        f"this line is not valid YAML ({err.problem}; check it and the line above for a missing "
        "': ' after a key, a missing quote or bracket, or wrong indentation)", mark.line, mark.column)


def _tokens(text: str) -> list[Token]:
    """Every token PyYAML's scanner produced for `text` before its first scanning error."""
    scanner = yaml.SafeLoader(text)
    found: list[Token] = []
    try:
        while scanner.check_token():
            found.append(scanner.get_token())
    except yaml.YAMLError:
        found.extend(scanner.tokens)
    finally:
        scanner.dispose()
    return found


def _before(tokens: list[Token], mark: yaml.Mark) -> list[Token]:
    """The tokens that start before `mark`."""
    return [t for t in tokens if t.start_mark.index < mark.index]


def _unclosed_quote(lines: list[str], tokens: list[Token], err: yaml.MarkedYAMLError) -> Explained | None:
    """A quote left open: PyYAML stops at the next quote, often lines later; report where it opened."""
    if err.context == "while scanning a quoted scalar" and "end of stream" in (err.problem or ""):
        opening = err.context_mark
        return Explained(f"the quote {src.char(lines, opening)} that begins this text is never closed "
                         f"(close it at the end of the text: {src.closed(lines, opening)})",
                         opening.line, opening.column)
    mark = err.problem_mark
    for token in reversed(_before(tokens, mark)):
        if (isinstance(token, ScalarToken) and token.style in ("'", '"')
                and token.start_mark.line < token.end_mark.line == mark.line):
            opening = token.start_mark
            return Explained(
                f"the quote {token.style} that begins this text is not closed on its line, so YAML "
                f"reads on to the next {token.style} on line {token.end_mark.line + 1} "
                f"(close it at the end of the text: {src.closed(lines, opening)})", opening.line, opening.column)
    return None


def _by_problem(lines: list[str], tokens: list[Token], err: yaml.MarkedYAMLError) -> Explained | None:
    """The explanation for the kind of error PyYAML names in `problem` (or `context`)."""
    problem = err.problem or ""
    mark = err.problem_mark
    if "'\\t'" in problem or "\\t" in problem:
        return Explained("a tab character; YAML indents with spaces only (replace the tab with spaces)",
                         mark.line, mark.column)
    if problem == "mapping values are not allowed here":
        return _colon(lines, tokens, mark)
    if problem == "could not find expected ':'":
        return _no_colon(lines, err.context_mark)
    if problem.startswith("expected '<document start>'"):
        scalars = [t for t in _before(tokens, mark) if isinstance(t, ScalarToken) and t.plain]
        if scalars and scalars[-1].start_mark.column == 0:
            return _missing_colon(lines, scalars[-1].start_mark)
    if problem.startswith("expected the node content, but found"):
        found = problem.rsplit("found ", 1)[1].strip("'")
        if found in ("]", "}"):
            return _stray(found, mark)
        if found == ",":
            return Explained("a comma with nothing before it (remove it, or put the text in quotes if the "
                             "comma is part of it)", mark.line, mark.column)
    if err.context in _CANNOT_START:
        start = err.context_mark
        return cannot_begin(lines, start, _CANNOT_START[err.context] or src.char(lines, start))
    if problem.startswith("found character") and "cannot start any token" in problem:
        return cannot_begin(lines, mark, src.char(lines, mark))
    if problem == "mapping keys are not allowed here":
        return cannot_begin(lines, mark, "?")
    if problem == "sequence entries are not allowed here":
        value = src.value_at(lines[mark.line], mark.column)
        return Explained(f"a text cannot begin with '- ' on the line of its key (put the text in quotes: "
                         f"{src.fixed(lines[mark.line], mark.column, value)}, or put the list's '- ' lines "
                         "below the key)", mark.line, mark.column)
    if "escape" in problem and err.context == "while scanning a double-quoted scalar":
        return _escape(lines, err.context_mark, mark)
    if problem.startswith("expected <block end>, but found"):
        return _block_end(lines, tokens, err)
    if err.context in ("while parsing a flow sequence", "while parsing a flow mapping"):
        return _flow(lines, tokens, err)
    if err.context == "expected a single document in the stream":
        return Explained("a second document begins here (--- starts one; a meeting file holds one "
                         "meeting: remove the ---)", mark.line, mark.column)
    return None


def _colon(lines: list[str], tokens: list[Token], mark: yaml.Mark) -> Explained:
    """A ': ' where YAML cannot start a key: inside a text, or on a line that is indented too far."""
    scalars = [t for t in _before(tokens, mark) if isinstance(t, ScalarToken)]
    scalar = scalars[-1] if scalars else None
    if scalar is not None and scalar.start_mark.line < mark.line:
        return _continued(lines, scalar.start_mark, mark)
    start = scalar.start_mark.column if scalar is not None else src.indent(lines[mark.line])
    return _colon_in_text(lines[mark.line], start, mark)


def _colon_in_text(line: str, start: int, mark: yaml.Mark) -> Explained:
    """A text (beginning at column `start`) that holds a ': ' at `mark`."""
    return Explained("the text contains ': ', which YAML reads as the start of another key "
                     f"(put the text in quotes: {src.fixed(line, start, src.value_at(line, start))})",
                     mark.line, mark.column)


def _continued(lines: list[str], start: yaml.Mark, mark: yaml.Mark) -> Explained:
    """A line with a key that YAML reads as more of the text begun on an earlier line."""
    first = lines[start.line]
    here = lines[mark.line]
    key = here.strip().split(":", 1)[0]
    if not first[:start.column].strip():  # the text stands where a key should be: its ': ' is missing
        return _missing_colon(lines, start)
    above = first[src.key_column(first):]
    above_key = above.split(": ", 1)[0] if src.KEY.fullmatch(above.split(": ", 1)[0]) else None
    if above_key is None:
        fix = f"start it with '- ' like line {start.line + 1} if it is a new item"
    else:
        fix = f"indent {key}: by {src.spaces(src.key_column(first))}, like {above_key}: on line {start.line + 1}"
    return Explained(f"this line is indented more than line {start.line + 1}, so YAML reads it as more of "
                     f"the text there ({fix}; or put the whole text in quotes if it goes on)",
                     mark.line, src.indent(here))


def _no_colon(lines: list[str], start: yaml.Mark) -> Explained:
    """A line that is neither `key: value` nor `- item`."""
    previous = src.previous_line(lines, start.line)
    if previous is not None and src.content(lines[previous]).startswith("- ") \
            and lines[previous].index("-") == start.column:
        item = lines[start.line].strip()
        return Explained(f"'{item}' is not an item of the list above: write '- ' before it, like line "
                         f"{previous + 1} (- {item})", start.line, start.column)
    return _missing_colon(lines, start)


def _missing_colon(lines: list[str], start: yaml.Mark) -> Explained:
    """A text where a key should be: `title X` for `title: X`, `title:X`, or a text wrapped onto a new line."""
    words = src.value_at(lines[start.line], start.column, flow=False)
    glued = re.fullmatch(r"([a-z_][a-z0-9_-]*):(\S.*)", words)
    if glued:
        return Explained(f"'{words}' needs a space after the ':' (write {glued[1]}: {glued[2]})",
                         start.line, start.column)
    key, _, rest = words.partition(" ")
    fixes = ["write key: value" + (f", e.g. {key}: {rest.strip()}".rstrip() if src.KEY.fullmatch(key) else "")]
    above_lines = [n for n in range(start.line) if lines[n].strip()]
    if above_lines and lines[above_lines[-1]].strip().startswith("#"):
        fixes.append(f"or, if it is a comment like line {above_lines[-1] + 1}, begin it with #")
    previous = src.previous_line(lines, start.line)
    if previous is not None and len(fixes) == 1:
        above = lines[previous][src.key_column(lines[previous]):]
        above_key, colon, value = above.partition(": ")
        if colon and value.strip() and src.KEY.fullmatch(above_key):
            fixes.append(f"or, if it goes on with the text of {above_key}: on line {previous + 1}, indent it "
                         f"more than {above_key}:")
    return Explained(f"'{words}' has no ': ' after a key ({'; '.join(fixes)})", start.line, start.column)


def cannot_begin(lines: list[str], mark: yaml.Mark, char: str) -> Explained:
    """A text that begins with a character YAML reserves (@, `, %, *, &, !, |, >, ?)."""
    line = lines[mark.line]
    value = src.value_at(line, mark.column)
    return Explained(f"a text cannot begin with {char} (put the text in quotes: "
                     f"{src.fixed(line, mark.column, value)})", mark.line, mark.column)


def _escape(lines: list[str], opening: yaml.Mark, mark: yaml.Mark) -> Explained:
    """A backslash inside "..." that does not start a known escape, e.g. a Windows path."""
    line = lines[opening.line]
    inner = line[opening.column + 1:].split('"', 1)[0]
    return Explained("a \\ inside \"...\" starts a special character, and this one is unknown (write \\\\ "
                     f"for a backslash, or use single quotes: {src.fixed(line, opening.column, inner)})",
                     mark.line, mark.column - 1)


def _block_end(lines: list[str], tokens: list[Token], err: yaml.MarkedYAMLError) -> Explained | None:
    """Something that cannot follow what came before on a block level: indentation, stray text, `- `."""
    mark = err.problem_mark
    found = err.problem.rsplit("but found ", 1)[1]
    before = _before(tokens, mark)
    previous = before[-1] if before else None
    if found in ("']'", "'}'"):
        return _stray(found.strip("'"), mark)
    if isinstance(previous, ScalarToken) and previous.style in ("'", '"'):
        if previous.end_mark.line == mark.line:
            return _after_quote(lines, previous)
        return Explained(f"this follows a text in quotes that ended on line {previous.end_mark.line + 1} "
                         "(put all of the text inside the quotes)", mark.line, mark.column)
    if isinstance(previous, (FlowSequenceEndToken, FlowMappingEndToken)) and previous.end_mark.line == mark.line:
        return _after_bracket(lines, previous)
    if found == "'-'":
        return _list_item(lines, mark)
    if found == "'?'" and err.context == "while parsing a block collection":
        here = lines[mark.line]
        key = src.content(here).split(":", 1)[0]
        parent = src.level_below(lines, mark.line, src.indent(here))
        end = f", or indent it like {parent[1]}: on line {parent[0] + 1} if it is not part of the list" \
            if parent else ""
        return Explained(f"{key}: stands among the '- ' items of a list (write '- ' before it to make it "
                         f"an item{end})", mark.line, mark.column)
    if found == "'<block mapping start>'":
        return _indentation(lines, mark)
    return None


def _stray(closer: str, mark: yaml.Mark) -> Explained:
    """A ] or } that closes no [ or {."""
    return Explained(f"this {closer} closes nothing (remove it, or put the text in quotes if {closer} is part "
                     "of it)", mark.line, mark.column)


def _after_quote(lines: list[str], quoted_token: ScalarToken) -> Explained:
    """More text after the closing quote of a quoted text: `"Lao" PDR`, `'People's'`."""
    opening, closing = quoted_token.start_mark, quoted_token.end_mark
    line = lines[opening.line]
    raw = src.value_at(line, opening.column)
    mark = quoted_token.style
    inner = raw[1:-1] if len(raw) > 1 and raw.endswith(mark) else raw
    return Explained(f"this {mark} ends the text in quotes, but more text follows it (put the whole text "
                     f"in quotes: {src.fixed(line, opening.column, inner)})", closing.line, closing.column - 1)


def _after_bracket(lines: list[str], bracket: Token) -> Explained:
    """More text after a [list] or {mapping} on the same line: a text that begins with [ or {."""
    opener = "[" if isinstance(bracket, FlowSequenceEndToken) else "{"
    line = lines[bracket.start_mark.line]
    start = src.opening(line, bracket.start_mark.column, opener)
    value = src.value_at(line, start, flow=False)
    what = "a list that ends at ]" if opener == "[" else "key: value pairs that end at }"
    return Explained(f"a text that begins with {opener} is read as {what}, and more "
                     f"text follows it (put the text in quotes: {src.fixed(line, start, value)})",
                     bracket.end_mark.line, bracket.end_mark.column)


def _list_item(lines: list[str], mark: yaml.Mark) -> Explained:
    """A `- ` item where a key was expected: indented less than its list, or under a key with a value."""
    for number in range(mark.line - 1, -1, -1):
        content = src.content(lines[number])
        if not content or content.startswith("#"):
            continue
        if src.indent(lines[number]) < mark.column:
            break
        if content.startswith("- ") and src.indent(lines[number]) > mark.column:
            return Explained(f"this '- ' item is indented less than the items above it (indent it by "
                             f"{src.indent(lines[number])} spaces, like line {number + 1})", mark.line, mark.column)
    previous = src.previous_line(lines, mark.line)
    if previous is not None:
        key, colon, value = src.content(lines[previous]).partition(":")
        if colon and value.strip():
            return Explained(f"a '- ' item here, but {key}: on line {previous + 1} already has a value (to give "
                             f"{key} a list, leave nothing after {key}: and put the '- ' lines below it)",
                             mark.line, mark.column)
    return Explained("a '- ' item where a key was expected (a list goes on the lines below its key, "
                     "with nothing after the key's ':')", mark.line, mark.column)


def _indentation(lines: list[str], mark: yaml.Mark) -> Explained:
    """A key indented to a column that lines up with no key above it."""
    here = lines[mark.line]
    spaces = src.indent(here)
    key = src.content(here).split(":", 1)[0]
    deeper = src.level_above(lines, mark.line, spaces)
    shallower = src.level_below(lines, mark.line, spaces)
    choices = [f"by {src.spaces(n)} like {name}: on line {line + 1}"
               for line, name, n in (c for c in (deeper, shallower) if c is not None)]
    fix = f"indent it {', or '.join(choices)}" if choices else "indent it like the keys it belongs with"
    return Explained(f"{key}: is indented by {src.spaces(spaces)}, which lines up with no key above it ({fix})",
                     mark.line, mark.column)


def _flow(lines: list[str], tokens: list[Token], err: yaml.MarkedYAMLError) -> Explained | None:
    """A problem inside [ ] or { }: a ': ' in a text, or a bracket never closed."""
    opening, mark = err.context_mark, err.problem_mark
    opener = "[" if err.context.endswith("sequence") else "{"
    closer = "]" if opener == "[" else "}"
    if err.problem.endswith("got ':'") and (mark.line == opening.line or src.closes(lines[opening.line],
                                                                                opening.column)):
        scalars = [t for t in _before(tokens, mark) if isinstance(t, ScalarToken)]
        start = scalars[-1].start_mark.column if scalars and scalars[-1].start_mark.line == mark.line \
            else mark.column
        return _colon_in_text(lines[mark.line], start, mark)
    if "got" in err.problem or "end of stream" in err.problem:
        return Explained(f"the {opener} opened here is not closed on its line (close it with {closer}, or "
                         f"put a text that begins with {opener} in quotes)", opening.line, opening.column)
    return None
