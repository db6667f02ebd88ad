"""Error responses: HTML pages for the site, JSON for ``/api``; never a stack trace.

A request under ``/api/`` gets ``{"detail": ..., "errors": [...]}``; any other request
gets the ``error.html`` page with the same message and status.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from pfocr.errors import InputError
from pfocr.web.deps import get_context

__all__ = ["install_error_handlers"]

logger = logging.getLogger(__name__)

_TITLES = {
    400: "Bad request",
    404: "Not found",
    405: "Method not allowed",
    413: "Request too large",
    422: "Invalid input",
    500: "Server error",
}


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/api"


def _error(request: Request, status: int, detail: str, errors: list[str] | None = None) -> Response:
    errors = errors or []
    if _is_api(request):
        return JSONResponse({"detail": detail, "errors": errors}, status_code=status)
    ctx = get_context(request)
    return ctx.templates.TemplateResponse(
        request,
        "error.html",
        {
            "status": status,
            "title": _TITLES.get(status, "Error"),
            "detail": detail,
            "errors": errors,
        },
        status_code=status,
    )


def _location(loc: tuple[Any, ...]) -> str:
    # ("query", "year_from") -> "year_from"; ("body", "genes", 3) -> "genes[3]"
    parts = [str(p) for p in loc if p not in ("query", "path", "body", "form")]
    out = ""
    for p in parts:
        out += f"[{p}]" if p.isdigit() else (f".{p}" if out else p)
    return out or "input"


def _messages(exc: RequestValidationError) -> list[str]:
    out = []
    for err in exc.errors()[:20]:
        msg = str(err.get("msg", "invalid"))
        out.append(f"{_location(tuple(err.get('loc', ())))}: {msg}")
    return out


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    detail = exc.detail if isinstance(exc.detail, str) else _TITLES.get(exc.status_code, "Error")
    response = _error(request, exc.status_code, detail)
    if exc.headers:
        response.headers.update(exc.headers)
    return response


async def _validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    messages = _messages(exc)
    return _error(request, 422, messages[0] if messages else "invalid input", messages)


async def _input_error(request: Request, exc: Exception) -> Response:
    return _error(request, 422, " ".join(str(exc).split()))


async def _server_error(request: Request, exc: Exception) -> Response:
    logger.exception("unhandled error on %s", request.url.path, exc_info=exc)
    return _error(request, 500, "Something went wrong on our side.")


def install_error_handlers(app: FastAPI) -> None:
    """Register the handlers.

    :param app: the app
    """
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(InputError, _input_error)
    app.add_exception_handler(Exception, _server_error)
