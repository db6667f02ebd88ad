"""Chemicals and diseases: their pages and API (the figures naming each)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse, Response

from pfocr.store import Store
from pfocr.store.chemicals import ConceptCount, concept_figures, concept_info, find_concepts
from pfocr.web.concepts import concept_links, concept_out
from pfocr.web.deps import Ctx, ReadStore
from pfocr.web.models import ConceptDetailOut, ConceptOut, ErrorOut
from pfocr.web.queries import briefs
from pfocr.web.routes.caching import cached_json, cached_page
from pfocr.web.routes.pages import PageNo, _page_links, render
from pfocr.web.views import summary_out

__all__ = ["api", "pages"]

ConceptId = Annotated[
    str,
    Path(
        min_length=3,
        max_length=40,
        pattern=r"^(MESH|DOID|CHEBI|MONDO):[A-Za-z0-9_]+$",
        description="A MeSH id such as MESH:D008070 (DOID where MeSH has none)",
    ),
]
Kind = Annotated[
    str | None, Query(pattern="^(chemical|disease)$", description="chemical or disease")
]

api = APIRouter(prefix="/api", tags=["api"])
pages = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

_404: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorOut, "description": "No figure names it"}
}


def _info(store: ReadStore, concept: str) -> ConceptCount:
    found = concept_info(store.conn, concept)
    if found is None:
        raise HTTPException(404, f"no figure names {concept}")
    return found


@api.get("/concepts", response_model=list[ConceptOut], summary="Find chemicals and diseases")
def api_concepts(
    store: ReadStore,
    q: Annotated[str, Query(min_length=1, max_length=200, description="Id, name or label")],
    kind: Kind = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> list[ConceptOut]:
    """Chemicals and diseases the figures name whose id, name or printed label matches.

    :param store: the store
    :param q: an id (MESH:D008070), a name (Lipopolysaccharides) or a label (LPS)
    :param kind: only chemicals or only diseases
    :param limit: the most returned
    :returns: the concepts, most figures first
    """
    return [concept_out(c) for c in find_concepts(store.conn, q, kind, limit)]


@api.get(
    "/concepts/{concept}",
    response_model=ConceptDetailOut,
    summary="A chemical or disease and the figures naming it",
    responses=_404,
)
async def api_concept(
    request: Request,
    concept: ConceptId,
    store: ReadStore,
    ctx: Ctx,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> Response:
    """A chemical or disease with the figures naming it and how each prints it.

    :param request: the request (whether it accepts gzip)
    :param concept: its id
    :param store: the store
    :param ctx: the app context
    :param limit: figures per page
    :param offset: figures to skip
    :returns: the concept
    """
    key = ("concept", concept, str(limit), str(offset))
    return await cached_json(
        request, ctx, store, key, lambda: _api_concept(concept, store, limit, offset)
    )


def _api_concept(concept: str, store: Store, limit: int, offset: int) -> ConceptDetailOut:
    info = _info(store, concept)
    rows = concept_figures(store.conn, concept, limit, offset)
    return ConceptDetailOut(
        concept=concept_out(info),
        limit=limit,
        offset=offset,
        figures=[summary_out(b) for b in briefs(store, [r[0] for r in rows])],
        labels={figid: labels.split(", ") for figid, labels, _ in rows},
    )


@pages.get("/concepts/{concept}")
async def concept_page(
    request: Request, concept: ConceptId, ctx: Ctx, store: ReadStore, page: PageNo = 1
) -> Response:
    """A chemical's or disease's page: the figures naming it, and how (kept per data
    version, as gene pages are).

    :param request: the request
    :param concept: its id
    :param ctx: the app context
    :param store: the store
    :param page: figure page
    :returns: the page
    """
    return await cached_page(
        request,
        ctx, store, ("concept", concept, str(page)),
        lambda: _concept_page(request, concept, ctx, store, page),
    )  # fmt: skip


def _concept_page(
    request: Request, concept: ConceptId, ctx: Ctx, store: ReadStore, page: int
) -> Response:
    info = _info(store, concept)
    size = ctx.config.page_size
    rows = concept_figures(store.conn, concept, size, (page - 1) * size)
    how = {figid: (labels, sources) for figid, labels, sources in rows}
    return render(
        request,
        ctx,
        "concept.html",
        concept=concept_out(info),
        links=concept_links(info.concept, info.chebi, info.doid, info.mondo),
        hits=[summary_out(b) for b in briefs(store, [r[0] for r in rows])],
        how=how,
        first=(page - 1) * size + 1,
        pages=_page_links([], page, size, info.figures),
    )
