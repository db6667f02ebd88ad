"""Run ``pfocr run`` on a Slurm cluster: dask-jobqueue submits Slurm jobs that each start
Dask workers (one single-threaded worker per core: OCR is CPU-bound), this script's
process is the Dask client and alone writes the store.

    pip install 'pfocr[cluster]'
    python deploy/slurm.py figures/ --db pfocr.sqlite --jobs 8 --cores 16 \\
        --queue normal --account mylab --memory 32GB --walltime 04:00:00

The workers need the same pfocr installation and the same paths (a shared file system):
the figures, ``PFOCR_DATA_DIR`` and the compiled lexicon and vocabulary. Run
``pfocr lexicon`` once before, on a node that sees the shared cache; the script passes
every ``PFOCR_*`` variable of its environment on to the jobs.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any


def cluster_options(
    *,
    queue: str,
    account: str | None,
    cores: int,
    memory: str,
    walltime: str,
    env: dict[str, str],
    python: str | None = None,
) -> dict[str, Any]:
    """The keyword arguments of ``dask_jobqueue.SLURMCluster`` for pfocr's workers.

    :param queue: the Slurm partition
    :param account: the Slurm account, if the site needs one
    :param cores: cores per job (one single-threaded worker process each)
    :param memory: memory per job (``32GB``)
    :param walltime: wall time per job (``04:00:00``)
    :param env: variables the workers need (every ``PFOCR_*``)
    :param python: the Python that runs the workers (default: this one)
    :returns: the options
    """
    return {
        "queue": queue,
        "account": account,
        "cores": cores,
        "processes": cores,  # one worker per core, each with one thread
        "memory": memory,
        "walltime": walltime,
        "python": python or os.environ.get("PFOCR_PYTHON") or "python3",
        "job_name": "pfocr-worker",
        "job_script_prologue": [f"export {k}={v}" for k, v in sorted(env.items())],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("inputs", nargs="+", type=Path)
    parser.add_argument("--db", type=Path, default=Path("pfocr.sqlite"))
    parser.add_argument("--jobs", type=int, default=4, help="Slurm jobs (of --cores workers)")
    parser.add_argument("--cores", type=int, default=16)
    parser.add_argument("--memory", default="32GB")
    parser.add_argument("--walltime", default="04:00:00")
    parser.add_argument("--queue", default="normal")
    parser.add_argument("--account")
    args = parser.parse_args()
    from dask_jobqueue import SLURMCluster

    from pfocr.pipeline import RunConfig, run_pipeline

    env = {k: v for k, v in os.environ.items() if k.startswith("PFOCR_")}
    options = cluster_options(
        queue=args.queue,
        account=args.account,
        cores=args.cores,
        memory=args.memory,
        walltime=args.walltime,
        env=env,
        python=os.environ.get("PFOCR_PYTHON") or __import__("sys").executable,
    )
    with SLURMCluster(**options) as cluster:
        cluster.scale(jobs=args.jobs)
        summary = run_pipeline(args.inputs, RunConfig(db=args.db, dask=cluster.scheduler_address))
    print(
        f"{summary.processed} processed, {summary.skipped} unchanged, {summary.failed} failed"
        f" in {summary.seconds:.0f} s"
    )


if __name__ == "__main__":
    main()
