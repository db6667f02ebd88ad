"""pfocr's command-line interface: one Typer app of thin commands over the stages."""

from pfocr.cli import evaluate, export, lexicon, run  # noqa: F401 - commands register on import
from pfocr.cli.app import app, main

__all__ = ["app", "main"]
