"""The HTML pages: search, figure, gene, enrichment and downloads."""

from __future__ import annotations

import re
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from pfocr.errors import InputError
from pfocr.store import Store, last_complete_window, trail_text
from pfocr.web.deps import Ctx, ReadStore, WebContext
from pfocr.web.queries import Facets, briefs, co_mentioned, facets, figures_with_gene
from pfocr.web.routes.caching import cached_page
from pfocr.web.routes.common import (
    ConceptParams,
    FigId,
    GeneParams,
    OptOrganism,
    OptYear,
    SearchText,
    Symbol,
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
    summary_out,
)

__all__ = ["render", "router"]

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

PageNo = Annotated[int, Query(ge=1, le=10_000, description="Page number")]


def render(
    request: Request, ctx: WebContext, template: str, status: int = 200, /, **context: Any
) -> Response:
    return ctx.templates.TemplateResponse(request, template, context, status_code=status)


def _facets(ctx: WebContext, store: Store) -> Facets:
    return ctx.cache.get_or_make(("facets", store.data_version()), lambda: facets(store))


def _page_links(
    params: list[tuple[str, str]], page: int, size: int, total: int
) -> dict[str, str | None]:
    """Previous and next page links keeping the other parameters (``params``)."""

    def link(n: int) -> str:
        return "?" + urlencode([*params, ("page", str(n))])

    last = max(1, -(-total // size))
    return {
        "prev": link(page - 1) if page > 1 else None,
        "next": link(page + 1) if page < last else None,
        "last": str(last),
    }


@router.get("/")
async def index(
    request: Request,
    ctx: Ctx,
    store: ReadStore,
    q: SearchText = "",
    gene: GeneParams = [],  # noqa: B006 - FastAPI copies defaults per request
    organism: OptOrganism = None,
    year_from: OptYear = None,
    year_to: OptYear = None,
    page: PageNo = 1,
    chemical: ConceptParams = [],  # noqa: B006
    disease: ConceptParams = [],  # noqa: B006
) -> Response:
    """Search page: the box, filters, and results (every figure when nothing is asked).

    :param request: the request
    :param ctx: the app context
    :param store: the store
    :param q: genes and words
    :param gene: explicit genes
    :param organism: organism filter
    :param year_from: earliest year
    :param year_to: latest year
    :param page: result page
    :param chemical: chemicals every figure must name
    :param disease: diseases every figure must name
    :returns: the page (kept per data version and query, as figure pages are)
    """
    key = ("search", repr(sorted(request.query_params.multi_items())))
    return await cached_page(
        request,
        ctx,
        store,
        key,
        lambda: _index(
            request, ctx, store, q, gene, organism, year_from, year_to, page, chemical, disease
        ),
    )


def _index(
    request: Request,
    ctx: WebContext,
    store: Store,
    q: str,
    gene: list[str],
    organism: str | None,
    year_from: int | None,
    year_to: int | None,
    page: int,
    chemical: list[str],
    disease: list[str],
) -> Response:
    size = ctx.config.page_size
    resolver = ctx.config.resolver
    parsed = make_query(
        store,
        resolver,
        q,
        gene,
        organism,
        year_from,
        year_to,
        size,
        (page - 1) * size,
        chemical,
        disease,
    )
    error: str | None = None
    try:
        index = genes_in_memory(ctx, store) if parsed.query.genes else None
        ranked = ranked_words(ctx, store) if parsed.query.text else None
        result = (
            SearchPage((), 0)
            if parsed.not_found
            else find_figures(store, parsed.query, resolver, index, ranked)
        )
    except InputError as exc:  # e.g. an empty year range: say so beside the form
        result, error = SearchPage((), 0), str(exc)
    hits = [
        summary_out(b, parsed.query.genes, result.snippets.get(b.figid))
        for b in briefs(store, result.figids)
    ]
    return render(
        request,
        ctx,
        "index.html",
        422 if error else 200,
        error=error,
        renamed=parsed.renamed,
        q=q,
        query=parsed.query,
        not_found=parsed.not_found,
        searching=bool(
            q.strip() or gene or organism or year_from or year_to or chemical or disease
        ),
        hits=hits,
        total=result.total,
        first=(page - 1) * size + 1,
        page=page,
        pages=_page_links(
            [(k, v) for k, v in request.query_params.multi_items() if k != "page"],
            page,
            size,
            result.total,
        ),
        facets=_facets(ctx, store),
    )


@router.get("/figures/{figid}")
async def figure_page(
    request: Request,
    figid: FigId,
    ctx: Ctx,
    store: ReadStore,
    all_mentions: Annotated[bool, Query(alias="all")] = False,
    genes: Annotated[str, Query(max_length=4000)] = "",
) -> Response:
    """Figure page: the image with gene boxes, paper, genes, families and downloads.

    :param request: the request
    :param figid: the figure
    :param ctx: the app context
    :param store: the store
    :param all_mentions: also outline mentions below the confidence threshold
    :param genes: your genes, highlighted on the figure (an enrichment's overlap, a search)
    :returns: the page
    """
    wanted = tuple(dict.fromkeys(g.upper() for g in re.split(r"[\s,;]+", genes) if g))[:200]
    key = ("figure", figid, str(all_mentions), ",".join(wanted))
    # kept across writes of other figures: the page shows this figure's rows and paper only
    return await cached_page(
        request,
        ctx,
        store,
        key,
        lambda: _figure(request, figid, ctx, store, all_mentions, wanted),
        store.figure_stamp(figid),
    )


def _figure(
    request: Request,
    figid: str,
    ctx: WebContext,
    store: Store,
    all_mentions: bool,
    wanted: tuple[str, ...] = (),
) -> Response:
    record = load_figure(store, figid)
    mentions = store.mentions(figid)
    below = sum(not m.accepted for m in mentions)
    shown = mentions if all_mentions else [m for m in mentions if m.accepted]
    fig = figure_out(
        record,
        shown,
        store.family_mentions(figid),
        ctx.config.gene_names,
        concepts=store.chemicals(figid),
        edges=store.edges(figid),
    )
    read_as: dict[str, list[str]] = {}
    for m in mentions:
        if m.accepted and m.text not in read_as.setdefault(m.symbol, []):
            read_as[m.symbol].append(m.text)
    names = {m.symbol: ctx.config.gene_names.get(m.hgnc_id) for m in mentions}
    readings = store.readings(figid)
    on_figure = {m.symbol.upper() for m in shown}
    # each box's trail, found by its words and its gene or family
    trails = {
        (r.word_start, r.word_end, r.symbol or r.family_id or ""): "\n".join(trail_text(r))
        for r in readings
        if r.outcome != "dropped"
    }
    return render(
        request,
        ctx,
        "figure.html",
        fig=fig,
        names=names,
        read_as=read_as,
        all_mentions=all_mentions,
        n_below=below,
        readings=readings,
        trails=trails,
        query_genes=set(wanted),
        box_pad=min(8.0, max(2.0, (record.figure.width or 800) / 300)),
        query_found=[g for g in wanted if g in on_figure],
        query_missing=[g for g in wanted if g not in on_figure],
    )


@router.get("/genes/{symbol}")
async def gene_page(
    request: Request, symbol: Symbol, ctx: Ctx, store: ReadStore, page: PageNo = 1
) -> Response:
    """Gene page: the figures that show the gene and the genes most often shown with it.

    :param request: the request
    :param symbol: the HGNC symbol (another case redirects to the stored spelling)
    :param ctx: the app context
    :param store: the store
    :param page: figure page
    :returns: the page
    """
    return await cached_page(
        request,
        ctx,
        store,
        ("gene", symbol, str(page)),
        lambda: _gene(request, symbol, ctx, store, page),
    )


def _gene(request: Request, symbol: str, ctx: WebContext, store: Store, page: int) -> Response:
    info = find_gene(store, symbol, ctx.config.resolver)
    if info.symbol != symbol:
        return RedirectResponse(gene_url(info.symbol), status_code=307)
    size = ctx.config.page_size
    genes = genes_in_memory(ctx, store)
    figids = figures_with_gene(store, info.symbol, size, (page - 1) * size, genes)
    co = co_mentioned(store, info.symbol, 25, genes)
    return render(
        request,
        ctx,
        "gene.html",
        gene=info,
        name=ctx.config.gene_names.get(info.hgnc_id),
        synonyms=ctx.config.gene_synonyms.get(info.hgnc_id, ((), ())),
        hgnc=hgnc_url(info.hgnc_id),
        ncbi=ncbi_url(info.entrez_id),
        hits=[summary_out(b, (info.symbol,)) for b in briefs(store, figids)],
        first=(page - 1) * size + 1,
        pages=_page_links([], page, size, info.n_figures),  # cached: no stray parameters
        co=co,
        co_list=" ".join([info.symbol, *(s for s, _ in co)]),
    )


@router.get("/downloads")
def downloads(request: Request, ctx: Ctx, store: ReadStore) -> Response:
    """Downloads page: the whole GMT, records and mentions.

    :param request: the request
    :param ctx: the app context
    :param store: the store
    :returns: the page
    """
    return render(
        request,
        ctx,
        "downloads.html",
        facets=_facets(ctx, store),
        data_version=store.data_version(),
        harvested=last_complete_window(store.conn),
    )
