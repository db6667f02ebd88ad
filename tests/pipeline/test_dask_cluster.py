"""``pfocr run --dask`` on a real cluster: a ``dask scheduler`` and two ``dask worker``
processes on 127.0.0.1, one of them killed in the middle of a run."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from pfocr.pipeline.work import state_summary
from pfocr.store import Store

distributed: Any = pytest.importorskip("distributed")
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("examples")]

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
DASK = Path(sys.executable).parent / "dask"


@dataclass
class Cluster:
    """A scheduler, its workers (by name) and a client."""

    address: str
    scheduler: subprocess.Popen[bytes]
    workers: dict[str, subprocess.Popen[bytes]]
    client: Any


def _worker_args(address: str, name: str) -> list[str]:
    # one thread, no nanny (a killed worker stays dead), no memory limit, no dashboard
    return [str(DASK), "worker", address, "--name", name, "--nthreads", "1", "--no-nanny",
            "--no-dashboard", "--memory-limit", "0"]  # fmt: skip


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def cluster(tmp_path: Path) -> Iterator[Cluster]:
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    log = (tmp_path / "cluster.log").open("wb")
    scheduler = subprocess.Popen(
        [DASK, "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    workers = {
        name: subprocess.Popen(
            [*_worker_args(address, name), "--local-directory", str(tmp_path / name)],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        for name in ("w0", "w1")
    }
    client = None
    try:
        client = distributed.Client(address, timeout="60s")
        client.wait_for_workers(2, timeout=120)
        yield Cluster(address, scheduler, workers, client)
    finally:
        if client is not None:
            client.close()
        for proc in (*workers.values(), scheduler):
            proc.terminate()
        for proc in (*workers.values(), scheduler):
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
        log.close()


def _inputs(folder: Path, names: tuple[str, ...]) -> Path:
    folder.mkdir()
    for name in names:
        for src in EXAMPLES.glob(f"{name}.*"):
            shutil.copy(src, folder / src.name)
    return folder


def _pfocr_run(folder: Path, db: Path, address: str, lexicon: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "PFOCR_LEXICON": str(lexicon)}
    return subprocess.Popen(
        [sys.executable, "-m", "pfocr", "run", str(folder), "--db", str(db), "--dask", address],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def _gene_sets(db: Path) -> dict[str, tuple[str, ...]]:
    with Store(db, readonly=True) as store:
        return {g.figid: g.genes for g in store.gene_sets(1)}


def test_a_real_cluster_gives_the_local_gene_sets(
    cluster: Cluster, examples_db: Path, lexicon_file: Path, tmp_path: Path
) -> None:
    folder = _inputs(tmp_path / "in", ("tnf_nfkb", "apoptosis", "jak_stat"))
    db = tmp_path / "cluster.sqlite"
    run = _pfocr_run(folder, db, cluster.address, lexicon_file)
    output, _ = run.communicate(timeout=600)
    assert run.returncode == 0, output
    assert _gene_sets(db) == _gene_sets(examples_db)  # the local run's, figure by figure
    with Store(db, readonly=True) as store:
        chem = {m.concept for m in store.chemicals("example__apoptosis")}
    assert "MESH:D002118" in chem  # the chemical stage ran on the workers too
    # each worker loaded the lexicon, the vocabulary and the OCR engine once at most
    loads = cluster.client.run(state_summary)
    assert len(loads) == 2
    for counts in loads.values():
        assert all(counts[k] <= 1 for k in ("lexicon", "vocabulary", "engine")), loads
    assert sum(c["engine"] for c in loads.values()) >= 1


def test_a_worker_killed_mid_run_loses_no_figure(
    cluster: Cluster, examples_db: Path, lexicon_file: Path, tmp_path: Path
) -> None:
    names = ("tnf_nfkb", "apoptosis", "jak_stat", "mapk_erk", "wnt_catenin", "cgas_sting")
    folder = _inputs(tmp_path / "in", names)
    db = tmp_path / "killed.sqlite"
    run = _pfocr_run(folder, db, cluster.address, lexicon_file)
    # wait until a worker is busy with a figure, then kill that worker outright
    victim = None
    deadline = time.monotonic() + 120
    while victim is None and time.monotonic() < deadline and run.poll() is None:
        busy = {a: k for a, k in cluster.client.processing().items() if k}
        if busy:
            info = cluster.client.scheduler_info()["workers"]
            victim = info[next(iter(busy))]["name"]
        time.sleep(0.2)
    assert victim is not None, "no worker ever started a figure"
    cluster.workers[victim].send_signal(signal.SIGKILL)
    output, _ = run.communicate(timeout=600)
    assert run.returncode == 0, output
    got = _gene_sets(db)
    assert set(got) == {f"example__{n}" for n in names}, output  # every figure, once
    for figid, genes in _gene_sets(examples_db).items():
        assert got[figid] == genes
    with Store(db, readonly=True) as store:
        rows = store.conn.execute("SELECT stage, count(*) FROM stages GROUP BY stage")
        assert dict(rows.fetchall()) == dict.fromkeys(("ocr", "recognize", "chemdis"), len(names))
        assert store.conn.execute("SELECT count(*) FROM failures").fetchone()[0] == 0
    assert len(cluster.client.scheduler_info()["workers"]) == 1  # the other one did the rest
