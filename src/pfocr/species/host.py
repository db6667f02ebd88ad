"""Whose pathway a figure draws: the host, weighed from every piece of evidence.

The evidence, strongest first:

1. organisms named in the paper title and figure title (3 points a name), the caption
   (2), cell lines (the species they come from, 2 wherever printed) and the figure
   text (1); a name followed by "cells" adds 1 ("mosquito cells"). Viruses, bacteria
   and archaea are never the host; nor a parasite (a protist, a fungus) named beside a
   host's immune cells (dendritic cells and Toxoplasma draw the host's response); nor a
   name that only says where a gene was first found ("yeast Atg18 homolog"); nor, outside
   the titles, a name that says whose pathogen is meant ("avian leucosis virus"; a
   title's "Porcine Enteric Coronaviruses" does name the host), a parasite named as a
   disease ("P. falciparum malaria"), or an organism named as the source of a treatment
   ("Houttuynia cordata and its bioactive compound", "ginseng extract"). A group named beside
   one of its members counts for the member ("mammalian" beside "mouse"); a vertebrate
   named beside another host wins (fly S2 cells beside human HeLa cells).
   A host that is no vertebrate must reach 3 points (a title, a cell line beside the
   caption, "mosquito cells") to outweigh labels read as human genes: one mention in a
   caption ("no PERK-like pathway has been found in plants") does not.
2. the nomenclature of the labels (:mod:`pfocr.species.nomenclature`): two or more worm
   or yeast names. Mouse style (``Stat1``) only breaks a tie between named hosts: human
   figures write ``Smad2`` and ``Xbp1`` too (on the PMC dev figures, two figures written
   mostly in mouse style are human figures, curated so).
3. the genes: two or more labels read as human genes, with no other host named, make
   the host *Homo sapiens*; so does a group that holds humans ("mammalian").
4. a figure with fewer genes that names a virus: *Homo sapiens*, unless the hosts NCBI
   records for every virus it names leave humans out (the murine hepatitis virus's are
   "vertebrates": such a figure has no host, and its first organism is the virus).

A host that is no vertebrate (an insect, a worm, yeast, a plant, an organism NCBI does
not know) means the figure's labels are not read as human genes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from pfocr.species import taxonomy
from pfocr.species.detect import ABOUT, Named, NameMention
from pfocr.species.models import Organism
from pfocr.species.nomenclature import Nomenclature

__all__ = ["DECISIVE_POINTS", "MIN_GENES", "SOURCE_POINTS", "SpeciesCall", "decide_host"]

#: Points for a host's name in each source (figure text names what a figure shows, not
#: its host; a cell line counts wherever it is printed).
SOURCE_POINTS = {"paper": 3.0, "title": 3.0, "caption": 2.0}
_CELL_LINE_POINTS = 2.0
_CELLS_POINTS = 1.0
_PARASITES = frozenset({"protist", "fungus"})
# a title's "Porcine Enteric Coronaviruses" says whose infection the paper studies
_TITLES = frozenset({"paper", "title"})
_MIN_STYLE = 2
#: points a host that is no vertebrate needs to outweigh labels read as human genes
DECISIVE_POINTS = 3.0
#: labels read as human genes that make a figure human when no host is named
MIN_GENES = 2
_WORM = 6239  # Caenorhabditis elegans
_YEAST = 4932  # Saccharomyces cerevisiae


@dataclass(frozen=True)
class SpeciesCall:
    """The organisms of a figure and what they mean for gene recognition."""

    #: the host first, then the other organisms the figure draws, then those only named
    organisms: tuple[Organism, ...]
    host: Organism | None = None
    #: the host is no vertebrate: the labels are not read as human genes
    nonvertebrate: bool = False
    #: a virus or bacterium is named
    pathogen: bool = False

    @property
    def taxids(self) -> tuple[int, ...]:
        """Taxonomy ids found."""
        return tuple(o.taxid for o in self.organisms)

    @property
    def animal_host(self) -> bool:
        """The host that is no vertebrate is an animal (a clam, a worm, an insect)."""
        return self.nonvertebrate and self.host is not None and self.host.group == "invertebrate"

    @property
    def nonmammalian(self) -> bool:
        """The recogniser's name for :attr:`nonvertebrate`."""
        return self.nonvertebrate

    @property
    def organisms_ner(self) -> tuple[Organism, ...]:
        """The organisms whose genes the figure draws, the host first."""
        return tuple(o for o in self.organisms if o.draws)


def _name(taxid: int, printed: str) -> str:
    node = taxonomy.lookup(taxid) if taxid else None
    return node.name if node is not None else printed


def _group(taxid: int) -> str:
    node = taxonomy.lookup(taxid) if taxid else None
    return node.group if node is not None else "unknown"


def _points(m: NameMention) -> float:
    base = _CELL_LINE_POINTS if m.how == "cell line" else SOURCE_POINTS.get(m.source, 0.0)
    return base + (_CELLS_POINTS if m.cells else 0.0)


def _host_names(named: Named) -> dict[int, tuple[float, NameMention]]:
    scores: dict[int, tuple[float, NameMention]] = {}
    for m in named.mentions:
        group = _group(m.taxid)
        if m.compared or group not in taxonomy.HOST_GROUPS:
            continue
        if m.of_pathogen and (m.source not in _TITLES or group in _PARASITES):
            continue  # a caption's "avian leucosis virus" names a virus, not the host
        if m.treatment:
            continue  # "Houttuynia cordata and its bioactive compound" treats the host
        if m.source not in ABOUT and m.how != "cell line":
            continue  # figure text names organisms the figure shows, not its host
        if named.host_immune and group in _PARASITES:
            continue
        points, first = scores.get(m.taxid, (0.0, m))
        scores[m.taxid] = (points + _points(m), first)
    # a group named beside one of its members counts for the member
    for taxid in list(scores):
        node = taxonomy.lookup(taxid)
        if node is None:
            continue
        inner = [t for t in scores if t != taxid and (n := taxonomy.lookup(t)) and n.within(taxid)]
        if inner:
            best = max(inner, key=lambda t: scores[t][0])
            scores[best] = (scores[best][0] + scores[taxid][0], scores[best][1])
            del scores[taxid]
    return scores


def _by_names(
    scores: dict[int, tuple[float, NameMention]], style: Nomenclature, genes: int | None
) -> tuple[int, str, float] | None:
    if not scores:
        return None
    human_style = style.human >= style.mouse

    def rank(taxid: int) -> tuple[float, int, int]:
        node = taxonomy.lookup(taxid)
        specific = 1 if node is not None and node.rank in ("species", "subspecies") else 0
        tie = 1 if (taxid == taxonomy.HUMAN) == human_style else 0
        return scores[taxid][0], specific, tie

    best = max(scores, key=rank)
    if _group(best) not in taxonomy.VERTEBRATE_GROUPS:
        # a vertebrate named beside another host (fly S2 cells and human HeLa cells):
        # the labels are read as the vertebrate's genes
        vertebrates = [t for t in scores if _group(t) in taxonomy.VERTEBRATE_GROUPS]
        if vertebrates:
            best = max(vertebrates, key=rank)
    points, first = scores[best]
    evidence = f"{first.source}: {first.text}"
    node = taxonomy.lookup(best)
    holds_human = node is not None and node.rank not in ("species", "subspecies")
    if holds_human and _holds(best, taxonomy.HUMAN) and (genes is None or genes >= MIN_GENES):
        return (
            taxonomy.HUMAN,
            f"{evidence} (a group holding humans; labels read as human genes)",
            points,
        )
    return best, evidence, points


def _holds(group: int, taxid: int) -> bool:
    node = taxonomy.lookup(taxid)
    return node is not None and node.within(group)


def _by_style(style: Nomenclature) -> tuple[int, str, float] | None:
    if style.worm >= _MIN_STYLE and style.worm > style.yeast:
        return _WORM, f"nomenclature: {style.worm} names in worm style (daf-16)", DECISIVE_POINTS
    if style.yeast >= _MIN_STYLE:
        return _YEAST, f"nomenclature: {style.yeast} names in yeast style (Ste5p)", DECISIVE_POINTS
    return None


def _by_virus(named: Named) -> tuple[int, str, float] | None:
    viruses = [
        m for m in named.mentions if m.taxid and m.source in ABOUT and _group(m.taxid) == "virus"
    ]
    taxids = {m.taxid for m in viruses}
    # the most specific viruses named: not "viral", nor a family beside one of its members
    specific = [
        m
        for m in viruses
        if not any(_holds(m.taxid, t) for t in taxids if t != m.taxid)
        and m.taxid != taxonomy.VIRUSES
    ]
    for m in specific:
        hosts = taxonomy.hosts(m.taxid)
        if not hosts or "human" in hosts:
            known = "a virus of humans" if hosts else "no host recorded for it"
            return taxonomy.HUMAN, f"{m.source}: {m.text} ({known}; no host named)", 0.0
    return None


def _weak_host(scores: dict[int, tuple[float, NameMention]]) -> tuple[int, str, float] | None:
    """A host named only once in a caption, for a figure with too few genes to say."""
    if not scores:
        return None
    best = max(scores, key=lambda t: scores[t][0])
    points, first = scores[best]
    return best, f"{first.source}: {first.text}", points


def decide_host(
    named: Named,
    style: Nomenclature,
    genes: int | None = None,
    drawn: Sequence[tuple[int, str]] = (),
) -> SpeciesCall:
    """Weigh the evidence for a figure's host and list its organisms.

    :param named: the organism names in the figure's texts
    :param style: the nomenclature of its labels
    :param genes: how many labels were read as human genes (None before recognition)
    :param drawn: organisms whose proteins the figure's labels name, with the label
    :returns: the call
    """
    scores = _host_names(named)
    chosen = _by_names(scores, style, genes) or _by_style(style)
    if chosen is not None and _group(chosen[0]) not in taxonomy.VERTEBRATE_GROUPS:
        weak = chosen[2] < DECISIVE_POINTS
        if weak and (genes is None or genes >= MIN_GENES):
            chosen = None  # labels read as human genes outweigh one caption mention
    from_genes = False
    if chosen is None and genes is not None and genes >= MIN_GENES:
        note = f"; {style.mouse} in mouse style" if style.mouse > style.human else ""
        text = f"genes: {genes} labels read as human genes{note}, no other host named"
        chosen = taxonomy.HUMAN, text, 0.0
        from_genes = True
    if chosen is None and genes is not None:
        chosen = _by_virus(named) or _weak_host(scores)
    host = None
    if chosen is not None:
        taxid, evidence, _ = chosen
        printed = next((m.text for m in named.mentions if m.taxid == taxid), str(taxid))
        host = Organism(taxid, _name(taxid, printed), evidence, "host", _group(taxid))
    organisms = _listed(host, named, drawn)
    nonvertebrate = (
        host is not None and not from_genes and host.group not in taxonomy.VERTEBRATE_GROUPS
    )
    pathogen = any(_group(m.taxid) in ("virus", "bacterium") for m in named.mentions)
    return SpeciesCall(organisms, host, nonvertebrate, pathogen)


def _listed(
    host: Organism | None, named: Named, drawn: Iterable[tuple[int, str]]
) -> tuple[Organism, ...]:
    out: dict[int, Organism] = {}
    if host is not None:
        out[host.taxid] = host
    named_families: dict[int, int] = {}  # family -> its most specific named member
    for m in named.mentions:
        family = taxonomy.family_of(m.taxid) if m.taxid else None
        if family is not None and (
            family not in named_families or _depth(m.taxid) > _depth(named_families[family])
        ):
            named_families[family] = m.taxid
    for taxid, label in drawn:
        # a protein the tables file under one virus is the named virus's of its family
        # (pp1a is SARS-CoV-2's in the table, the murine hepatitis virus's in an MHV
        # figure); with no virus of its family named, the table's guess is not listed
        family = taxonomy.family_of(taxid)
        if family is None or family not in named_families:
            continue
        taxid = named_families[family]
        if taxid not in out:
            out[taxid] = Organism(
                taxid, _name(taxid, label), f"label: {label}", "drawn", _group(taxid)
            )
    for m in named.mentions:
        if m.of_pathogen and m.taxid not in out:
            continue  # "avian" in "avian leucosis virus": the virus is listed
        group = _group(m.taxid)
        role = "drawn" if m.source == "figure" and group in taxonomy.PATHOGEN_GROUPS else "named"
        key = m.taxid  # one organism NCBI does not know (taxid 0) at most
        if key in out:
            if role == "drawn" and out[key].role == "named":
                out[key] = replace(out[key], role="drawn")
            continue
        out[key] = Organism(m.taxid, _name(m.taxid, m.text), f"{m.source}: {m.text}", role, group)
    listed = [o for o in out.values() if not _holds_another(o, out)]
    ordered = sorted(listed, key=lambda o: ("host", "drawn", "named").index(o.role))
    return tuple(ordered)


def _depth(taxid: int) -> int:
    node = taxonomy.lookup(taxid)
    return len(node.lineage) if node is not None else 0


def _holds_another(organism: Organism, listed: dict[int, Organism]) -> bool:
    """A group ("viruses", "mammalian") is not listed beside one of its members."""
    if organism.role == "host" or not organism.taxid:
        return False
    node = taxonomy.lookup(organism.taxid)
    if node is None or node.species != node.taxid:
        return False  # a species' strain or serotype is no group
    return any(
        other != organism.taxid
        and (n := taxonomy.lookup(other)) is not None
        and n.within(organism.taxid)
        for other in listed
    )
