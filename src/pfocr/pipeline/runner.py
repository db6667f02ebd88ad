"""``pfocr run``: ingest inputs, plan the work each figure still needs, run it, store it.

Planning compares each figure with the store: an unchanged image whose OCR,
recognition, pathway score, chemicals and interactions are current is skipped; one whose
OCR is stored under the current engine version is only re-recognised and re-scored, its
chemicals and interactions read again (a new lexicon, recogniser, pathway scorer,
vocabulary or interaction reader costs no OCR); everything else is processed in full.
Each figure's results are written in one transaction as they arrive, so a killed run
resumes where it stopped, without duplicates.
"""

from __future__ import annotations

import hashlib
import logging
import statistics
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Protocol

from pfocr import edges as interactions  # its reader is imported only by runs that read edges
from pfocr.chemdis import gene_namer, load_vocabulary, stage_version
from pfocr.classify import CLASSIFIER_VERSION
from pfocr.errors import InputError
from pfocr.ingest import FigureInput, IngestFailure, discover
from pfocr.lexicon import load_lexicon
from pfocr.ocr import engine_version
from pfocr.pipeline.executors import run_dask, run_inline, run_pool
from pfocr.pipeline.reread import reread_version
from pfocr.pipeline.work import Task, TaskFailure, process, set_state
from pfocr.recognize import Recognizer, RecognizerConfig
from pfocr.search.stored import write_ranks
from pfocr.settings import Settings
from pfocr.store import FigureBundle, Store
from pfocr.store.target import DbTarget, sidecar_base

__all__ = ["Progress", "RunConfig", "RunSummary", "run_figures", "run_pipeline"]

logger = logging.getLogger(__name__)

_META_FIELDS = ("pmcid", "filename", "number", "figtype", "figtitle", "caption", "figlink")


class Progress(Protocol):
    """Receives progress events (the CLI draws a bar from them)."""

    def start(self, total: int) -> None:
        """Called once with the number of figures to process."""

    def advance(self, figid: str, status: str) -> None:
        """Called after each figure with ``done``, ``failed`` or ``skipped``."""


@dataclass(frozen=True)
class RunConfig:
    """Options of one run."""

    db: DbTarget
    workers: int = 1
    engine: str = "rapidocr"
    engine_options: dict[str, Any] = field(default_factory=dict)
    limit: int | None = None
    dask: str | None = None
    workdir: Path | None = None
    recognizer: RecognizerConfig = field(default_factory=RecognizerConfig)
    settings: Settings = field(default_factory=lambda: Settings.model_validate({}))
    only: frozenset[str] | None = None
    reread: bool = True
    #: read the interactions too (opt-in: docs/interactions.md says why)
    edges: bool = False
    #: after writing, rank the common words' searches and store them (pfocr.search.stored)
    rank_words: bool = True
    #: results written to the store in one transaction (or sooner, see :data:`FLUSH_SECONDS`)
    write_batch: int = 16


@dataclass
class RunSummary:
    """What a run did."""

    figures: int = 0
    processed: int = 0
    reused_ocr: int = 0
    skipped: int = 0
    failed: int = 0
    genes: int = 0
    seconds: float = 0.0
    ocr_seconds: list[float] = field(default_factory=list)
    recognize_seconds: list[float] = field(default_factory=list)
    failures: list[TaskFailure] = field(default_factory=list)

    def failure_reasons(self) -> Counter[str]:
        """How many inputs failed for each reason (``images: not a supported image``),
        the file names left out of the reasons."""
        reasons: Counter[str] = Counter()
        for f in self.failures:
            problem = f.error
            head, sep, tail = problem.partition(": ")
            if sep and (head == f.source or "/" in head or "." in head):
                problem = tail
            # the detail in parentheses varies per file (sizes, counts); the kind does not
            problem = problem.split(" (")[0]
            reasons[f"{f.stage}: {problem}"] += 1
        return reasons

    @property
    def seconds_per_figure(self) -> float:
        """Wall-clock seconds per processed figure."""
        return self.seconds / self.processed if self.processed else 0.0

    def describe(self) -> str:
        """One paragraph for the terminal.

        :returns: the summary text
        """
        ocr = statistics.median(self.ocr_seconds) if self.ocr_seconds else 0.0
        return (
            f"{self.figures} figures: {self.processed} processed "
            f"({self.reused_ocr} from stored OCR), {self.skipped} unchanged, "
            f"{self.failed} failed; {self.genes} genes in processed figures; "
            f"{self.seconds:.1f} s ({self.seconds_per_figure:.2f} s per figure, "
            f"median OCR {ocr:.2f} s)"
        )


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _plan(
    store: Store,
    item: FigureInput,
    ocr_version: str,
    rec_version: str,
    config: RunConfig,
    base_version: str,
    cd_version: str,
) -> Task | None:
    fig = item.figure
    try:
        sha = _sha256(item.image_path)
    except OSError:
        sha = ""  # the image stage reports the problem
    stored = store.figure_row(fig.figid) if sha else None
    ocr = store.find_ocr(fig.figid, ocr_version, sha) if stored is not None else None
    if stored is not None and stored.sha256 == sha and ocr is not None:
        rec = store.stage(fig.figid, "recognize")
        same_meta = all(getattr(stored, k) == getattr(fig, k) for k in _META_FIELDS)
        # a new pathway scorer re-runs the stages after OCR, like a new recogniser
        scored = store.classification_version(fig.figid) == CLASSIFIER_VERSION
        chem = store.stage(fig.figid, "chemdis")
        same_chem = chem is not None and chem.version == cd_version
        drawn = store.stage(fig.figid, "edges")
        same_edges = not config.edges or (
            drawn is not None and drawn.version == interactions.stage_version()
        )
        current = same_meta and scored and same_chem and same_edges
        if rec is not None and rec.version == rec_version and current:
            return None
    base = None
    if ocr is None and stored is not None and base_version != ocr_version:
        base = store.find_ocr(fig.figid, base_version, sha)
    return Task(
        item,
        ocr,
        config.engine,
        dict(config.engine_options),
        config.recognizer,
        config.settings,
        reread=config.reread and config.engine == "rapidocr",
        base_ocr=base,
        edges=config.edges,
    )


def _inputs(
    paths: Sequence[Path], config: RunConfig, store: Store, summary: RunSummary
) -> list[FigureInput]:
    base = sidecar_base(config.db)
    workdir = config.workdir or base.with_name(base.name + ".work")
    items: list[FigureInput] = []
    for found in discover(paths, workdir, config.settings):
        if isinstance(found, IngestFailure):
            summary.failed += 1
            summary.failures.append(TaskFailure(found.source, found.figid, "ingest", found.error))
            store.record_failure(found.source, "ingest", found.figid, found.error)
            continue
        if config.only is not None and found.figure.figid not in config.only:
            continue
        items.append(found)
        if config.limit is not None and len(items) >= config.limit:
            break
    return items


def run_pipeline(
    paths: Sequence[Path], config: RunConfig, progress: Progress | None = None
) -> RunSummary:
    """Run the pipeline over images, folders, JATS files and PMC packages.

    :param paths: the inputs
    :param config: the run's options
    :param progress: receives progress events
    :returns: what the run did
    :raises InputError: for unusable options or inputs (a missing path, an unknown engine)
    """
    return _run(lambda store, summary: _inputs(paths, config, store, summary), config, progress)


def run_figures(
    items: Sequence[FigureInput], config: RunConfig, progress: Progress | None = None
) -> RunSummary:
    """Run the pipeline over figures already ingested (a harvest's fetched figures).

    :param items: the figures, each with its paper and image file
    :param config: the run's options (``only`` and ``limit`` apply)
    :param progress: receives progress events
    :returns: what the run did
    :raises InputError: for unusable options (an unknown engine)
    """

    def pick(store: Store, summary: RunSummary) -> list[FigureInput]:
        chosen = [i for i in items if config.only is None or i.figure.figid in config.only]
        return chosen[: config.limit] if config.limit is not None else chosen

    return _run(pick, config, progress)


def _run(
    gather: Callable[[Store, RunSummary], list[FigureInput]],
    config: RunConfig,
    progress: Progress | None,
) -> RunSummary:
    if config.workers < 1:
        raise InputError("--workers must be at least 1")
    start = time.perf_counter()
    summary = RunSummary()
    base_version = engine_version(config.engine, **config.engine_options)
    ocr_version = base_version
    if config.reread and config.engine == "rapidocr":
        ocr_version = reread_version(base_version)
    lexicon = load_lexicon(config.settings)
    vocabulary = load_vocabulary(config.settings, gene_namer(lexicon))
    recognizer = Recognizer(lexicon, config.recognizer)
    set_state(lexicon, vocabulary, recognizer)  # workers forked later inherit all three
    rec_version = recognizer.version
    cd_version = stage_version(vocabulary)
    with Store(config.db) as store:
        store.set_meta("lexicon_version", lexicon.version)
        items = gather(store, summary)
        summary.figures = len(items)
        tasks: list[Task] = []
        for item in items:
            task = _plan(store, item, ocr_version, rec_version, config, base_version, cd_version)
            if task is None:
                summary.skipped += 1
            else:
                tasks.append(task)
        logger.info(
            "%d figures: %d to process, %d unchanged", len(items), len(tasks), summary.skipped
        )
        if progress is not None:
            progress.start(len(tasks))
        batch = _Batch(store, config.write_batch)
        for task, result in _execute(tasks, config):
            figid = task.item.figure.figid
            if isinstance(result, TaskFailure):
                summary.failed += 1
                summary.failures.append(result)
                store.record_failure(result.source, result.stage, result.figid, result.error)
                status = "failed"
            else:
                batch.add(result)
                _count(summary, task, result)
                status = "done"
            if progress is not None:
                progress.advance(figid, status)
            done = summary.processed + summary.failed
            if done % 25 == 0:
                logger.info("%d/%d figures (%d failed)", done, len(tasks), summary.failed)
        batch.flush()
        store.set_meta("last_run", time.strftime("%Y-%m-%dT%H:%M:%S"))
        if summary.processed and config.rank_words:
            _rank_words(store)
    summary.seconds = time.perf_counter() - start
    return summary


def _rank_words(store: Store) -> None:
    """Store the common words' rankings for the data as this run left it (the site reads
    them instead of ranking in every process); a failure here loses no figure."""
    try:
        write_ranks(store)
    except Exception:
        logger.warning("ranking the common words failed; the site ranks them", exc_info=True)


#: A batch of results is written at most this long after its first result arrived.
FLUSH_SECONDS = 2.0


class _Batch:
    """Results waiting to be written: one transaction per ``size`` figures, or sooner when
    the first has waited :data:`FLUSH_SECONDS` (a killed run loses at most one batch, which
    the next run redoes)."""

    def __init__(self, store: Store, size: int) -> None:
        self.store = store
        self.size = max(1, size)
        self.pending: list[FigureBundle] = []
        self.since = 0.0

    def add(self, bundle: FigureBundle) -> None:
        if not self.pending:
            self.since = time.monotonic()
        self.pending.append(bundle)
        if len(self.pending) >= self.size or time.monotonic() - self.since >= FLUSH_SECONDS:
            self.flush()

    def flush(self) -> None:
        if self.pending:
            self.store.save_figures(self.pending)
            logger.debug("wrote %d figures in one transaction", len(self.pending))
            self.pending = []


def _count(summary: RunSummary, task: Task, result: FigureBundle) -> None:
    summary.processed += 1
    if task.ocr is not None or task.base_ocr is not None:
        summary.reused_ocr += 1
    elif result.ocr is not None:
        summary.ocr_seconds.append(result.ocr.seconds)
    summary.recognize_seconds.append(result.recognition.seconds)
    summary.genes += len(result.recognition.recognition.gene_set())


def _execute(
    tasks: list[Task], config: RunConfig
) -> Iterator[tuple[Task, FigureBundle | TaskFailure]]:
    fn: Callable[[Task], FigureBundle | TaskFailure] = process
    if config.dask:
        return run_dask(fn, tasks, config.dask, on_error=_lost)
    if config.workers > 1 and len(tasks) > 1:
        return run_pool(fn, tasks, config.workers)
    return run_inline(fn, tasks)


def _lost(task: Task, exc: BaseException) -> TaskFailure:
    """A task the cluster could not finish (its workers died every time it ran)."""
    fig = task.item.figure
    reason = " ".join(str(exc).split())[:300] or type(exc).__name__
    return TaskFailure(
        fig.source or str(task.item.image_path),
        fig.figid,
        "worker",
        f"{type(exc).__name__}: {reason}",
    )


def replace_only(config: RunConfig, only: frozenset[str]) -> RunConfig:
    """Return the config restricted to some figure ids.

    :param config: the config
    :param only: the figure ids to process
    :returns: the new config
    """
    return replace(config, only=only)
