"""Dates as Lao and English official documents write them: `17 ພະຈິກ 2020`, `17–18 November 2020`."""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date as _babel_format

from generator.data.model import Language

EN_DASH = "\u2013"
# CLDR `lo` long date is `d MMMM y`; English official style is the same order (no comma).
_PATTERN = "d MMMM y"
_DAY_MONTH = "d MMMM"


def format_date(d: dt.date, lang: Language) -> str:
    """`d` as `d MMMM y` in `lang` (CLDR month names, Western digits): `17 ພະຈິກ 2020`."""
    return _babel_format(d, _PATTERN, locale=lang)


def format_range(start: dt.date, end: dt.date | None, lang: Language) -> str:
    """The span start..end, sharing the month and year where they are the same.

    `17–18 ພະຈິກ 2020`, `30 ພະຈິກ – 2 ທັນວາ 2020`, `30 ທັນວາ 2020 – 2 ມັງກອນ 2021`;
    a missing or equal end gives the single date. Raises ValueError when end < start.
    """
    if end is None or end == start:
        return format_date(start, lang)
    if end < start:
        raise ValueError(f"range ends ({end}) before it starts ({start})")
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}{EN_DASH}{format_date(end, lang)}"
    if start.year == end.year:
        return f"{_babel_format(start, _DAY_MONTH, locale=lang)} {EN_DASH} {format_date(end, lang)}"
    return f"{format_date(start, lang)} {EN_DASH} {format_date(end, lang)}"


def format_years(first: int, last: int) -> str:
    """A span of years, `2021–2025`, or the single year when they are equal."""
    return str(first) if first == last else f"{first}{EN_DASH}{last}"
