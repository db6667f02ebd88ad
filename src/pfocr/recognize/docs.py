"""The page "how recognition decides" (``docs/recognition.md``), made from the pass table.

    python -m pfocr.recognize.docs > docs/recognition.md

A test checks that the committed page is what this module makes, so the page cannot
drift from the code: a new pass appears in it by its row in
:data:`pfocr.recognize.passes.PASSES`.
"""

from __future__ import annotations

import sys

from pfocr.lexicon import Lexicon, load_lexicon
from pfocr.ocr.models import Word
from pfocr.recognize.config import RecognizerConfig
from pfocr.recognize.context import FigureContext
from pfocr.recognize.models import Reading
from pfocr.recognize.passes import PASSES, SWITCHES
from pfocr.recognize.recognizer import Recognizer

__all__ = ["EXAMPLE_CAPTION", "EXAMPLE_LINES", "example_readings", "format_reading", "render"]

#: The explained example: a small TGF-β figure as OCR would give it, one list per line.
EXAMPLE_LINES: tuple[tuple[str, ...], ...] = (
    ("TGF-β", "TβRII", "TβRI"),
    ("SMAD2/3", "SMAD4", "Smads"),
    ("IAP", "XIAP", "TAK1"),
    ("PKA", "CAMP", "ATP"),
)
EXAMPLE_CAPTION = "TGF-β signalling through its receptors to SMAD2 and SMAD3."


def format_reading(r: Reading) -> list[str]:
    """A reading and its trail, as lines (what ``pfocr explain`` prints)."""
    what = r.outcome
    if r.symbol and r.outcome != "family":
        what += f" {r.symbol}"
    if r.family_id:
        what += f" {r.family_id}"
    if r.confidence is not None:
        what += f" ({r.confidence:.2f})"
    lines = [f"{r.text!r} [words {r.word_start}-{r.word_end}]: {what}"]
    for s in r.trail:
        change = f"{s.before} -> {s.after}" if s.before else s.after
        lines.append(f"    {s.stage:<11} {change}")
        if s.reason:
            lines.append(f"    {'':<11}   {s.reason}")
    return lines


def _words() -> list[Word]:
    words = []
    for line, texts in enumerate(EXAMPLE_LINES):
        x = 10.0
        for text in texts:
            w = 12.0 * len(text)
            y = 20.0 + 40.0 * line
            box = ((x, y), (x + w, y), (x + w, y + 18), (x, y + 18))
            words.append(Word(text=text, confidence=0.95, box=box, line=line))
            x += w + 60
    return words


def example_readings(lexicon: Lexicon) -> list[Reading]:
    """The example figure's readings under the default settings."""
    context = FigureContext.from_text(None, EXAMPLE_CAPTION, None)
    return list(Recognizer(lexicon).recognize(_words(), context).readings)


def render(lexicon: Lexicon) -> str:
    """The page, as Markdown."""
    config = RecognizerConfig()
    out = [
        "# How recognition decides",
        "",
        "<!-- made by `python -m pfocr.recognize.docs`; a test keeps it in step -->",
        "",
        "Recognition reads a figure's OCR words in three stages. Every step that changes",
        "a reading's decision (accepted, dropped, re-ranked, re-mapped) writes it into the",
        "reading's trail: the stage, the decision before and after, and the reason in words.",
        "The trails are stored with the mentions (table `readings`), shown on the figure",
        'page (hover over a box; "How each label was read" lists every reading, dropped',
        "ones too), served at `GET /api/figures/{figid}/readings`, and printed by",
        "`pfocr explain FIGID [TEXT]`.",
        "",
        "1. **candidates** (`recognize/candidates.py`, `labels.py`, `layout.py`,",
        "   `splits.py`, `lookup.py`): words become candidate labels (single words,",
        "   adjacent words of one line, labels printed over two lines, lists and ranges,",
        "   glued labels); each is looked up under its variants and scored.",
        "2. **the passes**, in this order (`recognize/passes/`, one module each):",
        "",
        "| # | pass | runs when these switches are on | what it does |",
        "|---|---|---|---|",
    ]
    for i, p in enumerate(PASSES, 1):
        switches = ", ".join(f"`{s}`" for s in p.switches)
        out.append(f"| {i} | `{p.name}` | {switches} | {p.summary} |")
    out += [
        "",
        "3. **threshold** (`recognize/decide.py`): a gene reading whose confidence is at",
        f"   least {config.threshold} is accepted into the gene set; the others stay as",
        "   readings below the threshold, families as family mentions (never expanded).",
        "",
        "## Switches",
        "",
        "Each switch is a field of `RecognizerConfig`; `skip` turns off passes by name.",
        "`bench/ablation.py` measures every switch and every pass from the same table.",
        "",
        "| switch | turns off |",
        "|---|---|",
        *[f"| `{s}` | {what} |" for s, what in SWITCHES.items()],
        "",
        "## An explained example",
        "",
        f'A small TGF-β figure with the caption "{EXAMPLE_CAPTION}" and these words, line',
        "by line: " + "; ".join(" ".join(line) for line in EXAMPLE_LINES) + ".",
        "`pfocr explain` prints the trail of every reading below. It answers the",
        "curator's questions: `TβRI` is TGFBR1 because the Greek letter reaches TGFBR1's",
        "alias TBRI with the receptor type as printed (a Roman-numeral reading, TBR1, is",
        "not tried for a receptor type that a name already covers); `CAMP` was dropped by",
        "the homograph pass because the figure also shows PKA and ATP; `IAP` names four",
        "genes equally and stays below the threshold; `Smads` is a family, not expanded.",
        "",
        "",
        "```",
    ]
    for r in example_readings(lexicon):
        out.extend(format_reading(r))
    out += ["```", ""]
    return "\n".join(out)


if __name__ == "__main__":
    sys.stdout.write(render(load_lexicon()))
