"""The default engine: RapidOCR 3.x (PP-OCR models shipped in its wheel, on onnxruntime).

Small journal figures are upscaled before OCR (small fonts read better), large ones are
read in overlapping tiles at native resolution: RapidOCR would otherwise shrink any
image beyond ``max_side_len`` and make 10-point labels of a 6,000 px diagram unreadable.
The models run where :mod:`pfocr.ocr.runtime` places them (the detector on OpenVINO, the
rest on onnxruntime, or all on CUDA), one inference thread each; parallelism is one
process per core.

Figures under 1,200 px are also read with a second text detector, PP-OCRv4's (from the
``rapidocr_onnxruntime`` wheel of the same RapidOCR project, installed without its
dependencies by the Makefile), run at native size, whose boxes go to the same
recogniser; its words are merged into the first pass (:mod:`pfocr.ocr.merge`). The
two detectors miss different small labels: on the 45 curated PMC figures the merge
raised gene recall by about 2 points with no precision lost (docs/accuracy.md). Its
lines are recognised only where the first pass has not read them surely already
(:mod:`pfocr.ocr.skip`; a quarter less OCR CPU, the same gene sets: docs/speed.md). Where
that wheel is missing the second pass is skipped with a warning, and the stage version
says so.
"""

from __future__ import annotations

import functools
import importlib.util
import logging
import time
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import Any

import cv2
import numpy as np

from pfocr.ocr.base import RawLine, lines_to_words, scale_box
from pfocr.ocr.merge import merge_words
from pfocr.ocr.models import Box, OcrResult, Word
from pfocr.ocr.orientation import both_ways
from pfocr.ocr.pack import PackedRecognizer
from pfocr.ocr.prep import fast_det_preprocess
from pfocr.ocr.runtime import choose_placement, install_sessions
from pfocr.ocr.skip import ROOM, SURE, new_lines, with_line_filter
from pfocr.ocr.tiling import Tile, keep_in_core, tiles

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
#: The recogniser's minimum input width (RapidOCR's ``Rec.rec_img_shape``).
REC_WIDTH = 320


def second_detector_model() -> Path | None:
    """Find the second detector's model without importing its package.

    :returns: the ``.onnx`` file, or None when ``rapidocr_onnxruntime`` is not installed
    """
    spec = importlib.util.find_spec("rapidocr_onnxruntime")
    if spec is None or spec.origin is None:
        return None
    path = Path(spec.origin).parent / "models" / SECOND_DETECTOR
    return path if path.is_file() else None


def _in_original(keep_line: Callable[[Box], bool], factor: float, tile: Tile, box: Any) -> bool:
    """Ask ``keep_line`` about a line detected in a tile of the scaled image."""
    return keep_line(scale_box(box, factor, tile.x0 / factor, tile.y0 / factor))


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
    :param runtime: where the models run on the CPU: ``auto`` (the detector on OpenVINO
        when installed), ``onnxruntime`` or ``openvino`` (:mod:`pfocr.ocr.runtime`)
    :param device: ``cpu`` or ``cuda`` (onnxruntime-gpu; falls back to the CPU)
    :param rec_width: the recogniser pads every batch of text lines to at least this
        width (RapidOCR's and PaddleOCR's 320 px at 48 px height); narrower padding costs
        less for short labels but changes readings (docs/speed.md)
    :param second_rec: ``new`` (the default: the second detector's lines are recognised
        only where the first pass did not read them surely, :mod:`pfocr.ocr.skip`) or
        ``all`` (every line, as before: 25% more OCR CPU on PMC figures, the same genes)
    :param second_sure: with ``second_rec="new"``, a second-detector line is not read
        where it lies on a first-pass line whose every word was read at least this surely
        (:mod:`pfocr.ocr.skip`)
    :param rec_pack: read short lines side by side, several in one recogniser input
        (:mod:`pfocr.ocr.pack`): a fifth less CPU, but readings change (docs/speed.md)
    :param second_room: with ``second_rec="new"``, a second-detector line is also not
        read where first-pass words read surely and single fill it, leaving no stretch
        wider than this many line heights (:func:`pfocr.ocr.skip.unread_room`; 0: off;
        the default, 1, changes no gene set of 230 PMC figures and saves 4-10% of the CPU,
        docs/speed.md)
    :raises ValueError: for an unknown runtime or device
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
        runtime: str = "auto",
        device: str = "cpu",
        rec_width: int = REC_WIDTH,
        second_rec: str = "new",
        second_sure: float = SURE,
        rec_pack: bool = False,
        second_room: float = ROOM,
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
        :param runtime: as for the constructor (``auto``, ``onnxruntime`` and
            ``openvino`` do not change the output: they run the same models in float32;
            ``openvino-bf16`` does)
        :param device: as for the constructor (likewise)
        :param rec_width: as for the constructor
        :param second_rec: as for the constructor
        :param second_sure: as for the constructor
        :param rec_pack: as for the constructor
        :param second_room: as for the constructor
        :returns: ``rapidocr-<version>-<settings>``
        """
        # "-bw": lines the orientation classifier turns over are read both ways
        key = f"up{upscale}-t{tile}-o{overlap}-s{text_score}-bw"
        if (box_thresh, det_thresh, unclip_ratio) != (0.5, 0.3, 1.6):
            key += f"-b{box_thresh}-d{det_thresh}-u{unclip_ratio}"
        if second_detector and second_detector_model() is not None:
            key += f"-det2v4x1lt{SECOND_DETECTOR_BELOW}"
            if second_rec != "all":
                key += f"-s2{second_rec}"
                if float(second_sure) != SURE:
                    key += f"{float(second_sure)}"
                if float(second_room) > 0:  # the default, ROOM, is r1.0
                    key += f"-r{float(second_room)}"
        if flip_thresh != FLIP_THRESH:
            key += f"-f{flip_thresh}"
        if runtime == "openvino-bf16":  # the one runtime whose readings differ
            key += "-recbf16"
        if int(rec_width) != REC_WIDTH:
            key += f"-rw{int(rec_width)}"
        if rec_pack:
            key += "-pack"
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
        runtime: str = "auto",
        device: str = "cpu",
        rec_width: int = REC_WIDTH,
        second_rec: str = "new",
        second_sure: float = SURE,
        rec_pack: bool = False,
        second_room: float = ROOM,
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
            runtime,
            device,
            rec_width,
            second_rec,
            second_sure,
            rec_pack,
            second_room,
        ).split("-", 2)[2]
        self._second_sure = float(second_sure)
        self._second_room = float(second_room)
        params: dict[str, Any] = {
            "Det.box_thresh": box_thresh,
            "Det.thresh": det_thresh,
            "Det.unclip_ratio": unclip_ratio,
            "Cls.cls_thresh": flip_thresh,
            "Rec.rec_img_shape": [3, 48, int(rec_width)],
            "Global.log_level": "error",
            "Global.return_word_box": True,
            "Global.text_score": text_score,
            # tiles are at most tile + overlap; never let RapidOCR shrink them
            "Global.max_side_len": tile + overlap + 64,
            "EngineConfig.onnxruntime.intra_op_num_threads": threads,
            "EngineConfig.onnxruntime.inter_op_num_threads": 1,
        }
        if second_rec not in ("all", "new"):
            raise ValueError(f"second_rec is 'all' or 'new', not {second_rec!r}")
        self.placement = choose_placement(runtime, device)
        reader = both_ways(RapidOCR)
        self._ocr = reader(params=params)
        self.placement = install_sessions(self._ocr, self.placement, threads)
        fast_det_preprocess(self._ocr.text_det)
        if rec_pack:
            self._ocr.text_rec = PackedRecognizer(self._ocr.text_rec)
        self._ocr2: Any = None
        self._skip_known = False
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
                self._skip_known = second_rec == "new"
                reader2 = with_line_filter(reader) if self._skip_known else reader
                self._ocr2 = reader2(params=second)
                # the same classifier and recogniser, with the same settings: share the
                # first reader's instead of loading both models twice
                self._ocr2.text_cls = self._ocr.text_cls
                self._ocr2.text_rec = self._ocr.text_rec
                install_sessions(self._ocr2, self.placement, threads, parts=("det",))
                fast_det_preprocess(self._ocr2.text_det)

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

    def _pass(
        self,
        rgb: np.ndarray,
        factor: float,
        ocr: Any = None,
        keep_line: Callable[[Box], bool] | None = None,
    ) -> tuple[Word, ...]:
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
            reader = ocr or self._ocr
            if keep_line is not None:  # decide on each detected line in original pixels
                reader.line_filter = functools.partial(_in_original, keep_line, factor, tile)
            try:
                found = self._read(crop, reader)
            finally:
                if keep_line is not None:
                    reader.line_filter = None
            for text, score, box, word_items in found:
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
            keep = (
                new_lines(words, self._second_sure, self._second_room) if self._skip_known else None
            )
            words = merge_words(words, self._pass(rgb, 1.0, self._ocr2, keep))
        if extra and float(extra) != factor:
            words = merge_words(words, self._pass(rgb, float(extra)))
        return OcrResult(
            engine=self.name,
            engine_version=self.version,
            settings=self.settings_key,
            words=words,
            seconds=time.perf_counter() - start,
        )
