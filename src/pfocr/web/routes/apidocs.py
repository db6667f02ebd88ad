"""The API page: Swagger UI over ``/openapi.json``, served from a wheel's files (no CDN).

Swagger UI's script and styles come from the ``fastapi-offline`` package, mounted at
``/apidocs-static``; its start-up is this site's own script (``static/apidocs.js``), so
scripts stay ``'self'``. Swagger UI sets inline styles, so this one page allows them.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from pfocr.web.deps import Ctx
from pfocr.web.middleware import CSP
from pfocr.web.routes.pages import render

__all__ = ["APIDOCS_STATIC", "router", "swagger_files"]

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

#: Where Swagger UI's files are served.
APIDOCS_STATIC = "/apidocs-static"
_DOCS_CSP = CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")


def swagger_files() -> Path:
    """The folder of Swagger UI's script and styles inside the ``fastapi_offline`` wheel."""
    return Path(str(files("fastapi_offline") / "static"))


@router.get("/api/docs")
def api_docs(request: Request, ctx: Ctx) -> Response:
    """The API's documentation, with example requests to try.

    :param request: the request
    :param ctx: the app context
    :returns: the page
    """
    base = f"{request.url.scheme}://{request.url.netloc}"
    response = render(request, ctx, "apidocs.html", static=APIDOCS_STATIC, base=base)
    response.headers["content-security-policy"] = _DOCS_CSP
    return response
