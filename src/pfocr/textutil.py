"""Text for people: cut at a word, with an ellipsis."""

from __future__ import annotations

import re

__all__ = ["display_title", "figure_label", "first_sentence", "shorten"]


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


_LEADING_LABEL = re.compile(
    r"^\s*(?:(?:fig(?:ure)?\.?|scheme|graphical abstract)\s*[\dA-Z]*[.:]?\s*|\([A-Za-z0-9]\)\s*)+",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"(?<=[a-z0-9)\]])\.\s+(?=[A-Z(])")


def first_sentence(text: str, limit: int = 120) -> str:
    """A caption's first sentence, without a leading ``Figure 1.`` or ``(A)``, shortened."""
    body = _LEADING_LABEL.sub("", " ".join(text.split()))
    sentence = _SENTENCE_END.split(body, maxsplit=1)[0].rstrip(" .")
    return shorten(sentence, limit)


def display_title(
    figtitle: str | None, caption: str | None, papertitle: str | None, limit: int = 120
) -> str:
    """What to call a figure: its title, else its caption's first sentence, else its
    paper's title; never its raw id.

    :param figtitle: the figure's title
    :param caption: its caption
    :param papertitle: its paper's title
    :param limit: the most characters of a title made from the caption
    :returns: the title
    """
    if figtitle and figtitle.strip():
        return " ".join(figtitle.split())
    for text in (first_sentence(caption or "", limit), papertitle):
        if text and text.strip():
            return " ".join(text.split())
    return "Untitled figure"


_NUMBER = re.compile(r"([Ss]?)(\d+)\s*([A-Za-z]?)\s*\)?\s*$")


def figure_label(figtype: str | None, number: str | None) -> str:
    """``Figure 1`` from the many ways a figure's number is stored (``F1``, ``Fig. 1``,
    ``Figure 1``, ``fig1``, ``g001``, ``(1)``), never ``Figure Fig. (1)``."""
    kind = (figtype or "Figure").strip() or "Figure"
    match = _NUMBER.search(number or "")
    if match is None:
        return kind
    return f"{kind} {match.group(1).upper()}{int(match.group(2))}{match.group(3)}"
