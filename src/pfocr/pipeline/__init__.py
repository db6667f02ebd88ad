"""The pipeline: wires the stages over many figures and persists their results."""

from pfocr.pipeline.runner import Progress, RunConfig, RunSummary, run_pipeline
from pfocr.pipeline.work import Task, TaskFailure, process

__all__ = ["Progress", "RunConfig", "RunSummary", "Task", "TaskFailure", "process", "run_pipeline"]
