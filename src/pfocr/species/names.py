"""The organism name table, compiled from NCBI Taxonomy and three curated lists.

Sources (all in ``pfocr/data``, each row a scientific name as NCBI spells it, never a
taxid: ids come from the taxonomy at compile time):

- ``organism_taxa.tsv``: the organisms NCBI publishes gene_info files for, other model
  organisms, common pathogens (viruses, bacteria, parasites) and the groups figures name
  ("mammals", "coronaviruses");
- ``organism_names.tsv``: the names biologists write that NCBI does not record as
  scientific or GenBank common names (``mouse``, ``murine``, ``HCV``, ``SARS-CoV-2``);
- ``cell_lines.tsv``: cell lines and the species they come from (Cellosaurus accessions).

For every taxon of the first list the table holds its scientific name, its GenBank
common name, its abbreviation (``D. melanogaster``), its genus (``Drosophila``, unless
that is an English word or a chemical's name) and the short names of its children
(``Dengue virus 2``).
Latin binomials outside the table are still found, against the whole taxonomy, by
:mod:`pfocr.species.detect`.
"""

from __future__ import annotations

import csv
import functools
import gzip
import hashlib
import logging
import os
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from wordfreq import zipf_frequency

from pfocr.data.tables import read_table
from pfocr.errors import InputError
from pfocr.settings import Settings
from pfocr.species import taxonomy

__all__ = [
    "NAMES_BUILDER",
    "NameEntry",
    "compile_names",
    "load_names",
    "names_path",
    "names_version",
]

logger = logging.getLogger(__name__)

#: Bumped whenever the compiled table would change for the same sources.
NAMES_BUILDER = "1"
_TABLES = ("organism_taxa.tsv", "organism_names.tsv", "cell_lines.tsv")
# a child's name short enough to be written in a figure (``Dengue virus 2``, not a strain
# record such as ``Influenza A virus (A/Puerto Rico/8/1934(H1N1))``)
_SHORT_NAME = re.compile(r"^[A-Za-z][\w -]{2,60}$")
_MAX_CHILDREN = 60
# a genus alone is a name only when it is no English word (``Drosophila``, not ``Homo``)
_ENGLISH_ZIPF = 3.0
# ... nor a chemical's name (``Glycine``, the soybean's genus, is the amino acid in figures)
_CHEMICAL = re.compile(r"(?:ine|ose|ol|ate|ide)$")


@dataclass(frozen=True)
class NameEntry:
    """One way of writing an organism's name."""

    text: str
    taxid: int
    #: scientific, common, abbreviation, genus, child, alias, cell line
    how: str

    @property
    def exact_case(self) -> bool:
        """A one-word name with capitals (``HeLa``, ``MHV``, ``Drosophila``) is matched as
        written; a lower-case one, or one of several words (``Canine Parvovirus`` in a
        title), in any case."""
        return " " not in self.text and self.text != self.text.lower()


def _resolve(name: str, table: str) -> int:
    taxid = taxonomy.find_scientific(name)
    if taxid is None:
        raise InputError(
            f"{table}: {name!r} is no scientific name in {taxonomy.taxonomy_version()}"
        )
    return taxid


def _seed_names(name: str, taxid: int) -> list[NameEntry]:
    out = [NameEntry(name, taxid, "scientific")]
    node = taxonomy.lookup(taxid)
    if node is None:
        return out
    if node.common_name and node.common_name.lower() != name.lower():
        out.append(NameEntry(node.common_name.lower(), taxid, "common"))
    words = name.split()
    if node.rank == "species" and len(words) == 2 and words[1].islower():
        out.append(NameEntry(f"{words[0][0]}. {words[1]}", taxid, "abbreviation"))
        genus = words[0]
        if (
            len(genus) >= 5
            and zipf_frequency(genus.lower(), "en") < _ENGLISH_ZIPF
            and not _CHEMICAL.search(genus)
        ):
            genus_id = taxonomy.find_scientific(genus)
            if genus_id is not None:
                out.append(NameEntry(genus, genus_id, "genus"))
    if node.group == "virus":
        for child_id, text in taxonomy.children(taxid)[:_MAX_CHILDREN]:
            if _SHORT_NAME.match(text):
                out.append(NameEntry(text, child_id, "child"))
    return out


def compile_names() -> list[NameEntry]:
    """Compile the name table from the taxonomy and the curated lists.

    :returns: one entry per distinct text (the first source wins: curated names over
        names derived from the taxonomy, abbreviations shared by two taxa dropped)
    :raises InputError: when a curated scientific name is not in the taxonomy
    """
    entries: list[NameEntry] = []
    for row in read_table("organism_names.tsv"):
        entries.append(
            NameEntry(row["text"], _resolve(row["scientific_name"], "organism_names.tsv"), "alias")
        )
    for row in read_table("cell_lines.tsv"):
        entries.append(
            NameEntry(row["text"], _resolve(row["scientific_name"], "cell_lines.tsv"), "cell line")
        )
    derived: list[NameEntry] = []
    for row in read_table("organism_taxa.tsv"):
        derived.extend(_seed_names(row["text"], _resolve(row["text"], "organism_taxa.tsv")))
    abbreviations: dict[str, set[int]] = {}
    for e in derived:
        if e.how == "abbreviation":
            abbreviations.setdefault(e.text, set()).add(e.taxid)
    seen = {e.text.lower() for e in entries}
    for e in derived:
        if e.how == "abbreviation" and len(abbreviations[e.text]) > 1:
            continue
        if e.text.lower() not in seen:
            seen.add(e.text.lower())
            entries.append(e)
    return entries


def _digest() -> str:
    h = hashlib.sha256(Path(__file__).read_bytes())  # this compiler, and its sources
    for name in _TABLES:
        h.update(resources.files("pfocr.data").joinpath(name).read_bytes())
    return h.hexdigest()[:12]


@functools.lru_cache(maxsize=1)
def names_version() -> str:
    """Return the table's version: taxonomy, curated lists and compiler."""
    return f"{taxonomy.taxonomy_version()}+names{_digest()}+b{NAMES_BUILDER}"


def names_path(settings: Settings) -> Path:
    """Return where the compiled table lives in the cache.

    :param settings: the settings
    :returns: ``<cache>/organisms/names-<version>.tsv.gz``
    """
    return settings.cache_dir / "organisms" / f"names-{names_version()}.tsv.gz"


def _save(entries: list[NameEntry], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.part")
    with gzip.open(tmp, "wt", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t", quoting=csv.QUOTE_NONE, lineterminator="\n")
        writer.writerow(["text", "taxid", "how"])
        writer.writerows((e.text, e.taxid, e.how) for e in entries)
    tmp.replace(path)


def _read(path: Path) -> tuple[NameEntry, ...]:
    with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        return tuple(NameEntry(r["text"], int(r["taxid"]), r["how"]) for r in reader)


@functools.lru_cache(maxsize=2)
def _load(path: Path) -> tuple[NameEntry, ...]:
    if not path.is_file():
        logger.info("compiling the organism names into %s", path)
        _save(compile_names(), path)
    return _read(path)


def load_names(settings: Settings | None = None) -> tuple[NameEntry, ...]:
    """Load the compiled table from the cache, compiling it first when missing.

    :param settings: the settings (read from the environment when None)
    :returns: the entries
    """
    return _load(names_path(settings or Settings()))
