"""Harvest throughput against the local E-utilities / Cloud Service stand-in.

Builds a month of ``--articles`` articles, each with ``--figures`` figures of which
``--pathway`` have a pathway caption, served by :class:`pfocr.testing_harvest.EutilsStandIn`
on 127.0.0.1 with real figure images (the PMC evaluation figures when present), and
harvests it with ``--no-process`` twice: without rate limits (what pfocr itself costs)
and at NCBI's limits (3 E-utilities requests a second, 20 media requests a second).
Prints requests, seconds and pathway figures per minute, and the model of a real month.

    python bench/harvest_bench.py [--articles 150] [--out FILE]
"""

from __future__ import annotations

import argparse
import json
import math
import tempfile
import time
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

from pfocr.pipeline.harvest import harvest
from pfocr.testing_harvest import (
    MARCH_2024,
    EutilsStandIn,
    StandInArticle,
    StandInFigure,
    png_figure,
    standin_options,
    standin_services,
)

ROOT = Path(__file__).resolve().parents[1]


def _images(folder: Path, n: int) -> list[bytes]:
    files = sorted(folder.glob("*.jpg"))[:n] if folder.is_dir() else []
    if files:
        return [f.read_bytes() for f in files]
    return [png_figure(f"figure {i}", (900, 700)) for i in range(n)]


def _collection(
    articles: int, figures: int, pathway: int, images: list[bytes]
) -> list[StandInArticle]:
    out = []
    for i in range(articles):
        figs = []
        for j in range(figures):
            data = images[(i * figures + j) % len(images)]
            ext = ".jpg" if data[:2] == b"\xff\xd8" else ".png"
            caption = "The signaling pathway model." if j < pathway else "Quantification."
            figs.append(StandInFigure(f"F{j + 1}", f"a{i}_f{j + 1}", caption, data=data, ext=ext))
        day = MARCH_2024.start + timedelta(days=i % MARCH_2024.days)
        out.append(StandInArticle(9_500_000 + i, day, f"Paper {i}", figs))
    return out


def _run(
    collection: list[StandInArticle], eutils_rate: float, media_rate: float
) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp, EutilsStandIn(collection) as standin:
        db = Path(tmp) / "bench.sqlite"
        services = replace(
            standin_services(standin), eutils_rate=eutils_rate, media_rate=media_rate
        )
        start = time.perf_counter()
        summary = harvest(standin_options(db, page_size=500, batch=20), services, db)
        seconds = time.perf_counter() - start
        fetched = summary.ledger.images.get("fetched", 0)
        return {
            "eutils_rate": eutils_rate,
            "media_rate": media_rate,
            "seconds": round(seconds, 2),
            "esearch": standin.count("esearch"),
            "efetch": standin.count("efetch"),
            "media": standin.count("/media/"),
            "articles": summary.ledger.articles.get("fetched", 0),
            "pathway_figures": fetched,
            "figures_per_minute": round(fetched / seconds * 60, 1),
        }


def real_month(articles: int = 1500, pathway: int = 3000, batch: int = 20,
               page: int = 500) -> dict[str, object]:  # fmt: skip
    """Requests and the rate-limit floor of a real month (from the protocol, not measured)."""
    eutils = math.ceil(articles / page) + math.ceil(articles / batch)
    return {
        "articles": articles,
        "pathway_figures": pathway,
        "eutils_requests": eutils,
        "media_requests": pathway,
        "eutils_seconds_at_3_per_s": round(eutils / 3, 1),
        "eutils_seconds_at_10_per_s": round(eutils / 10, 1),
        "media_seconds_at_20_per_s": round(pathway / 20, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=150)
    parser.add_argument("--figures", type=int, default=7)
    parser.add_argument("--pathway", type=int, default=2)
    parser.add_argument("--images", type=Path, default=ROOT.parent / "shared/eval/pmc/images")
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    images = _images(args.images, 60)
    collection = _collection(args.articles, args.figures, args.pathway, images)
    report = {
        "unlimited": _run(collection, 0, 0),
        "ncbi_limits": _run(collection, 3, 20),
        "real_month_model": real_month(),
    }
    for name, row in report.items():
        print(name, json.dumps(row))
    if args.out:
        args.out.write_text(json.dumps(report, indent=2) + "\n")


if __name__ == "__main__":
    main()
