"""Build FTS5 queries from user text without ever passing FTS5 syntax through.

Each word becomes a quoted string (a phrase of its tokens), inner quotes doubled, so
``AND``/``OR``/``NEAR``, column filters, parentheses and stray quotes are plain words
and a query can neither fail to parse nor widen itself (https://sqlite.org/fts5.html,
section 3). A trailing ``*`` stays a prefix search.
"""

from __future__ import annotations

import re

from pfocr.errors import InputError

__all__ = ["fts_query"]

_WORD = re.compile(r"\w", re.UNICODE)


def fts_query(text: str) -> str:
    """Turn user text into an FTS5 query matching every word (implicit AND).

    :param text: the user's words, e.g. ``NF-kB signal*``
    :returns: e.g. ``"NF-kB" "signal"*``
    :raises InputError: when the text has no word
    """
    terms = []
    for raw in text.split():
        prefix = raw.endswith("*")
        word = raw.rstrip("*")
        if not _WORD.search(word):
            continue  # punctuation alone tokenizes to nothing
        quoted = '"' + word.replace('"', '""') + '"'
        terms.append(quoted + ("*" if prefix else ""))
    if not terms:
        raise InputError(f"the search text {text!r} has no word to look for")
    return " ".join(terms)
