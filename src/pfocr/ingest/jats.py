"""JATS ``.nxml`` articles (PMC Open Access): paper metadata and one figure per ``<fig>``.

The XML is parsed with :mod:`defusedxml`, which refuses entity declarations (billion
laughs) and external references, so a hostile file fails fast instead of hanging or
reading local files. PMC's ``<!DOCTYPE>`` line is allowed; its DTD is never fetched.
"""

from __future__ import annotations

import logging
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import defusedxml
import defusedxml.ElementTree as SafeET

from pfocr.errors import InputError
from pfocr.images import IMAGE_EXTENSIONS
from pfocr.ingest.models import Figure, FigureInput, IngestFailure, Paper
from pfocr.ingest.sidecar import normalise_pmcid

__all__ = ["JatsArticle", "JatsFigure", "jats_figure", "jats_figures", "parse_jats"]

logger = logging.getLogger(__name__)

XLINK = "http://www.w3.org/1999/xlink"
# Articles are at most a few MB of XML; a much larger .nxml is refused unread.
MAX_NXML_BYTES = 64 * 2**20

# Elements whose text is a separate block: flattened with a space around them so that
# "<p>a</p><p>b</p>" reads "a b", while inline markup (<italic>, <sup>) joins directly.
_BLOCKS = frozenset(
    {"p", "title", "label", "caption", "list", "list-item", "def-list", "def-item", "term",
     "def", "disp-quote", "table", "tr", "td", "th", "sec", "fig", "break", "disp-formula"}
)  # fmt: skip
_SKIPPED = frozenset({"tex-math", "object-id", "alt-text", "long-desc"})
# Which publication date gives the paper's year, best first (pub-type of JATS <= 1.0,
# date-type + publication-format of JATS 1.1+).
_YEAR_PREFERENCE = ("epub", "ppub", "collection", "epub-ppub")
_CITATION_DATE_PREFERENCE = ("ppub", "epub-ppub", "collection")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True)
class JatsFigure:
    """One ``<fig>`` of an article, before its image file is found.

    :param fig_id: the ``id`` attribute (``F4``), if any
    :param label: the ``<label>`` text (``Figure 4``), if any
    :param href: the graphic's ``xlink:href`` (often without extension)
    :param figtitle: the caption's ``<title>``, trailing full stop removed
    :param caption: the whole caption text, whitespace collapsed
    :param hrefs: every graphic of the figure (renditions in ``<alternatives>``), ``href``
        first
    """

    fig_id: str | None
    label: str | None
    href: str
    figtitle: str | None
    caption: str | None
    hrefs: tuple[str, ...] = ()


@dataclass(frozen=True)
class JatsArticle:
    """What pfocr takes from a JATS article.

    :param paper: the paper, or None when the article has no PMC id
    :param figures: its figures with a graphic, in document order
    :param version: the article version PMC gives (``pmcid-ver`` ``PMC123.2`` -> 2), if any
    """

    paper: Paper | None
    figures: tuple[JatsFigure, ...]
    version: int | None = None


def parse_jats(data: bytes, name: str) -> JatsArticle:
    """Parse a JATS article's metadata and figures.

    :param data: the ``.nxml`` bytes
    :param name: the file name, for messages
    :returns: the paper and figures
    :raises InputError: the XML is malformed or hostile (entities, external references)
    """
    try:
        root = SafeET.fromstring(data)
    except defusedxml.DefusedXmlException as exc:
        raise InputError(f"{name}: hostile or unsupported XML refused ({exc!r})") from None
    except ET.ParseError as exc:
        raise InputError(f"{name}: malformed XML ({exc})") from None
    _strip_namespaces(root)
    if root.tag != "article":
        raise InputError(f"{name}: not a JATS article (root element <{root.tag}>)")
    meta = root.find("front/article-meta")
    journal = root.find("front/journal-meta")
    paper = _paper(meta, journal) if meta is not None else None
    figures = tuple(fig for fig in map(_figure, root.iter("fig")) if fig is not None)
    return JatsArticle(paper=paper, figures=figures, version=_version(meta))


def _version(meta: ET.Element | None) -> int | None:
    """The article version from ``<article-id pub-id-type="pmcid-ver">PMC123.2</...>``."""
    if meta is None:
        return None
    for element in meta.findall("article-id"):
        if (element.get("pub-id-type") or "").strip().lower() == "pmcid-ver":
            _, dot, number = _flatten(element).rpartition(".")
            if dot and number.isdigit():
                return int(number)
    return None


def jats_figures(
    nxml: Path, source_of: Callable[[Path], str]
) -> Iterator[FigureInput | IngestFailure]:
    """Yield the figures of a JATS file whose images lie beside it.

    :param nxml: the ``.nxml`` file
    :param source_of: how to record a file's origin (its path, or ``archive:member``)
    :yields: one :class:`FigureInput` per ``<fig>`` with a graphic, or an
        :class:`IngestFailure` for the file or for a figure whose image is missing
    """
    source = source_of(nxml)
    try:
        if not nxml.is_file():  # a FIFO would block the read forever
            raise InputError(f"{nxml}: not a regular file")
        if nxml.stat().st_size > MAX_NXML_BYTES:
            raise InputError(f"{nxml}: larger than {MAX_NXML_BYTES} bytes")
        article = parse_jats(nxml.read_bytes(), str(nxml))
    except InputError as exc:
        yield IngestFailure(source=source, error=str(exc))
        return
    except OSError as exc:
        yield IngestFailure(source=source, error=f"{nxml}: cannot read ({exc.strerror or exc})")
        return
    if not article.figures:
        logger.info("%s: no figures with a graphic", nxml)
    images = _image_index(nxml.parent)
    pmcid = article.paper.pmcid if article.paper else None
    for index, fig in enumerate(article.figures, start=1):
        number = fig.fig_id or fig.label
        image = _find_image(images, fig.href)
        if image is None:
            tried = ", ".join(IMAGE_EXTENSIONS)
            yield IngestFailure(
                source=f"{source}#{fig.fig_id or index}",
                error=f"{nxml}: figure {number or index}: no image file for graphic "
                f"{fig.href!r} beside the .nxml (tried {tried})",
            )
            continue
        figure = jats_figure(fig, pmcid, image.name, source_of(image))
        yield FigureInput(figure=figure, paper=article.paper, image_path=image)


def jats_figure(fig: JatsFigure, pmcid: str | None, filename: str, source: str) -> Figure:
    """The :class:`Figure` of a ``<fig>`` whose image is the file ``filename``.

    :param fig: the parsed ``<fig>``
    :param pmcid: the article's PMC id, if known
    :param filename: the image file's name (its stem makes the figid ``PMCID__stem``)
    :param source: where the image came from (a path, an archive member, a URL)
    :returns: the figure record
    """
    stem = PurePosixPath(filename).stem
    return Figure(
        figid=f"{pmcid}__{stem}" if pmcid else stem,
        pmcid=pmcid,
        filename=filename,
        number=fig.fig_id or fig.label,
        figtitle=fig.figtitle,
        caption=fig.caption,
        figlink=f"/pmc/articles/{pmcid}/figure/{fig.fig_id}/" if pmcid and fig.fig_id else None,
        source=source,
    )


# -- figures ------------------------------------------------------------------------------


def _figure(fig: ET.Element) -> JatsFigure | None:
    hrefs = tuple(dict.fromkeys(h for h in map(_href, fig.iter("graphic")) if h))
    href = hrefs[0] if hrefs else None
    if not href:
        logger.debug("skipping <fig id=%r>: no graphic", fig.get("id"))
        return None
    caption = fig.find("caption")
    title = caption.find("title") if caption is not None else None
    label = fig.find("label")
    figtitle = _flatten(title).rstrip(" .") if title is not None else ""
    return JatsFigure(
        fig_id=(fig.get("id") or "").strip() or None,
        label=(_flatten(label) or None) if label is not None else None,
        href=href,
        figtitle=figtitle or None,
        caption=(_caption_text(caption) or None) if caption is not None else None,
        hrefs=hrefs,
    )


def _href(graphic: ET.Element) -> str | None:
    href = graphic.get(f"{{{XLINK}}}href") or graphic.get("href")
    if href is None:
        # Some producers bind xlink to a non-standard URI; accept any *:href attribute.
        href = next((v for k, v in graphic.attrib.items() if k.endswith("}href")), None)
    return href.strip() if href else None


def _caption_text(caption: ET.Element) -> str:
    """Caption text; a title without final punctuation gets a full stop before the text."""
    parts: list[str] = []
    for child in caption:
        text = _flatten(child)
        if not text:
            continue
        if child.tag == "title" and text[-1] not in ".?!:;":
            text += "."
        parts.append(text)
    if caption.text and caption.text.strip():
        parts.insert(0, caption.text.strip())
    return " ".join(parts)


def _image_index(directory: Path) -> dict[str, Path]:
    try:
        entries = sorted(directory.iterdir())
    except OSError:
        return {}
    return {p.name.lower(): p for p in entries if p.suffix.lower() in IMAGE_EXTENSIONS}


def _find_image(images: dict[str, Path], href: str) -> Path | None:
    """Find a graphic's file beside the XML: same stem, any image extension, JPEG first.

    Only the href's last component is used, so an href cannot point outside the folder.
    """
    base = PurePosixPath(href.replace("\\", "/")).name.lower()
    stem = base[: -len(PurePosixPath(base).suffix)] if base.endswith(IMAGE_EXTENSIONS) else base
    for extension in IMAGE_EXTENSIONS:
        found = images.get(stem + extension)
        if found is not None:
            return found
    return None


# -- paper --------------------------------------------------------------------------------


def _paper(meta: ET.Element, journal: ET.Element | None) -> Paper | None:
    ids = {}
    for element in meta.findall("article-id"):
        kind = (element.get("pub-id-type") or "").strip().lower()
        value = _flatten(element)
        if value and kind not in ids:
            ids[kind] = value
    pmcid = None
    for kind in ("pmcid", "pmc"):
        if kind in ids:
            try:
                pmcid = normalise_pmcid(ids[kind])
                break
            except ValueError:
                logger.debug("ignoring article-id %s=%r", kind, ids[kind])
    if pmcid is None:
        return None
    title = meta.find("title-group/article-title")
    papertitle = _flatten(title) if title is not None else ""
    if papertitle and papertitle[-1] not in ".?!":
        papertitle += "."  # PFOCR records end titles with a full stop
    dates = _pub_dates(meta)
    year = next((dates[k][0] for k in _YEAR_PREFERENCE if k in dates), None)
    if year is None and dates:
        year = next(iter(dates.values()))[0]
    nlm_ta = _text_at(journal, "journal-id[@journal-id-type='nlm-ta']")
    return Paper(
        pmcid=pmcid,
        pmid=ids.get("pmid"),
        doi=ids.get("doi"),
        papertitle=papertitle or None,
        reftext=_reftext(meta, journal, nlm_ta, dates, year),
        year=year,
        journal_title=_text_at(journal, "journal-title-group/journal-title")
        or _text_at(journal, "journal-title"),
        journal_nlm_ta=nlm_ta,
        publisher_name=_text_at(journal, "publisher/publisher-name"),
    )


def _text_at(parent: ET.Element | None, path: str) -> str | None:
    """The flattened text of ``parent.find(path)``, or None when absent or empty."""
    element = parent.find(path) if parent is not None else None
    return (_flatten(element) or None) if element is not None else None


def _pub_dates(meta: ET.Element) -> dict[str, tuple[int, str]]:
    """Publication dates by kind: (year, citation form such as ``2013 Dec 5``)."""
    dates: dict[str, tuple[int, str]] = {}
    for element in meta.findall("pub-date"):
        kind = element.get("pub-type") or element.get("date-type") or ""
        form = element.get("publication-format")
        if kind == "pub" and form in ("electronic", "print"):
            kind = "epub" if form == "electronic" else "ppub"
        year_text = _text_at(element, "year") or ""
        if not year_text.isdigit() or kind in dates:
            continue
        words = [year_text]
        season, month = _text_at(element, "season"), _text_at(element, "month") or ""
        day = _text_at(element, "day") or ""
        if season:
            words.append(season)
        elif month.isdigit() and 1 <= int(month) <= 12:
            words.append(_MONTHS[int(month) - 1])
            if day.isdigit():
                words.append(str(int(day)))
        dates[kind] = (int(year_text), " ".join(words))
    return dates


def _reftext(
    meta: ET.Element,
    journal: ET.Element | None,
    nlm_ta: str | None,
    dates: dict[str, tuple[int, str]],
    year: int | None,
) -> str | None:
    """A PMC-style citation: ``Chang Yang, et al. J Bone Miner Metab. 2013;31(5):496-506.``"""
    authors = [c for c in meta.iter("contrib") if c.get("contrib-type", "author") == "author"]
    first = _person(authors[0]) if authors else None
    source = (
        nlm_ta
        or _text_at(journal, "journal-id[@journal-id-type='iso-abbrev']")
        or _text_at(journal, "journal-title-group/journal-title")
    )
    if first is None and source is None:
        return None
    when = next((dates[k][1] for k in _CITATION_DATE_PREFERENCE if k in dates), None)
    if when is None and year is not None:
        when = str(year)
    volume, issue = _text_at(meta, "volume"), _text_at(meta, "issue")
    fpage, lpage = _text_at(meta, "fpage"), _text_at(meta, "lpage")
    pages = f"{fpage}-{lpage}" if fpage and lpage else fpage or _text_at(meta, "elocation-id")
    location = (volume or "") + (f"({issue})" if issue else "") + (f":{pages}" if pages else "")
    parts = []
    if first:
        parts.append(first + (", et al" if len(authors) > 1 else "") + ".")
    if source:
        parts.append(source.rstrip(".") + ".")
    citation = ";".join(x for x in (when, location) if x)
    if citation:
        parts.append(citation + ".")
    return " ".join(parts)


def _person(contrib: ET.Element) -> str | None:
    name = contrib.find("name")
    if name is None:
        name = contrib.find("string-name")
    if name is not None:
        given, surname = name.find("given-names"), name.find("surname")
        words = [_flatten(e) for e in (given, surname) if e is not None]
        text = " ".join(w for w in words if w) or _flatten(name)
        return text or None
    collab = contrib.find("collab")
    return (_flatten(collab) or None) if collab is not None else None


# -- text ---------------------------------------------------------------------------------


def _strip_namespaces(root: ET.Element) -> None:
    """Drop element namespaces (``{ns}fig`` -> ``fig``); attributes keep theirs."""
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.startswith("{"):
            element.tag = element.tag.split("}", 1)[1]


def _flatten(element: ET.Element) -> str:
    """All text under ``element``, inline markup joined, blocks spaced, whitespace collapsed.

    Iterative rather than recursive: hostile XML can nest deeper than Python's stack.
    """
    parts: list[str] = []
    stack: list[tuple[ET.Element, bool]] = [(element, False)]
    while stack:
        node, closing = stack.pop()
        block = node.tag in _BLOCKS
        if closing:
            if block:
                parts.append(" ")
            if node is not element and node.tail:
                parts.append(node.tail)
            continue
        if node.tag in _SKIPPED:
            if node is not element and node.tail:
                parts.append(node.tail)
            continue
        if block:
            parts.append(" ")
        if node.text:
            parts.append(node.text)
        stack.append((node, True))
        stack.extend((child, False) for child in reversed(node))
    return " ".join("".join(parts).split())
