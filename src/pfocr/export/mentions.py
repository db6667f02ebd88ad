"""Mentions export: every gene, chemical and disease mention with its text, rule,
confidence and box (TSV)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from pfocr.export.gmt import clean_field
from pfocr.store import Store

__all__ = ["MENTION_COLUMNS", "mentions_tsv"]

MENTION_COLUMNS = (
    "figid", "text", "symbol", "hgnc_id", "rule", "confidence", "box", "accepted",
    "kind", "concept", "name", "source",
)  # fmt: skip


def mentions_tsv(store: Store, figids: Iterable[str] | None = None) -> Iterator[str]:
    """Yield the mentions TSV, header first; ``box`` is ``x,y`` corner pairs joined by ``;``.

    Gene mentions come first in each figure (``kind`` gene, ``concept`` the HGNC id), then
    chemicals and diseases (``kind`` chemical or disease, ``concept`` the MeSH id, no
    symbol; a caption or title mention has no box).

    :param store: the store
    :param figids: only these figures (all when None)
    :yields: lines without a trailing newline
    """
    yield "\t".join(MENTION_COLUMNS)
    for figid in figids if figids is not None else store.figure_ids():
        for m in store.mentions(figid):
            box = ";".join(f"{x:.0f},{y:.0f}" for x, y in m.box)
            yield "\t".join(
                [
                    figid,
                    clean_field(m.text),
                    m.symbol,
                    m.hgnc_id,
                    m.rule,
                    f"{m.confidence:.3f}",
                    box,
                    "1" if m.accepted else "0",
                    "gene",
                    m.hgnc_id,
                    m.symbol,
                    "figure",
                ]
            )
        for c in store.chemicals(figid):
            box = ";".join(f"{x:.0f},{y:.0f}" for x, y in c.box) if c.box else ""
            yield "\t".join(
                [figid, clean_field(c.text), "", "", c.rule, f"{c.confidence:.3f}", box, "1",
                 c.kind, c.concept, clean_field(c.name), c.source]
            )  # fmt: skip
