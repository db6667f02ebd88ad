"""The harvest's query and windows."""

from __future__ import annotations

from datetime import date

import pytest

from pfocr.errors import InputError
from pfocr.harvest import PFOCR_PHRASES, Window, default_query, month_window, parse_day, query_key


def test_default_query_is_pfocrs_eleven_caption_phrases() -> None:
    query = default_query()
    assert len(PFOCR_PHRASES) == 11
    assert query.count("[CAPT]") == 11 and query.count(" OR ") == 10
    for phrase in ("signaling pathway", "signalling pathway", "regulatory pathway"):
        assert f'"{phrase}"[CAPT]' in query


def test_month_window_covers_the_calendar_month() -> None:
    assert month_window("2024-02") == Window(date(2024, 2, 1), date(2024, 2, 29))
    assert month_window("2023-12") == Window(date(2023, 12, 1), date(2023, 12, 31))
    for bad in ("2024-13", "2024-1", "March", ""):
        with pytest.raises(InputError):
            month_window(bad)


def test_split_halves_cover_the_window_exactly() -> None:
    window = Window(date(2024, 1, 1), date(2024, 1, 31))
    earlier, later = window.split()
    assert earlier.start == window.start and later.end == window.end
    assert (later.start - earlier.end).days == 1
    assert earlier.days + later.days == window.days
    one_day = Window(date(2024, 1, 5), date(2024, 1, 5))
    with pytest.raises(ValueError):
        one_day.split()
    assert one_day.eutils() == ("2024/01/05", "2024/01/05")


def test_bad_dates_and_reversed_windows_are_input_errors() -> None:
    with pytest.raises(InputError, match="YYYY-MM-DD"):
        parse_day("2024/01/01", "--from")
    with pytest.raises(InputError, match="not a real date"):
        parse_day("2024-02-30", "--from")
    with pytest.raises(InputError, match="before it starts"):
        Window(date(2024, 2, 1), date(2024, 1, 1))


def test_query_key_ignores_whitespace_only() -> None:
    assert query_key("a  OR b") == query_key("a OR b") != query_key("a OR c")
