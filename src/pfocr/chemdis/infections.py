"""An organism's infection, named as printed: ``DENV2 infection`` is dengue,
``PRRSV infection`` porcine reproductive and respiratory syndrome, ``arenavirus
infection`` an arenaviridae infection.

MeSH names infections by the disease (Dengue, Hepatitis B) or by the taxon (Coronavirus
Infections, Arenaviridae Infections), rarely by the abbreviations figures print. The
organism before ``infection`` is resolved to its NCBI taxon, and the disease is looked up
by the names of the taxon and of its ancestors up to its family: the species' name
without ``virus`` (dengue virus type 2: dengue), ``<name> infection``, and a genus named
with a Greek-letter prefix by its older name (Gammacoronavirus: Coronavirus Infections,
as MeSH's headings predate ICTV's prefixed genera).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from pfocr.chemdis.names import choose
from pfocr.chemdis.vocabulary import Vocabulary
from pfocr.species import resolve_name
from pfocr.species.taxonomy import lookup

__all__ = ["infection_of", "organism_before", "organism_taxid"]

_ANY_VIRUS = 10239
_STRIP = "()[],;:"
_VIRUS = re.compile(r"\s+virus(?:\s+(?:type\s+)?\S+)?$", re.IGNORECASE)
_GREEK = re.compile(r"^(?:alpha|beta|gamma|delta|epsilon)(?=[a-z]{4,}virus$)", re.IGNORECASE)
_LAST_RANK = "family"


def organism_taxid(text: str) -> int | None:
    """The taxon an organism's name printed before "infection" names (``DENV2``,
    ``HEV``, ``arenavirus``, ``Hepatitis B virus``), more specific than "virus".

    :param text: the name
    :returns: the taxid, or None
    """
    name = " ".join(text.strip(_STRIP).split())
    if not name:
        return None
    bare = name.rstrip("0123456789-")
    for form in (name, bare, name[:1].upper() + name[1:]):
        taxid = resolve_name(form) if form else None
        if taxid is not None:
            return None if taxid == _ANY_VIRUS else taxid
    if name.casefold().endswith("virus") and len(name) > 5:  # genus -virus, family -viridae
        taxid = resolve_name(name[:1].upper() + name[1:-5].casefold() + "viridae")
        return None if taxid in (None, _ANY_VIRUS) else taxid
    return None


def organism_before(words: Sequence[str]) -> tuple[int, int] | None:
    """The organism the last one to three of ``words`` name, longest first.

    :param words: the words before "infection", in order
    :returns: (how many words, taxid), or None
    """
    for m in (3, 2, 1):
        if len(words) >= m:
            taxid = organism_taxid(" ".join(words[-m:]))
            if taxid is not None:
                return m, taxid
    return None


def _forms(name: str) -> list[str]:
    forms = [name, f"{name} infection"]
    stem = _VIRUS.sub("", name)
    if stem != name:
        forms += [stem, f"{stem} infection"]
    older = _GREEK.sub("", name)
    if older != name:
        forms.append(f"{older[:1].upper()}{older[1:]} infection")
    return forms


@functools.lru_cache(maxsize=4096)
def _infection(vocab: Vocabulary, taxid: int) -> str | None:
    node = lookup(taxid)
    if node is None:
        return None
    for ancestor in node.lineage:
        taxon = lookup(ancestor)
        if taxon is None:
            return None
        for form in _forms(taxon.name):
            choice = choose(vocab, form, {})
            if choice is None or choice.ambiguous or choice.name.label:
                continue
            if vocab.concept(choice.name.concept).kind == "disease":
                return choice.name.concept
        if taxon.rank == _LAST_RANK:
            return None
    return None


def infection_of(vocab: Vocabulary, taxid: int) -> str | None:
    """The disease an infection by an organism is, if the vocabulary names it.

    :param vocab: the vocabulary
    :param taxid: the organism
    :returns: the disease's concept id, or None
    """
    return _infection(vocab, taxid)
