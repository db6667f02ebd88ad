"""What the images stage hands to OCR: normalised pixels plus the original bytes."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

__all__ = ["LoadedImage"]


@dataclass(frozen=True)
class LoadedImage:
    """A validated image, normalised to 8-bit RGB.

    :param rgb: ``height x width x 3`` uint8 array in RGB order, orientation applied and
        transparency composited on white; read-only (copy it before modifying)
    :param width: width of ``rgb`` in pixels
    :param height: height of ``rgb`` in pixels
    :param sha256: hex SHA-256 of the original file bytes
    :param mime: the media type of what the bytes really are (e.g. ``image/png``)
    :param data: the original file bytes, stored and served unchanged
    :param pages: the number of frames or pages in the file
    """

    rgb: npt.NDArray[np.uint8] = field(compare=False, repr=False)
    width: int
    height: int
    sha256: str
    mime: str
    data: bytes = field(compare=False, repr=False)
    pages: int = 1
