"""The per-figure work a worker does: image -> OCR -> species -> recognition -> score ->
chemicals and diseases -> interactions.

Everything here runs in worker processes (or Dask workers); the engine, lexicon and
recogniser are built once per process and kept in a module-level cache. Results go
back to the main process, which alone writes to the store.
"""

from __future__ import annotations

import logging
import os
import time
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from pfocr import edges as interactions  # its reader is imported only by runs that read edges
from pfocr.chemdis import Vocabulary, find_chemdis, gene_namer, load_vocabulary, stage_version
from pfocr.classify import pathway_score
from pfocr.errors import InputError
from pfocr.images import load_image
from pfocr.ingest import Figure, FigureInput, Paper
from pfocr.lexicon import Lexicon, load_lexicon
from pfocr.ocr import OcrEngine, OcrResult, get_engine
from pfocr.ocr.crops import CropReader
from pfocr.ocr.rapid import RapidOcrEngine
from pfocr.pipeline.reread import reread_low_confidence
from pfocr.recognize import FigureContext, Recognition, Recognizer, RecognizerConfig
from pfocr.recognize.lookup import nonhuman_organism
from pfocr.settings import Settings
from pfocr.species import (
    SpeciesCall,
    decide_host,
    find_names,
    read_nomenclature,
    resolve_name,
)
from pfocr.store import FigureBundle, RecognitionBundle

__all__ = [
    "Task",
    "TaskFailure",
    "WorkerState",
    "analyse",
    "process",
    "set_state",
    "state_summary",
]

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Task:
    """One figure to process; ``ocr`` is set when stored OCR can be reused, ``base_ocr``
    when only the engine's pass is stored and the reread pass must still run."""

    item: FigureInput
    ocr: OcrResult | None
    engine: str
    engine_options: dict[str, Any]
    recognizer: RecognizerConfig
    settings: Settings
    reread: bool = False
    base_ocr: OcrResult | None = None
    #: read the interactions too (:mod:`pfocr.edges`; opt-in, docs/interactions.md)
    edges: bool = False


@dataclass(frozen=True)
class TaskFailure:
    """A figure that could not be processed, with the stage and a one-line reason."""

    source: str
    figid: str | None
    stage: str
    error: str


@dataclass
class WorkerState:
    """What a worker process keeps between tasks."""

    lexicon: Lexicon | None = None
    vocabulary: Vocabulary | None = None
    recognizers: dict[str, Recognizer] = field(default_factory=dict)
    engines: dict[str, OcrEngine] = field(default_factory=dict)
    readers: dict[str, CropReader] = field(default_factory=dict)


_STATE = WorkerState()
_LOADS: dict[str, int] = {"lexicon": 0, "vocabulary": 0, "recognizer": 0, "engine": 0}


def state_summary() -> dict[str, int]:
    """What this process has loaded, and how often (a worker loads each once): for a
    cluster's health check (``client.run(state_summary)``).

    :returns: ``pid`` and the number of lexicon, vocabulary, recogniser and OCR engine
        loads
    """
    return {"pid": os.getpid(), **_LOADS}


def set_state(
    lexicon: Lexicon, vocabulary: Vocabulary | None = None, recognizer: Recognizer | None = None
) -> None:
    """Give this process an already loaded lexicon, vocabulary and recogniser (before
    forking workers), so that neither this process nor its workers build them again.

    :param lexicon: the lexicon
    :param vocabulary: the chemical and disease vocabulary
    :param recognizer: a recogniser built on ``lexicon``
    :raises ValueError: when the recogniser was built on another lexicon
    """
    if _STATE.lexicon is not lexicon:
        _STATE.recognizers.clear()
    _STATE.lexicon = lexicon
    _STATE.vocabulary = vocabulary
    if recognizer is not None:
        if recognizer.lexicon is not lexicon:
            raise ValueError("the recogniser was built on another lexicon")
        _STATE.recognizers[recognizer.config.key()] = recognizer


def _vocabulary(task: Task) -> Vocabulary:
    if _STATE.vocabulary is None:
        lexicon = _recognizer(task).lexicon
        _STATE.vocabulary = load_vocabulary(task.settings, gene_namer(lexicon))
        _LOADS["vocabulary"] += 1
    return _STATE.vocabulary


def _recognizer(task: Task) -> Recognizer:
    if _STATE.lexicon is None:
        _STATE.lexicon = load_lexicon(task.settings)
        _LOADS["lexicon"] += 1
    key = task.recognizer.key()
    rec = _STATE.recognizers.get(key)
    if rec is None:
        rec = _STATE.recognizers[key] = Recognizer(_STATE.lexicon, task.recognizer)
        _LOADS["recognizer"] += 1
    return rec


def _engine(task: Task) -> OcrEngine:
    key = f"{task.engine}:{sorted(task.engine_options.items())}"
    engine = _STATE.engines.get(key)
    if engine is None:
        engine = _STATE.engines[key] = get_engine(task.engine, **task.engine_options)
        _LOADS["engine"] += 1
    return engine


def drawn_organisms(recognition: Recognition) -> list[tuple[int, str]]:
    """The organisms whose proteins the figure's labels name (viral and bacterial
    proteins the recogniser read as not human), each with its first label.

    :param recognition: the figure's recognition
    :returns: (taxid, label) pairs, one per organism
    """
    out: dict[int, str] = {}
    for reading in recognition.readings:
        if reading.outcome != "not a gene":
            continue
        for step in reading.trail:
            organism = nonhuman_organism(step.reason)
            taxid = resolve_name(organism.split("/")[0]) if organism else None
            if taxid:
                out.setdefault(taxid, reading.text)
    return list(out.items())


def analyse(
    recognizer: Recognizer, fig: Figure, paper: Paper | None, ocr: OcrResult
) -> tuple[Recognition, SpeciesCall]:
    """Find the figure's organisms, then its genes (the species call shapes recognition).

    :param recognizer: the recogniser
    :param fig: the figure (title and caption are context)
    :param paper: its paper (the title is context)
    :param ocr: the OCR words
    :returns: the recognition and the species call
    """
    paper_title = paper.papertitle if paper else None
    words = [w.text for w in ocr.words]
    named = find_names(
        {
            "title": fig.figtitle,
            "caption": fig.caption,
            "paper": paper_title,
            "figure": " ".join(words),
        }
    )
    style = read_nomenclature(words, recognizer.lexicon.by_symbol, fig.caption)
    before = decide_host(named, style)
    context = FigureContext.from_text(
        fig.figtitle,
        fig.caption,
        paper_title,
        taxids=before.taxids,
        nonmammalian=before.nonvertebrate,
        pathogen=before.pathogen,
        animal_host=before.animal_host,
    )
    recognition = recognizer.recognize(ocr.words, context)
    genes = len(recognition.gene_set())
    return recognition, decide_host(named, style, genes, drawn_organisms(recognition))


def _read(task: Task, rgb: np.ndarray) -> tuple[OcrResult, OcrResult | None]:
    """OCR (or the stored engine pass), then for RapidOCR a second look at the words it
    was unsure of; returns the final words and the engine pass when it is new."""
    engine = _engine(task)
    fresh = task.base_ocr is None
    base = engine(rgb) if task.base_ocr is None else task.base_ocr
    if not (task.reread and isinstance(engine, RapidOcrEngine)):
        return base, None
    start = time.perf_counter()
    lexicon = _recognizer(task).lexicon
    key = f"{task.engine}:{sorted(task.engine_options.items())}"
    reader = _STATE.readers.get(key)
    if reader is None:
        reader = _STATE.readers[key] = CropReader("rec-gray-fold", rapid=engine, lexicon=lexicon)
    again = reread_low_confidence(base, rgb, reader, lexicon)
    final = replace(again, seconds=base.seconds + time.perf_counter() - start)
    return final, base if fresh else None


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:500]


def process(task: Task) -> FigureBundle | TaskFailure:
    """Process one figure; never raises for a bad figure (returns a failure instead).

    :param task: the figure and settings
    :returns: the figure's results, or why it failed
    """
    item = task.item
    fig = item.figure
    source = fig.source or str(item.image_path)
    try:
        image = load_image(item.image_path, task.settings)
    except InputError as exc:
        return TaskFailure(source, fig.figid, "image", _one_line(exc))
    ocr = task.ocr
    base_ocr: OcrResult | None = None
    if ocr is None:
        try:
            ocr, base_ocr = _read(task, image.rgb)
        except InputError as exc:
            return TaskFailure(source, fig.figid, "ocr", _one_line(exc))
        except Exception as exc:  # an engine crash on one image must not end the run
            logger.exception("OCR failed on %s", source)
            return TaskFailure(source, fig.figid, "ocr", f"{type(exc).__name__}: {_one_line(exc)}")
    start = time.perf_counter()
    recognition, species = analyse(_recognizer(task), fig, item.paper, ocr)
    score = pathway_score(ocr.words, len(recognition.gene_set()), len(recognition.families))
    vocabulary = _vocabulary(task)
    chemicals = find_chemdis(vocabulary, ocr.words, recognition, fig.figtitle, fig.caption)
    edges = interactions.find_edges(image.rgb, recognition, chemicals) if task.edges else ()
    seconds = time.perf_counter() - start
    figure = replace(
        fig, sha256=image.sha256, width=image.width, height=image.height, source=source
    )
    return FigureBundle(
        figure=figure,
        paper=item.paper,
        image_bytes=image.data,
        image_mime=image.mime,
        ocr=ocr,
        base_ocr=base_ocr,
        recognition=RecognitionBundle(
            recognition=recognition,
            organisms=species.organisms,
            classification=score,
            ocr_version=ocr.version,
            seconds=seconds,
            chemicals=chemicals,
            chemdis_version=stage_version(vocabulary),
            edges=edges,
            edges_version=interactions.stage_version() if task.edges else "",
        ),
    )
