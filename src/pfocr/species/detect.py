"""Find the organisms named in a figure's title, caption, paper title and text.

Three finders, over each text:

- the compiled name table (:mod:`pfocr.species.names`: scientific and common names,
  aliases, cell lines), with an Aho-Corasick automaton; a lower-case name matches in any
  case, a name with capitals only as written; of overlapping names the longest wins
  (``murine hepatitis virus`` is a virus, not a mouse);
- Latin binomials (``Isatis indigotica``) looked up in the whole NCBI Taxonomy; a
  binomial the taxonomy lacks still counts when its genus is a known genus, or when both
  words are no English words and the second has a Latin ending;
- abbreviated binomials (``I. indigotica``): the binomial written out elsewhere in the
  figure's texts, else the table's abbreviation.

A name that only says where a gene was first found ("WIPI proteins (yeast Atg18
homolog)") is kept but marked as a comparison: it is no evidence of the figure's host.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import ahocorasick
from wordfreq import zipf_frequency

from pfocr.species import taxonomy
from pfocr.species.names import NameEntry, load_names

__all__ = ["NameMention", "Named", "find_names", "resolve_name"]

# ... a name followed by "homolog" ("yeast Atg18 homolog")
_COMPARISON = re.compile(
    r"^\W*(?:\w+\W+){0,2}?(?:homolog|homologue|ortholog|orthologue|counterpart)s?\b"
)
# ... or following one ("the mammalian homolog of yeast Atg1")
_COMPARED = re.compile(
    r"\b(?:homolog|homologue|ortholog|orthologue|counterpart)s?\s+(?:of|in|to)\s+(?:the\s+)?$"
)
# a name that modifies a pathogen's name ("plant viruses", "Avian leucosis virus", "bat
# coronaviruses"): the pathogen is named, the organism only says whose it is
_PATHOGEN_WORD = re.compile(
    r"^(?:virus(?:es)?|viral|\w*viruses?|pathogens?|bacteri(?:a|um|al)|phages?|parasites?)$",
    re.IGNORECASE,
)
_NOT_A_MODIFIER = frozenset(
    {"cell", "cells", "infected", "with", "by", "and", "or", "of", "in", "the", "a", "an", "to"}
)
_MODIFIER_SPAN = 3
# an organism named as the source of a treatment ("Houttuynia cordata Thunb. and its
# bioactive compound", "ginseng extract", "a Streptomyces-derived drug")
_TREATMENT = re.compile(
    r"^\W*(?:[\w.'-]+\W+){0,5}?(?:extracts?|(?:bio)?active\s+compounds?|compounds?|constituents?"
    r"|decoctions?|polysaccharides?|saponins?|derived)\b",
    re.IGNORECASE,
)
# a parasite or fungus named as the cause of a disease ("P. falciparum malaria",
# "Candida infection"): a pathogen, like a virus, not the figure's host
_DISEASE = re.compile(
    r"^[\s-]+(?:malaria|infections?|infected|diseases?|parasitemia|toxoplasmosis|candidiasis"
    r"|aspergillosis|leishmaniasis)\b",
    re.IGNORECASE,
)
_PARASITE_GROUPS = frozenset({"protist", "fungus"})
# a name followed by "cells" ("mosquito C6/36 cells", "Drosophila S2 cells")
_CELLS = re.compile(r"^(?:\s+[\w/-]+)?\s+cells?\b")
# immune cells of a host: a figure about a parasite or a fungus that names them draws
# the host's response (dendritic cells parasitized by Toxoplasma, Dectin-1 and Candida)
_HOST_IMMUNE = re.compile(
    r"\b(?:(?i:dendritic|macrophages?|monocytes?|neutrophils?|lymphocytes?|inflammasome"
    r"|cytokines?)|DCs?|T[- ]cells?|TLRs?)\b"
)
_BINOMIAL = re.compile(r"(?<![\w.-])([A-Z][a-z]{2,})[ \u00a0]+([a-z]{3,})(?![\w-])")
_ABBREVIATED = re.compile(r"(?<![\w.-])([A-Z])\.[ \u00a0]?([a-z]{3,})(?![\w-])")
_LATIN_ENDING = re.compile(
    r"(?:a|ae|um|us|is|ii|i|ensis|ica|icus|oides|ata|atus|ans|ens|ix|ex|or|alis|ina)$"
)
# where a name is evidence of what the figure is about (figure text only mentions)
ABOUT = frozenset({"title", "caption", "paper"})
# cell-line names shorter than this count only when "cells" follows (``S2 cells``)
_SHORT_CELL_LINE = 4
_ENGLISH = 2.0


@dataclass(frozen=True)
class NameMention:
    """One organism name found in one of a figure's texts."""

    taxid: int
    #: the name as printed
    text: str
    #: title, caption, paper, figure (or query)
    source: str
    #: scientific, common, alias, cell line, binomial, abbreviation, ...
    how: str
    #: "cells" follows the name
    cells: bool = False
    #: the name only says where a gene was first found ("yeast Atg18 homolog")
    compared: bool = False
    #: the name says whose pathogen is named ("plant viruses", "Avian leucosis virus"),
    #: or names a parasite as the cause of a disease ("P. falciparum malaria")
    of_pathogen: bool = False
    #: the organism is named as the source of a treatment ("X and its bioactive compound")
    treatment: bool = False


@dataclass(frozen=True)
class Named:
    """Every organism name a figure's texts hold."""

    mentions: tuple[NameMention, ...]
    #: the title, caption or paper names immune cells of a host
    host_immune: bool = False


@dataclass(frozen=True)
class _Index:
    """The compiled name table, ready to search."""

    automaton: ahocorasick.Automaton
    abbreviations: dict[str, int]
    by_name: dict[str, int]


@functools.lru_cache(maxsize=1)
def _index() -> _Index:
    entries = load_names()
    auto = ahocorasick.Automaton()
    by_text: dict[str, list[NameEntry]] = {}
    for e in entries:
        if e.how != "abbreviation":  # found by the abbreviation finder
            by_text.setdefault(e.text.lower(), []).append(e)
    for low, group in by_text.items():
        auto.add_word(low, (len(low), tuple(group)))
    auto.make_automaton()
    abbreviations = {e.text.replace(" ", ""): e.taxid for e in entries if e.how == "abbreviation"}
    by_name: dict[str, int] = {}
    for e in entries:
        by_name.setdefault(e.text.lower(), e.taxid)
    return _Index(auto, abbreviations, by_name)


def _english(word: str) -> bool:
    return zipf_frequency(word.lower(), "en") >= _ENGLISH


def _table_hits(text: str) -> list[tuple[int, int, NameEntry]]:
    """Longest non-overlapping table names at word boundaries, as (start, end, entry)."""
    low = text.lower()
    found: list[tuple[int, int, NameEntry]] = []
    for end, (length, group) in _index().automaton.iter(low):
        start = end - length + 1
        before = low[start - 1] if start > 0 else " "
        after = low[end + 1] if end + 1 < len(low) else " "
        if before.isalnum() or after.isalnum():
            continue
        printed = text[start : end + 1]
        for e in group:
            if not e.exact_case or printed == e.text:
                found.append((start, end + 1, e))
                break
    found.sort(key=lambda h: (-(h[1] - h[0]), h[0]))
    kept: list[tuple[int, int, NameEntry]] = []
    for hit in found:
        if all(hit[1] <= k[0] or hit[0] >= k[1] for k in kept):
            kept.append(hit)
    return sorted(kept, key=lambda h: h[0])


def _binomial(genus: str, epithet: str) -> tuple[int, str] | None:
    """The taxid of a Latin binomial, and how it was known; None when it is no name."""
    taxid = taxonomy.find_scientific(f"{genus} {epithet}")
    if taxid is not None:
        return taxid, "binomial"
    if _english(epithet) or not _LATIN_ENDING.search(epithet):
        return None
    genus_id = taxonomy.find_scientific(genus)
    node = taxonomy.lookup(genus_id) if genus_id is not None else None
    if node is not None and node.rank == "genus" and not _english(genus):
        return genus_id or 0, "binomial of a known genus"
    if node is None and not _english(genus) and _LATIN_ENDING.search(genus.lower()):
        return 0, "binomial not in NCBI Taxonomy"
    return None


def _modifies_pathogen(after: str) -> bool:
    for word in re.findall(r"[\w']+", after)[:_MODIFIER_SPAN]:
        if _PATHOGEN_WORD.match(word):
            return True
        if word.lower() in _NOT_A_MODIFIER:
            return False
    return False


def _mention(text: str, start: int, end: int, source: str, taxid: int, how: str) -> NameMention:
    after, before = text[end:], text[:start]
    compared = bool(_COMPARISON.match(after) or _COMPARED.search(before))
    node = taxonomy.lookup(taxid) if taxid else None
    pathogen = node is not None and node.group in taxonomy.PATHOGEN_GROUPS
    of_pathogen = not pathogen and _modifies_pathogen(after)
    if node is not None and node.group in _PARASITE_GROUPS and _DISEASE.match(after):
        of_pathogen = True
    cells = bool(_CELLS.match(after))
    treatment = bool(_TREATMENT.match(after))
    printed = text[start:end]
    return NameMention(taxid, printed, source, how, cells, compared, of_pathogen, treatment)


def _in_text(text: str, source: str, written: dict[str, int]) -> Iterable[NameMention]:
    spans: list[tuple[int, int]] = []
    found: list[tuple[int, NameMention]] = []
    for m in _BINOMIAL.finditer(text):  # first: "Bombyx imaginarius" is more than "Bombyx"
        known = _binomial(m.group(1), m.group(2))
        if known is not None:
            written[f"{m.group(1)[0]}.{m.group(2)}"] = known[0]
            spans.append((m.start(), m.end()))
            found.append((m.start(), _mention(text, m.start(), m.end(), source, *known)))
    for start, end, entry in _table_hits(text):
        if any(start < e and end > s for s, e in spans):
            continue
        short = entry.how == "cell line" and len(entry.text) < _SHORT_CELL_LINE
        mention = _mention(text, start, end, source, entry.taxid, entry.how)
        if not short or mention.cells:
            found.append((start, mention))
    return [m for _, m in sorted(found, key=lambda f: f[0])]


def _abbreviated(text: str, source: str, written: dict[str, int]) -> Iterable[NameMention]:
    table = _index().abbreviations
    for m in _ABBREVIATED.finditer(text):
        key = f"{m.group(1)}.{m.group(2)}"
        taxid = written.get(key, table.get(key))
        if taxid is not None:
            yield _mention(text, m.start(), m.end(), source, taxid, "abbreviation")


def find_names(sources: Mapping[str, str | None]) -> Named:
    """Find every organism name in a figure's texts.

    :param sources: e.g. ``{"title": ..., "caption": ..., "paper": ..., "figure": <OCR>}``
    :returns: the names, in the order of the sources and of the text
    """
    written: dict[str, int] = {}
    mentions: list[NameMention] = []
    texts = [(where, text) for where, text in sources.items() if text]
    for where, text in texts:
        mentions.extend(_in_text(text, where, written))
    for where, text in texts:
        mentions.extend(_abbreviated(text, where, written))
    immune = any(where in ABOUT and _HOST_IMMUNE.search(text) for where, text in texts)
    return Named(tuple(mentions), immune)


def resolve_name(text: str) -> int | None:
    """The taxid of one organism name as a person types it (``human``, ``Mus musculus``,
    ``SARS-CoV-2``), or None.

    :param text: the name
    :returns: the taxid
    """
    clean = " ".join(text.split())
    if clean.isdigit():
        return int(clean)
    found = _index().by_name.get(clean.lower())
    return found if found is not None else taxonomy.find_scientific(clean)
