"""Read user gene lists: approved symbols, up to case, former symbols and aliases.

The index knows a vocabulary (every symbol of its gene sets and background). An input
symbol is looked up as given first; then, with a resolver (the lexicon), mapped to its
approved symbol (case, previous symbol, alias naming one gene); then matched up to case
against the vocabulary (GMT files from elsewhere may use symbols the lexicon lacks).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Container, Iterable, Mapping
from typing import Protocol

from pfocr.enrich.models import (
    AMBIGUOUS,
    DUPLICATE,
    OUTSIDE_BACKGROUND,
    UNKNOWN,
    USED,
    GeneReport,
)
from pfocr.lexicon import SymbolMatch

__all__ = ["SymbolResolver", "map_symbols", "split_gene_text"]

logger = logging.getLogger(__name__)

_SEPARATORS = re.compile(r"[\s,;]+")


class SymbolResolver(Protocol):
    """Maps a user-supplied symbol to an approved one (:class:`pfocr.lexicon.Lexicon` is one)."""

    def resolve_symbol(self, text: str) -> SymbolMatch:
        """Map a symbol.

        :param text: the symbol as given
        :returns: the match
        """
        ...


def split_gene_text(texts: Iterable[str]) -> list[str]:
    """Split texts on whitespace, commas and semicolons; drop ``#`` comments and blanks.

    :param texts: lines or arguments (``"BIRC2, MAP3K14"`` gives two symbols)
    :returns: the symbols, in order
    """
    out: list[str] = []
    for text in texts:
        body = text.split("#", 1)[0]
        out.extend(s for s in _SEPARATORS.split(body) if s)
    return out


def map_symbols(
    genes: Iterable[str],
    known: Container[str],
    upper: Mapping[str, str],
    background: Container[str] | None,
    resolver: SymbolResolver | None = None,
) -> GeneReport:
    """Map input symbols to vocabulary symbols and say what the test does with each.

    :param genes: the input symbols (surrounding whitespace is ignored, blanks skipped)
    :param known: the vocabulary (symbols as written)
    :param upper: the vocabulary by upper-cased symbol
    :param background: the background symbols (None: the whole vocabulary)
    :param resolver: maps symbols to approved ones (None: only exact and case matches)
    :returns: one entry per non-blank input, in input order
    """
    queries: list[str] = []
    symbols: list[str | None] = []
    hows: list[str] = []
    statuses: list[str] = []
    candidate_lists: list[tuple[str, ...]] = []
    seen: set[str] = set()
    for raw in genes:
        query = raw.strip()
        if not query:
            continue
        symbol: str | None = None
        how = UNKNOWN
        candidates: tuple[str, ...] = ()
        if query in known:
            symbol, how = query, "symbol"
        else:
            match = resolver.resolve_symbol(query) if resolver is not None else None
            if match is not None and match.symbol is not None:
                symbol, how = match.symbol, match.how
            elif query.upper() in upper:
                symbol, how = upper[query.upper()], "case"
            elif match is not None and match.how == AMBIGUOUS:
                how, candidates = AMBIGUOUS, match.candidates
        if symbol is None:
            status = how
        elif symbol in seen:
            status = DUPLICATE
        elif symbol in known and (background is None or symbol in background):
            status = USED
            seen.add(symbol)
        else:
            status = OUTSIDE_BACKGROUND
        queries.append(query)
        symbols.append(symbol)
        hows.append(how)
        statuses.append(status)
        candidate_lists.append(candidates)
    report = GeneReport(
        tuple(queries), tuple(symbols), tuple(hows), tuple(statuses), tuple(candidate_lists)
    )
    if logger.isEnabledFor(logging.INFO):
        changed = [
            f"{q}->{s} ({h})"
            for q, s, h in zip(queries, symbols, hows, strict=True)
            if h != "symbol"
        ]
        logger.info("gene mapping: %d inputs; %s", len(queries), ", ".join(changed) or "as given")
    return report
