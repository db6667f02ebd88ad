"""Find the organisms a figure is about in its title, caption, paper title and text.

Names come from the curated ``pfocr/data/organisms.tsv``; they are found with an
Aho-Corasick automaton over the lower-cased text and kept only at word boundaries.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

import ahocorasick

from pfocr.data.tables import read_table
from pfocr.species.models import Organism

__all__ = ["SpeciesCall", "detect_organisms"]

_MAMMAL = "mammal"
# organisms whose genes curators do not read as human genes; animals (fish, flies,
# chicken) are left out on purpose: their gene labels are read through human orthologs
_NONMAMMAL_KINDS = {"fungus", "plant", "protist"}
_PATHOGEN_KINDS = {"virus", "bacterium"}
# where a name is evidence of what the figure is about (figure text only mentions)
_ABOUT = {"title", "caption", "paper"}
# a name that only says where a gene was first found ("WIPI proteins (yeast Atg18
# homolog)") is no evidence of what the figure draws
_COMPARISON = re.compile(
    r"^\W*(?:\w+\W+){0,2}?(?:homolog|homologue|ortholog|orthologue|counterpart)s?\b"
)
# ... or that follows one ("the mammalian homolog of yeast Atg1")
_COMPARED = re.compile(
    r"\b(?:homolog|homologue|ortholog|orthologue|counterpart)s?\s+(?:of|in|to)\s+(?:the\s+)?$"
)
# immune cells of a host: a figure about a parasite or a fungus that names them draws
# the host's response (dendritic cells parasitized by Toxoplasma, Dectin-1 and Candida)
_HOST_IMMUNE = re.compile(
    r"\b(?:(?i:dendritic|macrophages?|monocytes?|neutrophils?|lymphocytes?|inflammasome"
    r"|cytokines?)|DCs?|T[- ]cells?|TLRs?)\b"
)
# non-mammals whose hosts are mammals: the figure may draw the host's genes
_PARASITE_KINDS = {"fungus", "protist"}
_INVERTEBRATE = "invertebrate"
# an invertebrate named as the cells the figure draws ("infected mosquito cells",
# "mosquito C6/36 cells", "Drosophila S2 cells"): the host is the invertebrate, even
# beside a virus (dengue in its mosquito vector), so its proteins are not human genes
_HOST_CELLS = re.compile(r"^(?:\s+[\w/-]+)?\s+cells?\b")


@dataclass(frozen=True)
class _Entry:
    text: str
    taxid: int
    name: str
    kind: str


@dataclass(frozen=True)
class SpeciesCall:
    """The organisms found, and what they mean for gene recognition."""

    organisms: tuple[Organism, ...]
    kinds: frozenset[str]
    about_kinds: frozenset[str] = frozenset()
    #: the title, caption or paper names immune cells of a host
    host_immune: bool = False
    #: the title, caption or paper draws an invertebrate's cells ("mosquito cells")
    invertebrate_cells: bool = False

    @property
    def taxids(self) -> tuple[int, ...]:
        """Taxonomy ids found."""
        return tuple(o.taxid for o in self.organisms)

    @property
    def nonmammalian(self) -> bool:
        """The title, caption or paper is about yeast, plants or protists, and names no
        mammal and no virus (a virus named beside a plant means a human virus is shown);
        or it draws an invertebrate's cells and names no mammal.
        """
        about = self.about_kinds
        if self.host_immune and about <= _PARASITE_KINDS:
            return False  # a parasite or fungus with the host's immune cells
        if self.invertebrate_cells and _MAMMAL not in about:
            return True  # the cells of a mosquito or fly, whatever virus infects them
        return bool(about & _NONMAMMAL_KINDS) and not (about & {_MAMMAL, "virus"})

    @property
    def pathogen(self) -> bool:
        """A virus or bacterium is named."""
        return bool(self.kinds & _PATHOGEN_KINDS)


@functools.lru_cache(maxsize=1)
def _automaton() -> tuple[ahocorasick.Automaton, dict[int, str]]:
    auto = ahocorasick.Automaton()
    kinds: dict[int, str] = {}
    for row in read_table("organisms.tsv"):
        entry = _Entry(row["text"], int(row["taxid"]), row["scientific_name"], row["kind"])
        auto.add_word(entry.text.lower(), entry)
        kinds[entry.taxid] = entry.kind
    auto.make_automaton()
    return auto, kinds


def _found(text: str) -> Iterable[tuple[_Entry, bool]]:
    """The organisms named in a text, each with whether cells of it follow the name."""
    auto, _ = _automaton()
    low = text.lower()
    for end, entry in auto.iter(low):
        start = end - len(entry.text) + 1
        before = low[start - 1] if start > 0 else " "
        after = low[end + 1] if end + 1 < len(low) else " "
        compared = _COMPARISON.match(low[end + 1 :]) or _COMPARED.search(low[:start])
        if not before.isalnum() and not after.isalnum() and not compared:
            yield entry, _HOST_CELLS.match(low[end + 1 :]) is not None


def detect_organisms(sources: dict[str, str | None]) -> SpeciesCall:
    """Find organisms named in the given texts.

    :param sources: e.g. ``{"title": ..., "caption": ..., "figure": <OCR text>}``
    :returns: the organisms (one per taxon, first evidence kept) and their kinds
    """
    seen: dict[int, Organism] = {}
    kinds: set[str] = set()
    about: set[str] = set()
    host_immune = False
    invertebrate_cells = False
    for where, text in sources.items():
        if not text:
            continue
        if where in _ABOUT and _HOST_IMMUNE.search(text):
            host_immune = True
        for entry, cells in _found(text):
            kinds.add(entry.kind)
            if where in _ABOUT:
                about.add(entry.kind)
                invertebrate_cells |= cells and entry.kind == _INVERTEBRATE
            if entry.taxid not in seen:
                seen[entry.taxid] = Organism(entry.taxid, entry.name, f"{where}: {entry.text}")
    return SpeciesCall(
        tuple(seen.values()), frozenset(kinds), frozenset(about), host_immune, invertebrate_cells
    )
