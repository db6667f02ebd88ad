"""``python -m pfocr``: the command-line interface."""

from pfocr.cli import main

main()
