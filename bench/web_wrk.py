"""Load generation with ``wrk`` (Debian package): a C client leaves the CPU to the server.

Two ``wrk`` processes run at once against the same server: one on figure pages, one on
``POST /api/enrich``, splitting the concurrent connections between them; each reports
its own latency percentiles through a Lua ``done`` hook.
"""

from __future__ import annotations

import json
import random
import shutil
import subprocess
import tempfile
from pathlib import Path

__all__ = ["have_wrk", "run_wrk"]

_DONE = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "p50_ms": %.2f, "p95_ms": %.2f, "p99_ms": %.2f, "max_ms": %.2f, '
    .. '"errors": %d, "non_2xx": %d, "seconds": %.2f}\\n',
    summary.requests, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000,
    e.connect + e.read + e.write + e.timeout, e.status, summary.duration / 1e6))
end
"""


def have_wrk() -> bool:
    """Say whether ``wrk`` is installed.

    :returns: True when found on PATH
    """
    return shutil.which("wrk") is not None


def _lua_list(items: list[str]) -> str:
    return "{" + ",".join(json.dumps(i) for i in items) + "}"


def _pages_script(figids: list[str]) -> str:
    paths = [f"/figures/{f}" for f in figids]
    return (
        f"local paths = {_lua_list(paths)}\nlocal i = 0\n"
        "request = function()\n  i = i + 1\n"
        '  return wrk.format("GET", paths[(i % #paths) + 1])\nend\n' + _DONE
    )


def _enrich_script(genes: list[str], seed: int = 0) -> str:
    rng = random.Random(seed)
    bodies = []
    for _ in range(200):
        size = min(len(genes), rng.randint(5, 200))
        bodies.append(json.dumps({"genes": [*rng.sample(genes, size), "NOTAGENE1"]}))
    return (
        f"local bodies = {_lua_list(bodies)}\nlocal i = 0\n"
        'local headers = {["Content-Type"] = "application/json"}\n'
        "request = function()\n  i = i + 1\n"
        '  return wrk.format("POST", "/api/enrich", headers, bodies[(i % #bodies) + 1])\n'
        "end\n" + _DONE
    )


def _parse(out: str) -> dict[str, float]:
    for line in reversed(out.splitlines()):
        if line.startswith("{"):
            data: dict[str, float] = json.loads(line)
            return data
    raise RuntimeError(f"wrk printed no summary: {out[-500:]}")


def run_wrk(
    base: str, figids: list[str], genes: list[str], clients: int, share: float, seconds: float
) -> dict[str, dict[str, float]]:
    """Run pages and enrichment load at once.

    :param base: the server's base URL
    :param figids: figure ids to request
    :param genes: gene symbols to draw enrichment queries from
    :param clients: concurrent connections in all
    :param share: share of connections that post enrichment queries
    :param seconds: duration
    :returns: ``{"page": {...}, "enrich": {...}}`` with latency percentiles in ms
    """
    n_enrich = max(1, round(clients * share))
    n_pages = max(1, clients - n_enrich)
    with tempfile.TemporaryDirectory(prefix="pfocr-wrk-") as tmp:
        pages_lua = Path(tmp) / "pages.lua"
        enrich_lua = Path(tmp) / "enrich.lua"
        pages_lua.write_text(_pages_script(figids))
        enrich_lua.write_text(_enrich_script(genes))
        duration = f"{max(1, round(seconds))}s"
        procs = {
            kind: subprocess.Popen(
                ["wrk", "-t1", f"-c{n}", f"-d{duration}", "--timeout", "10s", "-s", str(lua), base],
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
            )
            for kind, n, lua in (("page", n_pages, pages_lua), ("enrich", n_enrich, enrich_lua))
        }
        out = {kind: _parse(p.communicate(timeout=seconds + 60)[0]) for kind, p in procs.items()}
    for kind, n in (("page", n_pages), ("enrich", n_enrich)):
        out[kind]["connections"] = n
        out[kind]["rps"] = round(out[kind]["requests"] / max(out[kind]["seconds"], 1e-9), 1)
    return out
