"""The index of a database: cached beside it, rebuilt when the data changes."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest

from pfocr.enrich import EnrichmentIndex, cache_path, is_current
from pfocr.errors import InputError
from pfocr.store import GeneSet, Store


def test_from_db_equals_from_sets(
    make_db: Callable[[Sequence[GeneSet]], Path], helpers: Any
) -> None:
    sets = helpers.random_sets(21, n_sets=30)
    db = make_db(sets)
    query = [*sets[3].genes[:5], "G0", "G7"]
    from_db = EnrichmentIndex.from_db(db, min_genes=1).enrich(query, top=None)
    with Store(db, readonly=True) as store:
        stored = list(store.gene_sets(1))
    assert from_db == EnrichmentIndex.from_sets(stored).enrich(query, top=None)
    assert from_db[0].figid == sets[3].figid


def test_cache_is_written_read_and_rebuilt(
    make_db: Callable[[Sequence[GeneSet]], Path],
    helpers: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sets = helpers.random_sets(22, n_sets=20)
    db = make_db(sets)
    path = cache_path(db, 3)
    assert path == db.parent / "pfocr.sqlite.enrich-index-min3.npz"
    first = EnrichmentIndex.from_db(db)
    assert path.is_file()

    # a current cache is read, not rebuilt
    def no_build(*args: object, **kwargs: object) -> EnrichmentIndex:
        raise AssertionError("rebuilt although the cache is current")

    with monkeypatch.context() as m:
        m.setattr(EnrichmentIndex, "from_sets", no_build)
        again = EnrichmentIndex.from_db(db)
    assert again.enrich(["G0", "G1"]) == first.enrich(["G0", "G1"])
    assert again.data_version == first.data_version == 20

    # a write bumps the data version: the cache is stale and rebuilt
    with Store(db) as store:
        store.save_figure(helpers.figure_bundle("NEW", ["G0", "G1", "G2", "NEWGENE"]))
        assert not is_current(again, store)
    rebuilt = EnrichmentIndex.from_db(db)
    assert rebuilt.data_version == 21 and "NEWGENE" in rebuilt.gene_ids
    with Store(db, readonly=True) as store:
        assert is_current(rebuilt, store)


def test_broken_cache_is_rebuilt(
    make_db: Callable[[Sequence[GeneSet]], Path], helpers: Any
) -> None:
    db = make_db(helpers.random_sets(23, n_sets=10))
    path = cache_path(db, 3)
    path.write_bytes(b"not a zip file")
    ix = EnrichmentIndex.from_db(db)
    assert len(ix) == 10
    assert path.stat().st_size > 100  # replaced by a good one


def test_unwritable_folder_still_works(
    make_db: Callable[[Sequence[GeneSet]], Path], helpers: Any, tmp_path: Path
) -> None:
    db = make_db(helpers.random_sets(24, n_sets=10))
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder should be")
    ix = EnrichmentIndex.from_db(db, cache_dir=blocked / "sub")
    assert len(ix) == 10
    assert not any(p.name.endswith(".tmp") for p in db.parent.iterdir())


def test_cache_dir_and_min_genes(
    make_db: Callable[[Sequence[GeneSet]], Path], tmp_path: Path
) -> None:
    sets = [GeneSet("A", "", ("X", "Y")), GeneSet("B", "", ("X", "Y", "Z"))]
    db = make_db(sets)
    folder = tmp_path / "cache"
    assert len(EnrichmentIndex.from_db(db, cache_dir=folder)) == 1
    assert len(EnrichmentIndex.from_db(db, min_genes=1, cache_dir=folder)) == 2
    assert sorted(os.listdir(folder)) == [
        "pfocr.sqlite.enrich-index-min1.npz",
        "pfocr.sqlite.enrich-index-min3.npz",
    ]
    with pytest.raises(InputError, match="no figure with at least 4 genes"):
        EnrichmentIndex.from_db(db, min_genes=4, use_cache=False)
    with pytest.raises(InputError, match="no database"):
        EnrichmentIndex.from_db(tmp_path / "missing.sqlite")


def test_titles_survive_the_cache(make_db: Callable[[Sequence[GeneSet]], Path]) -> None:
    title = "NF-κB signalling — Müller et al. 图"
    db = make_db([GeneSet("F1", title, ("A", "B", "C")), GeneSet("F2", "", ("A", "D", "E"))])
    EnrichmentIndex.from_db(db)  # builds and writes the cache
    cached = EnrichmentIndex.from_db(db)
    assert [r.title for r in cached.enrich(["B", "C"])] == [title]
    # an untitled figure is named as the site names it: here by its paper's title
    assert list(cached.titles) == [title, "Paper of F2"] and cached.figids[-1] == "F2"


def test_untitled_figures_are_named_by_their_captions_in_the_index(
    tmp_path: Path, helpers: Any
) -> None:
    """The site's enrichment answers from the index alone: a figure without a title has
    its caption's first sentence there (the store is not read for it per request)."""
    db = tmp_path / "pfocr.sqlite"
    with Store(db) as store:
        store.save_figure(
            helpers.figure_bundle("F1", ("A", "B", "C"), caption="Fig. 1. TLR4 signals. More.")
        )
        store.save_figure(
            helpers.figure_bundle("F2", ("A", "B", "D"), title="Given title", caption="X.")
        )
    index = EnrichmentIndex.from_db(db)
    assert dict(zip(index.figids, index.titles, strict=True)) == {
        "F1": "TLR4 signals",
        "F2": "Given title",
    }
    with Store(db, readonly=True) as store:  # GMT export keeps the figure's own title
        assert [(g.figid, g.title) for g in store.gene_sets(1)] == [
            ("F1", ""),
            ("F2", "Given title"),
        ]
