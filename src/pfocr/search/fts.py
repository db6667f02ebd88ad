"""Build FTS5 queries from user text without ever passing FTS5 syntax through.

Each word becomes a quoted string (a phrase of its tokens), inner quotes doubled, so
``AND``/``OR``/``NEAR``, column filters, parentheses and stray quotes are plain words
and a query can neither fail to parse nor widen itself (https://sqlite.org/fts5.html,
section 3). A trailing ``*`` stays a prefix search.
"""

from __future__ import annotations

import re

from pfocr.errors import InputError
from pfocr.store.textkeys import word_keys

__all__ = ["fts_query"]

_WORD = re.compile(r"\w", re.UNICODE)


def fts_query(text: str, *, keys: bool = False) -> str:
    """Turn user text into an FTS5 query matching every word (implicit AND).

    :param text: the user's words, e.g. ``NF-kB signal*``
    :param keys: the index has the ``keys`` column (:mod:`pfocr.store.textkeys`): a word
        also matches its Greek-insensitive keys there
    :returns: e.g. ``"NF-kB" "signal"*``, or with keys
        ``("NF-kB" OR keys:"nfkb" OR keys:"nfkappab") "signal"*``
    :raises InputError: when the text has no word
    """
    terms = []
    for raw in text.split():
        prefix = raw.endswith("*")
        word = raw.rstrip("*")
        if not _WORD.search(word):
            continue  # punctuation alone tokenizes to nothing
        star = "*" if prefix else ""
        quoted = '"' + word.replace('"', '""') + '"' + star
        forms = sorted(word_keys(word)) if keys else []
        if forms:
            alternatives = " OR ".join(f'keys:"{k}"{star}' for k in forms)
            terms.append(f"({quoted} OR {alternatives})")
        else:
            terms.append(quoted)
    if not terms:
        raise InputError(f"the search text {text!r} has no word to look for")
    # an explicit AND: FTS5 takes no implicit AND before a parenthesised group
    return " AND ".join(terms) if keys else " ".join(terms)
