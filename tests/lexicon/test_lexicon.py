"""Compiling, saving and loading the lexicon; HGNC download against a local server."""

from __future__ import annotations

import gzip
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from pfocr.errors import InputError
from pfocr.lexicon import Lexicon, default_lexicon_path, hgnc_source, load_lexicon, norm_key
from pfocr.lexicon.download import download
from pfocr.lexicon.famplex import famplex_dir
from pfocr.lexicon.hgnc import read_hgnc
from pfocr.settings import Settings

COLUMNS = [
    "hgnc_id", "symbol", "name", "status", "alias_symbol", "prev_symbol", "entrez_id",
    "locus_group", "date_modified",
]  # fmt: skip
ROWS = [
    ["HGNC:1", "TP53", "tumor protein p53", "Approved", "p53|LFS1", "", "7157",
     "protein-coding gene", "2024-01-02"],
    ["HGNC:2", "OLD1", "old gene", "Entry Withdrawn", "", "", "", "", "2020-01-01"],
    ["HGNC:3", "MDM2", "MDM2 proto-oncogene", "Approved", '"HDM2"', "MDM2P", "4193",
     "protein-coding gene", "2024-03-04"],
]  # fmt: skip
TINY = "\n".join("\t".join(r) for r in [COLUMNS, *ROWS])


def test_read_hgnc_tiny(tmp_path: Path) -> None:
    path = tmp_path / "hgnc.txt"
    path.write_text(TINY + "\n")
    data = read_hgnc(path)
    assert [g.symbol for g in data.genes] == ["TP53", "MDM2"]  # withdrawn entries dropped
    assert data.date == "2024-03-04"
    statuses = {(t.text, t.status) for t in data.terms}
    assert ("p53", "alias") in statuses and ("HDM2", "alias") in statuses
    assert ("MDM2P", "previous") in statuses and ("tumor protein p53", "name") in statuses


@pytest.mark.parametrize("content", [b"", b"not\ta\theader\n", b"\x1f\x8bbroken gzip"])
def test_read_hgnc_rejects_other_files(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "hgnc.txt"
    path.write_bytes(content)
    with pytest.raises(InputError):
        read_hgnc(path)


def test_real_lexicon(lexicon: Lexicon) -> None:
    assert len(lexicon.genes) > 40_000
    assert lexicon.version.startswith("hgnc2024")
    assert "famplex" in lexicon.version
    akt = lexicon.families["FPLX:AKT"]
    assert set(akt.members) == {"AKT1", "AKT2", "AKT3"}
    nfkb = lexicon.families["FPLX:NFkappaB"]
    assert {"RELA", "NFKB1"} <= set(nfkb.members)
    assert any(t.db == "NOTGENE" for t in lexicon.lookup(norm_key("ATP")))
    assert next(t.status for t in lexicon.lookup("tp53") if t.db == "HGNC") == "symbol"
    # disease names among HGNC's alias names are not gene names
    assert not lexicon.lookup(norm_key("Crouzon syndrome"))
    assert not lexicon.lookup(norm_key("Pompe disease"))
    assert not lexicon.lookup(norm_key("dopa-responsive dystonia"))  # GCH1's
    assert not lexicon.lookup(norm_key("citrullinemia type II"))  # SLC25A13's
    assert not lexicon.lookup(norm_key("allergic rhinitis"))  # IL13's
    assert not lexicon.lookup(norm_key("adrenoleukodystrophy"))  # an alias symbol of ABCD1
    hlf = lexicon.lookup(norm_key("hepatic leukemia factor"))  # a protein, not a disease
    # nor names made only of generic words; a letter makes one specific
    for generic in ("ubiquitin-protein ligase", "B-cell activation", "DNA-binding protein"):
        assert not any(t.db == "HGNC" for t in lexicon.lookup(norm_key(generic))), generic
    pkb = lexicon.lookup(norm_key("protein kinase B"))
    assert any(lexicon.genes[t.id].symbol == "AKT1" for t in pkb if t.db == "HGNC")
    assert any(lexicon.genes[t.id].symbol == "HLF" for t in hlf if t.db == "HGNC")
    fgfr2 = lexicon.lookup(norm_key("fibroblast growth factor receptor 2"))
    assert any(lexicon.genes[t.id].symbol == "FGFR2" for t in fgfr2 if t.db == "HGNC")


@pytest.mark.parametrize(
    ("query", "symbol", "how"),
    [
        ("TP53", "TP53", "symbol"),
        ("tp53", "TP53", "case"),
        ("IKBKAP", "ELP1", "previous"),
        ("NEMO", "IKBKG", "curated"),
        ("TAK1", "MAP3K7", "curated"),  # FamPlex's reading, not the NR2C2 alias
        ("IKKG", "IKBKG", "alias"),
        ("IAP", None, "ambiguous"),
        ("NOTAGENE123", None, "unknown"),
    ],
)
def test_resolve_symbol(lexicon: Lexicon, query: str, symbol: str | None, how: str) -> None:
    match = lexicon.resolve_symbol(query)
    assert (match.symbol, match.how) == (symbol, how)


def test_save_load_round_trip(lexicon: Lexicon, tmp_path: Path) -> None:
    small = Lexicon(
        "v-test",
        [lexicon.by_symbol["TP53"], lexicon.by_symbol["MDM2"]],
        [t for k in ("tp53", "mdm2", "hdm2") for t in lexicon.lookup(k) if t.db == "HGNC"],
        [lexicon.families["FPLX:AKT"]],
    )
    path = tmp_path / "lex.json.gz"
    small.save(path)
    back = Lexicon.load(path)
    assert back.version == "v-test"
    assert back.by_symbol["TP53"] == lexicon.by_symbol["TP53"]
    assert back.lookup("hdm2") == small.lookup("hdm2")
    assert back.families == small.families


def test_a_saved_lexicon_loads_to_the_same_index_without_sorting_again(
    lexicon: Lexicon, tmp_path: Path
) -> None:
    # the whole lexicon, its terms handed over weakest first and in reverse key order:
    # the constructor deduplicates and sorts them; the file keeps that order, so loading
    # it (which only groups the rows by key) must give the same index
    flat = [t for ts in reversed(list(lexicon.terms.values())) for t in reversed(ts)]
    built = Lexicon(lexicon.version, lexicon.genes.values(), flat + flat[:500])
    path = tmp_path / "lex.json.gz"
    built.save(path)
    back = Lexicon.load(path)
    assert back.terms == built.terms
    assert list(back.terms) == list(built.terms)
    assert back.resolve_symbol("HDM2") == built.resolve_symbol("HDM2")
    multi = [k for k, ts in built.terms.items() if len(ts) > 1 and k != "tp53"]
    assert multi and all(back.terms[k] == built.terms[k] for k in multi)
    # terms handed over as already deduplicated keep their order, a key's runs joined
    a1, a2 = built.terms[multi[0]][:2]
    (b,) = built.terms["tp53"][:1]
    given = Lexicon("v", built.genes.values(), [a1, b, a2], deduplicated=True)
    assert given.terms == {a1.norm: (a1, a2), "tp53": (b,)}


def test_load_rejects_other_files(tmp_path: Path) -> None:
    path = tmp_path / "x.json.gz"
    path.write_bytes(gzip.compress(b'{"format": "something else"}'))
    with pytest.raises(InputError, match="not a pfocr lexicon"):
        Lexicon.load(path)
    with pytest.raises(InputError):
        Lexicon.load(tmp_path / "missing.json.gz")


def test_famplex_tables_are_found() -> None:
    assert (famplex_dir() / "entities.csv").is_file()


def test_data_dir_without_hgnc(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no hgnc"):
        hgnc_source(Settings(data_dir=tmp_path, cache_dir=tmp_path / "c"))


class _Handler(http.server.BaseHTTPRequestHandler):
    body = b""

    def do_GET(self) -> None:
        if self.path == "/hgnc_complete_set.txt":
            self.send_response(200)
            self.send_header("Content-Length", str(len(self.body)))
            self.end_headers()
            self.wfile.write(self.body)
        else:
            self.send_response(404)
            self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    _Handler.body = (TINY + "\n").encode()
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_download_and_build_from_recorded_response(
    server: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("pfocr.lexicon.build.HGNC_URL", f"{server}/hgnc_complete_set.txt")
    settings = Settings(cache_dir=tmp_path / "cache", data_dir=None, lexicon=None)
    lex = load_lexicon(settings)
    assert set(lex.by_symbol) == {"TP53", "MDM2"}
    assert default_lexicon_path(settings).is_file()
    assert (tmp_path / "cache" / "downloads" / "hgnc_complete_set.txt").is_file()


def test_download_errors(server: str, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="404"):
        download(f"{server}/missing", tmp_path / "x")
    assert not (tmp_path / "x").exists() and not (tmp_path / "x.part").exists()
