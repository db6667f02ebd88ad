"""The cluster examples of deploy/: the Slurm job Dask-jobqueue would submit, and the
Kubernetes manifest's scheduler and workers."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import yaml

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"


def _slurm() -> ModuleType:
    spec = importlib.util.spec_from_file_location("pfocr_deploy_slurm", DEPLOY / "slurm.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_slurm_job_runs_one_single_threaded_worker_per_core() -> None:
    import dask_jobqueue as jobqueue  # a dev dependency: no skip

    options = _slurm().cluster_options(
        queue="normal",
        account="mylab",
        cores=8,
        memory="16GB",
        walltime="02:00:00",
        env={"PFOCR_DATA_DIR": "/shared/data", "PFOCR_CACHE_DIR": "/shared/cache"},
        python="/shared/pfocr/.venv/bin/python",
    )
    with jobqueue.SLURMCluster(scheduler_options={"host": "127.0.0.1"}, **options) as cluster:
        script = cluster.job_script()
        address = cluster.scheduler_address
    lines = script.splitlines()
    for directive in ("-p normal", "-A mylab", "--cpus-per-task=8", "-t 02:00:00"):
        assert f"#SBATCH {directive}" in lines, script
    assert "export PFOCR_CACHE_DIR=/shared/cache" in lines
    assert "export PFOCR_DATA_DIR=/shared/data" in lines
    [worker] = [ln for ln in lines if "dask_worker" in ln]
    assert worker.startswith("/shared/pfocr/.venv/bin/python -m distributed.cli.dask_worker")
    assert address in worker and "--nthreads 1" in worker and "--nworkers 8" in worker


def test_the_kubernetes_workers_reach_the_scheduler_service() -> None:
    docs = {
        (d["kind"], d["metadata"]["name"]): d
        for d in yaml.safe_load_all((DEPLOY / "kubernetes.yaml").read_text(encoding="utf-8"))
    }
    service = docs["Service", "pfocr-scheduler"]
    port = service["spec"]["ports"][0]["port"]
    scheduler = docs["Deployment", "pfocr-scheduler"]["spec"]["template"]
    assert service["spec"]["selector"] == scheduler["metadata"]["labels"]
    [sched] = scheduler["spec"]["containers"]
    assert sched["command"][:2] == ["dask", "scheduler"] and str(port) in sched["command"]
    workers = docs["Deployment", "pfocr-worker"]["spec"]["template"]["spec"]
    [worker] = workers["containers"]
    assert worker["image"] == sched["image"]
    command = worker["command"]
    assert command[:3] == ["dask", "worker", f"tcp://pfocr-scheduler:{port}"]
    assert command[command.index("--nthreads") + 1] == "1"
    env = {e["name"] for e in worker["env"]}
    assert {"PFOCR_DATA_DIR", "PFOCR_CACHE_DIR"} <= env
    mounts = {m["name"] for m in worker["volumeMounts"]}
    assert mounts == {v["name"] for v in workers["volumes"]}
