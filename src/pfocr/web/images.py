"""Figure images for browsers: the stored bytes, a PNG for formats browsers lack, thumbnails.

Images are keyed by their SHA-256, so a cached copy is never stale and the hash serves
as the ETag. Conversions run once per image and stay in a small LRU cache.
"""

from __future__ import annotations

import io
import logging
import threading
from collections import OrderedDict
from dataclasses import dataclass

from PIL import Image, ImageOps

from pfocr.store import Store
from pfocr.web.queries import image_key

__all__ = ["WEB_MIME_TYPES", "ImageCache", "WebImage"]

logger = logging.getLogger(__name__)

#: Formats every current browser shows; anything else (TIFF, BMP) is served as PNG.
WEB_MIME_TYPES = frozenset({"image/png", "image/jpeg", "image/gif", "image/webp"})


@dataclass(frozen=True)
class WebImage:
    """Bytes to send, their media type and the ETag (the stored image's hash)."""

    data: bytes
    mime: str
    etag: str


class ImageCache:
    """Browser-ready images and thumbnails, least recently used evicted.

    :param capacity: entries kept
    :param thumb_width: thumbnail width in pixels
    """

    def __init__(self, capacity: int = 256, thumb_width: int = 240) -> None:
        self.capacity = capacity
        self.thumb_width = thumb_width
        self._items: OrderedDict[tuple[str, str], WebImage] = OrderedDict()
        self._lock = threading.Lock()

    def _get(self, key: tuple[str, str]) -> WebImage | None:
        with self._lock:
            item = self._items.get(key)
            if item is not None:
                self._items.move_to_end(key)
            return item

    def _put(self, key: tuple[str, str], item: WebImage) -> None:
        with self._lock:
            self._items[key] = item
            while len(self._items) > self.capacity:
                self._items.popitem(last=False)

    def image(self, store: Store, figid: str, *, thumbnail: bool = False) -> WebImage | None:
        """Return a figure's image (or thumbnail) ready for a browser.

        :param store: the store
        :param figid: the figure
        :param thumbnail: a small JPEG instead of the full image
        :returns: the image, or None for an unknown figure or an unreadable image
        """
        sha = image_key(store, figid)
        if sha is None:
            return None
        key = (sha, "thumb" if thumbnail else "full")
        cached = self._get(key)
        if cached is not None:
            return cached
        found = store.image(figid)
        if found is None:
            return None
        data, mime = found
        etag = f"{sha[:32]}-{key[1]}"
        if not thumbnail and mime in WEB_MIME_TYPES:
            # the full image as stored: too big to be worth caching in memory
            return WebImage(data, mime, etag)
        try:
            made = _thumbnail(data, self.thumb_width) if thumbnail else _to_png(data)
        except (OSError, ValueError, Image.DecompressionBombError) as exc:
            logger.warning("cannot convert the image of %s: %s", figid, exc)
            return None
        item = WebImage(made[0], made[1], etag)
        self._put(key, item)
        return item


def _open(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.seek(0)
    return ImageOps.exif_transpose(image)


def _flatten(image: Image.Image) -> Image.Image:
    if image.mode in ("RGBA", "LA", "P"):
        rgba = image.convert("RGBA")
        base = Image.new("RGB", rgba.size, "white")
        base.paste(rgba, mask=rgba.getchannel("A"))
        return base
    return image.convert("RGB")


def _to_png(data: bytes) -> tuple[bytes, str]:
    image = _open(data)
    if image.mode not in ("RGB", "RGBA", "L", "LA", "P"):
        image = image.convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue(), "image/png"


def _thumbnail(data: bytes, width: int) -> tuple[bytes, str]:
    source = Image.open(io.BytesIO(data))
    source.draft("RGB", (width, width * 4))  # JPEG: decode at a reduced scale, much faster
    image = _flatten(ImageOps.exif_transpose(source))
    image.thumbnail((width, width * 4), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=82, optimize=True)
    return buffer.getvalue(), "image/jpeg"
