"""NCBI E-utilities for PMC: ``esearch`` (ids in a date window) and ``efetch`` (JATS).

Both send ``tool`` and ``email`` (NCBI asks for them) and ``api_key`` when given, and
share one rate limiter: 3 requests a second, 10 with a key. The XML answers are parsed
with defusedxml; an ``<ERROR>`` in a search answer (the service's answer past its first
10,000 ids, or a backend failure) is a :class:`~pfocr.harvest.http.FetchError`, never an
empty page.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import defusedxml
import defusedxml.ElementTree as SafeET

from pfocr.harvest.http import FetchError, HttpClient, RateLimiter
from pfocr.harvest.query import Window

__all__ = ["DEFAULT_EUTILS", "EUtils", "FetchedArticle", "SearchPage", "split_articleset"]

DEFAULT_EUTILS = "https://eutils.ncbi.nlm.nih.gov/entrez/eutils/"
#: PMC's text for an article whose publisher does not allow its full text in XML.
_NO_FULL_TEXT = "does not allow downloading of the full text"


@dataclass(frozen=True)
class SearchPage:
    """One page of a search: the window's hit count and the ids from ``retstart`` on."""

    count: int
    retstart: int
    ids: tuple[str, ...]


@dataclass(frozen=True)
class FetchedArticle:
    """One article of an ``efetch`` answer.

    :param uid: the PMC uid (digits, as esearch gives them)
    :param xml: the article's JATS, serialised on its own
    :param open_access: False when PMC withholds the full text (front matter only)
    """

    uid: str
    xml: bytes
    open_access: bool


class EUtils:
    """A client of E-utilities' ``esearch`` and ``efetch`` for ``db=pmc``.

    :param http: the HTTP client (retries, timeouts)
    :param base: the E-utilities base URL
    :param tool: the ``tool`` parameter
    :param email: the ``email`` parameter (NCBI contacts it before blocking a tool)
    :param api_key: an NCBI API key (allows 10 requests a second)
    :param per_second: the rate limit; default 3, or 10 with a key
    """

    def __init__(
        self,
        http: HttpClient,
        base: str = DEFAULT_EUTILS,
        *,
        tool: str = "pfocr",
        email: str | None = None,
        api_key: str | None = None,
        per_second: float | None = None,
    ) -> None:
        self.http = http
        self.base = base if base.endswith("/") else base + "/"
        self.params: dict[str, str] = {"tool": tool}
        if email:
            self.params["email"] = email
        if api_key:
            self.params["api_key"] = api_key
        self.limiter = RateLimiter(per_second or (10.0 if api_key else 3.0))

    def esearch(self, term: str, window: Window, retstart: int, retmax: int) -> SearchPage:
        """One page of PMC ids whose publication date is in the window.

        :param term: the query
        :param window: the publication-date window
        :param retstart: the first result to return
        :param retmax: how many results to return (0 asks for the count only)
        :returns: the page
        :raises FetchError: for a failed request or an ``<ERROR>`` answer
        """
        mindate, maxdate = window.eutils()
        url = self.base + "esearch.fcgi"
        params = self.params | {
            "db": "pmc",
            "term": term,
            "datetype": "pdat",
            "mindate": mindate,
            "maxdate": maxdate,
            "retstart": str(retstart),
            "retmax": str(retmax),
        }
        answer = self.http.get(url, params, limiter=self.limiter)
        root = _xml(answer.content, url)
        error = root.find("ERROR")
        if error is not None:
            raise FetchError(url, f"search error: {' '.join((error.text or '').split())[:200]}")
        count = root.find("Count")
        if count is None or not (count.text or "").strip().isdigit():
            raise FetchError(url, "search answer without a count")
        ids = tuple((e.text or "").strip() for e in root.findall("IdList/Id"))
        return SearchPage(count=int(count.text or 0), retstart=retstart, ids=ids)

    def efetch(self, uids: Sequence[str]) -> list[FetchedArticle]:
        """The JATS of some articles.

        :param uids: PMC uids (digits)
        :returns: the articles the answer holds (a withdrawn id may be missing)
        :raises FetchError: for a failed request or an answer that is not an article set
        """
        url = self.base + "efetch.fcgi"
        params = self.params | {"db": "pmc", "id": ",".join(uids), "retmode": "xml"}
        answer = self.http.get(url, params, limiter=self.limiter)
        return list(split_articleset(answer.content, url))


def _xml(data: bytes, url: str, *, comments: bool = False) -> ET.Element:
    try:
        if comments:
            parser = SafeET.DefusedXMLParser(target=ET.TreeBuilder(insert_comments=True))
            parser.feed(data)
            root: ET.Element = parser.close()
            return root
        parsed: ET.Element = SafeET.fromstring(data)
        return parsed
    except defusedxml.DefusedXmlException:
        raise FetchError(url, "hostile XML refused") from None
    except ET.ParseError as exc:
        raise FetchError(url, f"not XML ({exc})") from None


def split_articleset(data: bytes, url: str) -> Iterator[FetchedArticle]:
    """The articles of an ``efetch`` answer (``<pmc-articleset>``), each as its own XML.

    :param data: the answer
    :param url: the request, for messages
    :yields: each article with its uid
    :raises FetchError: when the answer is not XML or not an article set
    """
    root = _xml(data, url, comments=True)
    if root.tag == "article":
        articles = [root]
    elif root.tag == "pmc-articleset":
        articles = [child for child in root if child.tag == "article"]
    else:
        raise FetchError(url, f"not an article set (root element <{root.tag}>)")
    for article in articles:
        uid = _uid(article)
        if uid is None:
            continue
        withheld = any(
            callable(node.tag) and _NO_FULL_TEXT in (node.text or "") for node in article.iter()
        )
        xml = ET.tostring(article, encoding="utf-8", xml_declaration=True)
        yield FetchedArticle(uid=uid, xml=xml, open_access=not withheld)


def _uid(article: ET.Element) -> str | None:
    for element in article.iterfind("front/article-meta/article-id"):
        kind = (element.get("pub-id-type") or "").lower()
        text = "".join(element.itertext()).strip()
        if kind in ("pmc", "pmcid") and text:
            digits = text.upper().removeprefix("PMC")
            if digits.isdigit():
                return digits
    return None
