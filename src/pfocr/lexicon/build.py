"""Compile the lexicon from HGNC, FamPlex and the curated complexes, and find or build the
default one."""

from __future__ import annotations

import functools
import hashlib
import logging
from pathlib import Path

from pfocr.errors import InputError
from pfocr.lexicon.complexes import complexes_table, read_complexes
from pfocr.lexicon.download import HGNC_URL, download
from pfocr.lexicon.famplex import famplex_dir, famplex_version, read_famplex
from pfocr.lexicon.hgnc import read_hgnc
from pfocr.lexicon.lexicon import Lexicon
from pfocr.settings import Settings

__all__ = [
    "BUILDER_VERSION",
    "build_lexicon",
    "default_lexicon_path",
    "hgnc_source",
    "load_lexicon",
]

logger = logging.getLogger(__name__)

#: Bumped whenever the compiled content would change for the same sources.
BUILDER_VERSION = "6"


def hgnc_source(settings: Settings) -> Path:
    """Return the HGNC complete set to compile from: ``PFOCR_DATA_DIR`` or a cached download.

    :param settings: the settings
    :returns: the file
    :raises InputError: when the data folder lacks the file, or the download fails
    """
    if settings.data_dir is not None:
        for name in ("hgnc_complete_set.txt.gz", "hgnc_complete_set.txt"):
            path = settings.data_dir / "hgnc" / name
            if path.is_file():
                return path
        raise InputError(f"no hgnc/hgnc_complete_set.txt[.gz] in data folder {settings.data_dir}")
    cached = settings.cache_dir / "downloads" / "hgnc_complete_set.txt"
    if not cached.is_file():
        download(HGNC_URL, cached)
    return cached


def _digest(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()[:12]


def default_lexicon_path(settings: Settings) -> Path:
    """Return where the lexicon compiled from the current sources lives in the cache.

    :param settings: the settings
    :returns: ``<cache>/lexicon/lexicon-<hgnc digest>-fplx<version>-b<builder>-c<curated
        complexes digest>.json.gz``
    """
    source = hgnc_source(settings)
    curated = hashlib.sha256(complexes_table().encode()).hexdigest()[:8]
    name = (
        f"lexicon-{_digest(source)}-fplx{famplex_version()}-b{BUILDER_VERSION}-c{curated}.json.gz"
    )
    return settings.cache_dir / "lexicon" / name


def build_lexicon(hgnc_path: Path) -> Lexicon:
    """Compile a lexicon from an HGNC complete set and the installed FamPlex tables.

    :param hgnc_path: the HGNC file
    :returns: the lexicon
    """
    hgnc = read_hgnc(hgnc_path)
    families, fterms = read_famplex(hgnc.genes, famplex_dir())
    complexes, cterms = read_complexes({g.symbol: g for g in hgnc.genes})
    families, fterms = families + complexes, fterms + cterms
    version = f"hgnc{hgnc.date}+famplex{famplex_version()}+b{BUILDER_VERSION}"
    logger.info("lexicon %s: %d genes, %d families", version, len(hgnc.genes), len(families))
    return Lexicon(
        version,
        hgnc.genes,
        hgnc.terms + fterms,
        families,
        hgnc.group_names,
        {"hgnc": str(hgnc_path.name), "hgnc_date": hgnc.date, "famplex": famplex_version()},
    )


@functools.lru_cache(maxsize=4)
def _load(path: Path) -> Lexicon:
    return Lexicon.load(path)


def load_lexicon(settings: Settings | None = None) -> Lexicon:
    """Load the lexicon: ``PFOCR_LEXICON`` if set, else the cached build, compiling it first.

    :param settings: the settings (read from the environment when None)
    :returns: the lexicon (cached per process)
    """
    settings = settings or Settings()
    if settings.lexicon is not None:
        return _load(settings.lexicon)
    path = default_lexicon_path(settings)
    if not path.is_file():
        logger.info("compiling lexicon into %s", path)
        build_lexicon(hgnc_source(settings)).save(path)
    return _load(path)
