"""Organism detection output."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Organism"]


@dataclass(frozen=True)
class Organism:
    """An organism a figure is about, with the evidence for it."""

    taxid: int
    name: str
    evidence: str
