"""Interactions in the store and their exports: TSV, SIF, CX2 and GPML."""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree as ET

from typer.testing import CliRunner

from pfocr.cli import app
from pfocr.edges.models import Edge, Node
from pfocr.export.edges import EDGE_COLUMNS, cx2_network, edges_sif, edges_tsv, gpml_text
from pfocr.store import Store
from pfocr.testing import build_demo_store, demo_bundles

F1 = "PMC9000001__F1"
NS = {"g": "http://pathvisio.org/GPML/2013a"}

TNF = Node("gene", "TNF-α", ("TNF",), (10.0, 10.0, 60.0, 30.0))
RECEPTOR = Node("gene", "TNFR1", ("TNFRSF1A",), (10.0, 80.0, 60.0, 100.0))
GROUP = Node("group", "TRADD/TRAF2", ("TRADD", "TRAF2"), (100.0, 80.0, 160.0, 140.0))
IKK = Node("family", "IKK", ("IKK",), (200.0, 80.0, 240.0, 100.0))
EDGES = (
    Edge(TNF, RECEPTOR, "activation", True, 0.93, ((35.0, 30.0), (35.0, 80.0))),
    Edge(RECEPTOR, GROUP, "inhibition", True, 0.81, ((60.0, 90.0), (80.0, 95.0), (100.0, 95.0))),
    Edge(GROUP, IKK, "binding", False, 0.7, ((160.0, 100.0), (200.0, 90.0))),
)


def test_store_round_trip(tmp_path: Path) -> None:
    bundle = next(demo_bundles())
    stored = bundle.recognition.edges
    assert stored, "the demo figure draws lines between recognised nodes"
    with Store(tmp_path / "s.sqlite") as store:
        store.save_figure(bundle)
        assert store.edges(bundle.figure.figid) == list(stored)
        assert store.stage(bundle.figure.figid, "edges") is not None
        assert [f for f, _ in store.all_edges()] == [bundle.figure.figid] * len(stored)


def test_tsv_has_one_row_per_member_pair() -> None:
    lines = list(edges_tsv(("F", e) for e in EDGES))
    assert lines[0].split("\t") == list(EDGE_COLUMNS)
    rows = [line.split("\t") for line in lines[1:]]
    assert [(r[1], r[2], r[3], r[4]) for r in rows] == [
        ("TNF", "TNFRSF1A", "activation", "yes"),
        ("TNFRSF1A", "TRADD", "inhibition", "yes"),
        ("TNFRSF1A", "TRAF2", "inhibition", "yes"),
        ("TRADD", "IKK", "binding", "no"),
        ("TRAF2", "IKK", "binding", "no"),
    ]
    assert rows[0][8] == "TNF-α" and rows[3][7] == "family"


def test_sif_lists_each_pair_once_over_figures() -> None:
    lines = list(edges_sif([("F1", EDGES[0]), ("F2", EDGES[0]), ("F2", EDGES[1])]))
    assert lines == [
        "TNF\tactivation\tTNFRSF1A",
        "TNFRSF1A\tinhibition\tTRADD",
        "TNFRSF1A\tinhibition\tTRAF2",
    ]


def test_cx2_is_consistent() -> None:
    doc = cx2_network("F", "TNF signalling", EDGES)
    assert doc[0] == {"CXVersion": "2.0", "hasFragments": False}
    aspects = {k: v for part in doc[1:] for k, v in part.items()}
    counts = {m["name"]: m["elementCount"] for m in aspects["metaData"]}
    nodes, edges = aspects["nodes"], aspects["edges"]
    assert counts["nodes"] == len(nodes) == 4 and counts["edges"] == len(edges) == 3
    ids = {n["id"] for n in nodes}
    assert all(e["s"] in ids and e["t"] in ids for e in edges)
    by_id = {n["id"]: n for n in nodes}
    first = edges[0]
    assert by_id[first["s"]]["v"]["name"] == "TNF"
    assert by_id[first["t"]]["v"]["represents"] == "hgnc.symbol:TNFRSF1A"
    assert (by_id[first["s"]]["x"], by_id[first["s"]]["y"]) == (35.0, 20.0)
    assert first["v"] == {"interaction": "activation", "directed": True, "confidence": 0.93}
    declared = aspects["attributeDeclarations"][0]
    for n in nodes:
        assert set(n["v"]) <= set(declared["nodes"])
    json.dumps(doc)  # plain JSON all through


def test_gpml_opens_as_a_pathway() -> None:
    root = ET.fromstring(gpml_text("F", "TNF signalling", (300, 200), EDGES).encode())
    assert root.tag == "{http://pathvisio.org/GPML/2013a}Pathway"
    assert root.get("Name") == "TNF signalling"
    nodes = root.findall("g:DataNode", NS)
    graph_ids = {n.get("GraphId") for n in nodes}
    groups = root.findall("g:Group", NS)
    assert len(groups) == 1
    members = [n for n in nodes if n.get("GroupRef") == groups[0].get("GroupId")]
    assert sorted(n.get("TextLabel") or "" for n in members) == ["TRADD", "TRAF2"]
    tnf = next(n for n in nodes if n.get("TextLabel") == "TNF")
    xref = tnf.find("g:Xref", NS)
    assert xref is not None and (xref.get("Database"), xref.get("ID")) == ("HGNC", "TNF")
    graphics = tnf.find("g:Graphics", NS)
    assert graphics is not None and graphics.get("CenterX") == "35.0"
    interactions = root.findall("g:Interaction", NS)
    assert len(interactions) == 3
    heads = []
    for inter in interactions:
        points = inter.findall("g:Graphics/g:Point", NS)
        assert len(points) == 2
        refs = [p.get("GraphRef") for p in points]
        assert all(r in graph_ids or r == groups[0].get("GraphId") for r in refs)
        heads.append(points[-1].get("ArrowHead"))
    assert heads == ["Arrow", "TBar", None]  # an undirected binding line has no head


def test_cli_export_edges(tmp_path: Path) -> None:
    db = build_demo_store(tmp_path / "demo.sqlite")
    runner = CliRunner()
    out = tmp_path / "edges.tsv"
    r = runner.invoke(app, ["export", "edges", "--db", str(db), "-o", str(out)])
    assert r.exit_code == 0, r.output
    rows = [line.split("\t") for line in out.read_text().splitlines()[1:]]
    assert ["TNF", "TNFRSF1A"] in [row[1:3] for row in rows if row[0] == F1]
    r = runner.invoke(app, ["export", "edges", "--db", str(db), "--format", "sif"])
    assert r.exit_code == 0 and "TNF\tactivation\tTNFRSF1A" in r.output.splitlines()
    folder = tmp_path / "gpml"
    r = runner.invoke(
        app, ["export", "edges", "--db", str(db), "--format", "gpml", "-o", str(folder)]
    )
    assert r.exit_code == 0, r.output
    assert (folder / f"{F1}.gpml").is_file()
    ET.parse(folder / f"{F1}.gpml")
    r = runner.invoke(app, ["export", "edges", "--db", str(db), "--format", "cx2", "--figure", F1])
    assert r.exit_code == 0 and json.loads(r.output)[0]["CXVersion"] == "2.0"
    # bad input: one line, exit 2
    r = runner.invoke(app, ["export", "edges", "--db", str(db), "--format", "png"])
    assert r.exit_code == 2 and "--format" in r.output
    r = runner.invoke(app, ["export", "edges", "--db", str(db), "--figure", "PMC0__nope"])
    assert r.exit_code == 2 and "no figure" in r.output
    r = runner.invoke(app, ["export", "edges", "--db", str(db), "--format", "cx2"])
    assert r.exit_code == 2 and "-o FOLDER" in r.output


def test_gpml_draws_a_stack_of_families_as_a_group_of_them() -> None:
    stack = Node("family", "RFX/CREB", ("RFX", "CREB"), (100.0, 80.0, 160.0, 140.0))
    edge = Edge(TNF, stack, "activation", True, 0.8, ((35.0, 30.0), (100.0, 100.0)))
    root = ET.fromstring(gpml_text("F", "stack", (300, 200), (edge,)).encode())
    [group] = root.findall("g:Group", NS)
    members = [
        n for n in root.findall("g:DataNode", NS) if n.get("GroupRef") == group.get("GroupId")
    ]
    assert [n.get("TextLabel") for n in members] == ["RFX", "CREB"]
    target = root.findall("g:Interaction/g:Graphics/g:Point", NS)[-1]
    assert target.get("GraphRef") == group.get("GraphId")
