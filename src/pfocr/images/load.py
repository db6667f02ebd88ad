"""Validate an image file and decode it into normalised RGB pixels.

Checks, in order: size on disk, real format (magic bytes, not the extension), pixel
count from the header (before any pixel is decoded), structure (PNG checksums), a full
decode that refuses truncated data, and a minimum size that can hold text.
"""

from __future__ import annotations

import hashlib
import io
import logging
import warnings
from pathlib import Path

import numpy as np
import numpy.typing as npt
from PIL import Image, ImageFile, ImageOps

from pfocr.images.convert import to_rgb_array
from pfocr.images.errors import ImageError
from pfocr.images.formats import EXTENSION_FORMATS, MIME_TYPES, describe_non_image, sniff_format
from pfocr.images.models import LoadedImage
from pfocr.settings import Settings

__all__ = ["MIN_IMAGE_SIDE", "load_image", "load_image_bytes"]

logger = logging.getLogger(__name__)

#: Images narrower or lower than this (pixels) cannot hold readable labels.
MIN_IMAGE_SIDE = 16


def load_image(path: Path, settings: Settings | None = None) -> LoadedImage:
    """Read, validate and normalise one image file.

    :param path: the image file
    :param settings: limits to apply (``max_image_bytes``, ``max_image_pixels``); defaults
        to :class:`~pfocr.settings.Settings` from the environment
    :returns: the decoded image with its original bytes
    :raises ImageError: the file is missing, empty, too large, not an image, truncated,
        a decompression bomb or too small
    """
    settings = settings or _default_settings()
    name = str(path)
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise ImageError(name, "not a regular file")
        # Refuse by size before reading, so a huge file is never pulled into memory.
        _check_byte_size(name, size, settings)
        data = path.read_bytes()
    except FileNotFoundError:
        raise ImageError(name, "no such file") from None
    except PermissionError:
        raise ImageError(name, "permission denied") from None
    except IsADirectoryError:
        raise ImageError(name, "not a regular file") from None
    except OSError as exc:
        raise ImageError(name, f"cannot read the file ({exc.strerror or exc})") from None
    return load_image_bytes(data, name, settings)


def load_image_bytes(data: bytes, name: str, settings: Settings | None = None) -> LoadedImage:
    """Validate and normalise an image held in memory.

    :param data: the file's bytes
    :param name: the file name or path, used in messages (and to note a wrong extension)
    :param settings: limits to apply; defaults to :class:`~pfocr.settings.Settings`
    :returns: the decoded image with its original bytes
    :raises ImageError: the bytes are empty, too large, not an image, truncated, a
        decompression bomb or too small
    """
    settings = settings or _default_settings()
    _check_byte_size(name, len(data), settings)
    fmt = sniff_format(data)
    if fmt is None:
        raise ImageError(name, f"not a supported image: the bytes are {describe_non_image(data)}")
    expected = EXTENSION_FORMATS.get(Path(name).suffix.lower())
    if expected is not None and expected != fmt:
        logger.debug("%s: extension says %s but the bytes are %s", name, expected, fmt)
    if ImageFile.LOAD_TRUNCATED_IMAGES:
        # Someone flipped Pillow's process-wide switch; half-decoded figures would give
        # silently wrong OCR, so refuse to run rather than accept them.
        raise ImageError(name, "Pillow is set to load truncated images; refusing to decode")
    # Our own pixel limit (checked from the header) replaces Pillow's warning threshold;
    # Pillow's hard limit (DecompressionBombError) still applies. catch_warnings is not
    # thread-safe, at worst a warning shows in another thread's log.
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", Image.DecompressionBombWarning)
        rgb, pages = _decode(data, name, fmt, settings)
    for warning in caught:
        if not issubclass(warning.category, Image.DecompressionBombWarning):
            logger.debug("%s: %s", name, warning.message)
    height, width = int(rgb.shape[0]), int(rgb.shape[1])
    rgb.setflags(write=False)
    return LoadedImage(
        rgb=rgb,
        width=width,
        height=height,
        sha256=hashlib.sha256(data).hexdigest(),
        mime=MIME_TYPES[fmt],
        data=data,
        pages=pages,
    )


def _default_settings() -> Settings:
    # model_validate rather than Settings(): without pydantic's mypy plugin, mypy reads the
    # Field(...) defaults as required arguments.
    return Settings.model_validate({})


def _check_byte_size(name: str, size: int, settings: Settings) -> None:
    if size == 0:
        raise ImageError(name, "empty file (0 bytes)")
    if size > settings.max_image_bytes:
        raise ImageError(
            name, f"file is {size} bytes, over the limit of {settings.max_image_bytes} bytes"
        )


def _check_pixels(name: str, size: tuple[int, int], settings: Settings, what: str = "") -> None:
    width, height = size
    if width * height > settings.max_image_pixels:
        raise ImageError(
            name,
            f"{what}{width}x{height} = {width * height} pixels is over the limit of "
            f"{settings.max_image_pixels} (possible decompression bomb); not decoded",
        )


def _decode(
    data: bytes, name: str, fmt: str, settings: Settings
) -> tuple[npt.NDArray[np.uint8], int]:
    """Decode the frame pfocr reads (first frame; largest page of a TIFF) to RGB."""
    try:
        if fmt == "PNG":
            # verify() walks every chunk and checks its CRC: a PNG cut or damaged after the
            # image data would otherwise load without complaint.
            with Image.open(io.BytesIO(data), formats=[fmt]) as probe:
                _check_pixels(name, probe.size, settings)
                probe.verify()
        with Image.open(io.BytesIO(data), formats=[fmt]) as image:
            _check_pixels(name, image.size, settings)
            pages = int(getattr(image, "n_frames", 1))
            if pages > 1 and fmt == "TIFF":
                _seek_largest_page(image, name, pages)
            elif pages > 1:
                logger.debug("%s: %d frames; reading the first", name, pages)
                image.seek(0)
            _check_pixels(name, image.size, settings, "page " if pages > 1 else "")
            if min(image.size) < MIN_IMAGE_SIDE:
                raise ImageError(
                    name,
                    f"image is {image.size[0]}x{image.size[1]} pixels, too small to hold "
                    f"text (minimum {MIN_IMAGE_SIDE} a side)",
                )
            image.load()
            return to_rgb_array(_apply_orientation(image, name)), pages
    except ImageError:
        raise
    except Image.DecompressionBombError as exc:
        raise ImageError(name, f"refused as a possible decompression bomb ({exc})") from None
    except Exception as exc:  # Pillow raises many types on bad data; all mean "unusable"
        raise ImageError(name, _decode_problem(fmt, exc)) from None


def _decode_problem(fmt: str, exc: Exception) -> str:
    detail = str(exc) or type(exc).__name__
    if "truncat" in detail.lower() or isinstance(exc, EOFError):
        return f"truncated {fmt} file ({detail})"
    return f"broken {fmt} file ({type(exc).__name__}: {detail})"


def _seek_largest_page(image: Image.Image, name: str, pages: int) -> None:
    """Move a multi-page TIFF to its largest page (figures often come with a thumbnail)."""
    best, best_pixels = 0, -1
    for index in range(pages):
        image.seek(index)
        width, height = image.size
        if width * height > best_pixels:
            best, best_pixels = index, width * height
    image.seek(best)
    logger.info("%s: TIFF with %d pages; reading page %d (the largest)", name, pages, best + 1)


def _apply_orientation(image: Image.Image, name: str) -> Image.Image:
    """Rotate/flip as the EXIF orientation tag says; a broken EXIF block is ignored."""
    try:
        return ImageOps.exif_transpose(image)
    except Exception as exc:  # corrupt EXIF must not cost the figure
        logger.warning("%s: ignoring unreadable EXIF orientation (%s)", name, exc)
        return image
