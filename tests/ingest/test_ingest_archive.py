"""PMC packages: safe extraction, refusals, idempotent re-runs."""

from __future__ import annotations

import gzip
import os
import tarfile
import uuid
from pathlib import Path

import pytest

from pfocr.ingest import FigureInput, IngestFailure, discover
from pfocr.settings import Settings


def _split(items: list[FigureInput | IngestFailure]) -> tuple[list[FigureInput], list[str]]:
    figures = [i for i in items if isinstance(i, FigureInput)]
    errors = [i.error for i in items if isinstance(i, IngestFailure)]
    return figures, errors


def test_package_yields_its_figures(tmp_path: Path, build, settings: Settings) -> None:
    archive = build.article_package(tmp_path / "PMC9000001.tar.gz")
    workdir = tmp_path / "work"
    figures, errors = _split(list(discover([archive], workdir, settings)))
    assert errors == []
    assert [f.figure.figid for f in figures] == [
        "PMC9000001__ijms-22-01201-g001",
        "PMC9000001__ijms-22-01201-g002",
    ]
    first = figures[0]
    assert first.image_path == workdir / "PMC9000001" / "PMC9000001" / "ijms-22-01201-g001.jpg"
    assert first.image_path.read_bytes()[:3] == b"\xff\xd8\xff"
    assert first.figure.source == f"{archive}:PMC9000001/ijms-22-01201-g001.jpg"
    assert first.paper is not None and first.paper.journal_nlm_ta == "Int J Mol Sci"
    # Only .nxml and images are written.
    written = sorted(p.name for p in (workdir / "PMC9000001").rglob("*") if p.is_file())
    assert "ijms-22-01201.pdf" not in written


def test_rerun_is_idempotent(tmp_path: Path, build, settings: Settings) -> None:
    archive = build.article_package(tmp_path / "PMC9000001.tgz")
    workdir = tmp_path / "work"
    first = list(discover([archive], workdir, settings))
    marker_time = (workdir / "PMC9000001" / ".pfocr-extracted.json").stat().st_mtime_ns
    second = list(discover([archive], workdir, settings))
    assert first == second
    assert sorted(p.name for p in workdir.iterdir()) == ["PMC9000001"]  # no staging left
    # Reused, not re-extracted.
    assert (workdir / "PMC9000001" / ".pfocr-extracted.json").stat().st_mtime_ns == marker_time


def test_changed_package_is_extracted_again(tmp_path: Path, build, settings: Settings) -> None:
    archive = build.article_package(tmp_path / "PMC9000001.tar.gz")
    workdir = tmp_path / "work"
    list(discover([archive], workdir, settings))
    stale = workdir / "PMC9000001" / "PMC9000001" / "stale.jpg"
    stale.write_bytes(b"x")
    build.package(archive, [("new.nxml", build.jats_fixture.read_bytes())])
    os.utime(archive, ns=(1, 1))
    figures, errors = _split(list(discover([archive], workdir, settings)))
    assert not stale.exists()
    assert figures == [] and len(errors) == 2  # the new package lacks the images


def test_refusals_are_reported_and_nothing_escapes(
    tmp_path: Path, build, settings: Settings
) -> None:
    outside = tmp_path / f"evil-{uuid.uuid4().hex}.jpg"
    absolute = Path("/tmp") / f"pfocr-evil-{uuid.uuid4().hex}.jpg"
    archive = tmp_path / "PMC1.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        build.add_member(tar, "PMC1/ok.jpg", build.image_bytes("JPEG"))
        build.add_member(tar, f"../../{outside.name}", b"evil")
        build.add_member(tar, f"PMC1/../../../{outside.name}", b"evil")
        build.add_member(tar, str(absolute), b"evil")
        build.add_member(tar, "PMC1/link.jpg", kind=tarfile.SYMTYPE, linkname="/etc/passwd")
        build.add_member(tar, "PMC1/hard.jpg", kind=tarfile.LNKTYPE, linkname="PMC1/ok.jpg")
        build.add_member(tar, "PMC1/dev.jpg", kind=tarfile.CHRTYPE)
        build.add_member(tar, "PMC1/pipe.nxml", kind=tarfile.FIFOTYPE)
        build.add_member(tar, "PMC1\\..\\x.jpg", b"evil")
    workdir = tmp_path / "work"
    figures, errors = _split(list(discover([archive], workdir, settings)))
    assert [f.figure.figid for f in figures] == ["ok"]
    assert len(errors) == 8
    assert all(e.startswith(f"{archive}: member ") and "\n" not in e for e in errors)
    text = " ".join(errors)
    for expected in ("'..' component", "absolute path", "symbolic link", "hard link"):
        assert expected in text
    assert text.count("device or FIFO") == 2
    assert not outside.exists()
    assert not (workdir.parent / outside.name).exists()
    assert not absolute.exists()
    for path in workdir.rglob("*"):
        assert not path.is_symlink()
        assert path.resolve().is_relative_to(workdir.resolve())


def test_refusal_sources_name_the_member(tmp_path: Path, build, settings: Settings) -> None:
    archive = tmp_path / "p.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        build.add_member(tar, "../up.jpg", b"x")
    (failure,) = list(discover([archive], tmp_path / "work", settings))
    assert isinstance(failure, IngestFailure)
    assert failure.source == f"{archive}:../up.jpg"


def test_oversized_member_refused_others_kept(tmp_path: Path, build, settings: Settings) -> None:
    archive = build.package(
        tmp_path / "p.tar.gz",
        [("big.png", b"\0" * 5000), ("small.png", build.image_bytes())],
    )
    limits = settings.model_copy(update={"max_archive_member_bytes": 4000})
    figures, errors = _split(list(discover([archive], tmp_path / "work", limits)))
    assert [f.figure.figid for f in figures] == ["small"]
    assert len(errors) == 1 and "'big.png' is 5000 bytes, over the limit of 4000" in errors[0]
    assert not (tmp_path / "work" / "p" / "big.png").exists()


def test_package_total_limit_stops_extraction(tmp_path: Path, build, settings: Settings) -> None:
    members = [(f"f{i}.png", build.image_bytes()) for i in range(4)]
    archive = build.package(tmp_path / "p.tar.gz", members)
    size = len(members[0][1])
    limits = settings.model_copy(update={"max_archive_bytes": size * 2 + 1})
    figures, errors = _split(list(discover([archive], tmp_path / "work", limits)))
    assert [f.figure.figid for f in figures] == ["f0", "f1"]
    assert len(errors) == 1 and "'f2.png'" in errors[0] and "stopped" in errors[0]


def test_file_where_a_folder_is_needed(tmp_path: Path, build, settings: Settings) -> None:
    archive = build.package(
        tmp_path / "p.tar.gz", [("a.png", build.image_bytes()), ("a.png/b.png", b"x")]
    )
    figures, errors = _split(list(discover([archive], tmp_path / "work", settings)))
    assert [f.figure.figid for f in figures] == ["a"]
    assert len(errors) == 1 and "cannot be written" in errors[0]


@pytest.mark.parametrize("damage", ["truncated", "garbage", "html", "empty"])
def test_corrupt_packages_fail_and_discovery_goes_on(
    tmp_path: Path, build, settings: Settings, damage: str
) -> None:
    good = build.article_package(tmp_path / "good.tar.gz")
    data = good.read_bytes()
    bad = tmp_path / "bad.tar.gz"
    if damage == "truncated":
        bad.write_bytes(data[: len(data) // 2])
    elif damage == "garbage":
        bad.write_bytes(gzip.compress(b"this is not a tar file" * 100))
    elif damage == "html":
        bad.write_bytes(b"<html><body>403 Forbidden</body></html>")
    else:
        bad.write_bytes(b"")
    workdir = tmp_path / "work"
    items = list(discover([bad, good], workdir, settings))
    failure = items[0]
    assert isinstance(failure, IngestFailure)
    assert failure.source == str(bad)
    assert failure.error.startswith(f"{bad}: ") and "\n" not in failure.error
    assert [type(i) for i in items[1:]] == [FigureInput, FigureInput]
    assert not (workdir / "bad").exists()
    assert [p.name for p in workdir.iterdir()] == ["good"]  # no staging folder left


def test_same_package_name_in_two_folders(tmp_path: Path, build, settings: Settings) -> None:
    first = build.package(tmp_path / "a" / "pkg.tar.gz", [("one.png", build.image_bytes())])
    second = build.package(tmp_path / "b" / "pkg.tar.gz", [("two.png", build.image_bytes())])
    figures, errors = _split(list(discover([first, second], tmp_path / "work", settings)))
    assert errors == []
    assert [f.image_path.exists() for f in figures] == [True, True]
    assert figures[0].image_path.parent != figures[1].image_path.parent


def test_package_inside_a_folder(tmp_path: Path, build, settings: Settings) -> None:
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    build.article_package(inputs / "PMC9000001.tar.gz")
    (inputs / "loose.png").write_bytes(build.image_bytes())
    # The workdir lies inside the walked folder: it must not be walked as input.
    figures, errors = _split(list(discover([inputs], inputs / "work", settings)))
    assert errors == []
    assert [f.figure.figid for f in figures] == [  # sorted by file name
        "PMC9000001__ijms-22-01201-g001",
        "PMC9000001__ijms-22-01201-g002",
        "loose",
    ]
    figures2, _ = _split(list(discover([inputs], inputs / "work", settings)))
    assert [f.figure for f in figures2] == [f.figure for f in figures]


def test_foreign_folder_in_workdir_is_not_deleted(
    tmp_path: Path, build, settings: Settings
) -> None:
    archive = build.article_package(tmp_path / "PMC9000001.tar.gz")
    workdir = tmp_path / "work"
    precious = workdir / "PMC9000001" / "notes.txt"
    precious.parent.mkdir(parents=True)
    precious.write_text("mine")
    (failure,) = list(discover([archive], workdir, settings))
    assert isinstance(failure, IngestFailure)
    assert "not a pfocr extraction" in failure.error
    assert precious.read_text() == "mine"
    assert sorted(p.name for p in workdir.iterdir()) == ["PMC9000001"]
