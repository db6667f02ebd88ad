"""Shared builders for the ingest tests: a JATS article folder, images, tar packages."""

from __future__ import annotations

import io
import shutil
import tarfile
from pathlib import Path

import pytest
from PIL import Image

from pfocr.settings import Settings

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
JATS_FIXTURE = FIXTURES / "jats" / "PMC9000001.nxml"


def image_bytes(fmt: str = "PNG", size: tuple[int, int] = (48, 32)) -> bytes:
    """A small valid image."""
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 220, 240)).save(buffer, fmt)
    return buffer.getvalue()


def add_member(
    tar: tarfile.TarFile,
    name: str,
    data: bytes = b"",
    kind: bytes = tarfile.REGTYPE,
    linkname: str = "",
) -> None:
    """Add a member of any type to an open tar file."""
    info = tarfile.TarInfo(name)
    info.type = kind
    info.linkname = linkname
    info.mode = 0o644
    if kind == tarfile.REGTYPE:
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    else:
        tar.addfile(info)


class Builders:
    """Helpers handed to tests through the ``build`` fixture."""

    jats_fixture = JATS_FIXTURE
    image_bytes = staticmethod(image_bytes)
    add_member = staticmethod(add_member)

    @staticmethod
    def article_folder(folder: Path, nxml_name: str = "ijms-22-01201.nxml") -> Path:
        """The JATS fixture with its figures' images (and distractors) in ``folder``."""
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(JATS_FIXTURE, folder / nxml_name)
        (folder / "ijms-22-01201-g001.jpg").write_bytes(image_bytes("JPEG"))
        (folder / "ijms-22-01201-g001.gif").write_bytes(image_bytes("GIF"))  # thumbnail
        (folder / "ijms-22-01201-g002.jpg").write_bytes(image_bytes("JPEG"))
        (folder / "ijms-22-01201-t001.jpg").write_bytes(image_bytes("JPEG"))  # a table
        (folder / "ijms-22-01201-i001.gif").write_bytes(image_bytes("GIF"))  # inline
        (folder / "ijms-22-01201.pdf").write_bytes(b"%PDF-1.4\n")
        return folder / nxml_name

    @staticmethod
    def package(path: Path, members: list[tuple[str, bytes]], prefix: str = "") -> Path:
        """A ``.tar.gz`` of regular files."""
        path.parent.mkdir(parents=True, exist_ok=True)
        with tarfile.open(path, "w:gz") as tar:
            for name, data in members:
                add_member(tar, prefix + name, data)
        return path

    @staticmethod
    def article_package(path: Path, top: str = "PMC9000001/") -> Path:
        """A PMC-style package of the JATS fixture and its images."""
        members = [
            ("ijms-22-01201.nxml", JATS_FIXTURE.read_bytes()),
            ("ijms-22-01201-g001.jpg", image_bytes("JPEG")),
            ("ijms-22-01201-g002.jpg", image_bytes("JPEG")),
            ("ijms-22-01201.pdf", b"%PDF-1.4\n"),
        ]
        return Builders.package(path, members, prefix=top)


@pytest.fixture
def build() -> Builders:
    """Builders (a fixture, so test modules need no import path tricks)."""
    return Builders()


@pytest.fixture
def settings() -> Settings:
    """Default limits, independent of the caller's ``PFOCR_*`` environment."""
    return Settings.model_validate(
        {"max_archive_member_bytes": 256 * 2**20, "max_archive_bytes": 2 * 2**30}
    )
