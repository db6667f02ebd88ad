"""Words -> candidate readings: single words, multi-word names, lists, two-line labels.

Each OCR line is read left to right, the longest span first (up to ``max_ngram`` words,
eight where a line starts like a gene's multi-word name); a span is kept when its words
really make one label (the matched name has as many separators). Each label is read by
:func:`pfocr.recognize.labels.label_hits`; labels printed over two lines are joined
afterwards from the word boxes (:mod:`pfocr.recognize.layout`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from pfocr.lexicon import norm_key
from pfocr.ocr.models import Word
from pfocr.recognize.knowledge import ends_item
from pfocr.recognize.labels import label_hits
from pfocr.recognize.layout import STACKED_NAME_WORDS, stacked, stacked_names
from pfocr.recognize.lookup import Reader
from pfocr.recognize.tokens import clean_token
from pfocr.recognize.trail import Hit

__all__ = ["candidate_hits"]


def _multiword_ok(reader: Reader, hit: Hit, n_words: int) -> bool:
    d = hit.decision
    if hit.joined or hit.rule.startswith("expansion"):
        return d.kind in ("gene", "family")
    if d.kind == "family" and d.family is not None:
        term = d.family
    elif d.kind == "gene" and d.genes:
        return any(
            sum(not ch.isalnum() for ch in t.text.strip()) >= n_words - 1
            for t in reader.k.lookup(norm_key(hit.text))
            if t.db == "HGNC"
        )
    else:
        return d.kind == "not_gene"
    return sum(not ch.isalnum() for ch in term.text.strip()) >= n_words - 1


def candidate_hits(reader: Reader, words: Sequence[Word], dropped: list[Hit]) -> list[Hit]:
    """Every candidate reading of a figure's words.

    :param reader: the figure's label reader
    :param words: the OCR words
    :param dropped: receives readings that a two-line label replaced (with the reason)
    :returns: the readings, in reading order by line
    """
    by_line: dict[int, list[int]] = defaultdict(list)
    for i, w in enumerate(words):
        by_line[w.line].append(i)
    hits: list[Hit] = []
    k = reader.k
    for idxs in by_line.values():
        # word indices of one line are consecutive in reading order
        pos = 0
        while pos < len(idxs):
            taken = False
            longest = k.config.max_ngram
            if clean_token(words[idxs[pos]].text).casefold() in k.name_starts:
                longest = max(longest, STACKED_NAME_WORDS)  # "Casein kinase 1 alpha 1"
            for size in range(min(longest, len(idxs) - pos), 1, -1):
                s, e = idxs[pos], idxs[pos + size - 1] + 1
                if e - s != size or any(ends_item(words[j]) for j in range(s, e - 1)):
                    # a comma ends a label: "S, 3a" lists two proteins, not RPS3A
                    continue
                span_hits = label_hits(reader, words, s, e)
                if span_hits and all(_multiword_ok(reader, h, size) for h in span_hits):
                    hits.extend(span_hits)
                    pos += size
                    taken = True
                    break
            if not taken:
                i = idxs[pos]
                hits.extend(label_hits(reader, words, i, i + 1))
                pos += 1
    hits = stacked(reader, words, hits, dropped)
    return stacked_names(reader, words, by_line, hits, dropped)
