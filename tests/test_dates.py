"""Dates as official documents write them, in Lao (CLDR `lo`) and English."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.content.dates import format_date, format_range, format_years

D = dt.date


@pytest.mark.parametrize(("day", "lang", "expected"), [
    (D(2020, 11, 17), "lo", "17 ພະຈິກ 2020"),
    (D(2021, 1, 5), "lo", "5 ມັງກອນ 2021"),
    (D(2020, 12, 2), "lo", "2 ທັນວາ 2020"),
    (D(2020, 11, 17), "en", "17 November 2020"),
])
def test_format_date(day: dt.date, lang: str, expected: str) -> None:
    assert format_date(day, lang) == expected


@pytest.mark.parametrize(("start", "end", "lang", "expected"), [
    (D(2020, 11, 17), D(2020, 11, 18), "lo", "17–18 ພະຈິກ 2020"),
    (D(2020, 11, 30), D(2020, 12, 2), "lo", "30 ພະຈິກ – 2 ທັນວາ 2020"),
    (D(2020, 12, 30), D(2021, 1, 2), "lo", "30 ທັນວາ 2020 – 2 ມັງກອນ 2021"),
    (D(2020, 11, 17), D(2020, 11, 18), "en", "17–18 November 2020"),
    (D(2020, 11, 30), D(2020, 12, 2), "en", "30 November – 2 December 2020"),
    (D(2020, 12, 30), D(2021, 1, 2), "en", "30 December 2020 – 2 January 2021"),
    (D(2020, 11, 17), None, "lo", "17 ພະຈິກ 2020"),
    (D(2020, 11, 17), D(2020, 11, 17), "en", "17 November 2020"),
])
def test_format_range(start: dt.date, end: dt.date | None, lang: str, expected: str) -> None:
    assert format_range(start, end, lang) == expected


def test_range_uses_western_digits_only() -> None:
    text = format_range(D(2020, 11, 17), D(2020, 11, 18), "lo")
    assert not any("\u0ed0" <= ch <= "\u0ed9" for ch in text)  # no Lao digits


def test_range_that_ends_before_it_starts_is_refused() -> None:
    with pytest.raises(ValueError, match=r"range ends \(2020-11-16\) before it starts \(2020-11-17\)"):
        format_range(D(2020, 11, 17), D(2020, 11, 16), "lo")


def test_format_years() -> None:
    assert format_years(2021, 2025) == "2021–2025"
    assert format_years(2021, 2021) == "2021"
