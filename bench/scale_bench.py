"""The site and enrichment at PFOCR's scale: 110,000 figures, 50 concurrent clients.

Builds (or reuses) a synthetic store of ``--figures`` figures (``bench/scale_store.py``),
serves it with ``pfocr serve`` and loads each kind of request in turn with ``wrk`` (50
connections, closed loop, ``--duration`` seconds each): the home page, search by gene, by
text, by chemical, a figure page, a gene page, a concept page, ``/api/search``, and
``POST /api/enrich``. Reports p50/p95/p99, requests per second and errors per kind, the
server's resident memory, the database's size and the time to build and load the
enrichment index; then the enrichment index alone at ``--big-sets`` synthetic sets (the
same size and popularity laws) in this process: build, and per-query p50/p95. With
``--pages FILE`` the site's pages are rendered ahead first (``pfocr pages``, as a
deployment publishes them) and served with ``pfocr serve --pages FILE``.

Targets (issue 19): page and API p95 <= 50 ms, zero errors; enrichment p95 <= 15 ms at
110,000 sets and <= 50 ms at 640,000.

    python bench/scale_bench.py [--db scale.sqlite] [--figures 110000] [--pages FILE] [--out FILE]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import numpy as np
from scale_store import ROOT, build
from web_load import free_port, start_server
from web_wrk import _DONE, _enrich_script, _lua_list, _parse, have_wrk

from pfocr.enrich import EnrichmentIndex, load_or_build
from pfocr.store import GeneSet, Store
from pfocr.store.target import DbTarget, exists, is_postgres, sqlite_path
from pfocr.testing_pg import PgServer

TARGETS = {"page_p95_ms": 50.0, "enrich_p95_ms": 15.0, "enrich_big_p95_ms": 50.0}


def _gets_script(paths: list[str]) -> str:
    return (
        f"local paths = {_lua_list(paths)}\nlocal i = 0\n"
        "request = function()\n  i = i + 1\n"
        '  return wrk.format("GET", paths[(i % #paths) + 1])\nend\n' + _DONE
    )


def _wrk(base: str, script: str, clients: int, seconds: float) -> dict[str, float]:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(script)
    try:
        out = subprocess.run(
            [
                "wrk",
                "-t2",
                f"-c{clients}",
                f"-d{max(1, round(seconds))}s",
                "--timeout",
                "10s",
                "-s",
                handle.name,
                base,
            ],
            capture_output=True,
            text=True,
            timeout=seconds + 120,
            check=False,
        ).stdout
    finally:
        os.unlink(handle.name)
    result = _parse(out)
    result["rps"] = round(result["requests"] / max(result["seconds"], 1e-9), 1)
    result["errors"] = result["errors"] + result.pop("non_2xx")
    return result


def _settle(base: str, quiet_ms: float = 20.0, limit_s: float = 60.0) -> float:
    """Wait until the server has worked off what the last closed loop left queued.

    ``wrk`` stops sending when its time is up, but the server still renders every request
    it had accepted (a sync handler is not cancelled when its client goes): up to
    ``clients`` renders, a few hundred milliseconds of backlog that the next load's first
    requests would otherwise wait behind. Cheap requests on fresh connections (so that
    every server process gets some) must answer within ``quiet_ms`` five times running.

    :returns: the seconds waited
    """
    start = time.monotonic()
    quiet = 0
    fresh = httpx.Limits(max_keepalive_connections=0)  # a new connection per request
    with httpx.Client(base_url=base, timeout=60, limits=fresh) as http:
        while quiet < 5 and time.monotonic() - start < limit_s:
            t0 = time.perf_counter()
            http.get("/api/stats")
            quiet = quiet + 1 if 1000 * (time.perf_counter() - t0) < quiet_ms else 0
            time.sleep(0.05)
    return round(time.monotonic() - start, 2)


async def _users(
    base: str,
    paths: list[str],
    clients: int,
    seconds: float,
    think: float,
    seed: int,
    bodies: list[dict[str, object]] | None = None,
    unique: bool = False,
) -> dict[str, float]:
    """``clients`` users, each pausing ``think`` seconds (±50%) between requests: the load
    of people browsing, where ``wrk``'s closed loop is the worst case. ``unique``: no path
    is asked twice (users stop when every path has been asked)."""
    left = random.Random(seed).sample(paths, len(paths)) if unique else []
    rng = random.Random(seed)
    latencies: list[float] = []
    errors = 0
    # every user's client is made before the clock starts: making one loads the CA
    # certificates (10-20 ms of CPU, blocking the event loop), which would otherwise hold
    # up the first second's requests of every other user
    limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)
    https = [httpx.AsyncClient(base_url=base, timeout=30, limits=limits) for _ in range(clients)]
    deadline = time.monotonic() + seconds

    async def user(k: int, http: httpx.AsyncClient) -> None:
        nonlocal errors
        mine = random.Random(seed + k)
        await asyncio.sleep(mine.uniform(0, think))  # users arrive spread out
        while time.monotonic() < deadline and (left or not unique):
            path = left.pop() if unique else mine.choice(paths)
            start = time.perf_counter()
            try:
                if bodies:
                    r = await http.post(paths[0], json=mine.choice(bodies))
                else:
                    r = await http.get(path)
                ok = r.status_code == 200
            except httpx.HTTPError:
                ok = False
            if ok:
                latencies.append(1000 * (time.perf_counter() - start))
            else:
                errors += 1
            await asyncio.sleep(mine.uniform(0.5 * think, 1.5 * think))

    try:
        await asyncio.gather(*(user(rng.randint(0, 10**6), h) for h in https))
    finally:
        for h in https:
            await h.aclose()
    xs = sorted(latencies) or [0.0]
    return {
        "requests": len(latencies),
        "p50_ms": round(statistics.median(xs), 1),
        "p95_ms": round(xs[int(0.95 * (len(xs) - 1))], 1),
        "p99_ms": round(xs[int(0.99 * (len(xs) - 1))], 1),
        "errors": errors,
        "rps": round(len(latencies) / seconds, 1),
    }


def _samples(db: DbTarget, seed: int) -> dict[str, list[str]]:
    rng = random.Random(seed)
    with Store(db, readonly=True) as store:
        every = store.figure_ids()
        drawn = rng.sample(every, min(6000, len(every)))
        figids, unseen = sorted(drawn[:3000]), sorted(drawn[3000:])
        top = "SELECT symbol FROM genes GROUP BY symbol ORDER BY count(*) DESC LIMIT 3000"
        genes = [r[0] for r in store.conn.execute(top)]
        words: set[str] = set()
        for (title,) in store.conn.execute("SELECT figtitle FROM figures LIMIT 2000"):
            words.update(w.lower() for w in re.findall(r"[A-Za-z]{6,}", title or ""))
    return {"figids": figids, "unseen_figids": unseen, "genes": genes, "words": sorted(words)}


def _size_mb(db: DbTarget) -> float:
    path = sqlite_path(db)
    if path is not None:
        return sum(p.stat().st_size for p in path.parent.glob(path.name + "*")) / 1e6
    with Store(db, readonly=True) as store:
        row = store.conn.execute("SELECT pg_database_size(current_database())").fetchone()
        return int(row[0]) / 1e6


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return round(int(line.split()[1]) / 1024, 1)
    return 0.0


def _rss_tree_mb(pid: int) -> float:
    """Resident memory of a process and its children (the server's worker processes)."""
    total = _rss_mb(pid)
    for child in Path(f"/proc/{pid}/task").glob("*/children"):
        for cpid in child.read_text().split():
            total += _rss_mb(int(cpid))
    return round(total, 1)


def render_pages(db: DbTarget, pages: Path, workers: int) -> dict[str, float]:
    """``pfocr pages`` as a deployment runs it at publish time (the server's options)."""
    cmd = [sys.executable, "-m", "pfocr", "pages", "--db", str(db), "--pages", str(pages)]
    t0 = time.perf_counter()
    subprocess.run([*cmd, "--no-lexicon", "-j", str(workers)], check=True)
    seconds = time.perf_counter() - t0
    size = sum(p.stat().st_size for p in pages.parent.glob(pages.name + "*"))
    return {"pages_s": round(seconds, 1), "pages_mb": round(size / 1e6, 1)}


def web(
    db: DbTarget,
    clients: int,
    seconds: float,
    seed: int,
    think: float,
    workers: int = 1,
    pages: Path | None = None,
) -> dict[str, object]:
    """Load every kind of request against ``pfocr serve`` over ``db`` (with a page file
    rendered ahead, when ``pages`` is given)."""
    s = _samples(db, seed)
    rng = random.Random(seed)
    genes, figids, words = s["genes"], s["figids"], s["words"]
    port = free_port()
    started = time.perf_counter()
    server = start_server(db, port, workers, pages)
    startup = time.perf_counter() - started
    base = f"http://127.0.0.1:{port}"
    kinds = {
        "home": [f"/?page={rng.randint(1, 50)}" for _ in range(200)],
        "search_gene": [f"/?q={rng.choice(genes[:2000])}" for _ in range(500)],
        "search_text": [f"/?q={rng.choice(words)}" for _ in range(500)],
        "search_chemical": [f"/?chemical={c}" for c in ("ATP", "LPS", "Ca2%2B", "ROS", "cAMP")],
        "figure": [f"/figures/{f}" for f in figids],
        "gene": [f"/genes/{g}" for g in genes[:2000]],
        "concept": [f"/concepts/{c}" for c in ("MESH:D000255", "MESH:D008070", "MESH:D007249")],
        "api_search": [f"/api/search?gene={rng.choice(genes[:2000])}" for _ in range(500)],
    }
    # the same kinds over paths no earlier load asked for, so that every answer is rendered
    # afresh (the loads above repeat their paths: after the closed loop most are kept)
    asked = {p.split("=", 1)[1] for p in kinds["search_text"]}
    new_words = [w for w in words if w not in asked]
    fresh = {
        "search_gene": [f"/?q={g}" for g in genes[2000:]],
        "search_text": [f"/?q={w}" for w in rng.sample(new_words, min(500, len(new_words)))],
        "figure": [f"/figures/{f}" for f in s["unseen_figids"]],
        "gene": [f"/genes/{g}" for g in genes[2000:]],
        "api_search": [f"/api/search?gene={g}" for g in genes[2000:]],
    }
    try:
        t0 = time.perf_counter()
        httpx.post(f"{base}/api/enrich", json={"genes": genes[:20]}, timeout=600)
        first_enrich = time.perf_counter() - t0
        out: dict[str, object] = {}
        users: dict[str, object] = {}
        users_fresh: dict[str, object] = {}
        for kind, paths in kinds.items():
            for path in paths[:20]:  # warm the page caches a little, as a live site is
                httpx.get(base + path, timeout=60)
            out[kind] = _wrk(base, _gets_script(paths), clients, seconds)
            print(kind, json.dumps(out[kind]), flush=True)
            _settle(base)
            users[kind] = asyncio.run(_users(base, paths, clients, seconds, think, seed))
            print(kind, "users", json.dumps(users[kind]), flush=True)
            if kind in fresh:
                _settle(base)
                unseen = fresh[kind]
                users_fresh[kind] = asyncio.run(
                    _users(base, unseen, clients, seconds, think, seed, unique=True)
                )
                print(kind, "users, fresh", json.dumps(users_fresh[kind]), flush=True)
        out["enrich"] = _wrk(base, _enrich_script(genes), clients, seconds)
        print("enrich", json.dumps(out["enrich"]), flush=True)
        _settle(base)
        bodies: list[dict[str, object]] = [
            {"genes": rng.sample(genes, rng.randint(5, 200))} for _ in range(200)
        ]
        users["enrich"] = asyncio.run(
            _users(base, ["/api/enrich"], clients, seconds, think, seed, bodies)
        )
        print("enrich users", json.dumps(users["enrich"]), flush=True)
        rss = _rss_tree_mb(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=20)
    return {
        "kinds": out,
        "users": users,
        "users_fresh": users_fresh,
        "think_s": think,
        "server_rss_mb": rss,
        "server_start_s": round(startup, 2),
        "first_enrich_s": round(first_enrich, 2),
    }


def enrichment_index(db: DbTarget) -> dict[str, float]:
    """Build and load the store's enrichment index (the cache file beside the store)."""
    with tempfile.TemporaryDirectory() as tmp, Store(db, readonly=True) as store:
        t0 = time.perf_counter()
        ix = load_or_build(store, cache_dir=Path(tmp))
        build_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        load_or_build(store, cache_dir=Path(tmp))
        load_s = time.perf_counter() - t0
        return {
            "sets": len(ix),
            "build_s": round(build_s, 2),
            "load_s": round(load_s, 2),
            "index_mb": round(ix.nbytes / 1e6, 1),
        }


def big_enrichment(db: DbTarget, n_sets: int, seed: int, queries: int = 40) -> dict[str, float]:
    """The index alone at ``n_sets`` sets drawn like the store's; per-query latency."""
    rng = np.random.default_rng(seed)
    with Store(db, readonly=True) as store:
        rows = store.conn.execute("SELECT symbol FROM genes GROUP BY symbol ORDER BY count(*) DESC")
        genes = [r[0] for r in rows]
    weights = 1.0 / (np.arange(len(genes)) + 31.0)
    cdf = np.cumsum(weights / weights.sum())
    sizes = np.clip(np.round(rng.lognormal(np.log(20), 0.9, n_sets)), 3, 500).astype(int)
    t0 = time.perf_counter()
    sets = (
        GeneSet(
            f"S{i}", "", tuple(genes[j] for j in np.unique(np.searchsorted(cdf, rng.random(k))))
        )
        for i, k in enumerate(sizes)
    )
    ix = EnrichmentIndex.from_sets(sets)
    build_s = time.perf_counter() - t0
    pick = random.Random(seed)
    lists = [pick.sample(genes[:5000], pick.randint(50, 500)) for _ in range(queries)]
    ix.enrich(lists[0])  # warm
    times = []
    for q in lists * 3:
        t0 = time.perf_counter()
        ix.enrich(q)
        times.append(1000 * (time.perf_counter() - t0))
    times.sort()
    return {
        "sets": len(ix),
        "build_s": round(build_s, 1),
        "p50_ms": round(statistics.median(times), 2),
        "p95_ms": round(times[int(0.95 * (len(times) - 1))], 2),
        "index_mb": round(ix.nbytes / 1e6, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument(
        "--db", help="the store: an SQLite file (built when missing) or a PostgreSQL URL"
    )
    parser.add_argument(
        "--postgresql",
        action="store_true",
        help="build the store in a throwaway PostgreSQL server (pfocr.testing_pg)",
    )
    parser.add_argument("--figures", type=int, default=110_000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--duration", type=float, default=10.0, help="seconds per kind")
    parser.add_argument("--big-sets", type=int, default=640_000)
    parser.add_argument(
        "--workers", type=int, default=os.cpu_count() or 1, help="pfocr serve --workers"
    )
    parser.add_argument(
        "--think", type=float, default=1.0, help="users' mean pause between requests (s)"
    )
    parser.add_argument(
        "--pages",
        type=Path,
        help="render the site's pages ahead into this page file (`pfocr pages`; kept when"
        " it holds them already) and serve with it",
    )
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    if not have_wrk():
        sys.exit("wrk is not installed: make benchdeps")
    with contextlib.ExitStack() as stack:
        tmp = stack.enter_context(tempfile.TemporaryDirectory(prefix="pfocr-scale-"))
        db: DbTarget = args.db or Path(tmp) / "scale.sqlite"
        built = None
        if args.postgresql:
            # a server sized for the store, as a deployment's would be (the tests' defaults
            # keep 128 MB of pages in memory)
            server = PgServer(settings={"shared_buffers": "2GB", "work_mem": "32MB",
                                        "effective_cache_size": "8GB"})  # fmt: skip
            db = stack.enter_context(server).create_database("scale")
            built = build(db, args.figures, args.shared)
        elif not exists(db):
            built = build(db, args.figures, args.shared)
        size_mb = _size_mb(db)
        report: dict[str, object] = {
            "benchmark": "scale",
            "store": "postgresql" if is_postgres(db) else "sqlite",
            "figures": args.figures if built else None,
            "built": built,
            "db_mb": round(size_mb, 1),
            "clients": args.clients,
            "cpus": os.cpu_count(),
            "enrichment_index": enrichment_index(db),
        }
        report["server_processes"] = args.workers
        if args.pages is not None:
            report["pages_ahead"] = render_pages(db, args.pages, args.workers)
        report.update(web(db, args.clients, args.duration, 1, args.think, args.workers, args.pages))
        report["enrichment_big"] = big_enrichment(db, args.big_sets, 2)
    kinds = report["kinds"]
    users, fresh = report["users"], report["users_fresh"]
    assert isinstance(kinds, dict) and isinstance(users, dict) and isinstance(fresh, dict)
    pages = {k: v for k, v in kinds.items() if k != "enrich"}
    user_pages = {k: v for k, v in users.items() if k != "enrich"}
    big = report["enrichment_big"]
    assert isinstance(big, dict)
    report["targets"] = {
        **TARGETS,
        "pages_met": all(
            v["p95_ms"] <= TARGETS["page_p95_ms"] and v["errors"] == 0 for v in pages.values()
        ),
        "enrich_met": kinds["enrich"]["p95_ms"] <= TARGETS["enrich_p95_ms"],
        "users_pages_met": all(
            v["p95_ms"] <= TARGETS["page_p95_ms"] and v["errors"] == 0 for v in user_pages.values()
        ),
        "users_enrich_met": users["enrich"]["p95_ms"] <= TARGETS["enrich_p95_ms"],
        "users_fresh_pages_met": all(
            v["p95_ms"] <= TARGETS["page_p95_ms"] and v["errors"] == 0 for v in fresh.values()
        ),
        "enrich_big_met": big["p95_ms"] <= TARGETS["enrich_big_p95_ms"],
    }
    text = json.dumps(report, indent=2)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
