"""Download reference files from their official URLs into the cache (atomic, with timeouts)."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import httpx

from pfocr.errors import InputError

__all__ = ["HGNC_URL", "download"]

logger = logging.getLogger(__name__)

#: HGNC's official download location of the complete set.
HGNC_URL = "https://storage.googleapis.com/public-download-files/hgnc/tsv/tsv/hgnc_complete_set.txt"


def download(url: str, dest: Path, *, timeout: float = 60.0) -> Path:
    """Download ``url`` to ``dest`` via a temporary file renamed into place.

    Progress is shown only on a terminal (as RapidOCR's downloader does).

    :param url: the URL
    :param dest: the destination file
    :param timeout: seconds to wait for the server between bytes
    :returns: ``dest``
    :raises InputError: on HTTP errors, timeouts or an empty response
    """
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(dest.name + ".part")
    logger.info("downloading %s", url)
    try:
        with httpx.stream("GET", url, timeout=timeout, follow_redirects=True) as response:
            response.raise_for_status()
            total = int(response.headers.get("content-length") or 0)
            done = 0
            with tmp.open("wb") as handle:
                for chunk in response.iter_bytes(1 << 16):
                    handle.write(chunk)
                    done += len(chunk)
                    if total and sys.stderr.isatty():
                        sys.stderr.write(f"\r{dest.name}: {100 * done // total}%")
            if total and sys.stderr.isatty():
                sys.stderr.write("\n")
    except httpx.HTTPError as exc:
        tmp.unlink(missing_ok=True)
        raise InputError(f"download of {url} failed: {exc}") from exc
    if done == 0:
        tmp.unlink(missing_ok=True)
        raise InputError(f"download of {url} returned no data")
    tmp.replace(dest)
    return dest
