"""``pfocr export gmt|records|mentions``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from pfocr.cli.app import DbOption, export_app, guarded
from pfocr.cli.output import write_lines
from pfocr.export import gmt_lines, mentions_tsv, write_records
from pfocr.store import Store

OutOption = Annotated[
    Path | None, typer.Option("-o", "--output", help="Output file; '-' or omitted: stdout")
]


@export_app.command("gmt")
@guarded
def export_gmt(
    db: DbOption = Path("pfocr.sqlite"),
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
    db: DbOption = Path("pfocr.sqlite"),
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
def export_mentions(db: DbOption = Path("pfocr.sqlite"), output: OutOption = None) -> None:
    """Write every gene mention (text, symbol, rule, confidence, box) as TSV."""
    with Store(db, readonly=True) as store:
        n = write_lines(mentions_tsv(store), output)
    if output is not None and str(output) != "-":
        typer.echo(f"{n - 1} mentions -> {output}", err=True)
