"""Reading the lines of a YAML source around a syntax error: indentation, open keys, the text at a column."""

from __future__ import annotations

import re

import yaml

KEY = re.compile(r"[a-z_][a-z0-9_-]*")  # a key of the meeting format or of labels.yaml


def quoted(text: str) -> str:
    """`text` as a YAML quoted scalar that reads back as `text`: "..." when it can, else '...'."""
    if '"' in text or "\\" in text:
        return "'" + text.replace("'", "''") + "'"
    return f'"{text}"'


def char(lines: list[str], mark: yaml.Mark) -> str:
    """The character at `mark`."""
    line = lines[mark.line]
    return line[mark.column] if mark.column < len(line) else ""


def indent(line: str) -> int:
    """The number of spaces a line begins with."""
    return len(line) - len(line.lstrip(" "))


def content(line: str) -> str:
    """A line without its indentation and trailing spaces."""
    return line.strip()


def spaces(n: int) -> str:
    """`1 space`, `3 spaces`."""
    return f"{n} space" if n == 1 else f"{n} spaces"


def key_column(line: str) -> int:
    """The column a line's key begins at, after its indentation and any `- ` marks."""
    column = indent(line)
    while line[column:column + 2] == "- ":
        column += 2
        column += indent(line[column:])
    return column


def previous_line(lines: list[str], number: int) -> int | None:
    """The nearest line above `number` with content (not blank, not a comment)."""
    for previous in range(number - 1, -1, -1):
        text = content(lines[previous])
        if text and not text.startswith("#"):
            return previous
    return None


def levels(lines: list[str], number: int) -> list[tuple[int, str, int]]:
    """The keys that are open at line `number` (line, key, column), innermost first."""
    found: list[tuple[int, str, int]] = []
    limit = None
    for previous in range(number - 1, -1, -1):
        line = lines[previous]
        text = content(line)
        if not text or text.startswith("#"):
            continue
        column = key_column(line)
        if limit is None or column < limit:
            found.append((previous, line[column:].split(":", 1)[0].strip(), column))
            limit = column
            if column == 0:
                break
    return found


def level_above(lines: list[str], number: int, spaces: int) -> tuple[int, str, int] | None:
    """The nearest open key indented more than `spaces` (its line, name, column)."""
    deeper = [level for level in levels(lines, number) if level[2] > spaces]
    return min(deeper, key=lambda level: level[2]) if deeper else None


def level_below(lines: list[str], number: int, spaces: int) -> tuple[int, str, int] | None:
    """The nearest open key indented less than `spaces`."""
    return next((level for level in levels(lines, number) if level[2] < spaces), None)


def in_flow(line: str, column: int) -> bool:
    """Whether `column` of `line` lies inside [ ] or { } opened on the same line."""
    depth = 0
    for ch in unquoted(line[:column]):
        depth += (ch in "[{") - (ch in "]}")
    return depth > 0


def unquoted(text: str) -> str:
    """`text` with the insides of complete quoted parts removed."""
    return re.sub(r"\"(?:[^\"\\]|\\.)*\"|'(?:[^']|'')*'", "", text)


def closes(line: str, column: int) -> bool:
    """Whether the bracket at `column` is closed later on the same line."""
    depth = 0
    for ch in unquoted(line[column:]):
        depth += (ch in "[{") - (ch in "]}")
        if depth == 0:
            return True
    return False


def opening(line: str, column: int, opener: str) -> int:
    """The column of the bracket that the closing bracket at `column` closes."""
    depth = 0
    for position in range(column, -1, -1):
        ch = line[position]
        depth += (ch in "]}") - (ch in "[{")
        if depth == 0 and ch == opener:
            return position
    return column


def value_at(line: str, column: int, flow: bool | None = None) -> str:
    """The text that begins at `column`: up to a comment, and inside brackets up to the next , ] or }."""
    rest = line[column:]
    comment = re.search(r"\s#", rest)
    if comment:
        rest = rest[:comment.start()]
    if in_flow(line, column) if flow is None else flow:
        rest = re.split(r"[,\]}]", rest, maxsplit=1)[0]
    return rest.strip()


def fixed(line: str, column: int, value: str) -> str:
    """The entry that holds the text at `column`, rewritten with the text in quotes: `en: "..."`."""
    before = line[:column]
    if in_flow(line, column):
        before = re.split(r"[\[{,]", before)[-1]
    before = before.lstrip()
    key, colon, _ = before.partition(": ")
    if colon and before.startswith("- ") and not KEY.fullmatch(key[2:].strip()):
        return f"- {quoted(before[2:] + value)}"  # `- Review: the plan: now` is one text
    return f"{before}{quoted(value)}"


def closed(lines: list[str], opening: yaml.Mark) -> str:
    """The line that opens a quote, with the quote closed at its end."""
    line = lines[opening.line]
    quote = line[opening.column]
    before, rest = line[:opening.column], line[opening.column + 1:]
    if in_flow(line, opening.column):
        before = re.split(r"[\[{,]", before)[-1]
        rest = re.split(r"[,\]}]", rest, maxsplit=1)[0]
    return f"{before.lstrip()}{quote}{rest.rstrip()}{quote}"
