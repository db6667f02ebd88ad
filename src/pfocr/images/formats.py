"""Which image formats pfocr reads, and what a file's bytes really are.

Extensions lie (an HTML error page saved as ``figure.jpg`` is common in scraped data), so
the format is sniffed from the leading magic bytes and Pillow is only allowed that format.
"""

from __future__ import annotations

__all__ = [
    "EXTENSION_FORMATS",
    "IMAGE_EXTENSIONS",
    "MIME_TYPES",
    "describe_non_image",
    "sniff_format",
]

#: File extension -> the Pillow format it names. The order is the preference when several
#: files share a stem (PMC serves ``.jpg``; ``.tif`` files are print masters).
EXTENSION_FORMATS: dict[str, str] = {
    ".jpg": "JPEG",
    ".jpeg": "JPEG",
    ".png": "PNG",
    ".gif": "GIF",
    ".tif": "TIFF",
    ".tiff": "TIFF",
    ".webp": "WEBP",
    ".bmp": "BMP",
}

#: File extensions taken as images, in order of preference.
IMAGE_EXTENSIONS: tuple[str, ...] = tuple(EXTENSION_FORMATS)

#: Pillow format name -> media type.
MIME_TYPES: dict[str, str] = {
    "JPEG": "image/jpeg",
    "PNG": "image/png",
    "GIF": "image/gif",
    "TIFF": "image/tiff",
    "WEBP": "image/webp",
    "BMP": "image/bmp",
}

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xd8\xff", "JPEG"),
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
    (b"BM", "BMP"),
)


def sniff_format(data: bytes) -> str | None:
    """Return the Pillow format name of ``data`` from its magic bytes.

    :param data: the file's bytes (only the first 16 are looked at)
    :returns: ``"JPEG"``, ``"PNG"``, ``"GIF"``, ``"TIFF"``, ``"WEBP"``, ``"BMP"`` or None
    """
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WEBP"
    for magic, fmt in _MAGIC:
        if data.startswith(magic):
            return fmt
    return None


def describe_non_image(data: bytes) -> str:
    """Say in a few words what non-image bytes look like, for an error message.

    :param data: the file's bytes
    :returns: e.g. ``"an HTML page"``, ``"a PDF document"``, ``"text"``
    """
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html", b"<head", b"<body")) or b"<html" in head:
        return "an HTML page"
    if head.startswith(b"<svg") or b"<svg" in head:
        return "an SVG drawing (vector images are not supported)"
    if head.startswith(b"<?xml") or head.startswith(b"<"):
        return "an XML document"
    if head.startswith(b"%pdf"):
        return "a PDF document"
    if head.startswith(b"pk\x03\x04"):
        return "a ZIP archive"
    if head.startswith(b"\x1f\x8b"):
        return "gzip-compressed data"
    if head.startswith((b"{", b"[")):
        return "JSON text"
    sample = data[:512]
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A multi-byte character cut by the 512-byte window is still text.
        if exc.start < len(sample) - 3:
            return "data of an unknown format"
    if b"\x00" in sample:
        return "data of an unknown format"
    return "text"
