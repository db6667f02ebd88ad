"""The chemical and disease stage: a figure's words, caption and title -> mentions.

It runs after recognition (a word read as a gene is the gene's) and reads the figure's
caption and title for the abbreviations they define, then the words, then the prose.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from pathlib import Path

from pfocr.chemdis.figure import find_in_words
from pfocr.chemdis.models import ChemMention
from pfocr.chemdis.prose import defined_abbreviations, find_in_prose
from pfocr.chemdis.vocabulary import Vocabulary
from pfocr.ocr.models import Word
from pfocr.recognize.models import Recognition
from pfocr.versions import files_digest

__all__ = ["STAGE_VERSION", "claimed_words", "find_chemdis", "stage_version"]

#: Bumped when the stored mentions change meaning (a digest of the code is part of the
#: version anyway, so any change to the stage re-runs it).
STAGE_VERSION = "1"


@functools.cache
def _code_digest() -> str:
    return files_digest(sorted(Path(__file__).parent.glob("*.py")))


def stage_version(vocab: Vocabulary) -> str:
    """The stage's version: its code and its vocabulary; a change to either re-runs the
    stage (from stored OCR) on the next ``pfocr run``.

    :param vocab: the vocabulary
    :returns: e.g. ``cd1.3f9a0c12-indra1.24.0+b1+c233fa09f``
    """
    return f"cd{STAGE_VERSION}.{_code_digest()}-{vocab.version}"


def claimed_words(recognition: Recognition | None) -> set[int]:
    """The words recognition read as genes (accepted) or families.

    :param recognition: the figure's recognition
    :returns: word indexes
    """
    out: set[int] = set()
    if recognition is None:
        return out
    for m in recognition.mentions:
        if m.accepted:
            out.update(range(m.word_start, m.word_end))
    for f in recognition.families:
        out.update(range(f.word_start, f.word_end))
    return out


def find_chemdis(
    vocab: Vocabulary,
    words: Sequence[Word],
    recognition: Recognition | None,
    figtitle: str | None,
    caption: str | None,
) -> tuple[ChemMention, ...]:
    """Every chemical and disease the figure names, in its words, caption and title.

    :param vocab: the vocabulary
    :param words: the OCR words
    :param recognition: the figure's gene recognition (None: no word is a gene's)
    :param figtitle: the figure's title
    :param caption: its caption
    :returns: figure mentions in word order, then caption, then title mentions
    """
    local = defined_abbreviations(vocab, caption)
    for key, name in defined_abbreviations(vocab, figtitle).items():
        local.setdefault(key, name)
    found = find_in_words(vocab, words, claimed_words(recognition), local)
    found += find_in_prose(vocab, caption, "caption", local)
    found += find_in_prose(vocab, figtitle, "title", local)
    return tuple(found)
