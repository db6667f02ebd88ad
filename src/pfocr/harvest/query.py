"""What a harvest searches for: the query, its publication-date windows, and their splits.

The default query is PFOCR's: eleven caption phrases, each restricted to figure captions
(PMC's ``[CAPT]`` field), OR-ed. The window is passed to E-utilities as
``mindate``/``maxdate`` with ``datetype=pdat``, not written into the term, so that the
same query over another window is the same search.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date, timedelta

from pfocr.errors import InputError

__all__ = [
    "DEFAULT_CAPTION_PATTERN",
    "PFOCR_PHRASES",
    "Window",
    "default_query",
    "month_window",
    "parse_day",
    "query_key",
]

#: The caption phrases of PFOCR's monthly harvest (wikipathways/pfocr: fetch_pmc.R).
PFOCR_PHRASES: tuple[str, ...] = (
    "signaling pathway",
    "signalling pathway",
    "regulatory pathway",
    "disease pathway",
    "drug pathway",
    "metabolic pathway",
    "biosynthetic pathway",
    "synthesis pathway",
    "cancer pathway",
    "response pathway",
    "cycle pathway",
)

#: A figure is harvested when its title or caption matches this (PFOCR keeps /pathway/i).
DEFAULT_CAPTION_PATTERN = "pathway"


def default_query() -> str:
    """PFOCR's query: every phrase in figure captions, OR-ed.

    :returns: the E-utilities search term
    """
    return " OR ".join(f'"{phrase}"[CAPT]' for phrase in PFOCR_PHRASES)


def query_key(query: str) -> str:
    """A short stable key of a query (the ledger keys windows by query and dates).

    :param query: the search term
    :returns: 12 hex digits of its SHA-256, whitespace collapsed first
    """
    return hashlib.sha256(" ".join(query.split()).encode()).hexdigest()[:12]


@dataclass(frozen=True, order=True)
class Window:
    """A publication-date window, both ends included."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise InputError(f"the window ends ({self.end}) before it starts ({self.start})")

    @property
    def days(self) -> int:
        """How many days the window spans."""
        return (self.end - self.start).days + 1

    def split(self) -> tuple[Window, Window]:
        """Halve the window (a one-day window cannot be split).

        :returns: the earlier and the later half
        :raises ValueError: for a one-day window
        """
        if self.days < 2:
            raise ValueError(f"a one-day window ({self.start}) cannot be split")
        middle = self.start + timedelta(days=self.days // 2 - 1)
        return Window(self.start, middle), Window(middle + timedelta(days=1), self.end)

    def eutils(self) -> tuple[str, str]:
        """The window as E-utilities ``mindate`` and ``maxdate`` (``YYYY/MM/DD``)."""
        return self.start.strftime("%Y/%m/%d"), self.end.strftime("%Y/%m/%d")

    def __str__(self) -> str:
        return f"{self.start.isoformat()}..{self.end.isoformat()}"


def parse_day(text: str, option: str) -> date:
    """Parse a ``YYYY-MM-DD`` option.

    :param text: the option's value
    :param option: its name, for the message
    :returns: the date
    :raises InputError: when it is not a real date in that form
    """
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text.strip()):
        raise InputError(f"{option} takes a date as YYYY-MM-DD, not {text!r}")
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InputError(f"{option} {text!r} is not a real date") from None


def month_window(text: str) -> Window:
    """The window of one calendar month.

    :param text: ``YYYY-MM``
    :returns: the month's first to last day
    :raises InputError: when it is not a month in that form
    """
    match = re.fullmatch(r"(\d{4})-(\d{2})", text.strip())
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise InputError(f"--month takes a month as YYYY-MM, not {text!r}")
    year, month = int(match.group(1)), int(match.group(2))
    start = date(year, month, 1)
    following = date(year + month // 12, month % 12 + 1, 1)
    return Window(start, following - timedelta(days=1))
