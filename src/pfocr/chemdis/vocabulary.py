"""The compiled chemical and disease vocabulary: concepts, and every name of them by key.

A vocabulary is built in memory (:mod:`pfocr.chemdis.build`) and saved as an SQLite file
that keeps the lookup keys (:mod:`pfocr.chemdis.vocabfile`); a loaded vocabulary reads
that file in place, so loading costs nothing and records are built only for the names a
figure looks up.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping
from dataclasses import astuple, dataclass
from pathlib import Path
from typing import Any

from pfocr.chemdis.keys import exact_key, fold_key
from pfocr.chemdis.vocabfile import (
    FORMAT,
    ConceptTable,
    NameTable,
    VocabularyFile,
    write_vocabulary,
)

__all__ = ["FORMAT_VERSION", "KINDS", "Concept", "Name", "Vocabulary"]

#: Bumped when the file layout changes (3: an SQLite file read in place, was gzipped JSON).
FORMAT_VERSION = FORMAT

#: What a concept is.
KINDS = ("chemical", "disease")


@dataclass(frozen=True)
class Concept:
    """A chemical or disease: its normalised id (``MESH:D008070``; ``DOID:...`` only where
    MeSH has none), preferred name, and cross-references."""

    id: str
    kind: str
    name: str
    chebi: str | None = None
    doid: str | None = None
    mondo: str | None = None


@dataclass(frozen=True)
class Name:
    """One name of a concept.

    :param concept: the concept's id
    :param rule: where the name comes from: ``name``, ``synonym`` (MeSH), ``doid``,
        ``lincs`` (a research compound's name or code), ``abbreviation`` (pfocr's
        curated table), ``defined`` (the figure's caption), ``ocr`` (a name one or two
        letters from the word OCR read, :mod:`pfocr.chemdis.fuzzy`)
    :param exact: matched case-sensitively (short abbreviations: ``NO``, ``CO``)
    :param label: accepted only as a label of its own (a word of plain English such as
        ``lead``, or a short abbreviation that prose uses otherwise, such as ``RA``)
    """

    concept: str
    rule: str
    exact: bool = False
    label: bool = False


_Raw = list[Any]


class Vocabulary:
    """Concepts and their names, looked up by :func:`fold_key` or :func:`exact_key`.

    :param version: the sources' versions and the builder's
    :param concepts: every concept
    :param names: (text, name) pairs; a name of a concept not given is ignored, as is a
        second name of one concept under one key
    """

    def __init__(
        self,
        version: str,
        concepts: Iterable[Concept] = (),
        names: Iterable[tuple[str, Name]] = (),
    ) -> None:
        self.version = version
        self._concepts: Mapping[str, _Raw] = {c.id: list(astuple(c)) for c in concepts}
        self._folded: Mapping[str, list[_Raw]] = {}
        self._exact: Mapping[str, list[_Raw]] = {}
        self._cache: dict[str, Concept] = {}
        self._buckets: dict[tuple[str, int], list[str]] | None = None
        for text, name in names:
            self.add(text, name)

    def add(self, text: str, name: Name) -> None:
        """Add a name.

        :param text: the name as listed
        :param name: what it names
        """
        table = self._exact if name.exact else self._folded
        if not isinstance(table, dict):
            raise TypeError("a vocabulary read from a file takes no names")
        key = exact_key(text) if name.exact else fold_key(text)
        if not key or name.concept not in self._concepts:
            return
        found = table.setdefault(key, [])
        if not any(raw[0] == name.concept for raw in found):
            found.append([name.concept, name.rule, int(name.exact), int(name.label)])

    def concept(self, cid: str) -> Concept:
        """A concept by id.

        :param cid: e.g. ``MESH:D008070``
        :returns: the concept
        :raises KeyError: when the vocabulary has none
        """
        found = self._cache.get(cid)
        if found is None:
            found = self._cache[cid] = Concept(*self._concepts[cid])
        return found

    def __contains__(self, cid: object) -> bool:
        return cid in self._concepts

    def concepts(self) -> list[Concept]:
        """Every concept.

        :returns: the concepts
        """
        return [self._cache.get(raw[0]) or Concept(*raw) for raw in self._concepts.values()]

    def lookup(self, text: str) -> list[Name]:
        """The names a text matches: case-sensitive abbreviations first, then folded names.

        :param text: the text as printed
        :returns: the matching names (several concepts when the text is ambiguous)
        """
        return self.lookup_keys(exact_key(text), fold_key(text))

    def lookup_keys(self, exact: str, folded: str) -> list[Name]:
        """:meth:`lookup` for a text whose keys are known.

        :param exact: its :func:`exact_key`
        :param folded: its :func:`fold_key`
        :returns: the matching names
        """
        raws = self._exact.get(exact, []) + self._folded.get(folded, [])
        return [Name(c, r, bool(e), bool(b)) for c, r, e, b in raws]

    def folded_bucket(
        self, first: str, length: int, rules: Collection[str]
    ) -> list[tuple[str, tuple[str, ...]]]:
        """The case-insensitive keys of one first letter and length, with the concepts
        their names by ``rules`` name (labels aside; the curated case-sensitive
        abbreviations aside): the misread index reads only the buckets a figure's words
        need.

        :param first: the keys' first character
        :param length: their length
        :param rules: the names' rules to take (``name``, ``synonym`` ...)
        :returns: (key, concept ids) pairs, for keys with at least one such name
        """
        if isinstance(self._folded, NameTable):
            return self._folded.bucket(first, length, rules)
        if self._buckets is None:
            self._buckets = defaultdict(list)
            for key in self._folded:
                self._buckets[key[:1], len(key)].append(key)
        pairs = []
        for key in self._buckets.get((first, length), []):
            ids = tuple(raw[0] for raw in self._folded[key] if raw[1] in rules and not raw[3])
            if ids:
                pairs.append((key, ids))
        return pairs

    def __len__(self) -> int:
        return sum(
            t.count_names() if isinstance(t, NameTable) else sum(map(len, t.values()))
            for t in (self._folded, self._exact)
        )

    def save(self, path: Path) -> None:
        """Write the vocabulary as an SQLite file (:mod:`pfocr.chemdis.vocabfile`).

        :param path: the file
        """
        write_vocabulary(path, self.version, self._concepts.values(), self._folded, self._exact)

    @classmethod
    def load(cls, path: Path) -> Vocabulary:
        """Open a vocabulary written by :meth:`save`; lookups read the file in place.

        :param path: the file
        :returns: the vocabulary
        :raises InputError: when the file is not a vocabulary of this format
        """
        file = VocabularyFile(path)
        vocab = cls(file.version)
        vocab._concepts = ConceptTable(file)
        vocab._folded = NameTable(file, "folded")
        vocab._exact = NameTable(file, "exact")
        return vocab
