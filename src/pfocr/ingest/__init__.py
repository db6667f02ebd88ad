"""ingest stage: find figures and their papers in images, folders, JATS and PMC packages.

:func:`discover` yields one :class:`FigureInput` per figure, or an
:class:`IngestFailure` for an input that cannot be used, and goes on.
"""

from typing import TYPE_CHECKING

from pfocr.ingest.models import (
    FIGURE_FIELDS,
    PAPER_FIELDS,
    Figure,
    FigureInput,
    IngestFailure,
    Paper,
)
from pfocr.lazy import lazy_attributes

if TYPE_CHECKING:
    from pfocr.ingest.archive import extract_package, is_archive
    from pfocr.ingest.finder import discover
    from pfocr.ingest.jats import JatsArticle, JatsFigure, jats_figure, parse_jats
    from pfocr.ingest.sidecar import normalise_pmcid, read_sidecar

__all__ = [
    "FIGURE_FIELDS",
    "PAPER_FIELDS",
    "Figure",
    "FigureInput",
    "IngestFailure",
    "JatsArticle",
    "JatsFigure",
    "Paper",
    "discover",
    "extract_package",
    "is_archive",
    "jats_figure",
    "normalise_pmcid",
    "parse_jats",
    "read_sidecar",
]

__getattr__ = lazy_attributes(
    __name__,
    {
        "extract_package": "archive",
        "is_archive": "archive",
        "discover": "finder",
        "JatsArticle": "jats",
        "JatsFigure": "jats",
        "jats_figure": "jats",
        "parse_jats": "jats",
        "normalise_pmcid": "sidecar",
        "read_sidecar": "sidecar",
    },
)
