"""Documentation stays true: every command and setting is in the README (as datasette does)."""

from __future__ import annotations

from pathlib import Path

import typer

from pfocr.cli import app
from pfocr.settings import Settings

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def _commands(t: typer.Typer, prefix: str = "") -> list[str]:
    out = []
    for info in t.registered_commands:
        name = info.name or (info.callback.__name__ if info.callback else "")
        out.append(f"{prefix}{name}")
    for group in t.registered_groups:
        assert group.typer_instance is not None
        out.extend(_commands(group.typer_instance, f"{prefix}{group.name} "))
    return out


def test_every_command_is_documented() -> None:
    commands = _commands(app)
    assert "run" in commands and "export gmt" in commands
    for command in commands:
        assert f"pfocr {command}" in README, f"`pfocr {command}` is not in the README"


def test_every_setting_is_documented() -> None:
    for name in Settings.model_fields:
        assert f"PFOCR_{name.upper()}" in README, f"PFOCR_{name.upper()} is not in the README"


def test_readme_opens_with_the_two_commands() -> None:
    head = README[:400]
    assert "make run" in head and "make test" in head
