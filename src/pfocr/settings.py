"""Settings, declared once with their defaults and help (precedence: code < env < CLI).

Every setting can be overridden by a ``PFOCR_<NAME>`` environment variable; the CLI
passes explicit options on top.
"""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

__all__ = ["Settings", "default_cache_dir"]


def default_cache_dir() -> Path:
    """Return the user cache directory for downloads and compiled lexicons.

    :returns: ``$XDG_CACHE_HOME/pfocr`` or ``~/.cache/pfocr``.
    """
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "pfocr"


class Settings(BaseSettings):
    """Run-time settings of pfocr."""

    model_config = SettingsConfigDict(env_prefix="PFOCR_", extra="forbid", frozen=True)

    data_dir: Path | None = Field(
        None,
        description="Folder with hgnc/hgnc_complete_set.txt.gz (and ncbi/*.gene_info.gz) to use "
        "instead of downloading",
    )
    cache_dir: Path = Field(
        default_factory=default_cache_dir, description="Where downloads and lexicons are cached"
    )
    lexicon: Path | None = Field(None, description="A compiled lexicon file to use")
    vocabulary: Path | None = Field(
        None, description="A compiled chemical and disease vocabulary file to use"
    )
    max_image_bytes: int = Field(64 * 2**20, description="Largest image file accepted, in bytes")
    max_image_pixels: int = Field(
        120_000_000, description="Largest decoded image accepted, in pixels (decompression bombs)"
    )
    max_archive_member_bytes: int = Field(
        256 * 2**20, description="Largest single member extracted from a PMC package, in bytes"
    )
    max_archive_bytes: int = Field(
        2 * 2**30, description="Largest total size extracted from one PMC package, in bytes"
    )
