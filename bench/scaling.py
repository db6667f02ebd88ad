"""Parallel scaling of ``pfocr run``: one worker, two workers, a Dask LocalCluster of two.

Each configuration processes the same figures into a fresh store (``pfocr run`` as a
subprocess, so start-up, model and lexicon loading and the store are counted as a user
pays them); the report gives wall seconds, CPU seconds (user + system of the run and
every process it started), figures per minute, and the parallel efficiency of each
configuration against one worker: (figures per minute / workers) / (figures per minute
of one worker). Run it on an otherwise idle machine.

    python bench/scaling.py [--images DIR] [--limit 40] [--out FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PFOCR = [sys.executable, "-m", "pfocr"]

CONFIGS: dict[str, tuple[list[str], int]] = {
    "-j 1": (["-j", "1"], 1),
    "-j 2": (["-j", "2"], 2),
    "--dask local (2 workers)": (["--dask", "local"], 2),
}


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def pick(images: Path, limit: int, into: Path) -> int:
    """Copy the first ``limit`` figures (with their sidecars) into a folder of their own."""
    into.mkdir(parents=True, exist_ok=True)
    chosen = sorted(p for p in images.iterdir() if p.suffix.lower() in (".jpg", ".png"))[:limit]
    for p in chosen:
        shutil.copy(p, into / p.name)
        sidecar = p.with_suffix(".json")
        if sidecar.exists():
            shutil.copy(sidecar, into / sidecar.name)
    return len(chosen)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--images", type=Path, default=ROOT.parent / "shared/eval/pmc/images")
    parser.add_argument("--limit", type=int, default=40)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    if not args.images.is_dir():
        print(f"skipped: no figures at {args.images}", file=sys.stderr)
        return
    work = Path(tempfile.mkdtemp(prefix="pfocr-scaling-"))
    n = pick(args.images, args.limit, work / "figures")
    subprocess.run([*PFOCR, "lexicon"], check=True, capture_output=True)
    report: dict[str, Any] = {"figures": n, "cores": os.cpu_count(), "runs": {}}
    genes: dict[str, str] = {}
    for name, (flags, workers) in CONFIGS.items():
        db = work / f"run{len(genes)}.sqlite"
        cpu0, wall0 = children_cpu(), time.perf_counter()
        proc = subprocess.run(
            [*PFOCR, "run", str(work / "figures"), "--db", str(db), *flags],
            capture_output=True,
            text=True,
        )
        wall, cpu = time.perf_counter() - wall0, children_cpu() - cpu0
        if proc.returncode != 0:
            print(f"{name} failed: {proc.stderr.strip()[-500:]}", file=sys.stderr)
            continue
        out = subprocess.run(
            [*PFOCR, "export", "gmt", "--db", str(db), "--min-genes", "1", "-o", "-"],
            capture_output=True,
            text=True,
            check=True,
        )
        genes[name] = "\n".join(sorted(out.stdout.splitlines()))
        report["runs"][name] = {
            "workers": workers,
            "wall_s": round(wall, 1),
            "cpu_s": round(cpu, 1),
            "cpu_s_per_figure": round(cpu / n, 2),
            "figures_per_min": round(60 * n / wall, 1),
        }
        print(name, report["runs"][name], file=sys.stderr)
    one = report["runs"].get("-j 1")
    if one:
        for row in report["runs"].values():
            per_worker = row["figures_per_min"] / row["workers"]
            row["efficiency"] = round(per_worker / one["figures_per_min"], 2)
    report["same_gene_sets"] = len(set(genes.values())) <= 1
    text = json.dumps(report, indent=2)
    print(text)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text)


if __name__ == "__main__":
    main()
