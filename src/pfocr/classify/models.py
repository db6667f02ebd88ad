"""Pathway classification output."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Classification"]


@dataclass(frozen=True)
class Classification:
    """How much a figure looks like a pathway diagram, in [0, 1]."""

    score: float
    version: str
