"""``pfocr lexicon``: compile the HGNC + FamPlex lexicon (downloading HGNC if needed) and the
chemical and disease vocabulary."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from pfocr.chemdis import build_vocabulary, gene_namer
from pfocr.chemdis.build import default_vocabulary_path
from pfocr.cli.app import app, guarded
from pfocr.lexicon import build_lexicon, default_lexicon_path, hgnc_source, load_lexicon
from pfocr.settings import Settings
from pfocr.species.names import load_names, names_path, names_version


@app.command("lexicon")
@guarded
def lexicon_cmd(
    data_dir: Annotated[
        Path | None,
        typer.Option(
            "--data-dir", help="Folder with hgnc/hgnc_complete_set.txt.gz (else PFOCR_DATA_DIR)"
        ),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Lexicon file (default: the cache)")
    ] = None,
) -> None:
    """Compile the lexicon from HGNC and FamPlex, the organism names from NCBI Taxonomy, and
    the chemical and disease vocabulary from MeSH, DOID and MONDO, into versioned files."""
    overrides = {"data_dir": data_dir} if data_dir is not None else {}
    settings = Settings.model_validate(overrides)
    names = load_names(settings)
    typer.echo(
        f"organism names {names_version()}: {len(names)} names -> {names_path(settings)}", err=True
    )
    target = output or default_lexicon_path(settings)
    if output is None and target.is_file():
        typer.echo(f"lexicon up to date: {target}", err=True)
        lexicon = load_lexicon(settings)
    else:
        lexicon = build_lexicon(hgnc_source(settings))
        lexicon.save(target)
        typer.echo(
            f"lexicon {lexicon.version}: {len(lexicon.genes)} genes, {len(lexicon.terms)} terms, "
            f"{len(lexicon.families)} families -> {target}",
            err=True,
        )
    vocab_path = default_vocabulary_path(settings)
    if vocab_path.is_file():
        typer.echo(f"chemical and disease vocabulary up to date: {vocab_path}", err=True)
        return
    vocab = build_vocabulary(gene_namer(lexicon))
    vocab.save(vocab_path)
    typer.echo(
        f"chemical and disease vocabulary {vocab.version}: {len(vocab.concepts())} concepts,"
        f" {len(vocab)} names -> {vocab_path}",
        err=True,
    )
