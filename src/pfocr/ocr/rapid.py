"""The default engine: RapidOCR 3.x (PP-OCR models shipped in its wheel, on onnxruntime).

Small journal figures are upscaled before OCR (small fonts read better), large ones are
read in overlapping tiles at native resolution: RapidOCR would otherwise shrink any
image beyond ``max_side_len`` and make 10-point labels of a 6,000 px diagram unreadable.
onnxruntime runs one intra-op thread; parallelism is one process per core.

Figures under 1,200 px are also read with a second text detector, PP-OCRv4's (from the
``rapidocr_onnxruntime`` wheel of the same RapidOCR project, installed without its
dependencies by the Makefile), run at native size, whose boxes go to the same
recogniser; its words are merged into the first pass (:mod:`pfocr.ocr.merge`). The
two detectors miss different small labels: on the 45 curated PMC figures the merge
raised gene recall by about 2 points with no precision lost (docs/accuracy.md). Where
that wheel is missing the second pass is skipped with a warning, and the stage version
says so.
"""

from __future__ import annotations

import importlib.util
import logging
import time
from importlib import metadata
from pathlib import Path
from typing import Any

import cv2
import numpy as np

from pfocr.ocr.base import RawLine, lines_to_words, scale_box
from pfocr.ocr.merge import merge_words
from pfocr.ocr.models import Box, OcrResult, Word
from pfocr.ocr.orientation import both_ways
from pfocr.ocr.tiling import keep_in_core, tiles

__all__ = ["RapidOcrEngine", "choose_scale", "second_detector_model"]

logger = logging.getLogger(__name__)

#: The second detector's model file inside the ``rapidocr_onnxruntime`` package.
SECOND_DETECTOR = "ch_PP-OCRv4_det_infer.onnx"
#: Images whose longer side is below this many pixels get the second detector's pass:
#: journal figures as PMC serves them (99% of the PMC evaluation figures), not rendered
#: diagrams (on 71 WikiPathways renders it added 4 true and 4 false genes for 77% more
#: OCR time).
SECOND_DETECTOR_BELOW = 1200
#: RapidOCR turns a line upside down when its orientation classifier says so with this
#: confidence (RapidOCR's own default is 0.9).
FLIP_THRESH = 0.9


def second_detector_model() -> Path | None:
    """Find the second detector's model without importing its package.

    :returns: the ``.onnx`` file, or None when ``rapidocr_onnxruntime`` is not installed
    """
    spec = importlib.util.find_spec("rapidocr_onnxruntime")
    if spec is None or spec.origin is None:
        return None
    path = Path(spec.origin).parent / "models" / SECOND_DETECTOR
    return path if path.is_file() else None


def choose_scale(width: int, height: int, upscale: float | str) -> float:
    """Pick the resize factor for an image.

    ``auto`` doubles figures whose longer side is under 1,000 px (PMC serves many at
    400-800 px); a number forces that factor. (On the 45 curated PMC figures 2x raised
    gene recall from 0.652 to 0.723 over 1x; 3x gave no more at 5x the time.)

    :param width: image width
    :param height: image height
    :param upscale: ``auto`` or a factor
    :returns: the factor
    """
    if upscale == "auto":
        return 2.0 if max(width, height) < 1000 else 1.0
    return float(upscale)


class RapidOcrEngine:
    """RapidOCR with upscaling and tiling.

    :param upscale: ``auto`` or a fixed factor
    :param tile: tile side in (scaled) pixels; larger images are read in tiles
    :param overlap: overlap between tiles in (scaled) pixels
    :param text_score: drop lines the recogniser is less sure of
    :param threads: onnxruntime intra-op threads
    :param box_thresh: detection: minimum score of a text box
    :param det_thresh: detection: pixel probability threshold of the text map
    :param unclip_ratio: detection: how much a detected box is grown
    :param flip_thresh: orientation classifier: turn a text line upside down only when
        the classifier is at least this sure it is printed upside down
    """

    name = "rapidocr"

    @staticmethod
    def describe(
        upscale: float | str = "auto",
        tile: int = 1600,
        overlap: int = 256,
        text_score: float = 0.5,
        threads: int = 1,
        box_thresh: float = 0.5,
        det_thresh: float = 0.3,
        unclip_ratio: float = 1.6,
        second_detector: bool = True,
        flip_thresh: float = FLIP_THRESH,
    ) -> str:
        """Return the stage version these options give, without loading the models.

        :param upscale: as for the constructor
        :param tile: as for the constructor
        :param overlap: as for the constructor
        :param text_score: as for the constructor
        :param threads: as for the constructor (does not change the output)
        :param box_thresh: as for the constructor
        :param det_thresh: as for the constructor
        :param unclip_ratio: as for the constructor
        :param second_detector: as for the constructor (recorded only when its model is
            installed, since only then does it change the output)
        :param flip_thresh: as for the constructor
        :returns: ``rapidocr-<version>-<settings>``
        """
        # "-bw": lines the orientation classifier turns over are read both ways
        key = f"up{upscale}-t{tile}-o{overlap}-s{text_score}-bw"
        if (box_thresh, det_thresh, unclip_ratio) != (0.5, 0.3, 1.6):
            key += f"-b{box_thresh}-d{det_thresh}-u{unclip_ratio}"
        if second_detector and second_detector_model() is not None:
            key += f"-det2v4x1lt{SECOND_DETECTOR_BELOW}"
        if flip_thresh != FLIP_THRESH:
            key += f"-f{flip_thresh}"
        return f"rapidocr-{metadata.version('rapidocr')}-{key}"

    def __init__(
        self,
        upscale: float | str = "auto",
        tile: int = 1600,
        overlap: int = 256,
        text_score: float = 0.5,
        threads: int = 1,
        box_thresh: float = 0.5,
        det_thresh: float = 0.3,
        unclip_ratio: float = 1.6,
        second_detector: bool = True,
        flip_thresh: float = FLIP_THRESH,
    ) -> None:
        from rapidocr import ModelType, OCRVersion, RapidOCR

        self.version = metadata.version("rapidocr")
        self.upscale = upscale
        self.tile = tile
        self.overlap = overlap
        self.text_score = text_score
        self._key = self.describe(
            upscale,
            tile,
            overlap,
            text_score,
            threads,
            box_thresh,
            det_thresh,
            unclip_ratio,
            second_detector,
            flip_thresh,
        ).split("-", 2)[2]
        params: dict[str, Any] = {
            "Det.box_thresh": box_thresh,
            "Det.thresh": det_thresh,
            "Det.unclip_ratio": unclip_ratio,
            "Cls.cls_thresh": flip_thresh,
            "Global.log_level": "error",
            "Global.return_word_box": True,
            "Global.text_score": text_score,
            # tiles are at most tile + overlap; never let RapidOCR shrink them
            "Global.max_side_len": tile + overlap + 64,
            "EngineConfig.onnxruntime.intra_op_num_threads": threads,
            "EngineConfig.onnxruntime.inter_op_num_threads": 1,
        }
        reader = both_ways(RapidOCR)
        self._ocr = reader(params=params)
        self._ocr2: Any = None
        if second_detector:
            model = second_detector_model()
            if model is None:
                logger.warning(
                    "rapidocr_onnxruntime is not installed: small figures are read with one "
                    "text detector (pip install --no-deps rapidocr_onnxruntime==1.4.4)"
                )
            else:
                second = dict(params)
                second["Det.model_path"] = str(model)
                second["Det.ocr_version"] = OCRVersion.PPOCRV4
                second["Det.model_type"] = ModelType.MOBILE
                self._ocr2 = reader(params=second)

    @property
    def settings_key(self) -> str:
        """Settings that change the output."""
        return self._key

    def recognize(self, rgb_lines: list[np.ndarray]) -> list[tuple[str, float]]:
        """Recognise text lines that are already cut out: recognition only, no detection.

        Each image is read as one line (RapidOCR resizes it to the recogniser's 48 px
        height); nothing is filtered by confidence. The engine's own models are used, and
        no per-call RapidOCR option is changed (those persist on the RapidOCR object).

        :param rgb_lines: RGB images (H x W x 3, uint8), one text line each
        :returns: ``(text, confidence)`` per image, in order; confidence is the mean of
            the per-character probabilities (0 for an empty reading)
        """
        if not rgb_lines:
            return []
        bgr = [np.ascontiguousarray(img[..., ::-1]) for img in rgb_lines]
        out: Any = self._ocr.recognize_txt(bgr)
        return [(str(t), float(s)) for t, s in zip(out.txts, out.scores, strict=True)]

    def _read(self, bgr: np.ndarray, ocr: Any) -> list[tuple[str, float, Any, Any]]:
        out: Any = ocr(bgr, use_det=True, use_cls=True, use_rec=True)
        if out.txts is None or out.boxes is None:
            return []
        words = out.word_results or [() for _ in out.txts]
        return list(zip(out.txts, out.scores, out.boxes, words, strict=False))

    def _pass(self, rgb: np.ndarray, factor: float, ocr: Any = None) -> tuple[Word, ...]:
        h, w = rgb.shape[:2]
        img = np.ascontiguousarray(rgb[..., ::-1])
        if factor != 1.0:
            img = cv2.resize(
                img, (round(w * factor), round(h * factor)), interpolation=cv2.INTER_CUBIC
            )
        sh, sw = img.shape[:2]
        lines: list[RawLine] = []
        for tile in tiles(sw, sh, self.tile, self.overlap):
            crop = img[tile.y0 : tile.y1, tile.x0 : tile.x1]
            for text, score, box, word_items in self._read(crop, ocr or self._ocr):
                lbox = scale_box(box, factor, tile.x0 / factor, tile.y0 / factor)
                if not keep_in_core(lbox, tile, factor):
                    continue
                words: list[tuple[str, float, Box]] = []
                for item in word_items:
                    wtext, wscore, wbox = item[0], item[1], item[2]
                    if wbox is None:
                        continue
                    words.append(
                        (
                            str(wtext),
                            float(wscore),
                            scale_box(wbox, factor, tile.x0 / factor, tile.y0 / factor),
                        )
                    )
                lines.append(RawLine(str(text), float(score), lbox, tuple(words)))
        return lines_to_words(lines)

    def __call__(self, rgb: np.ndarray) -> OcrResult:
        """Read an RGB image. Images under 1,200 px also get the second detector's pass,
        and with ``upscale="auto+1"`` a pass at native size, each merged into the first
        (see :mod:`pfocr.ocr.merge`).

        :param rgb: H x W x 3 uint8
        :returns: the words in original image pixels
        """
        start = time.perf_counter()
        h, w = rgb.shape[:2]
        main, _, extra = str(self.upscale).partition("+")
        factor = choose_scale(w, h, main)
        words = self._pass(rgb, factor)
        if max(h, w) < SECOND_DETECTOR_BELOW and self._ocr2 is not None:
            # at native size: as many labels found as at 2x, for 40% less CPU
            words = merge_words(words, self._pass(rgb, 1.0, self._ocr2))
        if extra and float(extra) != factor:
            words = merge_words(words, self._pass(rgb, float(extra)))
        return OcrResult(
            engine=self.name,
            engine_version=self.version,
            settings=self.settings_key,
            words=words,
            seconds=time.perf_counter() - start,
        )
