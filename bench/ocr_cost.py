"""Where pfocr's CPU goes, per pass, beside plain RapidOCR on the same images.

For each figure, in one process and one after the other (so every variant sees the same
machine state), this runs:

- pfocr's per-figure work as ``pfocr run`` does it (``pfocr.pipeline.work.process``:
  image decode, the OCR engine's passes, the second look, species and recognition), then
  the store write, with the CPU of each pass recorded: the detector of the first pass
  (at 2x below 1,000 px), the second detector, the orientation classifier, the
  recogniser, turned lines read again, the rest of the engine (resize, crops, tiles,
  merge), the second look, decode, recognition, store;
- plain RapidOCR with its defaults at native size (every onnxruntime thread, as a new
  user gets it), and the same with one thread (as pfocr's workers run);
- any ``--variant NAME:key=value,...`` of pfocr's engine options (a lever; and
  ``reread_every=true``: the second look reads every unsure word), whose CPU is
  reported as a ratio to the default and whose gene sets are compared with the
  default's: true genes lost or gained against the curated truth.

CPU is ``time.process_time`` (user + system of this process, every thread). Model and
lexicon loading are reported apart (once per worker process). The per-figure CPU-s
median and p90 and figures per minute per core are printed beside the numbers recorded
in ``docs/speed-reference.json`` for this CPU's make (Intel, AMD: the ratio to plain
RapidOCR depends on it, since OpenVINO's detector kernels pay on Intel's CPUs only); a set
is flagged as a regression when its CPU over plain RapidOCR's (measured in the same run,
so the machine's speed cancels out) is 15% above the reference's.

    python bench/ocr_cost.py [--pmc 45] [--wp 100] [--split all]
        [--variant today:runtime=onnxruntime] [--out FILE]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import platform
import statistics
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pfocr.evaluate.splits import in_split
from pfocr.evaluate.truth import read_truth
from pfocr.ingest import FigureInput, discover
from pfocr.lexicon import load_lexicon
from pfocr.pipeline import reread, work
from pfocr.recognize import RecognizerConfig
from pfocr.settings import Settings
from pfocr.store import FigureBundle, Store

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
REFERENCE = ROOT / "docs" / "speed-reference.json"
#: a figure set is flagged when its CPU per figure is this much above the reference
REGRESSION = 1.15

PASSES = (
    "decode",
    "detector (pass 1)",
    "second detector",
    "orientation",
    "recogniser (pass 1)",
    "recogniser (second detector's lines)",
    "turned lines read again",
    "second look",
    "recognition",
    "store",
)


@dataclass
class Clock:
    """CPU seconds per pass for the figure being measured."""

    spent: Counter[str] = field(default_factory=Counter)

    @contextlib.contextmanager
    def charge(self, name: str) -> Iterator[None]:
        start = time.process_time()
        try:
            yield
        finally:
            self.spent[name] += time.process_time() - start


CLOCK = Clock()


def timed(name: str | Callable[[], str | None], fn: Callable[..., Any]) -> Callable[..., Any]:
    """Charge a function's CPU to a pass (a callable name may say None: not charged)."""

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        label = name() if callable(name) else name
        if label is None:
            return fn(*args, **kwargs)
        with CLOCK.charge(label):
            return fn(*args, **kwargs)

    return wrapper


def instrument_engine(engine: Any) -> None:
    """Charge the engine's passes to their names (instance attributes only)."""
    passes = (
        (engine._ocr, "detector (pass 1)", "recogniser (pass 1)"),
        (engine._ocr2, "second detector", "recogniser (second detector's lines)"),
    )
    for ocr, detector, recogniser in passes:
        if ocr is None:
            continue
        ocr.detect_and_crop = timed(detector, ocr.detect_and_crop)
        ocr.cls_and_rotate = timed("orientation", ocr.cls_and_rotate)
        state = {"calls": 0, "inside": 0}
        steps = ocr.run_ocr_steps

        def run_steps(img: Any, record: Any, _steps: Any = steps, _state: Any = state) -> Any:
            _state["calls"], _state["inside"] = 0, 1
            try:
                return _steps(img, record)
            finally:
                _state["inside"] = 0

        recognize = ocr.recognize_txt

        def rec_name(_state: dict[str, int] = state, _name: str = recogniser) -> str | None:
            if not _state["inside"]:  # the second look's crops: charged to it
                return None
            _state["calls"] += 1
            return _name if _state["calls"] == 1 else "turned lines read again"

        ocr.run_ocr_steps = run_steps
        ocr.recognize_txt = timed(rec_name, recognize)


def instrument_pipeline() -> None:
    """Charge the pipeline's steps (module attributes of ``pfocr.pipeline.work``)."""
    work.load_image = timed("decode", work.load_image)  # type: ignore[attr-defined]
    work.reread_low_confidence = timed("second look", work.reread_low_confidence)  # type: ignore[attr-defined]
    work.analyse = timed("recognition", work.analyse)  # type: ignore[attr-defined]


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def summary(values: list[float]) -> dict[str, float]:
    return {
        "median": round(statistics.median(values), 3),
        "p90": round(pct(values, 0.9), 3),
        "mean": round(statistics.fmean(values), 3),
        "figures_per_min_per_core": round(60 / statistics.fmean(values), 1),
    }


def figure_sets(args: argparse.Namespace, work_dir: Path) -> dict[str, list[FigureInput]]:
    sets: dict[str, list[FigureInput]] = {}
    pmc, wp = SHARED / "eval" / "pmc", SHARED / "eval" / "wikipathways"
    if args.pmc and (pmc / "images").is_dir():
        ids = {t.figid for t in read_truth(pmc / "truth-dev.tsv")}
        found = [f for f in discover([pmc / "images"], work_dir) if isinstance(f, FigureInput)]
        chosen = [
            f for f in found if f.figure.figid in ids and in_split(f.figure.figid, args.split)
        ]
        sets["pmc"] = chosen[: args.pmc]
    if args.wp and (wp / "images").is_dir():
        dev = [d for d in sorted((wp / "dev.txt").read_text().split()) if in_split(d, args.split)]
        dev = dev[: args.wp]
        sets["wikipathways"] = [
            f
            for f in discover([wp / "images" / f"{d}.png" for d in dev], work_dir)
            if isinstance(f, FigureInput)
        ]
    return sets


def truth_genes(name: str) -> dict[str, frozenset[str]]:
    folder = {"pmc": "pmc", "wikipathways": "wikipathways"}[name]
    return {t.figid: t.genes for t in read_truth(SHARED / "eval" / folder / "truth-dev.tsv")}


def parse_variant(text: str) -> tuple[str, dict[str, Any]]:
    name, _, spec = text.partition(":")
    options: dict[str, Any] = {}
    for item in filter(None, spec.split(",")):
        key, _, value = item.partition("=")
        options[key] = {"true": True, "false": False}.get(value.lower(), value)
        with contextlib.suppress(ValueError):
            options[key] = float(value) if "." in value else int(value)
    return name, options


#: a variant's option (not the engine's): the second look reads every unsure word again,
#: as before :func:`pfocr.pipeline.reread.worth_rereading` chose among them
EVERY_WORD = "reread_every"


def engine_options(options: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in options.items() if k != EVERY_WORD}


@contextlib.contextmanager
def second_look(options: dict[str, Any]) -> Iterator[None]:
    """Run a variant's figure with the second look it asks for."""
    if not options.get(EVERY_WORD):
        yield
        return
    chosen = reread.worth_rereading
    reread.worth_rereading = lambda text: True
    try:
        yield
    finally:
        reread.worth_rereading = chosen


def make_task(item: FigureInput, options: dict[str, Any], settings: Settings) -> work.Task:
    return work.Task(
        item=item,
        ocr=None,
        engine="rapidocr",
        engine_options=options,
        recognizer=RecognizerConfig(),
        settings=settings,
        reread=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pmc", type=int, default=45, help="PMC dev figures (0: none)")
    parser.add_argument("--wp", type=int, default=100, help="WikiPathways dev renders")
    parser.add_argument("--variant", action="append", default=[], help="NAME:key=value,...")
    parser.add_argument("--split", default="all", help="all, tune or holdout figures")
    parser.add_argument("--no-plain", action="store_true", help="skip plain RapidOCR")
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()

    from rapidocr import RapidOCR

    settings = Settings()
    work_dir = Path(tempfile.mkdtemp(prefix="pfocr-cost-"))
    sets = figure_sets(args, work_dir)
    if not sets:
        print(f"skipped: no evaluation figures under {SHARED / 'eval'}", file=sys.stderr)
        return
    load: dict[str, float] = {}
    t = time.process_time()
    work.set_state(load_lexicon(settings))
    load["lexicon"] = time.process_time() - t
    variants = [("default", {})] + [parse_variant(v) for v in args.variant]
    for name, options in variants:
        t = time.process_time()
        first = sets[next(iter(sets))][0]
        engine = work._engine(make_task(first, engine_options(options), settings))
        load[f"models ({name})"] = time.process_time() - t
        if name == "default":
            instrument_engine(engine)
            placement = engine.placement.describe()  # type: ignore[attr-defined]
    instrument_pipeline()
    plain: dict[str, Any] = {}
    if not args.no_plain:
        t = time.process_time()
        plain["defaults"] = RapidOCR(params={"Global.log_level": "error"})
        plain["one thread"] = RapidOCR(
            params={
                "Global.log_level": "error",
                "EngineConfig.onnxruntime.intra_op_num_threads": 1,
                "EngineConfig.onnxruntime.inter_op_num_threads": 1,
            }
        )
        for p in plain.values():  # RapidOCR loads its models on first use
            p._load_det_model(), p._load_cls_model(), p._load_rec_model()
        load["models (plain RapidOCR, both)"] = time.process_time() - t
    store = Store(work_dir / "bench.sqlite")

    report: dict[str, Any] = {
        "placement": placement,
        "load_cpu_s": {k: round(v, 2) for k, v in load.items()},
        "sets": {},
    }
    for set_name, items in sets.items():
        truth = truth_genes(set_name)
        cpu: dict[str, list[float]] = defaultdict(list)
        spent: Counter[str] = Counter()
        genes: dict[str, dict[str, frozenset[str]]] = defaultdict(dict)
        for k, item in enumerate(items, 1):
            figid = item.figure.figid
            # each figure's variants in a new order: the one run second finds the memory
            # arenas sized and the caches warm, which would favour one variant throughout
            turn = k % len(variants)
            for name, options in variants[turn:] + variants[:turn]:
                CLOCK.spent.clear()
                start = time.process_time()
                with second_look(options):
                    result = work.process(make_task(item, engine_options(options), settings))
                if isinstance(result, FigureBundle) and name == "default":
                    with CLOCK.charge("store"):
                        store.save_figure(result)
                cpu[name].append(time.process_time() - start)
                if name == "default":
                    spent.update(CLOCK.spent)
                if isinstance(result, FigureBundle):
                    genes[name][figid] = frozenset(result.recognition.recognition.gene_set())
            for label, ocr in plain.items():
                start = time.process_time()
                ocr(str(item.image_path))
                cpu[f"plain RapidOCR, {label}"].append(time.process_time() - start)
            print(
                f"{set_name} {k}/{len(items)} {figid}: "
                + " ".join(f"{n}={v[-1]:.2f}" for n, v in cpu.items()),
                file=sys.stderr,
            )
        n = len(items)
        row: dict[str, Any] = {"figures": n, "cpu_s_per_figure": {}}
        for name, values in cpu.items():
            row["cpu_s_per_figure"][name] = summary(values)
        default_total = sum(cpu["default"])
        row["ratio_to_default"] = {
            name: round(sum(values) / default_total, 3) for name, values in cpu.items()
        }
        row["passes_cpu_s_per_figure"] = {p: round(spent[p] / n, 3) for p in PASSES}
        measured = sum(spent[p] for p in PASSES)
        row["passes_cpu_s_per_figure"]["other (resize, crops, tiles, merge, score)"] = round(
            (default_total - measured) / n, 3
        )
        base = genes["default"]
        for name, _ in variants[1:]:
            lost = gained = false_lost = false_gained = changed = 0
            for figid, default_set in base.items():
                other = genes[name].get(figid, frozenset())
                wanted = truth.get(figid, frozenset())
                changed += other != default_set
                lost += len((default_set - other) & wanted)
                gained += len((other - default_set) & wanted)
                false_lost += len((default_set - other) - wanted)
                false_gained += len((other - default_set) - wanted)
            row.setdefault("gene_sets_vs_default", {})[name] = {
                "figures_changed": changed,
                "true_genes_lost": lost,
                "true_genes_gained": gained,
                "false_genes_lost": false_lost,
                "false_genes_gained": false_gained,
            }
        tp = sum(len(s & truth.get(f, frozenset())) for f, s in base.items())
        fp = sum(len(s - truth.get(f, frozenset())) for f, s in base.items())
        fn = sum(len(truth.get(f, frozenset()) - s) for f, s in base.items())
        row["default_genes"] = {"tp": tp, "fp": fp, "fn": fn}
        report["sets"][set_name] = row
        print(f"{set_name}: {json.dumps(row)}", file=sys.stderr, flush=True)
    compare(report)
    text = json.dumps(report, indent=2)
    print(text)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text)


def cpu_name() -> str:
    """The CPU's model name (``/proc/cpuinfo``; the platform's processor string elsewhere)."""
    info = Path("/proc/cpuinfo")
    if info.is_file():
        for line in info.read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def compare(report: dict[str, Any]) -> None:
    """Print each set's default CPU beside the reference numbers in docs/ for this CPU's
    make: the ratio to plain RapidOCR measured in the same run where there is one
    (machine speed cancels out), else the median."""
    if not REFERENCE.is_file():
        return
    cpu = cpu_name()
    matching = [r for r in json.loads(REFERENCE.read_text())["cpus"] if r["match"] in cpu]
    if not matching:
        print(f"no reference numbers for this CPU ({cpu}) in {REFERENCE.name}", file=sys.stderr)
        return
    reference = matching[0]
    report["reference_cpu"] = reference["cpu"]
    for set_name, row in report["sets"].items():
        ref = reference.get(set_name)
        if not isinstance(ref, dict):
            continue
        now = row["cpu_s_per_figure"]["default"]
        plain = row["cpu_s_per_figure"].get("plain RapidOCR, defaults")
        if plain:
            value = now["mean"] / plain["mean"]
            was = ref["mean"] / ref["plain_rapidocr_defaults_mean"]
            what = "CPU per figure over plain RapidOCR's"
        else:
            value, was, what = now["median"], ref["median"], "median CPU-s per figure"
        flag = "REGRESSION" if value > was * REGRESSION else "ok"
        print(
            f"{set_name}: pfocr {what} {value:.3f} (reference {was:.3f}); "
            f"median {now['median']} / p90 {now['p90']} CPU-s, "
            f"{now['figures_per_min_per_core']} figures per minute per core: {flag}",
            file=sys.stderr,
        )
        row["reference"] = ref
        row["regression"] = flag != "ok"


if __name__ == "__main__":
    main()
