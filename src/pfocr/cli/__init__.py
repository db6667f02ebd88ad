"""pfocr's command-line interface: one Typer app of thin commands over the stages."""

# commands register on import
from pfocr.cli import (  # noqa: F401
    enrich,
    evaluate,
    explain,
    export,
    harvest,
    lexicon,
    pages,
    run,
    search,
    serve,
)
from pfocr.cli.app import app, main

__all__ = ["app", "main"]
