"""GMT export: one line per figure, ``figid<TAB>title<TAB>SYMBOL...`` (DESIGN §5)."""

from __future__ import annotations

from collections.abc import Iterator

from pfocr.store import Store

__all__ = ["clean_field", "gmt_lines"]


def clean_field(text: str | None) -> str:
    """Make a text safe for one TSV/GMT field (no tabs or line breaks).

    :param text: the text
    :returns: the text on one line
    """
    return " ".join((text or "").split())


def gmt_lines(store: Store, min_genes: int = 3, expand_families: bool = False) -> Iterator[str]:
    """Yield GMT lines of the stored gene sets (families only added when asked).

    :param store: the store
    :param min_genes: leave out sets with fewer genes (after any family expansion)
    :param expand_families: add the member genes of the figure's family mentions
    :yields: lines without a trailing newline
    """
    sets = store.gene_sets(min_genes=1 if expand_families else min_genes)
    for gs in sets:
        genes = set(gs.genes)
        if expand_families:
            for fam in store.family_mentions(gs.figid):
                genes.update(fam.members)
        if len(genes) < min_genes:
            continue
        yield "\t".join([gs.figid, clean_field(gs.title) or gs.figid, *sorted(genes)])
