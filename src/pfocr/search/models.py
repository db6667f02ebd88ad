"""Search records: one matching figure, one page of matches."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass
from typing import Any, overload

__all__ = ["SearchHit", "SearchResults"]


@dataclass(frozen=True)
class SearchHit:
    """A figure matching a search.

    ``genes`` are the query genes (all of them: genes are ANDed); ``snippet`` is the best
    matching passage of the title, caption or paper title with matches in ``[...]``
    when the search has text, else the start of the caption; ``score`` is FTS5's bm25
    rank (lower is better) when the search has text.
    """

    figid: str
    title: str
    pmcid: str | None
    year: int | None
    organisms: tuple[str, ...]
    genes: tuple[str, ...]
    n_genes: int
    snippet: str
    score: float | None

    def to_dict(self) -> dict[str, Any]:
        """Return the hit as plain JSON-ready data.

        :returns: a dict
        """
        out = asdict(self)
        out["organisms"] = list(self.organisms)
        out["genes"] = list(self.genes)
        return out


@dataclass(frozen=True)
class SearchResults(Sequence[SearchHit]):
    """One page of search results (a sequence of hits) and the total number of matches.

    ``genes`` are the symbols searched (after mapping), ``renamed`` the inputs mapped to
    another symbol and ``unknown`` the inputs no figure holds (an AND with them matches
    nothing).
    """

    hits: tuple[SearchHit, ...]
    total: int
    limit: int
    offset: int
    genes: tuple[str, ...] = ()
    renamed: tuple[tuple[str, str], ...] = ()
    unknown: tuple[str, ...] = ()

    @overload
    def __getitem__(self, index: int) -> SearchHit: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[SearchHit, ...]: ...

    def __getitem__(self, index: int | slice) -> SearchHit | tuple[SearchHit, ...]:
        return self.hits[index]

    def __len__(self) -> int:
        return len(self.hits)

    def __iter__(self) -> Iterator[SearchHit]:
        return iter(self.hits)

    def to_dict(self) -> dict[str, Any]:
        """Return the page as plain JSON-ready data (the CLI's ``--json``).

        :returns: a dict
        """
        return {
            "total": self.total,
            "limit": self.limit,
            "offset": self.offset,
            "genes": list(self.genes),
            "renamed": [list(pair) for pair in self.renamed],
            "unknown": list(self.unknown),
            "hits": [h.to_dict() for h in self.hits],
        }
