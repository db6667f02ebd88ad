"""Organism detection output."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["ROLES", "Organism"]

#: ``host``: the organism the figure's gene set belongs to; ``drawn``: another organism
#: whose genes or proteins the figure draws (a virus's proteins); ``named``: named only
ROLES = ("host", "drawn", "named")


@dataclass(frozen=True)
class Organism:
    """An organism a figure is about, with the evidence for it."""

    taxid: int
    name: str
    evidence: str
    role: str = "named"
    #: mammal, vertebrate, invertebrate, plant, fungus, protist, bacterium, virus ...
    group: str = ""

    @property
    def draws(self) -> bool:
        """The figure draws this organism's genes or proteins (``organisms_ner``)."""
        return self.role in ("host", "drawn")
