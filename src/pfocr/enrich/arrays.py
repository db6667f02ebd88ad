"""Compact array storage for the index: many strings in one blob, CSR from lists of ids."""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from typing import overload

import numpy as np
from numpy.typing import NDArray

__all__ = ["StringTable", "invert"]

Int32s = NDArray[np.int32]
Int64s = NDArray[np.int64]


class StringTable(Sequence[str]):
    """Strings stored as one UTF-8 blob and offsets.

    100,000 figure titles take ~2 MB this way instead of ~10 MB of Python objects, and
    save to / load from ``.npz`` without pickling.

    :param blob: the concatenated UTF-8 bytes
    :param offsets: ``len + 1`` offsets into the blob
    """

    def __init__(self, blob: bytes, offsets: Int64s) -> None:
        self.blob = blob
        self.offsets = offsets

    @classmethod
    def from_strings(cls, items: Sequence[str]) -> StringTable:
        """Pack strings.

        :param items: the strings
        :returns: the table
        """
        encoded = [s.encode("utf-8") for s in items]
        offsets = np.zeros(len(encoded) + 1, dtype=np.int64)
        np.cumsum([len(e) for e in encoded], out=offsets[1:])
        return cls(b"".join(encoded), offsets)

    @classmethod
    def from_arrays(cls, blob: NDArray[np.uint8], offsets: Int64s) -> StringTable:
        """Rebuild a table saved with :meth:`to_arrays`.

        :param blob: the bytes as a uint8 array
        :param offsets: the offsets
        :returns: the table
        :raises ValueError: when the offsets do not fit the blob
        """
        if offsets.ndim != 1 or offsets.size == 0 or int(offsets[-1]) != blob.size:
            raise ValueError("string table offsets do not match its blob")
        return cls(blob.tobytes(), offsets.astype(np.int64, copy=False))

    def to_arrays(self) -> tuple[NDArray[np.uint8], Int64s]:
        """Return the blob and offsets as arrays (for ``numpy.savez``).

        :returns: ``(blob, offsets)``
        """
        return np.frombuffer(self.blob, dtype=np.uint8), self.offsets

    @property
    def nbytes(self) -> int:
        """Bytes held.

        :returns: the size
        """
        return len(self.blob) + int(self.offsets.nbytes)

    def __len__(self) -> int:
        return int(self.offsets.shape[0]) - 1

    @overload
    def __getitem__(self, index: int) -> str: ...

    @overload
    def __getitem__(self, index: slice) -> list[str]: ...

    def __getitem__(self, index: int | slice) -> str | list[str]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        start, end = int(self.offsets[index]), int(self.offsets[index + 1])
        return self.blob[start:end].decode("utf-8")

    def __iter__(self) -> Iterator[str]:
        text = self.blob
        bounds = self.offsets.tolist()
        for start, end in itertools.pairwise(bounds):
            yield text[start:end].decode("utf-8")


def invert(ptr: Int64s, items: Int32s, n_items: int) -> tuple[Int64s, Int32s]:
    """Transpose a CSR list of lists: rows -> items becomes items -> rows.

    Rows within each item's list come out in ascending order (a stable sort).

    :param ptr: row offsets (``n_rows + 1``)
    :param items: item ids of every row, concatenated
    :param n_items: number of distinct items
    :returns: ``(item_ptr, rows)``
    """
    n_rows = int(ptr.shape[0]) - 1
    row_of = np.repeat(np.arange(n_rows, dtype=np.int32), np.diff(ptr))
    order = np.argsort(items, kind="stable")
    counts = np.bincount(items, minlength=n_items)
    item_ptr = np.zeros(n_items + 1, dtype=np.int64)
    np.cumsum(counts, out=item_ptr[1:])
    return item_ptr, row_of[order]
