"""Reading one word or label crop (a gene box cut out of a figure): text and confidence.

A crop is one short text line, so the base reader is RapidOCR's recogniser alone, run
on the crop as cut (on the word-image benchmark in ``docs/ocr-crops.md`` white padding
and upscaling lost accuracy; Tesseract is far behind). Configurations are named in
:data:`CONFIGS`. The default, :data:`DEFAULT_CONFIG` (``vote-det-lex``), reads a crop
a second time, with detection + recognition on the padded crop, only when the
recogniser is less than 0.97 sure (about a quarter of the crops), and keeps one of the
two readings: agreement first, then the reading the gene lexicon knows (a tie-breaker
only: the lexicon never changes a text), then confidence; :func:`fold_text` undoes the
recogniser's accents and superscripts. Multi-line labels are what detection rescues.

The readers reuse the page engines' objects (:func:`pfocr.ocr.get_engine`), so one
process holds one copy of the models.
"""

from __future__ import annotations

import time
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Literal

import cv2
import numpy as np

from pfocr.errors import InputError
from pfocr.lexicon.normalize import norm_key
from pfocr.ocr.base import get_engine
from pfocr.ocr.models import Word

if TYPE_CHECKING:
    from pfocr.lexicon import Lexicon
    from pfocr.ocr.rapid import RapidOcrEngine
    from pfocr.ocr.tesseract import TesseractEngine

__all__ = [
    "CONFIGS",
    "DEFAULT_CONFIG",
    "CropConfig",
    "CropReader",
    "CropReading",
    "Prep",
    "choose",
    "fold_text",
    "join_words",
    "prepare",
    "vote",
]

Reader = Literal["rapid-rec", "rapid-det", "tesseract", "vote"]


@dataclass(frozen=True)
class Prep:
    """How a crop is prepared before it is read.

    :param pad: border added on every side, as a fraction of the crop height
    :param pad_mode: ``white`` (constant white) or ``edge`` (the crop's edge pixels repeated)
    :param min_height: crops lower than this many pixels are upscaled ...
    :param target_height: ... to this height (bicubic); the width keeps the aspect ratio
    :param gray: convert to grey and stretch the contrast to 0..255 (coloured boxes)
    :param invert: with ``gray``: make light text on a dark box dark on light (when the
        crop's border is darker than mid-grey)
    """

    pad: float = 0.0
    pad_mode: Literal["white", "edge"] = "white"
    min_height: int = 0
    target_height: int = 48
    gray: bool = False
    invert: bool = False


@dataclass(frozen=True)
class CropConfig:
    """One way of reading crops.

    :param name: the configuration's name
    :param reader: ``rapid-rec`` (recognition only), ``rapid-det`` (detection and
        recognition, boxes joined in reading order), ``tesseract``, or ``vote``
    :param prep: preparation of the crop (not used by ``vote`` itself)
    :param psm: Tesseract page segmentation mode (7: one line, 8: one word)
    :param members: ``vote``: names of the configurations to consult, primary first
    :param fallback_below: ``vote``: consult the other members only when the primary
        reading's confidence is below this (1.0 or more: always)
    :param lexicon: ``vote``: break ties with the lexicon (prefer a reading that is a
        known gene, family or alias term); needs a lexicon
    :param fold: apply :func:`fold_text` to the reading (a vote: to every member's)
    """

    name: str
    reader: Reader = "rapid-rec"
    prep: Prep = field(default_factory=Prep)
    psm: int = 7
    members: tuple[str, ...] = ()
    fallback_below: float = 1.0
    lexicon: bool = False
    fold: bool = False


@dataclass(frozen=True)
class CropReading:
    """What a reader made of one crop.

    :param text: the text (lines and boxes joined by single spaces)
    :param confidence: the engine's confidence, 0..1 (0 when nothing was read)
    :param source: the configuration that produced the text
    :param seconds: wall time of the whole reading, members included
    """

    text: str
    confidence: float
    source: str
    seconds: float = 0.0


_TESS_UP = Prep(pad=0.3, min_height=40, target_height=64)

#: Named configurations; the benchmark's levers.
CONFIGS: dict[str, CropConfig] = {
    c.name: c
    for c in (
        CropConfig("rec-raw"),
        CropConfig("rec-fold", fold=True),
        CropConfig("rec-pad", prep=Prep(pad=0.25)),
        CropConfig("rec-pad-small", prep=Prep(pad=0.1)),
        CropConfig("rec-pad-edge", prep=Prep(pad=0.25, pad_mode="edge")),
        CropConfig("rec-up", prep=Prep(min_height=32, target_height=48)),
        CropConfig("rec-gray", prep=Prep(gray=True)),
        CropConfig("rec-gray-inv", prep=Prep(gray=True, invert=True)),
        CropConfig("rec-gray-fold", prep=Prep(gray=True), fold=True),
        CropConfig("rec-pad-up", prep=Prep(pad=0.25, min_height=32, target_height=48)),
        CropConfig("det-pad", reader="rapid-det", prep=Prep(pad=0.25)),
        CropConfig("tess-psm7", reader="tesseract", psm=7, prep=_TESS_UP),
        CropConfig("tess-psm8", reader="tesseract", psm=8, prep=_TESS_UP),
        CropConfig("tess-psm7-raw", reader="tesseract", psm=7),
    )
}
# vote -> (members, fallback_below without / with the lexicon tie-break), each threshold
# chosen on the tune halves of both benchmark sets together (bench/ocr_crops.py --joint)
_VOTES: dict[str, tuple[tuple[str, ...], float, float]] = {
    "vote-tess": (("rec-raw", "tess-psm7"), 0.9, 0.9),
    "vote-edge": (("rec-raw", "rec-pad-edge"), 0.93, 0.99),
    "vote-4": (("rec-raw", "rec-pad-edge", "rec-up", "rec-pad-small"), 0.93, 0.99),
    "vote-det": (("rec-raw", "det-pad"), 0.93, 0.97),
    "vote-det-edge": (("rec-raw", "det-pad", "rec-pad-edge"), 0.97, 0.97),
    "vote-det-4": (("rec-raw", "det-pad", "rec-pad-edge", "rec-up", "rec-pad-small"), 0.93, 0.93),
    "vote-all": (
        ("rec-raw", "rec-pad-edge", "rec-up", "rec-pad-small", "det-pad", "tess-psm7"),
        0.93,
        0.93,
    ),
    "vote-gray-det": (("rec-gray", "det-pad"), 0.93, 0.95),
    "vote-gray-det-raw": (("rec-gray", "det-pad", "rec-raw"), 0.7, 1.01),
}
for _name, (_members, _plain, _with_lexicon) in _VOTES.items():
    for _lex, _below in ((False, _plain), (True, _with_lexicon)):
        _cfg = CropConfig(
            _name + ("-lex" if _lex else ""),
            reader="vote",
            members=_members,
            fallback_below=_below,
            lexicon=_lex,
            fold=True,
        )
        CONFIGS[_cfg.name] = _cfg

#: The configuration chosen on the tune halves of the benchmark.
DEFAULT_CONFIG = "vote-det-lex"


def prepare(rgb: np.ndarray, prep: Prep) -> np.ndarray:
    """Pad and upscale a crop as a configuration asks.

    :param rgb: the crop, H x W x 3 uint8
    :param prep: the preparation
    :returns: the prepared crop (the input itself when nothing is to be done)
    """
    img = rgb
    if prep.gray:
        grey = cv2.cvtColor(img, cv2.COLOR_RGB2GRAY).astype(np.float32)
        lo, hi = float(grey.min()), float(grey.max())
        if hi > lo:
            grey = (grey - lo) * (255.0 / (hi - lo))
        border = np.concatenate([grey[0], grey[-1], grey[:, 0], grey[:, -1]])
        if prep.invert and float(np.median(border)) < 128:
            grey = 255.0 - grey
        img = np.repeat(grey.round().astype(np.uint8)[:, :, np.newaxis], 3, axis=2)
    h = img.shape[0]
    if prep.pad > 0:
        px = max(1, round(prep.pad * h))
        if prep.pad_mode == "edge":
            img = cv2.copyMakeBorder(img, px, px, px, px, cv2.BORDER_REPLICATE)
        else:
            white = (255, 255, 255)
            img = cv2.copyMakeBorder(img, px, px, px, px, cv2.BORDER_CONSTANT, value=white)
    h, w = img.shape[:2]
    if prep.min_height and h < prep.min_height:
        factor = prep.target_height / h
        img = cv2.resize(
            img, (max(1, round(w * factor)), prep.target_height), interpolation=cv2.INTER_CUBIC
        )
    return np.ascontiguousarray(img)


def fold_text(text: str) -> str:
    """Undo the recogniser's typographic variants: NFKC, then no accents on Latin letters.

    The Chinese/English PP-OCR model reads a serif ``A`` as ``À`` now and then and
    writes superscripts as ``²``; gene labels have neither. Greek letters, ``Ø`` and
    other letters without a decomposition are kept.

    :param text: a reading
    :returns: the folded reading, stripped
    """
    text = unicodedata.normalize("NFKC", text)
    if text.isascii():
        return text.strip()
    out = []
    for ch in text:
        if "\u00c0" <= ch <= "\u024f":  # Latin-1 Supplement and Latin Extended-A/B
            ch = unicodedata.normalize("NFD", ch)[0]
        out.append(ch)
    return "".join(out).strip()


def join_words(words: Sequence[Word], gap: float = 0.3) -> str:
    """Join OCR words of one crop in reading order.

    Words on one line are joined by a space only when the gap between their boxes is
    wider than ``gap`` times the line height (a detector may cut ``NF-κB`` in two);
    lines are joined by a space.

    :param words: the words, in the engine's reading order
    :param gap: the smallest gap, relative to the height, that is a space
    :returns: the text
    """
    out = ""
    prev: Word | None = None
    for word in words:
        if prev is None:
            out = word.text
        elif word.line != prev.line:
            out += " " + word.text
        else:
            x0, y0, _, y1 = word.bbox
            px1 = prev.bbox[2]
            height = max(y1 - y0, prev.bbox[3] - prev.bbox[1], 1.0)
            out += (" " if x0 - px1 > gap * height else "") + word.text
        prev = word
    return out.strip()


def _known(text: str, lexicon: Lexicon) -> int:
    """Rank how well the lexicon knows a text: 2 as written, 1 up to case and symbols."""
    terms = lexicon.lookup(norm_key(text))
    if not terms:
        return 0
    return 2 if any(t.text == text for t in terms) else 1


def choose(readings: Sequence[CropReading], lexicon: Lexicon | None = None) -> CropReading:
    """Pick one reading of a crop among several engines' readings.

    Text that several readings agree on wins; otherwise, when a lexicon is given, a
    reading the lexicon knows beats one it does not (a tie-breaker only: the lexicon
    never changes a text); the most confident reading wins what is left.

    :param readings: the candidates, primary first (it wins exact ties)
    :param lexicon: the lexicon for the tie-break, or None
    :returns: the chosen reading
    :raises ValueError: when there is no candidate
    """
    if not readings:
        raise ValueError("no readings to choose from")
    counts: dict[str, int] = {}
    for r in readings:
        if r.text:
            counts[r.text] = counts.get(r.text, 0) + 1

    def key(item: tuple[int, CropReading]) -> tuple[int, int, float, int]:
        i, r = item
        known = _known(r.text, lexicon) if lexicon is not None and r.text else 0
        return (counts.get(r.text, 0), known, r.confidence, -i)

    return max(enumerate(readings), key=key)[1]


class CropReader:
    """Read word/label crops with a named configuration.

    :param config: a :class:`CropConfig` or the name of one in :data:`CONFIGS`
    :param rapid: a RapidOCR engine to reuse (created on first use otherwise)
    :param tesseract: a Tesseract engine to reuse (created on first use otherwise)
    :param lexicon: the lexicon for tie-breaks of configurations that ask for one; when
        None, such a configuration loads :func:`pfocr.lexicon.load_lexicon`
    :raises InputError: for an unknown configuration or a vote of votes
    """

    def __init__(
        self,
        config: CropConfig | str = DEFAULT_CONFIG,
        *,
        rapid: RapidOcrEngine | None = None,
        tesseract: TesseractEngine | None = None,
        lexicon: Lexicon | None = None,
    ) -> None:
        self.config = self._resolve(config)
        self._rapid = rapid
        self._tesseract = tesseract
        self.lexicon = lexicon
        for cfg in [self.config, *map(self._resolve, self.config.members)]:
            if cfg.reader == "vote" and cfg is not self.config:
                raise InputError(f"vote member {cfg.name!r} is itself a vote")
        if self.config.lexicon and lexicon is None:
            from pfocr.lexicon import load_lexicon

            self.lexicon = load_lexicon()

    @staticmethod
    def _resolve(config: CropConfig | str) -> CropConfig:
        if isinstance(config, CropConfig):
            return config
        try:
            return CONFIGS[config]
        except KeyError as exc:
            known = ", ".join(CONFIGS)
            raise InputError(f"unknown crop configuration {config!r} (known: {known})") from exc

    @property
    def rapid(self) -> RapidOcrEngine:
        """The RapidOCR engine (created on first use)."""
        if self._rapid is None:
            from pfocr.ocr.rapid import RapidOcrEngine

            engine = get_engine("rapidocr")
            assert isinstance(engine, RapidOcrEngine)
            self._rapid = engine
        return self._rapid

    def tesseract(self, psm: int) -> TesseractEngine:
        """A Tesseract engine for a page segmentation mode, at the crop's own scale.

        :param psm: the page segmentation mode
        :returns: the engine
        """
        from pfocr.ocr.tesseract import TesseractEngine

        base = self._tesseract
        if base is None or base.psm != psm or base.upscale != 1.0:
            lang = base.lang if base is not None else "eng"
            engine = get_engine("tesseract", upscale=1.0, psm=psm, lang=lang)
            assert isinstance(engine, TesseractEngine)
            self._tesseract = base = engine
        return base

    def read_with(self, config: CropConfig, rgb: np.ndarray) -> CropReading:
        """Read one crop with one (non-vote) configuration.

        :param config: the configuration
        :param rgb: the crop, H x W x 3 uint8
        :returns: the reading
        :raises InputError: for a vote configuration
        """
        start = time.perf_counter()
        img = prepare(rgb, config.prep)
        text, conf = "", 0.0
        if config.reader == "rapid-rec":
            ((text, conf),) = self.rapid.recognize([img])
        elif config.reader == "rapid-det":
            words = self.rapid(img).words
            if words:
                text = join_words(words)
                conf = min(w.confidence for w in words)
            else:  # nothing detected: read the crop as one line
                ((text, conf),) = self.rapid.recognize([img])
        elif config.reader == "tesseract":
            words = self.tesseract(config.psm)(img).words
            if words:
                text = join_words(words)
                conf = min(w.confidence for w in words)
        else:
            raise InputError(f"{config.name!r} is a vote, not a single reader")
        text = fold_text(text) if config.fold else text.strip()
        return CropReading(text, max(0.0, conf), config.name, time.perf_counter() - start)

    def candidates(self, rgb: np.ndarray) -> list[CropReading]:
        """Read a crop with every member of a vote (or the configuration itself).

        :param rgb: the crop
        :returns: one reading per member, primary first
        """
        members = self.config.members if self.config.reader == "vote" else (self.config.name,)
        return [self.read_with(self._resolve(m), rgb) for m in members]

    def __call__(self, rgb: np.ndarray) -> CropReading:
        """Read one crop.

        :param rgb: the crop, H x W x 3 uint8
        :returns: the reading
        """
        config = self.config
        if config.reader != "vote":
            return self.read_with(config, rgb)
        start = time.perf_counter()
        members = [self._resolve(m) for m in config.members]
        lexicon = self.lexicon if config.lexicon else None
        readings = [self.read_with(members[0], rgb)]
        if _fold(readings[0], config.fold).confidence < config.fallback_below:
            readings += [self.read_with(m, rgb) for m in members[1:]]
        best = vote(readings, config.fallback_below, lexicon, fold=config.fold)
        return replace(best, seconds=time.perf_counter() - start)


def _fold(reading: CropReading, fold: bool) -> CropReading:
    return replace(reading, text=fold_text(reading.text)) if fold else reading


def vote(
    readings: Sequence[CropReading],
    fallback_below: float,
    lexicon: Lexicon | None = None,
    fold: bool = False,
) -> CropReading:
    """Apply a vote configuration's rule to readings already made.

    The primary reading stands when its confidence reaches ``fallback_below`` (or when
    it is the only one); otherwise :func:`choose` picks among all of them.

    :param readings: the members' readings, primary first
    :param fallback_below: as :attr:`CropConfig.fallback_below`
    :param lexicon: the lexicon for the tie-break, or None
    :param fold: apply :func:`fold_text` to every reading first
    :returns: the reading the vote returns
    """
    folded = [_fold(r, fold) for r in readings]
    if folded[0].confidence >= fallback_below or len(folded) == 1:
        return folded[0]
    return choose(folded, lexicon)
