"""Bulk loading with the cycle collector paused."""

from __future__ import annotations

import gc

import pytest

from pfocr.bulk import gc_paused


def test_the_collector_is_paused_for_the_block_and_restored() -> None:
    assert gc.isenabled()
    with gc_paused():
        assert not gc.isenabled()
        rows = [("key", i) for i in range(1000)]
    assert gc.isenabled()
    assert gc.get_freeze_count() >= len(rows)  # what the block loaded is left out
    gc.disable()
    try:
        with gc_paused():
            pass
        assert not gc.isenabled()  # a caller that had it off keeps it off
    finally:
        gc.enable()


def test_an_error_in_the_block_restores_the_collector() -> None:
    with pytest.raises(ValueError), gc_paused():
        raise ValueError("a bad file")
    assert gc.isenabled()


def test_frozen_objects_are_still_freed_when_dropped() -> None:
    import weakref

    class Table:
        pass

    with gc_paused():
        table = Table()
    ref = weakref.ref(table)
    del table
    assert ref() is None  # reference counting frees it; only cycles would stay
