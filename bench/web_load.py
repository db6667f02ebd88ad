"""Bounded loopback load test of the web site: figure pages and POST /api/enrich.

Starts ``pfocr serve`` in a subprocess on a free loopback port over a store (the demo
store from :mod:`pfocr.testing` unless ``--db`` is given), then runs ``--clients``
concurrent clients (one ``httpx.AsyncClient``, one connection each) for ``--duration``
seconds. Each client loops without pause (closed loop, the worst case) unless
``--think-ms`` is set: a share of its requests are ``POST /api/enrich`` with 5 to 200
genes drawn from the store, the rest ``GET /figures/{figid}``. Reports latency
percentiles, throughput and errors per kind as JSON; the target is p95 <= 50 ms on
pages with zero errors.

    python bench/web_load.py [--db FILE] [--clients 50] [--duration 15] [--out FILE]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from web_wrk import have_wrk, run_wrk

TARGET_PAGE_P95_MS = 50.0
MAX_CLIENTS = 200
MAX_DURATION = 120.0


@dataclass
class Tally:
    """Latencies (seconds) and errors of one kind of request."""

    latencies: list[float] = field(default_factory=list)
    server: list[float] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=dict)

    def error(self, what: str) -> None:
        self.errors[what] = self.errors.get(what, 0) + 1

    def summary(self, seconds: float) -> dict[str, float | int | dict[str, int]]:
        xs = sorted(self.latencies)
        app = sorted(self.server)

        def pct(q: float, values: list[float] = xs) -> float:
            return (
                round(1000 * values[min(len(values) - 1, int(q * len(values)))], 2)
                if values
                else 0.0
            )

        return {
            "requests": len(xs),
            "errors": sum(self.errors.values()),
            "error_kinds": self.errors,
            "rps": round(len(xs) / seconds, 1),
            "p50_ms": pct(0.50),
            "p95_ms": pct(0.95),
            "p99_ms": pct(0.99),
            "max_ms": round(1000 * xs[-1], 2) if xs else 0.0,
            # time inside the app (Server-Timing): the rest is queueing, HTTP and the client
            "app_p50_ms": pct(0.50, app),
            "app_p95_ms": pct(0.95, app),
            "app_p99_ms": pct(0.99, app),
        }


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(
    db: Path | str, port: int, workers: int = 1, pages: Path | None = None
) -> subprocess.Popen[bytes]:
    cmd = [sys.executable, "-m", "pfocr", "serve", "--db", str(db), "--port", str(port)]
    cmd += ["--host", "127.0.0.1", "--no-lexicon", "--workers", str(workers)]
    if pages is not None:
        cmd += ["--pages", str(pages)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"server exited: {proc.stderr.read().decode() if proc.stderr else ''}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/stats", timeout=1).status_code == 200:
                return proc
        except httpx.TransportError:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit("server did not start in 60 s")


@dataclass
class Clock:
    """Starts every client at once, after all of them have connected."""

    ready: asyncio.Event
    go: asyncio.Event
    waiting: int
    deadline: float = 0.0


async def client(
    base: str,
    clock: Clock,
    figids: list[str],
    genes: list[str],
    enrich_share: float,
    think: float,
    tallies: dict[str, Tally],
    seed: int,
) -> None:
    rng = random.Random(seed)
    limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)
    async with httpx.AsyncClient(base_url=base, timeout=30, limits=limits) as http:
        # connect first (building a client costs ~20 ms of SSL set-up, even for http),
        # so that the timed window holds steady-state requests only
        await http.get("/api/stats")
        clock.waiting -= 1
        if clock.waiting == 0:
            clock.ready.set()
        await clock.go.wait()
        while time.monotonic() < clock.deadline:
            if rng.random() < enrich_share:
                kind = "enrich"
                size = min(len(genes), rng.randint(5, 200))
                body = {"genes": [*rng.sample(genes, size), "NOTAGENE1"]}
                request = http.build_request("POST", "/api/enrich", json=body)
            else:
                kind = "page"
                request = http.build_request("GET", f"/figures/{rng.choice(figids)}")
            tally = tallies[kind]
            start = time.perf_counter()
            try:
                response = await http.send(request)
                await response.aread()
            except httpx.HTTPError as exc:
                tally.error(type(exc).__name__)
            else:
                elapsed = time.perf_counter() - start
                if response.status_code == 200:
                    tally.latencies.append(elapsed)
                    timing = response.headers.get("server-timing", "")
                    if timing.startswith("app;dur="):
                        tally.server.append(float(timing[8:]) / 1000)
                else:
                    tally.error(f"HTTP {response.status_code}")
            if think:
                await asyncio.sleep(rng.uniform(0.5 * think, 1.5 * think))


async def run(args: argparse.Namespace, base: str) -> dict[str, object]:
    async with httpx.AsyncClient(base_url=base, timeout=30) as http:
        stats = (await http.get("/api/stats")).json()
        figids: list[str] = []
        offset = 0
        while offset < min(stats["figures"], 2000):
            page = (await http.get("/api/search", params={"limit": 100, "offset": offset})).json()
            figids += [h["figid"] for h in page["results"]]
            offset += 100
        gmt = (await http.get("/downloads/pfocr.gmt")).text
        genes = sorted({g for line in gmt.splitlines() for g in line.split("\t")[2:]})
        for figid in figids[:50]:  # warm caches and the enrichment index
            await http.get(f"/figures/{figid}")
        await http.post("/api/enrich", json={"genes": genes[:10]})
    if not figids or not genes:
        raise SystemExit("the store has no figures with genes")
    tallies = {"page": Tally(), "enrich": Tally()}
    clock = Clock(asyncio.Event(), asyncio.Event(), args.clients)
    think = args.think_ms / 1000
    tasks = [
        asyncio.create_task(
            client(base, clock, figids, genes, args.enrich_share, think, tallies, i)
        )
        for i in range(args.clients)
    ]
    await clock.ready.wait()
    started = time.monotonic()
    clock.deadline = started + args.duration
    cpu0 = os.times()
    clock.go.set()
    await asyncio.gather(*tasks)
    seconds = time.monotonic() - started
    cpu1 = os.times()
    pages = tallies["page"].summary(seconds)
    return {
        "figures": stats["figures"],
        "genes": len(genes),
        "seconds": round(seconds, 1),
        "client_cpu_s": round((cpu1.user + cpu1.system) - (cpu0.user + cpu0.system), 1),
        "page": pages,
        "enrich": tallies["enrich"].summary(seconds),
    }


def run_with_wrk(args: argparse.Namespace, base: str) -> dict[str, object]:
    """Closed-loop load from ``wrk``: pages and enrichment on separate connections."""
    stats = httpx.get(f"{base}/api/stats", timeout=30).json()
    page = httpx.get(f"{base}/api/search", params={"limit": 100}, timeout=30).json()
    figids = [h["figid"] for h in page["results"]]
    gmt = httpx.get(f"{base}/downloads/pfocr.gmt", timeout=30).text
    genes = sorted({g for line in gmt.splitlines() for g in line.split("\t")[2:]})
    if not figids or not genes:
        raise SystemExit("the store has no figures with genes")
    for figid in figids:  # warm caches and the enrichment index
        httpx.get(f"{base}/figures/{figid}", timeout=30)
    httpx.post(f"{base}/api/enrich", json={"genes": genes[:10]}, timeout=30)
    cpu0 = os.times()
    out = run_wrk(base, figids, genes, args.clients, args.enrich_share, args.duration)
    cpu1 = os.times()
    for kind in out.values():
        kind["errors"] = kind["errors"] + kind["non_2xx"]
    return {
        "client": "wrk",
        "figures": stats["figures"],
        "genes": len(genes),
        "seconds": out["page"]["seconds"],
        "client_cpu_s": round(
            (cpu1.children_user + cpu1.children_system)
            - (cpu0.children_user + cpu0.children_system),
            1,
        ),
        "page": out["page"],
        "enrich": out["enrich"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--db", type=Path, help="store to serve (default: the demo store)")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--duration", type=float, default=15.0, help="seconds of load")
    parser.add_argument("--enrich-share", type=float, default=0.2, help="share of enrich calls")
    parser.add_argument("--think-ms", type=float, default=0.0, help="mean pause between calls")
    parser.add_argument("--out", type=Path, help="write the JSON report here too")
    parser.add_argument(
        "--client",
        choices=["auto", "wrk", "httpx"],
        default="auto",
        help="load generator: wrk (C, when installed) or Python httpx clients",
    )
    args = parser.parse_args()
    if not 1 <= args.clients <= MAX_CLIENTS or not 0 < args.duration <= MAX_DURATION:
        parser.error(f"--clients 1..{MAX_CLIENTS}, --duration up to {MAX_DURATION:g} s")
    with tempfile.TemporaryDirectory(prefix="pfocr-web-load-") as tmp:
        db = args.db
        if db is None:
            from pfocr.testing import build_demo_store

            db = build_demo_store(Path(tmp) / "demo.sqlite")
        port = free_port()
        server = start_server(db, port)
        try:
            base = f"http://127.0.0.1:{port}"
            use_wrk = args.client == "wrk" or (args.client == "auto" and have_wrk())
            if use_wrk and args.think_ms:
                parser.error("--think-ms needs --client httpx")
            result = run_with_wrk(args, base) if use_wrk else asyncio.run(run(args, base))
        finally:
            server.terminate()
            server.wait(timeout=10)
    page = result["page"]
    assert isinstance(page, dict)
    errors = int(page["errors"]) + int(result["enrich"]["errors"])  # type: ignore[index]
    report = {
        "benchmark": "web_load",
        "db": str(args.db) if args.db else "demo store (pfocr.testing)",
        "clients": args.clients,
        "enrich_share": args.enrich_share,
        "think_ms": args.think_ms,
        "cpus": os.cpu_count(),
        "loadavg_1m": round(os.getloadavg()[0], 2),
        **result,
        "target": {
            "page_p95_ms": TARGET_PAGE_P95_MS,
            "met": float(page["p95_ms"]) <= TARGET_PAGE_P95_MS and errors == 0,
        },
    }
    text = json.dumps(report, indent=2)
    print(text)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text + "\n")


if __name__ == "__main__":
    main()
