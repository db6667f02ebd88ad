"""``pfocr search``: figures by genes, chemicals and diseases (AND), words, organism and year."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich import box
from rich.table import Table

from pfocr.cli.app import DbOption, JsonOption, app, guarded
from pfocr.cli.enrich import LazyLexicon, console
from pfocr.enrich import split_gene_text
from pfocr.errors import InputError
from pfocr.search import SearchResults, search_figures
from pfocr.store import Store
from pfocr.textutil import shorten

__all__ = ["search_cmd"]


def _table(results: SearchResults) -> Table:
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("figid", no_wrap=True)
    table.add_column("year", justify="right", no_wrap=True)
    table.add_column("organisms", no_wrap=True)
    table.add_column("genes", justify="right", no_wrap=True)
    table.add_column("title")
    table.add_column("snippet")
    for i, hit in enumerate(results, results.offset + 1):
        table.add_row(
            str(i),
            hit.figid,
            "" if hit.year is None else str(hit.year),
            shorten(", ".join(hit.organisms), 30),
            str(hit.n_genes),
            shorten(hit.title, 60),
            shorten(hit.snippet, 90),
        )
    shown = f"{results.offset + 1}-{results.offset + len(results)}" if len(results) else "none"
    table.caption = f"{shown} of {results.total} figures"
    return table


@app.command("search")
@guarded
def search_cmd(
    gene: Annotated[
        list[str] | None,
        typer.Option("--gene", "-g", help="A gene every figure must show (repeat for AND)"),
    ] = None,
    text: Annotated[
        str | None,
        typer.Option("--text", "-t", help="Words in the title, caption or paper title (all)"),
    ] = None,
    chemical: Annotated[
        list[str] | None,
        typer.Option(
            "--chemical", help="A chemical every figure must name: MeSH id, name or label"
        ),
    ] = None,
    disease: Annotated[
        list[str] | None,
        typer.Option("--disease", help="A disease every figure must name: MeSH id, name or label"),
    ] = None,
    organism: Annotated[
        str | None, typer.Option("--organism", help="Taxid, scientific or common name")
    ] = None,
    year: Annotated[int | None, typer.Option("--year", help="Publication year")] = None,
    year_from: Annotated[int | None, typer.Option("--year-from", help="Earliest year")] = None,
    year_to: Annotated[int | None, typer.Option("--year-to", help="Latest year")] = None,
    limit: Annotated[int, typer.Option("--limit", min=1, max=1000, help="Hits to show")] = 20,
    offset: Annotated[int, typer.Option("--offset", min=0, help="Hits to skip")] = 0,
    db: DbOption = "pfocr.sqlite",
    use_lexicon: Annotated[
        bool,
        typer.Option(
            "--lexicon/--no-lexicon",
            help="Map previous symbols and aliases with the HGNC lexicon (loaded when needed)",
        ),
    ] = True,
    as_json: JsonOption = False,
) -> None:
    """Find figures showing every given gene, chemical and disease and matching the words
    and filters."""
    genes = split_gene_text(gene or [])
    chemicals, diseases = chemical or [], disease or []
    if not (genes or chemicals or diseases or text or organism or year or year_from or year_to):
        raise InputError(
            "give --gene, --chemical, --disease, --text, --organism or a year to search for"
        )
    with Store(db, readonly=True) as store:
        results = search_figures(
            store,
            genes=genes,
            text=text,
            organism=organism,
            year=year,
            year_from=year_from,
            year_to=year_to,
            limit=limit,
            offset=offset,
            resolver=LazyLexicon() if use_lexicon else None,
            chemicals=chemicals,
            diseases=diseases,
        )
    if results.renamed:
        typer.echo("renamed: " + ", ".join(f"{q}->{s}" for q, s in results.renamed), err=True)
    if results.unknown:
        typer.echo("in no figure: " + ", ".join(results.unknown), err=True)
    if as_json:
        typer.echo(json.dumps(results.to_dict(), indent=1, ensure_ascii=False))
        return
    console().print(_table(results))
