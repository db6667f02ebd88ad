"""Pixel normalisation: any Pillow mode to 8-bit RGB, the way a reader would see the figure.

Transparent pixels become white, not black: pathway diagrams exported from drawing tools
are often black lines on a transparent background, and a naive ``convert("RGB")`` keeps
the (black) colour under the transparency, which leaves OCR nothing to read.
"""

from __future__ import annotations

import io
import logging

import numpy as np
import numpy.typing as npt
from PIL import Image, ImageCms

__all__ = ["to_rgb_array"]

logger = logging.getLogger(__name__)

_HIGH_DEPTH_MODES = frozenset({"I", "F", "I;16", "I;16L", "I;16B", "I;16N"})
_ALPHA_MODES = frozenset({"LA", "La", "PA", "RGBA", "RGBa"})


def to_rgb_array(image: Image.Image) -> npt.NDArray[np.uint8]:
    """Convert a loaded image of any mode to a ``height x width x 3`` uint8 RGB array.

    16-bit and float greyscale is scaled from its actual value range, transparency
    (alpha channels, palette and colour-key transparency) is composited on white, CMYK
    goes through the embedded ICC profile when there is one.

    :param image: a loaded Pillow image
    :returns: a C-contiguous uint8 array
    """
    mode = image.mode
    if mode in _HIGH_DEPTH_MODES:
        return _grey_to_rgb(_scale_to_uint8(np.asarray(image)))
    if mode in _ALPHA_MODES or "transparency" in image.info:
        return _composite_on_white(image)
    if mode == "CMYK":
        return _cmyk_to_rgb(image)
    if mode == "L":
        return _grey_to_rgb(np.asarray(image, dtype=np.uint8))
    if mode != "RGB":
        image = image.convert("RGB")
    return np.ascontiguousarray(np.asarray(image, dtype=np.uint8))


def _grey_to_rgb(grey: npt.NDArray[np.uint8]) -> npt.NDArray[np.uint8]:
    return np.ascontiguousarray(np.repeat(grey[:, :, np.newaxis], 3, axis=2))


def _scale_to_uint8(values: npt.NDArray[np.generic]) -> npt.NDArray[np.uint8]:
    """Map the finite range of ``values`` linearly onto 0..255.

    A fixed ``/ 256`` would turn 12-bit scanner output (0..4095) into a near-black image,
    so the range actually used is stretched instead.
    """
    data = values.astype(np.float64)
    finite = np.isfinite(data)
    if not finite.any():
        return np.zeros(data.shape, dtype=np.uint8)
    low = float(data[finite].min())
    high = float(data[finite].max())
    data = np.where(finite, data, low)
    if high <= low:
        # A flat image: keep it black if it is all zero, white otherwise.
        return np.full(data.shape, 255 if high > 0 else 0, dtype=np.uint8)
    scaled = np.rint((data - low) * (255.0 / (high - low)))
    return np.clip(scaled, 0, 255).astype(np.uint8)


def _composite_on_white(image: Image.Image) -> npt.NDArray[np.uint8]:
    rgba = np.asarray(image.convert("RGBA"), dtype=np.uint16)
    alpha = rgba[:, :, 3:4]
    # Integer "over" operator with rounding: out = (c * a + 255 * (255 - a)) / 255.
    mixed = (rgba[:, :, :3] * alpha + 255 * (255 - alpha) + 127) // 255
    return np.ascontiguousarray(mixed.astype(np.uint8))


def _cmyk_to_rgb(image: Image.Image) -> npt.NDArray[np.uint8]:
    """Convert CMYK with its ICC profile if it has one, else with Pillow's simple formula.

    Pillow's JPEG reader already undoes the inverted CMYK written by Adobe applications
    (the ``Adobe`` APP14 marker), so both paths start from true CMYK values.
    """
    profile = image.info.get("icc_profile")
    if profile:
        try:
            converted = ImageCms.profileToProfile(
                image,
                ImageCms.ImageCmsProfile(io.BytesIO(profile)),
                ImageCms.createProfile("sRGB"),
                outputMode="RGB",
            )
        except (ImageCms.PyCMSError, OSError, ValueError) as exc:
            logger.debug("CMYK ICC conversion failed (%s); using the plain formula", exc)
        else:
            if converted is not None:
                return np.ascontiguousarray(np.asarray(converted, dtype=np.uint8))
    return np.ascontiguousarray(np.asarray(image.convert("RGB"), dtype=np.uint8))
