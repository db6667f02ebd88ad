"""What the recogniser knows before it sees a figure, built once per lexicon.

:class:`Knowledge` holds the lexicon, the settings and the curated tables, plus the
indexes derived from them: gene groups (HGNC groups, FamPlex families, and numbered
stems such as IRAK1..4), numbered-family stems, the first words of multi-word names.
:class:`Scene` is one figure: its words, its context and the reader of its labels.
Both are frozen: a pass reads them and changes only the readings it is given.
"""

from __future__ import annotations

import itertools
import logging
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from pfocr.bulk import gc_paused
from pfocr.lexicon import Lexicon, Term, norm_key
from pfocr.ocr.models import Box, Word
from pfocr.recognize.config import RecognizerConfig
from pfocr.recognize.context import FigureContext
from pfocr.recognize.curated import Curated
from pfocr.recognize.scoring import GeneScore
from pfocr.recognize.trail import Hit

__all__ = [
    "NAME_STATUSES",
    "Knowledge",
    "common_word",
    "covered",
    "ends_item",
    "figure_keys",
    "stem_label",
    "union_box",
    "word_above",
]

logger = logging.getLogger(__name__)

# groups and families bigger than this say little about co-membership
_MAX_GROUP = 60
# approved symbols made of a stem and a number: IRAK1..4 make "IRAK" a family label
_NUMBERED = re.compile(r"^(?P<stem>[A-Z][A-Z0-9]*?[A-Z])(?P<num>\d{1,2})$")
#: The statuses of a reading by name.
NAME_STATUSES = ("name", "alias_name", "prev_name", "curated")


@dataclass(frozen=True)
class Knowledge:
    """The lexicon, settings, curated tables and their derived indexes."""

    lexicon: Lexicon
    config: RecognizerConfig
    curated: Curated
    extra: Mapping[str, tuple[Term, ...]]
    approved_upper: frozenset[str]
    nonhuman_folded: Mapping[str, str]
    groups: Mapping[str, frozenset[str]]
    prefix_families: Mapping[str, tuple[str, tuple[str, ...]]]
    name_starts: frozenset[str]
    # filled on first use (every key of every gene); the mapping object never changes
    _gene_keys: dict[str, set[str]] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def build(cls, lexicon: Lexicon, config: RecognizerConfig, curated: Curated) -> Knowledge:
        """Derive the indexes from a lexicon and the curated tables."""
        with gc_paused():  # a few hundred thousand entries and no cycles among them
            return cls._build(lexicon, config, curated)

    @classmethod
    def _build(cls, lexicon: Lexicon, config: RecognizerConfig, curated: Curated) -> Knowledge:
        extra: dict[str, tuple[Term, ...]] = defaultdict(tuple)
        for text, symbol in curated.protein_names:
            gene = lexicon.by_symbol.get(symbol)
            if gene is None:
                logger.warning("curated name %s -> unknown symbol %s", text, symbol)
                continue
            key = norm_key(text)
            term = Term(key, text, "HGNC", gene.hgnc_id, "curated", "pfocr")
            extra[key] = (*extra[key], term)
        groups: dict[str, set[str]] = defaultdict(set)
        members_of: dict[str, list[str]] = defaultdict(list)
        for g in lexicon.genes.values():
            for grp in g.gene_groups:
                members_of[f"HGNC_GROUP:{grp}"].append(g.symbol)
        for fam in lexicon.families.values():
            members_of[fam.id].extend(fam.members)
        for gid, members in members_of.items():
            if 1 < len(members) <= _MAX_GROUP:
                for s in members:
                    groups[s].add(gid)
        # a stem is a family label when two approved symbols (IRAK1, IRAK4) or three genes
        # through any name (MKK3, MKK4, MKK6 ...) are the stem plus a number
        by_symbol: dict[str, set[str]] = defaultdict(set)
        by_name: dict[str, set[str]] = defaultdict(set)
        for terms in lexicon.terms.values():
            for t in terms:
                if t.db == "HGNC" and t.status in ("symbol", "alias", "curated", "previous"):
                    m = _NUMBERED.match(t.text)
                    if m:
                        stem = norm_key(m.group("stem"))
                        symbol = lexicon.genes[t.id].symbol
                        by_name[stem].add(symbol)
                        if t.status == "symbol":
                            by_symbol[stem].add(symbol)
        prefix_families = {
            k: (k.upper(), tuple(sorted(v)))
            for k, v in by_name.items()
            if (len(by_symbol[k]) >= 2 or len(v) >= 3)
            and k.upper() not in lexicon.by_symbol
            and _one_kind(lexicon, v)
        }
        # approved symbols that share a stem of three or more characters are a group too:
        # IRAK1 and IRAK4 are in no HGNC gene group and no FamPlex family, yet each backs
        # the other ("RAK1" beside IRAK4 is IRAK1 with its I lost)
        for k, symbols in by_symbol.items():
            if len(k) >= 3 and 1 < len(symbols) <= _MAX_GROUP:
                for s in symbols:
                    groups[s].add(f"STEM:{k.upper()}")
        # first words of genes' multi-word names, where a name printed on two lines starts
        name_starts = {
            t.text.split()[0].casefold()
            for terms in lexicon.terms.values()
            for t in terms
            if t.db == "HGNC" and t.status in NAME_STATUSES and " " in t.text.strip()
        } | {text.split()[0].casefold() for text, _ in curated.protein_names if " " in text}
        return cls(
            lexicon=lexicon,
            config=config,
            curated=curated,
            extra=dict(extra),
            approved_upper=frozenset(s.upper() for s in lexicon.by_symbol),
            nonhuman_folded={k.casefold(): v for k, v in curated.nonhuman.items()},
            groups={k: frozenset(v) for k, v in groups.items()},
            prefix_families=prefix_families,
            name_starts=frozenset(name_starts),
        )

    def lookup(self, key: str) -> tuple[Term, ...]:
        """The lexicon's terms for a key, curated protein names first."""
        extra = self.extra.get(key, ())
        return extra + self.lexicon.lookup(key) if extra else self.lexicon.lookup(key)

    def keys_of(self, hgnc_id: str) -> set[str]:
        """Every lookup key that names a gene (for caption evidence)."""
        if not self._gene_keys:
            index: dict[str, set[str]] = defaultdict(set)
            for key, terms in self.lexicon.terms.items():
                for t in terms:
                    if t.db == "HGNC" and t.status in ("symbol", "curated", "alias", "previous"):
                        index[t.id].add(key)
            for key, terms in self.extra.items():
                for t in terms:
                    index[t.id].add(key)
            self._gene_keys.update(index)
        return self._gene_keys.get(hgnc_id, set())

    def group_support(self, symbol: str, support: Mapping[str, int]) -> int:
        """How many accepted genes share a group with ``symbol``."""
        return sum(support.get(grp, 0) for grp in self.groups.get(symbol, ()))


_PRODUCTS = ("protein-coding gene", "other")


def _one_kind(lexicon: Lexicon, symbols: set[str]) -> bool:
    """Whether numbered genes make a family a figure can draw: genes of one kind (all
    microRNAs, all immunoglobulin segments), or two that make proteins. DISC1 and DISC2,
    a protein and a non-coding RNA, are no family: ``DISC`` on a figure is the
    death-inducing signalling complex."""
    kinds = {lexicon.by_symbol[s].locus_group for s in symbols}
    products = sum(1 for s in symbols if lexicon.by_symbol[s].locus_group in _PRODUCTS)
    return len(kinds) == 1 or products >= 2


def stem_label(text: str) -> bool:
    """Whether a label can name a numbered family by its stem: three letters or digits
    at least, and not all lower case (``OAS``, ``Dkk``, ``TLR``; not ``pH``, ``bat``)."""
    return sum(ch.isalnum() for ch in text) >= 3 and not text.islower()


def common_word(gene: GeneScore, zipf: float = 4.0) -> bool:
    """Whether scoring marked this reading as an English word at least this common
    (Zipf 4: ten in a million words, "mice"; "rel" at 3.1 is an abbreviation)."""
    return any(n.startswith("english ") and float(n.split()[1]) >= zipf for n in gene.notes)


def word_above(words: Sequence[Word], j: int) -> int | None:
    """The word printed just above word ``j``, centred over it, of a similar size."""
    bx0, by0, bx1, by1 = words[j].bbox
    cx, bh = (bx0 + bx1) / 2, by1 - by0
    best: tuple[float, int] | None = None
    for i, w in enumerate(words):
        if i == j:
            continue
        ax0, ay0, ax1, ay1 = w.bbox
        ah = ay1 - ay0
        gap = by0 - ay1
        if not (-0.5 * ah <= gap <= 0.8 * ah and 0.5 * ah <= bh <= 1.6 * ah):
            continue
        if not ax0 - 0.1 * (ax1 - ax0) <= cx <= ax1 + 0.1 * (ax1 - ax0):
            continue
        if best is None or gap < best[0]:
            best = (gap, i)
    return best[1] if best else None


def figure_keys(words: Sequence[Word], ctx: FigureContext) -> set[str]:
    """Lookup keys of the figure's words, of adjacent word pairs on one line, and of the
    caption and titles."""
    keys = set(ctx.keys)
    keys.update(norm_key(w.text) for w in words)
    for a, b in itertools.pairwise(words):
        if a.line == b.line:
            keys.add(norm_key(a.text + b.text))
    keys.discard("")
    return keys


def ends_item(word: Word) -> bool:
    """Whether a word ends with a list separator (``S,``): a label never runs past it."""
    return word.text.rstrip().endswith((",", ";"))


def covered(hits: Sequence[Hit]) -> dict[int, list[Hit]]:
    """The hits that cover each word index."""
    out: dict[int, list[Hit]] = defaultdict(list)
    for h in hits:
        for i in range(h.start, h.end):
            out[i].append(h)
    return out


def union_box(words: Sequence[Word]) -> Box:
    """The box around some words."""
    xs = [p[0] for w in words for p in w.box]
    ys = [p[1] for w in words for p in w.box]
    x0, y0, x1, y1 = min(xs), min(ys), max(xs), max(ys)
    return ((x0, y0), (x1, y0), (x1, y1), (x0, y1))
