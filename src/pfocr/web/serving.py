"""Building the site for ``pfocr serve``, in this process or in each of several server
processes (uvicorn's ``--workers``: it imports :func:`app_from_env` in every process)."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from fastapi import FastAPI

from pfocr.store.target import DbTarget, is_postgres
from pfocr.web.app import create_app
from pfocr.web.config import WebConfig
from pfocr.web.services import gene_names, gene_synonyms, local_lexicon

__all__ = [
    "ENV_DB",
    "ENV_LEXICON",
    "ENV_PAGES",
    "ENV_PAGE_CACHE_MB",
    "app_from_env",
    "build_site",
    "site_config",
]

#: Where a server process finds its store and whether to load the lexicon.
ENV_DB = "PFOCRWEB_DB"
ENV_LEXICON = "PFOCRWEB_LEXICON"
ENV_PAGE_CACHE_MB = "PFOCRWEB_PAGE_CACHE_MB"
ENV_PAGES = "PFOCRWEB_PAGES"


def _target(value: str) -> DbTarget:
    return value if is_postgres(value) else Path(value)


def site_config(
    use_lexicon: bool, page_cache_mb: float | None = None, page_file: Path | None = None
) -> WebConfig:
    """The options ``pfocr serve`` gives its site (``pfocr pages`` renders with the same,
    so that the pages it keeps are the site's).

    :param use_lexicon: load the lexicon already on this machine (never downloads)
    :param page_cache_mb: memory for kept pages per process (None: the default)
    :param page_file: the site's page file (None: none)
    :returns: the options
    """
    lex = local_lexicon() if use_lexicon else None
    config = WebConfig(
        gene_names=gene_names(lex),
        gene_synonyms=gene_synonyms(lex),
        resolver=lex,
        page_file=page_file,
    )
    if page_cache_mb is not None:
        config = replace(config, cache_pages_mb=page_cache_mb)
    return config


def build_site(
    db: DbTarget,
    use_lexicon: bool,
    page_cache_mb: float | None = None,
    page_file: Path | None = None,
) -> FastAPI:
    """The site over a store, with gene names and alias mapping from the local lexicon.

    :param db: the store
    :param use_lexicon: load the lexicon already on this machine (never downloads)
    :param page_cache_mb: memory for kept pages per process (None: the default)
    :param page_file: the site's page file (None: none)
    :returns: the app
    """
    return create_app(db, site_config(use_lexicon, page_cache_mb, page_file))


def app_from_env() -> FastAPI:
    """The site of one server process, from :data:`ENV_DB` and :data:`ENV_LEXICON`.

    :returns: the app
    """
    mb = os.environ.get(ENV_PAGE_CACHE_MB)
    pages = os.environ.get(ENV_PAGES)
    return build_site(
        _target(os.environ[ENV_DB]),
        os.environ.get(ENV_LEXICON, "1") == "1",
        float(mb) if mb else None,
        Path(pages) if pages else None,
    )
