"""``pfocr run``: process figures into the database, with a progress bar and a summary."""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from pathlib import Path
from types import TracebackType
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from pfocr.cli.app import DbOption, app, guarded
from pfocr.errors import InputError
from pfocr.images import IMAGE_EXTENSIONS
from pfocr.ocr.runtime import Device, Runtime
from pfocr.pipeline import RunConfig, RunSummary, run_pipeline
from pfocr.settings import Settings

__all__ = [
    "BarProgress",
    "DeviceOption",
    "RereadOption",
    "RuntimeOption",
    "engine_options",
    "print_summary",
]

WorkersOption = Annotated[
    int | None, typer.Option("--workers", "-j", help="Worker processes (default: one per core)")
]
EngineOption = Annotated[str, typer.Option("--ocr", help="OCR engine: rapidocr or tesseract")]
DaskOption = Annotated[
    str | None, typer.Option("--dask", help="Dask scheduler address, or 'local'")
]
UpscaleOption = Annotated[
    str,
    typer.Option(
        "--upscale",
        help="OCR upscaling: 'auto' (2x below 1000 px), a factor, or 'auto+1' (plus a 1x pass)",
    ),
]

DetectorOption = Annotated[
    bool,
    typer.Option(
        "--second-detector/--one-detector",
        help="rapidocr: also read figures under 1200 px with a second text detector",
    ),
]


DeviceOption = Annotated[
    str,
    typer.Option(
        "--device",
        help="rapidocr: where the models run, 'cpu' or 'cuda' (onnxruntime-gpu; "
        "falls back to the CPU with a warning)",
    ),
]

RuntimeOption = Annotated[
    str,
    typer.Option(
        "--runtime",
        help=(
            "rapidocr on the CPU: 'auto' (the detector on OpenVINO on Intel CPUs), "
            "'onnxruntime' or 'openvino'"
        ),
    ),
]


RereadOption = Annotated[
    bool,
    typer.Option(
        "--reread/--no-reread", help="Read words OCR was unsure of again from their crops"
    ),
]


class BarProgress:
    """A rich progress bar on stderr (drawn only on a terminal)."""

    def __init__(self) -> None:
        console = Console(stderr=True)
        self._bar = Progress(
            TextColumn("[bold]pfocr run"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[failed]} failed"),
            TimeRemainingColumn(),
            console=console,
            disable=not sys.stderr.isatty(),
        )
        self._task = self._bar.add_task("figures", total=0, failed=0)
        self._failed = 0

    def __enter__(self) -> BarProgress:
        self._bar.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._bar.stop()

    def start(self, total: int) -> None:
        """Set the number of figures.

        :param total: figures to process
        """
        self._bar.update(self._task, total=total)

    def advance(self, figid: str, status: str) -> None:
        """Count one figure.

        :param figid: the figure
        :param status: ``done`` or ``failed``
        """
        if status == "failed":
            self._failed += 1
        self._bar.update(self._task, advance=1, failed=self._failed)


def print_summary(summary: RunSummary) -> None:
    """Print a run's summary and its failures on stderr.

    :param summary: the summary
    """
    typer.echo(summary.describe(), err=True)
    reasons = summary.failure_reasons()
    if reasons:
        typer.echo("failed, by reason:", err=True)
        for reason, n in reasons.most_common():
            typer.echo(f"  {n:>5} x {reason}", err=True)
    for f in summary.failures[:50]:
        typer.echo(f"  failed [{f.stage}] {f.source}: {f.error}", err=True)
    if len(summary.failures) > 50:
        typer.echo(f"  ... and {len(summary.failures) - 50} more failures", err=True)


def _choices(values: type[StrEnum]) -> str:
    quoted = [f"'{v}'" for v in values]
    return ", ".join(quoted[:-1]) + " or " + quoted[-1]


def engine_options(
    upscale: str,
    second_detector: bool = True,
    *,
    engine: str = "rapidocr",
    device: str = "cpu",
    runtime: str = "auto",
) -> dict[str, object]:
    """Turn CLI OCR options into engine options (defaults are left out, so the engine
    and its stage version are those of a run that did not name them).

    :param upscale: ``auto`` or a number
    :param second_detector: rapidocr's second text detector (on by default)
    :param engine: the OCR engine the options are for
    :param device: rapidocr: ``cpu`` or ``cuda``
    :param runtime: rapidocr on the CPU: ``auto``, ``onnxruntime`` or ``openvino``
    :returns: the options
    :raises typer.BadParameter: for a bad factor, device or runtime
    """
    options: dict[str, object] = {} if second_detector else {"second_detector": False}
    if device not in set(Device):
        raise typer.BadParameter(f"--device takes {_choices(Device)}")
    if runtime not in set(Runtime):
        raise typer.BadParameter(f"--runtime takes {_choices(Runtime)}")
    if (device, runtime) != ("cpu", "auto"):
        if engine != "rapidocr":
            raise typer.BadParameter(
                f"--device and --runtime are rapidocr's; {engine} runs on the CPU"
            )
        options |= {"device": device} if device != "cpu" else {}
        options |= {"runtime": runtime} if runtime != "auto" else {}
    if upscale == "auto":
        return options
    main, plus, extra = upscale.partition("+")
    try:
        factors = [float(x) for x in ([extra] if plus else []) + ([] if main == "auto" else [main])]
    except ValueError as exc:
        raise typer.BadParameter("--upscale takes 'auto', a number, or 'auto+1'") from exc
    if not all(0.25 <= f <= 4 for f in factors):
        raise typer.BadParameter("--upscale factors must be between 0.25 and 4")
    return options | {"upscale": upscale if plus or main == "auto" else float(main)}


@app.command("run")
@guarded
def run_cmd(
    inputs: Annotated[
        list[Path], typer.Argument(help="Images, folders, JATS .nxml files or PMC .tar.gz packages")
    ],
    db: DbOption = "pfocr.sqlite",
    workers: WorkersOption = None,
    dask: DaskOption = None,
    ocr: EngineOption = "rapidocr",
    limit: Annotated[int | None, typer.Option("--limit", min=1, help="At most N figures")] = None,
    upscale: UpscaleOption = "auto",
    second_detector: DetectorOption = True,
    reread: RereadOption = True,
    device: DeviceOption = "cpu",
    runtime: RuntimeOption = "auto",
    edges: Annotated[
        bool,
        typer.Option(
            "--edges/--no-edges",
            help="Also read the interactions (arrows) between recognised nodes: a draft, "
            "off by default (docs/interactions.md)",
        ),
    ] = False,
    rank_words: Annotated[
        bool,
        typer.Option(
            "--rank-words/--no-rank-words",
            help="After writing, rank the searches of words in 1,000 or more figures once "
            "and store them for the site (at 110,000 figures: 18 s on SQLite, minutes on "
            "PostgreSQL; without, the site ranks them itself)",
        ),
    ] = True,
) -> None:
    """Process figures: ingest, OCR, recognise genes, find organisms, store."""
    config = RunConfig(
        db=db,
        workers=workers or os.cpu_count() or 1,
        engine=ocr,
        engine_options=engine_options(
            upscale, second_detector, engine=ocr, device=device, runtime=runtime
        ),
        reread=reread,
        limit=limit,
        dask=dask,
        settings=Settings(),
        edges=edges,
        rank_words=rank_words,
    )
    with BarProgress() as bar:
        summary = run_pipeline(inputs, config, bar)
    if summary.figures == 0 and summary.failed == 0:
        where = ", ".join(str(p) for p in inputs)
        raise InputError(f"no images found in {where} (extensions: {', '.join(IMAGE_EXTENSIONS)})")
    print_summary(summary)
    if summary.failed and not summary.processed and not summary.skipped:
        typer.echo(f"error: every input failed ({summary.failed})", err=True)
        raise typer.Exit(code=1)
