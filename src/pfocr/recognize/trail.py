"""Readings and their trails: what each step of recognition decided about a label, and why.

A :class:`Hit` is one reading of some OCR words (a gene, a family, or not a gene). The
passes of :mod:`pfocr.recognize.passes` change readings only through :meth:`Hit.set`
(with the reason in words) or by re-scoring candidates; the recogniser compares each
reading before and after every pass and appends a :class:`Step` (pass, before, after,
reason) when the decision changed: accepted or not, another gene, another kind.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pfocr.ocr.models import Box
from pfocr.recognize.models import Step
from pfocr.recognize.scoring import GeneScore, HitDecision

__all__ = ["Hit", "State", "Step", "describe", "notes_reason", "render", "state"]


@dataclass
class Hit:
    """One reading of OCR words ``start:end`` (end exclusive).

    :param seen: the words as printed
    :param text: what was looked up
    :param rule: how the label was formed (``expansion:list``, ``slip:end`` ...)
    :param joined: two words read as one label (``ERK`` ``1/2``)
    :param weight: a factor on the confidence (a non-mammalian figure's genes)
    :param trail: the steps so far
    :param reasons: reasons given by the pass running now (folded into its step)
    """

    start: int
    end: int
    seen: str
    text: str
    rule: str
    decision: HitDecision
    box: Box
    genes: list[GeneScore] = field(default_factory=list)
    joined: bool = False
    weight: float = 1.0
    trail: list[Step] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)

    def set(self, decision: HitDecision, reason: str) -> None:
        """Replace the decision, saying why.

        :param decision: the new decision
        :param reason: the reason, in words
        """
        self.decision = decision
        self.reasons.append(reason)


#: A reading's decision as a tuple: (kind, gene or family or reason, status, score).
State = tuple[str, str, str, float]


def state(hit: Hit) -> State:
    """A cheap snapshot of a reading's decision (compared before and after each pass)."""
    d = hit.decision
    if d.kind == "gene" and d.genes:
        top = d.genes[0]
        return ("gene", top.symbol, top.status, min(1.0, top.score) * hit.weight)
    if d.kind == "family" and d.family is not None:
        return ("family", d.family.text, d.family.id, 0.0)
    return (d.kind, d.reason, "", 0.0)


def render(snapshot: State, threshold: float) -> str:
    """A decision in words: ``gene TNF (symbol, 0.95, accepted)``."""
    kind, what, extra, score = snapshot
    if kind == "gene":
        verdict = "accepted" if score >= threshold else "below the threshold"
        return f"gene {what} ({extra}, {score:.2f}, {verdict})"
    if kind == "family":
        return f"family {what} ({extra})"
    if kind == "not_gene":
        return f"not a gene ({what})" if what else "not a gene"
    return "no reading"


def describe(hit: Hit, threshold: float) -> str:
    """A reading's decision in words: ``gene TNF (symbol, 0.95, accepted)``."""
    return render(state(hit), threshold)


_NOTE_WORDS = {
    "caption": "the caption or title names it",
    "spelt as printed": "spelt as printed",
    "coagulation": "a coagulation factor",
    "homograph": "the figure's company picks this gene",
    "short": "a label of two characters or fewer",
    "3-letter alias": "a three-letter alias",
    "non-coding": "a non-coding gene",
    "greek-like end": "its last letter looks like a Greek letter",
}


def notes_reason(notes: list[str]) -> str:
    """Scoring notes of a candidate, in words (``co-member/3`` -> 3 labels of its group).

    The first note (the status of the matching name) is said elsewhere and left out.
    """
    words = []
    for note in notes[1:]:
        if note.startswith("co-member/"):
            n = note.split("/", 1)[1]
            words.append(f"{n} other label(s) of its gene group or family in the figure")
        elif note.startswith("co-member,"):
            words.append(f"backed by genes of its group ({note.split(',', 1)[1]})")
        elif note.startswith("slip,"):
            kind = "an item of a list of genes" if note.endswith("listed") else "its group"
            words.append(f"read as a one-character OCR slip, backed by {kind}")
        elif note.startswith("english "):
            words.append(f"an English word (Zipf {note.split()[1]})")
        elif note.startswith("ocr "):
            words.append(f"OCR confidence {note.split()[1]}")
        elif note.startswith("ambiguous/"):
            words.append(f"{note.split('/', 1)[1]} genes share this label")
        elif note in _NOTE_WORDS:
            words.append(_NOTE_WORDS[note])
        else:
            words.append(f"read through the {note} variant")
    return "; ".join(words)
