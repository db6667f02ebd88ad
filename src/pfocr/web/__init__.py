"""The web site and JSON API over a store (``pfocr serve``)."""

from pfocr.web.app import create_app
from pfocr.web.config import WebConfig

__all__ = ["WebConfig", "create_app"]
