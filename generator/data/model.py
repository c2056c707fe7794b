"""The validated, normalised, immutable meeting model that every later stage reads."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

Language = Literal["lo", "en"]
LANGUAGES: tuple[Language, ...] = ("lo", "en")
MODES = ("online", "in-person", "hybrid")
GENDERS = ("female", "male")
STATUSES = ("open", "done", "cancelled")


@dataclass(frozen=True)
class Location:
    """A position in a source file, 1-based line and column, printed as FILE:LINE:COL."""

    file: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Text:
    """A text in one or both languages; `path` and `location` say where it came from."""

    lo: str | None = None
    en: str | None = None
    path: str = field(default="", compare=False)
    location: Location | None = field(default=None, compare=False, repr=False)

    def get(self, lang: Language) -> str | None:
        """The text in `lang`, or None when the data has none."""
        return self.lo if lang == "lo" else self.en

    def variants(self) -> tuple[str, ...]:
        """Every language version present, Lao first."""
        return tuple(v for v in (self.lo, self.en) if v is not None)


@dataclass(frozen=True)
class Issuer:
    """Who issues the document: the heading's issuer block, reference, place and date."""

    ministry: Text
    department: Text | None = None
    reference: str | None = None
    place: Text | None = None
    date: dt.date | None = None


@dataclass(frozen=True)
class Person:
    """Someone with a part in the meeting (its chair, who took the minutes)."""

    name: Text
    position: Text | None = None


@dataclass(frozen=True)
class MeetingInfo:
    """The facts of the meeting itself."""

    title: Text
    start: dt.date
    mode: str
    purpose: tuple[Text, ...]
    number: int | None = None
    series: Text | None = None
    end: dt.date | None = None
    host: Text | None = None
    venue: Text | None = None
    participants: tuple[Text, ...] = ()
    start_time: dt.time | None = None
    end_time: dt.time | None = None
    chair: Person | None = None
    recorder: Person | None = None


@dataclass(frozen=True)
class Member:
    """One named member of the issuer's delegation; absent members still count in its figures."""

    name: Text
    gender: str | None = None
    position: Text | None = None
    role: Text | None = None
    present: bool = True
    absence: Text | None = None  # the reason, for an absent member


@dataclass(frozen=True)
class Delegation:
    """The issuer's own delegation: declared figures (optional) and the named roster."""

    total: int | None = None
    women: int | None = None
    members: tuple[Member, ...] = ()
    units: tuple[Text, ...] = ()


@dataclass(frozen=True)
class Plan:
    """A work plan adopted or discussed at the meeting."""

    title: Text
    start: int
    end: int
    priority_areas: tuple[Text, ...]
    activities: int | None = None
    proposals: tuple[Text, ...] = ()


@dataclass(frozen=True)
class NextMeeting:
    """What was said about the next meeting of the series."""

    number: int | None = None
    host: Text | None = None
    period: Text | None = None
    notes: tuple[Text, ...] = ()


@dataclass(frozen=True)
class AgendaItem:
    """One agenda item, for minutes."""

    title: Text
    presenter: Text | None = None
    summary: tuple[Text, ...] = ()
    decisions: tuple[Text, ...] = ()


@dataclass(frozen=True)
class Action:
    """One follow-up action, for minutes; `item` is the 1-based number of the agenda item it comes from."""

    task: Text
    owner: Text
    due: dt.date | None = None
    status: str = "open"
    item: int | None = None


@dataclass(frozen=True)
class Recipient:
    """One address of the e-mail draft."""

    email: str
    name: Text | None = None


@dataclass(frozen=True)
class Distribution:
    """Who the e-mail draft goes to."""

    to: tuple[Recipient, ...] = ()
    cc: tuple[Recipient, ...] = ()


@dataclass(frozen=True)
class Meeting:
    """One meeting file, loaded: `id` is the file's stem, `source` its path as given."""

    id: str
    source: Path
    language: Language
    issuer: Issuer
    meeting: MeetingInfo
    delegation: Delegation
    outcomes: tuple[Text, ...] = ()
    plans: tuple[Plan, ...] = ()
    next_meeting: NextMeeting | None = None
    agenda: tuple[AgendaItem, ...] = ()
    actions: tuple[Action, ...] = ()
    distribution: Distribution = field(default_factory=Distribution)
    editions: tuple[Language, ...] = ()  # the editions `make` builds; () means (language,)
    # the file's bytes exactly as they were read and checked (attached to the PDF)
    source_bytes: bytes = field(default=b"", compare=False, repr=False)
    # field path ("delegation.women", "plans[1].priority_areas[4]", 1-based) -> where its value is
    locations: dict[str, Location] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        if not self.editions:
            object.__setattr__(self, "editions", (self.language,))

    @property
    def issue_date(self) -> dt.date:
        """The date of issue: as given, else the meeting's end, else its start."""
        return self.issuer.date or self.meeting.end or self.meeting.start

    def location_of(self, path: str) -> Location | None:
        """Where the value at `path` (or its nearest recorded parent) is in the source."""
        return nearest_location(self.locations, path)

    def texts(self) -> list[Text]:
        """Every text of the data, in document order."""
        found: list[Text] = []
        _collect_texts(self, found)
        return found


def nearest_location(locations: dict[str, Location], path: str) -> Location | None:
    """The location recorded for `path`, else for its nearest parent path, else None."""
    while path:
        if path in locations:
            return locations[path]
        cut = max(path.rfind("."), path.rfind("["))
        path = path[:cut] if cut > 0 else ""
    return None


def _collect_texts(value: object, found: list[Text]) -> None:
    """Append every Text reachable from `value` to `found`, depth first."""
    if isinstance(value, Text):
        found.append(value)
    elif isinstance(value, tuple):
        for item in value:
            _collect_texts(item, found)
    elif hasattr(value, "__dataclass_fields__") and not isinstance(value, Location):
        for name in value.__dataclass_fields__:
            if name != "locations":
                _collect_texts(getattr(value, name), found)
