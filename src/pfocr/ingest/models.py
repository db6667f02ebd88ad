"""Records produced by ingestion: papers, figures and where their images are."""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

__all__ = ["FIGURE_FIELDS", "PAPER_FIELDS", "Figure", "FigureInput", "IngestFailure", "Paper"]


@dataclass(frozen=True)
class Paper:
    """The paper a figure was published in (DESIGN §2)."""

    pmcid: str
    pmid: str | None = None
    doi: str | None = None
    papertitle: str | None = None
    reftext: str | None = None
    year: int | None = None
    journal_title: str | None = None
    journal_nlm_ta: str | None = None
    publisher_name: str | None = None


@dataclass(frozen=True)
class Figure:
    """One figure (DESIGN §2); ``sha256``, ``width`` and ``height`` come from the image stage."""

    figid: str
    pmcid: str | None = None
    filename: str | None = None
    number: str | None = None
    figtype: str = "Figure"
    figtitle: str | None = None
    caption: str | None = None
    figlink: str | None = None
    sha256: str | None = None
    width: int | None = None
    height: int | None = None
    source: str | None = None


@dataclass(frozen=True)
class FigureInput:
    """What ingestion yields: a figure, its paper (if known) and the image file to read."""

    figure: Figure
    paper: Paper | None
    image_path: Path


@dataclass(frozen=True)
class IngestFailure:
    """An input that could not be turned into a figure; ingestion goes on without it.

    :param source: the file (or ``archive:member``, or ``file.nxml#fig-id``) that failed
    :param error: what is wrong, on one line
    :param figid: the figure's id when it was known before the failure
    """

    source: str
    error: str
    figid: str | None = None


PAPER_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Paper))
FIGURE_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Figure))


def pick(data: dict[str, Any], names: tuple[str, ...]) -> dict[str, Any]:
    """Return the items of ``data`` whose keys are in ``names`` and whose values are set.

    :param data: a mapping, e.g. a parsed sidecar
    :param names: the field names to keep
    :returns: the filtered mapping
    """
    return {k: data[k] for k in names if k in data and data[k] not in (None, "")}
