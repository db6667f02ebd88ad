"""``pfocr explain``: why each label of a figure was read as it was (the readings' trails)."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Annotated

import typer

from pfocr.cli.app import DbOption, JsonOption, app, guarded
from pfocr.errors import InputError
from pfocr.recognize.docs import format_reading
from pfocr.store import Store, matching
from pfocr.store.migrate import schema_version

__all__ = ["explain_cmd"]


@app.command("explain")
@guarded
def explain_cmd(
    figid: Annotated[str, typer.Argument(help="The figure")],
    text: Annotated[str | None, typer.Argument(help="One label (as printed)")] = None,
    db: DbOption = "pfocr.sqlite",
    as_json: JsonOption = False,
) -> None:
    """Print why each label of a figure (or one label) was read as it was.

    Every reading's trail: what each recognition pass decided, and why; for the whole
    figure, its organisms first (host, drawn, named) with their evidence.
    """
    with Store(db, readonly=True) as store:
        if store.figure(figid) is None:
            raise InputError(f"no figure {figid!r} in {db}")
        readings = store.readings(figid)
        organisms = store.organisms(figid)
        version = schema_version(store.conn)
    if not readings and version < 3:
        raise InputError(f"{db} holds no trails (made before schema 3): run `pfocr run` again")
    chosen = matching(readings, text)
    if text and not chosen:
        raise InputError(f"no reading of {text!r} in {figid}")
    if as_json:
        typer.echo(json.dumps([asdict(r) for r in chosen], ensure_ascii=False, indent=1))
        return
    if text is None:  # the figure's organisms first: the host decides how labels are read
        for o in organisms:
            typer.echo(f"organism {o.role}: {o.name} (taxid {o.taxid}, {o.group}); {o.evidence}")
    for r in chosen:
        typer.echo("\n".join(format_reading(r)))
