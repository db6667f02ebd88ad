"""The SQLite store: every stage's output keyed by figure and stage version."""

from pfocr.store.db import Store
from pfocr.store.ledger import HarvestLedger, last_complete_window
from pfocr.store.models import (
    FigureBundle,
    FigureRecord,
    GeneRow,
    GeneSet,
    RecognitionBundle,
    StageRow,
)
from pfocr.store.readings import matching, trail_text

__all__ = [
    "FigureBundle",
    "FigureRecord",
    "GeneRow",
    "GeneSet",
    "HarvestLedger",
    "RecognitionBundle",
    "StageRow",
    "Store",
    "last_complete_window",
    "matching",
    "trail_text",
]
