"""The JSON API's request and response models (pydantic lives at the web edge only)."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from pfocr.web.config import MAX_BACKGROUND, MAX_GENES, MAX_SYMBOL_CHARS

__all__ = [
    "CoGeneOut",
    "ConceptDetailOut",
    "ConceptMentionOut",
    "ConceptOut",
    "EnrichIn",
    "EnrichOut",
    "EnrichRowOut",
    "ErrorOut",
    "FamilyOut",
    "FigureOut",
    "FigureSummaryOut",
    "GeneDetailOut",
    "GeneOut",
    "MentionOut",
    "OrganismOut",
    "PaperOut",
    "ReadingOut",
    "ReadingsOut",
    "RenamedOut",
    "SearchOut",
    "SearchQueryOut",
    "StatsOut",
    "StepOut",
]

Point = tuple[float, float]
GeneSymbol = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_SYMBOL_CHARS)
]


class _Out(BaseModel):
    model_config = ConfigDict(frozen=True)


class RenamedOut(_Out):
    """An input gene mapped to its approved symbol."""

    input: str
    symbol: str


class PaperOut(_Out):
    """The paper a figure was published in, with links."""

    pmcid: str
    pmid: str | None
    doi: str | None
    title: str | None
    reftext: str | None
    year: int | None
    journal: str | None
    publisher: str | None
    pmc_url: str | None = Field(description="The article at PubMed Central")
    doi_url: str | None = Field(description="The article at its publisher, via doi.org")


class OrganismOut(_Out):
    """An organism a figure is about."""

    taxid: int = Field(description="NCBI Taxonomy id (0: a binomial NCBI does not hold)")
    name: str
    evidence: str = Field(description="Where it was found (`caption: mouse`, `genes: ...`)")
    role: str = Field(
        description="`host` (the gene set is this organism's), `drawn` (the figure draws "
        "its genes or proteins; with the host, PFOCR's organisms_ner) or `named`"
    )
    group: str = Field(description="mammal, vertebrate, invertebrate, plant, fungus, virus ...")


class GeneOut(_Out):
    """A gene of a figure's gene set."""

    symbol: str
    hgnc_id: str
    entrez_id: str | None
    name: str | None = Field(description="HGNC approved name, when the site has the lexicon")
    confidence: float
    n_mentions: int
    page_url: str
    hgnc_url: str
    ncbi_url: str | None


class MentionOut(_Out):
    """Text in the image recognised as a gene, with its box."""

    text: str
    symbol: str
    hgnc_id: str
    entrez_id: str | None
    rule: str
    confidence: float
    accepted: bool = Field(description="Whether the mention passed the confidence threshold")
    box: tuple[Point, Point, Point, Point] = Field(
        description="Four corners (x, y) in original image pixels, clockwise from top-left"
    )
    word_start: int = Field(0, description="First OCR word (see the figure's readings)")
    word_end: int = Field(0, description="OCR word after the last")


class FamilyOut(_Out):
    """Text in the image naming a gene family or complex (members listed, not expanded)."""

    text: str
    family_id: str
    name: str
    members: list[str]
    box: tuple[Point, Point, Point, Point]
    word_start: int = 0
    word_end: int = 0


class ConceptMentionOut(_Out):
    """A chemical or disease named in a figure: the concept, how it was printed, where."""

    kind: str = Field(description="`chemical` or `disease`")
    concept: str = Field(description="MeSH id (`MESH:D008070`); DOID where MeSH has none")
    name: str = Field(description="The concept's preferred name")
    labels: list[str] = Field(description="The text as printed, each distinct form once")
    sources: list[str] = Field(description="`figure` (the image), `caption`, `title`")
    confidence: float
    chebi: str | None = None
    doid: str | None = None
    mondo: str | None = None
    page_url: str
    links: dict[str, str] = Field(description="The concept at MeSH, ChEBI, DOID, MONDO")
    boxes: list[tuple[Point, Point, Point, Point]] = Field(
        description="Where the image names it: four corners (x, y) per mention"
    )


class ConceptOut(_Out):
    """A chemical or disease with the number of figures naming it."""

    kind: str
    concept: str
    name: str
    n_figures: int
    chebi: str | None = None
    doid: str | None = None
    mondo: str | None = None
    page_url: str
    links: dict[str, str]


class StepOut(_Out):
    """One step of a reading's trail: what a pass decided, and why."""

    stage: str = Field(description="The pass (or candidates, threshold) that decided")
    before: str = Field(description="The decision before (empty for a new reading)")
    after: str
    reason: str


class ReadingOut(_Out):
    """A reading of some words with its trail (accepted, below threshold, family, not a
    gene, or dropped by a later pass)."""

    text: str
    normalized: str
    outcome: str
    symbol: str | None
    family_id: str | None
    confidence: float | None
    word_start: int
    word_end: int
    box: tuple[Point, Point, Point, Point]
    trail: list[StepOut]


class ReadingsOut(_Out):
    """Every reading of a figure, or of one label."""

    figid: str
    readings: list[ReadingOut]


class EdgeNodeOut(_Out):
    """One end of an interaction: the recognised names in the shape the line touches."""

    kind: str = Field(description="gene, family, chemical, or group (several genes in one shape)")
    label: str = Field(description="The text as printed")
    members: list[str] = Field(description="HGNC symbols, the family's name, or a concept id")
    box: tuple[float, float, float, float] = Field(description="x0, y0, x1, y1 in image pixels")


class EdgeOut(_Out):
    """An interaction read from a drawn line: source, target, kind and the line itself."""

    source: EdgeNodeOut
    target: EdgeNodeOut
    kind: str = Field(description="activation, inhibition, binding, conversion or other")
    directed: bool
    confidence: float
    points: list[tuple[float, float]] = Field(description="The traced line, source first")


class FigureOut(_Out):
    """A figure with its paper, organisms, genes, mentions and families."""

    figid: str
    title: str | None
    display_title: str = Field(
        "", description="The title, else the caption's first sentence, else the paper's title"
    )
    label: str = Field("", description="Figure 1, Figure S2 ... from the stored number")
    number: str | None
    figtype: str
    caption: str | None
    figlink: str | None
    width: int | None
    height: int | None
    pathway_score: float | None
    page_url: str
    image_url: str
    paper: PaperOut | None
    organisms: list[OrganismOut]
    genes: list[GeneOut]
    families: list[FamilyOut]
    mentions: list[MentionOut]
    chemicals: list[ConceptMentionOut] = Field(
        default_factory=list, description="Chemicals the image, caption or title names"
    )
    diseases: list[ConceptMentionOut] = Field(
        default_factory=list, description="Diseases the image, caption or title names"
    )
    edges: list[EdgeOut] = Field(
        default_factory=list, description="Interactions read from the drawn lines and arrows"
    )
    downloads: dict[str, str] = Field(
        description="Record (Markdown), GMT line, mentions TSV, interactions (TSV, CX2, GPML)"
    )


class FigureSummaryOut(_Out):
    """A figure in a result list."""

    figid: str
    title: str
    number: str | None
    pmcid: str | None
    papertitle: str | None
    year: int | None
    journal: str | None
    organisms: list[str]
    n_genes: int
    genes: list[str]
    matched_genes: list[str]
    snippet: str | None = Field(
        None, description="Best matching passage, matches in [brackets] (searches with words)"
    )
    page_url: str
    image_url: str
    thumb_url: str


class SearchQueryOut(_Out):
    """A search as the site understood it."""

    genes: list[str]
    text: str
    organism: str | None
    year_from: int | None
    year_to: int | None
    chemicals: list[str] = Field(default_factory=list, description="Chemicals asked for")
    diseases: list[str] = Field(default_factory=list, description="Diseases asked for")
    not_found: list[str] = Field(
        default_factory=list,
        description="Requested genes that no figure shows, chemicals and diseases none names",
    )
    renamed: list[RenamedOut] = Field(
        default_factory=list, description="Requested genes mapped to the stored symbol"
    )


class SearchOut(_Out):
    """One page of figure search results."""

    query: SearchQueryOut
    total: int
    limit: int
    offset: int
    results: list[FigureSummaryOut]


class CoGeneOut(_Out):
    """A gene shown together with another, and in how many figures."""

    symbol: str
    n_figures: int
    page_url: str


class GeneDetailOut(_Out):
    """A gene, the figures that show it and the genes most often shown with it."""

    symbol: str
    hgnc_id: str
    entrez_id: str | None
    name: str | None
    hgnc_url: str
    ncbi_url: str | None
    n_figures: int
    n_mentions: int
    limit: int
    offset: int
    figures: list[FigureSummaryOut]
    co_mentioned: list[CoGeneOut]


class EnrichIn(BaseModel):
    """An enrichment query."""

    model_config = ConfigDict(extra="forbid")

    genes: list[GeneSymbol] = Field(
        min_length=1, max_length=MAX_GENES, description="The gene list (HGNC symbols)"
    )
    background: list[GeneSymbol] | None = Field(
        None,
        min_length=1,
        max_length=MAX_BACKGROUND,
        description="Genes that could have been picked (default: every gene of some figure)",
    )
    top: int = Field(50, ge=1, le=500, description="How many figures to return")


class EnrichRowOut(_Out):
    """A figure ranked by an enrichment."""

    rank: int
    figid: str
    title: str
    page_url: str
    overlap: list[str]
    n_overlap: int
    set_size: int
    p: float
    log_p: float = Field(description="Natural log of p, exact where p underflows to 0")
    fdr: float
    odds_ratio: float | None = Field(description="null when infinite")
    combined_score: float | None = Field(description="null when infinite")


class EnrichOut(_Out):
    """Ranked figures and what became of the input genes."""

    n_input: int
    recognised: list[str]
    unrecognised: list[str]
    renamed: list[RenamedOut]
    background_size: int
    n_sets: int
    results: list[EnrichRowOut]


class StatsOut(_Out):
    """What the store holds."""

    figures: int
    papers: int
    genes: int
    organisms: dict[str, int] = Field(description="Organism name -> number of figures")
    year_min: int | None
    year_max: int | None
    data_version: int


class ErrorOut(_Out):
    """An error: a message, and for invalid input the problems found."""

    detail: str
    errors: list[str] = Field(default_factory=list)


class ConceptDetailOut(_Out):
    """A chemical or disease with the figures naming it."""

    concept: ConceptOut
    limit: int
    offset: int
    figures: list[FigureSummaryOut]
    labels: dict[str, list[str]] = Field(
        description="figid -> the concept's labels as printed in that figure"
    )
