"""Read queries over the store (always parameterised SQL)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from pfocr.chemdis.models import ChemMention
from pfocr.edges.models import Edge
from pfocr.ingest.models import Figure, Paper
from pfocr.ocr.models import Box, OcrResult, Word
from pfocr.recognize.models import Candidate, FamilyMention, Mention, Reading
from pfocr.species.models import Organism
from pfocr.store.chemicals import load_chemicals
from pfocr.store.edges import edge_counts, iter_edges, load_edges
from pfocr.store.models import FigureRecord, GeneRow, GeneSet
from pfocr.store.readings import load_readings
from pfocr.store.schema import has_column, has_table
from pfocr.store.sql import Connection, group_concat
from pfocr.textutil import display_title

__all__ = ["Queries"]

_FIGURE_COLS = (
    "figid, pmcid, filename, number, figtype, figtitle, caption, figlink, sha256, width, height,"
    " source"
)
_PAPER_COLS = (
    "pmcid, pmid, doi, papertitle, reftext, year, journal_title, journal_nlm_ta, publisher_name"
)


def _box(text: str) -> Box:
    p = json.loads(text)
    return (
        (float(p[0][0]), float(p[0][1])),
        (float(p[1][0]), float(p[1][1])),
        (float(p[2][0]), float(p[2][1])),
        (float(p[3][0]), float(p[3][1])),
    )


class Queries:
    """Read access to a pfocr database; :class:`pfocr.store.Store` adds the writes.

    :param conn: an open SQLite connection with ``sqlite3.Row`` rows
    """

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self._figure_stamps: bool | None = None  # whether the store keeps them (schema 12)

    def get_meta(self, key: str) -> str | None:
        """Return a metadata value.

        :param key: the key
        :returns: the value or None
        """
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return str(row[0]) if row else None

    def data_version(self) -> int:
        """Return a counter that changes whenever figure results are written.

        :returns: the counter (0 for an empty store)
        """
        value = self.get_meta("data_version")
        return int(value) if value else 0

    def data_stamp(self) -> str | None:
        """Return a token naming this state of the store's data, new at every write that
        changes the data version (unlike the version, it differs between stores).

        :returns: the token, or None for a store not written since stamps were kept
        """
        return self.get_meta("data_stamp")

    def figure_stamp(self, figid: str) -> str | None:
        """Return a token naming this state of one figure's rows (its figure page's data),
        new whenever the figure or its paper is written.

        :param figid: the figure
        :returns: the token, or None (no such figure, or a store older than schema 12)
        """
        if self._figure_stamps is None:
            self._figure_stamps = has_table(self.conn, "figure_stamps")
        if not self._figure_stamps:
            return None
        row = self.conn.execute(
            "SELECT stamp FROM figure_stamps WHERE figid = ?", (figid,)
        ).fetchone()
        return str(row[0]) if row else None

    def figure_stamps(self) -> set[str]:
        """Return every figure's stamp (:meth:`figure_stamp`).

        :returns: the stamps (none for a store older than schema 12)
        """
        if not has_table(self.conn, "figure_stamps"):
            return set()
        return {str(r[0]) for r in self.conn.execute("SELECT stamp FROM figure_stamps")}

    def count_figures(self) -> int:
        """Return the number of stored figures.

        :returns: the count
        """
        return int(self.conn.execute("SELECT count(*) FROM figures").fetchone()[0])

    def figure_ids(self) -> list[str]:
        """Return all figure ids, sorted.

        :returns: the ids
        """
        return [r[0] for r in self.conn.execute("SELECT figid FROM figures ORDER BY figid")]

    def figure_row(self, figid: str) -> Figure | None:
        """Return a stored figure's own fields (no paper, genes or organisms).

        :param figid: the figure
        :returns: the figure or None
        """
        row = self.conn.execute(
            f"SELECT {_FIGURE_COLS} FROM figures WHERE figid = ?", (figid,)
        ).fetchone()
        return self._figure_from_row(row) if row else None

    def _figure_from_row(self, row: Any) -> Figure:
        return Figure(**{k: row[k] for k in row.keys()})  # noqa: SIM118 - Row has no items()

    def paper(self, pmcid: str | None) -> Paper | None:
        """Return a stored paper.

        :param pmcid: the paper's PMCID
        :returns: the paper or None
        """
        if not pmcid:
            return None
        row = self.conn.execute(
            f"SELECT {_PAPER_COLS} FROM papers WHERE pmcid = ?", (pmcid,)
        ).fetchone()
        return Paper(**{k: row[k] for k in row.keys()}) if row else None  # noqa: SIM118

    def figure_genes(self, figid: str) -> list[GeneRow]:
        """Return a figure's gene set rows, most confident first.

        :param figid: the figure
        :returns: the genes
        """
        rows = self.conn.execute(
            "SELECT symbol, hgnc_id, entrez_id, confidence, n_mentions FROM genes"
            " WHERE figid = ? ORDER BY confidence DESC, symbol",
            (figid,),
        )
        return [GeneRow(*r) for r in rows]

    def organisms(self, figid: str) -> list[Organism]:
        """Return the organisms found for a figure.

        :param figid: the figure
        :returns: the organisms
        """
        if not has_column(self.conn, "organisms", "role"):  # a store older than schema 5
            rows = self.conn.execute(
                "SELECT taxid, name, evidence FROM organisms WHERE figid = ? ORDER BY taxid",
                (figid,),
            )
            return [Organism(r[0], r[1], r[2], "drawn") for r in rows]
        rows = self.conn.execute(
            "SELECT taxid, name, evidence, role, kind FROM organisms WHERE figid = ?"
            " ORDER BY position, taxid",
            (figid,),
        )
        return [Organism(*r) for r in rows]

    def figure(self, figid: str) -> FigureRecord | None:
        """Return one stored figure with its paper, organisms, score and genes.

        :param figid: the figure
        :returns: the record or None when unknown
        """
        row = self.conn.execute(
            f"SELECT {_FIGURE_COLS} FROM figures WHERE figid = ?", (figid,)
        ).fetchone()
        if row is None:
            return None
        return self._record(row)

    def _record(self, row: Any) -> FigureRecord:
        fig = self._figure_from_row(row)
        score = self.conn.execute(
            "SELECT score FROM classifications WHERE figid = ?", (fig.figid,)
        ).fetchone()
        return FigureRecord(
            figure=fig,
            paper=self.paper(fig.pmcid),
            organisms=tuple(self.organisms(fig.figid)),
            pathway_score=float(score[0]) if score else None,
            genes=tuple(self.figure_genes(fig.figid)),
        )

    def iter_figures(self) -> Iterator[FigureRecord]:
        """Yield every stored figure, ordered by figid.

        :yields: figure records
        """
        rows = self.conn.execute(f"SELECT {_FIGURE_COLS} FROM figures ORDER BY figid").fetchall()
        for row in rows:
            yield self._record(row)

    def gene_sets(self, min_genes: int = 1, *, display_titles: bool = False) -> Iterator[GeneSet]:
        """Yield each figure's gene set (families not expanded), ordered by figid.

        :param min_genes: leave out sets with fewer genes
        :param display_titles: title each set as the site names its figure (its title,
            else its caption's first sentence, else its paper's title) instead of by its
            title alone (empty where it has none, as GMT files carry it)
        :yields: gene sets
        """
        symbols = group_concat(self.conn, "g.symbol", "\t")
        texts = (
            # the caption and the paper's title are read only for an untitled figure
            "f.figtitle, CASE WHEN TRIM(COALESCE(f.figtitle, '')) = '' THEN f.caption END,"
            " CASE WHEN TRIM(COALESCE(f.figtitle, '')) = '' THEN"
            " (SELECT p.papertitle FROM papers p WHERE p.pmcid = f.pmcid) END"
            if display_titles
            else "f.figtitle, '', ''"
        )
        rows = self.conn.execute(
            f"SELECT f.figid, {texts}, {symbols} FROM figures f"
            " JOIN genes g ON g.figid = f.figid"
            " GROUP BY f.figid HAVING count(*) >= ? ORDER BY f.figid",
            (min_genes,),
        )
        for figid, title, caption, papertitle, genes in rows:
            name = display_title(title, caption, papertitle) if display_titles else title or ""
            yield GeneSet(figid, name, tuple(sorted(genes.split("\t"))))

    def mentions(self, figid: str, *, accepted_only: bool = False) -> list[Mention]:
        """Return a figure's gene mentions in OCR order.

        :param figid: the figure
        :param accepted_only: leave out mentions below the confidence threshold
        :returns: the mentions
        """
        sql = "SELECT * FROM mentions WHERE figid = ?"
        if accepted_only:
            sql += " AND accepted = 1"
        out = []
        for r in self.conn.execute(sql + " ORDER BY idx", (figid,)):
            cands = tuple(Candidate(**c) for c in json.loads(r["candidates"]))
            out.append(
                Mention(
                    word_start=r["word_start"],
                    word_end=r["word_end"],
                    text=r["text"],
                    normalized=r["normalized"],
                    rule=r["rule"],
                    hgnc_id=r["hgnc_id"],
                    symbol=r["symbol"],
                    entrez_id=r["entrez_id"],
                    confidence=r["confidence"],
                    box=_box(r["box"]),
                    accepted=bool(r["accepted"]),
                    candidates=cands,
                )
            )
        return out

    def chemicals(self, figid: str) -> list[ChemMention]:
        """Return a figure's chemical and disease mentions (figure, then caption and title).

        :param figid: the figure
        :returns: the mentions
        """
        return load_chemicals(self.conn, figid)

    def edges(self, figid: str) -> list[Edge]:
        """Return a figure's interactions, as the edges stage read them.

        :param figid: the figure
        :returns: the edges (none for a store older than schema 8)
        """
        return load_edges(self.conn, figid)

    def edge_counts(self) -> dict[str, int]:
        """How many interactions each figure has (figures without any left out).

        :returns: figid -> count
        """
        return edge_counts(self.conn)

    def all_edges(self) -> Iterator[tuple[str, Edge]]:
        """Every stored interaction with its figure, figure by figure.

        :returns: ``(figid, edge)`` pairs
        """
        return iter_edges(self.conn)

    def readings(self, figid: str) -> list[Reading]:
        """Return every reading of a figure with its trail (accepted, below the threshold,
        families, not-genes, dropped), in word order.

        :param figid: the figure
        :returns: the readings (none for a store older than schema 3)
        """
        return load_readings(self.conn, figid)

    def family_mentions(self, figid: str) -> list[FamilyMention]:
        """Return a figure's family and complex mentions.

        :param figid: the figure
        :returns: the family mentions
        """
        rows = self.conn.execute(
            "SELECT * FROM family_mentions WHERE figid = ? ORDER BY idx", (figid,)
        )
        return [
            FamilyMention(
                word_start=r["word_start"],
                word_end=r["word_end"],
                text=r["text"],
                family_id=r["family_id"],
                name=r["name"],
                members=tuple(json.loads(r["members"])),
                box=_box(r["box"]),
            )
            for r in rows
        ]

    def ocr(self, figid: str) -> OcrResult | None:
        """Return the OCR result a figure's current recognition was made from.

        :param figid: the figure
        :returns: the OCR result or None
        """
        row = self.conn.execute(
            "SELECT o.engine, o.engine_version, o.settings, o.words, o.seconds"
            " FROM ocr o JOIN stages s ON s.figid = o.figid AND s.stage = 'ocr'"
            " AND s.version = o.version WHERE o.figid = ?",
            (figid,),
        ).fetchone()
        if row is None:
            return None
        words = tuple(Word.from_json(w) for w in json.loads(row["words"]))
        return OcrResult(row[0], row[1], row[2], words, float(row[4]))

    def image(self, figid: str) -> tuple[bytes, str] | None:
        """Return a figure's image bytes and MIME type.

        :param figid: the figure
        :returns: ``(data, mime)`` or None
        """
        row = self.conn.execute(
            "SELECT i.data, i.mime FROM images i JOIN figures f ON f.sha256 = i.sha256"
            " WHERE f.figid = ?",
            (figid,),
        ).fetchone()
        return (bytes(row[0]), str(row[1])) if row else None

    def failures(self) -> list[dict[str, Any]]:
        """Return recorded failures.

        :returns: rows with source, stage, figid, error, at
        """
        rows = self.conn.execute(
            "SELECT source, stage, figid, error, at FROM failures ORDER BY source"
        )
        return [dict(r) for r in rows]
