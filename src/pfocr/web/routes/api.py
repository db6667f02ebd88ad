"""The JSON API under ``/api`` (schema at ``/openapi.json``)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from pfocr.store import matching
from pfocr.web.deps import Ctx, ReadStore
from pfocr.web.models import (
    CoGeneOut,
    EnrichIn,
    EnrichOut,
    ErrorOut,
    FigureOut,
    GeneDetailOut,
    ReadingsOut,
    RenamedOut,
    SearchOut,
    SearchQueryOut,
    StatsOut,
)
from pfocr.web.queries import briefs, co_mentioned, facets, figures_with_gene
from pfocr.web.routes.caching import cached_json
from pfocr.web.routes.common import (
    ConceptParams,
    FigId,
    GeneParams,
    OptOrganism,
    OptYear,
    SearchText,
    Symbol,
    enrich_result,
    find_gene,
    genes_in_memory,
    load_figure,
    make_query,
    ranked_words,
)
from pfocr.web.services import SearchPage, find_figures
from pfocr.web.views import (
    figure_out,
    gene_url,
    hgnc_url,
    ncbi_url,
    reading_out,
    summary_out,
)

__all__ = ["router"]

_ERRORS: dict[int | str, dict[str, object]] = {
    404: {"model": ErrorOut, "description": "Unknown figure or gene"},
    422: {"model": ErrorOut, "description": "Invalid input"},
}

router = APIRouter(prefix="/api", tags=["api"], responses={422: _ERRORS[422]})

Limit = Annotated[int, Query(ge=1, le=100, description="Results per page")]
Offset = Annotated[int, Query(ge=0, le=1_000_000, description="Results to skip")]


@router.get("/search", response_model=SearchOut, summary="Search figures")
async def api_search(
    request: Request,
    store: ReadStore,
    ctx: Ctx,
    q: SearchText = "",
    gene: GeneParams = [],  # noqa: B006 - FastAPI copies defaults per request
    organism: OptOrganism = None,
    year_from: OptYear = None,
    year_to: OptYear = None,
    limit: Limit = 20,
    offset: Offset = 0,
    chemical: ConceptParams = [],  # noqa: B006
    disease: ConceptParams = [],  # noqa: B006
) -> Response:
    """Search figures by genes (all must be shown), chemicals and diseases (all must be
    named: a MeSH id, a name or a label as printed), words, organism and year.

    :param request: the request (its query is the answer's key, kept per data version)
    :param store: the store
    :param ctx: the app context
    :param q: genes and words
    :param gene: explicit genes
    :param organism: organism filter
    :param year_from: earliest year
    :param year_to: latest year
    :param limit: page size
    :param offset: rows to skip
    :param chemical: chemicals
    :param disease: diseases
    :returns: the page of results
    """

    def make() -> SearchOut:
        resolver = ctx.config.resolver
        parsed = make_query(
            store, resolver, q, gene, organism, year_from, year_to, limit, offset, chemical, disease
        )
        query = parsed.query
        index = genes_in_memory(ctx, store) if query.genes else None
        ranked = ranked_words(ctx, store) if query.text else None
        page = (
            SearchPage((), 0)
            if parsed.not_found
            else find_figures(store, query, resolver, index, ranked)
        )
        return SearchOut(
            query=SearchQueryOut(
                genes=list(query.genes),
                text=query.text,
                organism=query.organism,
                year_from=query.year_from,
                year_to=query.year_to,
                chemicals=list(query.chemicals),
                diseases=list(query.diseases),
                not_found=list(parsed.not_found),
                renamed=[RenamedOut(input=a, symbol=b) for a, b in parsed.renamed],
            ),
            total=page.total,
            limit=limit,
            offset=offset,
            results=[
                summary_out(b, query.genes, page.snippets.get(b.figid))
                for b in briefs(store, page.figids)
            ],
        )

    return await cached_json(request, ctx, store, ("search", str(request.url.query)), make)


@router.get(
    "/figures/{figid}",
    response_model=FigureOut,
    summary="A figure with its genes and their boxes",
    responses={404: _ERRORS[404]},
)
async def api_figure(
    request: Request,
    figid: FigId,
    store: ReadStore,
    ctx: Ctx,
    all_mentions: Annotated[
        bool, Query(alias="all", description="Include mentions below the threshold")
    ] = False,
) -> Response:
    """Return a figure: paper, organisms, gene set, mentions with boxes, families.

    :param request: the request (whether it accepts gzip)
    :param figid: the figure
    :param store: the store
    :param ctx: the app context
    :param all_mentions: include mentions below the confidence threshold
    :returns: the figure
    """

    def make() -> FigureOut:
        record = load_figure(store, figid)
        mentions = store.mentions(figid, accepted_only=not all_mentions)
        return figure_out(
            record,
            mentions,
            store.family_mentions(figid),
            ctx.config.gene_names,
            concepts=store.chemicals(figid),
            edges=store.edges(figid),
        )

    key = ("figure", figid, str(all_mentions))
    # kept across writes of other figures: it shows this figure's rows and paper only
    return await cached_json(request, ctx, store, key, make, store.figure_stamp(figid))


@router.get(
    "/figures/{figid}/readings",
    response_model=ReadingsOut,
    summary="Every reading of a figure with its trail: what each pass decided, and why",
    responses={404: _ERRORS[404]},
)
def api_readings(
    figid: FigId,
    store: ReadStore,
    text: Annotated[
        str | None, Query(max_length=200, description="Only the readings of this label")
    ] = None,
) -> ReadingsOut:
    """Return the readings of a figure (accepted, below the threshold, families, not
    genes, dropped) with their trails, or those of one label.

    :param figid: the figure
    :param store: the store
    :param text: a label, as printed
    :returns: the readings
    """
    load_figure(store, figid)  # 404 for an unknown figure
    chosen = matching(store.readings(figid), text)
    return ReadingsOut(figid=figid, readings=[reading_out(r) for r in chosen])


@router.get(
    "/genes/{symbol}",
    response_model=GeneDetailOut,
    summary="A gene's figures and co-mentioned genes",
    responses={404: _ERRORS[404]},
)
async def api_gene(
    request: Request,
    symbol: Symbol,
    store: ReadStore,
    ctx: Ctx,
    limit: Limit = 20,
    offset: Offset = 0,
) -> Response:
    """Return the figures that show a gene and the genes most often shown with it.

    :param request: the request (whether it accepts gzip)
    :param symbol: the HGNC symbol (case is matched loosely)
    :param store: the store
    :param ctx: the app context
    :param limit: figures per page
    :param offset: figures to skip
    :returns: the gene
    """

    def make() -> GeneDetailOut:
        info = find_gene(store, symbol, ctx.config.resolver)
        genes = genes_in_memory(ctx, store)
        figids = figures_with_gene(store, info.symbol, limit, offset, genes)
        return GeneDetailOut(
            symbol=info.symbol,
            hgnc_id=info.hgnc_id,
            entrez_id=info.entrez_id,
            name=ctx.config.gene_names.get(info.hgnc_id),
            hgnc_url=hgnc_url(info.hgnc_id),
            ncbi_url=ncbi_url(info.entrez_id),
            n_figures=info.n_figures,
            n_mentions=info.n_mentions,
            limit=limit,
            offset=offset,
            figures=[summary_out(b, (info.symbol,)) for b in briefs(store, figids)],
            co_mentioned=[
                CoGeneOut(symbol=s, n_figures=n, page_url=gene_url(s))
                for s, n in co_mentioned(store, info.symbol, 25, genes)
            ],
        )

    return await cached_json(request, ctx, store, ("gene", symbol, str(limit), str(offset)), make)


@router.post("/enrich", response_model=EnrichOut, summary="Enrich a gene list")
async def api_enrich(body: EnrichIn, store: ReadStore, ctx: Ctx) -> Response:
    """Rank figures by over-representation of a gene list (hypergeometric test, BH FDR).

    Run on the event loop, not in the thread pool: a few milliseconds of CPU that needs
    the GIL either way, and requests queue in the order they came rather than share the
    core. The answer is the model's JSON as pydantic writes it (what FastAPI would send,
    without its second pass over the model).

    :param body: the genes (1 to 2,000), an optional background and how many results
    :param store: the store
    :param ctx: the app context
    :returns: the ranked figures and what became of the input genes (:class:`EnrichOut`)
    """
    outcome = ctx.enricher.enrich(store, body.genes, body.background, body.top)
    out = enrich_result(store, outcome)
    return Response(out.model_dump_json(by_alias=True).encode(), media_type="application/json")


@router.get("/stats", response_model=StatsOut, summary="What the store holds")
def api_stats(store: ReadStore, ctx: Ctx) -> StatsOut:
    """Return counts of figures, papers and genes, organisms and the data version (counted
    once per data version, as the search page's facets).

    :param store: the store
    :param ctx: the app context
    :returns: the counts
    """
    f = ctx.cache.get_or_make(("facets", store.data_version()), lambda: facets(store))
    return StatsOut(
        figures=f.n_figures,
        papers=f.n_papers,
        genes=f.n_genes,
        organisms=dict(f.organisms),
        year_min=f.year_min,
        year_max=f.year_max,
        data_version=store.data_version(),
    )
