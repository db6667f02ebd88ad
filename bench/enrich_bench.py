"""Enrichment and gene-search benchmark at 100,000 synthetic figure gene sets.

Runs ``shared/bench/make_sets.py`` (100,000 sets over 20,000 genes, 20 query lists;
skipped when its output is already in ``--workdir``), indexes the GMT, saves the index
as the database cache would, then measures:

* load: reading the cached index (median of ``--reps`` loads);
* memory: bytes held after loading (``tracemalloc``; numpy reports its buffers) and the
  arrays' own size;
* enrichment: every query list ``--reps`` times (top 50, BH over all sets), per-call
  latency median and p95, plus the spread of per-repetition medians (machine noise);
* gene AND-search: the in-memory :class:`~pfocr.search.SearchIndex` on gene pairs and
  triples (set ids, and figure ids);
* a plain numpy/scipy baseline (sparse product + ``scipy.stats.hypergeom.sf`` per set
  with an overlap + BH) on the same queries, and the largest relative p difference.

Targets (issue 4): median <= 5 ms, p95 <= 15 ms per query, index <= 50 MB, load <= 0.5 s,
gene AND-search <= 1 ms.

    python bench/enrich_bench.py [--workdir DIR] [--reps 5] [--out FILE]
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import statistics
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path
from typing import Any

import numpy as np

from pfocr.enrich import EnrichmentIndex, load_index, read_gmt, save_index
from pfocr.search import SearchIndex

REPO = Path(__file__).resolve().parents[1]
TARGETS = {"median_ms": 5.0, "p95_ms": 15.0, "memory_mb": 50.0, "load_s": 0.5, "and_ms": 1.0}
AND_QUERIES = [
    ("BIRC2", "MAP3K14"),
    ("TP53", "AKT1"),
    ("TNF", "NFKB1", "RELA"),
    ("TRAF2", "TRAF3", "BIRC3"),
    ("EGFR", "KRAS"),
    ("CHUK", "IKBKB", "IKBKG"),
]


def shared_dir() -> Path:
    return Path(os.environ.get("PFOCR_SHARED_DIR", REPO.parent / "shared"))


def make_sets(workdir: Path, script: Path) -> dict[str, Any]:
    """Write the synthetic sets (once) and return make_sets.py's summary."""
    summary = workdir / "make_sets.json"
    if (workdir / "sets100k.gmt").is_file() and summary.is_file():
        data: dict[str, Any] = json.loads(summary.read_text())
        return data
    workdir.mkdir(parents=True, exist_ok=True)
    print(f"generating sets with {script} ...", file=sys.stderr)
    out = subprocess.run(
        [sys.executable, str(script), str(workdir)], check=True, capture_output=True, text=True
    )
    summary.write_text(out.stdout)
    data = json.loads(out.stdout)
    return data


def pct(values: list[float], q: float) -> float:
    return float(np.percentile(np.asarray(values), q))


def bench_load(path: Path, reps: int) -> tuple[list[float], int, int]:
    """Load times, and the bytes a loaded index holds (tracemalloc, arrays)."""
    times = []
    for _ in range(reps):
        gc.collect()
        start = time.perf_counter()
        ix = load_index(path)
        times.append(time.perf_counter() - start)
        del ix
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    ix = load_index(path)
    held = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.stop()
    return times, held, ix.nbytes


def bench_enrich(ix: EnrichmentIndex, queries: list[list[str]], reps: int) -> dict[str, Any]:
    for q in queries[:3]:
        ix.enrich(q)  # warm-up (first calls grow small lookup tables)
    calls: list[float] = []
    rep_medians: list[float] = []
    for _ in range(reps):
        this_rep = []
        for q in queries:
            start = time.perf_counter()
            ix.enrich(q, top=50)
            this_rep.append(time.perf_counter() - start)
        calls.extend(this_rep)
        rep_medians.append(statistics.median(this_rep))
    ms = [c * 1e3 for c in calls]
    return {
        "calls": len(calls),
        "median_ms": statistics.median(ms),
        "p95_ms": pct(ms, 95),
        "min_ms": min(ms),
        "max_ms": max(ms),
        "rep_medians_ms": [round(m * 1e3, 3) for m in rep_medians],
    }


def bench_and(search: SearchIndex, reps: int) -> dict[str, Any]:
    rows = []
    for genes in AND_QUERIES:
        ids_times, fig_times = [], []
        for _ in range(max(reps, 5) * 20):
            start = time.perf_counter()
            n = search.count(genes)
            ids_times.append(time.perf_counter() - start)
            start = time.perf_counter()
            search.figure_ids(genes, limit=20)  # a page of figure ids, as the site shows
            fig_times.append(time.perf_counter() - start)
        rows.append(
            {
                "genes": list(genes),
                "figures": n,
                "postings": [int(search.index.postings(g).size) for g in genes],
                "ids_median_ms": statistics.median(ids_times) * 1e3,
                "figids_median_ms": statistics.median(fig_times) * 1e3,
            }
        )
    return {
        "queries": rows,
        "max_ids_median_ms": max(r["ids_median_ms"] for r in rows),
        "max_figids_median_ms": max(r["figids_median_ms"] for r in rows),
    }


def baseline(gmt: Path, ix: EnrichmentIndex, queries: list[list[str]]) -> dict[str, Any]:
    """A plain numpy/scipy enrichment: sparse product, scipy sf per (K, k), BH by sorting."""
    from scipy import sparse
    from scipy.stats import hypergeom

    sets = list(read_gmt(gmt))
    vocab = {g: i for i, g in enumerate(ix.symbol_list)}
    rows = np.repeat(np.arange(len(sets)), [len(s.genes) for s in sets])
    cols = np.fromiter((vocab[g] for s in sets for g in s.genes), dtype=np.int64)
    matrix = sparse.csr_matrix((np.ones(cols.size), (rows, cols)), shape=(len(sets), len(vocab)))
    sizes = np.asarray(matrix.sum(axis=1)).ravel()
    big_n = len(vocab)
    times, worst = [], 0.0
    for q in queries:
        start = time.perf_counter()
        x = np.zeros(big_n)
        x[[vocab[g] for g in q if g in vocab]] = 1.0
        n = int(x.sum())
        overlap = matrix @ x
        hit = np.flatnonzero(overlap)
        k = overlap[hit].astype(np.int64)
        keys, inverse = np.unique(sizes[hit].astype(np.int64) * (n + 1) + k, return_inverse=True)
        p = hypergeom.sf(keys % (n + 1) - 1, big_n, keys // (n + 1), n)[inverse]
        order = np.argsort(p)
        fdr = np.minimum.accumulate((p[order] * len(sets) / np.arange(1, hit.size + 1))[::-1])[::-1]
        top = hit[order[:50]]
        times.append(time.perf_counter() - start)
        ours = {r.figid: r.p for r in ix.enrich(q, top=50)}
        for s, value in zip(top.tolist(), p[order[:50]].tolist(), strict=True):
            if sets[s].figid in ours and value > 0:
                worst = max(worst, abs(ours[sets[s].figid] - value) / value)
        del fdr
    return {
        "median_ms": statistics.median(times) * 1e3,
        "p95_ms": pct([t * 1e3 for t in times], 95),
        "max_rel_p_diff_top50": worst,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workdir", type=Path, default=REPO / "bench-out" / "enrich")
    parser.add_argument("--reps", type=int, default=5, help="repetitions (>= 5)")
    parser.add_argument("--out", type=Path, default=None, help="JSON report (default: workdir)")
    parser.add_argument("--make-sets", type=Path, default=shared_dir() / "bench" / "make_sets.py")
    parser.add_argument("--no-baseline", action="store_true", help="skip the scipy baseline")
    args = parser.parse_args()
    reps = max(5, args.reps)
    load_before = os.getloadavg()
    summary = make_sets(args.workdir, args.make_sets)
    gmt = args.workdir / "sets100k.gmt"
    queries = json.loads((args.workdir / "queries.json").read_text())

    start = time.perf_counter()
    built = EnrichmentIndex.from_gmt(gmt)
    build_s = time.perf_counter() - start
    index_file = args.workdir / "sets100k.enrich-index.npz"
    save_index(built, index_file)
    del built
    load_times, held, nbytes = bench_load(index_file, reps)
    ix = load_index(index_file)

    enrich = bench_enrich(ix, queries, reps)
    search = bench_and(SearchIndex(ix), reps)
    base = None if args.no_baseline else baseline(gmt, ix, queries)

    report = {
        "machine": {
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "loadavg_before": load_before,
            "loadavg_after": os.getloadavg(),
        },
        "data": {"sets": len(ix), "genes": len(ix.symbol_list), "make_sets": summary},
        "build_s": build_s,
        "index_file_mb": index_file.stat().st_size / 1e6,
        "load_s": {"median": statistics.median(load_times), "all": load_times},
        "memory_mb": {"tracemalloc": held / 1e6, "arrays": nbytes / 1e6},
        "enrich": enrich,
        "and_search": search,
        "baseline_numpy_scipy": base,
    }
    checks = {
        "median_ms": enrich["median_ms"],
        "p95_ms": enrich["p95_ms"],
        "memory_mb": held / 1e6,
        "load_s": statistics.median(load_times),
        "and_ms": search["max_ids_median_ms"],
    }
    report["targets"] = {
        k: {"value": round(v, 4), "target": TARGETS[k], "ok": v <= TARGETS[k]}
        for k, v in checks.items()
    }
    out = args.out or args.workdir / "enrich_bench.json"
    out.write_text(json.dumps(report, indent=1))

    print(f"sets {len(ix)}, genes {len(ix.symbol_list)}; build {build_s:.2f} s (not a target)")
    for key, item in report["targets"].items():
        mark = "ok  " if item["ok"] else "MISS"
        print(f"  {mark} {key:10s} {item['value']:>10.3f}   target <= {item['target']}")
    print(f"  enrich per-repetition medians (ms): {enrich['rep_medians_ms']}")
    print(
        "  AND-search, first 20 figure ids decoded:"
        f" max median {search['max_figids_median_ms']:.3f} ms"
    )
    if base is not None:
        print(
            f"  numpy/scipy baseline: median {base['median_ms']:.1f} ms, p95"
            f" {base['p95_ms']:.1f} ms; max rel p diff (top 50) {base['max_rel_p_diff_top50']:.1e}"
        )
    print(f"  load average before/after: {load_before} / {report['machine']['loadavg_after']}")
    print(f"report: {out}")


if __name__ == "__main__":
    main()
