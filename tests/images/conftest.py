"""Builders of small in-memory images for the images stage tests."""

from __future__ import annotations

import io
import struct
import zlib
from typing import Any

import numpy as np
import pytest
from PIL import Image

from pfocr.settings import Settings


def encode(image: Image.Image, fmt: str, **params: Any) -> bytes:
    """Return ``image`` saved in ``fmt`` as bytes."""
    buffer = io.BytesIO()
    image.save(buffer, fmt, **params)
    return buffer.getvalue()


def noise(width: int = 64, height: int = 48, seed: int = 0) -> Image.Image:
    """Return an RGB image of random pixels (compresses badly, so cuts hit pixel data)."""
    pixels = np.random.default_rng(seed).integers(0, 256, (height, width, 3), dtype=np.uint8)
    return Image.fromarray(pixels, "RGB")


def png_chunk(kind: bytes, payload: bytes) -> bytes:
    """Return one PNG chunk with its CRC."""
    crc = zlib.crc32(kind + payload) & 0xFFFFFFFF
    return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", crc)


def png_header_only(width: int, height: int) -> bytes:
    """A valid-looking PNG that claims ``width x height`` but holds almost no data."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit greyscale
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", ihdr)
        + png_chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + png_chunk(b"IEND", b"")
    )


class Builders:
    """The builders above, handed to tests through the ``build`` fixture."""

    encode = staticmethod(encode)
    noise = staticmethod(noise)
    png_header_only = staticmethod(png_header_only)


@pytest.fixture
def build() -> Builders:
    """Image builders (a fixture, so test modules need no import path tricks)."""
    return Builders()


@pytest.fixture
def settings() -> Settings:
    """Default limits, independent of the caller's ``PFOCR_*`` environment."""
    return Settings.model_validate(
        {
            "max_image_bytes": 64 * 2**20,
            "max_image_pixels": 120_000_000,
        }
    )
