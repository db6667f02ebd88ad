"""Readings and their trails in the store (table ``readings``, schema 3)."""

from __future__ import annotations

import json
from collections.abc import Sequence

from pfocr.recognize.models import Reading, Step
from pfocr.store.schema import has_table
from pfocr.store.sql import Connection

__all__ = ["load_readings", "matching", "save_readings", "trail_text"]


def save_readings(conn: Connection, figid: str, readings: Sequence[Reading]) -> None:
    """Replace a figure's readings (inside the caller's transaction)."""
    conn.execute("DELETE FROM readings WHERE figid = ?", (figid,))
    conn.executemany(
        "INSERT INTO readings(figid, idx, word_start, word_end, text, normalized, outcome,"
        " symbol, family_id, confidence, box, trail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                figid, i, r.word_start, r.word_end, r.text, r.normalized, r.outcome, r.symbol,
                r.family_id, r.confidence, json.dumps(r.box),
                json.dumps([[s.stage, s.before, s.after, s.reason] for s in r.trail],
                           ensure_ascii=False),
            )
            for i, r in enumerate(readings)
        ],
    )  # fmt: skip


def load_readings(conn: Connection, figid: str) -> list[Reading]:
    """A figure's readings in word order (none from a store older than schema 3)."""
    if not has_table(conn, "readings"):  # a store older than schema 3
        return []
    rows = conn.execute("SELECT * FROM readings WHERE figid = ? ORDER BY idx", (figid,))
    out = []
    for r in rows:
        p = json.loads(r["box"])
        box = tuple((float(x), float(y)) for x, y in p)
        out.append(
            Reading(
                word_start=r["word_start"],
                word_end=r["word_end"],
                text=r["text"],
                normalized=r["normalized"],
                outcome=r["outcome"],
                symbol=r["symbol"],
                family_id=r["family_id"],
                confidence=r["confidence"],
                box=box,  # type: ignore[arg-type]
                trail=tuple(Step(*s) for s in json.loads(r["trail"])),
            )
        )
    return out


def matching(readings: Sequence[Reading], text: str | None) -> list[Reading]:
    """The readings of one label: printed or looked up as ``text`` (case and spacing
    aside), else those whose label contains it; every reading when ``text`` is None."""
    if not text:
        return list(readings)
    want = " ".join(text.split()).casefold()
    exact = [
        r
        for r in readings
        if want in (" ".join(r.text.split()).casefold(), r.normalized.casefold())
    ]
    return exact or [r for r in readings if want in r.text.casefold()]


def trail_text(reading: Reading) -> list[str]:
    """A reading's trail as short lines: ``stage: after (reason)``."""
    return [f"{s.stage}: {s.after}" + (f" ({s.reason})" if s.reason else "") for s in reading.trail]
