"""Figure images from the PMC Cloud Service: where they are, which to take, and checks.

The Cloud Service (``pmc-oa-opendata`` on AWS, plain HTTPS, no credentials) keeps each
Open Access article version in a folder ``PMC<id>.<version>/`` holding its XML, PDF and
media files at full resolution. A ``<graphic xlink:href>`` usually names its file
without an extension, so the extensions PMC uses are tried in turn; a figure with
several renditions (``<alternatives>``) is fetched in each, and the one with the most
pixels is kept. Every body goes through the image stage's checks before it is written:
an HTML error page served as ``image/jpeg`` is a failure, never a figure.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from pfocr.harvest.http import FetchError, HttpClient, RateLimiter
from pfocr.images import IMAGE_EXTENSIONS, ImageError, load_image_bytes
from pfocr.settings import Settings

__all__ = [
    "DEFAULT_MEDIA_URL",
    "FetchedImage",
    "MediaSource",
    "caption_matches",
    "clean_partials",
    "safe_name",
    "write_atomic",
]

#: The PMC Cloud Service's article folders (https://pmc.ncbi.nlm.nih.gov/tools/pmcaws/).
DEFAULT_MEDIA_URL = "https://pmc-oa-opendata.s3.amazonaws.com/{pmcid}.{version}/{href}"
#: Extensions tried for an href without one, in PMC's order of preference.
_EXTENSIONS = (".jpg", ".png", ".tif", ".gif")
_PLACEHOLDERS = frozenset({"pmcid", "href", "version", "id"})


def caption_matches(pattern: re.Pattern[str], *texts: str | None) -> bool:
    """Whether a figure's title or caption matches the harvest's caption pattern."""
    return any(pattern.search(t) for t in texts if t)


def safe_name(href: str) -> str:
    """The last component of an href, safe as a file name (no folders, no dot files)."""
    name = PurePosixPath(href.replace("\\", "/")).name
    name = re.sub(r"[^A-Za-z0-9._-]", "_", name).lstrip(".")
    return name or "figure"


def write_atomic(path: Path, data: bytes) -> None:
    """Write a file so that it is either absent or whole, even if the process is killed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.part")
    temporary.write_bytes(data)
    os.replace(temporary, path)


def clean_partials(folder: Path) -> int:
    """Remove the half-written files that a killed harvest left in its article folders.

    :param folder: the harvest folder
    :returns: how many were removed (a file of a process still running is kept)
    """
    removed = 0
    for part in folder.glob("*/.*.part"):
        pid = part.name.rsplit(".", 2)[-2]
        if pid.isdigit() and _alive(int(pid)):
            continue
        part.unlink(missing_ok=True)
        removed += 1
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@dataclass(frozen=True)
class FetchedImage:
    """A downloaded, validated figure image."""

    url: str
    name: str
    data: bytes
    width: int
    height: int
    sha256: str


class MediaSource:
    """Where figure images come from, and how they are fetched and checked.

    :param http: the HTTP client
    :param template: a URL with ``{pmcid}`` (``PMC1234567``), ``{href}``, and optionally
        ``{version}`` (the article version, 1 when the XML gives none) and ``{id}``
        (the digits of the PMC id)
    :param settings: image limits (largest file, largest pixel count)
    :param per_second: the rate limit for the media host
    :raises ValueError: for a template with an unknown placeholder or without ``{href}``
    """

    def __init__(
        self,
        http: HttpClient,
        template: str = DEFAULT_MEDIA_URL,
        settings: Settings | None = None,
        per_second: float = 20.0,
    ) -> None:
        names = set(re.findall(r"{(\w*)}", template))
        if "href" not in names or not names <= _PLACEHOLDERS:
            unknown = ", ".join(sorted(names - _PLACEHOLDERS)) or "no {href}"
            raise ValueError(f"--media-url template: {unknown} (it takes {{pmcid}}, {{href}}, "
                             "{version}, {id})")  # fmt: skip
        self.http = http
        self.template = template
        self.settings = settings or Settings()
        self.limiter = RateLimiter(per_second)

    def url(self, pmcid: str, href: str, version: int | None) -> str:
        """The URL of one file of an article."""
        return self.template.format(
            pmcid=pmcid, href=href, version=version or 1, id=pmcid.removeprefix("PMC")
        )

    def _candidates(self, href: str) -> list[str]:
        name = PurePosixPath(href).name
        if name.lower().endswith(IMAGE_EXTENSIONS):
            return [href]
        return [href + extension for extension in _EXTENSIONS]

    def fetch(self, pmcid: str, hrefs: tuple[str, ...], version: int | None) -> FetchedImage:
        """Fetch a figure's largest rendition.

        :param pmcid: the article
        :param hrefs: the figure's graphics
        :param version: the article version
        :returns: the image with the most pixels among the renditions that could be read
        :raises FetchError: when no rendition could be fetched and read (the first
            rendition's reason)
        """
        best: FetchedImage | None = None
        first_error: FetchError | None = None
        for href in hrefs:
            try:
                image = self._rendition(pmcid, href, version)
            except FetchError as exc:
                first_error = first_error or exc
                continue
            if best is None or image.width * image.height > best.width * best.height:
                best = image
        if best is None:
            raise first_error or FetchError(pmcid, "no graphic")
        return best

    def _rendition(self, pmcid: str, href: str, version: int | None) -> FetchedImage:
        error: FetchError | None = None
        for candidate in self._candidates(href):
            url = self.url(pmcid, candidate, version)
            try:
                answer = self.http.get(
                    url, limiter=self.limiter, max_bytes=self.settings.max_image_bytes
                )
            except FetchError as exc:
                if exc.status != 404:
                    raise
                error = error or exc
                continue  # the file may exist under another extension
            name = safe_name(candidate)
            try:
                image = load_image_bytes(answer.content, name, self.settings)
            except ImageError as exc:
                raise FetchError(url, f"not an image: {exc.problem}") from None
            return FetchedImage(url, name, answer.content, image.width, image.height, image.sha256)
        assert error is not None
        raise error
