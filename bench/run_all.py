"""``make bench``: every benchmark, one after another, reports under ``--out``.

- pipeline: CPU seconds per figure for OCR and recognition, peak memory
- ocr-cost: CPU per pass on 45 PMC and 100 WikiPathways figures beside plain RapidOCR,
  compared with docs/speed-reference.json
- scaling: ``pfocr run`` with one and two workers and a Dask LocalCluster of two
- chemdis: the chemical and disease stage's CPU per figure (on the examples)
- scale: a 110,000-figure store under 50 concurrent clients, enrichment at 640,000 sets
- enrichment: 100,000 synthetic figure sets (``../shared/bench/make_sets.py``)
- web: bounded loopback load test, 50 concurrent clients
- harvest: figures per minute against the local E-utilities / Cloud Service stand-in

    python bench/run_all.py [--out bench-out] [--only pipeline,ocr-cost,scaling,chemdis,...]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=Path("bench-out"))
    parser.add_argument(
        "--only", default="pipeline,ocr-cost,scaling,chemdis,enrich,web,scale,harvest"
    )
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    runs = {
        "pipeline": [str(HERE / "pipeline_bench.py"), "--out", str(args.out / "pipeline.json")],
        "ocr-cost": [str(HERE / "ocr_cost.py"), "--out", str(args.out / "ocr_cost.json")],
        "scaling": [str(HERE / "scaling.py"), "--out", str(args.out / "scaling.json")],
        "chemdis": [str(HERE / "chemdis_cost.py"), "--out", str(args.out / "chemdis.json")],
        "enrich": [str(HERE / "enrich_bench.py"), "--out", str(args.out / "enrich.json")],
        "web": [str(HERE / "web_load.py"), "--out", str(args.out / "web_load.json")],
        "scale": [str(HERE / "scale_bench.py"), "--out", str(args.out / "scale.json")],
        "harvest": [str(HERE / "harvest_bench.py"), "--out", str(args.out / "harvest.json")],
    }
    failed = []
    for name in args.only.split(","):
        print(f"== {name}", flush=True)
        if subprocess.run([sys.executable, *runs[name]], check=False).returncode != 0:
            failed.append(name)
    if failed:
        sys.exit(f"benchmarks failed: {', '.join(failed)}")


if __name__ == "__main__":
    main()
