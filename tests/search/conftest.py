"""Search fixtures: a real store of random figures (genes, words, organisms, years)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest

from pfocr.ingest import Figure, Paper
from pfocr.recognize import Mention, Recognition
from pfocr.species import Organism
from pfocr.store import FigureBundle, RecognitionBundle, Store
from pfocr.store.target import DbTarget

BOX = ((0.0, 0.0), (10.0, 0.0), (10.0, 5.0), (0.0, 5.0))
WORDS = ["apoptosis", "signaling", "NF-kB", "inflammation", "kinase", "cancer", "Wnt", "müller"]
ORGANISMS = [
    Organism(9606, "Homo sapiens", "caption", "host", "mammal"),
    Organism(10090, "Mus musculus", "caption", "drawn", "mammal"),
    Organism(10116, "Rattus norvegicus", "title", "drawn", "mammal"),
]


@dataclass(frozen=True)
class Fig:
    """What a test figure holds (the brute-force side of the tests)."""

    figid: str
    genes: tuple[str, ...]
    title: str
    caption: str
    papertitle: str
    year: int | None
    organisms: tuple[Organism, ...]


def bundle(fig: Fig) -> FigureBundle:
    mentions = tuple(
        Mention(i, i + 1, g, g, "symbol", f"HGNC:{g}", g, None, 0.9, BOX)
        for i, g in enumerate(fig.genes)
    )
    pmcid = f"PMC{fig.figid}"
    return FigureBundle(
        figure=Figure(fig.figid, pmcid=pmcid, figtitle=fig.title, caption=fig.caption, sha256="s"),
        paper=Paper(pmcid, papertitle=fig.papertitle, year=fig.year),
        image_bytes=b"img",
        image_mime="image/png",
        ocr=None,
        recognition=RecognitionBundle(Recognition("t", mentions), fig.organisms, None, "", 0),
    )


def random_figs(seed: int = 0, count: int = 60) -> list[Fig]:
    rng = np.random.default_rng(seed)
    genes = [
        "BIRC2",
        "MAP3K14",
        "TNF",
        "RELB",
        "NFKB2",
        "TP53",
        "C1orf112",
        *[f"G{i}" for i in range(30)],
    ]
    figs = []
    for i in range(count):
        picked = tuple(rng.choice(genes, size=int(rng.integers(1, 9)), replace=False).tolist())
        words = rng.choice(WORDS, size=3).tolist()
        year = None if i % 10 == 0 else int(rng.integers(2000, 2024))
        orgs = tuple(o for o in ORGANISMS if rng.random() < 0.4)
        figs.append(
            Fig(
                f"F{i:03d}",
                picked,
                f"{words[0]} pathway {i}",
                f"The {words[1]} cascade and {words[2]} in cells.",
                "A study of " + words[0],
                year,
                orgs,
            )
        )
    return figs


@pytest.fixture(scope="module")
def figs() -> list[Fig]:
    """The figures of :func:`search_db`."""
    return random_figs()


@pytest.fixture(scope="module", params=("sqlite", "postgresql"))
def search_db(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, figs: Sequence[Fig]
) -> DbTarget:
    """A store of the random figures, on each database."""
    return make_store(request, tmp_path_factory.mktemp("search") / "pfocr.sqlite", figs)


def make_store(request: pytest.FixtureRequest, sqlite: Path, figs: Sequence[Fig]) -> DbTarget:
    """Write figures into a new store: the SQLite file, or a new database of the
    session's PostgreSQL server where the fixture's parameter says ``postgresql``.

    :param request: the fixture's request (its parameter names the database)
    :param sqlite: the SQLite file to use
    :param figs: the figures
    :returns: the store
    """
    path: DbTarget = sqlite
    if request.param == "postgresql":
        path = request.getfixturevalue("pg_server").create_database()
    with Store(path) as store:
        for fig in figs:
            store.save_figure(bundle(fig))
    return path
