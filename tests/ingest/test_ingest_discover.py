"""Finding figures in files and folders: sidecars, ordering, failures, the eval set."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from pfocr.errors import InputError
from pfocr.ingest import Figure, FigureInput, IngestFailure, Paper, discover, read_sidecar
from pfocr.settings import Settings


def _write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


def _sidecar(path: Path, **fields: object) -> None:
    _write(path, json.dumps(fields))


def _run(
    paths: list[Path], tmp_path: Path, settings: Settings
) -> list[FigureInput | IngestFailure]:
    return list(discover(paths, tmp_path / "work", settings))


# -- paths --------------------------------------------------------------------------------


def test_missing_path_raises_before_anything(tmp_path: Path, build, settings: Settings) -> None:
    image = _write(tmp_path / "a.png", build.image_bytes())
    with pytest.raises(InputError, match=r"nope: no such file or directory$"):
        discover([image, tmp_path / "nope"], tmp_path / "work", settings)


def test_folder_walk_is_recursive_sorted_and_skips_the_rest(
    tmp_path: Path, build, settings: Settings
) -> None:
    root = tmp_path / "in"
    for name in ["b.png", "a.jpg", "sub/c.tif", "sub/deeper/d.webp", "A.gif", "z/e.jpeg"]:
        _write(root / name, build.image_bytes())
    _write(root / "notes.txt", "hello")
    _write(root / ".hidden.png", build.image_bytes())
    _write(root / "._a.jpg", b"AppleDouble junk")
    _write(root / ".git" / "x.png", build.image_bytes())
    _write(root / "orphan.json", "{}")
    items = _run([root], tmp_path, settings)
    assert all(isinstance(i, FigureInput) for i in items)
    assert [i.figure.figid for i in items if isinstance(i, FigureInput)] == [
        "A",
        "a",
        "b",
        "c",
        "d",
        "e",
    ]
    again = _run([root], tmp_path, settings)
    assert again == items


def test_plain_image_without_sidecar(tmp_path: Path, build, settings: Settings) -> None:
    image = _write(tmp_path / "fig 1.png", build.image_bytes())
    (item,) = _run([image], tmp_path, settings)
    assert item == FigureInput(
        figure=Figure(figid="fig 1", filename="fig 1.png", source=str(image)),
        paper=None,
        image_path=image,
    )


def test_sidecar_fields_and_paper(tmp_path: Path, build, settings: Settings) -> None:
    image = _write(tmp_path / "PMC123__gr4.jpg", build.image_bytes("JPEG"))
    _sidecar(
        tmp_path / "PMC123__gr4.json",
        figid="PMC123__gr4",
        pmcid="PMC123",
        filename="gr4.jpg",
        number="Figure 4",
        figtitle="A title",
        caption="A caption.",
        figlink="/pmc/articles/PMC123/figure/F4/",
        papertitle="A paper.",
        reftext="A B, et al. J X. 2019;1:2.",
        year="2019",
        pmid=31234567,
        doi="10.1/x",
        journal_title="Journal",
        journal_nlm_ta="J X",
        publisher_name="P",
        sha256="deadbeef",  # computed from the image, never taken from a sidecar
        organisms=["Homo sapiens"],  # unknown keys are ignored
    )
    (item,) = _run([image], tmp_path, settings)
    assert isinstance(item, FigureInput)
    assert item.figure == Figure(
        figid="PMC123__gr4",
        pmcid="PMC123",
        filename="gr4.jpg",
        number="Figure 4",
        figtitle="A title",
        caption="A caption.",
        figlink="/pmc/articles/PMC123/figure/F4/",
        source=str(image),
    )
    assert item.paper == Paper(
        pmcid="PMC123",
        pmid="31234567",
        doi="10.1/x",
        papertitle="A paper.",
        reftext="A B, et al. J X. 2019;1:2.",
        year=2019,
        journal_title="Journal",
        journal_nlm_ta="J X",
        publisher_name="P",
    )


@pytest.mark.parametrize(
    ("fields", "figid", "pmcid"),
    [
        ({"figid": "custom"}, "custom", None),
        ({"pmcid": "pmc77"}, "PMC77__img", "PMC77"),
        ({"pmcid": 77}, "PMC77__img", "PMC77"),
        ({"pmcid": "", "caption": ""}, "img", None),
        ({"figtitle": None, "year": ""}, "img", None),
    ],
)
def test_figid_rules(
    tmp_path: Path,
    build,
    settings: Settings,
    fields: dict[str, object],
    figid: str,
    pmcid: str | None,
) -> None:
    image = _write(tmp_path / "img.png", build.image_bytes())
    _sidecar(tmp_path / "img.json", **fields)
    (item,) = _run([image], tmp_path, settings)
    assert isinstance(item, FigureInput)
    assert item.figure.figid == figid
    assert item.figure.pmcid == pmcid
    assert (item.paper is not None) == (pmcid is not None)
    assert item.figure.caption is None


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not valid JSON (line 1 column 2"),
        ("[1, 2]", "must be a JSON object, not list"),
        ('{"caption": ["a", "b"]}', "field 'caption' must be a string, not list"),
        ('{"figid": 12}', "field 'figid' must be a string, not int"),
        ('{"year": "twenty nineteen"}', "field 'year' must be an integer"),
        ('{"year": 2019.5}', "field 'year' must be an integer"),
        ('{"year": true}', "field 'year' must be an integer"),
        ('{"pmcid": "doi:10.1/x"}', "'pmcid' 'doi:10.1/x' is not a PMC id"),
        (b"\xff\xfe{}", "not UTF-8"),
        ("[" * 100_000 + "]" * 100_000, "sidecar"),
    ],
)
def test_malformed_sidecar_is_a_failure_and_the_rest_goes_on(
    tmp_path: Path, build, settings: Settings, content: str | bytes, message: str
) -> None:
    _write(tmp_path / "a.png", build.image_bytes())
    sidecar = _write(tmp_path / "a.json", content)
    _write(tmp_path / "b.png", build.image_bytes())
    first, second = _run([tmp_path], tmp_path, settings)
    assert isinstance(first, IngestFailure)
    assert first.source == str(tmp_path / "a.png")
    assert first.error.startswith(f"{sidecar}: ")
    assert message in first.error
    assert "\n" not in first.error
    assert isinstance(second, FigureInput) and second.figure.figid == "b"


def test_read_sidecar_year_forms(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    for value, expected in [(2020, 2020), ("2020", 2020), (" 1999 ", 1999), ("", None)]:
        _sidecar(path, year=value)
        assert read_sidecar(path).get("year") == expected


def test_explicit_files(tmp_path: Path, build, settings: Settings) -> None:
    image = _write(tmp_path / "a.png", build.image_bytes())
    sidecar = _write(tmp_path / "a.json", "{}")
    other = _write(tmp_path / "notes.txt", "x")
    lone_json = _write(tmp_path / "lonely.json", "{}")
    # e.g. `pfocr run images/*`: the sidecar is passed too and is read with its image.
    items = _run([image, sidecar, other, lone_json], tmp_path, settings)
    assert isinstance(items[0], FigureInput)
    assert [i.source for i in items[1:] if isinstance(i, IngestFailure)] == [
        str(other),
        str(lone_json),
    ]
    assert isinstance(items[1], IngestFailure)
    assert "not an image, .nxml or PMC package" in items[1].error


def test_duplicates(tmp_path: Path, build, settings: Settings) -> None:
    a = _write(tmp_path / "x" / "fig.png", build.image_bytes())
    b = _write(tmp_path / "y" / "fig.jpg", build.image_bytes("JPEG"))
    items = _run([tmp_path / "x", a, b], tmp_path, settings)
    assert len(items) == 2  # the same file twice is read once
    assert isinstance(items[0], FigureInput)
    failure = items[1]
    assert isinstance(failure, IngestFailure)
    assert failure.figid == "fig" and "duplicate figid 'fig'" in failure.error
    assert failure.source == str(b)


def test_article_folder_uses_only_its_figures(tmp_path: Path, build, settings: Settings) -> None:
    nxml = build.article_folder(tmp_path / "art")
    _write(tmp_path / "art" / "sub" / "loose.png", build.image_bytes())
    items = _run([tmp_path / "art"], tmp_path, settings)
    assert [i.figure.figid for i in items if isinstance(i, FigureInput)] == [
        "PMC9000001__ijms-22-01201-g001",
        "PMC9000001__ijms-22-01201-g002",
        "loose",
    ]
    # A loose .nxml given directly reads the same figures.
    direct = _run([nxml], tmp_path, settings)
    assert [i.figure for i in direct if isinstance(i, FigureInput)] == [
        i.figure for i in items[:2] if isinstance(i, FigureInput)
    ]


def test_unreadable_subfolder_is_a_failure(
    tmp_path: Path, build, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    _write(tmp_path / "in" / "a.png", build.image_bytes())
    locked = tmp_path / "in" / "locked"
    locked.mkdir()
    real_walk = os.walk

    def walk(
        top: Path, onerror: Callable[[OSError], None] | None = None, **kwargs: Any
    ) -> Iterator[tuple[str, list[str], list[str]]]:
        # What os.walk reports for a folder it may not list (running as root, chmod 0
        # would not stop it).
        for step in real_walk(top, onerror=onerror, **kwargs):
            yield step
            if Path(step[0]) == tmp_path / "in" and onerror is not None:
                onerror(PermissionError(13, "Permission denied", str(locked)))

    monkeypatch.setattr("pfocr.ingest.finder.os.walk", walk)
    items = _run([tmp_path / "in"], tmp_path, settings)
    assert isinstance(items[0], FigureInput)
    failure = items[1]
    assert isinstance(failure, IngestFailure)
    assert failure.source == str(locked)
    assert failure.error == f"{locked}: cannot read folder (Permission denied)"


# -- the shared evaluation set ------------------------------------------------------------


def _shared_dir() -> Path:
    configured = os.environ.get("PFOCR_SHARED_DIR")
    if configured:
        return Path(configured)
    return Path(__file__).resolve().parents[2].parent / "shared"


def test_shared_pmc_eval_set_ingests_cleanly(tmp_path: Path, settings: Settings) -> None:
    images = _shared_dir() / "eval" / "pmc" / "images"
    if not images.is_dir():
        pytest.skip(f"{images} not present")
    items = list(discover([images], tmp_path / "work", settings))
    figures = [i for i in items if isinstance(i, FigureInput)]
    assert len(items) == len(figures) == 221
    assert len({f.figure.figid for f in figures}) == 221
    for item in figures:
        assert item.figure.figid == item.image_path.stem
        assert item.paper is not None and item.paper.pmcid == item.figure.pmcid
        assert item.figure.caption
        assert isinstance(item.paper.year, int)
