"""`next`: the next meeting's file, made from the previous one, with what must be new marked FILL IN.

What carries over is what a desk officer keeps when copying the file: the issuer, the series, the
languages and editions, the distribution, who chairs and records, who takes part, and the
delegation's members (name, gender, position, role; not whether they were present). The meeting's
number is one more, or the previous `next_meeting.number`; that meeting's host becomes the host.
What happened at the meeting (dates, times, purpose, outcomes, plans, agenda, actions, next
meeting) and the figures of the delegation become `FILL IN`, each with a comment above it saying
what to write, so that `check` lists them one by one. Keys the previous file did not have are not
added. The file is edited as YAML (ruamel.yaml), so its comments, key order and quoting stay.
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap

from generator.data.format import MEETING
from generator.data.loader import load_meeting
from generator.data.model import Meeting, Text
from generator.data.schema import PLACEHOLDER
from generator.data.yaml_edit import Document, comment_before, detached, is_given, put, remove, replace
from generator.errors import InputError, Problem, shown_path
from generator.output import write_new

LANGUAGE_NAMES = {"lo": "Lao", "en": "English"}
SUFFIXES = (".yaml", ".yml")
ATTENDANCE_KEYS = ("present", "absence")  # who attended the previous meeting: not carried over
COMMENT_WIDTH = 96  # where the comments written here wrap


def _shown(text: Text) -> str:
    """A text for a comment: each language version once, on one line."""
    return " / ".join(dict.fromkeys(" ".join(v.split()) for v in text.variants()))


def _mentions(text: str, number: int) -> bool:
    """True when `text` contains `number` as a figure of its own, in Western or Lao digits."""
    lao = str(number).translate(str.maketrans("0123456789", "໐໑໒໓໔໕໖໗໘໙"))
    return re.search(rf"(?<![0-9໐-໙])({number}|{lao})(?![0-9໐-໙])", text) is not None


class _Next:
    """The edits that turn the previous meeting's document into the next one's."""

    def __init__(self, previous: Meeting, doc: Document) -> None:
        self.previous = previous
        self.doc = doc
        self.name = previous.source.name
        self.list_item = "- {lo: ..., en: ...}" if len(previous.editions) > 1 else "- ..."

    def fill(self, mapping: CommentedMap, key: str, depth: int, what: str, *quoted: str) -> None:
        """Make `mapping[key]` the placeholder, with `# Write <what>.` above it (wrapped), then the `quoted`
        lines (an earlier value, whole on its line so that it can be copied)."""
        replace(mapping, key, PLACEHOLDER)
        lines = self.wrapped(f"Write {what}" + ("" if quoted else "."), depth)
        comment_before(mapping, key, lines + [f"  {line}" for line in quoted], depth * self.doc.indent)

    def wrapped(self, text: str, depth: int) -> list[str]:
        """`text` as comment lines that end before COMMENT_WIDTH at this depth."""
        width = max(COMMENT_WIDTH - depth * self.doc.indent - 2, 40)
        return textwrap.wrap(text, width=width, break_long_words=False, break_on_hyphens=False)

    def fill_given(self, mapping: CommentedMap, key: str, depth: int, what: str, *quoted: str) -> None:
        """`fill`, when the previous file gave `key` a value."""
        if is_given(mapping, key):
            self.fill(mapping, key, depth, what, *quoted)

    def run(self) -> None:
        """Every edit, in file order."""
        root = self.doc.root
        self.issuer(root["issuer"])
        self.meeting(root["meeting"], root.get("next_meeting"))
        self.delegation(root["delegation"])
        items = self.list_item
        self.fill_given(root, "outcomes", 0, f"the documents adopted and decisions taken: a list, one per line "
                                            f"({items}), or remove the key")
        self.fill_given(root, "plans", 0, f"the work plans adopted or discussed (copy one from {self.name} if "
                                         "this meeting discussed it again), or remove the key")
        self.fill_given(root, "agenda", 0, "the agenda items in order, each - title: ... with presenter:, "
                                          "summary: and decisions: (needed for the minutes)")
        self.fill_given(root, "actions", 0, "the follow-up actions, each - task: ... with owner:, due: "
                                           "YYYY-MM-DD and item: (or remove the key)")
        self.fill_given(root, "next_meeting", 0, "what was said about the meeting after this one (number:, "
                                                "host:, period:, notes:), or remove the key")
        self.header()

    def issuer(self, issuer: CommentedMap) -> None:
        """A new date of issue and document number, where the previous file had them."""
        self.fill_given(issuer, "date", 1, "the date of issue of this meeting's documents, YYYY-MM-DD (or "
                                          "remove the line to date them by the meeting's last day)")
        reference = self.previous.issuer.reference
        self.fill_given(issuer, "reference", 1, "the number of this meeting's document; the last was:",
                        str(reference))

    def meeting(self, info: CommentedMap, announced: Any) -> None:
        """Number and host from the previous `next_meeting`; the title if it has the old number; new dates."""
        old = self.previous.meeting
        nxt = self.previous.next_meeting
        number = nxt.number if nxt and nxt.number else (old.number + 1 if old.number else None)
        order = [f.key for f in MEETING.fields]
        if number is not None:
            put(info, "number", number, order)
        if old.number is not None and number is not None:
            self.title(info, old.number, number)
        host_changed = bool(nxt and nxt.host)
        if host_changed:
            host = detached(announced["host"])
            put(info, "host", host, order)
            self.fill_given(info, "venue", 1, "where this meeting takes place (its host is new); the last "
                                              "venue was:", _shown(old.venue) if old.venue else "")
        if nxt and nxt.period:
            self.fill(info, "start", 1, f"the first day of this meeting, YYYY-MM-DD; {self.name} announced it "
                                        "for:", _shown(nxt.period))
        else:
            self.fill(info, "start", 1, "the first day of this meeting, YYYY-MM-DD")
        self.fill_given(info, "end", 1, "the last day, YYYY-MM-DD (or remove the line for a one-day meeting)")
        for key, when, last in (("start_time", "opened", old.start_time), ("end_time", "closed", old.end_time)):
            shown = last.strftime("%H:%M") if last else ""
            self.fill_given(info, key, 1, f'when this meeting {when}, "HH:MM" in quotes (the last {when} at '
                                          f'{shown}), or remove the line')
        self.fill(info, "purpose", 1, f"what this meeting is for: a list, one aim per line ({self.list_item})")

    def title(self, info: CommentedMap, old: int, new: int) -> None:
        """Each language of the title that names the old number becomes FILL IN, the old title in its comment."""
        title = info["title"]
        if isinstance(title, str):
            if _mentions(title, old):
                self.fill(info, "title", 1, f"the title of meeting {new}; meeting {old}'s was:", title)
            return
        stale = [k for k in title if isinstance(title[k], str) and _mentions(title[k], old)]
        if not title.fa.flow_style():
            for lang in stale:
                self.fill(title, lang, 2, f"the {LANGUAGE_NAMES.get(lang, lang)} title of meeting {new}; "
                                          f"meeting {old}'s was:", title[lang])
        elif stale:  # {lo: ..., en: ...} on one line: one comment above it, a line per language
            was = [f"  {lang}: {title[lang]}" for lang in stale]
            for lang in stale:
                replace(title, lang, PLACEHOLDER)
            comment_before(info, "title", self.wrapped(f"Write the title of meeting {new}; meeting {old}'s "
                                                       "was:", 1) + was, self.doc.indent)

    def delegation(self, delegation: CommentedMap) -> None:
        """The roster without attendance; the declared figures to fill in for this meeting."""
        figures = self.previous.delegation
        self.fill_given(delegation, "total", 1, f"how many people the delegation has this time (the last had "
                                                f"{figures.total}), or remove total and women to count the "
                                                "members listed")
        self.fill_given(delegation, "women", 1, f"how many of them are women (the last had {figures.women})")
        members = delegation.get("members")
        if not members:
            return
        for member in members:
            for key in ATTENDANCE_KEYS:
                if isinstance(member, CommentedMap) and key in member:
                    remove(member, key)
        comment_before(delegation, "members", self.wrapped(
            f"Carried over from {self.name} without who was present: remove those not in this delegation, "
            "add the new ones, and give present: false (and absence:) to those who do not attend.", 1),
            self.doc.indent)

    def header(self) -> None:
        """What the file is and what to do with it, at the top."""
        self.doc.comment_at_top([
            f"Made from {self.name} by `python -m generator next`, for the meeting after it.",
            "Carried over: the issuer, series, languages and editions, distribution, chair, recorder,",
            "participants and the delegation's members (not who was present). FILL IN marks what",
            "is new: `python -m generator check` lists each one with its line. Write the value in",
            "its place, or remove an optional key this meeting does not have. The comments below",
            f"were copied from {self.name}: update those about the previous meeting.",
        ])


def next_meeting_text(previous: Meeting) -> str:
    """The next meeting's file, made from `previous` (loaded and valid) as `next` writes it."""
    doc = Document(previous.source_bytes.decode("utf-8").removeprefix("\ufeff"))
    _Next(previous, doc).run()
    return doc.text()


def _target_problems(new: Path) -> list[Problem]:
    """Why `new` cannot be the next meeting's file, or nothing."""
    if new.suffix not in SUFFIXES:
        return [Problem(f"is not a .yaml file name (expected e.g. briefings/{new.stem or 'next'}.yaml: "
                        "the documents are named after it)", file=shown_path(new))]
    if new.exists() or new.is_symlink():
        return [Problem("already exists: not overwritten (choose another name, or remove that file first)",
                        file=shown_path(new))]
    return []


def write_next(previous: Path, new: Path) -> Path:
    """Write the next meeting's file `new` from `previous`; InputError, with nothing written, when `previous`
    has problems (the messages `check` gives) or `new` exists."""
    problems = _target_problems(new)
    try:
        meeting = load_meeting(previous)
    except InputError as err:
        raise InputError(problems + err.problems) from None
    if problems:
        raise InputError(problems)
    data = next_meeting_text(meeting).encode("utf-8")
    try:
        new.parent.mkdir(parents=True, exist_ok=True)
        write_new(new, data)
    except FileExistsError:
        raise InputError(_target_problems(new)) from None
    except OSError as err:
        raise InputError([Problem(f"cannot be written: {err.strerror} (expected a writable folder)",
                                  file=shown_path(new))]) from None
    return new
