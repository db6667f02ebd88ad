"""Genes and terms from the HGNC complete set."""

from __future__ import annotations

import csv
import gzip
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pfocr.errors import InputError
from pfocr.lexicon.models import Gene, Term
from pfocr.lexicon.normalize import norm_key

__all__ = ["HgncData", "read_hgnc"]


@dataclass
class HgncData:
    """What the HGNC complete set gives the lexicon."""

    genes: list[Gene] = field(default_factory=list)
    terms: list[Term] = field(default_factory=list)
    group_names: dict[str, str] = field(default_factory=dict)
    date: str = ""


# alias or previous names that name a disease ("Crouzon syndrome" for FGFR2, "Pompe
# disease" for GAA, "dopa-responsive dystonia" for GCH1, "citrullinemia type II" for
# SLC25A13): a figure printing them names the disease, not the gene; "hepatic leukemia
# factor" (HLF) names a protein
_DISEASE_NAME = re.compile(
    r"\b(?:syndrome|disease|deficiency|dystrophy|dystonia|ataxia|neuropathy|myopathy"
    r"|dysplasia|anemia|(?!leuk)\w+emia|\w+uria)\b",
    re.IGNORECASE,
)

# a name that is all a disease's ("allergic rhinitis" for IL13, "ankylosing spondylitis"
# for HLA-B, "adrenoleukodystrophy", an alias symbol of ABCD1)
_DISEASE_WHOLE = re.compile(r"^(?:[\w,-]+\s){0,3}[\w-]*(?:itis|dystrophy)$", re.IGNORECASE)

# alias or previous names made only of generic words ("DNA-binding protein" for GLI3,
# "ubiquitin-protein ligase" for UBE2S, "B-cell activation" for BLNK): printed in a
# figure they name a kind of protein or a process, not one gene; a letter, Greek letter
# or number makes a name specific ("protein kinase B")
_GENERIC_TEXT = (
    "protein proteins binding dna rna calcium activation ligase envelope kinase related "
    "associated factor receptor chain heavy light molecule gene cell ubiquitin "
    "intermediate filament ras mitochondrial fission nuclear membrane transport "
    "transporter channel enzyme repair phosphate sodium co-transporter cotransporter "
    "acidic small sugar specific surface similar interacting containing inhibitor "
    "differentiation migration neuronal survival tumor antigen"
)
_GENERIC_WORDS = frozenset(_GENERIC_TEXT.split())

_REQUIRED = ("hgnc_id", "symbol", "name", "status", "alias_symbol", "prev_symbol", "entrez_id")


def _split(value: str | None) -> list[str]:
    if not value:
        return []
    return [v.strip().strip('"') for v in value.split("|") if v.strip().strip('"')]


def _open_text(path: Path) -> io.TextIOBase:
    raw = path.read_bytes()
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    return io.StringIO(raw.decode("utf-8"))


def read_hgnc(path: Path) -> HgncData:
    """Read the HGNC complete set (TSV, optionally gzipped).

    :param path: ``hgnc_complete_set.txt`` or ``.txt.gz``
    :returns: approved genes, their terms, gene group names and the newest
        ``date_modified`` (the source's version)
    :raises InputError: when the file is not an HGNC complete set
    """
    try:
        handle = _open_text(path)
    except (OSError, UnicodeDecodeError, EOFError, gzip.BadGzipFile) as exc:
        raise InputError(f"cannot read HGNC file {path}: {exc}") from exc
    reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
    missing = [c for c in _REQUIRED if c not in (reader.fieldnames or [])]
    if missing:
        raise InputError(f"{path} is not an HGNC complete set (missing {', '.join(missing)})")
    out = HgncData()
    for row in reader:
        if row.get("status") != "Approved":
            continue
        gene = Gene(
            hgnc_id=row["hgnc_id"],
            symbol=row["symbol"],
            name=row["name"],
            entrez_id=row.get("entrez_id") or None,
            locus_group=row.get("locus_group") or "",
            locus_type=row.get("locus_type") or "",
            gene_groups=tuple(_split(row.get("gene_group_id"))),
            n_pubs=len(_split(row.get("pubmed_id"))),
            uniprot=tuple(_split(row.get("uniprot_ids"))),
        )
        out.genes.append(gene)
        out.date = max(out.date, row.get("date_modified") or "")
        out.terms.extend(_gene_terms(gene, row))
        names = _split(row.get("gene_group"))
        if len(names) == len(gene.gene_groups):
            out.group_names.update(zip(gene.gene_groups, names, strict=True))
    if not out.genes:
        raise InputError(f"{path} holds no approved HGNC genes")
    return out


def _gene_terms(gene: Gene, row: dict[str, str]) -> Iterator[Term]:
    def term(text: str, status: str) -> Term:
        return Term(norm_key(text), text, "HGNC", gene.hgnc_id, status, "hgnc")

    yield term(gene.symbol, "symbol")
    yield term(gene.name, "name")
    for alias in _split(row.get("alias_symbol")):
        if not _DISEASE_WHOLE.match(alias):
            yield term(alias, "alias")
    for prev in _split(row.get("prev_symbol")):
        yield term(prev, "previous")
    for name in _split(row.get("alias_name")):
        if not (_DISEASE_NAME.search(name) or _DISEASE_WHOLE.match(name) or _generic(name)):
            yield term(name, "alias_name")
    for name in _split(row.get("prev_name")):
        if not (_DISEASE_NAME.search(name) or _DISEASE_WHOLE.match(name) or _generic(name)):
            yield term(name, "prev_name")


def _generic(name: str) -> bool:
    """Whether a multi-word name is made only of generic words (see _GENERIC_WORDS)."""
    name = re.sub(r"\b[bt][\s-]cells?\b", "cell", name.casefold())  # B-cell, T cells
    words = [w for w in re.split(r"[\s/-]+", name) if w]
    return len(words) >= 2 and all(w in _GENERIC_WORDS for w in words)
