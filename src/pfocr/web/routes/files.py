"""Images and downloads: figure images and thumbnails, per-figure and whole-store exports."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterable, Iterator
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import Response, StreamingResponse

from pfocr.export.edges import edges_tsv, figure_document
from pfocr.store import Store
from pfocr.web.deps import Ctx, ReadStore, StorePool
from pfocr.web.routes.common import FigId, load_figure, shown
from pfocr.web.services import gmt_line, gmt_lines, mentions_tsv, record_markdown

__all__ = ["router"]

router = APIRouter(tags=["files"])

_TSV = "text/tab-separated-values; charset=utf-8"
_TEXT = "text/plain; charset=utf-8"


def _attachment(name: str) -> dict[str, str]:
    return {"Content-Disposition": f'attachment; filename="{name}"'}


def _safe_name(figid: str) -> str:
    # figids come from file names: keep a conservative subset for Content-Disposition
    return "".join(c if c.isalnum() or c in "._-" else "_" for c in figid)[:120] or "figure"


def _image(request: Request, ctx: Ctx, store: ReadStore, figid: str, thumbnail: bool) -> Response:
    image = ctx.images.image(store, figid, thumbnail=thumbnail)
    if image is None:
        raise HTTPException(404, f"No image for figure {shown(figid)!r}.")
    etag = f'"{image.etag}"'
    headers = {"ETag": etag, "Cache-Control": "public, max-age=86400"}
    if request.headers.get("if-none-match") == etag:
        return Response(status_code=304, headers=headers)
    return Response(image.data, media_type=image.mime, headers=headers)


@router.get("/figures/{figid}/image", summary="A figure's image", response_class=Response)
def figure_image(figid: FigId, request: Request, ctx: Ctx, store: ReadStore) -> Response:
    """Return the figure's image as stored (PNG for formats browsers do not show).

    :param figid: the figure
    :param request: the request (for ``If-None-Match``)
    :param ctx: the app context
    :param store: the store
    :returns: the image
    """
    return _image(request, ctx, store, figid, thumbnail=False)


@router.get("/figures/{figid}/thumb", summary="A figure's thumbnail", response_class=Response)
def figure_thumb(figid: FigId, request: Request, ctx: Ctx, store: ReadStore) -> Response:
    """Return a small JPEG of the figure.

    :param figid: the figure
    :param request: the request (for ``If-None-Match``)
    :param ctx: the app context
    :param store: the store
    :returns: the thumbnail
    """
    return _image(request, ctx, store, figid, thumbnail=True)


@router.get("/figures/{figid}/record.md", summary="A figure's record (Markdown)")
def figure_record(figid: FigId, store: ReadStore) -> Response:
    """Return the figure's record: YAML front matter in the PFOCR website's format.

    :param figid: the figure
    :param store: the store
    :returns: the Markdown file
    """
    record = load_figure(store, figid)
    return Response(
        record_markdown(record, store),
        media_type="text/markdown; charset=utf-8",
        headers=_attachment(f"{_safe_name(figid)}.md"),
    )


@router.get("/figures/{figid}/gene-set.gmt", summary="A figure's gene set (one GMT line)")
def figure_gmt(figid: FigId, store: ReadStore) -> Response:
    """Return the figure's GMT line (every gene, even when the set is small).

    :param figid: the figure
    :param store: the store
    :returns: the GMT file
    """
    line = gmt_line(load_figure(store, figid))
    return Response(line, media_type=_TEXT, headers=_attachment(f"{_safe_name(figid)}.gmt"))


@router.get("/figures/{figid}/mentions.tsv", summary="A figure's gene mentions (TSV)")
def figure_mentions(figid: FigId, store: ReadStore) -> Response:
    """Return the figure's mentions: text, symbol, HGNC id, rule, confidence, box.

    :param figid: the figure
    :param store: the store
    :returns: the TSV file
    """
    load_figure(store, figid)
    body = "".join(mentions_tsv(store, [figid]))
    return Response(body, media_type=_TSV, headers=_attachment(f"{_safe_name(figid)}.tsv"))


@router.get("/figures/{figid}/edges.tsv", summary="A figure's interactions (TSV, one row per pair)")
def figure_edges(figid: FigId, store: ReadStore) -> Response:
    """Return the figure's interactions: source, target, kind, direction, confidence.

    :param figid: the figure
    :param store: the store
    :returns: the TSV file
    """
    load_figure(store, figid)
    body = "".join(line + "\n" for line in edges_tsv((figid, e) for e in store.edges(figid)))
    name = f"{_safe_name(figid)}-edges.tsv"
    return Response(body, media_type=_TSV, headers=_attachment(name))


def _figure_document(store: Store, figid: str, fmt: str) -> str:
    load_figure(store, figid)  # 404 for an unknown figure
    return figure_document(store, figid, fmt) or ""


@router.get("/figures/{figid}/network.cx2", summary="A figure's interactions as CX2 (NDEx)")
def figure_cx2(figid: FigId, store: ReadStore) -> Response:
    """Return the figure's interactions as a CX2 network, for NDEx and Cytoscape.

    :param figid: the figure
    :param store: the store
    :returns: the CX2 file
    """
    body = _figure_document(store, figid, "cx2")
    name = f"{_safe_name(figid)}.cx2"
    return Response(body, media_type="application/json", headers=_attachment(name))


@router.get("/figures/{figid}/pathway.gpml", summary="A figure's interactions as GPML")
def figure_gpml(figid: FigId, store: ReadStore) -> Response:
    """Return the figure as a draft GPML pathway (PathVisio, WikiPathways): its nodes at
    their boxes and its interactions.

    :param figid: the figure
    :param store: the store
    :returns: the GPML file
    """
    body = _figure_document(store, figid, "gpml")
    name = f"{_safe_name(figid)}.gpml"
    return Response(body, media_type="application/xml", headers=_attachment(name))


def _streamed(pool: StorePool, produce: Callable[[Store], Iterable[str]]) -> Iterator[bytes]:
    """Stream lines read over a connection of the stream's own.

    The request's connection goes back to the pool when the handler returns, before the
    body is sent, so the stream checks out its own and returns it when done.
    """
    store = pool.acquire()
    try:
        buffer: list[str] = []
        for line in produce(store):
            buffer.append(line)
            if len(buffer) >= 500:
                yield "".join(buffer).encode()
                buffer.clear()
        yield "".join(buffer).encode()
    finally:
        pool.release(store)


@router.get("/downloads/pfocr.gmt", summary="Every figure's gene set (GMT)")
def download_gmt(
    ctx: Ctx,
    min_genes: Annotated[int, Query(ge=1, le=1000, description="Smallest set kept")] = 3,
    expand_families: Annotated[
        bool, Query(description="Add the members of families shown in a figure")
    ] = False,
) -> StreamingResponse:
    """Return the GMT of the whole store.

    :param ctx: the app context
    :param min_genes: leave out sets with fewer genes
    :param expand_families: add family members
    :returns: the GMT file, streamed
    """
    lines = _streamed(ctx.pool, lambda store: gmt_lines(store, min_genes, expand_families))
    name = "pfocr-expanded.gmt" if expand_families else "pfocr.gmt"
    return StreamingResponse(lines, media_type=_TEXT, headers=_attachment(name))


@router.get("/downloads/mentions.tsv", summary="Every gene mention (TSV)")
def download_mentions(ctx: Ctx) -> StreamingResponse:
    """Return the mentions TSV of the whole store.

    :param ctx: the app context
    :returns: the TSV file, streamed
    """
    return StreamingResponse(
        _streamed(ctx.pool, mentions_tsv),
        media_type=_TSV,
        headers=_attachment("pfocr-mentions.tsv"),
    )


@router.get("/downloads/records.zip", summary="Every figure's record (zip of Markdown)")
def download_records(ctx: Ctx, store: ReadStore) -> Response:
    """Return one Markdown record per figure, zipped (built once per data version).

    :param ctx: the app context
    :param store: the store
    :returns: the zip file
    """

    def build() -> bytes:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for record in store.iter_figures():
                name = f"records/{_safe_name(record.figure.figid)}.md"
                archive.writestr(name, record_markdown(record, store))
        return buffer.getvalue()

    data = ctx.cache.get_or_make(("records.zip", store.data_version()), build)
    return Response(data, media_type="application/zip", headers=_attachment("pfocr-records.zip"))
