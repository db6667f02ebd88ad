"""Build text queries (FTS5 for SQLite, ``tsquery`` for PostgreSQL) from user text
without ever passing query syntax through.

Each word becomes a quoted string (a phrase of its tokens), inner quotes doubled, so
``AND``/``OR``/``NEAR``, column filters, parentheses and stray quotes are plain words
and a query can neither fail to parse nor widen itself (https://sqlite.org/fts5.html,
section 3). A trailing ``*`` stays a prefix search. On PostgreSQL each word becomes the
phrase of its words as FTS5 reads them (``<->``), or'ed with its keys: the same matches.
"""

from __future__ import annotations

import re

from pfocr.errors import InputError
from pfocr.store.textkeys import index_words, word_keys

__all__ = ["fts_query", "pg_query"]

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


def _phrase(word: str, prefix: bool, accents: bool = False) -> str | None:
    # letters and digits only: no quote
    tokens = [f"'{t}'" for t in index_words(word, accents=accents)]
    if not tokens:
        return None
    if prefix:
        tokens[-1] += ":*"
    return " <-> ".join(tokens)


def pg_query(text: str) -> str:
    """Turn user text into a PostgreSQL ``tsquery`` (for ``to_tsquery('simple', ...)``)
    matching every word, or one of its Greek-insensitive keys.

    :param text: the user's words, e.g. ``NF-kB signal*``
    :returns: e.g. ``('nf' <-> 'kb' | 'nfkb' | 'nfkappab') & ('signal':*)``
    :raises InputError: when the text has no word
    """
    terms = []
    for raw in text.split():
        prefix = raw.endswith("*")
        word = raw.rstrip("*")
        own = _phrase(word, prefix)
        if own is None:
            continue
        marked = _phrase(word, prefix, accents=True)  # for the snippet's highlighter
        forms = [p for k in sorted(word_keys(word)) if (p := _phrase(k, prefix)) is not None]
        alternatives = [own, *([marked] if marked else []), *forms]
        terms.append("(" + " | ".join(dict.fromkeys(alternatives)) + ")")
    if not terms:
        raise InputError(f"the search text {text!r} has no word to look for")
    return " & ".join(terms)
