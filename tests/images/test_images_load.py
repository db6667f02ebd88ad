"""Validation and normalisation of figure images before OCR."""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageFile

from pfocr.errors import InputError
from pfocr.images import (
    MIN_IMAGE_SIDE,
    ImageError,
    LoadedImage,
    load_image,
    load_image_bytes,
)
from pfocr.settings import Settings


def _with(settings: Settings, **changes: int) -> Settings:
    return settings.model_copy(update=changes)


# -- happy paths --------------------------------------------------------------------------


def test_jpeg_file_loads_with_metadata(tmp_path: Path, build, settings: Settings) -> None:
    data = build.encode(build.noise(80, 60), "JPEG", quality=90)
    path = tmp_path / "figure.jpg"
    path.write_bytes(data)
    image = load_image(path, settings)
    assert isinstance(image, LoadedImage)
    assert image.rgb.shape == (60, 80, 3)
    assert image.rgb.dtype == np.uint8
    assert (image.width, image.height) == (80, 60)
    assert image.mime == "image/jpeg"
    assert image.sha256 == hashlib.sha256(data).hexdigest()
    assert image.data == data
    assert image.pages == 1
    assert not image.rgb.flags.writeable


def test_default_settings_come_from_environment(
    tmp_path: Path, build, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "figure.png"
    path.write_bytes(build.encode(build.noise(), "PNG"))
    assert load_image(path).width == 64
    monkeypatch.setenv("PFOCR_MAX_IMAGE_BYTES", "10")
    with pytest.raises(ImageError, match="over the limit"):
        load_image(path)


@pytest.mark.parametrize(
    ("fmt", "mime"),
    [
        ("PNG", "image/png"),
        ("GIF", "image/gif"),
        ("TIFF", "image/tiff"),
        ("WEBP", "image/webp"),
        ("BMP", "image/bmp"),
    ],
)
def test_every_supported_format(build, settings: Settings, fmt: str, mime: str) -> None:
    image = Image.new("RGB", (40, 30), (10, 200, 30))
    params = {"lossless": True} if fmt == "WEBP" else {}
    loaded = load_image_bytes(build.encode(image, fmt, **params), f"x.{fmt.lower()}", settings)
    assert loaded.mime == mime
    assert loaded.rgb.shape == (30, 40, 3)


def test_real_format_wins_over_extension(build, settings: Settings) -> None:
    loaded = load_image_bytes(build.encode(build.noise(), "PNG"), "figure.jpg", settings)
    assert loaded.mime == "image/png"


def test_loaded_images_compare_without_touching_pixels(build, settings: Settings) -> None:
    data = build.encode(build.noise(), "PNG")
    first = load_image_bytes(data, "a.png", settings)
    second = load_image_bytes(data, "a.png", settings)
    assert first == second
    assert hash(first) == hash(second)


# -- refusals -----------------------------------------------------------------------------


def test_zero_byte_file(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "empty.jpg"
    path.write_bytes(b"")
    with pytest.raises(ImageError, match=r"empty\.jpg: empty file"):
        load_image(path, settings)


def test_missing_file_and_directory(tmp_path: Path, settings: Settings) -> None:
    with pytest.raises(ImageError, match="no such file"):
        load_image(tmp_path / "nope.png", settings)
    with pytest.raises(ImageError, match="not a regular file"):
        load_image(tmp_path, settings)


def test_fifo_is_refused_without_blocking(tmp_path: Path, settings: Settings) -> None:
    fifo = tmp_path / "pipe.png"
    os.mkfifo(fifo)
    with pytest.raises(ImageError, match="not a regular file"):
        load_image(fifo, settings)


def test_file_over_byte_limit_is_not_read(tmp_path: Path, build, settings: Settings) -> None:
    path = tmp_path / "big.png"
    path.write_bytes(build.encode(build.noise(), "PNG"))
    with pytest.raises(ImageError, match="over the limit of 100 bytes"):
        load_image(path, _with(settings, max_image_bytes=100))


@pytest.mark.parametrize(
    ("data", "looks_like"),
    [
        (b"<!DOCTYPE html>\n<html><body>404 Not Found</body></html>", "an HTML page"),
        (b"\n  <html><head><title>Error</title></head></html>", "an HTML page"),
        (b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>', "SVG"),
        (b"%PDF-1.4\n%...", "a PDF document"),
        (b"just some words\n", "text"),
        (b"\x00\x01\x02\x03garbage\xff\xfe", "unknown format"),
    ],
)
def test_non_images_posing_as_images(settings: Settings, data: bytes, looks_like: str) -> None:
    with pytest.raises(ImageError, match="not a supported image") as info:
        load_image_bytes(data, "figure3.jpg", settings)
    assert looks_like in str(info.value)
    assert str(info.value).startswith("figure3.jpg: ")


@pytest.mark.parametrize("progressive", [False, True])
@pytest.mark.parametrize("keep", [0.5, 0.97])
def test_truncated_jpeg(build, settings: Settings, progressive: bool, keep: float) -> None:
    data = build.encode(build.noise(120, 90), "JPEG", quality=90, progressive=progressive)
    with pytest.raises(ImageError, match="truncated JPEG"):
        load_image_bytes(data[: int(len(data) * keep)], "cut.jpg", settings)


@pytest.mark.parametrize("cut", [12, 200, 5000])
def test_truncated_png(build, settings: Settings, cut: int) -> None:
    data = build.encode(build.noise(120, 90), "PNG")
    with pytest.raises(ImageError, match="truncated PNG"):
        load_image_bytes(data[:-cut], "cut.png", settings)


def test_png_with_bad_checksum(build, settings: Settings) -> None:
    data = bytearray(build.encode(build.noise(120, 90), "PNG"))
    data[len(data) // 2] ^= 0xFF
    with pytest.raises(ImageError, match="PNG"):
        load_image_bytes(bytes(data), "damaged.png", settings)


def test_pillow_truncated_switch_is_refused(
    build, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", True)
    with pytest.raises(ImageError, match="truncated"):
        load_image_bytes(build.encode(build.noise(), "PNG"), "x.png", settings)


def test_bomb_header_refused_before_decoding(build, settings: Settings) -> None:
    # 20000 x 20000 = 400 M pixels claimed by a ~100-byte file.
    data = build.png_header_only(20_000, 20_000)
    assert len(data) < 200
    with pytest.raises(ImageError, match="decompression bomb"):
        load_image_bytes(data, "bomb.png", settings)


def test_bomb_caught_by_pillow_limit_too(build, settings: Settings) -> None:
    # Our own limit raised very high: Pillow's hard limit still stops it, as an ImageError.
    data = build.png_header_only(100_000, 100_000)
    with pytest.raises(ImageError, match="decompression bomb"):
        load_image_bytes(data, "bomb.png", _with(settings, max_image_pixels=10**11))


def test_pixel_limit_from_settings(build, settings: Settings) -> None:
    data = build.encode(build.noise(200, 200), "PNG")
    with pytest.raises(ImageError, match="40000 pixels is over the limit of 10000"):
        load_image_bytes(data, "x.png", _with(settings, max_image_pixels=10_000))


def test_image_too_small_for_text(build, settings: Settings) -> None:
    small = build.encode(Image.new("RGB", (MIN_IMAGE_SIDE - 1, 200), "white"), "PNG")
    with pytest.raises(ImageError, match="too small"):
        load_image_bytes(small, "icon.png", settings)
    ok = build.encode(Image.new("RGB", (MIN_IMAGE_SIDE, MIN_IMAGE_SIDE), "white"), "PNG")
    assert load_image_bytes(ok, "ok.png", settings).width == MIN_IMAGE_SIDE


def test_garbage_after_valid_magic(settings: Settings) -> None:
    with pytest.raises(ImageError, match="JPEG"):
        load_image_bytes(b"\xff\xd8\xff\xe0" + b"\x00" * 50, "x.jpg", settings)


def test_error_is_input_error_one_line_and_picklable(settings: Settings) -> None:
    with pytest.raises(ImageError) as info:
        load_image_bytes(b"<html>\n</html>", "dir/a\nb.jpg", settings)
    error = info.value
    assert isinstance(error, InputError)
    assert "\n" not in str(error)
    clone = pickle.loads(pickle.dumps(error))
    assert isinstance(clone, ImageError)
    assert str(clone) == str(error)
    assert clone.source == error.source


# -- conversions --------------------------------------------------------------------------


def test_cmyk_jpeg_adobe_inverted_to_rgb(build, settings: Settings) -> None:
    cmyk = Image.new("CMYK", (40, 40), (0, 255, 255, 0))  # pure red in CMYK
    data = build.encode(cmyk, "JPEG", quality=95)
    assert b"Adobe" in data  # Pillow writes the inverted Adobe flavour
    rgb = load_image_bytes(data, "cmyk.jpg", settings).rgb
    assert rgb.shape == (40, 40, 3)
    red, green, blue = (int(v) for v in rgb[20, 20])
    assert red > 230 and green < 25 and blue < 25


def test_cmyk_tiff_to_rgb(build, settings: Settings) -> None:
    cmyk = Image.new("CMYK", (40, 40), (0, 0, 0, 255))  # black ink
    rgb = load_image_bytes(build.encode(cmyk, "TIFF"), "cmyk.tif", settings).rgb
    assert int(rgb.max()) < 10


def test_16bit_grey_png_scaled_by_actual_range(build, settings: Settings) -> None:
    ramp = np.linspace(1000, 5000, 64 * 32).reshape(32, 64).astype(np.uint16)
    image = Image.fromarray(ramp)
    assert image.mode.startswith("I;16")
    rgb = load_image_bytes(build.encode(image, "PNG"), "deep.png", settings).rgb
    assert rgb.dtype == np.uint8
    assert int(rgb.min()) == 0 and int(rgb.max()) == 255
    assert (rgb[..., 0] == rgb[..., 2]).all()


@pytest.mark.parametrize("dtype", [np.int32, np.float32])
def test_32bit_int_and_float_tiff(build, settings: Settings, dtype: type) -> None:
    values = np.zeros((32, 32), dtype=dtype)
    values[:, 16:] = 70_000 if dtype is np.int32 else 0.25
    rgb = load_image_bytes(build.encode(Image.fromarray(values), "TIFF"), "x.tif", settings).rgb
    assert int(rgb[0, 0, 0]) == 0 and int(rgb[0, 31, 0]) == 255


def test_palette_with_transparency_on_white(build, settings: Settings) -> None:
    image = Image.new("P", (32, 32), 0)
    image.putpalette([0, 0, 0, 0, 0, 0])  # both entries black; entry 0 is transparent
    image.paste(1, (8, 8, 24, 24))
    rgb = load_image_bytes(build.encode(image, "PNG", transparency=0), "p.png", settings).rgb
    assert rgb[0, 0].tolist() == [255, 255, 255]
    assert rgb[16, 16].tolist() == [0, 0, 0]


def test_rgba_black_drawing_on_transparent_becomes_black_on_white(
    build, settings: Settings
) -> None:
    image = Image.new("RGBA", (32, 32), (0, 0, 0, 0))
    image.paste((0, 0, 0, 255), (8, 8, 24, 24))
    image.paste((0, 0, 0, 128), (0, 28, 32, 32))
    rgb = load_image_bytes(build.encode(image, "PNG"), "rgba.png", settings).rgb
    assert rgb[0, 0].tolist() == [255, 255, 255]
    assert rgb[16, 16].tolist() == [0, 0, 0]
    assert 120 <= int(rgb[30, 0, 0]) <= 135  # half-transparent black is mid grey


def test_grey_alpha_and_colour_key_transparency(build, settings: Settings) -> None:
    la = Image.new("LA", (32, 32), (0, 0))
    rgb = load_image_bytes(build.encode(la, "PNG"), "la.png", settings).rgb
    assert rgb[0, 0].tolist() == [255, 255, 255]
    keyed = Image.new("RGB", (32, 32), (0, 0, 0))
    keyed.paste((0, 0, 128), (0, 0, 16, 32))
    rgb = load_image_bytes(
        build.encode(keyed, "PNG", transparency=(0, 0, 0)), "key.png", settings
    ).rgb
    assert rgb[0, 31].tolist() == [255, 255, 255]
    assert rgb[0, 0].tolist() == [0, 0, 128]


@pytest.mark.parametrize("mode", ["1", "L", "P"])
def test_grey_bilevel_and_palette_to_rgb(build, settings: Settings, mode: str) -> None:
    image = Image.new("L", (32, 32), 255)
    image.paste(0, (0, 0, 16, 32))
    image = image.convert(mode)
    rgb = load_image_bytes(build.encode(image, "PNG"), "g.png", settings).rgb
    assert rgb.shape == (32, 32, 3)
    assert rgb[0, 0].tolist() == [0, 0, 0]
    assert rgb[0, 31].tolist() == [255, 255, 255]


def test_animated_gif_first_frame(build, settings: Settings) -> None:
    frames = [Image.new("RGB", (32, 32), colour) for colour in ("red", "blue", "green")]
    data = build.encode(frames[0], "GIF", save_all=True, append_images=frames[1:], duration=50)
    loaded = load_image_bytes(data, "anim.gif", settings)
    assert loaded.pages == 3
    assert loaded.rgb[5, 5].tolist() == [255, 0, 0]


def test_multipage_tiff_largest_page(
    build, settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    pages = [
        Image.new("RGB", (20, 20), "red"),
        Image.new("RGB", (60, 40), "blue"),
        Image.new("RGB", (30, 30), "green"),
    ]
    data = build.encode(pages[0], "TIFF", save_all=True, append_images=pages[1:])
    with caplog.at_level(logging.INFO, logger="pfocr.images"):
        loaded = load_image_bytes(data, "stack.tif", settings)
    assert loaded.pages == 3
    assert (loaded.width, loaded.height) == (60, 40)
    assert loaded.rgb[0, 0].tolist() == [0, 0, 255]
    assert "3 pages" in caplog.text


@pytest.mark.parametrize("fmt", ["JPEG", "PNG"])
def test_exif_orientation_applied(build, settings: Settings, fmt: str) -> None:
    image = Image.new("RGB", (64, 32), "white")
    image.paste((255, 0, 0), (0, 0, 16, 32))  # red band on the left
    exif = Image.Exif()
    exif[0x0112] = 6  # stored rotated: display needs 90 degrees clockwise
    loaded = load_image_bytes(build.encode(image, fmt, exif=exif), f"r.{fmt}", settings)
    assert (loaded.width, loaded.height) == (32, 64)
    # Turned 90 degrees clockwise, the red band on the left ends up at the top.
    top, bottom = loaded.rgb[2, 16].tolist(), loaded.rgb[61, 16].tolist()
    assert top[0] > 200 and top[1] < 60 and top[2] < 60
    assert min(bottom) > 200


def test_palette_transparency_survives_orientation(build, settings: Settings) -> None:
    image = Image.new("P", (48, 32), 0)
    image.putpalette([0, 0, 0, 0, 0, 0])
    image.paste(1, (0, 0, 8, 32))
    exif = Image.Exif()
    exif[0x0112] = 8
    data = build.encode(image, "PNG", transparency=0, exif=exif)
    rgb = load_image_bytes(data, "p.png", settings).rgb
    assert rgb.shape == (48, 32, 3)
    assert rgb[24, 16].tolist() == [255, 255, 255]


def test_shared_eval_images_load(settings: Settings) -> None:
    configured = os.environ.get("PFOCR_SHARED_DIR")
    shared = Path(configured) if configured else Path(__file__).resolve().parents[3] / "shared"
    images = sorted((shared / "eval" / "pmc" / "images").glob("*.jpg"))[:5]
    if not images:
        pytest.skip("shared evaluation images not present")
    for path in images:
        loaded = load_image(path, settings)
        assert loaded.mime == "image/jpeg"
        assert loaded.rgb.shape == (loaded.height, loaded.width, 3)
        assert min(loaded.width, loaded.height) >= MIN_IMAGE_SIDE
