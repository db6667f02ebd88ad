"""Build a PFOCR-sized store (110,000 figures by default) for the scale benchmark.

Gene sets are drawn from real distributions: sizes lognormal (median 20, sigma 0.9,
clipped to 3..500, as PFOCR's sets), genes by a Zipf-Mandelbrot law over real HGNC genes
ranked by the number of references HGNC lists for each (0 to 6: no measure of popularity,
so the most frequent genes are FAM120A and HCAR2, not TP53; the load's shape is what
counts);
titles and captions are the real ones of the 221 PMC evaluation figures, each reused with
a figure number; papers hold one to six figures, years 2000-2025; hosts mostly human;
chemicals and diseases from a list of common ones; the images are a few real ones (the
examples), shared by content. Rows go in with the store's own schema, in large
transactions (the pipeline's per-figure writes would take hours for a benchmark), into an
SQLite file or a PostgreSQL database.

    python bench/scale_store.py --figures 110000 --out scale.sqlite
    python bench/scale_store.py --figures 110000 --out postgresql://me@host/scale
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import time
from pathlib import Path

import numpy as np

from pfocr.lexicon import load_lexicon
from pfocr.search.stored import write_ranks
from pfocr.settings import Settings
from pfocr.store import Store
from pfocr.store.sql import Connection, is_postgres_conn
from pfocr.store.target import DbTarget, is_postgres
from pfocr.store.textkeys import index_words, text_keys

ROOT = Path(__file__).resolve().parents[1]
CHEMICALS = [
    ("MESH:D000255", "Adenosine Triphosphate", "ATP"), ("MESH:D002118", "Calcium", "Ca2+"),
    ("MESH:D008070", "Lipopolysaccharides", "LPS"), ("MESH:D000242", "Cyclic AMP", "cAMP"),
    ("MESH:D017382", "Reactive Oxygen Species", "ROS"), ("MESH:D009569", "Nitric Oxide", "NO"),
    ("MESH:D020123", "Sirolimus", "rapamycin"), ("MESH:D005947", "Glucose", "glucose"),
    ("MESH:C060974", "phosphatidylinositol 3,4,5-triphosphate", "PIP3"),
    ("MESH:D019269", "Phosphatidylinositol 4,5-Diphosphate", "PIP2"),
]  # fmt: skip
DISEASES = [
    ("MESH:D007249", "Inflammation", "inflammation"), ("MESH:D009369", "Neoplasms", "cancer"),
    ("MESH:D000086382", "COVID-19", "COVID-19"), ("MESH:D005355", "Fibrosis", "fibrosis"),
    ("MESH:D007333", "Insulin Resistance", "insulin resistance"),
]  # fmt: skip
ORGANISMS = [(9606, "Homo sapiens", "mammal")] * 17 + [(10090, "Mus musculus", "mammal")] * 2
ORGANISMS += [(2697049, "Severe acute respiratory syndrome coronavirus 2", "virus")]


def _texts(shared: Path) -> list[tuple[str, str, str]]:
    out = []
    for sidecar in sorted((shared / "eval" / "pmc" / "images").glob("*.json")):
        meta = json.loads(sidecar.read_text(encoding="utf-8"))
        out.append((meta.get("figtitle") or "", meta.get("caption") or "",
                    meta.get("papertitle") or ""))  # fmt: skip
    if not out:
        raise SystemExit(f"no PMC sidecars under {shared}")
    return out


def _images() -> list[tuple[str, str, bytes, int, int]]:
    from PIL import Image

    out = []
    for path in sorted(ROOT.glob("examples/*.png")) + sorted(ROOT.glob("examples/*.jpg")):
        data = path.read_bytes()
        with Image.open(path) as img:
            width, height = img.size
        mime = "image/png" if path.suffix == ".png" else "image/jpeg"
        out.append((hashlib.sha256(data).hexdigest(), mime, data, width, height))
    return out


def _insert_texts(conn: Connection, rows: list[tuple[str, str, str, str, str]]) -> None:
    if not is_postgres_conn(conn):  # under the figure's rowid, as pfocr.store.textindex
        conn.executemany("INSERT INTO figures_fts(rowid, figid, figtitle, caption, papertitle,"
                         " keys) SELECT rowid, ?, ?, ?, ?, ? FROM figures WHERE figid = ?",
                         [(*r, r[0]) for r in rows])  # fmt: skip
        return
    # as pfocr.store.textindex writes them: the words without and with accents
    conn.executemany(
        "INSERT INTO figures_fts(figid, figtitle, caption, papertitle, keys, doc) VALUES"
        " (?, ?, ?, ?, ?, to_tsvector('simple', ?) || to_tsvector('simple', ?))",
        [(*r, " ".join(index_words(*r[1:])), " ".join(index_words(*r[1:4], accents=True)))
         for r in rows],
    )  # fmt: skip


def build(path: DbTarget, n: int, shared: Path, seed: int = 20261206) -> dict[str, float]:
    """Write a store of ``n`` synthetic figures.

    :param path: the new store (must not exist, or be an empty PostgreSQL database)
    :param n: figures
    :param shared: the shared folder (for the real titles and captions)
    :param seed: random seed
    :returns: figures, gene rows and seconds
    """
    start = time.perf_counter()
    rng = np.random.default_rng(seed)
    pick = random.Random(seed)
    genes = sorted(load_lexicon(Settings()).genes.values(), key=lambda g: -g.n_pubs)[:20000]
    weights = 1.0 / (np.arange(len(genes)) + 1 + 30.0)
    cdf = np.cumsum(weights / weights.sum())
    sizes = np.clip(np.round(rng.lognormal(np.log(20), 0.9, n)), 3, 500).astype(int)
    texts, images = _texts(shared), _images()
    store = Store(path)  # the schema
    conn = store.conn
    conn.executemany("INSERT INTO images(sha256, mime, data) VALUES (?, ?, ?)",
                     [(s, m, d) for s, m, d, _, _ in images])  # fmt: skip
    now = "2026-12-06T00:00:00+00:00"
    n_genes = 0
    batch = 10_000
    for lo in range(0, n, batch):
        figs, papers, fts, gene_rows, mentions, orgs, scores, chems, stages = ([] for _ in range(9))
        for i in range(lo, min(n, lo + batch)):
            pmc = f"PMC{9_000_000 + i // 3}"
            figid = f"{pmc}__F{i % 3 + 1}"
            title, caption, papertitle = texts[i % len(texts)]
            sha, _mime, _data, width, height = images[i % len(images)]
            figs.append((figid, pmc, f"f{i}.jpg", f"F{i % 3 + 1}", "Figure", title,
                         caption, f"/pmc/articles/{pmc}/figure/F{i % 3 + 1}/", sha, width,
                         height, "synthetic", now))  # fmt: skip
            if i % 3 == 0:
                papers.append((pmc, str(30_000_000 + i), None, papertitle,
                               f"Author {i} et al. J Synth. {2000 + i % 26}", 2000 + i % 26,
                               "Journal of Synthetic Pathways", "J Synth", "pfocr"))  # fmt: skip
            fts.append((figid, title, caption, papertitle, text_keys(title, caption, papertitle)))
            chosen = np.unique(np.searchsorted(cdf, rng.random(int(sizes[i]) + 5)))
            chosen = chosen[chosen < len(genes)][: int(sizes[i])]
            for k, gi in enumerate(chosen):
                g = genes[int(gi)]
                x, y = (
                    float(rng.integers(0, max(1, width - 60))),
                    float(rng.integers(0, max(1, height - 20))),
                )
                box = json.dumps([[x, y], [x + 50, y], [x + 50, y + 16], [x, y + 16]])
                conf = round(0.8 + 0.2 * float(rng.random()), 3)
                mentions.append((figid, k, k, k + 1, g.symbol, g.symbol, "symbol", g.hgnc_id,
                                 g.symbol, g.entrez_id, conf, 1, box, "[]"))  # fmt: skip
                gene_rows.append((figid, g.symbol, g.hgnc_id, g.entrez_id, conf, 1))
            n_genes += len(chosen)
            taxid, name, group = pick.choice(ORGANISMS)
            orgs.append((figid, taxid, name, "caption", "host", group, 0))
            scores.append((figid, round(0.5 + 0.5 * pick.random(), 3), "synthetic"))
            for k, (cid, cname, label) in enumerate(pick.sample(CHEMICALS, pick.randint(0, 3))):
                chems.append((figid, k, "chemical", cid, cname, label, "abbreviation", "figure",
                              0.9, None, 0, 1, None, None, None))  # fmt: skip
            if pick.random() < 0.2:
                cid, cname, label = pick.choice(DISEASES)
                chems.append((figid, 9, "disease", cid, cname, label, "name", "caption", 0.95,
                              None, 0, 1, None, None, None))  # fmt: skip
            stages.append((figid, "recognize", "synthetic", "synthetic", 0.0, now))
        with store.transaction():
            conn.executemany("INSERT INTO figures VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", figs)
            conn.executemany("INSERT INTO papers VALUES (?,?,?,?,?,?,?,?,?)", papers)
            _insert_texts(conn, fts)
            conn.executemany("INSERT INTO mentions VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", mentions)
            conn.executemany("INSERT INTO genes VALUES (?,?,?,?,?,?)", gene_rows)
            conn.executemany("INSERT INTO organisms VALUES (?,?,?,?,?,?,?)", orgs)
            conn.executemany("INSERT INTO classifications VALUES (?,?,?)", scores)
            conn.executemany("INSERT INTO chem_mentions VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                             chems)  # fmt: skip
            conn.executemany("INSERT INTO stages VALUES (?,?,?,?,?,?)", stages)
        print(f"{min(n, lo + batch):,} figures", flush=True)
    store.set_meta("data_version", "1")
    # as a deployment's autovacuum would: statistics, and the visibility map that lets
    # PostgreSQL answer from an index alone
    conn.execute("VACUUM ANALYZE" if is_postgres_conn(conn) else "ANALYZE")
    # as `pfocr run` does after writing: the common words ranked once, stored with the data
    ranked_at = time.perf_counter()
    words = write_ranks(store)
    rank_s = time.perf_counter() - ranked_at
    if not is_postgres_conn(conn):
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    return {
        "figures": n,
        "gene_rows": n_genes,
        "seconds": round(time.perf_counter() - start, 1),
        "ranked_words": words,
        "rank_words_s": round(rank_s, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--figures", type=int, default=110_000)
    parser.add_argument("--out", required=True, help="an SQLite file or a PostgreSQL URL")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    if not is_postgres(args.out) and Path(args.out).exists():
        raise SystemExit(f"{args.out} exists")
    print(json.dumps(build(args.out, args.figures, args.shared)))


if __name__ == "__main__":
    main()
