"""Test helpers other packages may reuse: a small, realistic demo store.

:func:`build_demo_store` writes six figures through :meth:`pfocr.store.Store.save_figure`,
the same path the pipeline takes: papers with PMCID, DOI and year, organisms, pathway
scores, drawn PNG images whose gene labels sit exactly inside the stored OCR and mention
boxes, accepted and below-threshold mentions, and family mentions. Two figures share a
paper, several genes recur across figures (for gene pages and enrichment) and one figure
has no genes (for empty states). Identifiers are real HGNC and NCBI Gene ids; papers,
PMCIDs and DOIs (prefix ``10.5555``, reserved for examples) are made up.
"""

from __future__ import annotations

import hashlib
import io
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from types import TracebackType
from typing import Any

from PIL import Image, ImageDraw, ImageFont

from pfocr.chemdis.models import ChemMention
from pfocr.classify.models import Classification
from pfocr.edges.models import Edge, Node
from pfocr.ingest.models import Figure, Paper
from pfocr.ocr.models import Box, OcrResult, Word, bbox_of
from pfocr.recognize.models import Candidate, FamilyMention, Mention, Reading, Recognition, Step
from pfocr.species.models import Organism
from pfocr.store import FigureBundle, RecognitionBundle, Store
from pfocr.store.target import DbTarget

__all__ = [
    "DEMO_GENES",
    "DEMO_GENE_NAMES",
    "LiveServer",
    "build_demo_store",
    "demo_bundles",
    "free_port",
]

#: symbol -> (HGNC id, NCBI Gene id, approved name) of every gene the demo figures show.
DEMO_GENES: dict[str, tuple[str, str, str]] = {
    "AKT1": ("HGNC:391", "207", "AKT serine/threonine kinase 1"),
    "APAF1": ("HGNC:576", "317", "apoptotic peptidase activating factor 1"),
    "APC": ("HGNC:583", "324", "APC regulator of WNT signaling pathway"),
    "AXIN1": ("HGNC:903", "8312", "axin 1"),
    "BAX": ("HGNC:959", "581", "BCL2 associated X, apoptosis regulator"),
    "BCL2": ("HGNC:990", "596", "BCL2 apoptosis regulator"),
    "BID": ("HGNC:1050", "637", "BH3 interacting domain death agonist"),
    "BIRC2": ("HGNC:590", "329", "baculoviral IAP repeat containing 2"),
    "BRAF": ("HGNC:1097", "673", "B-Raf proto-oncogene, serine/threonine kinase"),
    "CASP3": ("HGNC:1504", "836", "caspase 3"),
    "CASP8": ("HGNC:1509", "841", "caspase 8"),
    "CASP9": ("HGNC:1511", "842", "caspase 9"),
    "CHUK": (
        "HGNC:1974",
        "1147",
        "component of inhibitor of nuclear factor kappa B kinase complex",
    ),
    "CTNNB1": ("HGNC:2514", "1499", "catenin beta 1"),
    "CYCS": ("HGNC:19986", "54205", "cytochrome c, somatic"),
    "DVL1": ("HGNC:3084", "1855", "dishevelled segment polarity protein 1"),
    "EGF": ("HGNC:3229", "1950", "epidermal growth factor"),
    "EGFR": ("HGNC:3236", "1956", "epidermal growth factor receptor"),
    "EIF4EBP1": (
        "HGNC:3288",
        "1978",
        "eukaryotic translation initiation factor 4E binding protein 1",
    ),
    "ELK1": ("HGNC:3321", "2002", "ETS transcription factor ELK1"),
    "FAS": ("HGNC:11920", "355", "Fas cell surface death receptor"),
    "FZD1": ("HGNC:4038", "8321", "frizzled class receptor 1"),
    "GRB2": ("HGNC:4566", "2885", "growth factor receptor bound protein 2"),
    "GSK3B": ("HGNC:4617", "2932", "glycogen synthase kinase 3 beta"),
    "IKBKB": ("HGNC:5960", "3551", "inhibitor of nuclear factor kappa B kinase subunit beta"),
    "KRAS": ("HGNC:6407", "3845", "KRAS proto-oncogene, GTPase"),
    "LRP6": ("HGNC:6698", "4040", "LDL receptor related protein 6"),
    "MAP2K1": ("HGNC:6840", "5604", "mitogen-activated protein kinase kinase 1"),
    "MAP3K7": ("HGNC:6859", "6885", "mitogen-activated protein kinase kinase kinase 7"),
    "MDM2": ("HGNC:6973", "4193", "MDM2 proto-oncogene"),
    "MET": ("HGNC:7029", "4233", "MET proto-oncogene, receptor tyrosine kinase"),
    "MTOR": ("HGNC:3942", "2475", "mechanistic target of rapamycin kinase"),
    "MYC": ("HGNC:7553", "4609", "MYC proto-oncogene, bHLH transcription factor"),
    "NFKBIA": ("HGNC:7797", "4792", "NFKB inhibitor alpha"),
    "PIK3CA": (
        "HGNC:8975",
        "5290",
        "phosphatidylinositol-4,5-bisphosphate 3-kinase catalytic subunit alpha",
    ),
    "PTEN": ("HGNC:9588", "5728", "phosphatase and tensin homolog"),
    "RHEB": ("HGNC:10011", "6009", "Ras homolog, mTORC1 binding"),
    "RIPK1": ("HGNC:10019", "8737", "receptor interacting serine/threonine kinase 1"),
    "RPS6KB1": ("HGNC:10436", "6198", "ribosomal protein S6 kinase B1"),
    "SOS1": ("HGNC:11187", "6654", "SOS Ras/Rac guanine nucleotide exchange factor 1"),
    "TCF7L2": ("HGNC:11641", "6934", "transcription factor 7 like 2"),
    "TNF": ("HGNC:11892", "7124", "tumor necrosis factor"),
    "TNFRSF1A": ("HGNC:11916", "7132", "TNF receptor superfamily member 1A"),
    "TP53": ("HGNC:11998", "7157", "tumor protein p53"),
    "TRADD": ("HGNC:12030", "8717", "TNFRSF1A associated via death domain"),
    "TRAF2": ("HGNC:12032", "7186", "TNF receptor associated factor 2"),
    "TSC2": ("HGNC:12363", "7249", "TSC complex subunit 2"),
    "WNT3A": ("HGNC:15983", "89780", "Wnt family member 3A"),
}

#: HGNC id -> approved name, for code that shows gene names (the store keeps none).
DEMO_GENE_NAMES: dict[str, str] = {hgnc: name for hgnc, _, name in DEMO_GENES.values()}

#: family id -> (name, members)
_FAMILIES: dict[str, tuple[str, tuple[str, ...]]] = {
    "FPLX:IKK": ("IKK", ("CHUK", "IKBKB", "IKBKG")),
    "FPLX:NFkappaB": ("NFkappaB", ("NFKB1", "NFKB2", "REL", "RELA", "RELB")),
    "FPLX:PI3K": ("PI3K", ("PIK3CA", "PIK3CB", "PIK3CD", "PIK3R1", "PIK3R2")),
    "FPLX:ERK": ("ERK", ("MAPK1", "MAPK3")),
    "FPLX:TCF_LEF": ("TCF_LEF", ("LEF1", "TCF7", "TCF7L1", "TCF7L2")),
}

_WIDTH, _HEIGHT = 960, 640
_COLS, _ROWS = 4, 5


@dataclass(frozen=True)
class _Node:
    """A labelled box of the drawing: a gene (rule, confidence), a family, or plain text."""

    label: str
    col: int
    row: int
    symbol: str | None = None
    rule: str = "symbol"
    confidence: float = 0.95
    accepted: bool = True
    family: str | None = None
    #: a chemical or disease: (kind, MeSH id, preferred name)
    concept: tuple[str, str, str] | None = None


@dataclass(frozen=True)
class _Demo:
    figid: str
    number: str
    title: str
    caption: str
    score: float
    paper: Paper
    organisms: tuple[Organism, ...]
    nodes: tuple[_Node, ...]
    edges: tuple[tuple[int, int], ...]


def _paper(n: int, title: str, year: int, journal: str, abbrev: str) -> Paper:
    pmcid = f"PMC900000{n}"
    return Paper(
        pmcid=pmcid,
        pmid=f"3100000{n}",
        doi=f"10.5555/pfocr-demo.{n}",
        papertitle=title,
        reftext=f"Demo A, Example B. {title}. {abbrev}. {year};{10 + n}:{n * 101}-{n * 101 + 12}.",
        year=year,
        journal_title=journal,
        journal_nlm_ta=abbrev,
        publisher_name="Demo Press",
    )


_HUMAN = Organism(9606, "Homo sapiens", "caption: human", "host", "mammal")
_MOUSE = Organism(10090, "Mus musculus", "caption: mouse", "host", "mammal")
_RAT = Organism(10116, "Rattus norvegicus", "title: rat", "host", "mammal")

_P1 = _paper(
    1, "TNF signalling to NF-κB in intestinal epithelial cells", 2014, "Cell Demo", "Cell Demo"
)
_P2 = _paper(
    2,
    "Growth factor receptor signalling through PI3K-AKT and MAPK in lung cancer",
    2016,
    "Journal of Demo Oncology",
    "J Demo Oncol",
)
_P3 = _paper(3, "p53-dependent apoptosis in mouse neurons", 2019, "Demo Neuroscience", "Demo Neuro")
_P4 = _paper(
    4, "Wnt/β-catenin signalling in colorectal cancer stem cells", 2021, "Demo Cancer", "Demo Canc"
)
_P5 = _paper(
    5, "A rat model of chronic kidney injury: study design", 2012, "Demo Nephrol", "Demo N"
)

_DEMOS: tuple[_Demo, ...] = (
    _Demo(
        figid="PMC9000001__F1",
        number="F1",
        title="TNF-induced NF-κB activation",
        caption=(
            "TNF binds TNFR1 and recruits TRADD, TRAF2, cIAP1 and RIPK1; TAK1 activates the "
            "IKK complex, IκBα is degraded and NF-κB enters the nucleus. Human cells."
        ),
        score=0.97,
        paper=_P1,
        organisms=(_HUMAN,),
        nodes=(
            _Node("TNF", 0, 0, "TNF"),
            _Node("TNFR1", 1, 0, "TNFRSF1A", rule="alias", confidence=0.9),
            _Node("TRADD", 2, 0, "TRADD"),
            _Node("TRAF2", 3, 0, "TRAF2"),
            _Node("cIAP1", 3, 1, "BIRC2", rule="alias", confidence=0.88),
            _Node("RIPK1", 2, 1, "RIPK1"),
            _Node("TAK1", 1, 1, "MAP3K7", rule="alias", confidence=0.86),
            _Node("IKK", 0, 2, family="FPLX:IKK"),
            _Node("IKKb", 1, 2, "IKBKB", rule="alias", confidence=0.8),
            _Node("IkBa", 2, 2, "NFKBIA", rule="alias", confidence=0.82),
            _Node("NF-kB", 3, 3, family="FPLX:NFkappaB"),
            _Node("CASP8", 0, 4, "CASP8"),
            _Node("nucleus", 2, 4),
            _Node("LPS", 3, 4, concept=("chemical", "MESH:D008070", "Lipopolysaccharides")),
        ),
        edges=((0, 1), (1, 2), (2, 3), (3, 4), (4, 5), (5, 6), (6, 7), (7, 9), (9, 10), (2, 11)),
    ),
    _Demo(
        figid="PMC9000002__F3",
        number="F3",
        title="PI3K-AKT-mTOR signalling downstream of EGFR",
        caption=(
            "EGFR activates PI3K; PTEN opposes it. AKT inhibits TSC2, releasing RHEB to "
            "activate mTORC1, which phosphorylates S6K1 and 4E-BP1. KRAS also binds PI3K."
        ),
        score=0.93,
        paper=_P2,
        organisms=(_HUMAN,),
        nodes=(
            _Node("EGFR", 0, 0, "EGFR"),
            _Node("PI3K", 1, 0, family="FPLX:PI3K"),
            _Node("PIK3CA", 2, 0, "PIK3CA"),
            _Node("KRAS", 3, 0, "KRAS"),
            _Node("PTEN", 1, 1, "PTEN"),
            _Node("AKT", 2, 1, "AKT1", rule="alias", confidence=0.84),
            _Node("TSC2", 3, 1, "TSC2"),
            _Node("RHEB", 3, 2, "RHEB"),
            _Node("mTOR", 2, 2, "MTOR", rule="symbol", confidence=0.93),
            _Node("S6K1", 1, 3, "RPS6KB1", rule="alias", confidence=0.85),
            _Node("4E-BP1", 2, 3, "EIF4EBP1", rule="alias", confidence=0.83),
            _Node("translation", 1, 4),
        ),
        edges=((0, 1), (1, 2), (3, 1), (4, 1), (2, 5), (5, 6), (6, 7), (7, 8), (8, 9), (8, 10)),
    ),
    _Demo(
        figid="PMC9000002__F5",
        number="F5",
        title="The MAPK/ERK cascade",
        caption=(
            "EGF stimulates EGFR; GRB2 and SOS1 activate KRAS, BRAF, MEK1 and ERK1/2, which "
            "phosphorylates ELK1 and induces MYC."
        ),
        score=0.9,
        paper=_P2,
        organisms=(_HUMAN,),
        nodes=(
            _Node("EGF", 0, 0, "EGF"),
            _Node("EGFR", 1, 0, "EGFR"),
            _Node("GRB2", 2, 0, "GRB2"),
            _Node("SOS1", 3, 0, "SOS1"),
            _Node("KRAS", 3, 1, "KRAS"),
            _Node("BRAF", 2, 1, "BRAF"),
            _Node("MEK1", 1, 1, "MAP2K1", rule="previous", confidence=0.87),
            _Node("ERK", 0, 2, family="FPLX:ERK"),
            _Node("ELK1", 1, 3, "ELK1"),
            _Node("MYC", 2, 3, "MYC"),
            _Node("proliferation", 2, 4),
        ),
        edges=((0, 1), (1, 2), (2, 3), (3, 4), (4, 5), (5, 6), (6, 7), (7, 8), (8, 9), (9, 10)),
    ),
    _Demo(
        figid="PMC9000003__F2",
        number="F2",
        title="p53 drives the intrinsic apoptosis pathway",
        caption=(
            "DNA damage stabilises p53 (MDM2 releases it); p53 induces BAX, cytochrome c "
            "leaves mitochondria, APAF1 activates caspase-9 and caspase-3. FAS and TNF "
            "engage caspase-8 and BID. Mouse cortical neurons; MET is methionine here."
        ),
        score=0.88,
        paper=_P3,
        organisms=(_MOUSE,),
        nodes=(
            _Node("MDM2", 0, 0, "MDM2"),
            _Node("p53", 1, 0, "TP53", rule="alias", confidence=0.92),
            _Node("BAX", 2, 0, "BAX"),
            _Node("BCL2", 3, 0, "BCL2"),
            _Node("CYCS", 2, 1, "CYCS"),
            _Node("APAF1", 1, 1, "APAF1"),
            _Node("CASP9", 0, 1, "CASP9"),
            _Node("CASP3", 0, 2, "CASP3"),
            _Node("FAS", 3, 2, "FAS"),
            _Node("TNF", 3, 3, "TNF"),
            _Node("CASP8", 2, 3, "CASP8"),
            _Node("BID", 1, 3, "BID"),
            _Node("AKT", 0, 3, "AKT1", rule="alias", confidence=0.8),
            _Node("MET", 0, 4, "MET", confidence=0.31, accepted=False),
            _Node("apoptosis", 2, 4),
        ),
        edges=((0, 1), (1, 2), (3, 2), (2, 4), (4, 5), (5, 6), (6, 7), (9, 8), (8, 10), (10, 11)),
    ),
    _Demo(
        figid="PMC9000004__F1",
        number="F1",
        title="Canonical Wnt/β-catenin signalling",
        caption=(
            "WNT3A binds Frizzled (FZD1) and LRP6; DVL1 inhibits the destruction complex "
            "(AXIN1, APC, GSK3B), β-catenin accumulates and with TCF4 induces MYC."
        ),
        score=0.95,
        paper=_P4,
        organisms=(_HUMAN,),
        nodes=(
            _Node("WNT3A", 0, 0, "WNT3A"),
            _Node("FZD1", 1, 0, "FZD1"),
            _Node("LRP6", 2, 0, "LRP6"),
            _Node("DVL1", 3, 0, "DVL1"),
            _Node("AXIN1", 3, 1, "AXIN1"),
            _Node("APC", 2, 1, "APC", confidence=0.78),
            _Node("GSK3B", 1, 1, "GSK3B"),
            _Node("b-catenin", 0, 2, "CTNNB1", rule="name", confidence=0.9),
            _Node("TCF4", 1, 3, "TCF7L2", rule="previous", confidence=0.72),
            _Node("TCF/LEF", 2, 3, family="FPLX:TCF_LEF"),
            _Node("MYC", 3, 3, "MYC"),
        ),
        edges=((0, 1), (1, 2), (2, 3), (3, 4), (4, 5), (5, 6), (6, 7), (7, 8), (8, 9), (9, 10)),
    ),
    _Demo(
        figid="PMC9000005__F4",
        number="F4",
        title="Study design",
        caption="Rats were randomised to sham or injury, then followed for 12 weeks.",
        score=0.12,
        paper=_P5,
        organisms=(_RAT,),
        nodes=(
            _Node("Rats (n=40)", 1, 0),
            _Node("Sham", 0, 2),
            _Node("Injury", 2, 2),
            _Node("12 weeks", 1, 4),
        ),
        edges=((0, 1), (0, 2), (1, 3), (2, 3)),
    ),
)


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    try:
        return ImageFont.load_default(size=size)
    except (OSError, TypeError):  # Pillow without FreeType: the small bitmap font
        return ImageFont.load_default()


def _centre(node: _Node) -> tuple[float, float]:
    return ((node.col + 0.5) * _WIDTH / _COLS, (node.row + 0.5) * _HEIGHT / _ROWS)


def _draw(demo: _Demo) -> tuple[bytes, list[Box]]:
    """Draw a figure; return the PNG bytes and each node label's box (original pixels)."""
    image = Image.new("RGB", (_WIDTH, _HEIGHT), "white")
    draw = ImageDraw.Draw(image)
    font = _font(24)
    draw.text((12, 8), f"Figure {demo.number[1:]}", fill="black", font=_font(16))
    for a, b in demo.edges:
        (x0, y0), (x1, y1) = _centre(demo.nodes[a]), _centre(demo.nodes[b])
        draw.line((x0, y0, x1, y1), fill=(90, 90, 90), width=3)
        draw.ellipse((x1 - 5, y1 - 5, x1 + 5, y1 + 5), fill=(90, 90, 90))
    boxes: list[Box] = []
    for node in demo.nodes:
        cx, cy = _centre(node)
        left, top, right, bottom = draw.textbbox((cx, cy), node.label, font=font, anchor="mm")
        pad = 10
        fill = (255, 244, 214) if node.family else (220, 235, 250) if node.symbol else "white"
        outline = "black" if node.symbol or node.family else (150, 150, 150)
        draw.rounded_rectangle(
            (left - pad, top - pad, right + pad, bottom + pad),
            radius=8,
            fill=fill,
            outline=outline,
            width=2,
        )
        draw.text((cx, cy), node.label, fill="black", font=font, anchor="mm")
        boxes.append(
            (
                (float(left - 2), float(top - 2)),
                (float(right + 2), float(top - 2)),
                (float(right + 2), float(bottom + 2)),
                (float(left - 2), float(bottom + 2)),
            )
        )
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue(), boxes


def _bundle(demo: _Demo) -> FigureBundle:
    png, boxes = _draw(demo)
    words = tuple(
        Word(node.label, 0.97, box, node.row) for node, box in zip(demo.nodes, boxes, strict=True)
    )
    ocr = OcrResult("demo", "1", "default", words, 0.05)
    mentions: list[Mention] = []
    families: list[FamilyMention] = []
    concepts: list[ChemMention] = []
    for i, (node, box) in enumerate(zip(demo.nodes, boxes, strict=True)):
        if node.symbol is not None:
            hgnc_id, entrez_id, _ = DEMO_GENES[node.symbol]
            candidate = Candidate(hgnc_id, node.symbol, entrez_id, node.rule, node.confidence)
            mentions.append(
                Mention(
                    word_start=i,
                    word_end=i + 1,
                    text=node.label,
                    normalized=node.label.upper(),
                    rule=node.rule,
                    hgnc_id=hgnc_id,
                    symbol=node.symbol,
                    entrez_id=entrez_id,
                    confidence=node.confidence,
                    box=box,
                    accepted=node.accepted,
                    candidates=(candidate,),
                )
            )
        elif node.family is not None:
            name, members = _FAMILIES[node.family]
            families.append(FamilyMention(i, i + 1, node.label, node.family, name, members, box))
        elif node.concept is not None:
            kind, concept, name = node.concept
            concepts.append(
                ChemMention(kind, concept, name, node.label, "abbreviation", "figure", 0.9, box,
                            i, i + 1, chebi="CHEBI:16412")
            )  # fmt: skip
    recognition = Recognition(
        "demo-1", tuple(mentions), tuple(families), readings=_readings(mentions, families)
    )
    figure = Figure(
        figid=demo.figid,
        pmcid=demo.paper.pmcid,
        filename=f"{demo.paper.pmcid}_{demo.number}.png",
        number=demo.number,
        figtitle=demo.title,
        caption=demo.caption,
        figlink=f"/pmc/articles/{demo.paper.pmcid}/figure/{demo.number}/",
        sha256=hashlib.sha256(png).hexdigest(),
        width=_WIDTH,
        height=_HEIGHT,
        source="demo",
    )
    return FigureBundle(
        figure=figure,
        paper=demo.paper,
        image_bytes=png,
        image_mime="image/png",
        ocr=ocr,
        recognition=RecognitionBundle(
            recognition=recognition,
            organisms=demo.organisms,
            classification=Classification(demo.score, "demo-1"),
            ocr_version=ocr.version,
            seconds=0.01,
            chemicals=tuple(concepts),
            chemdis_version="demo-1",
            edges=_edges(demo, mentions, families, concepts),
            edges_version="demo-1",
        ),
    )


def _edges(
    demo: _Demo,
    mentions: list[Mention],
    families: list[FamilyMention],
    concepts: list[ChemMention],
) -> tuple[Edge, ...]:
    """The demo's drawn lines as the edges stage states them (a line between two
    recognised nodes; the dot at its end is the head)."""
    nodes: dict[int, Node] = {}
    for m in mentions:
        if m.accepted:
            nodes[m.word_start] = Node("gene", m.text, (m.symbol,), bbox_of(m.box))
    for f in families:
        nodes[f.word_start] = Node("family", f.text, (f.name,), bbox_of(f.box))
    for c in concepts:
        if c.box is not None:
            nodes[c.word_start] = Node("chemical", c.text, (c.concept,), bbox_of(c.box))
    return tuple(
        Edge(
            nodes[a],
            nodes[b],
            "activation",
            True,
            0.9,
            (_centre(demo.nodes[a]), _centre(demo.nodes[b])),
        )
        for a, b in demo.edges
        if a in nodes and b in nodes
    )


def _readings(mentions: list[Mention], families: list[FamilyMention]) -> tuple[Reading, ...]:
    """Trails for the demo's readings, in the recogniser's format (a lookup, a threshold)."""
    out = []
    for m in mentions:
        verdict = "accepted" if m.accepted else "below the threshold"
        trail = (
            Step("candidates", "", f"gene {m.symbol} ({m.rule}, {m.confidence:.2f}, {verdict})",
                 f"{m.rule} of {m.symbol}"),
            Step("threshold", "", verdict, f"confidence {m.confidence:.2f} vs threshold 0.5"),
        )  # fmt: skip
        outcome = "accepted" if m.accepted else "below threshold"
        out.append(Reading(m.word_start, m.word_end, m.text, m.normalized, outcome, m.symbol,
                           None, m.confidence, m.box, trail))  # fmt: skip
    for f in families:
        step = Step(
            "candidates", "", f"family {f.name} ({f.family_id})", f"names the family {f.name}"
        )
        out.append(Reading(f.word_start, f.word_end, f.text, f.text, "family", None,
                           f.family_id, None, f.box, (step,)))  # fmt: skip
    return tuple(sorted(out, key=lambda r: r.word_start))


def demo_bundles() -> Iterator[FigureBundle]:
    """Yield the demo figures as the pipeline would hand them to the store.

    :yields: one bundle per figure
    """
    for demo in _DEMOS:
        yield _bundle(demo)


def build_demo_store(path: DbTarget) -> DbTarget:
    """Write the demo figures into a new (or existing) store.

    :param path: the SQLite file to write, or a PostgreSQL URL
    :returns: the path, for chaining
    """
    with Store(path) as store:
        for bundle in demo_bundles():
            store.save_figure(bundle)
    return path


def free_port() -> int:
    """Return a free loopback TCP port.

    :returns: the port number
    """
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class LiveServer:
    """uvicorn serving an ASGI app on a free loopback port, in a daemon thread.

    Use as a context manager; ``url`` is the base URL once entered.

    :param app: the ASGI app
    :param timeout: seconds to wait for the server to start
    """

    def __init__(self, app: Any, timeout: float = 20.0) -> None:
        import uvicorn  # only live servers need it

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.timeout = timeout
        config = uvicorn.Config(
            app, host="127.0.0.1", port=self.port, log_level="warning", server_header=False
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, name="uvicorn", daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + self.timeout
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError(f"uvicorn did not start on {self.url}")
            time.sleep(0.02)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
