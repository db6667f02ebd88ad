"""A local stand-in for NCBI E-utilities and the PMC Cloud Service, for tests and benches.

:class:`EutilsStandIn` serves, on 127.0.0.1, the parts of the protocol pfocr uses:
``esearch.fcgi`` (``db=pmc``, a publication-date window, ``retstart``/``retmax``, a
search cap past which it answers ``<ERROR>`` as the real service does past 10,000),
``efetch.fcgi`` (a ``<pmc-articleset>`` of JATS articles; a non-Open-Access article has
front matter only and PMC's comment) and media files under ``/media/PMC….N/``, where a
figure can be made to fail: ``404``, ``html`` (an HTML page served as ``image/jpeg``),
``429-once`` (with ``Retry-After``), ``500-once``, ``timeout-once`` and ``timeout``
(an answer slower than the client's timeout). Every request is logged for assertions.
"""

from __future__ import annotations

import io
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit
from xml.sax.saxutils import escape

from PIL import Image, ImageDraw

from pfocr.harvest import HarvestOptions, HttpPolicy, Window, default_query
from pfocr.pipeline.harvest import Services, workdir_for
from pfocr.store.target import DbTarget

__all__ = [
    "MARCH_2024",
    "EutilsStandIn",
    "StandInArticle",
    "StandInFigure",
    "png_figure",
    "sample_collection",
    "standin_options",
    "standin_services",
]

#: The window of the sample collection.
MARCH_2024 = Window(date(2024, 3, 1), date(2024, 3, 31))


def png_figure(text: str, size: tuple[int, int] = (320, 200)) -> bytes:
    """A small PNG with a few words on it (a figure image for the stand-in)."""
    image = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle((10, 10, size[0] - 10, size[1] - 10), outline="black", width=2)
    draw.text((30, size[1] // 2 - 6), text, fill="black")
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


@dataclass
class StandInFigure:
    """A ``<fig>`` of a stand-in article.

    :param href: the graphic's ``xlink:href`` (without extension, as PMC writes it)
    :param data: the image file served for ``href + ext``
    :param fault: how serving it misbehaves (see the module docstring), or None
    :param alternatives: more renditions (href, bytes), written in ``<alternatives>``
    """

    fig_id: str
    href: str
    caption: str
    data: bytes | None = None
    ext: str = ".png"
    fault: str | None = None
    title: str | None = None
    alternatives: list[tuple[str, bytes]] = field(default_factory=list)


@dataclass
class StandInArticle:
    """An article of the stand-in's collection."""

    uid: int
    published: date
    title: str
    figures: list[StandInFigure] = field(default_factory=list)
    open_access: bool = True
    version: int = 1

    @property
    def pmcid(self) -> str:
        """``PMC<uid>``."""
        return f"PMC{self.uid}"

    def jats(self) -> str:
        """The article's JATS, as efetch returns it inside ``<pmc-articleset>``."""
        p = self.published
        front = (
            "<front><journal-meta><journal-id journal-id-type=\"nlm-ta\">Test J</journal-id>"
            "<journal-title-group><journal-title>Test Journal</journal-title>"
            "</journal-title-group><publisher><publisher-name>Stand-in</publisher-name>"
            "</publisher></journal-meta><article-meta>"
            f"<article-id pub-id-type=\"pmid\">{30_000_000 + self.uid}</article-id>"
            f"<article-id pub-id-type=\"pmcid\">{self.pmcid}</article-id>"
            f"<article-id pub-id-type=\"pmcid-ver\">{self.pmcid}.{self.version}</article-id>"
            f"<article-id pub-id-type=\"doi\">10.5555/standin.{self.uid}</article-id>"
            f"<title-group><article-title>{escape(self.title)}</article-title></title-group>"
            "<contrib-group><contrib contrib-type=\"author\"><name><surname>Doe</surname>"
            "<given-names>Jane</given-names></name></contrib></contrib-group>"
            f"<pub-date pub-type=\"epub\"><day>{p.day}</day><month>{p.month}</month>"
            f"<year>{p.year}</year></pub-date></article-meta></front>"
        )  # fmt: skip
        if not self.open_access:
            comment = (
                "<!--The publisher of this article does not allow downloading of the full "
                "text in XML form.-->"
            )
            return f'<article article-type="research-article">{front}{comment}</article>'
        figs = []
        for f in self.figures:
            graphics = f'<graphic xlink:href="{escape(f.href)}"/>'
            if f.alternatives:
                more = "".join(f'<graphic xlink:href="{escape(h)}"/>' for h, _ in f.alternatives)
                graphics = f"<alternatives>{graphics}{more}</alternatives>"
            title = f"<title>{escape(f.title)}</title>" if f.title else ""
            figs.append(
                f'<fig id="{f.fig_id}"><label>Figure {f.fig_id[1:]}</label><caption>{title}'
                f"<p>{escape(f.caption)}</p></caption>{graphics}</fig>"
            )
        body = f"<body><sec><p>Text.</p>{''.join(figs)}</sec></body>"
        return (
            '<article xmlns:xlink="http://www.w3.org/1999/xlink" '
            f'article-type="research-article">{front}{body}</article>'
        )


class EutilsStandIn:
    """The stand-in server; a context manager that serves until it exits.

    :param articles: the collection
    :param search_cap: ids one search serves (``<ERROR>`` from ``retstart`` = cap on)
    :param slow_seconds: how long a ``timeout`` answer takes
    :param media_delay: seconds every media answer takes (to kill a harvest mid-run)
    :param esearch_faults: ``{retstart: status}``: that page fails once with the status
    """

    def __init__(
        self,
        articles: Sequence[StandInArticle],
        *,
        search_cap: int = 10_000,
        slow_seconds: float = 3.0,
        media_delay: float = 0.0,
        esearch_faults: dict[int, int] | None = None,
    ) -> None:
        self.articles = {a.uid: a for a in articles}
        self.search_cap = search_cap
        self.slow_seconds = slow_seconds
        self.media_delay = media_delay
        self.esearch_faults = dict(esearch_faults or {})
        self.requests: list[tuple[str, dict[str, str]]] = []
        self._lock = threading.Lock()
        self._once: set[str] = set()
        self._media: dict[str, tuple[bytes, str | None]] = {}
        for article in articles:
            folder = f"{article.pmcid}.{article.version}"
            for f in article.figures:
                if f.data is not None:
                    self._media[f"{folder}/{f.href}{f.ext}"] = (f.data, f.fault)
                for href, data in f.alternatives:
                    self._media[f"{folder}/{href}{f.ext}"] = (data, None)
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        """The server's root URL."""
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    @property
    def eutils(self) -> str:
        """The ``--eutils-base`` to pass."""
        return self.base + "/eutils/"

    @property
    def media_url(self) -> str:
        """The ``--media-url`` template to pass."""
        return self.base + "/media/{pmcid}.{version}/{href}"

    def count(self, endpoint: str) -> int:
        """How many requests reached an endpoint (``esearch``, ``efetch``, ``media``)."""
        with self._lock:
            return sum(1 for path, _ in self.requests if endpoint in path)

    def __enter__(self) -> EutilsStandIn:
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._server.shutdown()
        self._server.server_close()

    # -- the protocol --------------------------------------------------------------------
    def _first_time(self, key: str) -> bool:
        with self._lock:
            if key in self._once:
                return False
            self._once.add(key)
            return True

    def _search(self, q: dict[str, str]) -> tuple[int, str, bytes]:
        mindate = date.fromisoformat(q.get("mindate", "1900/01/01").replace("/", "-"))
        maxdate = date.fromisoformat(q.get("maxdate", "3000/01/01").replace("/", "-"))
        retstart, retmax = int(q.get("retstart", "0")), int(q.get("retmax", "20"))
        status = self.esearch_faults.get(retstart)
        if status is not None and self._first_time(f"esearch:{retstart}:{mindate}"):
            return status, "text/plain", b"backend busy"
        if not q.get("term") or q.get("db") != "pmc" or q.get("datetype") != "pdat":
            return 400, "text/plain", b"bad request"
        hits = sorted(
            (a.uid for a in self.articles.values() if mindate <= a.published <= maxdate),
            reverse=True,
        )
        if retstart >= self.search_cap and hits:
            body = (
                '<?xml version="1.0" ?><eSearchResult><ERROR>Search Backend failed: '
                f"retstart {retstart} exceeds the {self.search_cap} ids a search serves"
                "</ERROR></eSearchResult>"
            )
            return 200, "text/xml", body.encode()
        ids = hits[retstart : min(retstart + retmax, self.search_cap)]
        body = (
            '<?xml version="1.0" encoding="UTF-8" ?><eSearchResult>'
            f"<Count>{len(hits)}</Count><RetMax>{len(ids)}</RetMax><RetStart>{retstart}</RetStart>"
            f"<IdList>{''.join(f'<Id>{i}</Id>' for i in ids)}</IdList>"
            "<TranslationSet/><QueryTranslation>stand-in</QueryTranslation></eSearchResult>"
        )
        return 200, "text/xml", body.encode()

    def _fetch(self, q: dict[str, str]) -> tuple[int, str, bytes]:
        uids = [int(u) for u in q.get("id", "").split(",") if u.strip().isdigit()]
        found = [self.articles[u].jats() for u in uids if u in self.articles]
        body = (
            '<?xml version="1.0" ?><!DOCTYPE pmc-articleset PUBLIC "-//NLM//DTD ARTICLE SET '
            '2.0//EN" "https://dtd.nlm.nih.gov/ncbi/pmc/articleset/nlm-articleset-2.0.dtd">'
            f"<pmc-articleset>{''.join(found)}</pmc-articleset>"
        )
        return 200, "text/xml", body.encode()

    def _file(self, path: str) -> tuple[int, str, bytes, dict[str, str]]:
        if self.media_delay:
            time.sleep(self.media_delay)
        entry = self._media.get(path)
        if entry is None:
            return 404, "text/html", b"<html><body>Not Found</body></html>", {}
        data, fault = entry
        if fault == "404":
            return 404, "text/html", b"<html><body>Not Found</body></html>", {}
        if fault == "html":
            return 200, "image/jpeg", b"<!DOCTYPE html><html><body>Error</body></html>", {}
        if fault in ("429-once", "500-once", "timeout-once") and self._first_time(path):
            if fault == "429-once":
                return 429, "text/plain", b"slow down", {"Retry-After": "1"}
            if fault == "500-once":
                return 500, "text/plain", b"oops", {}
            time.sleep(self.slow_seconds)
        if fault == "timeout":
            time.sleep(self.slow_seconds)
        mime = "image/png" if data.startswith(b"\x89PNG") else "image/jpeg"
        return 200, mime, data, {}

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        standin = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                return

            def do_GET(self) -> None:
                parts = urlsplit(self.path)
                query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
                with standin._lock:
                    standin.requests.append((parts.path, query))
                headers: dict[str, str] = {}
                if parts.path.endswith("/esearch.fcgi"):
                    status, mime, body = standin._search(query)
                elif parts.path.endswith("/efetch.fcgi"):
                    status, mime, body = standin._fetch(query)
                elif parts.path.startswith("/media/"):
                    status, mime, body, headers = standin._file(unquote(parts.path[7:]))
                else:
                    status, mime, body = 404, "text/plain", b"no such endpoint"
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", mime)
                    self.send_header("Content-Length", str(len(body)))
                    for key, value in headers.items():
                        self.send_header(key, value)
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    return  # the client gave up (a timeout)

        return Handler


def sample_collection(
    n: int = 23, *, faults: dict[int, str] | None = None, window: Window = MARCH_2024
) -> list[StandInArticle]:
    """``n`` articles over a window, each with a pathway figure (PNG) and a plot.

    :param faults: ``{article index: fault}`` for the pathway figure's image
    :param window: the publication dates, spread over it
    """
    faults = faults or {}
    articles = []
    for i in range(n):
        uid = 9_100_000 + i
        pathway = StandInFigure(
            fig_id="F1",
            href=f"art{uid}_fig1",
            title="The TNF signaling pathway",
            caption="TNF activates NF-kB through TRAF2 and RIPK1.",
            data=png_figure(f"TNF TRAF2 RIPK1 {i}"),
            fault=faults.get(i),
        )
        plot = StandInFigure(
            fig_id="F2",
            href=f"art{uid}_fig2",
            caption="Survival curves of the two cohorts.",
            data=png_figure("Kaplan-Meier"),
        )
        published = window.start + timedelta(days=i % window.days)
        articles.append(StandInArticle(uid, published, f"Paper {i}", [pathway, plot]))
    return articles


def standin_services(standin: EutilsStandIn, *, timeout: float = 1.0, tries: int = 3) -> Services:
    """Services pointed at the stand-in, with fast retries and no rate limit to speak of."""
    return Services(
        eutils_base=standin.eutils,
        media_url=standin.media_url,
        email="test@example.org",
        policy=HttpPolicy(timeout=timeout, tries=tries, backoff=0.01),
        eutils_rate=200.0,
        media_rate=200.0,
    )


def standin_options(
    db: DbTarget,
    *,
    cap: int = 10_000,
    page_size: int = 5,
    window: Window = MARCH_2024,
    batch: int = 4,
) -> HarvestOptions:
    """Harvest options over the sample window for a store."""
    return HarvestOptions(
        query=default_query(), window=window, workdir=workdir_for(db), cap=cap,
        page_size=page_size, batch=batch,
    )  # fmt: skip
