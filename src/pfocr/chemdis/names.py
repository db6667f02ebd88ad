"""Choosing what a piece of text names: the vocabulary's names of it, the figure's own
abbreviations first, ranked by how the name is known."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from pfocr.chemdis.keys import exact_key, fold_key
from pfocr.chemdis.vocabulary import Name, Vocabulary

__all__ = [
    "CONFIDENCE",
    "INFECTIONS",
    "ORGANISM_WORDS",
    "PROTEIN_HEADS",
    "Choice",
    "choose",
    "choose_keys",
    "names_other",
]

#: MeSH Infections: a bare "infection" after an organism's name is that organism's
#: infection, which the label names but the vocabulary cannot (DENV2 infection)
INFECTIONS = "MESH:D007239"

#: A chemical or disease followed by one of these names a protein or a gene (serine
#: protease, calcium channel, retinoic acid inducible gene, heat shock protein, tumor
#: necrosis factor), not the chemical or the disease.
PROTEIN_HEADS = frozenset(
    {
        "inducible", "receptor", "receptors", "kinase", "kinases", "protease", "proteases",
        "peptidase", "peptidases", "channel", "channels", "transporter", "transporters",
        "synthase", "sensor", "sensors", "responsive", "binding", "residue", "residues",
        "protein", "proteins", "factor", "factors", "suppressor", "suppressors",
        "cycle", "cycles",  # a pathway: the tricarboxylic acid cycle, the urea cycle
    }
)  # fmt: skip

#: Between a substance and the head that makes it a protein: calcium ion channel.
_ION = frozenset({"ion", "ions"})

#: An enzyme is named by what it acts on and ``-ase`` (cysteine dioxygenase, homoserine
#: O-acetyltransferase, cystathionine beta-synthase); these words end so and are not
#: enzymes (calcium release, glucose uptake increase).
_ENZYME = re.compile(r"[a-z]{3,}ases?$")
_NOT_ENZYMES = frozenset(
    {
        "base", "bases", "case", "cases", "phase", "phases", "release", "releases",
        "increase", "increases", "decrease", "decreases", "disease", "diseases", "ease",
        "cease", "chase", "erase", "lease", "please", "crease", "phrase", "phrases",
        "purchase", "database", "databases", "showcase", "vase", "vases",
    }
)  # fmt: skip


def _head(word: str) -> bool:
    """A word that makes the name before it part of a protein's, a gene's, a pathway's or
    an organism's name (the last part of a hyphenated word: element-binding)."""
    last = word.rsplit("-", 1)[-1]
    if word in PROTEIN_HEADS or word in ORGANISM_WORDS or last in PROTEIN_HEADS:
        return True
    return bool(_ENZYME.fullmatch(last)) and last not in _NOT_ENZYMES


def names_other(
    vocab: Vocabulary, after: str, then: str = "", *, name_bridges: bool = True
) -> bool:
    """Whether the words after a chemical's or disease's name make it part of another
    thing's name: a protein's or gene's (``channel``, ``protein``, ``factor``, an enzyme's
    ``-ase``) or an organism's (``virus``), next or one word on where that word is
    ``ion``, a single letter or a name itself (calcium ion channel, hepatitis B virus,
    tumor necrosis factor, heat shock protein).

    :param vocab: the vocabulary
    :param after: the next word (any case; surrounding punctuation is ignored)
    :param then: the word after that
    :param name_bridges: whether a name between them bridges (not where ``then`` is on
        the line below a label of its own)
    :returns: True where the name is another thing's
    """
    word = after.strip("()[],;:.").casefold()
    if _head(word):
        return True
    if not then or not word:
        return False
    named = name_bridges and bool(vocab.lookup(after))
    bridge = word in _ION or (len(word) == 1 and word.isalnum()) or named
    return bridge and _head(then.strip("()[],;:.").casefold())


#: A name followed by one of these names an organism (rabies virus, Japanese encephalitis
#: virus), not the disease.
ORGANISM_WORDS = frozenset({"virus", "viruses", "virus-infected", "vaccine", "vaccines"})

#: A mention's confidence by the rule its name came from.
CONFIDENCE = {
    "defined": 0.95,
    "abbreviation": 0.9,
    "name": 0.95,
    "synonym": 0.9,
    "doid": 0.85,
    "lincs": 0.85,
    "ocr": 0.7,
    "organism": 0.85,
}
_RANK = {
    "defined": 0,
    "abbreviation": 1,
    "name": 2,
    "synonym": 3,
    "doid": 4,
    "lincs": 5,
    "ocr": 6,
    "organism": 7,
}


@dataclass(frozen=True)
class Choice:
    """The name a text was read as, and whether the vocabulary offered more than one
    concept for it (an ambiguous text is not accepted)."""

    name: Name
    ambiguous: bool


#: a compound's code with zeros before its number: letters, zeros, 3+ digits, a letter
_CODE_PADDING = re.compile(r"([A-Za-z]{1,5})0+([1-9][0-9]{2,})([A-Za-z]?)")


def choose(vocab: Vocabulary, text: str, local: Mapping[str, Name]) -> Choice | None:
    """What a text names, if anything.

    The figure's own abbreviations (defined in its caption) come first, then the curated
    case-sensitive abbreviations, then names looked up case-insensitively. Among names of
    several concepts the best-known rule wins; a tie between concepts is ambiguous.

    :param vocab: the vocabulary
    :param text: the text as printed
    :param local: the figure's abbreviations by :func:`exact_key`
    :returns: the choice, or None
    """
    return choose_keys(vocab, exact_key(text), fold_key(text), local)


def choose_keys(
    vocab: Vocabulary, key: str, folded: str, local: Mapping[str, Name]
) -> Choice | None:
    """:func:`choose` for a text whose keys are known.

    :param vocab: the vocabulary
    :param key: the text's :func:`exact_key`
    :param folded: its :func:`fold_key`
    :param local: the figure's abbreviations
    :returns: the choice, or None
    """
    if not key or len(folded) < 2:
        return None
    if key in local:
        return Choice(local[key], False)
    names = vocab.lookup_keys(key, folded)
    if not names:
        if _CODE_PADDING.fullmatch(folded) is None:
            return None
        # a research compound's code printed with its number zero-padded (P005091 is
        # MeSH's P5091): the code as the vocabulary lists it
        unpad = r"\1\2\3"
        names = vocab.lookup_keys(_CODE_PADDING.sub(unpad, key), _CODE_PADDING.sub(unpad, folded))
        if not names:
            return None
    best = min(_RANK[n.rule] for n in names)
    top = {n.concept: n for n in names if _RANK[n.rule] == best}
    if len(top) == 1:
        return Choice(next(iter(top.values())), False)
    # several concepts by the same rule: the one whose preferred name is the text
    same = [n for n in top.values() if fold_key(vocab.concept(n.concept).name) == folded]
    if len(same) == 1:
        return Choice(same[0], False)
    return Choice(sorted(top.values(), key=lambda n: n.concept)[0], True)
