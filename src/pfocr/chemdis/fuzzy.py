"""Names of chemicals and diseases as OCR misreads them: one or two letters wrong.

A long word that the vocabulary does not know and English text never uses (wordfreq knows
chemotaxis, endoplasmic and sponging, not peptdoglyean) is looked up among the names of
its first letter and about its length: ``Peptidoylycan`` is peptidoglycan,
``Dihyrotestosterone`` dihydrotestosterone. Only one concept may lie nearest, and only
names of letters are read so (no codes: ``LY249002`` is one digit from several compounds).
"""

from __future__ import annotations

import functools

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein
from wordfreq import zipf_frequency

from pfocr.chemdis.keys import fold_key
from pfocr.chemdis.vocabulary import Name, Vocabulary

__all__ = ["MIN_LENGTH", "NearNames", "max_edits", "near_names"]

#: The shortest word (in key letters) read with an edit: shorter ones lie one letter from
#: too many names (Dinyrone, an OCR error of some word, is one letter from dipyrone).
MIN_LENGTH = 10
_RULES = frozenset({"name", "synonym", "doid"})  # MeSH's and DOID's own names


def _letters_only(key: str) -> bool:
    """A key long enough to be near a word read with an edit, of ASCII letters only."""
    return len(key) >= MIN_LENGTH - 1 and key.isascii() and key.isalpha()


def max_edits(length: int) -> int:
    """How many letters may be wrong in a name of ``length`` letters: one up to 11, two
    from 12 on."""
    return 1 if length < 12 else 2


class NearNames:
    """The vocabulary's names of letters only, by first letter and length, for
    :meth:`nearest`; a bucket is read from the vocabulary when a word first needs it.

    :param vocab: the vocabulary
    """

    def __init__(self, vocab: Vocabulary) -> None:
        self._vocab = vocab
        self._buckets: dict[tuple[str, int], list[str]] = {}
        self._concepts: dict[str, tuple[str, ...]] = {}

    def _bucket(self, first: str, length: int) -> list[str]:
        found = self._buckets.get((first, length))
        if found is None:
            found = self._buckets[first, length] = []
            for key, ids in self._vocab.folded_bucket(first, length, _RULES):
                if _letters_only(key):
                    found.append(key)
                    self._concepts[key] = ids
        return found

    def nearest(self, text: str) -> Name | None:
        """The one name a misread word most likely is.

        :param text: the word as OCR read it
        :returns: the name, or None when the word is short, an English word, known as
            it is, or as near to names of two concepts
        """
        key = fold_key(text)
        if len(key) < MIN_LENGTH or not _letters_only(key) or self._vocab.lookup(text):
            return None
        if zipf_frequency(text.casefold(), "en") > 0:
            return None  # a word English text uses (chemotactic, endoplasmic), read right
        edits = max_edits(len(key))
        best: list[tuple[int, str]] = []
        for length in range(len(key) - edits, len(key) + edits + 1):
            bucket = self._bucket(key[0], length)
            if not bucket:
                continue
            for found, distance, _ in process.extract(
                key, bucket, scorer=Levenshtein.distance, score_cutoff=edits, limit=None
            ):
                best.append((int(distance), found))
        if not best:
            return None
        least = min(d for d, _ in best)
        concepts = {c for d, k in best if d == least for c in self._concepts[k]}
        if len(concepts) != 1:
            return None
        return Name(concepts.pop(), "ocr")


@functools.lru_cache(maxsize=4)
def near_names(vocab: Vocabulary) -> NearNames:
    """The :class:`NearNames` of a vocabulary, one per vocabulary.

    :param vocab: the vocabulary
    :returns: its index of names by first letter and length
    """
    return NearNames(vocab)
