"""Word-image OCR benchmark: exact-word accuracy of a crop reader on ``ocr-crops/``.

Reads ``test_label.json`` (JSON lines: filename, text) and ``imgs/`` of a crops folder,
reads every crop with a configuration of :mod:`pfocr.ocr.crops`, and reports the scores
of ``summerized_results.csv`` (MMOCR's definitions, :mod:`pfocr.evaluate.words`) on the
tune half, the holdout half (split by a hash of the filename) and all crops, with the
seconds per crop and the error classes.

    python bench/ocr_crops.py --crops ../shared/eval/ocr-crops/pmc [--config NAME]
        [--out FILE] [--limit N] [--gcv] [--sweep] [--list]

``--gcv`` scores the published Google Cloud Vision predictions (``google_results.json``)
with the same scorer instead of reading anything. ``--sweep`` (vote configurations)
reads every member on every crop once, then picks ``fallback_below`` on the tune half.
A lexicon tie-break needs ``PFOCR_DATA_DIR`` (the lexicon is built from it if needed).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from PIL import Image

from pfocr.evaluate.splits import in_split
from pfocr.evaluate.words import score_words, strip_symbols
from pfocr.images.convert import to_rgb_array
from pfocr.lexicon.normalize import GREEK_NAMES
from pfocr.ocr.crops import CONFIGS, CropConfig, CropReader, CropReading, vote

ROOT = Path(__file__).resolve().parents[1]
SPLITS = ("tune", "holdout", "all")
GLYPHS = str.maketrans({"0": "o", "1": "l", "i": "l", "|": "l", "5": "s", "8": "b", "2": "z"})
#: How the KEGG labels write the Greek letters the maps show (IKKα is labelled IKKa)
LATIN_GREEK = str.maketrans({"α": "a", "β": "B", "γ": "y", "ε": "e", "κ": "k", "μ": "u", "ω": "w"})
THRESHOLDS = (0.0, 0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.93, 0.95, 0.97, 0.99, 1.01)


def load_labels(crops: Path) -> list[tuple[str, str]]:
    """Read ``test_label.json``.

    :param crops: the crops folder
    :returns: ``(filename, text)`` per crop
    """
    rows = []
    with (crops / "test_label.json").open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                item = json.loads(line)
                rows.append((str(item["filename"]), str(item["text"])))
    return rows


def has_greek(text: str) -> bool:
    """Say whether a label has a Greek letter (upper or lower case).

    :param text: the label
    :returns: True when it does
    """
    return any(ch in GREEK_NAMES or "\u0391" <= ch <= "\u03a9" for ch in text)


def error_class(pred: str, gt: str) -> str:
    """Name the kind of a wrong reading.

    :param pred: the prediction
    :param gt: the label
    :returns: ``empty``, ``greek`` (the label has a Greek letter), ``greek read, label
        latinised`` (right but for KEGG's writing of Greek), ``case``, ``symbols/spaces``,
        ``glyphs`` (0/O, 1/l/I, 5/S ...), ``one char`` (one edit away) or ``other``
    """
    if not pred:
        return "empty"
    if has_greek(gt):
        return "greek"
    if has_greek(pred) and pred.translate(LATIN_GREEK) == gt:
        return "greek read, label latinised"
    if pred.lower() == gt.lower():
        return "case"
    if strip_symbols(pred) == strip_symbols(gt):
        return "symbols/spaces"
    if strip_symbols(pred).translate(GLYPHS) == strip_symbols(gt).translate(GLYPHS):
        return "glyphs"
    from pfocr.evaluate.words import edit_distance

    if edit_distance(pred, gt) == 1:
        return "one char"
    return "other"


def report(
    rows: Sequence[tuple[str, str]], preds: Sequence[CropReading], seconds: Sequence[float]
) -> dict[str, Any]:
    """Score predictions on each split, with timing, Greek labels and error classes.

    :param rows: ``(filename, label)`` per crop
    :param preds: one reading per crop
    :param seconds: wall seconds per crop
    :returns: a JSON-ready report
    """
    out: dict[str, Any] = {}
    for split in SPLITS:
        idx = [i for i, (name, _) in enumerate(rows) if in_split(name, split)]
        out[split] = score_words((preds[i].text, rows[i][1]) for i in idx).to_json()
    greek = [i for i, (_, gt) in enumerate(rows) if has_greek(gt)]
    out["greek_labels"] = {
        "n": len(greek),
        "word_acc": round(sum(preds[i].text == rows[i][1] for i in greek) / max(1, len(greek)), 4),
    }
    classes: Counter[str] = Counter()
    examples: dict[str, list[str]] = {}
    for (name, gt), p in zip(rows, preds, strict=True):
        if p.text != gt:
            kind = error_class(p.text, gt)
            classes[kind] += 1
            examples.setdefault(kind, [])
            if len(examples[kind]) < 8:
                examples[kind].append(f"{name}: {gt!r} -> {p.text!r}")
    out["errors"] = {k: {"n": n, "examples": examples[k]} for k, n in classes.most_common()}
    out["sources"] = dict(Counter(p.source for p in preds).most_common())
    if seconds:
        out["seconds_per_crop"] = {
            "mean": round(statistics.fmean(seconds), 5),
            "median": round(statistics.median(seconds), 5),
        }
    return out


def gcv(crops: Path, rows: Sequence[tuple[str, str]]) -> list[CropReading]:
    """The published Google Cloud Vision predictions, in label order.

    :param crops: the crops folder
    :param rows: the labels
    :returns: one reading per crop (confidence 1)
    """
    data = json.loads((crops / "google_results.json").read_text(encoding="utf-8"))
    by_name = {Path(p["image path"]).name: p["prediction"] for p in data[0]["predictions"]}
    return [CropReading(by_name.get(name, ""), 1.0, "gcv") for name, _ in rows]


def run(
    crops: Path,
    rows: Sequence[tuple[str, str]],
    read: Callable[[Any], Any],
    progress: bool = True,
) -> tuple[list[Any], list[float], float]:
    """Read every crop.

    :param crops: the crops folder
    :param rows: the labels
    :param read: reads one RGB crop
    :param progress: print a dot every 100 crops to stderr
    :returns: the readings, wall seconds per crop, and CPU seconds in all
    """
    out: list[Any] = []
    seconds: list[float] = []
    cpu = time.process_time()
    for i, (name, _) in enumerate(rows):
        with Image.open(crops / "imgs" / name) as im:
            rgb = to_rgb_array(im)
        t = time.perf_counter()
        out.append(read(rgb))
        seconds.append(time.perf_counter() - t)
        if progress and i % 100 == 99:
            print(".", end="", file=sys.stderr, flush=True)
    if progress:
        print(file=sys.stderr)
    return out, seconds, time.process_time() - cpu


def sweep(
    rows: Sequence[tuple[str, str]],
    cands: Sequence[Sequence[CropReading]],
    lexicon: Any,
    fold: bool = False,
) -> tuple[float, list[dict[str, Any]]]:
    """Pick a vote's ``fallback_below`` on the tune half by exact-word accuracy.

    :param rows: the labels
    :param cands: every member's reading per crop
    :param lexicon: the lexicon for the tie-break, or None
    :param fold: the vote folds the readings
    :returns: the chosen threshold and the scores of every threshold
    """
    table = []
    best, best_acc = THRESHOLDS[0], -1.0
    for th in THRESHOLDS:
        preds = [vote(c, th, lexicon, fold) for c in cands]
        entry: dict[str, Any] = {"fallback_below": th}
        for split in SPLITS:
            idx = [i for i, (name, _) in enumerate(rows) if in_split(name, split)]
            entry[split] = round(sum(preds[i].text == rows[i][1] for i in idx) / len(idx), 4)
        table.append(entry)
        if entry["tune"] > best_acc:
            best, best_acc = th, entry["tune"]
    return best, table


def saved_candidates(
    folder: Path, set_name: str, cfg: CropConfig, rows: Sequence[tuple[str, str]]
) -> tuple[list[list[CropReading]], list[float], float]:
    """Rebuild a vote's candidates from the members' saved reports (no OCR).

    A member's per-crop seconds are its own when saved, its mean otherwise.

    :param folder: where the reports are (``<set>-<member>.json`` run with --predictions)
    :param set_name: ``pmc`` or ``kegg``
    :param cfg: the vote
    :param rows: the labels
    :returns: the candidates per crop, seconds per crop (of all members), and 0 (the CPU
        time of the vote is not known)
    """
    per_member = []
    for member in cfg.members:
        data = json.loads((folder / f"{set_name}-{member}.json").read_text(encoding="utf-8"))
        mean = float(data["seconds_per_crop"]["mean"])
        by_name = {p["filename"]: p for p in data["predictions"]}
        readings = []
        for name, _ in rows:
            p = by_name[name]
            sec = float(p.get("seconds", mean))
            readings.append(CropReading(p["text"], float(p["confidence"]), member, sec))
        per_member.append(readings)
    cands = [list(c) for c in zip(*per_member, strict=True)]
    return cands, [sum(r.seconds for r in c) for c in cands], 0.0


def joint(files: Sequence[Path]) -> dict[str, Any]:
    """Pick one ``fallback_below`` for several crop sets from their ``--sweep`` reports.

    The threshold with the most correct tune-half crops over all sets wins (the lower
    one on a tie).

    :param files: the ``--sweep`` reports (one per crop set, same configuration)
    :returns: the chosen threshold and each set's accuracies at it
    """
    reports = [json.loads(f.read_text(encoding="utf-8")) for f in files]
    tables = [r["sweep"]["exact_word_acc"] for r in reports]
    best_i, best_n = 0, -1
    for i in range(len(tables[0])):
        correct = sum(
            round(t[i]["tune"] * r["tune"]["n"]) for t, r in zip(tables, reports, strict=True)
        )
        if correct > best_n:
            best_i, best_n = i, correct
    return {
        "config": reports[0]["config"]["name"],
        "fallback_below": tables[0][best_i]["fallback_below"],
        "tune_correct": best_n,
        "sets": {Path(r["crops"]).name: t[best_i] for t, r in zip(tables, reports, strict=True)},
    }


def markdown_table(files: Sequence[Path]) -> str:
    """A Markdown table of reports: exact-word accuracy per split, seconds per crop.

    Wall seconds of a vote rebuilt with ``--from-dir`` add up its members' saved times
    for the crops where they were consulted; its CPU time is not known.

    :param files: reports written by ``--out``
    :returns: the table
    """
    lines = [
        "| configuration | set | tune | holdout | all | ignore case | ignore case+symbols "
        "| wall s/crop | CPU s/crop |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for f in files:
        r = json.loads(f.read_text(encoding="utf-8"))
        name = r["config"] if isinstance(r["config"], str) else r["config"]["name"]
        secs = r.get("seconds_per_crop", {}).get("mean")
        cells = [
            name,
            Path(r["crops"]).name,
            *(f"{r[s]['word_acc']:.3f}" for s in SPLITS),
            f"{r['all']['word_acc_ignore_case']:.3f}",
            f"{r['all']['word_acc_ignore_case_symbol']:.3f}",
            "" if secs is None else f"{secs:.3f}",
            f"{r['cpu_seconds_per_crop']:.3f}" if "cpu_seconds_per_crop" in r else "",
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--crops", type=Path, default=ROOT.parent / "shared/eval/ocr-crops/pmc")
    parser.add_argument("--config", default="rec-raw", help="a name from pfocr.ocr.crops.CONFIGS")
    parser.add_argument("--out", type=Path, default=None, help="write the JSON report here")
    parser.add_argument("--limit", type=int, default=0, help="read only the first N crops")
    parser.add_argument("--gcv", action="store_true", help="score Google Cloud Vision instead")
    parser.add_argument("--sweep", action="store_true", help="tune a vote's fallback_below")
    parser.add_argument("--list", action="store_true", help="list the configurations")
    parser.add_argument(
        "--table", type=Path, nargs="+", default=None, help="Markdown table of --out reports"
    )
    parser.add_argument(
        "--joint",
        type=Path,
        nargs="+",
        default=None,
        help="pick one fallback_below from --sweep reports of several crop sets",
    )
    parser.add_argument("--predictions", action="store_true", help="keep every reading")
    parser.add_argument("--verbose", action="store_true", help="print the whole report")
    parser.add_argument(
        "--latin-greek",
        action="store_true",
        help="score with Greek letters written as KEGG's labels write them (α -> a, β -> B)",
    )
    parser.add_argument(
        "--from-dir",
        type=Path,
        default=None,
        help="vote: take the members' readings from <dir>/<set>-<member>.json (--predictions)",
    )
    args = parser.parse_args()
    if args.list:
        for name, cfg in CONFIGS.items():
            print(name, cfg)
        return
    if args.joint:
        print(json.dumps(joint(args.joint)))
        return
    if args.table:
        print(markdown_table(args.table))
        return
    if not (args.crops / "test_label.json").is_file():
        print(f"skipped: no crops at {args.crops}", file=sys.stderr)
        return
    rows = load_labels(args.crops)
    if args.limit:
        rows = rows[: args.limit]
    result: dict[str, Any] = {"crops": str(args.crops), "n": len(rows)}
    if args.gcv:
        preds = gcv(args.crops, rows)
        seconds: list[float] = []
        result.update(config="google-cloud-vision (published predictions)")
        result.update(report(rows, preds, seconds))
    else:
        cfg = CONFIGS[args.config]
        lexicon = None
        if cfg.lexicon:
            from pfocr.lexicon import load_lexicon

            lexicon = load_lexicon()
        result["config"] = {"name": cfg.name, "spec": repr(cfg)}
        if args.from_dir and cfg.reader == "vote":
            cands, seconds, cpu = saved_candidates(args.from_dir, args.crops.name, cfg, rows)
            result["from_dir"] = str(args.from_dir)
        elif args.sweep and cfg.reader == "vote":
            reader = CropReader(cfg, lexicon=lexicon)
            reader(to_rgb_array(Image.new("RGB", (60, 20), "white")))  # load the models
            cands, seconds, cpu = run(args.crops, rows, reader.candidates)
        else:
            reader = CropReader(cfg, lexicon=lexicon)
            reader(to_rgb_array(Image.new("RGB", (60, 20), "white")))  # load the models
            preds, seconds, cpu = run(args.crops, rows, reader)
        if cfg.reader == "vote" and (args.sweep or args.from_dir):
            if not args.sweep:
                preds = [vote(c, cfg.fallback_below, lexicon, cfg.fold) for c in cands]
                best = cfg.fallback_below
            else:
                best, thresholds = sweep(rows, cands, lexicon, cfg.fold)
                preds = [vote(c, best, lexicon, cfg.fold) for c in cands]
                result["sweep"] = {"chosen_fallback_below": best, "exact_word_acc": thresholds}
            # time of the vote: the primary, plus the others where they are consulted
            seconds = [
                c[0].seconds if c[0].confidence >= best else sum(r.seconds for r in c)
                for c in cands
            ]
            consulted = sum(c[0].confidence < best for c in cands)
            result["consulted_others"] = round(consulted / max(1, len(cands)), 4)
        if cpu:
            result["cpu_seconds_per_crop"] = round(cpu / max(1, len(rows)), 5)
        result.update(report(rows, preds, seconds))
    if args.latin_greek:
        preds = [replace(p, text=p.text.translate(LATIN_GREEK)) for p in preds]
        result["scoring"] = "Greek letters of the predictions written as in KEGG labels"
        result.update(report(rows, preds, seconds))
    if args.predictions:
        result["predictions"] = [
            {
                "filename": n,
                "label": gt,
                "text": p.text,
                "confidence": round(p.confidence, 4),
                "source": p.source,
                "seconds": round(p.seconds, 5),
            }
            for (n, gt), p in zip(rows, preds, strict=True)
        ]
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n")
    summary = {s: result[s]["word_acc"] for s in SPLITS}
    name = result["config"] if isinstance(result["config"], str) else result["config"]["name"]
    print(f"{args.crops.name} {name}: exact-word accuracy {summary}", flush=True)
    if args.verbose:
        print(json.dumps({k: v for k, v in result.items() if k != "predictions"}, indent=1))


if __name__ == "__main__":
    main()
