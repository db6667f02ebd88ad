"""Scoring organisms: the host, and the ``organisms`` list, against curated free text.

The truth's ``organisms`` column is free text, entries separated by ``;`` outside
parentheses: ``Homo sapiens (host cell); Hepatitis C virus; Dengue virus 2``. An entry
is read as the first organism name its words hold, outside the parentheses (the longest
name starting at the earliest word: ``Mammalian host cells infected with canine
parvovirus`` is Mammalia), else inside them (``Arenavirus (Lassa virus)`` is Lassa
virus); names are read with the species stage's own table and the NCBI Taxonomy. An
entry with no name (``Paramyxovirus``) is left out and counted as unread.

The truth's host is its first entry that can be a host (no virus, bacterium or
archaeon); an entry naming none (a figure of a virus's replication alone) has the first
entry as its host. A predicted organism matches a truth entry when both are the same
species (a strain or serotype counts as its species), or when the truth entry is a group
above species (Mammalia, Viruses) and the prediction lies within it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from pfocr.species import resolve_name, taxonomy

__all__ = ["OrganismScores", "TruthOrganisms", "read_organisms", "score_organisms"]

_WORD = re.compile(r"[A-Za-z0-9][\w'.-]*")
_MAX_WORDS = 6


@dataclass(frozen=True)
class TruthOrganisms:
    """The organisms a curator listed for one figure."""

    #: taxids of the entries read, in order
    taxids: tuple[int, ...]
    #: entries with no organism name
    unread: tuple[str, ...] = ()

    @property
    def host(self) -> int | None:
        """The first entry that can be a host, else the first entry."""
        for taxid in self.taxids:
            node = taxonomy.lookup(taxid)
            if node is not None and node.group in taxonomy.HOST_GROUPS:
                return taxid
        return self.taxids[0] if self.taxids else None


def _entries(text: str) -> list[str]:
    out: list[str] = []
    current: list[str] = []
    depth = 0
    for ch in text:
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if ch == ";" and depth <= 0:
            out.append("".join(current).strip())
            current = []
        else:
            current.append(ch)
    out.append("".join(current).strip())
    return [e for e in out if e]


def _first_name(text: str) -> int | None:
    words = _WORD.findall(text.replace("/", " "))
    for start in range(len(words)):
        for end in range(min(len(words), start + _MAX_WORDS), start, -1):
            taxid = resolve_name(" ".join(words[start:end]).strip(".,"))
            if taxid:
                return taxid
    return None


def read_organisms(text: str) -> TruthOrganisms:
    """Read a truth ``organisms`` cell.

    :param text: the cell
    :returns: the taxids read and the entries that name no organism
    """
    taxids: list[int] = []
    unread: list[str] = []
    for entry in _entries(text):
        outside = re.sub(r"\([^()]*\)", " ", entry)
        inside = " ".join(re.findall(r"\(([^()]*)\)", entry))
        taxid = _first_name(outside) or _first_name(inside)
        if taxid is None:
            unread.append(entry)
        elif taxid not in taxids:
            taxids.append(taxid)
    return TruthOrganisms(tuple(taxids), tuple(unread))


def _species(taxid: int) -> int:
    node = taxonomy.lookup(taxid)
    return node.species if node is not None else taxid


def matches(predicted: int, truth: int) -> bool:
    """Whether a predicted organism is the truth's (same species, or within its group).

    :param predicted: a predicted taxid
    :param truth: a truth taxid
    :returns: the answer
    """
    if predicted == truth or (predicted and _species(predicted) == _species(truth)):
        return True
    node, group = taxonomy.lookup(predicted), taxonomy.lookup(truth)
    above_species = group is not None and group.species == truth and group.rank != "species"
    return node is not None and above_species and node.within(truth)


@dataclass(frozen=True)
class FigureOrganisms:
    """One figure's organisms, predicted and curated."""

    figid: str
    host: int | None
    truth_host: int | None
    predicted: tuple[int, ...]
    truth: tuple[int, ...]

    @property
    def host_right(self) -> bool:
        """The predicted host is the truth's."""
        return (
            self.host is not None
            and self.truth_host is not None
            and matches(self.host, self.truth_host)
        )


@dataclass(frozen=True)
class OrganismScores:
    """Host accuracy and the organisms list's micro precision and recall."""

    figures: tuple[FigureOrganisms, ...]
    unread: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0
    wrong_hosts: tuple[str, ...] = field(default=())

    @property
    def scored(self) -> int:
        """Figures whose truth names a host."""
        return sum(1 for f in self.figures if f.truth_host is not None)

    @property
    def host_accuracy(self) -> float:
        """Share of scored figures whose host is right."""
        right = sum(1 for f in self.figures if f.host_right)
        return right / self.scored if self.scored else 0.0

    @property
    def precision(self) -> float:
        """Predicted organisms that match a truth entry."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        """Truth entries matched by a predicted organism."""
        found = self.tp_truth
        return found / (found + self.fn) if found + self.fn else 0.0

    tp_truth: int = 0


def score_organisms(
    truths: Mapping[str, TruthOrganisms],
    hosts: Mapping[str, int | None],
    predicted: Mapping[str, Sequence[int]],
    unread: Iterable[str] = (),
) -> OrganismScores:
    """Score predicted hosts and organism lists against the truth.

    :param truths: figid -> the curated organisms
    :param hosts: figid -> the predicted host (None when none)
    :param predicted: figid -> every predicted organism (the ``organisms`` list)
    :param unread: truth entries that name no organism (reported)
    :returns: the scores
    """
    rows: list[FigureOrganisms] = []
    tp = fp = fn = tp_truth = 0
    wrong: list[str] = []
    for figid, truth in truths.items():
        pred = tuple(t for t in predicted.get(figid, ()) if t)
        row = FigureOrganisms(figid, hosts.get(figid), truth.host, pred, truth.taxids)
        rows.append(row)
        if row.truth_host is not None and not row.host_right:
            wrong.append(figid)
        for p in pred:
            if any(matches(p, t) for t in truth.taxids):
                tp += 1
            else:
                fp += 1
        for t in truth.taxids:
            if any(matches(p, t) for p in pred):
                tp_truth += 1
            else:
                fn += 1
    return OrganismScores(
        tuple(rows), len(list(unread)), tp, fp, fn, tuple(wrong), tp_truth=tp_truth
    )
