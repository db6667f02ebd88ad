"""``pfocr eval``: run (or reuse) the pipeline on a truth set's figures and score it."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Annotated

import typer

from pfocr.cli.app import JsonOption, app, guarded
from pfocr.cli.run import (
    BarProgress,
    DetectorOption,
    DeviceOption,
    EngineOption,
    RereadOption,
    RuntimeOption,
    UpscaleOption,
    WorkersOption,
    engine_options,
)
from pfocr.errors import InputError
from pfocr.evaluate import SPLITS, Scores, in_split, read_truth, score_sets
from pfocr.evaluate.chemdis import ConceptScores, score_concepts
from pfocr.evaluate.edges import EdgeScores, read_edge_truth, score_edges
from pfocr.evaluate.lenient import family_members, mention_labels
from pfocr.evaluate.organisms import OrganismScores, read_organisms, score_organisms
from pfocr.evaluate.truth import TruthFigure
from pfocr.lexicon import load_lexicon
from pfocr.pipeline import RunConfig, run_pipeline
from pfocr.settings import Settings
from pfocr.store import Store


def _organisms(store: Store, figures: list[TruthFigure]) -> OrganismScores | None:
    """Score hosts and organism lists when the truth has an ``organisms`` column."""
    curated = {t.figid: read_organisms(t.organisms) for t in figures if t.organisms is not None}
    if not curated:
        return None
    hosts: dict[str, int | None] = {}
    listed: dict[str, list[int]] = {}
    for figid in curated:
        found = store.organisms(figid)
        drawn = [o for o in found if o.draws]
        hosts[figid] = drawn[0].taxid if drawn else None
        listed[figid] = [o.taxid for o in found]
    unread = [e for t in curated.values() for e in t.unread]
    return score_organisms(curated, hosts, listed, unread)


def _organism_report(scores: OrganismScores) -> str:
    right = scores.scored - len(scores.wrong_hosts)
    lines = [
        f"organisms: host right on {right} of {scores.scored} figures "
        f"({scores.host_accuracy:.3f}); organisms list precision {scores.precision:.3f}  "
        f"recall {scores.recall:.3f} (TP {scores.tp}, FP {scores.fp}, FN {scores.fn}; "
        f"{scores.unread} truth entries name no organism)"
    ]
    lines += [f"  wrong host: {figid}" for figid in scores.wrong_hosts]
    return "\n".join(lines)


def _concept_report(c: ConceptScores) -> str:
    s = c.scores
    lines = [
        f"{c.kind}s in the {c.where} ({len(s.figures)} figures): precision {s.precision:.3f}  "
        f"recall {s.recall:.3f}  F1 {s.f1:.3f}  (TP {s.tp}, FP {s.fp}, FN {s.fn})"
    ]
    for row in s.figures:
        if row.missed or row.extra:
            lines.append(
                f"  {row.figid}: missed {', '.join(sorted(row.missed)) or '-'}; "
                f"extra {', '.join(sorted(row.extra)) or '-'}"
            )
    return "\n".join(lines)


def _report(scores: Scores, split: str, n: int) -> str:
    lines = [
        f"{n} figures ({split}): precision {scores.precision:.3f}  recall {scores.recall:.3f}  "
        f"F1 {scores.f1:.3f}  (TP {scores.tp}, FP {scores.fp}, FN {scores.fn}); "
        f"lenient precision {scores.lenient_precision:.3f}",
    ]
    for row in scores.figures:
        if row.missed or row.extra:
            lines.append(f"  {row.figid}: {len(row.tp)} found")
            if row.missed:
                lines.append(f"    missed: {' '.join(sorted(row.missed))}")
            if row.extra:
                lines.append(f"    extra:  {' '.join(sorted(row.extra))}")
    return "\n".join(lines)


def _edges_report(scores: EdgeScores) -> str:
    lines = [
        f"edges, directed gene -> gene ({len(scores.figures)} figures): precision "
        f"{scores.precision:.3f}  recall {scores.recall:.3f}  F1 {scores.f1:.3f}  (TP "
        f"{scores.tp}, FP {scores.fp}, FN {scores.fn}); kind right on {scores.kind_accuracy:.3f}"
        " of true pairs"
    ]
    for row in scores.figures:
        if row.fp or row.fn:
            fp = " ".join(f"{s}->{t}" for s, t in sorted(row.fp)) or "-"
            fn = " ".join(f"{s}->{t}" for s, t in sorted(row.fn)) or "-"
            lines.append(f"  {row.figid}: wrong {fp}; missed {fn}")
    return "\n".join(lines)


def _edges_json(scores: EdgeScores) -> dict[str, object]:
    return {
        "precision": scores.precision,
        "recall": scores.recall,
        "f1": scores.f1,
        "tp": scores.tp,
        "fp": scores.fp,
        "fn": scores.fn,
        "kind_accuracy": scores.kind_accuracy,
        "per_figure": [
            {
                "figid": r.figid,
                "tp": sorted(f"{s}->{t}" for s, t in r.tp),
                "fp": sorted(f"{s}->{t}" for s, t in r.fp),
                "fn": sorted(f"{s}->{t}" for s, t in r.fn),
            }
            for r in scores.figures
        ],
    }


@app.command("eval")
@guarded
def eval_cmd(
    truth: Annotated[Path, typer.Option("--truth", help="Truth TSV (figid, genes, ...)")],
    images: Annotated[Path, typer.Option("--images", help="Folder with the truth's figures")],
    db: Annotated[
        Path, typer.Option("--db", help="Database for evaluation runs (kept apart from yours)")
    ] = Path("pfocr-eval.sqlite"),
    split: Annotated[str, typer.Option("--split", help="all, tune or holdout")] = "all",
    workers: WorkersOption = None,
    ocr: EngineOption = "rapidocr",
    upscale: UpscaleOption = "auto",
    second_detector: DetectorOption = True,
    reread: RereadOption = True,
    device: DeviceOption = "cpu",
    runtime: RuntimeOption = "auto",
    edges: Annotated[
        Path | None,
        typer.Option(
            "--edges", help="Interaction truth TSV: also score directed gene -> gene edges"
        ),
    ] = None,
    limit: Annotated[
        int | None, typer.Option("--limit", min=1, help="Only the first N figures of the split")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Score recognised gene sets against curated truth (micro precision, recall, F1),
    chemicals and diseases where the truth has ``chemicals`` and ``diseases`` columns, and
    directed gene -> gene interactions with ``--edges``."""
    if split not in SPLITS:
        raise InputError(f"--split must be one of {', '.join(SPLITS)}")
    if not images.is_dir():
        raise InputError(f"--images {images} is not a folder")
    figures = [t for t in read_truth(truth) if in_split(t.figid, split)][:limit]
    if not figures:
        raise InputError(f"{truth} has no figures in split {split}")
    settings = Settings()
    edge_truth = (
        read_edge_truth(edges, load_lexicon(settings).by_symbol) if edges is not None else None
    )
    config = RunConfig(
        db=db,
        workers=workers or os.cpu_count() or 1,
        engine=ocr,
        engine_options=engine_options(
            upscale, second_detector, engine=ocr, device=device, runtime=runtime
        ),
        reread=reread,
        settings=settings,
        edges=edges is not None,
        only=frozenset(t.figid for t in figures),
    )
    with BarProgress() as bar:
        summary = run_pipeline([images], config, bar)
    with Store(db, readonly=True) as store:
        predicted = {gs.figid: set(gs.genes) for gs in store.gene_sets(min_genes=1)}
        labels = mention_labels(store, [t.figid for t in figures if t.figid in predicted])
        organisms = _organisms(store, figures)
        chem = {t.figid: store.chemicals(t.figid) for t in figures if t.concepts is not None}
        drawn = {t.figid: store.edges(t.figid) for t in figures} if edge_truth is not None else {}
    edge_scores = (
        score_edges(edge_truth, drawn, [t.figid for t in figures])
        if edge_truth is not None
        else None
    )
    concepts = score_concepts(figures, chem)
    gene_figures = [t for t in figures if t.has_genes]
    members = family_members(load_lexicon(config.settings), gene_figures)
    scores = score_sets(gene_figures, predicted, labels, members)
    if as_json:
        out = {
            "split": split,
            "figures": len(figures),
            "precision": scores.precision,
            "lenient_precision": scores.lenient_precision,
            "recall": scores.recall,
            "f1": scores.f1,
            "tp": scores.tp,
            "fp": scores.fp,
            "fn": scores.fn,
            "failed": [f.source for f in summary.failures],
            "organisms": None
            if organisms is None
            else {
                "scored": organisms.scored,
                "host_accuracy": organisms.host_accuracy,
                "wrong_hosts": list(organisms.wrong_hosts),
                "precision": organisms.precision,
                "recall": organisms.recall,
                "tp": organisms.tp,
                "fp": organisms.fp,
                "fn": organisms.fn,
                "unread": organisms.unread,
            },
            "per_figure": [
                {
                    "figid": r.figid,
                    "tp": sorted(r.tp),
                    "missed": sorted(r.missed),
                    "extra": sorted(r.extra),
                }
                for r in scores.figures
            ],
            "edges": None if edge_scores is None else _edges_json(edge_scores),
            "concepts": [
                {
                    "kind": c.kind,
                    "where": c.where,
                    "precision": c.scores.precision,
                    "recall": c.scores.recall,
                    "f1": c.scores.f1,
                    "tp": c.scores.tp,
                    "fp": c.scores.fp,
                    "fn": c.scores.fn,
                    "per_figure": [
                        {"figid": r.figid, "missed": sorted(r.missed), "extra": sorted(r.extra)}
                        for r in c.scores.figures
                    ],
                }
                for c in concepts
            ],
        }
        typer.echo(json.dumps(out, indent=2))
    else:
        if gene_figures:
            typer.echo(_report(scores, split, len(gene_figures)))
        for c in concepts:
            typer.echo(_concept_report(c))
        if organisms is not None:
            typer.echo(_organism_report(organisms))
        if edge_scores is not None:
            typer.echo(_edges_report(edge_scores))
        if summary.failures:
            typer.echo(f"{len(summary.failures)} figures failed: see `pfocr run` output", err=True)
