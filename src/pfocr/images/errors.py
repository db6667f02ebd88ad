"""The error raised for an image that cannot be used."""

from __future__ import annotations

from pfocr.errors import InputError

__all__ = ["ImageError"]


class ImageError(InputError):
    """An image file that pfocr refuses: empty, too big, not an image, truncated, a bomb.

    The message is one line, ``<file>: <problem>``.

    :param source: the file (path or name) the image came from
    :param problem: what is wrong with it
    """

    def __init__(self, source: str, problem: str) -> None:
        self.source = source
        self.problem = " ".join(problem.split())
        super().__init__(f"{' '.join(source.split())}: {self.problem}")

    def __reduce__(self) -> tuple[type[ImageError], tuple[str, str]]:
        # Process pools pickle exceptions; the default reduction would call __init__ with the
        # one formatted message and fail (https://bugs.python.org/issue1692335).
        return (type(self), (self.source, self.problem))
