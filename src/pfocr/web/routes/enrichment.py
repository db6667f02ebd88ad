"""The enrichment pages: results at a URL, with a link to share and TSV/JSON downloads.

``GET /enrich?genes=...[&background=...]`` is the result page (bookmarkable); the
form posts (a pasted list can be long) and is answered with a redirect to that URL
(303, so a reload never posts again) whenever the URL stays under
:data:`MAX_LINK_CHARS`; a longer list is answered in place, its downloads posted.
``/enrich.tsv`` and ``/enrich.json`` give the same result as files.
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Form, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from pfocr.errors import InputError
from pfocr.store import Store
from pfocr.web.config import MAX_BACKGROUND, MAX_GENES
from pfocr.web.deps import Ctx, ReadStore, WebContext
from pfocr.web.models import EnrichOut
from pfocr.web.routes.common import enrich_result
from pfocr.web.routes.pages import render
from pfocr.web.views import MAX_PASTE_CHARS, bar_chart, parse_gene_list

__all__ = ["MAX_LINK_CHARS", "enrich_query", "router"]

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

#: The longest result URL offered (servers and proxies refuse much longer request lines).
MAX_LINK_CHARS = 8000
_BACKGROUND_CHARS = MAX_BACKGROUND * 66
GenesForm = Annotated[str, Form(max_length=MAX_PASTE_CHARS)]
BackgroundForm = Annotated[str, Form(max_length=_BACKGROUND_CHARS)]
GenesQuery = Annotated[str, Query(max_length=MAX_PASTE_CHARS)]
BackgroundQuery = Annotated[str, Query(max_length=_BACKGROUND_CHARS)]

#: The example list offered on the enrichment page: TNF/NF-κB and apoptosis genes.
EXAMPLE_GENES = (
    "TNF TNFRSF1A TRADD TRAF2 RIPK1 MAP3K7 IKBKB NFKBIA CASP8 BID BAX CASP3 CYCS "
    "APAF1 CASP9 TP53 GAPDH ACTB"
)


def enrich_query(genes: str, background: str = "") -> str:
    """The query string of a result: genes one space apart, the background if any."""
    params = {"genes": " ".join(genes.split())}
    if background.strip():
        params["background"] = " ".join(background.split())
    return urlencode(params)


def _run(ctx: WebContext, store: Store, genes_text: str, background_text: str) -> EnrichOut:
    genes = parse_gene_list(genes_text, limit=MAX_GENES)
    background = (
        parse_gene_list(background_text, what="background", limit=MAX_BACKGROUND)
        if background_text.strip()
        else None
    )
    outcome = ctx.enricher.enrich(store, genes, background, ctx.config.enrich_top)
    return enrich_result(store, outcome)


def _page(
    request: Request, ctx: WebContext, store: Store, genes_text: str, background_text: str
) -> Response:
    context: dict[str, Any] = {"genes": genes_text, "background": background_text}
    if not genes_text.strip() and request.method == "GET":
        return render(request, ctx, "enrich.html", result=None, error=None, **context)
    try:
        result = _run(ctx, store, genes_text, background_text)
    except InputError as exc:
        return render(request, ctx, "enrich.html", 422, result=None, error=str(exc), **context)
    query = enrich_query(genes_text, background_text)
    link = f"/enrich?{query}" if len("/enrich?" + query) <= MAX_LINK_CHARS else None
    return render(
        request, ctx, "enrich.html", result=result, error=None,
        bars=bar_chart(result.results, ctx.config.chart_bars), link=link, query=query,
        **context,
    )  # fmt: skip


@router.get("/enrich")
def enrich_page(
    request: Request,
    ctx: Ctx,
    store: ReadStore,
    genes: GenesQuery = "",
    background: BackgroundQuery = "",
    example: bool = False,
) -> Response:
    """Enrichment page: the form; with ``genes`` given, their results as well.

    :param request: the request
    :param ctx: the app context
    :param store: the store
    :param genes: the gene list (a result's URL carries it)
    :param background: an optional background list
    :param example: fill the form with an example list
    :returns: the page
    """
    return _page(request, ctx, store, EXAMPLE_GENES if example else genes, background)


@router.post("/enrich")
def enrich_submit(
    request: Request,
    ctx: Ctx,
    store: ReadStore,
    genes: GenesForm = "",
    background: BackgroundForm = "",
) -> Response:
    """The posted form: a redirect to the result's URL (or the result, for a long list).

    :param request: the request
    :param ctx: the app context
    :param store: the store
    :param genes: the pasted genes
    :param background: an optional pasted background
    :returns: a 303 redirect, or the page
    """
    target = "/enrich?" + enrich_query(genes, background)
    try:  # bad input is answered here, with the form and the message
        parse_gene_list(genes, limit=MAX_GENES)
        if background.strip():
            parse_gene_list(background, what="background", limit=MAX_BACKGROUND)
    except InputError:
        return _page(request, ctx, store, genes, background)
    if len(target) <= MAX_LINK_CHARS:
        return RedirectResponse(target, status_code=303)
    return _page(request, ctx, store, genes, background)


def _tsv(result: EnrichOut) -> Response:
    head = "rank\tfigid\ttitle\toverlap\tset_size\tp\tfdr\todds_ratio\tcombined_score\tgenes\n"
    rows = [
        "\t".join(
            (
                str(r.rank),
                r.figid,
                " ".join(r.title.split()),
                str(r.n_overlap),
                str(r.set_size),
                f"{r.p:.4g}",
                f"{r.fdr:.4g}",
                "inf" if r.odds_ratio is None else f"{r.odds_ratio:.4g}",
                "inf" if r.combined_score is None else f"{r.combined_score:.4g}",
                ",".join(r.overlap),
            )
        )
        + "\n"
        for r in result.results
    ]
    return Response(
        head + "".join(rows),
        media_type="text/tab-separated-values; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="pfocr-enrichment.tsv"'},
    )


def _json(result: EnrichOut) -> Response:
    return JSONResponse(
        result.model_dump(mode="json"),
        headers={"Content-Disposition": 'attachment; filename="pfocr-enrichment.json"'},
    )


@router.api_route("/enrich.{fmt}", methods=["GET", "POST"])
async def enrich_file(request: Request, fmt: str, ctx: Ctx, store: ReadStore) -> Response:
    """The result of a gene list as ``tsv`` or ``json`` (the API's ``POST /api/enrich``
    format): the list in the query (a result's URL) or, for a long list, posted.

    :param request: the request
    :param fmt: ``tsv`` or ``json``
    :param ctx: the app context
    :param store: the store
    :returns: the file
    :raises InputError: for another format or a list over the limits
    """
    if fmt not in ("tsv", "json"):
        raise HTTPException(404, "Downloads are enrich.tsv and enrich.json.")
    fields = await request.form() if request.method == "POST" else request.query_params
    genes, background = str(fields.get("genes") or ""), str(fields.get("background") or "")
    if len(genes) > MAX_PASTE_CHARS or len(background) > _BACKGROUND_CHARS:
        raise InputError("the gene list is too long")
    result = await run_in_threadpool(_run, ctx, store, genes, background)
    return _tsv(result) if fmt == "tsv" else _json(result)
