"""Packages import their heavy stages on first use: the store and the site start without
scipy, scikit-image or wordfreq."""

from __future__ import annotations

import subprocess
import sys

import pytest

import pfocr.chemdis
import pfocr.edges
import pfocr.harvest
import pfocr.ingest
import pfocr.lexicon
import pfocr.ocr
import pfocr.recognize
import pfocr.species

PACKAGES = [
    pfocr.chemdis,
    pfocr.edges,
    pfocr.harvest,
    pfocr.ingest,
    pfocr.lexicon,
    pfocr.ocr,
    pfocr.recognize,
    pfocr.species,
]


def _loaded_after(statement: str) -> set[str]:
    code = f"{statement}; import sys; print(' '.join(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(out.stdout.split())


@pytest.mark.parametrize("package", PACKAGES, ids=lambda p: p.__name__)
def test_every_public_name_resolves_to_its_definition(package: object) -> None:
    for name in package.__all__:  # type: ignore[attr-defined]
        value = getattr(package, name)
        assert value is not None, name
        home = getattr(value, "__module__", None)
        if home is not None and home.startswith("pfocr."):
            defined = sys.modules[home]
            assert getattr(defined, getattr(value, "__name__", name), value) is value, name


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        _ = pfocr.edges.nothing  # type: ignore[attr-defined]
    assert not hasattr(pfocr.chemdis, "nothing")


def test_the_store_and_a_run_without_edges_leave_the_heavy_stages_unloaded() -> None:
    store = _loaded_after("import pfocr.store")
    assert not {"scipy", "skimage", "wordfreq", "pfocr.edges.reader"} & store
    assert "pfocr.chemdis.vocabulary" in store  # what the store needs is there
    run = _loaded_after("import pfocr.cli")
    assert "pfocr.edges.reader" not in run and "scipy.ndimage" not in run
    edges = _loaded_after("from pfocr.edges import find_edges")
    assert "pfocr.edges.reader" in edges
