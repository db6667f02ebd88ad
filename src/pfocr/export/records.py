"""PFOCR-compatible figure records: Markdown with YAML front matter (DESIGN §5).

The front matter has exactly the keys, in the order, of the PFOCR website's records
(``reference/pfocr-record-PMC3962044.md``), including its conventions for missing
values (``.na.character`` for text, ``''`` for the year). ``keywords`` holds the
figure's gene set (families are not expanded); ``schema-jsonld`` is a schema.org
Dataset describing the figure.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from pfocr.export.gmt import clean_field
from pfocr.store import FigureRecord, Store

__all__ = ["RECORD_KEYS", "record_front_matter", "record_markdown", "write_records"]

#: The keys of a PFOCR record, in order.
RECORD_KEYS = (
    "figid",
    "figtitle",
    "organisms",
    "organisms_ner",
    "pmcid",
    "filename",
    "figlink",
    "number",
    "caption",
    "papertitle",
    "reftext",
    "year",
    "doi",
    "journal_title",
    "journal_nlm_ta",
    "publisher_name",
    "keywords",
    "automl_pathway",
    "figid_alias",
    "figtype",
    "redirect_from",
    "ndex",
    "seo",
    "schema-jsonld",
)

_NA = ".na.character"


def _text(value: str | None) -> str:
    return clean_field(value) or _NA


def record_front_matter(
    record: FigureRecord, base_url: str = "https://pfocr.wikipathways.org"
) -> dict[str, Any]:
    """Return the front matter of a figure's record, keys in PFOCR order.

    :param record: the stored figure
    :param base_url: the site the record's ``@id`` points to
    :returns: the mapping
    """
    fig, paper = record.figure, record.paper
    genes = [g.symbol for g in record.genes]
    alias = f"{fig.pmcid}__{fig.number}" if fig.pmcid and fig.number else fig.figid
    caption = clean_field(fig.caption)
    data: dict[str, Any] = {
        "figid": fig.figid,
        "figtitle": clean_field(fig.figtitle),
        "organisms": [o.name for o in record.organisms] or ["NA"],
        "organisms_ner": [o.name for o in record.organisms if o.draws] or ["NA"],
        "pmcid": fig.pmcid or _NA,
        "filename": fig.filename or _NA,
        "figlink": fig.figlink or _NA,
        "number": fig.number or _NA,
        "caption": caption,
        "papertitle": _text(paper.papertitle if paper else None),
        "reftext": _text(paper.reftext if paper else None),
        "year": paper.year if paper and paper.year else "",
        "doi": _text(paper.doi if paper else None),
        "journal_title": _text(paper.journal_title if paper else None),
        "journal_nlm_ta": _text(paper.journal_nlm_ta if paper else None),
        "publisher_name": _text(paper.publisher_name if paper else None),
        "keywords": genes,
        "automl_pathway": record.pathway_score if record.pathway_score is not None else "",
        "figid_alias": alias,
        "figtype": fig.figtype or "Figure",
        "redirect_from": f"/figures/{alias}",
        "ndex": "",
        "seo": "CreativeWork",
        "schema-jsonld": {
            "@context": "https://schema.org/",
            "@id": f"{base_url.rstrip('/')}/figures/{fig.figid}.html",
            "@type": "Dataset",
            "description": caption or clean_field(fig.figtitle),
            "license": "CC0",
            "name": clean_field(fig.figtitle) or fig.figid,
            "creator": {"@type": "Organization", "name": "pfocr"},
            "keywords": list(genes),  # a copy: YAML would write an anchor for a shared list
        },
    }
    return data


def _taxid(taxid: int) -> str:
    return f"taxid {taxid}" if taxid else "not in NCBI Taxonomy"


def _concept_lines(store: Store, figid: str) -> list[str]:
    """The record's chemicals and diseases: ``Name (MESH:D008070; as LPS, figure)``."""
    lines = []
    mentions = store.chemicals(figid)
    for kind, title in (("chemical", "Chemicals (MeSH)"), ("disease", "Diseases (MeSH)")):
        found: dict[str, tuple[str, list[str], list[str]]] = {}
        for m in mentions:
            if m.kind == kind:
                _name, labels, sources = found.setdefault(m.concept, (m.name, [], []))
                if m.text not in labels:
                    labels.append(m.text)
                if m.source not in sources:
                    sources.append(m.source)
        if found:
            items = [
                f"{name} ({cid}; as {', '.join(labels)}; {', '.join(sources)})"
                for cid, (name, labels, sources) in found.items()
            ]
            lines += ["", f"{title}: " + "; ".join(items)]
    return lines


def record_markdown(record: FigureRecord, store: Store | None = None) -> str:
    """Render a figure's record as Markdown with YAML front matter.

    :param record: the stored figure
    :param store: the store, to list family mentions in the body (optional)
    :returns: the Markdown text
    """
    front = yaml.safe_dump(
        record_front_matter(record), sort_keys=False, allow_unicode=True, width=88
    )
    body = [f"# {clean_field(record.figure.figtitle) or record.figure.figid}", ""]
    if record.genes:
        body.append("Genes: " + ", ".join(g.symbol for g in record.genes))
    if record.organisms:
        body.append("")
        body.append(
            "Organisms (NCBI Taxonomy): "
            + "; ".join(f"{o.name} ({_taxid(o.taxid)}, {o.role})" for o in record.organisms)
        )
    if store is not None:
        fams = sorted({f.name for f in store.family_mentions(record.figure.figid)})
        if fams:
            body.append("")
            body.append("Families (not expanded): " + ", ".join(fams))
        body += _concept_lines(store, record.figure.figid)
    return f"---\n{front}---\n" + "\n".join(body) + "\n"


def write_records(store: Store, out: Path, min_genes: int | None = None) -> Iterator[Path]:
    """Write one ``<figid>.md`` per stored figure.

    :param store: the store
    :param out: the output folder (created)
    :param min_genes: only figures with at least this many genes (all when None)
    :yields: the files written
    """
    out.mkdir(parents=True, exist_ok=True)
    for record in store.iter_figures():
        if min_genes is not None and len(record.genes) < min_genes:
            continue
        safe = "".join(c if c.isalnum() or c in "._-" else "_" for c in record.figure.figid)
        path = out / f"{safe}.md"
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(record_markdown(record, store), encoding="utf-8")
        tmp.replace(path)
        yield path
