"""Loose figure images with optional ``<stem>.json`` sidecars of Figure/Paper fields."""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path
from typing import Any

import ftfy

from pfocr.errors import InputError
from pfocr.ingest.models import FIGURE_FIELDS, PAPER_FIELDS, Figure, FigureInput, Paper

__all__ = ["figure_from_image", "normalise_pmcid", "read_sidecar"]

logger = logging.getLogger(__name__)

#: Sidecars are a few kB; anything far larger is not a sidecar.
MAX_SIDECAR_BYTES = 4 * 2**20

# Filled in by the images stage from the pixels, never taken from a sidecar.
_COMPUTED = frozenset({"sha256", "width", "height", "source"})
_TEXT_FIELDS = frozenset(FIGURE_FIELDS + PAPER_FIELDS) - _COMPUTED - {"year"}
# Identifiers that some exporters write as JSON numbers.
_NUMBER_AS_TEXT = frozenset({"pmid", "number", "pmcid"})
_PMCID = re.compile(r"(?:PMC)?\s*(\d+)", re.IGNORECASE)
_YEAR = re.compile(r"\d{1,4}")


def normalise_pmcid(value: str | int) -> str:
    """Return a PubMed Central id as ``PMC`` + digits.

    :param value: e.g. ``"PMC3962044"``, ``"pmc3962044"``, ``"3962044"`` or ``3962044``
    :returns: ``"PMC3962044"``
    :raises ValueError: the value is not a PMC id
    """
    match = _PMCID.fullmatch(str(value).strip())
    if match is None:
        raise ValueError(f"{value!r} is not a PMC id")
    return f"PMC{match.group(1)}"


def read_sidecar(path: Path) -> dict[str, Any]:
    """Read and type-check a sidecar; unknown keys are ignored.

    Text fields must be strings (``pmid``/``number``/``pmcid`` may be numbers); ``year``
    may be an integer or a string of digits (``""`` means unknown); ``pmcid`` is
    normalised to ``PMC`` + digits. Empty values are dropped.

    :param path: the ``.json`` file
    :returns: the checked fields
    :raises InputError: the file cannot be read, is not a JSON object or a field has the
        wrong type
    """
    try:
        if path.stat().st_size > MAX_SIDECAR_BYTES:
            raise InputError(f"{path}: sidecar is larger than {MAX_SIDECAR_BYTES} bytes")
        raw = json.loads(path.read_bytes().decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: sidecar is not UTF-8 ({exc.reason})") from None
    except json.JSONDecodeError as exc:
        raise InputError(
            f"{path}: sidecar is not valid JSON (line {exc.lineno} column {exc.colno}: {exc.msg})"
        ) from None
    except (OSError, RecursionError) as exc:
        raise InputError(f"{path}: cannot read sidecar ({exc})") from None
    if not isinstance(raw, dict):
        raise InputError(f"{path}: sidecar must be a JSON object, not {type(raw).__name__}")
    fields: dict[str, Any] = {}
    for key, value in raw.items():
        if key in _COMPUTED or (key not in _TEXT_FIELDS and key != "year"):
            logger.debug("%s: ignoring sidecar key %r", path, key)
            continue
        checked = _check_field(path, key, value)
        if checked is not None:
            fields[key] = checked
    return fields


def _check_field(path: Path, key: str, value: Any) -> str | int | None:
    if value is None:
        return None
    if key == "year":
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        if isinstance(value, str):
            text = value.strip()
            if not text:
                return None
            if _YEAR.fullmatch(text):
                return int(text)
        raise InputError(f"{path}: sidecar field 'year' must be an integer, not {value!r:.40}")
    if isinstance(value, int) and not isinstance(value, bool) and key in _NUMBER_AS_TEXT:
        value = str(value)
    if not isinstance(value, str):
        raise InputError(
            f"{path}: sidecar field {key!r} must be a string, not {type(value).__name__}"
        )
    text = value.strip()
    if not text:
        return None
    if key == "pmcid":
        try:
            return normalise_pmcid(text)
        except ValueError:
            message = f"{path}: sidecar field 'pmcid' {text!r:.40} is not a PMC id"
            raise InputError(message) from None
    if key in _NUMBER_AS_TEXT or key in ("figid", "doi", "filename", "figlink"):
        return text
    # captions copied through the wrong code page ("NF-Œ∫B" for NF-κB) are repaired
    return ftfy.fix_text(text)


def figure_from_image(image: Path, source: str, sidecar: Path | None) -> FigureInput:
    """Describe one loose image, with the fields of its sidecar when there is one.

    The figid is the sidecar's ``figid``, else ``<pmcid>__<stem>`` when the sidecar gives
    a pmcid, else the file stem. A :class:`Paper` is attached when the pmcid is known.

    :param image: the image file
    :param source: how the figure's origin is recorded (usually ``str(image)``)
    :param sidecar: the ``<stem>.json`` beside the image, if any
    :returns: the figure to process
    :raises InputError: the sidecar is malformed
    """
    fields = read_sidecar(sidecar) if sidecar is not None else {}
    pmcid = fields.get("pmcid")
    figid = fields.get("figid") or (f"{pmcid}__{image.stem}" if pmcid else image.stem)
    figure_fields = {k: v for k, v in fields.items() if k in FIGURE_FIELDS}
    figure_fields.update(figid=figid, source=source)
    figure_fields.setdefault("filename", image.name)
    paper = None
    if pmcid:
        paper = Paper(**{k: v for k, v in fields.items() if k in PAPER_FIELDS})
    return FigureInput(figure=Figure(**figure_fields), paper=paper, image_path=image)
