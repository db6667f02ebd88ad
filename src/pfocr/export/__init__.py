"""Exports: GMT gene sets, PFOCR-compatible records, and mention tables."""

from pfocr.export.gmt import clean_field, gmt_lines
from pfocr.export.mentions import MENTION_COLUMNS, mentions_tsv
from pfocr.export.records import RECORD_KEYS, record_front_matter, record_markdown, write_records

__all__ = [
    "MENTION_COLUMNS",
    "RECORD_KEYS",
    "clean_field",
    "gmt_lines",
    "mentions_tsv",
    "record_front_matter",
    "record_markdown",
    "write_records",
]
