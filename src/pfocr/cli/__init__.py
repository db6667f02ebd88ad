"""pfocr's command-line interface: one Typer app of thin commands over the stages."""

# commands register on import
from pfocr.cli import enrich, evaluate, export, harvest, lexicon, run, search, serve  # noqa: F401
from pfocr.cli.app import app, main

__all__ = ["app", "main"]
