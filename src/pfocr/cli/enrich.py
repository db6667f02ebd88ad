"""``pfocr enrich``: which figure gene sets a gene list is over-represented in."""

from __future__ import annotations

import json
import logging
import math
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich import box
from rich.console import Console, JustifyMethod
from rich.table import Table

from pfocr.cli.app import DbOption, JsonOption, app, guarded
from pfocr.enrich import (
    FDR_OVER,
    EnrichmentIndex,
    EnrichmentResult,
    GeneReport,
    read_gene_list,
    split_gene_text,
)
from pfocr.errors import InputError
from pfocr.lexicon import Lexicon, SymbolMatch, load_lexicon
from pfocr.textutil import shorten

__all__ = ["LazyLexicon", "console", "enrich_cmd", "format_p", "print_mapping", "read_genes"]

logger = logging.getLogger(__name__)


class LazyLexicon:
    """A symbol resolver that loads the lexicon on first use (~2 s), or never.

    Symbols found as written need no lexicon, so most queries never load it. When it
    cannot be loaded (no HGNC file and no network), symbols are matched exactly and up
    to case, with a warning.
    """

    def __init__(self) -> None:
        self._loaded = False
        self._lexicon: Lexicon | None = None

    def resolve_symbol(self, text: str) -> SymbolMatch:
        """Map a symbol through the lexicon.

        :param text: the symbol as given
        :returns: the match (``unknown`` when no lexicon is available)
        """
        if not self._loaded:
            self._loaded = True
            try:
                self._lexicon = load_lexicon()
            except InputError as exc:
                logger.warning("no lexicon (%s): symbols match exactly or up to case only", exc)
        if self._lexicon is None:
            return SymbolMatch(text, None, "unknown")
        return self._lexicon.resolve_symbol(text)


def console() -> Console:
    """Return a console for tables on stdout (wide when stdout is not a terminal).

    :returns: the console
    """
    out = Console(soft_wrap=False)
    if not out.is_terminal:
        out = Console(width=160, soft_wrap=False)
    return out


def format_p(log_p: float) -> str:
    """Format a p-value from its natural log (exact where the value underflows).

    :param log_p: ``ln p``
    :returns: e.g. ``2.4e-70``, ``1`` or ``3.1e-512``
    """
    if log_p >= 0.0:
        return "1"
    log10 = log_p / math.log(10.0)
    exponent = math.floor(log10)
    mantissa = 10.0 ** (log10 - exponent)
    if mantissa >= 9.95:  # rounds up to 10.0
        mantissa, exponent = 1.0, exponent + 1
    if exponent >= -3:
        return f"{10.0**log10:.3g}"
    return f"{mantissa:.2g}e{exponent}"


def read_genes(genes: list[str] | None, genes_file: Path | None) -> list[str]:
    """Collect genes from arguments (also comma-separated) and a file (``-``: stdin).

    :param genes: command-line symbols
    :param genes_file: a gene list file, or ``-``
    :returns: the symbols, in order
    """
    out = split_gene_text(genes or [])
    if genes_file is not None:
        if str(genes_file) == "-":
            out.extend(split_gene_text(sys.stdin))
        else:
            out.extend(read_gene_list(genes_file))
    return out


def print_mapping(report: GeneReport, what: str = "genes") -> None:
    """Say on stderr which inputs were renamed or left out.

    :param report: the mapping
    :param what: what the inputs are (``genes``, ``background genes``)
    """
    lines = [f"{what}: {len(report.recognised)} of {len(report)} used"]
    if report.renamed:
        shown = ", ".join(f"{q}->{s}" for q, s in report.renamed[:20])
        lines.append(f"  renamed: {shown}" + (" ..." if len(report.renamed) > 20 else ""))
    for label, items in (
        ("unknown", report.unknown),
        ("ambiguous", report.ambiguous),
        ("outside background (ignored)", report.outside_background),
    ):
        if items:
            lines.append(
                f"  {label}: {', '.join(items[:20])}" + (" ..." if len(items) > 20 else "")
            )
    typer.echo("\n".join(lines), err=True)


def _table(result: EnrichmentResult) -> Table:
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    for name in ("#", "figid", "overlap", "p", "FDR", "odds ratio", "combined", "title", "genes"):
        justify: JustifyMethod = "left" if name in ("figid", "title", "genes") else "right"
        if name in ("title", "genes"):
            # the text columns give way on a narrow terminal; numbers never get cut
            table.add_column(name, justify=justify, ratio=1, overflow="fold")
        else:
            table.add_column(name, justify=justify, no_wrap=True, min_width=len(name))
    for i, row in enumerate(result, 1):
        genes = ", ".join(row.genes[:8]) + (", ..." if len(row.genes) > 8 else "")
        table.add_row(
            str(i),
            row.figid,
            f"{row.overlap}/{row.set_size}",
            format_p(row.log_p),
            f"{row.fdr:.2g}",
            f"{row.odds_ratio:.3g}",
            f"{row.combined_score:.4g}",
            shorten(row.title, 60),
            genes,
        )
    table.caption = (
        f"{result.query_size} genes vs {result.n_sets} figures ({result.n_overlapping}"
        f" share a gene); background {result.background_size} genes; BH over {result.fdr_over}"
    )
    return table


@app.command("enrich")
@guarded
def enrich_cmd(
    genes: Annotated[
        list[str] | None, typer.Argument(help="Gene symbols (spaces or commas between)")
    ] = None,
    genes_file: Annotated[
        Path | None,
        typer.Option("--genes-file", help="File of gene symbols, one per line ('-': stdin)"),
    ] = None,
    db: DbOption = "pfocr.sqlite",
    gmt: Annotated[
        Path | None, typer.Option("--gmt", help="Test the gene sets of a GMT file, not --db")
    ] = None,
    background: Annotated[
        Path | None,
        typer.Option("--background", help="File of background genes (default: all set genes)"),
    ] = None,
    top: Annotated[int, typer.Option("--top", min=1, help="How many figures to show")] = 50,
    show_all: Annotated[
        bool, typer.Option("--all", help="Show every figure sharing a gene (ignores --top)")
    ] = False,
    fdr_over: Annotated[
        str,
        typer.Option(
            "--fdr-over",
            help="BH over 'all' sets, or only sets sharing a gene ('overlapping', as Enrichr)",
        ),
    ] = "all",
    min_genes: Annotated[
        int, typer.Option("--min-genes", min=1, help="Smallest figure set tested (with --db)")
    ] = 3,
    use_lexicon: Annotated[
        bool,
        typer.Option(
            "--lexicon/--no-lexicon",
            help="Map previous symbols and aliases with the HGNC lexicon (loaded when needed)",
        ),
    ] = True,
    as_json: JsonOption = False,
) -> None:
    """Rank figures by over-representation of a gene list (hypergeometric test, BH FDR)."""
    if fdr_over not in FDR_OVER:
        raise InputError(f"--fdr-over must be one of {', '.join(FDR_OVER)}, not {fdr_over!r}")
    query = read_genes(genes, genes_file)
    if not query:
        raise InputError("no genes given: pass symbols or --genes-file")
    resolver = LazyLexicon() if use_lexicon else None
    if gmt is not None:
        index = EnrichmentIndex.from_gmt(gmt, resolver=resolver)
    else:
        index = EnrichmentIndex.from_db(db, min_genes=min_genes, resolver=resolver)
    if background is not None:
        index = index.with_background(read_gene_list(background))
        if index.background_report is not None:
            print_mapping(index.background_report, "background genes")
    result = index.enrich(query, None if show_all else top, fdr_over=fdr_over)
    print_mapping(result.report)
    if as_json:
        typer.echo(json.dumps(result.to_dict(), indent=1, ensure_ascii=False))
        return
    console().print(_table(result))
