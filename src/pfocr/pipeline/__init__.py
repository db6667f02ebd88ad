"""The pipeline: wires the stages over many figures and persists their results."""

from pfocr.pipeline.runner import Progress, RunConfig, RunSummary, run_figures, run_pipeline
from pfocr.pipeline.work import Task, TaskFailure, analyse, process

__all__ = [
    "Progress",
    "RunConfig",
    "RunSummary",
    "Task",
    "TaskFailure",
    "analyse",
    "process",
    "run_figures",
    "run_pipeline",
]
