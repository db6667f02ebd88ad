"""The compiled lexicon: genes, terms by normalised key, families; file I/O and lookups."""

from __future__ import annotations

import gzip
import itertools
import json
import logging
import operator
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pfocr.bulk import gc_paused
from pfocr.errors import InputError
from pfocr.lexicon.models import STATUS_RANK, Family, Gene, Term
from pfocr.lexicon.normalize import fold_homoglyphs, norm_key

__all__ = ["FORMAT_VERSION", "Lexicon", "SymbolMatch"]

logger = logging.getLogger(__name__)

#: Bumped when the file layout changes.
FORMAT_VERSION = 1


@dataclass(frozen=True)
class SymbolMatch:
    """How a user-supplied gene symbol was mapped to an approved symbol.

    ``how`` is ``symbol`` (already approved), ``case`` (approved up to case),
    ``previous`` (an HGNC previous symbol), ``curated`` (a FamPlex curated grounding such
    as NEMO), ``alias`` (an HGNC alias), each only when it names one gene, or
    ``ambiguous`` / ``unknown`` (not mapped).
    """

    query: str
    symbol: str | None
    how: str
    candidates: tuple[str, ...] = ()


def _dedup(terms: Iterable[Term]) -> dict[str, tuple[Term, ...]]:
    best: dict[tuple[str, str, str], Term] = {}
    for t in terms:
        if not t.norm:
            continue
        key = (t.norm, t.db, t.id)
        old = best.get(key)
        if old is None or STATUS_RANK[t.status] > STATUS_RANK[old.status]:
            best[key] = t
    by_norm: dict[str, list[Term]] = defaultdict(list)
    for (norm, _db, _id), t in best.items():
        by_norm[norm].append(t)
    return {
        k: tuple(sorted(v, key=lambda t: (-STATUS_RANK[t.status], t.db, t.id)))
        for k, v in by_norm.items()
    }


_NORM = operator.attrgetter("norm")


def _grouped(terms: Iterable[Term]) -> dict[str, tuple[Term, ...]]:
    by_norm: dict[str, tuple[Term, ...]] = {}
    for key, run in itertools.groupby(terms, key=_NORM):
        group = tuple(run)
        by_norm[key] = (*by_norm[key], *group) if key in by_norm else group
    return by_norm


class Lexicon:
    """Genes, families and every term naming them, indexed by :func:`norm_key`.

    :param version: the lexicon version (sources' dates and the builder version)
    :param genes: approved HGNC genes
    :param terms: terms for genes, families and non-genes
    :param families: FamPlex families and complexes
    :param group_names: HGNC gene group id -> name
    :param sources: where the sources came from
    """

    def __init__(
        self,
        version: str,
        genes: Iterable[Gene],
        terms: Iterable[Term],
        families: Iterable[Family] = (),
        group_names: dict[str, str] | None = None,
        sources: dict[str, str] | None = None,
        *,
        deduplicated: bool = False,
    ) -> None:
        """Index the lexicon.

        :param deduplicated: the terms are already one per (key, db, id), each key's
            together and strongest first, as :meth:`save` writes them (a lexicon file
            loads without sorting them again)
        """
        self.version = version
        self.genes: dict[str, Gene] = {g.hgnc_id: g for g in genes}
        self.by_symbol: dict[str, Gene] = {g.symbol: g for g in self.genes.values()}
        self._by_upper = {s.upper(): g for s, g in self.by_symbol.items()}
        self.families: dict[str, Family] = {f.id: f for f in families}
        self.terms: dict[str, tuple[Term, ...]] = _grouped(terms) if deduplicated else _dedup(terms)
        self.group_names = group_names or {}
        self.sources = sources or {}
        self._by_status: dict[str, dict[str, set[str]]] = {
            s: defaultdict(set) for s in ("previous", "curated", "alias")
        }
        for ts in self.terms.values():
            for t in ts:
                if t.db == "HGNC" and t.status in self._by_status:
                    self._by_status[t.status][t.text.upper()].add(self.genes[t.id].symbol)

    def __len__(self) -> int:
        return len(self.genes)

    def lookup(self, key: str) -> tuple[Term, ...]:
        """Return the terms stored under a normalised key, strongest status first.

        :param key: a :func:`norm_key` value
        :returns: the terms (empty when none)
        """
        return self.terms.get(key, ())

    def gene(self, hgnc_id: str) -> Gene:
        """Return a gene by HGNC id.

        :param hgnc_id: e.g. ``HGNC:5``
        :returns: the gene
        """
        return self.genes[hgnc_id]

    def resolve_symbol(self, text: str) -> SymbolMatch:
        """Map a user-supplied gene symbol to an approved HGNC symbol.

        Approved symbols win, then a case-insensitive match, then a previous symbol, a
        FamPlex curated grounding, or an alias, each only when it names one gene;
        anything else is not mapped.

        :param text: the symbol as given
        :returns: the match
        """
        query = fold_homoglyphs(text).strip()
        if query in self.by_symbol:
            return SymbolMatch(text, query, "symbol")
        upper = query.upper()
        if upper in self._by_upper:
            return SymbolMatch(text, self._by_upper[upper].symbol, "case")
        for how, table in self._by_status.items():
            found = table.get(upper)
            if found and len(found) == 1:
                return SymbolMatch(text, next(iter(found)), how)
            if found:
                return SymbolMatch(text, None, "ambiguous", tuple(sorted(found)))
        return SymbolMatch(text, None, "unknown")

    # -- file I/O ----------------------------------------------------------------------
    def save(self, path: Path) -> None:
        """Write the lexicon as one gzipped JSON file (atomically).

        :param path: the output file (``.json.gz``)
        """
        data: dict[str, Any] = {
            "format": "pfocr-lexicon",
            "format_version": FORMAT_VERSION,
            "version": self.version,
            "sources": self.sources,
            "group_names": self.group_names,
            "genes": [
                [
                    g.hgnc_id,
                    g.symbol,
                    g.name,
                    g.entrez_id,
                    g.locus_group,
                    g.locus_type,
                    "|".join(g.gene_groups),
                    g.n_pubs,
                    "|".join(g.uniprot),
                ]
                for g in self.genes.values()
            ],
            "terms": [
                [t.norm, t.text, t.db, t.id, t.status, t.source]
                for ts in self.terms.values()
                for t in ts
            ],
            "families": [[f.id, f.name, list(f.members), f.kind] for f in self.families.values()],
        }
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        with gzip.open(tmp, "wt", encoding="utf-8", compresslevel=6) as handle:
            json.dump(data, handle, ensure_ascii=False, separators=(",", ":"))
        tmp.replace(path)

    @classmethod
    def load(cls, path: Path) -> Lexicon:
        """Read a lexicon file written by :meth:`save`.

        :param path: the file
        :returns: the lexicon
        :raises InputError: when the file is missing or not a pfocr lexicon
        """
        with gc_paused():  # 187,000 terms and no cycles among them
            return cls._load(path)

    @classmethod
    def _load(cls, path: Path) -> Lexicon:
        try:
            with gzip.open(path, "rt", encoding="utf-8") as handle:
                data = json.load(handle)
        except (OSError, EOFError, json.JSONDecodeError) as exc:
            raise InputError(f"cannot read lexicon {path}: {exc}") from exc
        if data.get("format") != "pfocr-lexicon" or data.get("format_version") != FORMAT_VERSION:
            raise InputError(f"{path} is not a pfocr lexicon of format {FORMAT_VERSION}")
        genes = [
            Gene(
                hgnc_id=r[0],
                symbol=r[1],
                name=r[2],
                entrez_id=r[3],
                locus_group=r[4],
                locus_type=r[5],
                gene_groups=tuple(r[6].split("|")) if r[6] else (),
                n_pubs=int(r[7]),
                uniprot=tuple(r[8].split("|")) if r[8] else (),
            )
            for r in data["genes"]
        ]
        terms = [Term(*r) for r in data["terms"]]
        families = [Family(r[0], r[1], tuple(r[2]), r[3]) for r in data["families"]]
        return cls(
            data["version"],
            genes,
            terms,
            families,
            data.get("group_names", {}),
            data.get("sources", {}),
            deduplicated=True,
        )


def lookup_text(lexicon: Lexicon, text: str) -> tuple[Term, ...]:
    """Look a raw text up (normalising it first).

    :param lexicon: the lexicon
    :param text: raw text
    :returns: matching terms
    """
    return lexicon.lookup(norm_key(text))
