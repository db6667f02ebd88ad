"""Chemicals and diseases among a figure's OCR words.

Words are read along their OCR line as n-grams, the longest name first, and a word
joined by ``/`` or ``,`` (``PIP2/PIP3``) part by part. A word that recognition read as a
gene or a family is the gene's: only a longer name that takes in other words too can
claim it (``insulin resistance``). A name marked as a label (``lead``, ``Fe``, ``RA``) is
accepted only where it stands alone, its line holding at most one other word.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence

from pfocr.chemdis.fuzzy import near_names
from pfocr.chemdis.infections import infection_of, organism_before
from pfocr.chemdis.models import ChemMention
from pfocr.chemdis.names import (
    CONFIDENCE,
    INFECTIONS,
    Choice,
    choose,
    names_other,
)
from pfocr.chemdis.vocabulary import Name, Vocabulary
from pfocr.ocr.models import Box, Word, bbox_of

__all__ = ["MAX_WORDS", "find_in_words"]

#: The longest name read, in words.
MAX_WORDS = 5
_PARTS = re.compile(r"[/,]")
_WORDLIKE = re.compile(r"\w")
_UNSURE_OCR = 0.6  # a word read less surely than this lowers the mention's confidence


def _union(boxes: Sequence[Box]) -> Box:
    xs = [x for b in boxes for x, _ in b]
    ys = [y for b in boxes for _, y in b]
    x0, y0, x1, y1 = min(xs), min(ys), max(xs), max(ys)
    return ((x0, y0), (x1, y0), (x1, y1), (x0, y1))


def _mention(
    vocab: Vocabulary, choice: Choice, text: str, span: Sequence[int], words: Sequence[Word]
) -> ChemMention:
    concept = vocab.concept(choice.name.concept)
    sure = min(words[i].confidence for i in span)
    confidence = CONFIDENCE[choice.name.rule] * (1.0 if sure >= _UNSURE_OCR else 0.8)
    return ChemMention.of(
        concept,
        text=text,
        rule=choice.name.rule,
        source="figure",
        confidence=round(confidence, 3),
        box=_union([words[i].box for i in span]),
        start=span[0],
        end=span[-1] + 1,
    )


def _read(
    vocab: Vocabulary,
    text: str,
    local: Mapping[str, Name],
    alone: bool,
) -> Choice | None:
    choice = choose(vocab, text, local)
    if choice is None or choice.ambiguous or (choice.name.label and not alone):
        return None
    return choice


def find_in_words(
    vocab: Vocabulary,
    words: Sequence[Word],
    claimed: Collection[int],
    local: Mapping[str, Name],
) -> list[ChemMention]:
    """The chemicals and diseases a figure's words name.

    :param vocab: the vocabulary
    :param words: the OCR words
    :param claimed: indexes of words recognition read as genes or families
    :param local: the figure's own abbreviations (see
        :func:`~pfocr.chemdis.prose.defined_abbreviations`)
    :returns: the mentions, in word order
    """
    lines: dict[int, list[int]] = defaultdict(list)
    for i, w in enumerate(words):
        lines[w.line].append(i)
    out: list[ChemMention] = []
    for idx in lines.values():
        alone = len(idx) <= 2
        k = 0
        while k < len(idx):
            parts = _parts(vocab, words, idx[k], claimed, local, alone)
            if parts:
                out += parts
                k += 1
                continue
            step = 1
            for n in range(min(MAX_WORDS, len(idx) - k), 0, -1):
                span = idx[k : k + n]
                if all(i in claimed for i in span) or (n == 1 and span[0] in claimed):
                    continue
                if not (
                    _WORDLIKE.search(words[span[0]].text) and _WORDLIKE.search(words[span[-1]].text)
                ):
                    continue  # a span starts and ends with a word, not a sign (+ GTP, GDP →)
                text = " ".join(words[i].text for i in span)
                choice = _read(vocab, text, local, alone)
                if choice is None:
                    continue
                if choice.name.concept == INFECTIONS and n == 1 and k > 0:
                    infected = _infection(vocab, words, idx, k, claimed)
                    if infected is not None:  # an organism's infection, named or not
                        out += infected
                        break
                if _names_other(vocab, words, span, idx[k + n : k + n + 2]):
                    continue
                out.append(_mention(vocab, choice, text, span, words))
                step = n
                break
            else:
                misread = _misread(vocab, words, idx, k, claimed)
                if misread is not None:
                    out.append(misread)
            k += step
    return out


def _misread(
    vocab: Vocabulary, words: Sequence[Word], idx: Sequence[int], k: int, claimed: Collection[int]
) -> ChemMention | None:
    """A word no name matched, read as the one name it is an OCR error or two from
    (:mod:`pfocr.chemdis.fuzzy`), unless the words after it make it a protein's."""
    i = idx[k]
    if i in claimed:
        return None
    name = near_names(vocab).nearest(words[i].text)
    if name is None:
        return None
    choice = Choice(name, False)
    if _names_other(vocab, words, [i], idx[k + 1 : k + 3]):
        return None
    return _mention(vocab, choice, words[i].text, [i], words)


def _names_other(
    vocab: Vocabulary, words: Sequence[Word], span: Sequence[int], rest: Sequence[int]
) -> bool:
    """Whether the words after a name (``rest``: the next two of its line) make it another
    thing's: an organism's (rabies virus), a protein's (calcium channel, heat shock
    protein, cysteine dioxygenase). Where the line ends first, the line just below
    continues a label broken over lines (Glutamine / Transporters, Calcium ion /
    channels); a name there (a label of its own) bridges nothing."""
    after = [words[i].text for i in rest]
    if len(after) < 2:
        after += _below(words, [*span, *rest])[: 2 - len(after)]
    if not after:
        return False
    then = after[1] if len(after) > 1 else ""
    return names_other(vocab, after[0], then, name_bridges=len(rest) != 1)


def _infection(
    vocab: Vocabulary, words: Sequence[Word], idx: Sequence[int], k: int, claimed: Collection[int]
) -> list[ChemMention] | None:
    """``infection`` at ``idx[k]`` after an organism's name: that organism's infection
    (:mod:`pfocr.chemdis.infections`), or nothing where the vocabulary cannot name it;
    None where no organism is named before it (a bare infection)."""
    before = [i for i in idx[max(0, k - 3) : k] if i not in claimed]
    named = organism_before([words[i].text for i in before])
    if named is None:
        return None
    m, taxid = named
    concept = infection_of(vocab, taxid)
    if concept is None:
        return []
    span = [*before[-m:], idx[k]]
    text = " ".join(words[i].text for i in span)
    return [_mention(vocab, Choice(Name(concept, "organism"), False), text, span, words)]


def _below(words: Sequence[Word], span: Sequence[int]) -> list[str]:
    """The first two words of the line just below a span ending its line (a label broken
    over lines: ``Glutamine`` above ``Transporters``), left to right; none when no line
    starts within a line's height under it, overlapping it across."""
    x0, y0, x1, y1 = bbox_of(_union([words[i].box for i in span]))
    height = y1 - y0
    under = []
    for i, w in enumerate(words):
        wx0, wy0, wx1, _ = w.bbox
        across = wx0 < x1 and wx1 > x0
        if across and i not in span and y1 - 0.3 * height <= wy0 <= y1 + 0.8 * height:
            under.append((wy0, wx0, i))
    if not under:
        return []
    _, left, first = min(under)
    line = words[first].line
    row = sorted((w.bbox[0], i) for i, w in enumerate(words) if w.line == line)
    return [words[i].text for x, i in row if x >= left][:2]


def _parts(
    vocab: Vocabulary,
    words: Sequence[Word],
    i: int,
    claimed: Collection[int],
    local: Mapping[str, Name],
    alone: bool,
) -> list[ChemMention]:
    """A word joined by ``/`` or ``,`` whose parts are names (``PIP2/PIP3``,
    ``Disulfiram/Copper``): one mention per part, when at least one part is a name and
    the word is not a gene's; a label's parts are labels too."""
    text = words[i].text
    if i in claimed or not _PARTS.search(text):
        return []
    out = []
    for part in (p.strip() for p in _PARTS.split(text)):
        choice = _read(vocab, part, local, alone) if part else None
        if choice is not None:
            out.append(_mention(vocab, choice, part, [i], words))
    return out
