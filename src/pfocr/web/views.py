"""Links, input parsing and the conversions from store records to the API models.

Pages and the JSON API show the same data, so both build it here. Every outbound link
is assembled from a validated identifier, never copied from stored text, so no
``javascript:`` or other foreign URL can reach an ``href``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import quote, urlencode

from pfocr.chemdis.models import ChemMention
from pfocr.edges.models import Edge, Node
from pfocr.errors import InputError
from pfocr.ingest.models import Paper
from pfocr.ocr.models import Box
from pfocr.recognize.models import FamilyMention, Mention, Reading
from pfocr.store import FigureRecord, GeneRow
from pfocr.textutil import display_title, figure_label
from pfocr.web.concepts import figure_concepts
from pfocr.web.config import MAX_GENES, MAX_SYMBOL_CHARS
from pfocr.web.models import (
    EdgeNodeOut,
    EdgeOut,
    EnrichOut,
    EnrichRowOut,
    FamilyOut,
    FigureOut,
    FigureSummaryOut,
    GeneOut,
    MentionOut,
    OrganismOut,
    PaperOut,
    ReadingOut,
    RenamedOut,
    StepOut,
)
from pfocr.web.queries import FigureBrief
from pfocr.web.services import EnrichOutcome

__all__ = [
    "Bar",
    "bar_chart",
    "doi_url",
    "enrich_out",
    "figure_link",
    "figure_out",
    "figure_url",
    "gene_url",
    "hgnc_url",
    "ncbi_url",
    "parse_gene_list",
    "pmc_url",
    "points",
    "reading_out",
    "summary_out",
]

_PMCID = re.compile(r"PMC\d{1,12}")
_HGNC_ID = re.compile(r"HGNC:\d{1,7}")
_ENTREZ = re.compile(r"\d{1,12}")
_DOI = re.compile(r"10\.\d{4,9}/\S{1,300}")
_SPLIT = re.compile(r"[\s,;]+")
#: Longest pasted gene list read (2,000 genes of 64 characters with separators).
MAX_PASTE_CHARS = MAX_GENES * (MAX_SYMBOL_CHARS + 2)


def figure_url(figid: str) -> str:
    """Return a figure's page path.

    :param figid: the figure
    :returns: ``/figures/<figid>`` with the id percent-encoded
    """
    return "/figures/" + quote(figid, safe="")


def gene_url(symbol: str) -> str:
    """Return a gene's page path.

    :param symbol: the HGNC symbol
    :returns: ``/genes/<symbol>``
    """
    return "/genes/" + quote(symbol, safe="")


def hgnc_url(hgnc_id: str) -> str:
    """Return the HGNC gene report of an HGNC id.

    :param hgnc_id: e.g. ``HGNC:11998``
    :returns: the URL (the HGNC search page for a malformed id)
    """
    if _HGNC_ID.fullmatch(hgnc_id):
        return f"https://www.genenames.org/data/gene-symbol-report/#!/hgnc_id/{hgnc_id}"
    return "https://www.genenames.org/tools/search/#!/?query=" + quote(hgnc_id, safe="")


def ncbi_url(entrez_id: str | None) -> str | None:
    """Return the NCBI Gene page of an Entrez id.

    :param entrez_id: e.g. ``7157``
    :returns: the URL, or None without a well-formed id
    """
    if entrez_id and _ENTREZ.fullmatch(entrez_id):
        return f"https://www.ncbi.nlm.nih.gov/gene/{entrez_id}"
    return None


def pmc_url(pmcid: str | None) -> str | None:
    """Return an article's PubMed Central page.

    :param pmcid: e.g. ``PMC3962044``
    :returns: the URL, or None without a well-formed PMCID
    """
    if pmcid and _PMCID.fullmatch(pmcid):
        return f"https://www.ncbi.nlm.nih.gov/pmc/articles/{pmcid}/"
    return None


def doi_url(doi: str | None) -> str | None:
    """Return a DOI's resolver URL.

    :param doi: e.g. ``10.1000/xyz``
    :returns: the URL, or None without a well-formed DOI
    """
    if doi and _DOI.fullmatch(doi.strip()):
        return "https://doi.org/" + quote(doi.strip(), safe="/:;()._-")
    return None


def figlink_url(figlink: str | None) -> str | None:
    """Return the figure's page at PMC from its stored link.

    :param figlink: a PMC path (``/pmc/articles/PMC1/figure/F1/``) or an https URL
    :returns: the URL, or None when the link is neither
    """
    if not figlink:
        return None
    if re.fullmatch(r"/pmc/articles/PMC\d+/figure/[\w.-]+/?", figlink):
        return "https://www.ncbi.nlm.nih.gov" + figlink
    if re.fullmatch(r"https://www\.ncbi\.nlm\.nih\.gov/pmc/[\w./-]+", figlink):
        return figlink
    return None


def parse_gene_list(text: str, *, what: str = "gene list", limit: int = MAX_GENES) -> list[str]:
    """Split pasted genes on whitespace, commas and semicolons; keep distinct ones in order.

    :param text: the pasted text
    :param what: the field's name, for messages
    :param limit: most distinct genes allowed
    :returns: the genes
    :raises InputError: when the list is empty, too long, or holds an overlong token
    """
    if len(text) > max(MAX_PASTE_CHARS, limit * (MAX_SYMBOL_CHARS + 2)):
        raise InputError(f"the {what} is too long: at most {limit:,} genes")
    genes = list(dict.fromkeys(t for t in _SPLIT.split(text) if t))
    if not genes:
        raise InputError(f"the {what} is empty: paste at least one gene symbol")
    if len(genes) > limit:
        raise InputError(f"the {what} has {len(genes):,} genes: at most {limit:,} are allowed")
    for gene in genes:
        if len(gene) > MAX_SYMBOL_CHARS:
            raise InputError(f"{gene[:20]}… is not a gene symbol (over {MAX_SYMBOL_CHARS} chars)")
    return genes


def points(box: Box, pad: float = 0.0) -> str:
    """Return an SVG ``points`` attribute for a 4-corner box, grown by ``pad`` pixels on
    every side (so that the outline is drawn around the label, not over its letters).

    :param box: corners in image pixels
    :param pad: how far each corner moves away from the box's centre, per axis
    :returns: ``"x,y x,y x,y x,y"``
    """
    cx = sum(x for x, _ in box) / len(box)
    cy = sum(y for _, y in box) / len(box)

    def out(v: float, c: float) -> float:
        return v + pad if v > c else v - pad if v < c else v

    return " ".join(f"{out(x, cx):.1f},{out(y, cy):.1f}" for x, y in box)


def _finite(value: float) -> float | None:
    return value if math.isfinite(value) else None


def paper_out(paper: Paper) -> PaperOut:
    """Convert a paper.

    :param paper: the paper
    :returns: the API model
    """
    return PaperOut(
        pmcid=paper.pmcid,
        pmid=paper.pmid,
        doi=paper.doi,
        title=paper.papertitle,
        reftext=paper.reftext,
        year=paper.year,
        journal=paper.journal_title or paper.journal_nlm_ta,
        publisher=paper.publisher_name,
        pmc_url=pmc_url(paper.pmcid),
        doi_url=doi_url(paper.doi),
    )


def gene_out(row: GeneRow, names: Mapping[str, str]) -> GeneOut:
    """Convert a gene set row.

    :param row: the row
    :param names: HGNC id -> name
    :returns: the API model
    """
    return GeneOut(
        symbol=row.symbol,
        hgnc_id=row.hgnc_id,
        entrez_id=row.entrez_id,
        name=names.get(row.hgnc_id),
        confidence=row.confidence,
        n_mentions=row.n_mentions,
        page_url=gene_url(row.symbol),
        hgnc_url=hgnc_url(row.hgnc_id),
        ncbi_url=ncbi_url(row.entrez_id),
    )


def mention_out(m: Mention) -> MentionOut:
    """Convert a gene mention.

    :param m: the mention
    :returns: the API model
    """
    return MentionOut(
        text=m.text,
        symbol=m.symbol,
        hgnc_id=m.hgnc_id,
        entrez_id=m.entrez_id,
        rule=m.rule,
        confidence=m.confidence,
        accepted=m.accepted,
        box=m.box,
        word_start=m.word_start,
        word_end=m.word_end,
    )


def reading_out(r: Reading) -> ReadingOut:
    """Convert a reading with its trail.

    :param r: the reading
    :returns: the API model
    """
    return ReadingOut(
        text=r.text,
        normalized=r.normalized,
        outcome=r.outcome,
        symbol=r.symbol,
        family_id=r.family_id,
        confidence=r.confidence,
        word_start=r.word_start,
        word_end=r.word_end,
        box=r.box,
        trail=[
            StepOut(stage=s.stage, before=s.before, after=s.after, reason=s.reason) for s in r.trail
        ],
    )


def family_out(f: FamilyMention) -> FamilyOut:
    """Convert a family mention.

    :param f: the mention
    :returns: the API model
    """
    return FamilyOut(
        text=f.text,
        family_id=f.family_id,
        name=f.name,
        members=list(f.members),
        box=f.box,
        word_start=f.word_start,
        word_end=f.word_end,
    )


def _node_out(n: Node) -> EdgeNodeOut:
    return EdgeNodeOut(kind=n.kind, label=n.label, members=list(n.members), box=n.box)


def edge_out(e: Edge) -> EdgeOut:
    """Convert an interaction.

    :param e: the edge
    :returns: the API model
    """
    return EdgeOut(
        source=_node_out(e.source),
        target=_node_out(e.target),
        kind=e.kind,
        directed=e.directed,
        confidence=round(e.confidence, 3),
        points=[(round(x, 1), round(y, 1)) for x, y in e.points],
    )


def figure_out(
    record: FigureRecord,
    mentions: Sequence[Mention],
    families: Sequence[FamilyMention],
    names: Mapping[str, str],
    size: tuple[int, int] | None = None,
    concepts: Sequence[ChemMention] = (),
    edges: Sequence[Edge] = (),
) -> FigureOut:
    """Convert a figure with its mentions.

    :param record: the figure record
    :param mentions: its gene mentions
    :param families: its family mentions
    :param names: HGNC id -> name
    :param size: the image's width and height when the store lacks them
    :param concepts: its chemical and disease mentions
    :param edges: its interactions
    :returns: the API model
    """
    fig = record.figure
    page = figure_url(fig.figid)
    width, height = fig.width, fig.height
    if (not width or not height) and size is not None:
        width, height = size
    return FigureOut(
        figid=fig.figid,
        title=fig.figtitle,
        display_title=display_title(
            fig.figtitle, fig.caption, record.paper.papertitle if record.paper else None
        ),
        label=figure_label(fig.figtype, fig.number),
        number=fig.number,
        figtype=fig.figtype,
        caption=fig.caption,
        figlink=figlink_url(fig.figlink),
        width=width,
        height=height,
        pathway_score=record.pathway_score,
        page_url=page,
        image_url=page + "/image",
        paper=paper_out(record.paper) if record.paper else None,
        organisms=[
            OrganismOut(taxid=o.taxid, name=o.name, evidence=o.evidence, role=o.role, group=o.group)
            for o in record.organisms
        ],
        genes=[gene_out(g, names) for g in record.genes],
        families=[family_out(f) for f in families],
        mentions=[mention_out(m) for m in mentions],
        chemicals=figure_concepts(concepts, "chemical"),
        diseases=figure_concepts(concepts, "disease"),
        edges=[edge_out(e) for e in edges],
        downloads={
            "record": page + "/record.md",
            "gmt": page + "/gene-set.gmt",
            "mentions": page + "/mentions.tsv",
            "edges": page + "/edges.tsv",
            "cx2": page + "/network.cx2",
            "gpml": page + "/pathway.gpml",
            "json": "/api" + page,
        },
    )


def summary_out(
    brief: FigureBrief, matched: Sequence[str] = (), snippet: str | None = None
) -> FigureSummaryOut:
    """Convert a result-list row.

    :param brief: the figure
    :param matched: the query's genes (shown first and marked)
    :param snippet: the passage matching the search words
    :returns: the API model
    """
    page = figure_url(brief.figid)
    return FigureSummaryOut(
        figid=brief.figid,
        title=brief.title,
        number=brief.number,
        pmcid=brief.pmcid,
        papertitle=brief.papertitle,
        year=brief.year,
        journal=brief.journal,
        organisms=list(brief.organisms),
        n_genes=brief.n_genes,
        genes=list(brief.genes),
        matched_genes=[g for g in matched if g in brief.genes],
        snippet=snippet,
        page_url=page,
        image_url=page + "/image",
        thumb_url=page + "/thumb",
    )


def enrich_out(outcome: EnrichOutcome, titles: Mapping[str, str] | None = None) -> EnrichOut:
    """Convert an enrichment outcome.

    :param outcome: the outcome
    :param titles: display titles of figures the index has no title for
    :returns: the API model
    """
    return EnrichOut(
        n_input=outcome.n_input,
        recognised=list(outcome.recognised),
        unrecognised=list(outcome.unrecognised),
        renamed=[RenamedOut(input=a, symbol=b) for a, b in outcome.renamed],
        background_size=outcome.background_size,
        n_sets=outcome.n_sets,
        results=[
            EnrichRowOut(
                rank=i,
                figid=r.figid,
                title=r.title or (titles or {}).get(r.figid) or r.figid,
                page_url=figure_url(r.figid),
                overlap=list(r.overlap),
                n_overlap=len(r.overlap),
                set_size=r.set_size,
                p=r.p,
                log_p=r.log_p,
                fdr=r.fdr,
                odds_ratio=_finite(r.odds_ratio),
                combined_score=_finite(r.combined_score),
            )
            for i, r in enumerate(outcome.rows, start=1)
        ],
    )


@dataclass(frozen=True)
class Bar:
    """One bar of the enrichment chart: its share of the longest bar, in percent."""

    pct: float
    label: str
    value: str
    href: str
    significant: bool


def bar_chart(rows: Sequence[EnrichRowOut], bars: int) -> list[Bar]:
    """Lay out the chart of the top results: bar length is -log10(p), full titles.

    :param rows: the ranked results
    :param bars: how many bars
    :returns: the bars (empty without results)
    """
    top = list(rows[:bars])
    scores = [-r.log_p / math.log(10) for r in top]
    longest = max(scores, default=0.0) or 1.0
    return [
        Bar(
            pct=max(0.5, 100.0 * score / longest),
            label=f"{row.rank}. {row.title}",
            value=f"{score:.1f}" + (" *" if row.fdr < 0.05 else ""),
            href=figure_link(row.figid, row.overlap),
            significant=row.fdr < 0.05,
        )
        for row, score in zip(top, scores, strict=True)
    ]


def figure_link(figid: str, genes: Sequence[str] = ()) -> str:
    """A figure's page with some genes highlighted on it (``?genes=A,B``)."""
    url = figure_url(figid)
    return url + "?" + urlencode({"genes": ",".join(genes)}) if genes else url
