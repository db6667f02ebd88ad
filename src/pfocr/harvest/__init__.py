"""harvest stage: find pathway figures in PubMed Central and fetch them, losing none.

Discovery searches NCBI E-utilities (``esearch``, ``db=pmc``) window by window,
splitting any window with more hits than one search serves; content comes from
``efetch`` (JATS) and figure images from the PMC Cloud Service. Every window, page,
article and image is recorded in a ledger, so a rerun fetches only what is missing.
``pfocr.pipeline.harvest`` wires it to the store and the rest of the pipeline.
"""

from typing import TYPE_CHECKING

from pfocr.harvest.ledger import ArticleRow, ImagePlan, ImageRow, Ledger, LedgerSummary, WindowRow
from pfocr.harvest.query import (
    DEFAULT_CAPTION_PATTERN,
    PFOCR_PHRASES,
    Window,
    default_query,
    month_window,
    parse_day,
    query_key,
)
from pfocr.lazy import lazy_attributes

if TYPE_CHECKING:
    from pfocr.harvest.discover import Discovery, SearchReport
    from pfocr.harvest.eutils import DEFAULT_EUTILS, EUtils, FetchedArticle, SearchPage
    from pfocr.harvest.harvester import Harvester, HarvestOptions, PhaseCounts
    from pfocr.harvest.http import FetchError, HttpClient, HttpPolicy, RateLimiter
    from pfocr.harvest.media import DEFAULT_MEDIA_URL, MediaSource

__all__ = [
    "DEFAULT_CAPTION_PATTERN",
    "DEFAULT_EUTILS",
    "DEFAULT_MEDIA_URL",
    "PFOCR_PHRASES",
    "ArticleRow",
    "Discovery",
    "EUtils",
    "FetchError",
    "FetchedArticle",
    "HarvestOptions",
    "Harvester",
    "HttpClient",
    "HttpPolicy",
    "ImagePlan",
    "ImageRow",
    "Ledger",
    "LedgerSummary",
    "MediaSource",
    "PhaseCounts",
    "RateLimiter",
    "SearchPage",
    "SearchReport",
    "Window",
    "WindowRow",
    "default_query",
    "month_window",
    "parse_day",
    "query_key",
]

__getattr__ = lazy_attributes(
    __name__,
    {
        "DEFAULT_MEDIA_URL": "media",
        "MediaSource": "media",
        "Discovery": "discover",
        "SearchReport": "discover",
        "DEFAULT_EUTILS": "eutils",
        "EUtils": "eutils",
        "FetchedArticle": "eutils",
        "SearchPage": "eutils",
        "Harvester": "harvester",
        "HarvestOptions": "harvester",
        "PhaseCounts": "harvester",
        "FetchError": "http",
        "HttpClient": "http",
        "HttpPolicy": "http",
        "RateLimiter": "http",
    },
)
