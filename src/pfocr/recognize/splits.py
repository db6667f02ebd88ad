"""One label read as several: lists and ranges (``cIAP1/2``, ``FGF1-23``, integrins) and
labels the OCR glued together (``TRAF2TRAF6``, ``TBK1NEMO``, ``SCFSkp2``)."""

from __future__ import annotations

from pfocr.ocr.models import Box
from pfocr.recognize.expand import expand_integrin, expand_list, expand_range
from pfocr.recognize.lookup import Reader
from pfocr.recognize.tokens import clean_token, is_noise
from pfocr.recognize.trail import Hit

__all__ = ["expand", "split_glued"]


def split_glued(
    reader: Reader, text: str, conf: float, start: int, end: int, seen: str, box: Box
) -> list[Hit]:
    """Split labels OCR glued together (``TRAF2TRAF6``, ``TBK1NEMO``, ``SCFSkp2``).

    Cuts are tried only where a digit meets a letter or a lower-case letter meets an
    upper-case one; every piece must be a strong match (approved symbol, curated
    name, or family) and at least one must be a gene.
    """
    if len(text) < 6 or not reader.k.config.ocr_fixes:
        return []
    if text.startswith("SCF"):
        # an SCF ubiquitin ligase named by its F-box protein (SCF^Skp2 printed
        # "SCFSkp2"): the F-box protein is the gene, SCF the complex (not KITLG)
        found = reader.classify(text[3:].lstrip("-^"), conf)
        if found is not None and found[0].kind == "gene" and found[0].genes[0].score >= 0.6:
            return [Hit(start, end, seen, found[1], "split:scf", found[0], box)]
    cuts: list[tuple[int, int]] = [
        (i, i)
        for i in range(2, len(text) - 1)
        if (text[i - 1].isdigit() and text[i].isalpha())
        or (text[i - 1].islower() and text[i].isupper())
    ]
    # complexes written with a hyphen or colon: RelB-NF-kB2, IkBα:NF-kB1
    cuts += [(i, i + 1) for i, ch in enumerate(text) if ch in "-:·" and 3 <= i < len(text) - 3]
    for i, j in cuts:
        pieces = [text[:i], text[j:]]
        hits = []
        for piece in pieces:
            found = reader.classify(piece, conf) if len(piece) >= 3 else None
            if found is None:
                break
            d, matched, _t = found
            top = d.genes[0] if d.kind == "gene" else None
            strong = d.kind == "family" or (
                top is not None
                and top.score >= 0.6
                and (
                    len(d.genes) == 1
                    or d.genes[1].score < top.score - 0.1
                    or "spelt as printed" in top.notes  # RIG-1, not RIG1
                )
                and (len(piece) >= 4 or (top.exact and top.status == "symbol"))
            )
            if not strong:
                break
            hits.append(Hit(start, end, seen, matched, "split", d, box))
        else:
            if any(h.decision.kind == "gene" for h in hits):
                return hits
    return []


def expand(
    reader: Reader, text: str, conf: float, start: int, end: int, seen: str, box: Box
) -> list[Hit]:
    """The readings of a list (``cIAP1/2``), a range (``FGF1-23``) or an integrin pair."""
    hits: list[Hit] = []
    if is_noise(text):
        # a chemical name is not a list ("cis,cis-3,6-dodecadienoyl-CoA")
        return hits
    parts = expand_list(text)
    kind = "expansion:list"
    if not parts:
        parts = expand_range(text)
        kind = "expansion:range"
    if not parts:
        parts = expand_integrin(text)
        kind = "expansion:integrin"
    for part in parts:
        found = reader.classify(clean_token(part), conf)
        if found is not None:
            d, matched, _transform = found
            if kind in ("expansion:range", "expansion:integrin") and (
                d.kind != "gene" or d.genes[0].status != "symbol"
            ):
                continue
            hits.append(Hit(start, end, seen, matched, kind, d, box))
    return hits
