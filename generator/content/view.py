"""What a document shows, as plain strings in the edition's language: the dict the templates read."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from babel.numbers import format_percent

from generator.content.dates import format_date, format_range, format_years
from generator.content.minutes import minutes_view
from generator.errors import InputError, Problem
from generator.content.labels import Labels, load_labels
from generator.data.model import LANGUAGES, Language, Meeting, Plan, Text
from generator.paths import TEMPLATES_DIR
from generator.data.stats import attendance, plan_summary

LANGUAGE_NAMES = {"lo": "Lao", "en": "English"}

# Labels the code fills in itself (the templates use more; those fail at render if missing).
CODE_LABELS = (
    "nation", "motto", "reference", "dated", "place_dated", "subtitle", "meeting_number",
    "years", "mode_online", "mode_in-person", "mode_hybrid", "briefing",
    "minutes", "subtitle_minutes", "time_span", "time_from", "time_until", "agenda_item", "action_item",
    "status_open", "status_done", "status_cancelled", "overdue_note", "closing",
)

View = dict[str, Any]


class _Texts:
    """Picks each shown text in the edition's language and records every one that is missing."""

    def __init__(self, meeting: Meeting, lang: Language) -> None:
        self.meeting = meeting
        self.lang = lang
        self.problems: list[Problem] = []
        self._seen: set[tuple[str, str, int]] = set()

    def one(self, text: Text | None) -> str:
        """`text` in the edition's language; "" when `text` is None (an optional field left out)."""
        if text is None:
            return ""
        return self._get(text, self.lang, bilingual=False)

    def both(self, text: Text) -> dict[str, str]:
        """`text` in Lao and English, for the bilingual tables: {"lo": .., "en": ..}."""
        return {"lo": self._get(text, "lo", bilingual=True),
                "en": self._get(text, "en", bilingual=True)}

    def _get(self, text: Text, lang: Language, *, bilingual: bool) -> str:
        """The text in `lang`, or "" after recording a Problem."""
        value = text.get(lang)
        if value is not None:
            return value
        key = (text.path, lang, id(text))
        if key not in self._seen:
            self._seen.add(key)
            name = LANGUAGE_NAMES[lang]
            if bilingual:
                why = f"the {self.lang} edition shows it in Lao and English"
            else:
                why = f"the {self.lang} edition needs every text it shows in {name}"
            self.problems.append(Problem(
                f"no {name} text ({why}; add {lang}: ...)",
                text.path,
                text.location or self.meeting.location_of(text.path),
            ))
        return ""


def _number(value: int) -> str:
    """An integer as official documents in both languages write it: Western digits."""
    return str(value)


def percent(share: float, lang: Language) -> str:
    """A percentage with at most one decimal, in the locale's style: `35,7%` (lo), `35.7%` (en)."""
    return format_percent(share / 100, "#,##0.#%", locale=lang)


def _common(meeting: Meeting, lang: Language, kind: str, labels: Labels, t: _Texts) -> View:
    """Heading, metadata and meeting facts: what every kind of document shows."""
    info = meeting.meeting
    issuer = meeting.issuer
    ministry = t.one(issuer.ministry)
    department = t.one(issuer.department)
    title = t.one(info.title)
    series = t.one(info.series)
    number = labels.fill("meeting_number", lang, number=info.number) if info.number is not None else ""
    date = format_date(meeting.issue_date, lang)
    place = t.one(issuer.place)
    place_date = (labels.fill("place_dated", lang, place=place, date=date) if place
                  else labels.fill("dated", lang, date=date))
    short_title = " ".join(p for p in (series, number) if p) or title
    document_title = labels.fill(kind, lang)
    subtitle = labels.fill(SUBTITLES[kind], lang, title=title)
    author = ", ".join(p for p in (ministry, department) if p)
    return {
        "lang": lang,
        "kind": kind,
        "labels": labels.for_lang(lang),
        "meta": {
            "title": f"{document_title}: {title}",
            "author": author,
            "subject": subtitle,
            "keywords": ", ".join(p for p in (series, short_title, t.one(info.host)) if p),
        },
        "running_header": f"{ministry} · {short_title}",
        "letterhead": {
            "nation": labels.fill("nation", lang),
            "motto": labels.fill("motto", lang),
            "issuer": [p for p in (ministry, department) if p],
            "reference": _reference(issuer.reference, lang, labels) if issuer.reference else "",
            "place_date": place_date,
        },
        "title": document_title,
        "subtitle": subtitle,
        "meeting": {
            "title": title,
            "series": series,
            "number": number,
            "series_number": ", ".join(p for p in (series, number) if p),
            "dates": format_range(info.start, info.end, lang),
            "mode": labels.fill(f"mode_{info.mode}", lang),
            "host": t.one(info.host),
            "venue": t.one(info.venue),
            "participants": [t.one(p) for p in info.participants],
            "purpose": [t.one(p) for p in info.purpose],
        },
    }


def _reference(reference: str, lang: Language, labels: Labels) -> str:
    """The document number as the heading prints it (`ເລກທີ 215/ກພນ`, `No. 215/ກພນ`): a number typed
    with the label's word already (in either language: ເລກທີ, ເລກທີ່, No.) gets it once, in `lang`."""
    for other in LANGUAGES:
        word = labels.entries["reference"][other].split("{reference}")[0].strip().rstrip(".:")
        if not word:
            continue
        # Lao spells the word with or without the tone mark (ເລກທີ / ເລກທີ່); "No" must not start "Nov".
        typed = re.match(re.escape(word) + r"[\u0EC8-\u0ECB]?(?![A-Za-z])\s*[.:]?\s*", reference, re.IGNORECASE)
        if typed:
            reference = reference[typed.end():]
            break
    return labels.fill("reference", lang, reference=reference).strip()


def _numbered(texts: tuple[Text, ...], t: _Texts) -> list[dict[str, str]]:
    """Rows of a bilingual table: number, lo, en."""
    return [{"number": str(i), **t.both(text)} for i, text in enumerate(texts, start=1)]


def _plan(plan: Plan, lang: Language, labels: Labels, t: _Texts) -> dict[str, Any]:
    """One work plan: title, period, counts from `plan_summary`, bilingual areas and proposals."""
    summary = plan_summary(plan)
    return {
        "title": t.one(plan.title),
        "period": format_years(summary.first_year, summary.last_year),
        "years": labels.fill("years", lang, years=summary.years),
        "activities": _number(summary.activities) if summary.activities is not None else "",
        "priority_area_count": _number(summary.priority_areas),
        "proposal_count": _number(summary.proposals),
        "priority_areas": _numbered(plan.priority_areas, t),
        "proposals": _numbered(plan.proposals, t),
    }


def _briefing(meeting: Meeting, lang: Language, labels: Labels, t: _Texts) -> View:
    """The briefing's own sections: delegation, attendance, outcomes, plans, next meeting."""
    d = meeting.delegation
    figures = attendance(d)
    nxt = meeting.next_meeting
    return {
        "delegation": {
            "members": [
                {"number": str(i), "name": t.one(m.name), "position": t.one(m.position),
                 "role": t.one(m.role)}
                for i, m in enumerate(d.members, start=1)
            ],
            "has_positions": any(m.position is not None for m in d.members),
            "has_roles": any(m.role is not None for m in d.members),
            "units": [t.one(u) for u in d.units],
        },
        "attendance": {
            "total": _number(figures.total),
            "women": _number(figures.women),
            "men": _number(figures.men),
            "women_share": percent(figures.women_share, lang),
            "named": _number(figures.named),
            "units": _number(figures.units),
        },
        "outcomes": [t.one(o) for o in meeting.outcomes],
        "plans": [_plan(p, lang, labels, t) for p in meeting.plans],
        "next_meeting": None if nxt is None else {
            "number": _number(nxt.number) if nxt.number is not None else "",
            "host": t.one(nxt.host),
            "period": t.one(nxt.period),
            "notes": [t.one(n) for n in nxt.notes],
        },
    }


# One builder per kind of document, and the label of its subtitle (a new kind adds both).
KINDS: dict[str, Callable[[Meeting, Language, Labels, _Texts], View]] = {
    "briefing": _briefing,
    "minutes": minutes_view,
}
SUBTITLES = {"briefing": "subtitle", "minutes": "subtitle_minutes"}


def build_view(meeting: Meeting, lang: Language, kind: str = "briefing",
               templates_dir: Path = TEMPLATES_DIR) -> View:
    """Everything the `kind` templates show, in `lang`; InputError listing every text missing in it."""
    if kind not in KINDS:
        raise InputError([Problem(
            f"unknown document kind '{kind}' (expected {', '.join(KINDS)})", "--kind")])
    labels = load_labels(templates_dir, CODE_LABELS)
    t = _Texts(meeting, lang)
    view = _common(meeting, lang, kind, labels, t)
    view.update(KINDS[kind](meeting, lang, labels, t))
    if t.problems:
        raise InputError(t.problems)
    return view
