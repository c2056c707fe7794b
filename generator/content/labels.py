"""The label catalogue (`templates/labels.yaml`): every fixed text of the documents in lo and en."""

from __future__ import annotations

import functools
import string
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml

from generator.errors import InputError, Problem, shown_path
from generator.lao import normalise
from generator.data.model import LANGUAGES, Language
from generator.data.yaml_source import location, read_yaml

LABELS_FILE = "labels.yaml"


@dataclass(frozen=True)
class Labels:
    """The loaded catalogue: label key -> language -> text."""

    entries: Mapping[str, Mapping[Language, str]]
    source: str

    def for_lang(self, lang: Language) -> dict[str, str]:
        """Every label in `lang`, as the templates see them (`labels.section_purpose`)."""
        return {key: texts[lang] for key, texts in self.entries.items()}

    def fill(self, key: str, lang: Language, **values: object) -> str:
        """The label `key` in `lang` with its {placeholders} replaced by `values`."""
        return self.entries[key][lang].format(**values)


def _placeholders(text: str) -> set[str]:
    """The {names} a label text expects."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def _label_problems(key: str, node: yaml.Node, shown_as: str) -> tuple[dict[Language, str], list[Problem]]:
    """The texts of one label entry and whatever is wrong with it."""
    where = location(shown_as, node.start_mark)
    if not isinstance(node, yaml.MappingNode):
        return {}, [Problem("expected a mapping with lo: and en: texts", key, where)]
    texts: dict[Language, str] = {}
    problems: list[Problem] = []
    for key_node, value_node in node.value:
        lang = key_node.value
        at = location(shown_as, key_node.start_mark)
        if lang not in LANGUAGES:
            problems.append(Problem(f"unknown language '{lang}' (expected lo and en)", f"{key}.{lang}", at))
        elif lang in texts:
            problems.append(Problem("duplicate key (keep one)", f"{key}.{lang}", at))
        elif not isinstance(value_node, yaml.ScalarNode) or value_node.tag != "tag:yaml.org,2002:str":
            problems.append(Problem("expected a text (write the label's words after the colon, in quotes "
                                    "when they begin with a digit or contain ': ')", f"{key}.{lang}",
                                    location(shown_as, value_node.start_mark)))
        else:
            texts[lang] = normalise(value_node.value)
    for lang in LANGUAGES:
        if lang not in texts and not any(p.path == f"{key}.{lang}" for p in problems):
            name = "Lao" if lang == "lo" else "English"
            problems.append(Problem(f"no {name} text (every label needs lo: and en:)", key, where))
    if len(texts) == len(LANGUAGES):
        names = {lang: _placeholders(text) for lang, text in texts.items()}
        if names["lo"] != names["en"]:
            problems.append(Problem(
                f"the lo and en texts use different placeholders "
                f"({_show(names['lo'])} and {_show(names['en'])}; expected the same)", key, where))
    return texts, problems


def _show(names: Iterable[str]) -> str:
    """`{a}, {b}` or `none`."""
    return ", ".join(f"{{{n}}}" for n in sorted(names)) or "none"


def load_labels(templates_dir: Path, required: Iterable[str] = ()) -> Labels:
    """The catalogue in `templates_dir`; InputError listing every entry without both texts or missing from `required`."""
    path = templates_dir / LABELS_FILE
    shown_as = shown_path(path)
    try:
        status = path.stat()
    except OSError:
        status = None
    if status is None:  # read_yaml says what is wrong with the path
        entries, problems = _read_catalogue(path, shown_as)
    else:
        entries, problems = _cached_catalogue(path, shown_as, status.st_mtime_ns, status.st_size)
    problems = list(problems)
    for key in required:
        if key not in entries:
            problems.append(Problem(
                f"label '{key}' is missing (the generator needs it; add {key}: {{lo: ..., en: ...}})",
                file=shown_as))
    if problems:
        raise InputError(problems)
    return Labels({key: dict(texts) for key, texts in entries.items()}, shown_as)


@functools.lru_cache(maxsize=8)
def _cached_catalogue(path: Path, shown_as: str, mtime_ns: int, size: int
                      ) -> tuple[dict[str, dict[Language, str]], tuple[Problem, ...]]:
    """`_read_catalogue`, once per process and version of the file (its time and size); an
    unreadable file is read again each time."""
    return _read_catalogue(path, shown_as)


def _read_catalogue(path: Path, shown_as: str) -> tuple[dict[str, dict[Language, str]], tuple[Problem, ...]]:
    """The entries of the catalogue file and the problems of its entries; InputError when it is no YAML mapping."""
    root = read_yaml(path, shown_as)
    entries: dict[str, dict[Language, str]] = {}
    first_line: dict[str, int] = {}
    problems: list[Problem] = []
    for key_node, value_node in root.value:
        key = str(key_node.value)
        if key in entries:
            problems.append(Problem(f"duplicate label (first given on line {first_line[key]}; keep one)", key,
                                    location(shown_as, key_node.start_mark)))
            continue
        first_line[key] = key_node.start_mark.line + 1
        texts, found = _label_problems(key, value_node, shown_as)
        problems.extend(found)
        entries[key] = texts
    return entries, tuple(problems)

