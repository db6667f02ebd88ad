"""The compiled chemical and disease vocabulary: concepts, and every name of them by key.

The file keeps the lookup keys, so loading it is reading JSON, not re-deriving keys; records
are built only for the names a figure looks up.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import astuple, dataclass
from pathlib import Path
from typing import Any

from pfocr.chemdis.keys import exact_key, fold_key
from pfocr.errors import InputError

__all__ = ["FORMAT_VERSION", "KINDS", "Concept", "Name", "Vocabulary"]

#: Bumped when the file layout changes.
FORMAT_VERSION = 2

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
        self._concepts: dict[str, _Raw] = {c.id: list(astuple(c)) for c in concepts}
        self._folded: dict[str, list[_Raw]] = {}
        self._exact: dict[str, list[_Raw]] = {}
        self._cache: dict[str, Concept] = {}
        for text, name in names:
            self.add(text, name)

    def add(self, text: str, name: Name) -> None:
        """Add a name.

        :param text: the name as listed
        :param name: what it names
        """
        key = exact_key(text) if name.exact else fold_key(text)
        if not key or name.concept not in self._concepts:
            return
        found = (self._exact if name.exact else self._folded).setdefault(key, [])
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
        return [self.concept(cid) for cid in self._concepts]

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

    def folded_concepts(
        self, where: Callable[[str], bool], rules: Collection[str]
    ) -> Iterator[tuple[str, tuple[str, ...]]]:
        """The case-insensitive keys a test accepts, with the concepts their names by
        ``rules`` name (labels aside; the curated case-sensitive abbreviations aside).

        :param where: the test of a key
        :param rules: the names' rules to take (``name``, ``synonym`` ...)
        :returns: (key, concept ids) pairs, for keys with at least one such name
        """
        for key, raws in self._folded.items():
            if where(key):
                ids = tuple(raw[0] for raw in raws if raw[1] in rules and not raw[3])
                if ids:
                    yield key, ids

    def __len__(self) -> int:
        return sum(map(len, self._folded.values())) + sum(map(len, self._exact.values()))

    def save(self, path: Path) -> None:
        """Write the vocabulary as gzipped JSON.

        :param path: the file
        """
        path.parent.mkdir(parents=True, exist_ok=True)
        data = {
            "format": FORMAT_VERSION,
            "version": self.version,
            "concepts": list(self._concepts.values()),
            "folded": self._folded,
            "exact": self._exact,
        }
        tmp = path.with_suffix(path.suffix + ".tmp")
        with gzip.open(tmp, "wt", encoding="utf-8", compresslevel=3) as handle:
            json.dump(data, handle, ensure_ascii=False, separators=(",", ":"))
        tmp.replace(path)

    @classmethod
    def load(cls, path: Path) -> Vocabulary:
        """Read a vocabulary written by :meth:`save`.

        :param path: the file
        :returns: the vocabulary
        :raises InputError: when the file is not a vocabulary of this format
        """
        try:
            with gzip.open(path, "rt", encoding="utf-8") as handle:
                data = json.load(handle)
        except (OSError, ValueError) as exc:
            raise InputError(f"cannot read chemical and disease vocabulary {path}: {exc}") from exc
        if not isinstance(data, dict) or data.get("format") != FORMAT_VERSION:
            raise InputError(
                f"{path} is not a chemical and disease vocabulary of format {FORMAT_VERSION}"
            )
        vocab = cls(str(data["version"]))
        vocab._concepts = {raw[0]: raw for raw in data["concepts"]}
        vocab._folded = data["folded"]
        vocab._exact = data["exact"]
        return vocab
