"""Find the figures in the inputs of a run: images, folders, JATS files and PMC packages."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from pfocr.errors import InputError
from pfocr.images import IMAGE_EXTENSIONS
from pfocr.ingest.archive import archive_stem, extract_package, is_archive
from pfocr.ingest.jats import jats_figures
from pfocr.ingest.models import FigureInput, IngestFailure
from pfocr.ingest.sidecar import figure_from_image
from pfocr.settings import Settings

__all__ = ["discover"]

logger = logging.getLogger(__name__)

Found = FigureInput | IngestFailure
SourceOf = Callable[[Path], str]


def discover(
    paths: Sequence[Path], workdir: Path, settings: Settings | None = None
) -> Iterator[FigureInput | IngestFailure]:
    """Find every figure in ``paths``, in a deterministic order.

    Each path may be an image (with an optional ``<stem>.json`` sidecar beside it), a
    JATS ``.nxml`` file (figures' images beside it), a PMC package (``.tar.gz``/``.tgz``,
    extracted safely into ``workdir/<package name>/``) or a folder, walked recursively in
    sorted order. In a folder that holds an ``.nxml``, only the images its figures name
    are used; elsewhere every image is a figure. Hidden files and folders (``.*``) and
    other file types are skipped. A broken input yields an :class:`IngestFailure` and
    the rest goes on. A figid met twice yields a failure for the second one.

    :param paths: files and folders to read
    :param workdir: where packages are extracted (created if needed)
    :param settings: size limits; defaults to :class:`~pfocr.settings.Settings`
    :returns: an iterator of figures to process and failures to record
    :raises InputError: a path does not exist (checked before anything is yielded)
    """
    paths = [Path(p) for p in paths]
    for path in paths:
        if not path.exists():
            raise InputError(f"{path}: no such file or directory")
    settings = settings or Settings.model_validate({})
    return _Discovery(workdir, settings).run(paths)


class _Discovery:
    """State of one :func:`discover` call: figids seen and package folders in use."""

    def __init__(self, workdir: Path, settings: Settings) -> None:
        self.workdir = workdir
        self.settings = settings
        self.figids: dict[str, str] = {}
        self.packages: dict[Path, str] = {}

    def run(self, paths: list[Path]) -> Iterator[Found]:
        for path in paths:
            if path.is_dir():
                items = self._folder(path, str)
            else:
                items = self._file(path, str, explicit=True)
            for item in items:
                yield from self._dedup(item)

    def _dedup(self, item: Found) -> Iterator[Found]:
        if isinstance(item, IngestFailure):
            yield item
            return
        figure = item.figure
        source = figure.source or str(item.image_path)
        first = self.figids.get(figure.figid)
        if first is None:
            self.figids[figure.figid] = source
            yield item
        elif first != source:
            yield IngestFailure(
                source=source,
                error=f"{source}: duplicate figid {figure.figid!r} (already from {first})",
                figid=figure.figid,
            )
        else:
            logger.debug("%s: given twice; read once", source)

    # -- folders and files ----------------------------------------------------------------

    def _folder(self, folder: Path, source_of: SourceOf) -> Iterator[Found]:
        errors: list[OSError] = []
        workdir = self.workdir.resolve()
        for dirpath, dirnames, filenames in os.walk(folder, onerror=errors.append):
            directory = Path(dirpath)
            dirnames[:] = sorted(
                d
                for d in dirnames
                if not d.startswith(".") and (directory / d).resolve() != workdir
            )
            names = sorted(f for f in filenames if not f.startswith("."))
            yield from self._directory(directory, names, source_of)
            for error in errors:
                where = Path(error.filename) if error.filename else directory
                yield IngestFailure(
                    source=source_of(where),
                    error=f"{where}: cannot read folder ({error.strerror or error})",
                )
            errors.clear()

    def _directory(self, directory: Path, names: list[str], source_of: SourceOf) -> Iterator[Found]:
        is_article = any(n.lower().endswith(".nxml") for n in names)
        skipped = 0
        for name in names:
            path = directory / name
            if is_article and name.lower().endswith(IMAGE_EXTENSIONS):
                skipped += 1  # taken through the .nxml, or not a figure of it
                continue
            if not path.is_file():
                continue
            yield from self._file(path, source_of, explicit=False)
        if skipped:
            logger.debug("%s: article folder; %d image files left to its .nxml", directory, skipped)

    def _file(self, path: Path, source_of: SourceOf, *, explicit: bool) -> Iterator[Found]:
        suffix = path.suffix.lower()
        if suffix in IMAGE_EXTENSIONS:
            yield self._image(path, source_of)
        elif suffix == ".nxml":
            yield from jats_figures(path, source_of)
        elif is_archive(path):
            yield from self._package(path, source_of(path))
        elif suffix == ".json" and any(path.with_suffix(ext).exists() for ext in IMAGE_EXTENSIONS):
            logger.debug("%s: sidecar, read with its image", path)
        elif explicit:
            yield IngestFailure(
                source=source_of(path),
                error=f"{path}: not an image, .nxml or PMC package "
                f"(supported: {', '.join(IMAGE_EXTENSIONS)}, .nxml, .tar.gz, .tgz)",
            )
        else:
            logger.debug("%s: not an input type; skipped", path)

    def _image(self, path: Path, source_of: SourceOf) -> Found:
        sidecar = path.with_suffix(".json")
        source = source_of(path)
        try:
            return figure_from_image(path, source, sidecar if sidecar.is_file() else None)
        except InputError as exc:
            return IngestFailure(source=source, error=str(exc))

    def _package(self, archive: Path, source: str) -> Iterator[Found]:
        destination = self._package_folder(archive)
        try:
            extraction = extract_package(archive, destination, self.settings, source)
        except InputError as exc:
            yield IngestFailure(source=source, error=str(exc))
            return
        except OSError as exc:
            yield IngestFailure(source=source, error=f"{source}: cannot extract ({exc})")
            return
        yield from extraction.refusals
        folder = extraction.directory

        def member_source(path: Path) -> str:
            return f"{source}:{path.relative_to(folder).as_posix()}"

        yield from self._folder(folder, member_source)

    def _package_folder(self, archive: Path) -> Path:
        """``workdir/<stem>``; a second, different package of the same name gets a suffix."""
        key = archive.resolve()
        stem = archive_stem(archive)
        taken = set(self.packages.values())
        name, counter = stem, 1
        while self.packages.get(key) is None and name in taken:
            counter += 1
            name = f"{stem}-{counter}"
        self.packages.setdefault(key, name)
        return self.workdir / self.packages[key]
