"""Safe extraction of PMC Open Access packages (``.tar.gz`` / ``.tgz``).

Members are checked one by one and written by this module, never by
``TarFile.extract``: absolute names, ``..`` components, links, devices and FIFOs are
refused, sizes are capped per member and per package, and only ``.nxml`` files and images
are written. Each refusal is reported; the rest of the package is still used.
See https://docs.python.org/3/library/tarfile.html#tarfile-extraction-filter for the
attacks this guards against (CVE-2007-4559).
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import tarfile
import tempfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from pfocr.errors import InputError
from pfocr.images import IMAGE_EXTENSIONS
from pfocr.ingest.models import IngestFailure
from pfocr.settings import Settings

__all__ = ["ARCHIVE_SUFFIXES", "Extraction", "archive_stem", "extract_package", "is_archive"]

logger = logging.getLogger(__name__)

ARCHIVE_SUFFIXES: tuple[str, ...] = (".tar.gz", ".tgz")
_WANTED = (".nxml", *IMAGE_EXTENSIONS)
_MARKER = ".pfocr-extracted.json"
_MARKER_VERSION = 1
_CHUNK = 2**20
_DRIVE = re.compile(r"^[A-Za-z]:")


@dataclass(frozen=True)
class Extraction:
    """An extracted package.

    :param directory: where its members were written
    :param refusals: members that were refused, one failure each
    """

    directory: Path
    refusals: tuple[IngestFailure, ...]


def is_archive(path: Path) -> bool:
    """Tell whether a file name is a PMC package.

    :param path: a file path
    :returns: True for ``.tar.gz`` and ``.tgz`` names
    """
    return path.name.lower().endswith(ARCHIVE_SUFFIXES)


def archive_stem(path: Path) -> str:
    """Return the package name without its archive suffix (``PMC123.tar.gz`` -> ``PMC123``).

    :param path: the archive path
    :returns: the stem (``"package"`` if nothing is left)
    """
    name = path.name
    for suffix in ARCHIVE_SUFFIXES:
        if name.lower().endswith(suffix):
            name = name[: -len(suffix)]
            break
    return name.strip(". ") or "package"


def extract_package(
    archive: Path, destination: Path, settings: Settings, source: str
) -> Extraction:
    """Extract a package's ``.nxml`` and image members into ``destination``.

    The members go to a temporary folder beside ``destination`` that replaces it when
    done, so a crash never leaves a half-extracted package in place. If ``destination``
    already holds an extraction of the same archive (same path, size and modification
    time), it is reused as is.

    :param archive: the ``.tar.gz`` file
    :param destination: the folder to extract into (created or replaced)
    :param settings: ``max_archive_member_bytes`` and ``max_archive_bytes``
    :param source: how the archive is named in failures (``<source>:<member>``)
    :returns: the folder and the refused members
    :raises InputError: the archive cannot be read (corrupt, truncated, not gzip/tar)
    """
    stat = archive.stat()
    stamp = {
        "version": _MARKER_VERSION,
        "archive": str(archive.resolve()),
        "size": stat.st_size,
        "mtime_ns": stat.st_mtime_ns,
        "limits": [settings.max_archive_member_bytes, settings.max_archive_bytes],
    }
    reused = _reuse(destination, stamp, source)
    if reused is not None:
        logger.debug("%s: reusing extraction in %s", archive, destination)
        return reused
    destination.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{destination.name}.", dir=destination.parent))
    try:
        refusals = _extract_members(archive, staging, settings, source)
        marker = {**stamp, "refusals": [[f.source, f.error] for f in refusals]}
        (staging / _MARKER).write_text(json.dumps(marker), encoding="utf-8")
        _replace(staging, destination)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return Extraction(directory=destination, refusals=tuple(refusals))


def _reuse(destination: Path, stamp: dict[str, object], source: str) -> Extraction | None:
    try:
        marker = json.loads((destination / _MARKER).read_text(encoding="utf-8"))
        refusals = marker.pop("refusals")
        if marker != stamp or destination.is_symlink():
            return None
        failures = tuple(IngestFailure(source=str(s), error=str(e)) for s, e in refusals)
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None
    if not all(f.source.startswith(f"{source}:") or f.source == source for f in failures):
        return None  # the same archive reached under another name: redo the messages
    return Extraction(directory=destination, refusals=failures)


def _replace(staging: Path, destination: Path) -> None:
    if destination.is_symlink() or destination.exists():
        # Only ever delete what this module made: a workdir may be shared with other files.
        if destination.is_symlink() or not (destination / _MARKER).is_file():
            raise InputError(
                f"{destination} already exists and is not a pfocr extraction; "
                "move it away or choose another work folder"
            )
        shutil.rmtree(destination)
    staging.rename(destination)


def _extract_members(
    archive: Path, staging: Path, settings: Settings, source: str
) -> list[IngestFailure]:
    refusals: list[IngestFailure] = []
    total = 0
    try:
        with tarfile.open(archive, mode="r:gz") as tar:
            for member in tar:
                problem, parts = _check_member(member, settings)
                if problem is None and parts is not None:
                    if total + member.size > settings.max_archive_bytes:
                        refusals.append(
                            _refusal(
                                source,
                                member,
                                f"takes the package over {settings.max_archive_bytes} bytes; "
                                "extraction stopped there",
                            )
                        )
                        break
                    problem = _write_member(tar, member, staging, parts)
                    total += member.size
                if problem is not None:
                    refusals.append(_refusal(source, member, problem))
    except (tarfile.TarError, EOFError, zlib.error) as exc:
        raise InputError(f"{source}: corrupt or truncated package ({exc})") from None
    except OSError as exc:
        raise InputError(f"{source}: cannot extract package ({exc})") from None
    for failure in refusals:
        logger.warning("%s", failure.error)
    return refusals


def _refusal(source: str, member: tarfile.TarInfo, problem: str) -> IngestFailure:
    return IngestFailure(
        source=f"{source}:{member.name}", error=f"{source}: member {member.name!r} {problem}"
    )


def _check_member(
    member: tarfile.TarInfo, settings: Settings
) -> tuple[str | None, tuple[str, ...] | None]:
    """Return (why the member is refused, or None; its path parts, or None to skip it)."""
    name = member.name
    if "\x00" in name or "\\" in name:
        return "has a backslash or NUL in its name; refused", None
    if name.startswith("/") or _DRIVE.match(name):
        return "has an absolute path; refused", None
    parts = tuple(p for p in PurePosixPath(name).parts if p not in ("", "."))
    if ".." in parts:
        return "has a '..' component; refused", None
    if member.issym() or member.islnk():
        kind = "symbolic" if member.issym() else "hard"
        return f"is a {kind} link to {member.linkname!r}; refused", None
    if member.isdir():
        return None, None
    if member.ischr() or member.isblk() or member.isfifo():
        return "is a device or FIFO; refused", None
    if not member.isreg():
        return f"is not a regular file (type {member.type!r}); refused", None
    if not parts or not parts[-1].lower().endswith(_WANTED) or parts[-1].startswith("."):
        logger.debug("skipping member %r", name)
        return None, None
    if member.size > settings.max_archive_member_bytes:
        return (
            f"is {member.size} bytes, over the limit of "
            f"{settings.max_archive_member_bytes}; refused",
            None,
        )
    return None, parts


def _write_member(
    tar: tarfile.TarFile, member: tarfile.TarInfo, staging: Path, parts: tuple[str, ...]
) -> str | None:
    """Copy one member; return why it could not be written, or None."""
    target = staging.joinpath(*parts)
    # Belt and braces: the name checks already rule out escaping the folder.
    if not target.resolve().is_relative_to(staging.resolve()):
        return "would be written outside the package folder; refused"
    stream = tar.extractfile(member)
    if stream is None:
        return "has no data; refused"
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(target, flags, 0o644)
    except OSError as exc:
        # e.g. a file "a" followed by a member "a/b.jpg"
        return f"cannot be written ({exc.strerror or exc}); refused"
    with stream, os.fdopen(descriptor, "wb") as out:
        while chunk := stream.read(_CHUNK):
            out.write(chunk)
    return None
