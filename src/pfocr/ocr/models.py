"""OCR output: words with their boxes and confidences."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["BBox", "Box", "OcrResult", "Word", "bbox_of"]

#: Four corner points (x, y) in original image pixels, clockwise from top-left.
Box = tuple[tuple[float, float], tuple[float, float], tuple[float, float], tuple[float, float]]
#: An axis-aligned box ``(x0, y0, x1, y1)``.
BBox = tuple[float, float, float, float]


def bbox_of(box: Box) -> BBox:
    """The axis-aligned bounding box of four corner points.

    :param box: the corners
    :returns: ``(x0, y0, x1, y1)``
    """
    xs = [p[0] for p in box]
    ys = [p[1] for p in box]
    return (min(xs), min(ys), max(xs), max(ys))


@dataclass(frozen=True)
class Word:
    """One word read by OCR.

    ``line`` numbers the text line the engine detected the word in; words of one line
    are adjacent in reading order, which is what recognition's word n-grams rely on.
    """

    text: str
    confidence: float
    box: Box
    line: int

    @property
    def bbox(self) -> BBox:
        """Axis-aligned bounding box ``(x0, y0, x1, y1)``."""
        return bbox_of(self.box)

    def to_json(self) -> dict[str, Any]:
        """Return a JSON-ready mapping.

        :returns: ``{"text", "confidence", "box", "line"}``
        """
        return {
            "text": self.text,
            "confidence": round(self.confidence, 4),
            "box": [[round(x, 1), round(y, 1)] for x, y in self.box],
            "line": self.line,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Word:
        """Build a word from :meth:`to_json` output.

        :param data: the mapping
        :returns: the word
        """
        pts = data["box"]
        box: Box = (
            (float(pts[0][0]), float(pts[0][1])),
            (float(pts[1][0]), float(pts[1][1])),
            (float(pts[2][0]), float(pts[2][1])),
            (float(pts[3][0]), float(pts[3][1])),
        )
        return cls(str(data["text"]), float(data["confidence"]), box, int(data["line"]))


@dataclass(frozen=True)
class OcrResult:
    """The words an engine read in one image."""

    engine: str
    engine_version: str
    settings: str
    words: tuple[Word, ...]
    seconds: float

    @property
    def version(self) -> str:
        """Stage version key: engine, engine version and settings."""
        return f"{self.engine}-{self.engine_version}-{self.settings}"
