"""Exceptions shared by every stage.

An :class:`InputError` is the user's input being unusable (a broken image, hostile XML,
an empty gene list). The CLI prints its message on one line and exits with status 2;
the web layer turns it into a 4xx response.
"""

__all__ = ["InputError", "PfocrError"]


class PfocrError(Exception):
    """Base class of pfocr's own errors."""


class InputError(PfocrError):
    """Input that pfocr refuses, with a one-line message that names the culprit."""
