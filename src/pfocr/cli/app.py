"""The Typer application and its error handling (commands live in sibling modules)."""

from __future__ import annotations

import functools
import logging
import sys
from collections.abc import Callable
from typing import Annotated, ParamSpec, TypeVar

import typer

from pfocr.errors import InputError

try:  # typer 0.24+ carries its own copy of click
    from typer._click import exceptions as cli_errors
except ImportError:  # pragma: no cover - older typer on the real click
    from click import exceptions as cli_errors  # type: ignore[no-redef]

__all__ = ["DbOption", "JsonOption", "app", "export_app", "fail", "guarded", "main"]

P = ParamSpec("P")
R = TypeVar("R")

app = typer.Typer(
    name="pfocr",
    help="Pathway figure OCR: figures in, gene sets, records, a database and a site out.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
export_app = typer.Typer(help="Export gene sets, records and mentions.", no_args_is_help=True)
app.add_typer(export_app, name="export")

DbOption = Annotated[
    str,
    typer.Option(
        "--db",
        help="The store: an SQLite file, or a PostgreSQL URL (postgresql://user@host/db)",
        envvar="PFOCR_DB",
        show_default=True,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table")]


@app.callback()
def _configure(
    verbose: Annotated[int, typer.Option("-v", "--verbose", count=True, help="More logs")] = 0,
) -> None:
    level = logging.WARNING if verbose == 0 else logging.INFO if verbose == 1 else logging.DEBUG
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")


def fail(message: str) -> typer.Exit:
    """Print a one-line error on stderr and return the exit (status 2) to raise.

    :param message: the message
    :returns: the exit exception
    """
    typer.echo(f"error: {' '.join(message.split())}", err=True)
    return typer.Exit(code=2)


def guarded(func: Callable[P, R]) -> Callable[P, R]:
    """Turn :class:`~pfocr.errors.InputError` raised by a command into a one-line exit 2.

    :param func: the command function
    :returns: the wrapped function (Typer reads the original signature)
    """

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except InputError as exc:
            raise fail(str(exc)) from exc

    return wrapper


def main() -> None:
    """Console-script entry point: bad input and usage errors end with one line on stderr
    and status 2 (click's own usage boxes are not drawn)."""
    try:
        code = app(standalone_mode=False)
    except cli_errors.NoArgsIsHelpError as exc:
        typer.echo(exc.ctx.get_help() if exc.ctx else str(exc), err=True)
        sys.exit(2)
    except cli_errors.UsageError as exc:
        command = exc.ctx.command_path if exc.ctx else "pfocr"
        message = " ".join(exc.format_message().split())
        typer.echo(f"error: {message} (see `{command} --help`)", err=True)
        sys.exit(2)
    except typer.Abort:
        typer.echo("error: aborted", err=True)
        sys.exit(1)
    except InputError as exc:
        typer.echo(f"error: {' '.join(str(exc).split())}", err=True)
        sys.exit(2)
    sys.exit(code if isinstance(code, int) else 0)
