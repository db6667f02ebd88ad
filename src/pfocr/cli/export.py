"""``pfocr export gmt|records|mentions|edges``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from pfocr.cli.app import DbOption, export_app, guarded
from pfocr.cli.output import write_lines
from pfocr.errors import InputError
from pfocr.export import gmt_lines, mentions_tsv, write_records
from pfocr.export.edges import edges_sif, edges_tsv, figure_document
from pfocr.store import Store

OutOption = Annotated[
    Path | None, typer.Option("-o", "--output", help="Output file; '-' or omitted: stdout")
]


@export_app.command("gmt")
@guarded
def export_gmt(
    db: DbOption = "pfocr.sqlite",
    output: OutOption = None,
    min_genes: Annotated[int, typer.Option("--min-genes", min=1, help="Smallest set kept")] = 3,
    expand_families: Annotated[
        bool, typer.Option("--expand-families", help="Add the members of family mentions")
    ] = False,
) -> None:
    """Write the figures' gene sets as GMT (HGNC symbols, families not expanded)."""
    with Store(db, readonly=True) as store:
        n = write_lines(gmt_lines(store, min_genes, expand_families), output)
    if output is not None and str(output) != "-":
        typer.echo(f"{n} gene sets -> {output}", err=True)


@export_app.command("records")
@guarded
def export_records(
    db: DbOption = "pfocr.sqlite",
    output: Annotated[Path, typer.Option("-o", "--output", help="Output folder")] = Path("records"),
    min_genes: Annotated[
        int | None, typer.Option("--min-genes", min=0, help="Only figures with this many genes")
    ] = None,
) -> None:
    """Write one PFOCR-compatible Markdown record per figure."""
    with Store(db, readonly=True) as store:
        n = sum(1 for _ in write_records(store, output, min_genes))
    typer.echo(f"{n} records -> {output}", err=True)


@export_app.command("mentions")
@guarded
def export_mentions(db: DbOption = "pfocr.sqlite", output: OutOption = None) -> None:
    """Write every gene mention (text, symbol, rule, confidence, box) as TSV."""
    with Store(db, readonly=True) as store:
        n = write_lines(mentions_tsv(store), output)
    if output is not None and str(output) != "-":
        typer.echo(f"{n - 1} mentions -> {output}", err=True)


EDGE_FORMATS = ("tsv", "sif", "cx2", "gpml")


def _figure_document(store: Store, figid: str, fmt: str) -> str:
    text = figure_document(store, figid, fmt)
    if text is None:
        raise InputError(f"no figure {figid} in the store")
    return text


@export_app.command("edges")
@guarded
def export_edges(
    db: DbOption = "pfocr.sqlite",
    output: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            help="Output file ('-' or omitted: stdout); for cx2 and gpml without --figure, "
            "a folder of one file per figure",
        ),
    ] = None,
    fmt: Annotated[str, typer.Option("--format", help="tsv, sif, cx2 (NDEx) or gpml")] = "tsv",
    figure: Annotated[str | None, typer.Option("--figure", help="Only this figure")] = None,
) -> None:
    """Write the interactions read from the figures: TSV (one row per gene pair), SIF,
    CX2 for NDEx or GPML for PathVisio."""
    if fmt not in EDGE_FORMATS:
        raise InputError(f"--format must be one of {', '.join(EDGE_FORMATS)}")
    with Store(db, readonly=True) as store:
        if figure is not None and store.figure_row(figure) is None:
            raise InputError(f"no figure {figure} in the store")
        if fmt in ("tsv", "sif"):
            pairs = ((figure, e) for e in store.edges(figure)) if figure else store.all_edges()
            lines = edges_tsv(pairs) if fmt == "tsv" else edges_sif(pairs)
            n = write_lines(lines, output) - (fmt == "tsv")
            if output is not None and str(output) != "-":
                typer.echo(f"{n} interactions -> {output}", err=True)
            return
        if figure is not None:
            write_lines([_figure_document(store, figure, fmt)], output)
            return
        if output is None or str(output) == "-":
            raise InputError(f"--format {fmt} without --figure needs -o FOLDER")
        figids = sorted(store.edge_counts())
        for figid in figids:
            write_lines([_figure_document(store, figid, fmt)], output / f"{figid}.{fmt}")
    typer.echo(f"{len(figids)} figures -> {output}", err=True)
