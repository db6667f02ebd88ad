"""Text for people: cut at a word, with an ellipsis."""

from __future__ import annotations

__all__ = ["shorten"]


def shorten(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters at a word boundary, with ``…``.

    A text that fits is returned as it is (whitespace collapsed); a single word longer
    than the limit is cut inside it.

    :param text: the text
    :param limit: the most characters, the ellipsis included
    :returns: the text or its beginning
    """
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    head = text[: max(1, limit - 1)]
    cut = head.rsplit(" ", 1)[0] if " " in head else head
    return cut.rstrip(" ,;:.-–—/(") + "…"
