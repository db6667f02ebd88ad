"""Chemicals and diseases in a caption or title (prose), and the abbreviations it defines.

Prose is read as word n-grams, the longest name first, never across a sentence or clause
boundary. A name marked as a label (a common English word such as ``lead``, or a short
abbreviation that prose uses otherwise) is not read in prose. ``long form (SHORT)`` where
the long form is a known name defines SHORT for the figure: ``RSV (resveratrol)`` is then
resveratrol in the image, not a virus.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from pfocr.chemdis.infections import infection_of, organism_before
from pfocr.chemdis.keys import exact_key, fold_key
from pfocr.chemdis.models import ChemMention
from pfocr.chemdis.names import (
    CONFIDENCE,
    INFECTIONS,
    choose,
    choose_keys,
    names_other,
)
from pfocr.chemdis.vocabulary import Concept, Name, Vocabulary

__all__ = ["MAX_WORDS", "Token", "defined_abbreviations", "find_in_prose", "tokens"]

#: The longest name read, in words.
MAX_WORDS = 6

_TOKEN = re.compile(r"\S+")
_LEAD = "([\"'“‘"
_TRAIL = ")]\"'”’.,;:!?"
_BOUNDARY = re.compile(r"[.;:!?]$|,$")
_WORDLIKE = re.compile(r"\w")
_BREAK = re.compile(r"[.,;:!?()\[\]]")


@dataclass(frozen=True)
class Token:
    """A word of prose: its text without surrounding punctuation, its character span, and
    whether a clause ends after it."""

    text: str
    start: int
    end: int
    stop: bool
    opens: bool


@dataclass(frozen=True)
class _Keys:
    """A word's lookup keys, with and without a trailing charge sign."""

    exact: str
    exact_body: str
    fold: str
    fold_body: str

    @classmethod
    def of(cls, word: str) -> _Keys:
        bare = word.rstrip("+-−")
        return cls(exact_key(word), exact_key(bare), fold_key(word), fold_key(bare))


def tokens(text: str) -> list[Token]:
    """Split prose into words with character spans.

    :param text: the prose
    :returns: the words
    """
    out: list[Token] = []
    for m in _TOKEN.finditer(text):
        raw = m.group()
        word = raw.lstrip(_LEAD)
        start = m.start() + len(raw) - len(word)
        stripped = word.rstrip(_TRAIL)
        # a closing parenthesis belongs to the word when it opened inside it: poly(I:C)
        while stripped.count("(") > stripped.count(")") and len(stripped) < len(word):
            stripped = word[: len(stripped) + 1]
        if not stripped and out and _BREAK.search(raw):
            # punctuation alone ends the clause too: "PI [, , ], CL" (citations removed)
            out[-1] = dataclasses.replace(out[-1], stop=True)
        if stripped:
            out.append(
                Token(
                    stripped,
                    start,
                    start + len(stripped),
                    bool(_BOUNDARY.search(raw)) or raw.endswith(")"),
                    raw.startswith("("),
                )
            )
    return out


def _spans(toks: list[Token]) -> Iterator[tuple[int, int]]:
    """Word spans that stay within one clause, longest first at each start."""
    for i in range(len(toks)):
        end = i
        while end < len(toks) and end - i < MAX_WORDS:
            end += 1
            if toks[end - 1].stop:
                break
        for j in range(end, i, -1):
            if j - i > 1 and toks[i + 1 : j] and any(t.opens for t in toks[i + 1 : j]):
                continue
            yield i, j


def defined_abbreviations(vocab: Vocabulary, text: str | None) -> dict[str, Name]:
    """The abbreviations prose defines as ``long form (SHORT)`` or ``SHORT (long form)``,
    where the long form is a name the vocabulary knows and SHORT starts with its initial.

    :param vocab: the vocabulary
    :param text: the prose
    :returns: SHORT's :func:`exact_key` -> the long form's concept
    """
    out: dict[str, Name] = {}
    if not text:
        return out
    for m in re.finditer(r"\(([^()\s]{2,12})\)", text):
        short = m.group(1)
        if not any(c.isupper() for c in short):
            continue
        words = tokens(text[: m.start()])[-MAX_WORDS:]
        for k in range(len(words), 0, -1):
            long = " ".join(t.text for t in words[-k:])
            choice = choose(vocab, long, {})
            if choice and not choice.ambiguous and long[0].casefold() == short[0].casefold():
                out.setdefault(exact_key(short), Name(choice.name.concept, "defined", exact=True))
                break
    for m in re.finditer(r"(\S{2,12}) \(([^()]{4,80})\)", text):
        short, long = m.group(1), m.group(2)
        choice = choose(vocab, long, {})
        same_initial = short[0].casefold() == long[0].casefold()
        shorter = any(c.isupper() for c in short) and len(short) < len(long)
        if choice and not choice.ambiguous and same_initial and shorter:
            out.setdefault(exact_key(short), Name(choice.name.concept, "defined", exact=True))
    return out


def _mention(
    concept: Concept, rule: str, seen: str, source: str, start: int, end: int
) -> ChemMention:
    return ChemMention.of(
        concept,
        text=seen,
        rule=rule,
        source=source,
        confidence=CONFIDENCE[rule],
        box=None,
        start=start,
        end=end,
    )


def _infection(
    vocab: Vocabulary, toks: Sequence[Token], i: int, taken: int
) -> tuple[str, int] | tuple[()] | None:
    """``infection`` at ``toks[i]`` after an organism's name, within its clause and after
    the last mention: (the disease, the organism's first word), () where the vocabulary
    cannot name that infection, None where no organism is named (a bare infection)."""
    first = i
    while first > max(taken + 1, i - 3):
        prev = toks[first - 1]
        if prev.stop and not (prev.opens and first == i):  # "(DENV2) infection" reads on
            break
        first -= 1
    named = organism_before([t.text for t in toks[first:i]])
    if named is None:
        return None
    m, taxid = named
    cid = infection_of(vocab, taxid)
    return () if cid is None else (cid, i - m)


def find_in_prose(
    vocab: Vocabulary, text: str | None, source: str, local: Mapping[str, Name]
) -> list[ChemMention]:
    """The chemicals and diseases prose names, longest names first, not overlapping.

    :param vocab: the vocabulary
    :param text: the prose (a caption or a title)
    :param source: ``caption`` or ``title``
    :param local: the figure's own abbreviations
    :returns: the mentions, in text order
    """
    if not text:
        return []
    toks = tokens(text)
    keys = [_Keys.of(t.text) for t in toks]
    taken = -1
    out = []
    for i, j in _spans(toks):
        if i <= taken:
            continue
        if not (_WORDLIKE.search(toks[i].text) and _WORDLIKE.search(toks[j - 1].text)):
            continue
        seen = text[toks[i].start : toks[j - 1].end]
        # a span's keys are its words' keys joined (a sign counts only at the end)
        exact = "".join(k.exact_body for k in keys[i : j - 1]) + keys[j - 1].exact
        folded = "".join(k.fold_body for k in keys[i : j - 1]) + keys[j - 1].fold
        choice = choose_keys(vocab, exact, folded, local)
        if choice is None or choice.ambiguous or choice.name.label:
            continue
        after = toks[j].text.casefold() if j < len(toks) and not toks[j - 1].stop else ""
        then = toks[j + 1].text if j + 1 < len(toks) and not toks[j].stop else ""
        concept = vocab.concept(choice.name.concept)
        if after and names_other(vocab, after, then):
            continue
        if concept.id == INFECTIONS and j - i == 1:
            infected = _infection(vocab, toks, i, taken)
            if infected is not None:  # an organism's infection, named or not
                if infected:
                    cid, first = infected
                    start = toks[first].start
                    out.append(
                        _mention(
                            vocab.concept(cid), "organism", text[start : toks[i].end], source,
                            start, toks[i].end,
                        )
                    )  # fmt: skip
                    taken = i
                continue
        if j - i == 1 and fold_key(seen) == seen.casefold() and len(seen) < 4:
            continue  # a short lower-case word of prose is a word
        out.append(
            _mention(concept, choice.name.rule, seen, source, toks[i].start, toks[j - 1].end)
        )
        taken = j - 1
    return out
