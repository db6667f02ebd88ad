"""What recognition knows about a figure beyond its OCR words."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from pfocr.lexicon.normalize import norm_key

__all__ = ["FigureContext", "text_keys"]

_TOKEN = re.compile(r"[^\s,;:()\[\]{}]+")


def text_keys(text: str) -> frozenset[str]:
    """Return lookup keys of the words and word pairs of a free text (caption, title).

    :param text: the text
    :returns: the keys
    """
    words = [w.strip(".'\"") for w in _TOKEN.findall(text)]
    keys = {norm_key(w) for w in words}
    keys |= {norm_key(a + b) for a, b in itertools.pairwise(words)}
    for w in words:
        # "cIAP1/2" in a caption: its parts are context too
        for part in re.split(r"[/]", w):
            keys.add(norm_key(part))
    keys.discard("")
    return frozenset(keys)


@dataclass(frozen=True)
class FigureContext:
    """Text around the figure and what the species stage found.

    ``taxids`` are NCBI taxonomy ids of the organisms the figure is about;
    ``nonmammalian`` is set when the figure's host is no vertebrate (a yeast, plant or
    insect figure), ``animal_host`` beside it when that host is an animal (a clam, a
    worm); ``pathogen`` when a virus or bacterium is named.
    """

    title: str = ""
    caption: str = ""
    paper_title: str = ""
    taxids: tuple[int, ...] = ()
    nonmammalian: bool = False
    pathogen: bool = False
    keys: frozenset[str] = field(default=frozenset(), compare=False)
    animal_host: bool = False

    @classmethod
    def from_text(
        cls,
        title: str | None = None,
        caption: str | None = None,
        paper_title: str | None = None,
        *,
        taxids: tuple[int, ...] = (),
        nonmammalian: bool = False,
        pathogen: bool = False,
        animal_host: bool = False,
    ) -> FigureContext:
        """Build a context, computing the caption/title keys once.

        :param title: figure title
        :param caption: figure caption
        :param paper_title: the paper's title
        :param taxids: organisms found
        :param nonmammalian: the figure is about non-mammalian organisms only
        :param pathogen: a virus or bacterium is named
        :param animal_host: the host that is no vertebrate is an animal
        :returns: the context
        """
        text = " ".join(t for t in (title, caption, paper_title) if t)
        return cls(
            title or "",
            caption or "",
            paper_title or "",
            taxids,
            nonmammalian,
            pathogen,
            text_keys(text),
            animal_host,
        )
