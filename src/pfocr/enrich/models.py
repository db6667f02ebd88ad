"""Enrichment records: one ranked figure, what became of each input gene, the whole result."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass
from functools import cached_property
from typing import Any, overload

__all__ = ["EnrichmentResult", "EnrichmentRow", "GeneMapping", "GeneReport"]

#: ``GeneMapping.status`` values.
USED = "used"
OUTSIDE_BACKGROUND = "outside_background"
UNKNOWN = "unknown"
AMBIGUOUS = "ambiguous"
DUPLICATE = "duplicate"


@dataclass(frozen=True)
class GeneMapping:
    """How one input symbol was read.

    ``how`` says how it was mapped to an approved symbol: ``symbol`` (as given),
    ``case`` (up to case), ``previous`` or ``alias`` (an unambiguous former symbol or
    alias), ``ambiguous`` or ``unknown`` (not mapped). ``status`` says what the test did
    with it: ``used``, ``outside_background`` (mapped, but not a background gene),
    ``unknown``, ``ambiguous`` or ``duplicate`` (another input mapped to the same gene).
    """

    query: str
    symbol: str | None
    how: str
    status: str
    candidates: tuple[str, ...] = ()


@dataclass(frozen=True)
class GeneReport:
    """What became of the input genes: parallel tuples, one entry per non-blank input.

    :attr:`mappings` gives the same as :class:`GeneMapping` records (built on first use:
    a 500-gene query would otherwise spend half a millisecond making them).
    """

    queries: tuple[str, ...]
    symbols: tuple[str | None, ...]
    hows: tuple[str, ...]
    statuses: tuple[str, ...]
    candidates: tuple[tuple[str, ...], ...]

    @classmethod
    def from_mappings(cls, mappings: Iterable[GeneMapping]) -> GeneReport:
        """Collect mapping records into a report.

        :param mappings: the records, in input order
        :returns: the report
        """
        items = list(mappings)
        return cls(
            tuple(m.query for m in items),
            tuple(m.symbol for m in items),
            tuple(m.how for m in items),
            tuple(m.status for m in items),
            tuple(m.candidates for m in items),
        )

    @cached_property
    def mappings(self) -> tuple[GeneMapping, ...]:
        """One record per input, in input order.

        :returns: the records
        """
        return tuple(
            GeneMapping(*fields)
            for fields in zip(
                self.queries, self.symbols, self.hows, self.statuses, self.candidates, strict=True
            )
        )

    def __len__(self) -> int:
        return len(self.queries)

    @property
    def recognised(self) -> tuple[str, ...]:
        """The approved symbols the test used.

        :returns: symbols, in input order
        """
        return tuple(
            s for s, st in zip(self.symbols, self.statuses, strict=True) if st == USED and s
        )

    @property
    def unrecognised(self) -> tuple[str, ...]:
        """Inputs the test did not use (unknown, ambiguous or outside the background).

        :returns: the inputs as given
        """
        return self._queries_with(UNKNOWN, AMBIGUOUS, OUTSIDE_BACKGROUND)

    @property
    def unknown(self) -> tuple[str, ...]:
        """Inputs that name no gene (or several: see :attr:`ambiguous`).

        :returns: the inputs as given
        """
        return self._queries_with(UNKNOWN)

    @property
    def ambiguous(self) -> tuple[str, ...]:
        """Inputs that are a former symbol or alias of several genes.

        :returns: the inputs as given
        """
        return self._queries_with(AMBIGUOUS)

    @property
    def outside_background(self) -> tuple[str, ...]:
        """Inputs naming a gene outside the background (reported and ignored).

        :returns: the inputs as given
        """
        return self._queries_with(OUTSIDE_BACKGROUND)

    @property
    def renamed(self) -> tuple[tuple[str, str], ...]:
        """Inputs mapped to a different approved symbol (case, previous symbol, alias).

        :returns: ``(input, symbol)`` pairs
        """
        return tuple(
            (q, s)
            for q, s in zip(self.queries, self.symbols, strict=True)
            if s is not None and s != q
        )

    def _queries_with(self, *statuses: str) -> tuple[str, ...]:
        return tuple(q for q, st in zip(self.queries, self.statuses, strict=True) if st in statuses)


@dataclass(frozen=True)
class EnrichmentRow:
    """One figure's gene set tested against the query.

    ``overlap`` genes of the query are in the set (``genes``, sorted); ``set_size`` is
    the set's size within the background. ``p`` is the hypergeometric upper tail (it
    underflows to 0.0 below ~1e-308; ``log_p``, its natural log, stays exact).
    """

    figid: str
    title: str
    overlap: int
    set_size: int
    p: float
    fdr: float
    odds_ratio: float
    combined_score: float
    genes: tuple[str, ...]
    log_p: float

    def to_dict(self) -> dict[str, Any]:
        """Return the row as plain JSON-ready data.

        :returns: a dict
        """
        out = asdict(self)
        out["genes"] = list(self.genes)
        return out


@dataclass(frozen=True)
class EnrichmentResult(Sequence[EnrichmentRow]):
    """An enrichment: figures ranked by p (a sequence of rows) and how it was computed.

    ``query_size`` (n) is the number of distinct input genes in the background,
    ``background_size`` (N) the number of background genes, ``n_sets`` the number of
    figure gene sets tested (with at least one background gene), ``n_overlapping`` how
    many of them share a gene with the query; ``fdr_over`` is ``all`` (BH over every
    set) or ``overlapping`` (BH over the sets sharing a gene, as Enrichr and gseapy).
    """

    results: tuple[EnrichmentRow, ...]
    report: GeneReport
    query_size: int
    background_size: int
    n_sets: int
    n_overlapping: int
    fdr_over: str

    @overload
    def __getitem__(self, index: int) -> EnrichmentRow: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[EnrichmentRow, ...]: ...

    def __getitem__(self, index: int | slice) -> EnrichmentRow | tuple[EnrichmentRow, ...]:
        return self.results[index]

    def __len__(self) -> int:
        return len(self.results)

    def __iter__(self) -> Iterator[EnrichmentRow]:
        return iter(self.results)

    def to_dict(self) -> dict[str, Any]:
        """Return the result as plain JSON-ready data (the CLI's ``--json``).

        :returns: a dict with ``query`` (sizes, conventions, gene mapping) and ``results``
        """
        return {
            "query": {
                "query_size": self.query_size,
                "background_size": self.background_size,
                "n_sets": self.n_sets,
                "n_overlapping": self.n_overlapping,
                "fdr_over": self.fdr_over,
                "genes": [
                    {
                        "query": m.query,
                        "symbol": m.symbol,
                        "how": m.how,
                        "status": m.status,
                        "candidates": list(m.candidates),
                    }
                    for m in self.report.mappings
                ],
            },
            "results": [r.to_dict() for r in self.results],
        }
