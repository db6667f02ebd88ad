"""Records read back from the store."""

from __future__ import annotations

from dataclasses import dataclass

from pfocr.chemdis.models import ChemMention
from pfocr.classify.models import Classification
from pfocr.edges.models import Edge
from pfocr.ingest.models import Figure, Paper
from pfocr.ocr.models import OcrResult
from pfocr.recognize.models import Recognition
from pfocr.species.models import Organism

__all__ = [
    "FigureBundle",
    "FigureRecord",
    "GeneRow",
    "GeneSet",
    "RecognitionBundle",
    "StageRow",
]


@dataclass(frozen=True)
class GeneSet:
    """A figure's gene set: distinct accepted HGNC symbols, families not expanded."""

    figid: str
    title: str
    genes: tuple[str, ...]


@dataclass(frozen=True)
class GeneRow:
    """One gene of a figure's gene set."""

    symbol: str
    hgnc_id: str
    entrez_id: str | None
    confidence: float
    n_mentions: int


@dataclass(frozen=True)
class StageRow:
    """Which version of a stage produced a figure's current results."""

    stage: str
    version: str
    input_key: str
    seconds: float
    finished_at: str


@dataclass(frozen=True)
class FigureRecord:
    """A stored figure with its paper, organisms and pathway score."""

    figure: Figure
    paper: Paper | None
    organisms: tuple[Organism, ...]
    pathway_score: float | None
    genes: tuple[GeneRow, ...]


@dataclass(frozen=True)
class RecognitionBundle:
    """The recognition-level results of one figure (re-run without OCR on a new lexicon)."""

    recognition: Recognition
    organisms: tuple[Organism, ...]
    classification: Classification | None
    ocr_version: str
    seconds: float
    chemicals: tuple[ChemMention, ...] = ()
    chemdis_version: str = ""
    edges: tuple[Edge, ...] = ()
    edges_version: str = ""


@dataclass(frozen=True)
class FigureBundle:
    """Everything the pipeline writes for one figure, in one transaction.

    ``ocr`` is the OCR recognition used; ``base_ocr``, when set, is an earlier pass it
    was refined from, kept so that a change to the refinement does not re-run the engine.
    """

    figure: Figure
    paper: Paper | None
    image_bytes: bytes
    image_mime: str
    ocr: OcrResult | None
    recognition: RecognitionBundle
    base_ocr: OcrResult | None = None
