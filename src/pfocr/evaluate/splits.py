"""Deterministic tune/holdout split of evaluation figures (tune on one, report on both)."""

from __future__ import annotations

import hashlib

__all__ = ["SPLITS", "in_split"]

SPLITS = ("all", "tune", "holdout")


def in_split(figid: str, split: str) -> bool:
    """Say whether a figure belongs to a split; half the figures, by a hash of the figid.

    :param figid: the figure
    :param split: ``all``, ``tune`` or ``holdout``
    :returns: membership
    """
    if split == "all":
        return True
    bucket = hashlib.sha256(figid.encode()).digest()[0] % 2
    return (bucket == 0) == (split == "tune")
