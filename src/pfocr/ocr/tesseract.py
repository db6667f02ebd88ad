"""Optional engine: Tesseract (Debian ``tesseract-ocr``) through its command line.

Page segmentation mode 11 (sparse text) suits diagrams: labels scattered over the page
rather than paragraphs. Output is Tesseract's TSV, one row per word with its box.
"""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import time

import cv2
import numpy as np

from pfocr.ocr.base import RawLine, lines_to_words
from pfocr.ocr.models import Box, OcrResult
from pfocr.ocr.rapid import choose_scale

__all__ = ["TesseractEngine"]


class TesseractEngine:
    """Tesseract via its CLI.

    :param upscale: ``auto`` or a fixed factor
    :param psm: page segmentation mode
    :param lang: traineddata language
    :param timeout: seconds per image
    :raises FileNotFoundError: when the ``tesseract`` binary is not installed
    """

    name = "tesseract"

    @staticmethod
    def describe(
        upscale: float | str = "auto", psm: int = 11, lang: str = "eng", timeout: float = 300
    ) -> str:
        """Return the stage version these options give.

        :param upscale: as for the constructor
        :param psm: as for the constructor
        :param lang: as for the constructor
        :param timeout: as for the constructor (does not change the output)
        :returns: ``tesseract-<version>-<settings>``
        :raises FileNotFoundError: when tesseract is not installed
        """
        return TesseractEngine(upscale, psm, lang, timeout).version_string

    @property
    def version_string(self) -> str:
        """The stage version of this engine."""
        return f"{self.name}-{self.version}-{self.settings_key}"

    def __init__(
        self, upscale: float | str = "auto", psm: int = 11, lang: str = "eng", timeout: float = 300
    ) -> None:
        binary = shutil.which("tesseract")
        if binary is None:
            raise FileNotFoundError("tesseract binary not found")
        self.binary = binary
        first = subprocess.run(
            [binary, "--version"], capture_output=True, text=True, timeout=30, check=False
        )
        self.version = (first.stdout or first.stderr).split()[1] if first.returncode == 0 else "?"
        self.upscale = upscale
        self.psm = psm
        self.lang = lang
        self.timeout = timeout

    @property
    def settings_key(self) -> str:
        """Settings that change the output."""
        return f"up{self.upscale}-psm{self.psm}-{self.lang}"

    def __call__(self, rgb: np.ndarray) -> OcrResult:
        """Read an RGB image.

        :param rgb: H x W x 3 uint8
        :returns: the words in original image pixels
        """
        start = time.perf_counter()
        h, w = rgb.shape[:2]
        factor = choose_scale(w, h, self.upscale)
        img = np.ascontiguousarray(rgb[..., ::-1])
        if factor != 1.0:
            img = cv2.resize(
                img, (round(w * factor), round(h * factor)), interpolation=cv2.INTER_CUBIC
            )
        ok, png = cv2.imencode(".png", img)
        if not ok:
            raise RuntimeError("cannot encode image for tesseract")
        proc = subprocess.run(
            [self.binary, "stdin", "stdout", "--psm", str(self.psm), "-l", self.lang, "tsv"],
            input=png.tobytes(),
            capture_output=True,
            timeout=self.timeout,
            check=True,
        )
        lines: dict[tuple[int, int, int, int], list[tuple[str, float, Box]]] = {}
        reader = csv.DictReader(
            io.StringIO(proc.stdout.decode("utf-8", "replace")),
            delimiter="\t",
            quoting=csv.QUOTE_NONE,
        )
        for row in reader:
            text = (row.get("text") or "").strip()
            if row.get("level") != "5" or not text:
                continue
            conf = float(row["conf"]) / 100.0
            x, y = float(row["left"]) / factor, float(row["top"]) / factor
            bw, bh = float(row["width"]) / factor, float(row["height"]) / factor
            box: Box = ((x, y), (x + bw, y), (x + bw, y + bh), (x, y + bh))
            key = (
                int(row["page_num"]),
                int(row["block_num"]),
                int(row["par_num"]),
                int(row["line_num"]),
            )
            lines.setdefault(key, []).append((text, conf, box))
        raw = []
        for words in lines.values():
            xs = [p[0] for _, _, b in words for p in b]
            ys = [p[1] for _, _, b in words for p in b]
            lbox: Box = (
                (min(xs), min(ys)),
                (max(xs), min(ys)),
                (max(xs), max(ys)),
                (min(xs), max(ys)),
            )
            text = " ".join(t for t, _, _ in words)
            conf = min(c for _, c, _ in words)
            raw.append(RawLine(text, conf, lbox, tuple(words)))
        return OcrResult(
            self.name,
            self.version,
            self.settings_key,
            lines_to_words(raw),
            time.perf_counter() - start,
        )
