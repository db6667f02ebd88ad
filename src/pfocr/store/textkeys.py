"""Search keys that make Greek letters and their spellings one: ``NF-κB`` = ``NF-kB`` =
``NFkB`` = ``NF-kappaB``; ``TGF-β`` = ``TGF-b`` = ``TGF-beta``; ``IκBα`` = ``IkBa``.

Every word of a figure's title, caption and paper title that has a Greek letter or an
inner separator is indexed (FTS column ``keys``) under two forms: Greek letters spelled
out (``nfkappab``) and as Latin initials (``nfkb``), separators dropped, case folded.
A query word matches itself as the tokenizer reads it, or either form of it in ``keys``.
"""

from __future__ import annotations

import re
import unicodedata

from pfocr.lexicon.normalize import fold_homoglyphs, greek_to_initial, norm_key, strip_separators

__all__ = ["index_words", "text_keys", "word_keys"]

_EDGES = re.compile(r"^[^\w]+|[^\w+]+$")


def word_keys(word: str) -> set[str]:
    """The two key forms of one word (none for a word without letters or digits)."""
    word = _EDGES.sub("", word)
    if not word:
        return set()
    initial = strip_separators(greek_to_initial(fold_homoglyphs(word))).casefold()
    return {k for k in (norm_key(word), initial) if k}


def _special(word: str) -> bool:
    folded = fold_homoglyphs(word)
    return any(not ch.isascii() for ch in folded) or bool(re.search(r"\w[-/.]\w", folded))


def text_keys(*texts: str | None) -> str:
    """The keys of the words of some texts that need them, space-separated."""
    keys: dict[str, None] = {}
    for text in texts:
        for word in (text or "").split():
            if _special(word):
                keys.update(dict.fromkeys(sorted(word_keys(word))))
    return " ".join(keys)


_TOKEN = re.compile(r"[^\W_]+")


def index_words(*texts: str | None, accents: bool = False) -> list[str]:
    """The words of some texts as SQLite's FTS5 ``unicode61 remove_diacritics 2`` tokenizer
    reads them: runs of letters and digits, case folded, accents dropped. PostgreSQL's
    text index is built from these words, and its queries too, so both databases match
    the same words.

    :param texts: the texts
    :param accents: keep accents (the words as PostgreSQL's own parser reads them, which
        its snippets highlight)
    :returns: the words, in order
    """
    out: list[str] = []
    for text in texts:
        if not text:
            continue
        plain = text.casefold()
        if not accents:
            plain = unicodedata.normalize("NFKD", plain)
            plain = "".join(ch for ch in plain if not unicodedata.combining(ch))
        out.extend(_TOKEN.findall(plain))
    return out
