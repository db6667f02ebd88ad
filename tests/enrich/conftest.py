"""Enrichment fixtures: real tiny stores, random gene sets, a hand-built lexicon."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import pytest

from pfocr.ingest import Figure, Paper
from pfocr.lexicon import Gene, Lexicon, Term, norm_key
from pfocr.recognize import Mention, Recognition
from pfocr.species import Organism
from pfocr.store import FigureBundle, GeneSet, RecognitionBundle, Store

BOX = ((0.0, 0.0), (10.0, 0.0), (10.0, 5.0), (0.0, 5.0))


def figure_bundle(
    figid: str,
    genes: Sequence[str],
    title: str = "",
    caption: str = "",
    year: int | None = 2020,
    organisms: Sequence[Organism] = (),
) -> FigureBundle:
    """A figure whose accepted mentions are exactly ``genes``."""
    mentions = tuple(
        Mention(i, i + 1, g, g, "symbol", f"HGNC:{g}", g, None, 0.9, BOX)
        for i, g in enumerate(genes)
    )
    pmcid = f"PMC{figid}"
    return FigureBundle(
        figure=Figure(figid, pmcid=pmcid, figtitle=title, caption=caption, sha256=f"sha-{figid}"),
        paper=Paper(pmcid, papertitle=f"Paper of {figid}", year=year),
        image_bytes=b"img",
        image_mime="image/png",
        ocr=None,
        recognition=RecognitionBundle(Recognition("test", mentions), tuple(organisms), None, "", 0),
    )


def save_sets(path: Path, sets: Sequence[GeneSet]) -> Path:
    """Write gene sets into a new store as figures; returns the database path."""
    with Store(path) as store:
        for s in sets:
            store.save_figure(figure_bundle(s.figid, s.genes, s.title))
    return path


def random_sets(seed: int, n_sets: int = 60, n_genes: int = 150) -> list[GeneSet]:
    """Gene sets of 3..40 genes over ``G0..G{n}``, popular genes in many sets."""
    rng = np.random.default_rng(seed)
    weights = 1.0 / (np.arange(n_genes) + 5.0)
    weights /= weights.sum()
    out = []
    for i in range(n_sets):
        size = int(rng.integers(3, 41))
        picked = rng.choice(n_genes, size=size, replace=False, p=weights)
        out.append(GeneSet(f"FIG{i:03d}", f"figure {i}", tuple(f"G{g}" for g in picked)))
    return out


def write_gmt(path: Path, sets: Sequence[GeneSet]) -> Path:
    """Write sets as GMT."""
    path.write_text(
        "".join(f"{s.figid}\t{s.title}\t" + "\t".join(s.genes) + "\n" for s in sets),
        encoding="utf-8",
    )
    return path


def small_lexicon() -> Lexicon:
    """Five genes; MAP3K14 was NIK (alias) and BIRC2 was API1 (previous); KIAA is ambiguous."""
    genes = [
        Gene(f"HGNC:{i}", s, s.lower(), None, "protein-coding gene", "gene", (), 10)
        for i, s in enumerate(["BIRC2", "MAP3K14", "TNF", "C1orf112", "RELB"], start=1)
    ]
    terms = [Term(norm_key(g.symbol), g.symbol, "HGNC", g.hgnc_id, "symbol", "hgnc") for g in genes]
    terms += [
        Term(norm_key("NIK"), "NIK", "HGNC", "HGNC:2", "alias", "hgnc"),
        Term(norm_key("API1"), "API1", "HGNC", "HGNC:1", "previous", "hgnc"),
        Term(norm_key("KIAA"), "KIAA", "HGNC", "HGNC:3", "alias", "hgnc"),
        Term(norm_key("KIAA"), "KIAA", "HGNC", "HGNC:5", "alias", "hgnc"),
    ]
    return Lexicon("test-lexicon", genes, terms)


class Helpers:
    """Builders handed to tests through the ``helpers`` fixture."""

    figure_bundle = staticmethod(figure_bundle)
    save_sets = staticmethod(save_sets)
    random_sets = staticmethod(random_sets)
    write_gmt = staticmethod(write_gmt)
    small_lexicon = staticmethod(small_lexicon)


@pytest.fixture
def helpers() -> type[Helpers]:
    """The builders above."""
    return Helpers


@pytest.fixture
def lexicon_small() -> Lexicon:
    """The five-gene lexicon."""
    return small_lexicon()


@pytest.fixture
def make_db(tmp_path: Path) -> Callable[[Sequence[GeneSet]], Path]:
    """Build a store from gene sets (one per call, in a fresh folder)."""
    counter = iter(range(1000))

    def make(sets: Sequence[GeneSet]) -> Path:
        folder = tmp_path / f"db{next(counter)}"
        folder.mkdir()
        return save_sets(folder / "pfocr.sqlite", sets)

    return make
